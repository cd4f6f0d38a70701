// JSON API of the ICT inventories (tag 'governance'; G-4, G-5, G-6, G-9, G-12): applications
// (with hand-over state and acceptance), ICT staff figures and members, ICT assets (with CSV
// import). Agency staff see their own agency's records; another agency's record is 404.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { GovernanceDeps as Deps } from './governance.deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/policy.ts';
import type { Trx } from '../../platform/db/database.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import {
  appKinds,
  applicationFields,
  appStatuses,
  assetCategories,
  assetConditions,
  assetFields,
  assetStatuses,
  hostings,
  refineApplication,
  refineAsset,
  staffFiguresInput,
  staffMemberInput,
  uuid,
} from './inventory.schemas.ts';
import type { ApplicationDetail, ApplicationView, AssetView, ImportLineError, StaffFiguresView, StaffMemberView } from './inventory.service.ts';

const READ = 'governance.inventory.read';

const applicationSchema = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    agencyId: z.string().meta({ format: 'uuid', description: 'Owner agency: the electronic system operator (PSE)' }),
    agency: z.string(),
    name: z.string(),
    kind: z.enum(appKinds),
    developerKind: z.enum(['in_house', 'vendor', 'ministry']),
    developerName: z.string(),
    purpose: z.string(),
    userGroups: z.array(z.string()),
    usersNote: z.string(),
    url: z.string(),
    hosting: z.enum(hostings),
    security: z.array(z.string()),
    securityNote: z.string(),
    documentation: z.string(),
    sourceLocation: z.string(),
    status: z.enum(appStatuses),
    plannedOn: z.string().nullable().meta({ format: 'date' }),
    liveOn: z.string().nullable().meta({ format: 'date' }),
    retiredOn: z.string().nullable().meta({ format: 'date' }),
    handoverAcceptedAt: z.string().nullable().meta({ format: 'date-time' }),
    version: z.number().int().meta({ description: 'Send back on update (optimistic concurrency; 409 when someone saved first)' }),
    updatedAt: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'IctApplication' });

const applicationDetailSchema = applicationSchema
  .extend({
    related: z.array(z.object({ id: z.string(), name: z.string(), agency: z.string() })),
    handover: z.array(
      z.object({
        item: z.string(),
        provided: z.boolean(),
        fileName: z.string().nullable(),
        linkUrl: z.string().nullable(),
        providedBy: z.string().nullable(),
        providedAt: z.string().nullable().meta({ format: 'date-time' }),
      }),
    ),
    missingItems: z.array(z.string()),
  })
  .meta({ id: 'IctApplicationDetail' });

const figuresSchema = z
  .object({
    agencyId: z.string(),
    year: z.number().int(),
    civilServants: z.number().int(),
    ictAble: z.number().int(),
    abilityGood: z.number().int(),
    abilityFair: z.number().int(),
    ictSpecialists: z.number().int(),
  })
  .meta({ id: 'IctStaffFigures' });

const memberSchema = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    agency: z.string(),
    name: z.string(),
    nip: z.string().nullable(),
    position: z.string(),
    education: z.string(),
    competencies: z.string(),
    certifications: z.array(z.object({ name: z.string(), year: z.number().int(), expiresOn: z.string().nullable() })),
  })
  .meta({ id: 'IctStaffMember' });

const assetSchema = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    agency: z.string(),
    code: z.string(),
    name: z.string(),
    category: z.enum(assetCategories),
    location: z.string(),
    acquiredOn: z.string().nullable().meta({ format: 'date' }),
    acquisitionMethod: z.string(),
    value: z.number().int().meta({ description: 'Integer Rupiah' }),
    fundingSource: z.string(),
    condition: z.enum(assetConditions),
    status: z.enum(assetStatuses),
    disposedOn: z.string().nullable().meta({ format: 'date' }),
    disposalReason: z.string().nullable(),
    licenceExpiresOn: z.string().nullable().meta({ format: 'date' }),
    version: z.number().int(),
  })
  .meta({ id: 'IctAsset' });

