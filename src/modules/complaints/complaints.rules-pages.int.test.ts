// Back-office pages for the complaint routing rules and deadline tiers (C-1/C-2 lifecycle rules
// as data) on both engines: the coordinator lists, adds, changes and deletes without JavaScript,
// each change audited; bad input is a 422 in the page's language with the entry kept; other
// staff are refused; a form without its CSRF token is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeServiceWithSop, makeStaff, signInAs, type TestUser } from '../../../test/factories.ts';
import { textOf } from '../../../test/http.ts';

let t: TestApp;
let agencyA: AgencyView;
let agencyB: AgencyView;
let service: { id: string; slug: string };
let coordinator: TestUser;
let officer: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  agencyA = await makeAgency(t);
  agencyB = await makeAgency(t);
  service = await makeServiceWithSop(t, agencyA);
  coordinator = await makeStaff(t, 'complaint_coordinator', null);
  officer = await makeStaff(t, 'operator', agencyA);
});
afterAll(async () => {
  await t?.close();
});

const audits = async (action: string) => (await t.database.db.selectFrom('audit_events').select(['action', 'entity_id']).where('action', '=', action).execute()).length;
const rules = () => t.database.db.selectFrom('complaint_routing_rules' as never).selectAll().execute() as Promise<{ id: string; service_id: string | null; category: string | null; agency_id: string }[]>;

