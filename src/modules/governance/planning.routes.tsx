// Routes of governance planning (issue 6) under /kelola/tata-kelola:
//  - /evaluasi-spbe (G-8): frameworks (load a version), assessments per year, per-aspect score
//    forms, finalise, evidence proposals by agencies, CSV of an assessment.
//  - /pegi: PeGI rating per year (CSV).
//  - /rencana-induk (G-2, G-3, G-15): master plans, maturity stages, plan page with roadmap,
//    progress, budget, reviews; CSV of the roadmap; the master-plan PDF.
//  - /laporan-monev (E-4): choose a period, download the M&E PDF.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GovernanceDeps as Deps } from './governance.deps.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { sendCsv, toCsv } from '../../platform/export/csv.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { formStateFrom, type FormState } from '../../platform/views/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { defineGovernanceSection } from './sections.ts';
import { registerPlanningApi } from './planning.api.ts';
import { masterPlanPdf, monevPdf, registerPlanningReportSections, type PeriodInput } from './planning.pdf.ts';
import { archDomains, pegiDimensions, reviewDue, type ArchDomain, type Who } from './planning.service.ts';
import { AspectPage, AssessmentPage, MONEV_PATH, MonevPage, PEGI_PATH, PegiPage, PLAN_PATH, PlanPage, PlansPage, SPBE_PATH, SpbeHomePage } from './planning.views.tsx';
import { regionTimeZone } from '../agencies/index.ts';

defineGovernanceSection({ href: SPBE_PATH, labelKey: 'gov.plan.section.spbe', descriptionKey: 'gov.plan.section.spbe.desc', action: 'governance.planning.read', order: 50 });
defineGovernanceSection({ href: PEGI_PATH, labelKey: 'gov.plan.section.pegi', descriptionKey: 'gov.plan.section.pegi.desc', action: 'governance.planning.read', order: 51 });
defineGovernanceSection({ href: PLAN_PATH, labelKey: 'gov.plan.section.plan', descriptionKey: 'gov.plan.section.plan.desc', action: 'governance.planning.read', order: 52 });
defineGovernanceSection({ href: MONEV_PATH, labelKey: 'gov.plan.section.monev', descriptionKey: 'gov.plan.section.monev.desc', action: 'governance.planning.report', order: 53 });

type Body = Record<string, unknown>;
const str = (b: Body | undefined, k: string, max = 20000) => (typeof b?.[k] === 'string' ? (b[k] as string).slice(0, max) : '');
const intOf = (s: string) => (/^\d{1,4}$/.test(s.trim()) ? Number(s.trim()) : NaN);
const wantsCsv = (q: unknown) => (q as { format?: unknown } | undefined)?.format === 'csv';

/** A 422/409 becomes the form's errors; anything else goes on to the error handler. */
function formErrors(e: unknown, body: unknown, map: (f: FieldError) => FieldError = (f) => f): { form: FormState; status: number } {
  if (!(e instanceof AppError) || (e.status !== 422 && e.status !== 409)) throw e;
  const fields = (e.fields ?? [{ field: '_form', key: e.messageKey, ...(e.params ? { params: e.params } : {}) }]).map(map);
  return { form: formStateFrom(body, fields), status: e.status };
}

