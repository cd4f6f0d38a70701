// /akun/ubah: a citizen changes his name and address; a new e-mail or phone counts only after
// the code sent to it (e-mail, or SMS through the notifications outbox) is entered; a wrong or
// expired code changes nothing; the NIK cannot be changed there.
import { openPerson } from './index.ts';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { textOf, type TestClient } from '../../../test/http.ts';
import { makeAgency, makeCitizen, makeRegion, makeStaff, signInAs } from '../../../test/factories.ts';

let t: TestApp;

beforeAll(async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-account-edit-'));
  t = await createTestApp({ requireAdminMfa: false, dataDir });
  await makeRegion(t); // province 53: preselected in the address field
});
afterAll(async () => t?.close());

async function user(id: string) {
  return t.database.db.selectFrom('users').select(['name', 'address', 'address_area', 'email', 'phone', 'nik', 'email_verified_at']).where('id', '=', id).executeTakeFirstOrThrow().then((r) => openPerson(r));
}

async function sentCode(channel: 'email' | 'sms', to: string): Promise<string> {
  const m = await t.database.db.selectFrom('outbound_messages').select('body_text').where('channel', '=', channel).where('recipient', '=', to).orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
  return /\b(\d{6})\b/.exec(m.body_text)![1]!;
}

async function signedIn(): Promise<{ id: string; c: TestClient; email: string }> {
  const u = await makeCitizen(t);
  const c = await signInAs(t, u.userId);
  expect((await c.get('/akun/ubah')).statusCode).toBe(200);
  return { id: u.userId, c, email: u.email };
}

const kupang = { 'address.province': '53', 'address.regency': '53.71', 'address.district': '53.71.04', 'address.village': '53.71.04.1009', 'address.street': 'Jl. El Tari 5' };

