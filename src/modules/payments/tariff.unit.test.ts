import { describe, expect, it } from 'vitest';
import { computeBill, multiplyHalfUp, parseQuantity } from './tariff.ts';

describe('tariff → bill lines', () => {
  it('[P-7] a free fee or none gives no lines and total 0', () => {
    expect(computeBill(null, {})).toEqual({ ok: true, lines: [], total: 0, regulation: '' });
    expect(computeBill({ kind: 'free' }, {})).toMatchObject({ ok: true, total: 0 });
  });

  it('[P-7] a fixed fee is one line of quantity 1', () => {
    const r = computeBill({ kind: 'fixed', amount: 150_000, regulation: 'Perda 1/2024' }, {});
    expect(r).toMatchObject({ ok: true, total: 150_000, lines: [{ lineNo: 1, rate: 150_000, quantity: '1', amount: 150_000 }] });
  });

  it('[P-7] decimal area × rate is exact and rounded half-up to whole Rupiah', () => {
    const fee = {
      kind: 'tariff' as const,
      regulation: 'Perda 5/2023',
      lines: [
        { label: 'Retribusi bangunan', amount: 12_345, unit: 'per m²', quantityField: 'luas' },
        { label: 'Biaya administrasi', amount: 50_000 },
      ],
    };
    // 12345 × 10.05 = 124067.25 → 124067 ; with floats 10.05*12345 = 124067.24999…
    let r = computeBill(fee, { luas: '10,05' });
    expect(r).toMatchObject({ ok: true, total: 124_067 + 50_000 });
    if (r.ok) expect(r.lines[0]).toMatchObject({ quantity: '10.05', amount: 124_067 });
    // 12345 × 0.5 = 6172.5 → 6173 (half-up)
    r = computeBill(fee, { luas: 0.5 });
    if (!r.ok) throw new Error('expected ok');
    expect(r.lines[0]!.amount).toBe(6_173);
    // 1.0005 × 999 = 999.4995 → 999
    expect(multiplyHalfUp(999, parseQuantity('1.0005').ok ? (parseQuantity('1.0005') as { scaled: bigint }).scaled : 0n)).toBe(999n);
    // a case where floats go wrong: 1.005 × 1000 → 1005 exactly
    expect(multiplyHalfUp(1000, (parseQuantity('1.005') as { scaled: bigint }).scaled)).toBe(1005n);
    expect(multiplyHalfUp(3, (parseQuantity('0.1667') as { scaled: bigint }).scaled)).toBe(1n); // 0.5001 → 1
    expect(multiplyHalfUp(1, (parseQuantity('0.4999') as { scaled: bigint }).scaled)).toBe(0n);
  });

  it('[P-7] a missing or invalid quantity is a clear error, not a guess', () => {
    const fee = { kind: 'tariff' as const, regulation: 'R', lines: [{ label: 'Luas', amount: 1000, quantityField: 'luas' }] };
    expect(computeBill(fee, {})).toMatchObject({ ok: false, error: { key: 'payments.tariff.quantity_missing', params: { field: 'luas' } } });
    expect(computeBill(fee, { luas: '  ' })).toMatchObject({ ok: false, error: { key: 'payments.tariff.quantity_missing' } });
    for (const bad of ['-1', 'abc', '1.23456', '1e3', '1.250.000', Number.NaN, true]) {
      expect(computeBill(fee, { luas: bad })).toMatchObject({ ok: false, error: { key: 'payments.tariff.quantity_invalid' } });
    }
    expect(computeBill(fee, { luas: '99999999999999' })).toMatchObject({ ok: false, error: { key: 'payments.tariff.too_large' } });
  });

  it('[P-7] quantities are canonical decimal strings', () => {
    expect(parseQuantity('007,50')).toMatchObject({ ok: true, text: '7.5' });
    expect(parseQuantity(3)).toMatchObject({ ok: true, text: '3' });
  });
});
