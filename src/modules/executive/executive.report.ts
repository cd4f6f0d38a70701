// Executive report as a PDF (issue 15 item 5): the figures of one /eksekutif view on the region's
// letterhead, on demand (GET /eksekutif/laporan.pdf) and monthly. The job
// `executive.monthly-report` looks every hour whether today (region time) is the first working
// day of the month (weekends and the holidays table skipped); if so it renders the previous
// month's region-wide report and e-mails a link to it to every active region-wide executive.
// Exactly once with any number of nodes and runs: the month's row of exec_monthly_reports (with
// the PDF) is inserted ON CONFLICT DO NOTHING in the transaction that writes the e-mails to the
// outbox. A first working day that passes with no node running is not made up afterwards; the
// on-demand PDF gives any month.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.ts';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { renderPdf, type PdfBlock } from '../../platform/pdf/pdf.ts';
import { formatDate, isLocale, messageKeyOr, t as translate, type Locale, type MessageKey } from '../../platform/views/i18n.ts';
import { formatDecimal, formatInteger, formatPercent, formatRupiah } from '../../platform/format.ts';
import { instantOfLocal, localDateOf, type RegionTimeZone, type WorkingCalendar } from '../../platform/calendar/working-time.ts';
import { FIRST_RESPONSE_WORKING_DAYS } from '../complaints/index.ts';
import { addDays, periodOf, type Period } from './executive.periods.ts';
import { ESCALATE_AFTER_WORKING_DAYS, type Dashboard, type Executive, type ExtraCards } from './executive.service.ts';
import { openPerson } from '../identity/index.ts';

export const MONTHLY_REPORT_JOB = defineJob('executive.monthly-report', z.object({}));
export const MONTHLY_REPORT_EVERY_SECONDS = 3600;

export interface ReportInput {
  locale: Locale;
  regionName: string;
  timeZone: string;
  d: Dashboard;
  cards: ExtraCards;
  /** The agencies the figures cover (null = the whole region). */
  scopeName: string | null;
  now: Date;
}

const ratio = (a: number, b: number) => (b > 0 ? formatPercent((100 * a) / b, 1) : '—');

