// Service of the simple governance registers (G-10 … G-14): list, read, create and change
// entries of any register definition. Only this module writes gov_register_entries. Every
// change is authorised against the entry's agency and audited; changes carry the version the
// editor saw (optimistic concurrency: a stale one is 409).
import { sql } from 'kysely';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { agenciesFor, authorize, can } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { agencyStatus, regionBasics, withAgencyNames } from '../agencies/index.ts';
import { parseJson } from '../../platform/db/values.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { validate } from '../../platform/http/validation.ts';
import { entrySchema, searchTextOf, type RegisterDefinition } from './registers.framework.ts';
import './registers.policy.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

export interface GovWho {
  actor: Actor;
  meta?: RequestMeta | null;
}

export interface EntryView {
  id: string;
  register: string;
  agencyId: string | null;
  agencyName: string | null;
  data: Record<string, unknown>;
  flags: MessageKey[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface EntryFilter {
  agencyId?: string;
  search?: string;
  page?: number;
  pageSize?: number;
}

export const READ_ACTION = 'governance.registers.read';

/** Agencies whose records the actor may read: 'all', or ids (region-level records are shared). */
export function readableAgencies(actor: Actor | null, action: string): 'all' | string[] {
  return agenciesFor(actor, action);
}

/** Region's domain, read through the caller's executor (G-11 check). */
export async function regionDomain(q: Executor): Promise<string> {
  return (await regionBasics(q))?.domain ?? '';
}

/** The agency exists (a form or API call may name any id). */
export async function agencyExists(q: Executor, id: string): Promise<boolean> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false;
  return !!(await agencyStatus(q, { id }));
}

function parseData(raw: unknown): Record<string, unknown> {
  return (parseJson<Record<string, unknown> | null>(raw) ?? {});
}

export function createRegisterService() {
  function view(def: RegisterDefinition, r: { id: string; register: string; agency_id: string | null; agency_name: string | null; data: unknown; version: number; created_at: Date; updated_at: Date }, today: string): EntryView {
    const data = parseData(r.data);
    return {
      id: r.id,
      register: r.register,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      data,
      flags: def.flags ? [...new Set(def.flags(data, today))] : [],
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  function base(q: Executor, def: RegisterDefinition) {
    return q
      .selectFrom('gov_register_entries as e')
      .where('e.register', '=', def.key)
      .select(['e.id', 'e.register', 'e.agency_id', 'e.data', 'e.version', 'e.created_at', 'e.updated_at']);
  }

  async function list(q: Executor, actor: Actor, def: RegisterDefinition, filter: EntryFilter, today: string): Promise<{ items: EntryView[]; total: number; page: number; pageSize: number }> {
    authorize(actor, READ_ACTION);
    const scope = readableAgencies(actor, READ_ACTION);
    const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), 5000);
    const page = Math.max(filter.page ?? 1, 1);
    let query = base(q, def);
    if (scope !== 'all') query = query.where((eb) => eb.or([eb('e.agency_id', 'is', null), ...(scope.length ? [eb('e.agency_id', 'in', scope)] : [])]));
    if (filter.agencyId) query = query.where('e.agency_id', '=', filter.agencyId);
    if (filter.search) query = query.where('e.search_text', 'like', `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const total = Number((await query.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await withAgencyNames(q, await query.orderBy('e.created_at', 'desc').orderBy('e.id').limit(pageSize).offset((page - 1) * pageSize).execute(), 'agency_id', 'agency_name');
    return { items: rows.map((r) => view(def, r, today)), total, page, pageSize };
  }

  /** One entry the actor may read, or null (another agency's entry is not there for him). */
  async function get(q: Executor, actor: Actor, def: RegisterDefinition, id: string, today: string): Promise<EntryView | null> {
    authorize(actor, READ_ACTION);
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const found = await base(q, def).where('e.id', '=', id).executeTakeFirst();
    if (!found) return null;
    if (found.agency_id !== null && !can(actor, READ_ACTION, { agencyId: found.agency_id })) return null;
    const r = (await withAgencyNames(q, [found], 'agency_id', 'agency_name'))[0]!;
    return view(def, r, today);
  }

  /** Validates the input: the owner agency and the fields. Throws 422 with field errors. */
  async function validated(q: Executor, def: RegisterDefinition, raw: Record<string, unknown>): Promise<{ agencyId: string | null; data: Record<string, unknown> }> {
    const fields: FieldError[] = [];
    const agencyRaw = typeof raw.agencyId === 'string' ? raw.agencyId.trim() : '';
    let agencyId: string | null = null;
    if (agencyRaw) {
      if (await agencyExists(q, agencyRaw)) agencyId = agencyRaw;
      else fields.push({ field: 'agencyId', key: 'validation.choice' });
    } else if (def.agencyRequired) fields.push({ field: 'agencyId', key: 'validation.required' });
    const input: Record<string, unknown> = {};
    for (const f of def.fields) input[f.key] = raw[f.key];
    const r = validate(entrySchema(def), input);
    let data: Record<string, unknown> = {};
    if (r.ok) {
      data = Object.fromEntries(Object.entries(r.data as Record<string, unknown>).filter(([, v]) => v !== undefined));
      if (def.check) fields.push(...def.check(data, { regionDomain: await regionDomain(q) }));
    } else fields.push(...r.fields);
    if (fields.length) throw errors.validation(fields);
    return { agencyId, data };
  }

  function allowManage(actor: Actor, def: RegisterDefinition, agencyId: string | null): void {
    authorize(actor, READ_ACTION);
    if (!can(actor, def.manageAction, { agencyId })) throw errors.forbidden();
  }

  async function create(trx: Executor, who: GovWho, def: RegisterDefinition, raw: Record<string, unknown>, today: string): Promise<EntryView> {
    if (!can(who.actor, def.manageAction)) throw errors.forbidden();
    const input = await validated(trx, def, raw);
    allowManage(who.actor, def, input.agencyId);
    const row = await trx
      .insertInto('gov_register_entries')
      .values({ register: def.key, agency_id: input.agencyId, data: JSON.stringify(input.data), search_text: searchTextOf(def, input.data), created_by: who.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, who, { action: `governance.registers.${def.key}.create`, entityType: 'gov_register_entry', entityId: row.id, agencyId: input.agencyId, after: { agency_id: input.agencyId, ...input.data } });
    return (await get(trx, who.actor, def, row.id, today))!;
  }

  async function update(trx: Executor, who: GovWho, def: RegisterDefinition, id: string, version: number, raw: Record<string, unknown>, today: string): Promise<EntryView> {
    const current = await get(trx, who.actor, def, id, today);
    if (!current) throw errors.notFound();
    allowManage(who.actor, def, current.agencyId);
    const input = await validated(trx, def, raw);
    allowManage(who.actor, def, input.agencyId);
    const done = await trx
      .updateTable('gov_register_entries')
      .set({ agency_id: input.agencyId, data: JSON.stringify(input.data), search_text: searchTextOf(def, input.data), version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('conflict', 409, 'gov.reg.stale');
    await recordAudit(trx, who, {
      action: `governance.registers.${def.key}.update`,
      entityType: 'gov_register_entry',
      entityId: id,
      agencyId: input.agencyId,
      before: { agency_id: current.agencyId, ...current.data },
      after: { agency_id: input.agencyId, ...input.data },
    });
    return (await get(trx, who.actor, def, id, today))!;
  }

  return { list, get, create, update };
}

export type RegisterService = ReturnType<typeof createRegisterService>;
