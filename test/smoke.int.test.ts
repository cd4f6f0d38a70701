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

  it('reports liveness and database readiness', async () => {
    const res = await t.app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { engine, ready: true } });
  });

  it('answers unknown API paths with the JSON error model', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.stringContaining('not found') } });
  });
});
