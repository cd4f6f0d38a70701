// JSON API of the information layer (I-2, P-2): reading is public; writing needs the staff
// roles of content.policy.ts, authorised inside the service with the ownership rule.
// Legal PDFs are uploaded as raw bytes: PUT /api/v1/legal-documents/{id}/file with
// `Content-Type: application/pdf` (checked by content, at most UPLOAD_MAX_BYTES); the
// back office also accepts them from a plain multipart form.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ContentDeps as Deps } from './content.deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Trx } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import { contentKinds, legalStatuses, legalTypes, slugPattern } from './content.schemas.ts';
import { canEditItem } from './content.policy.ts';
import { contentUrl, legalCitation, type ContentItem, type LegalDocument, type Who } from './content.service.ts';
import { isUploadedFile, registerRawUpload } from '../../platform/storage/uploads.ts';

const agencyRef = z.object({ slug: z.string(), name: z.string() }).nullable();

const pageSummarySchema = z
  .object({
    kind: z.enum(contentKinds),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    agency: agencyRef,
    serviceSlug: z.string().nullable().meta({ description: 'The related service (/api/v1/services/{slug})' }),
    publishedAt: z.string().nullable().meta({ format: 'date-time' }),
    updatedAt: z.string().meta({ format: 'date-time' }),
    url: z.string().meta({ description: 'Public page on the portal' }),
  })
  .meta({ id: 'PageSummary' });

const pageSchema = pageSummarySchema
  .extend({
    body: z.string().meta({
      description:
        'Plain text. Blank lines separate paragraphs; lines starting with "## "/"### " are headings, "- " bullets, "1. " numbered items; [label](url) is a link and **text** bold. Never HTML.',
    }),
  })
  .meta({ id: 'Page' });

const staffPageSchema = pageSchema
  .extend({
    id: z.string().meta({ format: 'uuid' }),
    status: z.enum(['draft', 'published', 'archived']),
    author: z.string().nullable(),
    canEdit: z.boolean().meta({ description: 'Whether the caller may edit and delete it (P-2 ownership rule)' }),
  })
  .meta({ id: 'StaffPage' });

const legalSchema = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    type: z.enum(legalTypes),
    number: z.string(),
    year: z.number().int(),
    title: z.string().meta({ description: 'Subject, without "tentang"' }),
    citation: z.string().meta({ description: 'e.g. "Peraturan Daerah Nomor 5 Tahun 2020"' }),
    status: z.enum(legalStatuses).meta({ description: 'berlaku (in force), dicabut (revoked), diubah (amended)' }),
    summary: z.string(),
    agency: agencyRef,
    file: z
      .object({ url: z.string(), size: z.number().int(), sha256: z.string(), contentType: z.literal('application/pdf') })
      .nullable(),
    url: z.string(),
    updatedAt: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'LegalDocument' });

const staffLegalSchema = legalSchema
  .extend({ withdrawn: z.boolean(), author: z.string().nullable(), canEdit: z.boolean() })
  .meta({ id: 'StaffLegalDocument' });

const kindSlugParams = z.object({ kind: z.enum(contentKinds), slug: z.string().min(1).max(80) });
const idParams = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/i, 'validation.invalid') });

const agencyField = z.string().max(80).nullable().optional().meta({ description: 'Agency slug; null for a region-level item; default: your agency' });
const pageCreateBody = z.object({
  kind: z.enum(contentKinds),
  title: z.string().min(1).max(200),
  slug: z.string().max(80).optional(),
  summary: z.string().max(500).optional(),
  body: z.string().min(1).max(50_000),
  agency: agencyField,
  serviceSlug: z.string().max(80).optional(),
  publish: z.boolean().optional().meta({ description: 'Publish at once (default: keep as a draft)' }),
});
const pagePatchBody = z.object({
  title: z.string().max(200).optional(),
  slug: z.string().max(80).optional(),
  summary: z.string().max(500).nullable().optional(),
  body: z.string().max(50_000).optional(),
  agency: agencyField,
  serviceSlug: z.string().max(80).nullable().optional(),
});
const legalCreateBody = z.object({
  type: z.enum(legalTypes),
  number: z.string().min(1).max(60),
  year: z.number().int().min(1945).max(2200),
  title: z.string().min(1).max(400),
  status: z.enum(legalStatuses).optional(),
  summary: z.string().max(3000).optional(),
  agency: agencyField,
});
const legalPatchBody = legalCreateBody.partial().extend({ summary: z.string().max(3000).nullable().optional(), agency: agencyField });

function pageJson(i: ContentItem) {
  return {
    kind: i.kind,
    slug: i.slug,
    title: i.title,
    summary: i.summary,
    agency: i.agencySlug && i.agencyName ? { slug: i.agencySlug, name: i.agencyName } : null,
    serviceSlug: i.serviceSlug,
    publishedAt: i.publishedAt?.toISOString() ?? null,
    updatedAt: i.updatedAt.toISOString(),
    url: contentUrl(i.kind, i.slug),
  };
}

