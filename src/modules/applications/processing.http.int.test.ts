// The officers' side of applications through HTTP (P-6, P-3): the work queue, the application
// page with its actions, attachments viewed inline, and the work-queue JSON API.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { apiAs, TEST_PASSWORD, makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs, testApplicantSection, testKtpRequirement, testServiceContent } from '../../../test/factories.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { pdfText } from '../../platform/pdf/pdf-text.ts';
import { fileFromBytes } from '../../platform/storage/upload-file.ts';

let t: TestApp;
let agency: AgencyView;
let other: AgencyView;
const SLUG = `izin-proses-${Date.now().toString(36)}`;

const content = testServiceContent('Izin Uji Proses', {
  requirements: [testKtpRequirement, { key: 'luas', name: 'Luas tempat usaha', kind: 'data', mandatory: true }],
});
const form = {
  sections: [
    testApplicantSection(),
    {
      key: 'usaha',
      title: 'Data usaha',
      fields: [
        { key: 'luas', type: 'number', label: 'Luas tempat usaha (m²)', required: true },
        { key: 'alamat_usaha', type: 'text', label: 'Alamat tempat usaha', required: true },
        { key: 'ktp', type: 'file', label: 'Pindaian KTP', required: true, requirementKey: 'ktp' },
      ],
    },
  ],
};
// Not testSop: the tests read this SOP's own time allowed, branch labels and step names,
// and the survey step can only forward.
const sop = {
  steps: [
    {
      key: 'verifikasi',
      name: 'Verifikasi berkas',
      role: 'verifier',
      timeAllowed: { amount: 2, unit: 'days' },
      actions: ['forward', 'send_back', 'reject'],
      branches: [
        { label: 'Perlu survei lapangan', next: 'survei' },
        { label: 'Tanpa survei', next: 'ttd' },
      ],
    },
    { key: 'survei', name: 'Survei lapangan', role: 'operator', timeAllowed: { amount: 3, unit: 'days' }, actions: ['forward'], next: 'ttd' },
    { key: 'ttd', name: 'Tanda tangan izin', role: 'signing_official', timeAllowed: { amount: 8, unit: 'hours' }, actions: ['approve', 'reject'] },
  ],
};

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

interface Officer {
  userId: string;
  name: string;
  client: TestClient;
}
let verifier1: Officer;
let verifier2: Officer;
let operator: Officer;
let signer: Officer;
let head: Officer;
let outsider: Officer;

async function officer(role: Parameters<typeof makeStaff>[1], a: AgencyView): Promise<Officer> {
  const u = await makeStaff(t, role, a);
  return { userId: u.userId, name: u.name, client: await signInAs(t, u.userId) };
}

/** A citizen submits an application with the KTP attached; returns its tracking number. */
async function submitted(): Promise<string> {
  const c = await makeCitizen(t);
  const s = await t.deps.catalog.getPublished(SLUG);
  const res = await t.deps.applications.save({
    service: s!,
    applicantId: c.userId,
    values: { luas: '120', alamat_usaha: 'Jl. El Tari No. 5, Kupang' },
    files: { ktp: fileFromBytes(pdf, { filename: 'ktp.pdf', declaredType: 'application/pdf' }) },
    submit: true,
    who: { actor: null },
  });
  expect(res.trackingNumber).toBeTruthy();
  return res.trackingNumber!;
}

const pagePath = (tracking: string) => `/kelola/permohonan/${tracking}`;

/** The step visit number the page carries in its hidden fields. */
function seqIn(html: string): string {
  return /name="seq" value="(\d+)"/.exec(html)?.[1] ?? '';
}

