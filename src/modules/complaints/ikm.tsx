// Satisfaction survey IKM (C-4; Permenpan RB 14/2017): after an application is completed
// (approved) or a complaint resolved, the person answers the nine elements on the 4-point
// scale plus a comment, once per application or complaint. Public results at /ikm per agency
// and per service for a year, never from fewer than IKM_MIN_RESPONSES responses.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { formatDecimal } from '../../platform/format.ts';
import { DataTable } from '../../platform/views/components/index.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { normaliseTrackingCode } from './complaints.rules.ts';
import type { ComplaintTables } from './complaints.tables.ts';
import { computeIkm, IKM_ELEMENTS, IKM_MIN_RESPONSES, parseScores, type IkmResult } from './ikm.rules.ts';
import crypto from 'node:crypto';
import { z } from 'zod';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import { messageKeyOr, type MessageKey } from '../../platform/views/i18n.ts';

export const IKM_PATH = '/ikm';

export interface IkmDeps {
  database: Database;
  /** The person's applications with their state ("Permohonan saya"). */
  applicationsOf(userId: string): Promise<{ id: string; number: string; serviceId: string; serviceName: string; agencyId: string; status: string }[]>;
  agencies(): Promise<{ id: string; name: string }[]>;
  serviceNames(): Promise<Map<string, string>>;
}

type Subject = { type: 'application' | 'complaint'; id: string; serviceId: string | null; agencyId: string | null; label: string };

export function createIkm(deps: IkmDeps) {
  const db = deps.database.db.withTables<ComplaintTables>() as unknown as Kysely<DB & ComplaintTables>;
  const weights = async () => (await db.selectFrom('ikm_elements').select(['code', 'weight']).where('active', '=', true).orderBy('code').execute()).map((w) => ({ code: w.code, weight: Number(w.weight) }));

  async function complaintSubject(code: string): Promise<Subject | null> {
    const c = normaliseTrackingCode(code);
    if (c.length !== 10) return null;
    const row = await db.selectFrom('complaints').select(['id', 'number', 'status', 'service_id', 'routed_agency_id']).where('tracking_hash', '=', crypto.createHash('sha256').update(c).digest('hex')).executeTakeFirst();
    if (!row || row.status !== 'selesai') return null;
    return { type: 'complaint', id: row.id, serviceId: row.service_id, agencyId: row.routed_agency_id, label: row.number ?? '' };
  }

  async function applicationSubject(userId: string, number: string): Promise<Subject | null> {
    const app = (await deps.applicationsOf(userId)).find((a) => a.number === number.toUpperCase());
    if (!app || app.status !== 'approved') return null;
    return { type: 'application', id: app.id, serviceId: app.serviceId, agencyId: app.agencyId, label: app.number };
  }

  return {
    complaintSubject,
    applicationSubject,
    async answered(s: Subject): Promise<boolean> {
      return !!(await db.selectFrom('ikm_responses').select('id').where('subject_type', '=', s.type).where('subject_id', '=', s.id).executeTakeFirst());
    },
    /** Records the answers once per subject (a second answer is 409). */
    async submit(s: Subject, body: Record<string, unknown>): Promise<void> {
      const scores = parseScores(body);
      if (!scores) {
        const missing = IKM_ELEMENTS.filter((c) => !parseScores(body, [c]));
        throw errors.validation(missing.map((c) => ({ field: `u${c}`, key: 'ikm.v.score' })));
      }
      const comment = typeof body.comment === 'string' ? body.comment.trim().slice(0, 2000) || null : null;
      const r = await db
        .insertInto('ikm_responses')
        .values({ subject_type: s.type, subject_id: s.id, service_id: s.serviceId, agency_id: s.agencyId, scores: JSON.stringify(scores), comment })
        .onConflict((oc) => oc.columns(['subject_type', 'subject_id']).doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) throw new AppError('ikm_answered', 409, 'ikm.e.answered');
    },
    /** Results per agency and per service for `year` (figures only from enough responses). */
    async results(year: number): Promise<{ agencies: Row[]; services: Row[]; total: IkmResult | null }> {
      const w = await weights();
      const rows = await db
        .selectFrom('ikm_responses')
        .select(['agency_id', 'service_id', 'scores'])
        .where('created_at', '>=', new Date(Date.UTC(year, 0, 1) - 9 * 3600_000))
        .where('created_at', '<', new Date(Date.UTC(year + 1, 0, 1) - 9 * 3600_000))
        .execute();
      const group = (key: (r: (typeof rows)[number]) => string | null, names: Map<string, string>) => {
        const by = new Map<string, Record<string, number>[]>();
        for (const r of rows) {
          const k = key(r);
          if (!k) continue;
          if (!by.has(k)) by.set(k, []);
          by.get(k)!.push(typeof r.scores === 'string' ? JSON.parse(r.scores) : r.scores);
        }
        return [...by.entries()]
          .map(([id, rs]) => ({ id, name: names.get(id) ?? '—', respondents: rs.length, result: rs.length >= IKM_MIN_RESPONSES ? computeIkm(rs, w) : null }))
          .sort((a, b) => a.name.localeCompare(b.name, 'id'));
      };
      const agencyNames = new Map((await deps.agencies()).map((a) => [a.id, a.name]));
      const all = rows.map((r) => (typeof r.scores === 'string' ? JSON.parse(r.scores) : r.scores) as Record<string, number>);
      return { agencies: group((r) => r.agency_id, agencyNames), services: group((r) => r.service_id, await deps.serviceNames()), total: all.length >= IKM_MIN_RESPONSES ? computeIkm(all, w) : null };
    },
  };
}

