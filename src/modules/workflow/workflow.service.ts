// SOP definitions (P-6): the only place that changes `sops`. A service has at most one
// working version (draft → awaiting_approval) and one approved (current) version; approving
// a new version retires the old one. Approval is by the agency head (agency_admin) or a
// super admin, never by the person who submitted it, and sets the next review date (at most
// a year later). Every change is audited in the same transaction.
import { sql } from 'kysely';
import type { Database, Executor } from '../../platform/db/database.ts';
import { parseJson } from '../../platform/db/values.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { agenciesFor, authorize } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { regionTimeZone } from '../agencies/index.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { parseOrThrow } from '../../platform/http/validation.ts';
import { emptySop, sopDefinitionSchema, type SopDefinition } from './workflow.schemas.ts';
import { sopProblems } from './workflow.rules.ts';
import './workflow.policy.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

export interface Who {
  actor: Actor | null;
  meta?: RequestMeta | null;
  label?: string;
}

export type SopStatus = 'draft' | 'awaiting_approval' | 'approved' | 'retired';

export interface SopVersion {
  id: string;
  serviceId: string;
  version: number;
  status: SopStatus;
  definition: SopDefinition;
  reviewMonths: number;
  createdBy: string | null;
  submittedBy: string | null;
  submittedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  /** 'YYYY-MM-DD' */
  nextReviewAt: string | null;
  /** Approved and its review date has passed. */
  reviewOverdue: boolean;
  updatedAt: Date;
}

export interface ServiceRef {
  id: string;
  slug: string;
  name: string;
  agencyId: string;
  agencyName: string;
}

export interface SopListItem {
  service: ServiceRef;
  current: { version: number; nextReviewAt: string; reviewOverdue: boolean } | null;
  working: { version: number; status: 'draft' | 'awaiting_approval' } | null;
}

const columns = [
  'id', 'service_id', 'version', 'status', 'definition', 'review_months', 'created_by', 'submitted_by', 'submitted_at',
  'approved_by', 'approved_at', 'next_review_at', 'updated_at',
] as const;

type Row = {
  id: string;
  service_id: string;
  version: number;
  status: SopStatus;
  definition: unknown;
  review_months: number;
  created_by: string | null;
  submitted_by: string | null;
  submitted_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  next_review_at: string | null;
  updated_at: Date;
};

/** 'YYYY-MM-DD' of `d` in the time zone. */
export function localDate(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** Adds calendar months to 'YYYY-MM-DD', clamping to the month's last day (29 Feb → 28 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function toVersion(row: Row, today: string): SopVersion {
  return {
    id: row.id,
    serviceId: row.service_id,
    version: row.version,
    status: row.status,
    definition: sopDefinitionSchema.parse(parseJson(row.definition)),
    reviewMonths: row.review_months,
    createdBy: row.created_by,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    nextReviewAt: row.next_review_at,
    reviewOverdue: row.status === 'approved' && row.next_review_at !== null && row.next_review_at < today,
    updatedAt: row.updated_at,
  };
}

function forAudit(row: Row): Record<string, unknown> {
  return { ...row, definition: parseJson(row.definition) };
}

export type Workflow = ReturnType<typeof createWorkflow>;

