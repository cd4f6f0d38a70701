import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeStaff, signInAs } from '../../../test/factories.ts';
import { textOf, type TestClient } from '../../../test/http.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';

let t: TestApp;
let agency: AgencyView;
let operator: TestClient;
let head: TestClient;
let outsider: TestClient;

let serial = 0;
async function makeService(agencyId: string, name: string): Promise<string> {
  const slug = `layanan-bo-${serial++}-${Date.now().toString(36)}`;
  await t.database.db
    .insertInto('services')
    .values({ agency_id: agencyId, slug, draft_content: JSON.stringify({ name, summary: 'Uji' }), draft_form: JSON.stringify({ sections: [] }) })
    .execute();
  return slug;
}

const step = (over: Record<string, string>) => ({ key: 'ttd', name: 'Tanda tangan', role: 'signing_official', amount: '2', unit: 'days', action_approve: '1', action_reject: '1', ...over });

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  agency = await makeAgency(t);
  operator = await signInAs(t, (await makeStaff(t, 'operator', agency)).userId);
  head = await signInAs(t, (await makeStaff(t, 'agency_admin', agency)).userId);
  outsider = await signInAs(t, (await makeStaff(t, 'operator', await makeAgency(t))).userId);
});

afterAll(async () => {
  await t?.close();
});

describe('SOP back office', () => {
  it('[P-6] an operator builds a draft step by step and submits; the head approves after confirming', async () => {
    const slug = await makeService(agency.id, 'Izin Reklame Uji');
    const base = `/kelola/layanan/${slug}/sop`;
    let res = await operator.get(base);
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body)).toContain('Belum ada SOP yang disetujui.');
    res = await operator.submit(`${base}/draf`, {}, base);
    expect(res.statusCode).toBe(303);

    // First step: verification with a decision branch; the target does not exist yet, so the page lists the problem.
    res = await operator.submit(`${base}/langkah/baru`, step({ key: 'verifikasi', name: 'Verifikasi berkas', role: 'verifier', action_approve: '', action_reject: '1', action_forward: '1', branches: 'Perlu survei lapangan => survei\nTidak => ttd' }));
    expect(res.statusCode).toBe(303);
    res = await operator.get(base);
    expect(textOf(res.body)).toContain('menuju langkah "survei" yang tidak ada');
    res = await operator.submit(`${base}/langkah/baru`, step({ key: 'survei', name: 'Survei lapangan', role: 'operator', action_approve: '', action_reject: '', action_forward: '1', next: 'ttd' }));
    expect(res.statusCode).toBe(303);
    res = await operator.submit(`${base}/langkah/baru`, step({}));
    expect(res.statusCode).toBe(303);
    res = await operator.get(base);
    expect(textOf(res.body)).toContain('"Perlu survei lapangan" → Survei lapangan');
    expect(textOf(res.body)).not.toContain('Yang masih perlu diperbaiki');

    // Move the last step up and back down again; the order shows on the page.
    expect((await operator.submit(`${base}/langkah/2/naik`, {}, base)).statusCode).toBe(303);
    expect((await operator.submit(`${base}/langkah/1/turun`, {}, base)).statusCode).toBe(303);

    res = await operator.submit(`${base}/ajukan`, {}, base);
    expect(res.statusCode).toBe(303);
    res = await operator.get(`${base}?pesan=diajukan`);
    expect(textOf(res.body)).toContain('Menunggu persetujuan');
    expect(res.body).not.toContain(`action="${base}/setujui"`);

    // The head must tick the confirmation.
    res = await head.submit(`${base}/setujui`, {}, base);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('error-summary');
    res = await head.submit(`${base}/setujui`, { confirm: '1' }, base);
    expect(res.statusCode).toBe(303);
    res = await head.get(base);
    expect(textOf(res.body)).toContain('Versi 1');
    expect(textOf(res.body)).toContain('Tidak ada versi yang sedang disusun.');
  });

  it('[P-6][S-5] a bad step comes back with an error summary and the values typed', async () => {
    const slug = await makeService(agency.id, 'Izin Uji Salah');
    const base = `/kelola/layanan/${slug}/sop`;
    await operator.submit(`${base}/draf`, {}, base);
    const res = await operator.submit(`${base}/langkah/baru`, step({ key: 'Kode Salah!', name: 'Langkah tersimpan', amount: '0', action_approve: '', action_reject: '' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('error-summary');
    expect(res.body).toContain('value="Langkah tersimpan"');
    expect(res.body).toContain('value="Kode Salah!"');
    const res2 = await operator.submit(`${base}/langkah/baru`, step({ key: 'Kode Salah!' }));
    expect(res2.statusCode).toBe(422);
    expect(textOf(res2.body)).toContain('Kode langkah hanya huruf kecil');
    const res3 = await operator.submit(`${base}/tinjauan`, { reviewMonths: '24' }, base);
    expect(res3.statusCode).toBe(422);
    expect(textOf(res3.body)).toContain('Jangka tinjauan antara 1 dan 12 bulan.');
  });

  it('[P-6] the SOP list flags overdue reviews first', async () => {
    const slug = await makeService(agency.id, 'Izin AAA Tinjauan Lewat');
    const svc = await t.database.db.selectFrom('services').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('sops')
      .values({ service_id: svc.id, version: 1, status: 'approved', definition: JSON.stringify({ steps: [] }), approved_at: new Date('2024-01-01'), next_review_at: '2025-01-01' })
      .execute();
    const res = await operator.get('/kelola/sop');
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Tinjauan terlambat');
    const rows = res.body.split('<tr').slice(2);
    expect(rows[0]).toContain('Izin AAA Tinjauan Lewat');
    expect((await head.get('/kelola')).body).toContain('href="/kelola/sop"');
  });

  it('[S-1] staff of another agency get 403 on the SOP pages and actions', async () => {
    const slug = await makeService(agency.id, 'Izin Rahasia');
    const base = `/kelola/layanan/${slug}/sop`;
    expect((await outsider.get(base)).statusCode).toBe(403);
    await outsider.get('/kelola/sop');
    expect((await outsider.post(`${base}/draf`, { _csrf: outsider.csrfToken() })).statusCode).toBe(403);
    expect(textOf((await outsider.get('/kelola/sop')).body)).not.toContain('Izin Rahasia');
  });
});
