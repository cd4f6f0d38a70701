// Processing applications on their SOP (P-6, P-3): the officers' work queue, claiming and
// assigning, the step actions (forward with branches, send back for correction, reject,
// approve), internal notes, the step timeline with SLA figures, and the escalation of
// overdue steps. The application is pinned to the SOP version it was submitted on
// (applications.sop_id); the current step is denormalised onto applications for the queue.
//
// Concurrency: every action locks the application row and carries the step visit number the
// officer saw (`seq`); a second officer acting on the same visit gets a 409 saying the
// application has moved on. Claiming is one conditional UPDATE (assignee_id IS NULL), so of
// two officers claiming at once exactly one wins.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database, Executor } from '../../platform/db/database.ts';
import { parseJson } from '../../platform/db/values.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { agenciesFor, authorize, can } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import type { Logger } from '../../platform/log.ts';
import { isValidLocalDate, zoneOffsetMs } from '../../platform/calendar/working-time.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import { regionTimeZone, staffWithRole } from '../agencies/index.ts';
import type { Catalog } from '../catalog/index.ts';
import type { Workflow } from '../workflow/index.ts';
import type { SopStep } from '../workflow/index.ts';
import { fieldsOf } from './applications.validate.ts';
import { accountPrefill, prefillValues } from './applications.service.ts';
import { AWAITING_PAYMENT_KEY, closeStep, forwardOptions, OPEN_STATUSES, openStep, slaCalendar, slaStateAt, stepByKey } from './processing.engine.ts';
import type { EventRecorder } from '../../platform/events/events.ts';
import type { ApplicationEvents } from './applications.events.ts';
import './processing.policy.ts';


export interface Who {
  actor: Actor;
  meta?: RequestMeta | null;
}

export type SlaState = 'on_time' | 'nearing' | 'overdue';
export type ProcessAction = 'forward' | 'send_back' | 'reject' | 'approve';

export interface QueueFilters {
  /** mine: what I can take or hold; assigned: what I hold; all: everything open in my agencies (supervisors). */
  scope?: 'mine' | 'assigned' | 'all';
  service?: string;
  step?: string;
  status?: 'submitted' | 'in_process';
  sla?: SlaState;
  channel?: 'online' | 'counter';
  /** 'YYYY-MM-DD' (submitted on or after / on or before, region time). */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
  /** The order of the list (default: step deadline, soonest first). */
  sort?: QueueSort;
}

/** The columns the queue may be sorted by (whitelist: they map to indexed SQL columns). */
export const queueSortKeys = ['due', 'submitted', 'tracking'] as const;
export type QueueSortKey = (typeof queueSortKeys)[number];
export interface QueueSort {
  key: QueueSortKey;
  dir: 'asc' | 'desc';
}
const sortColumn = { due: 'a.step_due_at', submitted: 'a.submitted_at', tracking: 'a.tracking_number' } as const;
const TRACKING_RE = /^[A-Z0-9/-]{1,60}$/;

export interface QueueItem {
  id: string;
  trackingNumber: string;
  serviceSlug: string;
  serviceName: string;
  agencyId: string;
  agencyName: string;
  applicantName: string;
  channel: 'online' | 'counter';
  status: 'submitted' | 'in_process';
  stepKey: string;
  stepName: string;
  role: string;
  seq: number;
  assigneeId: string | null;
  assigneeName: string | null;
  submittedAt: Date;
  stepDueAt: Date;
  sla: SlaState;
}

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
  counts: { total: number; on_time: number; nearing: number; overdue: number };
}

export interface StepVisit {
  seq: number;
  stepKey: string;
  stepName: string;
  role: string;
  assigneeName: string | null;
  claimedAt: Date | null;
  startedAt: Date;
  dueAt: Date;
  finishedAt: Date | null;
  finishedByName: string | null;
  outcome: ProcessAction | 'withdrawn' | null;
  branchLabel: string | null;
  note: string | null;
  allowedMs: number;
  usedMs: number | null;
  met: boolean | null;
  escalatedAt: Date | null;
}

export interface Correction {
  fields: string[];
  note: string;
  step: string;
  assigneeId: string | null;
  /** Working time left on the overall deadline when sent back (ms; negative when overdue). */
  remainingMs: number | null;
  sentBackAt: string;
}

export interface ProcessingState {
  id: string;
  trackingNumber: string;
  agencyId: string;
  serviceId: string;
  serviceVersion: number;
  status: string;
  seq: number;
  step: SopStep | null;
  sopVersion: number | null;
  assigneeId: string | null;
  assigneeName: string | null;
  stepStartedAt: Date | null;
  stepDueAt: Date | null;
  dueAt: Date | null;
  sla: SlaState | null;
  overallSla: SlaState | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  correction: Correction | null;
  /** What this actor may do now. */
  can: { claim: boolean; release: boolean; assign: boolean; act: ProcessAction[] };
  forwardOptions: { label: string | null; next: string; nextName: string }[];
  /** Officers who may be assigned the current step (for supervisors). */
  candidates: { id: string; name: string }[];
  /** `label` in the actor's language; pages pick by the page's language (`labelEn` when English). */
  formFields: { key: string; label: string; labelId: string; labelEn?: string }[];
}

