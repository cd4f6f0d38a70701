// Pure helpers of governance planning: evidence links, Rupiah input, PeGI category bands,
// review reminder (injected clock), millions in the master-plan matrix, report periods.
import { describe, expect, it } from 'vitest';
import { evidenceLines, parseRupiah, pegiCategory, reviewDue } from './planning.service.ts';
import { millionsCell, reportPeriod } from './planning.pdf.ts';

describe('governance planning helpers', () => {
  it('[G-8] evidence is an http(s) link or a Simpul path, one per line', () => {
    expect(evidenceLines(' https://jdih.ujiprov.go.id/sk-1 \n\n/kelola/tata-kelola/aplikasi\n')).toEqual({ lines: ['https://jdih.ujiprov.go.id/sk-1', '/kelola/tata-kelola/aplikasi'], bad: null });
    expect(evidenceLines('javascript:alert(1)').bad).toBe('javascript:alert(1)');
    expect(evidenceLines('//evil.example/x').bad).toBe('//evil.example/x');
    expect(evidenceLines('SK Gubernur').bad).toBe('SK Gubernur');
  });

  it('[G-15] costs are whole Rupiah', () => {
    expect(parseRupiah('1.500.000.000')).toBe(1_500_000_000);
    expect(parseRupiah('Rp 250000')).toBe(250_000);
    expect(parseRupiah(0)).toBe(0);
    for (const bad of ['1,5', '1.50', '-5', '12.34.567', 'satu juta']) expect(parseRupiah(bad)).toBeNull();
    expect(parseRupiah(1.5)).toBeNull();
  });

  it('[G-8] PeGI categories on the exact average (seed 003 Tabel 1: 2.51 Baik, 2.01 Kurang)', () => {
    expect(pegiCategory({ num: 251, den: 100 })).toBe('gov.plan.pegi.cat.good');
    expect(pegiCategory({ num: 1254, den: 500 })).toBe('gov.plan.pegi.cat.poor'); // 2.508
    expect(pegiCategory({ num: 201, den: 100 })).toBe('gov.plan.pegi.cat.poor');
    expect(pegiCategory({ num: 150, den: 100 })).toBe('gov.plan.pegi.cat.very_poor');
    expect(pegiCategory({ num: 351, den: 100 })).toBe('gov.plan.pegi.cat.very_good');
  });

  it('[G-3] review reminder: more than two years after the last review, in the region time zone', () => {
    const plan = { reviews: [], approvedAt: new Date('2024-02-28T20:00:00Z'), createdAt: new Date('2024-01-01T00:00:00Z') }; // 29 Feb 2024 WIT
    expect(reviewDue(plan, new Date('2026-02-28T12:00:00Z'), 'Asia/Jayapura')).toEqual({ due: false, since: '2024-02-29' });
    expect(reviewDue(plan, new Date('2026-03-01T12:00:00Z'), 'Asia/Jayapura').due).toBe(true);
  });

  it('[G-3] the master-plan matrix shows exact millions of Rupiah', () => {
    expect(millionsCell(1_500_000_000)).toBe('1.500');
    expect(millionsCell(750_000_000)).toBe('750');
    expect(millionsCell(1_250_000)).toBe('1,25');
    expect(millionsCell(1)).toBe('0,000001');
    expect(millionsCell(0)).toBe('0');
  });

  it('[E-4] report periods start at midnight in the region time zone', () => {
    const t = (k: string, p?: Record<string, string | number>) => `${k}:${JSON.stringify(p)}`;
    const q3 = reportPeriod({ kind: 'quarter', year: 2026, quarter: 3 }, 'Asia/Makassar', t);
    expect(q3.from.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(q3.to.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    const y = reportPeriod({ kind: 'year', year: 2026 }, 'Asia/Jakarta', t);
    expect([y.from.toISOString(), y.to.toISOString()]).toEqual(['2025-12-31T17:00:00.000Z', '2026-12-31T17:00:00.000Z']);
  });
});
