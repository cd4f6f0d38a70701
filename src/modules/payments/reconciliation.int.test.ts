// Reconciliation (P-7) on both engines: statement import (exact match pays the bill and calls
// BILLING's hook once; partial/over/late/ambiguous go to the manual queue; the same file or an
// overlapping statement counts each credit once; a malformed file imports nothing and is
// refused line by line), chunked processing by the job with a self-refreshing progress page,
// concurrent imports never paying a bill twice, the bank callback (signature, idempotency),
// manual assign and ignore (audited), agency scope, and the JSON API.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { apiAs, makeAgency, makeStaff, signInAs } from '../../../test/factories.ts';
import { multipart, TestClient, textOf } from '../../../test/http.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { regionTimeZone } from '../agencies/agencies.service.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import { signBody } from '../../platform/http/webhook-signature.ts';
import { createReconciliation, type Reconciliation } from './reconciliation.service.ts';
import { localDateOf, type RegionTimeZone } from '../../platform/calendar/working-time.ts';
import { IMPORT_PATH, MAPPINGS_PATH, QUEUE_PATH } from './reconciliation.views.tsx';
import { billRow, makeBankAccount, makeBill, makeConfirmation, recordingBillPaid } from './payments.test-support.ts';

const SECRET = 'rahasia-callback-bank-0123456789';
const MAPPING = 'Uji CSV sederhana';
const mappingJson = {
  delimiter: ',',
  date: 'Tanggal',
  dateFormats: ['DD/MM/YYYY'],
  description: 'Keterangan',
  reference: 'Referensi',
  direction: { kind: 'columns', debit: 'Debet', credit: 'Kredit' },
  amountFormat: 'plain',
};

let t: TestApp;
let tz: RegionTimeZone;
let agency: AgencyView;
let other: AgencyView;
let account: { id: string; bankCode: string; accountNumber: string };
let finance: Actor;
let financeUser: { userId: string };
let paid: ReturnType<typeof recordingBillPaid>;
let recon: Reconciliation;
let amountSerial = 101_000;

/** Amounts unique per test, so amount-only candidates of other tests never interfere. */
const freshAmount = () => (amountSerial += 1_000);

const actorOf = (userId: string, role: StaffRole, a: AgencyView | null): Actor => ({
  userId,
  kind: 'staff',
  name: 'Bendahara Uji',
  locale: 'id',
  grants: [{ role, agencyId: a?.id ?? null }],
  mfaPassed: true,
  mfaEnrolled: false,
  sessionId: null,
  via: 'session',
});

const day = (offsetDays = 0) => localDateOf(tz, new Date(Date.now() + offsetDays * 86_400_000)).split('-').reverse().join('/');

/** A statement CSV: rows of [date, description, reference, credit, debit?]. */
function csv(rows: [string, string, string, number | string, (number | string)?][]): Buffer {
  const lines = ['Tanggal,Keterangan,Referensi,Debet,Kredit', ...rows.map(([d, desc, ref, credit, debit]) => `${d},${desc},${ref},${debit ?? ''},${credit}`)];
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

const startImport = (bytes: Buffer, r: Reconciliation = recon) => r.startImport({ actor: finance }, { bytes, fileName: 'mutasi.csv', bankAccountId: account.id, mappingRef: `saved:${MAPPING}` });

async function creditOf(fragment: string) {
  return t.database.db.selectFrom('bank_credits').selectAll().where('description', 'like', `%${fragment}%`).execute();
}

async function countRows() {
  const c = await t.database.db.selectFrom('bank_credits').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const i = await t.database.db.selectFrom('statement_imports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { credits: Number(c.n), imports: Number(i.n) };
}

async function upload(client: TestClient, bytes: Buffer, fields: Record<string, string> = {}) {
  await client.get(IMPORT_PATH);
  return client.request('POST', IMPORT_PATH, multipart({ _csrf: client.csrfToken(), account: account.id, mapping: `saved:${MAPPING}`, ...fields }, [{ field: 'file', name: 'mutasi.csv', type: 'text/csv', bytes }]));
}

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false, bankCallbackSecret: SECRET });
  agency = await makeAgency(t);
  other = await makeAgency(t);
  tz = await regionTimeZone(t.database.db);
  account = await makeBankAccount(t, { bankCode: 'BNI' });
  financeUser = await makeStaff(t, 'finance_officer', null);
  finance = actorOf(financeUser.userId, 'finance_officer', null);
  paid = recordingBillPaid();
  recon = createReconciliation({ database: t.database, jobs: t.deps.jobs, storage: t.deps.storage, log: t.deps.log, events: paid.events });
  await t.database.db.transaction().execute((trx) => recon.saveMapping(trx, { actor: finance }, { name: MAPPING, bankCode: 'BNI', mapping: mappingJson }));
});
afterAll(async () => t?.close());

