import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { apiAs, makeAgency, makeStaff, signInAs } from '../../../test/factories.ts';
import type { TestClient } from '../../../test/http.ts';
import { chainHash, eventDigest, verifyCheckpointSignature, type AuditEventContent } from '../../platform/audit/chain.ts';
import { hubDb } from './integration.service.ts';
import { signatureHeader, verifySignature, SIGNATURE_HEADER, webhookAllowed, webhookEventScope } from './webhooks.ts';
import { signRequest } from './signed-keys.ts';
import { consumers, subscribers, type EventServices } from '../../app.events.ts';
import { makeBill } from '../payments/payments.test-support.ts';
import { makeCitizen } from '../../../test/factories.ts';
import { fieldCrypto } from '../../platform/privacy/field-crypto.ts';
import { fakeOssPermit, fakeSicantikPermit, fromOssRba, fromSicantik } from './national-permits.ts';

let t: TestApp;
let agencyA: { id: string; slug: string };
let agencyB: { id: string; slug: string };
let adminA: TestClient;
let adminB: TestClient;
let kominfo: TestClient;

async function token(clientId: string, secret: string, form = false) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/oauth/token',
    ...(form
      ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `grant_type=client_credentials&client_id=${clientId}&client_secret=${encodeURIComponent(secret)}` }
      : { payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret } }),
  });
}

/** An approved client of agency A and a fresh access token. */
async function approvedClient(kind = 'live', ratePerMinute = 1000) {
  const reg = await apiAs(adminA, 'POST', '/api/v1/integration/clients', { agencyId: agencyA.id, name: `Sistem ${kind}`, kind, ratePerMinute });
  expect(reg.statusCode).toBe(201);
  const { client, clientSecret } = reg.json() as { client: { id: string }; clientSecret: string };
  expect((await apiAs(kominfo, 'POST', `/api/v1/integration/clients/${client.id}/approve`)).statusCode).toBe(200);
  const tok = await token(client.id, clientSecret);
  expect(tok.statusCode).toBe(200);
  return { id: client.id, secret: clientSecret, token: (tok.json() as { access_token: string }).access_token };
}

async function grant(admin: TestClient, clientId: string, ownerAgencyId: string, scope: string, extra: Record<string, unknown> = {}) {
  const r = await apiAs(admin, 'POST', '/api/v1/integration/grants', { clientId, ownerAgencyId, scope, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), ...extra });
  return r;
}

const call = (tok: string, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: method as 'GET', url, payload: payload as never, headers: { authorization: `Bearer ${tok}`, ...headers } });

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  agencyA = await makeAgency(t);
  agencyB = await makeAgency(t);
  adminA = await signInAs(t, (await makeStaff(t, 'agency_admin', agencyA as never)).userId);
  adminB = await signInAs(t, (await makeStaff(t, 'agency_admin', agencyB as never)).userId);
  kominfo = await signInAs(t, (await makeStaff(t, 'ict_coordinator', null)).userId);
});
afterAll(async () => t?.close());

