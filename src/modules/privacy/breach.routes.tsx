// The breach register's pages (/kelola/pdp/insiden): record an incident, see the 3 × 24 hour
// clock, read the notices prepared for the persons affected and for the authority, send them.
import { nikMatch } from '../identity/index.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../platform/auth/policy.ts';
import { instantOfLocal, type RegionTimeZone } from '../../platform/calendar/working-time.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { RegionInfo } from '../../platform/http/context.ts';
import { DataTable, StatusTag, SummaryList } from '../../platform/views/components/index.ts';
import { formStateFrom, type FormState, type ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { breachDeadline, breachNotice, type BreachDeadline, type BreachIncident, type Breaches } from './breach.service.ts';
import { DPO_PATH, DpoNav, extraDpoLinks } from './privacy.routes.tsx';
import { userIdsByNik } from '../identity/index.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

export const BREACH_PATH = `${DPO_PATH}/insiden`;
extraDpoLinks.push([BREACH_PATH, 'breach.title']);

const tone = (d: BreachDeadline) => (d === 'overdue' || d === 'late' ? 'danger' : d === 'nearing' ? 'warning' : 'success');
const Clock = ({ ctx, i }: { ctx: ViewContext; i: BreachIncident }) => {
  const d = breachDeadline(i, new Date());
  return (
    <>
      {ctx.dateTime(i.notifyDueAt)} <StatusTag tone={tone(d)}>{ctx.t(`breach.deadline.${d}`)}</StatusTag>
    </>
  );
};

const FIELDS = ['title', 'description', 'discovered_date', 'discovered_time', 'occurred_date', 'data', 'measures', 'estimate', 'niks'] as const;

function labels(ctx: ViewContext): Record<string, string> {
  return Object.fromEntries(FIELDS.map((f) => [f, ctx.t(`breach.f.${f}`)]));
}

function ListPage({ ctx, incidents, form, canManage }: { ctx: ViewContext; incidents: BreachIncident[]; form: FormState; canManage: boolean }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('breach.title')} face="backoffice">
      <h1>{t('breach.title')}</h1>
      <DpoNav ctx={ctx} current={BREACH_PATH} />
      <p class="lead">{t('breach.lead')}</p>
      <DataTable
        ctx={ctx}
        caption={t('breach.title')}
        captionHidden
        rows={incidents}
        rowKey={(i) => i.id}
        empty={t('breach.none')}
        columns={[
          { key: 'discovered', label: t('breach.col.discovered'), nowrap: true, cell: (i) => ctx.dateTime(i.discoveredAt) },
          { key: 'title', label: t('breach.col.title'), primary: true, cell: (i) => <a href={`${BREACH_PATH}/${i.id}`}>{i.title}</a> },
          { key: 'due', label: t('breach.col.due'), cell: (i) => <Clock ctx={ctx} i={i} /> },
        ]}
      />
      {canManage && (
        <section aria-labelledby="h-new">
          <h2 id="h-new">{t('breach.new')}</h2>
          <ErrorSummary ctx={ctx} errors={form.errors} labels={labels(ctx)} />
          <PostForm ctx={ctx} action={BREACH_PATH}>
            <TextField ctx={ctx} form={form} name="title" label={t('breach.f.title')} maxLength={200} />
            <TextAreaField ctx={ctx} form={form} name="description" label={t('breach.f.description')} maxLength={4000} />
            <TextField ctx={ctx} form={form} name="discovered_date" type="date" label={t('breach.f.discovered_date')} hint={t('breach.f.date_hint')} maxLength={10} />
            <TextField ctx={ctx} form={form} name="discovered_time" type="time" label={t('breach.f.discovered_time')} hint={t('breach.f.time_hint')} maxLength={5} />
            <TextField ctx={ctx} form={form} name="occurred_date" type="date" label={t('breach.f.occurred_date')} required={false} maxLength={10} />
            <TextField ctx={ctx} form={form} name="data" label={t('breach.f.data')} hint={t('breach.f.data_hint')} required={false} maxLength={500} />
            <TextAreaField ctx={ctx} form={form} name="measures" label={t('breach.f.measures')} required={false} maxLength={4000} />
            <TextField ctx={ctx} form={form} name="estimate" inputmode="numeric" label={t('breach.f.estimate')} required={false} maxLength={9} />
            <TextAreaField ctx={ctx} form={form} name="niks" label={t('breach.f.niks')} hint={t('breach.f.niks_hint')} required={false} maxLength={20000} mono />
            <button type="submit" class="button">
              {t('breach.record')}
            </button>
          </PostForm>
        </section>
      )}
    </Layout>
  );
}

