import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/harness.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../http/errors.ts';
import { deleteHoliday, listHolidays, loadCalendar, seedHolidays, upsertHoliday } from './calendar.service.ts';
import { nationalHolidays } from './holidays-data.ts';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

async function count(): Promise<number> {
  const r = await database.db.selectFrom('holidays').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function rejects(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('holiday calendar', () => {
  it('[P-6] seeding the preloaded holidays twice inserts them once', async () => {
    expect(await seedHolidays(database.db)).toBe(nationalHolidays.length);
    expect(await seedHolidays(database.db)).toBe(0);
    expect(await count()).toBe(nationalHolidays.length);
    const y2027 = await listHolidays(database.db, 2027);
    expect(y2027.length).toBeGreaterThan(0);
    expect(y2027.every((h) => h.provisional)).toBe(true);
    const y2026 = await listHolidays(database.db, 2026);
    expect(y2026).toHaveLength(25);
    expect(y2026.map((h) => h.date)).toEqual([...y2026.map((h) => h.date)].sort());
    expect(y2026.some((h) => h.provisional)).toBe(false);
    expect(y2026.find((h) => h.date === '2026-03-23')).toMatchObject({ kind: 'cuti_bersama', createdBy: null });
  });

  it('[P-6] the loaded calendar excludes a seeded cuti bersama day', async () => {
    const cal = await loadCalendar(database.db, 'Asia/Makassar');
    expect(cal.isWorkingDay('2026-03-23')).toBe(false); // cuti bersama Idulfitri
    expect(cal.isWorkingDay('2026-03-24')).toBe(false);
    expect(cal.isWorkingDay('2026-03-25')).toBe(true);
    // Started Tuesday 17 March 2026 10:00 WITA, 1 working day: due Wednesday 25 March 16:00 WITA.
    expect(cal.addWorkingDays(new Date('2026-03-17T10:00:00+08:00'), 1)).toEqual(new Date('2026-03-25T16:00:00+08:00'));
    const custom = await loadCalendar(database.db, 'Asia/Jakarta', { workdayStart: '07:30', workdayEnd: '15:30' });
    expect(custom.workdayStart).toBe('07:30');
    expect(custom.isWorkingDay('2026-12-24')).toBe(false);
  });

  it('[P-6] a super admin adds, moves and removes a regional holiday', async () => {
    const admin = await database.db
      .insertInto('users')
      .values({ kind: 'staff', name: 'Super admin' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const added = await upsertHoliday(database.db, { date: '2026-07-07', kind: 'libur_daerah', name: '  Hari Jadi Provinsi  ' }, admin.id);
    expect(added).toMatchObject({ date: '2026-07-07', kind: 'libur_daerah', name: 'Hari Jadi Provinsi', provisional: false, createdBy: admin.id });
    expect((await loadCalendar(database.db, 'Asia/Jayapura')).isWorkingDay('2026-07-07')).toBe(false);

    const moved = await upsertHoliday(database.db, { id: added.id, date: '2026-07-08', kind: 'libur_daerah', name: 'Hari Jadi Provinsi' });
    expect(moved).toMatchObject({ id: added.id, date: '2026-07-08', createdBy: admin.id });
    const cal = await loadCalendar(database.db, 'Asia/Jayapura');
    expect(cal.isWorkingDay('2026-07-07')).toBe(true);
    expect(cal.isWorkingDay('2026-07-08')).toBe(false);

    // The same date again replaces the row rather than adding a second one.
    const before = await count();
    const renamed = await upsertHoliday(database.db, { date: '2026-07-08', kind: 'libur_daerah', name: 'HUT Provinsi', provisional: true });
    expect(renamed).toMatchObject({ id: added.id, name: 'HUT Provinsi', provisional: true });
    expect(await count()).toBe(before);

    expect(await deleteHoliday(database.db, { id: added.id })).toBe(true);
    expect(await deleteHoliday(database.db, { id: added.id })).toBe(false);
    expect((await loadCalendar(database.db, 'Asia/Jayapura')).isWorkingDay('2026-07-08')).toBe(true);
  });

  it('[P-6] confirming a provisional 2027 date and deleting by date', async () => {
    const confirmed = await upsertHoliday(database.db, { date: '2027-03-10', kind: 'libur_nasional', name: 'Idulfitri 1448 Hijriah' });
    expect(confirmed.provisional).toBe(false);
    expect((await listHolidays(database.db, 2027)).find((h) => h.date === '2027-03-10')?.name).toBe('Idulfitri 1448 Hijriah');
    expect(await deleteHoliday(database.db, { date: '2027-03-11' })).toBe(true);
    expect((await loadCalendar(database.db, 'Asia/Jakarta')).isWorkingDay('2027-03-11')).toBe(true);
    // Seeding again does not bring back or overwrite what the administrator changed.
    expect(await seedHolidays(database.db)).toBe(1);
    expect((await listHolidays(database.db, 2027)).find((h) => h.date === '2027-03-10')?.provisional).toBe(false);
    await upsertHoliday(database.db, { date: '2027-03-11', kind: 'libur_nasional', name: 'Idulfitri 1448 Hijriah (perkiraan)', provisional: true });
  });

  it('[S-5] rejects bad input and unknown rows', async () => {
    const bad = await rejects(upsertHoliday(database.db, { date: '2026-02-30', kind: 'libur_daerah', name: ' ' }));
    expect(bad.status).toBe(422);
    expect(bad.fields?.map((f) => f.field).sort()).toEqual(['date', 'name']);
    const kind = await rejects(upsertHoliday(database.db, { date: '2026-07-09', kind: 'libur' as never, name: 'X' }));
    expect(kind.fields?.[0]).toMatchObject({ field: 'kind', key: 'validation.choice' });
    const long = await rejects(upsertHoliday(database.db, { date: '2026-07-09', kind: 'libur_daerah', name: 'x'.repeat(201) }));
    expect(long.fields?.[0]).toMatchObject({ field: 'name', key: 'validation.too_long' });

    const missing = await rejects(
      upsertHoliday(database.db, { id: '00000000-0000-4000-8000-000000000000', date: '2026-07-09', kind: 'libur_daerah', name: 'X' }),
    );
    expect(missing.status).toBe(404);
    expect((await rejects(upsertHoliday(database.db, { id: 'nope', date: '2026-07-09', kind: 'libur_daerah', name: 'X' }))).status).toBe(404);

    // Moving a holiday onto a date that already has one.
    const row = await upsertHoliday(database.db, { date: '2026-07-09', kind: 'libur_daerah', name: 'Hari Jadi Kota' });
    const clash = await rejects(upsertHoliday(database.db, { id: row.id, date: '2026-08-17', kind: 'libur_daerah', name: 'Hari Jadi Kota' }));
    expect(clash.status).toBe(409);
    expect((await listHolidays(database.db, 2026)).find((h) => h.date === '2026-08-17')?.name).toBe('Proklamasi Kemerdekaan');

    expect(await deleteHoliday(database.db, { id: 'not-a-uuid' })).toBe(false);
    expect((await rejects(deleteHoliday(database.db, { date: '2026-13-01' }))).status).toBe(422);
    expect((await rejects(listHolidays(database.db, 20260))).status).toBe(422);
    await expect(seedHolidays(database.db, [])).resolves.toBe(0);
  });
});
