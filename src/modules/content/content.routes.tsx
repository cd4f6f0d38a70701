// Pages of the information layer. Public (published items only, no scripts): /halaman,
// /halaman/:slug (pages and guides), /pengumuman, /pengumuman/:slug, /faq, /hukum,
// /hukum/:id and the PDF at /hukum/:id/berkas. Back office: /kelola/konten and
// /kelola/hukum. Handlers are thin: read → call the content service in a transaction (it
// authorises with the ownership rule and validates) → redirect (303), or show the form again
// with an error summary and the values typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ContentDeps as Deps } from './content.deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import type { Trx } from '../../platform/db/database.ts';
import type { ContentKind, ContentStatus, LegalStatus, LegalType } from '../../platform/db/schema.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { formStateFrom, type FormState } from '../../platform/views/context.ts';
import { registerUploads, uploadedFile } from '../../platform/storage/uploads.ts';
import { t } from '../../platform/views/i18n.ts';
import { canCreateItem, type ItemFamily } from './content.policy.ts';
import { contentKinds, legalStatuses, legalTypes } from './content.schemas.ts';
import type { ContentItem, LegalDocument, Who } from './content.service.ts';
import { AnnouncementsPage, FaqPage, InfoIndexPage, InfoPage, LegalListPage, LegalPage, type LegalFilter } from './content.views.tsx';
import { contentDefaultSort, ContentFormView, ContentListView, contentSortKeys, legalDefaultSort, LegalAdminListView, LegalFormView, legalSortKeys, type AgencyOption } from './content.backoffice.views.tsx';
import { parseSort } from '../../platform/views/components/index.ts';
import { formatFileSize } from '../../platform/format.ts';

defineMenuLink({ href: '/kelola/konten', labelKey: 'content.menu.content', action: 'content.item.read', area: 'content', order: 30 });
defineMenuLink({ href: '/kelola/hukum', labelKey: 'content.menu.legal', action: 'legal.document.read', area: 'content', order: 31 });

const PAGE_SIZE = 30;
const flashes = new Set(['added', 'created', 'saved', 'published', 'archived', 'file', 'withdrawn', 'restored']);

const legalFilterSchema = z.object({
  q: z.string().max(2000).optional().catch(undefined),
  jenis: z.enum(legalTypes).optional().catch(undefined),
  tahun: z.coerce.number().int().min(1900).max(2200).optional().catch(undefined),
  status: z.enum(legalStatuses).optional().catch(undefined),
  mulai: z.coerce.number().int().min(0).max(100_000).optional().catch(0),
});

function legalFilterOf(query: unknown): LegalFilter & { offset: number } {
  const parsed = legalFilterSchema.safeParse(query ?? {});
  const f = parsed.success ? parsed.data : { mulai: 0 };
  const q = 'q' in f && f.q ? f.q.trim().slice(0, 200) : undefined;
  return {
    q: q || undefined,
    type: 'jenis' in f ? (f.jenis as LegalType | undefined) : undefined,
    year: 'tahun' in f ? f.tahun : undefined,
    status: 'status' in f ? (f.status as LegalStatus | undefined) : undefined,
    offset: f.mulai ?? 0,
  };
}

const str = (body: unknown, key: string): string | undefined => {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : undefined;
};