describe(`reconciliation (${engine})`, () => {
  it('[P-7] an exact match (payment code + amount within the window) pays the bill and calls the billPaid hook once', async () => {
    const amount = freshAmount();
    const bill = await makeBill(t, { amount, agency });
    const before = paid.calls.length;
    const r = await startImport(csv([[day(), `TRF KODE BAYAR ${bill.code} BUDI`, 'REF-EX-1', amount]]));
    expect(r.kind).toBe('queued');
    const row = await billRow(t, bill.id);
    expect(row.status).toBe('paid');
    expect(Number(row.paid_amount)).toBe(amount);
    expect(row.paid_at).not.toBeNull();
    expect(paid.calls.slice(before)).toEqual([bill.id]);
    const [credit] = await creditOf(bill.code);
    expect(credit).toMatchObject({ status: 'matched', bill_id: bill.id, source: 'statement' });
    const imp = (await recon.getImport(t.database.db, r.kind === 'queued' ? r.id : ''))!;
    expect(imp).toMatchObject({ status: 'done', creditLines: 1, processedLines: 1, matched: 1, manual: 0, duplicates: 0 });
  });

  it('[P-7] an amount that differs from the bill goes to the manual queue as partial or over, the bill unpaid', async () => {
    const amount = freshAmount();
    const under = await makeBill(t, { amount, agency });
    const over = await makeBill(t, { amount, agency });
    const before = paid.calls.length;
    await startImport(csv([
      [day(), `PEMBAYARAN ${under.code}`, 'REF-PO-1', amount - 500],
      [day(), `PEMBAYARAN ${over.code}`, 'REF-PO-2', amount + 500],
    ]));
    expect((await creditOf(under.code))[0]).toMatchObject({ status: 'manual', manual_reason: 'partial' });
    expect((await creditOf(over.code))[0]).toMatchObject({ status: 'manual', manual_reason: 'over' });
    expect((await billRow(t, under.id)).status).toBe('unpaid');
    expect((await billRow(t, over.id)).status).toBe('unpaid');
    expect(paid.calls.length).toBe(before);
  });

  it('[P-7] two open bills with the same amount and no code in the transfer are ambiguous, never matched by amount', async () => {
    const amount = freshAmount();
    const a = await makeBill(t, { amount, agency });
    const b = await makeBill(t, { amount, agency });
    await startImport(csv([[day(), 'SETORAN TUNAI TANPA BERITA AMB', 'REF-AMB-1', amount]]));
    const [credit] = await creditOf('TANPA BERITA AMB');
    expect(credit).toMatchObject({ status: 'manual', manual_reason: 'ambiguous' });
    expect(new Set(credit!.candidates)).toEqual(new Set([a.id, b.id]));
    expect((await billRow(t, a.id)).status).toBe('unpaid');
  });

  it('[P-7] a payment after the due date goes to the manual queue as late', async () => {
    const amount = freshAmount();
    const bill = await makeBill(t, { amount, agency, issuedAt: new Date(Date.now() - 30 * 86_400_000), dueAt: new Date(Date.now() - 10 * 86_400_000) });
    await startImport(csv([[day(), `BAYAR ${bill.code}`, 'REF-LATE-1', amount]]));
    expect((await creditOf(bill.code))[0]).toMatchObject({ status: 'manual', manual_reason: 'late' });
    expect((await billRow(t, bill.id)).status).toBe('unpaid');
  });

  it('[P-7] re-importing the same file changes nothing; an overlapping statement adds only its new lines; a credit seen twice counts once', async () => {
    const amount = freshAmount();
    const b1 = await makeBill(t, { amount, agency });
    const b2 = await makeBill(t, { amount: amount + 1, agency });
    const first = csv([[day(-1), `TRF ${b1.code}`, 'REF-OV-1', amount], [day(-1), 'BUNGA JASA GIRO OV', 'REF-OV-2', 1234]]);
    const r1 = await startImport(first);
    expect(r1.kind).toBe('queued');
    const afterFirst = await countRows();
    const again = await startImport(first);
    expect(again).toMatchObject({ kind: 'already', id: r1.kind === 'queued' ? r1.id : '' });
    expect(await countRows()).toEqual(afterFirst);

    // The next statement repeats the two lines and adds one.
    const second = csv([[day(-1), `TRF ${b1.code}`, 'REF-OV-1', amount], [day(-1), 'BUNGA JASA GIRO OV', 'REF-OV-2', 1234], [day(), `TRF ${b2.code}`, 'REF-OV-3', amount + 1]]);
    const r2 = await startImport(second);
    expect(r2.kind).toBe('queued');
    const imp = (await recon.getImport(t.database.db, r2.kind === 'queued' ? r2.id : ''))!;
    expect(imp).toMatchObject({ creditLines: 3, matched: 1, duplicates: 2, manual: 0 });
    expect(await countRows()).toEqual({ credits: afterFirst.credits + 1, imports: afterFirst.imports + 1 });
    expect(await creditOf(b1.code)).toHaveLength(1);
    expect(Number((await billRow(t, b1.id)).paid_amount)).toBe(amount);
    expect((await billRow(t, b2.id)).status).toBe('paid');
  });

  it('[P-7] re-uploading the same file through the page says it was imported before and changes nothing', async () => {
    const client = await signInAs(t, financeUser.userId);
    const amount = freshAmount();
    const bill = await makeBill(t, { amount, agency });
    const bytes = csv([[day(), `TRF ${bill.code} HALAMAN`, 'REF-PG-1', amount]]);
    const res = await upload(client, bytes);
    expect(res.statusCode).toBe(303);
    const detail = await client.get(res.headers.location as string);
    expect(textOf(detail.body)).toContain('Selesai');
    expect(detail.body).toMatch(/data-result="matched">1</);
    const before = await countRows();
    const again = await upload(client, bytes);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(res.headers.location + '?sudah=1');
    expect(textOf((await client.get(again.headers.location as string)).body)).toContain('sudah pernah diimpor');
    expect(await countRows()).toEqual(before);
  });

  it('[P-7] a malformed file (bad date, non-numeric amount, wrong columns, broken encoding) is refused line by line and nothing is imported', async () => {
    const client = await signInAs(t, financeUser.userId);
    const before = await countRows();
    const bad = Buffer.from(
      ['Tanggal,Keterangan,Referensi,Debet,Kredit', `${day()},BAIK,REF-M-1,,150000`, '31/02/2026,TANGGAL SALAH,REF-M-2,,150000', `${day()},JUMLAH SALAH,REF-M-3,,seratus`].join('\n'),
    );
    const res = await upload(client, bad);
    expect(res.statusCode).toBe(422);
    const text = textOf(res.body);
    expect(text).toContain('Baris 3: tanggal "31/02/2026" tidak dapat dibaca');
    expect(text).toContain('Baris 4: jumlah "seratus"');
    expect(text).toMatch(/3 Tanggal/);
    expect(text).toMatch(/4 Jumlah/);
    expect(text).toContain('Tidak ada satu baris pun yang disimpan');
    // the chosen account and format are kept
    expect(res.body).toMatch(new RegExp(`<option value="${account.id}" selected`));

    const wrongColumns = Buffer.from('Date,Text,Amount\n20/11/2026,X,1000\n');
    const r2 = await upload(client, wrongColumns);
    expect(r2.statusCode).toBe(422);
    expect(textOf(r2.body)).toContain('seluruh berkas');

    const brokenUtf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Tanggal,Keterangan,Referensi,Debet,Kredit\n'), Buffer.from([0xc3, 0x28]), Buffer.from(',X,R,,1000\n')]);
    const r3 = await upload(client, brokenUtf8);
    expect(r3.statusCode).toBe(422);
    expect(textOf(r3.body)).toContain('UTF-8 rusak');

    const r4 = await upload(client, Buffer.from('PK\u0003\u0004binary-xlsx'));
    expect(r4.statusCode).toBe(422);
    expect(await countRows()).toEqual(before);
  });

  it('[P-7] a large file is processed by the job in chunks; the import page refreshes itself while it runs', async () => {
    const chunked = createReconciliation({ database: t.database, jobs: t.deps.jobs, storage: t.deps.storage, log: t.deps.log, events: paid.events, chunkLines: 2 });
    const amount = freshAmount();
    const bills = await Promise.all([0, 1, 2].map((i) => makeBill(t, { amount: amount + i, agency })));
    const rows: [string, string, string, number][] = bills.map((b, i) => [day(), `TRF ${b.code} CHUNK`, `REF-CH-${i}`, amount + i]);
    rows.push([day(), 'LAIN LAIN CHUNK A', 'REF-CH-A', 77], [day(), 'LAIN LAIN CHUNK B', 'REF-CH-B', 78]);
    const r = await startImport(csv(rows), chunked);
    expect(r.kind).toBe('queued');
    const id = r.kind === 'queued' ? r.id : '';
    expect((await chunked.getImport(t.database.db, id))!).toMatchObject({ status: 'queued', processedLines: 0, creditLines: 5 });
    const client = await signInAs(t, financeUser.userId);
    const page = await client.get(`${IMPORT_PATH}/${id}`);
    expect(page.body).toContain('<meta http-equiv="refresh" content="3"');
    expect(textOf(page.body)).toContain('0 dari 5 baris kredit sudah diproses');

    await t.runJobs();
    const done = (await chunked.getImport(t.database.db, id))!;
    expect(done).toMatchObject({ status: 'done', processedLines: 5, matched: 3, manual: 2, duplicates: 0 });
    for (const b of bills) expect((await billRow(t, b.id)).status).toBe('paid');
    const finished = await client.get(`${IMPORT_PATH}/${id}`);
    expect(finished.body).not.toContain('http-equiv="refresh"');
    expect(finished.body).toMatch(/data-result="manual">2</);
  });

  it('[P-7] two imports at once never pay a bill twice: the second transfer waits as a duplicate payment', async () => {
    const amount = freshAmount();
    const bill = await makeBill(t, { amount, agency });
    const before = paid.calls.length;
    const [a, b] = await Promise.all([
      startImport(csv([[day(), `TRF ${bill.code} DARI HP`, 'REF-CC-1', amount]])),
      startImport(csv([[day(), `TRF ${bill.code} DARI ATM`, 'REF-CC-2', amount]])),
    ]);
    expect(a.kind).toBe('queued');
    expect(b.kind).toBe('queued');
    const credits = await creditOf(bill.code);
    expect(credits.map((c) => c.status).sort()).toEqual(['manual', 'matched']);
    expect(credits.find((c) => c.status === 'manual')!.manual_reason).toBe('duplicate_payment');
    const row = await billRow(t, bill.id);
    expect(row.status).toBe('paid');
    expect(Number(row.paid_amount)).toBe(amount);
    expect(paid.calls.slice(before)).toEqual([bill.id]);
  });

  it('[P-7] a transaction that read the bill as open before another paid it re-checks under the row lock and does not pay again', async () => {
    const amount = freshAmount();
    const bill = await makeBill(t, { amount, agency });
    const origin = { source: 'statement' as const, importId: null, bankAccountId: account.id };
    const credit = (n: number) => ({ fingerprint: `race-${bill.code}-${n}`, date: localDateOf(tz, new Date()), amount, description: `RACE ${n} ${bill.code}`, reference: null, lineNumber: n });
    let ingested!: () => void;
    let release!: () => void;
    const aIngested = new Promise<void>((r) => (ingested = r));
    const gate = new Promise<void>((r) => (release = r));
    const a = t.database.db.transaction().execute(async (trx) => {
      await recon.ingest(trx, [credit(1)], origin, tz);
      ingested();
      await gate;
    });
    await aIngested;
    const b = t.database.db.transaction().execute((trx) => recon.ingest(trx, [credit(2)], origin, tz));
    if (engine === 'postgres') {
      // B has read the bill as open and now waits for A's row lock.
      for (let i = 0; i < 10_000; i++) {
        const waiting = await t.database.db
          .selectFrom(sql<{ n: number }>`(SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database())`.as('w'))
          .select('n')
          .executeTakeFirstOrThrow();
        if (waiting.n > 0) break;
        await new Promise((r) => setImmediate(r));
      }
    }
    release();
    await a;
    const rb = await b;
    expect(rb).toMatchObject({ matched: 0, manual: 1 });
    const row = await billRow(t, bill.id);
    expect(Number(row.paid_amount)).toBe(amount);
    expect((await creditOf(`RACE 2 ${bill.code}`))[0]).toMatchObject({ status: 'manual', manual_reason: 'duplicate_payment' });
  });

  it('[P-7] the bank callback needs a valid HMAC signature of the raw body, matches like a statement line and is idempotent by reference', async () => {
    const amount = freshAmount();
    const bill = await makeBill(t, { amount, agency });
    const body = JSON.stringify({ paymentCode: bill.code, amount, paidAt: new Date().toISOString(), reference: `VA-${bill.code}`, bankCode: 'BNI', accountNumber: account.accountNumber });
    const send = (headers: Record<string, string>, payload = body) =>
      t.app.inject({ method: 'POST', url: '/api/v1/payments/bank-callback', payload, headers: { 'content-type': 'application/json', accept: 'application/json', ...headers } });

    for (const h of [{} as Record<string, string>, { 'x-simpul-signature': signBody('kunci-lain-0123456789abcdef', body) }, { 'x-simpul-signature': 'sha256=00' }]) {
      expect((await send(h)).statusCode).toBe(401);
    }
    // a signature of another body (re-serialised JSON) is refused too
    expect((await send({ 'x-simpul-signature': signBody(SECRET, body) }, body.replace('{', '{ '))).statusCode).toBe(401);
    expect((await billRow(t, bill.id)).status).toBe('unpaid');

    const ok = await send({ 'x-simpul-signature': signBody(SECRET, body) });
    expect(ok.statusCode).toBe(200);
    const first = ok.json();
    expect(first).toMatchObject({ status: 'matched', billId: bill.id, duplicate: false });
    const again = await send({ 'x-simpul-signature': signBody(SECRET, body).toUpperCase().replace('SHA256=', 'sha256=') });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ creditId: first.creditId, status: 'matched', duplicate: true });
    const row = await billRow(t, bill.id);
    expect(Number(row.paid_amount)).toBe(amount);
    expect(await t.database.db.selectFrom('bank_credits').select('id').where('reference', '=', `VA-${bill.code}`).execute()).toHaveLength(1);
  });

  it('[P-7] the bank callback through the service calls the billPaid hook once, however often it is repeated', async () => {
    const amount = freshAmount();
    const bill = await makeBill(t, { amount, agency });
    const before = paid.calls.length;
    const input = { paymentCode: bill.code, amount, paidAt: new Date().toISOString(), reference: `VA2-${bill.code}`, bankCode: 'BNI', accountNumber: account.accountNumber };
    expect(await recon.receiveCallback(input)).toMatchObject({ status: 'matched', duplicate: false });
    expect(await recon.receiveCallback(input)).toMatchObject({ status: 'matched', duplicate: true });
    expect(paid.calls.slice(before)).toEqual([bill.id]);
  });

  it('[P-7] a virtual-account payment pushed by the callback and then seen in the statement is one payment: the line is kept as ignored, not queued', async () => {
    const amount = freshAmount();
    const bill = await makeBill(t, { amount, agency });
    const before = paid.calls.length;
    await recon.receiveCallback({ paymentCode: bill.code, amount, paidAt: new Date().toISOString(), reference: `VA3-${bill.code}`, bankCode: 'BNI', accountNumber: account.accountNumber });
    const r = await startImport(csv([[day(), `VA ${bill.code} SETORAN RETRIBUSI`, 'STMT-VA3', amount]]));
    const imp = (await recon.getImport(t.database.db, r.kind === 'queued' ? r.id : ''))!;
    expect(imp).toMatchObject({ matched: 0, manual: 0, duplicates: 1 });
    const [line] = await creditOf(`VA ${bill.code} SETORAN`);
    expect(line).toMatchObject({ status: 'ignored', source: 'statement', bill_id: null });
    expect(line!.resolution_note).toContain('Sudah tercatat dari notifikasi bank');
    expect(Number((await billRow(t, bill.id)).paid_amount)).toBe(amount);
    expect(paid.calls.slice(before)).toEqual([bill.id]);
    // A second transfer of the same amount a week later is a real second payment: queued.
    const r2 = await startImport(csv([[day(7), `TRF ${bill.code} LAGI`, 'STMT-VA3-2', amount]]));
    const imp2 = (await recon.getImport(t.database.db, r2.kind === 'queued' ? r2.id : ''))!;
    expect(imp2).toMatchObject({ manual: 1, duplicates: 0 });
    expect((await creditOf(`TRF ${bill.code} LAGI`))[0]).toMatchObject({ status: 'manual', manual_reason: 'duplicate_payment' });
  });

  it('[P-7] manual queue: assign a partial payment, then the rest with an over-payment (hook once, audited); ignore with a reason', async () => {
    const client = await signInAs(t, financeUser.userId);
    const amount = freshAmount();
    const bill = await makeBill(t, { amount, agency });
    await makeConfirmation(t, bill, { proofNumber: 'BUKTI778899', amount: amount - 1000 });
    await startImport(csv([
      [day(), `CICILAN 1 ${bill.code}`, 'REF-MQ-1', amount - 1000],
      [day(), `CICILAN 2 ${bill.code}`, 'REF-MQ-2', 3000],
      [day(), 'SALAH TRANSFER MQ', 'REF-MQ-3', 4321],
    ]));
    const [c1] = await creditOf(`CICILAN 1 ${bill.code}`);
    const [c2] = await creditOf(`CICILAN 2 ${bill.code}`);
    const [c3] = await creditOf('SALAH TRANSFER MQ');
    expect(c1).toMatchObject({ status: 'manual', manual_reason: 'partial' });

    const queue = await client.get(QUEUE_PATH);
    expect(queue.statusCode).toBe(200);
    const text = textOf(queue.body);
    expect(text).toContain('Kurang bayar');
    expect(text).toContain('Konfirmasi pemohon: bukti BUKTI778899');
    expect(text).toContain('SALAH TRANSFER MQ');

    // a note is required; what was typed is kept
    const noNote = await client.post(`${QUEUE_PATH}/${c1!.id}/cocokkan`, { _csrf: client.csrfToken(), billId: bill.id, note: '' });
    expect(noNote.statusCode).toBe(422);
    expect(textOf(noNote.body)).toContain('Tuliskan catatan pencocokan');

    const before = paid.calls.length;
    const r1 = await t.database.db.transaction().execute((trx) => recon.assign(trx, { actor: finance }, c1!.id, { billId: bill.id, note: 'Cicilan pertama, cek mutasi' }));
    expect(r1).toMatchObject({ billStatus: 'partially_paid', becamePaid: false });
    expect((await billRow(t, bill.id)).status).toBe('partially_paid');
    const r2 = await t.database.db.transaction().execute((trx) => recon.assign(trx, { actor: finance }, c2!.id, { billId: bill.id, note: 'Pelunasan' }));
    expect(r2).toMatchObject({ billStatus: 'paid', becamePaid: true, overpaid: 2000 });
    expect(paid.calls.slice(before)).toEqual([bill.id]);
    const row = await billRow(t, bill.id);
    expect(Number(row.paid_amount)).toBe(amount + 2000);

    // through the page: ignore the stray transfer with a reason
    await client.get(QUEUE_PATH);
    const empty = await client.post(`${QUEUE_PATH}/${c3!.id}/abaikan`, { _csrf: client.csrfToken(), reason: ' ' });
    expect(empty.statusCode).toBe(422);
    const ign = await client.post(`${QUEUE_PATH}/${c3!.id}/abaikan`, { _csrf: client.csrfToken(), reason: 'Dikembalikan ke pengirim di luar Simpul' });
    expect(ign.statusCode).toBe(303);
    const c3After = (await creditOf('SALAH TRANSFER MQ'))[0]!;
    expect(c3After).toMatchObject({ status: 'ignored', resolution_note: 'Dikembalikan ke pengirim di luar Simpul' });
    // resolved credits cannot be resolved again
    await client.get(QUEUE_PATH);
    expect((await client.post(`${QUEUE_PATH}/${c3!.id}/abaikan`, { _csrf: client.csrfToken(), reason: 'lagi' })).statusCode).toBe(409);

    const audits = await t.database.db.selectFrom('audit_events').select(['action', 'entity_id']).where('entity_id', 'in', [c1!.id, c2!.id, c3!.id]).execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['payments.credit.assign', 'payments.credit.assign', 'payments.credit.ignore']);
  });

  it('[P-7] assigning through the page by payment code pays the bill; an unknown code is a 422 with the typed values kept', async () => {
    const client = await signInAs(t, financeUser.userId);
    const amount = freshAmount();
    const bill = await makeBill(t, { amount, agency });
    await startImport(csv([[day(), 'TRANSFER TANPA KODE PG', 'REF-PC-1', amount + 7]]));
    const [c] = await creditOf('TANPA KODE PG');
    await client.get(QUEUE_PATH);
    const bad = await client.post(`${QUEUE_PATH}/${c!.id}/cocokkan`, { _csrf: client.csrfToken(), code: '000000000000', note: 'Catatan saya' });
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Tagihan tidak ditemukan');
    expect(bad.body).toContain('value="Catatan saya"');
    const ok = await client.post(`${QUEUE_PATH}/${c!.id}/cocokkan`, { _csrf: client.csrfToken(), code: bill.code, note: 'Dicocokkan dengan konfirmasi telepon' });
    expect(ok.statusCode).toBe(303);
    expect(textOf((await client.get(ok.headers.location as string)).body)).toContain(`lebih bayar Rp 7 dicatat`);
    expect((await billRow(t, bill.id)).status).toBe('paid');
  });

  it("[P-7] agency scope: an agency's finance officer sees only credits whose candidates are his agency's bills and cannot assign to another agency's bill", async () => {
    const amount = freshAmount();
    const mine = await makeBill(t, { amount, agency });
    const theirs = await makeBill(t, { amount: amount + 10, agency: other });
    await startImport(csv([
      [day(), `SCOPE ${mine.code}`, 'REF-SC-1', amount - 1],
      [day(), `SCOPE ${theirs.code}`, 'REF-SC-2', amount + 9],
    ]));
    const officer = await makeStaff(t, 'finance_officer', agency);
    const client = await signInAs(t, officer.userId);
    const page = await client.get(QUEUE_PATH);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain(`SCOPE ${mine.code}`);
    expect(textOf(page.body)).not.toContain(`SCOPE ${theirs.code}`);
    const api = await apiAs(client, 'GET', '/api/v1/payments/unmatched-credits?limit=200');
    expect(api.statusCode).toBe(200);
    const descs = (api.json().items as { description: string }[]).map((i) => i.description);
    expect(descs).toContain(`SCOPE ${mine.code}`);
    expect(descs).not.toContain(`SCOPE ${theirs.code}`);

    const [theirCredit] = await creditOf(`SCOPE ${theirs.code}`);
    const agencyActor = actorOf(officer.userId, 'finance_officer', agency);
    await expect(t.database.db.transaction().execute((trx) => recon.assign(trx, { actor: agencyActor }, theirCredit!.id, { billId: theirs.id, note: 'bukan milik saya' }))).rejects.toMatchObject({ status: 403 });
    expect((await billRow(t, theirs.id)).status).toBe('unpaid');

    // imports: only his agency's receiving accounts
    const own = await makeBankAccount(t, { agency, bankCode: 'BRI' });
    const importPage = await client.get(IMPORT_PATH);
    expect(importPage.body).toContain(`value="${own.id}"`);
    expect(importPage.body).not.toContain(`value="${account.id}"`);
    const refused = await client.request('POST', IMPORT_PATH, multipart({ _csrf: client.csrfToken(), account: account.id, mapping: `saved:${MAPPING}` }, [{ field: 'file', name: 'm.csv', type: 'text/csv', bytes: csv([[day(), 'SCOPE IMPOR', 'REF-SC-9', 5]]) }]));
    expect(refused.statusCode).toBe(403);
    expect(await creditOf('SCOPE IMPOR')).toHaveLength(0);

    // other roles: no access; an auditor reads but cannot act
    const operator = await signInAs(t, (await makeStaff(t, 'operator', agency)).userId);
    expect((await operator.get(QUEUE_PATH)).statusCode).toBe(403);
    const auditor = await signInAs(t, (await makeStaff(t, 'auditor', null)).userId);
    const audPage = await auditor.get(QUEUE_PATH);
    expect(audPage.statusCode).toBe(200);
    expect(audPage.body).not.toContain('/cocokkan');
    expect((await auditor.post(`${QUEUE_PATH}/${theirCredit!.id}/abaikan`, { _csrf: auditor.csrfToken(), reason: 'x' })).statusCode).toBe(403);
  });

  it('[P-7] API: import a base64 statement (202), read its progress, list unmatched credits with keyset paging, match a credit', async () => {
    const client = await signInAs(t, financeUser.userId);
    const amount = freshAmount();
    const bill = await makeBill(t, { amount, agency });
    const bytes = csv([[day(), 'API TANPA KODE 1', 'REF-API-1', amount], [day(), 'API TANPA KODE 2', 'REF-API-2', 11], [day(), 'API TANPA KODE 3', 'REF-API-3', 12]]);
    const res = await apiAs(client, 'POST', '/api/v1/payments/statement-imports', { accountId: account.id, mapping: MAPPING, fileName: 'api.csv', contentBase64: bytes.toString('base64') });
    expect(res.statusCode).toBe(202);
    const id = res.json().id as string;
    const got = await apiAs(client, 'GET', `/api/v1/payments/statement-imports/${id}`);
    expect(got.json()).toMatchObject({ status: 'done', creditLines: 3, manual: 3, errors: [] });
    const again = await apiAs(client, 'POST', '/api/v1/payments/statement-imports', { accountId: account.id, mapping: MAPPING, contentBase64: bytes.toString('base64') });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ id, status: 'already_imported' });

    const bad = await apiAs(client, 'POST', '/api/v1/payments/statement-imports', {
      accountId: account.id,
      mapping: 'bni',
      contentBase64: Buffer.from('Tanggal,Keterangan\n1,2\n').toString('base64'),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields.length).toBeGreaterThan(0);

    // keyset paging visits every queued credit once
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      expect(++pages).toBeLessThan(1000);
      const page = await apiAs(client, 'GET', `/api/v1/payments/unmatched-credits?limit=2${after ? `&after=${after}` : ''}`);
      expect(page.statusCode).toBe(200);
      const body = page.json() as { items: { id: string }[]; next: string | null };
      seen.push(...body.items.map((i) => i.id));
      after = body.next;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    const [credit] = await creditOf('API TANPA KODE 1');
    expect(seen).toContain(credit!.id);

    const matched = await apiAs(client, 'POST', `/api/v1/payments/credits/${credit!.id}/match`, { action: 'assign', paymentCode: bill.code, note: 'Dicocokkan lewat API' });
    expect(matched.statusCode).toBe(200);
    expect(matched.json()).toMatchObject({ status: 'matched', billId: bill.id });
    expect((await billRow(t, bill.id)).status).toBe('paid');

    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    for (const p of ['/api/v1/payments/statement-imports', '/api/v1/payments/statement-imports/{id}', '/api/v1/payments/unmatched-credits', '/api/v1/payments/credits/{id}/match', '/api/v1/payments/bank-callback']) {
      expect(doc.paths[p]).toBeDefined();
    }
  });

  it('[P-7] column mappings are saved per bank through the form, validated, and kept as typed when refused', async () => {
    const client = await signInAs(t, financeUser.userId);
    const page = await client.get(`${MAPPINGS_PATH}?dari=bca`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tanggal Transaksi');
    const bad = await client.post(MAPPINGS_PATH, { _csrf: client.csrfToken(), name: 'BCA Uji', bankCode: 'BCA', mapping: '{"delimiter": ","}' });
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Format kolom tidak valid');
    expect(bad.body).toContain('BCA Uji');
    const notJson = await client.post(MAPPINGS_PATH, { _csrf: client.csrfToken(), name: 'BCA Uji', bankCode: 'BCA', mapping: '{' });
    expect(notJson.statusCode).toBe(422);
    const ok = await client.post(MAPPINGS_PATH, { _csrf: client.csrfToken(), name: 'BCA Uji', bankCode: 'bca', mapping: JSON.stringify(mappingJson) });
    expect(ok.statusCode).toBe(303);
    const saved = await recon.listMappings(t.database.db);
    expect(saved.find((m) => m.name === 'BCA Uji')).toMatchObject({ bankCode: 'BCA' });
    const imp = await client.get(IMPORT_PATH);
    expect(imp.body).toContain('value="saved:BCA Uji"');
  });
});
