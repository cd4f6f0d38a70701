// Region and agencies (Perangkat Daerah), staff accounts' agency membership and role grants
// (S-1). The only place that changes regions, agencies and role_grants.
//
// Conventions:
// - Every change runs in one transaction with its audit event (before/after), so nothing is
//   half-written; a refused change writes nothing.
// - Input is parsed with the schemas of agencies.schemas.ts (the same ones the pages and the
//   API use): bad input → 422 with field errors, duplicates → 409 with the field.
// - Every action is authorised here with the one policy layer (agencies.policy.ts). Only the
//   CLI and the demo seed pass `trusted: true` (someone with shell access to the server).
// - Staff accounts themselves are made by identity (`createStaffAccount`), passed in as a port.
import { markPublicContentChanged } from '../../platform/http/public-cache.ts';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { formatDecimal } from '../../platform/format.ts';
import { setLetterheadLogo } from '../../platform/pdf/pdf.ts';
import { sniffContentType } from '../../platform/storage/sniff.ts';
import { newFileKey, type Storage } from '../../platform/storage/storage.ts';
import { AA_NORMAL_TEXT, contrastRatio, normalizeHexColour } from '../../platform/views/colour.ts';
import type { Database, Executor, Trx } from '../../platform/db/database.ts';
import { likePattern, uniqueViolation } from '../../platform/db/values.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { agenciesFor, authorize } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import type { RegionTimeZone } from '../../platform/calendar/working-time.ts';
import { calendarChanged } from '../../platform/calendar/calendar.service.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import type { RegionInfo } from '../../platform/http/context.ts';
import { parseOrThrow } from '../../platform/http/validation.ts';
import { indexDocument, removeDocument } from '../../platform/search/search.ts';
import type { Locale } from '../../platform/views/i18n.ts';
import { formatKodeWilayah, maskEmail, maskPhone, openPerson, emailIndex } from '../identity/index.ts';
import { canGrantRole, grantShapeError } from './agencies.policy.ts';
import {
  agencyFilterSchema,
  agencyInputSchema,
  agencyPatchSchema,
  grantInputSchema,
  regionInputSchema,
  staffFilterSchema,
  staffInputSchema,
  timeZoneLabel,
  timeZones,
  type AgencyType,
  type RegionLevel,
  type TimeZoneLabel,
} from './agencies.schemas.ts';

/** Who acts, for authorisation and the audit trail. */
export interface Who {
  actor: Actor | null;
  meta?: RequestMeta | null;
  label?: string;
  /** The CLI and the demo seed: an operator with shell access; no policy check. */
  trusted?: boolean;
}

/** What this module needs from identity to make a staff account (inside our transaction). */
export interface StaffAccounts {
  createStaffAccount(
    trx: Executor,
    input: { name: string; email: string; phone?: string | null; password?: string; locale?: Locale },
    who: { actor: Actor | null; meta?: RequestMeta | null; label?: string },
  ): Promise<{ userId: string }>;
}

export interface RegionView {
  id: string;
  name: string;
  level: RegionLevel;
  /** Undotted, e.g. `53` or `5371`. */
  kodeWilayah: string;
  /** Dotted as Kemendagri writes it, e.g. `53.71`. */
  kodeWilayahDotted: string;
  timeZone: TimeZoneLabel;
  ianaTimeZone: string;
  domain: string;
  updatedAt: Date;
}

