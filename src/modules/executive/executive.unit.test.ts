import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../platform/calendar/working-time.ts';
import { lastYearPeriod, periodOf, previousPeriod } from './executive.periods.ts';
import { addCase, caseRow, emptyDeltas, percentile, workingDaysTaken } from './executive.rollup.ts';

const cal = new WorkingCalendar({ timeZone: 'Asia/Makassar', holidays: new Set(['2030-01-07', '2030-01-08']) });
const wita = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);

describe('executive periods and summaries (pure)', () => {
  it('[E-1] periods, the period before and the same period last year', () => {
    expect(periodOf('minggu', '2026-12-10')).toMatchObject({ from: '2026-12-07', to: '2026-12-13' });
    expect(periodOf('triwulan', '2026-11-15')).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
    expect(previousPeriod(periodOf('bulan', '2026-03-31'))).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod(periodOf('hari', '2026-01-01'))).toMatchObject({ from: '2025-12-31', to: '2025-12-31' });
    expect(lastYearPeriod(periodOf('bulan', '2024-02-29'))).toMatchObject({ from: '2023-02-01', to: '2023-02-28' });
    expect(lastYearPeriod(periodOf('minggu', '2026-12-10'))).toMatchObject({ from: '2025-12-08', to: '2025-12-14' });
  });

  it('[E-3] working days skip holidays; percentiles by nearest rank; a fact added and taken away leaves nothing', () => {
    // Thu 7 h, Fri 8 h, (Sat–Tue off), Wed 2 h: 17 working hours = 3 started working days.
    expect(workingDaysTaken(cal, wita('2030-01-03 09:00'), wita('2030-01-09 10:00'))).toBe(3);
    expect(percentile([{ value: 2, n: 1 }, { value: 3, n: 2 }, { value: 5, n: 1 }], 50)).toBe(3);
    expect(percentile([{ value: 2, n: 1 }, { value: 3, n: 2 }, { value: 5, n: 1 }], 90)).toBe(5);
    expect(percentile([], 50)).toBeNull();
    const row = caseRow(cal, {
      id: 'x', trackingNumber: null, agencyId: 'a', serviceId: 's', channel: 'online', status: 'approved', assigned: false,
      submittedAt: wita('2030-01-03 09:00'), decidedAt: wita('2030-01-09 10:00'), dueAt: wita('2030-01-09 16:00'), lastActivityAt: wita('2030-01-09 10:00'),
      district: null, sentBack: true, steps: [],
    });
    expect(row).toMatchObject({ state: 'done', submittedOn: '2030-01-03', decidedOn: '2030-01-09', workingDays: 3, slaMet: true });
    const d = emptyDeltas();
    addCase(d, row, 1);
    addCase(d, row, -1);
    for (const table of Object.values(d)) for (const e of table.values()) for (const v of Object.values(e.add)) expect(v).toBe(0);
  });
});