describe('integration hub', () => {
  it('[I-1] an agency admin registers a client, the Dinas Kominfo approves it, the secret is shown once and the token is short-lived', async () => {
    const reg = await apiAs(adminA, 'POST', '/api/v1/integration/clients', { agencyId: agencyA.id, name: 'SIMPEG Dinas', kind: 'live' });
    expect(reg.statusCode).toBe(201);
    const { client, clientSecret } = reg.json() as { client: { id: string; status: string }; clientSecret: string };
    expect(client.status).toBe('pending');
    // Stored hashed: the secret is nowhere in the table.
    const stored = await hubDb(t.database.db).selectFrom('integration_client_secrets').select('secret_hash').where('client_id', '=', client.id).execute();
    expect(stored.map((s) => s.secret_hash)).not.toContain(clientSecret);
    // Pending: no token (RFC 6749 §5.2 error).
    const pending = await token(client.id, clientSecret);
    expect(pending.statusCode).toBe(401);
    expect(pending.json()).toMatchObject({ error: 'invalid_client' });
    // Only the Dinas approves.
    expect((await apiAs(adminA, 'POST', `/api/v1/integration/clients/${client.id}/approve`)).statusCode).toBe(403);
    expect((await apiAs(kominfo, 'POST', `/api/v1/integration/clients/${client.id}/approve`)).statusCode).toBe(200);
    const ok = await token(client.id, clientSecret, true);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    const body = ok.json() as { access_token: string; token_type: string; expires_in: number };
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBeLessThanOrEqual(900);
    const row = await hubDb(t.database.db).selectFrom('integration_tokens').select(['expires_at']).where('client_id', '=', client.id).executeTakeFirstOrThrow();
    expect(new Date(row.expires_at).getTime() - Date.now()).toBeLessThanOrEqual(900_000);
    expect((await token(client.id, 'hub_cs_wrong')).json()).toMatchObject({ error: 'invalid_client' });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'password' } })).json()).toMatchObject({ error: 'unsupported_grant_type' });
    // HTTP Basic client authentication works too; malformed credentials are a 401, never a 500.
    const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    const viaBasic = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { authorization: basic(client.id, clientSecret), 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=client_credentials' });
    expect(viaBasic.statusCode).toBe(200);
    const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { authorization: basic('%E0%A4%A', 'x') }, payload: { grant_type: 'client_credentials' } });
    expect(malformed.statusCode).toBe(401);
    expect(malformed.json()).toMatchObject({ error: 'invalid_client' });
    // An expired token is refused.
    await hubDb(t.database.db).updateTable('integration_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('client_id', '=', client.id).execute();
    expect((await call(body.access_token, 'GET', '/api/v1/hub/services')).statusCode).toBe(401);
  });

  it('[I-2] deny by default: a client without a grant gets 403 on every client operation, and each is logged', async () => {
    const c = await approvedClient();
    const clientRoutes = t.deps.api.routes.filter((r) => r.auth === 'client');
    expect(clientRoutes.length).toBeGreaterThanOrEqual(4);
    // Every operation under the hub prefix is a client route (so it goes through the grant check).
    for (const r of t.deps.api.routes.filter((x) => x.url.startsWith('/api/v1/hub/'))) expect(r.auth, r.operationId).toBe('client');
    const samples: Record<string, unknown> = {
      hubSendMessage: { ownerAgencyId: agencyA.id, kind: 'status', reference: 'X-1', body: { a: 1 } },
      hubVerifyNik: { nik: '3204010101900001', name: 'SITI AMINAH', birthDate: '1990-01-01' },
    };
    for (const r of clientRoutes) {
      const url = r.url.replace(/:(\w+)/g, 'x1');
      const res = await call(c.token, r.method, url, r.method === 'GET' ? undefined : (samples[r.operationId] ?? {}));
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'insufficient_scope' } });
    }
    const log = await apiAs(kominfo, 'GET', `/api/v1/integration/exchanges?clientId=${c.id}`);
    expect((log.json() as { items: { status: number }[] }).items.filter((e) => e.status === 403)).toHaveLength(clientRoutes.length);
    // Unknown credentials: 401.
    expect((await call('hub_at_unknown', 'GET', '/api/v1/hub/services')).statusCode).toBe(401);
  });

  it('[I-2] a read-only grant allows reading only; an expired grant and a revoked client stop access; personal data needs an agreement', async () => {
    const c = await approvedClient();
    // Only the owner's admin grants on the owner's data.
    expect((await grant(adminB, c.id, agencyA.id, 'catalog.services:read')).statusCode).toBe(403);
    const g = await grant(adminB, c.id, agencyB.id, 'catalog.services:read');
    expect(g.statusCode).toBe(201);
    expect((await call(c.token, 'GET', '/api/v1/hub/services')).statusCode).toBe(200);
    const write = await call(c.token, 'POST', '/api/v1/hub/messages', { ownerAgencyId: agencyB.id, kind: 'status', reference: 'R-1', body: {} });
    expect(write.statusCode).toBe(403);
    // Personal data without a data-sharing agreement: refused with the field named.
    const pd = await grant(adminB, c.id, agencyB.id, 'kependudukan.nik:read');
    expect(pd.statusCode).toBe(422);
    expect(JSON.stringify(pd.json())).toContain('agreementId');
    // Expired grant.
    await hubDb(t.database.db).updateTable('integration_grants').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', (g.json() as { id: string }).id).execute();
    expect((await call(c.token, 'GET', '/api/v1/hub/services')).statusCode).toBe(403);
    // Revoked client: its token stops at once.
    expect((await apiAs(adminA, 'POST', `/api/v1/integration/clients/${c.id}/revoke`)).statusCode).toBe(200);
    expect((await call(c.token, 'GET', '/api/v1/hub/services')).statusCode).toBe(401);
  });

  it('[I-1] rotation keeps two valid secrets until the old one expires', async () => {
    const c = await approvedClient();
    const rot = await apiAs(adminA, 'POST', `/api/v1/integration/clients/${c.id}/rotate`, { overlapSeconds: 3600 });
    expect(rot.statusCode).toBe(200);
    const fresh = (rot.json() as { clientSecret: string }).clientSecret;
    expect((await token(c.id, c.secret)).statusCode).toBe(200);
    expect((await token(c.id, fresh)).statusCode).toBe(200);
    await hubDb(t.database.db).updateTable('integration_client_secrets').set({ expires_at: new Date(Date.now() - 1000) }).where('client_id', '=', c.id).where('expires_at', 'is not', null).execute();
    expect((await token(c.id, c.secret)).statusCode).toBe(401);
    expect((await token(c.id, fresh)).statusCode).toBe(200);
  });

  it('[I-1] per-client rate limit answers 429 with Retry-After', async () => {
    const c = await approvedClient('live', 2);
    await grant(adminA, c.id, agencyA.id, 'catalog.services:read');
    expect((await call(c.token, 'GET', '/api/v1/hub/services')).statusCode).toBe(200);
    expect((await call(c.token, 'GET', '/api/v1/hub/services')).statusCode).toBe(200);
    const third = await call(c.token, 'GET', '/api/v1/hub/services');
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('[I-3] idempotency: same key and body replay the first answer, another body is refused; a test client changes nothing', async () => {
    const c = await approvedClient('sandbox');
    await grant(adminA, c.id, agencyA.id, 'messages:write');
    const before = await t.deps.integration.countMessages(agencyA.id);
    const msg = { ownerAgencyId: agencyA.id, kind: 'lapor.status', reference: 'LAPOR-77', body: { status: 'selesai' } };
    const first = await call(c.token, 'POST', '/api/v1/hub/messages', msg, { 'idempotency-key': 'k-1' });
    expect(first.statusCode).toBe(201);
    const again = await call(c.token, 'POST', '/api/v1/hub/messages', msg, { 'idempotency-key': 'k-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await t.deps.integration.countMessages(agencyA.id)).toBe(before + 1);
    const other = await call(c.token, 'POST', '/api/v1/hub/messages', { ...msg, reference: 'LAPOR-78' }, { 'idempotency-key': 'k-1' });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } });
    // A malformed payload: 400/422 with the field named, never 500.
    const bad = await call(c.token, 'POST', '/api/v1/hub/messages', { ...msg, ownerAgencyId: 'nope' });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    expect(JSON.stringify(bad.json())).toContain('ownerAgencyId');

    const test = await approvedClient('test');
    await grant(adminA, test.id, agencyA.id, 'messages:write');
    const sim = await call(test.token, 'POST', '/api/v1/hub/messages', msg);
    expect(sim.statusCode).toBe(201);
    expect(sim.json()).toEqual({ id: null, simulated: true });
    expect(await t.deps.integration.countMessages(agencyA.id)).toBe(before + 1);
  });

  it('[I-4] the Dukcapil adapter answers through the hub only with a personal-data grant (local fixture)', async () => {
    const c = await approvedClient();
    // Granted directly in the table for the adapter path (the agreement check is proven above).
    await hubDb(t.database.db)
      .insertInto('integration_grants')
      .values({ client_id: c.id, owner_agency_id: agencyA.id, scope: 'kependudukan.nik:read', expires_at: new Date(Date.now() + 60_000) })
      .execute();
    const r = await call(c.token, 'POST', '/api/v1/hub/nik-verifications', { nik: '3204010101900001', name: 'Siti Aminah', birthDate: '1990-01-01' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ found: true, match: { name: true, birthDate: true }, source: 'local' });
    const bad = await call(c.token, 'POST', '/api/v1/hub/nik-verifications', { nik: '12', name: 'X', birthDate: '1990-01-01' });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json())).toContain('nik');
  });

  it('[I-4] webhooks are signed over timestamp and body, retried after a failure and delivered once the receiver recovers', async () => {
    const received: { sig: string; body: string; eventId: string }[] = [];
    let failNext = true;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ sig: String(req.headers[SIGNATURE_HEADER]), body, eventId: String(req.headers['simpul-event-id']) });
        res.statusCode = failNext ? 503 : 204;
        failNext = false;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const created = await apiAs(adminA, 'POST', '/api/v1/integration/webhooks', { agencyId: agencyA.id, url, events: ['application.approved'] });
      expect(created.statusCode).toBe(201);
      const secret = (created.json() as { secret: string }).secret;
      const n = await t.database.db.transaction().execute((trx) => t.deps.webhooks.dispatch(trx, agencyA.id, 'application.approved', { tracking: 'T-1', status: 'approved' }));
      expect(n).toBe(1);
      const row = await hubDb(t.database.db).selectFrom('integration_webhook_deliveries').select('id').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      expect(await t.deps.webhooks.deliver(row.id)).toBe('retry');
      expect(await t.deps.webhooks.deliver(row.id)).toBe('delivered');
      expect(received).toHaveLength(2);
      const last = received[1]!;
      expect(last.eventId).toBe(received[0]!.eventId);
      expect(verifySignature(last.sig, last.body, [secret])).toBe(true);
      // Altered body, wrong secret and a stale timestamp are all refused.
      expect(verifySignature(last.sig, last.body + ' ', [secret])).toBe(false);
      expect(verifySignature(last.sig, last.body, ['whsec_other'])).toBe(false);
      const old = Math.floor(Date.now() / 1000) - 301;
      expect(verifySignature(signatureHeader([secret], old, last.body), last.body, [secret])).toBe(false);
      // During rotation both secrets sign.
      const hooks = await apiAs(adminA, 'GET', '/api/v1/integration/webhooks/deliveries');
      expect((hooks.json() as { items: { status: string; attempts: number }[] }).items[0]).toMatchObject({ status: 'delivered', attempts: 2 });
      const two = signatureHeader(['whsec_new', secret], Math.floor(Date.now() / 1000), 'x');
      expect(verifySignature(two, 'x', [secret])).toBe(true);
      expect(verifySignature(two, 'x', ['whsec_new'])).toBe(true);
    } finally {
      server.close();
    }
  });

  it('[I-3] the exchange log is sealed in the audit chain, echoes X-Request-Id, fails closed when sealing lags, and detects an altered or removed entry', async () => {
    const c = await approvedClient();
    await grant(adminA, c.id, agencyA.id, 'catalog.services:read');
    const r = await call(c.token, 'GET', '/api/v1/hub/services');
    expect(r.statusCode).toBe(200);
    expect(r.headers['x-request-id']).toBeTruthy();
    const log = (await apiAs(adminA, 'GET', `/api/v1/integration/exchanges?clientId=${c.id}`)).json() as { items: { requestId: string; status: number; responseHash: string; sealed: boolean }[] };
    expect(log.items[0]).toMatchObject({ requestId: r.headers['x-request-id'], status: 200, sealed: false });
    expect(log.items[0]!.responseHash).toMatch(/^[0-9a-f]{64}$/);
    // Another agency's admin does not see it.
    expect(((await apiAs(adminB, 'GET', `/api/v1/integration/exchanges?clientId=${c.id}`)).json() as { items: unknown[] }).items).toHaveLength(0);

    // Fail closed: an exchange entry left unsealed beyond policy stops the hub (503).
    await t.database.db
      .insertInto('audit_events')
      .values({ actor_label: 'api-client:lama', action: 'integration.exchange', entity_type: 'api_client', entity_id: c.id, agency_id: agencyA.id, occurred_at: new Date(Date.now() - 3_600_000), after: JSON.stringify({ operation: 'hubListServices', status: 200 }) })
      .execute();
    await t.deps.integration.sealLagging(true);
    const refused = await call(c.token, 'GET', '/api/v1/hub/services');
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBeTruthy();
    await t.deps.auditChain.seal();
    await t.deps.auditChain.checkpoint(true);
    await t.deps.integration.sealLagging(true);
    expect((await call(c.token, 'GET', '/api/v1/hub/services')).statusCode).toBe(200);
    await t.deps.auditChain.seal();
    await t.deps.auditChain.checkpoint(true);
    expect((await t.deps.auditChain.verify()).ok).toBe(true);

    // The export carries its proof: every entry's digest is in a seal, the seals chain up to a
    // signed checkpoint.
    const proof = (await apiAs(adminA, 'GET', `/api/v1/integration/exchanges/export?clientId=${c.id}`)).json() as {
      events: AuditEventContent[];
      seals: { seq: number; eventId: number; eventDigest: string; chainHash: string }[];
      checkpoints: { seq: number; chainHash: string; signedAt: string; keyId: string; signature: string }[];
      publicKeys: { keyId: string; publicKeyPem: string }[];
    };
    expect(proof.events.length).toBeGreaterThanOrEqual(3);
    for (const e of proof.events) expect(proof.seals.find((s) => s.eventId === e.id)?.eventDigest).toBe(eventDigest(e));
    for (let i = 1; i < proof.seals.length; i++) {
      const s = proof.seals[i]!;
      expect(chainHash(proof.seals[i - 1]!.chainHash, s.seq, s.eventId, s.eventDigest)).toBe(s.chainHash);
    }
    const cp = proof.checkpoints[0]!;
    expect(proof.seals.find((s) => s.seq === cp.seq)?.chainHash).toBe(cp.chainHash);
    expect(verifyCheckpointSignature(proof.publicKeys.find((k) => k.keyId === cp.keyId)!.publicKeyPem, cp)).toBe(true);

    // Tampering with a sealed exchange entry is detected, and so is removing one.
    const entries = await t.database.db.selectFrom('audit_events').select('id').where('action', '=', 'integration.exchange').where('entity_id', '=', c.id).orderBy('id').execute();
    await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`.execute(t.database.db);
    try {
      await sql`UPDATE audit_events SET after = ${JSON.stringify({ operation: 'hubListServices', status: 500 })}::jsonb WHERE id = ${entries[1]!.id}`.execute(t.database.db);
      const altered = await t.deps.auditChain.verify();
      expect(altered.firstProblem).toMatchObject({ kind: 'event-altered', eventId: Number(entries[1]!.id) });
      await sql`DELETE FROM audit_events WHERE id = ${entries[1]!.id}`.execute(t.database.db);
      const removed = await t.deps.auditChain.verify();
      expect(removed.firstProblem).toMatchObject({ kind: 'event-missing', eventId: Number(entries[1]!.id) });
    } finally {
      await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`.execute(t.database.db);
    }
  });

  it('[I-1] the back-office page registers a client (secret shown once), the Dinas approves it and the agency sees its log', async () => {
    const page = await adminA.get('/kelola/integrasi');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Klien API');
    const reg = await adminA.submit('/kelola/integrasi/klien', { name: 'Sistem Arsip', kind: 'sandbox', agencyId: agencyA.id }, '/kelola/integrasi');
    expect(reg.statusCode).toBe(200);
    expect(reg.body).toMatch(/hub_cs_[A-Za-z0-9_-]{20,}/);
    expect(reg.body).toContain('hanya ditampilkan sekali');
    const id = /<code>([0-9a-f-]{36})<\/code>/.exec(reg.body)![1]!;
    // Bad input: the page again with the reason, 4xx.
    const bad = await adminA.submit('/kelola/integrasi/klien', { name: '', kind: 'x', agencyId: agencyA.id }, '/kelola/integrasi');
    expect(bad.statusCode).toBe(422);
    expect((await adminA.submit(`/kelola/integrasi/klien/${id}/setujui`, {}, '/kelola/integrasi')).statusCode).toBe(403);
    const ok = await kominfo.submit(`/kelola/integrasi/klien/${id}/setujui`, {}, '/kelola/integrasi');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Klien disetujui');
    // Another agency's admin does not see the client.
    expect((await adminB.get('/kelola/integrasi')).body).not.toContain('Sistem Arsip');
    // A signed API key from the page: secret shown once, listed as active, then revoked.
    const made = await adminA.submit(`/kelola/integrasi/klien/${id}/kunci`, {}, '/kelola/integrasi');
    expect(made.statusCode).toBe(200);
    expect(made.body).toMatch(/hub_sk_[A-Za-z0-9_-]{20,}/);
    const keyId = /Kunci API (hub_ak_[0-9a-f]+) dibuat/.exec(made.body)![1]!;
    const keyRow = await hubDb(t.database.db).selectFrom('integration_api_keys').select('id').where('key_id', '=', keyId).executeTakeFirstOrThrow();
    expect((await adminB.submit(`/kelola/integrasi/kunci/${keyRow.id}/cabut`, {}, '/kelola/integrasi')).statusCode).toBe(403);
    const gone = await adminA.submit(`/kelola/integrasi/kunci/${keyRow.id}/cabut`, {}, '/kelola/integrasi');
    expect(gone.statusCode).toBe(200);
    expect(gone.body).toContain('Kunci API dicabut');
  });

  it('[I-2] the OpenAPI document describes the token endpoint and the client-credentials security scheme', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: { securitySchemes: Record<string, { type: string; flows?: { clientCredentials?: { tokenUrl: string; scopes: Record<string, string> } } }> };
    };
    expect(doc.paths['/api/v1/oauth/token']?.post).toBeTruthy();
    const scheme = doc.components.securitySchemes.oauth2ClientCredentials!;
    expect(scheme.type).toBe('oauth2');
    expect(scheme.flows?.clientCredentials?.tokenUrl).toMatch(/\/api\/v1\/oauth\/token$/);
    expect(Object.keys(scheme.flows!.clientCredentials!.scopes)).toContain('applications:read');
    expect(doc.paths['/api/v1/hub/services']?.get?.security).toEqual([{ oauth2ClientCredentials: ['catalog.services:read'] }, { signedApiKey: [] }]);
    expect(doc.components.securitySchemes.signedApiKey?.type).toBe('apiKey');
  });

  it('[I-1] signed API keys: key id and secret shown once and kept encrypted, HMAC over method, path, timestamp and body, replay window, same grants and log', async () => {
    const c = await approvedClient();
    const made = await apiAs(adminA, 'POST', `/api/v1/integration/clients/${c.id}/keys`, {});
    expect(made.statusCode).toBe(201);
    const { key, secret } = made.json() as { key: { id: string; keyId: string; state: string; expiresAt: string }; secret: string };
    expect(key.state).toBe('active');
    expect(new Date(key.expiresAt).getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    const row = await hubDb(t.database.db).selectFrom('integration_api_keys').select(['secret_enc']).where('id', '=', key.id).executeTakeFirstOrThrow();
    expect(row.secret_enc).not.toContain(secret.slice(7));
    // Another agency's admin cannot make keys for this client nor list them.
    expect((await apiAs(adminB, 'POST', `/api/v1/integration/clients/${c.id}/keys`, {})).statusCode).toBe(403);
    expect((await apiAs(adminB, 'GET', `/api/v1/integration/clients/${c.id}/keys`)).statusCode).toBe(403);
    const listed = (await apiAs(adminA, 'GET', `/api/v1/integration/clients/${c.id}/keys`)).json() as { items: { keyId: string }[] };
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed.items.map((k) => k.keyId)).toContain(key.keyId);

    const signed = (method: string, url: string, body?: unknown, o: { timestamp?: number; secret?: string; signBody?: string } = {}) => {
      const raw = body === undefined ? undefined : JSON.stringify(body);
      const authorization = signRequest({ keyId: key.keyId, secret: o.secret ?? secret, method, url, body: o.signBody ?? raw, timestamp: o.timestamp });
      return t.app.inject({ method: method as 'GET', url, payload: raw, headers: { authorization, ...(raw ? { 'content-type': 'application/json' } : {}) } });
    };
    // Deny by default for signed keys too: 403 and an entry in the log.
    const denied = await signed('GET', '/api/v1/hub/services');
    expect(denied.statusCode).toBe(403);
    expect((await grant(adminA, c.id, agencyA.id, 'catalog.services:read')).statusCode).toBe(201);
    expect((await grant(adminA, c.id, agencyA.id, 'messages:write')).statusCode).toBe(201);
    const ok = await signed('GET', '/api/v1/hub/services?x=1');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-request-id']).toBeTruthy();
    // A POST whose body is covered by the signature.
    const msg = { ownerAgencyId: agencyA.id, kind: 'status', reference: 'SIG-1', body: { ok: true } };
    expect((await signed('POST', '/api/v1/hub/messages', msg)).statusCode).toBe(201);
    // Tampered body (signed one thing, sent another), wrong secret, wrong path, stale and future timestamps: 401.
    expect((await signed('POST', '/api/v1/hub/messages', { ...msg, reference: 'SIG-2' }, { signBody: JSON.stringify(msg) })).statusCode).toBe(401);
    expect((await signed('GET', '/api/v1/hub/services', undefined, { secret: 'hub_sk_wrong' })).statusCode).toBe(401);
    const now = Math.floor(Date.now() / 1000);
    expect((await signed('GET', '/api/v1/hub/services', undefined, { timestamp: now - 301 })).statusCode).toBe(401);
    expect((await signed('GET', '/api/v1/hub/services', undefined, { timestamp: now + 301 })).statusCode).toBe(401);
    const misrouted = await t.app.inject({ method: 'GET', url: '/api/v1/hub/services?y=2', headers: { authorization: signRequest({ keyId: key.keyId, secret, method: 'GET', url: '/api/v1/hub/services' }) } });
    expect(misrouted.statusCode).toBe(401);
    // Replay: the very same signed request a second time is refused.
    const authorization = signRequest({ keyId: key.keyId, secret, method: 'GET', url: '/api/v1/hub/services' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/hub/services', headers: { authorization } })).statusCode).toBe(200);
    const replayed = await t.app.inject({ method: 'GET', url: '/api/v1/hub/services', headers: { authorization } });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.headers['www-authenticate']).toContain('Simpul-HMAC-SHA256');
    // Malformed headers are a 401, never a 500.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/hub/services', headers: { authorization: 'Simpul-HMAC-SHA256 keyId=x' } })).statusCode).toBe(401);
    // The log holds the signed calls of this client (the 403 included).
    const log = (await apiAs(adminA, 'GET', `/api/v1/integration/exchanges?clientId=${c.id}`)).json() as { items: { operation: string; status: number }[] };
    expect(log.items.map((e) => e.status)).toEqual(expect.arrayContaining([200, 201, 403]));
    // Expiry and revocation.
    await hubDb(t.database.db).updateTable('integration_api_keys').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', key.id).execute();
    expect((await signed('GET', '/api/v1/hub/services')).statusCode).toBe(401);
    expect(((await apiAs(adminA, 'GET', `/api/v1/integration/clients/${c.id}/keys`)).json() as { items: { id: string; state: string }[] }).items.find((k) => k.id === key.id)?.state).toBe('expired');
    await hubDb(t.database.db).updateTable('integration_api_keys').set({ expires_at: new Date(Date.now() + 86_400_000) }).where('id', '=', key.id).execute();
    expect((await signed('GET', '/api/v1/hub/services')).statusCode).toBe(200);
    expect((await apiAs(adminB, 'POST', `/api/v1/integration/keys/${key.id}/revoke`)).statusCode).toBe(403);
    const revoked = await apiAs(adminA, 'POST', `/api/v1/integration/keys/${key.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ state: 'revoked' });
    expect((await signed('GET', '/api/v1/hub/services')).statusCode).toBe(401);
    // A past expiry is refused with the field named.
    const past = await apiAs(adminA, 'POST', `/api/v1/integration/clients/${c.id}/keys`, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(past.statusCode).toBe(422);
    // Revoking the client ends its keys too.
    const second = (await apiAs(adminA, 'POST', `/api/v1/integration/clients/${c.id}/keys`, {})).json() as { key: { keyId: string }; secret: string };
    const ok2 = () => t.app.inject({ method: 'GET', url: '/api/v1/hub/services', headers: { authorization: signRequest({ keyId: second.key.keyId, secret: second.secret, method: 'GET', url: '/api/v1/hub/services' }) } });
    expect((await ok2()).statusCode).toBe(200);
    await apiAs(adminA, 'POST', `/api/v1/integration/clients/${c.id}/revoke`);
    expect((await ok2()).statusCode).toBe(401);
  });

  it('[I-4] webhooks for bill.paid and document.issued reach only the owning agency’s subscribed hooks, without personal data', async () => {
    expect(consumers['bill.paid']).toMatchObject({ webhooks: 'in_transaction' });
    expect(consumers['document.issued']).toMatchObject({ webhooks: 'in_transaction' });
    const a = await apiAs(adminA, 'POST', '/api/v1/integration/webhooks', { agencyId: agencyA.id, url: 'http://127.0.0.1:9/a', events: ['bill.paid', 'document.issued'] });
    expect(a.statusCode).toBe(201);
    const b = await apiAs(adminB, 'POST', '/api/v1/integration/webhooks', { agencyId: agencyB.id, url: 'http://127.0.0.1:9/b', events: ['bill.paid', 'document.issued'] });
    expect(b.statusCode).toBe(201);
    const hookA = (a.json() as { webhook: { id: string } }).webhook.id;
    const hookB = (b.json() as { webhook: { id: string } }).webhook.id;
    const bill = await makeBill(t, { amount: 150_000, status: 'paid', agency: agencyA as never });
    const subs = subscribers(() => ({ webhooks: t.deps.webhooks }) as unknown as EventServices);
    const documentId = crypto.randomUUID();
    await t.database.db.transaction().execute(async (trx) => {
      await subs['bill.paid'].webhooks(trx, { billId: bill.id }, {} as never);
      await subs['document.issued'].webhooks(trx, { documentId, applicationId: bill.applicationId }, {} as never);
    });
    const rows = await hubDb(t.database.db).selectFrom('integration_webhook_deliveries').select(['webhook_id', 'event_type', 'payload']).where('webhook_id', 'in', [hookA, hookB]).execute();
    expect(rows.map((r) => r.webhook_id)).toEqual([hookA, hookA]);
    const paid = JSON.parse(rows.find((r) => r.event_type === 'bill.paid')!.payload);
    expect(paid).toMatchObject({ type: 'bill.paid', data: { billId: bill.id, agencyId: agencyA.id, amount: 150_000, paidAmount: 150_000 } });
    expect(paid.data.paidAt).toMatch(/^\d{4}-/);
    const issued = JSON.parse(rows.find((r) => r.event_type === 'document.issued')!.payload);
    expect(issued).toMatchObject({ type: 'document.issued', data: { documentId, agencyId: agencyA.id } });
    expect(JSON.stringify([paid, issued])).not.toContain(bill.payerId);
    // An unknown event is refused with the field named.
    const bad = await apiAs(adminA, 'POST', '/api/v1/integration/webhooks', { agencyId: agencyA.id, url: 'http://127.0.0.1:9/a', events: ['complaint.nope'] });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json())).toContain('events');
  });

  describe('[I-2] webhook subscriptions follow the agency’s grants', () => {
    it('[I-2] own events without personal data: allowed; another agency’s events: refused without a grant, allowed with a live grant of the event’s scope', async () => {
      const c = await approvedClient();
      const url = 'http://127.0.0.1:9/grants';
      // Agency A follows agency B's applications: no grant yet → 422 naming the events.
      const refused = await apiAs(adminA, 'POST', '/api/v1/integration/webhooks', { agencyId: agencyA.id, sourceAgencyId: agencyB.id, url, events: ['application.approved', 'bill.paid'] });
      expect(refused.statusCode).toBe(422);
      expect(JSON.stringify(refused.json())).toContain('application.approved, bill.paid');
      // A sandbox client's grant does not open live events.
      const sandbox = await approvedClient('sandbox');
      expect((await grant(adminB, sandbox.id, agencyB.id, 'applications:read')).statusCode).toBe(201);
      expect((await apiAs(adminA, 'POST', '/api/v1/integration/webhooks', { agencyId: agencyA.id, sourceAgencyId: agencyB.id, url, events: ['application.approved'] })).statusCode).toBe(422);
      // B grants A's live client applications:read: applications allowed, bills still not.
      const g = await grant(adminB, c.id, agencyB.id, 'applications:read');
      expect(g.statusCode).toBe(201);
      expect((await apiAs(adminA, 'POST', '/api/v1/integration/webhooks', { agencyId: agencyA.id, sourceAgencyId: agencyB.id, url, events: ['application.approved', 'bill.paid'] })).statusCode).toBe(422);
      const ok = await apiAs(adminA, 'POST', '/api/v1/integration/webhooks', { agencyId: agencyA.id, sourceAgencyId: agencyB.id, url, events: ['application.approved'] });
      expect(ok.statusCode).toBe(201);
      const hook = (ok.json() as { webhook: { id: string; sourceAgencyId: string } }).webhook;
      expect(hook.sourceAgencyId).toBe(agencyB.id);
      // B's event reaches A's hook; A's own events do not (it follows B).
      const n = await t.database.db.transaction().execute((trx) => t.deps.webhooks.dispatch(trx, agencyB.id, 'application.approved', { tracking: 'T-B' }));
      expect(n).toBeGreaterThanOrEqual(1);
      await t.database.db.transaction().execute((trx) => t.deps.webhooks.dispatch(trx, agencyA.id, 'application.approved', { tracking: 'T-A' }));
      const rows = await hubDb(t.database.db).selectFrom('integration_webhook_deliveries').select(['id', 'payload', 'status']).where('webhook_id', '=', hook.id).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.payload).toContain('T-B');
      expect(rows[0]!.status).toBe('pending');
      // Agency B's admin cannot register a hook in A's name.
      expect((await apiAs(adminB, 'POST', '/api/v1/integration/webhooks', { agencyId: agencyA.id, url, events: ['application.approved'] })).statusCode).toBe(403);
    });

    it('[I-2] a grant that expires (with its agreement) stops deliveries at delivery time, recorded in the delivery history; later events are blocked too', async () => {
      const c = await approvedClient();
      const g = await grant(adminB, c.id, agencyB.id, 'documents:read');
      expect(g.statusCode).toBe(201);
      const made = await apiAs(adminA, 'POST', '/api/v1/integration/webhooks', { agencyId: agencyA.id, sourceAgencyId: agencyB.id, url: 'http://127.0.0.1:9/exp', events: ['document.issued'] });
      expect(made.statusCode).toBe(201);
      const hookId = (made.json() as { webhook: { id: string } }).webhook.id;
      expect(await t.database.db.transaction().execute((trx) => t.deps.webhooks.dispatch(trx, agencyB.id, 'document.issued', { documentId: 'd-1' }))).toBeGreaterThanOrEqual(1);
      const queued = await hubDb(t.database.db).selectFrom('integration_webhook_deliveries').select('id').where('webhook_id', '=', hookId).executeTakeFirstOrThrow();
      // The grant ends before the job runs.
      await hubDb(t.database.db).updateTable('integration_grants').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', (g.json() as { id: string }).id).execute();
      expect(await t.deps.webhooks.deliver(queued.id)).toBe('blocked');
      const hist = await apiAs(adminA, 'GET', `/api/v1/integration/webhooks/deliveries?webhookId=${hookId}`);
      expect((hist.json() as { items: { status: string; attempts: number }[] }).items[0]).toMatchObject({ status: 'blocked', attempts: 0 });
      // Later events: kept in the history as blocked, no job queued.
      await t.database.db.transaction().execute((trx) => t.deps.webhooks.dispatch(trx, agencyB.id, 'document.issued', { documentId: 'd-2' }));
      const all = await hubDb(t.database.db).selectFrom('integration_webhook_deliveries').select('status').where('webhook_id', '=', hookId).execute();
      expect(all.map((r) => r.status)).toEqual(['blocked', 'blocked']);
      // A manual replay does not get around it.
      expect((await apiAs(adminA, 'POST', `/api/v1/integration/webhooks/deliveries/${queued.id}/replay`)).statusCode).toBe(200);
      expect(await t.deps.webhooks.deliver(queued.id)).toBe('blocked');
    });

    it('[I-2] complaint events (no reporter, no text) reach the agency the complaint is routed to; another agency needs the owner’s live grant; unknown event families are refused', async () => {
      const db = hubDb(t.database.db);
      const soon = new Date(Date.now() + 86_400_000);
      expect(webhookEventScope('complaint.received')).toBe('complaints:read');
      expect(webhookEventScope('application.approved')).toBe('applications:read');
      expect(webhookEventScope('payroll.paid')).toBeNull();
      expect(await webhookAllowed(db, agencyA.id, agencyA.id, 'payroll.paid', new Date())).toBeNull();
      expect(await webhookAllowed(db, agencyA.id, agencyA.id, 'application.approved', new Date())).toEqual({ grantId: null });
      // Own complaints: the payload carries no personal data, so no grant is needed.
      expect(await webhookAllowed(db, agencyA.id, agencyA.id, 'complaint.received', new Date())).toEqual({ grantId: null });
      // Agency A cannot follow B's complaints until B grants one of A's clients complaints:read.
      expect(await webhookAllowed(db, agencyA.id, agencyB.id, 'complaint.updated', new Date())).toBeNull();
      const c = await approvedClient();
      const g = await db.insertInto('integration_grants').values({ client_id: c.id, owner_agency_id: agencyB.id, scope: 'complaints:read', expires_at: soon }).returning('id').executeTakeFirstOrThrow();
      expect(await webhookAllowed(db, agencyA.id, agencyB.id, 'complaint.updated', new Date())).toEqual({ grantId: g.id });
      // The grant ends → no more events.
      expect(await webhookAllowed(db, agencyA.id, agencyB.id, 'complaint.updated', new Date(soon.getTime() + 1000))).toBeNull();
    });

    it('[I-2] the back-office form refuses a subscription the grants do not allow with a clear message, and keeps what was typed', async () => {
      const res = await adminA.submit('/kelola/integrasi/webhook', { url: 'http://127.0.0.1:9/form', agencyId: agencyA.id, sourceAgencyId: agencyB.id, events: 'bill.paid' }, '/kelola/integrasi');
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('tidak berhak menerima peristiwa berikut');
      expect(res.body).toContain('http://127.0.0.1:9/form');
    });
  });

  it('[I-4] OSS/SiCantik permits reach the holder’s documents by NIK (signed, verifiable, shown as issued through OSS), idempotent on the permit id; an unknown NIK waits until the person registers', async () => {
    const c = await approvedClient();
    const db = hubDb(t.database.db);
    // permits:write names the holder's NIK: personal data, so a grant under an agreement (inserted as the register would give it).
    await db.insertInto('integration_grants').values({ client_id: c.id, owner_agency_id: agencyA.id, scope: 'permits:write', agreement_id: crypto.randomUUID(), expires_at: new Date(Date.now() + 86_400_000) }).execute();
    const citizen = await makeCitizen(t);
    const nik = fieldCrypto().open((await db.selectFrom('users').select('nik').where('id', '=', citizen.userId).executeTakeFirstOrThrow()).nik)!;
    const notice = fromOssRba(fakeOssPermit({ id_izin: `I-${crypto.randomUUID()}`, nomor_izin: `NI-${Date.now()}`, nik_penanggung_jawab: nik, nama_penanggung_jawab: 'WARGA UJI' }));
    const first = await call(c.token, 'POST', '/api/v1/hub/national-permits', notice);
    expect(first.statusCode).toBe(200);
    const r1 = first.json() as { id: string; status: string; documentId: string; duplicate: boolean };
    expect(r1).toMatchObject({ status: 'issued', duplicate: false, simulated: false });
    // Same permit id again: the first receipt, still one document.
    const again = await call(c.token, 'POST', '/api/v1/hub/national-permits', { ...notice, permitName: 'Changed' });
    expect(again.json()).toMatchObject({ id: r1.id, documentId: r1.documentId, duplicate: true });
    expect((await t.database.db.selectFrom('issued_documents').select('id').where('external_id', '=', notice.permitId).execute()).length).toBe(1);
    // In "Dokumen saya" as issued through OSS, and genuine at /verifikasi.
    const holder = await signInAs(t, citizen.userId);
    const mine = await apiAs(holder, 'GET', '/api/v1/me/documents');
    const doc = (mine.json() as { items: { id: string; source: string; number: string; permitted: string; verificationCode?: string }[] }).items.find((d) => d.id === r1.documentId)!;
    expect(doc).toMatchObject({ source: 'oss', number: notice.permitNumber });
    expect(doc.permitted).toContain('KBLI 56102');
    const page = await holder.get('/dokumen');
    expect(page.body).toContain('Diterbitkan melalui OSS');
    const code = (await t.database.db.selectFrom('issued_documents').select('verification_code').where('id', '=', r1.documentId).executeTakeFirstOrThrow()).verification_code;
    const verified = await t.app.inject({ method: 'GET', url: `/api/v1/verify/${code}` });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ genuine: true, state: 'valid' });
    // Unknown NIK: kept pending, the NIK sealed (not in clear anywhere in the row).
    const stranger = fromSicantik(fakeSicantikPermit({ id_izin: `SC-${crypto.randomUUID()}`, no_izin: `503/${Date.now()}/DPMPTSP`, nik_pemohon: '3204011505850002' }));
    const pending = await call(c.token, 'POST', '/api/v1/hub/national-permits', stranger);
    expect(pending.json()).toMatchObject({ status: 'pending', documentId: null });
    const row = await db.selectFrom('integration_national_permits').selectAll().where('permit_id', '=', stranger.permitId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('3204011505850002');
    expect(await t.deps.nationalPermits.matchPending()).toBe(0);
    // The person registers (a NIK of the fixture), the match job delivers it.
    const later = await makeCitizen(t);
    await t.database.db.updateTable('users').set({ nik: fieldCrypto().seal('3204011505850002'), nik_bidx: fieldCrypto().blindIndex('nik', '3204011505850002') }).where('id', '=', later.userId).execute();
    expect(await t.deps.nationalPermits.matchPending()).toBe(1);
    const delivered = await t.database.db.selectFrom('issued_documents').select(['holder_id', 'source']).where('external_id', '=', stranger.permitId).executeTakeFirstOrThrow();
    expect(delivered).toEqual({ holder_id: later.userId, source: 'sicantik' });
    // Malformed: refused naming the field; no grant: 403; a test client stores nothing.
    const bad = await call(c.token, 'POST', '/api/v1/hub/national-permits', { ...notice, holder: { nik: '123', name: 'X' } });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json())).toContain('nik');
    const other = await approvedClient();
    expect((await call(other.token, 'POST', '/api/v1/hub/national-permits', notice)).statusCode).toBe(403);
    const test = await approvedClient('test');
    await db.insertInto('integration_grants').values({ client_id: test.id, owner_agency_id: agencyA.id, scope: 'permits:write', agreement_id: crypto.randomUUID(), expires_at: new Date(Date.now() + 86_400_000) }).execute();
    const sim = await call(test.token, 'POST', '/api/v1/hub/national-permits', { ...notice, permitId: 'SIM-1' });
    expect(sim.json()).toMatchObject({ simulated: true, id: null });
    expect(await db.selectFrom('integration_national_permits').select('id').where('permit_id', '=', 'SIM-1').executeTakeFirst()).toBeUndefined();
  });
});
