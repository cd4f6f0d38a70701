// The back office's home (/kelola) and where staff land after signing in (P-6): "my work"
// figures from the modules' services, each linking to the filtered list; navigation grouped
// by area showing only what the roles reach; staff land on their work, citizens on /akun.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient } from '../../../test/http.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs, TEST_PASSWORD } from '../../../test/factories.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import { signIn } from '../identity/test-support.ts';
import { workCounts } from './backoffice-home.tsx';

let t: TestApp;
let agency: AgencyView;
let slug: string;

const actorOf = (userId: string, name: string, role: StaffRole, agencyId: string | null): Actor => ({
  userId,
  kind: 'staff',
  name,
  locale: 'id',
  grants: [{ role, agencyId }],
  mfaPassed: true,
  mfaEnrolled: false,
  sessionId: null,
  via: 'session',
});

async function submit(): Promise<string> {
  const c = await makeCitizen(t);
  const applicant: Actor = { userId: c.userId, kind: 'citizen', name: c.name, locale: 'id', grants: [], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
  const service = (await t.deps.catalog.getPublished(slug))!;
  const res = await t.deps.applications.save({ service, applicantId: c.userId, values: { nama_usaha: 'Warung Sejahtera', luas: '24' }, files: {}, submit: true, who: { actor: applicant } });
  return res.trackingNumber!;
}

/** The figure shown before a count's label on /kelola. */
function figure(html: string, label: string): number | null {
  const m = new RegExp(`<span class="figure">([\\d.]+)</span> ${label}`).exec(html);
  return m ? Number(m[1]!.replace(/\./g, '')) : null;
}

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  agency = await makeAgency(t);
  ({ slug } = await makeServiceWithSop(t, agency));
});
afterAll(async () => t?.close());

describe(`back-office home (${engine})`, () => {
  it('[P-6] a verifier sees how many applications wait for him, each figure linking to the filtered queue', async () => {
    const v = await makeStaff(t, 'verifier', agency);
    const c = await signInAs(t, v.userId);
    const before = await c.get('/kelola');
    expect(before.statusCode).toBe(200);
    const waiting0 = figure(before.body, 'permohonan menunggu saya');
    expect(waiting0).not.toBeNull();
    await submit();
    await submit();
    const after = await c.get('/kelola');
    expect(figure(after.body, 'permohonan menunggu saya')).toBe(waiting0! + 2);
    expect(after.body).toContain('href="/kelola/antrian-kerja?lingkup=mine"');
    expect(after.body).toContain('href="/kelola/antrian-kerja?lingkup=mine&amp;sla=overdue"');
    expect(after.body).toContain('href="/kelola/antrian-kerja?lingkup=mine&amp;sla=nearing"');
    // No finance or review figures for a verifier.
    expect(after.body).not.toContain('pembayaran perlu dicocokkan');
    expect(after.body).not.toContain('usulan koordinasi perlu direviu');
  });

  it('[P-6] the figures count what is overdue and nearing its deadline (the queue service, at a later time)', async () => {
    const v = await makeStaff(t, 'verifier', agency);
    const actor = actorOf(v.userId, v.name, 'verifier', agency.id);
    const now = await workCounts(t.deps, actor);
    const total = now.find((c) => c.key === 'waiting')!.count;
    expect(total).toBeGreaterThanOrEqual(1);
    const later = await workCounts(t.deps, actor, new Date(Date.now() + 60 * 86_400_000));
    expect(later.find((c) => c.key === 'overdue')!.count).toBe(total);
    expect(later.find((c) => c.key === 'nearing')!.count).toBe(0);
    const queue = await t.deps.processing.queue(actor, { scope: 'mine', sla: 'overdue' }, new Date(Date.now() + 60 * 86_400_000));
    expect(queue.items.length).toBe(Math.min(total, 25));
  });

  it('[P-6] a finance officer sees payments to match; navigation shows only the areas his role reaches', async () => {
    const f = await makeStaff(t, 'finance_officer', agency);
    const c = await signInAs(t, f.userId);
    const res = await c.get('/kelola');
    expect(res.statusCode).toBe(200);
    expect(figure(res.body, 'pembayaran perlu dicocokkan')).toBe(0);
    expect(res.body).toContain('href="/kelola/keuangan/pencocokan"');
    expect(res.body).not.toContain('permohonan menunggu saya');
    expect(res.body).toContain('<h2 id="bo-area-finance">Keuangan</h2>');
    expect(res.body).not.toContain('id="bo-area-ict"');
    expect(res.body).not.toContain('href="/kelola/audit"');
  });

  it('[P-6] a super admin sees every area grouped, with the current page marked', async () => {
    const a = await makeStaff(t, 'super_admin', null);
    const c = await signInAs(t, a.userId);
    const res = await c.get('/kelola/audit');
    expect(res.statusCode).toBe(200);
    for (const area of ['Pelayanan', 'Keuangan', 'Konten', 'Tata kelola TIK', 'Sistem']) expect(res.body).toContain(`>${area}</h2>`);
    expect(res.body).toContain('<a href="/kelola/audit" aria-current="page">');
    c.cookies.set('simpul_lang', 'en');
    const en = await c.get('/kelola');
    expect(en.body).toContain('>ICT governance</h2>');
  });

  it('[P-6] staff land on their work after signing in; citizens on their account; a page asked for wins', async () => {
    const v = await makeStaff(t, 'verifier', agency);
    const c = new TestClient(t.app);
    const res = await signIn(c, v.email, TEST_PASSWORD);
    expect(res.headers.location).toBe('/kelola/mulai');
    const landing = await c.get('/kelola/mulai');
    expect(landing.statusCode).toBe(303);
    expect(landing.headers.location).toBe('/kelola/antrian-kerja');

    const admin = await makeStaff(t, 'agency_admin', agency);
    const ca = new TestClient(t.app);
    expect((await signIn(ca, admin.email, TEST_PASSWORD)).headers.location).toBe('/kelola/mulai');
    expect((await ca.get('/kelola/mulai')).headers.location).toBe('/kelola');

    const asked = new TestClient(t.app);
    expect((await signIn(asked, v.email, TEST_PASSWORD, '/kelola/audit')).headers.location).toBe('/kelola/audit');

    const citizen = await makeCitizen(t);
    const cc = new TestClient(t.app);
    expect((await signIn(cc, citizen.email, TEST_PASSWORD)).headers.location).toBe('/akun');
    expect((await cc.get('/kelola/mulai')).statusCode).toBe(403);
  });
});
