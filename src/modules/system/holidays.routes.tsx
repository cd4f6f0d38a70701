// The holiday calendar (STANDARDS §8): super admins keep it at /kelola/sistem/hari-libur
// (add, edit, delete a day; audited); staff may read it; GET /api/v1/holidays is public.
import { DataTable, StatusTag } from '../../platform/views/components/index.ts';
import { formatDate } from '../../platform/views/i18n.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { SystemDeps as Deps } from './system.deps.ts';
import { authorize, can, definePolicy } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { deleteHoliday, holidayKinds, listHolidays, upsertHoliday, type Holiday } from '../../platform/calendar/calendar.service.ts';
import type { HolidayKind } from '../../platform/calendar/holidays-data.ts';
import { isValidLocalDate } from '../../platform/calendar/working-time.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { formStateFrom, type FormState, type ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, FieldFrame, PostForm, SelectField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';

export const HOLIDAYS_PATH = '/kelola/sistem/hari-libur';
const YEARS = [2025, 2026, 2027];

definePolicy({
  /** Change the holiday calendar: region-wide super admins only. */
  'calendar.manage': { roles: ['super_admin'], scope: 'region' },
  /** See the holiday calendar in the back office (any staff role). */
  'calendar.read': { roles: ['super_admin', 'agency_admin', 'operator', 'verifier', 'signing_official', 'counter_officer'], scope: 'agency', readOnly: true },
});

defineMenuLink({ href: HOLIDAYS_PATH, labelKey: 'holidays.menu', action: 'calendar.manage', area: 'system', order: 92 });

const labelsFor = (ctx: ViewContext) => ({
  date: ctx.t('holidays.f.date'),
  name: ctx.t('holidays.f.name'),
  kind: ctx.t('holidays.f.kind'),
  provisional: ctx.t('holidays.f.provisional'),
});

function HolidayFields({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <>
      <TextField ctx={ctx} form={form} name="date" label={ctx.t('holidays.f.date')} hint={ctx.t('holidays.f.date.hint')} maxLength={10} />
      <TextField ctx={ctx} form={form} name="name" label={ctx.t('holidays.f.name')} maxLength={200} />
      <SelectField ctx={ctx} form={form} name="kind" label={ctx.t('holidays.f.kind')} options={holidayKinds.map((k) => ({ value: k, label: ctx.t(`holidays.kind.${k}`) }))} />
      <FieldFrame ctx={ctx} form={form} name="provisional" label={ctx.t('holidays.f.provisional')} required={false}>
        {({ id, describedBy }) => <input id={id} type="checkbox" name="provisional" value="1" checked={form.values.provisional === '1'} aria-describedby={describedBy} />}
      </FieldFrame>
    </>
  );
}

function Crumbs({ ctx }: { ctx: ViewContext }) {
  return (
    <nav aria-label={ctx.t('system.crumbs')}>
      <p>
        <a href="/kelola">{ctx.t('nav.backoffice')}</a> › <a href={HOLIDAYS_PATH}>{ctx.t('holidays.menu')}</a>
      </p>
    </nav>
  );
}

function ListPage({ ctx, year, items, canManage, form, notice }: { ctx: ViewContext; year: number; items: Holiday[]; canManage: boolean; form: FormState; notice?: string }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('holidays.title', { year })} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('holidays.title', { year })}</h1>
      <p class="lead">{t('holidays.lead')}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <nav aria-label={t('holidays.years')}>
        <ul class="chips">
          {YEARS.map((y) => (
            <li key={y}>{y === year ? <strong aria-current="page">{y}</strong> : <a href={`${HOLIDAYS_PATH}?tahun=${y}`}>{y}</a>}</li>
          ))}
        </ul>
      </nav>
      <h2 id="h-list">{t('holidays.list')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('holidays.list')}
        captionHidden
        rows={items}
        rowKey={(h) => h.id}
        empty={t('holidays.none')}
        columns={[
          { key: 'date', label: t('holidays.col.date'), nowrap: true, cell: (h) => <time dateTime={h.date}>{formatDate(ctx.locale, new Date(`${h.date}T00:00:00Z`), 'UTC')}</time> },
          {
            key: 'name',
            label: t('holidays.col.name'),
            primary: true,
            cell: (h) => (
              <>
                {h.name} {h.provisional && <StatusTag tone="warning">{t('holidays.provisional')}</StatusTag>}
              </>
            ),
          },
          { key: 'kind', label: t('holidays.col.kind'), cell: (h) => t(`holidays.kind.${h.kind}`) },
        ]}
        actionsLabel={t('holidays.col.action')}
        actions={
          canManage
            ? (h) => (
                <>
                  <a href={`${HOLIDAYS_PATH}/${h.id}`} aria-label={t('holidays.edit.label', { name: h.name })}>
                    {t('holidays.edit')}
                  </a>{' '}
                  <PostForm ctx={ctx} action={`${HOLIDAYS_PATH}/${h.id}/hapus`} class="inline">
                    <button type="submit" class="button secondary" aria-label={t('holidays.delete.label', { name: h.name })}>
                      {t('holidays.delete')}
                    </button>
                  </PostForm>
                </>
              )
            : undefined
        }
      />
      {canManage && (
        <section aria-labelledby="h-add">
          <h2 id="h-add">{t('holidays.add')}</h2>
          <ErrorSummary ctx={ctx} errors={form.errors} labels={labelsFor(ctx)} />
          <PostForm ctx={ctx} action={`${HOLIDAYS_PATH}?tahun=${year}`}>
            <HolidayFields ctx={ctx} form={form} />
            <button type="submit" class="button">
              {t('holidays.add.button')}
            </button>
          </PostForm>
        </section>
      )}
    </Layout>
  );
}