/** Opens the application page, then posts a form of it with the page's CSRF token and seq. */
async function postOnPage(o: Officer, tracking: string, suffix: string, fields: Record<string, string | string[]>) {
  const page = await o.client.get(pagePath(tracking));
  expect(page.statusCode).toBe(200);
  const body = new URLSearchParams();
  body.append('_csrf', o.client.csrfToken());
  if (!('seq' in fields)) body.append('seq', seqIn(page.body));
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return o.client.request('POST', `${pagePath(tracking)}/${suffix}`, { payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

async function queueText(o: Officer, query = ''): Promise<string> {
  const res = await o.client.get(`/kelola/antrian-kerja${query}`);
  expect(res.statusCode).toBe(200);
  return res.body;
}

beforeAll(async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-processing-'));
  t = await createTestApp({ requireAdminMfa: false, dataDir });
  agency = await makeAgency(t);
  other = await makeAgency(t);
  // Through the catalogue and workflow services: published, with this file's approved SOP.
  await makeServiceWithSop(t, agency, { slug: SLUG, content, form, sop });
  verifier1 = await officer('verifier', agency);
  verifier2 = await officer('verifier', agency);
  operator = await officer('operator', agency);
  signer = await officer('signing_official', agency);
  head = await officer('agency_admin', agency);
  outsider = await officer('verifier', other);
});
afterAll(async () => t?.close());

describe(`work queue (${engine})`, () => {
  it('[P-6] an unclaimed application is in the queue of every eligible verifier, not of an operator or another agency', async () => {
    const tracking = await submitted();
    for (const v of [verifier1, verifier2]) {
      const html = await queueText(v);
      expect(html).toContain(`href="${pagePath(tracking)}"`);
      const text = textOf(html);
      expect(text).toContain('Antrian kerja');
      expect(text).toContain('Izin Uji Proses');
      expect(text).toContain('Verifikasi berkas');
      expect(text).toContain('Belum diambil');
      expect(text).toMatch(/Tepat waktu|Mendekati batas waktu|Terlambat/);
      // Dates in the table's short form (15 Des 2026 14.05), the full one with the zone on hover.
      expect(text).toMatch(/\d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4} \d{2}\.\d{2}/);
      expect(html).toMatch(/<time [^>]*title="\d{1,2} \w+ \d{4} \d{2}\.\d{2} WITA"/);
      expect(html).toContain(`action="${pagePath(tracking)}/ambil"`);
    }
    expect(await queueText(operator)).not.toContain(tracking);
    expect(await queueText(outsider)).not.toContain(tracking);
    // A citizen has no queue at all.
    const citizen = await signInAs(t, (await makeCitizen(t)).userId);
    expect((await citizen.get('/kelola/antrian-kerja')).statusCode).toBe(403);
  });

  it('[P-6] once one verifier claims it, only he sees it; the supervisor sees it under "Semua di instansi"', async () => {
    const tracking = await submitted();
    await verifier1.client.get('/kelola/antrian-kerja');
    const page = await verifier1.client.get('/kelola/antrian-kerja');
    const seq = new RegExp(`action="${pagePath(tracking)}/ambil"[\\s\\S]*?name="seq" value="(\\d+)"`).exec(page.body)?.[1];
    expect(seq).toBe('1');
    const res = await verifier1.client.post(`${pagePath(tracking)}/ambil`, { _csrf: verifier1.client.csrfToken(), seq: seq!, kembali: 'antrian' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/kelola/antrian-kerja');

    expect(await queueText(verifier2)).not.toContain(tracking);
    const mine = await queueText(verifier1, '?lingkup=assigned');
    expect(mine).toContain(tracking);
    expect(textOf(mine)).toContain(verifier1.name);
    // Supervisors only: a verifier asking for every application gets his own queue, told so.
    const all = await queueText(verifier2, '?lingkup=all');
    expect(textOf(all)).toContain('Sebagian saringan tidak dikenal dan diabaikan.');
    expect(all).not.toContain(tracking);
    const headAll = await queueText(head, '?lingkup=all');
    expect(headAll).toContain(tracking);
    expect(textOf(headAll)).toContain('Semua di instansi');
  });

  it('[P-6] filters narrow the queue and the counts; bad filter values are ignored with a message, never a 500', async () => {
    const tracking = await submitted();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(new Date()); // the region's (WITA) date
    let html = await queueText(verifier2, `?layanan=${SLUG}&tahap=verifikasi&status=submitted&saluran=online&dari=2020-01-01`);
    expect(html).toContain(tracking);
    const total = Number(/id="count-total">(\d+)</.exec(html)?.[1]);
    expect(total).toBeGreaterThanOrEqual(1);
    html = await queueText(verifier2, `?saluran=counter`);
    expect(html).not.toContain(tracking);
    html = await queueText(verifier2, `?tahap=ttd`);
    expect(html).not.toContain(tracking);
    expect(/id="count-total">(\d+)</.exec(html)?.[1]).toBe('0');
    html = await queueText(verifier2, `?sampai=2020-01-01`);
    expect(html).not.toContain(tracking);
    html = await queueText(verifier2, `?dari=31-12-2020&sla=kapan&status=zzz&setelah=zzz&sampai=${today}`);
    expect(html).toContain(tracking);
    const text = textOf(html);
    expect(text).toContain('Tanggal "31-12-2020" diabaikan');
    expect(text).toContain('Sebagian saringan tidak dikenal dan diabaikan.');
    // a NUL byte is not a filter value: refused at the edge with a clear 400, never a 500
    const nul = await verifier2.client.get('/kelola/antrian-kerja?status=%00');
    expect(nul.statusCode).toBe(400);
  });

  it('[P-6] the submission-date filters are days of the region (WITA), not of UTC', async () => {
    const tracking = await submitted();
    // 07.30 WITA on 31 January 2026 is still 30 January in UTC.
    await t.database.db.updateTable('applications').set({ submitted_at: new Date('2026-01-30T23:30:00Z') }).where('tracking_number', '=', tracking).execute();
    expect(await queueText(verifier2, '?dari=2026-01-31&sampai=2026-01-31')).toContain(tracking);
    expect(await queueText(verifier2, '?sampai=2026-01-30')).not.toContain(tracking);
    expect(await queueText(verifier2, '?dari=2026-02-01')).not.toContain(tracking);
    const api = (await apiAs(verifier2.client, 'GET', '/api/v1/work-queue?from=2026-01-31&to=2026-01-31')).json();
    expect(api.items.map((i: { trackingNumber: string }) => i.trackingNumber)).toEqual([tracking]);
  });

  it('[P-6] keyset pages: "Berikutnya" carries the cursor and the next page continues without repeats', async () => {
    await submitted();
    await submitted();
    const first = await apiAs(verifier2.client, 'GET', '/api/v1/work-queue?limit=1');
    expect(first.statusCode).toBe(200);
    const a = first.json();
    expect(a.items).toHaveLength(1);
    expect(a.nextCursor).toBeTruthy();
    const second = (await apiAs(verifier2.client, 'GET', `/api/v1/work-queue?limit=1&cursor=${encodeURIComponent(a.nextCursor)}`)).json();
    expect(second.items).toHaveLength(1);
    expect(second.items[0].trackingNumber).not.toBe(a.items[0].trackingNumber);
    const html = await queueText(verifier2);
    // 25 per page in the back office: with fewer items there is no next link.
    const count = Number(/id="count-total">(\d+)</.exec(html)?.[1]);
    expect(html.includes('rel="next"')).toBe(count > 25);
  });

  it('[P-6] sorting by a header keeps the filters; the application page steps to the previous/next of that queue and an action returns to it with a confirmation', async () => {
    const a = await submitted();
    const b = await submitted();
    const c = await submitted();
    const o = await officer('verifier', agency);
    const queue = '?saluran=online&urut=tracking&arah=turun';
    const html = await queueText(o, queue);
    // The sorted column says so, and its link turns the order round, keeping the filter.
    expect(html).toMatch(/<th scope="col" aria-sort="descending"><a href="\/kelola\/antrian-kerja\?saluran=online&amp;urut=tracking&amp;arah=naik" class="sort-link">/);
    expect(html).toContain('href="/kelola/antrian-kerja?saluran=online&amp;urut=due&amp;arah=naik"');
    const rows = [...html.matchAll(/<th scope="row"[^>]*><a href="\/kelola\/permohonan\/([^"?]+)\?/g)].map((m) => decodeURIComponent(m[1]!));
    expect(rows.indexOf(c)).toBeLessThan(rows.indexOf(b));
    expect(rows.indexOf(b)).toBeLessThan(rows.indexOf(a));
    const kept = 'saluran=online&amp;urut=tracking&amp;arah=turun';
    expect(html).toContain(`href="${pagePath(encodeURIComponent(b))}?${kept}"`);
    // An unknown column is ignored (whitelist), never a 500.
    expect((await o.client.get('/kelola/antrian-kerja?urut=password&arah=turun')).statusCode).toBe(200);
    // The API sorts the same way; a sort it does not know is refused (422) in JSON.
    const byApi = (await apiAs(o.client, 'GET', '/api/v1/work-queue?channel=online&sort=tracking&order=desc&limit=100')).json();
    const apiRows = byApi.items.map((i: { trackingNumber: string }) => i.trackingNumber);
    expect(apiRows.indexOf(c)).toBeLessThan(apiRows.indexOf(b));
    expect((await apiAs(o.client, 'GET', '/api/v1/work-queue?sort=password')).statusCode).toBe(422);

    const page = await o.client.get(`${pagePath(encodeURIComponent(b))}${queue}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="${pagePath(encodeURIComponent(c))}?${kept}" rel="prev" data-queue="prev"`);
    expect(page.body).toContain(`href="${pagePath(encodeURIComponent(a))}?${kept}" rel="next" data-queue="next"`);
    expect(page.body).toContain(`href="/kelola/antrian-kerja?${kept}" data-queue="queue"`);
    expect(page.body).toContain('<kbd>j</kbd>');
    expect(page.body).toContain('<script src="/assets/queue-keys.js" defer');
    expect(textOf(page.body)).toContain('Sebelumnya');
    expect(page.body).toContain(`action="${pagePath(encodeURIComponent(b))}/tindakan?${kept}"`);
    expect((await o.client.get('/assets/queue-keys.js')).statusCode).toBe(200);

    // After the step's action the officer is back in the same queue, told what happened.
    const body = new URLSearchParams({ _csrf: o.client.csrfToken(), seq: seqIn(page.body), aksi: 'reject', note: 'Dokumen tidak sah.' });
    const res = await o.client.request('POST', `${pagePath(encodeURIComponent(b))}/tindakan${queue}`, { payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/kelola/antrian-kerja?saluran=online&urut=tracking&arah=turun&ok=reject&nomor=${encodeURIComponent(b)}`);
    const back = await o.client.get(res.headers.location as string);
    expect(back.body).toContain('role="status"');
    expect(back.body).toMatch(/aria-sort="descending"/);
    // b has left the queue: c and a are now neighbours.
    const again = await o.client.get(`${pagePath(encodeURIComponent(c))}${queue}`);
    expect(again.body).toContain(`href="${pagePath(encodeURIComponent(a))}?${kept}" rel="next"`);
  });

  it('[P-6] the queue and the application page are in English for an officer who chose English', async () => {
    const tracking = await submitted();
    const o = await officer('verifier', agency);
    await o.client.get('/bahasa/en?kembali=/kelola/antrian-kerja');
    const queue = textOf(await queueText(o));
    for (const s of ['Work queue', 'For me', 'In my hands', 'Step deadline', 'Not claimed', 'Claim']) expect(queue).toContain(s);
    expect(queue).not.toContain('Antrian kerja');
    const page = textOf((await o.client.get(pagePath(tracking))).body);
    for (const s of ['Processing steps', 'Send back to the applicant', 'Reject', 'Internal notes', 'In progress']) expect(page).toContain(s);
    expect(page).toMatch(/\d{1,2} \w+ \d{4} \d{2}:\d{2} WITA/);
  });
});

describe(`application page (${engine})`, () => {
  it('[P-6] the page shows the summary, form data, attachments, the step timeline and the actions of the step', async () => {
    const tracking = await submitted();
    const res = await verifier1.client.get(pagePath(tracking));
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Izin Uji Proses (versi 1)');
    expect(text).toContain('Versi 1'); // SOP
    expect(text).toMatch(/NIK 5371\*+\d{4}/);
    expect(text).not.toMatch(/537101120885\d{4}/);
    expect(text).toContain('Luas tempat usaha (m²)');
    expect(text).toContain('Jl. El Tari No. 5, Kupang');
    expect(text).toContain('Lihat ktp.pdf');
    expect(res.body).toContain(`href="${pagePath(tracking)}/lampiran/ktp"`);
    expect(text).toContain('Tahapan proses');
    expect(text).toContain('Verifikasi berkas');
    expect(text).toContain('dari 2 hari');
    expect(text).toContain('Sedang berjalan');
    expect(text).toContain('Permohonan diajukan');
    for (const label of ['Ambil', 'Teruskan', 'Kembalikan ke pemohon', 'Tolak', 'Perlu survei lapangan (lanjut ke Survei lapangan)', 'Tanpa survei (lanjut ke Tanda tangan izin)']) expect(text).toContain(label);
    expect(text).not.toContain('Setujui');
    // The operator of the agency reads it but has nothing to do at this step.
    const op = await operator.client.get(pagePath(tracking));
    expect(op.statusCode).toBe(200);
    expect(textOf(op.body)).toContain('Tidak ada tindakan yang dapat Anda lakukan saat ini.');
    // Unknown numbers are 404.
    expect((await verifier1.client.get('/kelola/permohonan/2026-XYZ-999999')).statusCode).toBe(404);
  });

  it('[P-6] two officers claiming at once: one wins, the other is told who has it (409)', async () => {
    const tracking = await submitted();
    await verifier1.client.get(pagePath(tracking));
    await verifier2.client.get(pagePath(tracking));
    const [a, b] = await Promise.all([
      verifier1.client.post(`${pagePath(tracking)}/ambil`, { _csrf: verifier1.client.csrfToken(), seq: '1' }),
      verifier2.client.post(`${pagePath(tracking)}/ambil`, { _csrf: verifier2.client.csrfToken(), seq: '1' }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([303, 409]);
    const [winner, loser] = a.statusCode === 303 ? [verifier1, b] : [verifier2, a];
    expect(textOf(loser.body)).toContain(`Permohonan ini sedang ditangani oleh ${winner.name}.`);
    const row = await t.database.db.selectFrom('applications').select(['assignee_id', 'status']).where('tracking_number', '=', tracking).executeTakeFirstOrThrow();
    expect(row).toEqual({ assignee_id: winner.userId, status: 'in_process' });
    const page = await winner.client.get(pagePath(tracking));
    expect(textOf(page.body)).toContain('Lepaskan ke antrian');
  });

  it('[P-6] sending back without choosing fields is refused (422) with the note kept; with a field it goes back to the applicant', async () => {
    const tracking = await submitted();
    const note = 'Luas tidak sesuai dengan denah & foto.';
    let res = await postOnPage(verifier1, tracking, 'tindakan', { aksi: 'send_back', note });
    expect(res.statusCode).toBe(422);
    const text = textOf(res.body);
    expect(text).toContain('Pilih paling sedikit satu data yang harus diperbaiki pemohon.');
    expect(res.body).toContain('Luas tidak sesuai dengan denah &amp; foto.</textarea>');
    expect(res.body).toContain('href="#f-send_back-fields"');

    res = await postOnPage(verifier1, tracking, 'tindakan', { aksi: 'send_back', fields: ['luas'], note: '' });
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Tulis catatan untuk pemohon.');
    expect(res.body).toMatch(/value="luas" checked/);

    res = await postOnPage(verifier1, tracking, 'tindakan', { aksi: 'send_back', fields: ['luas', 'alamat_usaha'], note });
    expect(res.statusCode).toBe(303);
    // Back to the queue with a confirmation naming the application.
    expect(res.headers.location).toBe(`/kelola/antrian-kerja?ok=send_back&nomor=${encodeURIComponent(tracking)}`);
    const queue = await verifier1.client.get(res.headers.location as string);
    expect(textOf(queue.body)).toContain('Permohonan dikembalikan kepada pemohon.');
    expect(queue.body).toContain(`href="${pagePath(tracking)}"`);
    const page = textOf((await verifier1.client.get(pagePath(tracking))).body);
    expect(page).toContain('Dikembalikan untuk dilengkapi');
    expect(page).toContain('Data yang harus diperbaiki: Luas tempat usaha (m²), Alamat tempat usaha');
    expect(page).toContain('Dikembalikan ke pemohon');
  });

  it('[P-6] forwarding a branching step needs a choice; the chosen branch is recorded; a stale form gets 409', async () => {
    const tracking = await submitted();
    let res = await postOnPage(verifier2, tracking, 'tindakan', { aksi: 'forward', note: 'Berkas lengkap' });
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Pilih tahap berikutnya.');
    expect(res.body).toContain('Berkas lengkap</textarea>');

    res = await postOnPage(verifier2, tracking, 'tindakan', { aksi: 'forward', option: '1', note: 'Berkas lengkap' });
    expect(res.statusCode).toBe(303);
    const page = textOf((await verifier2.client.get(pagePath(tracking))).body);
    expect(page).toContain('Cabang: Tanpa survei');
    expect(page).toContain('Tanda tangan izin');
    expect(page).toContain('Diteruskan ke tahap berikutnya: Verifikasi berkas → Tanda tangan izin (Tanpa survei)');

    // The same form sent again (seq 1) is told the application has moved on.
    res = await postOnPage(verifier2, tracking, 'tindakan', { aksi: 'forward', option: '1', seq: '1' });
    expect(res.statusCode).toBe(409);
    expect(textOf(res.body)).toContain('Permohonan ini sudah diproses oleh petugas lain; muat ulang halaman.');
    // A tampered seq is a bad request, not a 500.
    expect((await postOnPage(verifier2, tracking, 'tindakan', { aksi: 'forward', seq: 'abc' })).statusCode).toBe(400);
    expect((await postOnPage(verifier2, tracking, 'tindakan', { aksi: 'terbitkan' })).statusCode).toBe(400);
  });

  it('[P-6] [P-8] [P-12] the signing official previews the exact document, signs with his password (a wrong one signs nothing); a verifier cannot act at his step', async () => {
    const tracking = await submitted();
    expect((await postOnPage(verifier1, tracking, 'tindakan', { aksi: 'forward', option: '1' })).statusCode).toBe(303);
    // His page has no action forms now; a hand-made approval of step visit 2 is refused.
    expect((await postOnPage(verifier1, tracking, 'tindakan', { aksi: 'approve', seq: '2' })).statusCode).toBe(403);
    const before = textOf((await signer.client.get(pagePath(tracking))).body);
    expect(before).toContain('Setujui');
    expect(before).not.toContain('Kembalikan ke pemohon');
    // A rejection needs a reason.
    const refused = await postOnPage(signer, tracking, 'tindakan', { aksi: 'reject', note: '  ' });
    expect(refused.statusCode).toBe(422);
    expect(textOf(refused.body)).toContain('Tulis alasan penolakan.');
    // Before signing, the exact document as a preview marked PRATINJAU, its "Yang diizinkan"
    // from the application's data (the service's default template), not the service summary.
    const preview = await signer.client.get(`${pagePath(tracking)}/pratinjau.pdf`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toContain('application/pdf');
    const previewText = pdfText(preview.rawPayload).replace(/\s+/g, ' ');
    for (const s of ['PRATINJAU', 'Yang diizinkan', 'Luas tempat usaha (m²): 120', 'Alamat tempat usaha: Jl. El Tari No. 5, Kupang', signer.name]) expect(previewText).toContain(s);
    expect((await verifier1.client.get(`${pagePath(tracking)}/pratinjau.pdf`)).statusCode).toBe(409);
    expect((await outsider.client.get(`${pagePath(tracking)}/pratinjau.pdf`)).statusCode).toBeGreaterThanOrEqual(403);
    // Approving is signing: a missing or wrong password is refused with a clear message, the
    // note is kept and nothing is signed.
    for (const konfirmasi of ['', 'salah-sandi']) {
      const wrong = await postOnPage(signer, tracking, 'tindakan', { aksi: 'approve', note: 'Sesuai ketentuan.', konfirmasi });
      expect(wrong.statusCode).toBe(422);
      expect(textOf(wrong.body)).toContain(konfirmasi ? 'Kata sandi atau kode verifikasi salah. Tidak ada yang ditandatangani.' : 'Isi kata sandi Anda atau kode dari aplikasi autentikator untuk menandatangani.');
      expect(wrong.body).toContain('Sesuai ketentuan.</textarea>');
      expect(wrong.body).not.toContain('salah-sandi');
    }
    expect((await t.database.db.selectFrom('applications').select('status').where('tracking_number', '=', tracking).executeTakeFirstOrThrow()).status).not.toBe('approved');
    const res = await postOnPage(signer, tracking, 'tindakan', { aksi: 'approve', note: 'Sesuai ketentuan.', konfirmasi: TEST_PASSWORD });
    expect(res.statusCode).toBe(303);
    const page = textOf((await signer.client.get(`${pagePath(tracking)}?ok=approve`)).body);
    expect(page).toContain('Permohonan disetujui.');
    expect(page).toContain('Disetujui');
    expect(page).toContain('Sesuai ketentuan.');
    expect(page).toContain('Tidak ada tindakan yang dapat Anda lakukan saat ini.');
    const row = await t.database.db.selectFrom('applications').select('status').where('tracking_number', '=', tracking).executeTakeFirstOrThrow();
    expect(row.status).toBe('approved');
    // The signed document says what was permitted, from the application's data.
    await t.runJobs();
    const issued = await t.database.db.selectFrom('issued_documents as d').innerJoin('applications as a', 'a.id', 'd.application_id').select(['d.permitted']).where('a.tracking_number', '=', tracking).executeTakeFirstOrThrow();
    expect(issued.permitted).toContain('Luas tempat usaha (m²): 120');
    expect(issued.permitted).toContain('Alamat tempat usaha: Jl. El Tari No. 5, Kupang');
  });

  it('[P-6] the supervisor assigns the step to an eligible officer only', async () => {
    const tracking = await submitted();
    const page = await head.client.get(pagePath(tracking));
    expect(page.body).toContain(`<option value="${verifier2.userId}"`);
    let res = await postOnPage(head, tracking, 'tugaskan', { assignee: operator.userId });
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Pilih petugas yang memegang peran tahap ini di instansi.');
    res = await postOnPage(head, tracking, 'tugaskan', { assignee: verifier2.userId });
    expect(res.statusCode).toBe(303);
    expect(await queueText(verifier2, '?lingkup=assigned')).toContain(tracking);
    expect(await queueText(verifier1)).not.toContain(tracking);
  });

  it('[P-6] internal notes: added by an officer, listed on the page; an empty note is refused', async () => {
    const tracking = await submitted();
    let res = await postOnPage(verifier1, tracking, 'catatan', { body: '   ' });
    expect(res.statusCode).toBe(422);
    res = await postOnPage(verifier1, tracking, 'catatan', { body: 'Hubungi pemohon untuk denah.' });
    expect(res.statusCode).toBe(303);
    const page = textOf((await verifier2.client.get(pagePath(tracking))).body);
    expect(page).toContain('Hubungi pemohon untuk denah.');
    expect(page).toContain(verifier1.name);
  });

  it('[P-6] attachments open inline with their stored content type', async () => {
    const tracking = await submitted();
    const res = await verifier1.client.get(`${pagePath(tracking)}/lampiran/ktp`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^inline; filename="ktp.pdf"/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect((await verifier1.client.get(`${pagePath(tracking)}/lampiran/tidak-ada`)).statusCode).toBe(404);
  });

  it('[P-6] an officer of another agency gets 403 on the page, the attachment, the actions and the API', async () => {
    const tracking = await submitted();
    expect((await outsider.client.get(pagePath(tracking))).statusCode).toBe(403);
    expect((await outsider.client.get(`${pagePath(tracking)}/lampiran/ktp`)).statusCode).toBe(403);
    await outsider.client.get('/kelola/antrian-kerja');
    const post = await outsider.client.post(`${pagePath(tracking)}/ambil`, { _csrf: outsider.client.csrfToken(), seq: '1' });
    expect(post.statusCode).toBe(403);
    expect((await apiAs(outsider.client, 'GET', `/api/v1/work-queue/${tracking}`)).statusCode).toBe(403);
    expect((await apiAs(outsider.client, 'POST', `/api/v1/work-queue/${tracking}/claim`, { seq: 1 })).statusCode).toBe(403);
    const row = await t.database.db.selectFrom('applications').select('assignee_id').where('tracking_number', '=', tracking).executeTakeFirstOrThrow();
    expect(row.assignee_id).toBeNull();
  });
});

describe(`work-queue API (${engine})`, () => {
  it('[P-6] [P-3] claim and act through the API; a second claim gets 409 in JSON; the detail has steps and history', async () => {
    const tracking = await submitted();
    const queue = (await apiAs(verifier1.client, 'GET', `/api/v1/work-queue?service=${SLUG}&step=verifikasi`)).json();
    const item = queue.items.find((i: { trackingNumber: string }) => i.trackingNumber === tracking);
    expect(item).toMatchObject({ status: 'submitted', step: { key: 'verifikasi', role: 'verifier' }, seq: 1, assignee: null, channel: 'online' });
    expect(queue.counts.total).toBeGreaterThanOrEqual(1);
    expect(queue.counts.onTime + queue.counts.nearing + queue.counts.overdue).toBe(queue.counts.total);

    let res = await apiAs(verifier1.client, 'POST', `/api/v1/work-queue/${tracking}/claim`, { seq: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'in_process', assignee: { id: verifier1.userId }, can: { claim: false, release: true } });
    expect(res.json().forwardOptions).toHaveLength(2);

    res = await apiAs(verifier2.client, 'POST', `/api/v1/work-queue/${tracking}/claim`, { seq: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(`Permohonan ini sedang ditangani oleh ${verifier1.name}.`);

    res = await apiAs(verifier1.client, 'POST', `/api/v1/work-queue/${tracking}/actions`, { action: 'forward', seq: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual([{ field: 'option', message: 'Pilih tahap berikutnya.' }]);
    res = await apiAs(verifier1.client, 'POST', `/api/v1/work-queue/${tracking}/actions`, { action: 'forward', seq: 1, option: 0, note: 'Perlu dicek di lokasi' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ seq: 2, step: { key: 'survei' }, assignee: null, can: { act: [] } });

    res = await apiAs(verifier1.client, 'POST', `/api/v1/work-queue/${tracking}/notes`, { body: 'Jadwalkan survei hari Senin.' });
    expect(res.statusCode).toBe(201);
    expect(res.json().notes[0]).toMatchObject({ author: verifier1.name, body: 'Jadwalkan survei hari Senin.' });

    const detail = await apiAs(operator.client, 'GET', `/api/v1/work-queue/${tracking}`);
    expect(detail.statusCode).toBe(200);
    const d = detail.json();
    expect(d).toMatchObject({ trackingNumber: tracking, service: { slug: SLUG, version: 1 }, sopVersion: 1, channel: 'online', data: { luas: 120 }, can: { claim: true, act: ['forward'] } });
    expect(d.applicant.nikMasked).toMatch(/^5371\*+\d{4}$/);
    expect(d.attachments).toEqual([expect.objectContaining({ field: 'ktp', name: 'ktp.pdf', contentType: 'application/pdf', url: `/kelola/permohonan/${tracking}/lampiran/ktp` })]);
    expect(d.steps.map((s: { stepKey: string; outcome: string | null; branchLabel: string | null }) => [s.stepKey, s.outcome, s.branchLabel])).toEqual([
      ['verifikasi', 'forward', 'Perlu survei lapangan'],
      ['survei', null, null],
    ]);
    expect(d.steps[0].usedMs).toBeGreaterThanOrEqual(0);
    expect(d.steps[0].allowedMs).toBeGreaterThan(0);
    expect(d.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'submitted', 'claimed', 'forwarded']);
    expect(d.notes).toHaveLength(1);

    // The operator's queue now has it; stale and unknown requests are 4xx.
    const opQueue = (await apiAs(operator.client, 'GET', '/api/v1/work-queue')).json();
    expect(opQueue.items.map((i: { trackingNumber: string }) => i.trackingNumber)).toContain(tracking);
    expect((await apiAs(operator.client, 'POST', `/api/v1/work-queue/${tracking}/claim`, { seq: 1 })).statusCode).toBe(409);
    expect((await apiAs(operator.client, 'POST', `/api/v1/work-queue/${tracking}/actions`, { action: 'approve', seq: 2 })).statusCode).toBe(409);
    expect((await apiAs(operator.client, 'GET', '/api/v1/work-queue?from=kemarin')).statusCode).toBe(422);
    expect((await apiAs(operator.client, 'GET', '/api/v1/work-queue/2026-XYZ-000001')).statusCode).toBe(404);
  });

  it('[P-6] signed-out callers get 401 and citizens 403', async () => {
    expect((await new TestClient(t.app).api('GET', '/api/v1/work-queue')).statusCode).toBe(401);
    const citizen = await signInAs(t, (await makeCitizen(t)).userId);
    expect((await apiAs(citizen, 'GET', '/api/v1/work-queue')).statusCode).toBe(403);
  });

  it('[P-6] the OpenAPI document has the work-queue operations', async () => {
    const res = await new TestClient(t.app).api('GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId: string; tags: string[] }>>)
      .flatMap((p) => Object.values(p))
      .filter((o) => o.tags.includes('work-queue'))
      .map((o) => o.operationId)
      .sort();
    expect(ops).toEqual(['actOnWorkItem', 'addWorkItemNote', 'assignWorkItem', 'claimWorkItem', 'getWorkItem', 'listWorkQueue', 'releaseWorkItem']);
    expect(doc.paths['/api/v1/work-queue/{tracking}/actions'].post.requestBody).toBeTruthy();
    for (const id of ['WorkQueuePage', 'WorkQueueItem', 'WorkItem', 'WorkItemState', 'StepVisit']) expect(doc.components.schemas[id]).toBeTruthy();
  });
});
