// Back office of the service catalogue (P-1, P-2, P-5): agency admins and operators describe
// each service with the 14 components of the Standar Pelayanan, build its application form
// without code, preview it and publish versions. Pages under /kelola/layanan, server-rendered,
// working without JavaScript: one group per page, plain HTML forms, a small POST for each
// list operation. Handlers are thin: read the post → call the catalogue service inside a
// transaction (it authorises and validates) → redirect (303), or show the form again with
// an error summary and everything typed.
import { messageKeyOr, type MessageKey } from '../../platform/views/i18n.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { CatalogDeps as Deps } from './catalog.deps.ts';
import type { Executor } from '../../platform/db/database.ts';
import { agenciesFor, authorize, can } from '../../platform/auth/policy.ts';
import { AppError, errors as appErrors, type FieldError } from '../../platform/http/errors.ts';
import { validate } from '../../platform/http/validation.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { fileTypes, formDefinitionSchema, formFieldSchema, formSectionSchema, sectors, type FormDefinition, type FormField } from './catalog.schemas.ts';
import { slugify } from './catalog.service.ts';
import { deriveKey, fieldFromValues, fieldToValues, formValuesOf, list, localFieldError, mergeErrors, move, parseWhole, raw, replaceAt, str, without, type FormValues } from './form-builder.ts';
import { BuilderPage, FieldPage, JsonPage, PreviewPage, SectionPage } from './catalog.backoffice.form.tsx';
import { ItemPage, ItemsPage, type ListSpec, legalSpec, procedureSpec, requirementsSpec } from './catalog.backoffice.lists.tsx';
import { parseSort } from '../../platform/views/components/index.ts';
import { catalogDefaultSort, catalogSortKeys, FeePage, GeneralPage, ListPage, MAX_TARIFF_LINES, NewPage, OrganisationPage, Overview, type OverviewData, feeContent, feeErrorField, feeValues, generalContent, generalValues, organisationValues } from './catalog.backoffice.pages.tsx';
import { type Draft, ROOT, base, collapse, fieldInput, indexParam, organisationFields, problemsOf, reservedSlugs, rev } from './catalog.backoffice.shared.tsx';

// ---- Routes ---------------------------------------------------------------------------------

type SlugReq = FastifyRequest<{ Params: { slug: string } }>;
type ItemReq = FastifyRequest<{ Params: { slug: string; i: string } }>;
type FieldReq = FastifyRequest<{ Params: { slug: string; si: string; fi: string } }>;

