// Coordination requests (G-1; seed 000 Pasal 2 and 8, seed 004 Pasal 6): an agency submits a
// planned ICT initiative; the Dinas Kominfo reviews, recommends (technical recommendation,
// budget and price guidance), approves, asks for changes or declines; the agency reports
// progress periodically against an approved request. Every move is a timeline event and an
// audit event, in the same transaction. Only this module writes gov_coordination_*.
import { sql } from 'kysely';
import { z } from 'zod';
import { agenciesFor, authorize, can } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { withAgencyNames } from '../agencies/index.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { formText, parseOrThrow } from '../../platform/http/validation.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { CoordinationKind, CoordinationState } from './registers.tables.ts';
import { calendarDay, editableStates, nextState, progressDue, transitions, type CoordinationAction } from './coordination.rules.ts';
import { agencyExists, type GovWho } from './registers.service.ts';
import { optText, validDate } from './registers.framework.ts';
import './registers.policy.ts';

export const COORD_READ = 'governance.registers.coordination.read';
export const COORD_SUBMIT = 'governance.registers.coordination.submit';
export const COORD_REVIEW = 'governance.registers.coordination.review';

const toRupiah = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : /^\d{1,15}$/.test(v.trim().replace(/\./g, '')) ? Number(v.trim().replace(/\./g, '')) : v) : v);
const rupiahNumber = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const rupiah = z.preprocess(toRupiah, rupiahNumber);
const rupiahOpt = z.preprocess(toRupiah, rupiahNumber.optional());
const year = z.preprocess((v) => (typeof v === 'string' && /^\d{4}$/.test(v.trim()) ? Number(v.trim()) : v), z.number().int().min(2000).max(2100));
const isoDate = z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().refine(validDate, 'gov.reg.invalid_date'));

export const coordinationInputSchema = z.object({
  agencyId: z.string().max(40),
  title: formText(200),
  kind: z.enum(['new_application', 'procurement', 'network', 'other']),
  description: formText(8000),
  estimatedBudget: rupiah,
  plannedYear: year,
  attachmentUrl: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string().max(500).regex(/^https?:\/\/\S+$/i, 'gov.reg.invalid_url').optional()),
});

export const coordinationActionSchema = z.object({
  action: z.enum(['submit', 'start_review', 'recommend', 'request_changes', 'approve', 'decline']),
  note: optText(4000),
  recommendation: optText(8000),
  budgetGuidance: rupiahOpt,
  priceGuidance: optText(4000),
});

export const progressInputSchema = z.object({
  reportDate: isoDate,
  percent: z.preprocess((v) => (typeof v === 'string' && /^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : v), z.number().int().min(0).max(100)),
  note: formText(4000),
});

export interface CoordinationView {
  id: string;
  agencyId: string;
  agencyName: string;
  title: string;
  kind: CoordinationKind;
  description: string;
  estimatedBudget: number;
  plannedYear: number;
  attachmentUrl: string | null;
  state: CoordinationState;
  recommendation: string | null;
  budgetGuidance: number | null;
  priceGuidance: string | null;
  decisionNote: string | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  lastProgress: { reportDate: string; percent: number } | null;
  progressDueOn: string | null;
  progressOverdue: boolean;
}

export interface CoordinationDetail extends CoordinationView {
  events: { at: Date; action: string; fromState: string | null; toState: string; actorLabel: string; note: string | null }[];
  progress: { id: string; reportDate: string; percent: number; note: string; createdAt: Date }[];
}

