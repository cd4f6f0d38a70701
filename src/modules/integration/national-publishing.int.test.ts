// SPLP and SIPD wired into the running app (local fakes, as in development): the Dinas Kominfo
// publishes the OpenAPI and pushes the roadmap from /kelola/integrasi; the queue shows the state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeRegion, makeStaff, signInAs } from '../../../test/factories.ts';
import type { TestClient } from '../../../test/http.ts';

let t: TestApp;
let kominfo: TestClient;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false, splp: { url: null, token: 'splp-test', gatewayClientId: 'gw-1' }, sipd: { url: null, token: 'sipd-test', everyDays: 7 } });
  await makeRegion(t);
  const agency = await makeAgency(t);
  kominfo = await signInAs(t, (await makeStaff(t, 'ict_coordinator', null)).userId);
  admin = await signInAs(t, (await makeStaff(t, 'agency_admin', agency as never)).userId);
});
afterAll(async () => t?.close());

describe('SPLP and SIPD in the running app', () => {
  it('[I-4] the Dinas publishes the OpenAPI to SPLP under a versioned context; the queue shows it accepted', async () => {
    expect((await admin.submit('/kelola/integrasi/splp', {}, '/kelola/integrasi')).statusCode).toBe(403);
    const r = await kominfo.submit('/kelola/integrasi/splp', {}, '/kelola/integrasi');
    expect(r.statusCode).toBe(200);
    const notice = /Publikasi API ke SPLP diantrekan dengan konteks ([^.<]*)/.exec(r.body);
    expect(notice?.[1]).toMatch(/^\/\d{4}\/simpul\/v1$/);
    expect(r.body).toContain('Dalam antrean');
    await t.runJobs();
    const page = await kominfo.get('/kelola/integrasi');
    expect(page.body).toContain('SPLP — publikasi API');
    expect(page.body).toContain('Diterima');
    // Agency admins do not see the national section.
    expect((await admin.get('/kelola/integrasi')).body).not.toContain('Terbitkan API ke SPLP');
  });

  it('[I-4] SIPD without an SPBE plan is refused with the reason (409), nothing queued', async () => {
    const r = await kominfo.submit('/kelola/integrasi/sipd', {}, '/kelola/integrasi');
    expect(r.statusCode).toBe(409);
    expect(r.body).toContain('Belum ada rencana induk SPBE');
  });
});