const appJson = (a: ApplicationView) => ({
  id: a.id,
  agencyId: a.agencyId,
  agency: a.agencyName,
  name: a.name,
  kind: a.kind,
  developerKind: a.developerKind,
  developerName: a.developerName,
  purpose: a.purpose,
  userGroups: a.userGroups,
  usersNote: a.usersNote,
  url: a.url,
  hosting: a.hosting,
  security: a.security,
  securityNote: a.securityNote,
  documentation: a.documentation,
  sourceLocation: a.sourceLocation,
  status: a.status,
  plannedOn: a.plannedOn,
  liveOn: a.liveOn,
  retiredOn: a.retiredOn,
  handoverAcceptedAt: a.handoverAcceptedAt ? a.handoverAcceptedAt.toISOString() : null,
  version: a.version,
  updatedAt: a.updatedAt.toISOString(),
});

const detailJson = (a: ApplicationDetail) => ({
  ...appJson(a),
  related: a.related.map((r) => ({ id: r.id, name: r.name, agency: r.agencyShortName })),
  handover: a.handover.map((h) => ({
    item: h.item,
    provided: h.provided,
    fileName: h.fileName,
    linkUrl: h.linkUrl,
    providedBy: h.providedByName,
    providedAt: h.providedAt ? h.providedAt.toISOString() : null,
  })),
  missingItems: a.missingItems,
});

const figuresJson = (f: StaffFiguresView) => ({
  agencyId: f.agencyId,
  year: f.year,
  civilServants: f.civilServants,
  ictAble: f.ictAble,
  abilityGood: f.abilityGood,
  abilityFair: f.abilityFair,
  ictSpecialists: f.ictSpecialists,
});

const memberJson = (m: StaffMemberView) => ({
  id: m.id,
  agencyId: m.agencyId,
  agency: m.agencyName,
  name: m.name,
  nip: m.nip,
  position: m.position,
  education: m.education,
  competencies: m.competencies,
  certifications: m.certifications.map((c) => ({ name: c.name, year: c.year, expiresOn: c.expiresOn ?? null })),
});

const assetJson = (a: AssetView) => ({
  id: a.id,
  agencyId: a.agencyId,
  agency: a.agencyName,
  code: a.code,
  name: a.name,
  category: a.category,
  location: a.location,
  acquiredOn: a.acquiredOn,
  acquisitionMethod: a.acquisitionMethod,
  value: a.value,
  fundingSource: a.fundingSource,
  condition: a.condition,
  status: a.status,
  disposedOn: a.disposedOn,
  disposalReason: a.disposalReason,
  licenceExpiresOn: a.licenceExpiresOn,
  version: a.version,
});

/** A 422 naming every bad line of an import: field `lines.<n>.<column>`. */
export function importError(errs: ImportLineError[]): AppError {
  return new AppError(
    'import_rejected',
    422,
    'gov.inv.asset.import_failed',
    { count: errs.length },
    errs.map((e) => ({ field: `lines.${e.line}${e.field ? `.${e.field}` : ''}`, key: e.key, params: e.params })),
  );
}

const optionalFilter = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional();

function mustRead(actor: Actor | null) {
  if (!can(actor, READ)) throw errors.forbidden();
}

