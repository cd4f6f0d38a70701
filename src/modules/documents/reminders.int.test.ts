// Expiry reminders, expiry and renewal of issued documents (P-8, with P-12) on both engines,
// with an injected clock: the 60/30/7-day reminders once each while the clock advances day
// by day and the job runs several times a day; two workers on two database handles (two
// nodes on PostgreSQL) send each reminder exactly once; after missed days only the nearest
// reminder; none for a revoked document; expiry marks the document and the verification page
// says so; the reminder e-mail reaches the SMTP server with the renewal link; renewal
// pre-fills a draft and is refused for a revoked or someone else's document.
import { documentEvents } from './documents.events.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp } from '../../app.ts';
import { createLogger } from '../../platform/log.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import { engine, testConfig, type TestApp } from '../../../test/harness.ts';
import { openTwoHandles } from '../../../test/database.ts';
import { apiAs, makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs, testServiceContent } from '../../../test/factories.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { startSmtpServer, type SmtpTestServer } from '../../../test/smtp.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { addDays } from './reminders.logic.ts';
import { createReminders } from './reminders.service.ts';
import type { DocumentView } from './documents.service.ts';

const BASE = 'https://layanan.ujiprov.go.id';
let nodes: Awaited<ReturnType<typeof openTwoHandles>>;
let smtp: SmtpTestServer;
let t: TestApp;
let agency: AgencyView;
let slug: string;
let slugNoExpiry: string;

/** An instant on the region's calendar date `d` (10:00 WIB = 11:00 WITA = 12:00 WIT). */
const at = (d: string) => new Date(`${d}T03:00:00Z`);

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

/** Files, verifies, approves and issues; returns the document and its holder. */
async function issued(opts: { slug?: string; validUntil?: string | null } = {}) {
  const c = await makeCitizen(t);
  const applicant = actorOf(c, null, null);
  const service = (await t.deps.catalog.getPublished(opts.slug ?? slug))!;
  const res = await t.deps.applications.save({ service, applicantId: c.userId, values: { nama_usaha: 'Warung Sejahtera', luas: '24' }, files: {}, submit: true, who: { actor: applicant } });
  await approveTracking(res.trackingNumber!);
  const doc = await t.database.db.transaction().execute((trx) => t.deps.documents.issueFor(trx, res.id, { actor: null }));
  if (opts.validUntil !== undefined) await t.database.db.updateTable('issued_documents').set({ valid_until: opts.validUntil }).where('id', '=', doc.id).execute();
  return { doc: (await t.deps.documents.byId(t.database.db, doc.id))!, citizen: c, applicant, applicationId: res.id };
}

async function approveTracking(tracking: string) {
  const verifier = actorOf(await makeStaff(t, 'verifier', agency), 'verifier', agency);
  const signer = actorOf(await makeStaff(t, 'signing_official', agency), 'signing_official', agency);
  await t.deps.processing.claim({ actor: verifier }, tracking, 1);
  await t.deps.processing.act({ actor: verifier }, tracking, { action: 'forward', seq: 1, option: 1 });
  await t.deps.processing.claim({ actor: signer }, tracking, 2);
  await t.deps.processing.act({ actor: signer }, tracking, { action: 'approve', seq: 2, note: 'Sesuai' });
}

const sentRows = (docId: string) =>
  t.database.db.selectFrom('document_reminders').select(['kind', 'offset_days', 'due_on']).where('document_id', '=', docId).orderBy('sent_at').orderBy('offset_days', 'desc').execute();

/** Runs background jobs until none is due (notification → mail/SMS delivery). */
async function drainJobs() {
  for (let i = 0; i < 6; i++) if ((await t.runJobs()) === 0) return;
}

const messages = (applicationId: string, event: string, channel: 'email' | 'sms') =>
  t.database.db.selectFrom('outbound_messages').select(['recipient', 'subject', 'body_text']).where('application_id', '=', applicationId).where('event', '=', event).where('channel', '=', channel).execute();