export interface AgencyView {
  id: string;
  slug: string;
  name: string;
  shortName: string;
  type: AgencyType;
  headName: string | null;
  headTitle: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  subdomain: string | null;
  /** subdomain.region-domain, when both are known. */
  host: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface AgencyRef {
  id: string;
  slug: string;
  name: string;
  shortName: string;
  active: boolean;
}

export interface GrantView {
  id: string;
  userId: string;
  role: StaffRole;
  agency: AgencyRef | null;
  grantedBy: string | null;
  grantedAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
  active: boolean;
}

export interface StaffSummary {
  id: string;
  name: string;
  emailMasked: string | null;
  phoneMasked: string | null;
  status: 'pending' | 'active' | 'disabled';
  mfaEnabled: boolean;
  /** Active grants the reader may see. */
  roles: { role: StaffRole; agency: AgencyRef | null }[];
}

export interface StaffDetail extends StaffSummary {
  email: string | null;
  createdAt: Date;
  lastLoginAt: Date | null;
  /** Grants (active and revoked) the reader may see, newest first. */
  grants: GrantView[];
  /** Grants in agencies the reader may not see (counted, never shown). */
  hiddenGrants: number;
}

const REGION_TTL_MS = 10_000;
/** Largest coat of arms/logo accepted (bytes). */
export const LOGO_MAX_BYTES = 512 * 1024;
/** A short version token of a logo key, for cache-busting URLs. */
const logoVersion = (key: string) => crypto.createHash('sha256').update(key).digest('hex').slice(0, 12);

/** Unique index → the field it protects and its message. */
const uniqueFields: Record<string, FieldError> = {
  agencies_slug_key: { field: 'slug', key: 'agency.slug_taken' },
  agencies_short_name_key: { field: 'shortName', key: 'agency.short_name_taken' },
  agencies_subdomain_key: { field: 'subdomain', key: 'agency.subdomain_taken' },
  role_grants_active_key: { field: 'role', key: 'grant.duplicate' },
  regions_single_key: { field: 'name', key: 'region.exists' },
};

/** A unique violation that raced past our checks: the same 409 the check gives. */
function conflictFromUniqueViolation(err: unknown): AppError | null {
  const e = uniqueViolation(err);
  if (!e) return null;
  const name = e.constraint ?? Object.keys(uniqueFields).find((k) => e.message.includes(k));
  const field = name ? uniqueFields[name] : undefined;
  return new AppError('conflict', 409, field?.key ?? 'agency.conflict', undefined, field ? [field] : undefined);
}

type AgencyRow = {
  id: string;
  slug: string;
  name: string;
  short_name: string;
  type: string;
  head_name: string | null;
  head_title: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  subdomain: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
};

const agencyColumns = [
  'id',
  'slug',
  'name',
  'short_name',
  'type',
  'head_name',
  'head_title',
  'address',
  'phone',
  'email',
  'website',
  'subdomain',
  'active',
  'created_at',
  'updated_at',
] as const;

function agencyView(r: AgencyRow, domain: string | null): AgencyView {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    shortName: r.short_name,
    type: r.type as AgencyType,
    headName: r.head_name,
    headTitle: r.head_title,
    address: r.address,
    phone: r.phone,
    email: r.email,
    website: r.website,
    subdomain: r.subdomain,
    host: r.subdomain && domain ? `${r.subdomain}.${domain}` : null,
    active: r.active,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The audit record of an agency: its columns, without bookkeeping ids. */
function agencyAudit(r: AgencyRow): Record<string, unknown> {
  const { id: _id, created_at: _c, ...rest } = r;
  return rest;
}

export type Agencies = ReturnType<typeof createAgencies>;

const regionZones: readonly RegionTimeZone[] = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];

/**
 * The region's time zone (WIB/WITA/WIT), read through the given executor so callers inside a
 * transaction can use it (on PGlite a read through the pool would wait for the transaction).
 */
export async function regionTimeZone(q: Executor): Promise<RegionTimeZone> {
  const r = await q.selectFrom('regions').select('timezone').orderBy('created_at').limit(1).executeTakeFirst();
  const tz = r?.timezone as RegionTimeZone | undefined;
  return tz && regionZones.includes(tz) ? tz : 'Asia/Jakarta';
}

/** Active staff holding `role` in the agency (who may be assigned a step, who gets escalations). */
export async function staffWithRole(q: Executor, agencyId: string, role: StaffRole): Promise<{ id: string; name: string }[]> {
  return q
    .selectFrom('role_grants as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.name'])
    .where('r.agency_id', '=', agencyId)
    .where('r.role', '=', role)
    .where('r.revoked_at', 'is', null)
    .where('u.status', '=', 'active')
    .orderBy('u.name')
    .limit(200)
    .execute();
}