function EditPage({ ctx, holiday, form }: { ctx: ViewContext; holiday: Holiday; form: FormState }) {
  const title = ctx.t('holidays.edit.title', { date: holiday.date });
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labelsFor(ctx)} />
      <PostForm ctx={ctx} action={`${HOLIDAYS_PATH}/${holiday.id}`}>
        <HolidayFields ctx={ctx} form={form} />
        <button type="submit" class="button">
          {ctx.t('form.save')}
        </button>{' '}
        <a href={`${HOLIDAYS_PATH}?tahun=${holiday.date.slice(0, 4)}`}>{ctx.t('form.cancel')}</a>
      </PostForm>
    </Layout>
  );
}

function values(body: unknown): { date: string; name: string; kind: string; provisional: boolean } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).slice(0, 1000) : '');
  return { date: s('date').trim(), name: s('name'), kind: s('kind'), provisional: s('provisional') === '1' };
}

function yearOf(v: unknown, fallback: number): number {
  return typeof v === 'string' && /^\d{4}$/.test(v) ? Math.min(Math.max(Number(v), 1900), 9999) : fallback;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerHolidayRoutes(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;
  const tx = <T,>(fn: (trx: Executor) => Promise<T>) => db.transaction().execute(fn);
  const who = (request: FastifyRequest) => ({ actor: request.actor, meta: request.meta });
  const page = async (request: FastifyRequest, reply: FastifyReply, render: (ctx: ViewContext) => VNode, status = 200) =>
    reply.page(render(await app.viewContext(request, reply)), status);
  const thisYear = () => new Date().getUTCFullYear();

  async function findHoliday(q: Executor, id: string): Promise<Holiday> {
    if (!UUID_RE.test(id)) throw errors.notFound();
    const row = await q.selectFrom('holidays').select('date').where('id', '=', id).executeTakeFirst();
    if (!row) throw errors.notFound();
    const all = await listHolidays(q, Number(row.date.slice(0, 4)));
    const h = all.find((x) => x.id === id);
    if (!h) throw errors.notFound();
    return h;
  }

  const refusal = (e: unknown): { status: number; fields: FieldError[] } | null =>
    e instanceof AppError && [400, 409, 422].includes(e.status) ? { status: e.status, fields: e.fields?.length ? e.fields : [{ field: 'date', key: e.messageKey }] } : null;

  const asForm = (v: ReturnType<typeof values>, fields: FieldError[]): FormState => ({
    ...formStateFrom({ date: v.date, name: v.name, kind: v.kind }, fields),
    values: { date: v.date, name: v.name, kind: v.kind, provisional: v.provisional ? '1' : '' },
  });

  app.get<{ Querystring: Record<string, unknown> }>(HOLIDAYS_PATH, async (request, reply) => {
    authorize(request.actor, 'calendar.read');
    const year = yearOf(request.query.tahun, thisYear());
    const items = await listHolidays(db, year);
    const notice = request.query.pesan === 'disimpan' ? 'holidays.notice.saved' : request.query.pesan === 'dihapus' ? 'holidays.notice.deleted' : undefined;
    const canManage = can(request.actor, 'calendar.manage');
    return page(request, reply, (ctx) => <ListPage ctx={ctx} year={year} items={items} canManage={canManage} form={{ values: {}, errors: [] }} notice={notice ? ctx.t(notice) : undefined} />);
  });

  app.post<{ Querystring: Record<string, unknown> }>(HOLIDAYS_PATH, async (request, reply) => {
    authorize(request.actor, 'calendar.manage');
    const v = values(request.body);
    try {
      const saved = await tx(async (trx) => {
        const before = isValidLocalDate(v.date) ? await trx.selectFrom('holidays').selectAll().where('date', '=', v.date).executeTakeFirst() : undefined;
        const h = await upsertHoliday(trx, { date: v.date, name: v.name, kind: v.kind as HolidayKind, provisional: v.provisional }, request.actor!.userId);
        await recordAudit(trx, who(request), { action: before ? 'holiday.update' : 'holiday.create', entityType: 'holiday', entityId: h.id, before: before ?? null, after: { ...h } });
        return h;
      });
      return reply.redirect(`${HOLIDAYS_PATH}?tahun=${saved.date.slice(0, 4)}&pesan=disimpan`, 303);
    } catch (e) {
      const r = refusal(e);
      if (!r) throw e;
      const year = yearOf(request.query.tahun, thisYear());
      const items = await listHolidays(db, year);
      return page(request, reply, (ctx) => <ListPage ctx={ctx} year={year} items={items} canManage form={asForm(v, r.fields)} />, r.status);
    }
  });

  app.get<{ Params: { id: string } }>(`${HOLIDAYS_PATH}/:id`, async (request, reply) => {
    authorize(request.actor, 'calendar.manage');
    const h = await findHoliday(db, request.params.id);
    return page(request, reply, (ctx) => <EditPage ctx={ctx} holiday={h} form={{ values: { date: h.date, name: h.name, kind: h.kind, provisional: h.provisional ? '1' : '' }, errors: [] }} />);
  });

  app.post<{ Params: { id: string } }>(`${HOLIDAYS_PATH}/:id`, async (request, reply) => {
    authorize(request.actor, 'calendar.manage');
    const v = values(request.body);
    const current = await findHoliday(db, request.params.id);
    try {
      const saved = await tx(async (trx) => {
        const h = await upsertHoliday(trx, { id: current.id, date: v.date, name: v.name, kind: v.kind as HolidayKind, provisional: v.provisional });
        await recordAudit(trx, who(request), { action: 'holiday.update', entityType: 'holiday', entityId: h.id, before: { ...current }, after: { ...h } });
        return h;
      });
      return reply.redirect(`${HOLIDAYS_PATH}?tahun=${saved.date.slice(0, 4)}&pesan=disimpan`, 303);
    } catch (e) {
      const r = refusal(e);
      if (!r) throw e;
      return page(request, reply, (ctx) => <EditPage ctx={ctx} holiday={current} form={asForm(v, r.fields)} />, r.status);
    }
  });

  app.post<{ Params: { id: string } }>(`${HOLIDAYS_PATH}/:id/hapus`, async (request, reply) => {
    authorize(request.actor, 'calendar.manage');
    const current = await findHoliday(db, request.params.id);
    await tx(async (trx) => {
      if (!(await deleteHoliday(trx, { id: current.id }))) throw errors.notFound();
      await recordAudit(trx, who(request), { action: 'holiday.delete', entityType: 'holiday', entityId: current.id, before: { ...current } });
    });
    return reply.redirect(`${HOLIDAYS_PATH}?tahun=${current.date.slice(0, 4)}&pesan=dihapus`, 303);
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/holidays',
    operationId: 'listHolidays',
    summary: 'Holidays of a year that are not working days (national, cuti bersama, regional)',
    tag: 'workflow',
    auth: 'public',
    query: z.object({ year: z.coerce.number().int().min(1900).max(9999) }),
    response: z.object({
      year: z.number().int(),
      items: z.array(
        z.object({
          date: z.string().meta({ format: 'date' }),
          kind: z.enum(['libur_nasional', 'cuti_bersama', 'libur_daerah']),
          name: z.string(),
          provisional: z.boolean().meta({ description: 'Not yet confirmed by the SKB' }),
        }),
      ),
    }),
    handler: async ({ query }) => ({
      year: query.year,
      items: (await listHolidays(db, query.year)).map((h) => ({ date: h.date, kind: h.kind, name: h.name, provisional: h.provisional })),
    }),
  });
}
