// SPBE index arithmetic (issue 6, G-8; STANDARDS §5). Pure: no database, no HTTP.
//
//   Index = Σ(weight × level) / 100            (the framework's weights sum to 100)
//   domain / aspect index = Σ(w × l) / Σw      within the group
//
// Weights are integer hundredths (1.30 → 130), levels integers, so every index is an exact
// fraction of integers (`Ratio`): overall = Σ(w_h × l) / Σw_h = Σ(w_h × l) / 10000. The
// predicate is chosen on that exact value (4.19999… is never rounded up into "Memuaskan").
// Rounding happens only for display: 2 decimals, half-up on the exact value (3.125 → 3.13;
// for negative deltas half away from zero, so −0.125 → −0.13 and a delta reads the same
// either way round).
import type { FieldError } from '../../platform/http/errors.ts';
import { formatHundredths, frameworkProblems, type SpbeFramework } from './spbe-framework.ts';

/** An exact non-negative-denominator fraction of integers. */
export interface Ratio {
  num: number;
  den: number;
}

export interface Score {
  exact: Ratio;
  /** Rounded to 2 decimals (half-up on the exact value), for display only. */
  value: number;
  /** The same as text, always two decimals: "3.00", "-0.25". */
  text: string;
}

export interface GroupScore {
  key: string;
  name: string;
  weightHundredths: number;
  index: Score;
  predicate: string;
}

export interface AspectScore extends GroupScore {
  domain: string;
}

export interface IndexResult {
  frameworkId: string;
  frameworkVersion: string;
  index: Score;
  predicate: string;
  domains: GroupScore[];
  aspects: AspectScore[];
  /** Indicators without a level, counted as 0, ascending. */
  missing: number[];
}

export type ComputeIndexResult = { ok: true; result: IndexResult } | { ok: false; errors: FieldError[] };

/** Levels keyed by indicator number; null/undefined = not scored (counted as 0, listed in `missing`). */
export type LevelInput = Record<string | number, unknown>;

/** Rounds an exact ratio to hundredths: half-up for ≥ 0, half away from zero below. */
export function roundToHundredths(r: Ratio): number {
  if (r.den <= 0 || !Number.isSafeInteger(r.num) || !Number.isSafeInteger(r.den)) throw new Error('bad ratio');
  const a = Math.abs(r.num) * 200 + r.den; // floor((|num|·100 + den/2) / den) = floor((200·|num| + den) / 2den)
  const b = 2 * r.den;
  const h = (a - (a % b)) / b; // exact integer division (% on integers is exact)
  return r.num < 0 ? -h : h;
}

export function score(exact: Ratio): Score {
  const h = roundToHundredths(exact);
  return { exact, value: h / 100, text: formatHundredths(h) };
}

/** The framework's predicate for an exact value: the highest threshold ≤ value. */
export function predicateFor(fw: SpbeFramework, r: Ratio): string {
  let label = fw.predicates[0]?.label ?? '';
  for (const p of fw.predicates) {
    // r ≥ p.min/100  ⇔  num·100 ≥ min·den  (all integers)
    if (r.num * 100 >= p.minHundredths * r.den) label = p.label;
  }
  return label;
}

/**
 * Checks the levels against the framework, then computes overall, domain and aspect indices and
 * predicates. A level that is not an integer or lies outside the scale, or an unknown indicator
 * number, is refused with a reason (field `levels.<number>`); a framework with problems is
 * refused too. Never throws for user data.
 */
