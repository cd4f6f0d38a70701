// Breach register (UU PDP Pasal 46): an incident with what happened, when it was discovered,
// whose data, the measures taken; the notice to the persons affected and to the authority is
// due 3 × 24 hours after discovery. That is counted in calendar hours, weekends included: the
// law sets hours, and a breach does not wait for Monday (data-subject requests, by contrast,
// run on the working-day calendar). Notices are prepared from templates in each reader's
// language; every step is audited.
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/db/schema.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { formatDateTime, t } from '../../platform/views/i18n.ts';
import { userContacts } from '../identity/index.ts';

export const BREACH_NOTICE_HOURS = 72;
const HOUR_MS = 3_600_000;

export interface BreachInput {
  title: string;
  description: string;
  occurredAt: Date | null;
  discoveredAt: Date;
  dataCategories: string;
  measures: string;
  affectedEstimate: number | null;
  /** Users known to be affected (found by the caller, e.g. from NIKs). */
  affectedUserIds: string[];
}

export interface BreachIncident {
  id: string;
  title: string;
  description: string;
  occurredAt: Date | null;
  discoveredAt: Date;
  notifyDueAt: Date;
  dataCategories: string;
  measures: string;
  affectedEstimate: number | null;
  affectedKnown: number;
  affectedNotified: number;
  status: 'open' | 'notified' | 'closed';
  subjectsNotifiedAt: Date | null;
  authorityNotifiedAt: Date | null;
}

export type BreachDeadline = 'on_time' | 'nearing' | 'overdue' | 'met' | 'late';

/** Where the 3 × 24 hour clock stands: met/late once both notices went, else on time, nearing (last 24 h) or overdue. */
export function breachDeadline(i: Pick<BreachIncident, 'notifyDueAt' | 'subjectsNotifiedAt' | 'authorityNotifiedAt'>, now: Date): BreachDeadline {
  const due = i.notifyDueAt.getTime();
  if (i.subjectsNotifiedAt && i.authorityNotifiedAt) return Math.max(i.subjectsNotifiedAt.getTime(), i.authorityNotifiedAt.getTime()) <= due ? 'met' : 'late';
  if (now.getTime() > due) return 'overdue';
  return due - now.getTime() <= 24 * HOUR_MS ? 'nearing' : 'on_time';
}

export function notifyDueAt(discoveredAt: Date): Date {
  return new Date(discoveredAt.getTime() + BREACH_NOTICE_HOURS * HOUR_MS);
}

/** The notice (Pasal 46 ayat (2): which data, when and how it was exposed, what is done), from the template. */
export function breachNotice(locale: Locale, audience: 'subject' | 'authority', i: BreachIncident, ctx: { regionName: string; timeZone: string; name?: string }): { subject: string; text: string } {
  const when = (d: Date | null) => (d ? formatDateTime(locale, d, ctx.timeZone) : t(locale, 'breach.notice.unknown'));
  const params = {
    region: ctx.regionName,
    name: ctx.name ?? '',
    title: i.title,
    description: i.description,
    data: i.dataCategories || t(locale, 'breach.notice.unknown'),
    occurred: when(i.occurredAt),
    discovered: when(i.discoveredAt),
    measures: i.measures || t(locale, 'breach.notice.unknown'),
    affected: i.affectedEstimate ?? i.affectedKnown,
  };
  return { subject: t(locale, `breach.notice.${audience}.subject`, params), text: t(locale, `breach.notice.${audience}.body`, params) };
}

type Who = { actor: Actor | null; meta?: RequestMeta | null };

