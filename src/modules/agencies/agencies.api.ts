// JSON API of the region, agencies, staff accounts and grants under /api/v1 (I-2). Reading
// the region and the agency list is public; everything else needs a signed-in user and is
// authorised by the agencies service with the one policy layer. Responses are presented
// (slugs instead of internal agency ids, masked personal data in lists), never raw rows.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AgenciesDeps as Deps } from './agencies.deps.ts';
import { staffRoles } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import {
  agencyInputSchema,
  agencyPatchSchema,
  agencyTypes,
  grantInputSchema,
  regionInputSchema,
  regionLevels,
  staffInputSchema,
  timeZoneLabels,
} from './agencies.schemas.ts';
import type { AgencyRef, AgencyView, GrantView, RegionView, StaffDetail, StaffSummary } from './agencies.service.ts';

const dateTime = () => z.string().meta({ format: 'date-time' });

const regionSchema = z
  .object({
    name: z.string(),
    level: z.enum(regionLevels),
    kodeWilayah: z.string().meta({ description: 'Kemendagri code, undotted' }),
    kodeWilayahDotted: z.string().meta({ description: 'Kemendagri code as written, e.g. 53.71' }),
    timeZone: z.enum(timeZoneLabels as ['WIB', 'WITA', 'WIT']),
    ianaTimeZone: z.string(),
    domain: z.string(),
  })
  .meta({ id: 'Region' });

const agencySchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    shortName: z.string(),
    type: z.enum(agencyTypes),
    head: z.object({ name: z.string(), title: z.string().nullable() }).nullable(),
    contact: z.object({ address: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(), website: z.string().nullable() }),
    subdomain: z.string().nullable(),
    host: z.string().nullable().meta({ description: 'subdomain.region-domain' }),
    active: z.boolean(),
  })
  .meta({ id: 'Agency' });

const agencyRefSchema = z.object({ slug: z.string(), name: z.string(), shortName: z.string() }).meta({ id: 'AgencyRef' });

const grantSchema = z
  .object({
    id: z.string(),
    role: z.enum(staffRoles),
    agency: agencyRefSchema.nullable().meta({ description: 'null: region-wide' }),
    active: z.boolean(),
    grantedAt: dateTime(),
    grantedBy: z.string().nullable(),
    revokedAt: dateTime().nullable(),
    revokedBy: z.string().nullable(),
  })
  .meta({ id: 'RoleGrant' });

const staffSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable().meta({ description: 'Masked' }),
    phone: z.string().nullable().meta({ description: 'Masked' }),
    status: z.enum(['pending', 'active', 'disabled']),
    mfaEnabled: z.boolean(),
    roles: z.array(z.object({ role: z.enum(staffRoles), agency: agencyRefSchema.nullable() })),
  })
  .meta({ id: 'StaffSummary' });

const staffDetailSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable().meta({ description: 'Masked' }),
    status: z.enum(['pending', 'active', 'disabled']),
    mfaEnabled: z.boolean(),
    createdAt: dateTime(),
    lastLoginAt: dateTime().nullable(),
    grants: z.array(grantSchema).meta({ description: 'Active and revoked grants the caller may see, newest first' }),
  })
  .meta({ id: 'StaffDetail' });

const ref = (a: AgencyRef | null) => (a ? { slug: a.slug, name: a.name, shortName: a.shortName } : null);

export function regionJson(r: RegionView) {
  return { name: r.name, level: r.level, kodeWilayah: r.kodeWilayah, kodeWilayahDotted: r.kodeWilayahDotted, timeZone: r.timeZone, ianaTimeZone: r.ianaTimeZone, domain: r.domain };
}

export function agencyJson(a: AgencyView) {
  return {
    slug: a.slug,
    name: a.name,
    shortName: a.shortName,
    type: a.type,
    head: a.headName ? { name: a.headName, title: a.headTitle } : null,
    contact: { address: a.address, phone: a.phone, email: a.email, website: a.website },
    subdomain: a.subdomain,
    host: a.host,
    active: a.active,
  };
}

function grantJson(g: GrantView) {
  return {
    id: g.id,
    role: g.role,
    agency: ref(g.agency),
    active: g.active,
    grantedAt: g.grantedAt.toISOString(),
    grantedBy: g.grantedBy,
    revokedAt: g.revokedAt?.toISOString() ?? null,
    revokedBy: g.revokedBy,
  };
}

function staffSummaryJson(s: StaffSummary) {
  return {
    id: s.id,
    name: s.name,
    email: s.emailMasked,
    phone: s.phoneMasked,
    status: s.status,
    mfaEnabled: s.mfaEnabled,
    roles: s.roles.map((r) => ({ role: r.role, agency: ref(r.agency) })),
  };
}

function staffDetailJson(s: StaffDetail) {
  return {
    id: s.id,
    name: s.name,
    email: s.email,
    phone: s.phoneMasked,
    status: s.status,
    mfaEnabled: s.mfaEnabled,
    createdAt: s.createdAt.toISOString(),
    lastLoginAt: s.lastLoginAt?.toISOString() ?? null,
    grants: s.grants.map(grantJson),
  };
}

const slugParams = z.object({ slug: z.string().min(1).max(80) });
const idParams = z.object({ id: z.string().uuid() });

