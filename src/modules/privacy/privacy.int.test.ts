// Personal data protection (UU PDP; S-1, S-3) through HTTP and the services: the access log
// of personal data, the person's copy of his data, requests answered by the data protection
// officer within 3 working days, erasure that keeps what regulation requires, and a check of
// the live schema: every table with a personal-data column is covered by the export.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { textOf, type TestClient } from '../../../test/http.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs, testApplicantSection, testKtpRequirement, testServiceContent, type TestUser } from '../../../test/factories.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { notSubjectTables, personalColumnPattern, subjectTables } from '../../platform/privacy/subject-data.ts';
import { instantOfLocal } from '../../platform/calendar/working-time.ts';
import { breachDeadline, createBreaches } from './breach.service.ts';
import { accessLogRetention, createRetention } from '../../platform/privacy/retention.ts';
import { applicationRetentionRules } from '../applications/applications.retention.ts';
import { identityRetentionRules } from '../identity/identity.retention.ts';
import { notificationRetentionRules } from '../notifications/notifications.retention.ts';
import { fileFromBytes } from '../../platform/storage/upload-file.ts';
import { emailIndex, emailMatch, nikMatch, openPerson, phoneMatch, resealUsers } from '../identity/index.ts';
import { exportSubjectData } from '../../platform/privacy/subject-data.ts';
import { devFieldKeys, FieldCrypto, FieldCryptoError, fieldCrypto } from '../../platform/privacy/field-crypto.ts';
import { runKeysCommand } from '../../cli/keys.ts';
import { signIn } from '../identity/test-support.ts';
import { TestClient as Client } from '../../../test/http.ts';
import { TEST_PASSWORD } from '../../../test/factories.ts';

let t: TestApp;
let agency: AgencyView;
let verifier: TestUser & { client: TestClient };
let dpo: TestUser & { client: TestClient };
const SLUG = `izin-pdp-${Date.now().toString(36)}`;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const form = {
  sections: [
    testApplicantSection(
      { key: 'alamat_usaha', type: 'text', label: 'Alamat tempat usaha', required: true },
      { key: 'ktp', type: 'file', label: 'Pindaian KTP', required: true, requirementKey: 'ktp' },
    ),
  ],
};

async function submitted(applicantId: string): Promise<{ tracking: string; id: string }> {
  const s = await t.deps.catalog.getPublished(SLUG);
  const res = await t.deps.applications.save({
    service: s!,
    applicantId,
    values: { alamat_usaha: 'Jl. El Tari No. 5, Kupang' },
    files: { ktp: fileFromBytes(pdf, { filename: 'ktp.pdf', declaredType: 'application/pdf' }) },
    submit: true,
    who: { actor: null },
  });
  const row = await t.database.db.selectFrom('applications').select('id').where('tracking_number', '=', res.trackingNumber!).executeTakeFirstOrThrow();
  return { tracking: res.trackingNumber!, id: row.id };
}

const accessRows = (userId: string) => t.database.db.selectFrom('personal_data_access').selectAll().where('subject_user_id', '=', userId).orderBy('accessed_at').execute();

beforeAll(async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-pdp-'));
  t = await createTestApp({ requireAdminMfa: false, dataDir });
  agency = await makeAgency(t);
  await makeServiceWithSop(t, agency, { slug: SLUG, content: testServiceContent('Izin Uji PDP', { requirements: [testKtpRequirement] }), form });
  const v = await makeStaff(t, 'verifier', agency, { name: 'Yosef Verifikator Rahasia' });
  verifier = { ...v, client: await signInAs(t, v.userId) };
  const d = await makeStaff(t, 'data_protection_officer', null, { name: 'Pejabat PDP Uji' });
  dpo = { ...d, client: await signInAs(t, d.userId) };
});
afterAll(async () => t?.close());