beforeAll(async () => {
  smtp = await startSmtpServer();
  nodes = await openTwoHandles();
  const config = testConfig({ requireAdminMfa: false, baseUrl: BASE, smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTls: true } });
  const built = await buildApp(config, nodes.a, { logger: createLogger(config) });
  await built.app.ready();
  t = { ...built, database: nodes.a, config, runJobs: () => built.deps.jobs.runDue(), close: () => built.close() };
  agency = await makeAgency(t);
  const product = { name: 'Izin Usaha Mikro', description: 'Usaha perdagangan eceran skala mikro.', validity: { years: 1, months: 0 } };
  ({ slug } = await makeServiceWithSop(t, agency, { content: testServiceContent('Izin Usaha Mikro Uji', { product }) }));
  ({ slug: slugNoExpiry } = await makeServiceWithSop(t, agency));
});
afterAll(async () => {
  await t?.close();
  await nodes?.close();
  await smtp?.close();
});

describe(`document reminders (${engine})`, () => {
  it('[P-8] reminders at 60, 30 and 7 days are sent once each, by e-mail and SMS, while the clock advances and the job runs repeatedly', async () => {
    const last = '2030-03-14';
    const { doc, applicationId } = await issued({ validUntil: last });
    const seen: { day: string; offsets: number[] }[] = [];
    for (let day = addDays(last, -70); day <= addDays(last, 0); day = addDays(day, 1)) {
      // Three runs a day: morning, and twice more (a restart, a second schedule slot).
      await t.deps.reminders.run(at(day));
      await t.deps.reminders.run(new Date(at(day).getTime() + 3600_000));
      await t.deps.reminders.run(new Date(at(day).getTime() + 7200_000));
      const rows = await sentRows(doc.id);
      seen.push({ day, offsets: rows.map((r) => r.offset_days) });
    }
    const rows = await sentRows(doc.id);
    expect(rows.map((r) => [r.kind, r.offset_days, r.due_on])).toEqual([
      ['reminder', 60, addDays(last, -60)],
      ['reminder', 30, addDays(last, -30)],
      ['reminder', 7, addDays(last, -7)],
    ]);
    // Nothing before the 60-day window opened.
    expect(seen.find((s) => s.day === addDays(last, -61))!.offsets).toEqual([]);
    await drainJobs();
    const mails = await messages(applicationId, 'document_expiring', 'email');
    const sms = await messages(applicationId, 'document_expiring', 'sms');
    expect(mails).toHaveLength(3);
    expect(sms).toHaveLength(3);
    expect(mails.map((m) => m.subject).every((s) => s!.includes(doc.number) && s!.includes('14 Maret 2030'))).toBe(true);
    expect(mails.map((m) => /\((\d+) hari lagi\)/.exec(m.body_text)?.[1]).sort()).toEqual(['30', '60', '7']);
    expect(sms[0]!.body_text).toContain(`${BASE}/dokumen/${doc.id}`);
  });

  it('[P-8] two workers on two database handles running at the same time send each reminder exactly once', async () => {
    const last = '2031-06-30';
    const docs = await Promise.all([0, 1, 2].map(() => issued({ validUntil: last })));
    // The second node: its own reminders service on the second handle (the same one on PGlite).
    const other = createReminders({ config: t.config, database: nodes.b, region: t.deps.region, events: t.deps.events.recorder(documentEvents) });
    const day = at(addDays(last, -30));
    const results = await Promise.all([t.deps.reminders.run(day), other.run(day), t.deps.reminders.run(day), other.run(day)]);
    expect(results.reduce((n, r) => n + r.reminded, 0)).toBe(3);
    // Later passes on both nodes (the next hours and the next day) find every reminder claimed.
    for (const later of [3600_000, 86_400_000]) await Promise.all([other.run(new Date(day.getTime() + later)), t.deps.reminders.run(new Date(day.getTime() + later))]);
    for (const d of docs) expect((await sentRows(d.doc.id)).map((r) => r.offset_days)).toEqual([30]);
    const jobs = await sql<{ n: number | string }>`select count(*) as n from jobs where name = 'notify.application' and payload->>'event' = 'document_expiring' and payload->>'applicationId' in (${sql.join(docs.map((d) => d.applicationId))})`.execute(t.database.db);
    expect(Number(jobs.rows[0]!.n)).toBe(3);
    await drainJobs();
    for (const d of docs) expect(await messages(d.applicationId, 'document_expiring', 'email')).toHaveLength(1);
  });

  it('[P-8] after missed days (server down) only the nearest reminder is sent, not the missed ones', async () => {
    const last = '2032-02-10';
    const { doc } = await issued({ validUntil: last });
    // First run only 5 days before the last day: the 60- and 30-day windows went by unseen.
    await t.deps.reminders.run(at(addDays(last, -5)));
    await t.deps.reminders.run(at(addDays(last, -4)));
    expect((await sentRows(doc.id)).map((r) => r.offset_days)).toEqual([7]);
  });

  it('[P-8] a revoked document gets no reminder and never becomes expired', async () => {
    const last = '2032-08-20';
    const { doc } = await issued({ validUntil: last });
    const admin = actorOf(await makeStaff(t, 'agency_admin', agency), 'agency_admin', agency);
    await t.database.db.transaction().execute((trx) => t.deps.documents.revoke(trx, { actor: admin }, doc.id, 'Usaha tutup'));
    for (const off of [60, 30, 7, 0, -1, -2]) await t.deps.reminders.run(at(addDays(last, -off)));
    expect(await sentRows(doc.id)).toEqual([]);
    expect((await t.deps.documents.byId(t.database.db, doc.id))!.status).toBe('revoked');
  });

  it('[P-8] [P-12] on the day after the last day the job marks the document expired and tells the holder once; the pages and the API say Kedaluwarsa', async () => {
    const last = '2033-04-30';
    const { doc, citizen, applicationId } = await issued({ validUntil: last });
    await t.deps.reminders.run(at(last));
    expect((await t.deps.documents.byId(t.database.db, doc.id))!.status).toBe('valid');
    await t.deps.reminders.run(at(addDays(last, 1)));
    await t.deps.reminders.run(at(addDays(last, 2)));
    const after: DocumentView = (await t.deps.documents.byId(t.database.db, doc.id))!;
    expect(after.status).toBe('expired');
    expect(after.expiredAt?.toISOString()).toBe(at(addDays(last, 1)).toISOString());
    expect((await sentRows(doc.id)).filter((r) => r.kind === 'expired')).toHaveLength(1);
    await drainJobs();
    const notices = await messages(applicationId, 'document_expired', 'email');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toContain('kedaluwarsa');
    // Audited as the system's change.
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', doc.id).where('action', '=', 'document.expire').execute();
    expect(audit).toHaveLength(1);

    const page = await new TestClient(t.app).get(`/verifikasi/${doc.verificationCode}`);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('Kedaluwarsa');
    expect(textOf(page.body)).toContain('30 April 2033');
    const holder = await signInAs(t, citizen.userId);
    const mine = textOf((await holder.get('/dokumen')).body);
    expect(mine).toContain('Kedaluwarsa sejak 30 April 2033');
    const api = await apiAs(holder, 'GET', '/api/v1/me/documents');
    const item = (api.json() as { items: { number: string; status: string; expiredAt: string | null }[] }).items.find((i) => i.number === doc.number)!;
    expect(item).toMatchObject({ status: 'expired', expiredAt: at(addDays(last, 1)).toISOString() });
    const admin = await signInAs(t, (await makeStaff(t, 'agency_admin', agency)).userId);
    expect(textOf((await admin.get('/kelola/dokumen')).body)).toContain('Kedaluwarsa sejak 30 April 2033');
    // Revocation still wins over expiry.
    const official = actorOf(await makeStaff(t, 'agency_admin', agency), 'agency_admin', agency);
    await t.database.db.transaction().execute((trx) => t.deps.documents.revoke(trx, { actor: official }, doc.id, 'Data tidak benar'));
    expect((await t.deps.documents.byId(t.database.db, doc.id))!.status).toBe('revoked');
  });

  it('[P-8] the reminder e-mail reaches the SMTP server with the number, the date and the renewal link', async () => {
    const last = '2034-01-15';
    const { doc, citizen } = await issued({ validUntil: last });
    await t.deps.reminders.run(at(addDays(last, -30)));
    await drainJobs();
    const mail = await smtp.waitFor((m) => m.to.includes(citizen.email.toLowerCase()) && m.subject.includes(doc.number));
    expect(mail.subject).toContain('15 Januari 2034');
    expect(mail.text).toContain('Izin Usaha Mikro');
    expect(mail.text).toContain('(30 hari lagi)');
    expect(mail.text).toContain(`${BASE}/dokumen/${doc.id}`);
  });
});

