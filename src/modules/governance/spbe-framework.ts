// SPBE evaluation framework as versioned DATA (issue 6, G-8; STANDARDS §5).
//
// A framework (indicators, weights, level names, predicates, domains, aspects) is plain data:
// the built-in SPBE 2018 framework (Perpres 95/2018, Permenpan RB 59/2020) is parsed from the
// committed TSV `frameworks/spbe-2018.tsv`, and another version (e.g. the reported 35-indicator
// "Indeks Pemerintah Digital") is loaded from JSON through `loadFrameworkJson` without code
// changes. Everything here is pure: no database, no HTTP.
//
// Weights are decimals with at most two places (1.30, 2.75, 16.5). In memory they are INTEGER
// HUNDREDTHS (`weightHundredths`: 1.30 → 130) so that sums are exact; no float ever gets summed.
// Predicate thresholds are kept the same way (4.2 → 420).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { FieldError } from '../../platform/http/errors.ts';
import { type MessageKey, hasMessage } from '../../platform/views/i18n.ts';

export type IndicatorKind = 'process' | 'service';

export interface LevelName {
  level: number;
  name: string;
}

export interface Predicate {
  /** Lower bound (inclusive) of the index, in hundredths: 4.2 → 420. */
  minHundredths: number;
  label: string;
}

export interface SpbeDomain {
  key: string;
  name: string;
  /** Declared domain weight in hundredths; must equal the sum of its indicators' weights. */
  weightHundredths: number;
}

export interface SpbeAspect {
  key: string;
  name: string;
  domain: string;
}

export interface SpbeIndicator {
  number: number;
  name: string;
  domain: string;
  aspect: string;
  weightHundredths: number;
  kind: IndicatorKind;
  /** Optional description of each level, keyed by level ("0" … "5"). */
  levels?: Record<string, string>;
}

export interface SpbeFramework {
  id: string;
  name: string;
  version: string;
  scale: { min: number; max: number };
  levelNames: { process: LevelName[]; service: LevelName[] };
  /** Ascending by `minHundredths`; the first must cover the bottom of the scale. */
  predicates: Predicate[];
  domains: SpbeDomain[];
  aspects: SpbeAspect[];
  indicators: SpbeIndicator[];
}

/** A problem with message key and params (`governance.messages.ts`); `line` for TSV lines. */
export interface FrameworkProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface TsvLineError extends FrameworkProblem {
  /** 1-based line of the file; null for file-level problems. */
  line: number | null;
}

// ---------------------------------------------------------------------------------------------
// Decimals in hundredths

/**
 * Reads a non-negative decimal with at most two places ("1.30", "2.75", "16.5", "100", also
 * with a decimal comma "1,30") as integer hundredths, or null. Never goes through floating point.
 */
export function parseHundredths(raw: string): number | null {
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(raw.trim());
  if (!m) return null;
  const frac = (m[2] ?? '').padEnd(2, '0');
  return Number(m[1]) * 100 + Number(frac);
}

/** Integer hundredths → "1.30", "-0.25". */
export function formatHundredths(h: number): string {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/**
 * A JSON number or string → hundredths. A JSON number is read through its shortest decimal
 * representation (1.3 → "1.3" → 130), so 1.30 and "1.30" mean the same; more than two decimal
 * places (or exponent notation) is refused rather than rounded.
 */
function jsonHundredths(v: number | string): number | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return null;
    return parseHundredths(String(v));
  }
  return parseHundredths(v);
}

// ---------------------------------------------------------------------------------------------
// TSV parser

export interface TsvIndicatorRow {
  line: number;
  number: number;
  name: string;
  weightHundredths: number;
}

export interface TsvParseResult {
  rows: TsvIndicatorRow[];
  errors: TsvLineError[];
}

const tsvColumns = {
  number: ['no', 'nomor', 'number'],
  name: ['name', 'nama', 'indikator', 'indicator'],
  weight: ['bobot', 'weight'],
} as const;

/**
 * Parses the indicator list in the shared TSV format: a header line naming the columns
 * (`no`, `name`, `bobot`; Indonesian/English alternatives accepted, any order, case-insensitive)
 * then one indicator per line. Problems never throw: they come back per line with a message key.
 * The caller imports all or nothing (`rows` is only meaningful when `errors` is empty).
 */
