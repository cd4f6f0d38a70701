// ICT inventories on both engines (G-4, G-5, G-6, G-9, G-12): application CRUD, validation
// and optimistic concurrency; the hand-over rule (refused naming the missing items, then
// accepted by the Dinas only); agency isolation (an agency's ICT officer never reaches another
// agency's records, the Dinas sees all); staff figure validation and the region table; asset
// CSV import (good, bad, same file twice) and CSV exports; the landing page and M&E section.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { apiAs, makeAgency, makeStaff, signInAs } from '../../../test/factories.ts';
import { multipart, tinyPdf, textOf, type TestClient } from '../../../test/http.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { reportSections } from '../../platform/reports/sections.ts';
import { t as translate } from '../../platform/views/i18n.ts';
import { applicationBody, assetCsvHeader, goodAssetCsv, provideHandover, staffActor } from './inventory.test-support.ts';

let t: TestApp;
let agencyA: AgencyView;
let agencyB: AgencyView;
let dinas: TestClient;
let officerA: TestClient;
let officerB: TestClient;
let auditor: TestClient;
let officerAId: string;
let coordinatorId: string;

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  agencyA = await makeAgency(t);
  agencyB = await makeAgency(t);
  const coord = await makeStaff(t, 'ict_coordinator', null, { name: 'Tim SPBE Diskominfo' });
  coordinatorId = coord.userId;
  dinas = await signInAs(t, coord.userId);
  const a = await makeStaff(t, 'ict_officer', agencyA, { name: 'Pengelola TIK A' });
  officerAId = a.userId;
  officerA = await signInAs(t, a.userId);
  officerB = await signInAs(t, (await makeStaff(t, 'ict_officer', agencyB)).userId);
  auditor = await signInAs(t, (await makeStaff(t, 'auditor', null)).userId);
});
afterAll(async () => t?.close());

const json = (res: { body: string }) => JSON.parse(res.body);

async function createApp(client: TestClient, agencyId: string, overrides: Record<string, unknown> = {}) {
  const res = await apiAs(client, 'POST', '/api/v1/governance/applications', applicationBody(agencyId, overrides));
  expect(res.statusCode, res.body).toBe(201);
  return json(res);
}

