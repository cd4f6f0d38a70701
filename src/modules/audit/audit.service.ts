// Reading the append-only audit trail (issue 2 §8): filters by entity type, action, actor and
// date range (days in the region's time zone), newest first with keyset pagination on id,
// and a readable before/after diff. Writing stays in platform/audit/audit.ts (recordAudit);
// this module never changes the trail — a database trigger forbids UPDATE and DELETE anyway.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { likePattern, parseJson } from '../../platform/db/values.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { agenciesFor, authorize } from '../../platform/auth/policy.ts';
import { errors } from '../../platform/http/errors.ts';
import { parseOrThrow } from '../../platform/http/validation.ts';
import { auditFilterSchema } from './audit.schemas.ts';

export interface AuditEventView {
  id: number;
  occurredAt: Date;
  actorId: string | null;
  actorLabel: string;
  ip: string | null;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  agencyId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditQuery {
  entityType?: string;
  action?: string;
  /** Part of the actor's label, or an actor's user id. */
  actor?: string;
  /** YYYY-MM-DD, first and last day, in `timeZone`. */
  from?: string;
  to?: string;
  /** Keyset cursor: events with a smaller id. */
  before?: number;
  /** Keyset cursor when oldest first: events with a larger id. */
  after?: number;
  /** desc (default): newest first; asc: oldest first. */
  order?: 'asc' | 'desc';
  limit?: number;
}

export const AUDIT_PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OFFSET_HOURS: Record<string, number> = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 };

/** The instant a day (YYYY-MM-DD) begins in an Indonesian time zone (no daylight saving). */
export function dayStart(day: string, timeZone: string): Date {
  const offset = OFFSET_HOURS[timeZone] ?? 7;
  return new Date(Date.parse(`${day}T00:00:00Z`) - offset * 3600_000);
}

export { likePattern };

/** A before/after value as an object for the diff: a non-object value (or unreadable text) is wrapped as `{ value }`. */
function asRecord(v: unknown): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  let parsed: unknown;
  try {
    parsed = parseJson(v);
  } catch {
    return { value: v };
  }
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
}

/**
 * Events visible in `scope` ('all': region-wide reader; otherwise agency ids: only events
 * recorded for those agencies), newest first. `nextCursor` is the `before` of the next page.
 */
export async function listAuditEvents(
  db: Executor,
  scope: 'all' | string[],
  filter: AuditQuery,
  timeZone: string,
): Promise<{ items: AuditEventView[]; nextCursor: number | null }> {
  if (scope !== 'all' && scope.length === 0) return { items: [], nextCursor: null };
  const limit = Math.min(Math.max(filter.limit ?? AUDIT_PAGE_SIZE, 1), 200);
  let q = db.selectFrom('audit_events').selectAll();
  if (scope !== 'all') q = q.where('agency_id', 'in', scope);
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.actor) {
    const actor = filter.actor;
    q = UUID.test(actor) ? q.where('actor_id', '=', actor) : q.where(sql<boolean>`actor_label ilike ${likePattern(actor)}`);
  }
  if (filter.from) q = q.where('occurred_at', '>=', dayStart(filter.from, timeZone));
  if (filter.to) q = q.where('occurred_at', '<', new Date(dayStart(filter.to, timeZone).getTime() + 86_400_000));
  const order = filter.order ?? 'desc';
  if (order === 'desc' && filter.before) q = q.where('id', '<', filter.before);
  if (order === 'asc' && filter.after !== undefined) q = q.where('id', '>', filter.after);
  const rows = await q.orderBy('id', order).limit(limit + 1).execute();
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  return { items: page.map(toView), nextCursor: more ? page[page.length - 1]!.id : null };
}

export async function getAuditEvent(db: Executor, scope: 'all' | string[], id: number): Promise<AuditEventView | null> {
  if (scope !== 'all' && scope.length === 0) return null;
  let q = db.selectFrom('audit_events').selectAll().where('id', '=', id);
  if (scope !== 'all') q = q.where('agency_id', 'in', scope);
  const row = await q.executeTakeFirst();
  return row ? toView(row) : null;
}

