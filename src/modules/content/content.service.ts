// Information layer (P-2): pages, guides, announcements, FAQ and the legal library. The only
// place that changes content_items and legal_documents. Every change is authorised here with
// the ownership rule of content.policy.ts (administrators: any item in scope; operators: the
// items they created), audited, and mirrored in the portal search index (published content
// and legal documents that are not withdrawn). Nothing is hard-deleted.
import { sql } from 'kysely';
import type { Database, Executor } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/values.ts';
import type { ContentKind, ContentStatus, LegalStatus, LegalType } from '../../platform/db/schema.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { agenciesFor } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { parseOrThrow } from '../../platform/http/validation.ts';
import { indexDocument, removeDocument } from '../../platform/search/search.ts';
import { t } from '../../platform/views/i18n.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { newFileKey } from '../../platform/storage/storage.ts';
import { describeType } from '../../platform/storage/sniff.ts';
import { isCompletePdfUpload, sniffUpload, type UploadedFile } from '../../platform/storage/upload-file.ts';
import { cleanFilename } from '../../platform/storage/uploads.ts';
import { canCreateItem, canDeleteItem, canEditItem } from './content.policy.ts';
import { plainText } from './content.format.tsx';
import { contentInputSchema, contentPatchSchema, legalInputSchema, legalPatchSchema, slugPattern } from './content.schemas.ts';
import { formatFileSize } from '../../platform/format.ts';

export interface Who {
  actor: Actor | null;
  meta?: RequestMeta | null;
  label?: string;
}

