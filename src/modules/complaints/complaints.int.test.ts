// Public complaints (C-1) on both engines: a guest files with a code (a wrong or expired code
// changes nothing), a citizen files from a service page, the SP4N-LAPOR! lifecycle with
// working-day deadlines across a weekend and holidays (injected clock), overdue flags, re-routing,
// the reporter's status page, rating and reopening, the reporter's identity hidden from staff,
// and agency isolation.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedHolidays } from '../../platform/calendar/calendar.service.ts';
import { localDateOf } from '../../platform/calendar/working-time.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs, type TestUser } from '../../../test/factories.ts';
import { multipart, TestClient, textOf, tinyPdf } from '../../../test/http.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/policy.ts';
import { SIGNATURE_HEADER, signBody } from '../../platform/http/webhook-signature.ts';
import { createComplaints, LAPOR_CALLBACK_URL, type ComplaintsDeps } from './complaints.service.ts';
import { localLaporConnector } from './lapor.ts';
import { fieldCrypto } from '../../platform/privacy/field-crypto.ts';

const TZ = 'Asia/Makassar';
const LAPOR_SECRET = 'lapor-callback-secret-for-tests';
const SMS_TOKEN = 'sms-inbound-token-for-tests';
let t: TestApp;
let agencyA: AgencyView;
let agencyB: AgencyView;
let service: { slug: string; id: string };
let coordinator: TestUser;
let officerA: TestUser;
let officerB: TestUser;

const staffActor = (u: TestUser, role: Actor['grants'][number]['role'], agencyId: string | null): Actor => ({
  userId: u.userId,
  kind: 'staff',
  name: u.name,
  locale: 'id',
  grants: [{ role, agencyId }],
  mfaPassed: true,
  mfaEnrolled: false,
  sessionId: null,
  via: 'session',
});

/** The last message (e-mail or SMS) sent to `recipient`. */
async function lastMessageTo(recipient: string): Promise<string> {
  const row = await t.database.db.selectFrom('outbound_messages').select(['body_text']).where('recipient', '=', recipient).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
  return row.body_text ?? '';
}
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? '';

async function fileAsGuest(fields: Record<string, string>) {
  const client = new TestClient(t.app);
  await client.get('/pengaduan');
  const body = multipart({ _csrf: client.csrfToken(), kind: 'pengaduan', category: 'pelayanan', subjectType: 'service', service: service.slug, title: 'Loket tutup pada jam layanan', body: 'Saya datang pukul 10.00 dan loket sudah tutup tanpa pemberitahuan apa pun.', ...fields }, [
    { field: 'attachment', name: 'bukti.pdf', type: 'application/pdf', bytes: tinyPdf },
  ]);
  const res = await client.request('POST', '/pengaduan', body);
  return { client, res };
}

beforeAll(async () => {
  t = await createTestApp({ laporCallbackSecret: LAPOR_SECRET, smsInbound: { token: SMS_TOKEN, secret: undefined } });
  await seedHolidays(t.database.db);
  agencyA = await makeAgency(t);
  agencyB = await makeAgency(t);
  service = await makeServiceWithSop(t, agencyA);
  coordinator = await makeStaff(t, 'complaint_coordinator', null);
  officerA = await makeStaff(t, 'operator', agencyA);
  officerB = await makeStaff(t, 'operator', agencyB);
});
afterAll(async () => {
  await t?.close();
});

