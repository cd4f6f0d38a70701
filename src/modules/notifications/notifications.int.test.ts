// Notifications end to end through the real app on both engines: the template editor
// (versions, placeholders refused), the notify job rendering per recipient's language, e-mail
// received by an in-process SMTP server, SMS through an HTTP gateway on node:http (body from
// the template, auth header, 5xx retried, 4xx failed with its reason), delivery reports, the
// in-app list (page and API) and a job that runs twice sending once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { apiAs, makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs } from '../../../test/factories.ts';
import { startSmtpServer, type SmtpTestServer } from '../../../test/smtp.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { startTestGateway, type TestGateway } from './test-gateway.ts';
import { GatewayError, httpGatewayChannel } from './channels.ts';
import type { NotificationEvent } from './notifications.service.ts';

let t: TestApp;
let smtp: SmtpTestServer;
let gw: TestGateway;
let agency: AgencyView;
let slug: string;
const app = () => t;
const serviceSlug = () => slug;
const REPORT_TOKEN = 'laporan-kirim-0123456789abcdef';
const SERVICE_NAME = 'Izin Usaha Notifikasi';

beforeAll(async () => {
  smtp = await startSmtpServer();
  gw = await startTestGateway();
  t = await createTestApp({
    requireAdminMfa: false,
    baseUrl: 'https://simpul.uji.go.id',
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTls: true },
    smsGateway: { url: gw.url, method: 'POST', authorization: 'Bearer rahasia-gateway', template: '{"msisdn":"{{to}}","message":"{{text}}","sender":"PEMDA"}' },
    deliveryReportToken: REPORT_TOKEN,
  });
  agency = await makeAgency(t);
  ({ slug } = await makeServiceWithSop(t, agency, { name: SERVICE_NAME }));
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
  await gw?.close();
});

