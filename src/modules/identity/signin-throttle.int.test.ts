// Sign-in delays after failures (no lock-out anyone can trigger): only failures count, per
// account-and-address and per address; delays grow; a success clears the account's counter;
// the owner at another address is not slowed by an attacker's failures.
import { nikMatch } from './index.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { freshEmail, PASSWORD, registerAndConfirm, signIn } from './test-support.ts';
import { setPasswordByOperator } from './identity.operator.ts';
import { hashPassword } from './passwords.ts';

let t: TestApp;
beforeAll(async () => {
  // Behind a trusted proxy, so each client can have its own address; a first delay of a
  // minute so that a slow machine cannot make a test pass by being slow.
  t = await createTestApp({ login: { maxFailures: 3, lockMinutes: 60, ratePerIp: 6, firstDelaySeconds: 60 }, trustProxy: true });
});
afterAll(async () => t?.close());

let lastOctet = 10;
function clientAt(address = `203.0.113.${lastOctet++}`): TestClient {
  const c = new TestClient(t.app);
  c.headers['x-forwarded-for'] = address;
  return c;
}

/** The wait a 429 page announces, in seconds. */
function announcedWait(html: string): number {
  const text = textOf(html);
  const m = /tunggu (\d+) (detik|menit) lalu coba lagi/.exec(text);
  if (!m) throw new Error(`no wait in: ${text.slice(0, 300)}`);
  return Number(m[1]) * (m[2] === 'menit' ? 60 : 1);
}

/** As if `seconds` had passed since the last failure of every counter. */
async function letTimePass(seconds: number) {
  await sql`update rate_buckets set updated_at = updated_at - ${seconds} * interval '1 second' where key like 'login-fail:%'`.execute(t.database.db);
}

describe(`sign-in delays after failures (${engine})`, () => {
  it('[S-2] 30 successful sign-ins from one address are never limited', async () => {
    const a = await registerAndConfirm(t);
    const b = await registerAndConfirm(t);
    const office = '198.51.100.30';
    for (let i = 0; i < 32; i++) {
      const who = i % 2 === 0 ? a.data : b.data;
      const res = await signIn(clientAt(office), who.email);
      expect(res.statusCode, `sign-in ${i + 1}`).toBe(303);
      expect(res.headers.location).toBe('/akun');
    }
  });

  it("[S-2] an attacker's failures from address A do not block the owner from address B", async () => {
    const { data } = await registerAndConfirm(t);
    const attacker = clientAt();
    for (let i = 1; i <= 3; i++) expect((await signIn(attacker, data.email, `Tebakan-${i}-salah`)).statusCode).toBe(401);
    const refused = await signIn(attacker, data.email, `Tebakan-4-salah`);
    expect(refused.statusCode).toBe(429);
    const wait = announcedWait(refused.body);
    expect(wait).toBeGreaterThan(30);
    expect(wait).toBeLessThanOrEqual(60);
    // Even the right password waits at A…
    expect((await signIn(attacker, data.email)).statusCode).toBe(429);
    // …while the owner at B signs in at once.
    const owner = clientAt();
    const res = await signIn(owner, data.email);
    expect(res.statusCode).toBe(303);
    expect((await owner.get('/akun')).statusCode).toBe(200);
    const user = await t.database.db.selectFrom('users').select(['id', 'locked_until', 'status']).where(nikMatch(data.nik)).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ locked_until: null, status: 'active' });

    // A password set by the operator (CLI) also ends the delays at A.
    const fresh = 'Sumba-Tenun-Ikat-2027';
    const hash = await hashPassword(fresh);
    await t.database.db.transaction().execute((trx) => setPasswordByOperator(trx, user.id, hash));
    expect((await signIn(attacker, data.email, fresh)).statusCode).toBe(303);
  });

  it('[S-2] an unknown account is slowed down exactly like a known one (no enumeration)', async () => {
    const c = clientAt();
    const ghost = freshEmail('hantu');
    for (let i = 1; i <= 3; i++) expect((await signIn(c, ghost, `Tebakan-${i}-salah`)).statusCode).toBe(401);
    const refused = await signIn(c, ghost, 'Tebakan-4-salah');
    expect(refused.statusCode).toBe(429);
    expect(announcedWait(refused.body)).toBeGreaterThan(30);
  });

  it('[S-2] delays grow with each further failure, up to the cap, and are answered in Indonesian or English', async () => {
    const { data } = await registerAndConfirm(t);
    const c = clientAt();
    for (let i = 1; i <= 3; i++) expect((await signIn(c, data.email, `Tebakan-${i}-salah`)).statusCode).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 8; round++) {
      const refused = await signIn(c, data.email, 'Tebakan-lagi-salah');
      expect(refused.statusCode).toBe(429);
      waits.push(announcedWait(refused.body));
      await letTimePass(3600);
      expect((await signIn(c, data.email, `Tebakan-${round}-lagi`)).statusCode).toBe(401);
    }
    // 60 s, then doubling: 2, 4, 8, 16, 32 minutes, then the cap of 60 minutes.
    expect(waits[0]).toBeGreaterThan(30);
    expect(waits[0]).toBeLessThanOrEqual(60);
    expect(waits.slice(1)).toEqual([120, 240, 480, 960, 1920, 3600, 3600]);

    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-for': c.headers['x-forwarded-for']!, 'accept-language': 'en', 'content-type': 'application/json' },
      payload: JSON.stringify({ login: data.email, password: PASSWORD }),
    });
    expect(api.statusCode).toBe(429);
    expect(api.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/^Too many failed attempts\. For your security, wait 60 minutes and try again\.$/) });
  });

  it('[S-2] a success clears the counter of that account at that address', async () => {
    const { data } = await registerAndConfirm(t);
    const c = clientAt();
    for (let i = 1; i <= 2; i++) expect((await signIn(c, data.email, `Tebakan-${i}-salah`)).statusCode).toBe(401);
    expect((await signIn(c, data.email)).statusCode).toBe(303);
    const again = clientAt(c.headers['x-forwarded-for']);
    for (let i = 1; i <= 2; i++) expect((await signIn(again, data.email, `Tebakan-${i}-salah`)).statusCode).toBe(401);
    // Four failures in all, but only two since the success: no delay yet.
    expect((await signIn(again, data.email)).statusCode).toBe(303);
  });

  it('[S-2] one address failing on many accounts is slowed down on every account; other addresses are not', async () => {
    const { data } = await registerAndConfirm(t);
    const c = clientAt();
    for (let i = 0; i < 6; i++) expect((await signIn(c, freshEmail('acak'), 'Tebakan-salah-1')).statusCode).toBe(401);
    const refused = await signIn(c, data.email);
    expect(refused.statusCode).toBe(429);
    expect(announcedWait(refused.body)).toBeGreaterThan(30);
    expect((await signIn(clientAt(), data.email)).statusCode).toBe(303);
  });
});
