// Back-office pages for the region, agencies, staff accounts and role grants (S-1), and the
// public agency page. Handlers are thin: read the post → call the agencies service (it
// validates, authorises and writes in one transaction with its audit event) → redirect
// (303), or show the form again with an error summary and everything typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { AgenciesDeps as Deps } from './agencies.deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { agenciesFor, authorize, can } from '../../platform/auth/policy.ts';
import { staffRoles, type StaffRole } from '../../platform/db/schema.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { registerUploads, uploadedFile } from '../../platform/storage/uploads.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { parseSort } from '../../platform/views/components/index.ts';
import { emptyForm, formStateFrom, type FormState, type ViewContext } from '../../platform/views/context.ts';
import { agencyRoles, canGrantRole, privilegedRoles } from './agencies.policy.ts';
import { agencyFilterSchema, staffFilterSchema } from './agencies.schemas.ts';
import { LOGO_MAX_BYTES, type AgencyRef, type AgencyView, type StaffDetail } from './agencies.service.ts';
import {
  AgencyDetailPage,
  AgencyFormPage,
  AgencyListPage,
  agencySortKeys,
  DeactivatePage,
  PublicAgencyPage,
  RegionPage,
  ROOT_AGENCIES,
  ROOT_REGION,
  ROOT_STAFF,
  agencyPath,
  agencyValues,
  noticeFrom,
  regionValues,
  staffPath,
} from './agencies.views.tsx';
import { StaffDetailPage, StaffListPage, staffSortKeys, StaffNewPage } from './agencies-staff.views.tsx';

defineMenuLink({ href: ROOT_REGION, labelKey: 'region.menu', action: 'region.read', area: 'system', order: 5 });
defineMenuLink({ href: ROOT_AGENCIES, labelKey: 'agency.menu', action: 'agency.read', area: 'system', order: 10 });
defineMenuLink({ href: ROOT_STAFF, labelKey: 'staff.menu', action: 'staff.read', area: 'system', order: 11 });

/** A refusal the person can act on (validation, conflict) as field errors; null otherwise. */
export function problemsOf(e: unknown): { status: number; errors: FieldError[] } | null {
  if (!(e instanceof AppError)) return null;
  if (![400, 409, 422].includes(e.status)) return null;
  return { status: e.status, errors: e.fields?.length ? e.fields : [{ field: 'form', key: e.messageKey, params: e.params }] };
}

/** Form body as plain strings (Fastify formbody gives strings or arrays). */
function bodyOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const body = request.body;
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k === '_csrf') continue;
      if (typeof v === 'string') out[k] = v;
      else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
    }
  }
  return out;
}

