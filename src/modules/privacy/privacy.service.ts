// Personal data protection (UU 27/2022): what a person sees about his own data (the access
// log, a machine-readable copy), his requests (correction, erasure, restriction) and how the
// data protection officer answers them within 3 working days.
import { sql } from 'kysely';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { loadCalendar } from '../../platform/calendar/calendar.service.ts';
import type { RegionTimeZone } from '../../platform/calendar/working-time.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/db/schema.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import type { RegionInfo } from '../../platform/http/context.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { recordPersonalDataAccess } from '../../platform/privacy/access-log.ts';
import { z } from 'zod';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import type { CorrectionField, RequestOutcome, SubjectRequestKind, SubjectRequestStatus } from '../../platform/privacy/privacy.tables.ts';
import { processingRestricted } from '../../platform/privacy/restriction.ts';
import { eraseSubjectData, exportSubjectData, type ErasureResult, type KeepReason, type SubjectExport } from '../../platform/privacy/subject-data.ts';
import { formatDateTime, messageKeyOr, t } from '../../platform/views/i18n.ts';
import { agencyNames } from '../agencies/index.ts';
import { openPerson, userContacts, userNames } from '../identity/index.ts';
import { breachDeadline } from './breach.service.ts';
import './privacy.policy.ts';

/** UU PDP Pasal 30, 32, 41: 3 × 24 hours, counted here as 3 working days of the region's calendar. */
export const REQUEST_WORKING_DAYS = 3;
export const requestKinds: readonly SubjectRequestKind[] = ['correction', 'erasure', 'restriction'];
export const DETAILS_MAX = 2000;
export const ANSWER_MAX = 4000;
export const VALUE_MAX = 500;
/** The fields a correction request may name (what the person says is wrong). */
export const correctionFields: readonly CorrectionField[] = ['name', 'address', 'phone', 'email', 'nik', 'business', 'application', 'other'];
/** The DPO deadline reminder job (requests: 1 working day left or overdue; breaches: 24 h left or overdue). */
export const deadlineReminderJob = defineJob('privacy.deadlines', z.object({}));

/**
 * Who carries out an approved correction of each field. `apply`: the owner module changes it
 * through a port given by the composition root (none today: identity's face has no officer-side
 * setter, so these fall back to `self_service`); `self_service`: the person changes it on his
 * account page (e-mail and phone need a code sent to the new address, which an officer cannot
 * stand in for); `refer`: the record comes from another office, which corrects it first.
 */
export const correctionRoute: Record<CorrectionField, 'apply' | 'self_service' | 'refer' | 'record'> = {
  name: 'apply',
  // The account's address carries official region codes the person picks himself (/akun/ubah).
  address: 'self_service',
  phone: 'self_service',
  email: 'self_service',
  nik: 'refer',
  business: 'refer',
  application: 'refer',
  other: 'record',
};

/** Applies an approved correction of one field in the caller's transaction (audited by the owner); false: not applied. */
export type Corrector = (trx: Executor, who: Who, userId: string, field: CorrectionField, value: string) => Promise<boolean>;

export interface AccessEntry {
  at: Date;
  agencyName: string | null;
  roles: string[];
  reference: string | null;
  kinds: string[];
  purpose: string;
  channel: string;
}

export interface SubjectRequest {
  id: string;
  userId: string;
  userName: string;
  kind: SubjectRequestKind;
  details: string;
  status: SubjectRequestStatus;
  receivedAt: Date;
  dueAt: Date;
  answer: string | null;
  answeredAt: Date | null;
  field: CorrectionField | null;
  correctedValue: string | null;
  outcome: RequestOutcome | null;
}

export const legalBases = ['public_task', 'legal_obligation', 'contract', 'consent', 'vital_interest', 'legitimate_interest'] as const;
export const dataCategories = ['nik', 'nik_masked', 'name', 'email', 'phone', 'address', 'form', 'attachment', 'document', 'payment', 'ip', 'user_agent', 'references', 'request'] as const;
export const dataSubjectKinds = ['citizens', 'business_representatives', 'staff'] as const;
/** The register's texts, each in both languages, and their longest lengths. */
export const activityTexts = { name_id: 200, name_en: 200, purpose_id: 1000, purpose_en: 1000, legal_basis_ref: 300, recipients_id: 500, recipients_en: 500, retention_id: 500, retention_en: 500 } as const;
type ActivityText = keyof typeof activityTexts;

