// Whistleblowing attachments (C-2) on both engines: a guest's report and message carry files
// that are stored with their metadata stripped; what cannot be cleaned is refused with the
// reporter's words kept; only the investigating unit downloads them, each download audited —
// not a super administrator, not the complaints coordinator; a guessed code reveals nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeStaff, signInAs, type TestUser } from '../../../test/factories.ts';
import { multipart, TestClient, textOf } from '../../../test/http.ts';
import { jpegWithExif, pdfWithInfo } from './metadata-strip.fixtures.ts';
import { can } from '../../platform/auth/policy.ts';

let t: TestApp;
let investigator: TestUser;
let superAdmin: TestUser;
let coordinator: TestUser;
type AnyDb = Kysely<Record<string, Record<string, unknown>>>;
const db = () => t.database.db as unknown as AnyDb;

const REPORT = { title: 'Pungutan liar di loket perizinan', body: 'Petugas loket meminta uang tambahan Rp 100.000 agar izin cepat terbit, terlihat di foto terlampir.' };
const withoutCsrf = (html: string) => textOf(html).replace(/[A-Za-z0-9_-]{20,}/g, '');

async function fileReport(files: Parameters<typeof multipart>[1], fields: Record<string, string> = {}) {
  const guest = new TestClient(t.app);
  await guest.get('/wbs');
  const body = multipart({ _csrf: guest.csrfToken(), ...REPORT, ...fields }, files);
  const res = await guest.request('POST', '/wbs', body);
  return { guest, res };
}

beforeAll(async () => {
  t = await createTestApp();
  investigator = await makeStaff(t, 'wbs_investigator', null);
  superAdmin = await makeStaff(t, 'super_admin', null);
  coordinator = await makeStaff(t, 'complaint_coordinator', null);
});
afterAll(async () => {
  await t?.close();
});