describe(`application inventory (${engine})`, () => {
  it('[G-4] [G-12] an agency registers an application with every column; it is audited and listed for the Dinas', async () => {
    const other = await createApp(officerA, agencyA.id, { name: 'SIMPEG Uji' });
    const app = await createApp(officerA, agencyA.id, { kind: 'national', developerKind: 'ministry', developerName: 'Kementerian Dalam Negeri', relatedIds: [other.id], hosting: 'ministry' });
    expect(app).toMatchObject({ agencyId: agencyA.id, kind: 'national', developerKind: 'ministry', developerName: 'Kementerian Dalam Negeri', hosting: 'ministry', status: 'live', liveOn: '2025-02-01', version: 1 });
    expect(app.userGroups).toEqual(['internal', 'public']);
    expect(app.security).toEqual(['ssl', 'waf']);
    expect(app.related.map((r: { id: string }) => r.id)).toEqual([other.id]);
    expect(app.missingItems).toHaveLength(9);

    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'agency_id']).where('entity_id', '=', app.id).execute();
    expect(audit.map((a) => a.action)).toContain('governance.application.create');

    const list = json(await apiAs(dinas, 'GET', `/api/v1/governance/applications?agencyId=${agencyA.id}&kind=national`));
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([app.id]);
  });

  it('[G-4] bad input is refused with the reason: vendor without a name, retired without a date, a bad date', async () => {
    const res = await apiAs(officerA, 'POST', '/api/v1/governance/applications', applicationBody(agencyA.id, { developerName: '', status: 'retired', liveOn: '2025-02-30' }));
    expect(res.statusCode).toBe(422);
    const fields = json(res).error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['developerName', 'retiredOn', 'liveOn']));
    // Same name twice in one agency.
    const first = await createApp(officerA, agencyA.id);
    const dup = await apiAs(officerA, 'POST', '/api/v1/governance/applications', applicationBody(agencyA.id, { name: first.name.toUpperCase() }));
    expect(dup.statusCode).toBe(422);
  });

  it('[G-4] an edit on a stale version is refused with 409 and a clear message (optimistic concurrency)', async () => {
    const app = await createApp(officerA, agencyA.id);
    const body = { ...applicationBody(agencyA.id, { name: app.name, purpose: 'Versi pertama' }), version: 1 };
    const first = await apiAs(officerA, 'PUT', `/api/v1/governance/applications/${app.id}`, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(json(first).version).toBe(2);
    const second = await apiAs(dinas, 'PUT', `/api/v1/governance/applications/${app.id}`, { ...body, purpose: 'Versi kedua' });
    expect(second.statusCode).toBe(409);
    expect(json(second).error.message).toBe(translate('id', 'gov.inv.conflict'));
    const now = json(await apiAs(dinas, 'GET', `/api/v1/governance/applications/${app.id}`));
    expect(now.purpose).toBe('Versi pertama');

    // The page form: a stale version comes back with what was typed and the message.
    await officerA.get(`/kelola/tata-kelola/aplikasi/${app.id}/ubah`);
    const form = { ...Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])), userGroups: 'internal', security: 'ssl', relatedIds: '', version: '1', purpose: 'Ketikan saya' };
    delete (form as Record<string, string>).relatedIds;
    const page = await officerA.post(`/kelola/tata-kelola/aplikasi/${app.id}/ubah`, { _csrf: officerA.csrfToken(), ...form });
    expect(page.statusCode).toBe(409);
    expect(textOf(page.body)).toContain(translate('id', 'gov.inv.conflict'));
    expect(page.body).toContain('Ketikan saya');
  });

  it('[G-4] agency isolation: an ICT officer of agency B gets 404 on A’s application and cannot create in A; the Dinas sees both', async () => {
    const appA = await createApp(officerA, agencyA.id);
    const appB = await createApp(officerB, agencyB.id);
    expect((await apiAs(officerB, 'GET', `/api/v1/governance/applications/${appA.id}`)).statusCode).toBe(404);
    expect((await apiAs(officerB, 'PUT', `/api/v1/governance/applications/${appA.id}`, { ...applicationBody(agencyA.id), version: 1 })).statusCode).toBe(404);
    expect((await apiAs(officerB, 'POST', '/api/v1/governance/applications', applicationBody(agencyA.id))).statusCode).toBe(403);
    expect((await officerB.get(`/kelola/tata-kelola/aplikasi/${appA.id}`)).statusCode).toBe(404);
    const listB = json(await apiAs(officerB, 'GET', '/api/v1/governance/applications')).items.map((i: { id: string }) => i.id);
    expect(listB).toContain(appB.id);
    expect(listB).not.toContain(appA.id);
    const all = json(await apiAs(dinas, 'GET', '/api/v1/governance/applications')).items.map((i: { id: string }) => i.id);
    expect(all).toEqual(expect.arrayContaining([appA.id, appB.id]));
    // The auditor reads but does not write.
    expect((await apiAs(auditor, 'GET', `/api/v1/governance/applications/${appA.id}`)).statusCode).toBe(200);
    expect((await apiAs(auditor, 'POST', '/api/v1/governance/applications', applicationBody(agencyA.id))).statusCode).toBe(403);
  });

  it('[G-4] the list page filters and exports CSV; a failed form keeps what was typed', async () => {
    const app = await createApp(officerA, agencyA.id, { name: 'e-Kinerja Uji', hosting: 'vendor_cloud' });
    const page = await dinas.get(`/kelola/tata-kelola/aplikasi?instansi=${agencyA.id}&hosting=vendor_cloud`);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('e-Kinerja Uji');
    const csv = await dinas.get(`/kelola/tata-kelola/aplikasi?instansi=${agencyA.id}&hosting=vendor_cloud&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('nama,instansi,jenis');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('e-Kinerja Uji');
    expect(lines[1]).toContain('Vendor/komputasi awan');
    expect(app.id).toBeTruthy();

    await officerA.get('/kelola/tata-kelola/aplikasi/baru');
    const bad = await officerA.post('/kelola/tata-kelola/aplikasi', { _csrf: officerA.csrfToken(), name: 'Aplikasi Ketikan', agencyId: agencyA.id, kind: 'general', developerKind: 'vendor', hosting: 'regional_dc', status: 'planned', userGroups: 'internal' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Aplikasi Ketikan"');
    expect(textOf(bad.body)).toContain(translate('id', 'gov.inv.app.developer_name_required'));
    const ok = await officerA.post('/kelola/tata-kelola/aplikasi', { _csrf: officerA.csrfToken(), name: 'Aplikasi Lewat Form', agencyId: agencyA.id, kind: 'general', developerKind: 'in_house', hosting: 'regional_dc', status: 'planned', userGroups: 'internal' });
    expect(ok.statusCode).toBe(303);
  });
});

describe(`hand-over (${engine})`, () => {
  it('[G-9] an application cannot be accepted while a hand-over item is missing; the refusal names the missing items', async () => {
    const app = await createApp(officerA, agencyA.id);
    await provideHandover(t, staffActor(officerAId, 'ict_officer', agencyA.id), app.id, ['security_test', 'debugging_test']);
    const refused = await apiAs(dinas, 'POST', `/api/v1/governance/applications/${app.id}/handover/accept`);
    expect(refused.statusCode).toBe(422);
    const msgs = json(refused).error.fields.map((f: { message: string }) => f.message);
    expect(msgs).toEqual([translate('id', 'gov.inv.handover.item.security_test'), translate('id', 'gov.inv.handover.item.debugging_test')]);
    // The page shows the same list.
    await dinas.get(`/kelola/tata-kelola/aplikasi/${app.id}`);
    const page = await dinas.post(`/kelola/tata-kelola/aplikasi/${app.id}/terima`, { _csrf: dinas.csrfToken() });
    expect(page.statusCode).toBe(422);
    expect(textOf(page.body)).toContain(translate('id', 'gov.inv.handover.item.security_test'));
    const row = await t.database.db.selectFrom('ict_applications').select('handover_accepted_at').where('id', '=', app.id).executeTakeFirstOrThrow();
    expect(row.handover_accepted_at).toBeNull();
  });

  it('[G-9] agencies hand over documents (PDF by bytes, or link); only the Dinas accepts; acceptance records who and when', async () => {
    const app = await createApp(officerA, agencyA.id);
    await provideHandover(t, staffActor(officerAId, 'ict_officer', agencyA.id), app.id, ['security_test']);
    // A text file named .pdf is refused; a real PDF through the page is taken.
    await officerA.get(`/kelola/tata-kelola/aplikasi/${app.id}`);
    const fake = await officerA.request('POST', `/kelola/tata-kelola/aplikasi/${app.id}/serah-terima/security_test`, multipart({ _csrf: officerA.csrfToken() }, [{ field: 'file', name: 'uji.pdf', type: 'application/pdf', bytes: Buffer.from('bukan pdf') }]));
    expect(fake.statusCode).toBe(422);
    expect(textOf(fake.body)).toContain(translate('id', 'gov.inv.handover.pdf_only'));
    const up = await officerA.request('POST', `/kelola/tata-kelola/aplikasi/${app.id}/serah-terima/security_test`, multipart({ _csrf: officerA.csrfToken() }, [{ field: 'file', name: 'uji-keamanan.pdf', type: 'application/pdf', bytes: tinyPdf }]));
    expect(up.statusCode, up.body).toBe(303);
    const dl = await dinas.get(`/kelola/tata-kelola/aplikasi/${app.id}/serah-terima/security_test/berkas`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(tinyPdf)).toBe(true);
    expect((await officerB.get(`/kelola/tata-kelola/aplikasi/${app.id}/serah-terima/security_test/berkas`)).statusCode).toBe(404);

    // The agency's own officer cannot accept.
    expect((await apiAs(officerA, 'POST', `/api/v1/governance/applications/${app.id}/handover/accept`)).statusCode).toBe(403);
    const accepted = await apiAs(dinas, 'POST', `/api/v1/governance/applications/${app.id}/handover/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(json(accepted).handoverAcceptedAt).toBeTruthy();
    const row = await t.database.db.selectFrom('ict_applications').select(['handover_accepted_by']).where('id', '=', app.id).executeTakeFirstOrThrow();
    expect(row.handover_accepted_by).toBe(coordinatorId);
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', app.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['governance.handover.provide', 'governance.handover.accept']));
    expect((await apiAs(dinas, 'POST', `/api/v1/governance/applications/${app.id}/handover/accept`)).statusCode).toBe(409);
  });
});