export function registerCatalogBackoffice(app: FastifyInstance, deps: Deps): void {
  const catalog = deps.catalog;
  const tx = <T,>(fn: (trx: Executor) => Promise<T>) => deps.database.db.transaction().execute(fn);
  const who = (request: FastifyRequest) => ({ actor: request.actor, meta: request.meta });

  function signedIn(request: FastifyRequest) {
    if (!request.actor) throw appErrors.unauthenticated();
    return request.actor;
  }

  /** The draft for an editing page: readable, and writable by this person. */
  async function draftForEditing(request: FastifyRequest, slug: string): Promise<Draft> {
    const actor = signedIn(request);
    const d = await catalog.getDraft(actor, slug);
    authorize(actor, 'catalog.service.write', { agencyId: d.agencyId });
    return d;
  }

  /**
   * Read the draft inside a transaction, check the page was not opened on an older draft,
   * change it and write it back through the service (which validates everything).
   */
  async function change(
    request: FastifyRequest,
    slug: string,
    values: FormValues,
    fn: (d: Draft) => { content?: unknown; form?: unknown },
  ): Promise<void> {
    const actor = signedIn(request);
    await tx(async (trx) => {
      const d = await catalog.getDraftForUpdate(trx, actor, slug);
      authorize(actor, 'catalog.service.write', { agencyId: d.agencyId });
      const seen = str(values, 'rev');
      if (seen && seen !== rev(d)) throw new AppError('draft_changed', 409, 'catalog.bo.stale');
      const next = fn(d);
      await catalog.updateDraft(trx, who(request), slug, next);
    });
  }

  async function overviewData(request: FastifyRequest, slug: string): Promise<OverviewData> {
    const actor = signedIn(request);
    const d = await catalog.getDraft(actor, slug);
    const [problems, versions] = await Promise.all([catalog.publicationProblems(deps.database.db, slug), catalog.versions(slug)]);
    return {
      d,
      missing: problems.missing,
      formProblems: problems.formProblems,
      versions,
      canWrite: can(actor, 'catalog.service.write', { agencyId: d.agencyId }) && d.status !== 'archived',
      canPublish: can(actor, 'catalog.service.publish', { agencyId: d.agencyId }),
    };
  }

  async function writableAgencies(request: FastifyRequest) {
    const scope = agenciesFor(request.actor, 'catalog.service.write');
    const names = await deps.agencies.namesById();
    const all = [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'id'));
    return scope === 'all' ? all : all.filter((a) => scope.includes(a.id));
  }

  const page = async (request: FastifyRequest, reply: FastifyReply, render: (ctx: ViewContext) => VNode, status = 200) => {
    const ctx = await app.viewContext(request, reply);
    return reply.page(render(ctx), status);
  };

  // -- list and create
  app.get<{ Querystring: Record<string, unknown> }>(ROOT, async (request, reply) => {
    const actor = signedIn(request);
    const status = typeof request.query.status === 'string' && ['draft', 'published', 'archived'].includes(request.query.status) ? request.query.status : undefined;
    const wanted = typeof request.query.instansi === 'string' ? request.query.instansi : '';
    const readScope = agenciesFor(actor, 'catalog.service.read');
    const names = await deps.agencies.namesById();
    const agencies = [...names]
      .filter(([id]) => readScope === 'all' || readScope.includes(id))
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'id'));
    const agencyId = agencies.some((a) => a.id === wanted) ? wanted : undefined;
    const items = await catalog.listForStaff(actor, { status, agencyId });
    const canCreate = (await writableAgencies(request)).length > 0;
    const sort = parseSort(request.query, catalogSortKeys, catalogDefaultSort);
    return page(request, reply, (ctx) => <ListPage ctx={ctx} items={items} agencies={agencies} status={status} agencyId={agencyId} canCreate={canCreate} sort={sort} />);
  });

  app.get(`${ROOT}/baru`, async (request, reply) => {
    signedIn(request);
    const agencies = await writableAgencies(request);
    if (!agencies.length) throw appErrors.forbidden();
    const values: FormValues = agencies.length === 1 ? { agencyId: agencies[0]!.id } : {};
    return page(request, reply, (ctx) => <NewPage ctx={ctx} agencies={agencies} values={values} errors={[]} />);
  });

  app.post(`${ROOT}/baru`, async (request, reply) => {
    signedIn(request);
    const values = formValuesOf(request.body);
    const agencies = await writableAgencies(request);
    if (!agencies.length) throw appErrors.forbidden();
    const agencyId = str(values, 'agencyId');
    const name = str(values, 'name');
    const slug = str(values, 'slug').toLowerCase() || slugify(name);
    const local: FieldError[] = [];
    if (!agencies.some((a) => a.id === agencyId)) local.push({ field: 'agencyId', key: agencyId ? 'validation.choice' : 'validation.required' });
    if (reservedSlugs.has(slug)) local.push({ field: 'slug', key: 'catalog.bo.slug_reserved' });
    try {
      if (local.length) throw appErrors.validation(local);
      const created = await tx((trx) => catalog.createService(trx, who(request), { agencyId, slug, content: { name, summary: str(values, 'summary') } }));
      return reply.redirect(`${base(created.slug)}?pesan=dibuat`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      return page(request, reply, (ctx) => <NewPage ctx={ctx} agencies={agencies} values={values} errors={mergeErrors(local, p.errors)} />, p.status);
    }
  });

  // -- overview, publish, archive
  const notices: Record<string, MessageKey> = { dibuat: 'catalog.bo.notice.created', disimpan: 'catalog.bo.notice.saved', terbit: 'catalog.bo.notice.published', arsip: 'catalog.bo.notice.archived' };
  app.get<{ Params: { slug: string }; Querystring: Record<string, unknown> }>(`${ROOT}/:slug`, async (request, reply) => {
    const data = await overviewData(request, request.params.slug);
    const q = request.query;
    const key = typeof q.pesan === 'string' ? notices[q.pesan] : undefined;
    const version = typeof q.versi === 'string' && /^\d{1,6}$/.test(q.versi) ? q.versi : '';
    return page(request, reply, (ctx) => <Overview ctx={ctx} data={data} notice={key ? ctx.t(key, { version }) : undefined} />);
  });

  app.post(`${ROOT}/:slug/terbitkan`, async (request: SlugReq, reply) => {
    signedIn(request);
    const slug = request.params.slug;
    const seen = str(formValuesOf(request.body), 'rev');
    try {
      const { version } = await tx(async (trx) => {
        // Publish what the person reviewed: not a draft someone changed since.
        if (seen) {
          const d = await catalog.getDraftForUpdate(trx, request.actor, slug);
          if (seen !== rev(d)) throw new AppError('draft_changed', 409, 'catalog.bo.stale_publish');
        }
        return catalog.publish(trx, who(request), slug);
      });
      return reply.redirect(`${base(slug)}?pesan=terbit&versi=${version}`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const data = await overviewData(request, slug);
      return page(request, reply, (ctx) => <Overview ctx={ctx} data={data} refused={p.errors} />, p.status);
    }
  });

  app.post(`${ROOT}/:slug/arsipkan`, async (request: SlugReq, reply) => {
    signedIn(request);
    const slug = request.params.slug;
    await tx((trx) => catalog.archive(trx, who(request), slug));
    return reply.redirect(`${base(slug)}?pesan=arsip`, 303);
  });

  // -- (a) general
  app.get(`${ROOT}/:slug/umum`, async (request: SlugReq, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    return page(request, reply, (ctx) => <GeneralPage ctx={ctx} d={d} values={generalValues(d.content)} errors={[]} />);
  });
  app.post(`${ROOT}/:slug/umum`, async (request: SlugReq, reply) => {
    const slug = request.params.slug;
    const values = formValuesOf(request.body);
    try {
      await change(request, slug, values, (d) => ({ content: generalContent(d.content, values) }));
      return reply.redirect(`${base(slug)}?pesan=disimpan`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const d = await draftForEditing(request, slug);
      const errs = p.errors.map((x) => collapse(x, ['sectors', 'keywords', 'channels']));
      return page(request, reply, (ctx) => <GeneralPage ctx={ctx} d={d} values={values} errors={errs} />, p.status);
    }
  });

  // -- (d) time, fee, product
  app.get(`${ROOT}/:slug/waktu-biaya`, async (request: SlugReq, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    return page(request, reply, (ctx) => <FeePage ctx={ctx} d={d} values={feeValues(d)} errors={[]} />);
  });
  app.post(`${ROOT}/:slug/waktu-biaya`, async (request: SlugReq, reply) => {
    const slug = request.params.slug;
    const values = formValuesOf(request.body);
    let lineRows: number[] = [];
    try {
      await change(request, slug, values, (d) => {
        const r = feeContent(d.content, values);
        lineRows = r.lineRows;
        if (r.errors.length) throw appErrors.validation(r.errors);
        return { content: r.content };
      });
      return reply.redirect(`${base(slug)}?pesan=disimpan`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const d = await draftForEditing(request, slug);
      // Show the rows as posted, minus the removed ones, plus one blank row.
      const rows = Math.min(Number(str(values, 'lines.count')) || 1, MAX_TARIFF_LINES);
      const blankRow = Math.max(rows - 1, 0);
      const errs = p.errors.map((x) => ({ ...x, field: feeErrorField(x.field, lineRows, blankRow) }));
      return page(request, reply, (ctx) => <FeePage ctx={ctx} d={d} values={values} errors={errs} />, p.status);
    }
  });

  // -- (f) organisation
  app.get(`${ROOT}/:slug/pengelolaan`, async (request: SlugReq, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    return page(request, reply, (ctx) => <OrganisationPage ctx={ctx} d={d} values={organisationValues(d.content)} errors={[]} />);
  });
  app.post(`${ROOT}/:slug/pengelolaan`, async (request: SlugReq, reply) => {
    const slug = request.params.slug;
    const values = formValuesOf(request.body);
    try {
      await change(request, slug, values, (d) => {
        const count = parseWhole(str(values, 'staffCount'), 0, 100_000);
        if (!count.ok) throw appErrors.validation([{ field: 'staffCount', key: count.key, params: count.params }]);
        const next: Record<string, unknown> = { ...d.content, staffCount: count.value };
        for (const n of organisationFields) next[n] = str(values, n);
        return { content: next };
      });
      return reply.redirect(`${base(slug)}?pesan=disimpan`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const d = await draftForEditing(request, slug);
      return page(request, reply, (ctx) => <OrganisationPage ctx={ctx} d={d} values={values} errors={p.errors} />, p.status);
    }
  });

  // -- (b), (c), (e): lists
  for (const spec of [requirementsSpec, procedureSpec, legalSpec] as ListSpec<unknown>[]) registerList(spec);

  function registerList<T>(spec: ListSpec<T>) {
    const seg = spec.segment;
    app.get(`${ROOT}/:slug/${seg}`, async (request: SlugReq, reply) => {
      const d = await draftForEditing(request, request.params.slug);
      return page(request, reply, (ctx) => <ItemsPage ctx={ctx} d={d} spec={spec} />);
    });
    app.get(`${ROOT}/:slug/${seg}/baru`, async (request: SlugReq, reply) => {
      const d = await draftForEditing(request, request.params.slug);
      return page(request, reply, (ctx) => <ItemPage ctx={ctx} d={d} spec={spec} index={null} values={spec.empty()} errors={[]} />);
    });
    app.get(`${ROOT}/:slug/${seg}/:i`, async (request: ItemReq, reply) => {
      const d = await draftForEditing(request, request.params.slug);
      const i = indexParam(request.params.i);
      const item = spec.items(d.content)[i];
      if (item === undefined) throw appErrors.notFound();
      return page(request, reply, (ctx) => <ItemPage ctx={ctx} d={d} spec={spec} index={i} values={spec.toValues(item)} errors={[]} />);
    });

    const save = async (request: ItemReq | SlugReq, reply: FastifyReply, index: number | null) => {
      const slug = request.params.slug;
      const values = formValuesOf(request.body);
      try {
        await change(request, slug, values, (d) => {
          const items = spec.items(d.content);
          if (index !== null && index >= items.length) throw appErrors.notFound();
          const others = items.filter((_, k) => k !== index);
          const { item, errors: local } = spec.fromValues(values, others);
          const v = validate(spec.schema, item);
          const errs = mergeErrors(local, v.ok ? [] : v.fields.map((x) => collapse(x, ['fileTypes'])));
          if (errs.length || !v.ok) throw appErrors.validation(errs);
          const after = v.data as T;
          const extra = spec.onSave?.(d, index === null ? null : items[index]!, after) ?? {};
          if (Array.isArray(extra)) throw appErrors.validation(extra);
          const next = index === null ? [...items, after] : replaceAt(items, index, after);
          return { content: spec.set(d.content, next), ...(extra.form ? { form: extra.form } : {}) };
        });
        return reply.redirect(`${base(slug)}/${seg}`, 303);
      } catch (e) {
        const p = problemsOf(e);
        if (!p) throw e;
        const d = await draftForEditing(request, slug);
        if (index !== null && spec.items(d.content)[index] === undefined) throw appErrors.notFound();
        return page(request, reply, (ctx) => <ItemPage ctx={ctx} d={d} spec={spec} index={index} values={values} errors={p.errors} />, p.status);
      }
    };
    app.post(`${ROOT}/:slug/${seg}/baru`, (request: SlugReq, reply) => save(request, reply, null));
    app.post(`${ROOT}/:slug/${seg}/:i`, (request: ItemReq, reply) => save(request, reply, indexParam(request.params.i)));

    const listAction = (op: 'naik' | 'turun' | 'hapus') =>
      app.post(`${ROOT}/:slug/${seg}/:i/${op}`, async (request: ItemReq, reply) => {
        const slug = request.params.slug;
        const i = indexParam(request.params.i);
        const values = formValuesOf(request.body);
        try {
          await change(request, slug, values, (d) => {
            const items = spec.items(d.content);
            if (i >= items.length) throw appErrors.notFound();
            if (op === 'hapus') {
              const refused = spec.onRemove?.(d, items[i]!) ?? [];
              if (refused.length) throw appErrors.validation(refused);
              return { content: spec.set(d.content, without(items, i)) };
            }
            return { content: spec.set(d.content, move(items, i, op === 'naik' ? -1 : 1)) };
          });
          return reply.redirect(`${base(slug)}/${seg}`, 303);
        } catch (e) {
          const p = problemsOf(e);
          if (!p) throw e;
          const d = await draftForEditing(request, slug);
          return page(request, reply, (ctx) => <ItemsPage ctx={ctx} d={d} spec={spec} problems={p.errors} />, p.status);
        }
      });
    listAction('naik');
    listAction('turun');
    listAction('hapus');
  }

  // -- form builder
  const FORM = `${ROOT}/:slug/formulir`;

  app.get(FORM, async (request: SlugReq, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    return page(request, reply, (ctx) => <BuilderPage ctx={ctx} d={d} />);
  });

  /** Runs a change of the form; refusals are shown on the builder page. */
  async function formAction(request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply, fn: (form: FormDefinition, d: Draft) => FormDefinition) {
    const slug = request.params.slug;
    const values = formValuesOf(request.body);
    try {
      await change(request, slug, values, (d) => ({ form: fn(d.form, d) }));
      return reply.redirect(`${base(slug)}/formulir`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const d = await draftForEditing(request, slug);
      return page(request, reply, (ctx) => <BuilderPage ctx={ctx} d={d} problems={p.errors} />, p.status);
    }
  }

  function sectionAt(form: FormDefinition, si: number) {
    const s = form.sections[si];
    if (!s) throw appErrors.notFound();
    return s;
  }

  for (const op of ['naik', 'turun', 'hapus'] as const) {
    app.post(`${FORM}/bagian/:si/${op}`, (request: FastifyRequest<{ Params: { slug: string; si: string } }>, reply) => {
      const si = indexParam(request.params.si);
      return formAction(request, reply, (form) => {
        sectionAt(form, si);
        if (op === 'hapus') return { sections: without(form.sections, si) };
        return { sections: move(form.sections, si, op === 'naik' ? -1 : 1) };
      });
    });
    app.post(`${FORM}/bagian/:si/isian/:fi/${op}`, (request: FieldReq, reply) => {
      const si = indexParam(request.params.si);
      const fi = indexParam(request.params.fi);
      return formAction(request, reply, (form) => {
        const s = sectionAt(form, si);
        if (!s.fields[fi]) throw appErrors.notFound();
        if (op === 'hapus') {
          if (s.fields.length === 1) throw appErrors.validation([{ field: 'form', key: 'catalog.bo.form.last_field', params: { title: s.title } }]);
          return { sections: replaceAt(form.sections, si, { ...s, fields: without(s.fields, fi) }) };
        }
        return { sections: replaceAt(form.sections, si, { ...s, fields: move(s.fields, fi, op === 'naik' ? -1 : 1) }) };
      });
    });
  }

  // Sections: add (with its first field) and rename.
  app.get(`${FORM}/bagian/baru`, async (request: SlugReq, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    return page(request, reply, (ctx) => <SectionPage ctx={ctx} d={d} si={null} values={{ type: 'text' }} errors={[]} />);
  });
  app.get(`${FORM}/bagian/:si`, async (request: FastifyRequest<{ Params: { slug: string; si: string } }>, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    const si = indexParam(request.params.si);
    const s = sectionAt(d.form, si);
    return page(request, reply, (ctx) => <SectionPage ctx={ctx} d={d} si={si} values={{ 'section.title': s.title, 'section.titleEn': s.titleEn ?? '', 'section.key': s.key }} errors={[]} />);
  });

  const saveSection = async (request: FastifyRequest<{ Params: { slug: string; si?: string } }>, reply: FastifyReply, si: number | null) => {
    const slug = request.params.slug;
    const values = formValuesOf(request.body);
    try {
      await change(request, slug, values, (d) => {
        const form = d.form;
        const title = str(values, 'section.title');
        const sectionKeys = form.sections.map((s) => s.key).filter((_, k) => k !== si);
        const key = str(values, 'section.key') || (title ? deriveKey(title, sectionKeys, 'bagian') : '');
        const titleEn = str(values, 'section.titleEn') || undefined;
        if (si !== null) {
          const s = sectionAt(form, si);
          const v = validate(formSectionSchema, { ...s, key, title, titleEn });
          if (!v.ok) throw appErrors.validation(v.fields.map((x) => ({ ...x, field: `section.${x.field}` })));
          return { form: { sections: replaceAt(form.sections, si, v.data) } };
        }
        const at = form.sections.length;
        const f = fieldFromValues(values, { form, si: at, fi: 0 });
        const v = validate(formSectionSchema, { key, title, titleEn, fields: [f.field] });
        const errs = mergeErrors(
          f.errors,
          v.ok ? [] : v.fields.map((x) => (x.field.startsWith('fields.0.') ? { ...x, field: fieldInput(x.field.slice('fields.0.'.length)) } : { ...x, field: `section.${x.field}` })),
        );
        if (errs.length || !v.ok) throw appErrors.validation(errs);
        return { form: { sections: [...form.sections, v.data] } };
      });
      return reply.redirect(`${base(slug)}/formulir`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const d = await draftForEditing(request, slug);
      const at = si ?? d.form.sections.length;
      const errs = p.errors.map((x) => {
        if (x.field === `sections.${at}.key`) return { ...x, field: 'section.key' };
        return localFieldError(x, at, 0) ?? x;
      });
      return page(request, reply, (ctx) => <SectionPage ctx={ctx} d={d} si={si} values={values} errors={errs} />, p.status);
    }
  };
  app.post(`${FORM}/bagian/baru`, (request: SlugReq, reply) => saveSection(request, reply, null));
  app.post(`${FORM}/bagian/:si`, (request: FastifyRequest<{ Params: { slug: string; si: string } }>, reply) => saveSection(request, reply, indexParam(request.params.si)));

  // Fields: add and edit.
  app.get(`${FORM}/bagian/:si/isian/baru`, async (request: FastifyRequest<{ Params: { slug: string; si: string } }>, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    const si = indexParam(request.params.si);
    const s = sectionAt(d.form, si);
    return page(request, reply, (ctx) => <FieldPage ctx={ctx} d={d} si={si} fi={s.fields.length} isNew values={{ type: 'text' }} errors={[]} />);
  });
  app.get(`${FORM}/bagian/:si/isian/:fi`, async (request: FieldReq, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    const si = indexParam(request.params.si);
    const fi = indexParam(request.params.fi);
    const f = sectionAt(d.form, si).fields[fi];
    if (!f) throw appErrors.notFound();
    return page(request, reply, (ctx) => <FieldPage ctx={ctx} d={d} si={si} fi={fi} isNew={false} values={fieldToValues(f)} errors={[]} />);
  });

  const saveField = async (request: FastifyRequest<{ Params: { slug: string; si: string; fi?: string } }>, reply: FastifyReply, isNew: boolean) => {
    const slug = request.params.slug;
    const si = indexParam(request.params.si);
    const values = formValuesOf(request.body);
    let fi = isNew ? -1 : indexParam(request.params.fi ?? '');
    try {
      await change(request, slug, values, (d) => {
        const s = sectionAt(d.form, si);
        if (isNew) fi = s.fields.length;
        else if (!s.fields[fi]) throw appErrors.notFound();
        const f = fieldFromValues(values, { form: d.form, si, fi, currentKey: isNew ? undefined : s.fields[fi]!.key });
        const v = validate(formFieldSchema, f.field);
        const errs = mergeErrors(f.errors, v.ok ? [] : v.fields.map((x) => ({ ...x, field: fieldInput(x.field) })));
        if (errs.length || !v.ok) throw appErrors.validation(errs);
        const fields: FormField[] = isNew ? [...s.fields, v.data] : replaceAt(s.fields, fi, v.data);
        return { form: { sections: replaceAt(d.form.sections, si, { ...s, fields }) } };
      });
      return reply.redirect(`${base(slug)}/formulir`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const d = await draftForEditing(request, slug);
      const s = sectionAt(d.form, si);
      if (isNew) fi = s.fields.length;
      else if (!s.fields[fi]) throw appErrors.notFound();
      const errs = p.errors.map((x) => localFieldError(x, si, fi) ?? x);
      return page(request, reply, (ctx) => <FieldPage ctx={ctx} d={d} si={si} fi={fi} isNew={isNew} values={values} errors={errs} />, p.status);
    }
  };
  app.post(`${FORM}/bagian/:si/isian/baru`, (request: FastifyRequest<{ Params: { slug: string; si: string } }>, reply) => saveField(request, reply, true));
  app.post(`${FORM}/bagian/:si/isian/:fi`, (request: FieldReq, reply) => saveField(request, reply, false));

  // JSON import / export.
  app.get(`${FORM}/json`, async (request: SlugReq, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    return page(request, reply, (ctx) => <JsonPage ctx={ctx} d={d} text={JSON.stringify(d.form, null, 2)} problems={[]} />);
  });
  app.post(`${FORM}/json`, async (request: SlugReq, reply) => {
    const slug = request.params.slug;
    const values = formValuesOf(request.body);
    const text = raw(values, 'json');
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        const at = /position (\d+)/.exec(String((err as Error).message));
        const pos = at ? Number(at[1]) : -1;
        const before = pos >= 0 ? text.slice(0, pos).split('\n') : [];
        throw appErrors.validation([
          pos >= 0 ? { field: 'json', key: 'catalog.bo.json.syntax_at', params: { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 } } : { field: 'json', key: 'catalog.bo.json.syntax' },
        ]);
      }
      const v = validate(formDefinitionSchema, parsed);
      if (!v.ok) throw appErrors.validation(v.fields);
      await change(request, slug, values, () => ({ form: v.data }));
      return reply.redirect(`${base(slug)}/formulir`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const d = await draftForEditing(request, slug);
      return page(
        request,
        reply,
        (ctx) => (
          <JsonPage
            ctx={ctx}
            d={d}
            text={text}
            problems={p.errors.map((x) => ({ anchor: 'f-json', text: x.field && x.field !== 'json' && x.field !== 'form' ? `${x.field}: ${ctx.t(x.key, x.params)}` : ctx.t(x.key, x.params) }))}
          />
        ),
        p.status,
      );
    }
  });

  // Preview: readable by everyone who may read the service.
  app.get(`${ROOT}/:slug/pratinjau`, async (request: SlugReq, reply) => {
    const actor = signedIn(request);
    const d = await catalog.getDraft(actor, request.params.slug);
    const problems = await catalog.publicationProblems(deps.database.db, d.slug);
    return page(request, reply, (ctx) => <PreviewPage ctx={ctx} d={d} problems={problems.formProblems} />);
  });
}
