import { describe, expect, it } from 'vitest';
import { loadFrameworkJson, spbe2018, type FrameworkJson, type SpbeFramework } from './spbe-framework.ts';
import { compareYears, computeIndex, predicateFor, roundToHundredths, type IndexResult, type LevelInput } from './spbe-index.ts';

/** Levels for indicators from..to (inclusive). */
function range(from: number, to: number, level: number): Record<number, number> {
  const out: Record<number, number> = {};
  for (let n = from; n <= to; n++) out[n] = level;
  return out;
}

function compute(fw: SpbeFramework, levels: LevelInput): IndexResult {
  const r = computeIndex(fw, levels);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.result;
}

const byKey = <T extends { key: string }>(xs: T[]) => Object.fromEntries(xs.map((x) => [x.key, x]));

// Mixed example on SPBE 2018, computed by hand (weights from STANDARDS §5):
//   kebijakan   1–10  level 4: 10 × 1.30 × 4 = 52.0              → 52.0 / 13   = 4.00   Sangat Baik (< 4.2)
//   tata_kelola 11–14 level 3: 4 × 2.50 × 3 = 30
//               15–18 level 2: 4 × 2.50 × 2 = 20
//               19–20 level 1: 2 × 2.50 × 1 = 5    → 55.0        → 55.0 / 25   = 2.20   Cukup
//               aspects: perencanaan 30/10 = 3.00, tik 20/10 = 2.00, penyelenggara 5/5 = 1.00
//   manajemen   21–28 level 2: 8 × 1.50 × 2 = 24
//               29–31 not scored (missing → 0)         → 24.0        → 24.0 / 16.5 = 1.4545… → 1.45 Kurang
//               aspects: penerapan 24/12 = 2.00, audit 0/4.5 = 0.00
//   layanan     32–41 level 3: 10 × 2.75 × 3 = 82.5
//               42–47 level 5:  6 × 3.00 × 5 = 90.0  → 172.5       → 172.5 / 45.5 = 3.7912… → 3.79 Sangat Baik
//               aspects: administrasi 82.5/27.5 = 3.00, publik 90/18 = 5.00
//   Index = (52 + 55 + 24 + 172.5) / 100 = 303.5 / 100 = 3.035 exactly → 3.04 (half-up) → Baik
//   (all in integer hundredths: 30350 / 10000; a float sum is not exact — ten times 1.3 × 4
//   added up in floating point gives 52.00000000000001).
const mixed: Record<number, number> = {
  ...range(1, 10, 4),
  ...range(11, 14, 3),
  ...range(15, 18, 2),
  ...range(19, 20, 1),
  ...range(21, 28, 2),
  ...range(32, 41, 3),
  ...range(42, 47, 5),
};

