// Periods of the dashboard (pure): a kind and an anchor date give an inclusive range of local
// dates; the comparison ranges are the period before and the same period a year earlier.
export const periodKinds = ['hari', 'minggu', 'bulan', 'triwulan', 'tahun'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export interface DateRange {
  from: string;
  to: string;
}

export interface Period extends DateRange {
  kind: PeriodKind;
  anchor: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parse = (s: string) => new Date(`${s}T00:00:00Z`);

export function isLocalDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = parse(s);
  return !Number.isNaN(d.getTime()) && iso(d) === s;
}

export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

function addMonths(date: string, months: number): string {
  const d = parse(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return iso(d);
}

export function periodOf(kind: PeriodKind, anchor: string): Period {
  const d = parse(anchor);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  let from: Date;
  let to: Date;
  switch (kind) {
    case 'hari':
      from = to = d;
      break;
    case 'minggu': {
      const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
      from = new Date(d.getTime() - dow * 86_400_000);
      to = new Date(from.getTime() + 6 * 86_400_000);
      break;
    }
    case 'bulan':
      from = new Date(Date.UTC(y, m, 1));
      to = new Date(Date.UTC(y, m + 1, 0));
      break;
    case 'triwulan': {
      const q = Math.floor(m / 3) * 3;
      from = new Date(Date.UTC(y, q, 1));
      to = new Date(Date.UTC(y, q + 3, 0));
      break;
    }
    case 'tahun':
      from = new Date(Date.UTC(y, 0, 1));
      to = new Date(Date.UTC(y, 11, 31));
      break;
  }
  return { kind, anchor, from: iso(from), to: iso(to) };
}

/** The period just before. */
export function previousPeriod(p: Period): Period {
  switch (p.kind) {
    case 'hari':
      return periodOf('hari', addDays(p.from, -1));
    case 'minggu':
      return periodOf('minggu', addDays(p.from, -7));
    case 'bulan':
      return periodOf('bulan', addMonths(p.from, -1));
    case 'triwulan':
      return periodOf('triwulan', addMonths(p.from, -3));
    case 'tahun':
      return periodOf('tahun', addMonths(p.from, -12));
  }
}

/** The same period a year earlier (a week: the week 52 weeks earlier, same weekdays). */
export function lastYearPeriod(p: Period): Period {
  if (p.kind === 'minggu') return periodOf('minggu', addDays(p.from, -364));
  return periodOf(p.kind, addMonths(p.anchor, -12));
}

/** Number of days in a range (inclusive). */
export function daysIn(r: DateRange): number {
  return Math.round((parse(r.to).getTime() - parse(r.from).getTime()) / 86_400_000) + 1;
}