/** The figures of one dashboard view as a PDF on the region's letterhead. */
export async function executiveReportPdf(r: ReportInput): Promise<Buffer> {
  // Labels start with a capital letter in the document (the page's run on after a figure).
  const t = (k: MessageKey, p?: Record<string, string | number>) => {
    const text = translate(r.locale, k, p);
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  const day = (d: string) => formatDate(r.locale, instantOfLocal(r.timeZone as RegionTimeZone, d, '12:00')!, r.timeZone);
  const range = (p: Period) => (p.from === p.to ? day(p.from) : t('exec.period_range', { from: day(p.from), to: day(p.to) }));
  const { d, cards } = r;
  const c = d.flow.current;
  const p = d.flow.previous;
  const ly = d.flow.lastYear;
  const n = (v: number | null) => (v === null ? '—' : formatInteger(v));
  const blocks: PdfBlock[] = [
    { kind: 'letterhead', region: r.regionName, agency: t('exec.report.issuer') },
    { kind: 'title', text: t('exec.report.title'), subtitle: range(d.period) },
    {
      kind: 'keyValue',
      rows: [
        { label: t('exec.report.scope'), value: r.scopeName ?? t('exec.report.region', { region: r.regionName }) },
        { label: t('exec.report.period'), value: range(d.period) },
        { label: t('exec.report.made'), value: formatDate(r.locale, r.now, r.timeZone) },
      ],
    },
    { kind: 'heading', text: t('exec.card.flow') },
    {
      kind: 'table',
      columns: [{ header: t('exec.report.measure'), width: 3 }, { header: range(d.period), align: 'right' }, { header: range(d.previous), align: 'right' }, { header: range(d.lastYear), align: 'right' }],
      rows: [
        [t('exec.m.received'), n(c.received), n(p.received), n(ly.received)],
        [t('exec.m.completed'), n(c.completed), n(p.completed), n(ly.completed)],
        [t('exec.m.sla'), ratio(c.completedInSla, c.completed), ratio(p.completedInSla, p.completed), ratio(ly.completedInSla, ly.completed)],
        [t('exec.m.sent_back_rate'), ratio(c.sentBack, c.completed), ratio(p.sentBack, p.completed), ratio(ly.sentBack, ly.completed)],
        [t('exec.m.median'), n(d.durations.median), n(d.durations.previousMedian), '—'],
        [t('exec.m.p90'), n(d.durations.p90), n(d.durations.previousP90), '—'],
      ],
    },
    {
      kind: 'keyValue',
      rows: [
        { label: t('exec.m.in_progress'), value: formatInteger(d.open.unclaimed + d.open.in_process + d.open.with_applicant) },
        { label: t('exec.m.overdue'), value: formatInteger(d.overdue) },
        { label: t('exec.m.escalated', { days: ESCALATE_AFTER_WORKING_DAYS }), value: formatInteger(d.escalated) },
      ],
    },
    { kind: 'heading', text: t('exec.card.revenue') },
    {
      kind: 'keyValue',
      rows: [
        { label: t('exec.m.billed'), value: formatRupiah(d.revenue.billed) },
        { label: t('exec.m.paid'), value: formatRupiah(d.revenue.paid) },
        ...(cards.reconciled !== null ? [{ label: t('exec.m.reconciled'), value: formatRupiah(cards.reconciled) }] : []),
        { label: t('exec.m.outstanding'), value: formatRupiah(d.revenue.outstanding) },
        { label: d.revenue.target === null ? t('exec.m.no_target') : t('exec.m.target', { year: d.period.to.slice(0, 4) }), value: d.revenue.target === null ? '—' : formatRupiah(d.revenue.target) },
      ],
    },
  ];
  if (cards.complaints) {
    const k = cards.complaints;
    blocks.push(
      { kind: 'heading', text: t('exec.card.complaints') },
      {
        kind: 'keyValue',
        rows: [
          { label: t('exec.c.received'), value: formatInteger(k.received) },
          { label: t('exec.c.first_response', { days: FIRST_RESPONSE_WORKING_DAYS }), value: `${ratio(k.respondedInTime, k.responseDue)} (${t('exec.c.of', { a: formatInteger(k.respondedInTime), b: formatInteger(k.responseDue) })})` },
          { label: t('exec.c.in_tier'), value: `${ratio(k.resolvedInTier, k.resolved)} (${t('exec.c.of', { a: formatInteger(k.resolvedInTier), b: formatInteger(k.resolved) })})` },
          { label: t('exec.c.reopen'), value: `${ratio(k.reopened, k.everResolved)} (${t('exec.c.of', { a: formatInteger(k.reopened), b: formatInteger(k.everResolved) })})` },
        ],
      },
      {
        kind: 'table',
        columns: [{ header: t('exec.c.status'), width: 3 }, { header: t('exec.c.count'), align: 'right' }],
        rows: Object.entries(k.byStatus).map(([s, v]) => [t(messageKeyOr(`complaints.status.${s}`, 'value.unknown')), formatInteger(v)]),
        emptyText: '—',
      },
    );
  }
  if (cards.spbe) {
    const s = cards.spbe;
    blocks.push(
      { kind: 'heading', text: t('exec.card.spbe') },
      {
        kind: 'keyValue',
        rows: [
          s.index ? { label: t('exec.s.index', { year: s.index.year }), value: `${formatDecimal(Number(s.index.value), 2)} (${s.index.predicate})${s.index.final ? '' : ` ${t('exec.s.draft')}`}` } : { label: t('exec.s.no_index'), value: '—' },
          { label: t('exec.s.roadmap', { year: s.roadmap.year, n: formatInteger(s.roadmap.initiatives) }), value: s.roadmap.meanPercent === null ? '—' : formatPercent(s.roadmap.meanPercent, 1) },
          { label: t('exec.s.findings'), value: `${formatInteger(s.findings.open)} (${t('exec.s.overdue', { n: formatInteger(s.findings.overdue) })})` },
        ],
      },
    );
  }
  blocks.push(
    { kind: 'heading', text: d.breakdownBy === 'agency' ? t('exec.card.agencies') : t('exec.f.service') },
    {
      kind: 'table',
      columns: [{ header: d.breakdownBy === 'agency' ? t('exec.m.agency') : t('exec.f.service'), width: 3 }, { header: t('exec.m.received'), align: 'right' }, { header: t('exec.m.completed'), align: 'right' }, { header: t('exec.m.sla'), align: 'right' }, { header: t('exec.m.open'), align: 'right' }],
      rows: d.breakdown.map((b) => [b.name, formatInteger(b.received), formatInteger(b.completed), ratio(b.completedInSla, b.completed), formatInteger(b.open)]),
      emptyText: '—',
    },
    { kind: 'paragraph', text: t('exec.report.definitions'), muted: true },
  );
  return renderPdf({
    info: { title: `${t('exec.report.title')} ${range(d.period)}`, author: r.regionName },
    createdAt: r.now,
    pageLabel: (page, total) => t('exec.report.page', { page, total }),
    footerNote: t('exec.report.title'),
    blocks,
  });
}

/** The first working day of the month that `monthStart` (YYYY-MM-01) begins. */
export function firstWorkingDay(cal: WorkingCalendar, monthStart: string): string {
  let d = monthStart;
  for (let i = 0; i < 31 && !cal.isWorkingDay(d); i++) d = addDays(d, 1);
  return d;
}

export interface MonthlyReportDeps {
  database: Database;
  executive: Executive;
  mailer: Mailer;
  region: () => Promise<{ name: string; timeZone: string }>;
  baseUrl: string;
  /** Injected clock (tests); default the system clock. */
  now?: () => Date;
}

export interface MonthlyReportRun {
  /** The first day of the month reported, or null when today is not the first working day. */
  month: string | null;
  sent: boolean;
  recipients: number;
}

export const monthlyReportPath = (month: string) => `/eksekutif/laporan-bulanan/${month.slice(0, 7)}`;

export function createMonthlyReport(deps: MonthlyReportDeps) {
  const clock = deps.now ?? (() => new Date());
  const db = deps.database.db;

  async function runOnce(now: Date = clock()): Promise<MonthlyReportRun> {
    // Read and render outside the transaction (PGlite has one connection).
    const cal = await deps.executive.calendar();
    const today = localDateOf(cal.timeZone, now);
    const thisMonth = `${today.slice(0, 7)}-01`;
    if (today !== firstWorkingDay(cal, thisMonth)) return { month: null, sent: false, recipients: 0 };
    const period = periodOf('bulan', addDays(thisMonth, -1));
    const taken = await db.selectFrom('exec_monthly_reports').select('month').where('month', '=', period.from).executeTakeFirst();
    if (taken) return { month: period.from, sent: false, recipients: 0 };
    const region = await deps.region();
    const [d, cards] = await Promise.all([deps.executive.dashboard({ agencies: 'all' }, period, now), deps.executive.cards({ agencies: 'all' }, period, now)]);
    const pdf = await executiveReportPdf({ locale: 'id', regionName: region.name, timeZone: region.timeZone, d, cards, scopeName: null, now });
    return db.transaction().execute(async (trx) => {
      const claimed = await sql<{ month: string }>`insert into exec_monthly_reports (month, pdf) values (${period.from}::date, ${pdf})
        on conflict (month) do nothing returning month`.execute(trx);
      if (!claimed.rows.length) return { month: period.from, sent: false, recipients: 0 };
      // Region-wide executives only: an agency head's figures are his agency's (E-2).
      const users = await trx
        .selectFrom('role_grants as g')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .select(['u.id', 'u.name', 'u.email', 'u.locale'])
        .distinct()
        .where('g.role', '=', 'executive')
        .where('g.agency_id', 'is', null)
        .where('g.revoked_at', 'is', null)
        .where('u.status', '=', 'active')
        .where('u.email', 'is not', null)
        .orderBy('u.id')
        .execute()
        .then((rows) => rows.map((r) => openPerson(r)));
      const link = `${deps.baseUrl.replace(/\/$/, '')}${monthlyReportPath(period.from)}`;
      for (const u of users) {
        const locale: Locale = isLocale(u.locale) ? u.locale : 'id';
        const t = (k: MessageKey, p?: Record<string, string | number>) => translate(locale, k, p);
        const month = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${period.from}T12:00:00Z`));
        const text = [t('exec.report.mail.greeting', { name: u.name }), '', t('exec.report.mail.body', { month, region: region.name }), '', link, '', t('exec.report.mail.footer', { region: region.name })].join('\n');
        await deps.mailer.send(trx, { to: u.email!, subject: t('exec.report.mail.subject', { month }), text: `${text}\n` });
      }
      await sql`update exec_monthly_reports set recipients = ${users.length} where month = ${period.from}::date`.execute(trx);
      await recordAudit(trx, { actor: null, label: 'sistem' }, { action: 'executive.monthly_report.send', entityType: 'executive_monthly_report', entityId: null, after: { month: period.from, recipients: users.length } });
      return { month: period.from, sent: true, recipients: users.length };
    });
  }

  /** The stored PDF of a reported month (YYYY-MM-01), or null. */
  async function stored(month: string): Promise<Buffer | null> {
    const r = await db.selectFrom('exec_monthly_reports').select('pdf').where('month', '=', month).executeTakeFirst();
    return r ? Buffer.from(r.pdf) : null;
  }

  return {
    runOnce,
    stored,
    registerJobs(jobs: JobQueue): void {
      jobs.register(MONTHLY_REPORT_JOB, async () => {
        await runOnce();
      });
      jobs.schedule(MONTHLY_REPORT_JOB, MONTHLY_REPORT_EVERY_SECONDS);
    },
  };
}

export type MonthlyReport = ReturnType<typeof createMonthlyReport>;
