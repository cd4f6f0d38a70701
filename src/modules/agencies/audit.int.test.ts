// The audit trail (issue 2 §8): readable by super admins and auditors, filtered, paged by id,
// before/after shown as a diff; auditors change nothing; the trail itself is append-only.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { apiAs, makeAgency, makeStaff, signInAs, type TestUser } from '../../../test/factories.ts';
import type { AgencyView } from './agencies.service.ts';

let t: TestApp;
let agencyA: AgencyView;
let agencyB: AgencyView;
let auditor: TestUser;
let au: TestClient;
let sa: TestClient;

const count = async (table: 'agencies' | 'role_grants' | 'audit_events' | 'users') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  agencyA = await makeAgency(t, { name: 'Dinas Audit A', shortName: 'AUD-A', slug: 'audit-a', headName: 'Kepala Lama' });
  agencyB = await makeAgency(t, { name: 'Dinas Audit B', shortName: 'AUD-B', slug: 'audit-b' });
  auditor = await makeStaff(t, 'auditor', null, { name: 'Auditor Wilayah Uji' });
  au = await signInAs(t, auditor.userId);
  sa = await signInAs(t, (await makeStaff(t, 'super_admin', null, { name: 'Super Admin Audit' })).userId);
  await t.deps.agencies.updateAgency({ actor: null, label: 'test', trusted: true }, agencyA.slug, { headName: 'Kepala Baru' });
});
afterAll(async () => t?.close());

