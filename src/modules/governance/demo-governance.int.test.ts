// The demo inventories (issue 6) load with the demo region: national mandatory applications,
// an accepted hand-over, staff figures, assets; the demo agency admin sees only her agency's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  await seedDemo(t.deps, { files: false, activity: false });
});
afterAll(async () => t?.close());

describe(`demo governance inventories (${engine})`, () => {
  it('[G-4] [G-9] [G-5] [G-6] the demo has national mandatory applications, an accepted hand-over, staff figures and assets', async () => {
    const apps = await t.deps.inventory.listApplications(t.database.db, { userId: 'x', kind: 'staff', name: 'x', locale: 'id', grants: [{ role: 'ict_coordinator', agencyId: null }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' });
    expect(apps).toHaveLength(8);
    const national = apps.filter((a) => a.kind === 'national').map((a) => a.name).join(' | ');
    for (const name of ['SIPD', 'SRIKANDI', 'e-Kinerja']) expect(national).toContain(name);
    expect(apps.filter((a) => a.handoverAcceptedAt)).toHaveLength(1);
    const year = new Date().getUTCFullYear();
    const f = await t.deps.inventory.figures(t.database.db, null, year);
    expect(f.staffTotals.agenciesReported).toBe(6);
    expect(f.assetsTotal).toBe(5); // six assets, one disposed

    const c = new TestClient(t.app);
    await c.submit('/masuk', { login: 'admin.dpmptsp@contohprov.go.id', password: DEMO_PASSWORD });
    const page = await c.get('/kelola/tata-kelola/aplikasi');
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('OSS-RBA');
    expect(textOf(page.body)).not.toContain('Sistem Informasi Pemerintahan Daerah');
  });
});
