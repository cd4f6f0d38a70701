// The logs of a real app, on both engines, after requests that carry personal data in every
// place a request can carry it (form body, JSON body, query string, path, cookie, bearer
// token) and after a failing query whose error message repeats a NIK: no line may contain
// any of it (S-3).
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../app.ts';
import type { Database } from '../../platform/db/database.ts';
import { createLogger } from '../../platform/log.ts';
import { engine, openTestDatabase, testConfig } from '../../../test/harness.ts';
import { TestClient } from '../../../test/http.ts';

const NIK = '5371011208850001';
const EMAIL = 'maria.ndolu@contoh.id';
const PHONE = '081234567890';
const PASSWORD = 'Kupang-Sejahtera-2026';
const TOKEN = 'tok_0f1e2d3c4b5a69788796a5b4c3d2e1f0';

const lines: string[] = [];
let built: BuiltApp;
let database: Database;

beforeAll(async () => {
  const config = testConfig({ logLevel: 'info' });
  const logger = createLogger(
    config,
    new Writable({
      write(chunk, _e, cb) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        cb();
      },
    }),
  );
  database = await openTestDatabase();
  built = await buildApp(config, database, { logger });
  // A handler whose query fails with the NIK in the database's own error message.
  built.app.post('/api/uji-galat', async () => {
    await sql`select cast(${NIK} as integer)`.execute(database.db);
    return { ok: true };
  });
  await built.app.ready();
});
afterAll(async () => {
  await built?.close();
  await database?.close();
});

describe(`request logs (${engine})`, () => {
  it('[S-3] never contain a NIK, phone number, e-mail, password, session token or query string', async () => {
    const c = new TestClient(built.app);
    const form = { nik: NIK, name: 'Maria Ndolu', email: EMAIL, phone: PHONE, password: PASSWORD, passwordConfirm: PASSWORD };
    await c.submit('/daftar', form); // with a valid CSRF token
    await c.post('/daftar', { ...form, _csrf: 'basi' }); // stale token: the form comes back
    await c.submit('/masuk', { email: EMAIL, password: PASSWORD });
    await c.get(`/?email=${encodeURIComponent(EMAIL)}&nik=${NIK}&hp=${PHONE}`);
    await c.get(`/cari/${encodeURIComponent(EMAIL)}`);
    await built.app.inject({ method: 'GET', url: '/akun', headers: { cookie: `simpul_sid=${TOKEN}` } });
    await built.app.inject({ method: 'GET', url: '/api/v1/ping', headers: { authorization: `Bearer ${TOKEN}` } });
    await built.app.inject({
      method: 'POST',
      url: `/api/v1/tidak-ada?token=${TOKEN}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ nik: NIK, password: PASSWORD, email: EMAIL }),
    });
    const failed = await built.app.inject({ method: 'POST', url: '/api/uji-galat', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ nik: NIK }) });
    expect(failed.statusCode).toBe(500);
    expect(failed.body).not.toContain(NIK); // nor in the answer

    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const secret of [NIK, EMAIL, 'maria.ndolu', PHONE, '81234567890', PASSWORD, TOKEN, 'email=', 'token=', '?']) {
      expect(text, `logs contain ${secret}`).not.toContain(secret);
    }
    // The logs are still useful: method, path, status, and the failure with its cause.
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, any>);
    expect(parsed.some((l) => l.req?.method === 'POST' && l.req?.url === '/daftar')).toBe(true);
    expect(parsed.some((l) => l.req?.url === '/cari/[email]')).toBe(true);
    const failure = parsed.find((l) => l.msg === 'request failed');
    expect(failure?.err?.message).toMatch(/integer/);
    expect(failure?.err?.message).toContain('[number]');
    expect(failure?.err?.params).toBeUndefined();
  });
});