export function computeIndex(fw: SpbeFramework, levels: LevelInput): ComputeIndexResult {
  const problems = frameworkProblems(fw);
  if (problems.length > 0) {
    return { ok: false, errors: problems.map((p) => ({ field: 'framework', key: p.key, params: p.params ?? {} })) };
  }
  const known = new Map(fw.indicators.map((i) => [i.number, i]));
  const given = new Map<number, number>();
  const errors: FieldError[] = [];
  for (const [rawKey, value] of Object.entries(levels)) {
    const field = `levels.${rawKey}`;
    const number = /^\d{1,6}$/.test(rawKey) ? Number(rawKey) : NaN;
    if (!known.has(number)) {
      errors.push({ field, key: 'governance.spbe.level.unknown_indicator', params: { indicator: rawKey } });
      continue;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      errors.push({ field, key: 'governance.spbe.level.not_integer', params: { indicator: number, level: String(value) } });
      continue;
    }
    if (value < fw.scale.min || value > fw.scale.max) {
      errors.push({ field, key: 'governance.spbe.level.out_of_scale', params: { indicator: number, level: value, min: fw.scale.min, max: fw.scale.max } });
      continue;
    }
    given.set(number, value);
  }
  if (errors.length > 0) return { ok: false, errors };

  const missing: number[] = [];
  let num = 0;
  let den = 0;
  const byDomain = new Map<string, Ratio>();
  const byAspect = new Map<string, Ratio>();
  const add = (m: Map<string, Ratio>, key: string, wl: number, w: number) => {
    const r = m.get(key) ?? { num: 0, den: 0 };
    m.set(key, { num: r.num + wl, den: r.den + w });
  };
  for (const ind of fw.indicators) {
    const level = given.get(ind.number);
    if (level === undefined) missing.push(ind.number);
    const wl = ind.weightHundredths * (level ?? 0);
    num += wl;
    den += ind.weightHundredths;
    add(byDomain, ind.domain, wl, ind.weightHundredths);
    add(byAspect, ind.aspect, wl, ind.weightHundredths);
  }
  missing.sort((a, b) => a - b);
  const overall: Ratio = { num, den }; // den = 10000 (weights sum to 100, checked above)
  return {
    ok: true,
    result: {
      frameworkId: fw.id,
      frameworkVersion: fw.version,
      index: score(overall),
      predicate: predicateFor(fw, overall),
      domains: fw.domains.map((d) => {
        const r = byDomain.get(d.key)!;
        return { key: d.key, name: d.name, weightHundredths: r.den, index: score(r), predicate: predicateFor(fw, r) };
      }),
      aspects: fw.aspects.map((a) => {
        const r = byAspect.get(a.key)!;
        return { key: a.key, name: a.name, domain: a.domain, weightHundredths: r.den, index: score(r), predicate: predicateFor(fw, r) };
      }),
      missing,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Year-on-year comparison

export interface ScoreDelta {
  key: string;
  name: string;
  prev: Score | null;
  curr: Score | null;
  /** curr − prev, exact (rounded half away from zero for display); null when one side is absent. */
  delta: Score | null;
  prevPredicate: string | null;
  currPredicate: string | null;
}

export interface YearComparison {
  /** False when the two years were scored on different framework versions: compare with care. */
  sameFramework: boolean;
  overall: ScoreDelta;
  /** Domains of either year, matched by key (current year's order first). */
  domains: ScoreDelta[];
  aspects: ScoreDelta[];
}

function subtract(a: Ratio, b: Ratio): Ratio {
  return a.den === b.den ? { num: a.num - b.num, den: a.den } : { num: a.num * b.den - b.num * a.den, den: a.den * b.den };
}

function deltaOf(key: string, name: string, prev: GroupScore | undefined, curr: GroupScore | undefined): ScoreDelta {
  return {
    key,
    name,
    prev: prev?.index ?? null,
    curr: curr?.index ?? null,
    delta: prev && curr ? score(subtract(curr.index.exact, prev.index.exact)) : null,
    prevPredicate: prev?.predicate ?? null,
    currPredicate: curr?.predicate ?? null,
  };
}

function compareGroups(prev: GroupScore[], curr: GroupScore[]): ScoreDelta[] {
  const p = new Map(prev.map((g) => [g.key, g]));
  const c = new Map(curr.map((g) => [g.key, g]));
  const keys = [...curr.map((g) => g.key), ...prev.map((g) => g.key).filter((k) => !c.has(k))];
  return keys.map((k) => deltaOf(k, (c.get(k) ?? p.get(k))!.name, p.get(k), c.get(k)));
}

/** Per overall / domain / aspect: previous and current index and the exact difference. */
export function compareYears(prev: IndexResult, curr: IndexResult): YearComparison {
  // The overall row has no framework name; pages label it with `governance.spbe.overall`.
  const overall = (r: IndexResult): GroupScore => ({ key: 'overall', name: '', weightHundredths: 10000, index: r.index, predicate: r.predicate });
  return {
    sameFramework: prev.frameworkId === curr.frameworkId && prev.frameworkVersion === curr.frameworkVersion,
    overall: deltaOf('overall', '', overall(prev), overall(curr)),
    domains: compareGroups(prev.domains, curr.domains),
    aspects: compareGroups(prev.aspects, curr.aspects),
  };
}