describe(`access log of personal data (${engine})`, () => {
  it('[S-3] each officer view of an application, its attachment and its API record is logged with who, what and the case; the person sees agency, role and case, not the officer\'s name', async () => {
    const citizen = await makeCitizen(t);
    const app = await submitted(citizen.userId);
    const nik = openPerson(await t.database.db.selectFrom('users').select('nik').where('id', '=', citizen.userId).executeTakeFirstOrThrow()).nik!;

    expect((await verifier.client.get(`/kelola/permohonan/${app.tracking}`)).statusCode).toBe(200);
    expect((await verifier.client.get(`/kelola/permohonan/${app.tracking}/lampiran/ktp`)).statusCode).toBe(200);
    expect((await verifier.client.api('GET', `/api/v1/work-queue/${app.tracking}`)).statusCode).toBe(200);

    const rows = await accessRows(citizen.userId);
    expect(rows.map((r) => [r.channel, r.purpose, r.reference, r.application_id, r.actor_id, r.actor_roles])).toEqual([
      ['page', 'application', app.tracking, app.id, verifier.userId, 'verifier'],
      ['download', 'application', app.tracking, app.id, verifier.userId, 'verifier'],
      ['api', 'application', app.tracking, app.id, verifier.userId, 'verifier'],
    ]);
    expect(rows[0]!.kinds.split(',')).toEqual(expect.arrayContaining(['nik', 'address', 'phone']));
    expect(rows[1]!.kinds).toBe('attachment');
    // The log holds references, never the values.
    expect(JSON.stringify(rows)).not.toContain(nik);

    // The person looking at his own application is not "someone in government".
    const own = await signInAs(t, citizen.userId);
    expect((await own.get(`/permohonan/${app.tracking}`)).statusCode).toBe(200);
    expect(await accessRows(citizen.userId)).toHaveLength(3);

    const page = await own.get('/akun/data-pribadi');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Siapa yang melihat data saya');
    expect(text).toContain(agency.name);
    expect(text).toContain('Verifikator');
    expect(text).toContain(app.tracking);
    expect(text).toContain('lampiran');
    expect(text).toContain('Memproses permohonan');
    expect(text).not.toContain('Yosef Verifikator Rahasia');
    expect(text).not.toContain('[object');
    // English is available.
    own.cookies.set('simpul_lang', 'en');
    const en = textOf((await own.get('/akun/data-pribadi')).body);
    expect(en).toMatch(/Who has seen my data|Siapa yang melihat data saya/);
  });

  it('[S-3] an officer of another agency is refused and nothing is logged; the log refuses rewriting', async () => {
    const citizen = await makeCitizen(t);
    const app = await submitted(citizen.userId);
    const outsiderUser = await makeStaff(t, 'verifier', await makeAgency(t));
    const outsider = await signInAs(t, outsiderUser.userId);
    expect((await outsider.get(`/kelola/permohonan/${app.tracking}`)).statusCode).toBe(403);
    expect(await accessRows(citizen.userId)).toHaveLength(0);
    await verifier.client.get(`/kelola/permohonan/${app.tracking}`);
    await expect(sql`UPDATE personal_data_access SET actor_roles = 'x' WHERE subject_user_id = ${citizen.userId}`.execute(t.database.db)).rejects.toThrow();
  });
});