export interface ActInput {
  action: ProcessAction;
  /** The step visit the officer saw. */
  seq: number;
  /** Index into forwardOptions when the step branches. */
  option?: number;
  note?: string;
  fields?: string[];
}

/** Recurring escalation of overdue step visits. */
export const ESCALATE_JOB = defineJob('applications.escalate', z.object({}));

const NOTE_MAX = 2000;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The keyset of a row under a sort: its sort value (a date, or the tracking number) and id. */
function encodeCursor(value: Date | string, id: string): string {
  return Buffer.from(`${value instanceof Date ? value.toISOString() : value}|${id}`).toString('base64url');
}

function decodeCursor(c: string | undefined, key: QueueSortKey = 'due'): { value: Date | string; id: string } | null {
  if (!c) return null;
  try {
    const [raw, id] = Buffer.from(c, 'base64url').toString('utf8').split('|');
    if (!raw || !id || !UUID_RE.test(id)) return null;
    if (key === 'tracking') return TRACKING_RE.test(raw) ? { value: raw, id } : null;
    const at = new Date(raw);
    return Number.isNaN(at.getTime()) ? null : { value: at, id };
  } catch {
    return null;
  }
}

/** The roles the actor holds in an agency (region-wide grants do not act on steps). */
function rolesIn(actor: Actor, agencyId: string): Set<string> {
  return new Set(actor.grants.filter((g) => g.agencyId === agencyId).map((g) => g.role));
}

const stale = () => new AppError('conflict', 409, 'applications.process.stale');

export type Processing = ReturnType<typeof createProcessing>;

