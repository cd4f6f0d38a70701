// Working time in the region's time zone (STANDARDS §8): deadlines in working days or
// working hours, elapsed working time, and the SLA state of a step. Pure: no I/O, no clock —
// every function takes the instants it needs, so tests inject the time as plain Dates.
//
// Model. A working day is a local calendar date that is not a weekend day and not in the
// holiday set (libur nasional, cuti bersama, libur daerah). Each working day has one working
// window [workdayStart, workdayEnd) in local time (default 08:00–16:00). Working time is the
// part of an interval that falls inside windows; all arithmetic is in integer milliseconds.
//
// Time zones. WIB (Asia/Jakarta, UTC+7), WITA (Asia/Makassar, UTC+8) and WIT (Asia/Jayapura,
// UTC+9) have no daylight saving time, so a local time is the UTC time plus a fixed offset.
// The offset is read once per zone from Intl (zoneOffsetMs, the only place that knows time
// zones) and checked to be constant; everything else works on "local milliseconds".
//
// Deadline rule for working days (addWorkingDays):
//   A *whole* working day of a step is a working day whose window opens at or after the moment
//   the step started. The deadline of N working days (N ≥ 1) is the close of the window
//   (workdayEnd) of the N-th whole working day. So the day a step starts counts only when the
//   step started before the office opened; a step started during office hours, after hours,
//   on a weekend or on a holiday counts from the next working day.
//   Examples (WITA, 08:00–16:00): started Friday 15:00, 1 day → Monday 16:00; started Friday
//   17:00 → Monday 16:00; started Sunday → Monday 16:00; started Monday 07:30 → Monday 16:00;
//   started Monday 08:00 → Monday 16:00; started Monday 08:01 → Tuesday 16:00.
//   N = 0 means "the same working day": the close of the window in which the step started, or
//   of the next window when it started outside working hours.
// Deadline rule for working hours (addWorkingHours): the earliest instant at which the
//   working time elapsed since the start equals the hours given (the inverse of
//   workingMillisBetween); when the time runs out exactly at closing, the deadline is the
//   closing time of that day, not the next opening. Zero hours → the start itself.

export type RegionTimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';

export interface WorkingCalendarOptions {
  timeZone: RegionTimeZone;
  /** Local dates 'YYYY-MM-DD' that are not working days (holidays and cuti bersama). */
  holidays?: Iterable<string>;
  /** Opening time 'HH:MM' (local), default '08:00'. */
  workdayStart?: string;
  /** Closing time 'HH:MM' (local), default '16:00'; later than workdayStart. */
  workdayEnd?: string;
  /** Days of the week that are never working days (0 = Sunday … 6 = Saturday), default [0, 6]. */
  weekend?: readonly number[];
}

export type SlaState = 'on_time' | 'nearing' | 'overdue';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** Scanning further than this many days for a working day means the calendar is broken. */
const MAX_SCAN_DAYS = 366 * 50;

const offsetCache = new Map<string, number>();

/**
 * The fixed UTC offset of a region's time zone in milliseconds (WIB +7 h, WITA +8 h, WIT +9 h),
 * read from Intl and verified to be the same in January and July (no DST).
 */
export function zoneOffsetMs(timeZone: RegionTimeZone): number {
  const cached = offsetCache.get(timeZone);
  if (cached !== undefined) return cached;
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  const read = (at: number): number => {
    const name = fmt.formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? '';
    const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
    if (!m) throw new RangeError(`Cannot read the UTC offset of ${timeZone} (${name})`);
    if (!m[1]) return 0;
    const ms = (Number(m[2]) * 60 + Number(m[3])) * MINUTE_MS;
    return m[1] === '-' ? -ms : ms;
  };
  const jan = read(Date.UTC(2025, 0, 15));
  const jul = read(Date.UTC(2025, 6, 15));
  if (jan !== jul) throw new RangeError(`${timeZone} has daylight saving time; only fixed-offset zones are supported`);
  offsetCache.set(timeZone, jan);
  return jan;
}

