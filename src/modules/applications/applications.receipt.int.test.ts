import fs from 'node:fs/promises';
import { openPerson } from '../identity/index.ts';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { multipart, TestClient, textOf, tinyPdf, type MultipartFile } from '../../../test/http.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs, testApplicantSection, testServiceContent } from '../../../test/factories.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { pdfText } from '../../platform/pdf/pdf-text.ts';
import { formatDateTime } from '../../platform/views/i18n.ts';

let t: TestApp;
let agency: AgencyView;
let otherAgency: AgencyView;
const SLUG = 'izin-reklame-uji';

const content = testServiceContent('Izin Reklame', {
  nameEn: 'Billboard Permit',
  requirements: [
    { key: 'ktp', name: 'KTP pemohon', kind: 'document', mandatory: true, fileTypes: ['application/pdf'], maxSizeMb: 1 },
    { key: 'desain', name: 'Desain reklame', kind: 'document', mandatory: false, fileTypes: ['application/pdf'], maxSizeMb: 1 },
    { key: 'ukuran', name: 'Ukuran reklame', kind: 'data', mandatory: true },
  ],
});
const form = {
  sections: [
    testApplicantSection(),
    {
      key: 'reklame',
      title: 'Reklame',
      fields: [
        { key: 'ukuran', type: 'number', label: 'Ukuran (m²)', required: true, rules: { min: 1 } },
        { key: 'ktp', type: 'file', label: 'KTP', required: true, requirementKey: 'ktp' },
        { key: 'desain', type: 'file', label: 'Desain', requirementKey: 'desain' },
      ],
    },
  ],
};

const pdf = tinyPdf;
type File = MultipartFile;
const ktp: File = { field: 'ktp', name: 'ktp-maria.pdf', type: 'application/pdf', bytes: pdf };


const trackingOf = (location: unknown) => /\/permohonan\/([^/]+)\/tanda-terima/.exec(String(location ?? ''))?.[1] ?? '';

async function citizen() {
  const u = await makeCitizen(t);
  const nik = openPerson(await t.database.db.selectFrom('users').select('nik').where('id', '=', u.userId).executeTakeFirstOrThrow()).nik!;
  return { ...u, nik, client: await signInAs(t, u.userId) };
}

/** A citizen applies online; returns the tracking number. */
async function applyOnline(c: TestClient): Promise<string> {
  const page = await c.get(`/layanan/${SLUG}/ajukan`);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const res = await c.request('POST', `/layanan/${SLUG}/ajukan`, multipart({ _csrf: c.csrfToken(), idempotency_key: key, ukuran: '6' }, [ktp]));
  expect(res.statusCode).toBe(303);
  return trackingOf(res.headers.location);
}

/** A counter officer files for the person; returns the tracking number. */
async function fileAtCounter(o: TestClient, personId: string): Promise<string> {
  const url = `/kelola/loket/layanan/${SLUG}?pemohon=${personId}`;
  const page = await o.get(url);
  expect(page.statusCode).toBe(200);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const res = await o.request('POST', url, multipart({ _csrf: o.csrfToken(), idempotency_key: key, ukuran: '4' }, [ktp]));
  expect(res.statusCode).toBe(303);
  return trackingOf(res.headers.location);
}

function expectPdf(res: { statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer }): string {
  expect(res.statusCode).toBe(200);
  expect(String(res.headers['content-type'])).toMatch(/^application\/pdf/);
  expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(res.rawPayload.subarray(-8).toString('latin1')).toContain('%%EOF');
  return pdfText(res.rawPayload);
}

const flat = (text: string) => text.replace(/\n/g, '');

beforeAll(async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-receipt-'));
  t = await createTestApp({ requireAdminMfa: false, dataDir });
  agency = await makeAgency(t, { address: 'Jl. El Tari No. 52, Kupang', phone: '0380-821234', email: 'reklame@ujiprov.go.id' });
  otherAgency = await makeAgency(t);
  // Through the catalogue and workflow services: published, with an approved SOP.
  await makeServiceWithSop(t, agency, { slug: SLUG, content, form });
});
afterAll(async () => t?.close());

