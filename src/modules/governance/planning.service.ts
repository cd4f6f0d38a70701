// ICT governance planning (issue 6): SPBE self-assessment on versioned frameworks (G-8), PeGI,
// master plan with reviews, roadmap with costs and yearly progress, budget totals and the
// maturity stage (G-2, G-3, G-15). The only writer of the tables of migration 0017.
//
// Reads take an executor `q`; writes take the open transaction `trx` (PGlite has one
// connection). Every write authorises and records an audit event. Index arithmetic is the
// pure core: `computeIndex`/`compareYears` in spbe-index.ts on the framework stored as JSON.
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { localDateOf, type RegionTimeZone } from '../../platform/calendar/working-time.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { agenciesFor, authorize, can } from '../../platform/auth/policy.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import { parseJson } from '../../platform/db/values.ts';
import { agencyStatus, knownAgencyIds, withAgencyNames } from '../agencies/index.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { buildSpbe2018, frameworkProblems, frameworkToJson, loadFrameworkJson, parseHundredths, parseIndicatorsTsv, spbe2018, type SpbeFramework } from './spbe-framework.ts';
import { compareYears, computeIndex, score, type IndexResult, type Ratio, type Score, type YearComparison } from './spbe-index.ts';
import type { FundingSource, RoadmapComponent } from './planning.tables.ts';
import './planning.policy.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

export interface Who {
  actor: Actor;
  meta?: RequestMeta | null;
}

export const roadmapComponents: RoadmapComponent[] = ['governance', 'infrastructure', 'applications', 'hr', 'security', 'services'];
export const fundingSources: FundingSource[] = ['apbd', 'apbn', 'other', 'csr'];
/** A master plan is valid for five years: start_year … start_year + 4. */
export const PLAN_YEARS = 5;
export const REVIEW_EVERY_YEARS = 2;
export const maturityStages = [1, 2, 3, 4, 5] as const;
export const archDomains = ['business', 'data', 'application', 'technology', 'security'] as const;
export type ArchDomain = (typeof archDomains)[number];

const invalid = (fields: FieldError[]) => errors.validation(fields);
const one = (field: string, key: MessageKey, params?: Record<string, string | number>) => invalid([{ field, key, ...(params ? { params } : {}) }]);

// ---------------------------------------------------------------------------------------------
// Views

export interface FrameworkView {
  id: string;
  key: string;
  version: string;
  name: string;
  builtIn: boolean;
  framework: SpbeFramework;
  createdAt: Date;
}

export interface ScoreRow {
  number: number;
  level: number | null;
  justification: string;
  evidence: string[];
  responsibleAgencyId: string | null;
}

export interface ProposalView {
  id: string;
  number: number;
  agencyId: string;
  agencyName: string;
  note: string;
  createdAt: Date;
}

export interface AssessmentView {
  id: string;
  year: number;
  status: 'draft' | 'final';
  finalisedAt: Date | null;
  framework: FrameworkView;
  scores: Map<number, ScoreRow>;
  proposals: ProposalView[];
  index: IndexResult;
}

export interface AssessmentSummary {
  id: string;
  year: number;
  status: 'draft' | 'final';
  frameworkId: string;
  frameworkName: string;
  frameworkVersion: string;
}

export interface PegiView {
  year: number;
  /** Dimensions in hundredths (1.00–4.00 → 100–400). */
  values: Record<PegiDimension, number>;
  average: Score;
  category: MessageKey;
  note: string;
}

export const pegiDimensions = ['policy', 'institution', 'infrastructure', 'application', 'planning'] as const;
export type PegiDimension = (typeof pegiDimensions)[number];

/**
 * PeGI categories (lower bound in hundredths, message key). The seed's Tabel 1 shows 2.51 as
 * BAIK and 2.01 as KURANG, so the Baik band starts at 2.51; the other bounds follow the same
 * one-point steps. An assumption recorded in ARCHITECTURE.md, kept as data here.
 */
export const pegiCategories: { minHundredths: number; key: MessageKey }[] = [
  { minHundredths: 100, key: 'gov.plan.pegi.cat.very_poor' },
  { minHundredths: 151, key: 'gov.plan.pegi.cat.poor' },
  { minHundredths: 251, key: 'gov.plan.pegi.cat.good' },
  { minHundredths: 351, key: 'gov.plan.pegi.cat.very_good' },
];

export function pegiCategory(avg: Ratio): MessageKey {
  let key = pegiCategories[0]!.key;
  for (const c of pegiCategories) if (avg.num * 100 >= c.minHundredths * avg.den) key = c.key;
  return key;
}

export interface PlanView {
  id: string;
  title: string;
  vision: string;
  mission: string;
  goals: string;
  notes: Record<ArchDomain, string>;
  startYear: number;
  endYear: number;
  status: 'draft' | 'approved';
  approvedAt: Date | null;
  createdAt: Date;
  reviews: { id: string; reviewedOn: string; note: string }[];
}

export interface InitiativeView {
  id: string;
  planId: string;
  component: RoadmapComponent;
  name: string;
  outputs: string;
  agencyId: string | null;
  agencyName: string | null;
  fundingSource: FundingSource;
  years: { year: number; costRupiah: number }[];
  totalRupiah: number;
  progress: { year: number; percent: number; note: string }[];
}