describe(`data-subject rights (${engine})`, () => {
  it('[S-3] the person downloads all data held about him as JSON: every subject table, his application, no secrets', async () => {
    const citizen = await makeCitizen(t);
    const app = await submitted(citizen.userId);
    await verifier.client.get(`/kelola/permohonan/${app.tracking}`);
    const own = await signInAs(t, citizen.userId);
    const res = await own.get('/akun/data-pribadi/unduh');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = JSON.parse(res.body) as { format: string; subjectId: string; tables: Record<string, Record<string, unknown>[]> };
    expect(data.format).toBe('simpul-subject-export-v1');
    expect(data.subjectId).toBe(citizen.userId);
    expect(Object.keys(data.tables).sort()).toEqual(subjectTables.map((s) => s.table).sort());
    expect(data.tables.users).toHaveLength(1);
    expect(data.tables.users![0]!.email).toBe(citizen.email);
    expect(data.tables.users![0]).not.toHaveProperty('password_hash');
    expect(data.tables.applications!.map((a) => a.tracking_number)).toContain(app.tracking);
    expect(data.tables.application_attachments).toHaveLength(1);
    expect(data.tables.application_attachments![0]).not.toHaveProperty('storage_key');
    expect(data.tables.personal_data_access!.length).toBeGreaterThan(0);
    expect(data.tables.personal_data_access![0]).not.toHaveProperty('actor_id');
    expect(data.tables.sessions!.length).toBeGreaterThan(0);
    expect(data.tables.sessions![0]).not.toHaveProperty('token_hash');
    expect(res.body).not.toMatch(/\$argon2|\$scrypt|password_hash/);
  });

  it('[S-3] every table with a personal-data column (user_id, nik, phone, email, …) is covered by the export or listed as not personal with a reason', async () => {
    const cols = await sql<{ table_name: string; column_name: string }>`
      SELECT c.table_name, c.column_name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`.execute(t.database.db);
    const covered = new Set(subjectTables.map((s) => s.table));
    const personal = new Map<string, string[]>();
    for (const c of cols.rows) if (personalColumnPattern.test(c.column_name)) personal.set(c.table_name, [...(personal.get(c.table_name) ?? []), c.column_name]);
    expect(personal.size).toBeGreaterThan(10);
    const uncovered = [...personal].filter(([table]) => !covered.has(table) && !(table in notSubjectTables)).map(([table, columns]) => `${table} (${columns.join(', ')})`);
    expect(uncovered, 'tables with personal data that the subject export does not cover: add them to subjectTables').toEqual([]);
    // Every listed table exists, so the list does not rot either.
    const tables = new Set(cols.rows.map((c) => c.table_name));
    expect([...covered, ...Object.keys(notSubjectTables)].filter((x) => !tables.has(x))).toEqual([]);
    // And the check can fail: a new table with a user_id is caught.
    await sql`CREATE TABLE pdp_probe_table (id serial PRIMARY KEY, user_id uuid)`.execute(t.database.db);
    try {
      const again = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'user_id'`.execute(t.database.db);
      expect(again.rows.map((r) => r.table_name).filter((x) => !covered.has(x) && !(x in notSubjectTables))).toEqual(['pdp_probe_table']);
    } finally {
      await sql`DROP TABLE pdp_probe_table`.execute(t.database.db);
    }
  });

  it('[S-1][S-3] a request is due in 3 working days (a Friday request is due on Wednesday), only the data protection officer sees it', async () => {
    const citizen = await makeCitizen(t);
    const friday = instantOfLocal('Asia/Makassar', '2026-12-11', '10:00')!;
    const r = await t.deps.privacy.submitRequest({ actor: { userId: citizen.userId, kind: 'citizen', name: 'x', locale: 'id', grants: [], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' } }, { kind: 'correction', field: 'address', value: 'Jl. Sudirman 5', details: 'Alamat saya salah ketik.' }, friday);
    const region = await t.deps.region();
    const dueLocal = new Date(r.dueAt.getTime()).toLocaleString('sv-SE', { timeZone: region.timeZone });
    expect(dueLocal.slice(0, 10)).toBe('2026-12-16');
    // The officer is told by e-mail at once: the kind, the deadline and a link, not the details.
    const alert = await t.database.db.selectFrom('outbound_messages').select(['subject', 'body_text']).where('recipient', '=', dpo.email).where('subject', 'like', 'Permintaan subjek data baru%').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(alert.subject).toBe('Permintaan subjek data baru: Perbaikan data');
    expect(alert.body_text).toContain(`/kelola/pdp/permintaan/${r.id}`);
    expect(alert.body_text).toContain('16 Desember 2026');
    expect(alert.body_text).not.toContain('salah ketik');
    expect((await verifier.client.get('/kelola/pdp')).statusCode).toBe(403);
    const list = await dpo.client.get('/kelola/pdp');
    expect(list.statusCode).toBe(200);
    expect(textOf(list.body)).toContain('Perbaikan data');
  });

  it('[S-1][S-3] an erasure request: filed in the account, answered by the officer, erases what may go, keeps applications and tells him why by message', async () => {
    const citizen = await makeCitizen(t);
    const app = await submitted(citizen.userId);
    const own = await signInAs(t, citizen.userId);
    await own.get('/akun/data-pribadi');
    const bad = await own.post('/akun/data-pribadi/permintaan', { _csrf: own.csrfToken(), kind: 'semua', details: '' });
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Pilih jenis permintaan');
    const sent = await own.post('/akun/data-pribadi/permintaan', { _csrf: own.csrfToken(), kind: 'erasure', details: 'Mohon hapus data saya.' });
    expect(sent.statusCode).toBe(303);
    const notice = textOf((await own.get(sent.headers.location as string)).body);
    expect(notice).toContain('Permintaan Anda diterima');
    const req = await t.database.db.selectFrom('data_subject_requests').selectAll().where('user_id', '=', citizen.userId).executeTakeFirstOrThrow();
    expect(req.kind).toBe('erasure');

    const detail = await dpo.client.get(`/kelola/pdp/permintaan/${req.id}`);
    expect(detail.statusCode).toBe(200);
    expect(textOf(detail.body)).toContain('Mohon hapus data saya.');
    const answered = await dpo.client.post(`/kelola/pdp/permintaan/${req.id}`, { _csrf: dpo.client.csrfToken(), status: 'done', answer: 'Data Anda telah dihapus sejauh diizinkan.' });
    expect(answered.statusCode).toBe(303);
    const again = await dpo.client.post(`/kelola/pdp/permintaan/${req.id}`, { _csrf: dpo.client.csrfToken(), status: 'done', answer: 'Sekali lagi.' });
    expect(again.statusCode).toBe(409);

    const user = await t.database.db.selectFrom('users').selectAll().where('id', '=', citizen.userId).executeTakeFirstOrThrow();
    expect([user.email, user.phone, user.address, user.password_hash, user.status]).toEqual([null, null, null, null, 'disabled']);
    // Regulated records stay, so his name and NIK stay with them.
    expect(user.nik).not.toBeNull();
    expect(await t.database.db.selectFrom('applications').select('id').where('id', '=', app.id).executeTakeFirst()).toBeTruthy();
    expect(await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', citizen.userId).execute()).toEqual([]);
    const done = await t.database.db.selectFrom('data_subject_requests').selectAll().where('id', '=', req.id).executeTakeFirstOrThrow();
    expect(done.status).toBe('done');
    expect(done.answer).toContain('Kearsipan');
    // The answer went by e-mail to the address he had (read before it was erased).
    const mail = await t.database.db.selectFrom('outbound_messages').selectAll().where('recipient', '=', citizen.email.toLowerCase()).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(mail.subject).toContain('Penghapusan data');
    expect(mail.body_text).toContain('Kearsipan');
    // Audited without personal data.
    const audit = await t.database.db.selectFrom('audit_events').selectAll().where('entity_id', '=', req.id).where('action', '=', 'privacy.request.answer').executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain(citizen.email);
  });
});

describe(`records of processing and retention (${engine})`, () => {
  it('[S-3] the register of processing activities is data the officer reads in his language; others are refused', async () => {
    const page = await dpo.client.get('/kelola/pdp/register');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Permohonan layanan dan lampirannya');
    expect(text).toContain('Tugas pelayanan publik');
    expect(text).toContain('Draf permohonan yang tidak diajukan');
    expect((await verifier.client.get('/kelola/pdp/register')).statusCode).toBe(403);
    expect((await verifier.client.post('/kelola/pdp/register/bersihkan', { _csrf: verifier.client.csrfToken() })).statusCode).toBe(403);
  });

  it('[S-3] the purge (injected clock) reports what is due first, then removes drafts older than the schedule and keeps newer ones', async () => {
    const retention = createRetention({ database: t.database, log: t.deps.log, rules: [...identityRetentionRules, ...applicationRetentionRules, ...notificationRetentionRules, accessLogRetention] });
    const s = await t.deps.catalog.getPublished(SLUG);
    // One draft per person and service: two people.
    const draft = async () => {
      const citizen = await makeCitizen(t);
      const r = await t.deps.applications.save({ service: s!, applicantId: citizen.userId, values: { alamat_usaha: 'Jl. Draf' }, files: {}, submit: false, who: { actor: null } });
      return r.id;
    };
    const old = await draft();
    await t.database.db.updateTable('applications').set({ updated_at: new Date(Date.now() - 40 * 86_400_000) }).where('id', '=', old).execute();
    const fresh = await draft();
    const later = new Date(Date.now() + 60 * 86_400_000); // old: 100 days, fresh: 60 days; drafts are kept 90
    const report = await retention.report(later);
    expect(report.find((l) => l.recordType === 'draft_application')?.due).toBeGreaterThanOrEqual(1);
    const removed = await retention.run({ actor: null, label: 'sistem' }, later);
    expect(removed.draft_application).toBeGreaterThanOrEqual(1);
    const left = await t.database.db.selectFrom('applications').select('id').where('id', 'in', [old, fresh]).execute();
    expect(left.map((r) => r.id)).toEqual([fresh]);
    const trail = await t.database.db.selectFrom('audit_events').select(['action', 'after']).where('entity_type', '=', 'retention').orderBy('occurred_at').execute();
    expect(trail.map((e) => e.action).slice(-2)).toEqual(['retention.report', 'retention.purge']);
  });
});

describe(`breach register (${engine})`, () => {
  it('[S-2][S-3] the 3 × 24 hour notice deadline runs in calendar hours across a weekend: found Friday 16.00, due Monday 16.00', async () => {
    const at = (date: string, time: string) => instantOfLocal('Asia/Makassar', date, time)!;
    const dpoActor = { userId: dpo.userId, kind: 'staff' as const, name: 'PDP', locale: 'id' as const, grants: [{ role: 'data_protection_officer' as const, agencyId: null }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' as const };
    const breaches = createBreaches({ database: t.database, mailer: t.deps.mailer });
    const i = await breaches.record({ actor: dpoActor }, { title: 'Ekspor tersebar', description: 'Berkas ekspor terkirim ke alamat salah.', occurredAt: null, discoveredAt: at('2026-12-11', '16:00'), dataCategories: 'NIK, nama', measures: '', affectedEstimate: 3, affectedUserIds: [] }, at('2026-12-11', '17:00'));
    expect(i.notifyDueAt.toISOString()).toBe(at('2026-12-14', '16:00').toISOString());
    expect(breachDeadline(i, at('2026-12-12', '10:00'))).toBe('on_time');
    expect(breachDeadline(i, at('2026-12-13', '17:00'))).toBe('nearing');
    expect(breachDeadline(i, at('2026-12-14', '16:01'))).toBe('overdue');
    expect(breachDeadline({ ...i, subjectsNotifiedAt: at('2026-12-12', '09:00'), authorityNotifiedAt: at('2026-12-14', '15:00') }, at('2026-12-20', '10:00'))).toBe('met');
    expect(breachDeadline({ ...i, subjectsNotifiedAt: at('2026-12-12', '09:00'), authorityNotifiedAt: at('2026-12-15', '09:00') }, at('2026-12-20', '10:00'))).toBe('late');
  });

  it('[S-2][S-3] the officer records an incident, the notices are prepared from templates, sent to the persons affected and recorded for the authority, all audited', async () => {
    const citizen = await makeCitizen(t);
    const nik = openPerson(await t.database.db.selectFrom('users').select('nik').where('id', '=', citizen.userId).executeTakeFirstOrThrow()).nik!;
    expect((await verifier.client.get('/kelola/pdp/insiden')).statusCode).toBe(403);
    await dpo.client.get('/kelola/pdp/insiden');
    const today = new Date().toLocaleString('sv-SE', { timeZone: (await t.deps.region()).timeZone }).slice(0, 10);
    const bad = await dpo.client.post('/kelola/pdp/insiden', { _csrf: dpo.client.csrfToken(), title: 'Laptop hilang', description: 'Laptop petugas berisi ekspor hilang.', discovered_date: 'kemarin', discovered_time: '08:00', niks: '123' });
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Setiap NIK harus 16 angka');
    const res = await dpo.client.post('/kelola/pdp/insiden', { _csrf: dpo.client.csrfToken(), title: 'Laptop hilang', description: 'Laptop petugas berisi ekspor hilang.', discovered_date: today, discovered_time: '00:00', occurred_date: '', data: 'NIK, nama, nomor telepon', measures: 'Akun diblokir, sandi diganti.', estimate: '12', niks: nik });
    expect(res.statusCode).toBe(303);
    const page = await dpo.client.get(res.headers.location as string);
    const text = textOf(page.body);
    expect(text).toContain('Pemberitahuan kepada orang terdampak');
    expect(text).toContain('Pemberitahuan kepada lembaga pengawas');
    expect(text).toContain('NIK, nama, nomor telepon');
    expect(text).toContain('Akun diblokir, sandi diganti.');
    expect(text).toContain('1 diketahui, 0 sudah diberi tahu');
    const id = (res.headers.location as string).split('/').pop()!;
    expect((await dpo.client.post(`/kelola/pdp/insiden/${id}/beritahu-subjek`, { _csrf: dpo.client.csrfToken() })).statusCode).toBe(303);
    expect((await dpo.client.post(`/kelola/pdp/insiden/${id}/beritahu-otoritas`, { _csrf: dpo.client.csrfToken() })).statusCode).toBe(303);
    const after = textOf((await dpo.client.get(`/kelola/pdp/insiden/${id}`)).body);
    expect(after).toContain('Diberitahukan tepat waktu');
    expect(after).toContain('1 diketahui, 1 sudah diberi tahu');
    const again = await dpo.client.post(`/kelola/pdp/insiden/${id}/beritahu-otoritas`, { _csrf: dpo.client.csrfToken() });
    expect(again.statusCode).toBe(409);
    const mail = await t.database.db.selectFrom('outbound_messages').selectAll().where('recipient', '=', citizen.email.toLowerCase()).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(mail.subject).toContain('Pemberitahuan kegagalan pelindungan data pribadi');
    expect(mail.body_text).toContain('Akun diblokir, sandi diganti.');
    const trail = await t.database.db.selectFrom('audit_events').select(['action', 'after']).where('entity_id', '=', id).orderBy('occurred_at').execute();
    expect(trail.map((e) => e.action)).toEqual(['breach.record', 'breach.notify_subjects', 'breach.notify_authority']);
    expect(JSON.stringify(trail)).not.toContain(nik);
    // The person finds the incident in his copy of his data.
    const own = await signInAs(t, citizen.userId);
    const data = JSON.parse((await own.get('/akun/data-pribadi/unduh')).body) as { tables: Record<string, unknown[]> };
    expect(data.tables.breach_affected).toHaveLength(1);
  });
});

describe(`encryption at rest of NIK and phone (${engine})`, () => {
  const rawUser = async (id: string) => (await sql<Record<string, unknown>>`SELECT * FROM users WHERE id = ${id}`.execute(t.database.db)).rows[0]!;

  it('[S-1][S-2][S-3] the stored row holds no clear NIK or phone; sign-in and lookups by NIK and phone still work; the subject export gives the clear values', async () => {
    const citizen = await makeCitizen(t);
    const clear = openPerson(await t.database.db.selectFrom('users').select(['nik', 'phone']).where('id', '=', citizen.userId).executeTakeFirstOrThrow());
    expect(clear.nik).toMatch(/^\d{16}$/);
    expect(clear.phone).toBe('+6281234567890');
    const raw = await rawUser(citizen.userId);
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain(clear.nik!);
    expect(stored).not.toContain('81234567890');
    expect(raw.nik).toMatch(/^enc1:dev:/);
    expect(raw.phone).toMatch(/^enc1:dev:/);
    expect(raw.nik_bidx).toMatch(/^[0-9a-f]{64}$/);
    // Exact lookups go through the blind index (spaces and the +62 form normalised).
    expect((await t.database.db.selectFrom('users').select('id').where(nikMatch(clear.nik!)).executeTakeFirstOrThrow()).id).toBe(citizen.userId);
    expect((await t.database.db.selectFrom('users').select('id').where(phoneMatch('0812-3456-7890')).where('id', '=', citizen.userId).executeTakeFirst())?.id).toBe(citizen.userId);
    const spaced = `${clear.nik!.slice(0, 4)} ${clear.nik!.slice(4, 8)} ${clear.nik!.slice(8, 12)} ${clear.nik!.slice(12)}`;
    expect((await signIn(new Client(t.app), spaced, TEST_PASSWORD)).headers.location).toBe('/akun');
    // A second account with the same NIK is refused by the unique blind index.
    await expect(
      sql`INSERT INTO users (kind, name, nik, nik_bidx) VALUES ('citizen', 'Kembar', ${fieldCrypto().seal(clear.nik!)}, ${fieldCrypto().blindIndex('nik', clear.nik!)})`.execute(t.database.db),
    ).rejects.toThrow(/users_nik_key|duplicate|unique/i);
    // The person's own copy has his data in clear, not the envelopes or the indexes.
    const data = await exportSubjectData(t.database.db, citizen.userId);
    const me = data.tables.users![0]!;
    expect(me).toMatchObject({ nik: clear.nik, phone: clear.phone });
    expect(me).not.toHaveProperty('nik_bidx');
  });

  it('[S-2] rotation re-seals every row with the new key in batches while both keys open; the old key can then be removed; a missing or wrong key fails closed', async () => {
    const dev = devFieldKeys();
    const k2 = { id: 'k2026b', key: Buffer.alloc(32, 7) };
    // A row written before encryption (or by an old node): clear NIK and phone, no index.
    const nik = `5371015505${String(Date.now() % 1_000_000).padStart(6, '0')}`;
    const legacy = (await sql<{ id: string }>`INSERT INTO users (kind, name, nik, phone, status) VALUES ('citizen', 'Warga Lama', ${nik}, '+6281399990000', 'pending') RETURNING id`.execute(t.database.db)).rows[0]!.id;
    expect((await t.database.db.selectFrom('users').select('id').where(nikMatch(nik)).executeTakeFirstOrThrow()).id).toBe(legacy);
    const sealedBefore = await makeCitizen(t);
    const both = new FieldCrypto({ dataKeys: [k2, ...dev.dataKeys], indexKey: dev.indexKey });
    try {
      const report = await resealUsers(t.database.db, { batch: 1, fc: both });
      expect(report.resealed).toBeGreaterThanOrEqual(2);
      expect(report.clear).toBe(0);
      expect(Object.keys(report.byKey)).toEqual(['k2026b']);
      const raw = await rawUser(legacy);
      expect(raw.nik).toMatch(/^enc1:k2026b:/);
      expect(JSON.stringify(raw)).not.toContain(nik);
      // Only the new key configured: everything still opens, and lookups still work.
      const onlyNew = new FieldCrypto({ dataKeys: [k2], indexKey: dev.indexKey });
      expect(onlyNew.open(raw.nik as string)).toBe(nik);
      expect(onlyNew.open((await rawUser(sealedBefore.userId)).phone as string)).toBe('+6281234567890');
      expect((await t.database.db.selectFrom('users').select('id').where(nikMatch(nik, onlyNew)).executeTakeFirstOrThrow()).id).toBe(legacy);
      // The old key alone cannot open what the new key sealed; a wrong key is refused too: fail closed.
      const oldOnly = new FieldCrypto(dev);
      expect(() => oldOnly.open(raw.nik as string)).toThrow(FieldCryptoError);
      expect(() => oldOnly.open(raw.nik as string)).toThrow(/k2026b.*not configured/);
      const wrong = new FieldCrypto({ dataKeys: [{ id: 'k2026b', key: Buffer.alloc(32, 8) }], indexKey: dev.indexKey });
      expect(() => wrong.open(raw.nik as string)).toThrow(/cannot be opened: wrong key or altered value/);
      const tampered = `${(raw.nik as string).slice(0, -2)}AA`;
      expect(() => onlyNew.open(tampered)).toThrow(FieldCryptoError);
    } finally {
      // Back to the keyring the rest of the suite runs with (the dev key), with both keys opening.
      await resealUsers(t.database.db, { fc: new FieldCrypto({ dataKeys: [...dev.dataKeys, k2], indexKey: dev.indexKey }) });
    }
    const lines: string[] = [];
    expect(await runKeysCommand(t.database.db, ['status'], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/clear values left: 0/);
    expect(openPerson(await t.database.db.selectFrom('users').select('nik').where('id', '=', legacy).executeTakeFirstOrThrow()).nik).toBe(nik);
  });

  it('[S-2] e-mail, street address and a waiting contact change are stored sealed; sign-in by e-mail ignores case; rotation seals old clear rows; the export gives clear values', async () => {
    const citizen = await makeCitizen(t);
    const raw = await rawUser(citizen.userId);
    expect(raw.email).toMatch(/^enc1:dev:/);
    expect(raw.email_bidx).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(raw)).not.toContain(citizen.email);
    expect((await t.database.db.selectFrom('users').select('id').where(emailMatch(`  ${citizen.email.toUpperCase()} `)).executeTakeFirstOrThrow()).id).toBe(citizen.userId);
    expect((await signIn(new Client(t.app), citizen.email.toUpperCase(), TEST_PASSWORD)).headers.location).toBe('/akun');
    // A second account with the same address in another case is refused by the unique blind index.
    await expect(
      sql`INSERT INTO users (kind, name, email, email_bidx) VALUES ('citizen', 'Kembar', ${fieldCrypto().seal(citizen.email.toUpperCase())}, ${emailIndex(citizen.email.toUpperCase())})`.execute(t.database.db),
    ).rejects.toThrow(/users_email_key|duplicate|unique/i);

    // Rows written before this encryption: clear e-mail, street address and a waiting change.
    const email = `Lama.${Date.now()}@Contoh.id`;
    const legacy = (await sql<{ id: string }>`INSERT INTO users (kind, name, email, address, address_area, status) VALUES ('citizen', 'Warga Lama', ${email}, 'Jl. Soeharto No. 9', '53.71.04.1009', 'active') RETURNING id`.execute(t.database.db)).rows[0]!.id;
    await sql`INSERT INTO verification_codes (user_id, purpose, new_value, code_hash, expires_at) VALUES (${legacy}, 'phone_change', '+6281377771111', 'x', now() + interval '1 hour')`.execute(t.database.db);
    expect((await t.database.db.selectFrom('users').select('id').where(emailMatch(email.toLowerCase())).executeTakeFirstOrThrow()).id).toBe(legacy);
    const dev = devFieldKeys();
    const k2 = { id: 'k2026c', key: Buffer.alloc(32, 9) };
    try {
      const report = await resealUsers(t.database.db, { batch: 2, fc: new FieldCrypto({ dataKeys: [k2, ...dev.dataKeys], indexKey: dev.indexKey }) });
      expect(report.clear).toBe(0);
      expect(Object.keys(report.byKey)).toEqual(['k2026c']);
      const sealed = await rawUser(legacy);
      expect(sealed.email).toMatch(/^enc1:k2026c:/);
      expect(sealed.address).toMatch(/^enc1:k2026c:/);
      expect(sealed.address_area).toBe('53.71.04.1009');
      expect(JSON.stringify(sealed)).not.toMatch(/Soeharto|lama\./i);
      const code = (await sql<{ new_value: string }>`SELECT new_value FROM verification_codes WHERE user_id = ${legacy}`.execute(t.database.db)).rows[0]!;
      expect(code.new_value).toMatch(/^enc1:k2026c:/);
    } finally {
      await resealUsers(t.database.db, { fc: new FieldCrypto({ dataKeys: [...dev.dataKeys, k2], indexKey: dev.indexKey }) });
    }
    expect((await t.database.db.selectFrom('users').select('id').where(emailMatch(email)).executeTakeFirstOrThrow()).id).toBe(legacy);
    const data = await exportSubjectData(t.database.db, legacy);
    expect(data.tables.users![0]!).toMatchObject({ email, address: 'Jl. Soeharto No. 9', address_area: '53.71.04.1009' });
    expect(data.tables.users![0]!).not.toHaveProperty('email_bidx');
  });
});