/** A citizen with his own e-mail and phone (and language), and a submitted application. */
async function applicant(opts: { locale?: 'id' | 'en'; phone?: string } = {}, t: TestApp = app(), slug: string = serviceSlug()) {
  const u = await makeCitizen(t);
  const phone = opts.phone ?? `+62812${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  await t.database.db.updateTable('users').set({ locale: opts.locale ?? 'id', phone }).where('id', '=', u.userId).execute();
  const service = (await t.deps.catalog.getPublished(slug))!;
  // Submitting reads the region (cached) inside its transaction; warm the cache so PGlite's
  // single connection is not asked for twice (applications.service allocateTrackingNumber).
  await t.deps.region();
  const res = await t.deps.applications.save({ service, applicantId: u.userId, values: { nama_usaha: 'Toko Uji', luas: '20' }, files: {}, submit: true, who: { actor: null } });
  expect(res.trackingNumber).toBeTruthy();
  return { ...u, phone, applicationId: res.id, tracking: res.trackingNumber! };
}

async function notify(event: NotificationEvent, applicationId: string, extra: { recipientUserIds?: string[]; params?: Record<string, string> } = {}) {
  await t.database.db.transaction().execute((trx) => t.deps.notifications.notify(trx, { event, applicationId, ...extra }));
}

const outboxOf = (applicationId: string, event: string) =>
  t.database.db.selectFrom('outbound_messages').selectAll().where('application_id', '=', applicationId).where('event', '=', event).orderBy('channel').execute();

describe(`message templates (${engine})`, () => {
  it('[P-3] a super admin sees every template; saving makes a new version and keeps the old one', async () => {
    const admin = await makeStaff(t, 'super_admin', null);
    const c = await signInAs(t, admin.userId);
    const list = await c.get('/kelola/sistem/templat-pesan');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('/kelola/sistem/templat-pesan/approved/sms/id');
    expect(list.body).toContain('/kelola/sistem/templat-pesan/overdue/in_app/en');

    const url = '/kelola/sistem/templat-pesan/approved/sms/id';
    const edit = await c.get(url);
    expect(edit.statusCode).toBe(200);
    expect(textOf(edit.body)).toContain('{{tracking_number}}'); // the placeholder list
    const res = await c.submit(url, { body: 'Permohonan {{tracking_number}} DISETUJUI ({{service}}). {{url}}', base_version: '1' });
    expect(res.statusCode).toBe(303);
    const history = await t.deps.notifications.templateHistory(t.database.db, { event: 'approved', channel: 'sms', locale: 'id' });
    expect(history.map((v) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(history[0]!.createdBy).toBe(admin.name);
    const page = textOf((await c.get(`${url}?pesan=disimpan`)).body);
    expect(page).toContain('Templat disimpan sebagai versi 2');
    expect(page).toContain('Versi 1');
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', history[0]!.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['message_template.save']);
  });

  it('[P-3] a template with an unknown placeholder or an unbalanced brace is refused (422) naming it, and the text is kept', async () => {
    const admin = await makeStaff(t, 'super_admin', null);
    const c = await signInAs(t, admin.userId);
    const url = '/kelola/sistem/templat-pesan/rejected/email/id';
    const res = await c.submit(url, { subject: 'Ditolak {{tracking_number}}', body: 'Yth. {{nama}}, alasan: {{reason}}' });
    expect(res.statusCode).toBe(422);
    const text = textOf(res.body);
    expect(text).toContain('Placeholder tidak dikenal: {{nama}}');
    expect(res.body).toContain('Yth. {{nama}}, alasan: {{reason}}');
    const brace = await c.submit(url, { subject: 'Ditolak {tracking_number}', body: 'Isi' });
    expect(brace.statusCode).toBe(422);
    expect(textOf(brace.body)).toContain('Kurung kurawal tidak berpasangan');
    const history = await t.deps.notifications.templateHistory(t.database.db, { event: 'rejected', channel: 'email', locale: 'id' });
    expect(history).toHaveLength(1);
  });

  it('[P-3] a save based on an older version is refused (409) instead of overwriting', async () => {
    const admin = await makeStaff(t, 'super_admin', null);
    const c = await signInAs(t, admin.userId);
    const url = '/kelola/sistem/templat-pesan/claimed/in_app/en';
    expect((await c.submit(url, { subject: 'Taken up', body: 'A {{service}}', base_version: '1' })).statusCode).toBe(303);
    const stale = await c.submit(url, { subject: 'Taken up', body: 'B {{service}}', base_version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('B {{service}}');
  });

  it('[P-3] staff other than super admins cannot open or save templates', async () => {
    const op = await makeStaff(t, 'agency_admin', agency);
    const c = await signInAs(t, op.userId);
    expect((await c.get('/kelola/sistem/templat-pesan')).statusCode).toBe(403);
    await c.get('/kelola');
    const res = await c.post('/kelola/sistem/templat-pesan/approved/sms/id', { _csrf: c.csrfToken(), body: 'x' });
    expect(res.statusCode).toBe(403);
  });
});

describe(`sending notifications (${engine})`, () => {
  it('[P-3] the applicant gets e-mail (SMTP), SMS (HTTP gateway) and an in-app notification, each in his language', async () => {
    const id = await applicant({ locale: 'id' });
    const en = await applicant({ locale: 'en' });
    await notify('rejected', id.applicationId, { params: { reason: 'Dokumen tidak lengkap' } });
    await notify('rejected', en.applicationId, { params: { reason: 'Missing documents' } });
    await t.runJobs();

    const mailId = await smtp.waitFor((m) => m.to.includes(id.email) && m.subject.includes('ditolak'));
    expect(mailId.subject).toBe(`Permohonan ${id.tracking} ditolak`);
    expect(mailId.text).toContain('Alasan: Dokumen tidak lengkap');
    expect(mailId.text).toContain(SERVICE_NAME);
    expect(mailId.text).toContain(`https://simpul.uji.go.id/permohonan/${id.tracking}`);
    const mailEn = await smtp.waitFor((m) => m.to.includes(en.email) && m.subject.includes('rejected'));
    expect(mailEn.subject).toBe(`Application ${en.tracking} rejected`);
    expect(mailEn.text).toContain('Reason: Missing documents');

    const smsId = gw.requests.find((r) => r.body.msisdn === id.phone && String(r.body.message).includes('ditolak'));
    expect(smsId).toBeDefined();
    expect(smsId!.headers.authorization).toBe('Bearer rahasia-gateway');
    expect(smsId!.headers['content-type']).toContain('application/json');
    expect(smsId!.body).toEqual({ msisdn: id.phone, message: `Permohonan ${id.tracking} ditolak. Alasan: Dokumen tidak lengkap. Rincian: https://simpul.uji.go.id/permohonan/${id.tracking}`, sender: 'PEMDA' });
    expect(gw.requests.some((r) => r.body.msisdn === en.phone && String(r.body.message).startsWith(`Application ${en.tracking} rejected`))).toBe(true);

    const rows = await outboxOf(id.applicationId, 'rejected');
    expect(rows.map((r) => [r.channel, r.status, r.user_id])).toEqual([
      ['email', 'sent', id.userId],
      ['sms', 'sent', id.userId],
    ]);
    expect(rows[1]!.transport).toBe('sms-gateway');
    expect(rows[1]!.provider_id).toMatch(/^gw-\d+$/);
    const inApp = await t.database.db.selectFrom('notifications').selectAll().where('user_id', '=', en.userId).where('event', '=', 'rejected').execute();
    expect(inApp.map((n) => n.title)).toEqual([`Application ${en.tracking} rejected`]);
    expect(inApp[0]!.link).toBe(`/permohonan/${en.tracking}`);
  });

  it('[P-3] the current template version is used once saved', async () => {
    const a = await applicant();
    const admin = await makeStaff(t, 'super_admin', null);
    await t.database.db.transaction().execute((trx) =>
      t.deps.notifications.saveTemplate(trx, { actor: { userId: admin.userId, kind: 'staff', name: admin.name, locale: 'id', grants: [{ role: 'super_admin', agencyId: null }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' } }, { event: 'resubmitted', channel: 'sms', locale: 'id' }, { subject: '', body: 'VERSI BARU {{tracking_number}}' }),
    );
    await notify('resubmitted', a.applicationId);
    await t.runJobs();
    expect(gw.requests.some((r) => r.body.msisdn === a.phone && r.body.message === `VERSI BARU ${a.tracking}`)).toBe(true);
  });

  it('[P-3] overdue goes to the staff recipients by e-mail and in-app (no SMS), linking to the back office', async () => {
    const a = await applicant();
    const head = await makeStaff(t, 'agency_admin', agency);
    await t.database.db.updateTable('users').set({ phone: '+6281399990000' }).where('id', '=', head.userId).execute();
    await notify('overdue', a.applicationId, { recipientUserIds: [head.userId], params: { step: 'Verifikasi berkas', due: '24 November 2026 15.00 WITA' } });
    await t.runJobs();
    const mail = await smtp.waitFor((m) => m.to.includes(head.email.toLowerCase()) && m.subject.includes('Tenggat'));
    expect(mail.text).toContain('Langkah "Verifikasi berkas"');
    expect(mail.text).toContain(`https://simpul.uji.go.id/kelola/permohonan/${a.tracking}`);
    const rows = await outboxOf(a.applicationId, 'overdue');
    expect(rows.map((r) => r.channel)).toEqual(['email']);
    const inApp = await t.database.db.selectFrom('notifications').select(['link', 'user_id']).where('application_id', '=', a.applicationId).where('event', '=', 'overdue').execute();
    expect(inApp).toEqual([{ link: `/kelola/permohonan/${a.tracking}`, user_id: head.userId }]);
  });

  it('[P-3] a notification job that runs twice sends once', async () => {
    const a = await applicant();
    await notify('approved', a.applicationId);
    await t.runJobs();
    const jobs = await t.database.db.selectFrom('jobs').select(['id', 'status', 'payload']).where('name', '=', 'notify.application').execute();
    const job = jobs.find((j) => {
      const p = (typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload) as Record<string, unknown>;
      return p.applicationId === a.applicationId && p.event === 'approved';
    })!;
    expect(job.status).toBe('done');
    const before = gw.requests.length;
    // As after a crash between the work and the job's completion: the queue runs it again.
    await t.database.db.updateTable('jobs').set({ status: 'failed', run_at: new Date(Date.now() - 1000) }).where('id', '=', job.id).execute();
    expect(await t.runJobs()).toBeGreaterThanOrEqual(1);
    expect((await t.database.db.selectFrom('jobs').select('status').where('id', '=', job.id).executeTakeFirstOrThrow()).status).toBe('done');
    expect(gw.requests.length).toBe(before);
    expect((await outboxOf(a.applicationId, 'approved')).map((r) => r.channel)).toEqual(['email', 'sms']);
    const inApp = await t.database.db.selectFrom('notifications').select('id').where('application_id', '=', a.applicationId).where('event', '=', 'approved').execute();
    expect(inApp).toHaveLength(1);
  });
});

describe(`SMS delivery states (${engine})`, () => {
  async function smsFor(a: { applicationId: string }, event: string) {
    const rows = await outboxOf(a.applicationId, event);
    return rows.find((r) => r.channel === 'sms')!;
  }
  const jobOf = async (messageId: string) => {
    const jobs = await t.database.db.selectFrom('jobs').selectAll().where('name', '=', 'message.deliver').execute();
    return jobs.find((j) => (typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload).messageId === messageId)!;
  };

  it('[P-3] a gateway 5xx is retried with back-off; the next attempt sends', async () => {
    const a = await applicant();
    await t.runJobs(); // whatever submitting queued
    await notify('claimed', a.applicationId);
    gw.script.push({ status: 500, body: { error: 'internal' } });
    await t.runJobs(); // the notify job, then e-mail and SMS delivery: the SMS fails once
    const first = await smsFor(a, 'claimed');
    expect(first.status).toBe('queued');
    expect(first.error).toBe('gateway HTTP 500: {"error":"internal"}');
    expect(first.attempts).toBe(1);
    const job = await jobOf(first.id);
    expect(job.status).toBe('failed');
    expect(new Date(job.run_at).getTime()).toBeGreaterThan(Date.now()); // backed off
    await t.database.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', job.id).execute();
    await t.runJobs();
    const second = await smsFor(a, 'claimed');
    expect(second).toMatchObject({ status: 'sent', error: null, attempts: 2 });
    expect((await jobOf(first.id)).status).toBe('done');
  });

  it('[P-3] a gateway 4xx fails the message at once with its reason, visible to super admins in the outbox', async () => {
    const a = await applicant();
    await notify('sent_back', a.applicationId, { params: { fields: 'Luas tempat usaha', reason: 'Ukuran tidak sesuai' } });
    await t.runJobs();
    const msg = await smsFor(a, 'sent_back');
    expect(msg.body_text).toContain('Luas tempat usaha');
    const id = await t.database.db.transaction().execute((trx) => t.deps.notifications.sendShortMessage(trx, { channel: 'sms', to: a.phone, text: 'Uji penolakan' }));
    gw.script.push({ status: 400, body: { error: 'invalid msisdn' } });
    await t.runJobs();
    const row = await t.database.db.selectFrom('outbound_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.error).toBe('gateway HTTP 400: {"error":"invalid msisdn"}');
    expect((await jobOf(id)).status).toBe('dead');

    const admin = await makeStaff(t, 'super_admin', null);
    const c = await signInAs(t, admin.userId);
    const page = await c.get('/kelola/sistem/kotak-keluar?status=failed');
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('gateway HTTP 400');
  });

  it('[S-2] a code sent by SMS is not kept readable: redacted once the gateway has it, when given up, and when it expires unsent', async () => {
    const a = await applicant();
    await t.runJobs();
    const send = (code: string, expires?: Date) =>
      t.database.db.transaction().execute((trx) => t.deps.notifications.sendShortMessage(trx, { channel: 'sms', to: a.phone, text: `Kode Anda ${code}, berlaku 15 menit.`, secrets: [code], secretsExpireAt: expires }));
    const body = async (id: string) => (await t.database.db.selectFrom('outbound_messages').select(['status', 'body_text']).where('id', '=', id).executeTakeFirstOrThrow());

    const sent = await send('481516', new Date(Date.now() + 900_000));
    await t.runJobs();
    expect(gw.requests.some((r) => String(r.body.message).includes('Kode Anda 481516'))).toBe(true);
    expect(await body(sent)).toEqual({ status: 'sent', body_text: 'Kode Anda ••••••, berlaku 15 menit.' });

    const refused = await send('232342');
    gw.script.push({ status: 400, body: { error: 'invalid msisdn' } });
    await t.runJobs();
    expect(await body(refused)).toEqual({ status: 'failed', body_text: 'Kode Anda ••••••, berlaku 15 menit.' });

    const before = gw.requests.length;
    const late = await send('707070', new Date(Date.now() - 1000));
    await t.runJobs();
    expect(await body(late)).toEqual({ status: 'failed', body_text: 'Kode Anda ••••••, berlaku 15 menit.' });
    expect(gw.requests.slice(before).some((r) => String(r.body.message).includes('707070'))).toBe(false);
  });

  it('[P-3] a delivery report with the shared token marks the message delivered; a failure report keeps the reason', async () => {
    const a = await applicant();
    await notify('approved', a.applicationId);
    await t.runJobs();
    const msg = await smsFor(a, 'approved');
    expect(msg.status).toBe('sent');
    const client = new TestClient(t.app);
    const noToken = await client.api('POST', '/api/v1/notifications/delivery-reports', { providerId: msg.provider_id, status: 'delivered' });
    expect(noToken.statusCode).toBe(401);
    const wrong = await client.api('POST', '/api/v1/notifications/delivery-reports', { providerId: msg.provider_id, status: 'delivered' }, { 'x-simpul-token': 'salah-token-0123456789abcdef' });
    expect(wrong.statusCode).toBe(401);
    expect((await smsFor(a, 'approved')).status).toBe('sent');

    const ok = await client.api('POST', '/api/v1/notifications/delivery-reports', { providerId: msg.provider_id, status: 'delivered' }, { 'x-simpul-token': REPORT_TOKEN });
    expect(ok.statusCode).toBe(200);
    const after = await smsFor(a, 'approved');
    expect(after.status).toBe('delivered');
    expect(after.delivered_at).toBeInstanceOf(Date);

    const mail = (await outboxOf(a.applicationId, 'approved')).find((r) => r.channel === 'email')!;
    const failed = await client.request('POST', '/api/v1/notifications/delivery-reports', {
      payload: `messageId=${mail.id}&status=failed&reason=mailbox+full`,
      headers: { accept: 'application/json', 'x-simpul-token': REPORT_TOKEN, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(failed.statusCode).toBe(200);
    const m = await t.database.db.selectFrom('outbound_messages').select(['status', 'error']).where('id', '=', mail.id).executeTakeFirstOrThrow();
    expect(m).toEqual({ status: 'failed', error: 'mailbox full' });

    const unknown = await client.api('POST', '/api/v1/notifications/delivery-reports', { providerId: 'tidak-ada', status: 'delivered' }, { 'x-simpul-token': REPORT_TOKEN });
    expect(unknown.statusCode).toBe(404);
    const bad = await client.api('POST', '/api/v1/notifications/delivery-reports', { providerId: msg.provider_id, status: 'terbaca' }, { 'x-simpul-token': REPORT_TOKEN });
    expect(bad.statusCode).toBe(422);

    const admin = await makeStaff(t, 'super_admin', null);
    const page = await (await signInAs(t, admin.userId)).get('/kelola/sistem/kotak-keluar?status=delivered');
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('Diterima');
  });
});

describe(`in-app notifications (${engine})`, () => {
  it('[P-3] /notifikasi lists mine newest first with unread marked; mark all read needs CSRF; others see none of mine', async () => {
    const a = await applicant();
    const other = await applicant();
    await notify('claimed', a.applicationId);
    await notify('approved', a.applicationId);
    await t.runJobs();
    const c = await signInAs(t, a.userId);
    const page = await c.get('/notifikasi');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain(`Permohonan ${SERVICE_NAME} Anda (nomor ${a.tracking}) disetujui.`);
    expect(text.indexOf('disetujui')).toBeLessThan(text.indexOf('sedang diproses'));
    expect(text).toContain('Belum dibaca');
    expect(page.body).toContain(`href="/permohonan/${a.tracking}"`);
    expect(page.body).toContain('<a href="/notifikasi">Notifikasi</a>'); // the header link

    const otherPage = textOf((await (await signInAs(t, other.userId)).get('/notifikasi')).body);
    expect(otherPage).not.toContain(a.tracking);

    const forged = await c.post('/notifikasi/baca', {});
    expect(forged.statusCode).toBe(403);
    const res = await c.submit('/notifikasi/baca', {}, '/notifikasi');
    expect(res.statusCode).toBe(303);
    const after = textOf((await c.get('/notifikasi?pesan=dibaca')).body);
    expect(after).toContain('Semua notifikasi ditandai sudah dibaca.');
    expect(after).not.toContain('Belum dibaca');
  });

  it('[P-3] signed out, /notifikasi sends to sign in', async () => {
    const res = await new TestClient(t.app).get('/notifikasi');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('/masuk');
  });

  it('[P-3] the API lists my notifications and marks chosen ones read; someone else\'s ids change nothing', async () => {
    const a = await applicant();
    const other = await applicant();
    await notify('claimed', a.applicationId);
    await notify('approved', a.applicationId);
    await notify('approved', other.applicationId);
    await t.runJobs();
    const c = await signInAs(t, a.userId);
    const list = await apiAs(c, 'GET', '/api/v1/notifications');
    expect(list.statusCode).toBe(200);
    const body = list.json() as { items: { id: string; event: string; read: boolean; applicationId: string }[]; unread: number };
    expect(body.items.every((i) => i.applicationId === a.applicationId)).toBe(true);
    expect(body.items.slice(0, 2).map((i) => i.event)).toEqual(['approved', 'claimed']);
    const unreadBefore = body.unread;

    const othersId = (await t.database.db.selectFrom('notifications').select('id').where('user_id', '=', other.userId).where('event', '=', 'approved').executeTakeFirstOrThrow()).id;
    const foreign = await apiAs(c, 'POST', '/api/v1/notifications/read', { ids: [othersId] });
    expect(foreign.statusCode).toBe(200);
    expect(foreign.json()).toEqual({ marked: 0, unread: unreadBefore });
    expect((await t.database.db.selectFrom('notifications').select('read_at').where('id', '=', othersId).executeTakeFirstOrThrow()).read_at).toBeNull();

    const one = await apiAs(c, 'POST', '/api/v1/notifications/read', { ids: [body.items[0]!.id] });
    expect(one.json()).toEqual({ marked: 1, unread: unreadBefore - 1 });
    const all = await apiAs(c, 'POST', '/api/v1/notifications/read', {});
    expect(all.json()).toEqual({ marked: unreadBefore - 1, unread: 0 });
    expect((await new TestClient(t.app).api('GET', '/api/v1/notifications')).statusCode).toBe(401);
    const bad = await apiAs(c, 'POST', '/api/v1/notifications/read', { ids: ['bukan-uuid'] });
    expect(bad.statusCode).toBe(422);
  });

  it('[P-3] the routes are in the OpenAPI document under notifications', async () => {
    const doc = (await new TestClient(t.app).api('GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, { tags: string[] }>> };
    for (const [p, m] of [
      ['/api/v1/notifications', 'get'],
      ['/api/v1/notifications/read', 'post'],
      ['/api/v1/notifications/delivery-reports', 'post'],
      ['/api/v1/sms/inbound', 'post'],
    ] as const) {
      expect(doc.paths[p]?.[m]?.tags, p).toEqual(['notifications']);
    }
  });
});

describe(`WhatsApp (${engine})`, () => {
  it('[P-3] with a WhatsApp gateway the applicant also gets WhatsApp; SMS without a gateway stay in the outbox (transport dev)', async () => {
    const wa = await createTestApp({
      requireAdminMfa: false,
      baseUrl: 'https://simpul.uji.go.id',
      whatsappGateway: { url: gw.url, method: 'PUT', authorization: undefined, template: '{"wa":"{{to}}","body":"{{text}}"}' },
    });
    try {
      const ag = await makeAgency(wa);
      const svc = await makeServiceWithSop(wa, ag, { name: SERVICE_NAME });
      const a = await applicant({ locale: 'id' }, wa, svc.slug);
      await wa.database.db.transaction().execute((trx) => wa.deps.notifications.notify(trx, { event: 'approved', applicationId: a.applicationId }));
      await wa.runJobs();
      const req = gw.requests.find((r) => r.body.wa === a.phone && String(r.body.body).includes('disetujui'));
      expect(req).toBeDefined();
      expect(req!.method).toBe('PUT');
      expect(req!.headers.authorization).toBeUndefined();
      expect(req!.body.body).toBe(`Permohonan ${SERVICE_NAME} Anda (nomor ${a.tracking}) disetujui.\n\nhttps://simpul.uji.go.id/permohonan/${a.tracking}`);
      const rows = await wa.database.db.selectFrom('outbound_messages').select(['channel', 'status', 'transport']).where('application_id', '=', a.applicationId).where('event', '=', 'approved').orderBy('channel').execute();
      expect(rows).toEqual([
        { channel: 'email', status: 'sent', transport: 'database' },
        { channel: 'sms', status: 'sent', transport: 'dev' },
        { channel: 'whatsapp', status: 'sent', transport: 'whatsapp-gateway' },
      ]);
    } finally {
      await wa.close();
    }
  });
});

describe('HTTP gateway adapter', () => {
  it('[P-3] an unreachable gateway is a temporary failure (retried), a 429 too; a 404 is permanent', async () => {
    const down = await startTestGateway();
    await down.close();
    const cfg = { url: down.url, method: 'POST' as const, authorization: undefined, template: '{"to":"{{to}}","text":"{{text}}"}' };
    const err = await httpGatewayChannel('sms-gateway', cfg).send({ to: '+6281234567890', text: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect(err).toMatchObject({ permanent: false, message: 'gateway unreachable: ECONNREFUSED' });
    gw.script.push({ status: 429 }, { status: 404, body: { error: 'no route' } });
    const live = httpGatewayChannel('sms-gateway', { ...cfg, url: gw.url });
    expect(await live.send({ to: '+6281234567890', text: 'x' }).catch((e: unknown) => e)).toMatchObject({ permanent: false, status: 429 });
    expect(await live.send({ to: '+6281234567890', text: 'x' }).catch((e: unknown) => e)).toMatchObject({ permanent: true, status: 404, message: 'gateway HTTP 404: {"error":"no route"}' });
  });
});