export function registerInventoryApi(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;
  const inv = deps.inventory;
  const tx = <T>(fn: (trx: Trx) => Promise<T>) => db.transaction().execute(fn);

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/governance/applications',
    operationId: 'listIctApplications',
    summary: 'Application inventory (G-4): the agencies the caller may read; the Dinas sees all',
    tag: 'governance',
    auth: 'user',
    query: z.object({ agencyId: uuid.optional(), kind: optionalFilter(appKinds), status: optionalFilter(appStatuses), hosting: optionalFilter(hostings) }),
    response: z.object({ items: z.array(applicationSchema) }),
    handler: async ({ actor, query }) => {
      mustRead(actor);
      return { items: (await inv.listApplications(db, actor, query)).map(appJson) };
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/governance/applications/:id',
    operationId: 'getIctApplication',
    summary: 'One application with its related applications and hand-over checklist (G-4, G-9)',
    tag: 'governance',
    auth: 'user',
    params: z.object({ id: uuid }),
    response: applicationDetailSchema,
    handler: async ({ actor, params }) => {
      mustRead(actor);
      const a = await inv.getApplication(db, actor, params.id);
      if (!a) throw errors.notFound();
      return detailJson(a);
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/governance/applications',
    operationId: 'createIctApplication',
    summary: 'Registers an application of an agency the caller manages (G-4, G-12)',
    tag: 'governance',
    auth: 'user',
    body: applicationFields.superRefine(refineApplication),
    response: applicationDetailSchema,
    handler: async ({ actor, body, request }) => detailJson(await tx((trx) => inv.createApplication(trx, { actor: actor!, meta: request.meta }, body))),
  });

  deps.api.route(app, {
    method: 'PUT',
    url: '/api/v1/governance/applications/:id',
    operationId: 'updateIctApplication',
    summary: 'Updates an application; `version` must be the one read (409 when someone else saved first)',
    tag: 'governance',
    auth: 'user',
    params: z.object({ id: uuid }),
    body: applicationFields.extend({ version: z.number().int().min(1) }).superRefine(refineApplication),
    response: applicationDetailSchema,
    handler: async ({ actor, params, body, request }) =>
      detailJson(await tx((trx) => inv.updateApplication(trx, { actor: actor!, meta: request.meta }, params.id, body.version, body))),
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/governance/applications/:id/handover/accept',
    operationId: 'acceptIctApplicationHandover',
    summary: 'Accepts the hand-over (Dinas only, G-9); 422 naming every missing item while any is missing',
    tag: 'governance',
    auth: 'user',
    params: z.object({ id: uuid }),
    status: 200,
    response: applicationDetailSchema,
    handler: async ({ actor, params, request }) => detailJson(await tx((trx) => inv.acceptHandover(trx, { actor: actor!, meta: request.meta }, params.id))),
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/governance/ict-staff',
    operationId: 'listIctStaff',
    summary: "ICT staff figures of a year (Table 2) for every agency the caller may read, and named ICT staff (G-5)",
    tag: 'governance',
    auth: 'user',
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), agencyId: uuid.optional() }),
    response: z.object({ year: z.number().int(), figures: z.array(figuresSchema), members: z.array(memberSchema) }),
    handler: async ({ actor, query }) => {
      mustRead(actor);
      const year = query.year ?? new Date().getUTCFullYear();
      const rows = (await inv.regionStaffFigures(db, actor, year)).filter((r) => !query.agencyId || r.agencyId === query.agencyId);
      const members = await inv.listStaffMembers(db, actor, query.agencyId);
      return { year, figures: rows.flatMap((r) => (r.figures ? [figuresJson(r.figures)] : [])), members: members.map(memberJson) };
    },
  });

  deps.api.route(app, {
    method: 'PUT',
    url: '/api/v1/governance/ict-staff/figures/:agencyId/:year',
    operationId: 'saveIctStaffFigures',
    summary: "Saves an agency's ICT staff figures of a year (parts ≤ total, good + fair ≤ able)",
    tag: 'governance',
    auth: 'user',
    params: z.object({ agencyId: uuid, year: z.coerce.number().int().min(2000).max(2100) }),
    body: staffFiguresInput,
    response: figuresSchema,
    handler: async ({ actor, params, body, request }) =>
      figuresJson(await tx((trx) => inv.saveStaffFigures(trx, { actor: actor!, meta: request.meta }, params.agencyId, params.year, body))),
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/governance/ict-staff/members/:id',
    operationId: 'getIctStaffMember',
    summary: 'One named ICT staff member',
    tag: 'governance',
    auth: 'user',
    params: z.object({ id: uuid }),
    response: memberSchema,
    handler: async ({ actor, params }) => {
      mustRead(actor);
      const m = await inv.getStaffMember(db, actor, params.id);
      if (!m) throw errors.notFound();
      return memberJson(m);
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/governance/ict-staff/members',
    operationId: 'createIctStaffMember',
    summary: 'Adds a named ICT staff member with education, competencies and certifications',
    tag: 'governance',
    auth: 'user',
    body: staffMemberInput,
    response: memberSchema,
    handler: async ({ actor, body, request }) => memberJson(await tx((trx) => inv.saveStaffMember(trx, { actor: actor!, meta: request.meta }, null, body))),
  });

  deps.api.route(app, {
    method: 'PUT',
    url: '/api/v1/governance/ict-staff/members/:id',
    operationId: 'updateIctStaffMember',
    summary: 'Updates a named ICT staff member',
    tag: 'governance',
    auth: 'user',
    params: z.object({ id: uuid }),
    body: staffMemberInput,
    response: memberSchema,
    handler: async ({ actor, params, body, request }) => memberJson(await tx((trx) => inv.saveStaffMember(trx, { actor: actor!, meta: request.meta }, params.id, body))),
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/governance/assets',
    operationId: 'listIctAssets',
    summary: 'ICT assets (G-6) of the agencies the caller may read',
    tag: 'governance',
    auth: 'user',
    query: z.object({ agencyId: uuid.optional(), category: optionalFilter(assetCategories), condition: optionalFilter(assetConditions), status: optionalFilter(assetStatuses) }),
    response: z.object({ items: z.array(assetSchema) }),
    handler: async ({ actor, query }) => {
      mustRead(actor);
      return { items: (await inv.listAssets(db, actor, query)).map(assetJson) };
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/governance/assets/:id',
    operationId: 'getIctAsset',
    summary: 'One ICT asset',
    tag: 'governance',
    auth: 'user',
    params: z.object({ id: uuid }),
    response: assetSchema,
    handler: async ({ actor, params }) => {
      mustRead(actor);
      const a = await inv.getAsset(db, actor, params.id);
      if (!a) throw errors.notFound();
      return assetJson(a);
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/governance/assets',
    operationId: 'createIctAsset',
    summary: 'Adds an ICT asset (asset code unique per agency; value in integer Rupiah)',
    tag: 'governance',
    auth: 'user',
    body: assetFields.superRefine(refineAsset),
    response: assetSchema,
    handler: async ({ actor, body, request }) => assetJson(await tx((trx) => inv.createAsset(trx, { actor: actor!, meta: request.meta }, body))),
  });

  deps.api.route(app, {
    method: 'PUT',
    url: '/api/v1/governance/assets/:id',
    operationId: 'updateIctAsset',
    summary: 'Updates an ICT asset; `version` must be the one read (409 when someone else saved first)',
    tag: 'governance',
    auth: 'user',
    params: z.object({ id: uuid }),
    body: assetFields.extend({ version: z.number().int().min(1) }).superRefine(refineAsset),
    response: assetSchema,
    handler: async ({ actor, params, body, request }) => assetJson(await tx((trx) => inv.updateAsset(trx, { actor: actor!, meta: request.meta }, params.id, body.version, body))),
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/governance/assets/import',
    operationId: 'importIctAssets',
    summary: "Imports assets from CSV text (the template's headers) into one agency",
    description:
      'Every line is validated first; when any line is bad nothing is imported and the 422 names each bad line (`lines.<n>.<field>`). An asset code already in the agency is updated, so the same file twice makes no duplicates.',
    tag: 'governance',
    auth: 'user',
    body: z.object({ agencyId: uuid, csv: z.string().min(1).max(2_000_000) }),
    status: 200,
    response: z.object({ created: z.number().int(), updated: z.number().int() }),
    handler: async ({ actor, body, request }) => {
      const r = await tx((trx) => inv.importAssets(trx, { actor: actor!, meta: request.meta }, body.agencyId, body.csv));
      if (!r.ok) throw importError(r.errors);
      return { created: r.created, updated: r.updated };
    },
  });
}