describe('whistleblowing attachments', () => {
  it('[C-2] a photo and a PDF are stored without their metadata; only the investigator downloads them, audited; super admin and coordinator get 403', async () => {
    const photo = jpegWithExif();
    const { guest, res } = await fileReport([{ field: 'attachment', name: 'IMG_2031 Budi.jpg', type: 'image/jpeg', bytes: photo }]);
    expect(res.statusCode).toBe(201);
    const code = /<strong class="mono">([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})<\/strong>/.exec(res.body)![1]!;
    const number = /WBS-\d{4}-\d{6}/.exec(textOf(res.body))![0];
    const report = (await db().selectFrom('wbs_reports').select(['id']).where('number', '=', number).executeTakeFirstOrThrow()) as { id: string };
    const rows = (await db().selectFrom('wbs_attachments').selectAll().where('report_id', '=', report.id).execute()) as { id: string; storage_key: string; size_bytes: number; message_id: string | null; content_type: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.content_type).toBe('image/jpeg');
    const stored = (await t.deps.storage.get(rows[0]!.storage_key))!;
    expect(stored.length).toBe(rows[0]!.size_bytes);
    expect(stored.length).toBeLessThan(photo.length);
    expect(stored.toString('latin1')).not.toContain('Budi');
    expect(stored.toString('latin1')).not.toContain('Exif');

    // The reporter answers with a PDF by the code: its author fields are blanked.
    await guest.get('/wbs/lacak');
    await guest.request('POST', '/wbs/lacak', { payload: new URLSearchParams({ _csrf: guest.csrfToken(), kode: code }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const msg = await guest.request('POST', '/wbs/lacak/pesan', multipart({ _csrf: guest.csrfToken(), kode: code, message: 'Berikut kuitansi yang diberikan petugas.' }, [{ field: 'attachment', name: 'kuitansi.pdf', type: 'application/pdf', bytes: pdfWithInfo() }]));
    expect(msg.statusCode).toBe(200);
    const all = (await db().selectFrom('wbs_attachments').selectAll().where('report_id', '=', report.id).orderBy('created_at').execute()) as { id: string; storage_key: string; message_id: string | null }[];
    expect(all).toHaveLength(2);
    expect(all[1]!.message_id).not.toBeNull();
    const pdf = (await t.deps.storage.get(all[1]!.storage_key))!.toString('latin1');
    expect(pdf).not.toContain('Budi');
    expect(pdf).toContain('%PDF-1.4');

    // The investigator sees both links and downloads; each download is audited.
    const inv = await signInAs(t, investigator.userId);
    const detail = await inv.get(`/kelola/wbs/${report.id}`);
    expect(detail.statusCode).toBe(200);
    for (const a of all) expect(detail.body).toContain(`/kelola/wbs/${report.id}/lampiran/${a.id}`);
    const dl = await inv.get(`/kelola/wbs/${report.id}/lampiran/${all[0]!.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toMatch(/image\/jpeg/);
    expect(dl.headers['cache-control']).toContain('no-store');
    expect(dl.rawPayload.equals(stored)).toBe(true);
    const audits = (await db().selectFrom('audit_events').select(['action', 'actor_id']).where('entity_id', '=', report.id).execute()) as { action: string; actor_id: string | null }[];
    expect(audits.filter((a) => a.action === 'wbs.attachment.read' && a.actor_id === investigator.userId)).toHaveLength(1);

    // Nobody else: not a super administrator, not the complaints coordinator, not a guest.
    // (A super administrator without TOTP enrolled is first sent to enrol: 303; the policy refuses either way.)
    expect(can({ userId: superAdmin.userId, kind: 'staff', name: superAdmin.name, locale: 'id', grants: [{ role: 'super_admin', agencyId: null }], mfaPassed: true, mfaEnrolled: true, sessionId: null, via: 'session' }, 'wbs.investigate')).toBe(false);
    const admin = await (await signInAs(t, superAdmin.userId)).get(`/kelola/wbs/${report.id}/lampiran/${all[0]!.id}`);
    expect([303, 403]).toContain(admin.statusCode);
    expect(admin.rawPayload.equals(stored)).toBe(false);
    expect((await (await signInAs(t, coordinator.userId)).get(`/kelola/wbs/${report.id}/lampiran/${all[0]!.id}`)).statusCode).toBe(403);
    expect((await new TestClient(t.app).get(`/kelola/wbs/${report.id}/lampiran/${all[0]!.id}`)).statusCode).not.toBe(200);
    // Another report's id with this attachment id: not found.
    expect((await inv.get(`/kelola/wbs/00000000-0000-4000-8000-000000000000/lampiran/${all[0]!.id}`)).statusCode).toBe(404);
  });

  it('[C-2] a file that cannot be cleaned (PDF with a packed Info dictionary) or of another type is refused with a clear message; the words typed are kept', async () => {
    const packed = Buffer.from('%PDF-1.5\n1 0 obj << /Type /Catalog >> endobj\n5 0 obj << /Type /ObjStm /N 1 /Filter /FlateDecode >> stream\nxx\nendstream endobj\ntrailer << /Root 1 0 R /Info 9 0 R >>\n%%EOF\n');
    const before = Number(((await db().selectFrom('wbs_reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()) as { n: string | number }).n);
    const { res } = await fileReport([{ field: 'attachment', name: 'laporan.pdf', type: 'application/pdf', bytes: packed }], { name: 'Saksi' });
    expect(res.statusCode).toBe(422);
    const text = textOf(res.body);
    expect(text).toContain('tidak dapat kami hapus dengan aman');
    expect(res.body).toContain(REPORT.body);
    expect(res.body).toContain('value="Saksi"');
    const gif = await fileReport([{ field: 'attachment', name: 'a.gif', type: 'image/gif', bytes: Buffer.from('GIF89a\x01\0\x01\0\0\0\0;') }]);
    expect(gif.res.statusCode).toBe(422);
    expect(textOf(gif.res.body)).toContain('harus foto JPEG/PNG atau PDF');
    const after = Number(((await db().selectFrom('wbs_reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()) as { n: string | number }).n);
    expect(after).toBe(before);
  });

  it('[C-2] a guessed code reveals nothing: the same answer as an unknown or malformed code, for following and for messages', async () => {
    const guest = new TestClient(t.app);
    await guest.get('/wbs/lacak');
    const post = (url: string, fields: Record<string, string>) => guest.request('POST', url, { payload: new URLSearchParams({ _csrf: guest.csrfToken(), ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const guessed = await post('/wbs/lacak', { kode: 'ABCD-EFGH-JKLM-NPQR' });
    const malformed = await post('/wbs/lacak', { kode: 'x' });
    expect(guessed.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(guessed.statusCode);
    expect(withoutCsrf(malformed.body)).toBe(withoutCsrf(guessed.body));
    const msg = await guest.request('POST', '/wbs/lacak/pesan', multipart({ _csrf: guest.csrfToken(), kode: 'ABCD-EFGH-JKLM-NPQR', message: 'halo' }, [{ field: 'attachment', name: 'f.jpg', type: 'image/jpeg', bytes: jpegWithExif() }]));
    expect(msg.statusCode).toBe(404);
    expect(withoutCsrf(msg.body)).toBe(withoutCsrf(guessed.body));
    expect(Number(((await db().selectFrom('wbs_messages').select((eb) => eb.fn.countAll().as('n')).where('body', '=', 'halo').executeTakeFirstOrThrow()) as { n: string | number }).n)).toBe(0);
  });

  it('[C-2] [C-4] the API files a report, follows it and writes with the code; a guessed code is a 404 like any unknown one', async () => {
    const call = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, payload: payload as object, remoteAddress: '10.20.30.40' });
    const made = await call('/api/v1/wbs/reports', { title: 'Pemotongan honor kegiatan', body: 'Honor narasumber dipotong 20 persen oleh bendahara tanpa dasar aturan apa pun.' });
    expect(made.statusCode).toBe(201);
    const { number, code } = made.json() as { number: string; code: string };
    expect(number).toMatch(/^WBS-\d{4}-\d{6}$/);
    expect((await call('/api/v1/wbs/messages', { code, message: 'Bukti transfer ada pada saya.' })).statusCode).toBe(201);
    const followed = await call('/api/v1/wbs/follow', { code });
    expect(followed.statusCode).toBe(200);
    expect(followed.headers['cache-control']).toContain('no-store');
    const view = followed.json() as { number: string; status: string; messages: { sender: string; body: string }[] };
    expect(view.number).toBe(number);
    expect(view.messages).toEqual([expect.objectContaining({ sender: 'reporter', body: 'Bukti transfer ada pada saya.' })]);
    const guessed = await call('/api/v1/wbs/follow', { code: 'ABCD-EFGH-JKLM-NPQR' });
    const unknown = await call('/api/v1/wbs/follow', { code: 'zz' });
    expect(guessed.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(guessed.body).toBe(unknown.body);
  });
});
