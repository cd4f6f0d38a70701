import { describe, expect, it } from 'vitest';
import { computeIkm, ikmCategory, parseScores } from './ikm.rules.ts';

const equal = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((code) => ({ code, weight: code === 9 ? 0.111112 : 0.111111 }));
const all = (v: number) => Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => [String(c), v]));

describe('IKM (Permenpan RB 14/2017)', () => {
  it('[C-4] worked example: NRR per element, weighted IKM, ×25 conversion and category', () => {
    const a = { '1': 4, '2': 4, '3': 3, '4': 3, '5': 4, '6': 4, '7': 3, '8': 3, '9': 4 };
    const b = all(3);
    const r = computeIkm([a, b], equal)!;
    expect(r.respondents).toBe(2);
    expect(r.nrr.map((e) => e.nrr)).toEqual([3.5, 3.5, 3, 3, 3.5, 3.5, 3, 3, 3.5]);
    // (5 × 3.5 + 4 × 3) / 9 = 29.5 / 9 = 3.2778; × 25 = 81.94 → B (Baik)
    expect(r.ikm).toBeCloseTo(29.5 / 9, 5);
    expect(r.converted).toBeCloseTo(81.94, 2);
    expect(r.category).toBe('B');
  });

  it('[C-4] extremes and category boundaries as the regulation writes them', () => {
    expect(computeIkm([all(4)], equal)!.converted).toBeCloseTo(100, 6);
    expect(computeIkm([all(1)], equal)!.converted).toBeCloseTo(25, 6);
    expect(ikmCategory(64.99)).toBe('D');
    expect(ikmCategory(65)).toBe('C');
    expect(ikmCategory(76.6)).toBe('C');
    expect(ikmCategory(76.61)).toBe('B');
    expect(ikmCategory(88.3)).toBe('B');
    expect(ikmCategory(88.31)).toBe('A');
    expect(computeIkm([], equal)).toBeNull();
  });

  it('[C-4] weights are data: a re-weighted element moves the index', () => {
    const weights = [{ code: 1, weight: 0.5 }, { code: 2, weight: 0.5 }];
    expect(computeIkm([{ '1': 4, '2': 2 }], weights)!.ikm).toBe(3);
    expect(computeIkm([{ '1': 4, '2': 2 }], [{ code: 1, weight: 0.75 }, { code: 2, weight: 0.25 }])!.ikm).toBe(3.5);
  });

  it('[C-4] every element must be answered 1–4', () => {
    expect(parseScores({ u1: '4', u2: '3', u3: '2', u4: '1', u5: '4', u6: '4', u7: '4', u8: '4', u9: '4' })).not.toBeNull();
    expect(parseScores({ u1: '5', u2: '3', u3: '2', u4: '1', u5: '4', u6: '4', u7: '4', u8: '4', u9: '4' })).toBeNull();
    expect(parseScores({ u1: '4' })).toBeNull();
  });
});