describe(`receipt as PDF (${engine})`, () => {
  it('[P-3] the applicant downloads the receipt as PDF', async () => {
    const p = await citizen();
    const tracking = await applyOnline(p.client);
    expect(tracking).not.toBe('');
    const html = await p.client.get(`/permohonan/${tracking}/tanda-terima`);
    expect(html.body).toContain(`href="/permohonan/${tracking}/tanda-terima.pdf"`);
    expect(textOf(html.body)).toContain('Unduh PDF');

    const res = await p.client.get(`/permohonan/${tracking}/tanda-terima.pdf`);
    const text = expectPdf(res);
    expect(String(res.headers['content-disposition'])).toBe(`inline; filename="tanda-terima-${tracking}.pdf"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const row = await t.database.db.selectFrom('applications').select(['submitted_at']).where('tracking_number', '=', tracking).executeTakeFirstOrThrow();
    const region = await t.deps.region();
    for (const s of [
      region.name.toUpperCase(),
      agency.name.toUpperCase(),
      'Jl. El Tari No. 52, Kupang',
      'Telp. 0380-821234 · reklame@ujiprov.go.id',
      'TANDA TERIMA PERMOHONAN',
      tracking,
      'Izin Reklame',
      'Versi 1, diterbitkan',
      'Warga Uji',
      `${p.nik.slice(0, 4)}********${p.nik.slice(-4)}`,
      'Daring',
      formatDateTime('id', row.submitted_at!, region.timeZone),
      'KTP pemohon (wajib)',
      'ktp-maria.pdf (1 KB)',
      'Desain reklame (tidak wajib)',
      'Tidak dilampirkan',
      'Halaman 1 dari 1',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain(p.nik);
    // The way to track it: /lacak, the number and the last 4 digits; the QR code's address.
    expect(flat(text)).toContain(`${t.deps.config.baseUrl}/lacak dengan nomor permohonan ${tracking} dan 4 angka terakhir`);
    expect(flat(text)).toContain(`${t.deps.config.baseUrl}/lacak?nomor=${tracking}`);
    expect(res.rawPayload.toString('latin1')).toMatch(/\/Subtype \/Image/);

    // The same receipt every time (dated by its submission).
    const again = await p.client.get(`/permohonan/${tracking}/tanda-terima.pdf`);
    expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
  });

  it('[P-3] the QR code\'s address opens the tracking page with the number filled in', async () => {
    const p = await citizen();
    const tracking = await applyOnline(p.client);
    const page = await new TestClient(t.app).get(`/lacak?nomor=${tracking}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`name="nomor" type="text" value="${tracking}"`);
    expect(textOf(page.body)).not.toContain('Permohonan tidak ditemukan');
    const found = await new TestClient(t.app).get(`/lacak?nomor=${tracking}&akhir=${p.nik.slice(-4)}`);
    expect(found.statusCode).toBe(200);
    expect(textOf(found.body)).toContain('Izin Reklame');
  });

  it('[P-3] the receipt is in English for a person who chose English', async () => {
    const p = await citizen();
    const tracking = await applyOnline(p.client);
    p.client.cookies.set('simpul_lang', 'en');
    const text = expectPdf(await p.client.get(`/permohonan/${tracking}/tanda-terima.pdf`));
    for (const s of ['APPLICATION RECEIPT', 'Billboard Permit', 'Version 1, published', 'Online', 'KTP pemohon (mandatory)', 'Not attached', 'Page 1 of 1', 'Tel. 0380-821234']) expect(text).toContain(s);
    expect(text).not.toContain('TANDA TERIMA PERMOHONAN');
  });

  it('[P-3] another applicant gets 404; someone signed out is sent to sign in', async () => {
    const p = await citizen();
    const tracking = await applyOnline(p.client);
    const other = await citizen();
    const res = await other.client.get(`/permohonan/${tracking}/tanda-terima.pdf`);
    expect(res.statusCode).toBe(404);
    expect(String(res.headers['content-type'])).not.toMatch(/pdf/);
    expect((await other.client.get('/permohonan/2026-TIDAK-ADA-000001/tanda-terima.pdf')).statusCode).toBe(404);
    const anon = await new TestClient(t.app).get(`/permohonan/${tracking}/tanda-terima.pdf`);
    expect(anon.statusCode).toBe(303);
    expect(String(anon.headers.location)).toMatch(/^\/masuk\?kembali=/);
  });

  it('[P-1] staff of another agency cannot get the receipt (404), staff without the counter role get 403', async () => {
    const p = await citizen();
    const tracking = await applyOnline(p.client);
    const foreign = await signInAs(t, (await makeStaff(t, 'counter_officer', otherAgency)).userId);
    expect((await foreign.get(`/kelola/loket/permohonan/${tracking}/tanda-terima.pdf`)).statusCode).toBe(404);
    expect((await foreign.get(`/permohonan/${tracking}/tanda-terima.pdf`)).statusCode).toBe(404);
    const verifier = await signInAs(t, (await makeStaff(t, 'verifier', agency)).userId);
    expect((await verifier.get(`/kelola/loket/permohonan/${tracking}/tanda-terima.pdf`)).statusCode).toBe(403);
    expect((await p.client.get(`/kelola/loket/permohonan/${tracking}/tanda-terima.pdf`)).statusCode).toBe(403);
  });

  it('[P-1] the counter officer of the agency gets the PDF after filing, and any officer of the agency can reprint it', async () => {
    const p = await citizen();
    const officer = await signInAs(t, (await makeStaff(t, 'counter_officer', agency)).userId);
    const tracking = await fileAtCounter(officer, p.userId);
    // The page after filing offers the PDF.
    const receipt = await officer.get(`/permohonan/${tracking}/tanda-terima`);
    expect(receipt.body).toContain(`href="/permohonan/${tracking}/tanda-terima.pdf"`);
    const text = expectPdf(await officer.get(`/permohonan/${tracking}/tanda-terima.pdf`));
    expect(text).toContain(tracking);
    expect(text).toContain('Loket');

    // Another officer of the same agency, from the counter page's reprint form.
    const colleague = await signInAs(t, (await makeStaff(t, 'counter_officer', agency)).userId);
    const counter = await colleague.get('/kelola/loket');
    expect(counter.body).toContain('action="/kelola/loket/tanda-terima"');
    expect(textOf(counter.body)).toContain('Cetak ulang tanda terima');
    const go = await colleague.get(`/kelola/loket/tanda-terima?nomor=${encodeURIComponent(` ${tracking.toLowerCase()} `)}`);
    expect(go.statusCode).toBe(303);
    expect(go.headers.location).toBe(`/kelola/loket/permohonan/${tracking}/tanda-terima.pdf`);
    const reprint = expectPdf(await colleague.get(String(go.headers.location)));
    expect(reprint).toContain(tracking);
    expect(reprint).toContain(`${p.nik.slice(0, 4)}********${p.nik.slice(-4)}`);
    // The applicant has the same receipt.
    const own = await p.client.get(`/permohonan/${tracking}/tanda-terima.pdf`);
    expect(pdfText(own.rawPayload)).toBe(reprint);

    // Bad input in the reprint form: back to the counter, or not found.
    expect((await colleague.get('/kelola/loket/tanda-terima?nomor=')).headers.location).toBe('/kelola/loket');
    expect((await colleague.get('/kelola/loket/tanda-terima?nomor=%3Cscript%3E')).statusCode).toBe(404);
    expect((await colleague.get('/kelola/loket/permohonan/2026-TIDAK-ADA-000001/tanda-terima.pdf')).statusCode).toBe(404);
  });
});