describe('complaint rule pages', () => {
  it('[C-1] the coordinator adds, changes and deletes routing rules on /kelola/pengaduan/aturan-disposisi, each audited; bad input keeps the entry', async () => {
    const coord = await signInAs(t, coordinator.userId);
    const page = await coord.get('/kelola/pengaduan/aturan-disposisi');
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('Belum ada aturan disposisi.');
    expect(page.body).toContain('name="_csrf"');

    // Both a service and a category: refused in Indonesian, choices kept.
    const both = await coord.post('/kelola/pengaduan/aturan-disposisi', { _csrf: coord.csrfToken(), serviceId: service.id, category: 'kesehatan', agencyId: agencyB.id });
    expect(both.statusCode).toBe(422);
    expect(textOf(both.body)).toContain('Pilih layanan atau kategori (salah satu saja).');
    expect(both.body).toMatch(new RegExp(`<option value="${agencyB.id}" selected`));
    expect(await rules()).toHaveLength(0);

    const before = await audits('complaint.routing_rule');
    expect((await coord.post('/kelola/pengaduan/aturan-disposisi', { _csrf: coord.csrfToken(), category: 'kesehatan', agencyId: agencyB.id })).statusCode).toBe(303);
    expect((await coord.post('/kelola/pengaduan/aturan-disposisi', { _csrf: coord.csrfToken(), serviceId: service.id, agencyId: agencyA.id })).statusCode).toBe(303);
    expect(await audits('complaint.routing_rule')).toBe(before + 2);
    const listed = textOf((await coord.get('/kelola/pengaduan/aturan-disposisi?ok=simpan')).body);
    expect(listed).toContain('Aturan disposisi disimpan.');
    expect(listed).toContain('Kategori: Kesehatan');
    expect(listed).toContain(agencyB.name);

    // Change: the edit form names the rule and keeps its key; only the agency changes.
    const cat = (await rules()).find((r) => r.category === 'kesehatan')!;
    const edit = await coord.get(`/kelola/pengaduan/aturan-disposisi?ubah=${cat.id}`);
    expect(textOf(edit.body)).toContain('Ubah aturan');
    expect(edit.body).toContain('name="category" value="kesehatan"');
    expect((await coord.post('/kelola/pengaduan/aturan-disposisi', { _csrf: coord.csrfToken(), serviceId: '', category: 'kesehatan', agencyId: agencyA.id })).statusCode).toBe(303);
    expect((await rules()).filter((r) => r.category === 'kesehatan').map((r) => r.agency_id)).toEqual([agencyA.id]);

    // Delete: audited with what was there.
    const del = (await rules()).find((r) => r.category === 'kesehatan')!;
    expect((await coord.post(`/kelola/pengaduan/aturan-disposisi/${del.id}/hapus`, { _csrf: coord.csrfToken() })).statusCode).toBe(303);
    expect((await rules()).some((r) => r.id === del.id)).toBe(false);
    expect(await audits('complaint.routing_rule.delete')).toBe(1);
    expect((await coord.post(`/kelola/pengaduan/aturan-disposisi/${del.id}/hapus`, { _csrf: coord.csrfToken() })).statusCode).toBe(404);

    // Without the CSRF token nothing changes.
    const svc = (await rules()).find((r) => r.service_id === service.id)!;
    expect((await coord.post(`/kelola/pengaduan/aturan-disposisi/${svc.id}/hapus`, {})).statusCode).toBe(403);
    expect((await rules()).some((r) => r.id === svc.id)).toBe(true);
  });

  it('[C-1] the coordinator changes the working days of a tier and the tier of a category on /kelola/pengaduan/batas-waktu, in Indonesian and English', async () => {
    const coord = await signInAs(t, coordinator.userId);
    const page = await coord.get('/kelola/pengaduan/batas-waktu');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Batas waktu penyelesaian pengaduan');
    expect(text).toContain('Kesehatan');
    expect(text).not.toMatch(/complaints\.|segera_|\bkompleks\b/); // names, never codes

    const bad = await coord.post('/kelola/pengaduan/batas-waktu/tingkat', { _csrf: coord.csrfToken(), tier: 'cepat', workingDays: '0' });
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Isi jumlah hari kerja 1 sampai 365.');
    expect(bad.body).toContain('value="0"');
    expect((await coord.post('/kelola/pengaduan/batas-waktu/tingkat', { _csrf: coord.csrfToken(), tier: 'cepat', workingDays: 'tujuh' })).statusCode).toBe(422);
    expect((await coord.post('/kelola/pengaduan/batas-waktu/tingkat', { _csrf: coord.csrfToken(), tier: 'cepat', workingDays: '7' })).statusCode).toBe(303);
    expect((await t.deps.complaints.deadlineRules()).tiers.find((x) => x.code === 'cepat')!.workingDays).toBe(7);

    expect((await coord.post('/kelola/pengaduan/batas-waktu/kategori', { _csrf: coord.csrfToken(), category: 'lainnya', tier: 'segera' })).statusCode).toBe(303);
    expect((await t.deps.complaints.deadlineRules()).categories.find((c) => c.category === 'lainnya')!.tier).toBe('segera');
    expect((await coord.post('/kelola/pengaduan/batas-waktu/kategori', { _csrf: coord.csrfToken(), category: '', tier: 'segera' })).statusCode).toBe(422);
    expect((await coord.post('/kelola/pengaduan/batas-waktu/kategori/lainnya/hapus', { _csrf: coord.csrfToken() })).statusCode).toBe(303);
    expect((await t.deps.complaints.deadlineRules()).categories.some((c) => c.category === 'lainnya')).toBe(false);
    const after = textOf((await coord.get('/kelola/pengaduan/batas-waktu?ok=hapus')).body);
    expect(after).toContain('Kategori dikembalikan ke tingkat bawaan.');
    expect(after).toContain('Cepat — 7 hari kerja');
    expect(await audits('complaint.deadline_rule')).toBeGreaterThanOrEqual(2);
    expect(await audits('complaint.deadline_rule.delete')).toBe(1);

    coord.cookies.set('simpul_lang', 'en');
    const en = await coord.get('/kelola/pengaduan/batas-waktu');
    expect(textOf(en.body)).toContain('Complaint resolution deadlines');
    expect(textOf(en.body)).toContain('Quick — 7 working days');
  });

  it('[C-1] agency staff and guests cannot see or change the rules', async () => {
    const off = await signInAs(t, officer.userId);
    expect((await off.get('/kelola/pengaduan/aturan-disposisi')).statusCode).toBe(403);
    expect((await off.get('/kelola/pengaduan/batas-waktu')).statusCode).toBe(403);
    expect((await off.post('/kelola/pengaduan/batas-waktu/tingkat', { _csrf: off.csrfToken(), tier: 'cepat', workingDays: '1' })).statusCode).toBe(403);
    expect((await off.post('/kelola/pengaduan/aturan-disposisi', { _csrf: off.csrfToken(), category: 'lainnya', agencyId: agencyA.id })).statusCode).toBe(403);
    expect((await t.deps.complaints.deadlineRules()).tiers.find((x) => x.code === 'cepat')!.workingDays).not.toBe(1);
  });
});