function legalJson(d: LegalDocument, locale: 'id' | 'en') {
  return {
    id: d.id,
    type: d.type,
    number: d.number,
    year: d.year,
    title: d.title,
    citation: legalCitation(locale, d),
    status: d.status,
    summary: d.summary,
    agency: d.agencySlug && d.agencyName ? { slug: d.agencySlug, name: d.agencyName } : null,
    file: d.file ? { url: `/hukum/${d.id}/berkas`, size: d.file.size, sha256: d.file.sha256, contentType: 'application/pdf' as const } : null,
    url: `/hukum/${d.id}`,
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function registerContentApi(app: FastifyInstance, deps: Deps): void {
  const { api, content } = deps;
  const tx = <T>(fn: (trx: Trx) => Promise<T>) => deps.database.db.transaction().execute(fn);
  const whoOf = (actor: Actor | null, meta: Who['meta']): Who => ({ actor, meta });
  /** Agency slug (or null) → id (or null); undefined stays undefined. */
  const agencyIdOf = async (agency: string | null | undefined) => (agency === undefined ? undefined : agency === null ? null : content.agencyIdBySlug(agency));
  const staffPage = (i: ContentItem, actor: Actor) => ({ ...pageJson(i), body: i.body, id: i.id, status: i.status, author: i.createdByName, canEdit: canEditItem(actor, i) });
  const staffLegal = (d: LegalDocument, actor: Actor) => ({ ...legalJson(d, actor.locale), withdrawn: d.withdrawn, author: d.createdByName, canEdit: canEditItem(actor, d, 'legal') });

  // ---- pages, guides, announcements, FAQ ------------------------------------------------

  api.route(app, {
    method: 'GET',
    url: '/api/v1/pages',
    operationId: 'listPages',
    summary: 'Published information pages, guides, announcements and FAQ',
    tag: 'content',
    auth: 'public',
    query: z.object({
      kind: z.enum(contentKinds).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: z.object({ items: z.array(pageSummarySchema), total: z.number().int() }),
    handler: async ({ query }) => {
      const r = await content.listPublished({ kinds: query.kind ? [query.kind] : [...contentKinds], limit: query.limit, offset: query.offset });
      return { items: r.items.map(pageJson), total: r.total };
    },
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/pages/:kind/:slug',
    operationId: 'getPage',
    summary: 'One published page, guide, announcement or FAQ item with its body',
    tag: 'content',
    auth: 'public',
    params: kindSlugParams,
    response: pageSchema,
    handler: async ({ params }) => {
      const item = await content.getPublished([params.kind], params.slug);
      if (!item) throw errors.notFound();
      return { ...pageJson(item), body: item.body };
    },
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/staff/pages',
    operationId: 'listStaffPages',
    summary: 'Items the caller may see in the back office (drafts and archived included)',
    tag: 'content',
    auth: 'user',
    query: z.object({
      kind: z.enum(contentKinds).optional(),
      status: z.enum(['draft', 'published', 'archived']).optional(),
      mine: z.enum(['true', 'false']).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: z.object({ items: z.array(staffPageSchema), total: z.number().int() }),
    handler: async ({ query, actor }) => {
      const r = await content.listForStaff(actor, { kind: query.kind, status: query.status, mine: query.mine === 'true', limit: query.limit, offset: query.offset });
      return { items: r.items.map((i) => staffPage(i, actor!)), total: r.total };
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/pages',
    operationId: 'createPage',
    summary: 'Create a page, guide, announcement or FAQ item (a draft unless publish is true)',
    description: 'Administrators and operators. The creator is recorded: operators may later edit only their own items.',
    tag: 'content',
    auth: 'user',
    body: pageCreateBody,
    response: staffPageSchema,
    handler: async ({ body, actor, request }) => {
      const agencyId = await agencyIdOf(body.agency);
      const created = await tx((trx) =>
        content.createItem(trx, whoOf(actor, request.meta), { ...body, agency: undefined, publish: undefined, agencyId }, { publish: body.publish }),
      );
      return staffPage(await content.getItemForStaff(actor, created.id), actor!);
    },
  });

  api.route(app, {
    method: 'PATCH',
    url: '/api/v1/pages/:kind/:slug',
    operationId: 'updatePage',
    summary: 'Change an item (administrators: any item of their scope; operators: their own)',
    tag: 'content',
    auth: 'user',
    params: kindSlugParams,
    body: pagePatchBody,
    response: staffPageSchema,
    handler: async ({ params, body, actor, request }) => {
      const agencyId = await agencyIdOf(body.agency);
      const id = await content.findItemId(params.kind, params.slug);
      await tx((trx) => content.updateItem(trx, whoOf(actor, request.meta), id, { ...body, agency: undefined, agencyId }));
      return staffPage(await content.getItemForStaff(actor, id), actor!);
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/pages/:kind/:slug/publish',
    operationId: 'publishPage',
    summary: 'Publish an item on the portal',
    tag: 'content',
    auth: 'user',
    status: 200,
    params: kindSlugParams,
    response: staffPageSchema,
    handler: async ({ params, actor, request }) => {
      const id = await content.findItemId(params.kind, params.slug);
      await tx((trx) => content.publishItem(trx, whoOf(actor, request.meta), id));
      return staffPage(await content.getItemForStaff(actor, id), actor!);
    },
  });

  api.route(app, {
    method: 'DELETE',
    url: '/api/v1/pages/:kind/:slug',
    operationId: 'deletePage',
    summary: 'Delete an item: it is archived (off the portal and search), never erased',
    tag: 'content',
    auth: 'user',
    params: kindSlugParams,
    response: staffPageSchema,
    handler: async ({ params, actor, request }) => {
      const id = await content.findItemId(params.kind, params.slug);
      await tx((trx) => content.archiveItem(trx, whoOf(actor, request.meta), id));
      return staffPage(await content.getItemForStaff(actor, id), actor!);
    },
  });

  // ---- legal library --------------------------------------------------------------------

  api.route(app, {
    method: 'GET',
    url: '/api/v1/legal-documents',
    operationId: 'listLegalDocuments',
    summary: 'The legal library: filter by type, year and status, search by title or number',
    tag: 'legal',
    auth: 'public',
    query: z.object({
      type: z.enum(legalTypes).optional(),
      year: z.coerce.number().int().min(1900).max(2200).optional(),
      status: z.enum(legalStatuses).optional(),
      q: z.string().max(2000).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: z.object({ items: z.array(legalSchema), total: z.number().int() }),
    handler: async ({ query, request }) => {
      const r = await content.listLegal(query);
      return { items: r.items.map((d) => legalJson(d, request.locale)), total: r.total };
    },
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/legal-documents/:id',
    operationId: 'getLegalDocument',
    summary: 'One document of the legal library; its PDF is at file.url',
    tag: 'legal',
    auth: 'public',
    params: idParams,
    response: legalSchema,
    handler: async ({ params, request }) => {
      const d = await content.getLegalPublic(params.id);
      if (!d) throw errors.notFound();
      return legalJson(d, request.locale);
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/legal-documents',
    operationId: 'createLegalDocument',
    summary: 'Add a document to the legal library (metadata; upload the PDF with PUT …/file)',
    description: 'Refused with 409 when a document with the same type, number and year exists.',
    tag: 'legal',
    auth: 'user',
    body: legalCreateBody,
    response: staffLegalSchema,
    handler: async ({ body, actor, request }) => {
      const agencyId = await agencyIdOf(body.agency);
      const { id } = await tx((trx) => content.addLegalDocument(trx, whoOf(actor, request.meta), { ...body, agency: undefined, agencyId }));
      return staffLegal(await content.getLegalForStaff(actor, id), actor!);
    },
  });

  api.route(app, {
    method: 'PATCH',
    url: '/api/v1/legal-documents/:id',
    operationId: 'updateLegalDocument',
    summary: 'Change the metadata of a document (administrators: any in scope; operators: their own)',
    tag: 'legal',
    auth: 'user',
    params: idParams,
    body: legalPatchBody,
    response: staffLegalSchema,
    handler: async ({ params, body, actor, request }) => {
      const agencyId = await agencyIdOf(body.agency);
      await tx((trx) => content.updateLegalDocument(trx, whoOf(actor, request.meta), params.id, { ...body, agency: undefined, agencyId }));
      return staffLegal(await content.getLegalForStaff(actor, params.id), actor!);
    },
  });

  api.route(app, {
    method: 'DELETE',
    url: '/api/v1/legal-documents/:id',
    operationId: 'withdrawLegalDocument',
    summary: 'Withdraw a document from the public library (never erased)',
    tag: 'legal',
    auth: 'user',
    params: idParams,
    response: staffLegalSchema,
    handler: async ({ params, actor, request }) => {
      await tx((trx) => content.withdrawLegalDocument(trx, whoOf(actor, request.meta), params.id));
      return staffLegal(await content.getLegalForStaff(actor, params.id), actor!);
    },
  });

  // Raw PDF upload in its own scope: the body is streamed to a temporary file, at most UPLOAD_MAX_BYTES.
  app.register(async (scope) => {
    registerRawUpload(scope, { contentType: 'application/pdf', maxBytes: deps.config.uploadMaxBytes });
    api.route(scope, {
      method: 'PUT',
      url: '/api/v1/legal-documents/:id/file',
      operationId: 'putLegalDocumentFile',
      summary: 'Upload or replace the PDF of a document (request body: the PDF bytes, Content-Type: application/pdf)',
      description: 'The file is checked by its content: anything that is not a whole PDF is refused (422), as is a file over the upload limit (413).',
      tag: 'legal',
      auth: 'user',
      status: 200,
      params: idParams,
      response: staffLegalSchema,
      handler: async ({ params, actor, request }) => {
        const file = request.body;
        if (!isUploadedFile(file)) throw errors.validation([{ field: 'file', key: 'legal.file.missing' }]);
        await tx((trx) => content.replaceLegalFile(trx, whoOf(actor, request.meta), params.id, { ...file, filename: 'dokumen.pdf' }));
        return staffLegal(await content.getLegalForStaff(actor, params.id), actor!);
      },
    });
  });
}