describe(`editing the account (${engine})`, () => {
  it('[P-4] a citizen changes his name and address; the NIK is not editable there', async () => {
    const { id, c } = await signedIn();
    const before = await user(id);
    const page = await c.get('/akun/ubah');
    expect(textOf(page.body)).toContain('NIK tidak dapat diubah di sini');
    expect(page.body).not.toContain('name="nik"');
    expect((await c.get('/akun')).body).toContain('href="/akun/ubah"');
    const res = await c.post('/akun/ubah', { _csrf: c.csrfToken(), name: '  Maria   Goreti Ndapa ', ...kupang, nik: '5371010101010001' });
    expect(res.statusCode).toBe(303);
    expect(await user(id)).toMatchObject({ name: 'Maria Goreti Ndapa', address: 'Jl. El Tari 5', address_area: '53.71.04.1009', nik: before.nik });
    const after = await c.get(String(res.headers.location));
    expect(textOf(after.body)).toContain('Perubahan disimpan');
    expect(after.body).toContain('<option value="53.71.04.1009" selected>Oebufu</option>');
  });

  it('[P-4] [S-5] the address is chosen from official region codes: "Pilih" without JavaScript loads the next level; a village outside its district is refused in words', async () => {
    const { id, c } = await signedIn();
    const page = await c.get('/akun/ubah');
    expect(page.body).toContain('<option value="53" selected>Nusa Tenggara Timur</option>');
    const step = await c.post('/akun/ubah', { _csrf: c.csrfToken(), name: 'Maria Baru', 'address.province': '53', 'address.regency': '53.71', _pilih: 'address.regency' });
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain('value="Maria Baru"');
    expect(step.body).toContain('<option value="53.71.04">Oebobo</option>');
    expect((await user(id)).name).toBe('Warga Uji');
    const bad = await c.post('/akun/ubah', { _csrf: c.csrfToken(), name: 'Maria Baru', ...kupang, 'address.village': '53.71.01.1001' });
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Desa/kelurahan yang dipilih tidak berada di kecamatan itu.');
    expect(textOf(bad.body)).not.toMatch(/\((province|regency|district|village)\)/);
    expect(await user(id)).toMatchObject({ name: 'Warga Uji', address_area: null });
  });

  it('[P-4] an address typed as free text before the region codes still shows, and is kept until replaced', async () => {
    const { id, c } = await signedIn();
    await t.database.db.updateTable('users').set({ address: 'Jl. Lama 7, Kupang' }).where('id', '=', id).execute();
    const page = await c.get('/akun/ubah');
    expect(textOf(page.body)).toContain('Alamat tercatat sebelumnya: Jl. Lama 7, Kupang.');
    expect(page.body).toContain('value="Jl. Lama 7, Kupang"');
    // Saving the name alone keeps it.
    expect((await c.post('/akun/ubah', { _csrf: c.csrfToken(), name: 'Warga Uji', 'address.province': '53', 'address.street': 'Jl. Lama 7, Kupang' })).statusCode).toBe(303);
    expect(await user(id)).toMatchObject({ address: 'Jl. Lama 7, Kupang', address_area: null });
  });

  it('[S-5] a bad name gives 422 with the message and keeps what was typed', async () => {
    const { id, c } = await signedIn();
    const res = await c.post('/akun/ubah', { _csrf: c.csrfToken(), name: 'M', 'address.street': 'Jl. Timor Raya 9' });
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Isi nama lengkap, 2 sampai 120 karakter.');
    expect(res.body).toContain('Jl. Timor Raya 9');
    expect((await user(id)).name).toBe('Warga Uji');
  });

  it('[P-4] [S-5] a new e-mail counts only after the right code; a wrong code changes nothing', async () => {
    const { id, c, email } = await signedIn();
    const fresh = `baru.${Date.now()}@contoh.id`;
    const asked = await c.post('/akun/ubah/email', { _csrf: c.csrfToken(), email: fresh });
    expect(asked.statusCode).toBe(303);
    expect((await user(id)).email).toBe(email);
    const code = await sentCode('email', fresh);
    const page = await c.get('/akun/ubah?pesan=kode');
    expect(textOf(page.body)).toContain(`Kode dikirim ke ${fresh}`);
    const wrong = await c.post('/akun/ubah/email/konfirmasi', { _csrf: c.csrfToken(), code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(textOf(wrong.body)).toContain('Kode salah');
    expect((await user(id)).email).toBe(email);
    const ok = await c.post('/akun/ubah/email/konfirmasi', { _csrf: c.csrfToken(), code });
    expect(ok.statusCode).toBe(303);
    const after = await user(id);
    expect(after.email).toBe(fresh);
    expect(after.email_verified_at).not.toBeNull();
    // The code is spent.
    expect((await c.post('/akun/ubah/email/konfirmasi', { _csrf: c.csrfToken(), code })).statusCode).toBe(422);
  });

  it('[P-4] [S-5] a new phone is confirmed by a code sent by SMS through the outbox; an expired code changes nothing', async () => {
    const { id, c } = await signedIn();
    const asked = await c.post('/akun/ubah/telepon', { _csrf: c.csrfToken(), phone: '0813 7777 8888' });
    expect(asked.statusCode).toBe(303);
    const code = await sentCode('sms', '+6281377778888');
    await t.database.db.updateTable('verification_codes').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', id).where('purpose', '=', 'phone_change').execute();
    const expired = await c.post('/akun/ubah/telepon/konfirmasi', { _csrf: c.csrfToken(), code });
    expect(expired.statusCode).toBe(422);
    expect(textOf(expired.body)).toContain('Kode sudah tidak berlaku');
    expect((await user(id)).phone).toBe('+6281234567890');
    // A new code works.
    await c.post('/akun/ubah/telepon', { _csrf: c.csrfToken(), phone: '0813 7777 8888' });
    const again = await sentCode('sms', '+6281377778888');
    expect((await c.post('/akun/ubah/telepon/konfirmasi', { _csrf: c.csrfToken(), code: again })).statusCode).toBe(303);
    expect((await user(id)).phone).toBe('+6281377778888');
  });

  it('[S-5] a bad phone or e-mail, or one used by another account, gives 422 and sends nothing', async () => {
    const { c } = await signedIn();
    const other = await makeCitizen(t);
    const bad = await c.post('/akun/ubah/telepon', { _csrf: c.csrfToken(), phone: '12' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="12"');
    const taken = await c.post('/akun/ubah/email', { _csrf: c.csrfToken(), email: other.email.toUpperCase() });
    expect(taken.statusCode).toBe(422);
    expect(textOf(taken.body)).toContain('sudah dipakai akun lain');
  });

  it('[S-5] staff accounts and visitors cannot use the citizen page', async () => {
    const staff = await signInAs(t, (await makeStaff(t, 'super_admin', null)).userId);
    expect((await staff.get('/akun/ubah')).statusCode).toBe(403);
  });
});

describe(`NIK change through staff (${engine})`, () => {
  it('[P-3] a super admin finds a citizen (masked), changes his NIK with a reason and a document; audited masked; the citizen is told', async () => {
    const citizen = await makeCitizen(t);
    const other = await makeCitizen(t);
    const before = await user(citizen.userId);
    const admin = await signInAs(t, (await makeStaff(t, 'super_admin', null)).userId);
    expect((await admin.get('/kelola/warga')).statusCode).toBe(200);
    // The search is posted (a NIK never goes into a URL) and shows the NIK masked only.
    const found = await admin.post('/kelola/warga', { _csrf: admin.csrfToken(), q: before.nik! });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`href="/kelola/warga/${citizen.userId}"`);
    expect(found.body).not.toContain(before.nik!);
    expect(found.body).toContain(`${before.nik!.slice(0, 4)}`);
    const short = await admin.post('/kelola/warga', { _csrf: admin.csrfToken(), q: 'Wa' });
    expect(short.statusCode).toBe(422);
    expect(textOf(short.body)).toContain('paling sedikit 3 huruf');

    const page = await admin.get(`/kelola/warga/${citizen.userId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(before.nik!);
    const send = (fields: Record<string, string>) => admin.post(`/kelola/warga/${citizen.userId}/nik`, { _csrf: admin.csrfToken(), ...fields });
    // Bad format, missing reason and document: one answer naming each field, typed values kept.
    let res = await send({ nik: '12345', reason: '', documentRef: '' });
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('NIK harus 16 angka');
    expect(res.body).toContain('href="#f-reason"');
    expect(res.body).toContain('href="#f-documentRef"');
    expect(res.body).toContain('value="12345"');
    // Another account's NIK: refused with a clear message, nothing changed.
    res = await send({ nik: (await user(other.userId)).nik!, reason: 'Salah ketik saat pendaftaran di loket.', documentRef: 'KTP asli diperiksa' });
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('NIK ini sudah dipakai akun lain');
    expect((await user(citizen.userId)).nik).toBe(before.nik);

    const newNik = '5371015506900007';
    res = await send({ nik: '5371 0155 0690 0007', reason: `Salah ketik saat pendaftaran (tertulis ${before.nik}).`, documentRef: 'Surat Disdukcapil No. 470/123/2026' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/kelola/warga/${citizen.userId}?ok=nik`);
    expect(textOf((await admin.get(res.headers.location as string)).body)).toContain('NIK sudah diubah');
    expect((await user(citizen.userId)).nik).toBe(newNik);
    const audit = await t.database.db.selectFrom('audit_events').select(['before', 'after']).where('entity_id', '=', citizen.userId).where('action', '=', 'user.nik_changed').executeTakeFirstOrThrow();
    const text = JSON.stringify(audit);
    expect(text).not.toContain(newNik);
    expect(text).not.toContain(before.nik!);
    expect(text).toContain('Disdukcapil No. 470/123/2026');
    const mail = await t.database.db.selectFrom('outbound_messages').select(['subject', 'body_text']).where('recipient', '=', citizen.email.toLowerCase()).orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(mail.subject).toContain('NIK pada akun Simpul Anda diubah');
    expect(mail.body_text).not.toContain(newNik);
    // The citizen signs in with the new NIK from now on; a citizen cannot reach the staff page.
    const self = await signInAs(t, citizen.userId);
    expect((await self.get('/kelola/warga')).statusCode).toBe(403);
    expect((await self.post(`/kelola/warga/${citizen.userId}/nik`, { _csrf: self.csrfToken(), nik: newNik, reason: 'x', documentRef: 'y' })).statusCode).toBe(403);
  });

  it('[P-3] an agency admin cannot look people up or change a NIK; an auditor looks up but has no change form', async () => {
    const citizen = await makeCitizen(t);
    const agencyAdmin = await signInAs(t, (await makeStaff(t, 'agency_admin', await makeAgency(t))).userId);
    expect((await agencyAdmin.get('/kelola/warga')).statusCode).toBe(403);
    const auditor = await signInAs(t, (await makeStaff(t, 'auditor', null)).userId);
    const page = await auditor.get(`/kelola/warga/${citizen.userId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="reason"');
    const res = await auditor.post(`/kelola/warga/${citizen.userId}/nik`, { _csrf: auditor.csrfToken(), nik: '5371015506900015', reason: 'Salah ketik saat pendaftaran.', documentRef: 'KTP' });
    expect(res.statusCode).toBe(403);
  });
});
