// The catalogue's back office through HTTP, as agency staff use it: pages, forms, CSRF,
// redirects and error summaries. Runs on PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import { parseRupiah } from './form-builder.ts';

let t: TestApp;
let agencyA: string;
let agencyB: string;
const SLUG = 'izin-reklame';
const at = (path = '') => `/kelola/layanan/${SLUG}${path}`;

/** A signed-in staff member: a users row, one role grant, a session that passed TOTP. */
async function staff(role: StaffRole, agencyId: string | null): Promise<TestClient> {
  const db = t.database.db;
  const u = await db.insertInto('users').values({ kind: 'staff', name: `${role} uji` }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('role_grants').values({ user_id: u.id, role, agency_id: agencyId }).execute();
  const session = await t.deps.identity.createSession(db, u.id, { ip: null, userAgent: null }, true);
  const c = new TestClient(t.app);
  c.cookies.set('simpul_sid', session.token);
  return c;
}

/** GETs the form page for a fresh CSRF token, then POSTs fields (arrays repeat the name). */
async function send(c: TestClient, url: string, fields: Record<string, string | string[]>, formUrl = url) {
  const page = await c.get(formUrl);
  expect(page.statusCode, `GET ${formUrl}`).toBe(200);
  const body = new URLSearchParams();
  body.append('_csrf', c.csrfToken());
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return c.request('POST', url, { payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

/** POSTs a one-button action (move, remove, publish) from the page that shows it. */
async function press(c: TestClient, action: string, fromPage: string) {
  return send(c, action, {}, fromPage);
}

async function draft() {
  const d = await t.database.db.selectFrom('services').select(['draft_content', 'draft_form', 'status', 'current_version']).where('slug', '=', SLUG).executeTakeFirstOrThrow();
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return { content: parse(d.draft_content), form: parse(d.draft_form), status: d.status, version: d.current_version };
}

let op: TestClient;

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  const db = t.database.db;
  const region = await db.insertInto('regions').values({ name: 'Provinsi Uji', level: 'province', kode_wilayah: '53', timezone: 'Asia/Makassar', domain: 'uji.go.id' }).returning('id').executeTakeFirstOrThrow();
  agencyA = (await db.insertInto('agencies').values({ region_id: region.id, slug: 'bapenda-uji', name: 'Badan Pendapatan Daerah Uji', short_name: 'BAPENDA', type: 'badan' }).returning('id').executeTakeFirstOrThrow()).id;
  agencyB = (await db.insertInto('agencies').values({ region_id: region.id, slug: 'dinkes-uji', name: 'Dinas Kesehatan Uji', short_name: 'DINKES', type: 'dinas' }).returning('id').executeTakeFirstOrThrow()).id;
  op = await staff('operator', agencyA);
});
afterAll(async () => t?.close());

describe(`catalogue back office (${engine})`, () => {
  it('[P-1] an operator creates a service draft from the back office', async () => {
    const list = await op.get('/kelola/layanan');
    expect(list.statusCode).toBe(200);
    expect(textOf(list.body)).toContain('Buat layanan baru');
    const home = await op.get('/kelola');
    expect(home.body).toContain('href="/kelola/layanan"');

    const form = await op.get('/kelola/layanan/baru');
    expect(form.body).toContain('Badan Pendapatan Daerah Uji');
    expect(form.body).not.toContain('Dinas Kesehatan Uji'); // only agencies where he may write

    const bad = await send(op, '/kelola/layanan/baru', { agencyId: agencyA, name: 'Iz', slug: 'Bukan Slug!', summary: '' });
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Ada yang perlu diperbaiki');
    expect(bad.body).toContain('value="Iz"'); // typed values kept

    const res = await send(op, '/kelola/layanan/baru', { agencyId: agencyA, name: 'Izin Reklame', slug: '', summary: 'Izin pemasangan reklame.' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${at()}?pesan=dibuat`);
    const overview = await op.get(at());
    expect(overview.statusCode).toBe(200);
    const text = textOf(overview.body);
    expect(text).toContain('Izin Reklame');
    expect(text).toContain('Draf');
    expect(text).toContain('Persyaratan belum diisi.');

    const dup = await send(op, '/kelola/layanan/baru', { agencyId: agencyA, name: 'Izin Reklame', slug: '', summary: '' });
    expect(dup.statusCode).toBe(409);
    expect(textOf(dup.body)).toContain('sudah dipakai');
  });

  it('[P-2] publishing an incomplete service is refused, naming what is missing', async () => {
    const res = await press(op, at('/terbitkan'), at());
    expect(res.statusCode).toBe(422);
    const text = textOf(res.body);
    for (const m of ['Persyaratan belum diisi.', 'Biaya/tarif belum diisi', 'Jumlah pelaksana belum diisi.', 'Dasar hukum belum diisi.', 'Pilih minimal satu sektor.']) expect(text).toContain(m);
    expect(res.body).toContain('class="error-summary"');
    expect((await draft()).status).toBe('draft');
  });

  it('[P-5] general information: name, summary, sectors, keywords, channels, counter, contact', async () => {
    const res = await send(op, at('/umum'), {
      name: 'Izin Reklame',
      nameEn: 'Billboard Permit',
      summary: 'Izin pemasangan reklame di wilayah provinsi.',
      summaryEn: 'Permit to put up billboards.',
      sectors: ['pajak-pendapatan', 'penanaman-modal'],
      keywords: 'reklame, papan iklan, reklame',
      channels: ['online', 'counter'],
      counterInfo: 'Mal Pelayanan Publik, Senin–Jumat 08.00–15.00 WITA',
      'contact.phone': '0380 123456',
      'contact.email': 'bapenda@uji.go.id',
      'contact.address': 'Jl. El Tari 1',
      'contact.hours': '08.00–15.00',
    });
    expect(res.statusCode).toBe(303);
    const d = await draft();
    expect(d.content.sectors).toEqual(['pajak-pendapatan', 'penanaman-modal']);
    expect(d.content.keywords).toEqual(['reklame', 'papan iklan']);
    expect(d.content.channels).toEqual(['online', 'counter']);
    expect(d.content.contact.email).toBe('bapenda@uji.go.id');

    const again = await op.get(at('/umum'));
    expect(again.body).toMatch(/value="pajak-pendapatan" checked/);

    const bad = await send(op, at('/umum'), { name: 'Izin Reklame', summary: 'x', sectors: ['bukan-sektor'], keywords: 'a', channels: ['online'] });
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Pilih salah satu pilihan yang tersedia');
    expect((await draft()).content.sectors).toEqual(['pajak-pendapatan', 'penanaman-modal']);
  });

  it('[P-1] requirements: add, edit, move and remove, with file types and size', async () => {
    const add = (fields: Record<string, string | string[]>) => send(op, at('/persyaratan/baru'), fields);
    expect((await add({ name: 'Surat permohonan', key: '', kind: 'document', mandatory: 'true', fileTypes: ['application/pdf'], maxSizeMb: '2', explanation: '' })).statusCode).toBe(303);
    expect((await add({ name: 'KTP pemohon', key: 'ktp', kind: 'document', mandatory: 'true', fileTypes: ['application/pdf', 'image/jpeg'], maxSizeMb: '2', explanation: 'KTP-el yang masih berlaku' })).statusCode).toBe(303);
    expect((await add({ name: 'Ukuran reklame', key: 'ukuran', kind: 'data', mandatory: 'false', maxSizeMb: '2', explanation: '' })).statusCode).toBe(303);

    const bad = await add({ name: 'KTP lagi', key: 'ktp', kind: 'document', mandatory: 'true', fileTypes: [], maxSizeMb: '2,5', explanation: '' });
    expect(bad.statusCode).toBe(422);
    const text = textOf(bad.body);
    expect(text).toContain('Kunci "ktp" sudah dipakai');
    expect(text).toContain('Pilih minimal satu jenis berkas');
    expect(text).toContain('angka bulat');
    expect(bad.body).toContain('value="KTP lagi"');

    let d = await draft();
    expect(d.content.requirements.map((r: { key: string }) => r.key)).toEqual(['surat_permohonan', 'ktp', 'ukuran']);
    expect(d.content.requirements[1]).toMatchObject({ kind: 'document', mandatory: true, fileTypes: ['application/pdf', 'image/jpeg'], maxSizeMb: 2 });

    expect((await press(op, at('/persyaratan/1/naik'), at('/persyaratan'))).statusCode).toBe(303);
    expect((await send(op, at('/persyaratan/2'), { name: 'Ukuran dan lokasi reklame', key: 'ukuran', kind: 'data', mandatory: 'true', maxSizeMb: '2', explanation: '' })).statusCode).toBe(303);
    expect((await press(op, at('/persyaratan/1/hapus'), at('/persyaratan'))).statusCode).toBe(303);
    d = await draft();
    expect(d.content.requirements.map((r: { key: string }) => r.key)).toEqual(['ktp', 'ukuran']);
    expect(d.content.requirements[1]).toMatchObject({ name: 'Ukuran dan lokasi reklame', mandatory: true });
    expect((await op.get(at('/persyaratan/9'))).statusCode).toBe(404);
  });

  it('[P-1] procedure steps in order', async () => {
    for (const title of ['Verifikasi berkas', 'Isi formulir daring', 'Izin terbit']) {
      expect((await send(op, at('/prosedur/baru'), { title, description: '' })).statusCode).toBe(303);
    }
    expect((await press(op, at('/prosedur/0/turun'), at('/prosedur'))).statusCode).toBe(303);
    const empty = await send(op, at('/prosedur/baru'), { title: '', description: 'tanpa judul' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('tanpa judul');
    expect((await draft()).content.procedure.map((s: { title: string }) => s.title)).toEqual(['Isi formulir daring', 'Verifikasi berkas', 'Izin terbit']);
  });

  it('[S-5] Rupiah amounts are integers: "Rp 1.250.000" is read, "12,5" refused', async () => {
    expect(parseRupiah('Rp 1.250.000')).toEqual({ ok: true, value: 1_250_000 });
    expect(parseRupiah('1250000')).toEqual({ ok: true, value: 1_250_000 });
    expect(parseRupiah('Rp50.000,-')).toEqual({ ok: true, value: 50_000 });
    for (const bad of ['12,5', '1.25', '1,250,000', 'seratus', '-5', '1.2.3', 'Rp 99.999.999.999.999']) expect(parseRupiah(bad).ok, bad).toBe(false);

    const base = { completionDays: '3', 'fee.regulation': 'Perda Provinsi Uji 3/2024 tentang Retribusi', 'product.name': 'Surat Izin Reklame', 'product.description': '', 'product.years': '1', 'product.months': '6', 'lines.count': '1' };
    const refused = await send(op, at('/waktu-biaya'), { ...base, 'fee.kind': 'fixed', 'fee.amount': '12,5' });
    expect(refused.statusCode).toBe(422);
    expect(textOf(refused.body)).toContain('Rupiah ditulis tanpa sen');
    expect(refused.body).toContain('value="12,5"');
    expect((await draft()).content.fee).toBeNull();

    const ok = await send(op, at('/waktu-biaya'), { ...base, 'fee.kind': 'fixed', 'fee.amount': 'Rp 1.250.000' });
    expect(ok.statusCode).toBe(303);
    const d = await draft();
    expect(d.content.fee).toEqual({ kind: 'fixed', amount: 1250000, regulation: 'Perda Provinsi Uji 3/2024 tentang Retribusi' });
    expect(d.content.completionDays).toBe(3);
    expect(d.content.product).toMatchObject({ name: 'Surat Izin Reklame', validity: { years: 1, months: 6 } });
    expect((await op.get(at('/waktu-biaya'))).body).toContain('value="1.250.000"');

    const tariff = await send(op, at('/waktu-biaya'), {
      ...base,
      'fee.kind': 'tariff',
      'lines.count': '3',
      'lines.0.label': 'Reklame papan',
      'lines.0.amount': '50.000',
      'lines.0.unit': 'per m²',
      'lines.1.label': 'Reklame kain',
      'lines.1.amount': '10000',
      'lines.1.unit': '',
      'lines.1.remove': 'on',
      'lines.2.label': 'Reklame megatron',
      'lines.2.amount': 'Rp 1.000.000',
    });
    expect(tariff.statusCode).toBe(303);
    expect((await draft()).content.fee).toEqual({
      kind: 'tariff',
      regulation: 'Perda Provinsi Uji 3/2024 tentang Retribusi',
      lines: [
        { label: 'Reklame papan', amount: 50000, unit: 'per m²' },
        { label: 'Reklame megatron', amount: 1000000 },
      ],
    });
    const noLines = await send(op, at('/waktu-biaya'), { ...base, 'fee.kind': 'tariff', 'lines.count': '1' });
    expect(noLines.statusCode).toBe(422);

    // [P-12] The document template ("Yang diizinkan") is kept with the draft's product.
    const tpl = await send(op, at('/waktu-biaya'), { ...base, 'fee.kind': 'free', 'product.template': 'Reklame {ukuran} m² di {lokasi}' });
    expect(tpl.statusCode).toBe(303);
    expect((await draft()).content.product).toMatchObject({ name: 'Surat Izin Reklame', template: 'Reklame {ukuran} m² di {lokasi}' });
    expect((await op.get(at('/waktu-biaya'))).body).toContain('Reklame {ukuran} m² di {lokasi}</textarea>');
  });

  it('[P-1] legal basis works with a free-text citation alone', async () => {
    expect((await send(op, at('/dasar-hukum/baru'), { citation: 'Undang-Undang Nomor 28 Tahun 2009 tentang Pajak Daerah dan Retribusi Daerah', legalDocumentId: '' })).statusCode).toBe(303);
    const bad = await send(op, at('/dasar-hukum/baru'), { citation: 'Perda 3/2024', legalDocumentId: 'bukan-uuid' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="bukan-uuid"');
    expect((await draft()).content.legalBasis).toEqual([{ citation: 'Undang-Undang Nomor 28 Tahun 2009 tentang Pajak Daerah dan Retribusi Daerah' }]);
  });

  it('[P-1] the eight management components', async () => {
    const fields = {
      complaintHandling: 'Portal pengaduan dan SMS 0812-0000-0000',
      facilities: 'Ruang tunggu, loket prioritas',
      staffCompetence: 'Memahami perpajakan daerah',
      internalSupervision: 'Kepala bidang',
      staffCount: '4 orang',
      serviceGuarantee: 'Selesai 3 hari kerja',
      securityGuarantee: 'Data pemohon dilindungi',
      performanceEvaluation: 'Survei kepuasan tiap semester',
    };
    const bad = await send(op, at('/pengelolaan'), fields);
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Jumlah pelaksana (orang): Tulis angka bulat');
    expect(bad.body).toContain('Ruang tunggu, loket prioritas');
    expect((await send(op, at('/pengelolaan'), { ...fields, staffCount: '4' })).statusCode).toBe(303);
    expect((await draft()).content.staffCount).toBe(4);
  });

  it('[P-1] the form is built without code: a section, text, yes/no, a conditional field and an upload bound to a requirement', async () => {
    const field = (over: Record<string, string>) => ({ label: '', labelEn: '', type: 'text', key: '', help: '', 'rules.minLength': '', 'rules.maxLength': '', 'rules.pattern': '', 'rules.min': '', 'rules.max': '', 'rules.minDate': '', 'rules.maxDate': '', options: '', addressLevel: '', requirementKey: '', 'visibleIf.field': '', 'visibleIf.equals': '', prefill: '', ...over });
    const sec = await send(op, at('/formulir/bagian/baru'), { 'section.title': 'Data reklame', 'section.titleEn': 'Billboard', 'section.key': '', ...field({ label: 'Nama usaha', labelEn: 'Business name', key: 'nama_usaha', required: 'on', 'rules.maxLength': '100' }) });
    expect(sec.statusCode).toBe(303);
    const si = at('/formulir/bagian/0/isian/baru');
    expect((await send(op, si, field({ label: 'Punya NPWP?', type: 'yesno', key: 'punya_npwp', required: 'on' }))).statusCode).toBe(303);
    expect((await send(op, si, field({ label: 'NPWP', key: 'npwp', 'visibleIf.field': 'punya_npwp', 'visibleIf.equals': 'ya', 'rules.pattern': '^[0-9]{15,16}$' }))).statusCode).toBe(303);
    expect((await send(op, si, field({ label: 'KTP pemohon', type: 'file', key: 'berkas_ktp', requirementKey: 'ktp', required: 'on' }))).statusCode).toBe(303);
    expect((await send(op, si, field({ label: 'Lokasi reklame', type: 'address', key: 'lokasi', addressLevel: 'district' }))).statusCode).toBe(303);
    expect((await send(op, si, field({ label: 'Jenis reklame', type: 'choice', key: 'jenis', options: 'papan|Papan\nkain|Kain\nMegatron', required: 'on' }))).statusCode).toBe(303);
    expect((await send(op, si, field({ label: 'Luas (m²)', type: 'number', key: 'luas', 'rules.min': '0,5', 'rules.max': '200' }))).statusCode).toBe(303);

    const d = await draft();
    const fields = d.form.sections[0].fields;
    expect(d.form.sections[0]).toMatchObject({ key: 'data_reklame', title: 'Data reklame', titleEn: 'Billboard' });
    expect(fields.map((f: { key: string }) => f.key)).toEqual(['nama_usaha', 'punya_npwp', 'npwp', 'berkas_ktp', 'lokasi', 'jenis', 'luas']);
    expect(fields[0]).toMatchObject({ required: true, rules: { maxLength: 100 }, labelEn: 'Business name' });
    expect(fields[2]).toMatchObject({ visibleIf: { field: 'punya_npwp', equals: true }, rules: { pattern: '^[0-9]{15,16}$' } });
    expect(fields[3]).toMatchObject({ type: 'file', requirementKey: 'ktp' });
    expect(fields[5].options).toEqual([
      { value: 'papan', label: 'Papan' },
      { value: 'kain', label: 'Kain' },
      { value: 'megatron', label: 'Megatron' },
    ]);
    expect(fields[6].rules).toEqual({ min: 0.5, max: 200 });

    // Edit a field, move fields, a second section.
    expect((await send(op, at('/formulir/bagian/0/isian/0'), field({ label: 'Nama usaha / pemilik', labelEn: 'Business or owner name', key: 'nama_usaha', required: 'on' }))).statusCode).toBe(303);
    expect((await press(op, at('/formulir/bagian/0/isian/6/naik'), at('/formulir'))).statusCode).toBe(303);
    expect((await send(op, at('/formulir/bagian/baru'), { 'section.title': 'Pernyataan', ...field({ label: 'Saya menyatakan data benar', type: 'yesno', key: 'setuju', required: 'on' }) })).statusCode).toBe(303);
    const d2 = await draft();
    expect(d2.form.sections.map((s: { key: string }) => s.key)).toEqual(['data_reklame', 'pernyataan']);
    expect(d2.form.sections[0].fields[0].label).toBe('Nama usaha / pemilik');
    expect(d2.form.sections[0].fields.map((f: { key: string }) => f.key).slice(4)).toEqual(['lokasi', 'luas', 'jenis']);

    const builder = await op.get(at('/formulir'));
    expect(builder.statusCode).toBe(200);
    expect(textOf(builder.body)).toContain('tampil bila punya_npwp = ya');
  });

  it('[S-5] an unrenderable form is refused with the reason and what was typed is kept', async () => {
    const before = (await draft()).form;
    const field = (over: Record<string, string>) => ({ label: '', type: 'text', key: '', help: '', options: '', requirementKey: '', 'visibleIf.field': '', 'visibleIf.equals': '', ...over });
    const si = at('/formulir/bagian/0/isian/baru');

    const dup = await send(op, si, field({ label: 'Nama usaha kedua', key: 'nama_usaha', help: 'petunjuk yang diketik' }));
    expect(dup.statusCode).toBe(422);
    expect(textOf(dup.body)).toContain('Kunci isian "nama_usaha" dipakai lebih dari sekali.');
    expect(dup.body).toContain('value="Nama usaha kedua"');
    expect(dup.body).toContain('petunjuk yang diketik');

    const cond = await send(op, si, field({ label: 'Nomor izin lama', key: 'izin_lama', 'visibleIf.field': 'tidak_ada', 'visibleIf.equals': 'x' }));
    expect(cond.statusCode).toBe(422);
    expect(textOf(cond.body)).toContain('bergantung pada isian "tidak_ada" yang tidak ada sebelumnya');

    const file = await send(op, si, field({ label: 'Foto lokasi', type: 'file', key: 'foto' }));
    expect(file.statusCode).toBe(422);
    expect(textOf(file.body)).toContain('Unggahan "foto" harus terhubung ke salah satu persyaratan dokumen.');
    expect(file.body).toContain('value="Foto lokasi"');

    const noOptions = await send(op, si, field({ label: 'Warna', type: 'choice', key: 'warna', options: 'merah|Merah' }));
    expect(noOptions.statusCode).toBe(422);
    expect(textOf(noOptions.body)).toContain('minimal dua opsi');

    const badKey = await send(op, si, field({ label: 'X', key: 'Bukan Kunci' }));
    expect(badKey.statusCode).toBe(422);
    expect(textOf(badKey.body)).toContain('Kunci isian hanya huruf kecil');

    // Moving the conditional field above the field it depends on is refused too.
    const move = await press(op, at('/formulir/bagian/0/isian/2/naik'), at('/formulir'));
    expect(move.statusCode).toBe(422);
    expect(textOf(move.body)).toContain('bergantung pada isian "punya_npwp"');

    // A requirement used by an upload cannot be removed.
    const remove = await press(op, at('/persyaratan/0/hapus'), at('/persyaratan'));
    expect(remove.statusCode).toBe(422);
    expect(textOf(remove.body)).toContain('dipakai isian unggahan berkas_ktp');

    expect((await draft()).form).toEqual(before);
  });

  it('[P-1] JSON export and import are checked by the same rules', async () => {
    const page = await op.get(at('/formulir/json'));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('&quot;nama_usaha&quot;');
    const broken = await send(op, at('/formulir/json'), { json: '{"sections": [}' }, at('/formulir/json'));
    expect(broken.statusCode).toBe(422);
    expect(textOf(broken.body)).toContain('bukan JSON yang sah');
    expect(broken.body).toContain('{&quot;sections&quot;: [}');
    const dup = { sections: [{ key: 's', title: 'S', fields: [{ key: 'a', type: 'text', label: 'A' }, { key: 'a', type: 'text', label: 'B' }] }] };
    const refused = await send(op, at('/formulir/json'), { json: JSON.stringify(dup) }, at('/formulir/json'));
    expect(refused.statusCode).toBe(422);
    expect(textOf(refused.body)).toContain('Kunci isian "a" dipakai lebih dari sekali.');
    // Round trip: importing the export changes nothing.
    const before = (await draft()).form;
    expect((await send(op, at('/formulir/json'), { json: JSON.stringify(before) }, at('/formulir/json'))).statusCode).toBe(303);
    expect((await draft()).form).toEqual(before);
  });

  it('[P-1] the preview shows the form as an applicant sees it, without a submit', async () => {
    const res = await op.get(at('/pratinjau'));
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Pratinjau');
    expect(text).toContain('Nama usaha / pemilik (wajib)');
    expect(text).toContain('NPWP (boleh diisi bila Punya NPWP? = Ya)');
    expect(res.body).toContain('data-show-if="punya_npwp" data-show-value="true"');
    expect(text).toContain('Untuk persyaratan: KTP pemohon. Format PDF/JPG, maksimal 2 MB.');
    expect(res.body).toMatch(/<input id="f-berkas_ktp" name="berkas_ktp" type="file" accept="application\/pdf,\.pdf,image\/jpeg,\.jpg,\.jpeg"/);
    expect(res.body).toContain('name="lokasi.province"');
    expect(res.body).toContain('name="lokasi.district"');
    expect(res.body).not.toContain('name="lokasi.village"');
    expect(text).toContain('Nusa Tenggara Timur');
    expect(res.body).toContain('type="radio"');
    expect(res.body).not.toMatch(/<form[^>]*action="[^"]*pratinjau/);
    expect(res.body).toMatch(/<button type="button"[^>]*disabled/);
  });

  it('[P-1] publishing makes version 1; editing and publishing again makes version 2', async () => {
    const overview = await op.get(at());
    expect(textOf(overview.body)).toContain('Belum lengkap: 0');
    const res = await press(op, at('/terbitkan'), at());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${at()}?pesan=terbit&versi=1`);
    expect(textOf((await op.get(res.headers.location as string)).body)).toContain('Versi 1 diterbitkan');
    expect((await t.deps.catalog.getPublished(SLUG))?.version).toBe(1);

    expect((await send(op, at('/waktu-biaya'), { completionDays: '2', 'fee.kind': 'free', 'product.name': 'Surat Izin Reklame', 'lines.count': '1' })).statusCode).toBe(303);
    expect((await t.deps.catalog.getPublished(SLUG))?.content.completionDays).toBe(3); // the portal keeps v1 until publication
    expect((await press(op, at('/terbitkan'), at())).statusCode).toBe(303);
    const v2 = await t.deps.catalog.getPublished(SLUG);
    expect(v2?.version).toBe(2);
    expect(v2?.content.completionDays).toBe(2);
    expect(v2?.content.fee).toEqual({ kind: 'free' });
    expect(v2?.form.sections[0]?.fields[0]?.key).toBe('nama_usaha');
    const history = textOf((await op.get(at())).body);
    expect(history).toContain('Riwayat versi');
    expect(history).toMatch(/Versi 2, diterbitkan/);
    expect((await t.app.inject(`/layanan/${SLUG}`)).statusCode).toBe(200);
  });

  it('[S-1] an operator of another agency gets 403 on the pages and the posts', async () => {
    const other = await staff('operator', agencyB);
    const list = await other.get('/kelola/layanan');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(SLUG);
    for (const path of ['', '/umum', '/persyaratan', '/formulir', '/pratinjau', '/formulir/bagian/0/isian/0']) {
      expect((await other.get(at(path))).statusCode, path).toBe(403);
    }
    await other.get('/kelola/layanan/baru'); // a page of his own, for a valid CSRF token
    const token = other.csrfToken();
    for (const path of ['/umum', '/terbitkan', '/arsipkan', '/persyaratan/0/hapus', '/formulir/bagian/0/hapus']) {
      const res = await other.post(at(path), { _csrf: token, name: 'Diambil alih', summary: 'x' });
      expect(res.statusCode, path).toBe(403);
    }
    expect((await draft()).content.name).toBe('Izin Reklame');
    const create = await other.post('/kelola/layanan/baru', { _csrf: token, agencyId: agencyA, name: 'Layanan titipan', slug: '', summary: '' });
    expect(create.statusCode).toBe(422);
  });

  it('[S-1] a verifier can read the service and its preview but not edit or publish', async () => {
    const verifier = await staff('verifier', agencyA);
    const overview = await verifier.get(at());
    expect(overview.statusCode).toBe(200);
    expect(overview.body).not.toContain('/terbitkan');
    expect(overview.body).not.toContain(`${at('/umum')}"`);
    expect((await verifier.get(at('/pratinjau'))).statusCode).toBe(200);
    expect((await verifier.get(at('/umum'))).statusCode).toBe(403);
    expect((await verifier.get('/kelola/layanan/baru')).statusCode).toBe(403);
    const token = verifier.csrfToken();
    expect((await verifier.post(at('/umum'), { _csrf: token, name: 'Diubah verifikator' })).statusCode).toBe(403);
    expect((await verifier.post(at('/terbitkan'), { _csrf: token })).statusCode).toBe(403);
  });

  it('[S-1] a post without the CSRF token is refused and changes nothing', async () => {
    const res = await op.post(at('/umum'), { name: 'Tanpa token', summary: 'x' });
    expect(res.statusCode).toBe(403);
    expect((await draft()).content.name).toBe('Izin Reklame');
    const signedOut = new TestClient(t.app);
    const anon = await signedOut.get(at());
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toContain('/masuk');
  });

  it('[P-11] the back office speaks English when chosen', async () => {
    const en = await staff('operator', agencyA);
    en.cookies.set('simpul_lang', 'en');
    const res = await en.get(at());
    expect(res.body).toContain('<html lang="en"');
    const text = textOf(res.body);
    expect(text).toContain('Service standard completeness');
    expect(text).toContain('Version history');
    const refused = await send(en, at('/waktu-biaya'), { completionDays: '3', 'fee.kind': 'fixed', 'fee.amount': '12,5', 'fee.regulation': 'Perda', 'product.name': 'Surat', 'lines.count': '1' });
    expect(refused.statusCode).toBe(422);
    expect(textOf(refused.body)).toContain('There is a problem');
    expect(textOf(refused.body)).toContain('Rupiah are written without cents');
    const preview = textOf((await en.get(at('/pratinjau'))).body);
    expect(preview).toContain('Business or owner name (required)');
    expect(preview).toContain('Billboard');
    expect(preview).toContain('NPWP (optional, if Punya NPWP? = Yes)');
  });

  it('[S-5] a page opened on an older draft does not overwrite a newer one; what was typed is kept', async () => {
    const page = await op.get(at('/pengelolaan'));
    const rev = /name="rev" value="(\d+)"/.exec(page.body)?.[1];
    expect(rev).toBeTruthy();
    const token = op.csrfToken();
    const colleague = await staff('agency_admin', agencyA);
    expect((await send(colleague, at('/prosedur/baru'), { title: 'Pengambilan izin di loket', description: '' })).statusCode).toBe(303);
    const res = await op.post(at('/pengelolaan'), { _csrf: token, rev: rev!, staffCount: '6', facilities: 'ketikan saya yang belum tersimpan' });
    expect(res.statusCode).toBe(409);
    expect(textOf(res.body)).toContain('sudah diubah orang lain');
    expect(res.body).toContain('ketikan saya yang belum tersimpan');
    expect((await draft()).content.staffCount).toBe(4);

    // Publishing from an overview opened before the colleague's change is refused too.
    const stale = await op.post(at('/terbitkan'), { _csrf: token, rev: rev! });
    expect(stale.statusCode).toBe(409);
    expect(textOf(stale.body)).toContain('Periksa ringkasan terbaru');
    expect((await draft()).version).toBe(2);
  });

  it('[P-11] every back-office page has its words in both languages', async () => {
    const pages = [
      '/kelola/layanan',
      '/kelola/layanan/baru',
      at(),
      ...['umum', 'persyaratan', 'persyaratan/0', 'persyaratan/baru', 'prosedur', 'prosedur/0', 'prosedur/baru', 'waktu-biaya', 'dasar-hukum', 'dasar-hukum/0', 'dasar-hukum/baru', 'pengelolaan'].map((p) => at(`/${p}`)),
      ...['formulir', 'formulir/bagian/baru', 'formulir/bagian/0', 'formulir/bagian/0/isian/0', 'formulir/bagian/0/isian/baru', 'formulir/json', 'pratinjau'].map((p) => at(`/${p}`)),
    ];
    for (const lang of ['id', 'en']) {
      const c = await staff('agency_admin', agencyA);
      c.cookies.set('simpul_lang', lang);
      for (const url of pages) {
        const res = await c.get(url);
        expect(res.statusCode, url).toBe(200);
        expect(textOf(res.body), `${lang} ${url}`).not.toMatch(/\b(catalog|form|validation)\.[a-z_]+\.?[a-zA-Z_.-]*\b/);
      }
    }
  });

  it('[P-1] archiving takes it off the portal; an archived draft cannot be edited', async () => {
    expect((await press(op, at('/arsipkan'), at())).statusCode).toBe(303);
    expect(await t.deps.catalog.getPublished(SLUG)).toBeNull();
    const edit = await send(op, at('/pengelolaan'), { staffCount: '5' });
    expect(edit.statusCode).toBe(409);
    expect(textOf(edit.body)).toContain('Layanan ini sudah diarsipkan.');
    const filtered = await op.get('/kelola/layanan?status=archived');
    expect(filtered.body).toContain(SLUG);
    expect((await op.get('/kelola/layanan?status=draft')).body).not.toContain(`${at()}"`);
    expect((await op.get('/kelola/layanan?status=%27;drop&instansi=bukan-uuid')).statusCode).toBe(200);
  });

  it('[P-6] the service list sorts by a column through plain links that keep the filters', async () => {
    const made = await send(op, '/kelola/layanan/baru', { agencyId: agencyA, name: 'Akta Aneka Uji', slug: '', summary: 'Untuk uji urutan.' });
    expect(made.statusCode).toBe(303);
    const order = (body: string): [number, number] => [body.indexOf('Akta Aneka Uji'), body.indexOf('Izin Reklame')];
    const up = await op.get('/kelola/layanan?urut=name&arah=naik');
    expect(up.statusCode).toBe(200);
    const [a1, i1] = order(up.body);
    expect(a1).toBeGreaterThan(-1);
    expect(a1).toBeLessThan(i1);
    expect(up.body).toContain('aria-sort="ascending"');
    const down = await op.get(`/kelola/layanan?urut=name&arah=turun&instansi=${agencyA}`);
    const [a2, i2] = order(down.body);
    expect(i2).toBeGreaterThan(-1);
    expect(i2).toBeLessThan(a2);
    // the header links keep the agency filter
    expect(down.body).toContain(`href="/kelola/layanan?instansi=${agencyA}&amp;urut=agency&amp;arah=naik"`);
    const bad = await op.get('/kelola/layanan?urut=bukan');
    expect(bad.statusCode).toBe(200);
  });
});
