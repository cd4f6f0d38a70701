// JSON API of governance planning (tag 'governance', issue 6): SPBE frameworks, assessments,
// scores and index (G-8), PeGI, master plans with reviews, roadmap initiatives and progress
// (G-2, G-3, G-15). The PDFs are downloadable at the URLs given in the plan (`pdfUrl`) and at
// /kelola/tata-kelola/laporan-monev/pdf?jenis=year&tahun=YYYY.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { GovernanceDeps as Deps } from './governance.deps.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import { t as translate, type MessageKey } from '../../platform/views/i18n.ts';
import type { Score } from './spbe-index.ts';
import { archDomains, fundingSources, pegiDimensions, reviewDue, roadmapComponents, type AssessmentView, type InitiativeView, type PegiView, type PlanView } from './planning.service.ts';
import { frameworkToJson } from './spbe-framework.ts';
import { regionTimeZone } from '../agencies/index.ts';
import { PLAN_PATH } from './planning.views.tsx';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'validation.invalid');
const idParams = z.object({ id: uuid });
const year = z.number().int().min(2000).max(2100);

const scoreSchema = z.object({ value: z.number(), text: z.string().meta({ description: 'Two decimals, rounded half-up on the exact value' }) }).meta({ id: 'SpbeScore' });
const groupSchema = z.object({ key: z.string(), name: z.string(), weight: z.string(), index: scoreSchema, predicate: z.string() });

const frameworkSchema = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    key: z.string(),
    version: z.string(),
    name: z.string(),
    builtIn: z.boolean(),
    indicators: z.number().int(),
    definition: z.unknown().meta({ description: 'The framework as JSON (same shape accepted when loading a version)' }),
  })
  .meta({ id: 'SpbeFramework' });

const assessmentSchema = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    year: z.number().int(),
    status: z.enum(['draft', 'final']),
    finalisedAt: z.string().nullable(),
    framework: z.object({ id: z.string(), key: z.string(), version: z.string(), name: z.string() }),
    index: scoreSchema,
    predicate: z.string(),
    domains: z.array(groupSchema),
    aspects: z.array(groupSchema.extend({ domain: z.string() })),
    missing: z.array(z.number().int()),
    scores: z.array(
      z.object({ number: z.number().int(), level: z.number().int().nullable(), justification: z.string(), evidence: z.array(z.string()), responsibleAgencyId: z.string().nullable() }),
    ),
  })
  .meta({ id: 'SpbeAssessment' });

const deltaSchema = z.object({ key: z.string(), name: z.string(), prev: scoreSchema.nullable(), curr: scoreSchema.nullable(), delta: scoreSchema.nullable() });
const comparisonSchema = z
  .object({ previousYear: z.number().int().nullable(), sameFramework: z.boolean(), overall: deltaSchema.nullable(), domains: z.array(deltaSchema), aspects: z.array(deltaSchema) })
  .meta({ id: 'SpbeComparison' });

const pegiSchema = z
  .object({
    year: z.number().int(),
    policy: z.string(),
    institution: z.string(),
    infrastructure: z.string(),
    application: z.string(),
    planning: z.string(),
    average: z.string(),
    category: z.string(),
    note: z.string(),
  })
  .meta({ id: 'PegiRating' });

const planSchema = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    title: z.string(),
    vision: z.string(),
    mission: z.string(),
    goals: z.string(),
    notes: z.object(Object.fromEntries(archDomains.map((d) => [d, z.string()])) as Record<(typeof archDomains)[number], z.ZodString>),
    startYear: z.number().int(),
    endYear: z.number().int(),
    status: z.enum(['draft', 'approved']),
    reviews: z.array(z.object({ id: z.string(), reviewedOn: z.string().meta({ format: 'date' }), note: z.string() })),
    reviewDue: z.boolean().meta({ description: 'Last review (or approval) more than 2 years ago' }),
    pdfUrl: z.string(),
  })
  .meta({ id: 'MasterPlan' });