describe('SPBE index (STANDARDS §5)', () => {
  const fw = spbe2018();

  it('[G-8] all indicators at level 3 → index 3.00 "Baik" (Σ(w × 3) / 100 = 300 / 100), every domain 3.00', () => {
    const r = compute(fw, range(1, 47, 3));
    expect(r.index.text).toBe('3.00');
    expect(r.index.exact).toEqual({ num: 30000, den: 10000 });
    expect(r.predicate).toBe('Baik');
    expect(r.domains.map((d) => d.index.text)).toEqual(['3.00', '3.00', '3.00', '3.00']);
    expect(r.aspects).toHaveLength(8);
    expect(r.missing).toEqual([]);
  });

  it('[G-8] mixed example: overall, domain and aspect indices and predicates as computed by hand', () => {
    const r = compute(fw, mixed);
    expect(r.index.exact).toEqual({ num: 30350, den: 10000 });
    expect(r.index.text).toBe('3.04');
    expect(r.index.value).toBe(3.04);
    expect(r.predicate).toBe('Baik');
    const d = byKey(r.domains);
    expect([d.kebijakan!.index.text, d.kebijakan!.predicate]).toEqual(['4.00', 'Sangat Baik']);
    expect([d.tata_kelola!.index.text, d.tata_kelola!.predicate]).toEqual(['2.20', 'Cukup']);
    expect([d.manajemen!.index.text, d.manajemen!.predicate]).toEqual(['1.45', 'Kurang']);
    expect(d.manajemen!.index.exact).toEqual({ num: 2400, den: 1650 });
    expect([d.layanan!.index.text, d.layanan!.predicate]).toEqual(['3.79', 'Sangat Baik']);
    expect(d.layanan!.weightHundredths).toBe(4550);
    const a = byKey(r.aspects);
    expect(
      Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v.index.text])),
    ).toEqual({
      kebijakan_tata_kelola: '4.00',
      perencanaan_strategis: '3.00',
      tik: '2.00',
      penyelenggara: '1.00',
      penerapan_manajemen: '2.00',
      audit_tik: '0.00',
      layanan_administrasi: '3.00',
      layanan_publik: '5.00',
    });
    expect(a.audit_tik!.domain).toBe('manajemen');
    expect(r.missing).toEqual([29, 30, 31]);
  });

  it('[G-8] not scored (null) counts as 0 and is listed in missing; nothing scored gives 0.00 "Kurang"', () => {
    const r = compute(fw, { ...range(1, 47, 3), 5: null, 47: undefined });
    expect(r.missing).toEqual([5, 47]);
    // 300 − 1.30 × 3 − 3.00 × 3 = 300 − 3.9 − 9 = 287.1 → 2.871 → 2.87
    expect(r.index.text).toBe('2.87');
    const none = compute(fw, {});
    expect([none.index.text, none.predicate, none.missing.length]).toEqual(['0.00', 'Kurang', 47]);
  });

  it('[G-8] predicate boundaries on the exact value: 4.20 Memuaskan, 4.19 Sangat Baik, 1.80 Cukup, 1.79 Kurang', () => {
    // All at 4 (= 4.00) and indicators 11–18 (8 × 2.50 = 20) at 5 → 400 + 20 = 420 → 4.20
    const at420 = compute(fw, { ...range(1, 47, 4), ...range(11, 18, 5) });
    expect([at420.index.exact, at420.index.text, at420.predicate]).toEqual([{ num: 42000, den: 10000 }, '4.20', 'Memuaskan']);
    // All at 4 and 1–5 (5 × 1.30 = 6.5) and 11–15 (5 × 2.50 = 12.5) at 5 → 400 + 19 = 419 → 4.19
    const at419 = compute(fw, { ...range(1, 47, 4), ...range(1, 5, 5), ...range(11, 15, 5) });
    expect([at419.index.text, at419.predicate]).toEqual(['4.19', 'Sangat Baik']);
    // All at 2 (= 2.00) and 11–18 (20) at 1 → 200 − 20 = 180 → 1.80
    const at180 = compute(fw, { ...range(1, 47, 2), ...range(11, 18, 1) });
    expect([at180.index.text, at180.predicate]).toEqual(['1.80', 'Cukup']);
    // All at 2 and 11–16 (15) and 21–24 (6) at 1 → 200 − 21 = 179 → 1.79
    const at179 = compute(fw, { ...range(1, 47, 2), ...range(11, 16, 1), ...range(21, 24, 1) });
    expect([at179.index.text, at179.predicate]).toEqual(['1.79', 'Kurang']);
  });

  it('[G-8] predicate thresholds on exact ratios (a value just under a bound is never rounded up into it)', () => {
    const p = (num: number, den = 10000) => predicateFor(fw, { num, den });
    expect(p(50000)).toBe('Memuaskan');
    expect(p(42000)).toBe('Memuaskan');
    expect(p(41999)).toBe('Sangat Baik'); // 4.1999 displays as 4.20 but is not 4.2
    expect(p(35000)).toBe('Sangat Baik');
    expect(p(34999)).toBe('Baik');
    expect(p(26000)).toBe('Baik');
    expect(p(25999)).toBe('Cukup');
    expect(p(18000)).toBe('Cukup');
    expect(p(17999)).toBe('Kurang');
    expect(p(0)).toBe('Kurang');
    expect(p(21, 5)).toBe('Memuaskan'); // 4.2 as 21/5
    expect(p(209, 50)).toBe('Sangat Baik'); // 4.18
  });

  it('[G-8] display rounding is half-up on the exact value (half away from zero for negatives)', () => {
    expect(roundToHundredths({ num: 3125, den: 1000 })).toBe(313);
    expect(roundToHundredths({ num: 3124, den: 1000 })).toBe(312);
    expect(roundToHundredths({ num: -125, den: 1000 })).toBe(-13);
    expect(roundToHundredths({ num: 1, den: 3 })).toBe(33);
    expect(roundToHundredths({ num: 2, den: 3 })).toBe(67);
    expect(roundToHundredths({ num: 0, den: 7 })).toBe(0);
  });

  it('[G-8] levels outside the scale, non-integers and unknown indicators are refused with reasons, not thrown', () => {
    const r = computeIndex(fw, { 1: 6, 2: -1, 3: 2.5, 4: '3', 5: Number.NaN, 48: 3, abc: 1, 6: 5, 7: 0 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { field: 'levels.1', key: 'governance.spbe.level.out_of_scale', params: { indicator: 1, level: 6, min: 0, max: 5 } },
      { field: 'levels.2', key: 'governance.spbe.level.out_of_scale', params: { indicator: 2, level: -1, min: 0, max: 5 } },
      { field: 'levels.3', key: 'governance.spbe.level.not_integer', params: { indicator: 3, level: '2.5' } },
      { field: 'levels.4', key: 'governance.spbe.level.not_integer', params: { indicator: 4, level: '3' } },
      { field: 'levels.5', key: 'governance.spbe.level.not_integer', params: { indicator: 5, level: 'NaN' } },
      { field: 'levels.48', key: 'governance.spbe.level.unknown_indicator', params: { indicator: '48' } },
      { field: 'levels.abc', key: 'governance.spbe.level.unknown_indicator', params: { indicator: 'abc' } },
    ]);
  });

  it('[G-8] an inconsistent framework is refused by computeIndex with its problems', () => {
    const broken = spbe2018();
    broken.indicators[0]!.weightHundredths = 140;
    const r = computeIndex(broken, range(1, 47, 3));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.key)).toEqual(['governance.spbe.framework.weights_sum', 'governance.spbe.framework.domain_weight']);
  });
});

