// Return paths ("kembali") on the routes that redirect with them: the language switch (no
// sign-in needed), sign-in and the second step. Hostile values give the default, never a
// 500, and the session cookie is still set.
import { nikMatch } from './index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient } from '../../../test/http.ts';
import { PASSWORD, registerAndConfirm, signIn } from './test-support.ts';
import { totpCodeAt } from './totp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** Raw query values as an attacker would put them in a link. */
const hostileQueries = ['/%09/evil.example', '%2F%09%2Fevil.example', '//evil.example', '/%5Cevil.example', 'https://evil.example', '/%0d%0aSet-Cookie:x=1', '/akun%00', '/%F0%9F%98%80', '/akun/%C3%A9'];
/** The same, decoded, as a form field would carry them. */
const hostileValues = ['/\t/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example', '/\r\nSet-Cookie: x=1', '/akun\u0000', '/akun\u{1F600}', '/akun/é', '/\u0007/evil.example'];

/** A NUL byte is invalid text: refused at the edge with 400 before any route reads it. */
const hasNul = (v: string) => v.includes('\u0000') || /%00/i.test(v);

const sessionCookieSet = (res: { headers: Record<string, unknown> }) =>
  [res.headers['set-cookie']].flat().some((h) => String(h).startsWith('simpul_sid=') && !String(h).startsWith('simpul_sid=;'));

describe(`return paths on redirects (${engine})`, () => {
  it('[S-2] /bahasa/:locale goes back to a local path and nowhere else, without a 500', async () => {
    const c = new TestClient(t.app);
    const fine = await c.get('/bahasa/en?kembali=%2Fcari%3Fq%3Dizin%2Busaha');
    expect(fine.statusCode).toBe(303);
    expect(fine.headers.location).toBe('/cari?q=izin+usaha');
    for (const q of hostileQueries) {
      const res = await c.get(`/bahasa/id?kembali=${q}`);
      if (hasNul(q)) {
        expect(res.statusCode, q).toBe(400);
        expect(res.headers.location, q).toBeUndefined();
        continue;
      }
      expect(res.statusCode, q).toBe(303);
      expect(res.headers.location, q).toBe('/');
    }
  });

  it('[S-2] [S-5] sign-in with a hostile "kembali" lands on /akun with its session cookie', async () => {
    const { data } = await registerAndConfirm(t);
    for (const kembali of hostileValues) {
      const c = new TestClient(t.app);
      await c.get('/masuk');
      const res = await c.post('/masuk', { _csrf: c.csrfToken(), login: data.email, password: PASSWORD, kembali });
      if (hasNul(kembali)) {
        expect(res.statusCode, JSON.stringify(kembali)).toBe(400);
        expect(sessionCookieSet(res), JSON.stringify(kembali)).toBe(false);
        continue;
      }
      expect(res.statusCode, JSON.stringify(kembali)).toBe(303);
      expect(res.headers.location, JSON.stringify(kembali)).toBe('/akun');
      expect(sessionCookieSet(res), JSON.stringify(kembali)).toBe(true);
    }
    for (const q of hostileQueries) {
      const page = await new TestClient(t.app).get(`/masuk?kembali=${q}`);
      if (hasNul(q)) {
        expect(page.statusCode, q).toBe(400);
        continue;
      }
      expect(page.statusCode, q).toBe(200);
      expect(page.body, q).toContain('name="kembali" value="/akun"');
    }
  });

  it('[S-2] [S-5] the second step (TOTP) refuses hostile return paths too', async () => {
    const { c, data } = await registerAndConfirm(t);
    const page = await c.get('/akun/keamanan/totp');
    const secret = /<code>([A-Z2-7 ]+)<\/code>/.exec(page.body)![1]!.replace(/\s/g, '');
    expect((await c.post('/akun/keamanan/totp', { _csrf: c.csrfToken(), code: totpCodeAt(secret) })).statusCode).toBe(200);

    for (const kembali of ['/\t/evil.example', '/akun\u{1F600}', '//evil.example']) {
      const other = new TestClient(t.app);
      const first = await signIn(other, data.email, PASSWORD, kembali);
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe('/masuk/totp?kembali=%2Fakun');
      const form = await other.get(`/masuk/totp?kembali=${encodeURIComponent(kembali)}`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('name="kembali" value="/akun"');
      // One code per step is accepted (replay guard): forget the last one, as time would.
      await t.database.db.updateTable('users').set({ totp_last_step: null }).where(nikMatch(data.nik)).execute();
      const passed = await other.post('/masuk/totp', { _csrf: other.csrfToken(), kembali, code: totpCodeAt(secret) });
      expect(passed.statusCode, JSON.stringify(kembali)).toBe(303);
      expect(passed.headers.location).toBe('/akun');
      expect(sessionCookieSet(passed)).toBe(true);
    }
  });
});