describe('filing', () => {
  it('[C-1] a guest files with an e-mail confirmed by code; a wrong or expired code changes nothing', async () => {
    const email = `tamu.${Date.now()}@contoh.id`;
    const { client, res } = await fileAsGuest({ name: 'Tamu Rahasia', contact: email });
    expect(res.statusCode).toBe(303);
    const confirmUrl = String(res.headers.location);
    expect(confirmUrl).toMatch(/^\/pengaduan\/konfirmasi\/[0-9a-f-]{36}$/);
    const id = confirmUrl.split('/').pop()!;
    const code = codeIn(await lastMessageTo(email));
    expect(code).toMatch(/^\d{6}$/);

    // Not yet received: the coordinator does not see it.
    expect((await t.deps.complaints.listForStaff(staffActor(coordinator, 'complaint_coordinator', null))).some((c) => c.id === id)).toBe(false);

    const wrong = code === '000000' ? '111111' : '000000';
    await client.get(confirmUrl);
    const bad = await client.post(confirmUrl, { _csrf: client.csrfToken(), code: wrong });
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Kode salah');
    const row1 = await t.database.db.selectFrom('complaints' as never).select(['status' as never, 'number' as never]).where('id' as never, '=', id as never).executeTakeFirstOrThrow() as { status: string; number: string | null };
    expect(row1).toEqual({ status: 'menunggu_konfirmasi', number: null });

    // The right code after it expired: still nothing.
    const late = await t.deps.complaints.confirm(id, code, new Date(Date.now() + 16 * 60_000));
    expect(late).toEqual({ ok: false, reason: 'expired' });
    const row2 = await t.database.db.selectFrom('complaints' as never).select(['status' as never]).where('id' as never, '=', id as never).executeTakeFirstOrThrow() as { status: string };
    expect(row2.status).toBe('menunggu_konfirmasi');

    // The right code in time: received, with a number and a tracking code shown once.
    await client.get(confirmUrl);
    const ok = await client.post(confirmUrl, { _csrf: client.csrfToken(), code });
    expect(ok.statusCode).toBe(201);
    const text = textOf(ok.body);
    const number = /ADU-\d{4}-\d{6}/.exec(text)?.[0];
    const tracking = /\b([A-Z2-9]{5}-[A-Z2-9]{5})\b/.exec(text)?.[1];
    expect(number).toBeTruthy();
    expect(tracking).toBeTruthy();
    // A code is used once.
    expect((await client.get(confirmUrl)).statusCode).toBe(404);
    expect(await t.deps.complaints.confirm(id, code)).toEqual({ ok: false, reason: 'expired' });

    const status = await new TestClient(t.app).get(`/pengaduan/lacak?kode=${tracking}`);
    expect(status.statusCode).toBe(200);
    expect(textOf(status.body)).toContain(number!);
    expect(textOf(status.body)).toContain('Diterima, menunggu verifikasi');
    // A guessed code reveals nothing.
    const guess = await new TestClient(t.app).get('/pengaduan/lacak?kode=ABCDE-23456');
    expect(guess.statusCode).toBe(404);
    expect(textOf(guess.body)).toContain('tidak ditemukan');
  });

  it('[C-1] a guest with a bad contact and a too-short text gets the form back with his words', async () => {
    const { res } = await fileAsGuest({ contact: 'bukan kontak', body: 'pendek' });
    expect(res.statusCode).toBe(422);
    const text = textOf(res.body);
    expect(text).toContain('alamat e-mail atau nomor ponsel');
    expect(res.body).toContain('Loket tutup pada jam layanan');
  });

  it('[C-1] a signed-in citizen files from the service page link and follows it in "Pengaduan saya"', async () => {
    const citizen = await makeCitizen(t);
    const client = await signInAs(t, citizen.userId);
    const form = await client.get(`/pengaduan?layanan=${service.slug}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(new RegExp(`<option value="${service.slug}" selected`));
    const body = multipart({ _csrf: client.csrfToken(), kind: 'aspirasi', category: 'perizinan', subjectType: 'service', service: service.slug, title: 'Usul layanan daring penuh', body: 'Mohon agar seluruh persyaratan dapat diunggah tanpa datang ke kantor.' });
    const res = await client.request('POST', '/pengaduan', body);
    expect(res.statusCode).toBe(201);
    const number = /ADU-\d{4}-\d{6}/.exec(textOf(res.body))![0];
    const mine = await client.get('/pengaduan/saya');
    expect(textOf(mine.body)).toContain(number);
    const page = await client.get(`/pengaduan/saya/${number}`);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('Usul layanan daring penuh');
    // Someone else's number is not there.
    const other = await signInAs(t, (await makeCitizen(t)).userId);
    expect((await other.get(`/pengaduan/saya/${number}`)).statusCode).toBe(404);
    // Removing his details from the public version: not by someone else, yes by him.
    await other.get('/pengaduan/saya');
    expect((await other.post(`/pengaduan/saya/${number}/hapus-data-diri`, { _csrf: other.csrfToken() })).statusCode).toBe(404);
    await client.get(`/pengaduan/saya/${number}`);
    const removed = await client.post(`/pengaduan/saya/${number}/hapus-data-diri`, { _csrf: client.csrfToken() });
    expect(removed.statusCode).toBe(303);
    expect(textOf((await client.get(String(removed.headers.location))).body)).toContain('Data diri Anda telah dihapus dari versi publik.');
  });
});

describe('lifecycle', () => {
  it('[C-1] verification and first-response deadlines count working days across a weekend and holidays; overdue is flagged once', async () => {
    const citizen = await makeCitizen(t);
    const actor: Actor = { ...staffActor(citizen, 'operator', null), kind: 'citizen', grants: [] };
    const friday = new Date('2026-02-06T02:00:00Z'); // Friday 10.00 WITA
    const filed = await t.deps.complaints.file({ actor, meta: null, locale: 'id' }, { kind: 'pengaduan', category: 'pelayanan', subjectType: 'service', service: service.slug, application: '', agency: '', address: '', latitude: '', longitude: '', title: 'Berkas hilang', body: 'Berkas permohonan saya dinyatakan hilang oleh petugas loket.', showIdentity: false, allowPublish: false, name: '', contact: '' }, friday);
    expect(filed.kind).toBe('received');
    const c = (await t.deps.complaints.listForStaff(staffActor(coordinator, 'complaint_coordinator', null))).find((x) => x.number === (filed as { number: string }).number)!;
    const full = await t.deps.complaints.getForStaff(staffActor(coordinator, 'complaint_coordinator', null), c.id);
    // Mon 9, Tue 10, Wed 11 February: due at the close of Wednesday.
    expect(localDateOf(TZ, full.verifyDueAt!)).toBe('2026-02-11');

    expect(await t.deps.complaints.flagOverdue(new Date('2026-02-11T07:00:00Z'))).toBe(0); // Wed 15.00: still in time
    expect(await t.deps.complaints.flagOverdue(new Date('2026-02-12T02:00:00Z'))).toBeGreaterThanOrEqual(1); // Thu
    expect((await t.deps.complaints.getForStaff(staffActor(coordinator, 'complaint_coordinator', null), c.id)).verifyOverdue).toBe(true);
    const again = await t.deps.complaints.flagOverdue(new Date('2026-02-13T02:00:00Z'));
    const events1 = (await t.deps.complaints.getForStaff(staffActor(coordinator, 'complaint_coordinator', null), c.id)).timeline.filter((e) => e.kind === 'overdue_verify');
    expect(events1).toHaveLength(1);
    expect(again).toBe(0);

    // Verified and routed on Friday 13: 16 (cuti bersama) and 17 (Imlek) and the weekend do not count.
    const coord = { actor: staffActor(coordinator, 'complaint_coordinator', null), meta: null };
    await t.deps.complaints.act(coord, c.id, 'verify', { agencyId: agencyB.id }, new Date('2026-02-13T02:00:00Z'));
    const routed = await t.deps.complaints.getForStaff(coord.actor, c.id);
    expect(routed.status).toBe('didisposisi');
    expect(localDateOf(TZ, routed.responseDueAt!)).toBe('2026-02-24');

    // The coordinator re-routes it to the right agency: a new first-response period, audited.
    const reroutedAt = new Date('2026-02-18T02:00:00Z'); // Wed 18
    await t.deps.complaints.act(coord, c.id, 'reroute', { agencyId: agencyA.id, note: 'Layanan ini milik dinas A.' }, reroutedAt);
    const rerouted = await t.deps.complaints.getForStaff(coord.actor, c.id);
    expect(rerouted.routedAgencyId).toBe(agencyA.id);
    expect(localDateOf(TZ, rerouted.responseDueAt!)).toBe('2026-02-25');
    // The old agency no longer sees it.
    await expect(t.deps.complaints.getForStaff(staffActor(officerB, 'operator', agencyB.id), c.id)).rejects.toMatchObject({ status: 404 });
    expect(await t.deps.complaints.flagOverdue(new Date('2026-02-25T07:00:00Z'))).toBe(0);
    expect(await t.deps.complaints.flagOverdue(new Date('2026-02-26T01:00:00Z'))).toBeGreaterThanOrEqual(1);

    const audit = await t.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', c.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['complaint.receive', 'complaint.overdue_verify', 'complaint.verify', 'complaint.reroute', 'complaint.overdue_response']));
  });

  it('[C-1] the coordinator verifies, the agency answers and resolves in the back office; the reporter sees it, rates and may reopen', async () => {
    const email = `pelapor.${Date.now()}@contoh.id`;
    const { res } = await fileAsGuest({ name: 'Pelapor Rahasia', contact: email });
    const id = String(res.headers.location).split('/').pop()!;
    const done = await t.deps.complaints.confirm(id, codeIn(await lastMessageTo(email)));
    if (!done.ok) throw new Error('not confirmed');

    const coord = await signInAs(t, coordinator.userId);
    const list = await coord.get('/kelola/pengaduan');
    expect(list.statusCode).toBe(200);
    expect(textOf(list.body)).toContain(done.number);
    await coord.get(`/kelola/pengaduan/${id}`);
    // Hold needs a reason: 422, nothing changes.
    const noReason = await coord.post(`/kelola/pengaduan/${id}/tindakan`, { _csrf: coord.csrfToken(), action: 'hold', note: '' });
    expect(noReason.statusCode).toBe(422);
    const verified = await coord.post(`/kelola/pengaduan/${id}/tindakan`, { _csrf: coord.csrfToken(), action: 'verify', agencyId: agencyA.id, note: '' });
    expect(verified.statusCode).toBe(303);

    // Staff of another agency: neither in the list nor by address.
    const other = await signInAs(t, officerB.userId);
    expect(textOf((await other.get('/kelola/pengaduan')).body)).not.toContain(done.number);
    expect((await other.get(`/kelola/pengaduan/${id}`)).statusCode).toBe(404);

    const officer = await signInAs(t, officerA.userId);
    const page = await officer.get(`/kelola/pengaduan/${id}`);
    expect(page.statusCode).toBe(200);
    // The reporter did not opt in: no name, e-mail in any staff page.
    expect(page.body).not.toContain('Pelapor Rahasia');
    expect(page.body).not.toContain(email);
    expect(textOf(page.body)).toContain('Dirahasiakan');
    // The coordinator's actions are not the agency's.
    expect((await officer.post(`/kelola/pengaduan/${id}/tindakan`, { _csrf: officer.csrfToken(), action: 'archive', note: 'x' })).statusCode).toBe(403);
    await officer.get(`/kelola/pengaduan/${id}`);
    expect((await officer.post(`/kelola/pengaduan/${id}/tindakan`, { _csrf: officer.csrfToken(), action: 'respond', note: 'Petugas loket sudah kami tegur; jam layanan dipasang.' })).statusCode).toBe(303);
    await officer.get(`/kelola/pengaduan/${id}`);
    expect((await officer.post(`/kelola/pengaduan/${id}/tindakan`, { _csrf: officer.csrfToken(), action: 'resolve', note: 'Selesai.' })).statusCode).toBe(303);

    // The reporter: the response on the status page, and every change by message.
    const guest = new TestClient(t.app);
    const status = await guest.get(`/pengaduan/lacak?kode=${done.trackingCode}`);
    expect(textOf(status.body)).toContain('Petugas loket sudah kami tegur');
    expect(textOf(status.body)).toContain('Selesai');
    expect((await messagesTo(email)).some((m) => m.body_text.includes('kini berstatus: Selesai'))).toBe(true);
    const rated = await guest.post('/pengaduan/lacak/nilai', { _csrf: guest.csrfToken(), kode: done.trackingCode, rating: '4', comment: 'Cepat.' });
    expect(rated.statusCode).toBe(303);
    await guest.get(`/pengaduan/lacak?kode=${done.trackingCode}`);
    expect((await guest.post('/pengaduan/lacak/nilai', { _csrf: guest.csrfToken(), kode: done.trackingCode, rating: '5' })).statusCode).toBe(409);
    await guest.get(`/pengaduan/lacak?kode=${done.trackingCode}`);
    const reopened = await guest.post('/pengaduan/lacak/buka-kembali', { _csrf: guest.csrfToken(), kode: done.trackingCode, reason: 'Loket masih tutup hari ini.' });
    expect(reopened.statusCode).toBe(303);
    const after = await t.deps.complaints.getForStaff(staffActor(officerA, 'operator', agencyA.id), id);
    expect(after.status).toBe('ditindaklanjuti');
    expect(after.rating).toBe(4);
  });

  it('[C-1] a reporter who opts in is shown to the agency; reopening after the window is refused', async () => {
    const email = `terbuka.${Date.now()}@contoh.id`;
    const { res } = await fileAsGuest({ name: 'Pelapor Terbuka', contact: email, showIdentity: '1' });
    const id = String(res.headers.location).split('/').pop()!;
    const done = await t.deps.complaints.confirm(id, codeIn(await lastMessageTo(email)));
    if (!done.ok) throw new Error('not confirmed');
    const coord = { actor: staffActor(coordinator, 'complaint_coordinator', null), meta: null };
    await t.deps.complaints.act(coord, id, 'verify', { agencyId: agencyA.id }, new Date('2026-03-02T02:00:00Z'));
    const officer = await signInAs(t, officerA.userId);
    const page = await officer.get(`/kelola/pengaduan/${id}`);
    expect(page.body).toContain('Pelapor Terbuka');
    await t.deps.complaints.act({ actor: staffActor(officerA, 'operator', agencyA.id), meta: null }, id, 'resolve', { note: 'Selesai.' }, new Date('2026-03-02T03:00:00Z'));
    await expect(t.deps.complaints.reopen({ code: done.trackingCode }, 'Belum beres.', new Date('2026-06-01T02:00:00Z'))).rejects.toMatchObject({ status: 409 });
  });

  it('[C-1] the back office is closed to the public and to citizens', async () => {
    expect((await new TestClient(t.app).get('/kelola/pengaduan')).statusCode).toBe(303);
    const citizen = await signInAs(t, (await makeCitizen(t)).userId);
    expect((await citizen.get('/kelola/pengaduan')).statusCode).toBe(403);
  });
});

describe('Open311 GeoReport v2', () => {
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const post = (url: string, fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const requestKeys = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];
  let apiKey = '';

  beforeAll(async () => {
    const { issueOpen311Key } = await import('./open311.ts');
    apiKey = (await issueOpen311Key(t.database, 'FixMyStreet uji', coordinator.userId)).key;
  });

  it('[C-1] services and a service definition answer the specification shapes in JSON (bare arrays) and XML', async () => {
    const json = await get('/open311/v2/services.json?jurisdiction_id=ujiprov.go.id');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    const services = json.json() as Record<string, unknown>[];
    expect(Array.isArray(services)).toBe(true);
    expect(Object.keys(services[0]!).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
    expect(services.map((s) => s.service_code)).toContain('infrastruktur');
    const xml = await get('/open311/v2/services.xml');
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>/);
    const def = (await get('/open311/v2/services/infrastruktur.json')).json() as { service_code: string; attributes: { code: string; datatype: string; variable: boolean; required: boolean; order: number; values: { key: string; name: string }[] }[] };
    expect(def.service_code).toBe('infrastruktur');
    expect(def.attributes[0]).toMatchObject({ code: 'jenis', datatype: 'singlevaluelist', variable: true, required: false, order: 1 });
    expect(def.attributes[0]!.values.map((v) => v.key)).toEqual(['aspirasi', 'pengaduan', 'permintaan_informasi']);
    const defXml = await get('/open311/v2/services/infrastruktur.xml');
    expect(defXml.body).toContain('<service_definition><service_code>infrastruktur</service_code><attributes><attribute><variable>true</variable>');
    expect(defXml.body).toContain('<values><value><key>aspirasi</key>');
    const unknown = await get('/open311/v2/services/tidak-ada.json');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: 'Unknown service_code' }]);
  });

  it('[C-1] POST requests needs a valid api_key, a known service and a location; errors use the specification format', async () => {
    const base = { service_code: 'infrastruktur', lat: '-10.1772', long: '123.607', description: 'Lampu jalan padam sejak seminggu.' };
    const noKey = await post('/open311/v2/requests.json', base);
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json()).toEqual([{ code: 403, description: 'Invalid api_key' }]);
    const badKeyXml = await post('/open311/v2/requests.xml', { ...base, api_key: 'salah' });
    expect(badKeyXml.statusCode).toBe(403);
    expect(badKeyXml.body).toContain('<errors><error><code>403</code><description>Invalid api_key</description></error></errors>');
    expect((await post('/open311/v2/requests.json', { ...base, api_key: apiKey, service_code: 'tidak-ada' })).statusCode).toBe(404);
    const noPlace = await post('/open311/v2/requests.json', { api_key: apiKey, service_code: 'infrastruktur', description: 'Lampu jalan padam sejak seminggu.' });
    expect(noPlace.statusCode).toBe(400);
    expect((noPlace.json() as { code: number }[])[0]!.code).toBe(400);
    expect((await get('/open311/v2/requests.json?start_date=kemarin')).statusCode).toBe(400);
  });

  it('[C-1] a posted request is published only redacted and only once the coordinator confirmed it: requests/<id> is a one-element array without personal data', async () => {
    const email = `open311.${Date.now()}@contoh.id`;
    const res = await post('/open311/v2/requests.json', {
      api_key: apiKey,
      jurisdiction_id: 'ujiprov.go.id',
      service_code: 'infrastruktur',
      lat: '-10.1772',
      long: '123.607',
      address_string: 'Jl. El Tari, Kupang',
      email,
      first_name: 'Nama',
      last_name: 'Pelapor',
      phone: '081298765432',
      description: 'Lampu jalan padam. Hubungi saya di 0812 9876 5432 atau tulis ke pribadi@contoh.id',
      'attribute[jenis]': 'pengaduan',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json() as { service_request_id: string }[];
    expect(created).toHaveLength(1);
    const id = created[0]!.service_request_id;
    expect(id).toMatch(/^ADU-\d{4}-\d{6}$/);
    // Public only once the coordinator has confirmed the redacted version: until then, unknown.
    expect((await get(`/open311/v2/requests/${id}.json?jurisdiction_id=ujiprov.go.id`)).statusCode).toBe(404);
    const { id: complaintId } = (await t.database.db.selectFrom('complaints' as never).select('id' as never).where('number' as never, '=', id as never).executeTakeFirstOrThrow()) as { id: string };
    const masked = await t.deps.complaints.publicPreview(coordWho().actor, complaintId);
    await t.deps.complaints.publish(coordWho(), complaintId, { title: masked.title, body: masked.body, address: masked.address ?? '' });

    const one = await get(`/open311/v2/requests/${id}.json?jurisdiction_id=ujiprov.go.id`);
    expect(one.statusCode).toBe(200);
    const list = one.json() as Record<string, unknown>[];
    expect(list).toHaveLength(1);
    expect(Object.keys(list[0]!).sort()).toEqual([...requestKeys].sort());
    expect(list[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: 'infrastruktur', lat: -10.1772, long: 123.607 });
    expect(String(list[0]!.requested_datetime)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    for (const secret of [email, 'pribadi@contoh.id', '0812 9876 5432', '081298765432', 'Pelapor']) expect(one.body).not.toContain(secret);
    expect(String(list[0]!.description)).toContain('[disamarkan]');

    const xml = await get(`/open311/v2/requests/${id}.xml`);
    expect(xml.body).toMatch(new RegExp(`<service_requests><request><service_request_id>${id}</service_request_id><status>open</status>`));

    const byIds = (await get(`/open311/v2/requests.json?service_request_id=${id},ADU-1999-000001`)).json() as { service_request_id: string }[];
    expect(byIds.map((r) => r.service_request_id)).toEqual([id]);
    const open = (await get('/open311/v2/requests.json?service_code=infrastruktur&status=open')).json() as { service_request_id: string }[];
    expect(open.map((r) => r.service_request_id)).toContain(id);
    const closed = (await get('/open311/v2/requests.json?status=closed')).json() as { service_request_id: string }[];
    expect(closed.map((r) => r.service_request_id)).not.toContain(id);
    const old = (await get('/open311/v2/requests.json?end_date=2020-01-01T00:00:00Z')).json() as unknown[];
    expect(old).toEqual([]);

    // A complaint whose reporter did not consent to publication never appears.
    const hidden = await t.deps.complaints.fileExternal({ kind: 'pengaduan', category: 'infrastruktur', title: 'Tidak untuk umum', body: 'Laporan ini tidak boleh tampil.', address: 'Kupang', latitude: null, longitude: null, name: null, email: null, phone: null, channel: 'api', clientId: null, allowPublish: false, label: 'uji' });
    const all = (await get('/open311/v2/requests.json')).json() as { service_request_id: string }[];
    expect(all.map((r) => r.service_request_id)).toContain(id);
    expect(all.map((r) => r.service_request_id)).not.toContain(hidden.number);
    expect((await get(`/open311/v2/requests/${hidden.number}.json`)).statusCode).toBe(404);
    expect((await get('/open311/v2/requests/ADU-1999-000001.json')).statusCode).toBe(404);
  });

  it('[C-1] publishing shows a masked preview first and changes nothing until confirmed; the public sees exactly the previewed text; the reporter removes his details (a forged code removes nothing)', async () => {
    const email = `terbit.${Date.now()}@contoh.id`;
    // Filed through the service (about an agency, no place): the HTTP form's per-address limit and
    // the same-service suggestions of the other tests stay untouched.
    const filed = await t.deps.complaints.file({ actor: null, meta: null, locale: 'id' } as never, { kind: 'pengaduan', category: 'pelayanan', subjectType: 'agency', service: '', application: '', agency: agencyA.id, address: '', latitude: '', longitude: '', title: 'Loket tutup pada jam layanan', body: 'Saya Siti Aminah, NIK 5371012345678901, telepon 0812 3456 7890: loket tutup pukul 10.00.', showIdentity: true, allowPublish: true, name: 'Siti Aminah', contact: email });
    if (filed.kind !== 'confirm') throw new Error('expected a code step');
    const id = filed.id;
    const done = await t.deps.complaints.confirm(id, codeIn(await lastMessageTo(email)));
    if (!done.ok) throw new Error('not confirmed');
    const row = async () => (await t.database.db.selectFrom('complaints' as never).select(['public_title', 'public_body', 'published_at', 'show_identity', 'reporter_details_removed_at'] as never[]).where('id' as never, '=', id as never).executeTakeFirstOrThrow()) as { public_title: string | null; public_body: string | null; published_at: Date | null; show_identity: boolean; reporter_details_removed_at: Date | null };
    const publicDescription = async () => String(((await get(`/open311/v2/requests/${done.number}.json`)).json() as { description: string }[])[0]!.description);

    const coord = await signInAs(t, coordinator.userId);
    expect(textOf((await coord.get(`/kelola/pengaduan/${id}`)).body)).toContain('Terbitkan');
    // The preview: masked NIK, phone and the reporter's name; nothing written.
    const preview = await coord.get(`/kelola/pengaduan/${id}/terbitkan`);
    expect(preview.statusCode).toBe(200);
    const shown = textOf(preview.body);
    expect(shown).toContain('Pratinjau versi publik');
    expect(shown).toContain('[disamarkan], NIK [disamarkan], telepon [disamarkan]: loket tutup pukul 10.00.');
    for (const secret of ['Siti', 'Aminah', '5371012345678901', '0812 3456 7890']) expect(preview.body).not.toContain(secret);
    expect(await row()).toMatchObject({ public_title: null, published_at: null });

    // An edit is previewed, masked again; still nothing published.
    const edit = { title: 'Loket tutup pada jam layanan', body: 'Loket tutup pukul 10.00. Bu Siti dapat dihubungi di siti@contoh.id.', address: '' };
    const edited = await coord.post(`/kelola/pengaduan/${id}/terbitkan`, { _csrf: coord.csrfToken(), step: 'preview', ...edit });
    expect(edited.statusCode).toBe(200);
    expect(textOf(edited.body)).toContain('Loket tutup pukul 10.00. Bu [disamarkan] dapat dihubungi di [disamarkan]');
    expect(await row()).toMatchObject({ public_title: null, published_at: null });
    expect((await get(`/open311/v2/requests/${done.number}.json`)).statusCode).toBe(404); // not public before the confirm
    const empty = await coord.post(`/kelola/pengaduan/${id}/terbitkan`, { _csrf: coord.csrfToken(), step: 'preview', title: '', body: edit.body, address: '' });
    expect(empty.statusCode).toBe(422);
    expect(textOf(empty.body)).toContain('Bu Siti dapat dihubungi');

    // Only the coordinator publishes; an agency officer cannot.
    const officer = await signInAs(t, officerA.userId);
    expect((await officer.get(`/kelola/pengaduan/${id}/terbitkan`)).statusCode).toBeGreaterThanOrEqual(403);
    // Confirm: exactly the previewed text becomes public (Open311), audited.
    const expected = await t.deps.complaints.publicPreview(staffActor(coordinator, 'complaint_coordinator', null), id, edit);
    const confirmed = await coord.post(`/kelola/pengaduan/${id}/terbitkan`, { _csrf: coord.csrfToken(), step: 'confirm', title: expected.title, body: expected.body, address: '' });
    expect(confirmed.statusCode).toBe(303);
    expect((await row()).published_at).not.toBeNull();
    expect(await publicDescription()).toBe(`${expected.title}\n\n${expected.body}`);
    expect((await t.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', id).execute()).map((a) => a.action)).toContain('complaint.publish');

    // A forged code removes nothing: the same 404 as an unknown code.
    const stranger = new TestClient(t.app);
    await stranger.get('/pengaduan');
    const forged = await stranger.post('/pengaduan/lacak/hapus-data-diri', { _csrf: stranger.csrfToken(), kode: 'ABCDE-23456' });
    expect(forged.statusCode).toBe(404);
    expect(await row()).toMatchObject({ show_identity: true, reporter_details_removed_at: null });

    // The reporter removes his details: no name in the public version, hidden from staff, audited.
    const reporter = new TestClient(t.app);
    const page = await reporter.get(`/pengaduan/lacak?kode=${done.trackingCode}`);
    expect(textOf(page.body)).toContain('Hapus data diri saya dari versi publik');
    const removed = await reporter.post('/pengaduan/lacak/hapus-data-diri', { _csrf: reporter.csrfToken(), kode: done.trackingCode });
    expect(removed.statusCode).toBe(303);
    expect(textOf((await reporter.get(String(removed.headers.location))).body)).toContain('Data diri Anda telah dihapus dari versi publik.');
    expect(await row()).toMatchObject({ show_identity: false });
    const after = await get(`/open311/v2/requests/${done.number}.json`);
    for (const secret of ['Siti', 'Aminah', email]) expect(after.body).not.toContain(secret);
    expect((await officer.get(`/kelola/pengaduan/${id}`)).body).not.toContain('Siti Aminah');
    expect((await t.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', id).execute()).map((a) => a.action)).toContain('complaint.remove_reporter_details');
  });

  it('[C-1] the coordinator issues an api_key once on a back-office page and can revoke it', async () => {
    const coord = await signInAs(t, coordinator.userId);
    await coord.get('/kelola/pengaduan/open311');
    const made = await coord.post('/kelola/pengaduan/open311', { _csrf: coord.csrfToken(), name: 'Aplikasi Kota' });
    expect(made.statusCode).toBe(201);
    const key = /<strong class="mono">([A-Za-z0-9_-]{20,})<\/strong>/.exec(made.body)![1]!;
    const fields = { api_key: key, service_code: 'lingkungan', address_string: 'Pasar Oeba', description: 'Sampah menumpuk di depan pasar.' };
    expect((await post('/open311/v2/requests.xml', fields)).statusCode).toBe(201);
    const stored = await t.database.db.selectFrom('open311_clients' as never).select(['id' as never, 'key_hash' as never]).where('name' as never, '=', 'Aplikasi Kota' as never).executeTakeFirstOrThrow() as { id: string; key_hash: string };
    expect(stored.key_hash).not.toContain(key);
    expect((await coord.post(`/kelola/pengaduan/open311/${stored.id}/cabut`, { _csrf: coord.csrfToken() })).statusCode).toBe(303);
    expect((await post('/open311/v2/requests.json', fields)).statusCode).toBe(403);
    const officer = await signInAs(t, officerA.userId);
    expect((await officer.get('/kelola/pengaduan/open311')).statusCode).toBe(403);
  });
});

describe('whistleblowing (WBS)', () => {
  it('[C-2] an anonymous report gets a secret code shown once (stored only hashed); only the investigating unit reads it, audited; messages go both ways', async () => {
    const guest = new TestClient(t.app);
    await guest.get('/wbs');
    const res = await guest.post('/wbs', { _csrf: guest.csrfToken(), title: 'Pungutan liar di loket', body: 'Petugas meminta uang tambahan Rp 50.000 agar berkas diproses cepat, setiap hari Senin.' });
    expect(res.statusCode).toBe(201);
    const code = /<strong class="mono">([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})<\/strong>/.exec(res.body)![1]!;
    const number = /WBS-\d{4}-\d{6}/.exec(textOf(res.body))![0];
    const row = await t.database.db.selectFrom('wbs_reports' as never).selectAll().where('number' as never, '=', number as never).executeTakeFirstOrThrow() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain(code.replace(/-/g, ''));

    // A guessed code: the same "not found" as any unknown code.
    await guest.get('/wbs/lacak');
    const wrong = await guest.post('/wbs/lacak', { _csrf: guest.csrfToken(), kode: 'AAAA-BBBB-CCCC-DDDD' });
    expect(wrong.statusCode).toBe(404);

    const investigator = await makeStaff(t, 'wbs_investigator', null);
    const inv = await signInAs(t, investigator.userId);
    const list = await inv.get('/kelola/wbs');
    expect(textOf(list.body)).toContain(number);
    const id = (row as { id: string }).id;
    const detail = await inv.get(`/kelola/wbs/${id}`);
    expect(textOf(detail.body)).toContain('Rp 50.000');
    const reads = await t.database.db.selectFrom('audit_events').select(['action', 'actor_id', 'after']).where('entity_id', '=', id).execute();
    expect(reads.some((a) => a.action === 'wbs.read' && a.actor_id === investigator.userId)).toBe(true);
    expect(JSON.stringify(reads)).not.toContain('Rp 50.000');
    expect((await inv.post(`/kelola/wbs/${id}`, { _csrf: inv.csrfToken(), message: 'Mohon sebutkan loket dan jamnya.', status: 'diperiksa' })).statusCode).toBe(303);

    // Super admins and complaint coordinators cannot read reports.
    const admin = await makeStaff(t, 'super_admin', null);
    expect(can(staffActor(admin, 'super_admin', null), 'wbs.investigate')).toBe(false);
    expect((await (await signInAs(t, coordinator.userId)).get(`/kelola/wbs/${id}`)).statusCode).toBe(403);

    await guest.get('/wbs/lacak');
    const followed = await guest.post('/wbs/lacak', { _csrf: guest.csrfToken(), kode: code.toLowerCase() });
    expect(followed.statusCode).toBe(200);
    expect(textOf(followed.body)).toContain('Mohon sebutkan loket dan jamnya.');
    expect(textOf(followed.body)).toContain('Sedang diperiksa');
    const replied = await guest.post('/wbs/lacak/pesan', { _csrf: guest.csrfToken(), kode: code, message: 'Loket 3, pukul 09.00.' });
    expect(replied.statusCode).toBe(200);
    expect(textOf((await inv.get(`/kelola/wbs/${id}`)).body)).toContain('Loket 3, pukul 09.00.');
  });
});

describe('satisfaction survey (IKM)', () => {
  it('[C-4] the reporter of a resolved complaint answers the 9 elements once; the public page shows no figure below the minimum', async () => {
    const email = `ikm.${Date.now()}@contoh.id`;
    const { res } = await fileAsGuest({ contact: email });
    const id = String(res.headers.location).split('/').pop()!;
    const done = await t.deps.complaints.confirm(id, codeIn(await lastMessageTo(email)));
    if (!done.ok) throw new Error('not confirmed');
    const agency = await makeAgency(t);
    const officer = await makeStaff(t, 'operator', agency);
    await t.deps.complaints.act({ actor: staffActor(coordinator, 'complaint_coordinator', null), meta: null }, id, 'verify', { agencyId: agency.id });
    const guest = new TestClient(t.app);
    expect((await guest.get(`/ikm/survei/pengaduan?kode=${done.trackingCode}`)).statusCode).toBe(404); // not resolved yet
    await t.deps.complaints.act({ actor: staffActor(officer, 'operator', agency.id), meta: null }, id, 'resolve', { note: 'Selesai.' });
    expect(textOf((await guest.get(`/pengaduan/lacak?kode=${done.trackingCode}`)).body)).toContain('Isi survei kepuasan');

    const form = await guest.get(`/ikm/survei/pengaduan?kode=${done.trackingCode}`);
    expect(form.statusCode).toBe(200);
    const token = guest.csrfToken();
    const answers = { u1: '4', u2: '4', u3: '3', u4: '3', u5: '4', u6: '4', u7: '3', u8: '3', u9: '4' };
    const missing = await guest.post('/ikm/survei/pengaduan', { _csrf: guest.csrfToken(), kode: done.trackingCode, ...answers, u9: '' });
    expect(missing.statusCode).toBe(422);
    expect(textOf(missing.body)).toContain('Sarana dan prasarana');
    const ok = await guest.post('/ikm/survei/pengaduan', { _csrf: guest.csrfToken(), kode: done.trackingCode, ...answers });
    expect(ok.statusCode).toBe(201);
    expect((await guest.post('/ikm/survei/pengaduan', { _csrf: token, kode: done.trackingCode, ...answers })).statusCode).toBe(409);

    const year = new Date().getUTCFullYear();
    const page1 = textOf((await guest.get(`/ikm?tahun=${year}`)).body);
    expect(page1).toContain(agency.name);
    expect(page1).toContain('kurang dari 5 responden');

    // Four more respondents for the agency (as from other resolved complaints): 5 in all.
    const b = Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => [String(c), 3]));
    for (let i = 0; i < 4; i++) {
      await t.database.db.insertInto('ikm_responses' as never).values({ subject_type: 'complaint', subject_id: crypto.randomUUID(), agency_id: agency.id, scores: JSON.stringify(b) } as never).execute();
    }
    const page2 = textOf((await guest.get(`/ikm?tahun=${year}`)).body);
    // (1 × [4,4,3,3,4,4,3,3,4] + 4 × 3) / 5 per element → IKM = (5×3.2 + 4×3) / 9 = 3.1111 → 77,78 B
    expect(page2).toContain('77,78 (B — Baik)');
    // The public performance page carries the same index in the agency's row.
    const kinerja = await guest.get(`/kinerja?tahun=${year}`);
    expect(kinerja.statusCode).toBe(200);
    const row = /<tr[^>]*>(?:(?!<\/tr>)[\s\S])*<\/tr>/g;
    const agencyRow = [...kinerja.body.matchAll(row)].map((m) => textOf(m[0])).find((r) => r.includes(agency.name));
    expect(agencyRow).toContain('77,78 (mutu B, 5 responden)');
  });
});

/** A received complaint filed by a signed-in citizen at `at` (service of agency A unless told). */
async function fileAsCitizen(at: Date, fields: { category?: string; title?: string; service?: string } = {}) {
  const citizen = await makeCitizen(t);
  const actor: Actor = { ...staffActor(citizen, 'operator', null), kind: 'citizen', grants: [] };
  const r = await t.deps.complaints.file({ actor, meta: null, locale: 'id' }, { kind: 'pengaduan', category: fields.category ?? 'pelayanan', subjectType: 'service', service: fields.service ?? service.slug, application: '', agency: '', address: '', latitude: '', longitude: '', title: fields.title ?? 'Antrean tidak tertib', body: 'Nomor antrean dilewati petugas berkali-kali tanpa penjelasan.', showIdentity: false, allowPublish: false, name: '', contact: '' }, at);
  if (r.kind !== 'received') throw new Error('not received');
  const row = (await t.database.db.selectFrom('complaints' as never).select(['id' as never]).where('number' as never, '=', r.number as never).executeTakeFirstOrThrow()) as { id: string };
  return { id: row.id, number: r.number, trackingCode: r.trackingCode, citizen };
}
const coordWho = () => ({ actor: staffActor(coordinator, 'complaint_coordinator', null), meta: null });
async function messagesTo(recipient: string): Promise<{ subject: string | null; body_text: string }[]> {
  return t.database.db.selectFrom('outbound_messages').select(['subject', 'body_text']).where('recipient', '=', recipient).orderBy('created_at').orderBy('id').execute();
}

describe('deadlines as data, routing rules, duplicates, survey invitation, SP4N-LAPOR!', () => {
  it('[C-1] the resolution deadline follows the category tier (2 working days for kesehatan) and an overdue complaint escalates to the agency head once', async () => {
    const head = await makeStaff(t, 'agency_admin', agencyA);
    const monday = new Date('2026-02-09T02:00:00Z');
    const c = await fileAsCitizen(monday, { category: 'kesehatan' });
    await t.deps.complaints.act(coordWho(), c.id, 'verify', { agencyId: agencyA.id }, monday);
    const routed = await t.deps.complaints.getForStaff(coordWho().actor, c.id);
    expect(routed.tier).toBe('segera');
    // Tue 10, Wed 11 February.
    expect(localDateOf(TZ, routed.resolveDueAt!)).toBe('2026-02-11');
    // The head was told it was routed to his agency.
    expect((await messagesTo(head.email)).map((m) => m.subject)).toContain(`Pengaduan ${c.number} diteruskan ke perangkat daerah Anda`);
    // The officer answers in time, but does not resolve.
    await t.deps.complaints.act({ actor: staffActor(officerA, 'operator', agencyA.id), meta: null }, c.id, 'respond', { note: 'Sedang kami periksa.' }, new Date('2026-02-10T02:00:00Z'));

    await t.deps.complaints.flagOverdue(new Date('2026-02-11T07:00:00Z'));
    expect((await t.deps.complaints.getForStaff(coordWho().actor, c.id)).escalated).toBe(false);
    await t.deps.complaints.flagOverdue(new Date('2026-02-12T02:00:00Z'));
    await t.deps.complaints.flagOverdue(new Date('2026-02-13T02:00:00Z'));
    const late = await t.deps.complaints.getForStaff(coordWho().actor, c.id);
    expect(late.escalated).toBe(true);
    expect(late.timeline.filter((e) => e.kind === 'escalated')).toHaveLength(1);
    const escalations = (await messagesTo(head.email)).filter((m) => m.subject === `Pengaduan ${c.number} melewati batas waktu penyelesaian`);
    expect(escalations).toHaveLength(1);
    // Not a word about the hidden reporter in what the head receives.
    expect(escalations[0]!.body_text).not.toContain(c.citizen.email);
    // Shown as overdue in the agency's list (also on a day when nothing else is due).
    const item = (await t.deps.complaints.listForStaff(staffActor(officerA, 'operator', agencyA.id), {}, new Date('2026-02-12T02:00:00Z'))).find((x) => x.id === c.id)!;
    expect(item.overdue).toBe(true);
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', c.id).execute();
    expect(audit.map((a) => a.action)).toContain('complaint.escalate');
  });

  it('[C-1] the tiers are data: a changed number of working days applies to complaints routed afterwards', async () => {
    const coord = await signInAs(t, coordinator.userId);
    await coord.get('/kelola/pengaduan');
    const put = await coord.api('PUT', '/api/v1/complaints/deadline-rules', { tier: 'kompleks', workingDays: 30, category: 'lainnya' }, { 'x-csrf-token': coord.csrfToken() });
    expect(put.statusCode).toBe(200);
    expect(JSON.parse(put.body).tiers).toEqual(expect.arrayContaining([{ code: 'kompleks', workingDays: 30 }]));
    const monday = new Date('2026-03-02T02:00:00Z');
    const c = await fileAsCitizen(monday, { category: 'lainnya' });
    await t.deps.complaints.act(coordWho(), c.id, 'verify', { agencyId: agencyA.id }, monday);
    const routed = await t.deps.complaints.getForStaff(coordWho().actor, c.id);
    expect(routed.tier).toBe('kompleks');
    const cal = (await t.database.db.selectFrom('holidays').select('date').execute()).length;
    expect(cal).toBeGreaterThan(0);
    // 30 working days from Monday 2 March 2026 (Nyepi and the Idul Fitri days do not count) land in mid-April.
    expect(localDateOf(TZ, routed.resolveDueAt!) > '2026-04-10').toBe(true);
    // A citizen cannot change the rules.
    const citizen = await signInAs(t, c.citizen.userId);
    await citizen.get('/pengaduan');
    expect((await citizen.api('PUT', '/api/v1/complaints/deadline-rules', { tier: 'segera', workingDays: 1 }, { 'x-csrf-token': citizen.csrfToken() })).statusCode).toBe(403);
  });

  it('[C-1] routing rules are data: a service rule beats a category rule; verify without a choice takes the suggestion; a re-route is audited and the new agency told', async () => {
    const headB = await makeStaff(t, 'agency_admin', agencyB);
    await t.deps.complaints.setRoutingRule(coordWho(), { category: 'lingkungan', agencyId: agencyB.id });
    const c1 = await fileAsCitizen(new Date(), { category: 'lingkungan' });
    expect((await t.deps.complaints.getForStaff(coordWho().actor, c1.id)).suggestedAgencyId).toBe(agencyB.id);
    await t.deps.complaints.act(coordWho(), c1.id, 'verify', {});
    expect((await t.deps.complaints.getForStaff(coordWho().actor, c1.id)).routedAgencyId).toBe(agencyB.id);
    expect((await messagesTo(headB.email)).map((m) => m.subject)).toContain(`Pengaduan ${c1.number} diteruskan ke perangkat daerah Anda`);

    // A rule for the service itself wins over the category's.
    const agencyC = await makeAgency(t);
    const headC = await makeStaff(t, 'agency_admin', agencyC);
    await t.deps.complaints.setRoutingRule(coordWho(), { serviceId: service.id, agencyId: agencyC.id });
    const c2 = await fileAsCitizen(new Date(), { category: 'lingkungan' });
    expect((await t.deps.complaints.getForStaff(coordWho().actor, c2.id)).suggestedAgencyId).toBe(agencyC.id);
    const rules = await t.deps.complaints.routingRules(coordWho().actor);
    expect(rules.filter((r) => r.serviceId === service.id)).toHaveLength(1);

    // The coordinator overrides: re-route from B to C, audited with before and after; C is told.
    await t.deps.complaints.act(coordWho(), c1.id, 'reroute', { agencyId: agencyC.id, note: 'Lokasi di wilayah C.' });
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'before', 'after']).where('entity_id', '=', c1.id).where('action', '=', 'complaint.reroute').executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.before)).toContain(agencyB.id);
    expect(JSON.stringify(audit.after)).toContain(agencyC.id);
    expect((await messagesTo(headC.email)).map((m) => m.subject)).toContain(`Pengaduan ${c1.number} diteruskan ke perangkat daerah Anda`);
    // Clean up the service rule so other cases keep routing to the service's agency.
    await t.database.db.deleteFrom('complaint_routing_rules' as never).execute();
  });

  it('[C-1] staff mark a duplicate: the reporter is told and his tracking page follows the original', async () => {
    const original = await fileAsCitizen(new Date(), { title: 'Jalan berlubang di depan pasar' });
    await t.deps.complaints.act(coordWho(), original.id, 'verify', { agencyId: agencyA.id });
    const email = `duplikat.${Date.now()}@contoh.id`;
    const { res } = await fileAsGuest({ contact: email });
    const id = String(res.headers.location).split('/').pop()!;
    const done = await t.deps.complaints.confirm(id, codeIn(await lastMessageTo(email)));
    if (!done.ok) throw new Error('not confirmed');
    // Agency staff may not; a wrong number is a 422 with the form kept.
    await expect(t.deps.complaints.markDuplicate({ actor: staffActor(officerA, 'operator', agencyA.id), meta: null }, id, original.number)).rejects.toMatchObject({ status: 403 });
    const coord = await signInAs(t, coordinator.userId);
    await coord.get(`/kelola/pengaduan/${id}`);
    const bad = await coord.post(`/kelola/pengaduan/${id}/duplikat`, { _csrf: coord.csrfToken(), original: 'ADU-1999-000001' });
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Nomor pengaduan asli');
    const ok = await coord.post(`/kelola/pengaduan/${id}/duplikat`, { _csrf: coord.csrfToken(), original: original.number });
    expect(ok.statusCode).toBe(303);
    expect(await lastMessageTo(email)).toContain(original.number);
    const page = textOf((await new TestClient(t.app).get(`/pengaduan/lacak?kode=${done.trackingCode}`)).body);
    expect(page).toContain(`Laporan ini diikuti pada pengaduan ${original.number}`);
    // The original's status (routed) shows on the duplicate's page; it moves with the original.
    await t.deps.complaints.act({ actor: staffActor(officerA, 'operator', agencyA.id), meta: null }, original.id, 'respond', { note: 'Perbaikan dijadwalkan pekan depan.' });
    const after = await t.deps.complaints.track(done.trackingCode);
    expect(after!.original).toMatchObject({ number: original.number, status: 'ditindaklanjuti' });
    expect(textOf((await new TestClient(t.app).get(`/pengaduan/lacak?kode=${done.trackingCode}`)).body)).toContain('Perbaikan dijadwalkan pekan depan.');
    expect((await t.deps.complaints.getForStaff(coordWho().actor, id)).duplicateOf).toEqual({ id: original.id, number: original.number });
  });

  it('[C-4] a resolved complaint invites its reporter to the survey once, even when reopened and resolved again', async () => {
    const email = `undangan.${Date.now()}@contoh.id`;
    const { res } = await fileAsGuest({ contact: email });
    const id = String(res.headers.location).split('/').pop()!;
    const done = await t.deps.complaints.confirm(id, codeIn(await lastMessageTo(email)));
    if (!done.ok) throw new Error('not confirmed');
    const officer = { actor: staffActor(officerA, 'operator', agencyA.id), meta: null };
    await t.deps.complaints.act(coordWho(), id, 'verify', { agencyId: agencyA.id });
    await t.deps.complaints.act(officer, id, 'resolve', { note: 'Selesai.' });
    const invites = async () => (await messagesTo(email)).filter((m) => m.subject === `Survei kepuasan untuk ${done.number}`);
    expect(await invites()).toHaveLength(1);
    expect((await invites())[0]!.body_text).toContain('/pengaduan/lacak');
    await t.deps.complaints.reopen({ code: done.trackingCode }, 'Masih terjadi.');
    await t.deps.complaints.act(officer, id, 'resolve', { note: 'Selesai lagi.' });
    expect(await invites()).toHaveLength(1);
  });

  it('[C-4] an approved (completed) application invites its applicant to the survey once', async () => {
    const citizen = await makeCitizen(t);
    const applicant: Actor = { ...staffActor(citizen, 'operator', null), kind: 'citizen', grants: [] };
    const published = (await t.deps.catalog.getPublished(service.slug))!;
    const saved = await t.deps.applications.save({ service: published, applicantId: citizen.userId, values: { nama_usaha: 'Warung Sejahtera', luas: '20' }, files: {}, submit: true, who: { actor: applicant } } as never);
    const tracking = (saved as { trackingNumber: string }).trackingNumber;
    const verifier = await makeStaff(t, 'verifier', agencyA);
    const official = await makeStaff(t, 'signing_official', agencyA);
    await t.deps.processing.claim({ actor: staffActor(verifier, 'verifier', agencyA.id) }, tracking, 1);
    await t.deps.processing.act({ actor: staffActor(verifier, 'verifier', agencyA.id) }, tracking, { action: 'forward', seq: 1, option: 1 });
    await t.deps.processing.claim({ actor: staffActor(official, 'signing_official', agencyA.id) }, tracking, 2);
    await t.deps.processing.act({ actor: staffActor(official, 'signing_official', agencyA.id) }, tracking, { action: 'approve', seq: 2 });
    await t.runJobs();
    await t.runJobs();
    const invites = (await messagesTo(citizen.email)).filter((m) => m.subject === `Survei kepuasan untuk ${tracking}`);
    expect(invites).toHaveLength(1);
    expect(invites[0]!.body_text).toContain(`/ikm/survei/permohonan/${tracking}`);
    const rows = await t.database.db.selectFrom('ikm_invitations' as never).selectAll().where('subject_type' as never, '=', 'application' as never).execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });

  it('[C-1] ADUAN <text> by SMS files a complaint through the inbound SMS endpoint and replies with its number and tracking code', async () => {
    const from = '+6285211112222';
    const inbound = (text: string, sender = from) => new TestClient(t.app).api('POST', '/api/v1/sms/inbound', { from: sender, text }, { 'x-simpul-token': SMS_TOKEN });
    const lastReply = async () => (await t.database.db.selectFrom('inbound_messages as i').innerJoin('outbound_messages as o', 'o.id', 'i.reply_message_id').select(['i.command', 'o.recipient', 'o.body_text']).orderBy('i.received_at', 'desc').limit(1).executeTakeFirstOrThrow());
    const short = await inbound('aduan lampu mati');
    expect(short.json()).toEqual({ received: true, command: 'ADUAN' });
    expect((await lastReply()).body_text).toContain('Format: ADUAN');
    const res = await inbound('ADUAN  Lampu jalan di Jl. Soekarno mati sejak seminggu, rawan kecelakaan malam hari.');
    expect(res.statusCode).toBe(200);
    const reply = await lastReply();
    expect(reply.recipient).toBe(from);
    const number = /ADU-\d{4}-\d{6}/.exec(reply.body_text ?? '')?.[0];
    const code = /\b([A-Z2-9]{5}-[A-Z2-9]{5})\b/.exec(reply.body_text ?? '')?.[1];
    expect(number).toBeTruthy();
    expect(code).toBeTruthy();
    // The coordinator sees it received (channel SMS), the sender's number hidden; the code opens the status page.
    const item = (await t.deps.complaints.listForStaff(coordWho().actor)).find((c) => c.number === number)!;
    expect(item.status).toBe('diterima');
    const staff = await t.deps.complaints.getForStaff(coordWho().actor, item.id);
    expect(staff.reporter).toBeNull();
    expect(staff.body).toContain('Lampu jalan di Jl. Soekarno');
    expect(textOf((await new TestClient(t.app).get(`/pengaduan/lacak?kode=${code}`)).body)).toContain(number!);
  });

  it('[C-1] before filing, the form suggests public complaints (confirmed by the coordinator) on the same service or within 50 m (a confirm step without JavaScript)', async () => {
    const own = await makeServiceWithSop(t, agencyB);
    // This file files more than the hourly limit per address from one test address: start afresh.
    await t.database.db.deleteFrom('rate_buckets').execute();
    const first = await fileAsGuest({ contact: `dekat.${Date.now()}@contoh.id`, service: own.slug, latitude: '-8.412300', longitude: '116.093000', allowPublish: '1', title: 'Saluran air tersumbat 081234567890' });
    expect(first.res.statusCode).toBe(303);
    const id = String(first.res.headers.location).split('/').pop()!;
    const email1 = (await t.database.db.selectFrom('complaints' as never).select(['reporter_email' as never]).where('id' as never, '=', id as never).executeTakeFirstOrThrow()) as { reporter_email: string };
    // Sealed at rest (DATA_KEYS): the stored value is an envelope, opened here.
    expect(email1.reporter_email).toMatch(/^enc1:/);
    const done = await t.deps.complaints.confirm(id, codeIn(await lastMessageTo(fieldCrypto().open(email1.reporter_email))));
    if (!done.ok) throw new Error('not confirmed');
    // Consented but not yet confirmed by the coordinator: not suggested to anyone.
    expect((await t.deps.complaints.similar({ service: own.slug, latitude: '', longitude: '' })).map((c) => c.number)).not.toContain(done.number);
    const preview = await t.deps.complaints.publicPreview(coordWho().actor, id);
    await t.deps.complaints.publish(coordWho(), id, { title: preview.title, body: preview.body, address: preview.address ?? '' });
    // About 30 m away, another service: suggested by distance; the title is redacted.
    const near = await t.deps.complaints.similar({ service: '', latitude: '-8.412570', longitude: '116.093000' });
    expect(near.map((c) => c.number)).toContain(done.number);
    expect(JSON.stringify(near)).not.toContain('081234567890');
    // About 100 m away and no service: nothing.
    expect((await t.deps.complaints.similar({ service: '', latitude: '-8.413200', longitude: '116.093000' })).map((c) => c.number)).not.toContain(done.number);
    // The form: first a confirm step with the suggestion and the words kept, then filed.
    const second = await fileAsGuest({ contact: `kedua.${Date.now()}@contoh.id`, service: own.slug });
    expect(second.res.statusCode).toBe(200);
    expect(textOf(second.res.body)).toContain('Mungkin sudah dilaporkan');
    expect(textOf(second.res.body)).toContain(done.number);
    expect(second.res.body).toContain('Loket tutup pada jam layanan');
    expect(second.res.body).toContain('name="checkedSimilar" value="1"');
    const again = await second.client.request('POST', '/pengaduan', multipart({ _csrf: second.client.csrfToken(), checkedSimilar: '1', kind: 'pengaduan', category: 'pelayanan', subjectType: 'service', service: own.slug, title: 'Loket tutup pada jam layanan', body: 'Saya datang pukul 10.00 dan loket sudah tutup tanpa pemberitahuan apa pun.', contact: `kedua.${Date.now()}@contoh.id` }));
    expect(again.statusCode).toBe(303);
  });

  it('[C-1] forwarding to SP4N-LAPOR! is a retried job that loses nothing while the remote is down; status changes arrive by a signed callback', async () => {
    const c = await fileAsCitizen(new Date(), { title: 'Pungutan liar 081234567890' });
    await t.deps.complaints.act(coordWho(), c.id, 'verify', { agencyId: agencyA.id });
    await expect(t.deps.complaints.forwardToLapor({ actor: staffActor(officerA, 'operator', agencyA.id), meta: null }, c.id)).rejects.toMatchObject({ status: 403 });
    await t.deps.complaints.forwardToLapor(coordWho(), c.id);
    await expect(t.deps.complaints.forwardToLapor(coordWho(), c.id)).rejects.toMatchObject({ status: 409 });

    // The same service over the same database with a LAPOR! that is down, then back.
    const remote = localLaporConnector({ failFirst: 2 });
    const region = async () => ({ name: 'Uji', timeZone: TZ });
    const down = createComplaints({ config: t.config, database: t.database, jobs: t.deps.jobs, log: t.deps.log, region, lapor: remote } as unknown as ComplaintsDeps);
    await expect(down.sendToLapor(c.id)).rejects.toThrow(/unavailable/);
    await expect(down.sendToLapor(c.id)).rejects.toThrow(/unavailable/);
    const pending = await t.deps.complaints.getForStaff(coordWho().actor, c.id);
    expect(pending.lapor).toMatchObject({ state: 'pending', remoteId: null, attempts: 2 });
    await down.sendToLapor(c.id);
    const sent = await t.deps.complaints.getForStaff(coordWho().actor, c.id);
    expect(sent.lapor).toMatchObject({ state: 'sent', attempts: 3 });
    expect(remote.calls).toHaveLength(1);
    // What left the region: our number, the redacted text, no reporter.
    expect(remote.calls[0]!.reference).toBe(c.number);
    expect(remote.calls[0]!.title).not.toContain('081234567890');
    expect(JSON.stringify(remote.calls[0])).not.toContain(c.citizen.email);
    // The queued job finds it already sent and does nothing more.
    await t.runJobs();
    expect(remote.calls).toHaveLength(1);

    const trackingId = sent.lapor!.remoteId!;
    const payload = JSON.stringify({ trackingId, reference: c.number, status: 'Ditindaklanjuti', note: 'Diteruskan ke inspektorat.', changedAt: '2026-12-07T10:00:00+08:00' });
    const post = (body: string, sig?: string) => t.app.inject({ method: 'POST', url: LAPOR_CALLBACK_URL, payload: body, headers: { 'content-type': 'application/json', ...(sig ? { [SIGNATURE_HEADER]: sig } : {}) } });
    expect((await post(payload)).statusCode).toBe(401);
    expect((await post(payload, signBody('wrong-secret-wrong-secret', payload))).statusCode).toBe(401);
    const ok = await post(payload, signBody(LAPOR_SECRET, payload));
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ reference: c.number, duplicate: false });
    expect(JSON.parse((await post(payload, signBody(LAPOR_SECRET, payload))).body).duplicate).toBe(true);
    const unknown = JSON.stringify({ trackingId: 'LAPOR-NOPE', reference: c.number, status: 'Selesai', changedAt: '2026-12-07T10:00:00+08:00' });
    expect((await post(unknown, signBody(LAPOR_SECRET, unknown))).statusCode).toBe(404);
    const after = await t.deps.complaints.getForStaff(coordWho().actor, c.id);
    expect(after.lapor!.remoteStatus).toBe('Ditindaklanjuti');
    expect(after.timeline.find((e) => e.kind === 'lapor_status')).toMatchObject({ note: 'Ditindaklanjuti — Diteruskan ke inspektorat.', visible: false });
  });

  it('[C-1] the lifecycle API: an agency reads only its complaints, the reporter stays hidden (also on the timeline), actions go through the same rules', async () => {
    const c = await fileAsCitizen(new Date());
    const coord = await signInAs(t, coordinator.userId);
    await coord.get('/kelola/pengaduan');
    const verified = await coord.api('POST', `/api/v1/complaints/${c.id}/actions`, { action: 'verify', agencyId: agencyA.id }, { 'x-csrf-token': coord.csrfToken() });
    expect(verified.statusCode).toBe(200);
    const body = JSON.parse(verified.body);
    expect(body).toMatchObject({ status: 'didisposisi', routedAgencyId: agencyA.id, reporter: null, tier: 'cepat' });
    expect(verified.body).not.toContain(c.citizen.email);
    expect(verified.body).not.toContain('081234567890');
    // Not even as the author of his own "filed" entry on the staff timeline (page and API).
    expect(verified.body).not.toContain(c.citizen.name);
    expect((await coord.get(`/kelola/pengaduan/${c.id}`)).body).not.toContain(c.citizen.name);
    const other = await signInAs(t, officerB.userId);
    expect((await other.api('GET', `/api/v1/complaints/${c.id}`)).statusCode).toBe(404);
    expect(JSON.parse((await other.api('GET', '/api/v1/complaints')).body).items.some((x: { id: string }) => x.id === c.id)).toBe(false);
    const officer = await signInAs(t, officerA.userId);
    await officer.get('/kelola/pengaduan');
    const noNote = await officer.api('POST', `/api/v1/complaints/${c.id}/actions`, { action: 'respond' }, { 'x-csrf-token': officer.csrfToken() });
    expect(noNote.statusCode).toBe(422);
    const archive = await officer.api('POST', `/api/v1/complaints/${c.id}/actions`, { action: 'archive', note: 'x' }, { 'x-csrf-token': officer.csrfToken() });
    expect(archive.statusCode).toBe(403);
  });
});
