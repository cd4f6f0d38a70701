import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nikMatch, openPerson } from './index.ts';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { citizen, count, freshEmail, freshNib, freshNik, freshNpwp, inputValue, lastMail, mailedCode, PASSWORD, registerAndConfirm } from './test-support.ts';
import { PRUNE_JOB } from './identity.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

function business(overrides: Record<string, string> = {}) {
  const npwp = freshNpwp();
  return {
    businessName: 'CV Tenun Ikat Sumba',
    legalForm: 'cv',
    nib: freshNib(),
    npwp: `${npwp.slice(0, 2)}.${npwp.slice(2, 5)}.${npwp.slice(5, 8)}.${npwp.slice(8, 9)}-${npwp.slice(9, 12)}.${npwp.slice(12)}`,
    address: 'Jl. El Tari No. 5, Kupang',
    email: freshEmail('usaha'),
    phone: '081339001122',
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    personNik: freshNik(),
    personName: 'Yohana Lende',
    personPosition: 'Pemilik',
    ...overrides,
  };
}

async function registerBusiness(data = business()) {
  const c = new TestClient(t.app);
  const res = await c.submit('/daftar/usaha', data);
  expect(res.statusCode).toBe(303);
  const code = await mailedCode(t, data.email);
  expect((await c.submit('/daftar/konfirmasi', { code })).statusCode).toBe(303);
  return { c, data };
}

