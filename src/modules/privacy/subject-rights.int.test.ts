// Carrying out data-subject requests (UU PDP; S-3): a correction names the field and the right
// value and is routed on approval (changed here, on the person's account page, or at the office
// that holds the record); a restriction is a flag other modules ask before optional processing;
// the officer is reminded once when a request's or a breach's deadline nears and once when it
// has passed (injected clock, across a weekend).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { textOf, type TestClient } from '../../../test/http.ts';
import { makeCitizen, makeStaff, signInAs, type TestUser } from '../../../test/factories.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { instantOfLocal } from '../../platform/calendar/working-time.ts';
import { processingRestricted, restrictedAmong } from '../../platform/privacy/restriction.ts';
import { inviteComplaintReporter } from '../complaints/ikm.invitations.ts';
import { createBreaches } from './breach.service.ts';
import { createPrivacy } from './privacy.service.ts';

let t: TestApp;
let dpo: TestUser & { client: TestClient };
let dpoActor: Actor;
const at = (date: string, time: string) => instantOfLocal('Asia/Makassar', date, time)!;
const citizenActor = (userId: string): Actor => ({ userId, kind: 'citizen', name: 'x', locale: 'id', grants: [], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' });
const lastMailTo = (to: string) => t.database.db.selectFrom('outbound_messages').selectAll().where('recipient', '=', to.toLowerCase()).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
const requestRow = (id: string) => t.database.db.selectFrom('data_subject_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-pdp-rights-'));
  t = await createTestApp({ requireAdminMfa: false, dataDir });
  const d = await makeStaff(t, 'data_protection_officer', null, { name: 'Pejabat PDP Hak' });
  dpo = { ...d, client: await signInAs(t, d.userId) };
  dpoActor = { userId: d.userId, kind: 'staff', name: 'PDP', locale: 'id', grants: [{ role: 'data_protection_officer', agencyId: null }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
});
afterAll(async () => t?.close());

describe(`correction requests (${engine})`, () => {
  it('[S-3] the person names the wrong field and the right value; without a field he is asked again and keeps what he typed; the officer sees both (logged)', async () => {
    const citizen = await makeCitizen(t);
    const own = await signInAs(t, citizen.userId);
    await own.get('/akun/data-pribadi');
    const bad = await own.post('/akun/data-pribadi/permintaan', { _csrf: own.csrfToken(), kind: 'correction', field: '', value: '', details: 'Nomor telepon saya salah.' });
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Pilih data yang salah.');
    expect(bad.body).toContain('Nomor telepon saya salah.');
    const ok = await own.post('/akun/data-pribadi/permintaan', { _csrf: own.csrfToken(), kind: 'correction', field: 'phone', value: '081234567890', details: 'Nomor telepon saya salah, ini nomor baru saya.' });
    expect(ok.statusCode).toBe(303);
    const [req] = await t.deps.privacy.ownRequests(citizen.userId);
    expect([req!.field, req!.correctedValue]).toEqual(['phone', '081234567890']);
    const page = await dpo.client.get(`/kelola/pdp/permintaan/${req!.id}`);
    expect(textOf(page.body)).toContain('Nomor telepon');
    expect(textOf(page.body)).toContain('081234567890');
    expect(textOf(page.body)).toContain('pemohon diminta mengubah nomor telepon sendiri');
    const log = await t.database.db.selectFrom('personal_data_access').select('kinds').where('subject_user_id', '=', citizen.userId).orderBy('accessed_at', 'desc').executeTakeFirstOrThrow();
    expect(log.kinds.split(',')).toEqual(['name', 'phone']);
  });

  it('[S-3] an approved phone correction sends the person to his account page (a code proves the new number); a NIK correction is referred to Dukcapil; the value is blanked and never in the audit', async () => {
    const citizen = await makeCitizen(t);
    const phone = await t.deps.privacy.submitRequest({ actor: citizenActor(citizen.userId) }, { kind: 'correction', field: 'phone', value: '081299998888', details: 'Nomor lama sudah tidak aktif.' });
    const nik = await t.deps.privacy.submitRequest({ actor: citizenActor(citizen.userId) }, { kind: 'correction', field: 'nik', value: '5371011234567890', details: 'NIK saya salah satu angka.' });
    const r1 = await dpo.client.post(`/kelola/pdp/permintaan/${phone.id}`, { _csrf: dpo.client.csrfToken(), status: 'done', answer: 'Perbaikan nomor telepon disetujui.' });
    expect(r1.statusCode).toBe(303);
    const a1 = await requestRow(phone.id);
    expect([a1.status, a1.outcome, a1.corrected_value]).toEqual(['done', 'self_service', null]);
    expect(a1.answer).toContain('/akun/ubah');
    const mail1 = await lastMailTo(citizen.email);
    expect(mail1.body_text).toContain('/akun/ubah');
    await dpo.client.post(`/kelola/pdp/permintaan/${nik.id}`, { _csrf: dpo.client.csrfToken(), status: 'done', answer: 'Permintaan perbaikan NIK kami terima.' });
    const a2 = await requestRow(nik.id);
    expect(a2.outcome).toBe('referred');
    expect(a2.answer).toContain('Dukcapil');
    expect((await lastMailTo(citizen.email)).body_text).toContain('Dukcapil');
    const trail = await t.database.db.selectFrom('audit_events').select(['after']).where('entity_id', 'in', [phone.id, nik.id]).execute();
    expect(JSON.stringify(trail)).not.toContain('081299998888');
    expect(JSON.stringify(trail)).not.toContain('5371011234567890');
    expect(JSON.stringify(trail)).toContain('self_service');
    // A refusal carries the officer's reason and changes nothing.
    const other = await t.deps.privacy.submitRequest({ actor: citizenActor(citizen.userId) }, { kind: 'correction', field: 'name', value: 'Nama Lain Sama Sekali', details: 'Nama saya salah.' });
    await t.deps.privacy.answer({ actor: dpoActor }, other.id, { status: 'refused', answer: 'Nama sesuai KTP-el yang Anda unggah.' });
    const a3 = await requestRow(other.id);
    expect([a3.status, a3.outcome, a3.answer]).toEqual(['refused', null, 'Nama sesuai KTP-el yang Anda unggah.']);
  });

  it('[S-3] where the owner module gives a corrector, an approved name correction is applied through it', async () => {
    const citizen = await makeCitizen(t);
    const calls: { field: string; value: string; userId: string }[] = [];
    const privacy = createPrivacy({
      database: t.database,
      mailer: t.deps.mailer,
      region: t.deps.region,
      baseUrl: 'http://simpul.test',
      corrector: async (_trx, _who, userId, field, value) => {
        calls.push({ userId, field, value });
        return true;
      },
    });
    const r = await privacy.submitRequest({ actor: citizenActor(citizen.userId) }, { kind: 'correction', field: 'name', value: 'Maria Goreti Bria', details: 'Nama saya kurang satu kata.' });
    const { request } = await privacy.answer({ actor: dpoActor }, r.id, { status: 'done', answer: 'Nama Anda kami perbaiki.' });
    expect(calls).toEqual([{ userId: citizen.userId, field: 'name', value: 'Maria Goreti Bria' }]);
    expect(request.outcome).toBe('applied');
    expect(request.answer).toContain('Nama Anda telah diperbaiki');
  });
  it('[S-3] in the running app an approved name correction changes the account’s name (audited without the name); an address correction is left to the person', async () => {
    const citizen = await makeCitizen(t);
    const r = await t.deps.privacy.submitRequest({ actor: citizenActor(citizen.userId) }, { kind: 'correction', field: 'name', value: 'Maria Goreti Bria Seran', details: 'Nama saya kurang dua kata.' });
    expect(t.deps.privacy.routeOf('name')).toBe('apply');
    expect(t.deps.privacy.routeOf('address')).toBe('self_service');
    const { request } = await t.deps.privacy.answer({ actor: dpoActor }, r.id, { status: 'done', answer: 'Nama Anda kami perbaiki.' });
    expect(request.outcome).toBe('applied');
    const user = await t.database.db.selectFrom('users').select('name').where('id', '=', citizen.userId).executeTakeFirstOrThrow();
    expect(user.name).toBe('Maria Goreti Bria Seran');
    const trail = await t.database.db.selectFrom('audit_events').select(['action', 'after']).where('entity_id', '=', citizen.userId).where('action', '=', 'user.name_corrected').execute();
    expect(trail).toHaveLength(1);
    expect(JSON.stringify(trail)).not.toContain('Seran');
    // A value that is not a name is not applied: the person is told to change it himself.
    const bad = await t.deps.privacy.submitRequest({ actor: citizenActor(citizen.userId) }, { kind: 'correction', field: 'name', value: 'x', details: 'Nama saya salah.' });
    expect((await t.deps.privacy.answer({ actor: dpoActor }, bad.id, { status: 'done', answer: 'Disetujui.' })).request.outcome).toBe('self_service');
    expect((await t.database.db.selectFrom('users').select('name').where('id', '=', citizen.userId).executeTakeFirstOrThrow()).name).toBe('Maria Goreti Bria Seran');
  });
});

describe(`restriction of processing (${engine})`, () => {
  it('[S-3] an approved restriction is a flag: survey invitations skip the person, his page says so; lifting it (audited, told by e-mail) lets them through again', async () => {
    const citizen = await makeCitizen(t);
    const r = await t.deps.privacy.submitRequest({ actor: citizenActor(citizen.userId) }, { kind: 'restriction', details: 'Saya keberatan data saya dipakai untuk survei.' });
    expect(await processingRestricted(t.database.db, citizen.userId)).toBe(false);
    await dpo.client.post(`/kelola/pdp/permintaan/${r.id}`, { _csrf: dpo.client.csrfToken(), status: 'done', answer: 'Pembatasan kami terapkan.' });
    expect(await processingRestricted(t.database.db, citizen.userId)).toBe(true);
    expect(await restrictedAmong(t.database.db, [citizen.userId, dpo.userId])).toEqual(new Set([citizen.userId]));
    expect((await requestRow(r.id)).outcome).toBe('restricted');

    const deps = { baseUrl: 'http://simpul.test', mailer: t.deps.mailer, sendSms: async () => {} };
    const to = { email: citizen.email, phone: null, locale: 'id' as const, userId: citizen.userId };
    const complaintId = crypto.randomUUID();
    expect(await inviteComplaintReporter(deps, t.database.db, { id: complaintId, number: 'ADU-1', ownAccount: true }, to)).toBe(false);
    const claimed = await sql`SELECT subject_id FROM ikm_invitations WHERE subject_id = ${complaintId}`.execute(t.database.db);
    expect(claimed.rows).toHaveLength(0);

    const own = await signInAs(t, citizen.userId);
    expect(textOf((await own.get('/akun/data-pribadi')).body)).toContain('Pemrosesan data Anda dibatasi sejak');
    const page = await dpo.client.get(`/kelola/pdp/permintaan/${r.id}`);
    expect(textOf(page.body)).toContain('Cabut pembatasan');
    const lifted = await dpo.client.post(`/kelola/pdp/permintaan/${r.id}/cabut-pembatasan`, { _csrf: dpo.client.csrfToken() });
    expect(lifted.statusCode).toBe(303);
    expect(await processingRestricted(t.database.db, citizen.userId)).toBe(false);
    expect((await lastMailTo(citizen.email)).subject).toContain('dicabut');
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', citizen.userId).where('action', '=', 'privacy.restriction.lift').execute();
    expect(audit).toHaveLength(1);
    expect(await inviteComplaintReporter(deps, t.database.db, { id: complaintId, number: 'ADU-1', ownAccount: true }, to)).toBe(true);
    // Only the officer may lift it.
    const other = await signInAs(t, (await makeCitizen(t)).userId);
    await other.get('/akun/data-pribadi');
    expect((await other.post(`/kelola/pdp/permintaan/${r.id}/cabut-pembatasan`, { _csrf: other.csrfToken() })).statusCode).toBe(403);
  });
});

describe(`deadline reminders of the data protection officer (${engine})`, () => {
  it('[S-3] a request received Thursday is due at Tuesday closing time: no reminder over the weekend nor on Monday, one when 1 working day is left (Tuesday morning), one when overdue, never twice; the page shows the notice', async () => {
    const citizen = await makeCitizen(t);
    const received = at('2026-12-10', '10:00');
    const r = await t.deps.privacy.submitRequest({ actor: citizenActor(citizen.userId) }, { kind: 'erasure', details: 'Mohon hapus akun saya.' }, received);
    expect(r.dueAt.toISOString()).toBe(at('2026-12-15', '16:00').toISOString());
    const reminders = () =>
      t.database.db.selectFrom('outbound_messages').select(['subject', 'body_text']).where('recipient', '=', dpo.email.toLowerCase()).where('body_text', 'like', `%/kelola/pdp/permintaan/${r.id}%`).where('subject', 'not like', 'Permintaan subjek data baru%').orderBy('created_at').execute();
    await t.deps.privacy.remindDeadlines(at('2026-12-11', '15:00'));
    await t.deps.privacy.remindDeadlines(at('2026-12-12', '10:00'));
    await t.deps.privacy.remindDeadlines(at('2026-12-14', '14:00'));
    expect(await reminders()).toHaveLength(0);
    await t.deps.privacy.remindDeadlines(at('2026-12-15', '08:30'));
    await t.deps.privacy.remindDeadlines(at('2026-12-15', '09:00'));
    const nearing = await reminders();
    expect(nearing.map((m) => m.subject)).toEqual(['Batas waktu permintaan subjek data tinggal 1 hari kerja: Penghapusan data']);
    expect(nearing[0]!.body_text).toContain('15 Desember 2026');
    expect((await t.deps.privacy.deadlineCounts(at('2026-12-15', '09:00'))).nearing).toBeGreaterThanOrEqual(1);
    await t.deps.privacy.remindDeadlines(at('2026-12-15', '16:30'));
    await t.deps.privacy.remindDeadlines(at('2026-12-16', '10:30'));
    expect((await reminders()).map((m) => m.subject)).toEqual(['Batas waktu permintaan subjek data tinggal 1 hari kerja: Penghapusan data', 'Permintaan subjek data melewati batas waktu: Penghapusan data']);
    // The back office shows the officer an overdue request (one received weeks ago).
    await t.deps.privacy.submitRequest({ actor: citizenActor(citizen.userId) }, { kind: 'correction', field: 'other', details: 'Permintaan lama yang terlambat.' }, at('2026-11-02', '09:00'));
    const list = await dpo.client.get('/kelola/pdp');
    expect(textOf(list.body)).toMatch(/Perlu perhatian: \d+ permintaan mendekati batas waktu, [1-9]\d* terlambat\./);
    // An answered request is not reminded.
    await t.deps.privacy.answer({ actor: dpoActor }, r.id, { status: 'refused', answer: 'Uji: ditutup.' });
    const count = (await reminders()).length;
    await t.deps.privacy.remindDeadlines(at('2026-12-17', '10:30'));
    expect(await reminders()).toHaveLength(count);
  });

  it('[S-2][S-3] a breach found Friday 16.00 (due Monday 16.00, calendar hours): reminded Sunday after 16.00 and Monday after 16.00, once each; none once both notices went', async () => {
    const breaches = createBreaches({ database: t.database, mailer: t.deps.mailer });
    const i = await breaches.record({ actor: dpoActor }, { title: 'Cetakan tertinggal', description: 'Cetakan daftar pemohon tertinggal di loket.', occurredAt: null, discoveredAt: at('2026-12-11', '16:00'), dataCategories: 'nama', measures: '', affectedEstimate: 2, affectedUserIds: [] }, at('2026-12-11', '17:00'));
    const reminders = () =>
      t.database.db.selectFrom('outbound_messages').select(['subject']).where('recipient', '=', dpo.email.toLowerCase()).where('body_text', 'like', `%/kelola/pdp/insiden/${i.id}%`).orderBy('created_at').execute();
    await t.deps.privacy.remindDeadlines(at('2026-12-12', '10:00'));
    await t.deps.privacy.remindDeadlines(at('2026-12-13', '15:00'));
    expect(await reminders()).toHaveLength(0);
    await t.deps.privacy.remindDeadlines(at('2026-12-13', '17:00'));
    await t.deps.privacy.remindDeadlines(at('2026-12-13', '18:00'));
    expect((await reminders()).map((m) => m.subject)).toEqual(['Pemberitahuan insiden data jatuh tempo dalam 24 jam: Cetakan tertinggal']);
    await t.deps.privacy.remindDeadlines(at('2026-12-14', '16:01'));
    await t.deps.privacy.remindDeadlines(at('2026-12-14', '18:00'));
    expect(await reminders()).toHaveLength(2);
    expect((await reminders())[1]!.subject).toBe('Pemberitahuan insiden data melewati batas 3 × 24 jam: Cetakan tertinggal');

    const done = await breaches.record({ actor: dpoActor }, { title: 'Sudah diberitahukan', description: 'Insiden yang segera diberitahukan.', occurredAt: null, discoveredAt: at('2026-12-11', '16:00'), dataCategories: 'nama', measures: '', affectedEstimate: 1, affectedUserIds: [] }, at('2026-12-11', '17:00'));
    await breaches.notifySubjects({ actor: dpoActor }, done.id, { name: 'Uji', timeZone: 'Asia/Makassar' });
    await breaches.authorityNotified({ actor: dpoActor }, done.id);
    await t.deps.privacy.remindDeadlines(at('2026-12-15', '10:00'));
    const none = await t.database.db.selectFrom('outbound_messages').select('id').where('recipient', '=', dpo.email.toLowerCase()).where('body_text', 'like', `%/kelola/pdp/insiden/${done.id}%`).execute();
    expect(none).toHaveLength(0);
  });
});

/** Posts a form whose checkboxes repeat a name (URLSearchParams from pairs). */
const postPairs = (client: TestClient, url: string, fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  return client.request('POST', url, { payload: params.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
};

describe(`editing the register of processing (${engine})`, () => {
  it('[S-3] the officer adds an activity (every wrong field at once, nothing typed lost), edits it (audited with what changed); other staff are refused', async () => {
    const form = await dpo.client.get('/kelola/pdp/register/baru');
    expect(form.statusCode).toBe(200);
    const bad = await dpo.client.post('/kelola/pdp/register/baru', { _csrf: dpo.client.csrfToken(), key: 'Survei Warga', name_id: 'Survei kepuasan', name_en: '', purpose_id: 'Mengukur kepuasan.', purpose_en: 'Measure satisfaction.', legal_basis: '', legal_basis_ref: 'Permenpan RB 14/2017', recipients_id: 'Perangkat daerah', recipients_en: 'Agencies', retention_id: '2 tahun', retention_en: '2 years' });
    expect(bad.statusCode).toBe(422);
    const text = textOf(bad.body);
    for (const m of ['Tulis kode kegiatan', 'Pilih dasar pemrosesan.', 'Pilih sedikitnya satu jenis data.', 'Pilih sedikitnya satu subjek data.', 'Isi kolom ini']) expect(text).toContain(m);
    expect(bad.body).toContain('Survei kepuasan');
    const body = { _csrf: dpo.client.csrfToken(), key: 'survei_warga', name_id: 'Survei kepuasan masyarakat', name_en: 'Public satisfaction survey', purpose_id: 'Mengukur kepuasan.', purpose_en: 'Measure satisfaction.', legal_basis: 'public_task', legal_basis_ref: 'Permenpan RB 14/2017', data_categories: ['name', 'email'], data_subjects: 'citizens', recipients_id: 'Perangkat daerah', recipients_en: 'Agencies', retention_id: '2 tahun', retention_en: '2 years' };
    const ok = await postPairs(dpo.client, '/kelola/pdp/register/baru', body);
    expect(ok.statusCode).toBe(303);
    const list = await dpo.client.get('/kelola/pdp/register?disimpan=1');
    expect(textOf(list.body)).toContain('Survei kepuasan masyarakat');
    expect(textOf(list.body)).toContain('nama, e-mail');
    expect(textOf(list.body)).toContain('Register pemrosesan disimpan.');
    const again = await postPairs(dpo.client, '/kelola/pdp/register/baru', { ...body, _csrf: dpo.client.csrfToken() });
    expect(again.statusCode).toBe(422);
    expect(textOf(again.body)).toContain('Kode kegiatan ini sudah dipakai.');

    const edit = await dpo.client.get('/kelola/pdp/register/survei_warga/ubah');
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('Public satisfaction survey');
    expect(edit.body).toMatch(/value="email" checked/);
    const saved = await postPairs(dpo.client, '/kelola/pdp/register/survei_warga/ubah', { ...body, _csrf: dpo.client.csrfToken(), key: 'lain', purpose_id: 'Mengukur kepuasan terhadap layanan.' });
    expect(saved.statusCode).toBe(303);
    const row = await t.database.db.selectFrom('processing_activities').select(['id', 'purpose_id']).where('key', '=', 'survei_warga').executeTakeFirstOrThrow();
    expect(row.purpose_id).toBe('Mengukur kepuasan terhadap layanan.');
    expect(await t.database.db.selectFrom('processing_activities').select('id').where('key', '=', 'lain').executeTakeFirst()).toBeUndefined();
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'after']).where('entity_id', '=', row.id).orderBy('occurred_at').execute();
    expect(audit.map((a) => a.action)).toEqual(['privacy.register.create', 'privacy.register.update']);
    expect(JSON.stringify(audit[1]!.after)).toContain('purpose_id');
    expect((await dpo.client.get('/kelola/pdp/register/tidak_ada/ubah')).statusCode).toBe(404);

    const v = await makeStaff(t, 'super_admin', null);
    const admin = await signInAs(t, v.userId);
    const read = await admin.get('/kelola/pdp/register');
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain('/kelola/pdp/register/baru');
    expect((await admin.get('/kelola/pdp/register/baru')).statusCode).toBe(403);
    expect((await postPairs(admin, '/kelola/pdp/register/survei_warga/ubah', { ...body, _csrf: admin.csrfToken() })).statusCode).toBe(403);
  });
});
