// JSON API of the catalogue (I-2): reading is public; writing needs the agency roles of
// catalog.policy.ts (authorised inside the service).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CatalogDeps as Deps } from './catalog.deps.ts';
import type { Trx } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import { searchDocuments } from '../../platform/search/search.ts';
import { formDefinitionSchema, sectors, serviceContentSchema } from './catalog.schemas.ts';

const summarySchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    summary: z.string(),
    agency: z.object({ slug: z.string(), name: z.string() }),
    sectors: z.array(z.string()),
    channels: z.array(z.string()),
    status: z.enum(['draft', 'published', 'archived']),
    version: z.number().int().nullable(),
    publishedAt: z.string().nullable().meta({ format: 'date-time' }),
  })
  .meta({ id: 'ServiceSummary' });

const publishedSchema = z
  .object({
    slug: z.string(),
    version: z.number().int(),
    publishedAt: z.string().meta({ format: 'date-time' }),
    agency: z.object({ slug: z.string(), name: z.string(), shortName: z.string() }),
    content: serviceContentSchema,
    form: formDefinitionSchema,
  })
  .meta({ id: 'PublishedService' });

const draftSchema = z.object({
  slug: z.string(),
  status: z.enum(['draft', 'published', 'archived']),
  currentVersion: z.number().int().nullable(),
  agency: z.object({ slug: z.string(), name: z.string() }),
  content: serviceContentSchema,
  form: formDefinitionSchema,
  missing: z.array(z.string()).meta({ description: 'Components and fields that block publication' }),
});

const slugParams = z.object({ slug: z.string().min(1).max(80) });

function toSummaryJson(s: Awaited<ReturnType<Deps['catalog']['listForStaff']>>[number]) {
  return {
    slug: s.slug,
    name: s.name,
    summary: s.summary,
    agency: { slug: s.agencySlug, name: s.agencyName },
    sectors: s.sectors,
    channels: s.channels,
    status: s.status,
    version: s.currentVersion,
    publishedAt: s.publishedAt?.toISOString() ?? null,
  };
}