export function createCoordinationService(opts: { progressPeriodMonths: number }) {
  const period = opts.progressPeriodMonths;

  function base(q: Executor) {
    return q
      .selectFrom('gov_coordination_requests as r')
      .select([
        'r.id', 'r.agency_id', 'r.title', 'r.kind', 'r.description', 'r.estimated_budget', 'r.planned_year', 'r.attachment_url', 'r.state',
        'r.recommendation', 'r.budget_guidance', 'r.price_guidance', 'r.decision_note', 'r.submitted_at', 'r.approved_at', 'r.version', 'r.created_at', 'r.updated_at',
      ])
      .select((eb) => [
        eb.selectFrom('gov_coordination_progress as p').whereRef('p.request_id', '=', 'r.id').select('p.report_date').orderBy('p.report_date', 'desc').orderBy('p.created_at', 'desc').limit(1).as('last_report_date'),
        eb.selectFrom('gov_coordination_progress as p').whereRef('p.request_id', '=', 'r.id').select('p.percent').orderBy('p.report_date', 'desc').orderBy('p.created_at', 'desc').limit(1).as('last_percent'),
      ]);
  }

  type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>> & { agency_name: string | null };

  function view(r: Row, now: Date, timeZone: string): CoordinationView {
    const lastDate = r.last_report_date == null ? null : String(r.last_report_date).slice(0, 10);
    const due = progressDue({
      state: r.state,
      approvedOn: r.approved_at ? calendarDay(r.approved_at, timeZone) : null,
      lastReportOn: lastDate,
      periodMonths: period,
      today: calendarDay(now, timeZone),
    });
    return {
      id: r.id,
      agencyId: r.agency_id,
      agencyName: r.agency_name ?? '',
      title: r.title,
      kind: r.kind,
      description: r.description,
      estimatedBudget: Number(r.estimated_budget),
      plannedYear: r.planned_year,
      attachmentUrl: r.attachment_url,
      state: r.state,
      recommendation: r.recommendation,
      budgetGuidance: r.budget_guidance === null ? null : Number(r.budget_guidance),
      priceGuidance: r.price_guidance,
      decisionNote: r.decision_note,
      submittedAt: r.submitted_at,
      approvedAt: r.approved_at,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      lastProgress: lastDate ? { reportDate: lastDate, percent: Number(r.last_percent) } : null,
      progressDueOn: due.dueOn,
      progressOverdue: due.overdue,
    };
  }

  async function list(
    q: Executor,
    actor: Actor,
    filter: { agencyId?: string; state?: CoordinationState; overdueOnly?: boolean; page?: number; pageSize?: number },
    now: Date,
    timeZone: string,
  ): Promise<{ items: CoordinationView[]; total: number; page: number; pageSize: number }> {
    authorize(actor, COORD_READ);
    const scope = agenciesFor(actor, COORD_READ);
    let query = base(q);
    if (scope !== 'all') query = scope.length ? query.where('r.agency_id', 'in', scope) : query.where(sql<boolean>`false`);
    if (filter.agencyId) query = query.where('r.agency_id', '=', filter.agencyId);
    if (filter.state) query = query.where('r.state', '=', filter.state);
    // Drafts belong to their agency until submitted.
    if (scope === 'all' && !can(actor, COORD_SUBMIT)) query = query.where('r.state', '!=', 'draft');
    const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), 5000);
    const page = Math.max(filter.page ?? 1, 1);
    const rows = await withAgencyNames(q, await query.orderBy('r.created_at', 'desc').orderBy('r.id').execute(), 'agency_id', 'agency_name');
    let items = rows.map((r) => view(r, now, timeZone));
    if (filter.overdueOnly) items = items.filter((i) => i.progressOverdue);
    return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pageSize };
  }

  async function get(q: Executor, actor: Actor, id: string, now: Date, timeZone: string): Promise<CoordinationDetail | null> {
    authorize(actor, COORD_READ);
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const found = await base(q).where('r.id', '=', id).executeTakeFirst();
    if (!found || !can(actor, COORD_READ, { agencyId: found.agency_id })) return null;
    const r = (await withAgencyNames(q, [found], 'agency_id', 'agency_name'))[0]!;
    const events = await q.selectFrom('gov_coordination_events').selectAll().where('request_id', '=', id).orderBy('at').orderBy('id').execute();
    const progress = await q.selectFrom('gov_coordination_progress').selectAll().where('request_id', '=', id).orderBy('report_date', 'desc').orderBy('created_at', 'desc').execute();
    return {
      ...view(r, now, timeZone),
      events: events.map((e) => ({ at: e.at, action: e.action, fromState: e.from_state, toState: e.to_state, actorLabel: e.actor_label, note: e.note })),
      progress: progress.map((p) => ({ id: p.id, reportDate: String(p.report_date).slice(0, 10), percent: p.percent, note: p.note, createdAt: p.created_at })),
    };
  }

  async function event(trx: Executor, who: GovWho, id: string, action: string, from: CoordinationState | null, to: CoordinationState, note: string | null, agencyId: string) {
    await trx.insertInto('gov_coordination_events').values({ request_id: id, action, from_state: from, to_state: to, actor_id: who.actor.userId, actor_label: who.actor.name, note }).execute();
    await recordAudit(trx, who, { action: `governance.registers.coordination.${action}`, entityType: 'gov_coordination_request', entityId: id, agencyId, before: from ? { state: from } : null, after: { state: to, note } });
  }

  async function checkedInput(q: Executor, raw: unknown) {
    const input = parseOrThrow(coordinationInputSchema, raw);
    if (!(await agencyExists(q, input.agencyId))) throw errors.validation([{ field: 'agencyId', key: 'validation.choice' }]);
    return input;
  }

  async function create(trx: Executor, who: GovWho, raw: unknown, now: Date, timeZone: string): Promise<CoordinationDetail> {
    if (!can(who.actor, COORD_SUBMIT)) throw errors.forbidden();
    const input = await checkedInput(trx, raw);
    if (!can(who.actor, COORD_SUBMIT, { agencyId: input.agencyId })) throw errors.forbidden();
    const row = await trx
      .insertInto('gov_coordination_requests')
      .values({
        agency_id: input.agencyId,
        title: input.title,
        kind: input.kind,
        description: input.description,
        estimated_budget: input.estimatedBudget,
        planned_year: input.plannedYear,
        attachment_url: input.attachmentUrl ?? null,
        created_by: who.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await event(trx, who, row.id, 'create', null, 'draft', null, input.agencyId);
    return (await get(trx, who.actor, row.id, now, timeZone))!;
  }

  async function locked(trx: Executor, actor: Actor, id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound();
    const r = await trx.selectFrom('gov_coordination_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!r || !can(actor, COORD_READ, { agencyId: r.agency_id })) throw errors.notFound();
    return r;
  }

  function checkVersion(current: number, seen: number | undefined) {
    if (seen !== undefined && seen !== current) throw new AppError('conflict', 409, 'gov.reg.stale');
  }

  /** The agency edits its request while it is a draft or changes were requested. */
  async function update(trx: Executor, who: GovWho, id: string, version: number, raw: unknown, now: Date, timeZone: string): Promise<CoordinationDetail> {
    const r = await locked(trx, who.actor, id);
    if (!can(who.actor, COORD_SUBMIT, { agencyId: r.agency_id })) throw errors.forbidden();
    checkVersion(r.version, version);
    if (!editableStates.includes(r.state)) throw new AppError('conflict', 409, 'gov.reg.coord.not_editable');
    const input = await checkedInput(trx, raw);
    if (!can(who.actor, COORD_SUBMIT, { agencyId: input.agencyId })) throw errors.forbidden();
    await trx
      .updateTable('gov_coordination_requests')
      .set({
        agency_id: input.agencyId,
        title: input.title,
        kind: input.kind,
        description: input.description,
        estimated_budget: input.estimatedBudget,
        planned_year: input.plannedYear,
        attachment_url: input.attachmentUrl ?? null,
        version: sql`version + 1`,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, who, {
      action: 'governance.registers.coordination.update',
      entityType: 'gov_coordination_request',
      entityId: id,
      agencyId: input.agencyId,
      before: { title: r.title, kind: r.kind, estimated_budget: r.estimated_budget, planned_year: r.planned_year },
      after: { title: input.title, kind: input.kind, estimated_budget: input.estimatedBudget, planned_year: input.plannedYear },
    });
    return (await get(trx, who.actor, id, now, timeZone))!;
  }

  /** Moves the request by `action` (see coordination.rules.ts); an illegal move is 409. */
  async function act(trx: Executor, who: GovWho, id: string, raw: unknown, now: Date, timeZone: string, version?: number): Promise<CoordinationDetail> {
    const input = parseOrThrow(coordinationActionSchema, raw);
    const action: CoordinationAction = input.action;
    const rule = transitions[action];
    const r = await locked(trx, who.actor, id);
    const allowed = rule.side === 'agency' ? can(who.actor, COORD_SUBMIT, { agencyId: r.agency_id }) : can(who.actor, COORD_REVIEW, { agencyId: r.agency_id });
    if (!allowed) throw errors.forbidden();
    checkVersion(r.version, version);
    const to = nextState(r.state, action);
    if (!to) throw new AppError('conflict', 409, 'gov.reg.coord.illegal', { action, state: r.state });
    const fields: FieldError[] = [];
    if (rule.needsNote && !input.note) fields.push({ field: 'note', key: action === 'decline' ? 'gov.reg.coord.reason_required' : 'gov.reg.coord.changes_required' });
    if (action === 'recommend' && !input.recommendation) fields.push({ field: 'recommendation', key: 'validation.required' });
    if (rule.needsRecommendation && !r.recommendation) fields.push({ field: 'recommendation', key: 'gov.reg.coord.recommend_first' });
    if (fields.length) throw errors.validation(fields);
    const set: Record<string, unknown> = { state: to, version: sql`version + 1`, updated_at: now };
    if (action === 'submit') set.submitted_at = now;
    if (action === 'recommend') {
      set.recommendation = input.recommendation;
      set.budget_guidance = input.budgetGuidance ?? null;
      set.price_guidance = input.priceGuidance ?? null;
    }
    if (action === 'approve') set.approved_at = now;
    if (action === 'approve' || action === 'decline') set.decided_at = now;
    if (action === 'request_changes' || action === 'decline' || (action === 'approve' && input.note)) set.decision_note = input.note ?? null;
    await trx.updateTable('gov_coordination_requests').set(set).where('id', '=', id).execute();
    const note = action === 'recommend' ? (input.recommendation ?? null) : (input.note ?? null);
    await event(trx, who, id, action, r.state, to, note, r.agency_id);
    return (await get(trx, who.actor, id, now, timeZone))!;
  }

  /** The agency reports progress (dated, %, note) against an approved request. */
  async function addProgress(trx: Executor, who: GovWho, id: string, raw: unknown, now: Date, timeZone: string): Promise<CoordinationDetail> {
    const r = await locked(trx, who.actor, id);
    if (!can(who.actor, COORD_SUBMIT, { agencyId: r.agency_id })) throw errors.forbidden();
    if (r.state !== 'approved') throw new AppError('conflict', 409, 'gov.reg.coord.progress_not_approved');
    const input = parseOrThrow(progressInputSchema, raw);
    if (input.reportDate > calendarDay(now, timeZone)) throw errors.validation([{ field: 'reportDate', key: 'gov.reg.coord.future_date' }]);
    await trx.insertInto('gov_coordination_progress').values({ request_id: id, report_date: input.reportDate, percent: input.percent, note: input.note, created_by: who.actor.userId, created_at: now }).execute();
    await event(trx, who, id, 'progress', r.state, r.state, `${input.percent}% — ${input.note}`, r.agency_id);
    return (await get(trx, who.actor, id, now, timeZone))!;
  }

  return { list, get, create, update, act, addProgress };
}

export type CoordinationService = ReturnType<typeof createCoordinationService>;