/** One activity as the officer edits it (both languages). */
export interface ActivityInput extends Record<ActivityText, string> {
  key: string;
  legal_basis: string;
  data_categories: string[];
  data_subjects: string[];
}

export interface ProcessingActivity {
  key: string;
  name: string;
  purpose: string;
  legalBasis: string;
  legalBasisRef: string;
  dataCategories: string[];
  dataSubjects: string[];
  recipients: string;
  retention: string;
}

type Who = { actor: Actor | null; meta?: RequestMeta | null };

export interface PrivacyDeps {
  database: Database;
  mailer: Mailer;
  region: () => Promise<RegionInfo>;
  baseUrl: string;
  /** Applies approved corrections (name, address) through the owner module; absent: the person is sent to his account page. */
  corrector?: Corrector;
}

export function createPrivacy(deps: PrivacyDeps) {
  const db = deps.database.db;

  async function calendar(q: Executor) {
    const region = await deps.region();
    return loadCalendar(q, region.timeZone as RegionTimeZone);
  }

  function toRequest(r: {
    id: string;
    user_id: string;
    user_name: string;
    kind: SubjectRequestKind;
    details: string;
    status: SubjectRequestStatus;
    received_at: Date;
    due_at: Date;
    answer: string | null;
    answered_at: Date | null;
    field: CorrectionField | null;
    corrected_value: string | null;
    outcome: RequestOutcome | null;
  }): SubjectRequest {
    return {
      id: r.id,
      userId: r.user_id,
      userName: r.user_name,
      kind: r.kind,
      details: r.details,
      status: r.status,
      receivedAt: r.received_at,
      dueAt: r.due_at,
      answer: r.answer,
      answeredAt: r.answered_at,
      field: r.field,
      correctedValue: r.corrected_value,
      outcome: r.outcome,
    };
  }

  /** The active data protection officers with an e-mail address. */
  const officers = (q: Executor) =>
    q
      .selectFrom('users as u')
      .innerJoin('role_grants as g', 'g.user_id', 'u.id')
      .select(['u.email', 'u.locale'])
      .distinct()
      .where('g.role', '=', 'data_protection_officer')
      .where('g.revoked_at', 'is', null)
      .where('u.status', '=', 'active')
      .where('u.email', 'is not', null)
      .execute()
      .then((rows) => rows.map((r) => openPerson(r)));

  const requestQuery = (q: Executor) =>
    q
      .selectFrom('data_subject_requests as r')
      .select(['r.id', 'r.user_id', 'r.kind', 'r.details', 'r.status', 'r.received_at', 'r.due_at', 'r.answer', 'r.answered_at', 'r.field', 'r.corrected_value', 'r.outcome']);

  /** The requests with their people's names (asked of identity, not joined). */
  async function named(q: Executor, rows: Omit<Parameters<typeof toRequest>[0], 'user_name'>[]): Promise<SubjectRequest[]> {
    const names = await userNames(q, rows.map((r) => r.user_id));
    return rows.filter((r) => names.has(r.user_id)).map((r) => toRequest({ ...r, user_name: names.get(r.user_id)! }));
  }

  return {
    /** Who in government looked at this person's data: agency, role, case, time (no officer names). */
    async accessLog(userId: string, limit = 200): Promise<AccessEntry[]> {
      const rows = await db
        .selectFrom('personal_data_access as l')
        .select(['l.accessed_at', 'l.agency_id', 'l.actor_roles', 'l.reference', 'l.kinds', 'l.purpose', 'l.channel'])
        .where('l.subject_user_id', '=', userId)
        .orderBy('l.accessed_at', 'desc')
        .limit(limit)
        .execute();
      const agencies = await agencyNames(db, rows.map((r) => r.agency_id));
      return rows.map((r) => ({
        at: r.accessed_at,
        agencyName: (r.agency_id && agencies.get(r.agency_id)) || null,
        roles: r.actor_roles ? r.actor_roles.split(',') : [],
        reference: r.reference,
        kinds: r.kinds.split(','),
        purpose: r.purpose,
        channel: r.channel,
      }));
    },

    /** The person's own copy of everything held about him (audited, no personal data in the trail). */
    async exportOwn(who: Who): Promise<SubjectExport> {
      const actor = who.actor;
      if (!actor) throw errors.unauthenticated();
      return db.transaction().execute(async (trx) => {
        const data = await exportSubjectData(trx, actor.userId);
        await recordAudit(trx, who, { action: 'privacy.export', entityType: 'user', entityId: actor.userId, after: { tables: Object.keys(data.tables).length } });
        return data;
      });
    },

    async ownRequests(userId: string): Promise<SubjectRequest[]> {
      return named(db, await requestQuery(db).where('r.user_id', '=', userId).orderBy('r.received_at', 'desc').limit(100).execute());
    },

    /** Files a request; due in 3 working days. 422 for an unknown kind or empty details. */
    async submitRequest(who: Who, input: { kind: string; details: string; field?: string; value?: string }, now = new Date()): Promise<SubjectRequest> {
      const actor = who.actor;
      if (!actor) throw errors.unauthenticated();
      const fields: FieldError[] = [];
      if (!(requestKinds as readonly string[]).includes(input.kind)) fields.push({ field: 'kind', key: 'privacy.request.v.kind' });
      const details = input.details.trim();
      if (details.length < 5 || details.length > DETAILS_MAX) fields.push({ field: 'details', key: 'privacy.request.v.details', params: { max: DETAILS_MAX } });
      // A correction names the field and the right value (UU PDP Pasal 6); the value is not needed for 'other'.
      const isCorrection = input.kind === 'correction';
      const field = isCorrection ? ((correctionFields as readonly string[]).includes(input.field ?? '') ? (input.field as CorrectionField) : null) : null;
      const value = isCorrection ? (input.value ?? '').replace(/\s+/g, ' ').trim() : '';
      if (isCorrection && !field) fields.push({ field: 'field', key: 'privacy.request.v.field' });
      if (isCorrection && field && field !== 'other' && (value.length < 1 || value.length > VALUE_MAX)) fields.push({ field: 'value', key: 'privacy.request.v.value', params: { max: VALUE_MAX } });
      if (fields.length) throw errors.validation(fields);
      return db.transaction().execute(async (trx) => {
        const cal = await calendar(trx);
        const row = await trx
          .insertInto('data_subject_requests')
          .values({ user_id: actor.userId, kind: input.kind as SubjectRequestKind, details, field, corrected_value: value || null, received_at: now, due_at: cal.addWorkingDays(now, REQUEST_WORKING_DAYS) })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, who, { action: 'privacy.request.create', entityType: 'data_subject_request', entityId: row.id, after: { kind: input.kind, ...(field ? { field } : {}) } });
        // Every data protection officer is told at once, in his language (the request's
        // details and the person's data stay in Simpul: only the kind, the deadline and a link).
        const region = await deps.region();
        const dueAt = cal.addWorkingDays(now, REQUEST_WORKING_DAYS);
        for (const o of await officers(trx)) {
          const locale = o.locale as Locale;
          const params = { kind: t(locale, messageKeyOr(`privacy.kind.${input.kind}`, 'value.unknown')), due: formatDateTime(locale, dueAt, region.timeZone), url: `${deps.baseUrl}/kelola/pdp/permintaan/${row.id}` };
          await deps.mailer.send(trx, { to: o.email!, subject: t(locale, 'privacy.mail.new.subject', params), text: t(locale, 'privacy.mail.new.body', params) });
        }
        return (await named(trx, [await requestQuery(trx).where('r.id', '=', row.id).executeTakeFirstOrThrow()]))[0]!;
      });
    },

    /** The officer's list: open first by deadline, then the latest answered. */
    async listRequests(actor: Actor | null, filter: { status?: SubjectRequestStatus } = {}): Promise<SubjectRequest[]> {
      authorize(actor, 'privacy.requests.read');
      let q = requestQuery(db);
      if (filter.status) q = q.where('r.status', '=', filter.status);
      const rows = await q.orderBy(sql`CASE WHEN r.status = 'open' THEN 0 ELSE 1 END`).orderBy('r.due_at', 'asc').limit(300).execute();
      return named(db, rows);
    },

    async getRequest(who: Who, id: string): Promise<SubjectRequest> {
      authorize(who.actor, 'privacy.requests.read');
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound();
      const found = await requestQuery(db).where('r.id', '=', id).executeTakeFirst();
      const row = found && (await named(db, [found]))[0];
      if (!row) throw errors.notFound();
      // The correct value a person gave (a new address, phone, e-mail or NIK) is shown too: logged as such.
      const f = row.field;
      const shown = row.correctedValue && (f === 'address' || f === 'phone' || f === 'email' || f === 'nik') ? [f] : [];
      await recordPersonalDataAccess(db, who, { subjectUserId: row.userId, kinds: ['name', ...shown], purpose: 'subject_request', channel: 'page' });
      return row;
    },

    /**
     * Answers a request (done or refused) and tells the person by e-mail in his language; the
     * answer is also on his account page. A completed erasure request erases, in the same
     * transaction, what the law allows, and the answer lists what was kept and why.
     */
    async answer(who: Who, id: string, input: { status: string; answer: string }, now = new Date()): Promise<{ request: SubjectRequest; erasure: ErasureResult | null }> {
      authorize(who.actor, 'privacy.requests.answer');
      const status = input.status as SubjectRequestStatus;
      const answer = input.answer.trim();
      const fields: FieldError[] = [];
      if (status !== 'done' && status !== 'refused') fields.push({ field: 'status', key: 'privacy.answer.v.status' });
      if (answer.length < 5 || answer.length > ANSWER_MAX) fields.push({ field: 'answer', key: 'privacy.answer.v.answer', params: { max: ANSWER_MAX } });
      if (fields.length) throw errors.validation(fields);
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound();
      return db.transaction().execute(async (trx) => {
        const req = await trx.selectFrom('data_subject_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        if (!req) throw errors.notFound();
        if (req.status !== 'open') throw new AppError('conflict', 409, 'privacy.answer.already');
        const person = (await userContacts(trx, [req.user_id])).get(req.user_id);
        if (!person) throw errors.notFound();
        let erasure: ErasureResult | null = null;
        let outcome: RequestOutcome | null = null;
        let text = answer;
        const locale = person.locale;
        if (status === 'done' && req.kind === 'erasure') {
          erasure = await eraseSubjectData(trx, req.user_id);
          outcome = 'erased';
          text = `${answer}\n\n${keptText(locale, erasure)}`.trim();
        } else if (status === 'done' && req.kind === 'restriction') {
          // One active restriction per person (a second approval leaves the first in force).
          if (!(await processingRestricted(trx, req.user_id))) {
            await trx.insertInto('processing_restrictions').values({ user_id: req.user_id, request_id: id, restricted_at: now, restricted_by: who.actor!.userId }).execute();
          }
          outcome = 'restricted';
          text = `${answer}\n\n${t(locale, 'privacy.outcome.restricted')}`;
        } else if (status === 'done' && req.kind === 'correction') {
          const field = req.field ?? 'other';
          const route = correctionRoute[field];
          if (route === 'apply' && req.corrected_value && deps.corrector && (await deps.corrector(trx, who, req.user_id, field, req.corrected_value))) outcome = 'applied';
          else if (route === 'refer') outcome = 'referred';
          else if (route === 'record') outcome = 'recorded';
          else outcome = 'self_service';
          const params = { field: t(locale, messageKeyOr(`privacy.field.${field}`, 'value.unknown')), url: `${deps.baseUrl}/akun/ubah` };
          const key = outcome === 'referred' ? `privacy.outcome.referred.${field}` : `privacy.outcome.${outcome}`;
          text = `${answer}\n\n${t(locale, messageKeyOr(key, 'privacy.outcome.recorded'), params)}`;
        }
        // The value the person gave is kept only until the answer (the answer says what was done).
        await trx
          .updateTable('data_subject_requests')
          .set({ status, answer: text, outcome, corrected_value: null, answered_by: who.actor!.userId, answered_at: now, updated_at: now })
          .where('id', '=', id)
          .execute();
        await recordAudit(trx, who, {
          action: 'privacy.request.answer',
          entityType: 'data_subject_request',
          entityId: id,
          before: { status: 'open' },
          after: {
            status,
            kind: req.kind,
            ...(req.field ? { field: req.field } : {}),
            ...(outcome ? { outcome } : {}),
            ...(erasure ? { deleted: erasure.deleted, blanked: erasure.blanked, kept: erasure.kept } : {}),
          },
        });
        if (person.email) {
          await deps.mailer.send(trx, {
            to: person.email,
            subject: t(locale, 'privacy.mail.subject', { kind: t(locale, `privacy.kind.${req.kind}`) }),
            text: t(locale, 'privacy.mail.body', {
              name: person.name,
              kind: t(locale, `privacy.kind.${req.kind}`),
              status: t(locale, `privacy.status.${status}`),
              answer: text,
              url: `${deps.baseUrl}/akun/data-pribadi`,
            }),
          });
        }
        return { request: (await named(trx, [await requestQuery(trx).where('r.id', '=', id).executeTakeFirstOrThrow()]))[0]!, erasure };
      });
    },

    /** What approving a correction of this field does here (`apply` only where a corrector is given). */
    routeOf(field: CorrectionField | null): 'apply' | 'self_service' | 'refer' | 'record' {
      const r = correctionRoute[field ?? 'other'];
      return r === 'apply' && !deps.corrector ? 'self_service' : r;
    },

    /** Since when the person's processing is restricted, or null. */
    async restriction(userId: string): Promise<{ since: Date; requestId: string | null } | null> {
      const r = await db.selectFrom('processing_restrictions').select(['restricted_at', 'request_id']).where('user_id', '=', userId).where('lifted_at', 'is', null).executeTakeFirst();
      return r ? { since: r.restricted_at, requestId: r.request_id } : null;
    },

    /** Lifts the person's restriction (he asked, or the ground ended); audited, and he is told. False: none was active. */
    async liftRestriction(who: Who, userId: string, now = new Date()): Promise<boolean> {
      authorize(who.actor, 'privacy.requests.answer');
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('processing_restrictions')
          .set({ lifted_at: now, lifted_by: who.actor!.userId })
          .where('user_id', '=', userId)
          .where('lifted_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!r) return false;
        await recordAudit(trx, who, { action: 'privacy.restriction.lift', entityType: 'user', entityId: userId, before: { restricted: true }, after: { restricted: false } });
        const person = (await userContacts(trx, [userId])).get(userId);
        if (person?.email) {
          const l = person.locale;
          await deps.mailer.send(trx, { to: person.email, subject: t(l, 'privacy.mail.lifted.subject'), text: t(l, 'privacy.mail.lifted.body', { name: person.name, url: `${deps.baseUrl}/akun/data-pribadi` }) });
        }
        return true;
      });
    },

    /** How many open requests and unnotified breaches are near (or past) their deadline: the officer's notice. */
    async deadlineCounts(now = new Date()): Promise<{ nearing: number; overdue: number; breachNearing: number; breachOverdue: number }> {
      const cal = await calendar(db);
      const open = await db.selectFrom('data_subject_requests').select(['due_at']).where('status', '=', 'open').execute();
      const breaches = await openBreaches(db);
      const state = (due: Date) => requestDeadline(cal, now, due);
      return {
        nearing: open.filter((r) => state(r.due_at) === 'nearing').length,
        overdue: open.filter((r) => state(r.due_at) === 'overdue').length,
        breachNearing: breaches.filter((b) => breachState(now, b.notify_due_at) === 'nearing').length,
        breachOverdue: breaches.filter((b) => breachState(now, b.notify_due_at) === 'overdue').length,
      };
    },

    /**
     * The reminder job: tells every data protection officer by e-mail, once each, when an open
     * request has one working day left (working-day calendar) and when it is overdue; the same
     * for a breach whose notices have not all gone, at 24 hours left and when overdue (calendar
     * hours). A reminder is claimed in the transaction that sends it, so a rerun sends nothing twice.
     */
    async remindDeadlines(now = new Date()): Promise<{ requests: number; breaches: number }> {
      const region = await deps.region();
      const cal = await calendar(db);
      let requests = 0;
      let breaches = 0;
      const open = await db.selectFrom('data_subject_requests').select(['id', 'kind', 'due_at', 'nearing_reminded_at', 'overdue_reminded_at']).where('status', '=', 'open').execute();
      for (const r of open) {
        const state = requestDeadline(cal, now, r.due_at);
        const stage = state === 'overdue' && !r.overdue_reminded_at ? 'overdue' : state === 'nearing' && !r.nearing_reminded_at ? 'nearing' : null;
        if (!stage) continue;
        await db.transaction().execute(async (trx) => {
          const col = stage === 'overdue' ? 'overdue_reminded_at' : 'nearing_reminded_at';
          const claimed = await trx.updateTable('data_subject_requests').set({ [col]: now, ...(stage === 'overdue' ? { nearing_reminded_at: r.nearing_reminded_at ?? now } : {}) }).where('id', '=', r.id).where(col, 'is', null).where('status', '=', 'open').returning('id').executeTakeFirst();
          if (!claimed) return;
          for (const o of await officers(trx)) {
            const l = o.locale as Locale;
            const params = { kind: t(l, messageKeyOr(`privacy.kind.${r.kind}`, 'value.unknown')), due: formatDateTime(l, r.due_at, region.timeZone), url: `${deps.baseUrl}/kelola/pdp/permintaan/${r.id}` };
            await deps.mailer.send(trx, { to: o.email!, subject: t(l, `privacy.mail.${stage}.subject`, params), text: t(l, `privacy.mail.${stage}.body`, params) });
          }
          requests++;
        });
      }
      for (const b of await openBreaches(db)) {
        const state = breachState(now, b.notify_due_at);
        const stage = state === 'overdue' && !b.overdue_reminded_at ? 'overdue' : state === 'nearing' && !b.nearing_reminded_at ? 'nearing' : null;
        if (!stage) continue;
        await db.transaction().execute(async (trx) => {
          const col = stage === 'overdue' ? 'overdue_reminded_at' : 'nearing_reminded_at';
          const claimed = await trx.updateTable('breach_incidents').set({ [col]: now, ...(stage === 'overdue' ? { nearing_reminded_at: b.nearing_reminded_at ?? now } : {}) }).where('id', '=', b.id).where(col, 'is', null).returning('id').executeTakeFirst();
          if (!claimed) return;
          for (const o of await officers(trx)) {
            const l = o.locale as Locale;
            const params = { title: b.title, due: formatDateTime(l, b.notify_due_at, region.timeZone), url: `${deps.baseUrl}/kelola/pdp/insiden/${b.id}` };
            await deps.mailer.send(trx, { to: o.email!, subject: t(l, `privacy.mail.breach_${stage}.subject`, params), text: t(l, `privacy.mail.breach_${stage}.body`, params) });
          }
          breaches++;
        });
      }
      return { requests, breaches };
    },

    registerJobs(jobs: JobQueue, everySeconds = 900): void {
      jobs.register(deadlineReminderJob, async () => {
        await this.remindDeadlines();
      });
      jobs.schedule(deadlineReminderJob, everySeconds);
    },

    /** One activity in both languages, for the officer's form; null when none has the key. */
    async activityForEdit(actor: Actor | null, key: string): Promise<ActivityInput | null> {
      authorize(actor, 'privacy.register.manage');
      const r = await db.selectFrom('processing_activities').selectAll().where('key', '=', key).executeTakeFirst();
      if (!r) return null;
      const texts = Object.fromEntries((Object.keys(activityTexts) as ActivityText[]).map((k) => [k, r[k]])) as Record<ActivityText, string>;
      return { ...texts, key: r.key, legal_basis: r.legal_basis, data_categories: r.data_categories.split(',').filter(Boolean), data_subjects: r.data_subjects.split(',').filter(Boolean) };
    },

    /**
     * Adds (existing = null) or changes an activity of the register; 422 with every wrong field
     * at once. Audited with what changed (the register holds no personal data).
     */
    async saveActivity(who: Who, existing: string | null, input: ActivityInput, now = new Date()): Promise<string> {
      authorize(who.actor, 'privacy.register.manage');
      const fields: FieldError[] = [];
      const key = existing ?? input.key.trim();
      if (!existing && !/^[a-z][a-z0-9_]{1,59}$/.test(key)) fields.push({ field: 'key', key: 'privacy.register.v.key' });
      const texts = {} as Record<ActivityText, string>;
      for (const [k, max] of Object.entries(activityTexts) as [ActivityText, number][]) {
        texts[k] = input[k].replace(/[ \t]+/g, ' ').trim();
        if (texts[k].length < 2 || texts[k].length > max) fields.push({ field: k, key: 'privacy.register.v.text', params: { max } });
      }
      if (!(legalBases as readonly string[]).includes(input.legal_basis)) fields.push({ field: 'legal_basis', key: 'privacy.register.v.basis' });
      const cats = dataCategories.filter((c) => input.data_categories.includes(c));
      const subjects = dataSubjectKinds.filter((c) => input.data_subjects.includes(c));
      if (!cats.length) fields.push({ field: 'data_categories', key: 'privacy.register.v.categories' });
      if (!subjects.length) fields.push({ field: 'data_subjects', key: 'privacy.register.v.subjects' });
      if (fields.length) throw errors.validation(fields);
      const values = { ...texts, legal_basis: input.legal_basis, data_categories: cats.join(','), data_subjects: subjects.join(','), updated_by: who.actor!.userId, updated_at: now };
      return db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('processing_activities').selectAll().where('key', '=', key).forUpdate().executeTakeFirst();
        if (existing && !before) throw errors.notFound();
        if (!existing && before) throw errors.validation([{ field: 'key', key: 'privacy.register.v.key_taken' }]);
        if (before) {
          await trx.updateTable('processing_activities').set(values).where('key', '=', key).execute();
          const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => k !== 'updated_by' && k !== 'updated_at' && before[k] !== values[k]);
          await recordAudit(trx, who, { action: 'privacy.register.update', entityType: 'processing_activity', entityId: before.id, before: { key }, after: { key, changed } });
          return key;
        }
        const row = await trx.insertInto('processing_activities').values({ key, ...values }).returning('id').executeTakeFirstOrThrow();
        await recordAudit(trx, who, { action: 'privacy.register.create', entityType: 'processing_activity', entityId: row.id, after: { key, legal_basis: input.legal_basis } });
        return key;
      });
    },

    /** The register of processing activities (UU PDP Pasal 31), in the reader's language. */
    async activities(actor: Actor | null, locale: Locale): Promise<ProcessingActivity[]> {
      authorize(actor, 'privacy.register.read');
      const rows = await db.selectFrom('processing_activities').selectAll().orderBy('created_at').orderBy('key').execute();
      const en = locale === 'en';
      return rows.map((r) => ({
        key: r.key,
        name: en ? r.name_en : r.name_id,
        purpose: en ? r.purpose_en : r.purpose_id,
        legalBasis: r.legal_basis,
        legalBasisRef: r.legal_basis_ref,
        dataCategories: r.data_categories.split(',').filter(Boolean),
        dataSubjects: r.data_subjects.split(',').filter(Boolean),
        recipients: en ? r.recipients_en : r.recipients_id,
        retention: en ? r.retention_en : r.retention_id,
      }));
    },

    async openRequestCount(): Promise<number> {
      const r = await db.selectFrom('data_subject_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open').executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}