export function createAgencies(database: Database, storage?: Storage) {
  const db = database.db;
  const tx = <T>(fn: (trx: Trx) => Promise<T>) => db.transaction().execute(fn);
  /** In the caller's transaction when given one (demo seed), else in a new one. */
  const within = <T>(trx: Trx | undefined, fn: (trx: Trx) => Promise<T>) => (trx ? fn(trx) : tx(fn));
  let cached: { at: number; value: RegionInfo } | null = null;

  function allow(who: Who, action: string, target?: { agencyId?: string | null }): void {
    if (who.trusted) return;
    authorize(who.actor, action, target);
  }
  const auditWho = (who: Who) => ({ actor: who.actor, meta: who.meta, label: who.label });

  // ------------------------------------------------------------------------------------
  // Region
  // ------------------------------------------------------------------------------------

  async function regionRow(q: Executor) {
    return q.selectFrom('regions').selectAll().orderBy('created_at').limit(1).executeTakeFirst();
  }

  function regionView(r: NonNullable<Awaited<ReturnType<typeof regionRow>>>): RegionView {
    return {
      id: r.id,
      name: r.name,
      level: r.level,
      kodeWilayah: r.kode_wilayah,
      kodeWilayahDotted: formatKodeWilayah(r.kode_wilayah),
      timeZone: timeZoneLabel(r.timezone),
      ianaTimeZone: r.timezone,
      domain: r.domain,
      updatedAt: r.updated_at,
    };
  }

  async function getRegion(): Promise<RegionView | null> {
    const r = await regionRow(db);
    return r ? regionView(r) : null;
  }

  async function createRegion(who: Who, raw: unknown, opts: { trx?: Trx } = {}): Promise<RegionView> {
    allow(who, 'region.manage');
    const input = parseOrThrow(regionInputSchema, raw);
    try {
      const row = await within(opts.trx, async (trx) => {
        if (await regionRow(trx)) throw new AppError('conflict', 409, 'region.exists');
        const row = await trx
          .insertInto('regions')
          .values({ name: input.name, level: input.level, kode_wilayah: input.kodeWilayah, timezone: timeZones[input.timeZone], domain: input.domain })
          .returningAll()
          .executeTakeFirstOrThrow();
        const { id: _id, created_at: _c, ...after } = row;
        await recordAudit(trx, auditWho(who), { action: 'region.create', entityType: 'region', entityId: row.id, after });
        await markPublicContentChanged(trx);
        return row;
      });
      cached = null;
      calendarChanged();
      return regionView(row);
    } catch (err) {
      throw conflictFromUniqueViolation(err) ?? err;
    }
  }

  async function updateRegion(who: Who, raw: unknown): Promise<RegionView> {
    allow(who, 'region.manage');
    const input = parseOrThrow(regionInputSchema, raw);
    const row = await tx(async (trx) => {
      const current = await trx.selectFrom('regions').selectAll().orderBy('created_at').limit(1).forUpdate().executeTakeFirst();
      if (!current) throw new AppError('not_found', 404, 'region.none');
      const row = await trx
        .updateTable('regions')
        .set({ name: input.name, level: input.level, kode_wilayah: input.kodeWilayah, timezone: timeZones[input.timeZone], domain: input.domain, updated_at: new Date() })
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const strip = ({ id: _id, created_at: _c, ...rest }: typeof row) => rest;
      await recordAudit(trx, auditWho(who), { action: 'region.update', entityType: 'region', entityId: row.id, before: strip(current), after: strip(row) });
      await markPublicContentChanged(trx);
      return row;
    });
    cached = null;
    calendarChanged(); // the time zone of working calendars
    return regionView(row);
  }

  // ------------------------------------------------------------------------------------
  // Agencies
  // ------------------------------------------------------------------------------------

  async function regionDomain(q: Executor): Promise<string | null> {
    return (await q.selectFrom('regions').select('domain').orderBy('created_at').limit(1).executeTakeFirst())?.domain ?? null;
  }

  async function findAgencyRow(q: Executor, slug: string, lock = false): Promise<AgencyRow | undefined> {
    let query = q.selectFrom('agencies').select(agencyColumns).where('slug', '=', slug.toLowerCase());
    if (lock) query = query.forUpdate();
    return query.executeTakeFirst();
  }

  async function getAgencyBySlug(slug: string): Promise<AgencyView | null> {
    if (slug.length > 80) return null;
    const r = await findAgencyRow(db, slug);
    return r ? agencyView(r, await regionDomain(db)) : null;
  }

  /** Duplicate slug / short name / subdomain, all at once (409 with every field). */
  async function assertUnique(trx: Trx, v: { slug?: string; shortName?: string; subdomain?: string | null }, exceptId?: string) {
    const fields: FieldError[] = [];
    const taken = async (build: (eb: Trx) => Promise<{ id: string } | undefined>) => {
      const hit = await build(trx);
      return hit !== undefined && hit.id !== exceptId;
    };
    if (v.slug && (await taken((t) => t.selectFrom('agencies').select('id').where('slug', '=', v.slug!).executeTakeFirst()))) {
      fields.push({ field: 'slug', key: 'agency.slug_taken' });
    }
    if (
      v.shortName &&
      (await taken((t) => t.selectFrom('agencies').select('id').where(sql<string>`lower(short_name)`, '=', v.shortName!.toLowerCase()).executeTakeFirst()))
    ) {
      fields.push({ field: 'shortName', key: 'agency.short_name_taken' });
    }
    if (v.subdomain && (await taken((t) => t.selectFrom('agencies').select('id').where('subdomain', '=', v.subdomain!).executeTakeFirst()))) {
      fields.push({ field: 'subdomain', key: 'agency.subdomain_taken' });
    }
    if (fields.length) throw new AppError('conflict', 409, fields[0]!.key, undefined, fields);
  }

  async function indexAgency(trx: Trx, r: AgencyRow): Promise<void> {
    if (!r.active) return removeDocument(trx, 'agency', r.id);
    await indexDocument(trx, {
      kind: 'agency',
      refId: r.id,
      agencyId: r.id,
      title: r.name,
      keywords: [r.short_name, r.slug],
      summary: [r.head_title && r.head_name ? `${r.head_title}: ${r.head_name}` : '', r.address ?? ''].filter(Boolean).join(' · '),
      url: `/instansi/${r.slug}`,
    });
  }

  async function createAgencyIn(trx: Trx, who: Who, raw: unknown): Promise<AgencyView> {
    allow(who, 'agency.create');
    const input = parseOrThrow(agencyInputSchema, raw);
    const region = await regionRow(trx);
    if (!region) throw new AppError('conflict', 409, 'agency.no_region');
    await assertUnique(trx, input);
    const row = await trx
      .insertInto('agencies')
      .values({
        region_id: region.id,
        slug: input.slug,
        name: input.name,
        short_name: input.shortName,
        type: input.type,
        head_name: input.headName ?? null,
        head_title: input.headTitle ?? null,
        address: input.address ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        website: input.website ?? null,
        subdomain: input.subdomain ?? null,
      })
      .returning(agencyColumns)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, auditWho(who), { action: 'agency.create', entityType: 'agency', entityId: row.id, agencyId: row.id, after: agencyAudit(row) });
    await indexAgency(trx, row);
    return agencyView(row, region.domain);
  }

  async function createAgency(who: Who, raw: unknown): Promise<AgencyView> {
    allow(who, 'agency.create');
    parseOrThrow(agencyInputSchema, raw); // 422 before opening a transaction
    try {
      return await tx((trx) => createAgencyIn(trx, who, raw));
    } catch (err) {
      throw conflictFromUniqueViolation(err) ?? err;
    }
  }

  async function updateAgency(who: Who, slug: string, raw: unknown): Promise<AgencyView> {
    const patch = parseOrThrow(agencyPatchSchema, raw);
    const { active, ...fields } = patch;
    const changesFields = Object.values(fields).some((v) => v !== undefined);
    if (changesFields) allow(who, 'agency.update');
    if (active !== undefined) allow(who, 'agency.deactivate');
    if (!changesFields && active === undefined) allow(who, 'agency.update');
    try {
      return await tx(async (trx) => {
        const current = await findAgencyRow(trx, slug, true);
        if (!current) throw errors.notFound();
        await assertUnique(trx, { shortName: fields.shortName, subdomain: fields.subdomain }, current.id);
        const set: Record<string, unknown> = {};
        const map: Record<string, string> = {
          name: 'name',
          shortName: 'short_name',
          type: 'type',
          headName: 'head_name',
          headTitle: 'head_title',
          address: 'address',
          phone: 'phone',
          email: 'email',
          website: 'website',
          subdomain: 'subdomain',
        };
        for (const [k, col] of Object.entries(map)) {
          const v = (fields as Record<string, unknown>)[k];
          if (v !== undefined) set[col] = v;
        }
        if (active !== undefined) set.active = active;
        const changed = Object.entries(set).filter(([col, v]) => (current as Record<string, unknown>)[col] !== v);
        if (!changed.length) return agencyView(current, await regionDomain(trx));
        const row = await trx
          .updateTable('agencies')
          .set({ ...Object.fromEntries(changed), updated_at: new Date() })
          .where('id', '=', current.id)
          .returning(agencyColumns)
          .executeTakeFirstOrThrow();
        const onlyActive = changed.every(([col]) => col === 'active');
        const action = onlyActive ? (row.active ? 'agency.activate' : 'agency.deactivate') : 'agency.update';
        await recordAudit(trx, auditWho(who), { action, entityType: 'agency', entityId: row.id, agencyId: row.id, before: agencyAudit(current), after: agencyAudit(row) });
        await indexAgency(trx, row);
        return agencyView(row, await regionDomain(trx));
      });
    } catch (err) {
      throw conflictFromUniqueViolation(err) ?? err;
    }
  }

  /** Deactivation: the agency leaves the portal; nothing is deleted, its grants stay on record. */
  const deactivateAgency = (who: Who, slug: string) => updateAgency(who, slug, { active: false });
  const activateAgency = (who: Who, slug: string) => updateAgency(who, slug, { active: true });

  /**
   * Agencies by name. 'public': active ones only. For staff: those the actor may read
   * (agenciesFor 'agency.read'), active and inactive unless filtered.
   */
  async function listAgencies(reader: Actor | 'public', rawFilter: unknown = {}): Promise<AgencyView[]> {
    const filter = agencyFilterSchema.parse(rawFilter);
    let q = db.selectFrom('agencies').select(agencyColumns);
    if (reader === 'public') {
      q = q.where('active', '=', true);
    } else {
      authorize(reader, 'agency.read');
      const scope = agenciesFor(reader, 'agency.read');
      if (scope !== 'all') {
        if (!scope.length) return [];
        q = q.where('id', 'in', scope);
      }
      if (filter.status === 'active') q = q.where('active', '=', true);
      if (filter.status === 'inactive') q = q.where('active', '=', false);
    }
    if (filter.type) q = q.where('type', '=', filter.type);
    if (filter.q) {
      const p = likePattern(filter.q);
      q = q.where((eb) => eb.or([eb(sql<string>`name`, 'ilike', p), eb(sql<string>`short_name`, 'ilike', p)]));
    }
    const rows = await q.orderBy('name').execute();
    const domain = await regionDomain(db);
    return rows.map((r) => agencyView(r, domain));
  }

  // ------------------------------------------------------------------------------------
  // Staff and grants
  // ------------------------------------------------------------------------------------

  type Scope = 'all' | string[];

  /** Staff users visible in `scope`: an active grant there, or — with no active grant anywhere — a past one there. */
  function staffInScope(q: Executor, scope: Scope) {
    let query = q.selectFrom('users as u').where('u.kind', '=', 'staff');
    if (scope === 'all') return query;
    const ids = scope.length ? scope : ['00000000-0000-0000-0000-000000000000'];
    query = query.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('role_grants as g')
            .select('g.id')
            .whereRef('g.user_id', '=', 'u.id')
            .where('g.revoked_at', 'is', null)
            .where('g.agency_id', 'in', ids),
        ),
        eb.and([
          eb.exists(eb.selectFrom('role_grants as g2').select('g2.id').whereRef('g2.user_id', '=', 'u.id').where('g2.agency_id', 'in', ids)),
          eb.not(eb.exists(eb.selectFrom('role_grants as g3').select('g3.id').whereRef('g3.user_id', '=', 'u.id').where('g3.revoked_at', 'is', null))),
        ]),
      ]),
    );
    return query;
  }

  async function agencyRefs(q: Executor): Promise<Map<string, AgencyRef>> {
    const rows = await q.selectFrom('agencies').select(['id', 'slug', 'name', 'short_name', 'active']).execute();
    return new Map(rows.map((r) => [r.id, { id: r.id, slug: r.slug, name: r.name, shortName: r.short_name, active: r.active }]));
  }

  const inScope = (scope: Scope, agencyId: string | null) => scope === 'all' || (agencyId !== null && scope.includes(agencyId));

  /** Staff the actor may see, by name; filters by agency (slug), role and name/e-mail. */
  async function listStaff(actor: Actor | null, rawFilter: unknown = {}): Promise<StaffSummary[]> {
    authorize(actor, 'staff.read');
    const filter = staffFilterSchema.parse(rawFilter);
    const scope = agenciesFor(actor, 'staff.read');
    const refs = await agencyRefs(db);
    let agencyId: string | undefined;
    if (filter.agency) {
      const ref = [...refs.values()].find((a) => a.slug === filter.agency);
      if (!ref) return [];
      if (!inScope(scope, ref.id)) throw errors.forbidden();
      agencyId = ref.id;
    }
    let q = staffInScope(db, scope).select(['u.id', 'u.name', 'u.email', 'u.phone', 'u.status', 'u.totp_enabled_at']);
    if (agencyId || filter.role) {
      q = q.where((eb) => {
        let sub = eb.selectFrom('role_grants as f').select('f.id').whereRef('f.user_id', '=', 'u.id').where('f.revoked_at', 'is', null);
        if (agencyId) sub = sub.where('f.agency_id', '=', agencyId);
        if (filter.role) sub = sub.where('f.role', '=', filter.role);
        if (!agencyId && scope !== 'all') sub = sub.where('f.agency_id', 'in', scope.length ? scope : ['00000000-0000-0000-0000-000000000000']);
        return eb.exists(sub);
      });
    }
    if (filter.q) {
      const p = likePattern(filter.q);
      // E-mail addresses are sealed at rest: a whole address matches exactly (its blind index), a part matches names only.
      q = q.where((eb) => eb.or([eb(sql<string>`u.name`, 'ilike', p), eb('u.email_bidx', '=', emailIndex(filter.q!))]));
    }
    const users = (await q.orderBy('u.name').limit(500).execute()).map((u) => openPerson(u));
    if (!users.length) return [];
    const grants = await db
      .selectFrom('role_grants')
      .select(['user_id', 'role', 'agency_id'])
      .where('user_id', 'in', users.map((u) => u.id))
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .execute();
    return users.map((u) => ({
      id: u.id,
      name: u.name,
      emailMasked: u.email ? maskEmail(u.email) : null,
      phoneMasked: u.phone ? maskPhone(u.phone) : null,
      status: u.status,
      mfaEnabled: u.totp_enabled_at !== null,
      roles: grants
        .filter((g) => g.user_id === u.id && inScope(scope, g.agency_id))
        .map((g) => ({ role: g.role, agency: g.agency_id ? (refs.get(g.agency_id) ?? null) : null })),
    }));
  }

  /** 404 when there is no such staff account; 403 when it exists but lies outside the actor's agencies. */
  async function requireVisibleStaff(q: Executor, who: Who, userId: string, action = 'staff.read') {
    if (!/^[0-9a-f-]{36}$/i.test(userId)) throw errors.notFound();
    const user = await q.selectFrom('users').select(['id', 'kind', 'name', 'email', 'phone', 'status', 'totp_enabled_at', 'created_at', 'last_login_at']).where('id', '=', userId).executeTakeFirst().then((u) => u && openPerson(u));
    if (!user || user.kind !== 'staff') throw errors.notFound();
    if (who.trusted) return { user, scope: 'all' as Scope };
    authorize(who.actor, action);
    const scope = agenciesFor(who.actor, action);
    if (scope !== 'all') {
      const visible = await staffInScope(q, scope).select('u.id').where('u.id', '=', userId).executeTakeFirst();
      if (!visible) throw errors.forbidden();
    }
    return { user, scope };
  }

  async function grantViews(q: Executor, userId: string): Promise<GrantView[]> {
    const refs = await agencyRefs(q);
    const rows = await q
      .selectFrom('role_grants as g')
      .leftJoin('users as gb', 'gb.id', 'g.granted_by')
      .leftJoin('users as rb', 'rb.id', 'g.revoked_by')
      .select(['g.id', 'g.user_id', 'g.role', 'g.agency_id', 'g.created_at', 'g.revoked_at', 'gb.name as granted_by_name', 'rb.name as revoked_by_name'])
      .where('g.user_id', '=', userId)
      .orderBy('g.created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      role: r.role,
      agency: r.agency_id ? (refs.get(r.agency_id) ?? null) : null,
      grantedBy: r.granted_by_name,
      grantedAt: r.created_at,
      revokedAt: r.revoked_at,
      revokedBy: r.revoked_by_name,
      active: r.revoked_at === null,
    }));
  }

  async function getStaff(actor: Actor | null, userId: string): Promise<StaffDetail> {
    const { user, scope } = await requireVisibleStaff(db, { actor }, userId);
    const all = await grantViews(db, user.id);
    const grants = all.filter((g) => inScope(scope, g.agency?.id ?? null));
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      emailMasked: user.email ? maskEmail(user.email) : null,
      phoneMasked: user.phone ? maskPhone(user.phone) : null,
      status: user.status,
      mfaEnabled: user.totp_enabled_at !== null,
      createdAt: user.created_at,
      lastLoginAt: user.last_login_at,
      roles: grants.filter((g) => g.active).map((g) => ({ role: g.role, agency: g.agency })),
      grants,
      hiddenGrants: all.length - grants.length,
    };
  }

  async function listGrants(actor: Actor | null, userId: string): Promise<GrantView[]> {
    return (await getStaff(actor, userId)).grants;
  }

  /** The agency a grant names, by slug: unknown → 422 on `field`, inactive → 422. */
  async function resolveAgency(q: Executor, slug: string | null | undefined, field: string): Promise<AgencyRef | null> {
    if (!slug) return null;
    const r = await q.selectFrom('agencies').select(['id', 'slug', 'name', 'short_name', 'active']).where('slug', '=', slug).executeTakeFirst();
    if (!r) throw errors.validation([{ field, key: 'grant.agency_unknown' }]);
    return { id: r.id, slug: r.slug, name: r.name, shortName: r.short_name, active: r.active };
  }

  function checkGrant(who: Who, role: StaffRole, agency: AgencyRef | null, action: 'role.grant' | 'role.revoke' = 'role.grant') {
    const shape = grantShapeError(role, agency?.id ?? null);
    if (shape) throw errors.validation([{ field: 'agency', key: shape }]);
    if (!who.trusted && !canGrantRole(who.actor, role, agency?.id ?? null, action)) {
      if (!who.actor) throw errors.unauthenticated();
      throw errors.forbidden();
    }
  }

  /** Inserts a grant, with its audit event, in the caller's transaction. */
  async function insertGrant(trx: Executor, who: Who, userId: string, role: StaffRole, agency: AgencyRef | null): Promise<GrantView> {
    if (agency && !agency.active) throw errors.validation([{ field: 'agency', key: 'grant.agency_inactive' }]);
    const existing = await trx
      .selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', userId)
      .where('role', '=', role)
      .where('revoked_at', 'is', null)
      .where((eb) => (agency ? eb('agency_id', '=', agency.id) : eb('agency_id', 'is', null)))
      .executeTakeFirst();
    if (existing) throw new AppError('conflict', 409, 'grant.duplicate', undefined, [{ field: 'role', key: 'grant.duplicate' }]);
    const row = await trx
      .insertInto('role_grants')
      .values({ user_id: userId, role, agency_id: agency?.id ?? null, granted_by: who.actor?.userId ?? null })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, auditWho(who), {
      action: 'role.grant',
      entityType: 'role_grant',
      entityId: row.id,
      agencyId: agency?.id ?? null,
      after: { user_id: userId, role, agency: agency?.slug ?? null, revoked_at: null },
    });
    return {
      id: row.id,
      userId,
      role,
      agency,
      grantedBy: who.actor?.name ?? who.label ?? null,
      grantedAt: row.created_at,
      revokedAt: null,
      revokedBy: null,
      active: true,
    };
  }

  /** Grants `role` (in `agency`, or region-wide) to an existing staff account. */
  async function grantRole(who: Who, userId: string, raw: unknown): Promise<GrantView> {
    const input = parseOrThrow(grantInputSchema, raw);
    try {
      return await tx(async (trx) => {
        await requireVisibleStaff(trx, who, userId, 'role.grant');
        const agency = await resolveAgency(trx, input.agency, 'agency');
        checkGrant(who, input.role, agency);
        // One grant at a time per account: a concurrent duplicate waits here, then sees ours.
        await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
        return insertGrant(trx, who, userId, input.role, agency);
      });
    } catch (err) {
      throw conflictFromUniqueViolation(err) ?? err;
    }
  }

  /** Revokes a grant (never deleted: revoked_at/revoked_by); the last super admin stays. */
  async function revokeRole(who: Who, userId: string, grantId: string): Promise<GrantView> {
    if (!/^[0-9a-f-]{36}$/i.test(grantId)) throw errors.notFound();
    return tx(async (trx) => {
      await requireVisibleStaff(trx, who, userId, 'role.revoke');
      const g = await trx.selectFrom('role_grants').selectAll().where('id', '=', grantId).where('user_id', '=', userId).forUpdate().executeTakeFirst();
      if (!g) throw errors.notFound();
      const agency = g.agency_id ? ((await agencyRefs(trx)).get(g.agency_id) ?? null) : null;
      checkGrant(who, g.role, agency, 'role.revoke');
      if (g.revoked_at) throw new AppError('conflict', 409, 'grant.already_revoked');
      if (g.role === 'super_admin') {
        const admins = await trx
          .selectFrom('role_grants as g')
          .innerJoin('users as u', 'u.id', 'g.user_id')
          .select('g.id')
          .where('g.role', '=', 'super_admin')
          .where('g.revoked_at', 'is', null)
          .where('u.status', '=', 'active')
          .forUpdate()
          .execute();
        if (admins.filter((a) => a.id !== g.id).length === 0) throw new AppError('conflict', 409, 'grant.last_super_admin');
      }
      const now = new Date();
      await trx
        .updateTable('role_grants')
        .set({ revoked_at: now, revoked_by: who.actor?.userId ?? null, updated_at: now })
        .where('id', '=', g.id)
        .execute();
      await recordAudit(trx, auditWho(who), {
        action: 'role.revoke',
        entityType: 'role_grant',
        entityId: g.id,
        agencyId: g.agency_id,
        before: { user_id: userId, role: g.role, agency: agency?.slug ?? null, revoked_at: null },
        after: { user_id: userId, role: g.role, agency: agency?.slug ?? null, revoked_at: now.toISOString() },
      });
      const views = await grantViews(trx, userId);
      return views.find((v) => v.id === g.id)!;
    });
  }

  /**
   * A new staff account with its first role, in one transaction: identity makes the account
   * (and e-mails an invitation when no password is given), we grant the role. An agency
   * admin may do this only in his agency and only with agency roles.
   */
  async function createStaff(
    who: Who,
    raw: unknown,
    accounts: StaffAccounts,
    opts: { password?: string; trx?: Trx } = {},
  ): Promise<{ userId: string; grant: GrantView }> {
    const input = parseOrThrow(staffInputSchema, raw);
    try {
      return await within(opts.trx, async (trx) => {
        const agency = await resolveAgency(trx, input.agency, 'agency');
        if (!who.trusted) {
          authorize(who.actor, 'staff.create', { agencyId: agency?.id ?? null });
        }
        checkGrant(who, input.role, agency);
        if (agency && !agency.active) throw errors.validation([{ field: 'agency', key: 'grant.agency_inactive' }]);
        const { userId } = await accounts.createStaffAccount(
          trx,
          { name: input.name, email: input.email, phone: input.phone ?? null, password: opts.password },
          auditWho(who),
        );
        const grant = await insertGrant(trx, who, userId, input.role, agency);
        return { userId, grant };
      });
    } catch (err) {
      throw conflictFromUniqueViolation(err) ?? err;
    }
  }

  // ------------------------------------------------------------------------------------
  // Shell and public helpers
  // ------------------------------------------------------------------------------------

  // The logo's bytes for PDF letterheads, read from storage when its key changes.
  let letterheadKey: string | null = null;
  async function refreshLetterhead(key: string | null): Promise<void> {
    if (key === letterheadKey) return;
    const bytes = key && storage ? await storage.get(key).catch(() => null) : null;
    setLetterheadLogo(bytes);
    letterheadKey = key;
  }

  async function regionInfo(): Promise<RegionInfo> {
    if (cached && Date.now() - cached.at < REGION_TTL_MS) return cached.value;
    const row = await db
      .selectFrom('regions')
      .select(['name', 'timezone', 'kode_wilayah', 'primary_colour', 'logo_key'])
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    const value: RegionInfo = row
      ? { name: row.name, timeZone: row.timezone, code: row.kode_wilayah, colour: row.primary_colour ?? undefined, logo: row.logo_key ? logoVersion(row.logo_key) : undefined }
      : { name: 'Simpul', timeZone: 'Asia/Jakarta' };
    await refreshLetterhead(row?.logo_key ?? null);
    cached = { at: Date.now(), value };
    return value;
  }

  /**
   * The region's identity (S-1 administrators, /kelola/wilayah): primary colour (`#rrggbb`,
   * refused unless white text on it reaches WCAG AA 4.5:1; empty = the default) and the coat
   * of arms/logo (PNG or JPEG only, checked by content, at most LOGO_MAX_BYTES; SVG is not
   * accepted, so nothing scriptable is served). A new logo replaces the old file.
   */
  async function setRegionIdentity(who: Who, input: { colour: string; logo?: { bytes: Buffer }; removeLogo?: boolean }): Promise<void> {
    allow(who, 'region.manage');
    if (!storage) throw new Error('agencies: no file storage');
    const fields: FieldError[] = [];
    let colour: string | null = null;
    if (input.colour.trim()) {
      colour = normalizeHexColour(input.colour);
      if (!colour) fields.push({ field: 'primaryColour', key: 'region.identity.v.colour' });
      else {
        const ratio = contrastRatio(colour, '#ffffff');
        if (ratio < AA_NORMAL_TEXT) fields.push({ field: 'primaryColour', key: 'region.identity.v.contrast', params: { ratio: formatDecimal(ratio, 1) } });
      }
    }
    let logoType: 'image/png' | 'image/jpeg' | null = null;
    if (input.logo) {
      const type = sniffContentType(input.logo.bytes);
      if (input.logo.bytes.length > LOGO_MAX_BYTES) fields.push({ field: 'logo', key: 'region.identity.v.logo_size', params: { kb: LOGO_MAX_BYTES / 1024 } });
      else if (type !== 'image/png' && type !== 'image/jpeg') fields.push({ field: 'logo', key: 'region.identity.v.logo_type' });
      else logoType = type;
    }
    if (fields.length) throw errors.validation(fields);
    const newKey = input.logo && logoType ? newFileKey('region/logo', logoType === 'image/png' ? 'png' : 'jpg') : null;
    if (newKey && input.logo) await storage.put(newKey, input.logo.bytes, logoType!);
    let oldKey: string | null = null;
    await tx(async (trx) => {
      const current = await trx.selectFrom('regions').select(['id', 'primary_colour', 'logo_key']).orderBy('created_at').limit(1).forUpdate().executeTakeFirst();
      if (!current) throw new AppError('not_found', 404, 'region.none');
      const logo = newKey ? { logo_key: newKey, logo_type: logoType } : input.removeLogo ? { logo_key: null, logo_type: null } : {};
      if (newKey || input.removeLogo) oldKey = current.logo_key;
      await trx.updateTable('regions').set({ primary_colour: colour, ...logo, updated_at: new Date() }).where('id', '=', current.id).execute();
      await markPublicContentChanged(trx);
      await recordAudit(trx, auditWho(who), {
        action: 'region.identity',
        entityType: 'region',
        entityId: current.id,
        before: { primary_colour: current.primary_colour, logo: current.logo_key !== null },
        after: { primary_colour: colour, logo: newKey ? true : input.removeLogo ? false : current.logo_key !== null },
      });
    });
    if (oldKey) await storage.delete(oldKey).catch(() => undefined);
    cached = null;
  }

  /** The region's logo file (public: it is on every page's header). */
  async function regionLogo(): Promise<{ bytes: Buffer; type: string } | null> {
    if (!storage) return null;
    const row = await db.selectFrom('regions').select(['logo_key', 'logo_type']).orderBy('created_at').limit(1).executeTakeFirst();
    if (!row?.logo_key || !row.logo_type) return null;
    const bytes = await storage.get(row.logo_key);
    return bytes ? { bytes, type: row.logo_type } : null;
  }

  return {
    /** Region name and time zone for page shells (cached for a few seconds per node). */
    regionInfo,
    setRegionIdentity,
    regionLogo,
    /** Active agencies for public pages, by name. */
    async listPublic(): Promise<{ id: string; slug: string; name: string; shortName: string }[]> {
      const rows = await db.selectFrom('agencies').select(['id', 'slug', 'name', 'short_name']).where('active', '=', true).orderBy('name').execute();
      return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, shortName: r.short_name }));
    },
    async namesById(): Promise<Map<string, string>> {
      const rows = await db.selectFrom('agencies').select(['id', 'name']).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },
    /** Every agency (active or not) as a reference, by name. */
    async listAgencyRefs(): Promise<AgencyRef[]> {
      return [...(await agencyRefs(db)).values()].sort((a, b) => a.name.localeCompare(b.name, 'id'));
    },
    // region
    getRegion,
    createRegion,
    updateRegion,
    // agencies
    listAgencies,
    getAgencyBySlug,
    createAgency,
    createAgencyIn,
    updateAgency,
    deactivateAgency,
    activateAgency,
    // staff and grants
    listStaff,
    getStaff,
    listGrants,
    createStaff,
    grantRole,
    revokeRole,
  };
}
