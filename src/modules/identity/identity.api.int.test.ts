import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient } from '../../../test/http.ts';
import { count, createStaff, freshEmail, freshNib, freshNik, freshNpwp, mailedCode, PASSWORD } from './test-support.ts';
import { totpCodeAt } from './totp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const en = { 'accept-language': 'en' };

function citizenBody(overrides: Record<string, unknown> = {}) {
  return { nik: freshNik(), name: 'Kornelis Tefa', email: freshEmail('api'), phone: '081234567800', password: PASSWORD, ...overrides };
}

/** Registers and confirms through the API; the client holds the session cookie. */
async function apiCitizen(c = new TestClient(t.app)) {
  const body = citizenBody();
  const reg = await c.api('POST', '/api/v1/auth/register', body);
  expect(reg.statusCode).toBe(201);
  const code = await mailedCode(t, body.email);
  const conf = await c.api('POST', '/api/v1/auth/confirm-email', { email: body.email, code });
  expect(conf.statusCode).toBe(200);
  return { c, body, csrf: conf.json().csrfToken as string };
}

describe(`identity API (${engine})`, () => {
  it('[I-2] registers, confirms (signed in), reads /me without raw fields, and signs out', async () => {
    const c = new TestClient(t.app);
    const body = citizenBody();
    const reg = await c.api('POST', '/api/v1/auth/register', body);
    expect(reg.statusCode).toBe(201);
    expect(reg.json()).toEqual({ status: 'pending', email: expect.stringMatching(/^ap\*\*\*@contoh\.id$/) });
    const code = await mailedCode(t, body.email);
    const conf = await c.api('POST', '/api/v1/auth/confirm-email', { email: body.email, code });
    expect(conf.statusCode).toBe(200);
    const json = conf.json();
    expect(json.user).toMatchObject({ kind: 'citizen', email: body.email, emailVerified: true, phone: '+6281234567800', status: 'active', mfaEnabled: false });
    expect(json.user.nik).toBe(`${body.nik.slice(0, 4)}********${body.nik.slice(12)}`);
    expect(json.csrfToken).toEqual(expect.any(String));

    const me = await c.api('GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    const raw = me.body;
    for (const hidden of ['password', 'totp', body.nik, 'hash']) expect(raw).not.toContain(hidden);

    // Cookie-authenticated writes need the CSRF token.
    const noToken = await c.api('POST', '/api/v1/auth/logout', {});
    expect(noToken.statusCode).toBe(403);
    const out = await c.api('POST', '/api/v1/auth/logout', {}, { 'x-csrf-token': json.csrfToken });
    expect(out.statusCode).toBe(200);
    expect((await c.api('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('[P-4] registers with an address by official village code, shown on /me; an unknown code is refused by field', async () => {
    const c = new TestClient(t.app);
    const body = { ...citizenBody(), address: { villageCode: '53.71.04.1009', street: 'Jl. El Tari No. 5, RT 003/RW 002' } };
    const bad = await new TestClient(t.app).api('POST', '/api/v1/auth/register', { ...body, address: { villageCode: '53.71.01.9999' } }, en);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields).toEqual([{ field: 'address.villageCode', message: 'Choose the village from the list.' }]);
    const before = await count(t, 'users');
    expect((await c.api('POST', '/api/v1/auth/register', body)).statusCode).toBe(201);
    expect(await count(t, 'users')).toBe(before + 1);
    const code = await mailedCode(t, body.email);
    const conf = await c.api('POST', '/api/v1/auth/confirm-email', { email: body.email, code });
    expect(conf.statusCode).toBe(200);
    const me = (await c.api('GET', '/api/v1/me')).json();
    expect(me.address).toMatchObject({ villageCode: '53.71.04.1009', street: body.address.street });
    expect(me.address.line).toContain('Kota Kupang');
  });

  it('[P-11] errors are JSON in the caller\'s language, with one message per field', async () => {
    const c = new TestClient(t.app);
    const res = await c.api('POST', '/api/v1/auth/register', citizenBody({ nik: '9901011208850001', email: 'nope', phone: '021 555 1234', password: 'short' }), en);
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('validation_failed');
    expect(err.message).toBe('Some of the data is not right yet. Check the marked fields.');
    const fields = Object.fromEntries((err.fields as { field: string; message: string }[]).map((f) => [f.field, f.message]));
    expect(fields.nik).toContain('not a known province code');
    expect(fields.email).toContain('Not a valid e-mail address');
    expect(fields.phone).toContain('Not a valid mobile number');
    expect(fields.password).toContain('at least 10 characters');

    const id = await c.api('POST', '/api/v1/auth/register', citizenBody({ nik: '12' }), { 'accept-language': 'id' });
    expect(id.json().error.fields[0].message).toContain('NIK harus 16 angka');
  });

  it('[P-4] [S-2] duplicate NIK over the API: the same answer as a new registration, nothing created', async () => {
    const { body } = await apiCitizen();
    const before = await count(t, 'users');
    const again = citizenBody({ nik: body.nik });
    const res = await new TestClient(t.app).api('POST', '/api/v1/auth/register', again, en);
    expect(res.statusCode).toBe(201); // as for a new registration
    expect(res.json()).toEqual({ status: 'pending', email: expect.stringMatching(/^\S{1,2}\*\*\*@contoh\.id$/) });
    expect(await count(t, 'users')).toBe(before);
  });

  it('[I-2] login: wrong password 401 invalid_credentials; unconfirmed 403; right password sets the session', async () => {
    const { body } = await apiCitizen();
    const c = new TestClient(t.app);
    const wrong = await c.api('POST', '/api/v1/auth/login', { login: body.email, password: 'Wrong-Password-1' }, en);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'invalid_credentials', message: 'Wrong e-mail/NIK or password.' });
    const ok = await c.api('POST', '/api/v1/auth/login', { login: body.nik, password: PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ mfaRequired: false, user: { email: body.email } });
    expect((await c.api('GET', '/api/v1/me')).statusCode).toBe(200);

    const pending = citizenBody();
    await new TestClient(t.app).api('POST', '/api/v1/auth/register', pending);
    const unconfirmed = await new TestClient(t.app).api('POST', '/api/v1/auth/login', { login: pending.email, password: PASSWORD }, en);
    expect(unconfirmed.statusCode).toBe(403);
    expect(unconfirmed.json().error.code).toBe('email_unconfirmed');
  });

  it('[S-5] wrong and expired confirmation codes are JSON errors', async () => {
    const body = citizenBody();
    const c = new TestClient(t.app);
    await c.api('POST', '/api/v1/auth/register', body);
    const code = await mailedCode(t, body.email);
    const wrong = await c.api('POST', '/api/v1/auth/confirm-email', { email: body.email, code: code === '999999' ? '000000' : '999999' }, en);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({ code: 'code_invalid', message: 'Wrong code. Check the code in your e-mail. Attempts left: 4.' });
    await t.database.db.updateTable('verification_codes').set({ expires_at: new Date(Date.now() - 1) }).where('purpose', '=', 'email_confirm').execute();
    const expired = await c.api('POST', '/api/v1/auth/confirm-email', { email: body.email, code }, en);
    expect(expired.json().error.code).toBe('code_expired');
    const resend = await c.api('POST', '/api/v1/auth/confirm-email/resend', { email: body.email });
    expect(resend.statusCode).toBe(202);
    const fresh = await mailedCode(t, body.email);
    expect((await c.api('POST', '/api/v1/auth/confirm-email', { email: body.email, code: fresh })).statusCode).toBe(200);
  });

  it('[S-1] TOTP second step over the API', async () => {
    const { c, body } = await apiCitizen();
    const page = await c.get('/akun/keamanan/totp');
    const secret = /<code>([A-Z2-7 ]+)<\/code>/.exec(page.body)![1]!.replace(/\s/g, '');
    const enrolCode = totpCodeAt(secret);
    expect((await c.post('/akun/keamanan/totp', { _csrf: c.csrfToken(), code: enrolCode })).statusCode).toBe(200);

    const api = new TestClient(t.app);
    const login = await api.api('POST', '/api/v1/auth/login', { login: body.email, password: PASSWORD });
    expect(login.json().mfaRequired).toBe(true);
    expect((await api.api('GET', '/api/v1/me')).statusCode).toBe(403);
    const csrf = login.json().csrfToken;
    const replay = await api.api('POST', '/api/v1/auth/totp', { code: enrolCode }, { ...en, 'x-csrf-token': csrf });
    expect(replay.statusCode).toBe(422);
    expect(replay.json().error.code).toBe('totp_replayed');
    const ok = await api.api('POST', '/api/v1/auth/totp', { code: totpCodeAt(secret, Date.now() + 30_000) }, { 'x-csrf-token': csrf });
    expect(ok.statusCode).toBe(200);
    expect((await api.api('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('[S-1] password reset over the API: same answer for unknown addresses; confirm revokes sessions', async () => {
    const { c, body } = await apiCitizen();
    const unknown = await new TestClient(t.app).api('POST', '/api/v1/auth/password-reset', { email: freshEmail() });
    const known = await new TestClient(t.app).api('POST', '/api/v1/auth/password-reset', { email: body.email });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const code = await mailedCode(t, body.email);
    const weak = await new TestClient(t.app).api('POST', '/api/v1/auth/password-reset/confirm', { email: body.email, code, password: 'lemah' }, en);
    expect(weak.statusCode).toBe(422);
    const ok = await new TestClient(t.app).api('POST', '/api/v1/auth/password-reset/confirm', { email: body.email, code, password: 'Baru-Sekali-2027' });
    expect(ok.statusCode).toBe(200);
    expect((await c.api('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('[S-1] lists sessions and signs out everywhere else', async () => {
    const { c, body, csrf } = await apiCitizen();
    const other = new TestClient(t.app);
    await other.api('POST', '/api/v1/auth/login', { login: body.email, password: PASSWORD });
    const list = await c.api('GET', '/api/v1/me/sessions');
    expect(list.json().items).toHaveLength(2);
    expect(list.json().items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const del = await c.api('DELETE', '/api/v1/me/sessions', undefined, { 'x-csrf-token': csrf });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ revoked: 1 });
    expect((await other.api('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await c.api('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('[I-2] bearer tokens: created by staff from a session, work without cookies or CSRF, cannot mint tokens, are revocable', async () => {
    const staff = await createStaff(t, 'operator');
    const c = new TestClient(t.app);
    const login = await c.api('POST', '/api/v1/auth/login', { login: staff.email, password: PASSWORD });
    const csrf = login.json().csrfToken;
    const created = await c.api('POST', '/api/v1/me/tokens', { name: 'Skrip laporan', expiresInDays: null }, { 'x-csrf-token': csrf });
    expect(created.statusCode).toBe(201);
    const { token, id, expiresAt } = created.json();
    expect(token).toMatch(/^smp_/);
    expect(expiresAt).toBeNull();
    const auth = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ url: '/api/v1/me', headers: auth });
    expect(me.json().email).toBe(staff.email);
    const listed = await t.app.inject({ url: '/api/v1/me/tokens', headers: auth });
    expect(listed.json().items).toMatchObject([{ id, name: 'Skrip laporan', expired: false }]);
    expect(listed.body).not.toContain(token);
    const mint = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { ...auth, ...en, 'content-type': 'application/json' }, payload: { name: 'lagi' } });
    expect(mint.statusCode).toBe(403);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers: auth });
    expect(del.statusCode).toBe(200);
    const after = await t.app.inject({ url: '/api/v1/me', headers: { ...auth, ...en } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toBe('Please sign in first.');
  });

  it('[S-1] citizens cannot create API tokens', async () => {
    const { c, csrf } = await apiCitizen();
    const res = await c.api('POST', '/api/v1/me/tokens', { name: 'coba' }, { 'x-csrf-token': csrf, ...en });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('[P-4] registers a business over the API', async () => {
    const email = freshEmail('usaha-api');
    const res = await new TestClient(t.app).api('POST', '/api/v1/auth/register-business', {
      businessName: 'Koperasi Nelayan Oesapa',
      legalForm: 'koperasi',
      nib: freshNib(),
      npwp: freshNpwp(),
      address: 'Oesapa, Kupang',
      email,
      phone: '081339001100',
      password: PASSWORD,
      personNik: freshNik(),
      personName: 'Daniel Nenobais',
      personPosition: 'Ketua',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('pending');
    expect(await mailedCode(t, email)).toMatch(/^\d{6}$/);
  });
});