const initiativeSchema = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    planId: z.string(),
    component: z.enum(roadmapComponents as [string, ...string[]]),
    name: z.string(),
    outputs: z.string(),
    agencyId: z.string().nullable(),
    agencyName: z.string().nullable(),
    fundingSource: z.enum(fundingSources as [string, ...string[]]),
    years: z.array(z.object({ year: z.number().int(), costRupiah: z.number().int() })),
    totalRupiah: z.number().int(),
    progress: z.array(z.object({ year: z.number().int(), percent: z.number().int(), note: z.string() })),
  })
  .meta({ id: 'RoadmapInitiative' });

const scoreJson = (s: Score) => ({ value: s.value, text: s.text });
const hundredths = (h: number) => (h / 100).toFixed(2);

function assessmentJson(a: AssessmentView) {
  const r = a.index;
  return {
    id: a.id,
    year: a.year,
    status: a.status,
    finalisedAt: a.finalisedAt ? a.finalisedAt.toISOString() : null,
    framework: { id: a.framework.id, key: a.framework.key, version: a.framework.version, name: a.framework.name },
    index: scoreJson(r.index),
    predicate: r.predicate,
    domains: r.domains.map((d) => ({ key: d.key, name: d.name, weight: hundredths(d.weightHundredths), index: scoreJson(d.index), predicate: d.predicate })),
    aspects: r.aspects.map((d) => ({ key: d.key, name: d.name, domain: d.domain, weight: hundredths(d.weightHundredths), index: scoreJson(d.index), predicate: d.predicate })),
    missing: r.missing,
    scores: [...a.scores.values()].sort((x, y) => x.number - y.number),
  };
}

const pegiJson = (p: PegiView, t: (k: MessageKey) => string) => ({
  year: p.year,
  ...(Object.fromEntries(pegiDimensions.map((d) => [d, hundredths(p.values[d])])) as Record<(typeof pegiDimensions)[number], string>),
  average: p.average.text,
  category: t(p.category),
  note: p.note,
});