function DetailPage({ ctx, i, canManage, notice, conflict }: { ctx: ViewContext; i: BreachIncident; canManage: boolean; notice?: string; conflict?: string }) {
  const t = ctx.t;
  const subject = breachNotice(ctx.locale, 'subject', i, { regionName: ctx.regionName, timeZone: ctx.timeZone, name: t('breach.notice.name_placeholder') });
  const authority = breachNotice(ctx.locale, 'authority', i, { regionName: ctx.regionName, timeZone: ctx.timeZone });
  return (
    <Layout ctx={ctx} title={i.title} face="backoffice">
      <DpoNav ctx={ctx} current={BREACH_PATH} />
      <h1>{i.title}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {conflict && (
        <p class="error-message" role="alert">
          {conflict}
        </p>
      )}
      <SummaryList
        rows={[
          { label: t('breach.f.description'), value: <span class="prewrap">{i.description}</span> },
          { label: t('breach.f.occurred_date'), value: i.occurredAt ? ctx.dateTime(i.occurredAt) : null },
          { label: t('breach.col.discovered'), value: ctx.dateTime(i.discoveredAt) },
          { label: t('breach.col.due'), value: <Clock ctx={ctx} i={i} /> },
          { label: t('breach.f.data'), value: i.dataCategories },
          { label: t('breach.f.measures'), value: <span class="prewrap">{i.measures}</span> },
          { label: t('breach.affected'), value: t('breach.affected.count', { known: i.affectedKnown, notified: i.affectedNotified }) },
          { label: t('breach.subjects_notified'), value: i.subjectsNotifiedAt ? ctx.dateTime(i.subjectsNotifiedAt) : null },
          { label: t('breach.authority_notified'), value: i.authorityNotifiedAt ? ctx.dateTime(i.authorityNotifiedAt) : null },
        ]}
      />
      <h2 id="h-subject">{t('breach.notice.subject.title')}</h2>
      <pre class="prewrap">{`${subject.subject}\n\n${subject.text}`}</pre>
      {canManage && (
        <PostForm ctx={ctx} action={`${BREACH_PATH}/${i.id}/beritahu-subjek`}>
          <button type="submit" class="button">
            {t('breach.notify_subjects')}
          </button>
        </PostForm>
      )}
      <h2 id="h-authority">{t('breach.notice.authority.title')}</h2>
      <pre class="prewrap">{`${authority.subject}\n\n${authority.text}`}</pre>
      {canManage && !i.authorityNotifiedAt && (
        <PostForm ctx={ctx} action={`${BREACH_PATH}/${i.id}/beritahu-otoritas`}>
          <button type="submit" class="button secondary">
            {t('breach.mark_authority')}
          </button>
        </PostForm>
      )}
    </Layout>
  );
}

const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

