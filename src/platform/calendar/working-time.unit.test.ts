// Working-day arithmetic with an injected clock: every instant is a plain Date written with its
// local offset (+07:00 WIB, +08:00 WITA, +09:00 WIT), checked against the 2026 SKB calendar.
import { describe, expect, it } from 'vitest';
import { holidaySources, nationalHolidays, preloadedYears } from './holidays-data.ts';
import { HOUR_MS, WorkingCalendar, instantOfLocal, isValidLocalDate, localDateOf, zoneOffsetMs, type RegionTimeZone } from './working-time.ts';

const holidays = new Set(nationalHolidays.map((h) => h.date));
const cal = (timeZone: RegionTimeZone = 'Asia/Makassar') => new WorkingCalendar({ timeZone, holidays });
const wib = cal('Asia/Jakarta');
const wita = cal('Asia/Makassar');
const wit = cal('Asia/Jayapura');
const d = (iso: string) => new Date(iso);

describe('working days', () => {
  it('[P-6] weekends, national holidays and cuti bersama are not working days', () => {
    expect(wita.isWorkingDay('2026-03-17')).toBe(true); // Tuesday
    expect(wita.isWorkingDay('2026-03-18')).toBe(false); // cuti bersama Nyepi
    expect(wita.isWorkingDay('2026-03-19')).toBe(false); // Nyepi
    expect(wita.isWorkingDay('2026-03-21')).toBe(false); // Idulfitri (Saturday)
    expect(wita.isWorkingDay('2026-03-24')).toBe(false); // cuti bersama Idulfitri
    expect(wita.isWorkingDay('2026-03-25')).toBe(true);
    expect(wita.isWorkingDay('2026-03-28')).toBe(false); // Saturday
    expect(wita.isWorkingDay('2026-03-29')).toBe(false); // Sunday
    expect(new WorkingCalendar({ timeZone: 'Asia/Makassar' }).isWorkingDay('2026-03-24')).toBe(true);
  });

  it('[S-5] rejects dates that do not exist', () => {
    expect(() => wita.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => wita.isWorkingDay('2026-3-2')).toThrow(RangeError);
    expect(() => wita.isWorkingDay('')).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('[P-6] a deadline across the Nyepi–Idulfitri 2026 long weekend with cuti bersama', () => {
    // Tue 17 Mar 10:00 WITA; 18–24 Mar are cuti bersama, holidays or the weekend.
    const start = d('2026-03-17T10:00:00+08:00');
    expect(wita.addWorkingDays(start, 1)).toEqual(d('2026-03-25T16:00:00+08:00'));
    expect(wita.addWorkingDays(start, 3)).toEqual(d('2026-03-27T16:00:00+08:00'));
    expect(wita.addWorkingDays(start, 4)).toEqual(d('2026-03-30T16:00:00+08:00'));
    // Without the holiday calendar the same step would be due on Wednesday 18 March.
    expect(new WorkingCalendar({ timeZone: 'Asia/Makassar' }).addWorkingDays(start, 1)).toEqual(d('2026-03-18T16:00:00+08:00'));
  });

  it('[P-6] a deadline across Christmas 2026 (cuti bersama 24 December, then the weekend)', () => {
    const start = d('2026-12-23T09:00:00+07:00'); // Wednesday
    expect(wib.addWorkingDays(start, 1)).toEqual(d('2026-12-28T16:00:00+07:00'));
    expect(wib.addWorkingDays(start, 2)).toEqual(d('2026-12-29T16:00:00+07:00'));
    // Into 2027: 1 January (provisional) is a holiday, then the weekend.
    expect(wib.addWorkingDays(d('2026-12-31T10:00:00+07:00'), 1)).toEqual(d('2027-01-04T16:00:00+07:00'));
  });

  it('[P-6] a step started on Friday afternoon within hours counts from Monday', () => {
    const friday = d('2026-03-06T15:00:00+08:00');
    expect(wita.addWorkingDays(friday, 1)).toEqual(d('2026-03-09T16:00:00+08:00'));
    expect(wita.addWorkingDays(friday, 2)).toEqual(d('2026-03-10T16:00:00+08:00'));
    expect(wita.addWorkingDays(friday, 5)).toEqual(d('2026-03-13T16:00:00+08:00'));
  });

  it('[P-6] a step started on Friday after hours counts from Monday as well', () => {
    expect(wita.addWorkingDays(d('2026-03-06T17:30:00+08:00'), 1)).toEqual(d('2026-03-09T16:00:00+08:00'));
    expect(wita.addWorkingDays(d('2026-03-06T16:00:00+08:00'), 1)).toEqual(d('2026-03-09T16:00:00+08:00'));
  });

  it('[P-6] the start day counts only when the step started before the office opened', () => {
    expect(wita.addWorkingDays(d('2026-03-06T07:30:00+08:00'), 1)).toEqual(d('2026-03-06T16:00:00+08:00'));
    expect(wita.addWorkingDays(d('2026-03-06T08:00:00+08:00'), 1)).toEqual(d('2026-03-06T16:00:00+08:00'));
    expect(wita.addWorkingDays(d('2026-03-06T08:00:00.001+08:00'), 1)).toEqual(d('2026-03-09T16:00:00+08:00'));
  });

  it('[S-5] a step started on a Sunday counts from Monday', () => {
    expect(wita.addWorkingDays(d('2026-03-01T10:00:00+08:00'), 1)).toEqual(d('2026-03-02T16:00:00+08:00'));
    expect(wita.addWorkingDays(d('2026-03-01T23:59:59+08:00'), 3)).toEqual(d('2026-03-04T16:00:00+08:00'));
  });

  it('[S-5] a step started on a holiday counts from the next working day', () => {
    // Mon 17 Aug 2026, Proklamasi Kemerdekaan.
    expect(wib.addWorkingDays(d('2026-08-17T09:00:00+07:00'), 1)).toEqual(d('2026-08-18T16:00:00+07:00'));
    // Fri 15 May 2026, cuti bersama Kenaikan Yesus Kristus, then the weekend.
    expect(wib.addWorkingDays(d('2026-05-15T09:00:00+07:00'), 1)).toEqual(d('2026-05-18T16:00:00+07:00'));
    // Thu 14 May (holiday) → 15 May (cuti bersama) → weekend → Mon 18 May.
    expect(wib.addWorkingDays(d('2026-05-14T09:00:00+07:00'), 2)).toEqual(d('2026-05-19T16:00:00+07:00'));
  });

  it('[S-5] zero days means the same working day', () => {
    expect(wita.addWorkingDays(d('2026-03-02T10:00:00+08:00'), 0)).toEqual(d('2026-03-02T16:00:00+08:00'));
    expect(wita.addWorkingDays(d('2026-03-02T07:00:00+08:00'), 0)).toEqual(d('2026-03-02T16:00:00+08:00'));
    // At closing time the day is over.
    expect(wita.addWorkingDays(d('2026-03-02T16:00:00+08:00'), 0)).toEqual(d('2026-03-03T16:00:00+08:00'));
    expect(wita.addWorkingDays(d('2026-03-07T10:00:00+08:00'), 0)).toEqual(d('2026-03-09T16:00:00+08:00'));
    expect(wita.addWorkingDays(d('2026-03-17T16:30:00+08:00'), 0)).toEqual(d('2026-03-25T16:00:00+08:00'));
  });

  it('[S-5] rejects negative, fractional and non-finite days and invalid dates', () => {
    const start = d('2026-03-02T10:00:00+08:00');
    expect(() => wita.addWorkingDays(start, -1)).toThrow(RangeError);
    expect(() => wita.addWorkingDays(start, 1.5)).toThrow(RangeError);
    expect(() => wita.addWorkingDays(start, Number.NaN)).toThrow(RangeError);
    expect(() => wita.addWorkingDays(new Date('not a date'), 1)).toThrow(RangeError);
  });

  it('[S-5] leap year 2028: 29 February is a working day', () => {
    const c = new WorkingCalendar({ timeZone: 'Asia/Jakarta' });
    expect(c.isWorkingDay('2028-02-29')).toBe(true); // Tuesday
    expect(() => c.isWorkingDay('2027-02-29')).toThrow(RangeError);
    const monday = d('2028-02-28T10:00:00+07:00');
    expect(c.addWorkingDays(monday, 1)).toEqual(d('2028-02-29T16:00:00+07:00'));
    expect(c.addWorkingDays(monday, 2)).toEqual(d('2028-03-01T16:00:00+07:00'));
    expect(c.addWorkingHours(d('2028-02-28T15:00:00+07:00'), 9)).toEqual(d('2028-02-29T16:00:00+07:00'));
    expect(c.addWorkingHours(d('2028-02-28T15:00:00+07:00'), 10)).toEqual(d('2028-03-01T09:00:00+07:00'));
    expect(c.workingDaysBetween(d('2028-02-28T08:00:00+07:00'), d('2028-03-01T16:00:00+07:00'))).toBe(3);
  });

  it('[P-6] a 10-working-day SOP across two weekends and a holiday', () => {
    // Mon 11 May 2026 07:00 WIB: Thu 14 (holiday) and Fri 15 May (cuti bersama) do not count.
    const start = d('2026-05-11T07:00:00+07:00');
    expect(wib.addWorkingDays(start, 10)).toEqual(d('2026-05-26T16:00:00+07:00'));
    expect(wib.workingDaysBetween(start, wib.addWorkingDays(start, 10))).toBe(10);
  });
});

describe('time zones', () => {
  it('[S-5] derives the fixed offsets of WIB, WITA and WIT from the zone name', () => {
    expect(zoneOffsetMs('Asia/Jakarta')).toBe(7 * HOUR_MS);
    expect(zoneOffsetMs('Asia/Makassar')).toBe(8 * HOUR_MS);
    expect(zoneOffsetMs('Asia/Jayapura')).toBe(9 * HOUR_MS);
  });

  it('[S-5] local dates agree with Intl for instants around local midnight', () => {
    for (const zone of ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const) {
      const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
      const c = cal(zone);
      for (let t = Date.UTC(2027, 11, 30, 12); t < Date.UTC(2028, 0, 2); t += 17 * 60_000) {
        expect(c.localDate(new Date(t))).toBe(fmt.format(new Date(t)));
      }
    }
  });

  it('[P-6] the same instant gives different deadlines in WIB and WIT', () => {
    const instant = d('2026-03-02T07:30:00Z'); // Monday 14:30 WIB, 16:30 WIT
    expect(wib.localDate(instant)).toBe('2026-03-02');
    expect(wit.localDate(instant)).toBe('2026-03-02');
    expect(wib.addWorkingDays(instant, 0)).toEqual(d('2026-03-02T16:00:00+07:00'));
    expect(wit.addWorkingDays(instant, 0)).toEqual(d('2026-03-03T16:00:00+09:00')); // closed already
    expect(wib.addWorkingDays(instant, 1)).toEqual(d('2026-03-03T09:00:00Z'));
    expect(wit.addWorkingDays(instant, 1)).toEqual(d('2026-03-03T07:00:00Z'));
    expect(wib.addWorkingHours(instant, 2)).toEqual(d('2026-03-03T08:30:00+07:00'));
    expect(wit.addWorkingHours(instant, 2)).toEqual(d('2026-03-03T10:00:00+09:00'));
    expect(wib.workingMillisBetween(instant, d('2026-03-02T12:00:00Z'))).toBe(1.5 * HOUR_MS);
    expect(wit.workingMillisBetween(instant, d('2026-03-02T12:00:00Z'))).toBe(0);
  });

  it('[S-5] an instant that is Sunday night in WIB and Monday morning in WIT', () => {
    const instant = d('2026-03-01T16:30:00Z'); // Sun 23:30 WIB, Mon 01:30 WIT
    expect(wib.localDate(instant)).toBe('2026-03-01');
    expect(wit.localDate(instant)).toBe('2026-03-02');
    expect(wib.addWorkingDays(instant, 1)).toEqual(d('2026-03-02T16:00:00+07:00'));
    expect(wit.addWorkingDays(instant, 1)).toEqual(d('2026-03-02T16:00:00+09:00'));
    expect(wita.at('2026-03-02', '08:00')).toEqual(d('2026-03-02T08:00:00+08:00'));
  });
});

describe('addWorkingHours', () => {
  it('[P-6] crosses the end of the day and the weekend', () => {
    const friday = d('2026-03-06T14:00:00+07:00');
    expect(wib.addWorkingHours(friday, 1)).toEqual(d('2026-03-06T15:00:00+07:00'));
    expect(wib.addWorkingHours(friday, 2)).toEqual(d('2026-03-06T16:00:00+07:00')); // closing, not Monday 08:00
    expect(wib.addWorkingHours(friday, 3)).toEqual(d('2026-03-09T09:00:00+07:00'));
    expect(wib.addWorkingHours(friday, 10)).toEqual(d('2026-03-09T16:00:00+07:00'));
    expect(wib.addWorkingHours(friday, 11)).toEqual(d('2026-03-10T09:00:00+07:00'));
    expect(wib.addWorkingHours(friday, 0.25)).toEqual(d('2026-03-06T14:15:00+07:00'));
  });

  it('[P-6] a step started on Friday afternoon with 8 working hours is due on Monday afternoon', () => {
    expect(wita.addWorkingHours(d('2026-03-06T15:00:00+08:00'), 8)).toEqual(d('2026-03-09T15:00:00+08:00'));
    expect(wita.addWorkingHours(d('2026-03-06T18:00:00+08:00'), 8)).toEqual(d('2026-03-09T16:00:00+08:00'));
  });

  it('[P-6] skips the long weekend of Idulfitri 2026', () => {
    expect(wita.addWorkingHours(d('2026-03-17T14:00:00+08:00'), 4)).toEqual(d('2026-03-25T10:00:00+08:00'));
  });

  it('[S-5] zero hours is the start itself, even outside working hours', () => {
    const saturday = d('2026-03-07T10:00:00+08:00');
    expect(wita.addWorkingHours(saturday, 0)).toEqual(saturday);
    expect(wita.addWorkingHours(saturday, 1)).toEqual(d('2026-03-09T09:00:00+08:00'));
    expect(() => wita.addWorkingHours(saturday, -1)).toThrow(RangeError);
    expect(() => wita.addWorkingHours(saturday, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('[S-5] is the inverse of workingMillisBetween, to the millisecond', () => {
    const starts = ['2026-03-06T14:00:00+08:00', '2026-03-07T03:00:00+08:00', '2026-03-17T15:59:59.999+08:00', '2026-12-23T07:00:00+08:00'];
    for (const s of starts) {
      for (const h of [0.001, 1, 7.5, 8, 8.000001, 40, 100]) {
        const due = wita.addWorkingHours(d(s), h);
        expect(wita.workingMillisBetween(d(s), due)).toBe(Math.round(h * HOUR_MS));
        expect(Number.isInteger(due.getTime())).toBe(true);
      }
    }
  });
});

describe('workingMillisBetween', () => {
  it('[P-6] counts only working hours', () => {
    expect(wib.workingMillisBetween(d('2026-03-02T09:00:00+07:00'), d('2026-03-02T11:30:00+07:00'))).toBe(2.5 * HOUR_MS);
    expect(wib.workingMillisBetween(d('2026-03-06T15:00:00+07:00'), d('2026-03-09T09:00:00+07:00'))).toBe(2 * HOUR_MS);
    expect(wib.workingMillisBetween(d('2026-03-02T00:00:00+07:00'), d('2026-03-09T00:00:00+07:00'))).toBe(40 * HOUR_MS);
    expect(wib.workingMillisBetween(d('2026-03-16T00:00:00+07:00'), d('2026-03-30T00:00:00+07:00'))).toBe(5 * 8 * HOUR_MS);
    expect(wib.workingDaysBetween(d('2026-03-06T08:00:00+07:00'), d('2026-03-09T12:00:00+07:00'))).toBe(1.5);
  });

  it('[S-5] is antisymmetric, and zero outside working hours in both directions', () => {
    const pairs: Array<[string, string]> = [
      ['2026-03-06T15:00:00+07:00', '2026-03-09T09:00:00+07:00'],
      ['2026-03-17T10:00:00+07:00', '2026-03-27T13:45:00+07:00'],
      ['2026-03-06T17:00:00+07:00', '2026-03-09T07:00:00+07:00'],
      ['2026-03-02T10:00:00+07:00', '2026-03-02T10:00:00+07:00'],
    ];
    for (const [a, b] of pairs) {
      const ab = wib.workingMillisBetween(d(a), d(b));
      const ba = wib.workingMillisBetween(d(b), d(a));
      expect(ba).toBe(ab === 0 ? 0 : -ab);
      expect(Object.is(ab, -0) || Object.is(ba, -0)).toBe(false);
      expect(wib.workingDaysBetween(d(b), d(a))).toBe(ba / wib.workdayMs);
    }
    expect(wib.workingMillisBetween(d('2026-03-06T17:00:00+07:00'), d('2026-03-09T07:00:00+07:00'))).toBe(0);
  });

  it('[S-5] a working-day deadline from before opening allows exactly N working days', () => {
    for (const n of [1, 2, 5, 14, 30]) {
      const start = d('2026-03-02T06:00:00+08:00');
      expect(wita.workingMillisBetween(start, wita.addWorkingDays(start, n))).toBe(n * 8 * HOUR_MS);
    }
  });
});

describe('slaState', () => {
  // Mon 2 Mar 2026 08:00 WITA, 5 working days: due Fri 6 Mar 16:00, 40 working hours.
  const start = d('2026-03-02T08:00:00+08:00');
  const due = wita.addWorkingDays(start, 5);

  it('[P-6] on time, nearing from 80 % of the allowed working time, overdue after the deadline', () => {
    expect(due).toEqual(d('2026-03-06T16:00:00+08:00'));
    expect(wita.slaState(d('2026-03-02T09:00:00+08:00'), start, due)).toBe('on_time');
    // 32 working hours = Thursday 16:00.
    expect(wita.slaState(d('2026-03-05T15:59:59.999+08:00'), start, due)).toBe('on_time');
    expect(wita.slaState(d('2026-03-05T16:00:00+08:00'), start, due)).toBe('nearing');
    expect(wita.slaState(d('2026-03-05T20:00:00+08:00'), start, due)).toBe('nearing');
    expect(wita.slaState(due, start, due)).toBe('nearing');
    expect(wita.slaState(new Date(due.getTime() + 1), start, due)).toBe('overdue');
    // Overdue after closing even though no working time passed since the deadline.
    expect(wita.slaState(d('2026-03-06T16:30:00+08:00'), start, due)).toBe('overdue');
    expect(wita.slaState(d('2026-03-09T09:00:00+08:00'), start, due)).toBe('overdue');
  });

  it('[P-6] the nearing threshold is configurable', () => {
    expect(wita.slaState(d('2026-03-04T12:00:00+08:00'), start, due, 0.5)).toBe('nearing'); // 20 h of 40
    expect(wita.slaState(d('2026-03-04T11:59:59+08:00'), start, due, 0.5)).toBe('on_time');
    expect(wita.slaState(d('2026-03-05T16:00:00+08:00'), start, due, 0.9)).toBe('on_time');
    expect(wita.slaState(d('2026-03-06T12:00:00+08:00'), start, due, 0.9)).toBe('nearing'); // 36 h
    expect(wita.slaState(d('2026-03-06T15:59:00+08:00'), start, due, 1)).toBe('on_time');
    expect(wita.slaState(start, start, due, 0)).toBe('nearing');
  });

  it('[S-5] before the start, zero allowed time and invalid ratios', () => {
    expect(wita.slaState(d('2026-03-01T10:00:00+08:00'), start, due)).toBe('on_time');
    const saturday = d('2026-03-07T10:00:00+08:00');
    expect(wita.slaState(saturday, saturday, wita.addWorkingHours(saturday, 0))).toBe('nearing');
    expect(() => wita.slaState(start, start, due, 1.2)).toThrow(RangeError);
    expect(() => wita.slaState(start, start, due, -0.1)).toThrow(RangeError);
    expect(() => wita.slaState(start, start, due, Number.NaN)).toThrow(RangeError);
  });

  it('[P-6] a step due across the Idulfitri 2026 long weekend is not nearing during the holidays', () => {
    const s = d('2026-03-16T08:00:00+08:00'); // Monday
    const dueAt = wita.addWorkingDays(s, 3); // Mon 16, Tue 17, Wed 25
    expect(dueAt).toEqual(d('2026-03-25T16:00:00+08:00'));
    expect(wita.slaState(d('2026-03-17T11:00:00+08:00'), s, dueAt)).toBe('on_time'); // 11 h of 24
    expect(wita.slaState(d('2026-03-23T12:00:00+08:00'), s, dueAt)).toBe('on_time'); // still 16 h
    expect(wita.slaState(d('2026-03-25T11:12:00+08:00'), s, dueAt)).toBe('nearing'); // 19.2 h = 80 %
  });
});

describe('calendar options', () => {
  it('[P-6] a custom working window and a six-day week', () => {
    const c = new WorkingCalendar({ timeZone: 'Asia/Jayapura', workdayStart: '07:30', workdayEnd: '15:00', weekend: [0] });
    expect(c.workdayMs).toBe(7.5 * HOUR_MS);
    expect(c.isWorkingDay('2026-03-07')).toBe(true); // Saturday
    expect(c.addWorkingDays(d('2026-03-06T10:00:00+09:00'), 1)).toEqual(d('2026-03-07T15:00:00+09:00'));
    expect(c.addWorkingHours(d('2026-03-07T14:00:00+09:00'), 2)).toEqual(d('2026-03-09T08:30:00+09:00'));
  });

  it('[S-5] rejects broken configurations', () => {
    expect(() => new WorkingCalendar({ timeZone: 'Asia/Jakarta', workdayStart: '16:00', workdayEnd: '08:00' })).toThrow(RangeError);
    expect(() => new WorkingCalendar({ timeZone: 'Asia/Jakarta', workdayStart: '8:00' })).toThrow(RangeError);
    expect(() => new WorkingCalendar({ timeZone: 'Asia/Jakarta', weekend: [0, 1, 2, 3, 4, 5, 6] })).toThrow(RangeError);
    expect(() => new WorkingCalendar({ timeZone: 'Asia/Jakarta', weekend: [7] })).toThrow(RangeError);
    expect(() => new WorkingCalendar({ timeZone: 'Asia/Jakarta', holidays: ['2026-13-01'] })).toThrow(RangeError);
    expect(() => new WorkingCalendar({ timeZone: 'Europe/Berlin' as RegionTimeZone })).toThrow(RangeError);
  });
});

describe('preloaded holiday data', () => {
  const byYear = (y: number) => nationalHolidays.filter((h) => h.date.startsWith(`${y}-`));
  const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

  it('[S-5] has valid, unique dates with non-empty names and known kinds', () => {
    const dates = nationalHolidays.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    for (const h of nationalHolidays) {
      expect(isValidLocalDate(h.date), h.date).toBe(true);
      expect(h.name.trim().length, h.date).toBeGreaterThan(0);
      expect(['libur_nasional', 'cuti_bersama']).toContain(h.kind);
    }
    expect(preloadedYears).toEqual([2025, 2026, 2027]);
    for (const y of preloadedYears) expect(holidaySources[y]).toBeTruthy();
  });

  it('[P-6] 2025 and 2026 follow the SKB: 17 libur nasional each, 11 and 8 cuti bersama', () => {
    for (const [year, libur, cuti] of [[2025, 17, 11], [2026, 17, 8]] as const) {
      const list = byYear(year);
      expect(list.filter((h) => h.kind === 'libur_nasional')).toHaveLength(libur);
      expect(list.filter((h) => h.kind === 'cuti_bersama')).toHaveLength(cuti);
      expect(list.some((h) => h.provisional)).toBe(false);
    }
    // Cuti bersama are set on working days (Monday–Friday).
    for (const h of nationalHolidays.filter((x) => x.kind === 'cuti_bersama')) {
      expect([1, 2, 3, 4, 5], h.date).toContain(weekday(h.date));
    }
    expect(byYear(2026).filter((h) => h.kind === 'cuti_bersama').map((h) => h.date)).toEqual([
      '2026-02-16', '2026-03-18', '2026-03-20', '2026-03-23', '2026-03-24', '2026-05-15', '2026-05-28', '2026-12-24',
    ]);
  });

  it('[P-6] every 2027 entry is provisional, and Easter 2027 matches the computus', () => {
    const list = byYear(2027);
    expect(list.length).toBeGreaterThan(10);
    expect(list.every((h) => h.provisional === true)).toBe(true);
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const easter = (y: number) => {
      const a = y % 19, b = Math.floor(y / 100), c = y % 100, dd = Math.floor(b / 4), e = b % 4;
      const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - dd - g + 15) % 30;
      const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
      const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
      return Date.UTC(y, month - 1, day);
    };
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    for (const y of [2025, 2026, 2027]) {
      const dates = new Set(byYear(y).map((h) => h.date));
      expect(dates.has(iso(easter(y))), `Paskah ${y}`).toBe(true);
      expect(dates.has(iso(easter(y) - 2 * 86_400_000)), `Wafat Yesus Kristus ${y}`).toBe(true);
      expect(dates.has(iso(easter(y) + 39 * 86_400_000)), `Kenaikan ${y}`).toBe(true);
      for (const fixed of ['01-01', '05-01', '06-01', '08-17', '12-25']) expect(dates.has(`${y}-${fixed}`), `${y}-${fixed}`).toBe(true);
    }
  });
});

describe('local dates and instants in the region time zone', () => {
  it('[P-6] the local date of an instant, early morning included', () => {
    expect(localDateOf('Asia/Makassar', new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
    expect(localDateOf('Asia/Jakarta', new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-22');
    expect(localDateOf('Asia/Jayapura', new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
  });

  it('[P-6] the instant of a local date and time; unreal dates and times are null', () => {
    expect(instantOfLocal('Asia/Makassar', '2030-05-06', '06:30')?.toISOString()).toBe('2030-05-05T22:30:00.000Z');
    expect(instantOfLocal('Asia/Jakarta', '2026-01-01')?.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(instantOfLocal('Asia/Jayapura', '2026-03-01', '23.59')?.toISOString()).toBe('2026-03-01T14:59:00.000Z');
    expect(instantOfLocal('Asia/Makassar', '2030-02-31', '10:00')).toBeNull();
    expect(instantOfLocal('Asia/Makassar', '2030-02-01', '24:00')).toBeNull();
    expect(instantOfLocal('Asia/Makassar', '1-2-2030', '10:00')).toBeNull();
  });
});