describe(`ICT staff (${engine})`, () => {
  it('[G-5] staff figures are validated: parts ≤ total, good + fair ≤ able, whole numbers ≥ 0', async () => {
    const url = `/api/v1/governance/ict-staff/figures/${agencyA.id}/2026`;
    const bad1 = await apiAs(officerA, 'PUT', url, { civilServants: 10, ictAble: 11, abilityGood: 0, abilityFair: 0, ictSpecialists: 12 });
    expect(bad1.statusCode).toBe(422);
    expect(json(bad1).error.fields.map((f: { field: string }) => f.field)).toEqual(['ictAble', 'ictSpecialists']);
    const bad2 = await apiAs(officerA, 'PUT', url, { civilServants: 10, ictAble: 5, abilityGood: 3, abilityFair: 3, ictSpecialists: 1 });
    expect(json(bad2).error.fields.map((f: { field: string }) => f.field)).toEqual(['abilityFair']);
    const bad3 = await apiAs(officerA, 'PUT', url, { civilServants: -1, ictAble: 1.5, abilityGood: 0, abilityFair: 0, ictSpecialists: 0 });
    expect(bad3.statusCode).toBe(422);
    // The page form: text that is not a number is refused and kept.
    await officerA.get(`/kelola/tata-kelola/sdm-tik/angka/${agencyA.id}/2026`);
    const page = await officerA.post(`/kelola/tata-kelola/sdm-tik/angka/${agencyA.id}/2026`, { _csrf: officerA.csrfToken(), civilServants: 'sepuluh', ictAble: '1', abilityGood: '0', abilityFair: '0', ictSpecialists: '0' });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('value="sepuluh"');
    expect(textOf(page.body)).toContain(translate('id', 'gov.inv.staff.integer'));

    const ok = await apiAs(officerA, 'PUT', url, { civilServants: 120, ictAble: 80, abilityGood: 50, abilityFair: 30, ictSpecialists: 4 });
    expect(ok.statusCode, ok.body).toBe(200);
    // Another agency's officer cannot fill A's figures.
    expect((await apiAs(officerB, 'PUT', url, { civilServants: 1, ictAble: 0, abilityGood: 0, abilityFair: 0, ictSpecialists: 0 })).statusCode).toBe(403);
  });

  it('[G-5] the region table shows every agency with totals, exports CSV, and named staff keep their certifications', async () => {
    await apiAs(officerB, 'PUT', `/api/v1/governance/ict-staff/figures/${agencyB.id}/2025`, { civilServants: 40, ictAble: 20, abilityGood: 10, abilityFair: 5, ictSpecialists: 2 });
    await apiAs(officerA, 'PUT', `/api/v1/governance/ict-staff/figures/${agencyA.id}/2025`, { civilServants: 60, ictAble: 30, abilityGood: 20, abilityFair: 10, ictSpecialists: 3 });
    const page = await dinas.get('/kelola/tata-kelola/sdm-tik?tahun=2025');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain(agencyA.name);
    expect(text).toContain(agencyB.name);
    expect(text).toMatch(/Jumlah 100 50 30 15 5/);
    const csv = await dinas.get('/kelola/tata-kelola/sdm-tik?tahun=2025&format=csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('instansi,tahun,jumlah_asn,mampu_tik,kemampuan_baik,kemampuan_cukup,tenaga_ahli_tik');
    expect(lines).toContain(`${agencyA.name},2025,60,30,20,10,3`);
    expect(lines.at(-1)).toBe('Jumlah,2025,100,50,30,15,5');
    // Agency B's officer sees only B.
    const own = json(await apiAs(officerB, 'GET', '/api/v1/governance/ict-staff?year=2025'));
    expect(own.figures.map((f: { agencyId: string }) => f.agencyId)).toEqual([agencyB.id]);

    // A named staff member through the page, certifications one per line.
    await officerA.get('/kelola/tata-kelola/sdm-tik/pegawai/baru');
    const badCert = await officerA.post('/kelola/tata-kelola/sdm-tik/pegawai', { _csrf: officerA.csrfToken(), agencyId: agencyA.id, name: 'Yoseph Manu', certifications: 'CCNA tanpa tahun' });
    expect(badCert.statusCode).toBe(422);
    expect(badCert.body).toContain('CCNA tanpa tahun');
    const saved = await officerA.post('/kelola/tata-kelola/sdm-tik/pegawai', {
      _csrf: officerA.csrfToken(),
      agencyId: agencyA.id,
      name: 'Yoseph Manu',
      nip: '198701012010011001',
      position: 'Pranata Komputer Ahli Muda',
      education: 'S1 Teknik Informatika',
      competencies: 'Jaringan, keamanan informasi',
      certifications: 'CCNA; 2023; 2026-08-31\nCompTIA Security+; 2024',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    const members = json(await apiAs(dinas, 'GET', `/api/v1/governance/ict-staff?agencyId=${agencyA.id}`)).members;
    const m = members.find((x: { name: string }) => x.name === 'Yoseph Manu');
    expect(m.certifications).toEqual([
      { name: 'CCNA', year: 2023, expiresOn: '2026-08-31' },
      { name: 'CompTIA Security+', year: 2024, expiresOn: null },
    ]);
    expect((await apiAs(officerB, 'GET', `/api/v1/governance/ict-staff/members/${m.id}`)).statusCode).toBe(404);
  });
});

describe(`ICT assets (${engine})`, () => {
  const count = async (agencyId: string) => Number((await t.database.db.selectFrom('ict_assets').select((eb) => eb.fn.countAll().as('n')).where('agency_id', '=', agencyId).executeTakeFirstOrThrow()).n);

  it('[G-6] a CSV import adds every line; the same file again updates instead of duplicating', async () => {
    const agency = await makeAgency(t);
    const first = await apiAs(dinas, 'POST', '/api/v1/governance/assets/import', { agencyId: agency.id, csv: goodAssetCsv });
    expect(first.statusCode, first.body).toBe(200);
    expect(json(first)).toEqual({ created: 3, updated: 0 });
    const again = await apiAs(dinas, 'POST', '/api/v1/governance/assets/import', { agencyId: agency.id, csv: goodAssetCsv });
    expect(json(again)).toEqual({ created: 0, updated: 3 });
    expect(await count(agency.id)).toBe(3);
    const items = json(await apiAs(dinas, 'GET', `/api/v1/governance/assets?agencyId=${agency.id}&category=software`)).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ code: 'LIS-01', name: 'Lisensi antivirus, 50 pengguna', value: 7500000, licenceExpiresOn: '2026-12-31', condition: 'good', status: 'in_use' });
  });

  it('[G-6] a file with bad lines imports nothing and reports every bad line with its number and reason', async () => {
    const agency = await makeAgency(t);
    const csv = [
      assetCsvHeader,
      'PC-001,Komputer,perangkat_keras,Ruang,2025-03-14,pembelian,1000000,apbd,baik,digunakan,,,',
      'PC-002,Komputer rusak,perangkat_keras,Ruang,2025-13-01,pembelian,"1.500,50",apbd,hancur,digunakan,,,',
      'PC-003,Komputer lama,perangkat_keras,Ruang,2019-01-01,pembelian,500000,apbd,rusak_berat,dihapus,,,',
      'PC-001,Komputer kembar,perangkat_keras,Ruang,2025-03-14,pembelian,1000000,apbd,baik,digunakan,,,',
    ].join('\n');
    const res = await apiAs(dinas, 'POST', '/api/v1/governance/assets/import', { agencyId: agency.id, csv });
    expect(res.statusCode).toBe(422);
    const fields = json(res).error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['lines.3.acquiredOn', 'lines.3.value', 'lines.3.condition', 'lines.4.disposedOn', 'lines.4.disposalReason', 'lines.5.code']),
    );
    expect(fields.some((f: string) => f.startsWith('lines.2'))).toBe(false);
    expect(await count(agency.id)).toBe(0);

    // Through the page (multipart upload): the same refusal, with line numbers.
    await dinas.get('/kelola/tata-kelola/aset/impor');
    const page = await dinas.request('POST', '/kelola/tata-kelola/aset/impor', multipart({ _csrf: dinas.csrfToken(), agencyId: agency.id }, [{ field: 'file', name: 'aset.csv', type: 'text/csv', bytes: Buffer.from(csv) }]));
    expect(page.statusCode).toBe(422);
    expect(textOf(page.body)).toContain(`${translate('id', 'gov.inv.import.line', { line: 5 })}: ${translate('id', 'gov.inv.asset.code')}: ${translate('id', 'gov.inv.import.duplicate_in_file', { line: 2 })}`);
    // A missing column is named.
    const noCol = await apiAs(dinas, 'POST', '/api/v1/governance/assets/import', { agencyId: agency.id, csv: 'kode,nama\nX,Y' });
    expect(json(noCol).error.fields[0].message).toBe(translate('id', 'gov.inv.import.missing_column', { column: 'kategori' }));
    expect(await count(agency.id)).toBe(0);
  });

  it('[G-6] the page import and the CSV export round-trip; agency isolation holds for assets', async () => {
    await officerA.get('/kelola/tata-kelola/aset/impor');
    const up = await officerA.request('POST', '/kelola/tata-kelola/aset/impor', multipart({ _csrf: officerA.csrfToken(), agencyId: agencyA.id }, [{ field: 'file', name: 'aset.csv', type: 'text/csv', bytes: Buffer.from(goodAssetCsv) }]));
    expect(up.statusCode, up.body).toBe(303);
    const tpl = await officerA.get('/kelola/tata-kelola/aset/templat.csv');
    expect(tpl.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(assetCsvHeader);

    const csv = await officerA.get(`/kelola/tata-kelola/aset?format=csv&kategori=software`);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(`instansi,${assetCsvHeader}`);
    expect(lines[1]).toBe(`${agencyA.name},LIS-01,"Lisensi antivirus, 50 pengguna",perangkat_lunak,Server,2025-01-02,pembelian,7500000,apbd,baik,digunakan,,,2026-12-31`);
    // The export imports again without duplicates.
    const back = await apiAs(officerA, 'POST', '/api/v1/governance/assets/import', { agencyId: agencyA.id, csv: csv.body });
    expect(json(back)).toEqual({ created: 0, updated: 1 });

    const asset = json(await apiAs(officerA, 'GET', `/api/v1/governance/assets?agencyId=${agencyA.id}&category=hardware`)).items[0];
    expect((await apiAs(officerB, 'GET', `/api/v1/governance/assets/${asset.id}`)).statusCode).toBe(404);
    expect((await officerB.get(`/kelola/tata-kelola/aset/${asset.id}/ubah`)).statusCode).toBe(404);
    expect((await apiAs(officerB, 'POST', '/api/v1/governance/assets/import', { agencyId: agencyA.id, csv: goodAssetCsv })).statusCode).toBe(403);
    expect(json(await apiAs(officerB, 'GET', '/api/v1/governance/assets')).items.every((a: { agencyId: string }) => a.agencyId === agencyB.id)).toBe(true);

    // Edit with a stale version → 409; disposing needs a date and a reason.
    const body = { agencyId: agencyA.id, code: asset.code, name: asset.name, category: 'hardware', acquisitionMethod: 'purchase', value: 100, fundingSource: 'apbd', condition: 'heavy_damage', status: 'disposed', version: asset.version };
    const noReason = await apiAs(officerA, 'PUT', `/api/v1/governance/assets/${asset.id}`, body);
    expect(json(noReason).error.fields.map((f: { field: string }) => f.field)).toEqual(['disposedOn', 'disposalReason']);
    const ok = await apiAs(officerA, 'PUT', `/api/v1/governance/assets/${asset.id}`, { ...body, disposedOn: '2026-11-01', disposalReason: 'Rusak berat, tidak ekonomis diperbaiki' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await apiAs(dinas, 'PUT', `/api/v1/governance/assets/${asset.id}`, { ...body, disposedOn: '2026-11-01', disposalReason: 'x' })).statusCode).toBe(409);
  });
});

