import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allMessageKeys } from '../../platform/views/i18n.ts';
import {
  buildSpbe2018,
  formatHundredths,
  frameworkProblems,
  frameworkToJson,
  levelName,
  loadFrameworkJson,
  parseHundredths,
  parseIndicatorsTsv,
  spbe2018,
  type FrameworkJson,
} from './spbe-framework.ts';

const keys = (ps: { key: string }[]) => ps.map((p) => p.key);

describe('SPBE framework as data', () => {
  it('[G-8] the built-in SPBE 2018 framework parses: 47 indicators, 4 domains, 8 aspects, weights summing to exactly 100', () => {
    const fw = spbe2018();
    expect(fw.indicators).toHaveLength(47);
    expect(fw.domains).toHaveLength(4);
    expect(fw.aspects).toHaveLength(8);
    expect(fw.indicators.reduce((s, i) => s + i.weightHundredths, 0)).toBe(10000);
    expect(frameworkProblems(fw)).toEqual([]);
    // STANDARDS §5: domain weights 13, 25, 16.5, 45.5.
    expect(fw.domains.map((d) => [d.key, formatHundredths(d.weightHundredths)])).toEqual([
      ['kebijakan', '13.00'],
      ['tata_kelola', '25.00'],
      ['manajemen', '16.50'],
      ['layanan', '45.50'],
    ]);
    expect(fw.indicators.map((i) => i.number)).toEqual(Array.from({ length: 47 }, (_, k) => k + 1));
    const i32 = fw.indicators.find((i) => i.number === 32)!;
    expect(i32).toMatchObject({ name: 'Layanan Perencanaan', domain: 'layanan', aspect: 'layanan_administrasi', weightHundredths: 275, kind: 'service' });
    expect(fw.indicators.find((i) => i.number === 1)).toMatchObject({ weightHundredths: 130, kind: 'process', aspect: 'kebijakan_tata_kelola' });
    expect(levelName(fw, 'process', 3)).toBe('Terdefinisi');
    expect(levelName(fw, 'service', 4)).toBe('Kolaborasi');
    expect(fw.predicates.map((p) => p.label)).toEqual(['Kurang', 'Cukup', 'Baik', 'Sangat Baik', 'Memuaskan']);
  });

  it('[G-8] spbe2018() hands out copies: changing one does not change the built-in framework', () => {
    const a = spbe2018();
    a.indicators[0]!.weightHundredths = 1;
    expect(spbe2018().indicators[0]!.weightHundredths).toBe(130);
  });

  it('[G-8] the committed TSV is the shared list (no, name, bobot) and parses without errors', () => {
    const text = readFileSync(new URL('./frameworks/spbe-2018.tsv', import.meta.url), 'utf8');
    expect(text.split('\n')[0]).toBe('no\tname\tbobot');
    const r = parseIndicatorsTsv(text);
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(47);
    expect(r.rows[46]).toEqual({ line: 48, number: 47, name: 'Layanan Publik Sektor 3', weightHundredths: 300 });
  });

  it('[G-8] decimals are read as integer hundredths without floating point', () => {
    expect(parseHundredths('1.30')).toBe(130);
    expect(parseHundredths('2.75')).toBe(275);
    expect(parseHundredths('16.5')).toBe(1650);
    expect(parseHundredths('1,30')).toBe(130);
    expect(parseHundredths('100')).toBe(10000);
    expect(parseHundredths('1.305')).toBeNull();
    expect(parseHundredths('-1')).toBeNull();
    expect(parseHundredths('1e2')).toBeNull();
    expect(parseHundredths('')).toBeNull();
    expect(formatHundredths(4550)).toBe('45.50');
    expect(formatHundredths(-5)).toBe('-0.05');
  });

  it('[G-8] a malformed TSV is reported line by line with message keys (nothing imported silently)', () => {
    const text = '\uFEFFNo\tNama\tBobot\r\n1\tA\t1.30\r\nx\tB\t1.30\r\n1\tC\t2.50\r\n4\t\t2\r\n5\tE\t1.305\r\n6\tF\t0\r\n7\tG\t1\textra\r\n\r\n8\tH\t3.00\r\n';
    const r = parseIndicatorsTsv(text);
    expect(r.errors.map((e) => [e.line, e.key])).toEqual([
      [3, 'governance.spbe.tsv.bad_number'],
      [4, 'governance.spbe.tsv.duplicate_number'],
      [5, 'governance.spbe.tsv.no_name'],
      [6, 'governance.spbe.tsv.bad_weight'],
      [7, 'governance.spbe.tsv.bad_weight'],
      [8, 'governance.spbe.tsv.extra_cells'],
    ]);
    expect(r.errors[1]!.params).toMatchObject({ value: 1, first: 2 });
    expect(r.rows.map((x) => x.number)).toEqual([1, 8]);
  });

  it('[G-8] a TSV without the needed columns, or empty, is refused at file level', () => {
    expect(parseIndicatorsTsv('no\tname\n1\tA\n').errors).toEqual([
      { line: 1, key: 'governance.spbe.tsv.missing_columns', params: { columns: 'bobot' } },
    ]);
    expect(keys(parseIndicatorsTsv('\n\n').errors)).toEqual(['governance.spbe.tsv.empty']);
    expect(keys(parseIndicatorsTsv('no\tname\tbobot\n').errors)).toEqual(['governance.spbe.tsv.no_indicators']);
  });

  it('[G-8] a framework whose weights do not sum to 100 is reported by frameworkProblems (total and domain)', () => {
    const fw = spbe2018();
    fw.indicators[0]!.weightHundredths = 140; // 1.40 instead of 1.30
    const problems = frameworkProblems(fw);
    expect(problems).toContainEqual({ key: 'governance.spbe.framework.weights_sum', params: { sum: '100.10', expected: '100.00' } });
    expect(problems).toContainEqual({ key: 'governance.spbe.framework.domain_weight', params: { domain: 'kebijakan', declared: '13.00', sum: '13.10' } });
  });

  it('[G-8] a domain weight that does not match its indicators is reported even when the total is 100', () => {
    const fw = spbe2018();
    fw.domains[0]!.weightHundredths = 1400;
    expect(frameworkProblems(fw)).toEqual([
      { key: 'governance.spbe.framework.domain_weight', params: { domain: 'kebijakan', declared: '14.00', sum: '13.00' } },
    ]);
  });

  it('[G-8] duplicate numbers, unknown domain/aspect, mismatched aspect and unordered predicates are reported', () => {
    const fw = spbe2018();
    fw.indicators[1]!.number = 1;
    fw.indicators[2]!.aspect = 'nope';
    fw.indicators[3]!.aspect = 'layanan_publik'; // belongs to domain layanan, indicator is in kebijakan
    fw.indicators[4]!.domain = 'ghost';
    fw.predicates = [fw.predicates[0]!, fw.predicates[2]!, fw.predicates[1]!, fw.predicates[3]!, fw.predicates[4]!];
    const k = keys(frameworkProblems(fw));
    expect(k).toContain('governance.spbe.framework.duplicate_number');
    expect(k).toContain('governance.spbe.framework.unknown_aspect');
    expect(k).toContain('governance.spbe.framework.aspect_domain_mismatch');
    expect(k).toContain('governance.spbe.framework.unknown_domain');
    expect(k).toContain('governance.spbe.framework.predicates_order');
  });

  it('[G-8] predicates must cover the bottom of the scale; level names must lie in the scale', () => {
    const fw = spbe2018();
    fw.predicates = fw.predicates.slice(1); // lowest now starts at 1.80
    fw.levelNames.process.push({ level: 6, name: 'Melampaui' });
    expect(frameworkProblems(fw)).toEqual([
      { key: 'governance.spbe.framework.predicates_gap', params: { min: '1.80' } },
      { key: 'governance.spbe.framework.level_name_outside_scale', params: { kind: 'process', level: 6 } },
    ]);
  });

  it('[G-8] an indicator number outside every SPBE 2018 aspect is reported when building from TSV', () => {
    const rows = parseIndicatorsTsv('no\tname\tbobot\n48\tExtra\t1\n').rows;
    expect(keys(buildSpbe2018(rows).problems)).toContain('governance.spbe.framework.unplaced_indicator');
  });

  it('[G-8] the built-in framework survives a JSON round trip (same data, loadable without code)', () => {
    const fw = spbe2018();
    const json = JSON.parse(JSON.stringify(frameworkToJson(fw))) as unknown;
    const loaded = loadFrameworkJson(json);
    expect(loaded).toEqual({ ok: true, framework: fw });
  });

  it('[G-8] a JSON framework with a weight of three decimals or a wrong sum is refused with reasons', () => {
    const json = frameworkToJson(spbe2018());
    const bad: FrameworkJson = { ...json, indicators: json.indicators.map((i, k) => (k === 0 ? { ...i, weight: 1.305 } : i)) };
    const r1 = loadFrameworkJson(bad);
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.errors).toEqual([{ field: 'indicators.0.weight', key: 'governance.spbe.json.bad_decimal', params: { field: 'indicators.0.weight' } }]);

    const off: FrameworkJson = { ...json, indicators: json.indicators.map((i, k) => (k === 0 ? { ...i, weight: '1.20' } : i)) };
    const r2 = loadFrameworkJson(off);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.errors.map((e) => e.key)).toEqual(['governance.spbe.framework.weights_sum', 'governance.spbe.framework.domain_weight']);

    const r3 = loadFrameworkJson({ id: 'x' });
    expect(r3.ok).toBe(false);
    if (!r3.ok) expect(r3.errors.every((e) => e.key === 'governance.spbe.json.invalid')).toBe(true);
  });

  it('[G-8] every governance message key used by the SPBE core exists in Indonesian and English', () => {
    const used = new Set<string>();
    for (const f of ['spbe-framework.ts', 'spbe-index.ts']) {
      const src = readFileSync(new URL(`./${f}`, import.meta.url), 'utf8');
      for (const m of src.matchAll(/'(governance\.[a-z_]+(?:\.[a-z0-9_]+)+)'/g)) used.add(m[1]!);
    }
    const id = new Set(allMessageKeys('id'));
    const en = new Set(allMessageKeys('en'));
    expect([...used].filter((k) => !id.has(k) || !en.has(k))).toEqual([]);
    expect(used.size).toBeGreaterThan(25);
  });
});