export function registerPlanningApi(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;
  const planning = deps.planning;
  const tx = <T>(fn: (trx: Executor) => Promise<T>) => db.transaction().execute((trx) => fn(trx));
  const tag = 'governance';

  const planJson = async (p: PlanView) => ({
    id: p.id,
    title: p.title,
    vision: p.vision,
    mission: p.mission,
    goals: p.goals,
    notes: p.notes,
    startYear: p.startYear,
    endYear: p.endYear,
    status: p.status,
    reviews: p.reviews,
    reviewDue: reviewDue(p, new Date(), await regionTimeZone(db)).due,
    pdfUrl: `${PLAN_PATH}/${p.id}/pdf`,
  });
  const initiativeJson = (i: InitiativeView) => i;

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/governance/spbe/frameworks',
    operationId: 'listSpbeFrameworks',
    summary: 'SPBE framework versions (the built-in SPBE 2018 is stored on first use)',
    tag,
    auth: 'user',
    response: z.object({ items: z.array(frameworkSchema) }),
    handler: async ({ actor }) => {
      authorize(actor, 'governance.planning.read');
      await planning.ensureBuiltIn(db);
      const items = await planning.listFrameworks(db);
      return { items: items.map((f) => ({ id: f.id, key: f.key, version: f.version, name: f.name, builtIn: f.builtIn, indicators: f.framework.indicators.length, definition: frameworkToJson(f.framework) })) };
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/governance/spbe/frameworks',
    operationId: 'loadSpbeFramework',
    summary: 'Loads another framework version from JSON (a `definition` object) or a TSV indicator list',
    description: 'Refused (422) with reasons when the weights do not sum to 100 or a domain weight differs from its indicators, among other checks.',
    tag,
    auth: 'user',
    body: z.object({ definition: z.unknown().optional(), tsv: z.string().max(2_000_000).optional(), version: z.string().max(50).optional(), name: z.string().max(300).optional() }),
    response: frameworkSchema,
    handler: async ({ actor, body, request }) => {
      authorize(actor, 'governance.planning.frameworks');
      const input = body.tsv !== undefined ? { format: 'tsv' as const, text: body.tsv, version: body.version, name: body.name } : { format: 'json' as const, text: JSON.stringify(body.definition ?? null) };
      const f = await tx((trx) => planning.loadFramework(trx, { actor, meta: request.meta }, input));
      return { id: f.id, key: f.key, version: f.version, name: f.name, builtIn: f.builtIn, indicators: f.framework.indicators.length, definition: frameworkToJson(f.framework) };
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/governance/spbe/assessments',
    operationId: 'listSpbeAssessments',
    summary: 'SPBE self-assessments per year, newest first',
    tag,
    auth: 'user',
    response: z.object({ items: z.array(z.object({ id: z.string(), year: z.number().int(), status: z.enum(['draft', 'final']), frameworkId: z.string(), frameworkName: z.string(), frameworkVersion: z.string() })) }),
    handler: async ({ actor }) => {
      authorize(actor, 'governance.planning.read');
      return { items: await planning.listAssessments(db) };
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/governance/spbe/assessments',
    operationId: 'openSpbeAssessment',
    summary: 'Opens (or returns) the assessment of a year on a framework version',
    tag,
    auth: 'user',
    body: z.object({ frameworkId: uuid, year }),
    response: assessmentSchema,
    handler: async ({ actor, body, request }) => {
      authorize(actor, 'governance.planning.manage');
      const s = await tx((trx) => planning.openAssessment(trx, { actor, meta: request.meta }, body.frameworkId, body.year));
      return assessmentJson((await planning.assessment(db, s.id))!);
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/governance/spbe/assessments/:id',
    operationId: 'getSpbeAssessment',
    summary: 'An assessment with its levels and the overall, domain and aspect index and predicate (STANDARDS §5)',
    tag,
    auth: 'user',
    params: idParams,
    response: assessmentSchema,
    handler: async ({ actor, params }) => {
      authorize(actor, 'governance.planning.read');
      const a = await planning.assessment(db, params.id);
      if (!a) throw errors.notFound();
      return assessmentJson(a);
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/governance/spbe/assessments/:id/scores',
    operationId: 'saveSpbeScores',
    summary: 'Saves levels, justification, evidence and responsible agency of some indicators (all or nothing)',
    description: 'A level outside the framework scale or an unknown indicator is refused (422, field `levels.<number>`); a final assessment is read-only (409).',
    tag,
    auth: 'user',
    params: idParams,
    body: z.object({
      scores: z
        .array(
          z.object({
            number: z.number().int().min(1),
            level: z.number().int().nullable(),
            justification: z.string().max(4000).default(''),
            evidence: z.array(z.string().max(500)).max(50).default([]),
            responsibleAgencyId: uuid.nullable().optional(),
          }),
        )
        .min(1)
        .max(1000),
    }),
    response: assessmentSchema,
    handler: async ({ actor, params, body, request }) => {
      authorize(actor, 'governance.planning.manage');
      const a = await tx((trx) =>
        planning.saveScores(
          trx,
          { actor, meta: request.meta },
          params.id,
          body.scores.map((s) => ({ number: s.number, level: s.level, justification: s.justification, evidence: s.evidence.join('\n'), responsibleAgencyId: s.responsibleAgencyId ?? null })),
        ),
      );
      return assessmentJson(a);
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/governance/spbe/assessments/:id/finalise',
    operationId: 'finaliseSpbeAssessment',
    summary: 'Finalises (locks) the assessment of a year; ict_coordinator only',
    tag,
    auth: 'user',
    params: idParams,
    status: 200,
    response: assessmentSchema,
    handler: async ({ actor, params, request }) => {
      authorize(actor, 'governance.planning.finalise');
      return assessmentJson(await tx((trx) => planning.finalise(trx, { actor, meta: request.meta }, params.id)));
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/governance/spbe/assessments/:id/comparison',
    operationId: 'compareSpbeAssessment',
    summary: 'Year-on-year comparison with the closest earlier assessment (exact deltas)',
    tag,
    auth: 'user',
    params: idParams,
    response: comparisonSchema,
    handler: async ({ actor, params }) => {
      authorize(actor, 'governance.planning.read');
      const a = await planning.assessment(db, params.id);
      if (!a) throw errors.notFound();
      const c = await planning.comparePrevious(db, a);
      const d = (x: { key: string; name: string; prev: Score | null; curr: Score | null; delta: Score | null }) => ({
        key: x.key,
        name: x.name,
        prev: x.prev && scoreJson(x.prev),
        curr: x.curr && scoreJson(x.curr),
        delta: x.delta && scoreJson(x.delta),
      });
      if (!c) return { previousYear: null, sameFramework: true, overall: null, domains: [], aspects: [] };
      return { previousYear: c.previous.year, sameFramework: c.comparison.sameFramework, overall: d(c.comparison.overall), domains: c.comparison.domains.map(d), aspects: c.comparison.aspects.map(d) };
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/governance/pegi',
    operationId: 'listPegiRatings',
    summary: 'PeGI ratings per year: five dimensions 1.00–4.00, average and category',
    tag,
    auth: 'user',
    response: z.object({ items: z.array(pegiSchema) }),
    handler: async ({ actor, request }) => {
      authorize(actor, 'governance.planning.read');
      const t = (k: MessageKey) => translate(request.locale, k);
      return { items: (await planning.listPegi(db)).map((p) => pegiJson(p, t)) };
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/governance/pegi',
    operationId: 'savePegiRating',
    summary: 'Stores the PeGI rating of a year (replaces an earlier one of the same year)',
    tag,
    auth: 'user',
    body: z.object({
      year,
      ...(Object.fromEntries(pegiDimensions.map((d) => [d, z.union([z.string(), z.number()])])) as Record<(typeof pegiDimensions)[number], z.ZodUnion<[z.ZodString, z.ZodNumber]>>),
      note: z.string().max(2000).default(''),
    }),
    status: 200,
    response: pegiSchema,
    handler: async ({ actor, body, request }) => {
      authorize(actor, 'governance.planning.manage');
      const p = await tx((trx) => planning.savePegi(trx, { actor, meta: request.meta }, { year: body.year, values: Object.fromEntries(pegiDimensions.map((d) => [d, body[d]])), note: body.note }));
      return pegiJson(p, (k) => translate(request.locale, k));
    },
  });

  const planBody = z.object({
    title: z.string().max(300),
    startYear: year,
    vision: z.string().max(20000).default(''),
    mission: z.string().max(20000).default(''),
    goals: z.string().max(20000).default(''),
    notes: z.object(Object.fromEntries(archDomains.map((d) => [d, z.string().max(20000).default('')])) as Record<(typeof archDomains)[number], z.ZodDefault<z.ZodString>>).partial().default({}),
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/governance/master-plans',
    operationId: 'listMasterPlans',
    summary: 'E-government master plans (Rencana Induk) with reviews and the review reminder',
    tag,
    auth: 'user',
    response: z.object({ items: z.array(planSchema) }),
    handler: async ({ actor }) => {
      authorize(actor, 'governance.planning.read');
      return { items: await Promise.all((await planning.listPlans(db)).map(planJson)) };
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/governance/master-plans',
    operationId: 'createMasterPlan',
    summary: 'Creates a master plan valid for five years from startYear',
    tag,
    auth: 'user',
    body: planBody,
    response: planSchema,
    handler: async ({ actor, body, request }) => {
      authorize(actor, 'governance.planning.manage');
      return planJson(await tx((trx) => planning.savePlan(trx, { actor, meta: request.meta }, null, body)));
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/governance/master-plans/:id',
    operationId: 'getMasterPlan',
    summary: 'A master plan',
    tag,
    auth: 'user',
    params: idParams,
    response: planSchema,
    handler: async ({ actor, params }) => {
      authorize(actor, 'governance.planning.read');
      const p = await planning.plan(db, params.id);
      if (!p) throw errors.notFound();
      return planJson(p);
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/governance/master-plans/:id/reviews',
    operationId: 'reviewMasterPlan',
    summary: 'Records a review of the master plan (date not in the future)',
    tag,
    auth: 'user',
    params: idParams,
    body: z.object({ reviewedOn: z.string().max(10), note: z.string().max(4000).default('') }),
    response: planSchema,
    handler: async ({ actor, params, body, request }) => {
      authorize(actor, 'governance.planning.manage');
      const tz = await regionTimeZone(db);
      return planJson(await tx((trx) => planning.addReview(trx, { actor, meta: request.meta }, params.id, body, new Date(), tz)));
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/governance/master-plans/:id/roadmap',
    operationId: 'getRoadmap',
    summary: 'The roadmap of a plan: initiatives with target years, costs and progress, and budget totals',
    tag,
    auth: 'user',
    params: idParams,
    query: z.object({ agency: uuid.optional() }),
    response: z.object({
      items: z.array(initiativeSchema),
      budget: z.object({ years: z.array(z.number().int()), perYear: z.record(z.string(), z.number().int()), bySource: z.record(z.string(), z.record(z.string(), z.number().int())), total: z.number().int() }),
    }),
    handler: async ({ actor, params, query }) => {
      authorize(actor, 'governance.planning.read');
      const p = await planning.plan(db, params.id);
      if (!p) throw errors.notFound();
      const items = await planning.initiatives(db, p.id);
      const b = planning.budgetTotals(p, items);
      return { items: items.filter((i) => !query.agency || i.agencyId === query.agency).map(initiativeJson), budget: { years: b.years, perYear: b.perYear, bySource: b.bySource, total: b.total } };
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/governance/roadmap',
    operationId: 'createRoadmapInitiative',
    summary: 'Adds an initiative to a plan’s roadmap; target years outside the plan’s validity are refused (422)',
    tag,
    auth: 'user',
    body: z.object({
      planId: uuid,
      component: z.string().max(40),
      name: z.string().max(300),
      outputs: z.string().max(4000).default(''),
      agencyId: uuid.nullable().optional(),
      fundingSource: z.string().max(20),
      years: z.array(z.object({ year: z.number().int(), costRupiah: z.number().int().min(0) })).max(20),
    }),
    response: initiativeSchema,
    handler: async ({ actor, body, request }) => {
      authorize(actor, 'governance.planning.manage');
      return initiativeJson(
        await tx((trx) =>
          planning.saveInitiative(trx, { actor, meta: request.meta }, body.planId, null, {
            component: body.component,
            name: body.name,
            outputs: body.outputs,
            agencyId: body.agencyId ?? null,
            fundingSource: body.fundingSource,
            years: body.years.map((y) => ({ year: y.year, cost: y.costRupiah })),
          }),
        ),
      );
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/governance/roadmap/:id/progress',
    operationId: 'saveRoadmapProgress',
    summary: 'Records the yearly progress (0–100 %) of an initiative',
    tag,
    auth: 'user',
    params: idParams,
    body: z.object({ year, percent: z.number().int(), note: z.string().max(4000).default('') }),
    status: 200,
    response: initiativeSchema,
    handler: async ({ actor, params, body, request }) => {
      authorize(actor, 'governance.planning.manage');
      return initiativeJson(await tx((trx) => planning.saveProgress(trx, { actor, meta: request.meta }, params.id, body)));
    },
  });
}
