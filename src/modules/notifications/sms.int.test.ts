// Transactions by SMS (P-9) through the real app on both engines: the inbound webhook (token or
// HMAC signature; anything else 401 and never processed), CEK <tracking number> answered only
// to the applicant's own phone, the same "not found" for anyone else, help for anything
// else; replies go through the outbox, here with the development adapter (no gateway
// configured), which keeps them for the outbox page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs } from '../../../test/factories.ts';
import { signBody } from './notifications.api.ts';

let t: TestApp;
let slug: string;
const TOKEN = 'token-sms-masuk-0123456789abcdef';
const SECRET = 'rahasia-hmac-sms-0123456789abcdef';
const SERVICE_NAME = 'Izin Usaha SMS';

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false, baseUrl: 'https://simpul.uji.go.id', smsInbound: { token: TOKEN, secret: SECRET } });
  const agency = await makeAgency(t);
  ({ slug } = await makeServiceWithSop(t, agency, { name: SERVICE_NAME }));
});
afterAll(async () => t?.close());

let phoneSerial = 1000;
async function applicant(locale: 'id' | 'en' = 'id') {
  const u = await makeCitizen(t);
  const phone = `+6281377${String(phoneSerial++).padStart(6, '0')}`;
  await t.database.db.updateTable('users').set({ phone, locale }).where('id', '=', u.userId).execute();
  const service = (await t.deps.catalog.getPublished(slug))!;
  await t.deps.region(); // warm the region cache (read inside the submit transaction)
  const res = await t.deps.applications.save({ service, applicantId: u.userId, values: { nama_usaha: 'Toko SMS', luas: '12' }, files: {}, submit: true, who: { actor: null } });
  return { ...u, phone, tracking: res.trackingNumber!, applicationId: res.id };
}

/** Posts an inbound SMS as JSON with the token (or other headers). */
function inbound(body: unknown, headers: Record<string, string> = { 'x-simpul-token': TOKEN }) {
  return new TestClient(t.app).api('POST', '/api/v1/sms/inbound', body, headers);
}

async function replyOf(res: { statusCode: number; json(): unknown }) {
  expect(res.statusCode).toBe(200);
  const rows = await t.database.db
    .selectFrom('inbound_messages as i')
    .innerJoin('outbound_messages as o', 'o.id', 'i.reply_message_id')
    .select(['i.command', 'o.recipient', 'o.body_text', 'o.channel', 'o.status', 'o.id'])
    .orderBy('i.received_at', 'desc')
    .limit(1)
    .execute();
  return rows[0]!;
}

