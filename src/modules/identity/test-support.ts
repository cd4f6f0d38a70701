// Helpers shared by identity's integration tests: valid test identities, reading the
// e-mailed code from the outbox, registering and confirming through the pages.
import { expect } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { TestClient } from '../../../test/http.ts';

let serial = 1;

/** A valid NIK (NTT, Kota Kupang, man born 12 Aug 1985) with a fresh serial. */
export function freshNik(): string {
  return `537101120885${String(serial++).padStart(4, '0')}`;
}

let mailSerial = 1;
export function freshEmail(prefix = 'warga'): string {
  return `${prefix}${mailSerial++}.${Math.random().toString(36).slice(2, 7)}@contoh.id`;
}

/** A valid NIB / NPWP that nobody else in the file uses. */
export function freshNib(): string {
  return `91200${String(Date.now() % 1e6).padStart(6, '0')}${String(serial++ % 100).padStart(2, '0')}`;
}
export function freshNpwp(): string {
  return `01${String(Date.now() % 1e9).padStart(9, '0')}${String(serial++ % 10000).padStart(4, '0')}`;
}

export const PASSWORD = 'Kupang-Sejahtera-2026';

export function citizen(overrides: Record<string, string> = {}) {
  return {
    nik: freshNik(),
    name: 'Maria Ndolu',
    email: freshEmail(),
    phone: '0812 3456 7890',
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    ...overrides,
  };
}

export async function count(t: TestApp, table: 'users' | 'businesses' | 'business_representatives' | 'verification_codes' | 'sessions' | 'outbound_messages' | 'api_tokens') {
  const r = await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The newest e-mail to `to` (after delivering due jobs). */
export async function lastMail(t: TestApp, to: string) {
  await t.runJobs();
  const m = await t.database.db
    .selectFrom('outbound_messages')
    .selectAll()
    .where('recipient', '=', to.toLowerCase())
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!m) throw new Error('no e-mail sent to this address');
  return m;
}

/** The six-digit code in the newest e-mail to `to` that carries one (notifications may follow it). */
export async function mailedCode(t: TestApp, to: string): Promise<string> {
  const mails = await t.database.db
    .selectFrom('outbound_messages')
    .select('body_text')
    .where('recipient', '=', to.toLowerCase())
    .where('channel', '=', 'email')
    .orderBy('created_at', 'desc')
    .limit(10)
    .execute();
  if (!mails.length) throw new Error('no e-mail sent to this address');
  for (const m of mails) {
    const code = /:\s*(\d{6})\b/.exec(m.body_text)?.[1];
    if (code) return code;
  }
  throw new Error('no code in the e-mail');
}

/** Registers a citizen through /daftar, confirms with the e-mailed code; the client is signed in. */
export async function registerAndConfirm(t: TestApp, data = citizen(), c = new TestClient(t.app)) {
  const res = await c.submit('/daftar', data);
  expect(res.statusCode).toBe(303);
  const code = await mailedCode(t, data.email);
  const ok = await c.submit('/daftar/konfirmasi', { code });
  expect(ok.statusCode).toBe(303);
  expect(ok.headers.location).toBe('/akun');
  return { c, data };
}

/** Value attribute of the input named `name` in the last page, or null when absent/empty. */
export function inputValue(html: string, name: string): string | null {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  if (!tag) return null;
  const v = /value="([^"]*)"/.exec(tag)?.[1];
  return v === undefined || v === '' ? null : v;
}

/** A staff account with a password and the given role (region-wide when no agency). */
export async function createStaff(t: TestApp, role: 'super_admin' | 'agency_admin' | 'operator', opts: { email?: string; password?: string } = {}) {
  const email = opts.email ?? freshEmail('petugas');
  const password = opts.password ?? PASSWORD;
  let agencyId: string | null = null;
  if (role !== 'super_admin') {
    const region =
      (await t.database.db.selectFrom('regions').select('id').executeTakeFirst()) ??
      (await t.database.db
        .insertInto('regions')
        .values({ name: 'Provinsi Uji', level: 'province', kode_wilayah: '53', timezone: 'Asia/Makassar', domain: 'uji.go.id' })
        .returning('id')
        .executeTakeFirstOrThrow());
    const slug = `dinas-${Math.random().toString(36).slice(2, 8)}`;
    const agency = await t.database.db
      .insertInto('agencies')
      .values({ region_id: region.id, slug, name: `Dinas ${slug}`, short_name: slug, type: 'Dinas' })
      .returning('id')
      .executeTakeFirstOrThrow();
    agencyId = agency.id;
  }
  const { userId } = await t.database.db
    .transaction()
    .execute((trx) => t.deps.identity.createStaffAccount(trx, { name: 'Petugas Uji', email, password }, { actor: null, label: 'test' }));
  await t.database.db.insertInto('role_grants').values({ user_id: userId, role, agency_id: agencyId }).execute();
  return { userId, email, password, agencyId };
}

/** Signs in through /masuk; returns the response of the POST. */
export async function signIn(c: TestClient, login: string, password = PASSWORD, kembali?: string) {
  return c.submit('/masuk', { login, password, ...(kembali ? { kembali } : {}) }, kembali ? `/masuk?kembali=${encodeURIComponent(kembali)}` : '/masuk');
}
