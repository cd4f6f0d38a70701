// The public page cache (issue 16): two nodes (two app instances, each with its own cache) on
// one database; a publish on one is seen at once on the other; signed-in pages never come
// from the cache; ETag and 304; the stored gzip/brotli forms.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../app.ts';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, signInAs, testServiceContent } from '../../../test/factories.ts';
import { TestClient } from '../../../test/http.ts';
import type { AgencyView } from '../../modules/agencies/agencies.service.ts';

let a: TestApp;
let b: BuiltApp;
let agency: AgencyView;
let first: { slug: string; id: string };

beforeAll(async () => {
  a = await createTestApp();
  // A second node: its own Fastify instance, modules and page cache; only the database is shared.
  b = await buildApp(a.config, a.database);
  await b.app.ready();
  agency = await makeAgency(a, { name: 'Dinas Cache Uji' });
  first = await makeServiceWithSop(a, agency, { name: 'Izin Pertama Cache' });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const operator = (agencyId: string) => ({ userId: null as unknown as string, kind: 'staff' as const, name: 'Operator', locale: 'id' as const, grants: [{ role: 'operator' as const, agencyId }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' as const });

describe(`public page cache (${engine})`, () => {
  it('[P-1] a publish on node A is on node B at once: lists, the service page and the API', async () => {
    const onA = new TestClient(a.app);
    const onB = new TestClient(b.app);
    // Warm both nodes' caches.
    for (const c of [onA, onB]) for (const url of ['/', '/layanan', `/layanan/${first.slug}`, `/instansi/${agency.slug}`]) expect((await c.get(url)).statusCode).toBe(200);
    const before = b.publicCache.stats().hits;
    const again = await onB.get('/layanan');
    expect(b.publicCache.stats().hits).toBe(before + 1);
    expect(again.body).toContain('Izin Pertama Cache');
    expect(again.body).not.toContain('Izin Kedua Cache');

    // A new service published through node A's catalogue.
    await makeServiceWithSop(a, agency, { name: 'Izin Kedua Cache' });
    expect((await onB.get('/layanan')).body).toContain('Izin Kedua Cache');
    expect((await onB.get(`/instansi/${agency.slug}`)).body).toContain('Izin Kedua Cache');
    const api = await onB.api('GET', '/api/v1/services');
    expect(api.statusCode).toBe(200);
    expect(api.body).toContain('Izin Kedua Cache');

    // A new version of the first service: its page on node B shows the new name at once.
    await a.database.db.transaction().execute(async (trx) => {
      await a.deps.catalog.updateDraft(trx, { actor: operator(agency.id), label: 'test' }, first.slug, { content: testServiceContent('Izin Pertama Diubah') });
      await a.deps.catalog.publish(trx, { actor: operator(agency.id), label: 'test' }, first.slug);
    });
    const page = await onB.get(`/layanan/${first.slug}`);
    expect(page.body).toContain('Izin Pertama Diubah');
    expect((await onB.get('/')).body).not.toContain('Izin Pertama Cache');

    // An archived service leaves node B's pages at once.
    await a.database.db.transaction().execute(async (trx) => a.deps.catalog.archive(trx, { actor: operator(agency.id), label: 'test' }, first.slug));
    expect((await onB.get(`/layanan/${first.slug}`)).statusCode).toBe(404);
    expect((await onB.get('/layanan')).body).not.toContain('Izin Pertama Diubah');

    // An agency renamed on node A: node B's agency page follows.
    await a.deps.agencies.updateAgency({ actor: null, label: 'test', trusted: true }, agency.slug, { name: 'Dinas Cache Berganti Nama' });
    expect((await onB.get(`/instansi/${agency.slug}`)).body).toContain('Dinas Cache Berganti Nama');
  });

  it('[P-1] a signed-in page is never served from the cache, nor stored in it', async () => {
    const citizen = await makeCitizen(a);
    const anon = new TestClient(a.app);
    await anon.get('/');
    await anon.get('/');
    const signedIn = await signInAs(a, citizen.userId);
    const hits = a.publicCache.stats().hits;
    const mine = await signedIn.get('/');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('action="/keluar"');
    expect(mine.headers['cache-control']).toContain('no-store');
    expect(mine.headers.etag).toBeUndefined();
    expect(a.publicCache.stats().hits).toBe(hits);
    // What the signed-in person saw did not become the anonymous page.
    const after = await anon.get('/');
    expect(after.body).not.toContain('action="/keluar"');
    expect(a.publicCache.stats().hits).toBe(hits + 1);
  });

  it('[P-1] ETag and 304; the stored gzip and brotli forms decode to the same page; the language is part of the key', async () => {
    const c = new TestClient(a.app);
    const first = await c.get('/layanan');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const notModified = await c.get('/layanan', { 'if-none-match': etag });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    // The compressed forms are made in the background, once.
    let br = await a.app.inject({ url: '/layanan', headers: { 'accept-encoding': 'br, gzip' } });
    for (let i = 0; i < 50 && br.headers['content-encoding'] !== 'br'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      br = await a.app.inject({ url: '/layanan', headers: { 'accept-encoding': 'br, gzip' } });
    }
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(first.body);
    const gz = await a.app.inject({ url: '/layanan', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(first.body);
    const english = await a.app.inject({ url: '/layanan', headers: { cookie: 'simpul_lang=en' } });
    expect(english.body).not.toBe(first.body);
    expect(english.body).toContain('lang="en"');
  });
});
