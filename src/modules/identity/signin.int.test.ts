import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nikMatch } from './index.ts';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { citizen, freshEmail, inputValue, PASSWORD, registerAndConfirm, signIn } from './test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe(`sign-in (${engine})`, () => {
  it('[S-1] signs in with the e-mail address or the NIK; the session cookie is HTTP-only, SameSite=Lax, path /', async () => {
    const { data } = await registerAndConfirm(t);
    const c = new TestClient(t.app);
    const res = await signIn(c, data.email.toUpperCase());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/akun');
    const cookie = String([res.headers['set-cookie']].flat().find((h) => String(h).startsWith('simpul_sid=')));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect((await c.get('/akun')).statusCode).toBe(200);

    const byNik = new TestClient(t.app);
    const nik = `${data.nik.slice(0, 4)} ${data.nik.slice(4, 8)} ${data.nik.slice(8, 12)} ${data.nik.slice(12)}`;
    expect((await signIn(byNik, nik)).headers.location).toBe('/akun');
    const row = await t.database.db.selectFrom('users').select(['last_login_at', 'failed_logins']).where(nikMatch(data.nik)).executeTakeFirstOrThrow();
    expect(row.last_login_at).toBeInstanceOf(Date);
  });

  it('[S-1] returns to a local "kembali" path, never to another site', async () => {
    const { data } = await registerAndConfirm(t);
    const c = new TestClient(t.app);
    const page = await c.get('/masuk?kembali=%2Fakun%2Fsesi');
    expect(inputValue(page.body, 'kembali')).toBe('/akun/sesi');
    expect((await signIn(c, data.email, PASSWORD, '/akun/sesi')).headers.location).toBe('/akun/sesi');
    for (const evil of ['https://jahat.example/', '//jahat.example/x', '/\\jahat.example']) {
      const other = new TestClient(t.app);
      expect((await signIn(other, data.email, PASSWORD, evil)).headers.location).toBe('/akun');
    }
  });

  it('[S-1] a page that needs a session sends the visitor to sign in and back', async () => {
    const c = new TestClient(t.app);
    const res = await c.get('/akun/sesi');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/masuk?kembali=%2Fakun%2Fsesi');
  });

  it('[S-1] an unknown account and a wrong password get the same answer (401), the login is kept, the password is not', async () => {
    const { data } = await registerAndConfirm(t);
    const a = new TestClient(t.app);
    const wrong = await signIn(a, data.email, 'Salah-Sandi-123');
    const b = new TestClient(t.app);
    const unknown = await signIn(b, freshEmail(), 'Salah-Sandi-123');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const msg = 'E-mail/NIK atau kata sandi salah.';
    expect(textOf(wrong.body)).toContain(msg);
    expect(textOf(unknown.body)).toContain(msg);
    expect(textOf(wrong.body).replace(data.email, 'X')).toBe(textOf(unknown.body).replace(/warga[^ ]*@contoh\.id/, 'X'));
    expect(inputValue(wrong.body, 'login')).toBe(data.email);
    expect(wrong.body).not.toContain('Salah-Sandi-123');
  });

  it('[S-1] repeated failures slow the next attempt from that address (429, even with the right password); the account is never locked', async () => {
    const slow = await createTestApp({ login: { maxFailures: 3, lockMinutes: 15, ratePerIp: 100, firstDelaySeconds: 300 } });
    try {
      const { data } = await registerAndConfirm(slow);
      const c = new TestClient(slow.app);
      for (let i = 1; i <= 3; i++) expect((await signIn(c, data.email, `Salah-Sandi-${i}x`)).statusCode).toBe(401);
      const refused = await signIn(c, data.email, PASSWORD);
      expect(refused.statusCode).toBe(429);
      expect(textOf(refused.body)).toMatch(/Terlalu banyak percobaan yang gagal. Demi keamanan, tunggu 5 menit lalu coba lagi./);
      expect(inputValue(refused.body, 'login')).toBe(data.email);

      const user = await slow.database.db.selectFrom('users').select(['id', 'locked_until', 'status']).where(nikMatch(data.nik)).executeTakeFirstOrThrow();
      expect(user).toMatchObject({ locked_until: null, status: 'active' });
      const audit = await slow.database.db.selectFrom('audit_events').select(['action', 'after', 'ip']).where('entity_id', '=', user.id).execute();
      expect(audit.filter((a) => a.action === 'auth.login_failed')).toHaveLength(3);
      expect(JSON.stringify(audit)).not.toMatch(/Salah-Sandi|Kupang-Sejahtera/);
      const buckets = await slow.database.db.selectFrom('rate_buckets').select('key').execute();
      expect(JSON.stringify(buckets)).not.toContain('127.0.0.1');
    } finally {
      await slow.close();
    }
  });

  it('[S-1] without a trusted proxy a forged X-Forwarded-For does not dodge the per-IP limit', async () => {
    const small = await createTestApp({ login: { maxFailures: 100, lockMinutes: 15, ratePerIp: 2, firstDelaySeconds: 300 } });
    try {
      const c = new TestClient(small.app);
      for (let i = 0; i < 2; i++) {
        c.headers['x-forwarded-for'] = `198.51.100.${i}`;
        expect((await signIn(c, freshEmail(), 'Salah-Sandi-123')).statusCode).toBe(401);
      }
      c.headers['x-forwarded-for'] = '198.51.100.99';
      expect((await signIn(c, freshEmail(), 'Salah-Sandi-123')).statusCode).toBe(429);
    } finally {
      await small.close();
    }
  });

  it('[S-1] an unconfirmed account is sent to the confirmation page', async () => {
    const data = citizen();
    await new TestClient(t.app).submit('/daftar', data);
    const c = new TestClient(t.app);
    const res = await signIn(c, data.email);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/daftar/konfirmasi?pesan=confirm_needed');
    const page = await c.get(res.headers.location as string);
    expect(textOf(page.body)).toContain('belum dikonfirmasi');
    expect(page.body).not.toContain('name="email"'); // the account is known from the sign-in
  });

  it('[S-1] a disabled account is refused, and its open sessions stop working', async () => {
    const { c, data } = await registerAndConfirm(t);
    await t.database.db.updateTable('users').set({ status: 'disabled' }).where(nikMatch(data.nik)).execute();
    expect((await c.get('/akun')).statusCode).toBe(303);
    const res = await signIn(new TestClient(t.app), data.email);
    expect(res.statusCode).toBe(403);
    expect(textOf(res.body)).toContain('Akun ini dinonaktifkan.');
  });

  it('[S-1] signs out: the session is revoked on the server', async () => {
    const { c } = await registerAndConfirm(t);
    const token = c.cookies.get('simpul_sid')!;
    await c.get('/akun');
    const out = await c.post('/keluar', { _csrf: c.csrfToken() });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/masuk?pesan=signed_out');
    expect(c.cookies.has('simpul_sid')).toBe(false);
    const replay = await t.app.inject({ url: '/akun', headers: { cookie: `simpul_sid=${token}`, accept: 'text/html' } });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toContain('/masuk');
  });

  it('[S-2] sign-in without the CSRF token is refused and keeps the login but not the password', async () => {
    const c = new TestClient(t.app);
    await c.get('/masuk');
    const res = await c.post('/masuk', { login: 'orang@contoh.id', password: 'Rahasia-Sekali-1' });
    expect(res.statusCode).toBe(403);
    expect(inputValue(res.body, 'login')).toBe('orang@contoh.id');
    expect(res.body).not.toContain('Rahasia-Sekali-1');
  });

  it('[S-1] a new sign-in replaces the session the browser had (no session fixation)', async () => {
    const { c, data } = await registerAndConfirm(t);
    const before = c.cookies.get('simpul_sid')!;
    await signIn(c, data.email);
    const after = c.cookies.get('simpul_sid')!;
    expect(after).not.toBe(before);
    const old = await t.app.inject({ url: '/akun', headers: { cookie: `simpul_sid=${before}`, accept: 'text/html' } });
    expect(old.statusCode).toBe(303);
  });
});