describe(`audit trail viewer (${engine})`, () => {
  it('[S-1] an auditor reads the audit trail with a readable before/after diff', async () => {
    const res = await au.get('/kelola/audit?entitas=agency&aksi=agency.update');
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Jejak audit');
    // Rows and filters speak in human labels, not action codes and table names.
    expect(res.body).toContain('<span title="agency.update">Diubah</span>');
    expect(res.body).toContain('<option value="agency" selected>Perangkat daerah</option>');
    expect(res.body).toContain('<option value="agency.update" selected>Diubah — Perangkat daerah</option>');
    expect(text).not.toContain('agency.update');
    expect(res.body).toMatch(/<del>Kepala Lama<\/del>\s*→\s*<ins>Kepala Baru<\/ins>/);
    const id = /href="\/kelola\/audit\/(\d+)"/.exec(res.body)?.[1];
    expect(id).toBeDefined();
    const detail = await au.get(`/kelola/audit/${id}`);
    expect(detail.statusCode).toBe(200);
    expect(textOf(detail.body)).toContain('Nama kepala');
    expect(textOf(detail.body)).not.toContain('head_name');
    // Times in a change list read the Indonesian way, never as ISO strings.
    expect(textOf(detail.body)).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(textOf(detail.body)).toContain('Dinas Audit A');
  });

  it('[S-1] an auditor cannot change anything: every write is 403 and writes nothing', async () => {
    const before = { agencies: await count('agencies'), grants: await count('role_grants'), users: await count('users') };
    const person = await makeStaff(t, 'operator', agencyA);
    const grants = await count('role_grants');
    await au.get('/');
    const token = au.csrfToken();
    const posts: [string, Record<string, string>][] = [
      ['/kelola/wilayah', { name: 'Provinsi Lain', level: 'province', kodeWilayah: '53', timeZone: 'WIB', domain: 'lain.go.id' }],
      ['/kelola/instansi/baru', { name: 'Dinas Baru', shortName: 'BARU', type: 'dinas' }],
      [`/kelola/instansi/${agencyA.slug}/ubah`, { name: 'Nama Lain', shortName: 'AUD-A', type: 'dinas' }],
      [`/kelola/instansi/${agencyA.slug}/nonaktifkan`, {}],
      ['/kelola/pengguna/baru', { name: 'Orang Baru', email: 'orang.baru@ujiprov.go.id', agency: agencyA.slug, role: 'operator' }],
      [`/kelola/pengguna/${person.userId}/peran`, { role: 'verifier', agency: agencyA.slug }],
    ];
    for (const [url, fields] of posts) {
      const res = await au.post(url, { _csrf: token, ...fields });
      expect(res.statusCode, url).toBe(403);
    }
    const grant = (await t.database.db.selectFrom('role_grants').select('id').where('user_id', '=', person.userId).executeTakeFirstOrThrow()).id;
    expect((await au.post(`/kelola/pengguna/${person.userId}/peran/${grant}/cabut`, { _csrf: token })).statusCode).toBe(403);
    expect((await apiAs(au, 'POST', '/api/v1/agencies', { slug: 'baru-x', name: 'Dinas Baru', shortName: 'BARU-X', type: 'dinas' })).statusCode).toBe(403);
    expect((await apiAs(au, 'DELETE', `/api/v1/staff/${person.userId}/grants/${grant}`)).statusCode).toBe(403);
    expect(await count('agencies')).toBe(before.agencies);
    expect(await count('role_grants')).toBe(grants);
    // Reading is allowed where he is granted (region-wide): agencies, staff, the region.
    expect((await au.get(`/kelola/instansi/${agencyB.slug}`)).statusCode).toBe(200);
    expect((await au.get(`/kelola/pengguna/${person.userId}`)).statusCode).toBe(200);
    const region = await au.get('/kelola/wilayah');
    expect(region.statusCode).toBe(200);
    expect(region.body).not.toContain('action="/kelola/wilayah"'); // no form for him
  });

  it('filters by entity type, action, actor and date range', async () => {
    const byActor = (await au.get('/kelola/audit?aktor=test')).body;
    expect(byActor).toContain('<span title="agency.create">Dibuat</span>');
    const none = textOf((await au.get('/kelola/audit?aktor=tidak-ada-orang-ini')).body);
    expect(none).toContain('Tidak ada catatan yang cocok');
    const future = textOf((await au.get('/kelola/audit?dari=2999-01-01')).body);
    expect(future).toContain('Tidak ada catatan yang cocok');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const todays = await au.api('GET', `/api/v1/audit?from=${today}&to=${today}&entityType=agency`);
    expect(todays.statusCode).toBe(200);
    const items = todays.json().items as { entityType: string; agency: string | null }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.entityType === 'agency')).toBe(true);
    expect(items.map((e) => e.agency)).toContain(agencyA.slug);
  });

  it('bad filters are refused with 422 and explained, not a 500', async () => {
    const res = await au.get('/kelola/audit?dari=2026-02-30&sampai=kemarin&aksi=DROP%20TABLE');
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Tanggal tidak valid');
    const api = await au.api('GET', '/api/v1/audit?from=2026-03-02&to=2026-03-01');
    expect(api.statusCode).toBe(422);
    expect(api.json().error.fields[0].field).toBe('to');
  });

  it('pages through the trail with a keyset cursor: no event twice, none missed', async () => {
    for (let i = 0; (await count('audit_events')) <= 60 && i < 80; i++) {
      await t.deps.agencies.updateAgency({ actor: null, label: 'test', trusted: true }, agencyB.slug, { headName: `Kepala ${i}` });
    }
    const total = await count('audit_events');
    const seen: number[] = [];
    let cursor: number | null = null;
    for (let i = 0; i < 100; i++) {
      const res = await au.api('GET', `/api/v1/audit?limit=3${cursor ? `&before=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { id: number }[]; nextCursor: number | null };
      seen.push(...body.items.map((e) => e.id));
      cursor = body.nextCursor;
      if (cursor === null) break;
    }
    expect(seen.length).toBeGreaterThanOrEqual(total);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    // The page shows a link to older events.
    const page = await au.get('/kelola/audit');
    expect(page.body).toContain('rel="next"');
    const older = /href="(\/kelola\/audit\?sebelum=(\d+))"/.exec(page.body);
    expect(older).not.toBeNull();
    const next = await au.get(older![1]!);
    expect(next.statusCode).toBe(200);
    expect(next.body).not.toContain(`href="/kelola/audit/${older![2]}"`); // the cursor's own event was on page one
    expect(textOf(next.body)).toContain('Kembali ke catatan terbaru');
  });

  it('[P-6] back-office lists sort by a header link: audit oldest first (paged in that order), staff and content by a column; unknown columns fall back', async () => {
    // Audit trail: the time column turns the order round; the next page continues it.
    const page = await au.get('/kelola/audit?entitas=user&urut=when&arah=naik');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<th scope="col" aria-sort="ascending"><a href="\/kelola\/audit\?entitas=user&amp;urut=when&amp;arah=turun" class="sort-link">/);
    expect(page.body).toContain('<input type="hidden" name="urut" value="when"/>');
    const ids = (html: string) => [...html.matchAll(/href="\/kelola\/audit\/(\d+)"/g)].map((m) => Number(m[1]));
    const first = ids(page.body);
    expect(first.length).toBeGreaterThan(1);
    expect([...first].sort((a, b) => a - b)).toEqual(first);
    const api = await au.api('GET', '/api/v1/audit?order=asc&limit=2');
    expect(api.statusCode).toBe(200);
    const a = api.json();
    const b = (await au.api('GET', `/api/v1/audit?order=asc&limit=2&after=${a.nextCursor}`)).json();
    expect(b.items[0].id).toBeGreaterThan(a.items[1].id);
    expect((await au.get('/kelola/audit?urut=actor&arah=naik')).body).toMatch(/aria-sort="descending"/);

    // Staff: by status, the filter kept on the link.
    const staff = await sa.get('/kelola/pengguna?q=audit&urut=status&arah=turun');
    expect(staff.statusCode).toBe(200);
    expect(staff.body).toMatch(/aria-sort="descending"><a href="\/kelola\/pengguna\?q=audit&amp;urut=status&amp;arah=naik"/);
    expect(staff.body).toContain('href="/kelola/pengguna?q=audit&amp;urut=name&amp;arah=naik"');
    const names = (await sa.get('/kelola/pengguna?urut=name&arah=turun')).body;
    const order = [...names.matchAll(/<th scope="row" class="primary" data-label="[^"]+"><a href="\/kelola\/pengguna\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
    expect(order.length).toBeGreaterThan(1);
    expect([...order].sort((x, y) => y.localeCompare(x, 'id', { sensitivity: 'base', numeric: true }))).toEqual(order);

    // Content: by title; the filter bar carries the order.
    const content = await sa.get('/kelola/konten?status=draft&urut=title&arah=naik');
    expect(content.statusCode).toBe(200);
    expect(content.body).toContain('<input type="hidden" name="urut" value="title"/>');
    expect((await sa.get('/kelola/konten?urut=%3Cscript%3E')).statusCode).toBe(200);
  });

  it('[S-1] agency admins and operators may not read the trail; an agency auditor reads only his agency\'s events', async () => {
    const aa = await signInAs(t, (await makeStaff(t, 'agency_admin', agencyA)).userId);
    expect((await aa.get('/kelola/audit')).statusCode).toBe(403);
    expect((await aa.api('GET', '/api/v1/audit')).statusCode).toBe(403);
    const op = await signInAs(t, (await makeStaff(t, 'operator', agencyA)).userId);
    expect((await op.get('/kelola/audit')).statusCode).toBe(403);
    expect((await new TestClient(t.app).api('GET', '/api/v1/audit')).statusCode).toBe(401);

    const agencyAuditor = await signInAs(t, (await makeStaff(t, 'auditor', agencyB)).userId);
    const res = await agencyAuditor.api('GET', '/api/v1/audit?limit=200');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { agency: string | null }[];
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((e) => e.agency))).toEqual(new Set([agencyB.slug]));
    const other = await t.database.db.selectFrom('audit_events').select('id').where('agency_id', '=', agencyA.id).executeTakeFirstOrThrow();
    expect((await agencyAuditor.get(`/kelola/audit/${other.id}`)).statusCode).toBe(404);
  });

  it('a super admin sees the trail link in the back-office menu; an operator does not', async () => {
    expect((await sa.get('/kelola')).body).toContain('href="/kelola/audit"');
    const op = await signInAs(t, (await makeStaff(t, 'operator', agencyA)).userId);
    expect((await op.get('/kelola')).body).not.toContain('href="/kelola/audit"');
  });
});

describe(`the audit trail is append-only (${engine})`, () => {
  it('[S-1] UPDATE and DELETE on audit_events fail at the database level', async () => {
    const row = await t.database.db.selectFrom('audit_events').select(['id', 'action']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    await expect(t.database.db.updateTable('audit_events').set({ action: 'dipalsukan' }).where('id', '=', row.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`update audit_events set actor_label = 'x'`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(t.database.db.deleteFrom('audit_events').where('id', '=', row.id).execute()).rejects.toThrow(/append-only/);
    const after = await t.database.db.selectFrom('audit_events').select(['id', 'action']).where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after).toEqual(row);
  });
});
