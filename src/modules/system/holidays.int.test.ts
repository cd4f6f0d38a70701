import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeStaff, signInAs } from '../../../test/factories.ts';
import { textOf, type TestClient } from '../../../test/http.ts';
import { seedHolidays } from '../../platform/calendar/calendar.service.ts';

let t: TestApp;
let admin: TestClient;
let operator: TestClient;

const PATH = '/kelola/sistem/hari-libur';

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  await seedHolidays(t.database.db);
  admin = await signInAs(t, (await makeStaff(t, 'super_admin', null)).userId);
  operator = await signInAs(t, (await makeStaff(t, 'operator', await makeAgency(t))).userId);
});

afterAll(async () => {
  await t?.close();
});

describe('holiday calendar administration', () => {
  it('[S-1] a super admin adds a cuti bersama day and it appears; it is audited and counts in the public API', async () => {
    const res = await admin.submit(`${PATH}?tahun=2026`, { date: '2026-11-27', name: 'Cuti Bersama Uji', kind: 'cuti_bersama' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${PATH}?tahun=2026&pesan=disimpan`);
    const page = await admin.get(res.headers.location as string);
    const text = textOf(page.body);
    expect(text).toContain('Cuti Bersama Uji');
    expect(text).toContain('Hari libur disimpan.');
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'entity_type']).where('entity_type', '=', 'holiday').execute();
    expect(audit).toEqual([{ action: 'holiday.create', entity_type: 'holiday' }]);
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/holidays?year=2026', headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(200);
    expect(api.json().items).toContainEqual({ date: '2026-11-27', kind: 'cuti_bersama', name: 'Cuti Bersama Uji', provisional: false });
  });

  it('[S-1] provisional dates are flagged; years 2025–2027 are linked', async () => {
    const page = await admin.get(`${PATH}?tahun=2027`);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('belum ditetapkan SKB');
    expect(page.body).toContain(`href="${PATH}?tahun=2025"`);
  });

  it('[S-1] a super admin edits and deletes a day (audited)', async () => {
    const row = await t.database.db.selectFrom('holidays').select(['id']).where('date', '=', '2026-11-27').executeTakeFirstOrThrow();
    let res = await admin.submit(`${PATH}/${row.id}`, { date: '2026-11-27', name: 'Cuti Bersama Diubah', kind: 'cuti_bersama', provisional: '1' });
    expect(res.statusCode).toBe(303);
    expect(textOf((await admin.get(`${PATH}?tahun=2026`)).body)).toContain('Cuti Bersama Diubah');
    res = await admin.submit(`${PATH}/${row.id}/hapus`, {}, `${PATH}?tahun=2026`);
    expect(res.statusCode).toBe(303);
    expect(await t.database.db.selectFrom('holidays').select('id').where('id', '=', row.id).executeTakeFirst()).toBeUndefined();
    const actions = (await t.database.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'holiday').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['holiday.update', 'holiday.delete']));
  });

  it('[S-5] bad input comes back with an error summary and the values typed', async () => {
    const res = await admin.submit(`${PATH}?tahun=2026`, { date: '2026-02-30', name: 'Hari Uji Salah', kind: 'libur_bulan' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('error-summary');
    expect(res.body).toContain('value="Hari Uji Salah"');
    expect(res.body).toContain('value="2026-02-30"');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/holidays?year=abc', headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(422);
  });

  it('[S-1] staff who are not super admins may read but not change; signed out goes to sign-in', async () => {
    const read = await operator.get(`${PATH}?tahun=2026`);
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain('Tambah hari libur');
    const res = await operator.post(PATH, { _csrf: operator.csrfToken(), date: '2026-12-30', name: 'Libur Liar', kind: 'libur_daerah' });
    expect(res.statusCode).toBe(403);
    const row = await t.database.db.selectFrom('holidays').select('id').limit(1).executeTakeFirstOrThrow();
    expect((await operator.get(`${PATH}/${row.id}`)).statusCode).toBe(403);
    const anon = await t.app.inject({ method: 'GET', url: PATH, headers: { accept: 'text/html' } });
    expect(anon.statusCode).toBe(303);
  });
});