export interface BudgetTotals {
  years: number[];
  /** cost per year and source, integer Rupiah. */
  bySource: Record<FundingSource, Record<number, number>>;
  perYear: Record<number, number>;
  total: number;
}

export interface MaturityView {
  stages: { stage: number; achieved: boolean; evidence: string }[];
  /** Highest stage reached with all lower stages reached too; 0 when none. */
  current: number;
}

// ---------------------------------------------------------------------------------------------
// Pure helpers

/** An evidence line is an http(s) URL or a Simpul path (`/kelola/...`). */
export function evidenceLines(text: string): { lines: string[]; bad: string | null } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const l of lines) {
    if (l.length > 500) return { lines, bad: l.slice(0, 60) };
    if (/^\/[A-Za-z0-9\-._~/%?=&#]*$/.test(l) && !l.startsWith('//')) continue;
    try {
      const u = new URL(l);
      if (u.protocol === 'https:' || u.protocol === 'http:') continue;
    } catch {
      /* fall through */
    }
    return { lines, bad: l.slice(0, 60) };
  }
  return { lines, bad: null };
}

/** `YYYY-MM-DD` of an instant in a time zone. */
export function dateInZone(d: Date, timeZone: string): string {
  return localDateOf(timeZone as RegionTimeZone, d);
}

/**
 * Review reminder (G-3): the plan needs a review when its last review (or, without one, its
 * approval or creation) lies more than two years before today in the region's time zone.
 */
export function reviewDue(plan: Pick<PlanView, 'reviews' | 'approvedAt' | 'createdAt'>, now: Date, timeZone: string): { due: boolean; since: string } {
  const last = plan.reviews.map((r) => r.reviewedOn).sort().at(-1) ?? dateInZone(plan.approvedAt ?? plan.createdAt, timeZone);
  const today = dateInZone(now, timeZone);
  const [y, m, d] = last.split('-').map(Number) as [number, number, number];
  const limit = `${String(y + REVIEW_EVERY_YEARS).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { due: today > limit, since: last };
}

/** Whole Rupiah from form/JSON text ("150.000.000", "150000000"); null when not a whole amount. */
export function parseRupiah(raw: string | number): number | null {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw : null;
  const s = raw.trim().replace(/^Rp\.?\s*/i, '');
  if (!/^\d{1,3}(\.\d{3})+$|^\d{1,15}$/.test(s)) return null;
  const n = Number(s.replace(/\./g, ''));
  return Number.isSafeInteger(n) ? n : null;
}

function assessmentLocked(): AppError {
  return new AppError('conflict', 409, 'gov.plan.spbe.locked');
}

// ---------------------------------------------------------------------------------------------

export type Planning = ReturnType<typeof createPlanning>;

export function createPlanning(deps: { database: Database }) {
  const { database } = deps;
  void database;

  function toFrameworkView(r: { id: string; framework_key: string; version: string; name: string; built_in: boolean; definition: unknown; created_at: Date }): FrameworkView {
    const json = parseJson(r.definition);
    const loaded = loadFrameworkJson(json);
    if (!loaded.ok) throw new Error(`Stored SPBE framework ${r.framework_key} ${r.version} is not usable`);
    return { id: r.id, key: r.framework_key, version: r.version, name: r.name, builtIn: r.built_in, framework: loaded.framework, createdAt: r.created_at };
  }

  /** Stores the built-in SPBE 2018 framework on first use; returns its row id. */
  async function ensureBuiltIn(q: Executor): Promise<string> {
    const fw = spbe2018();
    const found = await q.selectFrom('spbe_frameworks').select('id').where('framework_key', '=', fw.id).where('version', '=', fw.version).executeTakeFirst();
    if (found) return found.id;
    const row = await q
      .insertInto('spbe_frameworks')
      .values({ framework_key: fw.id, version: fw.version, name: fw.name, definition: JSON.stringify(frameworkToJson(fw)), built_in: true })
      .onConflict((oc) => oc.columns(['framework_key', 'version']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) return row.id;
    return (await q.selectFrom('spbe_frameworks').select('id').where('framework_key', '=', fw.id).where('version', '=', fw.version).executeTakeFirstOrThrow()).id;
  }

  async function listFrameworks(q: Executor): Promise<FrameworkView[]> {
    const rows = await q.selectFrom('spbe_frameworks').selectAll().orderBy('created_at').orderBy('version').execute();
    return rows.map(toFrameworkView);
  }

  async function frameworkById(q: Executor, id: string): Promise<FrameworkView | null> {
    if (!isUuid(id)) return null;
    const r = await q.selectFrom('spbe_frameworks').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toFrameworkView(r) : null;
  }

  /**
   * Loads another framework version (G-8): JSON in the shape of `frameworkJsonSchema`, or a TSV
   * indicator list (no, name, bobot) placed on the SPBE 2018 structure under a new version.
   * Refused with reasons when the weights do not sum as the framework says.
   */
  async function loadFramework(trx: Executor, who: Who, input: { format: 'json' | 'tsv'; text: string; version?: string; name?: string }): Promise<FrameworkView> {
    authorize(who.actor, 'governance.planning.frameworks');
    let fw: SpbeFramework;
    if (input.format === 'json') {
      let json: unknown;
      try {
        json = JSON.parse(input.text);
      } catch {
        throw one('text', 'gov.plan.framework.bad_json');
      }
      const loaded = loadFrameworkJson(json);
      if (!loaded.ok) throw invalid(loaded.errors.map((e) => ({ ...e, field: 'text' })));
      fw = loaded.framework;
    } else {
      const version = (input.version ?? '').trim();
      if (!version || version.length > 50) throw one('version', 'gov.plan.framework.version_required');
      const parsed = parseIndicatorsTsv(input.text);
      if (parsed.errors.length > 0) throw invalid(parsed.errors.map((e) => ({ field: 'text', key: e.key, params: e.params ?? {} })));
      const built = buildSpbe2018(parsed.rows);
      if (built.problems.length > 0) throw invalid(built.problems.map((p) => ({ field: 'text', key: p.key, params: p.params ?? {} })));
      fw = { ...built.framework, version, name: input.name?.trim() || built.framework.name };
      const problems = frameworkProblems(fw);
      if (problems.length > 0) throw invalid(problems.map((p) => ({ field: 'text', key: p.key, params: p.params ?? {} })));
    }
    const exists = await trx.selectFrom('spbe_frameworks').select('id').where('framework_key', '=', fw.id).where('version', '=', fw.version).executeTakeFirst();
    if (exists) throw errors.conflict('gov.plan.framework.exists', 'text');
    const row = await trx
      .insertInto('spbe_frameworks')
      .values({ framework_key: fw.id, version: fw.version, name: fw.name, definition: JSON.stringify(frameworkToJson(fw)), created_by: who.actor.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, who, { action: 'governance.spbe.framework_loaded', entityType: 'spbe_framework', entityId: row.id, after: { key: fw.id, version: fw.version, indicators: fw.indicators.length } });
    return toFrameworkView(row);
  }

  // -- assessments ----------------------------------------------------------------------------

  async function listAssessments(q: Executor): Promise<AssessmentSummary[]> {
    const rows = await q
      .selectFrom('spbe_assessments as a')
      .innerJoin('spbe_frameworks as f', 'f.id', 'a.framework_id')
      .select(['a.id', 'a.year', 'a.status', 'a.framework_id', 'f.name', 'f.version'])
      .orderBy('a.year', 'desc')
      .orderBy('f.version', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, year: r.year, status: r.status, frameworkId: r.framework_id, frameworkName: r.name, frameworkVersion: r.version }));
  }

  /** Opens (or returns) the assessment of `year` on a framework version. */
  async function openAssessment(trx: Executor, who: Who, frameworkId: string, year: number): Promise<AssessmentSummary> {
    authorize(who.actor, 'governance.planning.manage');
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw one('year', 'gov.plan.year.invalid');
    const fw = await frameworkById(trx, frameworkId);
    if (!fw) throw one('framework', 'gov.plan.framework.unknown');
    const existing = await trx.selectFrom('spbe_assessments').select('id').where('framework_id', '=', fw.id).where('year', '=', year).executeTakeFirst();
    if (!existing) {
      const row = await trx.insertInto('spbe_assessments').values({ framework_id: fw.id, year, updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, who, { action: 'governance.spbe.assessment_opened', entityType: 'spbe_assessment', entityId: row.id, after: { year, framework: `${fw.key} ${fw.version}` } });
    }
    return (await listAssessments(trx)).find((a) => a.frameworkId === fw.id && a.year === year)!;
  }

  async function assessment(q: Executor, id: string): Promise<AssessmentView | null> {
    if (!isUuid(id)) return null;
    const a = await q.selectFrom('spbe_assessments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) return null;
    const fw = (await frameworkById(q, a.framework_id))!;
    const rows = await q.selectFrom('spbe_scores').selectAll().where('assessment_id', '=', id).execute();
    const scores = new Map<number, ScoreRow>();
    for (const r of rows) {
      scores.set(r.indicator_number, {
        number: r.indicator_number,
        level: r.level,
        justification: r.justification,
        evidence: r.evidence ? r.evidence.split('\n').filter(Boolean) : [],
        responsibleAgencyId: r.responsible_agency_id,
      });
    }
    const proposals = await withAgencyNames(
      q,
      await q
        .selectFrom('spbe_evidence_proposals as p')
        .select(['p.id', 'p.indicator_number', 'p.agency_id', 'p.note', 'p.created_at'])
        .where('p.assessment_id', '=', id)
        .orderBy('p.created_at')
        .execute(),
      'agency_id',
      'agency_name',
    );
    const levels: Record<number, number | null> = {};
    for (const [n, s] of scores) if (fw.framework.indicators.some((i) => i.number === n)) levels[n] = s.level;
    const computed = computeIndex(fw.framework, levels);
    if (!computed.ok) throw new Error(`Stored levels of assessment ${id} do not fit its framework`);
    return {
      id: a.id,
      year: a.year,
      status: a.status,
      finalisedAt: a.finalised_at,
      framework: fw,
      scores,
      proposals: proposals.map((p) => ({ id: p.id, number: p.indicator_number, agencyId: p.agency_id, agencyName: p.agency_name ?? '', note: p.note, createdAt: p.created_at })),
      index: computed.result,
    };
  }

  /**
   * Saves the levels (and justification, evidence, responsible agency) of some indicators of a
   * draft assessment. All or nothing: a level outside the framework's scale, an unknown
   * indicator or a bad evidence link refuses the whole save with the reasons.
   */
  async function saveScores(
    trx: Executor,
    who: Who,
    assessmentId: string,
    entries: { number: number; level: number | null; justification?: string; evidence?: string; responsibleAgencyId?: string | null }[],
  ): Promise<AssessmentView> {
    authorize(who.actor, 'governance.planning.manage');
    const a = await assessment(trx, assessmentId);
    if (!a) throw errors.notFound();
    if (a.status === 'final') throw assessmentLocked();
    const fields: FieldError[] = [];
    const levels: Record<string, unknown> = {};
    for (const e of entries) levels[String(e.number)] = e.level;
    const check = computeIndex(a.framework.framework, levels);
    if (!check.ok) fields.push(...check.errors);
    const agencyIds = entries.map((e) => e.responsibleAgencyId).filter((x): x is string => !!x);
    const known = await knownAgencyIds(trx, agencyIds.filter(isUuid));
    const evidence = new Map<number, string[]>();
    for (const e of entries) {
      const ev = evidenceLines(e.evidence ?? '');
      if (ev.bad !== null) fields.push({ field: `evidence.${e.number}`, key: 'gov.plan.spbe.bad_evidence', params: { indicator: e.number, value: ev.bad } });
      evidence.set(e.number, ev.lines);
      if ((e.justification ?? '').length > 4000) fields.push({ field: `justification.${e.number}`, key: 'gov.plan.text_too_long', params: { max: 4000 } });
      if (e.responsibleAgencyId && !known.has(e.responsibleAgencyId)) fields.push({ field: `agency.${e.number}`, key: 'gov.plan.agency.unknown' });
    }
    if (fields.length > 0) throw invalid(fields);
    const now = new Date();
    for (const e of entries) {
      const values = {
        level: e.level,
        justification: e.justification ?? '',
        evidence: evidence.get(e.number)!.join('\n'),
        responsible_agency_id: e.responsibleAgencyId ?? null,
        updated_by: who.actor.userId,
        updated_at: now,
      };
      await trx
        .insertInto('spbe_scores')
        .values({ assessment_id: a.id, indicator_number: e.number, ...values })
        .onConflict((oc) => oc.columns(['assessment_id', 'indicator_number']).doUpdateSet(values))
        .execute();
    }
    await trx.updateTable('spbe_assessments').set({ updated_at: now }).where('id', '=', a.id).execute();
    await recordAudit(trx, who, {
      action: 'governance.spbe.scores_saved',
      entityType: 'spbe_assessment',
      entityId: a.id,
      before: Object.fromEntries(entries.map((e) => [String(e.number), a.scores.get(e.number)?.level ?? null])),
      after: Object.fromEntries(entries.map((e) => [String(e.number), e.level])),
    });
    return (await assessment(trx, a.id))!;
  }

  /** Locks the year (ict_coordinator only); a final assessment is read-only. */
  async function finalise(trx: Executor, who: Who, assessmentId: string, now = new Date()): Promise<AssessmentView> {
    authorize(who.actor, 'governance.planning.finalise');
    const a = await assessment(trx, assessmentId);
    if (!a) throw errors.notFound();
    if (a.status === 'final') throw assessmentLocked();
    await trx.updateTable('spbe_assessments').set({ status: 'final', finalised_at: now, finalised_by: who.actor.userId, updated_at: now }).where('id', '=', a.id).execute();
    await recordAudit(trx, who, { action: 'governance.spbe.finalised', entityType: 'spbe_assessment', entityId: a.id, after: { year: a.year, index: a.index.index.text, predicate: a.index.predicate } });
    return (await assessment(trx, a.id))!;
  }

  /** The assessment of the closest earlier year (same framework first) compared with this one. */
  async function comparePrevious(q: Executor, current: AssessmentView): Promise<{ previous: { id: string; year: number }; comparison: YearComparison } | null> {
    const earlier = (await listAssessments(q)).filter((x) => x.year < current.year);
    if (earlier.length === 0) return null;
    const bestYear = Math.max(...earlier.map((x) => x.year));
    const candidates = earlier.filter((x) => x.year === bestYear);
    const pick = candidates.find((x) => x.frameworkId === current.framework.id) ?? candidates[0]!;
    const prev = (await assessment(q, pick.id))!;
    return { previous: { id: prev.id, year: prev.year }, comparison: compareYears(prev.index, current.index) };
  }

  /** An agency's ICT officer proposes evidence (a note) for an indicator his agency answers for. */
  async function proposeEvidence(trx: Executor, who: Who, assessmentId: string, number: number, note: string): Promise<void> {
    const a = await assessment(trx, assessmentId);
    if (!a) throw errors.notFound();
    const s = a.scores.get(number);
    const agencyId = s?.responsibleAgencyId ?? null;
    if (!agencyId || !can(who.actor, 'governance.planning.propose', { agencyId })) throw errors.forbidden();
    if (a.status === 'final') throw assessmentLocked();
    const text = note.trim();
    if (!text) throw one('note', 'gov.plan.required');
    if (text.length > 4000) throw one('note', 'gov.plan.text_too_long', { max: 4000 });
    const row = await trx.insertInto('spbe_evidence_proposals').values({ assessment_id: a.id, indicator_number: number, agency_id: agencyId, note: text, created_by: who.actor.userId }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, who, { action: 'governance.spbe.evidence_proposed', entityType: 'spbe_assessment', entityId: a.id, agencyId, after: { indicator: number, proposal: row.id } });
  }

  /** Indicator numbers the actor's agencies answer for, per assessment (for agency staff pages). */
  function proposableFor(actor: Actor | null, a: AssessmentView): number[] {
    const scope = agenciesFor(actor, 'governance.planning.propose');
    return [...a.scores.values()].filter((s) => s.responsibleAgencyId && (scope === 'all' || scope.includes(s.responsibleAgencyId))).map((s) => s.number);
  }

  // -- PeGI -----------------------------------------------------------------------------------

  function toPegi(r: { year: number; policy: number; institution: number; infrastructure: number; application: number; planning: number; note: string }): PegiView {
    const values = { policy: r.policy, institution: r.institution, infrastructure: r.infrastructure, application: r.application, planning: r.planning };
    const sum = pegiDimensions.reduce((s, d) => s + values[d], 0);
    const avg: Ratio = { num: sum, den: 100 * pegiDimensions.length };
    return { year: r.year, values, average: score(avg), category: pegiCategory(avg), note: r.note };
  }

  async function listPegi(q: Executor): Promise<PegiView[]> {
    const rows = await q.selectFrom('pegi_ratings').selectAll().orderBy('year', 'desc').execute();
    return rows.map(toPegi);
  }

  /** Stores the PeGI rating of a year: each dimension 1.00–4.00 with at most two decimals. */
  async function savePegi(trx: Executor, who: Who, input: { year: number; values: Record<string, string | number>; note?: string }): Promise<PegiView> {
    authorize(who.actor, 'governance.planning.manage');
    const fields: FieldError[] = [];
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) fields.push({ field: 'year', key: 'gov.plan.year.invalid' });
    const parsed = {} as Record<PegiDimension, number>;
    for (const d of pegiDimensions) {
      const raw = input.values[d];
      const h = raw === undefined || raw === '' ? null : parseHundredths(String(raw));
      if (h === null || h < 100 || h > 400) fields.push({ field: d, key: 'gov.plan.pegi.bad_value' });
      else parsed[d] = h;
    }
    if (fields.length > 0) throw invalid(fields);
    const values = { ...parsed, note: (input.note ?? '').slice(0, 2000), updated_by: who.actor.userId, updated_at: new Date() };
    await trx
      .insertInto('pegi_ratings')
      .values({ year: input.year, ...values })
      .onConflict((oc) => oc.column('year').doUpdateSet(values))
      .execute();
    await recordAudit(trx, who, { action: 'governance.pegi.saved', entityType: 'pegi_rating', entityId: null, after: { year: input.year, ...parsed } });
    return (await listPegi(trx)).find((p) => p.year === input.year)!;
  }

  // -- master plan ----------------------------------------------------------------------------

  async function listPlans(q: Executor): Promise<PlanView[]> {
    const rows = await q.selectFrom('master_plans').selectAll().orderBy('start_year', 'desc').orderBy('created_at', 'desc').execute();
    const reviews = rows.length ? await q.selectFrom('master_plan_reviews').selectAll().where('plan_id', 'in', rows.map((r) => r.id)).orderBy('reviewed_on').execute() : [];
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      vision: r.vision,
      mission: r.mission,
      goals: r.goals,
      notes: { business: r.notes_business, data: r.notes_data, application: r.notes_application, technology: r.notes_technology, security: r.notes_security },
      startYear: r.start_year,
      endYear: r.start_year + PLAN_YEARS - 1,
      status: r.status,
      approvedAt: r.approved_at,
      createdAt: r.created_at,
      reviews: reviews.filter((v) => v.plan_id === r.id).map((v) => ({ id: v.id, reviewedOn: v.reviewed_on, note: v.note })),
    }));
  }

  async function plan(q: Executor, id: string): Promise<PlanView | null> {
    if (!isUuid(id)) return null;
    return (await listPlans(q)).find((p) => p.id === id) ?? null;
  }

  /** The plan in force in `year`: approved first, newest start. */
  async function planForYear(q: Executor, year: number): Promise<PlanView | null> {
    const plans = (await listPlans(q)).filter((p) => year >= p.startYear && year <= p.endYear);
    return plans.find((p) => p.status === 'approved') ?? plans[0] ?? null;
  }

  interface PlanInput {
    title: string;
    vision?: string;
    mission?: string;
    goals?: string;
    notes?: Partial<Record<ArchDomain, string>>;
    startYear: number;
  }

  function checkPlan(input: PlanInput): FieldError[] {
    const fields: FieldError[] = [];
    if (!input.title?.trim()) fields.push({ field: 'title', key: 'gov.plan.required' });
    else if (input.title.length > 300) fields.push({ field: 'title', key: 'gov.plan.text_too_long', params: { max: 300 } });
    if (!Number.isInteger(input.startYear) || input.startYear < 2000 || input.startYear > 2100) fields.push({ field: 'startYear', key: 'gov.plan.year.invalid' });
    for (const [k, v] of Object.entries({ vision: input.vision, mission: input.mission, goals: input.goals, ...input.notes })) {
      if ((v ?? '').length > 20000) fields.push({ field: k, key: 'gov.plan.text_too_long', params: { max: 20000 } });
    }
    return fields;
  }

  async function savePlan(trx: Executor, who: Who, id: string | null, input: PlanInput): Promise<PlanView> {
    authorize(who.actor, 'governance.planning.manage');
    const fields = checkPlan(input);
    if (fields.length > 0) throw invalid(fields);
    const values = {
      title: input.title.trim(),
      vision: input.vision ?? '',
      mission: input.mission ?? '',
      goals: input.goals ?? '',
      notes_business: input.notes?.business ?? '',
      notes_data: input.notes?.data ?? '',
      notes_application: input.notes?.application ?? '',
      notes_technology: input.notes?.technology ?? '',
      notes_security: input.notes?.security ?? '',
      start_year: input.startYear,
      updated_at: new Date(),
    };
    let planId: string;
    if (id) {
      const before = await plan(trx, id);
      if (!before) throw errors.notFound();
      // Initiatives must stay within the validity: moving it may not strand target years.
      const outside = await trx
        .selectFrom('roadmap_years as y')
        .innerJoin('roadmap_initiatives as i', 'i.id', 'y.initiative_id')
        .select('y.year')
        .where('i.plan_id', '=', id)
        .where((eb) => eb.or([eb('y.year', '<', input.startYear), eb('y.year', '>', input.startYear + PLAN_YEARS - 1)]))
        .executeTakeFirst();
      if (outside) throw one('startYear', 'gov.plan.plan.years_stranded', { year: outside.year });
      await trx.updateTable('master_plans').set(values).where('id', '=', id).execute();
      await recordAudit(trx, who, { action: 'governance.plan.updated', entityType: 'master_plan', entityId: id, before: { title: before.title, startYear: before.startYear }, after: { title: values.title, startYear: values.start_year } });
      planId = id;
    } else {
      const row = await trx.insertInto('master_plans').values({ ...values, created_by: who.actor.userId }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, who, { action: 'governance.plan.created', entityType: 'master_plan', entityId: row.id, after: { title: values.title, startYear: values.start_year } });
      planId = row.id;
    }
    return (await plan(trx, planId))!;
  }

  async function approvePlan(trx: Executor, who: Who, id: string, now = new Date()): Promise<PlanView> {
    authorize(who.actor, 'governance.planning.manage');
    const p = await plan(trx, id);
    if (!p) throw errors.notFound();
    if (p.status === 'approved') throw errors.conflict('gov.plan.plan.already_approved');
    await trx.updateTable('master_plans').set({ status: 'approved', approved_at: now, updated_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, who, { action: 'governance.plan.approved', entityType: 'master_plan', entityId: id, after: { status: 'approved' } });
    return (await plan(trx, id))!;
  }

  async function addReview(trx: Executor, who: Who, planId: string, input: { reviewedOn: string; note?: string }, now = new Date(), timeZone = 'Asia/Jakarta'): Promise<PlanView> {
    authorize(who.actor, 'governance.planning.manage');
    const p = await plan(trx, planId);
    if (!p) throw errors.notFound();
    const d = input.reviewedOn.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) throw one('reviewedOn', 'gov.plan.date.invalid');
    if (d > dateInZone(now, timeZone)) throw one('reviewedOn', 'gov.plan.date.future');
    const row = await trx.insertInto('master_plan_reviews').values({ plan_id: planId, reviewed_on: d, note: (input.note ?? '').slice(0, 4000), created_by: who.actor.userId }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, who, { action: 'governance.plan.reviewed', entityType: 'master_plan', entityId: planId, after: { review: row.id, reviewedOn: d } });
    return (await plan(trx, planId))!;
  }

  // -- roadmap --------------------------------------------------------------------------------

  async function initiatives(q: Executor, planId: string): Promise<InitiativeView[]> {
    if (!isUuid(planId)) return [];
    const rows = await withAgencyNames(
      q,
      await q
        .selectFrom('roadmap_initiatives as i')
        .select(['i.id', 'i.plan_id', 'i.component', 'i.name', 'i.outputs', 'i.agency_id', 'i.funding_source', 'i.created_at'])
        .where('i.plan_id', '=', planId)
        .orderBy('i.created_at')
        .orderBy('i.name')
        .execute(),
      'agency_id',
      'agency_name',
    );
    const ids = rows.map((r) => r.id);
    const years = ids.length ? await q.selectFrom('roadmap_years').selectAll().where('initiative_id', 'in', ids).orderBy('year').execute() : [];
    const progress = ids.length ? await q.selectFrom('roadmap_progress').selectAll().where('initiative_id', 'in', ids).orderBy('year').execute() : [];
    const order = new Map(roadmapComponents.map((c, i) => [c, i]));
    return rows
      .map((r) => {
        const ys = years.filter((y) => y.initiative_id === r.id).map((y) => ({ year: y.year, costRupiah: Number(y.cost_rupiah) }));
        return {
          id: r.id,
          planId: r.plan_id,
          component: r.component,
          name: r.name,
          outputs: r.outputs,
          agencyId: r.agency_id,
          agencyName: r.agency_name,
          fundingSource: r.funding_source,
          years: ys,
          totalRupiah: ys.reduce((s, y) => s + y.costRupiah, 0),
          progress: progress.filter((p) => p.initiative_id === r.id).map((p) => ({ year: p.year, percent: p.percent, note: p.note })),
        };
      })
      .sort((a, b) => order.get(a.component)! - order.get(b.component)!);
  }

  interface InitiativeInput {
    component: string;
    name: string;
    outputs?: string;
    agencyId?: string | null;
    fundingSource: string;
    years: { year: number; cost: string | number }[];
  }

  /**
   * Adds (id null) or replaces an initiative of a plan. Target years outside the plan's
   * validity are refused (G-2/G-15 roadmap); costs are whole Rupiah.
   */
  async function saveInitiative(trx: Executor, who: Who, planId: string, id: string | null, input: InitiativeInput): Promise<InitiativeView> {
    authorize(who.actor, 'governance.planning.manage');
    const p = await plan(trx, planId);
    if (!p) throw errors.notFound();
    const fields: FieldError[] = [];
    if (!roadmapComponents.includes(input.component as RoadmapComponent)) fields.push({ field: 'component', key: 'gov.plan.choose' });
    if (!input.name?.trim()) fields.push({ field: 'name', key: 'gov.plan.required' });
    else if (input.name.length > 300) fields.push({ field: 'name', key: 'gov.plan.text_too_long', params: { max: 300 } });
    if ((input.outputs ?? '').length > 4000) fields.push({ field: 'outputs', key: 'gov.plan.text_too_long', params: { max: 4000 } });
    if (!fundingSources.includes(input.fundingSource as FundingSource)) fields.push({ field: 'fundingSource', key: 'gov.plan.choose' });
    if (input.agencyId) {
      const ok = isUuid(input.agencyId) && (await agencyStatus(trx, { id: input.agencyId }));
      if (!ok) fields.push({ field: 'agencyId', key: 'gov.plan.agency.unknown' });
    }
    const years: { year: number; cost: number }[] = [];
    const seen = new Set<number>();
    for (const y of input.years) {
      const field = `year.${y.year}`;
      if (!Number.isInteger(y.year) || y.year < p.startYear || y.year > p.endYear) {
        fields.push({ field, key: 'gov.plan.roadmap.year_outside', params: { year: String(y.year), from: p.startYear, to: p.endYear } });
        continue;
      }
      if (seen.has(y.year)) {
        fields.push({ field, key: 'gov.plan.roadmap.year_twice', params: { year: y.year } });
        continue;
      }
      seen.add(y.year);
      const cost = parseRupiah(y.cost);
      if (cost === null) fields.push({ field, key: 'gov.plan.roadmap.bad_cost', params: { year: y.year } });
      else years.push({ year: y.year, cost });
    }
    if (input.years.length === 0) fields.push({ field: 'years', key: 'gov.plan.roadmap.no_year' });
    if (fields.length > 0) throw invalid(fields);
    const values = {
      component: input.component as RoadmapComponent,
      name: input.name.trim(),
      outputs: input.outputs ?? '',
      agency_id: input.agencyId || null,
      funding_source: input.fundingSource as FundingSource,
      updated_at: new Date(),
    };
    let initiativeId: string;
    if (id) {
      const found = isUuid(id) && (await trx.selectFrom('roadmap_initiatives').select('id').where('id', '=', id).where('plan_id', '=', planId).executeTakeFirst());
      if (!found) throw errors.notFound();
      await trx.updateTable('roadmap_initiatives').set(values).where('id', '=', id).execute();
      await trx.deleteFrom('roadmap_years').where('initiative_id', '=', id).execute();
      initiativeId = id;
    } else {
      initiativeId = (await trx.insertInto('roadmap_initiatives').values({ plan_id: planId, ...values }).returning('id').executeTakeFirstOrThrow()).id;
    }
    await trx.insertInto('roadmap_years').values(years.map((y) => ({ initiative_id: initiativeId, year: y.year, cost_rupiah: y.cost }))).execute();
    await recordAudit(trx, who, {
      action: id ? 'governance.roadmap.updated' : 'governance.roadmap.created',
      entityType: 'roadmap_initiative',
      entityId: initiativeId,
      agencyId: values.agency_id,
      after: { name: values.name, component: values.component, fundingSource: values.funding_source, years: years.map((y) => `${y.year}:${y.cost}`).join(',') },
    });
    return (await initiatives(trx, planId)).find((i) => i.id === initiativeId)!;
  }

  /** Yearly progress of an initiative (0–100 %), within the plan's validity. */
  async function saveProgress(trx: Executor, who: Who, initiativeId: string, input: { year: number; percent: string | number; note?: string }): Promise<InitiativeView> {
    authorize(who.actor, 'governance.planning.manage');
    const row = isUuid(initiativeId) ? await trx.selectFrom('roadmap_initiatives').select(['id', 'plan_id', 'agency_id']).where('id', '=', initiativeId).executeTakeFirst() : undefined;
    if (!row) throw errors.notFound();
    const p = (await plan(trx, row.plan_id))!;
    const fields: FieldError[] = [];
    if (!Number.isInteger(input.year) || input.year < p.startYear || input.year > p.endYear) {
      fields.push({ field: 'year', key: 'gov.plan.roadmap.year_outside', params: { year: String(input.year), from: p.startYear, to: p.endYear } });
    }
    const pct = typeof input.percent === 'number' ? input.percent : /^\d{1,3}$/.test(input.percent.trim()) ? Number(input.percent.trim()) : NaN;
    if (!Number.isInteger(pct) || pct < 0 || pct > 100) fields.push({ field: 'percent', key: 'gov.plan.roadmap.bad_percent' });
    if ((input.note ?? '').length > 4000) fields.push({ field: 'note', key: 'gov.plan.text_too_long', params: { max: 4000 } });
    if (fields.length > 0) throw invalid(fields);
    const values = { percent: pct, note: input.note ?? '', updated_by: who.actor.userId, updated_at: new Date() };
    await trx
      .insertInto('roadmap_progress')
      .values({ initiative_id: initiativeId, year: input.year, ...values })
      .onConflict((oc) => oc.columns(['initiative_id', 'year']).doUpdateSet(values))
      .execute();
    await recordAudit(trx, who, { action: 'governance.roadmap.progress', entityType: 'roadmap_initiative', entityId: initiativeId, agencyId: row.agency_id, after: { year: input.year, percent: pct } });
    return (await initiatives(trx, row.plan_id)).find((i) => i.id === initiativeId)!;
  }

  /** Budget totals per year and funding source of a plan's roadmap (integer Rupiah). */
  function budgetTotals(p: Pick<PlanView, 'startYear' | 'endYear'>, items: InitiativeView[]): BudgetTotals {
    const years = Array.from({ length: p.endYear - p.startYear + 1 }, (_, i) => p.startYear + i);
    const bySource = Object.fromEntries(fundingSources.map((s) => [s, Object.fromEntries(years.map((y) => [y, 0]))])) as BudgetTotals['bySource'];
    const perYear: Record<number, number> = Object.fromEntries(years.map((y) => [y, 0]));
    let total = 0;
    for (const i of items) {
      for (const y of i.years) {
        bySource[i.fundingSource][y.year] = (bySource[i.fundingSource][y.year] ?? 0) + y.costRupiah;
        perYear[y.year] = (perYear[y.year] ?? 0) + y.costRupiah;
        total += y.costRupiah;
      }
    }
    return { years, bySource, perYear, total };
  }

  // -- maturity -------------------------------------------------------------------------------

  async function maturity(q: Executor): Promise<MaturityView> {
    const rows = await q.selectFrom('maturity_stages').selectAll().orderBy('stage').execute();
    const stages = maturityStages.map((s) => {
      const r = rows.find((x) => x.stage === s);
      return { stage: s, achieved: r?.achieved ?? false, evidence: r?.evidence ?? '' };
    });
    let current = 0;
    for (const s of stages) {
      if (!s.achieved) break;
      current = s.stage;
    }
    return { stages, current };
  }

  async function saveMaturity(trx: Executor, who: Who, stage: number, input: { achieved: boolean; evidence: string }): Promise<MaturityView> {
    authorize(who.actor, 'governance.planning.manage');
    if (!maturityStages.includes(stage as 1)) throw one('stage', 'gov.plan.choose');
    if (input.evidence.length > 8000) throw one('evidence', 'gov.plan.text_too_long', { max: 8000 });
    if (input.achieved && !input.evidence.trim()) throw one('evidence', 'gov.plan.maturity.evidence_required');
    const values = { achieved: input.achieved, evidence: input.evidence, updated_by: who.actor.userId, updated_at: new Date() };
    await trx
      .insertInto('maturity_stages')
      .values({ stage, ...values })
      .onConflict((oc) => oc.column('stage').doUpdateSet(values))
      .execute();
    await recordAudit(trx, who, { action: 'governance.maturity.saved', entityType: 'maturity_stage', entityId: null, after: { stage, achieved: input.achieved } });
    return maturity(trx);
  }

  return {
    ensureBuiltIn,
    listFrameworks,
    frameworkById,
    loadFramework,
    listAssessments,
    openAssessment,
    assessment,
    saveScores,
    finalise,
    comparePrevious,
    proposeEvidence,
    proposableFor,
    listPegi,
    savePegi,
    listPlans,
    plan,
    planForYear,
    savePlan,
    approvePlan,
    addReview,
    initiatives,
    saveInitiative,
    saveProgress,
    budgetTotals,
    maturity,
    saveMaturity,
  };
}

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
}
