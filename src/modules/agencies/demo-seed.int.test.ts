// The demo region (issue 2 §7): Provinsi Contoh with its agencies, one account per role in
// DPMPTSP and Dinas Kesehatan, an executive and an auditor, two citizens; loaded once.
import { openPerson } from '../identity/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { validateNik } from '../identity/identifiers.ts';
import { DEMO_PASSWORD, DemoAlreadyLoadedError, demoApplicants, demoCitizens, seedDemo, databaseIsEmpty, type DemoSeedResult } from '../../seed/demo.ts';
import { demoAgencies } from './demo-region.ts';
import { emailIndex } from '../identity/index.ts';

let t: TestApp;
let result: DemoSeedResult;

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  result = await seedDemo(t.deps, { files: false });
});
afterAll(async () => t?.close());

const meta = { ip: '127.0.0.1', requestId: null, userAgent: null };

describe(`demo region (${engine})`, () => {
  it('[P-5] publishes the demo catalogue (30+ services citing the legal library), the information layer and the holiday calendar', async () => {
    const list = (await t.app.inject({ url: '/api/v1/services?limit=200' })).json();
    expect(list.total).toBeGreaterThanOrEqual(30);
    const found = (await t.app.inject({ url: '/api/v1/search?q=perizinan%20usaha&kind=service&limit=5' })).json();
    const iumk = found.items.find((i: { title: string }) => i.title.includes('Izin Usaha Mikro'));
    expect(iumk).toBeDefined();
    const service = (await t.app.inject({ url: iumk.url.replace('/layanan/', '/api/v1/services/') })).json();
    expect(service.content.legalBasis.some((l: { legalDocumentId?: string }) => l.legalDocumentId)).toBe(true);
    const legal = (await t.app.inject({ url: '/api/v1/legal-documents' })).json();
    expect(legal.items.length).toBeGreaterThanOrEqual(20);
    expect((await t.app.inject({ url: '/faq' })).statusCode).toBe(200);
    const holidays = await t.database.db.selectFrom('holidays').select('date').where('date', '=', '2026-12-25').execute();
    expect(holidays).toHaveLength(1);
  });

  it('[P-6] every demo service runs on an approved SOP that a demo verifier of DPMPTSP can work', async () => {
    const services = await t.database.db.selectFrom('services').select('id').execute();
    const approved = await t.database.db.selectFrom('sops').select('service_id').where('status', '=', 'approved').execute();
    expect(new Set(approved.map((r) => r.service_id))).toEqual(new Set(services.map((r) => r.id)));
    const sop = await t.deps.workflow.currentSop(t.database.db, services[0]!.id);
    expect(sop!.definition.steps[0]!.role).toBe('verifier');
    expect(sop!.definition.steps.at(-1)!.actions).toContain('approve');
  });

  it('loads Provinsi Contoh (WITA) with its ~44 agencies', async () => {
    expect(result).toMatchObject({ regionName: 'Provinsi Contoh', adminEmail: 'admin@contohprov.go.id', password: DEMO_PASSWORD });
    expect(await t.deps.agencies.getRegion()).toMatchObject({ name: 'Provinsi Contoh', level: 'province', kodeWilayah: '53', timeZone: 'WITA' });
    const agencies = (await t.app.inject({ url: '/api/v1/agencies' })).json().items as { slug: string; host: string | null }[];
    expect(agencies.length).toBe(demoAgencies.length);
    expect(agencies.length).toBeGreaterThanOrEqual(40);
    expect(agencies.find((a) => a.slug === 'dpmptsp')?.host).toBe('dpmptsp.contohprov.go.id');
  });

  it('[S-1] has one staff account per agency role in DPMPTSP and in Dinas Kesehatan, a region-wide executive, auditor, finance officer, SPBE team, data protection officer, complaint coordinator and WBS investigator, and a super admin', async () => {
    const grants = await t.database.db
      .selectFrom('role_grants as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .leftJoin('agencies as a', 'a.id', 'g.agency_id')
      .select(['g.role', 'a.slug', 'u.email'])
      .where('g.revoked_at', 'is', null)
      .execute()
      .then((rows) => rows.map((r) => openPerson(r)));
    for (const slug of ['dpmptsp', 'dinkes']) {
      const roles = grants.filter((g) => g.slug === slug).map((g) => g.role).sort();
      expect(roles, slug).toEqual(['agency_admin', 'auditor', 'counter_officer', 'finance_officer', 'ict_officer', 'operator', 'signing_official', 'verifier']);
    }
    const regionWide = grants.filter((g) => g.slug === null).map((g) => g.role).sort();
    expect(regionWide).toEqual(['auditor', 'complaint_coordinator', 'data_protection_officer', 'executive', 'finance_officer', 'ict_coordinator', 'super_admin', 'wbs_investigator']);
    expect(grants.find((g) => g.role === 'super_admin')?.email).toBe('admin@contohprov.go.id');
    expect(new Set(grants.map((g) => g.email)).size).toBe(grants.length); // one account per role
    expect(result.otherEmails).toEqual(expect.arrayContaining(grants.filter((g) => g.role !== 'super_admin').map((g) => g.email)));
  });

  it('has two citizens to sign in as (and the residents who filed the demo applications), all with valid NIKs of province 53', async () => {
    const citizens = await t.database.db.selectFrom('users').select(['nik', 'status', 'email_verified_at']).where('kind', '=', 'citizen').execute().then((rows) => rows.map((r) => openPerson(r)));
    expect(citizens).toHaveLength(demoCitizens.length + demoApplicants.length);
    expect(demoCitizens).toHaveLength(2);
    for (const c of citizens) {
      const nik = validateNik(c.nik!);
      expect(nik.ok && nik.provinceCode).toBe('53');
      expect(c.status).toBe('active');
      expect(c.email_verified_at).not.toBeNull();
    }
  });

  it('every demo account signs in with the one demo password', async () => {
    for (const email of [result.adminEmail, 'operator.dpmptsp@contohprov.go.id', 'pimpinan@contohprov.go.id', demoCitizens[0]!.email]) {
      const r = await t.deps.identity.signIn({ login: email, password: DEMO_PASSWORD }, meta);
      expect(r.status, email).toBe('ok');
    }
    const c = new TestClient(t.app);
    await c.submit('/masuk', { login: 'admin.dinkes@contohprov.go.id', password: DEMO_PASSWORD });
    const page = await c.get('/kelola/pengguna');
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('Operator Dinas Kesehatan (demo)');
    expect(textOf(page.body)).not.toContain('Operator DPMPTSP (demo)');
  });

  it('[S-1] the demo operator of DPMPTSP is refused Dinas Kesehatan\'s staff', async () => {
    const c = new TestClient(t.app);
    const res = await c.submit('/masuk', { login: 'admin.dpmptsp@contohprov.go.id', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(303);
    expect((await c.get('/kelola/instansi/dinkes')).statusCode).toBe(403);
    expect((await c.get('/kelola/pengguna?instansi=dinkes')).statusCode).toBe(403);
  });

  it('loads the demo catalogue with it', async () => {
    const services = (await t.app.inject({ url: '/api/v1/services?limit=200' })).json() as { total: number };
    expect(services.total).toBeGreaterThanOrEqual(30);
  });

  it('[P-6] [E-1] comes with a few weeks of applications, worked through the real services: queues, timelines in the past, decisions and permits', async () => {
    const a = result.activity!;
    expect(a.submitted).toBeGreaterThanOrEqual(40);
    expect(a.approved).toBeGreaterThanOrEqual(10);
    expect(a.rejected + a.sentBack).toBeGreaterThanOrEqual(2);
    expect(a.open).toBeGreaterThanOrEqual(10);
    expect(a.submitted).toBe(a.approved + a.rejected + a.sentBack + a.open);
    // The verifier's queue has work, and the oldest application's timeline is weeks old.
    const c = new TestClient(t.app);
    await c.get('/masuk');
    expect((await c.submit('/masuk', { login: 'verifikator.dpmptsp@contohprov.go.id', password: DEMO_PASSWORD })).statusCode).toBe(303);
    const queue = await c.get('/kelola/antrian-kerja');
    expect(Number(/id="count-total">([\d.]+)</.exec(queue.body)?.[1]?.replace(/\./g, ''))).toBeGreaterThan(0);
    const events = await t.database.db.selectFrom('application_events').select((eb) => eb.fn.min('at').as('first')).executeTakeFirstOrThrow();
    expect(Date.now() - new Date(events.first as Date).getTime()).toBeGreaterThan(20 * 86_400_000);
    // Maria, who signs in on the demo, has a decided and a waiting application of her own.
    const maria = await t.database.db.selectFrom('applications as a').innerJoin('users as u', 'u.id', 'a.applicant_id').select('a.status').where('u.email_bidx', '=', emailIndex(demoCitizens[0]!.email)).execute();
    expect(maria.map((r) => r.status).sort()).toEqual(expect.arrayContaining(['submitted']));
    expect(maria.some((r) => ['approved', 'rejected'].includes(r.status))).toBe(true);
  });

  it('refuses to run a second time and changes nothing', async () => {
    const users = await t.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(await databaseIsEmpty(t.database)).toBe(false);
    await expect(seedDemo(t.deps, { files: false })).rejects.toBeInstanceOf(DemoAlreadyLoadedError);
    const again = await t.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(again.n)).toBe(Number(users.n));
    expect((await t.database.db.selectFrom('regions').select('id').execute()).length).toBe(1);
  });
});