export function registerContentRoutes(app: FastifyInstance, deps: Deps): void {
  const { content } = deps;
  const tx = <T,>(fn: (trx: Trx) => Promise<T>) => deps.database.db.transaction().execute(fn);
  const who = (request: FastifyRequest): Who => ({ actor: request.actor, meta: request.meta });
  const maxMb = formatFileSize(deps.config.uploadMaxBytes);
  const flashOf = (request: FastifyRequest) => {
    const ok = (request.query as Record<string, unknown> | undefined)?.ok;
    return typeof ok === 'string' && flashes.has(ok) ? ok : undefined;
  };

  async function agencyOptions(actor: Actor, family: ItemFamily, current?: string | null): Promise<AgencyOption[]> {
    const names = await deps.agencies.namesById();
    const out: AgencyOption[] = [];
    for (const [id, name] of names) if (canCreateItem(actor, id, family) || id === current) out.push({ id, name });
    out.sort((a, b) => a.name.localeCompare(b.name, 'id'));
    if (canCreateItem(actor, null, family) || current === null) out.unshift({ id: '', name: t(actor.locale, 'content.region_level') });
    return out;
  }

  /** Shows a form again after a refused change; other errors go to the one error handler. */
  function fieldsOrThrow(err: unknown): AppError {
    if (err instanceof AppError && err.fields?.length) return err;
    throw err;
  }

  // ---- public pages ---------------------------------------------------------------------

  app.get('/halaman', async (request, reply) => {
    const { items } = await content.listPublished({ kinds: ['guide', 'page'], limit: 200 });
    const ctx = await app.viewContext(request, reply);
    return reply.page(InfoIndexPage({ ctx, items }));
  });

  app.get<{ Params: { slug: string } }>('/halaman/:slug', async (request, reply) => {
    const item = await content.getPublished(['page', 'guide'], request.params.slug);
    if (!item) throw errors.notFound();
    const ctx = await app.viewContext(request, reply);
    return reply.page(InfoPage({ ctx, item }));
  });

  app.get<{ Querystring: { mulai?: string } }>('/pengumuman', async (request, reply) => {
    const offset = Math.min(Math.max(Number.parseInt(request.query.mulai ?? '0', 10) || 0, 0), 100_000);
    const { items, total } = await content.listPublished({ kinds: ['announcement'], limit: PAGE_SIZE, offset });
    const ctx = await app.viewContext(request, reply);
    return reply.page(AnnouncementsPage({ ctx, items, total, offset, pageSize: PAGE_SIZE }));
  });

  app.get<{ Params: { slug: string } }>('/pengumuman/:slug', async (request, reply) => {
    const item = await content.getPublished(['announcement'], request.params.slug);
    if (!item) throw errors.notFound();
    const ctx = await app.viewContext(request, reply);
    return reply.page(InfoPage({ ctx, item }));
  });

  app.get('/faq', async (request, reply) => {
    const { items } = await content.listPublished({ kinds: ['faq'], limit: 200 });
    const ctx = await app.viewContext(request, reply);
    return reply.page(FaqPage({ ctx, items }));
  });

  app.get('/hukum', async (request, reply) => {
    const f = legalFilterOf(request.query);
    const [{ items, total }, years] = await Promise.all([content.listLegal({ ...f, limit: PAGE_SIZE, offset: f.offset }), content.legalYears()]);
    const ctx = await app.viewContext(request, reply);
    return reply.page(LegalListPage({ ctx, items, total, filter: f, years, offset: f.offset, pageSize: PAGE_SIZE }));
  });

  app.get<{ Params: { id: string } }>('/hukum/:id', async (request, reply) => {
    const doc = await content.getLegalPublic(request.params.id);
    if (!doc) throw errors.notFound();
    const ctx = await app.viewContext(request, reply);
    return reply.page(LegalPage({ ctx, doc }));
  });

  app.get<{ Params: { id: string } }>('/hukum/:id/berkas', async (request, reply) => {
    const file = await content.readLegalFile(request.params.id);
    if (!file) throw errors.notFound();
    const etag = `"${file.sha256}"`;
    reply.header('etag', etag).header('cache-control', 'public, max-age=300, must-revalidate');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${file.downloadName}"`)
      .header('x-content-type-options', 'nosniff')
      .send(file.bytes);
  });

  // ---- back office: content items -------------------------------------------------------

  const contentListQuery = z.object({
    jenis: z.enum(contentKinds).optional().catch(undefined),
    status: z.enum(['draft', 'published', 'archived']).optional().catch(undefined),
    milik: z.string().max(10).optional().catch(undefined),
  });

  app.get('/kelola/konten', async (request, reply) => {
    authorize(request.actor, 'content.item.read');
    const parsed = contentListQuery.safeParse(request.query ?? {});
    const q = parsed.success ? parsed.data : {};
    const filter = { kind: q.jenis as ContentKind | undefined, status: q.status as ContentStatus | undefined, mine: q.milik === 'saya' };
    const { items, total } = await content.listForStaff(request.actor, { ...filter, limit: 200 });
    const ctx = await app.viewContext(request, reply);
    const sort = parseSort(request.query as Record<string, unknown> | undefined, contentSortKeys, contentDefaultSort);
    return reply.page(ContentListView({ ctx, items, total, filter, canCreate: can(request.actor, 'content.item.write'), sort }));
  });

  async function showContentForm(request: FastifyRequest, reply: FastifyReply, form: FormState, item?: ContentItem & { canEdit: boolean }, status = 200) {
    const actor = request.actor!;
    const ctx = await app.viewContext(request, reply);
    const agencies = await agencyOptions(actor, 'content', item ? item.agencyId : undefined);
    return reply.page(ContentFormView({ ctx, form, agencies, item, flash: status === 200 ? flashOf(request) : undefined }), status);
  }

  const itemValues = (i: ContentItem): Record<string, string> => ({
    kind: i.kind,
    title: i.title,
    slug: i.slug,
    summary: i.summary,
    body: i.body,
    agencyId: i.agencyId ?? '',
    serviceSlug: i.serviceSlug ?? '',
  });

  app.get('/kelola/konten/baru', async (request, reply) => {
    authorize(request.actor, 'content.item.write');
    const kind = str(request.query, 'jenis');
    const agencies = await agencyOptions(request.actor, 'content');
    const values: Record<string, string> = { agencyId: agencies.find((a) => a.id !== '')?.id ?? '' };
    if (agencies.length && agencies[0]!.id === '') values.agencyId = '';
    if (kind && (contentKinds as readonly string[]).includes(kind)) values.kind = kind;
    return showContentForm(request, reply, { values, errors: [] });
  });

  app.post('/kelola/konten', async (request, reply) => {
    authorize(request.actor, 'content.item.write');
    const body = request.body ?? {};
    const input = {
      kind: str(body, 'kind'),
      title: str(body, 'title'),
      slug: str(body, 'slug'),
      summary: str(body, 'summary'),
      body: str(body, 'body'),
      agencyId: str(body, 'agencyId'),
      serviceSlug: str(body, 'serviceSlug'),
    };
    try {
      const created = await tx((trx) => content.createItem(trx, who(request), input, { publish: str(body, 'action') === 'publish' }));
      return reply.redirect(`/kelola/konten/${created.id}?ok=created`, 303);
    } catch (err) {
      const e = fieldsOrThrow(err);
      return showContentForm(request, reply, formStateFrom(body, e.fields!), undefined, e.status);
    }
  });

  app.get<{ Params: { id: string } }>('/kelola/konten/:id', async (request, reply) => {
    const item = await content.getItemForStaff(request.actor, request.params.id);
    return showContentForm(request, reply, { values: itemValues(item), errors: [] }, item);
  });

  app.post<{ Params: { id: string } }>('/kelola/konten/:id', async (request, reply) => {
    const item = await content.getItemForStaff(request.actor, request.params.id);
    const body = request.body ?? {};
    const patch = {
      title: str(body, 'title'),
      slug: str(body, 'slug'),
      summary: str(body, 'summary') ?? '',
      body: str(body, 'body') ?? '',
      agencyId: str(body, 'agencyId'),
      serviceSlug: str(body, 'serviceSlug') ?? '',
    };
    try {
      await tx(async (trx) => {
        await content.updateItem(trx, who(request), item.id, patch);
        if (str(body, 'action') === 'publish') await content.publishItem(trx, who(request), item.id);
      });
      return reply.redirect(`/kelola/konten/${item.id}?ok=${str(body, 'action') === 'publish' ? 'published' : 'saved'}`, 303);
    } catch (err) {
      const e = fieldsOrThrow(err);
      return showContentForm(request, reply, { ...formStateFrom(body, e.fields!), values: { ...itemValues(item), ...formStateFrom(body, []).values } }, item, e.status);
    }
  });

  app.post<{ Params: { id: string } }>('/kelola/konten/:id/terbitkan', async (request, reply) => {
    await tx((trx) => content.publishItem(trx, who(request), request.params.id));
    return reply.redirect(`/kelola/konten/${request.params.id}?ok=published`, 303);
  });

  app.post<{ Params: { id: string } }>('/kelola/konten/:id/arsipkan', async (request, reply) => {
    await tx((trx) => content.archiveItem(trx, who(request), request.params.id));
    return reply.redirect(`/kelola/konten/${request.params.id}?ok=archived`, 303);
  });

  // ---- back office: legal library -------------------------------------------------------

  app.get('/kelola/hukum', async (request, reply) => {
    authorize(request.actor, 'legal.document.read');
    const f = legalFilterOf(request.query);
    const [{ items, total }, years] = await Promise.all([content.listLegalForStaff(request.actor, { ...f, limit: 200 }), content.legalYears()]);
    const ctx = await app.viewContext(request, reply);
    const sort = parseSort(request.query as Record<string, unknown> | undefined, legalSortKeys, legalDefaultSort);
    return reply.page(LegalAdminListView({ ctx, items, total, filter: f, years, sort, canCreate: can(request.actor, 'legal.document.write') }));
  });

  async function showLegalForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    doc?: LegalDocument & { canEdit: boolean },
    status = 200,
    fileForm?: FormState,
  ) {
    const ctx = await app.viewContext(request, reply);
    const agencies = await agencyOptions(request.actor!, 'legal', doc ? doc.agencyId : undefined);
    return reply.page(LegalFormView({ ctx, form, fileForm, agencies, doc, maxMb, flash: status === 200 ? flashOf(request) : undefined }), status);
  }

  const legalValues = (d: LegalDocument): Record<string, string> => ({
    type: d.type,
    number: d.number,
    year: String(d.year),
    title: d.title,
    status: d.status,
    summary: d.summary,
    agencyId: d.agencyId ?? '',
  });
  const legalInputOf = (body: unknown) => ({
    type: str(body, 'type'),
    number: str(body, 'number'),
    year: str(body, 'year'),
    title: str(body, 'title'),
    status: str(body, 'status'),
    summary: str(body, 'summary') ?? '',
    agencyId: str(body, 'agencyId'),
  });

  app.get('/kelola/hukum/baru', async (request, reply) => {
    authorize(request.actor, 'legal.document.write');
    const agencies = await agencyOptions(request.actor, 'legal');
    return showLegalForm(request, reply, { values: { status: 'berlaku', agencyId: agencies[0]?.id ?? '' }, errors: [] });
  });

  app.get<{ Params: { id: string } }>('/kelola/hukum/:id', async (request, reply) => {
    const doc = await content.getLegalForStaff(request.actor, request.params.id);
    return showLegalForm(request, reply, { values: legalValues(doc), errors: [] }, doc);
  });

  app.post<{ Params: { id: string } }>('/kelola/hukum/:id', async (request, reply) => {
    const doc = await content.getLegalForStaff(request.actor, request.params.id);
    const body = request.body ?? {};
    try {
      await tx((trx) => content.updateLegalDocument(trx, who(request), doc.id, legalInputOf(body)));
      return reply.redirect(`/kelola/hukum/${doc.id}?ok=saved`, 303);
    } catch (err) {
      const e = fieldsOrThrow(err);
      return showLegalForm(request, reply, formStateFrom(body, e.fields!), doc, e.status);
    }
  });

  app.post<{ Params: { id: string } }>('/kelola/hukum/:id/tarik', async (request, reply) => {
    await tx((trx) => content.withdrawLegalDocument(trx, who(request), request.params.id));
    return reply.redirect(`/kelola/hukum/${request.params.id}?ok=withdrawn`, 303);
  });

  app.post<{ Params: { id: string } }>('/kelola/hukum/:id/pulihkan', async (request, reply) => {
    await tx((trx) => content.restoreLegalDocument(trx, who(request), request.params.id));
    return reply.redirect(`/kelola/hukum/${request.params.id}?ok=restored`, 303);
  });

  // Upload forms (multipart/form-data): their own scope with the multipart parser. The
  // `_csrf` field arrives in the parsed body like any form field.
  app.register(async (scope) => {
    await registerUploads(scope, { maxBytes: deps.config.uploadMaxBytes });

    scope.post('/kelola/hukum', async (request, reply) => {
      authorize(request.actor, 'legal.document.write');
      const body = request.body ?? {};
      try {
        const { id } = await tx((trx) => content.addLegalDocument(trx, who(request), legalInputOf(body), uploadedFile(body, 'file')));
        return reply.redirect(`/kelola/hukum/${id}?ok=added`, 303);
      } catch (err) {
        const e = fieldsOrThrow(err);
        return showLegalForm(request, reply, formStateFrom(body, e.fields!), undefined, e.status);
      }
    });

    scope.post<{ Params: { id: string } }>('/kelola/hukum/:id/berkas', async (request, reply) => {
      const doc = await content.getLegalForStaff(request.actor, request.params.id);
      const body = request.body ?? {};
      const file = uploadedFile(body, 'file');
      try {
        if (!file) throw errors.validation([{ field: 'file', key: 'legal.file.missing' }]);
        await tx((trx) => content.replaceLegalFile(trx, who(request), doc.id, file));
        return reply.redirect(`/kelola/hukum/${doc.id}?ok=file`, 303);
      } catch (err) {
        const e = fieldsOrThrow(err);
        return showLegalForm(request, reply, { values: legalValues(doc), errors: [] }, doc, e.status, { values: {}, errors: e.fields! });
      }
    });
  });
}


