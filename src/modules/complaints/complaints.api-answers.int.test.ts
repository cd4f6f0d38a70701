// The survey (IKM) and whistleblowing attachments through the API on both engines: the same
// rules as the forms (nine elements on the 4-point scale, once per complaint or application;
// attachments checked by content, 10 MB, metadata stripped), secret codes never in the URL.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { apiAs, makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs, type TestUser } from '../../../test/factories.ts';
import { TestClient } from '../../../test/http.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { jpegWithExif, pdfWithInfo } from './metadata-strip.fixtures.ts';
import { WBS_CODE_HEADER } from './wbs.tsx';

let t: TestApp;
let agency: AgencyView;
let service: { slug: string; id: string };
type AnyDb = Kysely<Record<string, Record<string, unknown>>>;
const db = () => t.database.db as unknown as AnyDb;

const actorOf = (u: TestUser, role: Actor['grants'][number]['role'], agencyId: string | null, kind: Actor['kind'] = 'staff'): Actor => ({
  userId: u.userId,
  kind,
  name: u.name,
  locale: 'id',
  grants: kind === 'staff' ? [{ role, agencyId }] : [],
  mfaPassed: true,
  mfaEnrolled: false,
  sessionId: null,
  via: 'session',
});
const scores = (v = 3) => Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => [String(c), v]));

beforeAll(async () => {
  t = await createTestApp();
  agency = await makeAgency(t);
  service = await makeServiceWithSop(t, agency);
});
afterAll(async () => {
  await t?.close();
});

describe('IKM through the API', () => {
  it('[C-4] a resolved complaint is rated once with its tracking code: 9 elements on 1–4, a second answer 409, a missing element 422, an unknown code 404', async () => {
    const citizen = await makeCitizen(t);
    const reporter = actorOf(citizen, 'operator', null, 'citizen');
    const filed = (await t.deps.complaints.file(
      { actor: reporter, meta: null, locale: 'id' },
      { kind: 'pengaduan', category: 'pelayanan', subjectType: 'service', service: service.slug, application: '', agency: '', address: '', latitude: '', longitude: '', title: 'Loket tutup', body: 'Loket tutup pada jam layanan tanpa pemberitahuan apa pun.', showIdentity: false, allowPublish: false, name: '', contact: '' },
    )) as { number: string; trackingCode: string };
    const coord = { actor: actorOf(await makeStaff(t, 'complaint_coordinator', null), 'complaint_coordinator', null), meta: null };
    const officer = { actor: actorOf(await makeStaff(t, 'operator', agency), 'operator', agency.id), meta: null };
    const id = (await t.deps.complaints.listForStaff(coord.actor)).find((c) => c.number === filed.number)!.id;
    const guest = new TestClient(t.app);

    // Not resolved yet: the same 404 as an unknown code.
    expect((await guest.api('POST', '/api/v1/ikm/complaints', { code: filed.trackingCode, scores: scores() })).statusCode).toBe(404);
    await t.deps.complaints.act(coord, id, 'verify', { agencyId: agency.id });
    await t.deps.complaints.act(officer, id, 'resolve', { note: 'Selesai.' });

    const partial = await guest.api('POST', '/api/v1/ikm/complaints', { code: filed.trackingCode, scores: { ...scores(), '3': 5 } });
    expect(partial.statusCode).toBe(422);
    expect(JSON.stringify(partial.json())).toContain('u3');
    expect((await guest.api('POST', '/api/v1/ikm/complaints', { code: 'ZZZZZ-ZZZZZ', scores: scores() })).statusCode).toBe(404);
    const ok = await guest.api('POST', '/api/v1/ikm/complaints', { code: filed.trackingCode, scores: scores(4), comment: 'Cepat ditangani.' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ recorded: true });
    expect((await guest.api('POST', '/api/v1/ikm/complaints', { code: filed.trackingCode, scores: scores(1) })).statusCode).toBe(409);
    const rows = (await db().selectFrom('ikm_responses').selectAll().where('subject_id', '=', id).execute()) as { scores: string | Record<string, number>; comment: string; agency_id: string }[];
    expect(rows).toHaveLength(1);
    expect(typeof rows[0]!.scores === 'string' ? JSON.parse(rows[0]!.scores) : rows[0]!.scores).toEqual(scores(4));
    expect(rows[0]).toMatchObject({ comment: 'Cepat ditangani.', agency_id: agency.id });
  });

  it('[C-4] an applicant rates his own approved application once; someone else’s or an unfinished one is 404; anonymous 401', async () => {
    const citizen = await makeCitizen(t);
    const applicant = actorOf(citizen, 'operator', null, 'citizen');
    const published = (await t.deps.catalog.getPublished(service.slug))!;
    const save = async () => (await t.deps.applications.save({ service: published, applicantId: citizen.userId, values: { nama_usaha: 'Warung Sejahtera', luas: '20' }, files: {}, submit: true, who: { actor: applicant } } as never)) as { trackingNumber: string };
    const done = (await save()).trackingNumber;
    const open = (await save()).trackingNumber;
    const verifier = await makeStaff(t, 'verifier', agency);
    const official = await makeStaff(t, 'signing_official', agency);
    await t.deps.processing.claim({ actor: actorOf(verifier, 'verifier', agency.id) }, done, 1);
    await t.deps.processing.act({ actor: actorOf(verifier, 'verifier', agency.id) }, done, { action: 'forward', seq: 1, option: 1 });
    await t.deps.processing.claim({ actor: actorOf(official, 'signing_official', agency.id) }, done, 2);
    await t.deps.processing.act({ actor: actorOf(official, 'signing_official', agency.id) }, done, { action: 'approve', seq: 2 });

    expect((await new TestClient(t.app).api('POST', `/api/v1/ikm/applications/${done}`, { scores: scores() })).statusCode).toBe(401);
    const other = await signInAs(t, (await makeCitizen(t)).userId);
    expect((await apiAs(other, 'POST', `/api/v1/ikm/applications/${done}`, { scores: scores() })).statusCode).toBe(404);
    const me = await signInAs(t, citizen.userId);
    expect((await apiAs(me, 'POST', `/api/v1/ikm/applications/${open}`, { scores: scores() })).statusCode).toBe(404);
    expect((await apiAs(me, 'POST', `/api/v1/ikm/applications/${done}`, { scores: scores(2) })).statusCode).toBe(201);
    expect((await apiAs(me, 'POST', `/api/v1/ikm/applications/${done}`, { scores: scores(2) })).statusCode).toBe(409);
  });
});

