// GOV-REG on both engines: the coordination workflow with changes requested and resubmission,
// illegal moves refused, progress-report overdue flag with an injected clock (G-1); audits,
// the finding closing rule and the infrastructure-audit overdue flag (G-7); the registers
// (G-10 … G-14) with the domain rule, agency isolation, the auditor's read-only access,
// optimistic concurrency, CSV export and the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { apiAs, makeAgency, makeStaff, signInAs, type TestUser } from '../../../test/factories.ts';
import { textOf, type TestClient } from '../../../test/http.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { reportSections } from '../../platform/reports/sections.ts';
import { t as translate } from '../../platform/views/i18n.ts';
import { govRegServices, staffActor } from './registers.test-support.ts';

let t: TestApp;
let a: AgencyView;
let b: AgencyView;
let officerA: TestUser;
let officerB: TestUser;
let dinas: TestUser;
let auditor: TestUser;
let A: TestClient;
let B: TestClient;
let D: TestClient;
let AU: TestClient;

const idFrom = (location: unknown) => /\/([0-9a-f-]{36})(\?|$)/.exec(String(location))?.[1] ?? '';

beforeAll(async () => {
  t = await createTestApp();
  a = await makeAgency(t);
  b = await makeAgency(t);
  officerA = await makeStaff(t, 'ict_officer', a);
  officerB = await makeStaff(t, 'ict_officer', b);
  dinas = await makeStaff(t, 'ict_coordinator', null);
  auditor = await makeStaff(t, 'auditor', null);
  A = await signInAs(t, officerA.userId);
  B = await signInAs(t, officerB.userId);
  D = await signInAs(t, dinas.userId);
  AU = await signInAs(t, auditor.userId);
});

afterAll(async () => {
  await t?.close();
});

const K = '/kelola/tata-kelola/koordinasi';

