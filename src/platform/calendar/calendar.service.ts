// The holiday calendar as data (STANDARDS §8): the `holidays` table, preloaded from the SKB
// lists in holidays-data.ts and edited by super admins. Authorisation is the caller's job:
// these functions only read and write the table.
import type { Executor } from '../db/database.ts';
import { isUniqueViolation } from '../db/values.ts';
import { errors, type FieldError } from '../http/errors.ts';
import { nationalHolidays, type HolidayData, type HolidayKind } from './holidays-data.ts';
import { isValidLocalDate, WorkingCalendar, type RegionTimeZone, type WorkingCalendarOptions } from './working-time.ts';

export const holidayKinds: readonly HolidayKind[] = ['libur_nasional', 'cuti_bersama', 'libur_daerah'];

export interface Holiday {
  id: string;
  /** 'YYYY-MM-DD' */
  date: string;
  kind: HolidayKind;
  name: string;
  provisional: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface HolidayInput {
  /** Given: change that row (its date may move). Absent: insert, or replace the row of that date. */
  id?: string;
  date: string;
  kind: HolidayKind;
  name: string;
  provisional?: boolean;
}

const NAME_MAX = 200;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toHoliday(row: {
  id: string;
  date: string;
  kind: HolidayKind;
  name: string;
  provisional: boolean;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}): Holiday {
  return {
    id: row.id,
    date: row.date,
    kind: row.kind,
    name: row.name,
    provisional: row.provisional,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Raised by every write to the holidays table made through this file (and by a change of the
 * region's time zone, agencies): calendars cached in this process are reloaded after it.
 * Other nodes reload theirs within their cache's lifetime (CALENDAR_TTL_MS).
 */
let calendarGeneration = 0;
export const calendarChanged = (): void => void calendarGeneration++;
export const currentCalendarGeneration = (): number => calendarGeneration;

const columns = ['id', 'date', 'kind', 'name', 'provisional', 'created_by', 'created_at', 'updated_at'] as const;

/** The region's working calendar: weekends plus every date in the holidays table. */
export async function loadCalendar(
  db: Executor,
  timeZone: RegionTimeZone,
  options: Omit<WorkingCalendarOptions, 'timeZone' | 'holidays'> = {},
): Promise<WorkingCalendar> {
  const rows = await db.selectFrom('holidays').select('date').execute();
  return new WorkingCalendar({ ...options, timeZone, holidays: new Set(rows.map((r) => r.date)) });
}

/**
 * Inserts the preloaded holidays; dates already in the table (seeded before or edited by an
 * administrator) are left as they are. Returns the number of rows inserted.
 */
export async function seedHolidays(db: Executor, data: readonly HolidayData[] = nationalHolidays): Promise<number> {
  if (data.length === 0) return 0;
  const rows = await db
    .insertInto('holidays')
    .values(data.map((h) => ({ date: h.date, kind: h.kind, name: h.name, provisional: h.provisional ?? false })))
    .onConflict((oc) => oc.column('date').doNothing())
    .returning('id')
    .execute();
  calendarChanged();
  return rows.length;
}

/** The holidays of one calendar year, by date. */
export async function listHolidays(db: Executor, year: number): Promise<Holiday[]> {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw errors.validation([{ field: 'year', key: 'validation.invalid' }]);
  const rows = await db
    .selectFrom('holidays')
    .select(columns)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
  return rows.map(toHoliday);
}

function validate(input: HolidayInput): { date: string; kind: HolidayKind; name: string; provisional: boolean } {
  const fields: FieldError[] = [];
  const date = typeof input.date === 'string' ? input.date.trim() : '';
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!date) fields.push({ field: 'date', key: 'validation.required' });
  else if (!isValidLocalDate(date)) fields.push({ field: 'date', key: 'validation.invalid' });
  if (!holidayKinds.includes(input.kind)) fields.push({ field: 'kind', key: 'validation.choice' });
  if (!name) fields.push({ field: 'name', key: 'validation.required' });
  else if (name.length > NAME_MAX) fields.push({ field: 'name', key: 'validation.too_long', params: { max: NAME_MAX } });
  if (input.provisional !== undefined && typeof input.provisional !== 'boolean') fields.push({ field: 'provisional', key: 'validation.invalid' });
  if (fields.length) throw errors.validation(fields);
  return { date, kind: input.kind, name, provisional: input.provisional ?? false };
}

/**
 * Adds or changes a holiday. With `id`: updates that row (404 when it does not exist, 409
 * when the new date belongs to another row). Without: inserts, or replaces the row of the
 * same date. `actorId` is recorded as created_by on insert.
 */
export async function upsertHoliday(db: Executor, input: HolidayInput, actorId: string | null = null): Promise<Holiday> {
  const v = validate(input);
  if (input.id !== undefined) {
    if (!UUID_RE.test(input.id)) throw errors.notFound();
    let row;
    try {
      row = await db
        .updateTable('holidays')
        .set({ date: v.date, kind: v.kind, name: v.name, provisional: v.provisional, updated_at: new Date() })
        .where('id', '=', input.id)
        .returning(columns)
        .executeTakeFirst();
    } catch (err) {
      if (isUniqueViolation(err)) throw errors.conflict('validation.invalid', 'date');
      throw err;
    }
    calendarChanged();
    if (!row) throw errors.notFound();
    return toHoliday(row);
  }
  const row = await db
    .insertInto('holidays')
    .values({ ...v, created_by: actorId })
    .onConflict((oc) =>
      oc.column('date').doUpdateSet({ kind: v.kind, name: v.name, provisional: v.provisional, updated_at: new Date() }),
    )
    .returning(columns)
    .executeTakeFirstOrThrow();
  calendarChanged();
  return toHoliday(row);
}

/** Removes a holiday by id or by date; false when there was none. */
export async function deleteHoliday(db: Executor, key: { id: string } | { date: string }): Promise<boolean> {
  let q = db.deleteFrom('holidays');
  if ('id' in key) {
    if (!UUID_RE.test(key.id)) return false;
    q = q.where('id', '=', key.id);
  }
  else {
    if (!isValidLocalDate(key.date)) throw errors.validation([{ field: 'date', key: 'validation.invalid' }]);
    q = q.where('date', '=', key.date);
  }
  const rows = await q.returning('id').execute();
  calendarChanged();
  return rows.length > 0;
}