// A second, made-up framework version loaded from JSON (no code changes): another scale (1–4),
// other predicates, two domains, three aspects, weights given as numbers and strings.
const otherJson: FrameworkJson = {
  id: 'ipd-test',
  name: 'Indeks Pemerintah Digital (contoh uji)',
  version: '2025-test',
  scale: { min: 1, max: 4 },
  levelNames: { process: [{ level: 1, name: 'Awal' }, { level: 4, name: 'Unggul' }], service: [] },
  predicates: [
    { min: 1, label: 'Rendah' },
    { min: 2.5, label: 'Sedang' },
    { min: '3.5', label: 'Tinggi' },
  ],
  domains: [
    { key: 'A', name: 'Domain A', weight: 50 },
    { key: 'B', name: 'Domain B', weight: '50.00' },
  ],
  aspects: [
    { key: 'a1', name: 'Aspek 1', domain: 'A' },
    { key: 'b1', name: 'Aspek 2', domain: 'B' },
    { key: 'b2', name: 'Aspek 3', domain: 'B' },
  ],
  indicators: [
    { number: 1, name: 'I1', domain: 'A', aspect: 'a1', weight: 10, kind: 'process' },
    { number: 2, name: 'I2', domain: 'A', aspect: 'a1', weight: 15.5, kind: 'process' },
    { number: 3, name: 'I3', domain: 'A', aspect: 'a1', weight: '24.50', kind: 'process', levels: { '1': 'Belum', '4': 'Penuh' } },
    { number: 4, name: 'I4', domain: 'B', aspect: 'b1', weight: 20, kind: 'service' },
    { number: 5, name: 'I5', domain: 'B', aspect: 'b2', weight: 12.25, kind: 'service' },
    { number: 6, name: 'I6', domain: 'B', aspect: 'b2', weight: '17.75', kind: 'service' },
  ],
};

