// Staff accounts and role grants through HTTP (S-1): who may create whom, grant what, where;
// every grant and revocation on record; agency A's officers never reach agency B's staff.
import { openPerson } from '../identity/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { apiAs, makeAgency, makeCitizen, makeStaff, signInAs, type TestUser } from '../../../test/factories.ts';
import type { AgencyView } from './agencies.service.ts';
import { emailMatch } from '../identity/index.ts';

let t: TestApp;
let agencyA: AgencyView;
let agencyB: AgencyView;
let superAdmin: TestUser;
let adminA: TestUser;
let adminB: TestUser;
let operatorB: TestUser;
let sa: TestClient;
let aa: TestClient;

const count = async (table: 'users' | 'role_grants' | 'audit_events' | 'outbound_messages') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

const activeGrants = (userId: string) =>
  t.database.db.selectFrom('role_grants').select(['id', 'role', 'agency_id', 'granted_by']).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();

function inputValue(html: string, name: string): string | null {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return tag ? (/value="([^"]*)"/.exec(tag)?.[1] ?? null) : null;
}

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  agencyA = await makeAgency(t, { name: 'Dinas Penanaman Modal A', shortName: 'DPM-A', slug: 'dpm-a' });
  agencyB = await makeAgency(t, { name: 'Dinas Kesehatan B', shortName: 'DINKES-B', slug: 'dinkes-b' });
  superAdmin = await makeStaff(t, 'super_admin', null, { name: 'Super Admin Uji' });
  adminA = await makeStaff(t, 'agency_admin', agencyA, { name: 'Admin A Uji' });
  adminB = await makeStaff(t, 'agency_admin', agencyB, { name: 'Admin B Uji' });
  operatorB = await makeStaff(t, 'operator', agencyB, { name: 'Operator B Uji', email: 'operator.b@ujiprov.go.id' });
  sa = await signInAs(t, superAdmin.userId);
  aa = await signInAs(t, adminA.userId);
});
afterAll(async () => t?.close());