export function parseIndicatorsTsv(text: string): TsvParseResult {
  const errors: TsvLineError[] = [];
  const rows: TsvIndicatorRow[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIdx = lines.findIndex((l) => l.trim() !== '');
  if (headerIdx < 0) return { rows, errors: [{ line: null, key: 'governance.spbe.tsv.empty' }] };
  const header = lines[headerIdx]!.split('\t').map((c) => c.trim().toLowerCase());
  const col = {} as Record<keyof typeof tsvColumns, number>;
  const missing: string[] = [];
  for (const [field, names] of Object.entries(tsvColumns) as [keyof typeof tsvColumns, readonly string[]][]) {
    const i = header.findIndex((h) => names.includes(h));
    if (i < 0) missing.push(names[0]!);
    col[field] = i;
  }
  if (missing.length > 0) {
    return { rows, errors: [{ line: headerIdx + 1, key: 'governance.spbe.tsv.missing_columns', params: { columns: missing.join(', ') } }] };
  }
  const seen = new Map<number, number>();
  for (let i = headerIdx + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const cells = raw.split('\t');
    if (cells.length > header.length) {
      errors.push({ line, key: 'governance.spbe.tsv.extra_cells', params: { line, found: cells.length, expected: header.length } });
      continue;
    }
    const numRaw = (cells[col.number] ?? '').trim();
    const name = (cells[col.name] ?? '').trim();
    const weightRaw = (cells[col.weight] ?? '').trim();
    let ok = true;
    const number = /^\d{1,4}$/.test(numRaw) ? Number(numRaw) : NaN;
    if (!Number.isInteger(number) || number < 1) {
      errors.push({ line, key: 'governance.spbe.tsv.bad_number', params: { line, value: numRaw } });
      ok = false;
    } else if (seen.has(number)) {
      errors.push({ line, key: 'governance.spbe.tsv.duplicate_number', params: { line, value: number, first: seen.get(number)! } });
      ok = false;
    }
    if (name === '') {
      errors.push({ line, key: 'governance.spbe.tsv.no_name', params: { line } });
      ok = false;
    }
    const weight = parseHundredths(weightRaw);
    if (weight === null || weight === 0) {
      errors.push({ line, key: 'governance.spbe.tsv.bad_weight', params: { line, value: weightRaw } });
      ok = false;
    }
    if (ok) {
      seen.set(number, line);
      rows.push({ line, number, name, weightHundredths: weight! });
    }
  }
  if (rows.length === 0 && errors.length === 0) errors.push({ line: null, key: 'governance.spbe.tsv.no_indicators' });
  return { rows, errors };
}

// ---------------------------------------------------------------------------------------------
// JSON schema (a second framework version, loaded without code changes)

const decimalSchema = z
  .union([z.number(), z.string()])
  .refine((v) => jsonHundredths(v) !== null, { message: 'governance.spbe.json.bad_decimal' })
  .transform((v) => jsonHundredths(v)!);
const keySchema = z.string().trim().min(1).max(100);
const levelNameSchema = z.object({ level: z.number().int(), name: z.string().trim().min(1).max(200) });

/**
 * A framework as JSON: same shape as `SpbeFramework` but with human decimals (`weight: 1.30`
 * or `"1.30"`, predicate `min: 4.2`). Parsing yields the in-memory form (integer hundredths).
 */
export const frameworkJsonSchema = z.object({
  id: keySchema,
  name: z.string().trim().min(1).max(300),
  version: z.string().trim().min(1).max(50),
  scale: z.object({ min: z.number().int().min(0).max(100), max: z.number().int().min(1).max(100) }),
  levelNames: z.object({ process: z.array(levelNameSchema), service: z.array(levelNameSchema) }),
  predicates: z.array(z.object({ min: decimalSchema, label: z.string().trim().min(1).max(100) })).min(1),
  domains: z.array(z.object({ key: keySchema, name: z.string().trim().min(1).max(300), weight: decimalSchema })).min(1),
  aspects: z.array(z.object({ key: keySchema, name: z.string().trim().min(1).max(300), domain: keySchema })).min(1),
  indicators: z
    .array(
      z.object({
        number: z.number().int().min(1),
        name: z.string().trim().min(1).max(500),
        domain: keySchema,
        aspect: keySchema,
        weight: decimalSchema,
        kind: z.enum(['process', 'service']),
        levels: z.record(z.string(), z.string().max(2000)).optional(),
      }),
    )
    .min(1)
    .max(1000),
});
export type FrameworkJson = z.input<typeof frameworkJsonSchema>;

export type LoadFrameworkResult = { ok: true; framework: SpbeFramework } | { ok: false; errors: FieldError[] };

/**
 * Loads a framework from parsed JSON: shape checked by `frameworkJsonSchema`, then the
 * consistency rules of `frameworkProblems`. Refused with reasons; never throws for bad data.
 */
export function loadFrameworkJson(json: unknown): LoadFrameworkResult {
  const parsed = frameworkJsonSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue): FieldError => {
        const field = issue.path.map(String).join('.');
        return issue.message.startsWith('governance.') && hasMessage(issue.message)
          ? { field, key: issue.message, params: { field } }
          : { field, key: 'governance.spbe.json.invalid', params: { field, detail: issue.message } };
      }),
    };
  }
  const j = parsed.data;
  const framework: SpbeFramework = {
    id: j.id,
    name: j.name,
    version: j.version,
    scale: j.scale,
    levelNames: j.levelNames,
    predicates: j.predicates.map((p) => ({ minHundredths: p.min, label: p.label })),
    domains: j.domains.map((d) => ({ key: d.key, name: d.name, weightHundredths: d.weight })),
    aspects: j.aspects,
    indicators: j.indicators.map((i) => ({
      number: i.number,
      name: i.name,
      domain: i.domain,
      aspect: i.aspect,
      weightHundredths: i.weight,
      kind: i.kind,
      ...(i.levels ? { levels: i.levels } : {}),
    })),
  };
  const problems = frameworkProblems(framework);
  if (problems.length > 0) return { ok: false, errors: problems.map((p) => ({ field: 'framework', key: p.key, params: p.params ?? {} })) };
  return { ok: true, framework };
}