export interface ContentItem {
  id: string;
  kind: ContentKind;
  slug: string;
  title: string;
  summary: string;
  body: string;
  agencyId: string | null;
  agencySlug: string | null;
  agencyName: string | null;
  serviceSlug: string | null;
  status: ContentStatus;
  createdBy: string | null;
  createdByName: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface LegalDocument {
  id: string;
  type: LegalType;
  number: string;
  year: number;
  title: string;
  status: LegalStatus;
  summary: string;
  agencyId: string | null;
  agencySlug: string | null;
  agencyName: string | null;
  file: { size: number; sha256: string; name: string | null } | null;
  createdBy: string | null;
  createdByName: string | null;
  withdrawn: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface LegalListFilter {
  type?: LegalType;
  year?: number;
  status?: LegalStatus;
  /** Words of the title or the number. */
  q?: string;
  limit?: number;
  offset?: number;
}

/** A file as it arrived (multipart form or API body, `upload-file.ts`); checked by content before it is stored. */
export type IncomingFile = UploadedFile;

/** Public URL of a published content item. */
export function contentUrl(kind: ContentKind, slug: string): string {
  switch (kind) {
    case 'announcement':
      return `/pengumuman/${slug}`;
    case 'faq':
      return `/faq#${slug}`;
    default:
      return `/halaman/${slug}`;
  }
}

/** "Peraturan Daerah Nomor 5 Tahun 2020" in the given language. */
export function legalCitation(locale: 'id' | 'en', d: { type: LegalType; number: string; year: number }): string {
  return t(locale, 'legal.citation', { type: t(locale, `legal.type.${d.type}`), number: d.number, year: d.year });
}

const abbreviations: Record<LegalType, string[]> = {
  'undang-undang': ['UU'],
  'peraturan-pemerintah': ['PP'],
  'peraturan-presiden': ['Perpres'],
  'peraturan-menteri': ['Permen', 'Permenpan'],
  'peraturan-daerah': ['Perda'],
  'peraturan-gubernur': ['Pergub'],
  'keputusan-gubernur': ['Kepgub', 'SK Gubernur'],
  'surat-edaran': ['SE'],
  lainnya: [],
};

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** Kinds that share the /halaman/<slug> address space. */
const slugGroup = (kind: ContentKind): ContentKind[] => (kind === 'page' || kind === 'guide' ? ['page', 'guide'] : [kind]);


export type Content = ReturnType<typeof createContent>;

export function createContent(deps: { database: Database; storage: Storage; config: { uploadMaxBytes: number } }) {
  const db = deps.database.db;
  const { storage } = deps;

  // ---- content items -------------------------------------------------------------------

  const itemColumns = [
    'c.id',
    'c.kind',
    'c.slug',
    'c.title',
    'c.summary',
    'c.body',
    'c.agency_id',
    'c.service_slug',
    'c.status',
    'c.created_by',
    'c.published_at',
    'c.created_at',
    'c.updated_at',
    'a.name as agency_name',
    'a.slug as agency_slug',
    'u.name as created_by_name',
  ] as const;

  const itemQuery = (q: Executor) =>
    q
      .selectFrom('content_items as c')
      .leftJoin('agencies as a', 'a.id', 'c.agency_id')
      .leftJoin('users as u', 'u.id', 'c.created_by')
      .select(itemColumns);

  type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['executeTakeFirstOrThrow']>>;
  const toItem = (r: ItemRow): ContentItem => ({
    id: r.id,
    kind: r.kind,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    body: r.body,
    agencyId: r.agency_id,
    agencySlug: r.agency_slug,
    agencyName: r.agency_name,
    serviceSlug: r.service_slug,
    status: r.status,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    publishedAt: r.published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });

  async function loadItemForChange(trx: Executor, id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound();
    const row = await trx.selectFrom('content_items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw errors.notFound();
    return row;
  }

  function requireActor(who: Who): Actor {
    if (!who.actor) throw errors.unauthenticated();
    return who.actor;
  }

  /** The agency an item goes to when none was named: the actor's only agency, or region level. */
  function defaultAgency(actor: Actor, action: string): string | null {
    const scope = agenciesFor(actor, action);
    if (scope === 'all') return null;
    const distinct = [...new Set(scope)];
    if (distinct.length > 1) throw errors.validation([{ field: 'agencyId', key: 'content.agency_choose' }]);
    return distinct[0] ?? null;
  }

  async function assertAgency(q: Executor, agencyId: string | null) {
    if (agencyId === null) return;
    const a = await q.selectFrom('agencies').select(['id', 'active']).where('id', '=', agencyId).executeTakeFirst();
    if (!a || !a.active) throw errors.validation([{ field: 'agencyId', key: 'content.agency_unknown' }]);
  }

  async function assertSlugFree(q: Executor, kind: ContentKind, slug: string, exceptId?: string) {
    let query = q.selectFrom('content_items').select('id').where('kind', 'in', slugGroup(kind)).where('slug', '=', slug);
    if (exceptId) query = query.where('id', '!=', exceptId);
    if (await query.executeTakeFirst()) throw errors.conflict('content.slug_taken', 'slug');
  }

  async function indexItem(trx: Executor, row: { id: string; kind: ContentKind; slug: string; title: string; summary: string; body: string; agency_id: string | null }) {
    await indexDocument(trx, {
      kind: 'page',
      refId: row.id,
      agencyId: row.agency_id,
      title: row.title,
      keywords: [t('id', `content.kind.${row.kind}`)],
      summary: row.summary || plainText(row.body).slice(0, 300),
      body: plainText(row.body),
      url: contentUrl(row.kind, row.slug),
    });
  }

  const auditItem = (r: { kind: string; slug: string; title: string; status: string; agency_id: string | null; created_by: string | null; summary?: string; service_slug?: string | null }) => ({
    kind: r.kind,
    slug: r.slug,
    title: r.title,
    status: r.status,
    agency_id: r.agency_id,
    created_by: r.created_by,
    summary: r.summary,
    service_slug: r.service_slug,
  });

  async function publishRow(trx: Executor, who: Who, row: Awaited<ReturnType<typeof loadItemForChange>>) {
    const now = new Date();
    const publishedAt = row.status === 'published' && row.published_at ? row.published_at : now;
    await trx
      .updateTable('content_items')
      .set({ status: 'published', published_at: publishedAt, archived_at: null, updated_by: who.actor?.userId ?? null, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await indexItem(trx, row);
    await recordAudit(trx, who, { action: 'content.publish', entityType: 'content_item', entityId: row.id, agencyId: row.agency_id, before: { status: row.status }, after: { status: 'published' } });
  }

  const content = {
    /** Creates a draft item (or publishes it at once with `publish`). Administrators and operators. */
    async createItem(trx: Executor, who: Who, input: unknown, opts: { publish?: boolean } = {}): Promise<{ id: string; kind: ContentKind; slug: string }> {
      const actor = requireActor(who);
      const data = parseOrThrow(contentInputSchema, input);
      const agencyId = data.agencyId !== undefined ? data.agencyId : defaultAgency(actor, 'content.item.write');
      if (!canCreateItem(actor, agencyId)) throw errors.forbidden();
      await assertAgency(trx, agencyId);
      const slug = data.slug ?? slugify(data.title);
      if (!slugPattern.test(slug)) throw errors.validation([{ field: 'slug', key: 'content.slug_format' }]);
      await assertSlugFree(trx, data.kind, slug);
      const row = await trx
        .insertInto('content_items')
        .values({
          kind: data.kind,
          slug,
          title: data.title,
          summary: data.summary ?? '',
          body: data.body,
          agency_id: agencyId,
          service_slug: data.serviceSlug ?? null,
          created_by: actor.userId,
          updated_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw errors.conflict('content.slug_taken', 'slug');
          throw err;
        });
      await recordAudit(trx, who, { action: 'content.create', entityType: 'content_item', entityId: row.id, agencyId, after: auditItem(row) });
      if (opts.publish) await publishRow(trx, who, row);
      return { id: row.id, kind: row.kind, slug: row.slug };
    },

    /** Changes an item; the ownership rule decides who may. A published item stays published (and re-indexed). */
    async updateItem(trx: Executor, who: Who, id: string, patch: unknown): Promise<void> {
      const actor = requireActor(who);
      const row = await loadItemForChange(trx, id);
      if (!canEditItem(actor, { agencyId: row.agency_id, createdBy: row.created_by })) throw errors.forbidden();
      const data = parseOrThrow(contentPatchSchema, patch);
      const set: Partial<{ title: string; slug: string; summary: string; body: string; agency_id: string | null; service_slug: string | null }> = {};
      if (data.title !== undefined) set.title = data.title;
      if (data.body !== undefined) set.body = data.body;
      if (data.summary !== undefined) set.summary = data.summary ?? '';
      if (data.serviceSlug !== undefined) set.service_slug = data.serviceSlug;
      if (data.slug !== undefined && data.slug !== row.slug) {
        await assertSlugFree(trx, row.kind, data.slug, row.id);
        set.slug = data.slug;
      }
      if (data.agencyId !== undefined && data.agencyId !== row.agency_id) {
        // Moving an item needs the right to create items there too.
        if (!canCreateItem(actor, data.agencyId)) throw errors.forbidden();
        await assertAgency(trx, data.agencyId);
        set.agency_id = data.agencyId;
      }
      const updated = await trx
        .updateTable('content_items')
        .set({ ...set, updated_by: actor.userId, updated_at: new Date() })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw errors.conflict('content.slug_taken', 'slug');
          throw err;
        });
      if (updated.status === 'published') await indexItem(trx, updated);
      await recordAudit(trx, who, {
        action: 'content.update',
        entityType: 'content_item',
        entityId: row.id,
        agencyId: updated.agency_id,
        before: { ...auditItem(row), body_changed: set.body !== undefined && set.body !== row.body },
        after: auditItem(updated),
      });
    },

    /** Shows the item on the portal and in search. */
    async publishItem(trx: Executor, who: Who, id: string): Promise<void> {
      const actor = requireActor(who);
      const row = await loadItemForChange(trx, id);
      if (!canEditItem(actor, { agencyId: row.agency_id, createdBy: row.created_by })) throw errors.forbidden();
      await publishRow(trx, who, row);
    },

    /** Deleting is archiving: the item leaves the portal and search, its row stays. */
    async archiveItem(trx: Executor, who: Who, id: string): Promise<void> {
      const actor = requireActor(who);
      const row = await loadItemForChange(trx, id);
      if (!canDeleteItem(actor, { agencyId: row.agency_id, createdBy: row.created_by })) throw errors.forbidden();
      if (row.status === 'archived') return;
      const now = new Date();
      await trx
        .updateTable('content_items')
        .set({ status: 'archived', archived_at: now, updated_by: actor.userId, updated_at: now })
        .where('id', '=', row.id)
        .execute();
      await removeDocument(trx, 'page', row.id);
      await recordAudit(trx, who, { action: 'content.archive', entityType: 'content_item', entityId: row.id, agencyId: row.agency_id, before: { status: row.status }, after: { status: 'archived' } });
    },

    /** An item for the back office (any status), after checking the actor may see it. */
    async getItemForStaff(actor: Actor | null, id: string, q: Executor = db): Promise<ContentItem & { canEdit: boolean }> {
      if (!actor) throw errors.unauthenticated();
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound();
      const row = await itemQuery(q).where('c.id', '=', id).executeTakeFirst();
      if (!row) throw errors.notFound();
      const item = toItem(row);
      const canEdit = canEditItem(actor, item);
      if (!canEdit && !canSeeInBackoffice(actor, 'content.item.read', item.agencyId)) throw errors.forbidden();
      return { ...item, canEdit };
    },

    /** The id of the item with this kind and slug (any status), for the API's addresses. */
    async findItemId(kind: ContentKind, slug: string, q: Executor = db): Promise<string> {
      const row = await q.selectFrom('content_items').select('id').where('kind', '=', kind).where('slug', '=', slug).executeTakeFirst();
      if (!row) throw errors.notFound();
      return row.id;
    },

    /** Items the actor may see in the back office, newest change first, each with `canEdit`. */
    async listForStaff(
      actor: Actor | null,
      filter: { kind?: ContentKind; status?: ContentStatus; mine?: boolean; limit?: number; offset?: number } = {},
    ): Promise<{ items: (ContentItem & { canEdit: boolean })[]; total: number }> {
      if (!actor) throw errors.unauthenticated();
      const scope = agenciesFor(actor, 'content.item.read');
      if (scope !== 'all' && scope.length === 0) throw errors.forbidden();
      let q = itemQuery(db);
      if (scope !== 'all') q = q.where((eb) => eb.or([eb('c.agency_id', 'in', scope), eb('c.created_by', '=', actor.userId)]));
      if (filter.kind) q = q.where('c.kind', '=', filter.kind);
      if (filter.status) q = q.where('c.status', '=', filter.status);
      if (filter.mine) q = q.where('c.created_by', '=', actor.userId);
      const rows = await q
        .select(sql<number>`count(*) over ()`.as('total'))
        .orderBy('c.updated_at', 'desc')
        .limit(Math.min(filter.limit ?? 50, 200))
        .offset(filter.offset ?? 0)
        .execute();
      return { items: rows.map((r) => ({ ...toItem(r), canEdit: canEditItem(actor, { agencyId: r.agency_id, createdBy: r.created_by }) })), total: Number(rows[0]?.total ?? 0) };
    },

    /** A published item by address; null when not public. */
    async getPublished(kinds: ContentKind[], slug: string): Promise<ContentItem | null> {
      if (!slugPattern.test(slug) || slug.length > 80) return null;
      const row = await itemQuery(db).where('c.kind', 'in', kinds).where('c.slug', '=', slug).where('c.status', '=', 'published').executeTakeFirst();
      return row ? toItem(row) : null;
    },

    /** Published items, newest first (FAQ and pages: by title). */
    async listPublished(filter: { kinds: ContentKind[]; limit?: number; offset?: number }): Promise<{ items: ContentItem[]; total: number }> {
      const byTitle = !filter.kinds.includes('announcement');
      let q = itemQuery(db)
        .where('c.kind', 'in', filter.kinds)
        .where('c.status', '=', 'published')
        .select(sql<number>`count(*) over ()`.as('total'));
      q = byTitle ? q.orderBy('c.title') : q.orderBy('c.published_at', 'desc').orderBy('c.title');
      const rows = await q
        .limit(Math.min(filter.limit ?? 50, 200))
        .offset(filter.offset ?? 0)
        .execute();
      return { items: rows.map(toItem), total: Number(rows[0]?.total ?? 0) };
    },
  };

  /** The id of an active agency by its slug (API addresses agencies by slug). */
  async function agencyIdBySlug(slug: string, q: Executor = db): Promise<string> {
    const a = await q.selectFrom('agencies').select(['id', 'active']).where('slug', '=', slug).executeTakeFirst();
    if (!a || !a.active) throw errors.validation([{ field: 'agency', key: 'content.agency_unknown' }]);
    return a.id;
  }

  function canSeeInBackoffice(actor: Actor, action: string, agencyId: string | null): boolean {
    const scope = agenciesFor(actor, action);
    if (scope === 'all') return true;
    return agencyId !== null && scope.includes(agencyId);
  }

  // ---- legal library --------------------------------------------------------------------

  const legalQuery = (q: Executor) =>
    q
      .selectFrom('legal_documents as l')
      .leftJoin('agencies as a', 'a.id', 'l.agency_id')
      .leftJoin('users as u', 'u.id', 'l.created_by')
      .select([
        'l.id',
        'l.type',
        'l.number',
        'l.year',
        'l.title',
        'l.status',
        'l.summary',
        'l.agency_id',
        'l.file_key',
        'l.file_sha256',
        'l.file_size',
        'l.file_name',
        'l.created_by',
        'l.withdrawn_at',
        'l.created_at',
        'l.updated_at',
        'a.name as agency_name',
        'a.slug as agency_slug',
        'u.name as created_by_name',
      ]);
  type LegalRow = Awaited<ReturnType<ReturnType<typeof legalQuery>['executeTakeFirstOrThrow']>>;
  const toLegal = (r: LegalRow): LegalDocument => ({
    id: r.id,
    type: r.type,
    number: r.number,
    year: r.year,
    title: r.title,
    status: r.status,
    summary: r.summary,
    agencyId: r.agency_id,
    agencySlug: r.agency_slug,
    agencyName: r.agency_name,
    file: r.file_key && r.file_sha256 && r.file_size !== null ? { size: r.file_size, sha256: r.file_sha256, name: r.file_name } : null,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    withdrawn: r.withdrawn_at !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });

  async function loadLegalForChange(trx: Executor, id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound();
    const row = await trx.selectFrom('legal_documents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw errors.notFound();
    return row;
  }

  async function assertCitationFree(q: Executor, d: { type: LegalType; number: string; year: number }, exceptId?: string) {
    let query = q.selectFrom('legal_documents').select('id').where('type', '=', d.type).where(sql<boolean>`lower(number) = lower(${d.number})`).where('year', '=', d.year);
    if (exceptId) query = query.where('id', '!=', exceptId);
    if (await query.executeTakeFirst()) throw duplicateCitation(d);
  }

  const duplicateCitation = (d: { type: LegalType; number: string; year: number }) =>
    new AppError('conflict', 409, 'legal.duplicate', { citation: legalCitation('id', d) }, [{ field: 'number', key: 'legal.duplicate', params: { citation: legalCitation('id', d) } }]);

  async function indexLegal(trx: Executor, r: { id: string; type: LegalType; number: string; year: number; title: string; summary: string; status: LegalStatus; agency_id: string | null }) {
    await indexDocument(trx, {
      kind: 'legal',
      refId: r.id,
      agencyId: r.agency_id,
      title: `${legalCitation('id', r)} tentang ${r.title}`,
      keywords: [...abbreviations[r.type], `${r.number}/${r.year}`, t('id', `legal.status.${r.status}`)],
      summary: r.summary,
      url: `/hukum/${r.id}`,
    });
  }

  /** Refuses anything that is not a whole PDF — judged by its bytes, never by its name. */
  function checkPdf(file: IncomingFile): void {
    const max = deps.config.uploadMaxBytes;
    const maxMb = formatFileSize(max);
    if (file.tooLarge || file.size > max) {
      throw new AppError('payload_too_large', 413, 'legal.file.too_large', { max: maxMb }, [{ field: 'file', key: 'legal.file.too_large', params: { max: maxMb } }]);
    }
    if (file.size === 0) throw errors.validation([{ field: 'file', key: 'legal.file.empty' }]);
    const sniffed = sniffUpload(file);
    if (sniffed !== 'application/pdf') {
      const params = { type: describeType(sniffed), name: cleanFilename(file.filename) || '—' };
      const key = sniffed ? 'legal.file.not_pdf' : 'legal.file.not_pdf_unknown';
      throw new AppError('file_rejected', 422, key, params, [{ field: 'file', key, params }]);
    }
    if (!isCompletePdfUpload(file)) throw new AppError('file_rejected', 422, 'legal.file.incomplete', undefined, [{ field: 'file', key: 'legal.file.incomplete' }]);
  }

  /** Stores a checked PDF; runs `then` with it and removes the file again when `then` fails. */
  async function withStoredPdf<T>(file: IncomingFile, then: (stored: { key: string; size: number; sha256: string; name: string }) => Promise<T>): Promise<T> {
    checkPdf(file);
    const stored = await storage.put(newFileKey('legal', 'pdf'), file.open(), 'application/pdf');
    try {
      return await then({ ...stored, name: cleanFilename(file.filename) || 'dokumen.pdf' });
    } catch (err) {
      await storage.delete(stored.key).catch(() => {});
      throw err;
    }
  }

  const legal = {
    /** The PDF check alone (exposed for forms that want to answer before other work). */
    checkPdf,

    /**
     * Adds a document to the legal library, with its PDF when given. It is public at once
     * (the library holds promulgated texts). Refused when (type, number, year) exists.
     * A file stored here is removed again when the insert fails; if the caller's transaction
     * rolls back later, an unreferenced file may remain (harmless, never served).
     */
    async addLegalDocument(trx: Executor, who: Who, input: unknown, file?: IncomingFile): Promise<{ id: string }> {
      const actor = requireActor(who);
      const data = parseOrThrow(legalInputSchema, input);
      const agencyId = data.agencyId !== undefined ? data.agencyId : defaultAgency(actor, 'legal.document.write');
      if (!canCreateItem(actor, agencyId, 'legal')) throw errors.forbidden();
      await assertAgency(trx, agencyId);
      await assertCitationFree(trx, data);
      const insert = async (stored?: { key: string; size: number; sha256: string; name: string }) => {
        const row = await trx
          .insertInto('legal_documents')
          .values({
            type: data.type,
            number: data.number,
            year: data.year,
            title: data.title,
            status: data.status,
            summary: data.summary ?? '',
            agency_id: agencyId,
            file_key: stored?.key ?? null,
            file_sha256: stored?.sha256 ?? null,
            file_size: stored?.size ?? null,
            file_name: stored?.name ?? null,
            created_by: actor.userId,
            updated_by: actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch((err: unknown) => {
            if (isUniqueViolation(err)) throw duplicateCitation(data);
            throw err;
          });
        await indexLegal(trx, row);
        await recordAudit(trx, who, {
          action: 'legal.create',
          entityType: 'legal_document',
          entityId: row.id,
          agencyId,
          after: { type: row.type, number: row.number, year: row.year, title: row.title, status: row.status, file_sha256: row.file_sha256, file_size: row.file_size },
        });
        return { id: row.id };
      };
      return file ? withStoredPdf(file, insert) : insert();
    },

    /** Changes the metadata (the ownership rule decides who may). */
    async updateLegalDocument(trx: Executor, who: Who, id: string, patch: unknown): Promise<void> {
      const actor = requireActor(who);
      const row = await loadLegalForChange(trx, id);
      if (!canEditItem(actor, { agencyId: row.agency_id, createdBy: row.created_by }, 'legal')) throw errors.forbidden();
      const data = parseOrThrow(legalPatchSchema, patch);
      const next = { type: data.type ?? row.type, number: data.number ?? row.number, year: data.year ?? row.year };
      if (next.type !== row.type || next.number !== row.number || next.year !== row.year) await assertCitationFree(trx, next, row.id);
      const set: Record<string, unknown> = { ...next };
      if (data.title !== undefined) set.title = data.title;
      if (data.status !== undefined) set.status = data.status;
      if (data.summary !== undefined) set.summary = data.summary ?? '';
      if (data.agencyId !== undefined && data.agencyId !== row.agency_id) {
        if (!canCreateItem(actor, data.agencyId, 'legal')) throw errors.forbidden();
        await assertAgency(trx, data.agencyId);
        set.agency_id = data.agencyId;
      }
      const updated = await trx
        .updateTable('legal_documents')
        .set({ ...(set as object), updated_by: actor.userId, updated_at: new Date() })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw duplicateCitation(next);
          throw err;
        });
      if (!updated.withdrawn_at) await indexLegal(trx, updated);
      const pick = (r: typeof row) => ({ type: r.type, number: r.number, year: r.year, title: r.title, status: r.status, summary: r.summary, agency_id: r.agency_id });
      await recordAudit(trx, who, { action: 'legal.update', entityType: 'legal_document', entityId: row.id, agencyId: updated.agency_id, before: pick(row), after: pick(updated) });
    },

    /** Replaces the PDF. The previous file is kept in storage (its hash stays in the audit trail). */
    async replaceLegalFile(trx: Executor, who: Who, id: string, file: IncomingFile): Promise<void> {
      const actor = requireActor(who);
      const row = await loadLegalForChange(trx, id);
      if (!canEditItem(actor, { agencyId: row.agency_id, createdBy: row.created_by }, 'legal')) throw errors.forbidden();
      await withStoredPdf(file, async (stored) => {
        await trx
          .updateTable('legal_documents')
          .set({ file_key: stored.key, file_sha256: stored.sha256, file_size: stored.size, file_name: stored.name, updated_by: actor.userId, updated_at: new Date() })
          .where('id', '=', row.id)
          .execute();
        await recordAudit(trx, who, {
          action: 'legal.replace_file',
          entityType: 'legal_document',
          entityId: row.id,
          agencyId: row.agency_id,
          before: { file_key: row.file_key, file_sha256: row.file_sha256, file_size: row.file_size },
          after: { file_key: stored.key, file_sha256: stored.sha256, file_size: stored.size },
        });
      });
    },

    /** Deleting a legal document is withdrawing it: off the portal and search, the row and file stay. */
    async withdrawLegalDocument(trx: Executor, who: Who, id: string): Promise<void> {
      const actor = requireActor(who);
      const row = await loadLegalForChange(trx, id);
      if (!canDeleteItem(actor, { agencyId: row.agency_id, createdBy: row.created_by }, 'legal')) throw errors.forbidden();
      if (row.withdrawn_at) return;
      await trx.updateTable('legal_documents').set({ withdrawn_at: new Date(), withdrawn_by: actor.userId, updated_by: actor.userId, updated_at: new Date() }).where('id', '=', row.id).execute();
      await removeDocument(trx, 'legal', row.id);
      await recordAudit(trx, who, { action: 'legal.withdraw', entityType: 'legal_document', entityId: row.id, agencyId: row.agency_id, before: { withdrawn: false }, after: { withdrawn: true } });
    },

    /** Puts a withdrawn document back in the library. */
    async restoreLegalDocument(trx: Executor, who: Who, id: string): Promise<void> {
      const actor = requireActor(who);
      const row = await loadLegalForChange(trx, id);
      if (!canEditItem(actor, { agencyId: row.agency_id, createdBy: row.created_by }, 'legal')) throw errors.forbidden();
      if (!row.withdrawn_at) return;
      await trx.updateTable('legal_documents').set({ withdrawn_at: null, withdrawn_by: null, updated_by: actor.userId, updated_at: new Date() }).where('id', '=', row.id).execute();
      await indexLegal(trx, row);
      await recordAudit(trx, who, { action: 'legal.restore', entityType: 'legal_document', entityId: row.id, agencyId: row.agency_id, before: { withdrawn: true }, after: { withdrawn: false } });
    },

    /** A document of the public library (not withdrawn); null otherwise. */
    async getLegalPublic(id: string): Promise<LegalDocument | null> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const row = await legalQuery(db).where('l.id', '=', id).where('l.withdrawn_at', 'is', null).executeTakeFirst();
      return row ? toLegal(row) : null;
    },

    /** A document for the back office (withdrawn included), with `canEdit`. */
    async getLegalForStaff(actor: Actor | null, id: string, q: Executor = db): Promise<LegalDocument & { canEdit: boolean }> {
      if (!actor) throw errors.unauthenticated();
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound();
      const row = await legalQuery(q).where('l.id', '=', id).executeTakeFirst();
      if (!row) throw errors.notFound();
      const doc = toLegal(row);
      const canEdit = canEditItem(actor, doc, 'legal');
      // Scoped like content items: staff see their agencies' documents (and those they created);
      // region-level documents and other agencies' need a region-wide grant.
      if (!canEdit && !canSeeInBackoffice(actor, 'legal.document.read', doc.agencyId)) throw errors.forbidden();
      return { ...doc, canEdit };
    },

    /**
     * The library, filtered. Public callers see documents that are not withdrawn; the back
     * office (`staff`) sees all and learns which it may edit.
     */
    async listLegal(
      filter: LegalListFilter & { includeWithdrawn?: boolean; mineFor?: string; staffScope?: { agencyIds: string[]; userId: string } } = {},
    ): Promise<{ items: LegalDocument[]; total: number }> {
      let q = legalQuery(db).select(sql<number>`count(*) over ()`.as('total'));
      const staffScope = filter.staffScope;
      if (staffScope) {
        q = q.where((eb) =>
          staffScope.agencyIds.length ? eb.or([eb('l.agency_id', 'in', staffScope.agencyIds), eb('l.created_by', '=', staffScope.userId)]) : eb('l.created_by', '=', staffScope.userId),
        );
      }
      if (!filter.includeWithdrawn) q = q.where('l.withdrawn_at', 'is', null);
      if (filter.type) q = q.where('l.type', '=', filter.type);
      if (filter.year) q = q.where('l.year', '=', filter.year);
      if (filter.status) q = q.where('l.status', '=', filter.status);
      if (filter.mineFor) q = q.where('l.created_by', '=', filter.mineFor);
      const words = (filter.q ?? '').slice(0, 200).replace(/[^\p{L}\p{N}\s./-]/gu, ' ').replace(/\s+/g, ' ').trim();
      if (words) {
        const like = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) =>
          eb.or([
            eb('l.title', 'ilike', like),
            eb('l.number', 'ilike', like),
            sql<boolean>`to_tsvector('indonesian', l.title || ' ' || l.summary) @@ plainto_tsquery('indonesian', ${words})`,
          ]),
        );
      }
      const rows = await q
        .orderBy('l.year', 'desc')
        .orderBy('l.type')
        .orderBy('l.number')
        .limit(Math.min(filter.limit ?? 50, 200))
        .offset(filter.offset ?? 0)
        .execute();
      return { items: rows.map(toLegal), total: Number(rows[0]?.total ?? 0) };
    },

    /** Back-office list: every document, with `canEdit` for the actor. */
    async listLegalForStaff(actor: Actor | null, filter: LegalListFilter & { mine?: boolean } = {}): Promise<{ items: (LegalDocument & { canEdit: boolean })[]; total: number }> {
      if (!actor) throw errors.unauthenticated();
      const scope = agenciesFor(actor, 'legal.document.read');
      if (scope !== 'all' && scope.length === 0) throw errors.forbidden();
      const staffScope = scope === 'all' ? undefined : { agencyIds: scope, userId: actor.userId };
      const r = await legal.listLegal({ ...filter, includeWithdrawn: true, mineFor: filter.mine ? actor.userId : undefined, staffScope });
      return { total: r.total, items: r.items.map((d) => ({ ...d, canEdit: canEditItem(actor, d, 'legal') })) };
    },

    /** The PDF of a public document; null when there is none. */
    async readLegalFile(id: string): Promise<{ bytes: Buffer; sha256: string; downloadName: string } | null> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const row = await db
        .selectFrom('legal_documents')
        .select(['type', 'number', 'year', 'file_key', 'file_sha256'])
        .where('id', '=', id)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      if (!row?.file_key || !row.file_sha256) return null;
      const bytes = await storage.get(row.file_key);
      if (!bytes) return null;
      const downloadName = `${abbreviations[row.type][0] ?? 'dokumen'}-${row.number}-${row.year}`.toLowerCase().replace(/[^a-z0-9]+/g, '-') + '.pdf';
      return { bytes, sha256: row.file_sha256, downloadName };
    },

    /** Years that occur in the public library (for the filter). */
    async legalYears(): Promise<number[]> {
      const rows = await db.selectFrom('legal_documents').select('year').distinct().where('withdrawn_at', 'is', null).orderBy('year', 'desc').execute();
      return rows.map((r) => r.year);
    },
  };

  return { ...content, ...legal, agencyIdBySlug };
}
