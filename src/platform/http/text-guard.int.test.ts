import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { citizen, inputValue, registerAndConfirm, signIn } from '../../modules/identity/test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe(`invalid text at the edge (${engine})`, () => {
  it('[S-5] a NUL byte in the sign-in e-mail gives 400 with a clear message, not 500; the login is kept without it', async () => {
    const { data } = await registerAndConfirm(t);
    const c = new TestClient(t.app);
    const res = await signIn(c, `${data.email}\u0000x`);
    expect(res.statusCode).toBe(400);
    expect(textOf(res.body)).toContain('karakter yang tidak sah');
    expect(res.body).toContain(`value="${data.email}x"`);
    // The same through the JSON API: a JSON error body naming the field, in English when asked.
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': 'en' },
      payload: JSON.stringify({ login: `${data.email}\u0000`, password: 'x' }),
    });
    expect(api.statusCode).toBe(400);
    const body = api.json() as { error: { code: string; message: string; fields: { field: string }[] } };
    expect(body.error.code).toBe('invalid_text');
    expect(body.error.message).toContain('not allowed');
    expect(body.error.fields.map((f) => f.field)).toContain('login');
    // And a lone surrogate.
    const lone = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      payload: '{"login":"a\\ud800b@contoh.id","password":"x"}',
    });
    expect(lone.statusCode).toBe(400);
  });

  it('[S-5] a NUL byte in an API path parameter or the query gives 400 (JSON error), not 500', async () => {
    for (const url of ['/api/v1/services/izin%00usaha', '/api/v1/agencies/a%00b', '/api/v1/legal-documents/%00', '/api/v1/services?q=a%00b']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json().error.code, url).toMatch(/invalid_text|bad_request|not_found/);
    }
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/services/izin%00usaha', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_text');
    const page = await t.app.inject({ method: 'GET', url: '/layanan/izin%00usaha', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(400);
    expect(textOf(page.body)).toContain('karakter yang tidak sah');
  });

  it('[S-5] a NUL byte in a form field gives 400; the form comes back with what was typed and nothing is stored', async () => {
    const c = new TestClient(t.app);
    const data = citizen({ name: 'Maria\u0000 Ndolu' });
    const before = await t.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await c.submit('/daftar', data);
    expect(res.statusCode).toBe(400);
    expect(textOf(res.body)).toContain('karakter yang tidak sah');
    expect(inputValue(res.body, 'name')).toBe('Maria Ndolu');
    expect(res.body).not.toContain(data.password);
    const after = await t.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