export function registerAgencyApi(app: FastifyInstance, deps: Deps): void {
  const { api, agencies } = deps;
  const who = (request: FastifyRequest) => ({ actor: request.actor, meta: request.meta });

  // ---- Region ------------------------------------------------------------------------------

  api.route(app, {
    method: 'GET',
    url: '/api/v1/region',
    operationId: 'getRegion',
    summary: 'The regional government running this Simpul (name, level, kode wilayah, time zone, domain)',
    tag: 'region',
    auth: 'public',
    response: regionSchema,
    handler: async () => {
      const r = await agencies.getRegion();
      if (!r) throw errors.notFound();
      return regionJson(r);
    },
  });

  api.route(app, {
    method: 'PUT',
    url: '/api/v1/region',
    operationId: 'putRegion',
    summary: 'Create or change the region (super admin)',
    tag: 'region',
    auth: 'user',
    body: regionInputSchema,
    response: regionSchema,
    handler: async ({ body, request }) => {
      const exists = await agencies.getRegion();
      const r = exists ? await agencies.updateRegion(who(request), body) : await agencies.createRegion(who(request), body);
      return regionJson(r);
    },
  });

  // ---- Agencies ----------------------------------------------------------------------------

  api.route(app, {
    method: 'GET',
    url: '/api/v1/agencies',
    operationId: 'listAgencies',
    summary: 'Active agencies (Perangkat Daerah), by name; optionally by type or a part of the name',
    tag: 'agencies',
    auth: 'public',
    query: z.object({ type: z.enum(agencyTypes).optional(), q: z.string().max(100).optional() }),
    response: z.object({ items: z.array(agencySchema) }),
    handler: async ({ query }) => ({ items: (await agencies.listAgencies('public', query)).map(agencyJson) }),
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/agencies/:slug',
    operationId: 'getAgency',
    summary: 'One active agency',
    tag: 'agencies',
    auth: 'public',
    params: slugParams,
    response: agencySchema,
    handler: async ({ params }) => {
      const a = await agencies.getAgencyBySlug(params.slug);
      if (!a || !a.active) throw errors.notFound();
      return agencyJson(a);
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/agencies',
    operationId: 'createAgency',
    summary: 'Create an agency (super admin)',
    tag: 'agencies',
    auth: 'user',
    body: agencyInputSchema,
    response: agencySchema,
    handler: async ({ body, request }) => agencyJson(await agencies.createAgency(who(request), body)),
  });

  api.route(app, {
    method: 'PATCH',
    url: '/api/v1/agencies/:slug',
    operationId: 'updateAgency',
    summary: 'Change an agency; `active: false` deactivates it (super admin). Agencies are never deleted.',
    tag: 'agencies',
    auth: 'user',
    params: slugParams,
    body: agencyPatchSchema,
    response: agencySchema,
    handler: async ({ params, body, request }) => agencyJson(await agencies.updateAgency(who(request), params.slug, body)),
  });

  // ---- Staff and grants --------------------------------------------------------------------

  api.route(app, {
    method: 'GET',
    url: '/api/v1/staff',
    operationId: 'listStaff',
    summary: 'Staff accounts the caller may see (agency admins: their agency), with their active roles',
    tag: 'staff',
    auth: 'user',
    query: z.object({ agency: z.string().max(80).optional(), role: z.enum(staffRoles).optional(), q: z.string().max(100).optional() }),
    response: z.object({ items: z.array(staffSummarySchema) }),
    handler: async ({ query, actor }) => ({ items: (await agencies.listStaff(actor, query)).map(staffSummaryJson) }),
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/staff',
    operationId: 'createStaff',
    summary: 'Create a staff account with its first role; an invitation to set a password is e-mailed',
    tag: 'staff',
    auth: 'user',
    body: staffInputSchema,
    response: staffDetailSchema,
    handler: async ({ body, request, actor }) => {
      const { userId } = await agencies.createStaff(who(request), body, deps.identity);
      return staffDetailJson(await agencies.getStaff(actor, userId));
    },
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/staff/:id',
    operationId: 'getStaff',
    summary: 'A staff account with its grant history',
    tag: 'staff',
    auth: 'user',
    params: idParams,
    response: staffDetailSchema,
    handler: async ({ params, actor }) => staffDetailJson(await agencies.getStaff(actor, params.id)),
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/staff/:id/grants',
    operationId: 'grantRole',
    summary: 'Grant a role in an agency (or region-wide: super admin only)',
    tag: 'staff',
    auth: 'user',
    params: idParams,
    body: grantInputSchema,
    response: grantSchema,
    handler: async ({ params, body, request }) => grantJson(await agencies.grantRole(who(request), params.id, body)),
  });

  api.route(app, {
    method: 'DELETE',
    url: '/api/v1/staff/:id/grants/:grantId',
    operationId: 'revokeRole',
    summary: 'Revoke a grant (kept on record with who revoked it and when)',
    tag: 'staff',
    auth: 'user',
    params: z.object({ id: z.string().uuid(), grantId: z.string().uuid() }),
    response: grantSchema,
    handler: async ({ params, request }) => grantJson(await agencies.revokeRole(who(request), params.id, params.grantId)),
  });
}