describe(`business registration (${engine})`, () => {
  it('[P-4] registers a business with NIB and NPWP (old 15-digit form normalised) and its responsible person', async () => {
    const { c, data } = await registerBusiness();
    const b = await t.database.db.selectFrom('businesses').selectAll().where('nib', '=', data.nib).executeTakeFirstOrThrow();
    expect(b.npwp).toBe(`0${data.npwp.replace(/[.-]/g, '')}`);
    expect(b.npwp).toHaveLength(16);
    expect(b.legal_form).toBe('cv');
    const account = await t.database.db.selectFrom('users').selectAll().where('id', '=', b.account_id).executeTakeFirstOrThrow();
    expect(account).toMatchObject({ kind: 'business', status: 'active', name: 'CV Tenun Ikat Sumba', nik: null });
    // The person had no account: a person record with NIK and name only, which cannot sign in.
    const person = await t.database.db.selectFrom('users').selectAll().where(nikMatch(data.personNik)).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ kind: 'citizen', status: 'pending', email: null, password_hash: null, name: 'Yohana Lende' });
    const reps = await t.database.db.selectFrom('business_representatives').selectAll().where('business_id', '=', b.id).execute();
    expect(reps).toMatchObject([{ user_id: person.id, position: 'Pemilik', revoked_at: null }]);

    const page = await c.get('/akun/usaha');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Yohana Lende');
    expect(text).toContain('belum punya akun');
    expect(page.body).not.toContain(data.personNik);
  });

  it('[P-4] the person later registers with that NIK and keeps the same identity (one person, one record)', async () => {
    const { data } = await registerBusiness();
    const before = await t.database.db.selectFrom('users').select('id').where(nikMatch(data.personNik)).executeTakeFirstOrThrow();
    const users = await count(t, 'users');
    const { c } = await registerAndConfirm(t, citizen({ nik: data.personNik, name: 'Yohana Lende' }));
    expect(await count(t, 'users')).toBe(users);
    const after = await t.database.db.selectFrom('users').select(['id', 'status']).where(nikMatch(data.personNik)).executeTakeFirstOrThrow();
    expect(after).toEqual({ id: before.id, status: 'active' });
    const account = await c.get('/akun');
    expect(textOf(account.body)).toContain('CV Tenun Ikat Sumba');
  });

  it('[P-4] a person with a citizen account is linked to it (name must match) and told by e-mail', async () => {
    const { data: person } = await registerAndConfirm(t, citizen({ name: 'Agustinus  Bria' }));
    const mismatch = new TestClient(t.app);
    const bad = await mismatch.submit('/daftar/usaha', business({ personNik: person.nik, personName: 'Orang Lain' }));
    expect(bad.statusCode).toBe(409);
    expect(textOf(bad.body)).toContain('Nama tidak sama dengan nama akun warga yang terdaftar untuk NIK ini.');
    expect(inputValue(bad.body, 'businessName')).toBe('CV Tenun Ikat Sumba');
    expect(inputValue(bad.body, 'password')).toBeNull();

    const { data } = await registerBusiness(business({ personNik: person.nik, personName: 'agustinus bria' }));
    const b = await t.database.db.selectFrom('businesses').select('id').where('nib', '=', data.nib).executeTakeFirstOrThrow();
    const u = await t.database.db.selectFrom('users').select('id').where(nikMatch(person.nik)).executeTakeFirstOrThrow();
    const rep = await t.database.db.selectFrom('business_representatives').select('user_id').where('business_id', '=', b.id).executeTakeFirstOrThrow();
    expect(rep.user_id).toBe(u.id);
    const mail = await lastMail(t, person.email);
    expect(mail.subject).toBe('Anda tercatat sebagai penanggung jawab CV Tenun Ikat Sumba');
  });

  it('[P-4] one NIB, one business; one NPWP, one business; nothing half-written', async () => {
    const { data } = await registerBusiness();
    const counts = async () => [await count(t, 'users'), await count(t, 'businesses'), await count(t, 'business_representatives')];
    const before = await counts();
    const c = new TestClient(t.app);
    const dupNib = await c.submit('/daftar/usaha', business({ nib: data.nib }));
    expect(dupNib.statusCode).toBe(409);
    expect(textOf(dupNib.body)).toContain('NIB ini sudah terdaftar.');
    const dupNpwp = await c.submit('/daftar/usaha', business({ npwp: `0${data.npwp.replace(/[.-]/g, '')}` }));
    expect(dupNpwp.statusCode).toBe(409);
    expect(textOf(dupNpwp.body)).toContain('NPWP ini sudah terdaftar pada usaha lain.');
    // An address with an account is not named: the answer reads like a registration.
    const dupEmail = await c.submit('/daftar/usaha', business({ email: data.email }));
    expect(dupEmail.statusCode).toBe(303);
    expect(dupEmail.headers.location).toBe('/daftar/konfirmasi?pesan=confirm_sent');
    expect(await counts()).toEqual(before);
  });

  const badInput: [string, Record<string, string>, string, string][] = [
    ['NIB of 12 digits', { nib: '912000123456' }, 'nib', 'NIB harus 13 angka'],
    ['NPWP of 14 digits', { npwp: '01234567890123' }, 'npwp', 'NPWP harus 16 angka'],
    ['unknown legal form', { legalForm: 'pt_asing' }, 'legalForm', 'Pilih salah satu'],
    ['person NIK invalid', { personNik: '5371013102900001' }, 'personNik', 'Tanggal lahir dalam NIK'],
    ['password with the business name', { password: 'Sumba-Tenun-2026', passwordConfirm: 'Sumba-Tenun-2026' }, 'password', 'tidak boleh memuat nama'],
  ];
  for (const [what, change, field, message] of badInput) {
    it(`[S-5] ${what}: message, 422, values kept, nothing written`, async () => {
      const before = await count(t, 'businesses');
      const users = await count(t, 'users');
      const c = new TestClient(t.app);
      const data = business(change);
      const res = await c.submit('/daftar/usaha', data);
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain(`href="#f-${field}"`);
      expect(textOf(res.body)).toContain(message);
      expect(inputValue(res.body, 'businessName')).toBe(data.businessName);
      expect(inputValue(res.body, 'personName')).toBe(data.personName);
      expect(inputValue(res.body, 'password')).toBeNull();
      expect(await count(t, 'businesses')).toBe(before);
      expect(await count(t, 'users')).toBe(users);
    });
  }
});

