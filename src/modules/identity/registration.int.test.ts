import { sql } from 'kysely';
import { nikMatch, openPerson } from './index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { citizen, count, freshEmail, freshNik, inputValue, lastMail, mailedCode, PASSWORD, registerAndConfirm } from './test-support.ts';
import { PRUNE_JOB } from './identity.service.ts';
import { emailMatch } from './identity.sealing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe(`citizen registration (${engine})`, () => {
  it('[P-4] registers with NIK, confirms the e-mail with the mailed code and is signed in', async () => {
    const c = new TestClient(t.app);
    const data = citizen({ phone: '+62 812-3456-7891' });
    const res = await c.submit('/daftar', data);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/daftar/konfirmasi?pesan=confirm_sent');

    const user = await t.database.db.selectFrom('users').selectAll().where(nikMatch(data.nik)).executeTakeFirstOrThrow().then((r) => openPerson(r));
    expect(user).toMatchObject({ kind: 'citizen', status: 'pending', phone: '+6281234567891', email: data.email, email_verified_at: null });
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const codes = await t.database.db.selectFrom('verification_codes').selectAll().where('user_id', '=', user.id).execute();
    expect(codes).toHaveLength(1);
    const mail = await lastMail(t, data.email);
    expect(mail.status).toBe('sent');
    expect(mail.subject).toBe('Kode konfirmasi akun Simpul');
    const code = await mailedCode(t, data.email);
    expect(codes[0]!.code_hash).not.toContain(code);
    expect(codes[0]!.expires_at.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);

    const page = await c.get('/daftar/konfirmasi?pesan=confirm_sent');
    expect(textOf(page.body)).toContain('Kami mengirim kode 6 angka ke ');
    expect(page.body).not.toContain(data.email); // masked
    const ok = await c.post('/daftar/konfirmasi', { _csrf: c.csrfToken(), code });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/akun');
    const account = await c.get('/akun');
    expect(account.statusCode).toBe(200);
    expect(textOf(account.body)).toContain('Maria Ndolu');
    expect(textOf(account.body)).toContain(`${data.nik.slice(0, 4)}********${data.nik.slice(-4)}`);
    expect(account.body).not.toContain(data.nik);
    const after = await t.database.db.selectFrom('users').select(['status', 'email_verified_at']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('active');
    expect(after.email_verified_at).toBeInstanceOf(Date);
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'after']).where('entity_id', '=', user.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.register', 'user.email_confirmed']));
    expect(JSON.stringify(audit)).not.toContain(data.nik);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });

  it('[P-4] [S-2] one NIK, one account: a second registration with the same NIK creates nothing, reads like any registration, and the owner is told', async () => {
    const { data } = await registerAndConfirm(t);
    const before = await count(t, 'users');
    const c = new TestClient(t.app);
    const other = citizen({ nik: data.nik });
    const res = await c.submit('/daftar', other);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/daftar/konfirmasi?pesan=confirm_sent');
    expect(await count(t, 'users')).toBe(before);
    const notice = await lastMail(t, data.email);
    expect(notice.subject).toBe('Ada yang mencoba mendaftar dengan NIK Anda di Simpul');
    expect(notice.body_text).not.toContain(other.email);
    await expect(lastMail(t, other.email)).rejects.toThrow(/no e-mail/);
  });

  it('[P-4] [S-2] one e-mail, one account (case-insensitive): nothing created, the owner of the address is told', async () => {
    const { data } = await registerAndConfirm(t);
    const before = await count(t, 'users');
    const c = new TestClient(t.app);
    const res = await c.submit('/daftar', citizen({ email: data.email.toUpperCase() }));
    expect(res.statusCode).toBe(303);
    expect(await count(t, 'users')).toBe(before);
    expect((await lastMail(t, data.email)).subject).toBe('Ada yang mencoba mendaftar dengan alamat e-mail Anda di Simpul');
  });

  it('[P-4] the same NIK registered twice at once: exactly one account, both answered alike', async () => {
    const nik = freshNik();
    const before = await count(t, 'users');
    const a = new TestClient(t.app);
    const b = new TestClient(t.app);
    await a.get('/daftar');
    await b.get('/daftar');
    const [ra, rb] = await Promise.all([
      a.post('/daftar', { _csrf: a.csrfToken(), ...citizen({ nik }) }),
      b.post('/daftar', { _csrf: b.csrfToken(), ...citizen({ nik }) }),
    ]);
    expect([ra.statusCode, rb.statusCode]).toEqual([303, 303]);
    expect(await count(t, 'users')).toBe(before + 1);
  });

  const backdate = (nik: string, days: number) =>
    t.database.db.updateTable('users').set({ password_changed_at: new Date(Date.now() - days * 86_400_000) }).where(nikMatch(nik)).execute();

  it('[P-4] a registration never confirmed within 7 days no longer holds its NIK and e-mail: a new registration takes them', async () => {
    const first = citizen();
    expect((await new TestClient(t.app).submit('/daftar', first)).statusCode).toBe(303);
    const old = await t.database.db.selectFrom('users').select('id').where(nikMatch(first.nik)).executeTakeFirstOrThrow();

    // Within the week the pending registration still holds the NIK.
    await backdate(first.nik, 6);
    expect((await new TestClient(t.app).submit('/daftar', citizen({ nik: first.nik }))).statusCode).toBe(303);
    expect((await t.database.db.selectFrom('users').select('id').where(nikMatch(first.nik)).executeTakeFirstOrThrow()).id).toBe(old.id);

    await backdate(first.nik, 8);
    const second = citizen({ nik: first.nik, email: first.email });
    const { c } = await registerAndConfirm(t, second);
    expect((await c.get('/akun')).statusCode).toBe(200);
    const rows = await t.database.db.selectFrom('users').select(['id', 'nik', 'email', 'phone', 'name', 'status', 'password_hash']).where('id', '=', old.id).executeTakeFirstOrThrow();
    expect(rows).toEqual({ id: old.id, nik: null, email: null, phone: null, name: '-', status: 'disabled', password_hash: null });
    const now = await t.database.db.selectFrom('users').select(['id', 'status']).where(nikMatch(first.nik)).executeTakeFirstOrThrow();
    expect(now.id).not.toBe(old.id);
    expect(now.status).toBe('active');
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', old.id).execute();
    expect(audit.map((a) => a.action)).toContain('user.registration_abandoned');
  });

  it('[S-3] the hourly housekeeping empties abandoned registrations of personal data; confirmed and recent ones stay', async () => {
    const abandoned = citizen();
    const recent = citizen();
    await new TestClient(t.app).submit('/daftar', abandoned);
    await new TestClient(t.app).submit('/daftar', recent);
    const { data: confirmed } = await registerAndConfirm(t);
    await backdate(abandoned.nik, 8);
    await backdate(confirmed.nik, 30);
    await backdate(recent.nik, 2);
    await t.deps.jobs.enqueue(t.database.db, PRUNE_JOB, {});
    await t.runJobs();
    expect(await t.database.db.selectFrom('users').select('id').where(nikMatch(abandoned.nik)).executeTakeFirst()).toBeUndefined();
    expect(await t.database.db.selectFrom('users').select('id').where(emailMatch(abandoned.email)).executeTakeFirst()).toBeUndefined();
    expect(await t.database.db.selectFrom('users').select('status').where(nikMatch(recent.nik)).executeTakeFirstOrThrow()).toEqual({ status: 'pending' });
    expect(await t.database.db.selectFrom('users').select('status').where(nikMatch(confirmed.nik)).executeTakeFirstOrThrow()).toEqual({ status: 'active' });
  });

  const badInput: [string, Record<string, string>, string, string][] = [
    ['NIK with 15 digits', { nik: '537101120885001' }, 'nik', 'NIK harus 16 angka'],
    ['NIK with an unknown province', { nik: '9901011208850001' }, 'nik', 'bukan kode provinsi yang dikenal'],
    ['NIK with 31 February', { nik: '5371013102900001' }, 'nik', 'Tanggal lahir dalam NIK'],
    ['malformed e-mail', { email: 'maria@' }, 'email', 'Alamat e-mail tidak valid'],
    ['landline number', { phone: '0380 821234' }, 'phone', 'Nomor HP tidak valid'],
    ['short password', { password: 'Pendek1!', passwordConfirm: 'Pendek1!' }, 'password', 'Kata sandi minimal 10 karakter'],
    ['single-class password', { password: 'semuanyahurufkecil', passwordConfirm: 'semuanyahurufkecil' }, 'password', 'paling sedikit dua jenis'],
    ['password with the name', { password: 'Ndolu#Kupang-2026', passwordConfirm: 'Ndolu#Kupang-2026' }, 'password', 'tidak boleh memuat nama'],
    ['confirmation differs', { passwordConfirm: 'Kupang-Sejahtera-2027' }, 'passwordConfirm', 'Konfirmasi kata sandi tidak sama'],
    ['missing name', { name: '' }, 'name', 'Wajib diisi'],
  ];
  for (const [what, change, field, message] of badInput) {
    it(`[S-5] ${what}: clear Indonesian message, 422, values kept, password not echoed, nothing written`, async () => {
      const before = await count(t, 'users');
      const codes = await count(t, 'verification_codes');
      const c = new TestClient(t.app);
      const data = citizen(change);
      const res = await c.submit('/daftar', data);
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('<html lang="id"');
      expect(res.body).toContain('class="error-summary"');
      expect(res.body).toContain(`href="#f-${field}"`);
      expect(textOf(res.body)).toContain(message);
      for (const kept of ['nik', 'name', 'email', 'phone'] as const) {
        if (data[kept]) expect(inputValue(res.body, kept)).toBe(data[kept].replace(/&/g, '&amp;'));
      }
      expect(inputValue(res.body, 'password')).toBeNull();
      expect(inputValue(res.body, 'passwordConfirm')).toBeNull();
      expect(res.body).not.toContain(data.password);
      expect(await count(t, 'users')).toBe(before);
      expect(await count(t, 'verification_codes')).toBe(codes);
    });
  }

  it('[S-5] several wrong fields are all reported at once', async () => {
    const c = new TestClient(t.app);
    const res = await c.submit('/daftar', citizen({ nik: '123', email: 'x', phone: '12', password: 'a', passwordConfirm: 'a' }));
    expect(res.statusCode).toBe(422);
    for (const f of ['nik', 'email', 'phone', 'password']) expect(res.body).toContain(`href="#f-${f}"`);
  });

  it('[P-11] the form and its messages are in English for a person who chose English; the e-mail too', async () => {
    const c = new TestClient(t.app);
    await c.get('/bahasa/en?kembali=/daftar');
    const bad = await c.submit('/daftar', citizen({ nik: '9901011208850001' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('<html lang="en"');
    expect(textOf(bad.body)).toContain('The first two digits of the NIK are not a known province code');
    const data = citizen();
    const ok = await c.submit('/daftar', data);
    expect(ok.statusCode).toBe(303);
    const mail = await lastMail(t, data.email);
    expect(mail.subject).toBe('Your Simpul confirmation code');
    expect(mail.body_text).toContain('The code to confirm your e-mail address');
    const u = await t.database.db.selectFrom('users').select('locale').where(nikMatch(data.nik)).executeTakeFirstOrThrow();
    expect(u.locale).toBe('en');
  });

  it('[S-2] a form sent without its CSRF token is refused with 403 and shown again with the values (never the password)', async () => {
    const before = await count(t, 'users');
    const c = new TestClient(t.app);
    await c.get('/daftar');
    const data = citizen();
    const res = await c.post('/daftar', data);
    expect(res.statusCode).toBe(403);
    expect(textOf(res.body)).toContain('token keamanan tidak cocok');
    expect(inputValue(res.body, 'nik')).toBe(data.nik);
    expect(inputValue(res.body, 'email')).toBe(data.email);
    expect(res.body).not.toContain(data.password);
    expect(await count(t, 'users')).toBe(before);
    // The page carries a fresh token: sending it again (with the password) registers.
    const again = await c.post('/daftar', { _csrf: c.csrfToken(), ...data });
    expect(again.statusCode).toBe(303);
  });

  it('[S-5] an oversized body is refused with 413 and nothing is written', async () => {
    const small = await createTestApp({ bodyLimit: 4096 });
    try {
      const before = await count(small, 'users');
      const c = new TestClient(small.app);
      await c.get('/daftar');
      const res = await c.post('/daftar', { _csrf: c.csrfToken(), ...citizen({ name: 'x'.repeat(10_000) }) });
      expect(res.statusCode).toBe(413);
      expect(textOf(res.body)).toContain('Data yang dikirim terlalu besar');
      expect(await count(small, 'users')).toBe(before);
    } finally {
      await small.close();
    }
  });
});

describe(`e-mail confirmation (${engine})`, () => {
  it('[S-5] a wrong code says so and counts; the fifth wrong code spends it; a new code works', async () => {
    const c = new TestClient(t.app);
    const data = citizen();
    await c.submit('/daftar', data);
    const code = await mailedCode(t, data.email);
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await c.submit('/daftar/konfirmasi', { code: wrong });
    expect(first.statusCode).toBe(422);
    expect(textOf(first.body)).toContain('Kode salah. Periksa kode di e-mail Anda. Sisa percobaan: 4.');
    for (let i = 0; i < 3; i++) await c.submit('/daftar/konfirmasi', { code: wrong });
    const fifth = await c.submit('/daftar/konfirmasi', { code: wrong });
    expect(textOf(fifth.body)).toContain('Terlalu banyak kode salah. Minta kode baru.');
    const spent = await c.submit('/daftar/konfirmasi', { code });
    expect(spent.statusCode).toBe(422);
    expect(textOf(spent.body)).toContain('Terlalu banyak kode salah');

    const resend = await c.submit('/daftar/konfirmasi/kirim-ulang', {}, '/daftar/konfirmasi');
    expect(resend.statusCode).toBe(303);
    const fresh = await mailedCode(t, data.email);
    const ok = await c.submit('/daftar/konfirmasi', { code: fresh });
    expect(ok.statusCode).toBe(303);
  });

  it('[S-5] an expired code is refused with a clear message', async () => {
    const c = new TestClient(t.app);
    const data = citizen();
    await c.submit('/daftar', data);
    const code = await mailedCode(t, data.email);
    const user = await t.database.db.selectFrom('users').select('id').where(nikMatch(data.nik)).executeTakeFirstOrThrow();
    await t.database.db.updateTable('verification_codes').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', user.id).execute();
    const res = await c.submit('/daftar/konfirmasi', { code });
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Kode sudah tidak berlaku (kedaluwarsa atau sudah dipakai). Minta kode baru.');
    const still = await t.database.db.selectFrom('users').select('status').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(still.status).toBe('pending');
  });

  it('an old code stops working once a new one is sent', async () => {
    const c = new TestClient(t.app);
    const data = citizen();
    await c.submit('/daftar', data);
    const old = await mailedCode(t, data.email);
    await c.submit('/daftar/konfirmasi/kirim-ulang', {}, '/daftar/konfirmasi');
    const fresh = await mailedCode(t, data.email);
    if (old !== fresh) {
      const res = await c.submit('/daftar/konfirmasi', { code: old });
      expect(res.statusCode).toBe(422);
    }
    expect((await c.submit('/daftar/konfirmasi', { code: fresh })).statusCode).toBe(303);
  });

  it('[S-5] "kirim ulang kode" is rate-limited per account', async () => {
    const c = new TestClient(t.app);
    const data = citizen();
    await c.submit('/daftar', data);
    for (let i = 0; i < 3; i++) {
      expect((await c.submit('/daftar/konfirmasi/kirim-ulang', {}, '/daftar/konfirmasi')).statusCode).toBe(303);
    }
    const refused = await c.submit('/daftar/konfirmasi/kirim-ulang', {}, '/daftar/konfirmasi');
    expect(refused.statusCode).toBe(429);
    expect(textOf(refused.body)).toMatch(/Terlalu banyak percobaan. Coba lagi dalam \d+ menit/);
  });

  it('confirms from another browser with the e-mail address and the code', async () => {
    const data = citizen();
    await new TestClient(t.app).submit('/daftar', data);
    const code = await mailedCode(t, data.email);
    const other = new TestClient(t.app);
    const page = await other.get('/daftar/konfirmasi');
    expect(page.body).toContain('name="email"');
    const ok = await other.submit('/daftar/konfirmasi', { email: data.email, code });
    expect(ok.statusCode).toBe(303);
    expect((await other.get('/akun')).statusCode).toBe(200);
  });

  it('an unknown address reads like a wrong code (no account enumeration)', async () => {
    const c = new TestClient(t.app);
    const res = await c.submit('/daftar/konfirmasi', { email: freshEmail(), code: '123456' });
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Kode salah');
  });
});