/** The calendar date ('YYYY-MM-DD') of `at` in the region's time zone. */
export function localDateOf(timeZone: RegionTimeZone, at: Date): string {
  return new Date(at.getTime() + zoneOffsetMs(timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant of a local date and time ('HH:MM' or 'HH.MM', default midnight) in the region's
 * time zone, or null when the date is not a real calendar date or the time is not a real time.
 */
export function instantOfLocal(timeZone: RegionTimeZone, localDate: string, time = '00:00'): Date | null {
  const day = dayNumber(localDate);
  const m = /^([01]\d|2[0-3])[:.]([0-5]\d)$/.exec(time);
  if (day === null || !m) return null;
  return new Date(day * DAY_MS + (Number(m[1]) * 60 + Number(m[2])) * MINUTE_MS - zoneOffsetMs(timeZone));
}

/** Parses 'YYYY-MM-DD' into days since 1970-01-01, or null when it is not a real date. */
export function dayNumber(localDate: string): number | null {
  const m = DATE_RE.exec(localDate);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / DAY_MS;
}

/** True when the string is a real calendar date in the form 'YYYY-MM-DD'. */
export function isValidLocalDate(localDate: string): boolean {
  return dayNumber(localDate) !== null;
}

function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function parseTime(value: string, what: string): number {
  const m = TIME_RE.exec(value);
  if (!m) throw new RangeError(`${what} must be 'HH:MM' (00:00–23:59), got '${value}'`);
  return (Number(m[1]) * 60 + Number(m[2])) * MINUTE_MS;
}

function ms(instant: Date, what: string): number {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${what} is not a valid Date`);
  return t;
}

export class WorkingCalendar {
  readonly timeZone: RegionTimeZone;
  readonly workdayStart: string;
  readonly workdayEnd: string;
  readonly weekend: readonly number[];
  /** Length of one working window in milliseconds (8 h by default). */
  readonly workdayMs: number;
  readonly #offset: number;
  readonly #open: number;
  readonly #close: number;
  readonly #weekend: ReadonlySet<number>;
  readonly #holidays: ReadonlySet<number>;

  constructor(options: WorkingCalendarOptions) {
    this.timeZone = options.timeZone;
    this.#offset = zoneOffsetMs(options.timeZone);
    this.workdayStart = options.workdayStart ?? '08:00';
    this.workdayEnd = options.workdayEnd ?? '16:00';
    this.#open = parseTime(this.workdayStart, 'workdayStart');
    this.#close = parseTime(this.workdayEnd, 'workdayEnd');
    if (this.#close <= this.#open) throw new RangeError('workdayEnd must be later than workdayStart');
    this.workdayMs = this.#close - this.#open;
    const weekend = [...new Set(options.weekend ?? [0, 6])].sort((x, y) => x - y);
    for (const d of weekend) {
      if (!Number.isInteger(d) || d < 0 || d > 6) throw new RangeError(`weekend days are 0 (Sunday) … 6 (Saturday), got ${d}`);
    }
    if (weekend.length === 7) throw new RangeError('a week needs at least one working day');
    this.weekend = weekend;
    this.#weekend = new Set(weekend);
    const holidays = new Set<number>();
    for (const date of options.holidays ?? []) {
      const day = dayNumber(date);
      if (day === null) throw new RangeError(`holiday '${date}' is not a date 'YYYY-MM-DD'`);
      holidays.add(day);
    }
    this.#holidays = holidays;
  }

  /** True when the local date 'YYYY-MM-DD' is a working day (not weekend, not a holiday). */
  isWorkingDay(localDate: string): boolean {
    const day = dayNumber(localDate);
    if (day === null) throw new RangeError(`'${localDate}' is not a date 'YYYY-MM-DD'`);
    return this.#isWorking(day);
  }

  /** The local calendar date 'YYYY-MM-DD' of an instant in the region's time zone. */
  localDate(instant: Date): string {
    return dateOfDay(Math.floor(this.#local(ms(instant, 'instant')) / DAY_MS));
  }

  /** The instant of a local date and time ('YYYY-MM-DD', 'HH:MM') in the region's time zone. */
  at(localDate: string, time: string): Date {
    const day = dayNumber(localDate);
    if (day === null) throw new RangeError(`'${localDate}' is not a date 'YYYY-MM-DD'`);
    return new Date(day * DAY_MS + parseTime(time, 'time') - this.#offset);
  }

  /**
   * Deadline of a step allowed `days` working days, started at `start`: the closing time of
   * the `days`-th whole working day (a working day whose window opens at or after `start`).
   * `days` = 0: the closing time of the working window containing `start`, or of the next one.
   */
  addWorkingDays(start: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
    const local = this.#local(ms(start, 'start'));
    let day = Math.floor(local / DAY_MS);
    if (days === 0) {
      // Same working day: the window still open (or not yet open) today, else the next one.
      if (!(this.#isWorking(day) && local < day * DAY_MS + this.#close)) day = this.#nextWorking(day);
      return this.#instant(day * DAY_MS + this.#close);
    }
    // First whole working day: today if the window has not opened yet, else the next one.
    if (!(this.#isWorking(day) && local <= day * DAY_MS + this.#open)) day = this.#nextWorking(day);
    for (let n = 1; n < days; n++) day = this.#nextWorking(day);
    return this.#instant(day * DAY_MS + this.#close);
  }

  /**
   * Deadline of a step allowed `hours` working hours (fractions allowed, rounded to the
   * millisecond): the earliest instant by which that much working time has elapsed.
   */
  addWorkingHours(start: Date, hours: number): Date {
    if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a number ≥ 0, got ${hours}`);
    return this.addWorkingMillis(start, Math.round(hours * HOUR_MS));
  }

  /** As addWorkingHours, in whole milliseconds. */
  addWorkingMillis(start: Date, millis: number): Date {
    if (!Number.isSafeInteger(millis) || millis < 0) throw new RangeError(`millis must be a whole number ≥ 0, got ${millis}`);
    const begin = ms(start, 'start');
    if (millis === 0) return new Date(begin);
    const local = this.#local(begin);
    let remaining = millis;
    let day = Math.floor(local / DAY_MS);
    if (!this.#isWorking(day)) day = this.#nextWorking(day);
    for (;;) {
      const from = Math.max(local, day * DAY_MS + this.#open);
      const to = day * DAY_MS + this.#close;
      if (from < to) {
        if (remaining <= to - from) return this.#instant(from + remaining);
        remaining -= to - from;
      }
      day = this.#nextWorking(day);
    }
  }

  /**
   * Working time between two instants in milliseconds. Signed: negative when `b` is before
   * `a`, so workingMillisBetween(a, b) === -workingMillisBetween(b, a).
   */
  workingMillisBetween(a: Date, b: Date): number {
    const ta = ms(a, 'a');
    const tb = ms(b, 'b');
    if (tb < ta) {
      const r = this.#between(this.#local(tb), this.#local(ta));
      return r === 0 ? 0 : -r;
    }
    return this.#between(this.#local(ta), this.#local(tb));
  }

  /**
   * Working time between two instants in working days, as a fraction of a working window
   * (e.g. 1.5 = one and a half working days). Signed like workingMillisBetween.
   */
  workingDaysBetween(a: Date, b: Date): number {
    return this.workingMillisBetween(a, b) / this.workdayMs;
  }

  /**
   * SLA state at `now` of a step started at `startedAt` and due at `dueAt`:
   * overdue when `now` is later than `dueAt`; nearing when the working time elapsed since
   * `startedAt` is at least `nearingRatio` of the working time allowed (startedAt → dueAt);
   * otherwise on time.
   */
  slaState(now: Date, startedAt: Date, dueAt: Date, nearingRatio = 0.8): SlaState {
    if (!Number.isFinite(nearingRatio) || nearingRatio < 0 || nearingRatio > 1) {
      throw new RangeError(`nearingRatio must be between 0 and 1, got ${nearingRatio}`);
    }
    if (ms(now, 'now') > ms(dueAt, 'dueAt')) return 'overdue';
    const allowed = Math.max(0, this.workingMillisBetween(startedAt, dueAt));
    const elapsed = this.workingMillisBetween(startedAt, now);
    // One rounding, to the millisecond: 0.8 × 28 800 000 is 23 040 000, not 23 040 000.000000004.
    return elapsed >= Math.round(allowed * nearingRatio) ? 'nearing' : 'on_time';
  }

  #local(utcMs: number): number {
    return utcMs + this.#offset;
  }

  #instant(localMs: number): Date {
    return new Date(localMs - this.#offset);
  }

  #isWorking(day: number): boolean {
    // 1970-01-01 (day 0) was a Thursday (4).
    const weekday = (((day + 4) % 7) + 7) % 7;
    return !this.#weekend.has(weekday) && !this.#holidays.has(day);
  }

  #nextWorking(day: number): number {
    for (let d = day + 1, n = 0; n < MAX_SCAN_DAYS; d++, n++) if (this.#isWorking(d)) return d;
    throw new RangeError('no working day found: check the weekend and holidays');
  }

  /** Working time in [fromLocal, toLocal], fromLocal ≤ toLocal. */
  #between(fromLocal: number, toLocal: number): number {
    let total = 0;
    const last = Math.floor(toLocal / DAY_MS);
    for (let day = Math.floor(fromLocal / DAY_MS); day <= last; day++) {
      if (!this.#isWorking(day)) continue;
      const from = Math.max(fromLocal, day * DAY_MS + this.#open);
      const to = Math.min(toLocal, day * DAY_MS + this.#close);
      if (to > from) total += to - from;
    }
    return total;
  }
}

export function createWorkingCalendar(options: WorkingCalendarOptions): WorkingCalendar {
  return new WorkingCalendar(options);
}
