// Daily reconciliation summary e-mail (P-7): the job `payments.daily-summary` runs every
// quarter of an hour on whatever node is free; once the region's local hour has reached
// PAYMENTS_DAILY_SUMMARY_HOUR it sends the PREVIOUS day's summary to every active finance
// officer (bendahara penerimaan) — region-wide officers get all agencies, an agency's officer
// the figures of his agency.
//
// Exactly once, with any number of nodes and runs: the day's row in payment_daily_summaries
// is inserted (ON CONFLICT DO NOTHING) in the same transaction that writes the e-mails to the
// outbox, so either one transaction claims the day and its mails are committed with the
// claim, or it rolls back and a later run claims it. A concurrent second transaction waits on
// the primary key and then finds the day taken.
//
// A day whose whole window (from the hour until midnight) passes with no node running is not
// sent afterwards; the page /kelola/keuangan/ringkasan-harian shows any day.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { formatRupiah, t as translate, isLocale, type Locale, type MessageKey } from '../../platform/views/i18n.ts';
import { regionBasics, regionTimeZone } from '../agencies/index.ts';
import { manualReasons } from './matching.ts';
import { addLocalDays, dailySummary, localHour, localToday, type AgencyScope, type DailySummary } from './payments.reports.service.ts';
import { openPerson } from '../identity/index.ts';

export const DAILY_SUMMARY_JOB = defineJob('payments.daily-summary', z.object({}));
/** How often the job looks whether the day's summary is due (seconds). */
export const DAILY_SUMMARY_EVERY_SECONDS = 900;

export interface DailySummaryDeps {
  config: Pick<Config, 'paymentsDailySummaryHour' | 'baseUrl'>;
  database: Database;
  mailer: Mailer;
  /** Injected clock (tests); default the system clock. */
  now?: () => Date;
}

export interface DailySummaryRun {
  /** The local day summarised, or null when not yet due. */
  date: string | null;
  /** True when this run claimed the day (and wrote the e-mails). */
  sent: boolean;
  recipients: number;
}

interface Recipient {
  userId: string;
  name: string;
  email: string;
  locale: Locale;
  scope: AgencyScope;
}

/** The e-mail text of one summary, in the recipient's language. */
export function dailySummaryMail(locale: Locale, s: DailySummary, who: { name: string; regionScope: boolean }, links: { baseUrl: string; regionName: string }) {
  const t = (k: MessageKey, p?: Record<string, string | number>) => translate(locale, k, p);
  const [y, m, d] = s.date.split('-').map(Number) as [number, number, number];
  const dateText = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(y, m - 1, d)));
  const lines = [
    t('payments.daily.mail.greeting', { name: who.name }),
    '',
    t('payments.daily.mail.intro', { date: dateText, scope: t(who.regionScope ? 'payments.daily.mail.scope_all' : 'payments.daily.mail.scope_agencies') }),
    '',
    `- ${t('payments.daily.credits_imported')}: ${s.creditsImported} (${formatRupiah(s.creditsImportedAmount)})`,
    `- ${t('payments.daily.matched_auto')}: ${s.matchedAutomatically}`,
    `- ${t('payments.daily.matched_hand')}: ${s.matchedByHand}`,
    `- ${t('payments.daily.still_manual')}: ${s.stillManualTotal}`,
    ...manualReasons.filter((r) => s.stillManual[r] > 0).map((r) => `    ${t(`payments.daily.reason.${r}`)}: ${s.stillManual[r]}`),
    `- ${t('payments.daily.queue_total')}: ${s.queueTotal}`,
    `- ${t('payments.daily.bills_paid')}: ${s.billsPaid}`,
    `- ${t('payments.daily.amount_received')}: ${formatRupiah(s.amountReceived)}`,
    '',
    t('payments.daily.mail.link', { url: `${links.baseUrl.replace(/\/$/, '')}/kelola/keuangan/ringkasan-harian?tanggal=${s.date}` }),
    '',
    t('payments.daily.mail.footer', { region: links.regionName }),
  ];
  return { subject: t('payments.daily.mail.subject', { date: dateText }), text: lines.join('\n') + '\n' };
}

export function createDailySummary(deps: DailySummaryDeps) {
  const clock = deps.now ?? (() => new Date());
  const db = deps.database.db;

  /** Sends the previous day's summary if it is due and not yet sent. */
  async function runOnce(now: Date = clock()): Promise<DailySummaryRun> {
    // Read outside the transaction (PGlite has one connection).
    const tz = await regionTimeZone(db);
    if (localHour(now, tz) < deps.config.paymentsDailySummaryHour) return { date: null, sent: false, recipients: 0 };
    const date = addLocalDays(localToday(now, tz), -1);
    const region = await regionBasics(db);
    const regionName = region?.name ?? 'Simpul';

    return db.transaction().execute(async (trx) => {
      const claimed = await sql<{ day: string }>`insert into payment_daily_summaries (day) values (${date}::date)
        on conflict (day) do nothing returning day`.execute(trx);
      if (!claimed.rows.length) return { date, sent: false, recipients: 0 };

      const grants = await trx
        .selectFrom('role_grants as g')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .select(['u.id', 'u.name', 'u.email', 'u.locale', 'g.agency_id'])
        .where('g.role', '=', 'finance_officer')
        .where('g.revoked_at', 'is', null)
        .where('u.status', '=', 'active')
        .where('u.email', 'is not', null)
        .orderBy('u.id')
        .execute()
        .then((rows) => rows.map((r) => openPerson(r)));
      const byUser = new Map<string, Recipient>();
      for (const g of grants) {
        const r = byUser.get(g.id) ?? { userId: g.id, name: g.name, email: g.email!, locale: isLocale(g.locale) ? g.locale : 'id', scope: [] as string[] };
        if (g.agency_id === null) r.scope = 'all';
        else if (r.scope !== 'all') r.scope = [...r.scope, g.agency_id];
        byUser.set(g.id, r);
      }
      const cache = new Map<string, DailySummary>();
      for (const r of byUser.values()) {
        const key = r.scope === 'all' ? 'all' : [...r.scope].sort().join(',');
        let s = cache.get(key);
        if (!s) {
          s = await dailySummary(trx, { date, timeZone: tz, scope: r.scope });
          cache.set(key, s);
        }
        const mail = dailySummaryMail(r.locale, s, { name: r.name, regionScope: r.scope === 'all' }, { baseUrl: deps.config.baseUrl, regionName });
        await deps.mailer.send(trx, { to: r.email, subject: mail.subject, text: mail.text });
      }
      await sql`update payment_daily_summaries set recipients = ${byUser.size} where day = ${date}::date`.execute(trx);
      await recordAudit(trx, { actor: null, label: 'sistem' }, { action: 'payments.daily_summary.send', entityType: 'payment_daily_summary', entityId: null, after: { date, recipients: byUser.size } });
      return { date, sent: true, recipients: byUser.size };
    });
  }

  return {
    runOnce,
    registerJobs(jobs: JobQueue): void {
      jobs.register(DAILY_SUMMARY_JOB, async () => {
        await runOnce();
      });
      jobs.schedule(DAILY_SUMMARY_JOB, DAILY_SUMMARY_EVERY_SECONDS);
    },
  };
}

export type DailySummaryMailer = ReturnType<typeof createDailySummary>;