/** The JSON form of a framework (decimals as strings "1.30"), e.g. to store a version. */
export function frameworkToJson(fw: SpbeFramework): FrameworkJson {
  return {
    id: fw.id,
    name: fw.name,
    version: fw.version,
    scale: { ...fw.scale },
    levelNames: { process: fw.levelNames.process.map((l) => ({ ...l })), service: fw.levelNames.service.map((l) => ({ ...l })) },
    predicates: fw.predicates.map((p) => ({ min: formatHundredths(p.minHundredths), label: p.label })),
    domains: fw.domains.map((d) => ({ key: d.key, name: d.name, weight: formatHundredths(d.weightHundredths) })),
    aspects: fw.aspects.map((a) => ({ ...a })),
    indicators: fw.indicators.map((i) => ({
      number: i.number,
      name: i.name,
      domain: i.domain,
      aspect: i.aspect,
      weight: formatHundredths(i.weightHundredths),
      kind: i.kind,
      ...(i.levels ? { levels: { ...i.levels } } : {}),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Consistency checks

/**
 * Everything that makes a framework unusable, as message keys (empty list = usable):
 * indicator weights sum to exactly 100 (integer hundredths), each domain's declared weight equals
 * the sum of its indicators, numbers and keys unique, every indicator's domain/aspect exists (and
 * the aspect belongs to that domain), no empty domain/aspect, predicates strictly ascending and
 * covering the bottom of the scale, level names and descriptions within the scale.
 */
export function frameworkProblems(fw: SpbeFramework): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const { min, max } = fw.scale;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min >= max) {
    problems.push({ key: 'governance.spbe.framework.bad_scale', params: { min, max } });
  }
  const dup = <T>(items: T[], keyOf: (t: T) => string | number, key: MessageKey) => {
    const seen = new Set<string | number>();
    for (const it of items) {
      const k = keyOf(it);
      if (seen.has(k)) problems.push({ key, params: { value: k } });
      seen.add(k);
    }
  };
  dup(fw.indicators, (i) => i.number, 'governance.spbe.framework.duplicate_number');
  dup(fw.domains, (d) => d.key, 'governance.spbe.framework.duplicate_domain');
  dup(fw.aspects, (a) => a.key, 'governance.spbe.framework.duplicate_aspect');

  const domains = new Map(fw.domains.map((d) => [d.key, d]));
  const aspects = new Map(fw.aspects.map((a) => [a.key, a]));
  for (const a of fw.aspects) {
    if (!domains.has(a.domain)) problems.push({ key: 'governance.spbe.framework.aspect_unknown_domain', params: { aspect: a.key, domain: a.domain } });
  }
  const domainSums = new Map<string, number>();
  const aspectCounts = new Map<string, number>();
  let total = 0;
  for (const i of fw.indicators) {
    if (!Number.isSafeInteger(i.weightHundredths) || i.weightHundredths <= 0) {
      problems.push({ key: 'governance.spbe.framework.bad_weight', params: { number: i.number } });
    }
    total += i.weightHundredths;
    if (!domains.has(i.domain)) problems.push({ key: 'governance.spbe.framework.unknown_domain', params: { number: i.number, domain: i.domain } });
    const aspect = aspects.get(i.aspect);
    if (!aspect) problems.push({ key: 'governance.spbe.framework.unknown_aspect', params: { number: i.number, aspect: i.aspect } });
    else if (aspect.domain !== i.domain) {
      problems.push({ key: 'governance.spbe.framework.aspect_domain_mismatch', params: { number: i.number, aspect: i.aspect, domain: i.domain } });
    }
    domainSums.set(i.domain, (domainSums.get(i.domain) ?? 0) + i.weightHundredths);
    aspectCounts.set(i.aspect, (aspectCounts.get(i.aspect) ?? 0) + 1);
    for (const level of Object.keys(i.levels ?? {})) {
      const n = /^-?\d+$/.test(level) ? Number(level) : NaN;
      if (!(n >= min && n <= max)) problems.push({ key: 'governance.spbe.framework.level_outside_scale', params: { number: i.number, level } });
    }
  }
  if (total !== 10000) {
    problems.push({ key: 'governance.spbe.framework.weights_sum', params: { sum: formatHundredths(total), expected: '100.00' } });
  }
  for (const d of fw.domains) {
    const sum = domainSums.get(d.key) ?? 0;
    if (sum === 0) problems.push({ key: 'governance.spbe.framework.empty_domain', params: { domain: d.key } });
    else if (sum !== d.weightHundredths) {
      problems.push({
        key: 'governance.spbe.framework.domain_weight',
        params: { domain: d.key, declared: formatHundredths(d.weightHundredths), sum: formatHundredths(sum) },
      });
    }
  }
  for (const a of fw.aspects) {
    if (!aspectCounts.has(a.key)) problems.push({ key: 'governance.spbe.framework.empty_aspect', params: { aspect: a.key } });
  }
  if (fw.predicates.length === 0) problems.push({ key: 'governance.spbe.framework.no_predicates' });
  for (let k = 1; k < fw.predicates.length; k++) {
    if (!(fw.predicates[k]!.minHundredths > fw.predicates[k - 1]!.minHundredths)) {
      problems.push({ key: 'governance.spbe.framework.predicates_order', params: { label: fw.predicates[k]!.label } });
    }
  }
  if (fw.predicates.length > 0 && fw.predicates[0]!.minHundredths > min * 100) {
    problems.push({ key: 'governance.spbe.framework.predicates_gap', params: { min: formatHundredths(fw.predicates[0]!.minHundredths) } });
  }
  for (const kind of ['process', 'service'] as const) {
    for (const l of fw.levelNames[kind]) {
      if (!Number.isInteger(l.level) || l.level < min || l.level > max) {
        problems.push({ key: 'governance.spbe.framework.level_name_outside_scale', params: { kind, level: l.level } });
      }
    }
  }
  return problems;
}

/** The name of `level` for an indicator of `kind` ("Terdefinisi"), if the framework names it. */
export function levelName(fw: SpbeFramework, kind: IndicatorKind, level: number): string | undefined {
  return fw.levelNames[kind].find((l) => l.level === level)?.name;
}

// ---------------------------------------------------------------------------------------------
// The built-in SPBE 2018 framework

/**
 * Structure of SPBE 2018 not carried by the TSV (which has only no, name, bobot). Domains and
 * their weights: STANDARDS §5. Aspects: Permenpan RB 59/2020 (8 aspects); the TSV and STANDARDS
 * do not list them, so this grouping is taken from the regulation's structure and should be
 * checked against the evaluation guide. Domains 1–3 are process indicators (capability levels),
 * domain 4 service indicators (service maturity levels).
 */
const spbe2018Layout: {
  domains: (SpbeDomain & { kind: IndicatorKind })[];
  aspects: (SpbeAspect & { from: number; to: number })[];
} = {
  domains: [
    { key: 'kebijakan', name: 'Kebijakan Internal SPBE', weightHundredths: 1300, kind: 'process' },
    { key: 'tata_kelola', name: 'Tata Kelola SPBE', weightHundredths: 2500, kind: 'process' },
    { key: 'manajemen', name: 'Manajemen SPBE', weightHundredths: 1650, kind: 'process' },
    { key: 'layanan', name: 'Layanan SPBE', weightHundredths: 4550, kind: 'service' },
  ],
  aspects: [
    { key: 'kebijakan_tata_kelola', name: 'Kebijakan Internal Tata Kelola SPBE', domain: 'kebijakan', from: 1, to: 10 },
    { key: 'perencanaan_strategis', name: 'Perencanaan Strategis SPBE', domain: 'tata_kelola', from: 11, to: 14 },
    { key: 'tik', name: 'Teknologi Informasi dan Komunikasi', domain: 'tata_kelola', from: 15, to: 18 },
    { key: 'penyelenggara', name: 'Penyelenggara SPBE', domain: 'tata_kelola', from: 19, to: 20 },
    { key: 'penerapan_manajemen', name: 'Penerapan Manajemen SPBE', domain: 'manajemen', from: 21, to: 28 },
    { key: 'audit_tik', name: 'Audit Teknologi Informasi dan Komunikasi', domain: 'manajemen', from: 29, to: 31 },
    { key: 'layanan_administrasi', name: 'Layanan Administrasi Pemerintahan Berbasis Elektronik', domain: 'layanan', from: 32, to: 41 },
    { key: 'layanan_publik', name: 'Layanan Publik Berbasis Elektronik', domain: 'layanan', from: 42, to: 47 },
  ],
};

/** Level names and predicates of SPBE 2018 (STANDARDS §5). */
const spbe2018LevelNames: SpbeFramework['levelNames'] = {
  process: [
    { level: 1, name: 'Rintisan' },
    { level: 2, name: 'Terkelola' },
    { level: 3, name: 'Terdefinisi' },
    { level: 4, name: 'Terpadu dan Terukur' },
    { level: 5, name: 'Optimum' },
  ],
  service: [
    { level: 1, name: 'Informasi' },
    { level: 2, name: 'Interaksi' },
    { level: 3, name: 'Transaksi' },
    { level: 4, name: 'Kolaborasi' },
    { level: 5, name: 'Optimum' },
  ],
};
const spbe2018Predicates: Predicate[] = [
  { minHundredths: 0, label: 'Kurang' },
  { minHundredths: 180, label: 'Cukup' },
  { minHundredths: 260, label: 'Baik' },
  { minHundredths: 350, label: 'Sangat Baik' },
  { minHundredths: 420, label: 'Memuaskan' },
];

/**
 * Builds SPBE 2018 from TSV rows: each indicator goes to the aspect whose number range holds it.
 * Returns problems (e.g. an indicator number outside every range) instead of throwing.
 */
export function buildSpbe2018(rows: TsvIndicatorRow[]): { framework: SpbeFramework; problems: FrameworkProblem[] } {
  const problems: FrameworkProblem[] = [];
  const indicators: SpbeIndicator[] = [];
  for (const r of rows) {
    const aspect = spbe2018Layout.aspects.find((a) => r.number >= a.from && r.number <= a.to);
    if (!aspect) {
      problems.push({ key: 'governance.spbe.framework.unplaced_indicator', params: { number: r.number } });
      continue;
    }
    const domain = spbe2018Layout.domains.find((d) => d.key === aspect.domain)!;
    indicators.push({ number: r.number, name: r.name, domain: domain.key, aspect: aspect.key, weightHundredths: r.weightHundredths, kind: domain.kind });
  }
  const framework: SpbeFramework = {
    id: 'spbe-2018',
    name: 'Evaluasi SPBE (Perpres 95/2018, Permenpan RB 59/2020)',
    version: '2018',
    scale: { min: 0, max: 5 },
    levelNames: spbe2018LevelNames,
    predicates: spbe2018Predicates,
    domains: spbe2018Layout.domains.map(({ key, name, weightHundredths }) => ({ key, name, weightHundredths })),
    aspects: spbe2018Layout.aspects.map(({ key, name, domain }) => ({ key, name, domain })),
    indicators,
  };
  problems.push(...frameworkProblems(framework));
  return { framework, problems };
}

let builtIn: SpbeFramework | undefined;

/**
 * The built-in SPBE 2018 framework, parsed from the committed TSV (once; throws if the file is
 * broken — it is part of the code base). Each call returns a fresh copy, safe to modify.
 */
export function spbe2018(): SpbeFramework {
  if (builtIn) return structuredClone(builtIn);
  const text = readFileSync(new URL('./frameworks/spbe-2018.tsv', import.meta.url), 'utf8');
  const parsed = parseIndicatorsTsv(text);
  if (parsed.errors.length > 0) throw new Error(`frameworks/spbe-2018.tsv: ${JSON.stringify(parsed.errors)}`);
  const { framework, problems } = buildSpbe2018(parsed.rows);
  if (problems.length > 0) throw new Error(`SPBE 2018 framework: ${JSON.stringify(problems)}`);
  builtIn = framework;
  return structuredClone(framework);
}