export function createProcessing(deps: {
  database: Database;
  workflow: Workflow;
  catalog: Catalog;
  jobs: JobQueue;
  log: Logger;
  nearingPercent: number;
  escalationEverySeconds: number;
  /** Records application.claimed / sent_back / approved / rejected / overdue and step.opened in the change's transaction. */
  events: EventRecorder<ApplicationEvents>;
}) {
  const db = deps.database.db;

  async function lockApp(trx: Executor, tracking: string) {
    const row = await trx
      .selectFrom('applications')
      .selectAll()
      .where('tracking_number', '=', tracking.trim().toUpperCase().slice(0, 60))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw errors.notFound();
    return row;
  }

  async function sopStep(q: Executor, sopId: string | null, key: string | null): Promise<{ step: SopStep | null; version: number | null; steps: SopStep[] }> {
    if (!sopId) return { step: null, version: null, steps: [] };
    const sop = await deps.workflow.sopById(q, sopId);
    if (!sop) return { step: null, version: null, steps: [] };
    return { step: stepByKey(sop.definition, key), version: sop.version, steps: sop.definition.steps };
  }

  /** The user's name, for messages ("claimed by …"). */
  async function nameOf(q: Executor, id: string | null): Promise<string | null> {
    if (!id) return null;
    const u = await q.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst();
    return u?.name ?? null;
  }

  /** Active officers holding `role` in the agency (a step's role is always a staff role). */
  const officers = (q: Executor, agencyId: string, role: string) => staffWithRole(q, agencyId, role as StaffRole);

  async function adminsOf(q: Executor, agencyId: string): Promise<string[]> {
    return (await officers(q, agencyId, 'agency_admin')).map((o) => o.id);
  }

  function event(trx: Executor, applicationId: string, kind: string, actorId: string | null, note = '') {
    return trx.insertInto('application_events').values({ application_id: applicationId, kind, actor_id: actorId, note: note.slice(0, 500), at: sql`clock_timestamp()` }).execute();
  }

  function checkActor(actor: Actor, agencyId: string, role: string | null): void {
    authorize(actor, 'applications.process.read', { agencyId });
    if (!role || !rolesIn(actor, agencyId).has(role)) throw errors.forbidden();
  }

  /** The open applications of the actor's queue under the filters (all but the SLA state). */
  async function queueBase(actor: Actor, f: QueueFilters) {
    const scope = f.scope ?? 'mine';
    const grants = actor.grants.filter((g) => g.agencyId !== null);
    const supervised = agenciesFor(actor, 'applications.process.assign');
    const readable = agenciesFor(actor, 'applications.process.read');

    let q = db
      .selectFrom('applications as a')
      .where('a.status', 'in', [...OPEN_STATUSES]);
    if (scope === 'assigned') q = q.where('a.assignee_id', '=', actor.userId);
    else if (scope === 'all') {
      const agencies = supervised === 'all' ? readable : supervised;
      if (agencies !== 'all') {
        if (agencies.length === 0) throw errors.forbidden();
        q = q.where('a.agency_id', 'in', agencies);
      }
    } else {
      if (grants.length === 0) q = q.where(sql<boolean>`false`);
      else
        q = q
          .where((eb) => eb.or(grants.map((g) => eb.and([eb('a.agency_id', '=', g.agencyId!), eb('a.step_role', '=', g.role)]))))
          .where((eb) => eb.or([eb('a.assignee_id', 'is', null), eb('a.assignee_id', '=', actor.userId)]));
    }
    if (f.service) q = q.where('a.service_id', 'in', (eb) => eb.selectFrom('services').select('id').where('slug', '=', f.service!));
    if (f.step) q = q.where('a.current_step', '=', f.step);
    if (f.status) q = q.where('a.status', '=', f.status);
    if (f.channel) q = q.where('a.channel', '=', f.channel);
    // Dates are days of the region's time zone: local midnight is UTC midnight minus the offset.
    const day = (d: string | undefined) => (d && isValidLocalDate(d) ? Date.parse(`${d}T00:00:00Z`) : null);
    const fromDay = day(f.from);
    const toDay = day(f.to);
    const offset = fromDay !== null || toDay !== null ? zoneOffsetMs(await regionTimeZone(db)) : 0;
    if (fromDay !== null) q = q.where('a.submitted_at', '>=', new Date(fromDay - offset));
    if (toDay !== null) q = q.where('a.submitted_at', '<', new Date(toDay + 86_400_000 - offset));
    return q;
  }

  /** Narrows a queue query to one SLA state at `now`. */
  function withSla(q: Awaited<ReturnType<typeof queueBase>>, sla: SlaState | undefined, now: Date) {
    if (sla === 'overdue') return q.where('a.step_due_at', '<', now);
    if (sla === 'nearing') return q.where('a.step_due_at', '>=', now).where('a.step_nearing_at', '<=', now);
    if (sla === 'on_time') return q.where('a.step_nearing_at', '>', now);
    return q;
  }

  return {
    /** The officer's work queue (filters, keyset pagination, counts by SLA state). */
    async queue(actor: Actor | null, f: QueueFilters = {}, now = new Date()): Promise<QueuePage> {
      authorize(actor, 'applications.process.read');
      const limit = Math.min(Math.max(f.limit ?? 25, 1), 100);
      let q = await queueBase(actor, f);

      const counted = await q
        .select([
          sql<number>`count(*)`.as('total'),
          sql<number>`count(*) filter (where a.step_due_at < ${now})`.as('overdue'),
          sql<number>`count(*) filter (where a.step_due_at >= ${now} and a.step_nearing_at <= ${now})`.as('nearing'),
        ])
        .executeTakeFirstOrThrow();
      const counts = {
        total: Number(counted.total),
        overdue: Number(counted.overdue),
        nearing: Number(counted.nearing),
        on_time: Number(counted.total) - Number(counted.overdue) - Number(counted.nearing),
      };

      q = withSla(q, f.sla, now);
      const sort = f.sort ?? { key: 'due', dir: 'asc' };
      const column = sortColumn[sort.key];
      const cursor = decodeCursor(f.cursor, sort.key);
      // A row comparison, so the keyset is an index condition on (column, id).
      if (cursor) q = q.where(sql<boolean>`(${sql.ref(column)}, a.id) ${sql.raw(sort.dir === 'asc' ? '>' : '<')} (${cursor.value}, ${cursor.id}::uuid)`);

      const rows = await q
        .innerJoin('services as s', 's.id', 'a.service_id')
        .innerJoin('service_versions as v', (j) => j.onRef('v.service_id', '=', 'a.service_id').onRef('v.version', '=', 'a.service_version'))
        .innerJoin('agencies as g', 'g.id', 'a.agency_id')
        .innerJoin('users as u', 'u.id', 'a.applicant_id')
        .leftJoin('users as w', 'w.id', 'a.assignee_id')
        .innerJoin('application_steps as st', (j) => j.onRef('st.application_id', '=', 'a.id').onRef('st.seq', '=', 'a.step_seq'))
        .select([
          'a.id',
          'a.tracking_number',
          's.slug',
          sql<string>`v.content->>'name'`.as('service_name'),
          'a.agency_id',
          'g.name as agency_name',
          'u.name as applicant_name',
          'a.channel',
          'a.status',
          'a.current_step',
          'st.step_name',
          'a.step_role',
          'a.step_seq',
          'a.assignee_id',
          'w.name as assignee_name',
          'a.submitted_at',
          'a.step_due_at',
          'a.step_nearing_at',
        ])
        .orderBy(column, sort.dir)
        .orderBy('a.id', sort.dir)
        .limit(limit + 1)
        .execute();
      const more = rows.length > limit;
      const items: QueueItem[] = rows.slice(0, limit).map((r) => ({
        id: r.id,
        trackingNumber: r.tracking_number ?? '',
        serviceSlug: r.slug,
        serviceName: r.service_name,
        agencyId: r.agency_id,
        agencyName: r.agency_name,
        applicantName: r.applicant_name,
        channel: r.channel,
        status: r.status as 'submitted' | 'in_process',
        stepKey: r.current_step ?? '',
        stepName: r.step_name,
        role: r.step_role ?? '',
        seq: r.step_seq,
        assigneeId: r.assignee_id,
        assigneeName: r.assignee_name,
        submittedAt: r.submitted_at!,
        stepDueAt: r.step_due_at!,
        sla: slaStateAt(now, r.step_nearing_at, r.step_due_at) ?? 'on_time',
      }));
      const last = items[items.length - 1];
      const keyOf = (i: QueueItem) => (sort.key === 'due' ? i.stepDueAt : sort.key === 'submitted' ? i.submittedAt : i.trackingNumber);
      return { items, nextCursor: more && last ? encodeCursor(keyOf(last), last.id) : null, counts };
    },

    /**
     * The applications before and after one application in the officer's queue (same filters
     * and order), for "previous"/"next" on the application page. Null at either end, or when
     * the application has left the queue's order (closed: no deadline).
     */
    async neighbours(actor: Actor | null, f: QueueFilters, tracking: string, now = new Date()): Promise<{ prev: string | null; next: string | null }> {
      authorize(actor, 'applications.process.read');
      const none = { prev: null, next: null };
      const me = await db
        .selectFrom('applications')
        .select(['id', 'step_due_at', 'submitted_at', 'tracking_number'])
        .where('tracking_number', '=', tracking.trim().toUpperCase().slice(0, 60))
        .executeTakeFirst();
      if (!me) return none;
      const sort = f.sort ?? { key: 'due', dir: 'asc' };
      const value = sort.key === 'due' ? me.step_due_at : sort.key === 'submitted' ? me.submitted_at : me.tracking_number;
      if (value === null) return none;
      const column = sortColumn[sort.key];
      const base = withSla(await queueBase(actor, f), f.sla, now);
      const one = async (after: boolean) => {
        const forward = after === (sort.dir === 'asc');
        const r = await base
          .select('a.tracking_number')
          .where(sql<boolean>`(${sql.ref(column)}, a.id) ${sql.raw(forward ? '>' : '<')} (${value}, ${me.id}::uuid)`)
          .orderBy(column, forward ? 'asc' : 'desc')
          .orderBy('a.id', forward ? 'asc' : 'desc')
          .limit(1)
          .executeTakeFirst();
        return r?.tracking_number ?? null;
      };
      const [prev, next] = await Promise.all([one(false), one(true)]);
      return { prev, next };
    },

    /** Where the application stands on its SOP and what this actor may do (404/403 for others). */
    async state(actor: Actor | null, tracking: string, now = new Date()): Promise<ProcessingState> {
      if (!actor) throw errors.unauthenticated();
      const a = await db.selectFrom('applications').selectAll().where('tracking_number', '=', tracking.trim().toUpperCase().slice(0, 60)).executeTakeFirst();
      if (!a || a.status === 'draft') throw errors.notFound();
      authorize(actor, 'applications.process.read', { agencyId: a.agency_id });
      const { step, version, steps } = await sopStep(db, a.sop_id, a.current_step);
      const open = (OPEN_STATUSES as readonly string[]).includes(a.status);
      const roles = rolesIn(actor, a.agency_id);
      const eligible = open && !!step && roles.has(step.role) && can(actor, 'applications.process.act', { agencyId: a.agency_id });
      const mine = a.assignee_id === actor.userId;
      const supervisor = open && can(actor, 'applications.process.assign', { agencyId: a.agency_id });
      const service = await deps.catalog.getPublishedById(a.service_id, a.service_version);
      // What a send-back may name: the typed fields, including prefill fields the account does not hold (P-4).
      const held = service ? prefillValues(service.form, await accountPrefill(db, a.applicant_id)) : {};
      const formFields = service
        ? [...fieldsOf(service.form).values()].filter((f) => !f.prefill || !(f.key in held)).map((f) => ({ key: f.key, label: actor.locale === 'en' && f.labelEn ? f.labelEn : f.label, labelId: f.label, labelEn: f.labelEn }))
        : [];
      return {
        id: a.id,
        trackingNumber: a.tracking_number ?? '',
        agencyId: a.agency_id,
        serviceId: a.service_id,
        serviceVersion: a.service_version,
        status: a.status,
        seq: a.step_seq,
        step: open ? step : null,
        sopVersion: version,
        assigneeId: a.assignee_id,
        assigneeName: await nameOf(db, a.assignee_id),
        stepStartedAt: a.step_started_at,
        stepDueAt: open ? a.step_due_at : null,
        dueAt: a.due_at,
        sla: open ? slaStateAt(now, a.step_nearing_at, a.step_due_at) : null,
        overallSla: open ? slaStateAt(now, null, a.due_at) : null,
        decidedAt: a.decided_at,
        decisionNote: a.decision_note,
        correction: a.correction ? parseJson<Correction>(a.correction) : null,
        can: {
          claim: eligible && !a.assignee_id,
          release: eligible && mine,
          assign: supervisor,
          act: eligible && (mine || !a.assignee_id) && step ? [...step.actions] : [],
        },
        forwardOptions: step ? forwardOptions(step).map((o) => ({ ...o, nextName: steps.find((s) => s.key === o.next)?.name ?? o.next })) : [],
        candidates: supervisor && step ? await officers(db, a.agency_id, step.role) : [],
        formFields,
      };
    },

    /** Every visit of a step: who, when, how long against the time allowed. */
    async steps(applicationId: string): Promise<StepVisit[]> {
      const rows = await db
        .selectFrom('application_steps as s')
        .leftJoin('users as w', 'w.id', 's.assignee_id')
        .leftJoin('users as f', 'f.id', 's.finished_by')
        .select([
          's.seq', 's.step_key', 's.step_name', 's.role', 'w.name as assignee_name', 's.claimed_at', 's.started_at', 's.due_at', 's.finished_at',
          'f.name as finished_by_name', 's.outcome', 's.branch_label', 's.note', 's.allowed_ms', 's.used_ms', 's.met', 's.escalated_at',
        ])
        .where('s.application_id', '=', applicationId)
        .orderBy('s.seq')
        .execute();
      return rows.map((r) => ({
        seq: r.seq,
        stepKey: r.step_key,
        stepName: r.step_name,
        role: r.role,
        assigneeName: r.assignee_name,
        claimedAt: r.claimed_at,
        startedAt: r.started_at,
        dueAt: r.due_at,
        finishedAt: r.finished_at,
        finishedByName: r.finished_by_name,
        outcome: r.outcome,
        branchLabel: r.branch_label,
        note: r.note,
        allowedMs: Number(r.allowed_ms),
        usedMs: r.used_ms === null ? null : Number(r.used_ms),
        met: r.met,
        escalatedAt: r.escalated_at,
      }));
    },

    async notes(actor: Actor | null, applicationId: string, agencyId: string) {
      authorize(actor, 'applications.process.read', { agencyId });
      return db
        .selectFrom('application_notes as n')
        .innerJoin('users as u', 'u.id', 'n.author_id')
        .select(['n.id', 'n.body', 'n.created_at', 'u.name as author'])
        .where('n.application_id', '=', applicationId)
        .orderBy('n.created_at')
        .execute();
    },

    async addNote(who: Who, tracking: string, body: string): Promise<void> {
      const text = body.trim();
      if (!text) throw errors.validation([{ field: 'body', key: 'validation.required' }]);
      if (text.length > 4000) throw errors.validation([{ field: 'body', key: 'validation.too_long', params: { max: 4000 } }]);
      await db.transaction().execute(async (trx) => {
        const a = await lockApp(trx, tracking);
        authorize(who.actor, 'applications.process.act', { agencyId: a.agency_id });
        await trx.insertInto('application_notes').values({ application_id: a.id, author_id: who.actor.userId, body: text }).execute();
      });
    },

    /** Claims the current step: exactly one of several officers claiming at once wins. */
    async claim(who: Who, tracking: string, seq: number, now = new Date()): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const a = await trx.selectFrom('applications').selectAll().where('tracking_number', '=', tracking.trim().toUpperCase().slice(0, 60)).executeTakeFirst();
        if (!a || a.status === 'draft') throw errors.notFound();
        authorize(who.actor, 'applications.process.read', { agencyId: a.agency_id });
        if (a.status === 'awaiting_payment') throw errors.conflict(AWAITING_PAYMENT_KEY); // payments (P-7)
        checkActor(who.actor, a.agency_id, a.step_role);
        authorize(who.actor, 'applications.process.act', { agencyId: a.agency_id });
        const res = await trx
          .updateTable('applications')
          .set({ assignee_id: who.actor.userId, status: 'in_process', updated_at: now })
          .where('id', '=', a.id)
          .where('assignee_id', 'is', null)
          .where('step_seq', '=', seq)
          .where('status', 'in', [...OPEN_STATUSES])
          .executeTakeFirst();
        if (Number(res.numUpdatedRows ?? 0) !== 1) {
          const fresh = await trx.selectFrom('applications').select(['assignee_id', 'step_seq', 'status']).where('id', '=', a.id).executeTakeFirstOrThrow();
          if (fresh.assignee_id === who.actor.userId && fresh.step_seq === seq) return; // a double click
          if (fresh.assignee_id && fresh.step_seq === seq) throw new AppError('conflict', 409, 'applications.process.claimed_by_other', { name: (await nameOf(trx, fresh.assignee_id)) ?? '' });
          throw stale();
        }
        await trx.updateTable('application_steps').set({ assignee_id: who.actor.userId, claimed_at: now }).where('application_id', '=', a.id).where('seq', '=', seq).execute();
        await event(trx, a.id, 'claimed', who.actor.userId, a.current_step ?? '');
        await recordAudit(trx, who, { action: 'application.claim', entityType: 'application', entityId: a.id, after: { step: a.current_step, seq } });
        if (a.status === 'submitted') await deps.events.record(trx, 'application.claimed', { applicationId: a.id });
      });
    },

    /** The assignee hands the step back to the queue. */
    async release(who: Who, tracking: string, seq: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const a = await lockApp(trx, tracking);
        authorize(who.actor, 'applications.process.read', { agencyId: a.agency_id });
        if (a.step_seq !== seq || !(OPEN_STATUSES as readonly string[]).includes(a.status)) throw stale();
        if (a.assignee_id !== who.actor.userId) throw errors.forbidden();
        await trx.updateTable('applications').set({ assignee_id: null, updated_at: new Date() }).where('id', '=', a.id).execute();
        await trx.updateTable('application_steps').set({ assignee_id: null, claimed_at: null }).where('application_id', '=', a.id).where('seq', '=', seq).execute();
        await event(trx, a.id, 'released', who.actor.userId, a.current_step ?? '');
        await deps.events.record(trx, 'application.released', { applicationId: a.id });
        await recordAudit(trx, who, { action: 'application.release', entityType: 'application', entityId: a.id, before: { assignee: who.actor.userId } });
      });
    },

    /** A supervisor assigns (or reassigns) the current step to an officer holding its role. */
    async assign(who: Who, tracking: string, seq: number, userId: string, now = new Date()): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const a = await lockApp(trx, tracking);
        authorize(who.actor, 'applications.process.assign', { agencyId: a.agency_id });
        if (a.step_seq !== seq || !(OPEN_STATUSES as readonly string[]).includes(a.status)) throw stale();
        const eligible = UUID_RE.test(userId) && a.step_role ? (await officers(trx, a.agency_id, a.step_role)).some((o) => o.id === userId) : false;
        if (!eligible) throw errors.validation([{ field: 'assignee', key: 'applications.process.not_eligible' }]);
        await trx.updateTable('applications').set({ assignee_id: userId, status: 'in_process', updated_at: now }).where('id', '=', a.id).execute();
        await trx.updateTable('application_steps').set({ assignee_id: userId, claimed_at: now }).where('application_id', '=', a.id).where('seq', '=', seq).execute();
        await event(trx, a.id, 'assigned', who.actor.userId, a.current_step ?? '');
        await recordAudit(trx, who, { action: 'application.assign', entityType: 'application', entityId: a.id, before: { assignee: a.assignee_id }, after: { assignee: userId, step: a.current_step } });
        if (a.status === 'submitted') await deps.events.record(trx, 'application.claimed', { applicationId: a.id });
      });
    },

    /** Forward (to the next step or a chosen branch), send back, reject or approve. */
    async act(who: Who, tracking: string, input: ActInput, now = new Date()): Promise<{ status: string }> {
      const note = (input.note ?? '').trim();
      if (note.length > NOTE_MAX) throw errors.validation([{ field: 'note', key: 'validation.too_long', params: { max: NOTE_MAX } }]);
      // The form's fields (what a send-back may name) are read before the transaction: on
      // PGlite a query outside an open transaction waits for it to end.
      const pre = await db.selectFrom('applications').select(['service_id', 'service_version', 'applicant_id']).where('tracking_number', '=', tracking.trim().toUpperCase().slice(0, 60)).executeTakeFirst();
      const service = pre && input.action === 'send_back' ? await deps.catalog.getPublishedById(pre.service_id, pre.service_version) : null;
      const held = service && pre ? prefillValues(service.form, await accountPrefill(db, pre.applicant_id)) : {};
      return db.transaction().execute(async (trx) => {
        const a = await lockApp(trx, tracking);
        authorize(who.actor, 'applications.process.read', { agencyId: a.agency_id });
        // payments (P-7): a step held for the fee cannot be acted on until the payment arrives.
        if (a.status === 'awaiting_payment' && a.step_seq === input.seq) throw errors.conflict(AWAITING_PAYMENT_KEY);
        if (!(OPEN_STATUSES as readonly string[]).includes(a.status) || a.step_seq !== input.seq) throw stale();
        checkActor(who.actor, a.agency_id, a.step_role);
        authorize(who.actor, 'applications.process.act', { agencyId: a.agency_id });
        if (a.assignee_id && a.assignee_id !== who.actor.userId) throw new AppError('conflict', 409, 'applications.process.claimed_by_other', { name: (await nameOf(trx, a.assignee_id)) ?? '' });
        const { step, steps } = await sopStep(trx, a.sop_id, a.current_step);
        if (!step) throw stale();
        if (!step.actions.includes(input.action)) throw new AppError('action_not_allowed', 409, 'applications.process.action_not_allowed');
        const cal = await slaCalendar(trx);
        const by = who.actor.userId;
        const app = { id: a.id, agencyId: a.agency_id };

        if (input.action === 'forward') {
          const options = forwardOptions(step);
          const choice = options.length === 1 ? options[0] : input.option !== undefined ? options[input.option] : undefined;
          if (!choice) throw errors.validation([{ field: 'option', key: 'applications.process.choose_branch' }]);
          const next = steps.find((s) => s.key === choice.next);
          if (!next) throw stale();
          await closeStep(trx, cal, a.id, now, { outcome: 'forward', by, note: note || null, branchLabel: choice.label });
          await openStep(trx, cal, app, next, a.step_seq + 1, now, deps.nearingPercent);
          // payments (P-7): a billing step issues the bill and holds the application.
          await deps.events.record(trx, 'step.opened', { applicationId: a.id, seq: a.step_seq + 1, stepKey: next.key, billing: next.billing === true, sopBills: steps.some((st) => st.billing === true), at: now });
          await event(trx, a.id, 'forwarded', by, `${step.name} → ${next.name}${choice.label ? ` (${choice.label})` : ''}`);
          await recordAudit(trx, who, { action: 'application.forward', entityType: 'application', entityId: a.id, before: { step: step.key }, after: { step: next.key, branch: choice.label } });
          return { status: 'in_process' };
        }

        if (input.action === 'send_back') {
          const known = service ? new Set([...fieldsOf(service.form).values()].filter((f) => !f.prefill || !(f.key in held)).map((f) => f.key)) : new Set<string>();
          const fields = [...new Set((input.fields ?? []).filter((f) => known.has(f)))];
          const problems: FieldError[] = [];
          if (fields.length === 0) problems.push({ field: 'fields', key: 'applications.process.fields_required' });
          if (!note) problems.push({ field: 'note', key: 'applications.process.note_required' });
          if (problems.length) throw errors.validation(problems);
          await closeStep(trx, cal, a.id, now, { outcome: 'send_back', by, note });
          const remainingMs = a.due_at ? cal.workingMillisBetween(now, a.due_at) : null;
          const correction: Correction = { fields, note, step: step.key, assigneeId: by, remainingMs, sentBackAt: now.toISOString() };
          await trx
            .updateTable('applications')
            .set({ status: 'sent_back', correction: JSON.stringify(correction), assignee_id: null, step_due_at: null, step_nearing_at: null, updated_at: now })
            .where('id', '=', a.id)
            .execute();
          await event(trx, a.id, 'sent_back', by, note);
          await recordAudit(trx, who, { action: 'application.send_back', entityType: 'application', entityId: a.id, after: { step: step.key, fields } });
          await deps.events.record(trx, 'application.sent_back', { applicationId: a.id, reason: note, fields: fields.map((k) => (service ? fieldsOf(service.form).get(k)?.label : undefined) ?? k).join(', '), step: step.name });
          return { status: 'sent_back' };
        }

        if (input.action === 'reject' && !note) throw errors.validation([{ field: 'note', key: 'applications.process.reason_required' }]);
        const outcome = input.action;
        const status = outcome === 'approve' ? 'approved' : 'rejected';
        await closeStep(trx, cal, a.id, now, { outcome, by, note: note || null });
        await trx
          .updateTable('applications')
          .set({ status, decided_at: now, decision_note: note || null, assignee_id: null, step_role: null, step_due_at: null, step_nearing_at: null, updated_at: now })
          .where('id', '=', a.id)
          .execute();
        await event(trx, a.id, status, by, note);
        await recordAudit(trx, who, { action: `application.${outcome}`, entityType: 'application', entityId: a.id, before: { status: a.status, step: step.key }, after: { status } });
        // Documents issue the permit, notifications tell the applicant (subscribers of the event).
        await deps.events.record(trx, status === 'approved' ? 'application.approved' : 'application.rejected', { applicationId: a.id, note });
        return { status };
      });
    },

    /**
     * Escalates open steps past their deadline: marks them, writes the timeline and notifies
     * the agency admins and the assignee. Safe with several workers (SKIP LOCKED).
     */
    async escalateOverdue(now = new Date(), batch = 200): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const due = await trx
          .selectFrom('application_steps as s')
          .innerJoin('applications as a', 'a.id', 's.application_id')
          .select(['s.id', 's.application_id', 's.agency_id', 's.assignee_id', 's.step_name', 's.due_at', 'a.tracking_number'])
          .where('s.finished_at', 'is', null)
          .where('s.escalated_at', 'is', null)
          .where('s.due_at', '<', now)
          .where('a.status', '<>', 'awaiting_payment') // payments (P-7): waiting for the fee is not the agency's time
          .orderBy('s.due_at')
          .limit(batch)
          .forUpdate('s')
          .skipLocked()
          .execute();
        for (const s of due) {
          await trx.updateTable('application_steps').set({ escalated_at: now }).where('id', '=', s.id).execute();
          await event(trx, s.application_id, 'escalated', null, s.step_name);
          await recordAudit(trx, { actor: null, label: 'system' }, { action: 'application.escalate', entityType: 'application', entityId: s.application_id, after: { step: s.step_name, due_at: s.due_at.toISOString() } });
          const recipients = new Set(await adminsOf(trx, s.agency_id));
          if (s.assignee_id) recipients.add(s.assignee_id);
          if (recipients.size) await deps.events.record(trx, 'application.overdue', { applicationId: s.application_id, recipientUserIds: [...recipients], step: s.step_name, due: s.due_at.toISOString() });
        }
        if (due.length) deps.log.info({ escalated: due.length }, 'overdue steps escalated');
        return due.length;
      });
    },

    /**
     * Choices for the work-queue filters: the published services of the agencies the actor
     * reads, and the steps of their approved SOPs (by key; the first name seen).
     */
    async filterOptions(actor: Actor | null): Promise<{ services: { slug: string; name: string }[]; steps: { key: string; name: string }[] }> {
      authorize(actor, 'applications.process.read');
      const readable = agenciesFor(actor, 'applications.process.read');
      if (readable !== 'all' && readable.length === 0) return { services: [], steps: [] };
      let q = db
        .selectFrom('services as s')
        .innerJoin('service_versions as v', (j) => j.onRef('v.service_id', '=', 's.id').onRef('v.version', '=', 's.current_version'))
        .select(['s.id', 's.slug', sql<string>`v.content->>'name'`.as('name')])
        .where('s.current_version', 'is not', null);
      if (readable !== 'all') q = q.where('s.agency_id', 'in', readable);
      const services = await q.orderBy(sql`v.content->>'name'`).limit(500).execute();
      const sops = services.length
        ? await db.selectFrom('sops').select('definition').where('status', '=', 'approved').where('service_id', 'in', services.map((s) => s.id)).execute()
        : [];
      const steps = new Map<string, string>();
      for (const s of sops) for (const st of parseJson<{ steps?: SopStep[] }>(s.definition).steps ?? []) if (!steps.has(st.key)) steps.set(st.key, st.name);
      return {
        services: services.map((s) => ({ slug: s.slug, name: s.name })),
        steps: [...steps].map(([key, name]) => ({ key, name })).sort((x, y) => x.name.localeCompare(y.name)),
      };
    },

    /** One attachment's stored file, for officers who may read the application (404/403 otherwise). */
    async attachment(actor: Actor | null, tracking: string, fieldKey: string): Promise<{ storageKey: string; originalName: string; contentType: string; size: number }> {
      if (!actor) throw errors.unauthenticated();
      const a = await db.selectFrom('applications').select(['id', 'agency_id', 'status']).where('tracking_number', '=', tracking.trim().toUpperCase().slice(0, 60)).executeTakeFirst();
      if (!a || a.status === 'draft') throw errors.notFound();
      authorize(actor, 'applications.process.read', { agencyId: a.agency_id });
      const f = await db
        .selectFrom('application_attachments')
        .select(['storage_key', 'original_name', 'content_type', 'size'])
        .where('application_id', '=', a.id)
        .where('field_key', '=', fieldKey.slice(0, 100))
        .executeTakeFirst();
      if (!f) throw errors.notFound();
      return { storageKey: f.storage_key, originalName: f.original_name, contentType: f.content_type, size: f.size };
    },

    registerJobs(jobs: JobQueue): void {
      jobs.register(ESCALATE_JOB, async () => {
        await this.escalateOverdue();
      });
      jobs.schedule(ESCALATE_JOB, deps.escalationEverySeconds);
    },
  };
}