describe(`staff accounts (${engine})`, () => {
  it('[S-1] an agency admin creates a staff account in his agency: invitation e-mailed, role granted, both audited', async () => {
    const mails = await count('outbound_messages');
    const form = await aa.get('/kelola/pengguna/baru');
    expect(form.statusCode).toBe(200);
    // Only his agency and only agency roles are offered.
    expect(form.body).toContain(`value="${agencyA.slug}"`);
    expect(form.body).not.toContain(`value="${agencyB.slug}"`);
    expect(form.body).not.toContain('value="super_admin"');
    const res = await aa.post('/kelola/pengguna/baru', {
      _csrf: aa.csrfToken(),
      name: 'Yosef Operator Baru',
      email: 'Yosef.Baru@UJIPROV.go.id',
      phone: '0812 3456 7890',
      agency: agencyA.slug,
      role: 'operator',
    });
    expect(res.statusCode).toBe(303);
    const user = await t.database.db.selectFrom('users').selectAll().where(emailMatch('yosef.baru@ujiprov.go.id')).executeTakeFirstOrThrow().then((r) => openPerson(r));
    expect(user).toMatchObject({ kind: 'staff', phone: '+6281234567890', password_hash: null });
    expect(res.headers.location).toBe(`/kelola/pengguna/${user.id}?pesan=akun_dibuat`);
    expect(await activeGrants(user.id)).toEqual([{ id: expect.any(String), role: 'operator', agency_id: agencyA.id, granted_by: adminA.userId }]);
    expect(await count('outbound_messages')).toBeGreaterThan(mails); // the invitation
    const actions = (await t.database.db.selectFrom('audit_events').select('action').where('actor_id', '=', adminA.userId).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'role.grant']));
    const page = await aa.get(res.headers.location as string);
    expect(textOf(page.body)).toContain('Undangan untuk membuat kata sandi dikirim');
    expect(textOf(page.body)).toContain('Yosef Operator Baru');
  });

  it('[S-1] an agency admin cannot create staff in agency B nor grant super_admin (403, nothing written)', async () => {
    const users = await count('users');
    const grants = await count('role_grants');
    await aa.get('/kelola/pengguna/baru');
    const inB = await aa.post('/kelola/pengguna/baru', { _csrf: aa.csrfToken(), name: 'Orang B', email: 'orang.b@ujiprov.go.id', agency: agencyB.slug, role: 'operator' });
    expect(inB.statusCode).toBe(403);
    await aa.get('/kelola/pengguna/baru');
    const asSuper = await aa.post('/kelola/pengguna/baru', { _csrf: aa.csrfToken(), name: 'Calon Super', email: 'calon.super@ujiprov.go.id', agency: '', role: 'super_admin' });
    expect(asSuper.statusCode).toBe(403);
    const api = await apiAs(aa, 'POST', '/api/v1/staff', { name: 'Calon Eksekutif', email: 'calon.eks@ujiprov.go.id', role: 'executive', agency: agencyA.slug });
    expect(api.statusCode).toBe(403);
    expect(await count('users')).toBe(users);
    expect(await count('role_grants')).toBe(grants);
  });

  it('bad input and a taken e-mail keep the form: 422 / 409, nothing written', async () => {
    const users = await count('users');
    await aa.get('/kelola/pengguna/baru');
    const bad = await aa.post('/kelola/pengguna/baru', { _csrf: aa.csrfToken(), name: 'Nama Lengkap', email: 'bukan-email', phone: '0380 821012', agency: agencyA.slug, role: '' });
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Alamat e-mail tidak valid');
    expect(textOf(bad.body)).toContain('Nomor ponsel tidak valid');
    expect(textOf(bad.body)).toContain('Pilih peran');
    expect(inputValue(bad.body, 'name')).toBe('Nama Lengkap');
    expect(inputValue(bad.body, 'phone')).toBe('0380 821012');
    await aa.get('/kelola/pengguna/baru');
    const taken = await aa.post('/kelola/pengguna/baru', { _csrf: aa.csrfToken(), name: 'Kembar', email: adminB.email.toUpperCase(), agency: agencyA.slug, role: 'verifier' });
    expect(taken.statusCode).toBe(409);
    expect(inputValue(taken.body, 'name')).toBe('Kembar');
    expect(await count('users')).toBe(users);
  });

  it('[S-1] the staff list is scoped: an agency admin sees his agency\'s staff only, with masked e-mail and phone', async () => {
    await makeStaff(t, 'verifier', agencyA, { name: 'Verifikator A Uji', email: 'verifikator.a@ujiprov.go.id' });
    const list = await aa.get('/kelola/pengguna');
    expect(list.statusCode).toBe(200);
    const text = textOf(list.body);
    expect(text).toContain('Verifikator A Uji');
    expect(text).toContain('Admin A Uji');
    expect(text).not.toContain('Operator B Uji');
    expect(text).not.toContain('Admin B Uji');
    expect(text).not.toContain('Super Admin Uji');
    expect(text).toContain('ve***@ujiprov.go.id');
    expect(text).not.toContain('verifikator.a@ujiprov.go.id');
    expect(text).toContain('+62812****7890');
    const all = textOf((await sa.get('/kelola/pengguna')).body);
    expect(all).toContain('Operator B Uji');
    expect(all).toContain('Admin A Uji');
  });

  it('[S-1] an agency admin of A is refused agency B\'s staff: 403 on the page, the filter and the API', async () => {
    const page = await aa.get(`/kelola/pengguna/${operatorB.userId}`);
    expect(page.statusCode).toBe(403);
    expect(textOf(page.body)).not.toContain('Operator B Uji');
    expect((await aa.get(`/kelola/pengguna?instansi=${agencyB.slug}`)).statusCode).toBe(403);
    expect((await aa.get(`/kelola/instansi/${agencyB.slug}`)).statusCode).toBe(403);
    const api = await aa.api('GET', `/api/v1/staff/${operatorB.userId}`);
    expect(api.statusCode).toBe(403);
    expect(api.json().error.code).toBe('forbidden');
    expect(api.body).not.toContain('Operator B');
    const list = await aa.api('GET', '/api/v1/staff');
    expect((list.json().items as { name: string }[]).map((s) => s.name)).not.toContain('Operator B Uji');
    expect((await aa.api('GET', `/api/v1/staff?agency=${agencyB.slug}`)).statusCode).toBe(403);
  });

  it('[S-1] an operator of agency A is refused agency B\'s staff page (and staff pages at all)', async () => {
    const opA = await signInAs(t, (await makeStaff(t, 'operator', agencyA)).userId);
    expect((await opA.get(`/kelola/pengguna/${operatorB.userId}`)).statusCode).toBe(403);
    expect((await opA.get('/kelola/pengguna')).statusCode).toBe(403);
    expect((await opA.api('GET', `/api/v1/staff/${operatorB.userId}`)).statusCode).toBe(403);
  });

  it('an unknown staff id is 404; a citizen is not a staff account', async () => {
    expect((await sa.get('/kelola/pengguna/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await sa.get('/kelola/pengguna/bukan-id')).statusCode).toBe(404);
    const citizen = await makeCitizen(t);
    expect((await sa.get(`/kelola/pengguna/${citizen.userId}`)).statusCode).toBe(404);
    const c = await signInAs(t, citizen.userId);
    expect((await c.get('/kelola/pengguna')).statusCode).toBe(403);
  });
});

describe(`role grants (${engine})`, () => {
  it('[S-1] an agency admin grants and revokes an agency role; both are on record, nothing is deleted', async () => {
    const person = await makeStaff(t, 'operator', agencyA, { name: 'Petugas Dua Peran' });
    const page = await aa.get(`/kelola/pengguna/${person.userId}`);
    expect(page.statusCode).toBe(200);
    const grant = await aa.post(`/kelola/pengguna/${person.userId}/peran`, { _csrf: aa.csrfToken(), role: 'verifier', agency: agencyA.slug });
    expect(grant.statusCode).toBe(303);
    const verifier = (await activeGrants(person.userId)).find((g) => g.role === 'verifier')!;
    expect(verifier).toMatchObject({ agency_id: agencyA.id, granted_by: adminA.userId });
    const granted = await t.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'role.grant').where('entity_id', '=', verifier.id).executeTakeFirstOrThrow();
    expect(granted).toMatchObject({ actor_id: adminA.userId, agency_id: agencyA.id });
    expect(granted.after).toMatchObject({ user_id: person.userId, role: 'verifier', agency: agencyA.slug });

    await aa.get(`/kelola/pengguna/${person.userId}`);
    const revoke = await aa.post(`/kelola/pengguna/${person.userId}/peran/${verifier.id}/cabut`, { _csrf: aa.csrfToken() });
    expect(revoke.statusCode).toBe(303);
    const row = await t.database.db.selectFrom('role_grants').selectAll().where('id', '=', verifier.id).executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeInstanceOf(Date);
    expect(row.revoked_by).toBe(adminA.userId);
    const revoked = await t.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'role.revoke').where('entity_id', '=', verifier.id).executeTakeFirstOrThrow();
    expect(revoked.before).toMatchObject({ role: 'verifier', revoked_at: null });
    expect(revoked.after).toMatchObject({ role: 'verifier', revoked_at: expect.any(String) });
    const history = textOf((await aa.get(`/kelola/pengguna/${person.userId}?pesan=dicabut`)).body);
    expect(history).toContain('Peran sudah dicabut');
    expect(history).toContain('Riwayat peran');
    expect(history).toContain('Admin A Uji'); // granted and revoked by
    // Revoking twice is refused.
    await aa.get(`/kelola/pengguna/${person.userId}`);
    const again = await aa.post(`/kelola/pengguna/${person.userId}/peran/${verifier.id}/cabut`, { _csrf: aa.csrfToken() });
    expect(again.statusCode).toBe(409);
  });

  it('[S-1] an agency admin cannot grant super_admin, executive or auditor, nor roles in agency B (403, nothing written)', async () => {
    const person = await makeStaff(t, 'operator', agencyA);
    const grants = await count('role_grants');
    for (const [role, agency] of [
      ['super_admin', ''],
      ['executive', ''],
      ['auditor', agencyA.slug],
      ['operator', agencyB.slug],
    ] as const) {
      await aa.get(`/kelola/pengguna/${person.userId}`);
      const res = await aa.post(`/kelola/pengguna/${person.userId}/peran`, { _csrf: aa.csrfToken(), role, agency });
      expect(res.statusCode, `${role} ${agency}`).toBe(403);
    }
    const api = await apiAs(aa, 'POST', `/api/v1/staff/${person.userId}/grants`, { role: 'super_admin', agency: null });
    expect(api.statusCode).toBe(403);
    expect(await count('role_grants')).toBe(grants);
  });

  it('[S-1] an agency admin cannot revoke or change the roles of agency B\'s staff', async () => {
    const grant = (await activeGrants(operatorB.userId))[0]!;
    await aa.get('/');
    const res = await aa.post(`/kelola/pengguna/${operatorB.userId}/peran/${grant.id}/cabut`, { _csrf: aa.csrfToken() });
    expect(res.statusCode).toBe(403);
    const api = await apiAs(aa, 'DELETE', `/api/v1/staff/${operatorB.userId}/grants/${grant.id}`);
    expect(api.statusCode).toBe(403);
    const grantApi = await apiAs(aa, 'POST', `/api/v1/staff/${operatorB.userId}/grants`, { role: 'verifier', agency: agencyA.slug });
    expect(grantApi.statusCode).toBe(403);
    expect((await activeGrants(operatorB.userId)).map((g) => g.id)).toContain(grant.id);
  });

  it('a grant without its CSRF token is refused and writes nothing', async () => {
    const person = await makeStaff(t, 'operator', agencyA);
    const grants = await count('role_grants');
    const res = await aa.post(`/kelola/pengguna/${person.userId}/peran`, { role: 'verifier', agency: agencyA.slug });
    expect(res.statusCode).toBe(403);
    expect(await count('role_grants')).toBe(grants);
  });

  it('a duplicate grant is 409; an agency role without an agency is 422', async () => {
    const person = await makeStaff(t, 'operator', agencyA);
    await sa.get(`/kelola/pengguna/${person.userId}`);
    const dup = await sa.post(`/kelola/pengguna/${person.userId}/peran`, { _csrf: sa.csrfToken(), role: 'operator', agency: agencyA.slug });
    expect(dup.statusCode).toBe(409);
    expect(textOf(dup.body)).toContain('sudah memegang peran tersebut');
    await sa.get(`/kelola/pengguna/${person.userId}`);
    const noAgency = await sa.post(`/kelola/pengguna/${person.userId}/peran`, { _csrf: sa.csrfToken(), role: 'verifier', agency: '' });
    expect(noAgency.statusCode).toBe(422);
    expect(textOf(noAgency.body)).toContain('Pilih perangkat daerahnya');
  });

  it('[S-1] a super admin grants a region-wide executive role and sees grants of every agency', async () => {
    const person = await makeStaff(t, 'operator', agencyB, { name: 'Calon Pimpinan' });
    await sa.get(`/kelola/pengguna/${person.userId}`);
    const res = await sa.post(`/kelola/pengguna/${person.userId}/peran`, { _csrf: sa.csrfToken(), role: 'executive', agency: '' });
    expect(res.statusCode).toBe(303);
    expect((await activeGrants(person.userId)).map((g) => [g.role, g.agency_id]).sort()).toEqual([
      ['executive', null],
      ['operator', agencyB.id],
    ]);
    // Agency admin A sees nothing of this person.
    expect((await aa.get(`/kelola/pengguna/${person.userId}`)).statusCode).toBe(403);
  });

  it('the last active super admin cannot be revoked (409)', async () => {
    const supers = await t.database.db.selectFrom('role_grants').select(['id', 'user_id']).where('role', '=', 'super_admin').where('revoked_at', 'is', null).execute();
    // Leave exactly one super admin: the signed-in one.
    for (const g of supers.filter((s) => s.user_id !== superAdmin.userId)) await t.deps.agencies.revokeRole({ actor: null, label: 'test', trusted: true }, g.user_id, g.id);
    const own = supers.find((s) => s.user_id === superAdmin.userId)!;
    await sa.get(`/kelola/pengguna/${superAdmin.userId}`);
    const res = await sa.post(`/kelola/pengguna/${superAdmin.userId}/peran/${own.id}/cabut`, { _csrf: sa.csrfToken() });
    expect(res.statusCode).toBe(409);
    expect(textOf(res.body)).toContain('super admin aktif terakhir');
    expect((await activeGrants(superAdmin.userId)).map((g) => g.role)).toContain('super_admin');
  });
});

