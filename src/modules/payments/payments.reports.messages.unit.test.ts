// Every key the report pages, API and e-mail use exists in Indonesian and English.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allMessageKeys } from '../../platform/views/i18n.ts';
import { dailySummaryMail } from './daily-summary.ts';
import { manualReasons } from './matching.ts';
import { checkPeriod, presetPeriod, periodInstants, localToday, type DailySummary } from './payments.reports.service.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));

describe('payment report messages and periods', () => {
  it('[P-11] every literal key of the report files exists in both languages', () => {
    const used = new Set<string>();
    for (const f of ['payments.reports.views.tsx', 'payments.reports.routes.tsx', 'payments.reports.service.ts', 'daily-summary.ts']) {
      const src = readFileSync(path.join(dir, f), 'utf8');
      for (const m of src.matchAll(/'(payments\.(?:reports|daily)\.[a-z0-9_.-]+)'/g)) used.add(m[1]!);
    }
    used.delete('payments.reports.read'); // a policy action, not a message
    for (const r of manualReasons) used.add(`payments.daily.reason.${r}`);
    for (const p of ['bulan-ini', 'bulan-lalu', 'tahun-ini']) used.add(`payments.reports.preset.${p}`);
    const id = new Set(allMessageKeys('id'));
    const en = new Set(allMessageKeys('en'));
    expect([...used].filter((k) => !id.has(k) || !en.has(k))).toEqual([]);
    expect(used.size).toBeGreaterThan(40);
  });

  it('[P-7] the e-mail is complete in both languages (no placeholder left)', () => {
    const s: DailySummary = {
      date: '2026-09-07',
      timeZone: 'Asia/Makassar',
      creditsImported: 4,
      creditsImportedAmount: 218_000,
      matchedAutomatically: 1,
      matchedByHand: 1,
      stillManual: { unmatched: 0, ambiguous: 1, partial: 2, over: 0, late: 0, early: 0, duplicate_payment: 0 },
      stillManualTotal: 3,
      queueTotal: 7,
      billsPaid: 2,
      amountReceived: 500_000,
    };
    for (const locale of ['id', 'en'] as const) {
      const m = dailySummaryMail(locale, s, { name: 'A', regionScope: true }, { baseUrl: 'https://simpul.example', regionName: 'Provinsi Uji' });
      expect(m.subject + m.text).not.toMatch(/[{}]/);
      expect(m.text).toContain('Rp 500.000');
      expect(m.text).toContain('https://simpul.example/kelola/keuangan/ringkasan-harian?tanggal=2026-09-07');
    }
  });

  it('[P-7] presets and periods follow the region time zone', () => {
    // 1 January 2027 00:30 WIT is still 31 December 2026 in UTC
    const now = new Date('2026-12-31T15:30:00Z');
    expect(localToday(now, 'Asia/Jayapura')).toBe('2027-01-01');
    expect(localToday(now, 'Asia/Jakarta')).toBe('2026-12-31');
    expect(presetPeriod('bulan-ini', now, 'Asia/Jayapura')).toEqual({ from: '2027-01-01', to: '2027-01-31' });
    expect(presetPeriod('bulan-lalu', now, 'Asia/Jayapura')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('tahun-ini', now, 'Asia/Jakarta')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(presetPeriod('bulan-lalu', new Date('2028-03-10T00:00:00Z'), 'Asia/Jakarta')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodInstants({ from: '2026-11-01', to: '2026-11-30' }, 'Asia/Makassar')).toEqual({ start: new Date('2026-10-31T16:00:00Z'), end: new Date('2026-11-30T16:00:00Z') });
    expect(checkPeriod({ from: '2026-02-29', to: '2026-03-01' })).toEqual([{ field: 'from', key: 'payments.reports.invalid_date' }]);
    expect(checkPeriod({ from: '2026-03-02', to: '2026-03-01' })).toEqual([{ field: 'to', key: 'payments.reports.to_before_from' }]);
    expect(checkPeriod({ from: '2020-01-01', to: '2026-03-01' })).toEqual([{ field: 'to', key: 'payments.reports.period_too_long' }]);
    expect(checkPeriod({ from: '2026-01-01', to: '2026-01-01' })).toEqual([]);
  });
});