interface Row {
  id: string;
  name: string;
  respondents: number;
  result: IkmResult | null;
}

export type Ikm = ReturnType<typeof createIkm>;

function SurveyPage({ ctx, action, hidden, label, errors: errs, done }: { ctx: ViewContext; action: string; hidden: Record<string, string>; label: string; errors?: { field: string; key: MessageKey }[]; done?: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('ikm.survey.title')}>
      <h1>{t('ikm.survey.title')}</h1>
      <p>{t('ikm.survey.intro', { ref: label })}</p>
      {done ? (
        <p class="notice" role="status">
          {t('ikm.survey.done')}
        </p>
      ) : (
        <>
          <ErrorSummary ctx={ctx} errors={errs ?? []} labels={Object.fromEntries(IKM_ELEMENTS.map((c) => [`u${c}`, t(`ikm.element.${c}`)]))} />
          <form method="post" action={action} novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            {Object.entries(hidden).map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
            {IKM_ELEMENTS.map((c) => (
              <fieldset key={c} class="field" id={`f-u${c}`}>
                <legend>
                  {c}. {t(`ikm.element.${c}`)}
                </legend>
                {[1, 2, 3, 4].map((v) => (
                  <label key={v} class="choice">
                    <input type="radio" name={`u${c}`} value={String(v)} /> {t(messageKeyOr(`ikm.scale.${v}`, 'value.unknown'))}
                  </label>
                ))}
              </fieldset>
            ))}
            <div class="field">
              <label for="f-comment">
                {t('ikm.survey.comment')} <span class="muted">{t('form.optional')}</span>
              </label>
              <textarea id="f-comment" name="comment" rows={3} maxLength={2000} />
            </div>
            <button type="submit">{t('ikm.survey.submit')}</button>
          </form>
        </>
      )}
    </Layout>
  );
}

const figure = (ctx: ViewContext, r: IkmResult | null) => (r ? `${formatDecimal(r.converted, 2)} (${r.category} — ${ctx.t(`ikm.category.${r.category}`)})` : ctx.t('ikm.too_few', { min: IKM_MIN_RESPONSES }));