export function registerBreachRoutes(app: FastifyInstance, deps: { database: Database; region: () => Promise<RegionInfo>; breaches: Breaches }): void {
  const { breaches } = deps;
  const db = deps.database.db;
  const who = (request: FastifyRequest) => ({ actor: request.actor, meta: request.meta });

  async function listPage(request: FastifyRequest, reply: FastifyReply, form: FormState = { values: {}, errors: [] }, status = 200) {
    const incidents = await breaches.list(request.actor);
    const ctx = await app.viewContext(request, reply);
    return reply.page(ListPage({ ctx, incidents, form, canManage: can(request.actor, 'privacy.breach.manage') }), status);
  }

  app.get(BREACH_PATH, async (request, reply) => listPage(request, reply));

  app.post<{ Body: Record<string, unknown> }>(BREACH_PATH, async (request, reply) => {
    const b = request.body ?? {};
    const values = Object.fromEntries(FIELDS.map((f) => [f, str(b[f], f === 'niks' ? 20000 : 4000)])) as Record<(typeof FIELDS)[number], string>;
    const region = await deps.region();
    const tz = region.timeZone as RegionTimeZone;
    const fields: { field: string; key: MessageKey }[] = [];
    const discoveredAt = /^\d{4}-\d{2}-\d{2}$/.test(values.discovered_date.trim()) && /^\d{2}:\d{2}$/.test(values.discovered_time.trim()) ? instantOfLocal(tz, values.discovered_date.trim(), values.discovered_time.trim()) : null;
    if (!discoveredAt) fields.push({ field: 'discovered_date', key: 'breach.v.discovered' });
    let occurredAt: Date | null = null;
    if (values.occurred_date.trim()) {
      occurredAt = /^\d{4}-\d{2}-\d{2}$/.test(values.occurred_date.trim()) ? instantOfLocal(tz, values.occurred_date.trim(), '00:00') : null;
      if (!occurredAt) fields.push({ field: 'occurred_date', key: 'breach.v.occurred' });
    }
    const estimate = values.estimate.trim() ? Number(values.estimate.trim()) : null;
    if (estimate !== null && !(Number.isInteger(estimate) && estimate >= 0)) fields.push({ field: 'estimate', key: 'breach.v.estimate' });
    const niks = [...new Set(values.niks.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean))];
    if (niks.some((n) => !/^\d{16}$/.test(n))) fields.push({ field: 'niks', key: 'breach.v.niks' });
    const form = (errs: { field: string; key: MessageKey }[]) => formStateFrom(values, errs);
    if (fields.length) return listPage(request, reply, form(fields), 422);
    const affectedUserIds = await userIdsByNik(db, niks);
    try {
      const i = await breaches.record(who(request), {
        title: values.title,
        description: values.description,
        occurredAt,
        discoveredAt: discoveredAt!,
        dataCategories: values.data,
        measures: values.measures,
        affectedEstimate: estimate,
        affectedUserIds,
      });
      return reply.redirect(`${BREACH_PATH}/${i.id}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return listPage(request, reply, form(err.fields ?? []), 422);
      throw err;
    }
  });

  async function detail(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, opts: { notice?: MessageKey; conflict?: MessageKey; status?: number } = {}) {
    const i = await breaches.get(request.actor, request.params.id);
    const ctx = await app.viewContext(request, reply);
    return reply.page(DetailPage({ ctx, i, canManage: can(request.actor, 'privacy.breach.manage'), notice: opts.notice && ctx.t(opts.notice), conflict: opts.conflict && ctx.t(opts.conflict) }), opts.status ?? 200);
  }

  app.get<{ Params: { id: string }; Querystring: { ok?: string } }>(`${BREACH_PATH}/:id`, async (request, reply) =>
    detail(request, reply, { notice: request.query.ok === 'subjek' ? 'breach.ok.subjects' : request.query.ok === 'otoritas' ? 'breach.ok.authority' : undefined }),
  );

  app.post<{ Params: { id: string } }>(`${BREACH_PATH}/:id/beritahu-subjek`, async (request, reply) => {
    const region = await deps.region();
    await breaches.notifySubjects(who(request), request.params.id, { name: region.name, timeZone: region.timeZone });
    return reply.redirect(`${BREACH_PATH}/${request.params.id}?ok=subjek`, 303);
  });

  app.post<{ Params: { id: string } }>(`${BREACH_PATH}/:id/beritahu-otoritas`, async (request, reply) => {
    try {
      await breaches.authorityNotified(who(request), request.params.id);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return detail(request, reply, { conflict: err.messageKey, status: 409 });
      throw err;
    }
    return reply.redirect(`${BREACH_PATH}/${request.params.id}?ok=otoritas`, 303);
  });
}
