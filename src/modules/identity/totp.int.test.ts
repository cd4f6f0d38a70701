import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nikMatch } from './index.ts';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { createStaff, lastMail, PASSWORD, registerAndConfirm, signIn } from './test-support.ts';
import { totpCodeAt } from './totp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** The secret shown on the enrolment page (grouped by four). */
function secretOf(html: string): string {
  const m = /<code>([A-Z2-7 ]+)<\/code>/.exec(html);
  if (!m?.[1]) throw new Error('no secret on the page');
  return m[1].replace(/\s/g, '');
}

/** Enrols TOTP for the signed-in client; returns the secret. */
async function enrol(c: TestClient): Promise<string> {
  const page = await c.get('/akun/keamanan/totp');
  expect(page.statusCode).toBe(200);
  const secret = secretOf(page.body);
  const res = await c.post('/akun/keamanan/totp', { _csrf: c.csrfToken(), code: totpCodeAt(secret) });
  expect(res.statusCode).toBe(200); // the recovery codes, shown once
  return secret;
}

const nextStepCode = (secret: string, steps = 1) => totpCodeAt(secret, Date.now() + steps * 30_000);

describe(`TOTP two-step verification (${engine})`, () => {
  it('[S-1] enrolment shows the secret as text and a QR image, keeps it encrypted, and enables with a code', async () => {
    const { c, data } = await registerAndConfirm(t);
    const page = await c.get('/akun/keamanan/totp');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    expect(page.body).not.toContain('<script');
    const secret = secretOf(page.body);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Reloading shows the same secret (the app already scanned it).
    expect(secretOf((await c.get('/akun/keamanan/totp')).body)).toBe(secret);
    const row = await t.database.db.selectFrom('users').select(['totp_secret', 'totp_enabled_at']).where(nikMatch(data.nik)).executeTakeFirstOrThrow();
    expect(row.totp_secret).toMatch(/^v1\./);
    expect(row.totp_secret).not.toContain(secret);
    expect(row.totp_enabled_at).toBeNull();

    const wrong = await c.post('/akun/keamanan/totp', { _csrf: c.csrfToken(), code: totpCodeAt(secret) === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(textOf(wrong.body)).toContain('Kode verifikasi salah');

    const before = c.cookies.get('simpul_sid');
    const ok = await c.post('/akun/keamanan/totp', { _csrf: c.csrfToken(), code: totpCodeAt(secret) });
    expect(ok.statusCode).toBe(200);
    expect(c.cookies.get('simpul_sid')).not.toBe(before); // rotated on the privilege change
    const enabled = await c.get('/akun/keamanan/totp?pesan=totp_enabled');
    expect(textOf(enabled.body)).toContain('Verifikasi dua langkah aktif');
  });

  it('[S-1] sign-in of an enrolled user needs the code; until then every other page sends to /masuk/totp', async () => {
    const { c, data } = await registerAndConfirm(t);
    const secret = await enrol(c);
    const other = new TestClient(t.app);
    const res = await signIn(other, data.email, PASSWORD, '/akun/sesi');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/masuk/totp?kembali=%2Fakun%2Fsesi');
    const session = await t.database.db.selectFrom('sessions').select(['mfa_passed']).orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(session.mfa_passed).toBe(false);

    const gated = await other.get('/akun');
    expect(gated.statusCode).toBe(303);
    expect(gated.headers.location).toBe('/masuk/totp');
    const api = await other.api('GET', '/api/v1/me');
    expect(api.statusCode).toBe(403);
    expect(api.json().error.code).toBe('mfa_required');

    const page = await other.get('/masuk/totp?kembali=%2Fakun%2Fsesi');
    expect(textOf(page.body)).toContain('Verifikasi dua langkah');
    const pending = other.cookies.get('simpul_sid');
    const passed = await other.post('/masuk/totp', { _csrf: other.csrfToken(), kembali: '/akun/sesi', code: nextStepCode(secret) });
    expect(passed.statusCode).toBe(303);
    expect(passed.headers.location).toBe('/akun/sesi');
    expect(other.cookies.get('simpul_sid')).not.toBe(pending);
    expect((await other.get('/akun')).statusCode).toBe(200);
    // The token from before the second step is worth nothing now.
    const old = await t.app.inject({ url: '/akun', headers: { cookie: `simpul_sid=${pending}`, accept: 'text/html' } });
    expect(old.headers.location).toContain('/masuk');
  });

  it('[S-1] a code is never accepted twice (replay), and a wrong code is refused', async () => {
    const { c, data } = await registerAndConfirm(t);
    const secret = await enrol(c);
    const code = nextStepCode(secret);
    const first = new TestClient(t.app);
    await signIn(first, data.email);
    expect((await first.submit('/masuk/totp', { code }, '/masuk/totp')).statusCode).toBe(303);

    const second = new TestClient(t.app);
    await signIn(second, data.email);
    const replay = await second.submit('/masuk/totp', { code }, '/masuk/totp');
    expect(replay.statusCode).toBe(422);
    expect(textOf(replay.body)).toContain('Kode ini sudah dipakai. Tunggu kode berikutnya');
    const wrong = await second.submit('/masuk/totp', { code: '12345' }, '/masuk/totp');
    expect(wrong.statusCode).toBe(422);
    expect(textOf(wrong.body)).toContain('Masukkan 6 angka dari aplikasi autentikator atau satu kode pemulihan');
    // Still waiting for the second step: nothing else opens.
    expect((await second.get('/akun')).headers.location).toBe('/masuk/totp');
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('action', 'in', ['auth.totp_failed', 'auth.totp_passed']).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.totp_failed', 'auth.totp_passed']));
  });

  it('[S-1] TOTP is turned off only with the password and a current code', async () => {
    const { c } = await registerAndConfirm(t);
    const secret = await enrol(c);
    await c.get('/akun/keamanan/totp');
    const noPassword = await c.post('/akun/keamanan/totp/nonaktif', { _csrf: c.csrfToken(), password: 'Salah-Sandi-123', code: nextStepCode(secret) });
    expect(noPassword.statusCode).toBe(422);
    expect(textOf(noPassword.body)).toContain('Kata sandi saat ini salah');
    const ok = await c.post('/akun/keamanan/totp/nonaktif', { _csrf: c.csrfToken(), password: PASSWORD, code: nextStepCode(secret) });
    expect(ok.statusCode).toBe(303);
    const page = await c.get('/akun/keamanan/totp');
    expect(page.body).toContain('<img src="data:image/svg+xml');
  });

  it('[S-1] an administrator must enrol before the back office, cannot turn TOTP off, and signs in with the code', async () => {
    const admin = await createStaff(t, 'super_admin');
    const c = new TestClient(t.app);
    expect((await signIn(c, admin.email)).statusCode).toBe(303);
    const kelola = await c.get('/kelola');
    expect(kelola.statusCode).toBe(303);
    expect(kelola.headers.location).toBe('/akun/keamanan/totp');
    const page = await c.get('/akun/keamanan/totp');
    expect(textOf(page.body)).toContain('mewajibkan verifikasi dua langkah sebelum membuka halaman Kelola');
    // No API token before enrolment (it would bypass the second step).
    const tokens = await c.get('/akun/token');
    expect(textOf(tokens.body)).toContain('memerlukan verifikasi dua langkah');
    expect(tokens.body).not.toContain('action="/akun/token"');

    const secret = await enrol(c);
    expect((await c.get('/kelola')).statusCode).toBe(200);
    const enabled = await c.get('/akun/keamanan/totp');
    expect(enabled.body).not.toContain('action="/akun/keamanan/totp/nonaktif"');
    const refused = await c.post('/akun/keamanan/totp/nonaktif', { _csrf: c.csrfToken(), password: PASSWORD, code: nextStepCode(secret) });
    expect(refused.statusCode).toBe(403);

    const again = new TestClient(t.app);
    await signIn(again, admin.email, PASSWORD, '/kelola');
    expect((await again.get('/kelola')).headers.location).toBe('/masuk/totp');
    const passed = await again.submit('/masuk/totp', { code: nextStepCode(secret, 1), kembali: '/kelola' }, '/masuk/totp');
    expect(passed.headers.location).toBe('/kelola');
    expect((await again.get('/kelola')).statusCode).toBe(200);
  });

  it('[S-1] the requirement can be relaxed by configuration (development)', async () => {
    const relaxed = await createTestApp({ requireAdminMfa: false });
    try {
      const admin = await createStaff(relaxed, 'super_admin');
      const c = new TestClient(relaxed.app);
      await signIn(c, admin.email);
      expect((await c.get('/kelola')).statusCode).toBe(200);
    } finally {
      await relaxed.close();
    }
  });
});

/** The recovery codes on the page shown after enrolment or regeneration. */
function codesOf(html: string): string[] {
  return [...html.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map((m) => m[1]!);
}

describe(`TOTP recovery codes (${engine})`, () => {
  it('[S-3] enrolment shows ten recovery codes once, kept only as keyed hashes; one signs in once, then the owner is told', async () => {
    const { c, data } = await registerAndConfirm(t);
    const page = await c.get('/akun/keamanan/totp');
    const secret = secretOf(page.body);
    const res = await c.post('/akun/keamanan/totp', { _csrf: c.csrfToken(), code: totpCodeAt(secret) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const codes = codesOf(res.body);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(res.body).toContain('download="simpul-kode-pemulihan.txt"');
    expect(decodeURIComponent(/href="data:text\/plain;charset=utf-8,([^"]+)"/.exec(res.body)![1]!)).toContain(codes[0]);
    // Stored hashed, never in clear; the security page shows the count, never the codes.
    const user = await t.database.db.selectFrom('users').select('id').where(nikMatch(data.nik)).executeTakeFirstOrThrow();
    const rows = await t.database.db.selectFrom('totp_recovery_codes').select(['code_hash', 'used_at']).where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.code_hash))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(codes[0]!.replace('-', ''));
    const security = await c.get('/akun/keamanan/totp');
    expect(textOf(security.body)).toContain('Kode pemulihan yang tersisa: 10 dari 10');
    expect(security.body).not.toContain(codes[0]);

    // Signing in with a recovery code instead of the app (typed in capitals, without the dash).
    const other = new TestClient(t.app);
    await signIn(other, data.email, PASSWORD, '/akun/sesi');
    const passed = await other.submit('/masuk/totp', { code: codes[3]!.replace('-', '').toUpperCase(), kembali: '/akun/sesi' }, '/masuk/totp');
    expect(passed.statusCode).toBe(303);
    expect(passed.headers.location).toBe('/akun/sesi');
    expect((await other.get('/akun')).statusCode).toBe(200);
    const mail = await lastMail(t, data.email);
    expect(mail.subject).toContain('Kode pemulihan dipakai');
    expect(mail.body_text).toContain('Sisa kode pemulihan: 9');
    expect(textOf((await c.get('/akun/keamanan/totp')).body)).toContain('Kode pemulihan yang tersisa: 9 dari 10');

    // The same code never works twice.
    const third = new TestClient(t.app);
    await signIn(third, data.email);
    const again = await third.submit('/masuk/totp', { code: codes[3]! }, '/masuk/totp');
    expect(again.statusCode).toBe(422);
    expect(textOf(again.body)).toContain('Kode pemulihan salah atau sudah dipakai');
    expect((await third.get('/akun')).headers.location).toBe('/masuk/totp');
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'after']).where('entity_id', '=', user.id).where('action', 'like', 'auth.recovery%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['auth.recovery_code_failed', 'auth.recovery_code_used']);
    expect(JSON.stringify(audit)).not.toContain(codes[3]!);
  });

  it('[S-3] wrong recovery codes count in the failures-only sign-in throttle', async () => {
    const { c, data } = await registerAndConfirm(t);
    await enrol(c);
    const other = new TestClient(t.app);
    await signIn(other, data.email);
    let last = 0;
    for (let i = 0; i < 8; i++) {
      const r = await other.submit('/masuk/totp', { code: 'aaaaa-bbbbb' }, '/masuk/totp');
      last = r.statusCode;
      if (r.statusCode === 429) break;
      expect(r.statusCode).toBe(422);
    }
    expect(last).toBe(429);
    const user = await t.database.db.selectFrom('users').select('id').where(nikMatch(data.nik)).executeTakeFirstOrThrow();
    const failures = await t.database.db.selectFrom('audit_events').select('id').where('entity_id', '=', user.id).where('action', '=', 'auth.recovery_code_failed').execute();
    expect(failures.length).toBeGreaterThanOrEqual(1);
  });

  it('[S-3] regeneration needs the password and a current code, voids the old codes, is audited and e-mailed', async () => {
    const { c, data } = await registerAndConfirm(t);
    const page = await c.get('/akun/keamanan/totp');
    const secret = secretOf(page.body);
    const old = codesOf((await c.post('/akun/keamanan/totp', { _csrf: c.csrfToken(), code: totpCodeAt(secret) })).body);
    await c.get('/akun/keamanan/totp');
    const wrongPassword = await c.post('/akun/keamanan/totp/kode-pemulihan', { _csrf: c.csrfToken(), regen_password: 'Salah-Sandi-123', regen_code: nextStepCode(secret) });
    expect(wrongPassword.statusCode).toBe(422);
    expect(wrongPassword.body).toContain('id="f-regen_password-error"');
    const wrongCode = await c.post('/akun/keamanan/totp/kode-pemulihan', { _csrf: c.csrfToken(), regen_password: PASSWORD, regen_code: '000000' === nextStepCode(secret) ? '111111' : '000000' });
    expect(wrongCode.statusCode).toBe(422);
    const ok = await c.post('/akun/keamanan/totp/kode-pemulihan', { _csrf: c.csrfToken(), regen_password: PASSWORD, regen_code: nextStepCode(secret) });
    expect(ok.statusCode).toBe(200);
    const fresh = codesOf(ok.body);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(old[0]);
    expect((await lastMail(t, data.email)).subject).toContain('dibuat ulang');
    const user = await t.database.db.selectFrom('users').select('id').where(nikMatch(data.nik)).executeTakeFirstOrThrow();
    expect(await t.database.db.selectFrom('audit_events').select('id').where('entity_id', '=', user.id).where('action', '=', 'user.recovery_codes_regenerated').execute()).toHaveLength(1);
    // An old code no longer opens the second step; a new one does.
    const other = new TestClient(t.app);
    await signIn(other, data.email);
    expect((await other.submit('/masuk/totp', { code: old[0]! }, '/masuk/totp')).statusCode).toBe(422);
    expect((await other.submit('/masuk/totp', { code: fresh[0]! }, '/masuk/totp')).statusCode).toBe(303);
  });
});
