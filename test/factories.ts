// Test data made through the services, as the back office would make it: the region,
// agencies, staff accounts with a role, citizens; and a signed-in browser for any of them
// (a database session put into the client's cookie jar, so tests need not go through the
// sign-in pages). Every name, slug and e-mail is fresh, so tests in one file do not collide.
import { hashPassword } from '../src/modules/identity/passwords.ts';
import type { StaffRole } from '../src/platform/db/schema.ts';
import type { AgencyView, RegionView } from '../src/modules/agencies/agencies.service.ts';
import { insertDemoCitizenAccount } from '../src/seed/demo-citizens.ts';
import type { TestApp } from './harness.ts';
import { TestClient } from './http.ts';

export const TEST_PASSWORD = 'Kupang-Sejahtera-2026';
const trusted = { actor: null, label: 'test', trusted: true } as const;

let serial = 0;
const fresh = () => `${Date.now().toString(36)}${(serial++).toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** The region (created once per database: Simpul serves one region). */
export async function makeRegion(t: TestApp): Promise<RegionView> {
  const existing = await t.deps.agencies.getRegion();
  if (existing) return existing;
  return t.deps.agencies.createRegion(trusted, { name: 'Provinsi Uji', level: 'province', kodeWilayah: '53', timeZone: 'WITA', domain: 'ujiprov.go.id' });
}

/** An active agency with fresh slug, short name and subdomain. */
export async function makeAgency(t: TestApp, overrides: Record<string, unknown> = {}): Promise<AgencyView> {
  await makeRegion(t);
  const id = fresh();
  return t.deps.agencies.createAgency(trusted, {
    slug: `dinas-${id}`,
    name: `Dinas Uji ${id}`,
    shortName: `DU-${id}`.toUpperCase(),
    type: 'dinas',
    subdomain: `du-${id}`,
    ...overrides,
  });
}

export interface TestUser {
  userId: string;
  email: string;
  password: string;
  name: string;
}

/** A staff account with a password and one role (in `agency`, or region-wide when null). */
export async function makeStaff(t: TestApp, role: StaffRole, agency: AgencyView | null, opts: { name?: string; email?: string } = {}): Promise<TestUser> {
  await makeRegion(t);
  const email = opts.email ?? `petugas.${fresh()}@ujiprov.go.id`;
  const name = opts.name ?? `Petugas ${role} ${fresh()}`;
  const { userId } = await t.deps.agencies.createStaff(trusted, { name, email, role, agency: agency?.slug ?? null }, t.deps.identity, { password: TEST_PASSWORD });
  return { userId, email, password: TEST_PASSWORD, name };
}

/** An active citizen account with a valid NIK (province 53). */
export async function makeCitizen(t: TestApp): Promise<TestUser> {
  const n = (serial++ % 9000) + 1000;
  const email = `warga.${fresh()}@contoh.id`;
  const name = 'Warga Uji';
  const nik = `537101120885${String(n).padStart(4, '0')}`;
  const { userId } = await t.database.db
    .transaction()
    .execute(async (trx) => insertDemoCitizenAccount(trx, { name, nik, email, phone: '081234567890' }, await hashPassword(TEST_PASSWORD)));
  return { userId, email, password: TEST_PASSWORD, name };
}

/** A browser signed in as `userId` (the session has passed TOTP unless `mfaPassed` is false). */
export async function signInAs(t: TestApp, userId: string, opts: { mfaPassed?: boolean; client?: TestClient } = {}): Promise<TestClient> {
  const client = opts.client ?? new TestClient(t.app);
  const session = await t.deps.identity.createSession(t.database.db, userId, { ip: null, userAgent: null }, opts.mfaPassed ?? true);
  client.cookies.set('simpul_sid', session.token);
  return client;
}

/** JSON call with the session cookie: fetches a page for the CSRF token first when writing. */
export async function apiAs(client: TestClient, method: string, url: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (method !== 'GET') {
    await client.get('/');
    headers['x-csrf-token'] = client.csrfToken();
  }
  return client.api(method, url, body, headers);
}

/** The SOP most tests run on: verification (may branch to a field survey), then signing. */
export const testSop = {
  steps: [
    {
      key: 'verifikasi',
      name: 'Verifikasi berkas',
      role: 'verifier',
      timeAllowed: { amount: 1, unit: 'days' },
      actions: ['forward', 'send_back', 'reject'],
      branches: [
        { label: 'Perlu survei lapangan', next: 'survei' },
        { label: 'Tidak perlu survei', next: 'ttd' },
      ],
    },
    { key: 'survei', name: 'Survei lapangan', role: 'operator', timeAllowed: { amount: 3, unit: 'days' }, actions: ['forward', 'send_back'], next: 'ttd' },
    { key: 'ttd', name: 'Penandatanganan', role: 'signing_official', timeAllowed: { amount: 8, unit: 'hours' }, actions: ['approve', 'reject'] },
  ],
};

/** The applicant's form section most test forms open with: name and NIK from the account, then `more` fields. */
export function testApplicantSection<F extends object>(...more: F[]) {
  return {
    key: 'pemohon',
    title: 'Pemohon',
    fields: [
      { key: 'nama', type: 'text', label: 'Nama pemohon', required: true, prefill: 'name' },
      { key: 'nik', type: 'nik', label: 'NIK pemohon', required: true, prefill: 'nik' },
      ...more,
    ],
  };
}

/** A simple service form: one typed field, one yes/no and a KTP upload bound to a requirement. */
export const testServiceForm = {
  sections: [
    testApplicantSection(
      { key: 'nama_usaha', type: 'text', label: 'Nama usaha', required: true },
      { key: 'luas', type: 'number', label: 'Luas tempat usaha (m²)', required: true, rules: { min: 1 } },
    ),
  ],
};

/** A KTP scan (PDF or JPEG, at most 1 MB): the document requirement of most test services. */
export const testKtpRequirement = { key: 'ktp', name: 'KTP pemohon', kind: 'document', mandatory: true, fileTypes: ['application/pdf', 'image/jpeg'], maxSizeMb: 1 };

/** The 14 components, complete enough to publish. */
export function testServiceContent(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    summary: `Layanan ${name} untuk pengujian.`,
    sectors: ['penanaman-modal'],
    channels: ['online', 'counter'],
    counterInfo: 'Mal Pelayanan Publik, Senin–Jumat 08.00–15.00',
    requirements: [{ key: 'luas', name: 'Luas tempat usaha', kind: 'data', mandatory: true }],
    procedure: [{ title: 'Isi formulir daring' }, { title: 'Izin terbit' }],
    completionDays: 5,
    fee: { kind: 'free' },
    product: { name: `Surat ${name}` },
    complaintHandling: 'Portal pengaduan',
    legalBasis: [{ citation: 'UU 25/2009 tentang Pelayanan Publik' }],
    facilities: 'Ruang tunggu',
    staffCompetence: 'Memahami regulasi',
    internalSupervision: 'Kepala Bidang',
    staffCount: 4,
    serviceGuarantee: 'Selesai 5 hari kerja',
    securityGuarantee: 'Data dilindungi',
    performanceEvaluation: 'Survei kepuasan',
    ...extra,
  };
}

/**
 * A published service of `agency` with an approved SOP (testSop unless given), created
 * through the catalogue and workflow services. Returns the slug and service id.
 */
export async function makeServiceWithSop(
  t: TestApp,
  agency: AgencyView,
  opts: { slug?: string; name?: string; content?: Record<string, unknown>; form?: unknown; sop?: unknown } = {},
): Promise<{ slug: string; id: string }> {
  const slug = opts.slug ?? `layanan-${fresh()}`;
  const name = opts.name ?? `Izin Uji ${slug}`;
  const op = { userId: (await makeStaff(t, 'operator', agency)).userId, kind: 'staff' as const, name: 'Operator', locale: 'id' as const, grants: [{ role: 'operator' as const, agencyId: agency.id }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' as const };
  return t.database.db.transaction().execute(async (trx) => {
    await t.deps.catalog.createService(trx, { actor: op }, { agencyId: agency.id, slug, content: opts.content ?? testServiceContent(name), form: opts.form ?? testServiceForm } as never);
    await t.deps.catalog.publish(trx, { actor: op }, slug);
    const s = await trx.selectFrom('services').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    await t.deps.workflow.installApproved(trx, trusted, s.id, opts.sop ?? testSop);
    return { slug, id: s.id };
  });
}