/** kebab-case from a name or short name: "Dinas PUPR" → "dinas-pupr". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

const query = (request: FastifyRequest) => (request.query ?? {}) as Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function registerAgencyRoutes(app: FastifyInstance, deps: Deps): void {
  const { agencies } = deps;
  const who = (request: FastifyRequest) => ({ actor: request.actor, meta: request.meta });

  function signedIn(request: FastifyRequest): Actor {
    if (!request.actor) throw errors.unauthenticated();
    return request.actor;
  }

  const page = async (request: FastifyRequest, reply: FastifyReply, render: (ctx: ViewContext) => VNode, status = 200) => {
    const ctx = await app.viewContext(request, reply);
    return reply.page(render(ctx), status);
  };

  async function allAgencyRefs(): Promise<AgencyRef[]> {
    return agencies.listAgencyRefs();
  }

  /** Active agencies where the actor may perform `action`. */
  async function agenciesWhere(actor: Actor, action: string): Promise<AgencyRef[]> {
    const scope = agenciesFor(actor, action);
    const all = await allAgencyRefs();
    return scope === 'all' ? all : all.filter((a) => scope.includes(a.id));
  }

  // ---- Region ------------------------------------------------------------------------------

  app.get(ROOT_REGION, async (request, reply) => {
    const actor = signedIn(request);
    authorize(actor, 'region.read');
    const region = await agencies.getRegion();
    const form: FormState = { values: regionValues(region), errors: [] };
    return page(request, reply, (ctx) => (
      <RegionPage ctx={ctx} region={region} form={form} canManage={can(actor, 'region.manage')} notice={noticeFrom(query(request).pesan)} />
    ));
  });

  app.post(ROOT_REGION, async (request, reply) => {
    const actor = signedIn(request);
    authorize(actor, 'region.manage');
    const values = bodyOf(request);
    const region = await agencies.getRegion();
    try {
      if (region) await agencies.updateRegion(who(request), values);
      else await agencies.createRegion(who(request), values);
      return reply.redirect(`${ROOT_REGION}?pesan=disimpan`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const form = formStateFrom(values, p.errors);
      return page(request, reply, (ctx) => <RegionPage ctx={ctx} region={region} form={form} canManage />, p.status);
    }
  });

  // ---- Region identity: colour and coat of arms ------------------------------------------

  app.register(async (scope) => {
    await registerUploads(scope, { maxBytes: Math.max(LOGO_MAX_BYTES + 1024, 64 * 1024), maxFiles: 1 });
    scope.post(`${ROOT_REGION}/identitas`, async (request, reply) => {
      const actor = signedIn(request);
      authorize(actor, 'region.manage');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const file = uploadedFile(body, 'logo');
      const colour = typeof body.primaryColour === 'string' ? body.primaryColour.slice(0, 20) : '';
      try {
        if (file?.tooLarge) throw errors.validation([{ field: 'logo', key: 'region.identity.v.logo_size', params: { kb: LOGO_MAX_BYTES / 1024 } }]);
        await agencies.setRegionIdentity(who(request), { colour, logo: file ? { bytes: await file.read() } : undefined, removeLogo: body.removeLogo === '1' });
        return reply.redirect(`${ROOT_REGION}?pesan=identitas`, 303);
      } catch (e) {
        const p = problemsOf(e);
        if (!p) throw e;
        const region = await agencies.getRegion();
        return page(
          request,
          reply,
          (ctx) => <RegionPage ctx={ctx} region={region} form={{ values: regionValues(region), errors: [] }} canManage identityForm={{ values: { primaryColour: colour }, errors: p.errors }} />,
          p.status,
        );
      }
    });
  });

  // The logo is public (every page's header shows it); its URL carries a version token.
  app.get('/wilayah/logo', async (_request, reply) => {
    const logo = await agencies.regionLogo();
    if (!logo) throw errors.notFound();
    return reply.type(logo.type).header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=86400').send(logo.bytes);
  });

  // The region's colour as a tiny stylesheet (CSP allows only 'self' styles, no inline ones).
  app.get<{ Querystring: { v?: string } }>('/wilayah/tema.css', async (_request, reply) => {
    const { colour } = await agencies.regionInfo();
    const css = colour ? `:root{--brand:${colour}}.top,.face-backoffice .top,.face-executive .top{background:${colour}}\n` : '';
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(css);
  });

  // ---- Agencies ----------------------------------------------------------------------------

  app.get(ROOT_AGENCIES, async (request, reply) => {
    const actor = signedIn(request);
    authorize(actor, 'agency.read');
    const q = query(request);
    const filter = agencyFilterSchema.parse({ type: q.jenis, q: q.q, status: q.status });
    const items = await agencies.listAgencies(actor, filter);
    return page(request, reply, (ctx) => (
      <AgencyListPage
        ctx={ctx}
        items={items}
        filter={filter}
        canCreate={can(actor, 'agency.create')}
        showStatus={agenciesFor(actor, 'agency.read') === 'all'}
        sort={parseSort(q, agencySortKeys, { key: 'name', dir: 'asc' })}
      />
    ));
  });

  app.get(`${ROOT_AGENCIES}/baru`, async (request, reply) => {
    authorize(signedIn(request), 'agency.create');
    return page(request, reply, (ctx) => <AgencyFormPage ctx={ctx} form={emptyForm} />);
  });

  app.post(`${ROOT_AGENCIES}/baru`, async (request, reply) => {
    authorize(signedIn(request), 'agency.create');
    const values = bodyOf(request);
    const input = { ...values, slug: values.slug?.trim() ? values.slug : slugify(values.shortName ?? '') };
    try {
      const created = await agencies.createAgency(who(request), input);
      return reply.redirect(`${agencyPath(created.slug)}?pesan=dibuat`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      return page(request, reply, (ctx) => <AgencyFormPage ctx={ctx} form={formStateFrom(values, p.errors)} />, p.status);
    }
  });

  /** The agency of a back-office page: 404 unknown, 403 outside the actor's agencies. */
  async function readableAgency(request: FastifyRequest, slug: string): Promise<{ actor: Actor; agency: AgencyView }> {
    const actor = signedIn(request);
    authorize(actor, 'agency.read');
    const agency = await agencies.getAgencyBySlug(slug);
    if (!agency) throw errors.notFound();
    authorize(actor, 'agency.read', { agencyId: agency.id });
    return { actor, agency };
  }

  type SlugReq = FastifyRequest<{ Params: { slug: string } }>;

  app.get(`${ROOT_AGENCIES}/:slug`, async (request: SlugReq, reply) => {
    const { actor, agency } = await readableAgency(request, request.params.slug);
    const readStaff = can(actor, 'staff.read', { agencyId: agency.id });
    const staff = readStaff ? await agencies.listStaff(actor, { agency: agency.slug }) : null;
    const perms = {
      update: can(actor, 'agency.update'),
      deactivate: can(actor, 'agency.deactivate'),
      createStaff: can(actor, 'staff.create', { agencyId: agency.id }),
      readStaff,
    };
    return page(request, reply, (ctx) => <AgencyDetailPage ctx={ctx} agency={agency} staff={staff} can={perms} notice={noticeFrom(query(request).pesan)} />);
  });

  app.get(`${ROOT_AGENCIES}/:slug/ubah`, async (request: SlugReq, reply) => {
    const { actor, agency } = await readableAgency(request, request.params.slug);
    authorize(actor, 'agency.update');
    return page(request, reply, (ctx) => <AgencyFormPage ctx={ctx} form={{ values: agencyValues(agency), errors: [] }} agency={agency} />);
  });

  app.post(`${ROOT_AGENCIES}/:slug/ubah`, async (request: SlugReq, reply) => {
    const { actor, agency } = await readableAgency(request, request.params.slug);
    authorize(actor, 'agency.update');
    const values = bodyOf(request);
    // Every field of the form is sent: an emptied optional field clears it.
    const patch: Record<string, string> = {};
    for (const k of ['name', 'shortName', 'type', 'headName', 'headTitle', 'address', 'phone', 'email', 'website', 'subdomain']) patch[k] = values[k] ?? '';
    try {
      await agencies.updateAgency(who(request), agency.slug, patch);
      return reply.redirect(`${agencyPath(agency.slug)}?pesan=disimpan`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      return page(request, reply, (ctx) => <AgencyFormPage ctx={ctx} form={formStateFrom(values, p.errors)} agency={agency} />, p.status);
    }
  });

  app.get(`${ROOT_AGENCIES}/:slug/nonaktifkan`, async (request: SlugReq, reply) => {
    const { actor, agency } = await readableAgency(request, request.params.slug);
    authorize(actor, 'agency.deactivate');
    if (!agency.active) return reply.redirect(agencyPath(agency.slug), 303);
    const staff = await agencies.listStaff(actor, { agency: agency.slug });
    const activeGrants = staff.reduce((n, s) => n + s.roles.filter((r) => r.agency?.id === agency.id).length, 0);
    return page(request, reply, (ctx) => <DeactivatePage ctx={ctx} agency={agency} activeGrants={activeGrants} />);
  });

  app.post(`${ROOT_AGENCIES}/:slug/nonaktifkan`, async (request: SlugReq, reply) => {
    const { actor, agency } = await readableAgency(request, request.params.slug);
    authorize(actor, 'agency.deactivate');
    await agencies.deactivateAgency(who(request), agency.slug);
    return reply.redirect(`${agencyPath(agency.slug)}?pesan=dinonaktifkan`, 303);
  });

  app.post(`${ROOT_AGENCIES}/:slug/aktifkan`, async (request: SlugReq, reply) => {
    const { actor, agency } = await readableAgency(request, request.params.slug);
    authorize(actor, 'agency.deactivate');
    await agencies.activateAgency(who(request), agency.slug);
    return reply.redirect(`${agencyPath(agency.slug)}?pesan=diaktifkan`, 303);
  });

  // Public page of an agency (the portal links here).
  app.get('/instansi/:slug', async (request: SlugReq, reply) => {
    const agency = await agencies.getAgencyBySlug(request.params.slug);
    if (!agency || !agency.active) throw errors.notFound();
    const { items } = await deps.catalog.listPublished({ agencyId: agency.id, limit: 200 });
    const services = items.map((s) => ({ slug: s.slug, name: s.name, summary: s.summary }));
    return page(request, reply, (ctx) => <PublicAgencyPage ctx={ctx} agency={agency} services={services} />);
  });

  // ---- Staff -------------------------------------------------------------------------------

  app.get(ROOT_STAFF, async (request, reply) => {
    const actor = signedIn(request);
    authorize(actor, 'staff.read');
    const q = query(request);
    const filter = staffFilterSchema.parse({ agency: q.instansi, role: q.peran, q: q.q });
    const items = await agencies.listStaff(actor, filter);
    const readable = await agenciesWhere(actor, 'staff.read');
    const roles = agenciesFor(actor, 'staff.read') === 'all' ? [...staffRoles] : [...agencyRoles, 'auditor' as StaffRole, 'executive' as StaffRole];
    const canCreate = (await agenciesWhere(actor, 'staff.create')).length > 0 || can(actor, 'role.privileged');
    const sort = parseSort(q, staffSortKeys, { key: 'name', dir: 'asc' });
    return page(request, reply, (ctx) => <StaffListPage ctx={ctx} items={items} agencies={readable} roles={roles} filter={filter} canCreate={canCreate} sort={sort} />);
  });

  /** What the new-staff form offers: agencies where the actor may create staff, roles he may grant. */
  async function staffFormChoices(actor: Actor) {
    const agencyChoices = (await agenciesWhere(actor, 'staff.create')).filter((a) => a.active);
    const regionWide = can(actor, 'role.privileged');
    const roles = regionWide ? [...privilegedRoles, ...agencyRoles] : [...agencyRoles].filter((r) => agencyChoices.some((a) => canGrantRole(actor, r, a.id)));
    return { agencyChoices, regionWide, roles };
  }

  app.get(`${ROOT_STAFF}/baru`, async (request, reply) => {
    const actor = signedIn(request);
    authorize(actor, 'staff.create');
    const { agencyChoices, regionWide, roles } = await staffFormChoices(actor);
    if (!agencyChoices.length && !regionWide) throw errors.forbidden();
    const wanted = str(query(request).instansi);
    const values: Record<string, string> = {};
    if (wanted && agencyChoices.some((a) => a.slug === wanted)) values.agency = wanted;
    else if (agencyChoices.length === 1 && !regionWide) values.agency = agencyChoices[0]!.slug;
    return page(request, reply, (ctx) => <StaffNewPage ctx={ctx} form={{ values, errors: [] }} agencies={agencyChoices} roles={roles} regionWide={regionWide} />);
  });

  app.post(`${ROOT_STAFF}/baru`, async (request, reply) => {
    const actor = signedIn(request);
    authorize(actor, 'staff.create');
    const values = bodyOf(request);
    try {
      // No password: identity e-mails an invitation to set one.
      const { userId } = await agencies.createStaff(who(request), values, deps.identity);
      return reply.redirect(`${staffPath(userId)}?pesan=akun_dibuat`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const { agencyChoices, regionWide, roles } = await staffFormChoices(actor);
      return page(
        request,
        reply,
        (ctx) => <StaffNewPage ctx={ctx} form={formStateFrom(values, p.errors)} agencies={agencyChoices} roles={roles} regionWide={regionWide} />,
        p.status,
      );
    }
  });

  type IdReq = FastifyRequest<{ Params: { id: string } }>;

  async function staffPage(request: FastifyRequest, reply: FastifyReply, staff: StaffDetail, grantForm: FormState, status = 200) {
    const actor = signedIn(request);
    const grantAgencies = (await agenciesWhere(actor, 'role.grant')).filter((a) => a.active);
    const regionWide = can(actor, 'role.privileged');
    const grantRoles: StaffRole[] = regionWide ? [...privilegedRoles, ...agencyRoles] : [...agencyRoles].filter((r) => grantAgencies.some((a) => canGrantRole(actor, r, a.id)));
    const revocable = new Set(staff.grants.filter((g) => g.active && canGrantRole(actor, g.role, g.agency?.id ?? null, 'role.revoke')).map((g) => g.id));
    return page(
      request,
      reply,
      (ctx) => (
        <StaffDetailPage
          ctx={ctx}
          staff={staff}
          revocable={revocable}
          grantForm={grantForm}
          grantAgencies={grantAgencies}
          grantRoles={grantRoles}
          regionWide={regionWide}
          notice={noticeFrom(query(request).pesan)}
        />
      ),
      status,
    );
  }

  app.get(`${ROOT_STAFF}/:id`, async (request: IdReq, reply) => {
    const staff = await agencies.getStaff(signedIn(request), request.params.id);
    return staffPage(request, reply, staff, emptyForm);
  });

  app.post(`${ROOT_STAFF}/:id/peran`, async (request: IdReq, reply) => {
    const actor = signedIn(request);
    const staff = await agencies.getStaff(actor, request.params.id);
    const values = bodyOf(request);
    try {
      await agencies.grantRole(who(request), staff.id, values);
      return reply.redirect(`${staffPath(staff.id)}?pesan=diberikan`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      return staffPage(request, reply, staff, formStateFrom(values, p.errors), p.status);
    }
  });

  app.post(`${ROOT_STAFF}/:id/peran/:grantId/cabut`, async (request: FastifyRequest<{ Params: { id: string; grantId: string } }>, reply) => {
    const actor = signedIn(request);
    const staff = await agencies.getStaff(actor, request.params.id);
    try {
      await agencies.revokeRole(who(request), staff.id, request.params.grantId);
      return reply.redirect(`${staffPath(staff.id)}?pesan=dicabut`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      return staffPage(request, reply, staff, { values: {}, errors: p.errors }, p.status);
    }
  });
}