describe('coordination requests', () => {
  it('[G-1] agency submits, Dinas asks for changes, agency resubmits, Dinas recommends and approves, agency reports progress', async () => {
    const fields = { agencyId: a.id, title: 'Aplikasi perizinan reklame', kind: 'new_application', description: 'Aplikasi baru untuk izin reklame', estimatedBudget: '250.000.000', plannedYear: '2027' };
    // A bad budget keeps what was typed.
    let res = await A.submit(`${K}/baru`, { ...fields, estimatedBudget: '12,5 juta' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Aplikasi perizinan reklame');
    res = await A.submit(`${K}/baru`, fields);
    expect(res.statusCode).toBe(303);
    const id = idFrom(res.headers.location);
    const page = `${K}/${id}`;

    // Agency B does not see it; the Dinas does not act on a draft.
    expect((await B.get(page)).statusCode).toBe(404);
    res = await D.submit(`${page}/tindakan`, { action: 'start_review' }, page);
    expect(res.statusCode).toBe(409);

    expect((await A.submit(`${page}/tindakan`, { action: 'submit' }, page)).statusCode).toBe(303);
    // The agency cannot review its own request.
    expect((await A.submit(`${page}/tindakan`, { action: 'start_review' }, page)).statusCode).toBe(403);
    expect((await D.submit(`${page}/tindakan`, { action: 'start_review' }, page)).statusCode).toBe(303);
    // Approving before a recommendation is refused with the reason.
    res = await D.submit(`${page}/tindakan`, { action: 'approve' }, page);
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('rekomendasi teknis');
    // Asking for changes needs a note.
    res = await D.submit(`${page}/tindakan`, { action: 'request_changes', note: '' }, page);
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('perbaikan yang diminta');
    expect((await D.submit(`${page}/tindakan`, { action: 'request_changes', note: 'Lengkapi KAK dan RAB' }, page)).statusCode).toBe(303);

    // Back with the agency: it edits and resubmits.
    res = await A.get(`${page}/ubah`);
    expect(res.statusCode).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(res.body)?.[1] ?? '';
    res = await A.submit(`${page}/ubah`, { ...fields, version, description: 'Dengan KAK dan RAB', attachmentUrl: 'https://docs.example.id/kak.pdf' }, `${page}/ubah`);
    expect(res.statusCode).toBe(303);
    // The same stale version again is a conflict, with the typed text kept.
    res = await A.submit(`${page}/ubah`, { ...fields, version, description: 'Versi lama' }, `${page}/ubah`);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Versi lama');
    expect((await A.submit(`${page}/tindakan`, { action: 'submit' }, page)).statusCode).toBe(303);
    expect((await D.submit(`${page}/tindakan`, { action: 'start_review' }, page)).statusCode).toBe(303);
    res = await D.submit(`${page}/tindakan`, { action: 'recommend', recommendation: 'Gunakan pusat data daerah', budgetGuidance: '200000000', priceGuidance: 'Standar biaya 2027' }, page);
    expect(res.statusCode).toBe(303);
    expect((await D.submit(`${page}/tindakan`, { action: 'approve', note: '' }, page)).statusCode).toBe(303);
    // Approved is final for the Dinas.
    expect((await D.submit(`${page}/tindakan`, { action: 'decline', note: 'x' }, page)).statusCode).toBe(409);

    res = await A.submit(`${page}/kemajuan`, { reportDate: '2020-01-01', percent: '150', note: 'x' }, page);
    expect(res.statusCode).toBe(422);
    const today = new Date().toISOString().slice(0, 10);
    expect((await A.submit(`${page}/kemajuan`, { reportDate: '2020-01-01', percent: '25', note: 'Analisis kebutuhan selesai' }, page)).statusCode).toBe(303);
    res = await A.get(page);
    const text = textOf(res.body);
    expect(text).toContain('Disetujui');
    expect(text).toContain('Gunakan pusat data daerah');
    expect(text).toContain('Rp 200.000.000');
    expect(text).toContain('Analisis kebutuhan selesai');
    expect(text).toContain('Perbaikan diminta');
    expect(today).toBeTruthy();

    // API view of the same request, and the Dinas's CSV of all.
    const api = await apiAs(D, 'GET', `/api/v1/governance/coordination-requests/${id}`);
    expect(api.statusCode).toBe(200);
    const body = api.json();
    expect(body.state).toBe('approved');
    expect(body.budgetGuidance).toBe(200000000);
    expect(body.events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'start_review', 'request_changes', 'submit', 'start_review', 'recommend', 'approve', 'progress']);
    const csv = await D.get(`${K}?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Aplikasi perizinan reklame');
    expect(csv.body).toContain('250000000');
    // Agency B's list and CSV do not hold A's request.
    expect((await B.get(`${K}?format=csv`)).body).not.toContain('Aplikasi perizinan reklame');
    // Audit trail.
    const audited = await t.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', id).execute();
    expect(audited.map((x) => x.action)).toContain('governance.registers.coordination.approve');
  });

  it('[G-1] the API refuses illegal transitions and the auditor only reads', async () => {
    const created = await apiAs(B, 'POST', '/api/v1/governance/coordination-requests', { agencyId: b.id, title: 'Jaringan fiber', kind: 'network', description: 'FO antar kantor', estimatedBudget: 900000000, plannedYear: 2027 });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await apiAs(B, 'POST', `/api/v1/governance/coordination-requests/${id}/actions`, { action: 'approve' })).statusCode).toBe(403);
    const bad = await apiAs(D, 'POST', `/api/v1/governance/coordination-requests/${id}/actions`, { action: 'approve' });
    expect([403, 404, 409]).toContain(bad.statusCode); // a draft is the agency's
    expect((await apiAs(B, 'POST', `/api/v1/governance/coordination-requests/${id}/actions`, { action: 'submit' })).statusCode).toBe(200);
    const illegal = await apiAs(D, 'POST', `/api/v1/governance/coordination-requests/${id}/actions`, { action: 'approve' });
    expect(illegal.statusCode).toBe(409);
    // Agency A cannot see or change B's request.
    expect((await apiAs(A, 'GET', `/api/v1/governance/coordination-requests/${id}`)).statusCode).toBe(404);
    expect((await apiAs(A, 'POST', `/api/v1/governance/coordination-requests`, { agencyId: b.id, title: 'x', kind: 'other', description: 'x', estimatedBudget: 1, plannedYear: 2027 })).statusCode).toBe(403);
    // The auditor reads everything and changes nothing.
    const list = await apiAs(AU, 'GET', '/api/v1/governance/coordination-requests');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.some((r: { id: string }) => r.id === id)).toBe(true);
    expect((await apiAs(AU, 'POST', `/api/v1/governance/coordination-requests/${id}/actions`, { action: 'start_review' })).statusCode).toBe(403);
    expect((await AU.get(`${K}/baru`)).statusCode).toBe(403);
  });

  it('[G-1] a progress report is overdue after the configured period (injected clock)', async () => {
    const s = govRegServices(3);
    const agencyActor = staffActor(officerA, 'ict_officer', a.id);
    const dinasActor = staffActor(dinas, 'ict_coordinator', null);
    const tz = 'Asia/Makassar';
    const jan = new Date('2026-01-10T02:00:00Z');
    const db = t.database.db;
    const r = await db.transaction().execute(async (trx) => {
      const c = await s.coordination.create(trx, { actor: agencyActor }, { agencyId: a.id, title: 'Pengadaan server', kind: 'procurement', description: 'Server', estimatedBudget: '100000000', plannedYear: '2026' }, jan, tz);
      await s.coordination.act(trx, { actor: agencyActor }, c.id, { action: 'submit' }, jan, tz);
      await s.coordination.act(trx, { actor: dinasActor }, c.id, { action: 'start_review' }, jan, tz);
      await s.coordination.act(trx, { actor: dinasActor }, c.id, { action: 'recommend', recommendation: 'OK' }, jan, tz);
      return s.coordination.act(trx, { actor: dinasActor }, c.id, { action: 'approve' }, jan, tz);
    });
    expect(r.progressDueOn).toBe('2026-04-10');
    expect((await s.coordination.get(db, dinasActor, r.id, new Date('2026-04-10T10:00:00Z'), tz))!.progressOverdue).toBe(false);
    expect((await s.coordination.get(db, dinasActor, r.id, new Date('2026-04-11T10:00:00Z'), tz))!.progressOverdue).toBe(true);
    const overdue = await s.coordination.list(db, dinasActor, { overdueOnly: true }, new Date('2026-04-11T10:00:00Z'), tz);
    expect(overdue.items.map((i) => i.id)).toContain(r.id);
    // A report resets the clock.
    await db.transaction().execute((trx) => s.coordination.addProgress(trx, { actor: agencyActor }, r.id, { reportDate: '2026-04-12', percent: '40', note: 'Kontrak ditandatangani' }, new Date('2026-04-12T03:00:00Z'), tz));
    const after = (await s.coordination.get(db, dinasActor, r.id, new Date('2026-07-01T10:00:00Z'), tz))!;
    expect(after.progressDueOn).toBe('2026-07-12');
    expect(after.progressOverdue).toBe(false);
  });
});

const AUD = '/kelola/tata-kelola/audit';

describe('audits', () => {
  it('[G-7] a finding is followed up by its owner agency and closes only with a note', async () => {
    const created = await apiAs(D, 'POST', '/api/v1/governance/audits', { agencyId: a.id, kind: 'security', scope: 'Uji penetrasi aplikasi perizinan', auditorType: 'external', auditorName: 'BSSN', startDate: '2026-03-01', endDate: '2026-03-10' });
    expect(created.statusCode).toBe(201);
    const auditId = created.json().id;
    // Agencies cannot record audits.
    expect((await apiAs(A, 'POST', '/api/v1/governance/audits', { kind: 'security', scope: 'x', auditorType: 'internal', auditorName: 'x', startDate: '2026-03-01', endDate: '2026-03-02' })).statusCode).toBe(403);
    const withFinding = await apiAs(D, 'POST', `/api/v1/governance/audits/${auditId}/findings`, { title: 'SQL injection pada formulir', severity: 'critical', dueDate: '2026-04-30' });
    expect(withFinding.statusCode).toBe(201);
    const finding = withFinding.json().findings[0];
    expect(finding.ownerAgencyId).toBe(a.id);
    const fu = `${AUD}/temuan/${finding.id}/tindak-lanjut`;

    // Agency B may not follow up A's finding (and does not even see the audit).
    expect((await B.get(`${AUD}/${auditId}`)).statusCode).toBe(404);
    expect((await apiAs(B, 'POST', `/api/v1/governance/audit-findings/${finding.id}/follow-ups`, { note: 'x', close: true })).statusCode).toBe(404);
    // Closing without a note is refused, on the page with the reason.
    let res = await A.submit(fu, { note: '', close: 'on' }, `${AUD}/${auditId}`);
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Menutup temuan memerlukan catatan tindak lanjut');
    expect((await A.submit(fu, { note: 'Input disanitasi; menunggu uji ulang' }, `${AUD}/${auditId}`)).statusCode).toBe(303);
    expect((await A.submit(fu, { note: 'Uji ulang lulus', close: 'on' }, `${AUD}/${auditId}`)).statusCode).toBe(303);
    const detail = await apiAs(A, 'GET', `/api/v1/governance/audits/${auditId}`);
    expect(detail.json().findings[0].status).toBe('closed');
    expect(detail.json().findings[0].followUps).toHaveLength(2);
    // Closed is closed.
    expect((await apiAs(D, 'POST', `/api/v1/governance/audit-findings/${finding.id}/follow-ups`, { note: 'lagi', close: true })).statusCode).toBe(409);
    // The auditor reads and cannot follow up.
    expect((await AU.get(`${AUD}/${auditId}`)).statusCode).toBe(200);
    expect((await apiAs(AU, 'POST', `/api/v1/governance/audit-findings/${finding.id}/follow-ups`, { note: 'x' })).statusCode).toBe(403);
    // The findings list: the owner agency sees its finding, another agency does not.
    expect(textOf((await A.get(`${AUD}/temuan`)).body)).toContain('SQL injection pada formulir');
    expect((await B.get(`${AUD}/temuan?format=csv`)).body).not.toContain('SQL injection pada formulir');
    const findingsCsv = await D.get(`${AUD}/temuan?format=csv&status=closed`);
    expect(findingsCsv.headers['content-type']).toContain('text/csv');
    expect(findingsCsv.body).toContain('SQL injection pada formulir');
    // CSV of the list.
    const csv = await D.get(`${AUD}?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Uji penetrasi aplikasi perizinan');
  });

  it('[G-7] infrastructure audits older than two years or missing are flagged terlambat (injected clock)', async () => {
    const s = govRegServices();
    const dinasActor = staffActor(dinas, 'ict_coordinator', null);
    const c = await makeAgency(t);
    const db = t.database.db;
    await db.transaction().execute(async (trx) => {
      await s.audits.create(trx, { actor: dinasActor }, { agencyId: c.id, kind: 'infrastructure', scope: 'Pusat data', auditorType: 'internal', auditorName: 'Inspektorat', startDate: '2024-05-01', endDate: '2024-05-20' }, '2026-01-01');
      await s.audits.create(trx, { actor: dinasActor }, { kind: 'infrastructure', scope: 'Jaringan daerah', auditorType: 'external', auditorName: 'BSSN', startDate: '2025-02-01', endDate: '2025-02-10' }, '2026-01-01');
    });
    const before = await s.audits.infrastructureStatus(db, dinasActor, '2026-05-20');
    const row = (id: string | null) => before.find((x) => x.agencyId === id)!;
    expect(row(c.id)).toMatchObject({ lastAuditOn: '2024-05-20', overdue: false });
    expect(row(null)).toMatchObject({ lastAuditOn: '2025-02-10', overdue: false });
    expect(row(b.id)).toMatchObject({ lastAuditOn: null, overdue: true });
    // A region-wide audit with findings for two agencies: each agency sees only its own.
    const regionWide = await db.transaction().execute(async (trx) => {
      const au = await s.audits.create(trx, { actor: dinasActor }, { kind: 'security', scope: 'Audit keamanan seluruh daerah', auditorType: 'external', auditorName: 'BSSN', startDate: '2026-02-01', endDate: '2026-02-05' }, '2026-03-01');
      await s.audits.addFinding(trx, { actor: dinasActor }, au.id, { title: 'Temuan milik A', severity: 'medium', ownerAgencyId: a.id, dueDate: '2026-06-01' }, '2026-03-01');
      return s.audits.addFinding(trx, { actor: dinasActor }, au.id, { title: 'Temuan milik B', severity: 'low', ownerAgencyId: b.id, dueDate: '2026-06-01' }, '2026-03-01');
    });
    const seenByA = await s.audits.get(db, staffActor(officerA, 'ict_officer', a.id), regionWide.id, '2026-03-01');
    expect(seenByA!.findings.map((f) => f.title)).toEqual(['Temuan milik A']);
    expect((await s.audits.get(db, dinasActor, regionWide.id, '2026-03-01'))!.findings).toHaveLength(2);
    const later = await s.audits.infrastructureStatus(db, dinasActor, '2026-05-21');
    expect(later.find((x) => x.agencyId === c.id)!.overdue).toBe(true);
    // The page lists it as "Terlambat"; agency A's officer sees only his agency.
    const page = textOf((await D.get(AUD)).body);
    expect(page).toContain('Terlambat');
    expect(page).toContain(b.name);
    const status = await apiAs(A, 'GET', '/api/v1/governance/audits/infrastructure-status');
    expect(status.json().items.map((x: { agencyId: string }) => x.agencyId)).toEqual([a.id]);
  });

  it('[G-7] the M&E report section gives open findings by severity and overdue audits', async () => {
    const section = reportSections('monev').find((x) => x.key === 'governance.audits');
    expect(section).toBeTruthy();
    const built = await section!.build({ q: t.database.db, period: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z'), label: '2026' }, t: (k, p) => translate('id', k, p), locale: 'id' });
    expect(built!.heading).toBe('Audit TIK dan Temuan');
    const kv = built!.blocks.find((x) => x.kind === 'keyValue') as { rows: { label: string; value: string }[] };
    expect(kv.rows.map((r) => r.label)).toContain('Temuan terbuka — Kritis');
    const table = built!.blocks.find((x) => x.kind === 'table') as { rows: string[][] };
    expect(table.rows.some((r) => r[0] === b.name)).toBe(true);
  });
});

const R = '/kelola/tata-kelola';

describe('registers', () => {
  it("[G-11] a domain outside the region's domain is refused with a clear message, the form keeps the input", async () => {
    let res = await A.submit(`${R}/domain/baru`, { agencyId: a.id, name: 'perizinan.example.com', purpose: 'application', expiresOn: '2027-01-01' });
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Domain harus berada di bawah domain pemerintah daerah (ujiprov.go.id)');
    expect(res.body).toContain('value="perizinan.example.com"');
    const soon = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10);
    res = await A.submit(`${R}/domain/baru`, { agencyId: a.id, name: 'perizinan.ujiprov.go.id', purpose: 'application', expiresOn: '2030-01-01', sslExpiresOn: soon });
    expect(res.statusCode).toBe(303);
    const list = textOf((await A.get(`${R}/domain`)).body);
    expect(list).toContain('perizinan.ujiprov.go.id');
    expect(list).toContain('Sertifikat SSL berakhir dalam 30 hari');
    const api = await apiAs(A, 'POST', '/api/v1/governance/registers/domains', { agencyId: a.id, data: { name: 'x.other.go.id', purpose: 'other' } });
    expect(api.statusCode).toBe(422);
    expect(api.json().error.fields[0].field).toBe('name');
  });

  it('[G-10] [G-14] agency A cannot change B\'s records; the Dinas sees all; the auditor only reads; stale versions are 409', async () => {
    const agreement = { title: 'Data kependudukan untuk perizinan', parties: 'Disdukcapil; DPMPTSP', dataSets: 'NIK, nama', basis: 'agreement', legalBasis: 'Perpres 39/2019', purpose: 'Verifikasi pemohon', validFrom: '2024-01-01', validTo: '2025-12-31', confidentialityDuty: 'Tidak dibagikan ke pihak ketiga', dataQualityDuty: 'Pemutakhiran bulanan' };
    const created = await apiAs(B, 'POST', '/api/v1/governance/registers/data-sharing-agreements', { agencyId: b.id, data: agreement });
    expect(created.statusCode).toBe(201);
    const entry = created.json();
    expect(entry.flags).toContain('expired');
    // A cannot read, change or create for B.
    expect((await apiAs(A, 'GET', `/api/v1/governance/registers/data-sharing-agreements/${entry.id}`)).statusCode).toBe(404);
    expect((await apiAs(A, 'PUT', `/api/v1/governance/registers/data-sharing-agreements/${entry.id}`, { agencyId: b.id, version: 1, data: agreement })).statusCode).toBe(404);
    expect((await apiAs(A, 'POST', '/api/v1/governance/registers/data-sharing-agreements', { agencyId: b.id, data: agreement })).statusCode).toBe(403);
    expect((await A.get(`${R}/berbagi-data/${entry.id}`)).statusCode).toBe(404);
    // The Dinas sees and changes it; the second writer with the old version gets 409.
    const all = await apiAs(D, 'GET', '/api/v1/governance/registers/data-sharing-agreements');
    expect(all.json().items.map((x: { id: string }) => x.id)).toContain(entry.id);
    const upd = await apiAs(D, 'PUT', `/api/v1/governance/registers/data-sharing-agreements/${entry.id}`, { agencyId: b.id, version: 1, data: { ...agreement, validTo: '2030-12-31' } });
    expect(upd.statusCode).toBe(200);
    expect(upd.json().flags).toEqual([]);
    expect((await apiAs(B, 'PUT', `/api/v1/governance/registers/data-sharing-agreements/${entry.id}`, { agencyId: b.id, version: 1, data: agreement })).statusCode).toBe(409);
    // Auditor: read yes, write no.
    expect((await AU.get(`${R}/berbagi-data/${entry.id}`)).statusCode).toBe(200);
    expect((await apiAs(AU, 'POST', '/api/v1/governance/registers/data-sharing-agreements', { agencyId: b.id, data: agreement })).statusCode).toBe(403);
    expect((await AU.get(`${R}/berbagi-data/baru`)).statusCode).toBe(403);

    // G-14 registers through the pages.
    for (const [slug, fields] of [
      ['risiko', { title: 'Server tunggal tanpa cadangan', description: 'Tidak ada DRC', category: 'infrastructure', likelihood: 'medium', impact: 'high', owner: 'Kabid TIK', status: 'open' }],
      ['insiden', { title: 'Defacement situs', occurredOn: '2026-10-01', severity: 'high', description: 'Halaman depan diganti', owner: 'Tim CSIRT', status: 'resolved' }],
      ['perubahan', { title: 'Upgrade basis data', system: 'SIMPEG', description: 'PostgreSQL 16', impact: 'medium', owner: 'Kabid TIK', status: 'proposed', requestedOn: '2026-11-01' }],
    ] as const) {
      const res = await A.submit(`${R}/${slug}/baru`, { agencyId: a.id, ...fields });
      if (slug === 'insiden') {
        // A resolved incident needs its resolution date.
        expect(res.statusCode).toBe(422);
        expect((await A.submit(`${R}/${slug}/baru`, { agencyId: a.id, ...fields, resolvedOn: '2026-10-02' })).statusCode).toBe(303);
      } else expect(res.statusCode).toBe(303);
      expect(textOf((await D.get(`${R}/${slug}`)).body)).toContain(fields.title);
      expect(textOf((await B.get(`${R}/${slug}`)).body)).not.toContain(fields.title);
    }
  });

  it('[G-12] [G-13] officials and sanctions are kept by the Dinas; agencies read them', async () => {
    const cio = await apiAs(D, 'POST', '/api/v1/governance/registers/governance-people', { data: { role: 'cio', name: 'Ir. Yohanes', position: 'Sekretaris Daerah', decreeNumber: '100/KEP/2026', decreeDate: '2026-01-05', activeFrom: '2026-01-05' } });
    expect(cio.statusCode).toBe(201);
    expect(cio.json().agency).toBeNull();
    expect((await apiAs(A, 'POST', '/api/v1/governance/registers/governance-people', { agencyId: a.id, data: { role: 'pse_contact', name: 'X', position: 'Y', activeFrom: '2026-01-01' } })).statusCode).toBe(403);
    const people = await apiAs(A, 'GET', '/api/v1/governance/registers/governance-people');
    expect(people.json().items.map((x: { id: string }) => x.id)).toContain(cio.json().id);

    const s = await D.submit(`${R}/sanksi/baru`, { agencyId: b.id, breach: 'Aplikasi dibangun tanpa koordinasi', kind: 'written_warning', basis: 'Perkada SPBE Pasal 20 ayat (2)', issuedOn: '2026-11-01', issuedBy: 'Gubernur' });
    expect(s.statusCode).toBe(303);
    expect((await B.submit(`${R}/sanksi/baru`, { agencyId: b.id, breach: 'x', kind: 'oral_warning', basis: 'x', issuedOn: '2026-11-01', issuedBy: 'x' }, `${R}/sanksi`)).statusCode).toBe(403);
    expect(textOf((await B.get(`${R}/sanksi`)).body)).toContain('Teguran tertulis');
    expect(textOf((await A.get(`${R}/sanksi`)).body)).not.toContain('Aplikasi dibangun tanpa koordinasi');
    const csv = await D.get(`${R}/sanksi?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('Jenis sanksi');
    expect(csv.body).toContain('Perkada SPBE Pasal 20 ayat (2)');
  });

  it('renders every page for the Dinas with unique element ids and labelled tables', async () => {
    const audits = (await apiAs(D, 'GET', '/api/v1/governance/audits')).json().items as { id: string }[];
    const coords = (await apiAs(D, 'GET', '/api/v1/governance/coordination-requests')).json().items as { id: string; state: string }[];
    const pages = [K, `${K}/baru`, `${K}/${coords[0]!.id}`, AUD, `${AUD}/temuan`, `${AUD}/baru`, `${AUD}/${audits[0]!.id}`, `${AUD}/${audits[0]!.id}/ubah`];
    for (const slug of ['berbagi-data', 'domain', 'pengelola', 'risiko', 'insiden', 'perubahan', 'sanksi']) pages.push(`${R}/${slug}`, `${R}/${slug}/baru`);
    for (const p of pages) {
      const res = await D.get(p);
      expect(res.statusCode, p).toBe(200);
      const ids = [...res.body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.filter((x, i) => ids.indexOf(x) !== i), p).toEqual([]);
      expect((res.body.match(/<table/g) ?? []).length, p).toBe((res.body.match(/<caption>/g) ?? []).length);
    }
    // English works too.
    const en = await D.get(`${R}/domain`, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(200);
  });

  it('documents every governance route in OpenAPI', async () => {
    const doc = (await D.get('/api/openapi.json')).json();
    for (const p of ['/api/v1/governance/coordination-requests', '/api/v1/governance/coordination-requests/{id}/actions', '/api/v1/governance/audits', '/api/v1/governance/audit-findings/{id}/follow-ups', '/api/v1/governance/registers/domains', '/api/v1/governance/registers/sanctions/{id}']) {
      expect(doc.paths[p], p).toBeTruthy();
    }
  });
});
