// The leaders' dashboard in Chromium at 360 px (E-1, E-2, E-3): the governor drills down from
// the region to an agency and to its one late application; the public performance page shows
// the agency's figures. axe-core checks every page; none scrolls sideways.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, pageAs, scrollsSideways, startE2E, visit, type E2E } from './browser.ts';
import { makeAgency, makeServiceWithSop, makeStaff } from '../factories.ts';
import { instantOfLocal, type RegionTimeZone } from '../../src/platform/calendar/working-time.ts';
import type { AgencyView } from '../../src/modules/agencies/agencies.service.ts';
import type { CaseSourceFact } from '../../src/modules/executive/index.ts';

let e: E2E;
let agency: AgencyView;
let governor: string;
const LATE = '2025-DUE-000777';

beforeAll(async () => {
  e = await startE2E({ requireAdminMfa: false });
  agency = await makeAgency(e.t, { name: 'Dinas Penanaman Modal Uji' });
  await makeAgency(e.t, { name: 'Dinas Perhubungan Uji' });
  const service = await makeServiceWithSop(e.t, agency, { name: 'Izin Usaha Uji' });
  governor = (await makeStaff(e.t, 'executive', null)).userId;
  const tz = (await e.t.deps.executive.timeZone()) as RegionTimeZone;
  const at = (d: string, h: string) => instantOfLocal(tz, d, h)!;
  // Twelve applications decided in March 2025; one of them after its deadline.
  const facts: CaseSourceFact[] = Array.from({ length: 12 }, (_, i) => ({
    id: crypto.randomUUID(),
    trackingNumber: i === 0 ? LATE : `2025-DUE-${String(100 + i).padStart(6, '0')}`,
    agencyId: agency.id,
    serviceId: service.id,
    channel: i % 3 === 0 ? 'counter' : 'online',
    status: 'approved',
    assigned: false,
    submittedAt: at('2025-03-03', '09:00'),
    decidedAt: at(i === 0 ? '2025-03-12' : '2025-03-05', '10:00'),
    dueAt: at('2025-03-07', '16:00'),
    lastActivityAt: at('2025-03-05', '10:00'),
    district: '53.71.01',
    sentBack: false,
    steps: [],
  }));
  await e.t.database.db.transaction().execute((trx) => e.t.deps.executive.applyFacts(trx, { applications: facts }));
});
afterAll(async () => e?.close());

describe('executive dashboard in the browser', () => {
  it('[E-1] [E-3] the governor drills down from the region to the one late application, at 360 px', async () => {
    const page = await pageAs(e, governor);
    await visit(page, '/eksekutif?periode=tahun&tanggal=2025-06-30');
    expect(await scrollsSideways(page)).toBe(false);
    await expect(page.locator('#permohonan .figure').first().textContent()).resolves.toBe('12');
    // Region → agency.
    await Promise.all([page.waitForLoadState('load'), page.locator('#rincian').getByRole('link', { name: agency.name }).click()]);
    await checkA11y(page);
    expect(await scrollsSideways(page)).toBe(false);
    expect(page.url()).toContain(`instansi=${agency.id}`);
    // Agency → the late applications behind "Selesai terlambat".
    await Promise.all([page.waitForLoadState('load'), page.locator('#sla').getByRole('link', { name: /Selesai terlambat/ }).click()]);
    await checkA11y(page);
    expect(await scrollsSideways(page)).toBe(false);
    await expect(page.locator('#case-count').getAttribute('data-count')).resolves.toBe('1');
    expect(await page.getByRole('link', { name: LATE }).count()).toBe(1);
  });

  it('[E-2] the public performance page shows the agency’s figures without signing in', async () => {
    const ctx = await e.newContext();
    const page = await ctx.newPage();
    await visit(page, '/kinerja?tahun=2025');
    expect(await scrollsSideways(page)).toBe(false);
    const row = page.locator('tr', { hasText: agency.name });
    await expect(row.textContent()).resolves.toContain('12');
    // 11 of 12 decided on time: 91,7 %.
    await expect(row.textContent()).resolves.toContain('91,7%');
  });
});
