// Public portal pages of the catalogue (P-1, P-5, P-10): /layanan, /layanan/:slug,
// /layanan/:slug/standar (printable), /cari. Stable public URLs.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CatalogDeps as Deps } from './catalog.deps.ts';
import { searchDocuments } from '../../platform/search/search.ts';
import { errors } from '../../platform/http/errors.ts';
import { sectors } from './catalog.schemas.ts';
import { PrintableStandard, SearchPage, ServicePage, ServicesPage } from './catalog.views.tsx';

const PAGE_SIZE = 30;
const sectorCodes = new Set<string>(sectors.map((s) => s.code));

const listQuery = z.object({
  sektor: z.string().max(60).optional(),
  instansi: z.string().max(80).optional(),
  mulai: z.coerce.number().int().min(0).max(100_000).optional().catch(0),
});

export function registerCatalogRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/layanan', async (request, reply) => {
    const parsed = listQuery.safeParse(request.query);
    const q = parsed.success ? parsed.data : {};
    const sector = q.sektor && sectorCodes.has(q.sektor) ? q.sektor : undefined;
    const agencies = await deps.agencies.listPublic();
    const agency = q.instansi ? agencies.find((a) => a.slug === q.instansi) : undefined;
    const offset = q.mulai ?? 0;
    const { items, total } = await deps.catalog.listPublished({ sector, agencyId: agency?.id, limit: PAGE_SIZE, offset });
    const ctx = await app.viewContext(request, reply);
    return reply.page(ServicesPage({ ctx, items, total, sector, agencySlug: agency?.slug, agencies, offset, pageSize: PAGE_SIZE }));
  });

  app.get<{ Params: { slug: string } }>('/layanan/:slug', async (request, reply) => {
    const s = await deps.catalog.getPublished(request.params.slug);
    if (!s) throw errors.notFound();
    await deps.catalog.countView(s.id);
    const ctx = await app.viewContext(request, reply);
    return reply.page(ServicePage({ ctx, s }));
  });

  app.get<{ Params: { slug: string } }>('/layanan/:slug/standar', async (request, reply) => {
    const s = await deps.catalog.getPublished(request.params.slug);
    if (!s) throw errors.notFound();
    const ctx = await app.viewContext(request, reply);
    const region = await deps.region();
    return reply.page(PrintableStandard({ ctx, s, regionName: region.name }));
  });

  app.get<{ Querystring: { q?: unknown; jenis?: unknown } }>('/cari', async (request, reply) => {
    const kind = typeof request.query.jenis === 'string' && ['service', 'agency', 'page', 'legal'].includes(request.query.jenis) ? request.query.jenis : undefined;
    const result = await searchDocuments(deps.database.db, request.query.q, { kinds: kind ? [kind as 'service'] : undefined, limit: 50 });
    const ctx = await app.viewContext(request, reply);
    return reply.page(SearchPage({ ctx, q: result.query, hits: result.hits, total: result.total, broadened: result.broadened }));
  });
}
