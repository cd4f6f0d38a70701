import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from './harness.ts';
import { TestClient, textOf } from './http.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe(`shell (${engine})`, () => {
  it('serves the public home page in Bahasa Indonesia', async () => {
    const c = new TestClient(t.app);
    const res = await c.get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(textOf(res.body)).toContain('Layanan publik');
  });

  it('[P-11] switches to English and remembers the choice', async () => {
    const c = new TestClient(t.app);
    const sw = await c.get('/bahasa/en?kembali=/');
    expect(sw.statusCode).toBe(303);
    const res = await c.get('/');
    expect(textOf(res.body)).toContain('Public services');
    expect(res.body).toContain('<html lang="en"');
  });

  it('reports liveness (/health) and readiness with the database (/ready)', async () => {
    const res = await t.app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { engine } });
    const ready = await t.app.inject('/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', checks: { database: { engine, ok: true } } });
  });

  it('answers unknown API paths with the JSON error model', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.stringContaining('not found') } });
  });
});

describe(`API documentation (${engine})`, () => {
  it('[I-2] serves a valid OpenAPI 3.1 document listing every JSON route', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const registered = t.deps.api.routes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(documented.sort()).toEqual(registered.sort());
    const ids = t.deps.api.routes.map((r) => r.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('[I-2] renders a readable reference page without JavaScript', async () => {
    const res = await t.app.inject('/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('/api/openapi.json');
    expect(res.body).not.toContain('<script');
  });
});

describe(`light public pages (${engine})`, () => {
  it('[P-10] the home page with its stylesheet stays under 100 KB compressed and loads no script', async () => {
    const { gzipSync } = await import('node:zlib');
    const page = await t.app.inject('/');
    const css = await t.app.inject('/assets/simpul.css');
    expect(css.statusCode).toBe(200);
    expect(page.body).not.toMatch(/<script|@font-face|https?:\/\/(?!localhost)[^"']*\.(js|woff2?)/);
    const total = gzipSync(page.body).length + gzipSync(css.body).length;
    expect(total).toBeLessThan(100 * 1024);
  });

  it('[S-2] sends security headers: CSP without inline script, no framing, no sniffing', async () => {
    const res = await t.app.inject('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe(`compression (${engine})`, () => {
  it('[P-10] pages travel gzip-compressed to clients that accept it', async () => {
    const res = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(res.rawPayload).toString('utf8')).toContain('<html lang="id"');
  });
});