describe('WBS attachments through the API', () => {
  it('[C-2] a file sent with the code (in a header) is stored as a reporter message without its metadata; wrong type 422, too large 413, unknown code 404', async () => {
    const filed = await new TestClient(t.app).api('POST', '/api/v1/wbs/reports', { title: 'Pungutan liar di loket', body: 'Petugas loket meminta uang tambahan agar izin cepat terbit, foto menyusul.' });
    expect(filed.statusCode).toBe(201);
    const { number, code } = filed.json() as { number: string; code: string };
    const report = (await db().selectFrom('wbs_reports').select(['id']).where('number', '=', number).executeTakeFirstOrThrow()) as { id: string };
    const send = (bytes: Buffer, type: string, secret: string, name = 'IMG_2031 Budi.jpg') =>
      t.app.inject({ method: 'POST', url: `/api/v1/wbs/attachments?filename=${encodeURIComponent(name)}`, payload: bytes, headers: { 'content-type': type, [WBS_CODE_HEADER]: secret, accept: 'application/json' } });

    const photo = jpegWithExif();
    const res = await send(photo, 'image/jpeg', code);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ sent: true, filename: 'IMG_2031 Budi.jpg' });
    const pdf = await send(pdfWithInfo(), 'application/pdf', code, 'laporan.pdf');
    expect(pdf.statusCode).toBe(201);
    const rows = (await db().selectFrom('wbs_attachments').selectAll().where('report_id', '=', report.id).orderBy('created_at').execute()) as { storage_key: string; content_type: string; message_id: string | null; filename: string }[];
    expect(rows.map((r) => r.content_type)).toEqual(['image/jpeg', 'application/pdf']);
    expect(rows.every((r) => r.message_id !== null)).toBe(true);
    expect(rows[0]!.filename).toBe('IMG_2031 Budi.jpg');
    const stored = (await t.deps.storage.get(rows[0]!.storage_key))!;
    expect(stored.length).toBeLessThan(photo.length);
    expect(stored.toString('latin1')).not.toContain('Exif');
    const storedPdf = (await t.deps.storage.get(rows[1]!.storage_key))!.toString('latin1');
    expect(storedPdf).not.toContain('Budi');

    // Content decides, not the declared type; the form's limits; a guessed code reveals nothing.
    const fake = await send(Buffer.from('not really a pdf at all'), 'application/pdf', code);
    expect(fake.statusCode).toBe(422);
    expect(JSON.stringify(fake.json())).toContain('attachment');
    expect((await send(Buffer.alloc(10 * 1024 * 1024 + 10, 0x20), 'image/png', code)).statusCode).toBe(413);
    expect((await send(photo, 'image/jpeg', 'AAAA-BBBB-CCCC-DDDD')).statusCode).toBe(404);
    expect((await send(photo, 'image/jpeg', '')).statusCode).toBe(404);
    const count = (await db().selectFrom('wbs_attachments').select('id').where('report_id', '=', report.id).execute()).length;
    expect(count).toBe(2);
    // The reporter's own view shows the messages that carry them.
    const follow = await new TestClient(t.app).api('POST', '/api/v1/wbs/follow', { code });
    expect((follow.json() as { messages: unknown[] }).messages).toHaveLength(2);
  });
});