export function createWorkflow(database: Database) {
  void database; // every function takes the executor (open transaction or the pool) explicitly

  const timeZone = regionTimeZone;

  async function today(q: Executor, now = new Date()): Promise<string> {
    return localDate(now, await timeZone(q));
  }

  async function serviceRef(q: Executor, slug: string, lock = false): Promise<ServiceRef> {
    let query = q
      .selectFrom('services as s')
      .innerJoin('agencies as a', 'a.id', 's.agency_id')
      .select(['s.id', 's.slug', 's.agency_id', 'a.name as agency_name', sql<string>`s.draft_content->>'name'`.as('name')])
      .where('s.slug', '=', slug);
    if (lock) query = query.forUpdate('s');
    const row = await query.executeTakeFirst();
    if (!row) throw errors.notFound();
    return { id: row.id, slug: row.slug, name: row.name ?? row.slug, agencyId: row.agency_id, agencyName: row.agency_name };
  }

  async function versions(q: Executor, serviceId: string): Promise<Row[]> {
    return (await q.selectFrom('sops').select(columns).where('service_id', '=', serviceId).orderBy('version', 'desc').execute()) as Row[];
  }

  async function working(q: Executor, serviceId: string): Promise<Row | undefined> {
    return (await q
      .selectFrom('sops')
      .select(columns)
      .where('service_id', '=', serviceId)
      .where('status', 'in', ['draft', 'awaiting_approval'])
      .forUpdate()
      .executeTakeFirst()) as Row | undefined;
  }

  const stateError = (key: MessageKey) => new AppError('sop_state', 409, key);

  return {
    today,

    /** The service, its current approved SOP, its working version and the history (newest first). */
    async getSops(q: Executor, actor: Actor | null, slug: string) {
      const service = await serviceRef(q, slug);
      authorize(actor, 'workflow.sop.read', { agencyId: service.agencyId });
      const day = await today(q);
      const all = (await versions(q, service.id)).map((r) => toVersion(r, day));
      return {
        service,
        current: all.find((v) => v.status === 'approved') ?? null,
        working: all.find((v) => v.status === 'draft' || v.status === 'awaiting_approval') ?? null,
        history: all,
        today: day,
      };
    },

    /**
     * The approved SOP a new application of the service runs on (null when none). No
     * authorisation: callers are services. `timeZone`: the region's, when the caller holds it
     * already (saves reading it again).
     */
    async currentSop(q: Executor, serviceId: string, timeZone?: string): Promise<SopVersion | null> {
      const row = (await q.selectFrom('sops').select(columns).where('service_id', '=', serviceId).where('status', '=', 'approved').executeTakeFirst()) as Row | undefined;
      return row ? toVersion(row, timeZone ? localDate(new Date(), timeZone) : await today(q)) : null;
    },

    /** A given SOP version by id (an application finishes on the version it started with). */
    async sopById(q: Executor, id: string): Promise<SopVersion | null> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const row = (await q.selectFrom('sops').select(columns).where('id', '=', id).executeTakeFirst()) as Row | undefined;
      return row ? toVersion(row, await today(q)) : null;
    },

    /** Starts a new working version: a copy of the current approved one, or empty. */
    async createDraft(trx: Executor, who: Who, slug: string): Promise<SopVersion> {
      const service = await serviceRef(trx, slug, true);
      authorize(who.actor, 'workflow.sop.write', { agencyId: service.agencyId });
      if (await working(trx, service.id)) throw stateError('workflow.draft_exists');
      const all = await versions(trx, service.id);
      const current = all.find((r) => r.status === 'approved');
      const definition = current ? sopDefinitionSchema.parse(parseJson(current.definition)) : emptySop;
      const version = (all[0]?.version ?? 0) + 1;
      const row = (await trx
        .insertInto('sops')
        .values({
          service_id: service.id,
          version,
          definition: JSON.stringify(definition),
          review_months: current?.review_months ?? 12,
          created_by: who.actor?.userId ?? null,
        })
        .returning(columns)
        .executeTakeFirstOrThrow()) as Row;
      await recordAudit(trx, who, { action: 'sop.create_draft', entityType: 'sop', entityId: row.id, agencyId: service.agencyId, after: forAudit(row) });
      return toVersion(row, await today(trx));
    },

    /** Replaces the draft's definition and/or review period. Only a draft (not one awaiting approval) changes. */
    async updateDraft(trx: Executor, who: Who, slug: string, input: { definition?: unknown; reviewMonths?: unknown }): Promise<SopVersion> {
      const service = await serviceRef(trx, slug, true);
      authorize(who.actor, 'workflow.sop.write', { agencyId: service.agencyId });
      const row = await working(trx, service.id);
      if (!row) throw errors.notFound();
      if (row.status !== 'draft') throw stateError('workflow.not_draft');
      const set: { definition?: string; review_months?: number } = {};
      if (input.definition !== undefined) set.definition = JSON.stringify(parseOrThrow(sopDefinitionSchema, input.definition));
      if (input.reviewMonths !== undefined) {
        const m = input.reviewMonths;
        if (typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > 12) throw errors.validation([{ field: 'reviewMonths', key: 'workflow.review_months' }]);
        set.review_months = m;
      }
      const after = (await trx
        .updateTable('sops')
        .set({ ...set, updated_at: new Date() })
        .where('id', '=', row.id)
        .returning(columns)
        .executeTakeFirstOrThrow()) as Row;
      await recordAudit(trx, who, { action: 'sop.update_draft', entityType: 'sop', entityId: row.id, agencyId: service.agencyId, before: forAudit(row), after: forAudit(after) });
      return toVersion(after, await today(trx));
    },

    /** Throws away the draft (a version number is not reused). */
    async discardDraft(trx: Executor, who: Who, slug: string): Promise<void> {
      const service = await serviceRef(trx, slug, true);
      authorize(who.actor, 'workflow.sop.write', { agencyId: service.agencyId });
      const row = await working(trx, service.id);
      if (!row) throw errors.notFound();
      if (row.status !== 'draft') throw stateError('workflow.not_draft');
      await trx.deleteFrom('sops').where('id', '=', row.id).execute();
      await recordAudit(trx, who, { action: 'sop.discard_draft', entityType: 'sop', entityId: row.id, agencyId: service.agencyId, before: forAudit(row) });
    },

    /** Draft → awaiting approval; refused with each problem named while the SOP is not sound. */
    async submitForApproval(trx: Executor, who: Who, slug: string): Promise<SopVersion> {
      const service = await serviceRef(trx, slug, true);
      authorize(who.actor, 'workflow.sop.write', { agencyId: service.agencyId });
      const row = await working(trx, service.id);
      if (!row) throw errors.notFound();
      if (row.status !== 'draft') throw stateError('workflow.not_draft');
      const problems = sopProblems(sopDefinitionSchema.parse(parseJson(row.definition)));
      if (problems.length) throw new AppError('sop_invalid', 422, 'workflow.invalid', { count: problems.length }, problems);
      const after = (await trx
        .updateTable('sops')
        .set({ status: 'awaiting_approval', submitted_by: who.actor?.userId ?? null, submitted_at: new Date(), updated_at: new Date() })
        .where('id', '=', row.id)
        .returning(columns)
        .executeTakeFirstOrThrow()) as Row;
      await recordAudit(trx, who, { action: 'sop.submit', entityType: 'sop', entityId: row.id, agencyId: service.agencyId, before: { status: row.status }, after: { status: after.status, version: after.version } });
      return toVersion(after, await today(trx));
    },

    /** Awaiting approval → draft again (the submitter withdraws, or the head returns it for changes). */
    async returnToDraft(trx: Executor, who: Who, slug: string): Promise<SopVersion> {
      const service = await serviceRef(trx, slug, true);
      const row = await working(trx, service.id);
      authorize(who.actor, 'workflow.sop.read', { agencyId: service.agencyId });
      if (!row) throw errors.notFound();
      const isSubmitter = row.submitted_by !== null && row.submitted_by === who.actor.userId;
      if (!isSubmitter) authorize(who.actor, 'workflow.sop.approve', { agencyId: service.agencyId });
      else authorize(who.actor, 'workflow.sop.write', { agencyId: service.agencyId });
      if (row.status !== 'awaiting_approval') throw stateError('workflow.not_awaiting');
      const after = (await trx
        .updateTable('sops')
        .set({ status: 'draft', submitted_by: null, submitted_at: null, updated_at: new Date() })
        .where('id', '=', row.id)
        .returning(columns)
        .executeTakeFirstOrThrow()) as Row;
      await recordAudit(trx, who, { action: 'sop.return_to_draft', entityType: 'sop', entityId: row.id, agencyId: service.agencyId, before: { status: row.status }, after: { status: after.status } });
      return toVersion(after, await today(trx));
    },

    /**
     * Approves the version awaiting approval: it becomes the current SOP, the previous
     * approved one is retired, and the next review falls `review_months` (≤ 12) later.
     */
    async approve(trx: Executor, who: Who, slug: string, opts: { now?: Date } = {}): Promise<SopVersion> {
      const service = await serviceRef(trx, slug, true);
      authorize(who.actor, 'workflow.sop.approve', { agencyId: service.agencyId });
      const row = await working(trx, service.id);
      if (!row) throw errors.notFound();
      if (row.status !== 'awaiting_approval') throw stateError('workflow.not_awaiting');
      if (row.submitted_by === who.actor.userId) throw new AppError('four_eyes', 403, 'workflow.four_eyes');
      const now = opts.now ?? new Date();
      const day = localDate(now, await timeZone(trx));
      const previous = (await trx
        .updateTable('sops')
        .set({ status: 'retired', updated_at: now })
        .where('service_id', '=', service.id)
        .where('status', '=', 'approved')
        .returning(['id', 'version'])
        .execute());
      const after = (await trx
        .updateTable('sops')
        .set({ status: 'approved', approved_by: who.actor.userId, approved_at: now, next_review_at: addMonths(day, row.review_months), updated_at: now })
        .where('id', '=', row.id)
        .returning(columns)
        .executeTakeFirstOrThrow()) as Row;
      await recordAudit(trx, who, {
        action: 'sop.approve',
        entityType: 'sop',
        entityId: row.id,
        agencyId: service.agencyId,
        before: { status: row.status, retired: previous.map((p) => p.version) },
        after: { status: after.status, version: after.version, next_review_at: after.next_review_at },
      });
      return toVersion(after, day);
    },

    /**
     * Installs an approved SOP version directly, without the draft and four-eyes steps: only
     * for trusted callers (the demo seed and test factories), never reachable from a route.
     * The definition is checked like any other; the audit trail names the trusted label.
     */
    async installApproved(trx: Executor, who: { actor: null; label: string; trusted: true }, serviceId: string, definition: unknown, opts: { now?: Date } = {}): Promise<SopVersion> {
      const def = parseOrThrow(sopDefinitionSchema, definition);
      const problems = sopProblems(def);
      if (problems.length) throw errors.validation(problems);
      const now = opts.now ?? new Date();
      const day = localDate(now, await timeZone(trx));
      const last = await trx.selectFrom('sops').select(sql<number>`coalesce(max(version), 0)`.as('v')).where('service_id', '=', serviceId).executeTakeFirstOrThrow();
      await trx.updateTable('sops').set({ status: 'retired', updated_at: now }).where('service_id', '=', serviceId).where('status', '=', 'approved').execute();
      const row = (await trx
        .insertInto('sops')
        .values({ service_id: serviceId, version: Number(last.v) + 1, status: 'approved', definition: JSON.stringify(def), approved_at: now, next_review_at: addMonths(day, 12) })
        .returning(columns)
        .executeTakeFirstOrThrow()) as Row;
      await recordAudit(trx, who, { action: 'sop.install', entityType: 'sop', entityId: row.id, after: { version: row.version } });
      return toVersion(row, day);
    },

    /** Every service the actor may read, with its current and working SOP; overdue reviews first. */
    async listSops(q: Executor, actor: Actor | null): Promise<SopListItem[]> {
      if (!actor) throw errors.unauthenticated();
      authorize(actor, 'workflow.sop.read');
      const scope = agenciesFor(actor, 'workflow.sop.read');
      if (scope !== 'all' && scope.length === 0) return [];
      let query = q
        .selectFrom('services as s')
        .innerJoin('agencies as a', 'a.id', 's.agency_id')
        .leftJoin('sops as cur', (j) => j.onRef('cur.service_id', '=', 's.id').on('cur.status', '=', 'approved'))
        .leftJoin('sops as w', (j) => j.onRef('w.service_id', '=', 's.id').on('w.status', 'in', ['draft', 'awaiting_approval']))
        .select([
          's.id', 's.slug', 's.agency_id', 'a.name as agency_name', sql<string>`s.draft_content->>'name'`.as('name'),
          'cur.version as cur_version', 'cur.next_review_at as cur_review', 'w.version as w_version', 'w.status as w_status',
        ])
        .where('s.status', '<>', 'archived');
      if (scope !== 'all') query = query.where('s.agency_id', 'in', scope);
      const rows = await query.execute();
      const day = await today(q);
      const items: SopListItem[] = rows.map((r) => ({
        service: { id: r.id, slug: r.slug, name: r.name ?? r.slug, agencyId: r.agency_id, agencyName: r.agency_name },
        current: r.cur_version !== null && r.cur_review !== null ? { version: r.cur_version, nextReviewAt: r.cur_review, reviewOverdue: r.cur_review < day } : null,
        working: r.w_version !== null && r.w_status ? { version: r.w_version, status: r.w_status as 'draft' | 'awaiting_approval' } : null,
      }));
      const rank = (i: SopListItem) => (i.current?.reviewOverdue ? 0 : i.working?.status === 'awaiting_approval' ? 1 : !i.current ? 2 : 3);
      return items.sort((a, b) => rank(a) - rank(b) || a.service.agencyName.localeCompare(b.service.agencyName, 'id') || a.service.name.localeCompare(b.service.name, 'id'));
    },

    /** Approved SOPs whose review date has passed, in the actor's agencies (or every agency: 'all'). */
    async overdueReviews(q: Executor, agencyScope: 'all' | string[]) {
      if (agencyScope !== 'all' && agencyScope.length === 0) return [];
      const day = await today(q);
      let query = q
        .selectFrom('sops as p')
        .innerJoin('services as s', 's.id', 'p.service_id')
        .select(['p.id', 'p.version', 'p.next_review_at', 's.slug', 's.agency_id', sql<string>`s.draft_content->>'name'`.as('name')])
        .where('p.status', '=', 'approved')
        .where('p.next_review_at', '<', day)
        .orderBy('p.next_review_at');
      if (agencyScope !== 'all') query = query.where('s.agency_id', 'in', agencyScope);
      const rows = await query.execute();
      return rows.map((r) => ({ sopId: r.id, version: r.version, nextReviewAt: r.next_review_at!, slug: r.slug, serviceName: r.name ?? r.slug, agencyId: r.agency_id }));
    },
  };
}