describe(`landing and M&E section (${engine})`, () => {
  it('[G-4] [G-5] the landing lists the inventory sections with live figures; the M&E section counts from the tables', async () => {
    const page = await dinas.get('/kelola/tata-kelola');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain(translate('id', 'gov.inv.section.apps'));
    expect(text).toContain(translate('id', 'gov.inv.section.assets'));
    expect((await dinas.get('/kelola')).body).toContain('href="/kelola/tata-kelola"');
    // A citizen-facing operator without governance rights is refused.
    const op = await signInAs(t, (await makeStaff(t, 'operator', agencyA)).userId);
    expect((await op.get('/kelola/tata-kelola')).statusCode).toBe(403);

    const section = reportSections('monev').find((s) => s.key === 'governance.inventory')!;
    const built = await section.build({ q: t.database.db, period: { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z'), label: '2025' }, t: (k, p) => translate('id', k, p), locale: 'id' });
    const f = await t.deps.inventory.figures(t.database.db, null, 2025);
    expect(f.staffTotals.civilServants).toBeGreaterThanOrEqual(100);
    const staffTable = built!.blocks.find((b, i) => b.kind === 'table' && built!.blocks[i - 1]?.kind === 'heading' && (built!.blocks[i - 1] as { text: string }).text.startsWith('SDM TIK'));
    expect(staffTable && staffTable.kind === 'table' ? staffTable.rows[0] : null).toEqual([translate('id', 'gov.inv.staff.civil_servants'), String(f.staffTotals.civilServants)]);
  });
});