export function registerCatalogApi(app: FastifyInstance, deps: Deps): void {
  const { api, catalog } = deps;
  const tx = <T>(fn: (trx: Trx) => Promise<T>) => deps.database.db.transaction().execute(fn);

  api.route(app, {
    method: 'GET',
    url: '/api/v1/sectors',
    operationId: 'listSectors',
    summary: 'Service sectors (priority and SPBE sectors)',
    tag: 'catalog',
    auth: 'public',
    response: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), priority: z.boolean() })) }),
    handler: async () => ({ items: sectors.map((s) => ({ code: s.code, name: s.id, nameEn: s.en, priority: s.priority })) }),
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/services',
    operationId: 'listServices',
    summary: 'Published services, optionally by sector or agency',
    tag: 'catalog',
    auth: 'public',
    query: z.object({
      sector: z.string().max(60).optional(),
      agency: z.string().max(80).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: z.object({ items: z.array(summarySchema), total: z.number().int() }),
    handler: async ({ query }) => {
      let agencyId: string | undefined;
      if (query.agency) {
        agencyId = (await deps.agencies.listPublic()).find((a) => a.slug === query.agency)?.id;
        if (!agencyId) return { items: [], total: 0 };
      }
      const { items, total } = await catalog.listPublished({ sector: query.sector, agencyId, limit: query.limit, offset: query.offset });
      return { items: items.map(toSummaryJson), total };
    },
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/services/:slug',
    operationId: 'getService',
    summary: 'The current published version of a service: its standard (14 components) and its form',
    tag: 'catalog',
    auth: 'public',
    params: slugParams,
    query: z.object({ version: z.coerce.number().int().min(1).optional() }),
    response: publishedSchema,
    handler: async ({ params, query }) => {
      const s = await catalog.getPublished(params.slug, query.version);
      if (!s) throw errors.notFound();
      return {
        slug: s.slug,
        version: s.version,
        publishedAt: s.publishedAt.toISOString(),
        agency: { slug: s.agency.slug, name: s.agency.name, shortName: s.agency.shortName },
        content: s.content,
        form: s.form,
      };
    },
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/search',
    operationId: 'search',
    summary: 'Search services, agencies, information pages and legal documents (Indonesian stemming)',
    tag: 'catalog',
    auth: 'public',
    query: z.object({
      q: z.string().max(2000).default(''),
      kind: z.enum(['service', 'agency', 'page', 'legal']).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: z.object({
      query: z.string(),
      total: z.number().int(),
      broadened: z.boolean(),
      items: z.array(z.object({ kind: z.string(), title: z.string(), summary: z.string(), url: z.string(), rank: z.number() })),
    }),
    handler: async ({ query }) => {
      const r = await searchDocuments(deps.database.db, query.q, { kinds: query.kind ? [query.kind] : undefined, limit: query.limit, offset: query.offset });
      return { query: r.query, total: r.total, broadened: r.broadened, items: r.hits.map((h) => ({ kind: h.kind, title: h.title, summary: h.summary, url: h.url, rank: h.rank })) };
    },
  });

  // ---- staff ------------------------------------------------------------------------------

  api.route(app, {
    method: 'GET',
    url: '/api/v1/staff/services',
    operationId: 'listStaffServices',
    summary: 'Services the caller may see in the back office, drafts included',
    tag: 'catalog',
    auth: 'user',
    query: z.object({ status: z.enum(['draft', 'published', 'archived']).optional() }),
    response: z.object({ items: z.array(summarySchema) }),
    handler: async ({ actor, query }) => ({ items: (await catalog.listForStaff(actor, { status: query.status })).map(toSummaryJson) }),
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/services',
    operationId: 'createService',
    summary: 'Create a draft service in an agency (agency admin, operator)',
    tag: 'catalog',
    auth: 'user',
    body: z.object({
      agency: z.string().min(1).max(80).meta({ description: 'Agency slug' }),
      slug: z.string().max(80).optional(),
      content: z.unknown(),
      form: z.unknown().optional(),
    }),
    response: z.object({ slug: z.string() }),
    handler: async ({ actor, body, request }) => {
      const agencyId = (await deps.agencies.listPublic()).find((a) => a.slug === body.agency)?.id;
      if (!agencyId) throw errors.validation([{ field: 'agency', key: 'catalog.agency_unknown' }]);
      const created = await tx((trx) => catalog.createService(trx, { actor, meta: request.meta }, { agencyId, slug: body.slug, content: body.content, form: body.form }));
      return { slug: created.slug };
    },
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/services/:slug/draft',
    operationId: 'getServiceDraft',
    summary: 'The working draft of a service and what blocks its publication',
    tag: 'catalog',
    auth: 'user',
    params: slugParams,
    response: draftSchema,
    handler: async ({ actor, params }) => {
      const d = await catalog.getDraft(actor, params.slug);
      const problems = await catalog.publicationProblems(deps.database.db, params.slug);
      return {
        slug: d.slug,
        status: d.status,
        currentVersion: d.currentVersion,
        agency: { slug: d.agencySlug, name: d.agencyName },
        content: d.content,
        form: d.form,
        missing: [...problems.missing, ...problems.formProblems.map((p) => p.field)],
      };
    },
  });

  api.route(app, {
    method: 'PUT',
    url: '/api/v1/services/:slug/draft',
    operationId: 'updateServiceDraft',
    summary: 'Replace the working draft (content and/or form); the published version is unchanged',
    tag: 'catalog',
    auth: 'user',
    params: slugParams,
    body: z.object({ content: z.unknown().optional(), form: z.unknown().optional() }),
    response: z.object({ slug: z.string(), updated: z.literal(true) }),
    handler: async ({ actor, params, body, request }) => {
      await tx((trx) => catalog.updateDraft(trx, { actor, meta: request.meta }, params.slug, body));
      return { slug: params.slug, updated: true as const };
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/services/:slug/publish',
    operationId: 'publishService',
    summary: 'Publish the draft as a new version (refused, naming the gaps, while a component is empty)',
    tag: 'catalog',
    auth: 'user',
    status: 200,
    params: slugParams,
    response: z.object({ slug: z.string(), version: z.number().int() }),
    handler: async ({ actor, params, request }) => {
      const { version } = await tx((trx) => catalog.publish(trx, { actor, meta: request.meta }, params.slug));
      return { slug: params.slug, version };
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/services/:slug/archive',
    operationId: 'archiveService',
    summary: 'Take a service off the portal (its versions stay)',
    tag: 'catalog',
    auth: 'user',
    status: 200,
    params: slugParams,
    response: z.object({ slug: z.string(), status: z.literal('archived') }),
    handler: async ({ actor, params, request }) => {
      await tx((trx) => catalog.archive(trx, { actor, meta: request.meta }, params.slug));
      return { slug: params.slug, status: 'archived' as const };
    },
  });
}
