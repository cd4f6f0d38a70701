import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nikMatch } from './index.ts';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { count, createStaff, freshEmail, inputValue, lastMail, mailedCode, PASSWORD, registerAndConfirm, signIn } from './test-support.ts';
import { PRUNE_JOB } from './identity.service.ts';
import { emailMatch } from './identity.sealing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const NEW_PASSWORD = 'Flobamora-Baru-2027';

async function activeSessions(userNik: string) {
  const u = await t.database.db.selectFrom('users').select('id').where(nikMatch(userNik)).executeTakeFirstOrThrow();
  return t.database.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).where('revoked_at', 'is', null).execute();
}

describe(`password reset by e-mail (${engine})`, () => {
  it('[S-1] e-mails a code and a link; the new password works, the old one not, and every session ends', async () => {
    const { c, data } = await registerAndConfirm(t);
    const laptop = new TestClient(t.app);
    await signIn(laptop, data.email);
    expect(await activeSessions(data.nik)).toHaveLength(2);

    const anon = new TestClient(t.app);
    const sent = await anon.submit('/lupa-sandi', { email: data.email });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/lupa-sandi/terkirim');
    const mail = await lastMail(t, data.email);
    expect(mail.subject).toBe('Membuat kata sandi baru di Simpul');
    const link = /(http:\/\/\S+\/atur-sandi\?ref=[0-9a-f-]+&kode=\d{6})/.exec(mail.body_text)?.[1];
    expect(link).toBeDefined();
    const path = new URL(link!).pathname + new URL(link!).search;

    const page = await anon.get(path);
    expect(page.statusCode).toBe(200);
    expect(inputValue(page.body, 'code')).toMatch(/^\d{6}$/);
    expect(page.body).not.toContain('name="email"');
    const ref = inputValue(page.body, 'ref')!;
    const weak = await anon.post('/atur-sandi', { _csrf: anon.csrfToken(), ref, code: inputValue(page.body, 'code')!, password: 'pendek', passwordConfirm: 'pendek' });
    expect(weak.statusCode).toBe(422);
    expect(textOf(weak.body)).toContain('Kata sandi minimal 10 karakter');
    expect(inputValue(weak.body, 'code')).toMatch(/^\d{6}$/); // kept: no need to open the e-mail again
    const done = await anon.post('/atur-sandi', { _csrf: anon.csrfToken(), ref, code: inputValue(page.body, 'code')!, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/masuk?pesan=password_reset');

    expect(await activeSessions(data.nik)).toHaveLength(0);
    expect((await c.get('/akun')).statusCode).toBe(303);
    expect((await signIn(new TestClient(t.app), data.email, PASSWORD)).statusCode).toBe(401);
    expect((await signIn(new TestClient(t.app), data.email, NEW_PASSWORD)).statusCode).toBe(303);
    expect((await lastMail(t, data.email)).subject).toBe('Kata sandi akun Simpul Anda diubah');

    // The code is spent.
    const again = await anon.post('/atur-sandi', { _csrf: anon.csrfToken(), ref, code: inputValue(page.body, 'code')!, password: 'Lain-Lagi-2028x', passwordConfirm: 'Lain-Lagi-2028x' });
    expect(again.statusCode).toBe(422);
    expect(textOf(again.body)).toContain('Kode sudah tidak berlaku');
  });

  it('[S-1] works with the e-mail address and the code typed by hand', async () => {
    const { data } = await registerAndConfirm(t);
    const c = new TestClient(t.app);
    await c.submit('/lupa-sandi', { email: data.email });
    const code = await mailedCode(t, data.email);
    const res = await c.submit('/atur-sandi', { email: data.email, code, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(res.statusCode).toBe(303);
  });

  it('[S-1] answers the same for an unknown address and sends nothing (no account enumeration)', async () => {
    const mails = await count(t, 'outbound_messages');
    const c = new TestClient(t.app);
    const res = await c.submit('/lupa-sandi', { email: freshEmail() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/lupa-sandi/terkirim');
    expect(await count(t, 'outbound_messages')).toBe(mails);
    const page = await c.get('/lupa-sandi/terkirim');
    expect(textOf(page.body)).toContain('Jika alamat itu terdaftar');
  });

  it('[S-5] a malformed address is refused with a message; an expired code is refused', async () => {
    const c = new TestClient(t.app);
    const bad = await c.submit('/lupa-sandi', { email: 'bukan-email' });
    expect(bad.statusCode).toBe(422);
    expect(inputValue(bad.body, 'email')).toBe('bukan-email');
    const { data } = await registerAndConfirm(t);
    await c.submit('/lupa-sandi', { email: data.email });
    const code = await mailedCode(t, data.email);
    await t.database.db.updateTable('verification_codes').set({ expires_at: new Date(Date.now() - 1) }).where('purpose', '=', 'password_reset').execute();
    const res = await c.submit('/atur-sandi', { email: data.email, code, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Kode sudah tidak berlaku');
  });

  it('[S-1] staff invitation: an account without a password gets an e-mailed link to /atur-sandi (72 hours)', async () => {
    const email = freshEmail('undangan');
    await t.database.db
      .transaction()
      .execute((trx) => t.deps.identity.createStaffAccount(trx, { name: 'Yohanes Petugas', email }, { actor: null, label: 'test' }));
    const mail = await lastMail(t, email);
    expect(mail.subject).toBe('Undangan akun petugas Simpul');
    expect(mail.body_text).toContain('72 jam');
    const code = await t.database.db.selectFrom('verification_codes').select(['purpose', 'expires_at']).where('purpose', '=', 'invitation').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(code.expires_at.getTime() - Date.now()).toBeGreaterThan(71 * 3600_000);
    expect((await signIn(new TestClient(t.app), email, PASSWORD)).statusCode).toBe(401);

    const link = /(\/atur-sandi\?ref=[0-9a-f-]+&kode=\d{6})/.exec(mail.body_text)![1]!;
    const c = new TestClient(t.app);
    const page = await c.get(link);
    const res = await c.post('/atur-sandi', { _csrf: c.csrfToken(), ref: inputValue(page.body, 'ref')!, code: inputValue(page.body, 'code')!, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(res.statusCode).toBe(303);
    expect((await signIn(new TestClient(t.app), email, NEW_PASSWORD)).statusCode).toBe(303);
    const u = await t.database.db.selectFrom('users').select(['email_verified_at', 'status']).where(emailMatch(email)).executeTakeFirstOrThrow();
    expect(u.status).toBe('active');
    expect(u.email_verified_at).toBeInstanceOf(Date);
  });
});

describe(`account pages (${engine})`, () => {
  it('[P-3] the account page shows the profile with the NIK masked', async () => {
    const { c, data } = await registerAndConfirm(t);
    const res = await c.get('/akun');
    const text = textOf(res.body);
    expect(text).toContain(data.email);
    expect(text).toContain('+6281234567890');
    expect(text).toContain(`${data.nik.slice(0, 4)}********${data.nik.slice(12)}`);
    expect(res.body).not.toContain(data.nik);
    expect(res.headers['cache-control']).toContain('no-store');
  });

  it('[S-1] changing the password needs the current one and signs out every other device', async () => {
    const { c, data } = await registerAndConfirm(t);
    const phone = new TestClient(t.app);
    await signIn(phone, data.email);
    const wrong = await c.submit('/akun/sandi', { currentPassword: 'Salah-Sandi-123', password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(wrong.statusCode).toBe(422);
    expect(textOf(wrong.body)).toContain('Kata sandi saat ini salah');
    expect(wrong.body).not.toContain(NEW_PASSWORD);
    const ok = await c.submit('/akun/sandi', { currentPassword: PASSWORD, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(ok.statusCode).toBe(303);
    expect((await c.get('/akun?pesan=password_changed')).statusCode).toBe(200);
    expect((await phone.get('/akun')).statusCode).toBe(303);
    expect(await activeSessions(data.nik)).toHaveLength(1);
  });

  it('[S-1] lists the sessions with the current one marked, revokes one, and signs out everywhere', async () => {
    const { c, data } = await registerAndConfirm(t);
    const other = new TestClient(t.app);
    other.headers['user-agent'] = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36';
    await signIn(other, data.email);
    const page = await c.get('/akun/sesi');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('perangkat ini');
    expect(text).toContain('Chrome · Android');
    const revokeActions = [...page.body.matchAll(/action="(\/akun\/sesi\/[0-9a-f-]+\/cabut)"/g)].map((m) => m[1]!);
    expect(revokeActions).toHaveLength(1); // not for the current session
    const r = await c.post(revokeActions[0]!, { _csrf: c.csrfToken() });
    expect(r.statusCode).toBe(303);
    expect((await other.get('/akun')).statusCode).toBe(303);
    expect((await c.get('/akun')).statusCode).toBe(200);

    // Someone else's session cannot be revoked.
    const stranger = await registerAndConfirm(t);
    const theirs = await activeSessions(stranger.data.nik);
    await c.get('/akun/sesi');
    expect((await c.post(`/akun/sesi/${theirs[0]!.id}/cabut`, { _csrf: c.csrfToken() })).statusCode).toBe(404);
    expect(await activeSessions(stranger.data.nik)).toHaveLength(1);

    const third = new TestClient(t.app);
    await signIn(third, data.email);
    await c.get('/akun/sesi');
    const all = await c.post('/akun/sesi/keluar-semua', { _csrf: c.csrfToken() });
    expect(all.statusCode).toBe(303);
    expect(all.headers.location).toBe('/masuk?pesan=signed_out_all');
    expect(await activeSessions(data.nik)).toHaveLength(0);
    expect((await third.get('/akun')).statusCode).toBe(303);
    expect((await c.get('/akun')).statusCode).toBe(303);
  });
});

describe(`personal API tokens (${engine})`, () => {
  it('[I-2] staff create a token shown once; it authenticates the API and stops working when revoked', async () => {
    const staff = await createStaff(t, 'operator');
    const c = new TestClient(t.app);
    await signIn(c, staff.email);
    const created = await c.submit('/akun/token', { name: 'Sinkronisasi SIMPEG', expiresIn: '30' });
    expect(created.statusCode).toBe(201);
    const token = /<code id="new-token">(smp_[A-Za-z0-9_-]+)<\/code>/.exec(created.body)?.[1];
    expect(token).toBeDefined();
    const stored = await t.database.db.selectFrom('api_tokens').select(['token_hash', 'expires_at']).where('user_id', '=', staff.userId).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token!);
    expect(stored.expires_at!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ kind: 'staff', email: staff.email, roles: [{ role: 'operator', agencyId: staff.agencyId }] });

    const list = await c.get('/akun/token');
    expect(textOf(list.body)).toContain('Sinkronisasi SIMPEG');
    expect(list.body).not.toContain(token!);
    const revoke = /action="(\/akun\/token\/[0-9a-f-]+\/cabut)"/.exec(list.body)![1]!;
    expect((await c.post(revoke, { _csrf: c.csrfToken() })).statusCode).toBe(303);
    const after = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('[S-1] citizens have no token page', async () => {
    const { c } = await registerAndConfirm(t);
    expect((await c.get('/akun/token')).statusCode).toBe(403);
  });

  it('[S-5] a token without a name is refused with a message', async () => {
    const staff = await createStaff(t, 'operator');
    const c = new TestClient(t.app);
    await signIn(c, staff.email);
    const res = await c.submit('/akun/token', { name: '', expiresIn: '90' });
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Wajib diisi');
  });
});

describe(`retention (${engine})`, () => {
  it('[S-3] the hourly job deletes old one-time codes and long-ended sessions, keeps current ones', async () => {
    const { data } = await registerAndConfirm(t);
    const u = await t.database.db.selectFrom('users').select('id').where(nikMatch(data.nik)).executeTakeFirstOrThrow();
    const live = await activeSessions(data.nik);
    const old = new Date(Date.now() - 100 * 86_400_000);
    await t.database.db.updateTable('verification_codes').set({ expires_at: old }).where('user_id', '=', u.id).execute();
    const ended = await t.database.db
      .insertInto('sessions')
      .values({ token_hash: `old-${u.id}`, user_id: u.id, expires_at: old })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.deps.jobs.enqueue(t.database.db, PRUNE_JOB, {});
    await t.runJobs();
    expect(await t.database.db.selectFrom('verification_codes').select('id').where('user_id', '=', u.id).execute()).toHaveLength(0);
    expect(await t.database.db.selectFrom('sessions').select('id').where('id', '=', ended.id).executeTakeFirst()).toBeUndefined();
    expect(await activeSessions(data.nik)).toEqual(live);
  });
});