describe(`document renewal (${engine})`, () => {
  it('[P-8] the holder renews: a draft of the same service pre-filled with the previous data (existing fields only, no attachments), linked to the old document', async () => {
    const { doc, citizen, applicationId } = await issued({ validUntil: '2035-05-05' });
    // A field the current form no longer has is not carried over.
    await t.database.db.updateTable('applications').set({ form_data: JSON.stringify({ nama_usaha: 'Warung Sejahtera', luas: 24, nama: 'Nama Lama', lama: 'hilang' }) }).where('id', '=', applicationId).execute();
    const holder = await signInAs(t, citizen.userId);
    const page = await holder.get(`/dokumen/${doc.id}`);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('Ajukan perpanjangan');
    const res = await holder.post(`/dokumen/${doc.id}/perpanjang`, { _csrf: holder.csrfToken() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/layanan/${slug}/ajukan?ok=perpanjangan`);
    const link = await t.database.db.selectFrom('document_renewals').selectAll().where('document_id', '=', doc.id).executeTakeFirstOrThrow();
    const draft = await t.database.db.selectFrom('applications').selectAll().where('id', '=', link.application_id).executeTakeFirstOrThrow();
    expect(draft).toMatchObject({ status: 'draft', applicant_id: citizen.userId, tracking_number: null });
    const values = typeof draft.form_data === 'string' ? JSON.parse(draft.form_data) : draft.form_data;
    // Identity fields come from the account, not from the old application.
    expect(values).toEqual({ nama_usaha: 'Warung Sejahtera', luas: '24' });
    expect(await t.database.db.selectFrom('application_attachments').select('id').where('application_id', '=', draft.id).execute()).toEqual([]);
    const form = await holder.get(res.headers.location as string);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Warung Sejahtera"');
    expect(textOf(form.body)).toContain('Draf perpanjangan telah dibuat');
    // A second click returns the same draft.
    const again = await holder.post(`/dokumen/${doc.id}/perpanjang`, { _csrf: holder.csrfToken() });
    expect(again.statusCode).toBe(303);
    expect(await t.database.db.selectFrom('document_renewals').select('application_id').where('document_id', '=', doc.id).execute()).toHaveLength(1);

    // Submitted, approved and issued: the back office sees "Perpanjangan dari <nomor>".
    const service = (await t.deps.catalog.getPublished(slug))!;
    const sub = await t.deps.applications.save({ service, applicantId: citizen.userId, values: { nama_usaha: 'Warung Sejahtera', luas: '24' }, files: {}, submit: true, who: { actor: actorOf(citizen, null, null) } });
    expect(sub.id).toBe(draft.id);
    await approveTracking(sub.trackingNumber!);
    const renewed = await t.database.db.transaction().execute((trx) => t.deps.documents.issueFor(trx, sub.id, { actor: null }));
    const admin = await signInAs(t, (await makeStaff(t, 'agency_admin', agency)).userId);
    const list = textOf((await admin.get('/kelola/dokumen')).body);
    expect(list).toContain(renewed.number);
    expect(list).toContain(`Perpanjangan dari ${doc.number}`);
    // The officers' page of the renewal application says so too.
    const work = await admin.get(`/kelola/permohonan/${sub.trackingNumber}`);
    expect(work.statusCode).toBe(200);
    expect(textOf(work.body)).toContain(`Perpanjangan dari ${doc.number}`);
    // A renewal already submitted is not started twice.
    const dup = await holder.post(`/dokumen/${doc.id}/perpanjang`, { _csrf: holder.csrfToken() });
    expect(dup.statusCode).toBe(409);
  });

  it("[P-8] renewal is refused for someone else's document (404), a revoked one and one without expiry (409)", async () => {
    const { doc } = await issued({ validUntil: '2035-07-07' });
    const stranger = await makeCitizen(t);
    const other = await signInAs(t, stranger.userId);
    expect((await other.get(`/dokumen/${doc.id}`)).statusCode).toBe(404);
    await other.get('/dokumen');
    expect((await other.post(`/dokumen/${doc.id}/perpanjang`, { _csrf: other.csrfToken() })).statusCode).toBe(404);
    expect((await apiAs(other, 'POST', `/api/v1/documents/${encodeURIComponent(doc.number)}/renewal`)).statusCode).toBe(404);

    const revoked = await issued({ validUntil: '2035-07-07' });
    const admin = actorOf(await makeStaff(t, 'agency_admin', agency), 'agency_admin', agency);
    await t.database.db.transaction().execute((trx) => t.deps.documents.revoke(trx, { actor: admin }, revoked.doc.id, 'Pelanggaran'));
    const holder = await signInAs(t, revoked.citizen.userId);
    const page = await holder.get(`/dokumen/${revoked.doc.id}`);
    expect(textOf(page.body)).not.toContain('Ajukan perpanjangan');
    const refused = await holder.post(`/dokumen/${revoked.doc.id}/perpanjang`, { _csrf: holder.csrfToken() });
    expect(refused.statusCode).toBe(409);
    expect(textOf(refused.body)).toContain('telah dicabut tidak dapat diperpanjang');

    const forever = await issued({ slug: slugNoExpiry });
    expect(forever.doc.validUntil).toBeNull();
    const h2 = await signInAs(t, forever.citizen.userId);
    expect((await apiAs(h2, 'POST', `/api/v1/documents/${encodeURIComponent(forever.doc.number)}/renewal`)).statusCode).toBe(409);
    expect(await t.database.db.selectFrom('document_renewals').select('application_id').where('document_id', 'in', [doc.id, revoked.doc.id, forever.doc.id]).execute()).toEqual([]);
  });

  it('[P-8] POST /api/v1/documents/{number}/renewal creates the pre-filled draft and returns its URL; the API lists reminders sent', async () => {
    const last = '2036-09-09';
    const { doc, citizen } = await issued({ validUntil: last });
    await t.deps.reminders.run(at(addDays(last, -60)));
    const holder = await signInAs(t, citizen.userId);
    const res = await apiAs(holder, 'POST', `/api/v1/documents/${encodeURIComponent(doc.number)}/renewal`);
    expect(res.statusCode).toBe(201);
    const body = res.json() as { applicationId: string; url: string; existing: boolean };
    expect(body).toMatchObject({ url: `${BASE}/layanan/${slug}/ajukan?ok=perpanjangan`, existing: false });
    expect((await t.database.db.selectFrom('applications').select('status').where('id', '=', body.applicationId).executeTakeFirstOrThrow()).status).toBe('draft');
    const list = await apiAs(holder, 'GET', '/api/v1/me/documents');
    const item = (list.json() as { items: { number: string; status: string; remindersSent: { offsetDays: number }[] }[] }).items.find((i) => i.number === doc.number)!;
    expect(item.status).toBe('valid');
    expect(item.remindersSent.map((r) => r.offsetDays)).toEqual([60]);
    const page = textOf((await holder.get(`/dokumen/${doc.id}`)).body);
    expect(page).toContain('Pengingat 60 hari sebelum berakhir');
  });

  it('[P-8] documents.reminders is a recurring durable job: scheduled once per slot and run through the queue', async () => {
    await t.database.db.deleteFrom('jobs').where('name', '=', 'documents.reminders').execute();
    await t.deps.jobs.enqueueScheduled();
    await t.deps.jobs.enqueueScheduled();
    const queued = await t.database.db.selectFrom('jobs').select(['id', 'status', 'dedupe_key']).where('name', '=', 'documents.reminders').execute();
    expect(queued).toHaveLength(1);
    expect(queued[0]!.dedupe_key).toMatch(/^every:documents\.reminders:3600:/);
    await drainJobs();
    const done = await t.database.db.selectFrom('jobs').select('status').where('id', '=', queued[0]!.id).executeTakeFirstOrThrow();
    expect(done.status).toBe('done');
  });

  it('[P-8] the back office filters documents that expire within 60 days', async () => {
    const { timeZone } = await t.deps.region();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const soon = await issued({ validUntil: addDays(today, 20) });
    const later = await issued({ validUntil: addDays(today, 90) });
    const admin = await signInAs(t, (await makeStaff(t, 'agency_admin', agency)).userId);
    const res = await admin.get('/kelola/dokumen?tampil=akan-kedaluwarsa');
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain(soon.doc.number);
    expect(text).toContain('Sisa 20 hari');
    expect(text).not.toContain(later.doc.number);
    expect(textOf((await admin.get('/kelola/dokumen')).body)).toContain(later.doc.number);
  });
});