export function createBreaches(deps: { database: Database; mailer: Mailer }) {
  const db = deps.database.db;

  async function load(id: string): Promise<BreachIncident> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound();
    const r = await db.selectFrom('breach_incidents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw errors.notFound();
    const counts = await db
      .selectFrom('breach_affected')
      .select((eb) => [eb.fn.countAll<number>().as('known'), eb.fn.count<number>('notified_at').as('notified')])
      .where('incident_id', '=', id)
      .executeTakeFirstOrThrow();
    return {
      id: r.id,
      title: r.title,
      description: r.description,
      occurredAt: r.occurred_at,
      discoveredAt: r.discovered_at,
      notifyDueAt: r.notify_due_at,
      dataCategories: r.data_categories,
      measures: r.measures,
      affectedEstimate: r.affected_estimate,
      affectedKnown: Number(counts.known),
      affectedNotified: Number(counts.notified),
      status: r.status,
      subjectsNotifiedAt: r.subjects_notified_at,
      authorityNotifiedAt: r.authority_notified_at,
    };
  }

  return {
    async list(actor: Actor | null): Promise<BreachIncident[]> {
      authorize(actor, 'privacy.breach.read');
      const ids = await db.selectFrom('breach_incidents').select('id').orderBy('discovered_at', 'desc').limit(200).execute();
      return Promise.all(ids.map((r) => load(r.id)));
    },

    async get(actor: Actor | null, id: string): Promise<BreachIncident> {
      authorize(actor, 'privacy.breach.read');
      return load(id);
    },

    async record(who: Who, input: BreachInput, now = new Date()): Promise<BreachIncident> {
      authorize(who.actor, 'privacy.breach.manage');
      const fields: FieldError[] = [];
      if (input.title.trim().length < 3) fields.push({ field: 'title', key: 'breach.v.title' });
      if (input.description.trim().length < 5) fields.push({ field: 'description', key: 'breach.v.description' });
      if (input.discoveredAt.getTime() > now.getTime() + 5 * 60_000) fields.push({ field: 'discovered_date', key: 'breach.v.discovered_future' });
      if (input.occurredAt && input.occurredAt.getTime() > input.discoveredAt.getTime()) fields.push({ field: 'occurred_date', key: 'breach.v.occurred_after' });
      if (fields.length) throw errors.validation(fields);
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('breach_incidents')
          .values({
            title: input.title.trim(),
            description: input.description.trim(),
            occurred_at: input.occurredAt,
            discovered_at: input.discoveredAt,
            notify_due_at: notifyDueAt(input.discoveredAt),
            data_categories: input.dataCategories.trim(),
            measures: input.measures.trim(),
            affected_estimate: input.affectedEstimate,
            recorded_by: who.actor!.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const userId of new Set(input.affectedUserIds)) await trx.insertInto('breach_affected').values({ incident_id: row.id, user_id: userId }).execute();
        await recordAudit(trx, who, { action: 'breach.record', entityType: 'breach_incident', entityId: row.id, after: { title: input.title.trim(), discoveredAt: input.discoveredAt.toISOString(), affectedKnown: input.affectedUserIds.length } });
        return row.id;
      });
      return load(id);
    },

    /** Sends the prepared notice by e-mail to every affected person not yet told (in his language). */
    async notifySubjects(who: Who, id: string, region: { name: string; timeZone: string }, now = new Date()): Promise<number> {
      authorize(who.actor, 'privacy.breach.manage');
      const incident = await load(id);
      return db.transaction().execute(async (trx) => {
        const affected = await trx.selectFrom('breach_affected').select('user_id').where('incident_id', '=', id).where('notified_at', 'is', null).execute();
        // Their names, addresses and languages from identity's face, not by joining its table.
        const contacts = await userContacts(trx, affected.map((a) => a.user_id));
        const people = affected.flatMap((a) => contacts.get(a.user_id) ?? []);
        let sent = 0;
        for (const p of people) {
          if (p.email) {
            const n = breachNotice(p.locale, 'subject', incident, { regionName: region.name, timeZone: region.timeZone, name: p.name });
            await deps.mailer.send(trx, { to: p.email, subject: n.subject, text: n.text });
            sent++;
          }
          await trx.updateTable('breach_affected').set({ notified_at: now }).where('incident_id', '=', id).where('user_id', '=', p.id).execute();
        }
        const authority = incident.authorityNotifiedAt;
        await trx
          .updateTable('breach_incidents')
          .set({ subjects_notified_at: incident.subjectsNotifiedAt ?? now, status: authority ? 'notified' : 'open', updated_at: now })
          .where('id', '=', id)
          .execute();
        await recordAudit(trx, who, { action: 'breach.notify_subjects', entityType: 'breach_incident', entityId: id, after: { persons: people.length, emails: sent } });
        return people.length;
      });
    },

    /** Records that the prepared notice went to the authority (by letter or its portal). */
    async authorityNotified(who: Who, id: string, now = new Date()): Promise<void> {
      authorize(who.actor, 'privacy.breach.manage');
      const incident = await load(id);
      if (incident.authorityNotifiedAt) throw new AppError('conflict', 409, 'breach.authority.already');
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('breach_incidents')
          .set({ authority_notified_at: now, status: incident.subjectsNotifiedAt ? 'notified' : 'open', updated_at: now })
          .where('id', '=', id)
          .execute();
        await recordAudit(trx, who, { action: 'breach.notify_authority', entityType: 'breach_incident', entityId: id, after: { at: now.toISOString() } });
      });
    },
  };
}

export type Breaches = ReturnType<typeof createBreaches>;