describe('SPBE framework versions and year-on-year comparison', () => {
  it('[G-8] a second framework version loaded from JSON computes without code changes', () => {
    const loaded = loadFrameworkJson(JSON.parse(JSON.stringify(otherJson)));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const fw = loaded.framework;
    // Levels 4, 3, 2, 1, 4, 3:
    //   A: 10×4 + 15.5×3 + 24.5×2 = 40 + 46.5 + 49 = 135.5 → /50 = 2.71 Sedang
    //   B: 20×1 + 12.25×4 + 17.75×3 = 20 + 49 + 53.25 = 122.25 → /50 = 2.445 → 2.45 (half-up) Rendah
    //     b1: 20/20 = 1.00; b2: 102.25/30 = 3.4083… → 3.41
    //   overall: (135.5 + 122.25) / 100 = 2.5775 → 2.58 Sedang
    const r = compute(fw, { 1: 4, 2: 3, 3: 2, 4: 1, 5: 4, 6: 3 });
    expect([r.index.text, r.predicate, r.frameworkId]).toEqual(['2.58', 'Sedang', 'ipd-test']);
    expect(r.domains.map((d) => [d.key, d.index.text, d.predicate])).toEqual([
      ['A', '2.71', 'Sedang'],
      ['B', '2.45', 'Rendah'],
    ]);
    expect(r.aspects.map((a) => [a.key, a.index.text])).toEqual([
      ['a1', '2.71'],
      ['b1', '1.00'],
      ['b2', '3.41'],
    ]);
    // Its scale is 1–4: level 0 and 5 are outside it.
    const bad = computeIndex(fw, { 1: 0, 2: 5 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => [e.field, e.key])).toEqual([
      ['levels.1', 'governance.spbe.level.out_of_scale'],
      ['levels.2', 'governance.spbe.level.out_of_scale'],
    ]);
  });

  it('[G-8] year-on-year comparison: exact deltas per overall, domain and aspect', () => {
    const fw = spbe2018();
    const prev = compute(fw, range(1, 47, 3));
    const curr = compute(fw, mixed);
    const c = compareYears(prev, curr);
    expect(c.sameFramework).toBe(true);
    // 3.035 − 3.00 = 0.035 → +0.04 (half-up on the exact difference)
    expect([c.overall.prev!.text, c.overall.curr!.text, c.overall.delta!.text]).toEqual(['3.00', '3.04', '0.04']);
    expect([c.overall.prevPredicate, c.overall.currPredicate]).toEqual(['Baik', 'Baik']);
    const d = byKey(c.domains);
    expect(d.kebijakan!.delta!.text).toBe('1.00'); // 4.00 − 3.00
    expect(d.tata_kelola!.delta!.text).toBe('-0.80'); // 2.20 − 3.00
    expect(d.manajemen!.delta!.text).toBe('-1.55'); // 24/16.5 − 3 = −1.5454…
    expect(d.layanan!.delta!.text).toBe('0.79'); // 172.5/45.5 − 3 = 0.7912…
    expect([d.manajemen!.prevPredicate, d.manajemen!.currPredicate]).toEqual(['Baik', 'Kurang']);
    expect(byKey(c.aspects).audit_tik!.delta!.text).toBe('-3.00');
    expect(c.aspects).toHaveLength(8);
  });

  it('[G-8] comparing years scored on different framework versions matches by key and flags it', () => {
    const loaded = loadFrameworkJson(otherJson);
    if (!loaded.ok) throw new Error('fixture');
    const prev = compute(spbe2018(), range(1, 47, 3));
    const curr = compute(loaded.framework, { 1: 4, 2: 3, 3: 2, 4: 1, 5: 4, 6: 3 });
    const c = compareYears(prev, curr);
    expect(c.sameFramework).toBe(false);
    expect(c.overall.delta!.text).toBe('-0.42'); // 2.5775 − 3 = −0.4225 → −0.42
    expect(c.domains.map((x) => [x.key, x.prev?.text ?? null, x.curr?.text ?? null, x.delta])).toEqual([
      ['A', null, '2.71', null],
      ['B', null, '2.45', null],
      ['kebijakan', '3.00', null, null],
      ['tata_kelola', '3.00', null, null],
      ['manajemen', '3.00', null, null],
      ['layanan', '3.00', null, null],
    ]);
  });
});
