// Issued documents (P-12) on both engines: issuing on approval (through the hook and its job),
// the public verification page (genuine and valid, expired, revoked, forged code), the file
// check (genuine file, one byte changed), the signature against the stored public key, the
// holder's downloads, numbering per agency and year, idempotent issuing, revocation and the API.
import { openPerson } from '../identity/index.ts';
import { documentEvents } from './documents.events.ts';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { apiAs, makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs, testServiceContent } from '../../../test/factories.ts';
import { multipart, TestClient, textOf } from '../../../test/http.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import { verifyDigest } from './documents.signing.ts';
import { VERIFY_LIMIT } from './documents.api.ts';
import { createDocuments, type DocumentView } from './documents.service.ts';

let t: TestApp;
let agency: AgencyView;
let other: AgencyView;
let slug: string;
let slugNoExpiry: string;
let otherSlug: string;

const actorOf = (u: { userId: string; name: string }, role: StaffRole | null, a: AgencyView | null): Actor => ({
  userId: u.userId,
  kind: role ? 'staff' : 'citizen',
  name: u.name,
  locale: 'id',
  grants: role ? [{ role, agencyId: a?.id ?? null }] : [],
  mfaPassed: true,
  mfaEnrolled: false,
  sessionId: null,
  via: 'session',
});

/** Files, takes through verification and signing, approves. Returns the application and its applicant. */
async function approved(opts: { slug?: string; agency?: AgencyView } = {}) {
  const a = opts.agency ?? agency;
  const c = await makeCitizen(t);
  const applicant = actorOf(c, null, null);
  const service = (await t.deps.catalog.getPublished(opts.slug ?? slug))!;
  const res = await t.deps.applications.save({ service, applicantId: c.userId, values: { nama_usaha: 'Warung Sejahtera', luas: '24' }, files: {}, submit: true, who: { actor: applicant } });
  const tracking = res.trackingNumber!;
  const verifier = actorOf(await makeStaff(t, 'verifier', a), 'verifier', a);
  const signer = actorOf(await makeStaff(t, 'signing_official', a, { name: 'Drs. Yakobus Lado' }), 'signing_official', a);
  await t.deps.processing.claim({ actor: verifier }, tracking, 1);
  await t.deps.processing.act({ actor: verifier }, tracking, { action: 'forward', seq: 1, option: 1 });
  await t.deps.processing.claim({ actor: signer }, tracking, 2);
  await t.deps.processing.act({ actor: signer }, tracking, { action: 'approve', seq: 2, note: 'Sesuai' });
  return { id: res.id, tracking, citizen: c, applicant, signer };
}

const issue = (applicationId: string, actor: Actor | null = null, now = new Date()) =>
  t.database.db.transaction().execute((trx) => t.deps.documents.issueFor(trx, applicationId, { actor }, now));

const docOf = async (applicationId: string): Promise<DocumentView> => {
  const r = await t.database.db.selectFrom('issued_documents').select('id').where('application_id', '=', applicationId).executeTakeFirstOrThrow();
  return (await t.deps.documents.byId(t.database.db, r.id))!;
};

/** A multipart/form-data body as a browser sends it. */

async function uploadForCheck(bytes: Buffer | null) {
  const client = new TestClient(t.app);
  await client.get('/verifikasi');
  return client.request('POST', '/verifikasi/periksa', multipart({ _csrf: client.csrfToken() }, bytes ? [{ field: 'file', name: 'izin.pdf', type: 'application/pdf', bytes }] : []));
}

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false, baseUrl: 'https://layanan.ujiprov.go.id' });
  agency = await makeAgency(t);
  other = await makeAgency(t);
  const product = { name: 'Izin Usaha Mikro', description: 'Menjalankan usaha perdagangan eceran skala mikro di lokasi yang tercantum.', validity: { years: 1, months: 0 } };
  ({ slug } = await makeServiceWithSop(t, agency, { content: testServiceContent('Izin Usaha Mikro Uji', { product }) }));
  ({ slug: slugNoExpiry } = await makeServiceWithSop(t, agency));
  ({ slug: otherSlug } = await makeServiceWithSop(t, other));
});
afterAll(async () => t?.close());