describe(`staff API (${engine})`, () => {
  it('[S-1] an agency admin creates staff in his agency through the API (201, invitation), never raw rows', async () => {
    const res = await apiAs(aa, 'POST', '/api/v1/staff', { name: 'Loket API', email: 'loket.api@ujiprov.go.id', role: 'counter_officer', agency: agencyA.slug });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: 'Loket API', email: 'loket.api@ujiprov.go.id', grants: [{ role: 'counter_officer', agency: { slug: agencyA.slug }, active: true }] });
    const row = await t.database.db.selectFrom('users').select(['password_hash']).where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toBeNull(); // the person sets it from the invitation
    expect(body).not.toHaveProperty('password_hash');
    expect(JSON.stringify(body)).not.toContain(agencyA.id);
    const list = await aa.api('GET', '/api/v1/staff?role=counter_officer');
    expect(list.statusCode).toBe(200);
    const item = (list.json().items as { id: string; email: string }[]).find((s) => s.id === body.id);
    expect(item?.email).toBe('lo***@ujiprov.go.id');
  });

  it('grants and revokes through the API; revoked grants stay in the history', async () => {
    const person = await makeStaff(t, 'operator', agencyA);
    const g = await apiAs(aa, 'POST', `/api/v1/staff/${person.userId}/grants`, { role: 'signing_official', agency: agencyA.slug });
    expect(g.statusCode).toBe(201);
    const grantId = g.json().id as string;
    const del = await apiAs(aa, 'DELETE', `/api/v1/staff/${person.userId}/grants/${grantId}`);
    expect(del.statusCode).toBe(200);
    expect(del.json()).toMatchObject({ id: grantId, active: false, revokedBy: 'Admin A Uji' });
    const detail = await aa.api('GET', `/api/v1/staff/${person.userId}`);
    expect((detail.json().grants as { id: string; active: boolean }[]).find((x) => x.id === grantId)).toMatchObject({ active: false });
    expect((await t.database.db.selectFrom('role_grants').select('id').where('id', '=', grantId).execute()).length).toBe(1);
  });

  it('signed-out callers get 401; bad ids 422', async () => {
    const anon = new TestClient(t.app);
    expect((await anon.api('GET', '/api/v1/staff')).statusCode).toBe(401);
    expect((await sa.api('GET', '/api/v1/staff/bukan-uuid')).statusCode).toBe(422);
  });
});
