import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { randomToken, sha256Hex } from '../../platform/crypto.ts';

let t: TestApp;
let tokenA: string;
let tokenB: string;

async function staffToken(agencyId: string, role: 'operator' | 'verifier'): Promise<string> {
  const db = t.database.db;
  const u = await db.insertInto('users').values({ kind: 'staff', name: `${role} api`, email: `${randomToken(6)}@uji.go.id` }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('role_grants').values({ user_id: u.id, role, agency_id: agencyId }).execute();
  const token = randomToken();
  await db.insertInto('api_tokens').values({ user_id: u.id, name: 'test', token_hash: sha256Hex(token) }).execute();
  return token;
}

const content = {
  name: 'Legalisir Ijazah SMA/SMK',
  summary: 'Pengesahan salinan ijazah SMA/SMK.',
  sectors: ['pendidikan'],
  keywords: ['ijazah', 'legalisir'],
  channels: ['online'],
  requirements: [{ key: 'ijazah', name: 'Pindaian ijazah asli', kind: 'document', mandatory: true, fileTypes: ['application/pdf'] }],
  procedure: [{ title: 'Unggah ijazah' }, { title: 'Verifikasi' }],
  completionDays: 2,
  fee: { kind: 'free' },
  product: { name: 'Salinan ijazah terlegalisir' },
  complaintHandling: 'Portal pengaduan',
  legalBasis: [{ citation: 'UU 20/2003 tentang Sisdiknas' }],
  facilities: 'Loket',
  staffCompetence: 'Memahami administrasi ijazah',
  internalSupervision: 'Sekretaris dinas',
  staffCount: 2,
  serviceGuarantee: '2 hari kerja',
  securityGuarantee: 'Data dilindungi',
};
const form = { sections: [{ key: 'data', title: 'Data', fields: [{ key: 'ijazah', type: 'file', label: 'Ijazah', requirementKey: 'ijazah' }] }] };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const region = await db.insertInto('regions').values({ name: 'Provinsi Uji', level: 'province', kode_wilayah: '53', timezone: 'Asia/Makassar', domain: 'uji.go.id' }).returning('id').executeTakeFirstOrThrow();
  const a = await db.insertInto('agencies').values({ region_id: region.id, slug: 'disdik', name: 'Dinas Pendidikan', short_name: 'DISDIK', type: 'dinas' }).returning('id').executeTakeFirstOrThrow();
  const b = await db.insertInto('agencies').values({ region_id: region.id, slug: 'dinkes', name: 'Dinas Kesehatan', short_name: 'DINKES', type: 'dinas' }).returning('id').executeTakeFirstOrThrow();
  tokenA = await staffToken(a.id, 'operator');
  tokenB = await staffToken(b.id, 'operator');
});
afterAll(async () => t?.close());

const call = (method: string, url: string, token?: string, body?: unknown, lang = 'id') =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'accept-language': lang, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });

describe(`catalogue API (${engine})`, () => {
  it('[I-2] an operator creates, completes and publishes a service through the API', async () => {
    const created = await call('POST', '/api/v1/services', tokenA, { agency: 'disdik', slug: 'legalisir-ijazah', content, form });
    expect(created.statusCode).toBe(201);
    const refused = await call('POST', '/api/v1/services/legalisir-ijazah/publish', tokenA, undefined, 'en');
    expect(refused.statusCode).toBe(422);
    const err = refused.json().error;
    expect(err.code).toBe('service_incomplete');
    expect(err.fields).toEqual([{ field: 'performanceEvaluation', message: 'Staff performance evaluation is empty.' }]);
    const draft = await call('GET', '/api/v1/services/legalisir-ijazah/draft', tokenA);
    expect(draft.json().missing).toEqual(['performanceEvaluation']);
    const put = await call('PUT', '/api/v1/services/legalisir-ijazah/draft', tokenA, { content: { ...content, performanceEvaluation: 'Evaluasi tahunan' } });
    expect(put.statusCode).toBe(200);
    const published = await call('POST', '/api/v1/services/legalisir-ijazah/publish', tokenA);
    expect(published.json()).toEqual({ slug: 'legalisir-ijazah', version: 1 });
  });

  it('[I-2] reads the catalogue without signing in', async () => {
    const list = await call('GET', '/api/v1/services?sector=pendidikan');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((s: { slug: string }) => s.slug)).toContain('legalisir-ijazah');
    const one = await call('GET', '/api/v1/services/legalisir-ijazah');
    expect(one.json()).toMatchObject({ slug: 'legalisir-ijazah', version: 1, agency: { slug: 'disdik' }, content: { completionDays: 2 }, form: { sections: [{ key: 'data' }] } });
    const search = await call('GET', '/api/v1/search?q=legalisasi%20ijazah');
    expect(search.json().items[0]).toMatchObject({ kind: 'service', url: '/layanan/legalisir-ijazah' });
    expect((await call('GET', '/api/v1/services/tidak-ada')).statusCode).toBe(404);
  });

  it('[S-1] writing needs a role in the owning agency', async () => {
    expect((await call('PUT', '/api/v1/services/legalisir-ijazah/draft', tokenB, { content })).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/services/legalisir-ijazah/archive', tokenB)).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/services', undefined, { agency: 'disdik', content })).statusCode).toBe(401);
    const ownList = await call('GET', '/api/v1/staff/services', tokenB);
    expect(ownList.json().items).toEqual([]);
  });

  it('[S-5] bad input is a 4xx with reasons in the caller\'s language', async () => {
    const bad = await call('PUT', '/api/v1/services/legalisir-ijazah/draft', tokenA, { content: { ...content, completionDays: -1, fee: { kind: 'fixed', amount: 12.5 } } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['completionDays', 'fee.amount']));
    const broken = await t.app.inject({ method: 'POST', url: '/api/v1/services', headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' }, payload: '{"agency":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('bad_request');
  });
});