describe(`issued documents (${engine})`, () => {
  it('[P-12] approval issues the signed permit (through its job); the verification page says genuine and valid', async () => {
    const { id, tracking, citizen } = await approved();
    // The approval only enqueued the job; the document exists once it has run.
    expect(await t.database.db.selectFrom('issued_documents').select('id').where('application_id', '=', id).execute()).toHaveLength(0);
    await t.runJobs();
    const doc = await docOf(id);
    const year = new Date().getUTCFullYear();
    expect(doc.number).toMatch(new RegExp(`^503/\\d{4}/${agency.shortName}/(${year}|${year + 1})$`));
    expect(doc).toMatchObject({ title: 'Izin Usaha Mikro', holderName: citizen.name, status: 'valid', trackingNumber: tracking, issuedByName: 'Drs. Yakobus Lado' });
    expect(doc.issuedByPosition).toContain('Pejabat Penandatangan');
    expect(doc.holderNikMasked).toMatch(/^\d{4}\*+\d{4}$/);
    expect(doc.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(doc.verificationCode.length).toBeGreaterThanOrEqual(20);

    const res = await new TestClient(t.app).get(`/verifikasi/${doc.verificationCode}`);
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Dokumen ASLI');
    expect(text).toContain('Dokumen masih berlaku.');
    expect(text).toContain(doc.number);
    expect(text).toContain(citizen.name);
    expect(text).toContain(doc.holderNikMasked!);
    expect(text).toContain('Drs. Yakobus Lado');
    expect(text).toContain(agency.name);
    // The full NIK never appears.
    const nik = openPerson(await t.database.db.selectFrom('users').select('nik').where('id', '=', citizen.userId).executeTakeFirstOrThrow());
    expect(text).not.toContain(nik.nik!);
    // The applicant's application page points to "Dokumen saya".
    const own = await (await signInAs(t, citizen.userId)).get(`/permohonan/${tracking}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('href="/dokumen"');
  });

  it('[P-12] the stored PDF hashes to the stored SHA-256 and its signature verifies with the stored public key', async () => {
    const { id } = await approved();
    const doc = await issue(id);
    const pdf = (await t.deps.documents.pdfOf(doc))!;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(crypto.createHash('sha256').update(pdf).digest('hex')).toBe(doc.sha256);
    const key = await t.database.db.selectFrom('signing_keys').selectAll().where('id', '=', doc.keyId).executeTakeFirstOrThrow();
    expect(key.retired_at).toBeNull();
    expect(verifyDigest(key.public_key_pem, doc.sha256, doc.signature)).toBe(true);
    // With node:crypto directly: Ed25519 over the 32 bytes of the digest.
    expect(crypto.verify(null, Buffer.from(doc.sha256, 'hex'), crypto.createPublicKey(key.public_key_pem), Buffer.from(doc.signature, 'base64'))).toBe(true);
    // Another key does not verify it, nor does the signature fit another hash.
    const stranger = crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(verifyDigest(stranger, doc.sha256, doc.signature)).toBe(false);
    expect(verifyDigest(key.public_key_pem, crypto.createHash('sha256').update('x').digest('hex'), doc.signature)).toBe(false);
    // The public page names the signature as valid.
    expect((await t.deps.documents.verification(t.database.db, doc)).signatureValid).toBe(true);
  });

  it('[P-12] an uploaded genuine file is recognised; with one byte changed it does NOT match', async () => {
    const { id } = await approved();
    const doc = await issue(id);
    const pdf = (await t.deps.documents.pdfOf(doc))!;
    const genuine = await uploadForCheck(pdf);
    expect(genuine.statusCode).toBe(200);
    expect(textOf(genuine.body)).toContain(`Berkas ini adalah dokumen asli nomor ${doc.number}`);

    // In English for a visitor who chose it.
    const en = new TestClient(t.app);
    await en.get('/bahasa/en');
    const enPage = textOf((await en.get(`/verifikasi/${doc.verificationCode}`)).body);
    expect(enPage).toContain('GENUINE document');
    expect(enPage).toContain('The document is valid.');

    const tampered = Buffer.from(pdf);
    const at = Math.floor(tampered.length / 2);
    tampered[at] = tampered[at]! ^ 0x01;
    const res = await uploadForCheck(tampered);
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('TIDAK cocok dengan dokumen mana pun yang diterbitkan Simpul (mungkin telah diubah)');
    expect(text).not.toContain(doc.number);

    // Without the CSRF token the form is refused (403), never a 500.
    const noToken = await new TestClient(t.app).request('POST', '/verifikasi/periksa', multipart({}, [{ field: 'file', name: 'izin.pdf', type: 'application/pdf', bytes: pdf }]));
    expect(noToken.statusCode).toBe(403);

    // No file chosen: a clear message, 422.
    const none = await uploadForCheck(null);
    expect(none.statusCode).toBe(422);
    expect(textOf(none.body)).toContain('Pilih berkas PDF yang akan diperiksa.');
  });

  it('[P-12] a forged verification code is "not found / not genuine" with 404, on the page and in the API', async () => {
    const forged = crypto.randomBytes(18).toString('base64url');
    const res = await new TestClient(t.app).get(`/verifikasi/${forged}`);
    expect(res.statusCode).toBe(404);
    expect(textOf(res.body)).toContain('TIDAK ASLI');
    const typed = await new TestClient(t.app).get('/verifikasi?kode=%3Cscript%3E');
    expect(typed.statusCode).toBe(404);
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/verify/${forged}`, headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
  });

  it('[P-12] a revoked document: reason required (422, typed text kept), then the page says revoked with date and reason; audited', async () => {
    const { id } = await approved();
    const doc = await issue(id);
    const admin = await signInAs(t, (await makeStaff(t, 'agency_admin', agency)).userId);
    const empty = await admin.submit(`/kelola/dokumen/${doc.id}/cabut`, { reason: '   ' }, '/kelola/dokumen');
    expect(empty.statusCode).toBe(422);
    expect(textOf(empty.body)).toContain('Tuliskan alasan pencabutan.');
    expect((await docOf(id)).status).toBe('valid');
    const long = `Alasan ${'panjang '.repeat(130)}`;
    const tooLong = await admin.submit(`/kelola/dokumen/${doc.id}/cabut`, { reason: long }, '/kelola/dokumen');
    expect(tooLong.statusCode).toBe(422);
    expect(textOf(tooLong.body)).toContain('Maksimal 1000 karakter.');
    expect(tooLong.body).toContain(long.trim().slice(0, 200));

    // An official of another agency does not see it.
    const outsider = await signInAs(t, (await makeStaff(t, 'agency_admin', other)).userId);
    expect((await outsider.submit(`/kelola/dokumen/${doc.id}/cabut`, { reason: 'Coba' }, '/kelola/dokumen')).statusCode).toBe(404);
    // A citizen may not revoke.
    const citizen = await signInAs(t, (await makeCitizen(t)).userId);
    expect((await citizen.submit(`/kelola/dokumen/${doc.id}/cabut`, { reason: 'Coba' }, '/')).statusCode).toBe(403);

    const ok = await admin.submit(`/kelola/dokumen/${doc.id}/cabut`, { reason: 'Lokasi usaha tidak sesuai hasil pengawasan' }, '/kelola/dokumen');
    expect(ok.statusCode).toBe(303);
    const after = await docOf(id);
    expect(after.status).toBe('revoked');
    const page = textOf((await new TestClient(t.app).get(`/verifikasi/${doc.verificationCode}`)).body);
    expect(page).toContain('telah DICABUT');
    expect(page).toContain('Lokasi usaha tidak sesuai hasil pengawasan');
    expect(page).toContain('Dicabut');
    const audit = await t.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'document.revoke').where('entity_id', '=', doc.id).execute();
    expect(audit).toHaveLength(1);
    // Revoking again is a conflict.
    expect((await admin.submit(`/kelola/dokumen/${doc.id}/cabut`, { reason: 'Lagi' }, '/kelola/dokumen')).statusCode).toBe(409);
  });

  it('[P-12] a document whose validity has passed (injected clock) is shown as expired', async () => {
    const { id } = await approved();
    const twoYearsAgo = new Date(Date.now() - 2 * 366 * 24 * 3600 * 1000);
    const doc = await issue(id, null, twoYearsAgo);
    expect(doc.validUntil! < new Date().toISOString().slice(0, 10)).toBe(true);
    const v = await t.deps.documents.verification(t.database.db, doc);
    expect(v.state).toBe('expired');
    // The same document on its first day is valid.
    expect((await t.deps.documents.verification(t.database.db, doc, twoYearsAgo)).state).toBe('valid');
    const page = textOf((await new TestClient(t.app).get(`/verifikasi/${doc.verificationCode}`)).body);
    expect(page).toContain('sudah KEDALUWARSA');
    // A service without a validity period issues a document without expiry.
    const plain = await approved({ slug: slugNoExpiry });
    const forever = await issue(plain.id, null, twoYearsAgo);
    expect(forever.validUntil).toBeNull();
    expect((await t.deps.documents.verification(t.database.db, forever)).state).toBe('valid');
  });

  it('[P-12] the holder lists and downloads his documents; another citizen gets 404', async () => {
    const { id, citizen } = await approved();
    const doc = await issue(id);
    const holder = await signInAs(t, citizen.userId);
    const list = await holder.get('/dokumen');
    expect(list.statusCode).toBe(200);
    expect(textOf(list.body)).toContain(doc.number);
    const dl = await holder.get(`/dokumen/${doc.id}/unduh`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toContain('application/pdf');
    expect(crypto.createHash('sha256').update(dl.rawPayload).digest('hex')).toBe(doc.sha256);

    const stranger = await signInAs(t, (await makeCitizen(t)).userId);
    expect((await stranger.get(`/dokumen/${doc.id}/unduh`)).statusCode).toBe(404);
    expect(textOf((await stranger.get('/dokumen')).body)).not.toContain(doc.number);
    // Signed out: to the sign-in page.
    expect((await new TestClient(t.app).get(`/dokumen/${doc.id}/unduh`)).statusCode).toBe(303);

    const api = await apiAs(holder, 'GET', '/api/v1/me/documents');
    expect(api.statusCode).toBe(200);
    expect(api.json().items.map((d: { number: string }) => d.number)).toContain(doc.number);
  });

  it('[P-12] numbers run per agency and per year, without gaps', async () => {
    const a1 = await approved({ slug: otherSlug, agency: other });
    const a2 = await approved({ slug: otherSlug, agency: other });
    const a3 = await approved({ slug: otherSlug, agency: other });
    const d1 = await issue(a1.id, null, new Date('2031-03-02T02:00:00Z'));
    const d2 = await issue(a2.id, null, new Date('2031-03-02T03:00:00Z'));
    // 31 December 2031 at 17:30 UTC is already 1 January 2032 in WITA: the new year's counter.
    const d3 = await issue(a3.id, null, new Date('2031-12-31T17:30:00Z'));
    expect([d1.number, d2.number, d3.number]).toEqual([`503/0001/${other.shortName}/2031`, `503/0002/${other.shortName}/2031`, `503/0001/${other.shortName}/2032`]);
    // Another agency's numbers are its own.
    const b = await approved();
    const db = await issue(b.id, null, new Date('2031-03-02T04:00:00Z'));
    expect(db.number).toBe(`503/0001/${agency.shortName}/2031`);
  });

  it('[P-12] issuing twice for one application gives one document (direct call, then the job)', async () => {
    const { id } = await approved();
    const first = await issue(id);
    const second = await issue(id);
    expect(second.id).toBe(first.id);
    expect(second.number).toBe(first.number);
    await t.runJobs();
    const rows = await t.database.db.selectFrom('issued_documents').select('id').where('application_id', '=', id).execute();
    expect(rows).toHaveLength(1);
  });

  it('[P-12] the API verifies a code (public) and revokes for the agency official (reason required)', async () => {
    const { id } = await approved();
    const doc = await issue(id);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/verify/${doc.verificationCode}`, headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ genuine: true, state: 'valid', document: { number: doc.number, verificationUrl: `https://layanan.ujiprov.go.id/verifikasi/${doc.verificationCode}` } });
    const signer = await signInAs(t, (await makeStaff(t, 'signing_official', agency)).userId);
    const outsider = await signInAs(t, (await makeStaff(t, 'signing_official', other)).userId);
    expect((await apiAs(outsider, 'POST', `/api/v1/documents/${doc.id}/revoke`, { reason: 'Coba' })).statusCode).toBe(404);
    const citizen = await signInAs(t, (await makeCitizen(t)).userId);
    expect((await apiAs(citizen, 'POST', `/api/v1/documents/${doc.id}/revoke`, { reason: 'Coba' })).statusCode).toBe(403);
    const missing = await apiAs(signer, 'POST', `/api/v1/documents/${doc.id}/revoke`, { reason: '' });
    expect(missing.statusCode).toBe(422);
    const done = await apiAs(signer, 'POST', `/api/v1/documents/${doc.id}/revoke`, { reason: 'Permohonan pemegang' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ state: 'revoked', revokeReason: 'Permohonan pemegang' });
    expect((await docOf(id)).status).toBe('revoked');
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/verify/{code}', '/api/v1/me/documents', '/api/v1/documents/{id}/revoke']));
  });

  it('[P-12] verification is rate-limited per IP address like /lacak (429 with a clear message)', async () => {
    const forged = crypto.randomBytes(18).toString('base64url');
    const hit = () => t.app.inject({ method: 'GET', url: `/verifikasi/${forged}`, remoteAddress: '10.20.30.40', headers: { accept: 'text/html' } });
    const codes: number[] = [];
    for (let i = 0; i < VERIFY_LIMIT + 1; i++) codes.push((await hit()).statusCode);
    expect(codes.slice(0, VERIFY_LIMIT).every((c) => c === 404)).toBe(true);
    expect(codes[VERIFY_LIMIT]).toBe(429);
    // Another address is not affected.
    expect((await t.app.inject({ method: 'GET', url: `/verifikasi/${forged}`, remoteAddress: '10.20.30.41', headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });

  it('[P-12] two issuers at once for one application give one document', async () => {
    const { id } = await approved();
    const [a, b] = await Promise.all([issue(id), issue(id)]);
    expect(a.id).toBe(b.id);
    expect(await t.database.db.selectFrom('issued_documents').select('id').where('application_id', '=', id).execute()).toHaveLength(1);
  });

  it('[P-12] after the signing key is rotated, documents signed with the old key still verify; new ones use the new key', async () => {
    const before = await approved();
    const old = await issue(before.id);
    const rotated = createDocuments({
      config: { baseUrl: t.config.baseUrl, documentSigningKey: crypto.generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() },
      database: t.database,
      storage: t.deps.storage,
      events: t.deps.events.recorder(documentEvents),
    });
    const after = await approved();
    const fresh = await t.database.db.transaction().execute((trx) => rotated.issueFor(trx, after.id, { actor: null }));
    expect(fresh.keyId).toBe(rotated.signingKeyId);
    expect(fresh.keyId).not.toBe(old.keyId);
    const keys = await t.database.db.selectFrom('signing_keys').selectAll().execute();
    expect(keys.find((k) => k.id === old.keyId)!.retired_at).not.toBeNull();
    expect(keys.find((k) => k.id === fresh.keyId)!.retired_at).toBeNull();
    expect((await rotated.verification(t.database.db, old)).signatureValid).toBe(true);
    expect((await rotated.verification(t.database.db, fresh)).signatureValid).toBe(true);
    const page = textOf((await new TestClient(t.app).get(`/verifikasi/${old.verificationCode}`)).body);
    expect(page).toContain('Dokumen ASLI');
  });
});