/** Entity types present in the visible trail, for the filter's list. */
export async function auditEntityTypes(db: Executor, scope: 'all' | string[]): Promise<string[]> {
  if (scope !== 'all' && scope.length === 0) return [];
  let q = db.selectFrom('audit_events').select('entity_type').distinct();
  if (scope !== 'all') q = q.where('agency_id', 'in', scope);
  const rows = await q.orderBy('entity_type').limit(100).execute();
  return rows.map((r) => r.entity_type);
}

/** Action codes present in the visible trail, for the filter's list. */
export async function auditActionCodes(db: Executor, scope: 'all' | string[]): Promise<string[]> {
  if (scope !== 'all' && scope.length === 0) return [];
  let q = db.selectFrom('audit_events').select('action').distinct();
  if (scope !== 'all') q = q.where('agency_id', 'in', scope);
  const rows = await q.orderBy('action').limit(300).execute();
  return rows.map((r) => r.action);
}

function toView(r: {
  id: number;
  occurred_at: Date;
  actor_id: string | null;
  actor_label: string;
  ip: string | null;
  request_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  agency_id: string | null;
  before: unknown;
  after: unknown;
}): AuditEventView {
  return {
    id: Number(r.id),
    occurredAt: r.occurred_at,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    ip: r.ip,
    requestId: r.request_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    agencyId: r.agency_id,
    before: asRecord(r.before),
    after: asRecord(r.after),
  };
}

// ---- Diff ---------------------------------------------------------------------------------

export type DiffChange = 'added' | 'removed' | 'changed' | 'same';
export interface DiffRow {
  field: string;
  before: string | null;
  after: string | null;
  change: DiffChange;
}

/** A value as a person reads it: strings as they are, the rest as compact JSON; absent → null. */
export function showValue(v: unknown): string | null {
  if (v === undefined) return null;
  if (v === null) return '∅';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/**
 * Field-by-field comparison of a before/after pair: changed, added and removed fields first
 * (in the order they appear), then unchanged ones. A creation (no before) lists every field
 * as added; a record with only a before lists every field as removed.
 */
export function auditDiff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): DiffRow[] {
  const keys: string[] = [];
  for (const k of [...Object.keys(before ?? {}), ...Object.keys(after ?? {})]) if (!keys.includes(k)) keys.push(k);
  const has = (o: Record<string, unknown> | null, k: string) => o !== null && Object.prototype.hasOwnProperty.call(o, k);
  const rows: DiffRow[] = keys.map((field) => {
    const b = has(before, field) ? showValue(before![field]) : null;
    const a = has(after, field) ? showValue(after![field]) : null;
    let change: DiffChange;
    if (!has(before, field)) change = 'added';
    else if (!has(after, field)) change = 'removed';
    else change = b === a ? 'same' : 'changed';
    return { field, before: b, after: a, change };
  });
  return [...rows.filter((r) => r.change !== 'same'), ...rows.filter((r) => r.change === 'same')];
}

/**
 * The audit trail as the viewer and the API read it: super admins and auditors (agency auditors:
 * their agencies' events), authorised here. `regionTimeZone` gives the zone the filter's days
 * are read in (the agencies module's region).
 */
export function createAuditViewer(db: Executor, regionTimeZone: () => Promise<string>) {
  async function list(actor: Actor | null, rawFilter: unknown): Promise<{ items: AuditEventView[]; nextCursor: number | null }> {
    authorize(actor, 'audit.read');
    const filter = parseOrThrow(auditFilterSchema, rawFilter);
    return listAuditEvents(db, agenciesFor(actor, 'audit.read'), filter, await regionTimeZone());
  }

  async function event(actor: Actor | null, id: number): Promise<AuditEventView> {
    authorize(actor, 'audit.read');
    if (!Number.isSafeInteger(id) || id < 1) throw errors.notFound();
    const e = await getAuditEvent(db, agenciesFor(actor, 'audit.read'), id);
    if (!e) throw errors.notFound();
    return e;
  }

  async function entityTypes(actor: Actor | null): Promise<string[]> {
    authorize(actor, 'audit.read');
    return auditEntityTypes(db, agenciesFor(actor, 'audit.read'));
  }

  return { list, event, entityTypes };
}
export type AuditViewer = ReturnType<typeof createAuditViewer>;