describe(`inbound SMS (${engine})`, () => {
  it('[P-9] CEK <tracking number> from the applicant\'s phone (any of 08…, 628…, +628…) replies with status and service', async () => {
    const a = await applicant();
    const local = `0${a.phone.slice(3)}`;
    const res = await inbound({ from: local, text: `  cek   ${a.tracking.toLowerCase()} ` });
    expect(res.json()).toEqual({ received: true, command: 'CEK' });
    const r = await replyOf(res);
    expect(r).toMatchObject({ command: 'CEK', recipient: a.phone, channel: 'sms', status: 'queued' });
    expect(r.body_text).toBe(`Permohonan ${a.tracking} (${SERVICE_NAME}): Diajukan. Rincian: https://simpul.uji.go.id/permohonan/${a.tracking}`);

    const r2 = await replyOf(await inbound({ from: a.phone.slice(1), text: `CEK ${a.tracking}` }));
    expect(r2.body_text).toContain('Diajukan');

    // Delivered through the outbox: the development adapter keeps it (status sent, transport dev).
    await t.runJobs();
    const sent = await t.database.db.selectFrom('outbound_messages').select(['status', 'transport']).where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(sent).toEqual({ status: 'sent', transport: 'dev' });
    const admin = await makeStaff(t, 'super_admin', null);
    const c = await signInAs(t, admin.userId);
    const list = await c.get('/kelola/sistem/kotak-keluar?status=sent');
    expect(list.body).toContain(`/kelola/sistem/kotak-keluar/${r.id}`);
    const one = textOf((await c.get(`/kelola/sistem/kotak-keluar/${r.id}`)).body);
    expect(one).toContain(`Permohonan ${a.tracking} (${SERVICE_NAME}): Diajukan.`);
  });

  it('[P-9] the status reply is in the applicant\'s language', async () => {
    const a = await applicant('en');
    const r = await replyOf(await inbound({ from: a.phone, text: `CEK ${a.tracking}` }));
    expect(r.body_text).toBe(`Application ${a.tracking} (${SERVICE_NAME}): Submitted. Details: https://simpul.uji.go.id/permohonan/${a.tracking}`);
  });

  it('[P-9] from another phone, CEK answers exactly as for an unknown number: nothing to probe', async () => {
    const a = await applicant();
    const wrongPhone = await replyOf(await inbound({ from: '+6285299998888', text: `CEK ${a.tracking}` }));
    const unknown = await replyOf(await inbound({ from: '+6285299998888', text: 'CEK 2026-TIDAK-999999' }));
    const notPhone = await replyOf(await inbound({ from: 'SIMPUL', text: `CEK ${a.tracking}` }));
    expect(wrongPhone.body_text).toBe(`Permohonan ${a.tracking} tidak ditemukan untuk nomor HP ini. Periksa nomor permohonan dan kirim dari nomor HP yang terdaftar pada permohonan.`);
    expect(unknown.body_text).toBe(wrongPhone.body_text.replace(a.tracking, '2026-TIDAK-999999'));
    expect(notPhone.body_text).toBe(wrongPhone.body_text);
    expect(wrongPhone.body_text).not.toContain(SERVICE_NAME);
    expect(wrongPhone.recipient).toBe('+6285299998888');
  });

  it('[P-9] an unknown command or an empty text gets the help reply in Indonesian listing the commands', async () => {
    for (const text of ['STATUS 123', '', 'halo']) {
      const r = await replyOf(await inbound({ from: '081234000111', text }));
      expect(r.command).toBeNull();
      expect(r.body_text).toContain('Perintah SMS Simpul:');
      expect(r.body_text).toContain('CEK <nomor permohonan>');
      expect(r.recipient).toBe('+6281234000111');
    }
    const usage = await replyOf(await inbound({ from: '081234000111', text: 'CEK' }));
    expect(usage.body_text).toContain('Kirim CEK diikuti nomor permohonan');
  });

  it('[P-9] a form-encoded body signed with HMAC-SHA256 is accepted', async () => {
    const a = await applicant();
    const raw = new URLSearchParams({ from: a.phone, text: `CEK ${a.tracking}` }).toString();
    const res = await new TestClient(t.app).request('POST', '/api/v1/sms/inbound', {
      payload: raw,
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'x-simpul-signature': signBody(SECRET, raw) },
    });
    expect((await replyOf(res)).body_text).toContain(`Permohonan ${a.tracking}`);
  });

  it('[P-9] a wrong or missing token or signature is refused with 401 JSON and nothing is processed', async () => {
    const count = async () => Number((await t.database.db.selectFrom('inbound_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const body = { from: '081234000222', text: 'CEK 2026-X-000001' };
    const raw = JSON.stringify(body);
    const attempts: Record<string, string>[] = [{}, { 'x-simpul-token': 'salah' }, { 'x-simpul-signature': signBody('kunci-lain-0123456789abcdef', raw) }, { 'x-simpul-signature': 'sha256=00' }];
    for (const headers of attempts) {
      const res = await inbound(body, headers);
      expect(res.statusCode).toBe(401);
      expect((res.json() as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
    // A valid signature of a different body does not cover this one.
    const other = await new TestClient(t.app).request('POST', '/api/v1/sms/inbound', {
      payload: raw,
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-simpul-signature': signBody(SECRET, raw.replace('222', '333')) },
    });
    expect(other.statusCode).toBe(401);
    expect(await count()).toBe(before);
    const ok = await new TestClient(t.app).request('POST', '/api/v1/sms/inbound', {
      payload: raw,
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-simpul-signature': signBody(SECRET, raw) },
    });
    expect(ok.statusCode).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  it('[P-9] a bad body is refused with 422, not processed', async () => {
    const res = await inbound({ text: 'CEK 1' });
    expect(res.statusCode).toBe(422);
    const broken = await new TestClient(t.app).request('POST', '/api/v1/sms/inbound', {
      payload: '{"from": ',
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-simpul-token': TOKEN },
    });
    expect(broken.statusCode).toBe(400);
  });
});

describe(`inbound SMS without configuration (${engine})`, () => {
  it('[P-9] with no token and no secret configured the webhook refuses everything', async () => {
    const t2 = await createTestApp({ requireAdminMfa: false });
    try {
      const res = await new TestClient(t2.app).api('POST', '/api/v1/sms/inbound', { from: '081234000333', text: 'CEK 1' }, { 'x-simpul-token': '' });
      expect(res.statusCode).toBe(401);
      const report = await new TestClient(t2.app).api('POST', '/api/v1/notifications/delivery-reports', { providerId: 'x', status: 'delivered' });
      expect(report.statusCode).toBe(401);
    } finally {
      await t2.close();
    }
  });
});