describe(`business representatives (${engine})`, () => {
  it('[P-4] links a further person by NIK and name (existing citizen account), then revokes; the last one stays', async () => {
    const { c } = await registerBusiness();
    const { data: person } = await registerAndConfirm(t, citizen({ name: 'Fransiska Seran' }));

    await c.get('/akun/usaha');
    const unknown = await c.post('/akun/usaha/perwakilan', { _csrf: c.csrfToken(), nik: freshNik(), name: 'Fransiska Seran', position: 'Direktur' });
    expect(unknown.statusCode).toBe(422);
    expect(textOf(unknown.body)).toContain('Tidak ada akun warga aktif dengan NIK dan nama ini.');
    const wrongName = await c.post('/akun/usaha/perwakilan', { _csrf: c.csrfToken(), nik: person.nik, name: 'Orang Lain', position: 'Direktur' });
    expect(textOf(wrongName.body)).toContain('Tidak ada akun warga aktif dengan NIK dan nama ini.');
    expect(wrongName.body).not.toContain('Fransiska');

    const ok = await c.post('/akun/usaha/perwakilan', { _csrf: c.csrfToken(), nik: person.nik, name: 'Fransiska Seran', position: 'Direktur' });
    expect(ok.statusCode).toBe(303);
    const dup = await c.submit('/akun/usaha/perwakilan', { nik: person.nik, name: 'Fransiska Seran', position: 'Direktur' }, '/akun/usaha');
    expect(dup.statusCode).toBe(409);

    const page = await c.get('/akun/usaha?pesan=rep_added');
    expect(textOf(page.body)).toContain('Fransiska Seran');
    const revokes = [...page.body.matchAll(/action="(\/akun\/usaha\/perwakilan\/[0-9a-f-]+\/cabut)"/g)].map((m) => m[1]!);
    expect(revokes).toHaveLength(2);
    expect((await c.post(revokes[1]!, { _csrf: c.csrfToken() })).statusCode).toBe(303);
    const last = await c.post(revokes[0]!, { _csrf: c.csrfToken() });
    expect(last.statusCode).toBe(409);
    expect(textOf(last.body)).toContain('paling sedikit satu penanggung jawab');
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('action', 'like', 'business.representative_%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['business.representative_add', 'business.representative_revoke']));
  });

  it('[S-1] a business cannot revoke another business\'s representative; citizens have no business page', async () => {
    const a = await registerBusiness();
    const b = await registerBusiness();
    const other = await t.database.db
      .selectFrom('business_representatives as r')
      .innerJoin('businesses as x', 'x.id', 'r.business_id')
      .select('r.id')
      .where('x.nib', '=', b.data.nib)
      .executeTakeFirstOrThrow();
    await a.c.get('/akun/usaha');
    expect((await a.c.post(`/akun/usaha/perwakilan/${other.id}/cabut`, { _csrf: a.c.csrfToken() })).statusCode).toBe(404);
    const { c } = await registerAndConfirm(t);
    expect((await c.get('/akun/usaha')).statusCode).toBe(404);
  });
  it('[P-4] a representative who started his own registration and abandoned it goes back to the record the business made', async () => {
    const { data } = await registerBusiness();
    const person = await t.database.db.selectFrom('users').select(['id']).where(nikMatch(data.personNik)).executeTakeFirstOrThrow();
    const own = citizen({ nik: data.personNik, name: 'Yohana Lende' });
    expect((await new TestClient(t.app).submit('/daftar', own)).statusCode).toBe(303);
    await t.database.db.updateTable('users').set({ password_changed_at: new Date(Date.now() - 8 * 86_400_000) }).where('id', '=', person.id).execute();
    await t.deps.jobs.enqueue(t.database.db, PRUNE_JOB, {});
    await t.runJobs();
    const after = await t.database.db.selectFrom('users').select(['id', 'nik', 'name', 'email', 'password_hash', 'status']).where('id', '=', person.id).executeTakeFirstOrThrow().then((r) => openPerson(r));
    expect(after).toEqual({ id: person.id, nik: data.personNik, name: 'Yohana Lende', email: null, password_hash: null, status: 'pending' });
    expect(await t.database.db.selectFrom('business_representatives').select('user_id').where('user_id', '=', person.id).execute()).toHaveLength(1);
    // …and can register again, taking the record over.
    const { c } = await registerAndConfirm(t, citizen({ nik: data.personNik, name: 'Yohana Lende' }));
    expect((await c.get('/akun')).statusCode).toBe(200);
  });
});