export function registerIkmRoutes(app: FastifyInstance, deps: { ikm: Ikm; timeYear: () => number; api?: ApiRegistry }): void {
  // API (C-4): the public results, with the same minimum of responses as /ikm.
  if (deps.api) {
    const result = z.object({ respondents: z.number().int(), nrr: z.array(z.object({ code: z.number().int(), nrr: z.number() })), ikm: z.number(), converted: z.number(), category: z.string() }).nullable();
    const row = z.object({ id: z.string(), name: z.string(), respondents: z.number().int(), result });
    deps.api.route(app, {
      method: 'GET',
      url: '/api/v1/ikm',
      operationId: 'publicIkmResults',
      summary: 'Public satisfaction survey results (IKM) per agency and service (C-4)',
      description: `For a year (tahun, default the current one): NRR per element, IKM, its 25–100 conversion and category A–D (Permenpan RB 14/2017). result is null below ${IKM_MIN_RESPONSES} responses.`,
      tag: 'complaints',
      auth: 'public',
      query: z.object({ tahun: z.coerce.number().int().min(2000).max(2100).optional() }),
      response: z.object({ year: z.number().int(), total: result, agencies: z.array(row), services: z.array(row) }).meta({ id: 'IkmResults' }),
      handler: async ({ query }) => {
        const year = query.tahun ?? deps.timeYear();
        return { year, ...(await deps.ikm.results(year)) };
      },
    });

    // Answering through the API: the same nine elements, scale, comment and once-only rule as the form.
    const answers = z
      .object({
        scores: z
          .record(z.string(), z.number())
          .meta({ description: `The nine elements of Permenpan RB 14/2017 by code ("1" … "9"), each 1 (tidak baik) … 4 (sangat baik); every element is required.` }),
        comment: z.string().optional().meta({ description: 'Optional, at most 2000 characters (longer text is cut)' }),
      })
      .meta({ id: 'IkmAnswers' });
    const recorded = z.object({ recorded: z.literal(true) });
    const asForm = (b: { scores: Record<string, number>; comment?: string }) => ({ ...Object.fromEntries(IKM_ELEMENTS.map((c) => [`u${c}`, b.scores[String(c)]])), comment: b.comment ?? '' });
    deps.api.route(app, {
      method: 'POST',
      url: '/api/v1/ikm/complaints',
      operationId: 'answerIkmForComplaint',
      summary: 'Answer the satisfaction survey (IKM) of a resolved complaint with its tracking code (C-4)',
      description: 'Once per complaint (a second answer is 409). The tracking code travels in the body; an unknown code or a complaint not resolved is 404. A missing or out-of-scale element is 422 naming the element (u1 … u9).',
      tag: 'complaints',
      auth: 'public',
      body: answers.extend({ code: z.string().meta({ description: 'The tracking code of the complaint' }) }),
      response: recorded,
      status: 201,
      handler: async ({ body: b }) => {
        const subject = await deps.ikm.complaintSubject(b.code.slice(0, 20));
        if (!subject) throw errors.notFound();
        await deps.ikm.submit(subject, asForm(b));
        return { recorded: true as const };
      },
    });
    deps.api.route(app, {
      method: 'POST',
      url: '/api/v1/ikm/applications/:number',
      operationId: 'answerIkmForApplication',
      summary: 'Answer the satisfaction survey (IKM) of one of my completed applications (C-4)',
      description: 'For the signed-in applicant, once per approved application (a second answer is 409); someone else’s or an unfinished application is 404.',
      tag: 'complaints',
      auth: 'user',
      params: z.object({ number: z.string().max(40) }),
      body: answers,
      response: recorded,
      status: 201,
      handler: async ({ params, body: b, actor }) => {
        const subject = actor ? await deps.ikm.applicationSubject(actor.userId, params.number) : null;
        if (!subject) throw errors.notFound();
        await deps.ikm.submit(subject, asForm(b));
        return { recorded: true as const };
      },
    });
  }

  const { ikm } = deps;
  const str = (v: unknown, max = 40) => (typeof v === 'string' ? v.slice(0, max) : '');

  async function survey(request: FastifyRequest, reply: FastifyReply, subject: Awaited<ReturnType<Ikm['complaintSubject']>>, action: string, hidden: Record<string, string>) {
    if (!subject) throw errors.notFound();
    const ctx = await app.viewContext(request, reply);
    reply.header('cache-control', 'no-store');
    if (request.method === 'GET') return reply.page(SurveyPage({ ctx, action, hidden, label: subject.label, done: await ikm.answered(subject) }));
    try {
      await ikm.submit(subject, (request.body ?? {}) as Record<string, unknown>);
    } catch (e) {
      if (e instanceof AppError && e.status === 422) return reply.page(SurveyPage({ ctx, action, hidden, label: subject.label, errors: e.fields }), 422);
      throw e;
    }
    return reply.page(SurveyPage({ ctx, action, hidden, label: subject.label, done: true }), 201);
  }

  const complaintRoute = async (request: FastifyRequest, reply: FastifyReply) => {
    const src = request.method === 'GET' ? (request.query as Record<string, unknown>) : ((request.body ?? {}) as Record<string, unknown>);
    const code = str(src.kode, 20);
    return survey(request, reply, await ikm.complaintSubject(code), `${IKM_PATH}/survei/pengaduan`, { kode: code });
  };
  app.get(`${IKM_PATH}/survei/pengaduan`, complaintRoute);
  app.post(`${IKM_PATH}/survei/pengaduan`, complaintRoute);

  const applicationRoute = async (request: FastifyRequest<{ Params: { number: string } }>, reply: FastifyReply) => {
    const actor = request.actor;
    if (!actor) throw errors.unauthenticated();
    const number = request.params.number.slice(0, 60);
    return survey(request, reply, await ikm.applicationSubject(actor.userId, number), `${IKM_PATH}/survei/permohonan/${encodeURIComponent(number)}`, {});
  };
  app.get(`${IKM_PATH}/survei/permohonan/:number`, applicationRoute);
  app.post(`${IKM_PATH}/survei/permohonan/:number`, applicationRoute);

  app.get<{ Querystring: { tahun?: unknown } }>(IKM_PATH, async (request, reply) => {
    const asked = Number(str(request.query.tahun, 4));
    const year = Number.isInteger(asked) && asked >= 2020 && asked <= 2100 ? asked : deps.timeYear();
    const res = await ikm.results(year);
    const ctx = await app.viewContext(request, reply);
    const { t } = ctx;
    const table = (rows: Row[], caption: string) => (
      <DataTable
        ctx={ctx}
        rows={rows}
        rowKey={(r) => r.id}
        caption={caption}
        empty={t('ikm.none')}
        columns={[
          { key: 'name', label: t('ikm.name'), primary: true, cell: (r) => r.name },
          { key: 'n', label: t('ikm.respondents'), num: true, cell: (r) => String(r.respondents) },
          { key: 'v', label: t('ikm.value'), cell: (r) => figure(ctx, r.result) },
        ]}
      />
    );
    return reply.page(
      <Layout ctx={ctx} title={t('ikm.title')}>
        <h1>{t('ikm.title')}</h1>
        <p>{t('ikm.intro', { year, min: IKM_MIN_RESPONSES })}</p>
        <form method="get" action={IKM_PATH}>
          <label for="f-tahun">{t('ikm.year')}</label> <input id="f-tahun" name="tahun" type="text" inputMode="numeric" maxLength={4} value={String(year)} />{' '}
          <button type="submit">{t('ikm.show')}</button>
        </form>
        <p>
          <strong>{t('ikm.region')}:</strong> {figure(ctx, res.total)}
        </p>
        {table(res.agencies, t('ikm.by_agency'))}
        {table(res.services, t('ikm.by_service'))}
      </Layout>,
    );
  });
}