/** A request's deadline: overdue once past, nearing with one working day (or less) left. */
export function requestDeadline(cal: { workingMillisBetween(a: Date, b: Date): number; workdayMs: number }, now: Date, due: Date): 'on_time' | 'nearing' | 'overdue' {
  if (now.getTime() > due.getTime()) return 'overdue';
  return cal.workingMillisBetween(now, due) <= cal.workdayMs ? 'nearing' : 'on_time';
}

/** A breach's notice deadline (calendar hours): overdue once past, nearing in the last 24 hours. */
function breachState(now: Date, due: Date): 'on_time' | 'nearing' | 'overdue' {
  return breachDeadline({ notifyDueAt: due, subjectsNotifiedAt: null, authorityNotifiedAt: null }, now) as 'on_time' | 'nearing' | 'overdue';
}

/** Breaches whose notices have not all gone (only these have a running clock). */
const openBreaches = (q: Executor) =>
  q
    .selectFrom('breach_incidents')
    .select(['id', 'title', 'notify_due_at', 'nearing_reminded_at', 'overdue_reminded_at'])
    .where((eb) => eb.or([eb('subjects_notified_at', 'is', null), eb('authority_notified_at', 'is', null)]))
    .where('status', '!=', 'closed')
    .execute();

/** What an erasure kept, and why, in the person's language. */
export function keptText(locale: Locale, erasure: ErasureResult): string {
  const reasons = Object.keys(erasure.kept) as KeepReason[];
  if (!reasons.length) return t(locale, 'privacy.erasure.nothing_kept');
  return [t(locale, 'privacy.erasure.kept_intro'), ...reasons.map((r) => `- ${t(locale, `privacy.keep.${r}`)}`)].join('\n');
}

export type Privacy = ReturnType<typeof createPrivacy>;
