// Service catalogue (P-1, P-2, P-5): the only place that changes services and
// service_versions. A service has one working draft; publishing validates the 14
// components and the form, then snapshots both as a new immutable version. The portal reads
// the latest published version.
import { sql, type RawBuilder } from 'kysely';
import type { Database, Executor } from '../../platform/db/database.ts';
import { parseJson } from '../../platform/db/values.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { agenciesFor, authorize } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { parseOrThrow } from '../../platform/http/validation.ts';
import { indexDocument, removeDocument } from '../../platform/search/search.ts';
import { formDefinitionSchema, serviceContentSchema, type FormDefinition, type ServiceContent } from './catalog.schemas.ts';
import { formProblems, missingForPublication } from './catalog.rules.ts';
import './catalog.policy.ts';
import { messageKeyOr } from '../../platform/views/i18n.ts';

export interface Who {
  actor: Actor | null;
  meta?: RequestMeta | null;
  label?: string;
}

export interface ServiceSummary {
  id: string;
  slug: string;
  agencyId: string;
  agencySlug: string;
  agencyName: string;
  status: 'draft' | 'published' | 'archived';
  name: string;
  summary: string;
  sectors: string[];
  channels: string[];
  currentVersion: number | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface PublishedService {
  id: string;
  slug: string;
  agency: { id: string; slug: string; name: string; shortName: string; phone: string | null; email: string | null; address: string | null };
  version: number;
  publishedAt: Date;
  content: ServiceContent;
  form: FormDefinition;
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

export type Catalog = ReturnType<typeof createCatalog>;

const VIEW_FLUSH_MS = 5000;

export function createCatalog(database: Database) {
  const db = database.db;
  const pendingViews = new Map<string, number>();
  let viewFlush: NodeJS.Timeout | null = null;
  async function flushViews(): Promise<void> {
    if (viewFlush) clearTimeout(viewFlush);
    viewFlush = null;
    const batch = [...pendingViews];
    pendingViews.clear();
    for (const [slug, n] of batch) {
      // A lost popularity count (database closed, outage) is not worth an error.
      await db.updateTable('services').set({ popularity: sql`popularity + ${n}` }).where('slug', '=', slug).execute().catch(() => undefined);
    }
  }

  async function loadForChange(trx: Executor, slug: string) {
    const row = await trx.selectFrom('services').selectAll().where('slug', '=', slug).forUpdate().executeTakeFirst();
    if (!row) throw errors.notFound();
    return row;
  }

  async function indexService(trx: Executor, serviceId: string, slug: string, agencyId: string, content: ServiceContent) {
    const body = [
      content.requirements.map((r) => `${r.name} ${r.explanation}`).join(' '),
      content.procedure.map((p) => `${p.title} ${p.description}`).join(' '),
      content.product?.name ?? '',
      content.nameEn ?? '',
    ].join(' ');
    await indexDocument(trx, {
      kind: 'service',
      refId: serviceId,
      agencyId,
      title: content.name,
      keywords: content.keywords,
      summary: content.summary,
      body,
      url: `/layanan/${slug}`,
    });
  }

  async function readDraft(q: Executor, actor: Actor | null, slug: string, lock: boolean) {
    let query = q
      .selectFrom('services as s')
      .innerJoin('agencies as a', 'a.id', 's.agency_id')
      .select(['s.id', 's.slug', 's.status', 's.agency_id', 's.current_version', 's.draft_content', 's.draft_form', 's.updated_at', 'a.name as agency_name', 'a.slug as agency_slug'])
      .where('s.slug', '=', slug);
    if (lock) query = query.forUpdate('s');
    const row = await query.executeTakeFirst();
    if (!row) throw errors.notFound();
    authorize(actor, 'catalog.service.read', { agencyId: row.agency_id });
    return {
      id: row.id,
      slug: row.slug,
      status: row.status,
      agencyId: row.agency_id,
      agencyName: row.agency_name,
      agencySlug: row.agency_slug,
      currentVersion: row.current_version,
      updatedAt: row.updated_at,
      content: serviceContentSchema.parse(parseJson(row.draft_content)),
      form: formDefinitionSchema.parse(parseJson(row.draft_form)),
    };
  }

  /** Published services with their agency: the one base of the public lists (by sector or agency, most used). */
  function publishedServices() {
    return db.selectFrom('services as s').innerJoin('agencies as a', 'a.id', 's.agency_id').where('s.status', '=', 'published');
  }

  async function loadVersion(key: { slug: string } | { id: string }, version: number | undefined, anyStatus: boolean): Promise<PublishedService | null> {
    const row = await db
      .selectFrom('services as s')
      .innerJoin('agencies as a', 'a.id', 's.agency_id')
      .innerJoin('service_versions as v', (j) =>
        j.onRef('v.service_id', '=', 's.id').on('v.version', '=', version !== undefined ? sql<number>`${version}` : sql<number>`s.current_version`),
      )
      .select([
        's.id',
        's.slug',
        's.status',
        'v.version',
        'v.published_at',
        'v.content',
        'v.form',
        'a.id as agency_id',
        'a.slug as agency_slug',
        'a.name as agency_name',
        'a.short_name as agency_short_name',
        'a.phone as agency_phone',
        'a.email as agency_email',
        'a.address as agency_address',
      ])
      .$if('slug' in key, (q) => q.where('s.slug', '=', (key as { slug: string }).slug))
      .$if('id' in key, (q) => q.where('s.id', '=', (key as { id: string }).id))
      .executeTakeFirst();
    if (!row || (!anyStatus && row.status !== 'published')) return null;
    return {
      id: row.id,
      slug: row.slug,
      version: row.version,
      publishedAt: row.published_at,
      content: serviceContentSchema.parse(parseJson(row.content)),
      form: formDefinitionSchema.parse(parseJson(row.form)),
      agency: {
        id: row.agency_id,
        slug: row.agency_slug,
        name: row.agency_name,
        shortName: row.agency_short_name,
        phone: row.agency_phone,
        email: row.agency_email,
        address: row.agency_address,
      },
    };
  }

  return {
    /** Creates a draft service in an agency. */
    async createService(
      trx: Executor,
      who: Who,
      input: { agencyId: string; slug?: string; content: unknown; form?: unknown },
    ): Promise<{ id: string; slug: string }> {
      authorize(who.actor, 'catalog.service.write', { agencyId: input.agencyId });
      const content = parseOrThrow(serviceContentSchema, input.content);
      const form = parseOrThrow(formDefinitionSchema, input.form ?? { sections: [] });
      const slug = input.slug?.trim() || slugify(content.name);
      if (!slugPattern.test(slug) || slug.length > 80) throw errors.validation([{ field: 'slug', key: 'catalog.slug_format' }]);
      const agency = await trx.selectFrom('agencies').select(['id', 'active']).where('id', '=', input.agencyId).executeTakeFirst();
      if (!agency || !agency.active) throw errors.validation([{ field: 'agencyId', key: 'catalog.agency_unknown' }]);
      const taken = await trx.selectFrom('services').select('id').where('slug', '=', slug).executeTakeFirst();
      if (taken) throw errors.conflict('catalog.slug_taken', 'slug');
      const row = await trx
        .insertInto('services')
        .values({
          agency_id: input.agencyId,
          slug,
          draft_content: JSON.stringify(content),
          draft_form: JSON.stringify(form),
          created_by: who.actor?.userId ?? null,
          updated_by: who.actor?.userId ?? null,
        })
        .returning(['id', 'slug', 'agency_id', 'status'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, who, { action: 'service.create', entityType: 'service', entityId: row.id, agencyId: input.agencyId, after: { ...row, name: content.name } });
      return { id: row.id, slug: row.slug };
    },

    /** Replaces the working draft (content and/or form). Published versions are untouched. */
    async updateDraft(trx: Executor, who: Who, slug: string, input: { content?: unknown; form?: unknown }): Promise<void> {
      const row = await loadForChange(trx, slug);
      authorize(who.actor, 'catalog.service.write', { agencyId: row.agency_id });
      if (row.status === 'archived') throw new AppError('service_archived', 409, 'catalog.archived');
      const set: { draft_content?: string; draft_form?: string } = {};
      if (input.content !== undefined) set.draft_content = JSON.stringify(parseOrThrow(serviceContentSchema, input.content));
      if (input.form !== undefined) {
        const form = parseOrThrow(formDefinitionSchema, input.form);
        const content = input.content !== undefined ? parseOrThrow(serviceContentSchema, input.content) : parseOrThrow(serviceContentSchema, parseJson(row.draft_content));
        const problems = formProblems(form, content);
        if (problems.length) throw errors.validation(problems);
        set.draft_form = JSON.stringify(form);
      }
      await trx
        .updateTable('services')
        .set({ ...set, updated_by: who.actor?.userId ?? null, updated_at: new Date() })
        .where('id', '=', row.id)
        .execute();
      await recordAudit(trx, who, {
        action: 'service.update_draft',
        entityType: 'service',
        entityId: row.id,
        agencyId: row.agency_id,
        before: { content: parseJson(row.draft_content), form: parseJson(row.draft_form) },
        after: { content: set.draft_content ? JSON.parse(set.draft_content) : undefined, form: set.draft_form ? JSON.parse(set.draft_form) : undefined },
      });
    },

    /** What still blocks publication of the draft (component and form problems). */
    async publicationProblems(q: Executor, slug: string) {
      const row = await q.selectFrom('services').select(['draft_content', 'draft_form']).where('slug', '=', slug).executeTakeFirst();
      if (!row) throw errors.notFound();
      const content = serviceContentSchema.parse(parseJson(row.draft_content));
      const form = formDefinitionSchema.parse(parseJson(row.draft_form));
      return { missing: missingForPublication(content), formProblems: formProblems(form, content) };
    },

    /** Publishes the draft as a new version. Refused while a component is empty or the form cannot be rendered. */
    async publish(trx: Executor, who: Who, slug: string): Promise<{ version: number }> {
      const row = await loadForChange(trx, slug);
      authorize(who.actor, 'catalog.service.publish', { agencyId: row.agency_id });
      const content = serviceContentSchema.parse(parseJson(row.draft_content));
      const form = formDefinitionSchema.parse(parseJson(row.draft_form));
      const missing = missingForPublication(content);
      const problems = formProblems(form, content);
      if (missing.length || problems.length) {
        throw new AppError('service_incomplete', 422, 'catalog.incomplete', { count: missing.length + problems.length }, [
          ...missing.map((c) => ({ field: c, key: messageKeyOr(`catalog.missing.${c}`, 'catalog.incomplete') })),
          ...problems,
        ]);
      }
      const version = (row.current_version ?? 0) + 1;
      const now = new Date();
      await trx
        .insertInto('service_versions')
        .values({ service_id: row.id, version, content: JSON.stringify(content), form: JSON.stringify(form), published_by: who.actor?.userId ?? null })
        .execute();
      await trx
        .updateTable('services')
        .set({
          status: 'published',
          current_version: version,
          published_at: now,
          archived_at: null,
          updated_at: now,
          // What lists show, in columns of their own (no JSONB decoding per row on /layanan).
          list_name: content.name,
          list_summary: content.summary ?? '',
          list_sectors: JSON.stringify(content.sectors ?? []),
          list_channels: JSON.stringify(content.channels ?? []),
        })
        .where('id', '=', row.id)
        .execute();
      await indexService(trx, row.id, row.slug, row.agency_id, content);
      await recordAudit(trx, who, { action: 'service.publish', entityType: 'service', entityId: row.id, agencyId: row.agency_id, after: { version, name: content.name } });
      return { version };
    },

    /** Takes a service off the portal; its versions stay. */
    async archive(trx: Executor, who: Who, slug: string): Promise<void> {
      const row = await loadForChange(trx, slug);
      authorize(who.actor, 'catalog.service.publish', { agencyId: row.agency_id });
      await trx.updateTable('services').set({ status: 'archived', archived_at: new Date(), updated_at: new Date() }).where('id', '=', row.id).execute();
      await removeDocument(trx, 'service', row.id);
      await recordAudit(trx, who, { action: 'service.archive', entityType: 'service', entityId: row.id, agencyId: row.agency_id, before: { status: row.status } });
    },

    /** The current published version of a service, for the portal. Null when not public. */
    async getPublished(slug: string, version?: number): Promise<PublishedService | null> {
      return loadVersion({ slug }, version, false);
    },

    /**
     * A given published version of a service by id, whatever the service's state now (an
     * application is processed on the version it was filed on, even after archiving).
     */
    async getPublishedById(serviceId: string, version: number): Promise<PublishedService | null> {
      return loadVersion({ id: serviceId }, version, true);
    },

    /** Published services, optionally by sector or agency, alphabetically. */
    async listPublished(filter: { sector?: string; agencyId?: string; limit?: number; offset?: number } = {}): Promise<{ items: ServiceSummary[]; total: number }> {
      let q = publishedServices();
      if (filter.agencyId) q = q.where('s.agency_id', '=', filter.agencyId);
      if (filter.sector) q = q.where(sql<boolean>`s.list_sectors ? ${filter.sector}`);
      const rows = await q
        .select([...publishedSummaryColumns(), sql<number>`count(*) over ()`.as('total')])
        .orderBy('s.list_name')
        .limit(Math.min(filter.limit ?? 50, 200))
        .offset(filter.offset ?? 0)
        .execute();
      return { items: rows.map(toSummary), total: rows[0]?.total ?? 0 };
    },

    /** The most used published services (by applications; until then by page views). */
    async mostUsed(limit = 8): Promise<ServiceSummary[]> {
      const rows = await publishedServices()
        .select(publishedSummaryColumns())
        .orderBy('s.popularity', 'desc')
        .orderBy('s.list_name')
        .limit(limit)
        .execute();
      return rows.map(toSummary);
    },

    /** Counts a view of the service page (a cheap popularity signal). */
    async countView(serviceId: string): Promise<void> {
      await db.updateTable('services').set({ popularity: sql`popularity + 1` }).where('id', '=', serviceId).execute();
    },

    /**
     * Counts a view of a service page answered from the page cache: added up in memory and
     * written every few seconds in one statement per service, so a cached view costs no query.
     */
    countViewBySlug(slug: string): void {
      pendingViews.set(slug, (pendingViews.get(slug) ?? 0) + 1);
      viewFlush ??= setTimeout(() => void flushViews(), VIEW_FLUSH_MS).unref();
    },

    /** Writes the views counted in memory now (tests; shutdown). */
    flushViews: () => flushViews(),

    /** Services the actor may see in the back office (drafts included), newest first. */
    async listForStaff(actor: Actor | null, filter: { status?: string; agencyId?: string; limit?: number } = {}): Promise<ServiceSummary[]> {
      const scope = agenciesFor(actor, 'catalog.service.read');
      if (scope !== 'all' && scope.length === 0) throw errors.forbidden();
      let q = db.selectFrom('services as s').innerJoin('agencies as a', 'a.id', 's.agency_id');
      if (scope !== 'all') q = q.where('s.agency_id', 'in', scope);
      if (filter.agencyId) q = q.where('s.agency_id', '=', filter.agencyId);
      if (filter.status) q = q.where('s.status', '=', filter.status as 'draft');
      const rows = await q
        .select(summaryColumns(sql`s.draft_content`))
        .orderBy('s.updated_at', 'desc')
        .limit(Math.min(filter.limit ?? 100, 500))
        .execute();
      return rows.map(toSummary);
    },

    /** The draft for editing, after checking the actor may read it. */
    async getDraft(actor: Actor | null, slug: string) {
      return readDraft(db, actor, slug, false);
    },

    /**
     * The draft read inside the caller's transaction and locked until it ends, for a
     * read-modify-write through `updateDraft` (the back-office editing pages).
     */
    async getDraftForUpdate(trx: Executor, actor: Actor | null, slug: string) {
      return readDraft(trx, actor, slug, true);
    },

    /** Version history of a service. */
    async versions(slug: string) {
      return db
        .selectFrom('service_versions as v')
        .innerJoin('services as s', 's.id', 'v.service_id')
        .select(['v.version', 'v.published_at', 'v.published_by'])
        .where('s.slug', '=', slug)
        .orderBy('v.version', 'desc')
        .execute();
    },
  };
}

/** The columns of a ServiceSummary, from the published version (v.content) or the draft. */
function summaryColumns(src: RawBuilder<unknown>) {
  return [
    's.id',
    's.slug',
    's.status',
    's.agency_id',
    's.current_version',
    's.published_at',
    's.updated_at',
    'a.slug as agency_slug',
    'a.name as agency_name',
    sql<string>`${src}->>'name'`.as('name'),
    sql<string>`coalesce(${src}->>'summary', '')`.as('summary'),
    sql<string[]>`${src}->'sectors'`.as('sectors'),
    sql<string[]>`${src}->'channels'`.as('channels'),
  ] as const;
}

/** The summary of a published service from its list columns (written at publication). */
function publishedSummaryColumns() {
  return [
    's.id',
    's.slug',
    's.status',
    's.agency_id',
    's.current_version',
    's.published_at',
    's.updated_at',
    'a.slug as agency_slug',
    'a.name as agency_name',
    sql<string>`s.list_name`.as('name'),
    's.list_summary as summary',
    sql<string[]>`s.list_sectors`.as('sectors'),
    sql<string[]>`s.list_channels`.as('channels'),
  ] as const;
}

function toSummary(r: {
  id: string;
  slug: string;
  status: 'draft' | 'published' | 'archived';
  agency_id: string;
  current_version: number | null;
  published_at: Date | null;
  updated_at: Date;
  agency_slug: string;
  agency_name: string;
  name: string;
  summary: string;
  sectors: string[] | string;
  channels: string[] | string;
}): ServiceSummary {
  return {
    id: r.id,
    slug: r.slug,
    agencyId: r.agency_id,
    agencySlug: r.agency_slug,
    agencyName: r.agency_name,
    status: r.status,
    name: r.name,
    summary: r.summary,
    sectors: parseJson<string[]>(r.sectors) ?? [],
    channels: parseJson<string[]>(r.channels) ?? [],
    currentVersion: r.current_version,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
  };
}