export function registerPlanningRoutes(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;
  const planning = deps.planning;
  registerPlanningReportSections(planning);
  const who = (request: FastifyRequest): Who => ({ actor: request.actor!, meta: request.meta });
  const tx = <T,>(fn: (trx: Executor) => Promise<T>) => db.transaction().execute((trx) => fn(trx));
  const agencies = async () => (await deps.agencies.listPublic()).map((a) => ({ id: a.id, name: a.name }));

  // -- SPBE ---------------------------------------------------------------------------------
  async function spbeHome(request: FastifyRequest, reply: FastifyReply, extra: { openForm?: FormState; loadForm?: FormState; notice?: string } = {}, status = 200) {
    await planning.ensureBuiltIn(db);
    const ctx = await app.viewContext(request, reply);
    return reply.page(
      SpbeHomePage({
        ctx,
        frameworks: await planning.listFrameworks(db),
        assessments: await planning.listAssessments(db),
        canManage: can(request.actor, 'governance.planning.manage'),
        canLoad: can(request.actor, 'governance.planning.frameworks'),
        ...extra,
      }),
      status,
    );
  }

  app.get<{ Querystring: Body }>(SPBE_PATH, async (request, reply) => {
    authorize(request.actor, 'governance.planning.read');
    const ctx = await app.viewContext(request, reply);
    const f = str(request.query, 'dimuat', 200);
    return spbeHome(request, reply, { notice: f ? ctx.t('gov.plan.saved') : undefined });
  });

  app.post<{ Body: Body }>(SPBE_PATH, async (request, reply) => {
    authorize(request.actor, 'governance.planning.manage');
    const year = intOf(str(request.body, 'year', 10));
    try {
      const a = await tx((trx) => planning.openAssessment(trx, who(request), str(request.body, 'framework', 100), year));
      return reply.redirect(`${SPBE_PATH}/${a.id}`, 303);
    } catch (e) {
      const { form, status } = formErrors(e, request.body);
      return spbeHome(request, reply, { openForm: form }, status);
    }
  });

  app.post<{ Body: Body }>(`${SPBE_PATH}/kerangka`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.frameworks');
    const format = str(request.body, 'format', 10) === 'tsv' ? 'tsv' : 'json';
    try {
      await tx((trx) => planning.loadFramework(trx, who(request), { format, text: str(request.body, 'text', 2_000_000), version: str(request.body, 'version', 100), name: str(request.body, 'name', 300) }));
      return reply.redirect(`${SPBE_PATH}?dimuat=1`, 303);
    } catch (e) {
      const { form, status } = formErrors(e, request.body);
      return spbeHome(request, reply, { loadForm: form }, status);
    }
  });

  async function loadAssessment(id: string) {
    const a = await planning.assessment(db, id);
    if (!a) throw errors.notFound();
    return a;
  }

  async function assessmentPage(request: FastifyRequest, reply: FastifyReply, id: string, extra: { proposeForm?: FormState; notice?: string } = {}, status = 200) {
    const a = await loadAssessment(id);
    const ctx = await app.viewContext(request, reply);
    return reply.page(
      AssessmentPage({
        ctx,
        a,
        cmp: await planning.comparePrevious(db, a),
        canManage: can(request.actor, 'governance.planning.manage'),
        canFinalise: can(request.actor, 'governance.planning.finalise'),
        proposable: planning.proposableFor(request.actor, a),
        ...extra,
      }),
      status,
    );
  }

  app.get<{ Params: { id: string }; Querystring: Body }>(`${SPBE_PATH}/:id`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.read');
    if (wantsCsv(request.query)) {
      const a = await loadAssessment(request.params.id);
      const names = new Map((await agencies()).map((g) => [g.id, g.name]));
      const fw = a.framework.framework;
      const csv = toCsv(
        [
          { header: 'tahun', value: () => a.year },
          { header: 'no', value: (i: (typeof fw.indicators)[number]) => i.number },
          { header: 'indikator', value: (i) => i.name },
          { header: 'domain', value: (i) => i.domain },
          { header: 'aspek', value: (i) => i.aspect },
          { header: 'bobot', value: (i) => (i.weightHundredths / 100).toFixed(2) },
          { header: 'tingkat', value: (i) => a.scores.get(i.number)?.level ?? '' },
          { header: 'penjelasan', value: (i) => a.scores.get(i.number)?.justification ?? '' },
          { header: 'bukti', value: (i) => (a.scores.get(i.number)?.evidence ?? []).join(' ') },
          { header: 'perangkat_daerah', value: (i) => names.get(a.scores.get(i.number)?.responsibleAgencyId ?? '') ?? '' },
        ],
        fw.indicators,
      );
      return sendCsv(reply, `evaluasi-spbe-${a.year}.csv`, csv);
    }
    const ctx = await app.viewContext(request, reply);
    const q = request.query;
    const notice = q.final ? ctx.t('gov.plan.spbe.finalised', { year: str(q, 'final', 4) }) : q.usul ? ctx.t('gov.plan.spbe.proposed') : undefined;
    return assessmentPage(request, reply, request.params.id, { notice });
  });

  app.post<{ Params: { id: string } }>(`${SPBE_PATH}/:id/final`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.finalise');
    const a = await tx((trx) => planning.finalise(trx, who(request), request.params.id));
    return reply.redirect(`${SPBE_PATH}/${a.id}?final=${a.year}`, 303);
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${SPBE_PATH}/:id/usul`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.propose');
    try {
      await tx((trx) => planning.proposeEvidence(trx, who(request), request.params.id, intOf(str(request.body, 'indicator', 6)), str(request.body, 'note', 5000)));
      return reply.redirect(`${SPBE_PATH}/${request.params.id}?usul=1`, 303);
    } catch (e) {
      const { form, status } = formErrors(e, request.body);
      return assessmentPage(request, reply, request.params.id, { proposeForm: form }, status);
    }
  });

  async function aspectPage(request: FastifyRequest, reply: FastifyReply, id: string, aspectKey: string, extra: { form?: FormState; notice?: string } = {}, status = 200) {
    const a = await loadAssessment(id);
    if (!a.framework.framework.aspects.some((x) => x.key === aspectKey)) throw errors.notFound();
    const ctx = await app.viewContext(request, reply);
    const canEdit = a.status === 'draft' && can(request.actor, 'governance.planning.manage');
    return reply.page(AspectPage({ ctx, a, aspectKey, agencies: await agencies(), canEdit, ...extra }), status);
  }

  app.get<{ Params: { id: string; aspect: string }; Querystring: Body }>(`${SPBE_PATH}/:id/aspek/:aspect`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.read');
    const ctx = await app.viewContext(request, reply);
    return aspectPage(request, reply, request.params.id, request.params.aspect, { notice: request.query.disimpan ? ctx.t('gov.plan.saved') : undefined });
  });

  app.post<{ Params: { id: string; aspect: string }; Body: Body }>(`${SPBE_PATH}/:id/aspek/:aspect`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.manage');
    const a = await loadAssessment(request.params.id);
    const indicators = a.framework.framework.indicators.filter((i) => i.aspect === request.params.aspect);
    if (indicators.length === 0) throw errors.notFound();
    const b = request.body;
    const entries = indicators.map((i) => {
      const raw = str(b, `level_${i.number}`, 10).trim();
      const level: number | null = raw === '' ? null : /^-?\d+$/.test(raw) ? Number(raw) : (raw as unknown as number);
      return { number: i.number, level, justification: str(b, `justification_${i.number}`, 5000), evidence: str(b, `evidence_${i.number}`, 20000), responsibleAgencyId: str(b, `agency_${i.number}`, 60) || null };
    });
    try {
      await tx((trx) => planning.saveScores(trx, who(request), a.id, entries));
      return reply.redirect(`${SPBE_PATH}/${a.id}/aspek/${encodeURIComponent(request.params.aspect)}?disimpan=1`, 303);
    } catch (e) {
      const { form, status } = formErrors(e, b, (f) => ({ ...f, field: f.field.replace(/^levels\./, 'level_').replace(/^evidence\./, 'evidence_').replace(/^justification\./, 'justification_').replace(/^agency\./, 'agency_') }));
      return aspectPage(request, reply, a.id, request.params.aspect, { form }, status);
    }
  });

  // -- PeGI ---------------------------------------------------------------------------------
  async function pegiPage(request: FastifyRequest, reply: FastifyReply, extra: { form?: FormState; notice?: string } = {}, status = 200) {
    const ctx = await app.viewContext(request, reply);
    return reply.page(PegiPage({ ctx, items: await planning.listPegi(db), canManage: can(request.actor, 'governance.planning.manage'), ...extra }), status);
  }

  app.get<{ Querystring: Body }>(PEGI_PATH, async (request, reply) => {
    authorize(request.actor, 'governance.planning.read');
    if (wantsCsv(request.query)) {
      const items = await planning.listPegi(db);
      const ctx = await app.viewContext(request, reply);
      return sendCsv(
        reply,
        'pegi.csv',
        toCsv(
          [
            { header: 'tahun', value: (x: (typeof items)[number]) => x.year },
            ...pegiDimensions.map((d) => ({ header: d, value: (x: (typeof items)[number]) => (x.values[d] / 100).toFixed(2) })),
            { header: 'rata_rata', value: (x) => x.average.text },
            { header: 'kategori', value: (x) => ctx.t(x.category) },
          ],
          items,
        ),
      );
    }
    const ctx = await app.viewContext(request, reply);
    return pegiPage(request, reply, { notice: request.query.disimpan ? ctx.t('gov.plan.saved') : undefined });
  });

  app.post<{ Body: Body }>(PEGI_PATH, async (request, reply) => {
    authorize(request.actor, 'governance.planning.manage');
    const b = request.body;
    try {
      await tx((trx) => planning.savePegi(trx, who(request), { year: intOf(str(b, 'year', 10)), values: Object.fromEntries(pegiDimensions.map((d) => [d, str(b, d, 10)])), note: str(b, 'note', 2000) }));
      return reply.redirect(`${PEGI_PATH}?disimpan=1`, 303);
    } catch (e) {
      const { form, status } = formErrors(e, b);
      return pegiPage(request, reply, { form }, status);
    }
  });

  // -- master plan --------------------------------------------------------------------------
  const planInput = (b: Body) => ({
    title: str(b, 'title', 400),
    startYear: intOf(str(b, 'startYear', 10)),
    vision: str(b, 'vision'),
    mission: str(b, 'mission'),
    goals: str(b, 'goals'),
    notes: Object.fromEntries(archDomains.map((d) => [d, str(b, `notes_${d}`)])) as Record<ArchDomain, string>,
  });

  async function plansPage(request: FastifyRequest, reply: FastifyReply, extra: { form?: FormState; maturityForm?: FormState; notice?: string } = {}, status = 200) {
    const ctx = await app.viewContext(request, reply);
    return reply.page(PlansPage({ ctx, plans: await planning.listPlans(db), maturity: await planning.maturity(db), canManage: can(request.actor, 'governance.planning.manage'), ...extra }), status);
  }

  app.get<{ Querystring: Body }>(PLAN_PATH, async (request, reply) => {
    authorize(request.actor, 'governance.planning.read');
    const ctx = await app.viewContext(request, reply);
    return plansPage(request, reply, { notice: request.query.disimpan ? ctx.t('gov.plan.saved') : undefined });
  });

  app.post<{ Body: Body }>(PLAN_PATH, async (request, reply) => {
    authorize(request.actor, 'governance.planning.manage');
    try {
      const p = await tx((trx) => planning.savePlan(trx, who(request), null, planInput(request.body)));
      return reply.redirect(`${PLAN_PATH}/${p.id}`, 303);
    } catch (e) {
      const { form, status } = formErrors(e, request.body);
      return plansPage(request, reply, { form }, status);
    }
  });

  app.post<{ Body: Body }>(`${PLAN_PATH}/kematangan`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.manage');
    const b = request.body;
    try {
      await tx((trx) => planning.saveMaturity(trx, who(request), intOf(str(b, 'stage', 2)), { achieved: str(b, 'achieved', 2) === '1', evidence: str(b, 'evidence', 9000) }));
      return reply.redirect(`${PLAN_PATH}?disimpan=1`, 303);
    } catch (e) {
      const { form, status } = formErrors(e, b);
      return plansPage(request, reply, { maturityForm: form }, status);
    }
  });

  type PlanExtra = { planForm?: FormState; initiativeForm?: FormState; reviewForm?: FormState; progressForm?: { id: string; form: FormState }; notice?: string };
  async function planPage(request: FastifyRequest<{ Params: { id: string }; Querystring?: Body }>, reply: FastifyReply, extra: PlanExtra = {}, status = 200) {
    const plan = await planning.plan(db, request.params.id);
    if (!plan) throw errors.notFound();
    const items = await planning.initiatives(db, plan.id);
    const ctx = await app.viewContext(request, reply);
    const tz = await regionTimeZone(db);
    const filter = str(request.query as Body | undefined, 'agency', 60);
    return reply.page(
      PlanPage({
        ctx,
        plan,
        items,
        budget: planning.budgetTotals(plan, items),
        reviewDue: reviewDue(plan, new Date(), tz),
        agencies: await agencies(),
        agencyFilter: filter,
        canManage: can(request.actor, 'governance.planning.manage'),
        ...extra,
      }),
      status,
    );
  }

  app.get<{ Params: { id: string }; Querystring: Body }>(`${PLAN_PATH}/:id`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.read');
    if (wantsCsv(request.query)) {
      const plan = await planning.plan(db, request.params.id);
      if (!plan) throw errors.notFound();
      const filter = str(request.query, 'agency', 60);
      const items = (await planning.initiatives(db, plan.id)).filter((i) => !filter || i.agencyId === filter);
      const years = Array.from({ length: plan.endYear - plan.startYear + 1 }, (_, i) => plan.startYear + i);
      return sendCsv(
        reply,
        `peta-rencana-${plan.startYear}-${plan.endYear}.csv`,
        toCsv(
          [
            { header: 'komponen', value: (i: (typeof items)[number]) => i.component },
            { header: 'inisiatif', value: (i) => i.name },
            { header: 'keluaran', value: (i) => i.outputs },
            { header: 'perangkat_daerah', value: (i) => i.agencyName ?? '' },
            { header: 'sumber_dana', value: (i) => i.fundingSource },
            ...years.map((y) => ({ header: `biaya_${y}`, value: (i: (typeof items)[number]) => i.years.find((x) => x.year === y)?.costRupiah ?? '' })),
            ...years.map((y) => ({ header: `kemajuan_${y}`, value: (i: (typeof items)[number]) => i.progress.find((x) => x.year === y)?.percent ?? '' })),
            { header: 'jumlah', value: (i) => i.totalRupiah },
          ],
          items,
        ),
      );
    }
    const ctx = await app.viewContext(request, reply);
    return planPage(request, reply, { notice: request.query.disimpan ? ctx.t('gov.plan.saved') : undefined });
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${PLAN_PATH}/:id`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.manage');
    try {
      await tx((trx) => planning.savePlan(trx, who(request), request.params.id, planInput(request.body)));
      return reply.redirect(`${PLAN_PATH}/${request.params.id}?disimpan=1`, 303);
    } catch (e) {
      const { form, status } = formErrors(e, request.body);
      return planPage(request, reply, { planForm: form }, status);
    }
  });

  app.post<{ Params: { id: string } }>(`${PLAN_PATH}/:id/tetapkan`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.manage');
    await tx((trx) => planning.approvePlan(trx, who(request), request.params.id));
    return reply.redirect(`${PLAN_PATH}/${request.params.id}?disimpan=1`, 303);
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${PLAN_PATH}/:id/reviu`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.manage');
    const tz = await regionTimeZone(db);
    try {
      await tx((trx) => planning.addReview(trx, who(request), request.params.id, { reviewedOn: str(request.body, 'reviewedOn', 20), note: str(request.body, 'note', 4000) }, new Date(), tz));
      return reply.redirect(`${PLAN_PATH}/${request.params.id}?disimpan=1`, 303);
    } catch (e) {
      const { form, status } = formErrors(e, request.body);
      return planPage(request, reply, { reviewForm: form }, status);
    }
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${PLAN_PATH}/:id/inisiatif`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.manage');
    const b = request.body;
    const years = Object.keys(b ?? {})
      .filter((k) => /^year\.\d{4}$/.test(k) && str(b, k, 30).trim() !== '')
      .map((k) => ({ year: Number(k.slice(5)), cost: str(b, k, 30) }));
    try {
      await tx((trx) => planning.saveInitiative(trx, who(request), request.params.id, null, { component: str(b, 'component', 40), name: str(b, 'name', 400), outputs: str(b, 'outputs', 5000), agencyId: str(b, 'agencyId', 60) || null, fundingSource: str(b, 'fundingSource', 20), years }));
      return reply.redirect(`${PLAN_PATH}/${request.params.id}?disimpan=1`, 303);
    } catch (e) {
      const { form, status } = formErrors(e, b);
      return planPage(request, reply, { initiativeForm: form }, status);
    }
  });

  app.post<{ Params: { id: string; initiative: string }; Body: Body }>(`${PLAN_PATH}/:id/inisiatif/:initiative/kemajuan`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.manage');
    const b = request.body;
    try {
      await tx((trx) => planning.saveProgress(trx, who(request), request.params.initiative, { year: intOf(str(b, 'year', 10)), percent: str(b, 'percent', 10), note: str(b, 'note', 4000) }));
      return reply.redirect(`${PLAN_PATH}/${request.params.id}?disimpan=1`, 303);
    } catch (e) {
      const { form, status } = formErrors(e, b);
      return planPage(request, reply, { progressForm: { id: request.params.initiative, form } }, status);
    }
  });

  app.get<{ Params: { id: string } }>(`${PLAN_PATH}/:id/pdf`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.read');
    const ctx = await app.viewContext(request, reply);
    const pdf = await masterPlanPdf(planning, { q: db, locale: ctx.locale, regionName: ctx.regionName, now: new Date() }, request.params.id);
    if (!pdf) throw errors.notFound();
    return reply.type('application/pdf').header('content-disposition', 'attachment; filename="rencana-induk.pdf"').header('cache-control', 'no-store').send(pdf);
  });

  // -- M&E report ---------------------------------------------------------------------------
  app.get(MONEV_PATH, async (request, reply) => {
    authorize(request.actor, 'governance.planning.report');
    const ctx = await app.viewContext(request, reply);
    const tz = await regionTimeZone(db);
    return reply.page(MonevPage({ ctx, year: Number(new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric' }).format(new Date())) }));
  });

  app.get<{ Querystring: Body }>(`${MONEV_PATH}/pdf`, async (request, reply) => {
    authorize(request.actor, 'governance.planning.report');
    const q = request.query;
    const period = parsePeriod(str(q, 'jenis', 10), str(q, 'tahun', 10), str(q, 'triwulan', 2));
    const ctx = await app.viewContext(request, reply);
    if ('errors' in period) {
      const tz = await regionTimeZone(db);
      return reply.page(MonevPage({ ctx, form: formStateFrom(q, period.errors), year: Number(new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric' }).format(new Date())) }), 422);
    }
    const pdf = await monevPdf({ q: db, locale: ctx.locale, regionName: ctx.regionName, now: new Date() }, period);
    const name = period.kind === 'year' ? `laporan-monev-${period.year}.pdf` : `laporan-monev-${period.year}-tw${period.quarter}.pdf`;
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(pdf);
  });

  registerPlanningApi(app, deps);
}

/** The report period from the form: kind, year and (for a quarter) 1–4. */
export function parsePeriod(kind: string, yearRaw: string, quarterRaw: string): PeriodInput | { errors: FieldError[] } {
  const errs: FieldError[] = [];
  const year = intOf(yearRaw);
  if (kind !== 'quarter' && kind !== 'year') errs.push({ field: 'jenis', key: 'gov.plan.choose' });
  if (!(year >= 2000 && year <= 2100)) errs.push({ field: 'tahun', key: 'gov.plan.year.invalid' });
  const quarter = intOf(quarterRaw);
  if (kind === 'quarter' && !(quarter >= 1 && quarter <= 4)) errs.push({ field: 'triwulan', key: 'gov.plan.monev.bad_period' });
  if (errs.length) return { errors: errs };
  return kind === 'year' ? { kind: 'year', year } : { kind: 'quarter', year, quarter };
}
