// `npm run bench:payments` (and the last part of `npm run bench`): prints figures, never fails
// on time (not part of CI). Reconciliation of BENCH_PAYMENT_LINES (100,000) statement lines
// against as many bills:
//
//  a. the pure `matchCredits` on generated data — 60 % exact payment codes, 15 % codes split
//     by spaces and dashes, 10 % amount only (no code), 10 % unmatched, 5 % duplicates of
//     earlier lines — with time, lines/s and the RSS/heap delta;
//  b. `parseStatement` of a generated KlikBCA Bisnis CSV (the `bca` preset) of as many lines;
//  c. on PostgreSQL (a temporary database from BENCH_PG_ADMIN_URL, dropped afterwards; skipped
//     when no server answers): bulk-insert the bills in multi-row INSERT batches
//     (BENCH_PAYMENT_BATCH, 5,000 rows), then time loading the open bills, matching, writing
//     the bank_credits rows and updating the paid bills in batches. The database part is
//     plain Kysely here; the reconciliation service replaces it once it exists. Then the
//     revenue report of the month and the daily summary over those rows are timed.
//
// Settings: BENCH_PAYMENT_LINES, BENCH_PAYMENT_BATCH, BENCH_PG_ADMIN_URL, BENCH_KEEP_DB=1.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { adminQuery, pgAdminUrl, postgresReachable, table } from './lib.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createLogger } from '../src/platform/log.ts';
import { zoneOffsetMs } from '../src/platform/calendar/working-time.ts';
import { regionTimeZone } from '../src/modules/agencies/agencies.service.ts';
import { matchCredits, type CreditLine, type MatchResult, type OpenBill } from '../src/modules/payments/matching.ts';
import { parseStatement } from '../src/modules/payments/statement.ts';
import { presetMapping } from '../src/modules/payments/statement-presets.ts';
import { dailySummary, revenueReport } from '../src/modules/payments/payments.reports.service.ts';
import type { TestApp } from '../test/harness.ts';
import { makeAgency, makeCitizen, makeRegion, makeServiceWithSop } from '../test/factories.ts';

const num = (name: string, def: number) => {
  const v = Number(process.env[name] ?? def);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : def;
};
const LINES = num('BENCH_PAYMENT_LINES', 100_000);
// Rows per statement; PostgreSQL takes at most 65,535 parameters (12 columns × 5,000 fit).
const BATCH = Math.min(num('BENCH_PAYMENT_BATCH', 5_000), 5_000);
const keepDb = process.env.BENCH_KEEP_DB === '1';
const progress = (s: string) => process.stderr.write(`  payments: ${s}\n`);


const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const rate = (n: number, millis: number) => `${Math.round((n / millis) * 1000).toLocaleString('en-US')}/s`;

/** Deterministic PRNG (mulberry32), so every run matches the same data. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (day: string, n: number) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

export interface GeneratedBill {
  paymentCode: string;
  amount: number;
  issuedOn: string;
  dueOn: string;
}

/** `n` bills with distinct 12-digit codes, issued in October 2026, due 14 days later. */
export function generateBills(n: number): GeneratedBill[] {
  const rnd = prng(7);
  const out: GeneratedBill[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    let code: string;
    do code = String(100_000_000_000 + Math.floor(rnd() * 899_999_999_999));
    while (seen.has(code));
    seen.add(code);
    const issuedOn = addDays('2026-10-01', i % 30);
    out.push({ paymentCode: code, amount: 10_000 + Math.floor(rnd() * 500) * 1_000, issuedOn, dueOn: addDays(issuedOn, 14) });
  }
  return out;
}

export type CreditKind = 'exact' | 'split' | 'amount_only' | 'unmatched' | 'duplicate';

/** `n` statement credits against `bills` with the mix described at the top of the file. */
export function generateCredits(bills: readonly GeneratedBill[], n: number): { credits: CreditLine[]; kinds: Record<CreditKind, number> } {
  const rnd = prng(11);
  const kinds: Record<CreditKind, number> = { exact: 0, split: 0, amount_only: 0, unmatched: 0, duplicate: 0 };
  const credits: CreditLine[] = [];
  let next = 0; // bills are paid in order, each at most once
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.05 && credits.length > 0) {
      credits.push({ ...credits[Math.floor(rnd() * credits.length)]! });
      kinds.duplicate++;
      continue;
    }
    const fp = `fp-${i}`;
    if (r < 0.8) {
      const b = bills[next++ % bills.length]!;
      const date = addDays(b.issuedOn, Math.floor(rnd() * 10));
      if (r < 0.65) {
        credits.push({ fingerprint: fp, date, amount: b.amount, description: `TRSF E-BANKING CR ${date.slice(8)}${date.slice(5, 7)}/FTSCY/WS95031 ${b.paymentCode} BUDI SANTOSO`, reference: null });
        kinds.exact++;
      } else {
        const c = b.paymentCode;
        credits.push({ fingerprint: fp, date, amount: b.amount, description: `SETORAN KB ${c.slice(0, 4)} ${c.slice(4, 8)}-${c.slice(8)} AN SITI`, reference: null });
        kinds.split++;
      }
    } else if (r < 0.9) {
      const b = bills[Math.floor(rnd() * bills.length)]!;
      credits.push({ fingerprint: fp, date: addDays(b.issuedOn, 2), amount: b.amount, description: 'SETORAN TUNAI RETRIBUSI', reference: null });
      kinds.amount_only++;
    } else {
      credits.push({ fingerprint: fp, date: addDays('2026-10-01', Math.floor(rnd() * 40)), amount: 1 + Math.floor(rnd() * 9_999_999), description: `TRSF DARI REK ${Math.floor(rnd() * 1e9)} GAJI`, reference: String(Math.floor(rnd() * 1e6)) });
      kinds.unmatched++;
    }
  }
  return { credits, kinds };
}

function summarise(r: MatchResult) {
  const reasons: Record<string, number> = {};
  for (const m of r.manual) reasons[m.reason] = (reasons[m.reason] ?? 0) + 1;
  return `matched ${r.matched.length}, manual ${r.manual.length} (${Object.entries(reasons)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}), duplicates ${r.duplicates.length}`;
}

function gc() {
  (globalThis as { gc?: () => void }).gc?.();
}

/** a. matchCredits on generated data. */
export function benchMatching(): void {
  progress(`generating ${LINES.toLocaleString('en-US')} bills and statement lines …`);
  const gen = generateBills(LINES);
  const bills: OpenBill[] = gen.map((b, i) => ({ id: `bill-${i}`, paymentCode: b.paymentCode, amountDue: b.amount, amountPaid: 0, issuedOn: b.issuedOn, dueOn: b.dueOn }));
  const { credits, kinds } = generateCredits(gen, LINES);
  // warm-up on a small slice (JIT), not counted
  matchCredits({ credits: credits.slice(0, 2_000), bills: bills.slice(0, 2_000) });
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const result = matchCredits({ credits, bills, graceDays: 0 });
  const took = performance.now() - t0;
  const after = process.memoryUsage();
  console.log(`\nPayments: matchCredits (pure), ${credits.length.toLocaleString('en-US')} lines × ${bills.length.toLocaleString('en-US')} open bills`);
  console.log(`mix: ${Object.entries(kinds).map(([k, v]) => `${k} ${v}`).join(', ')}${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: memory deltas include garbage)'}`);
  table(
    ['step', 'time', 'lines/s', 'RSS delta', 'heap delta', 'heap after'],
    [['matchCredits', ms(took), rate(credits.length, took), mb(after.rss - before.rss), mb(after.heapUsed - before.heapUsed), mb(after.heapUsed)]],
  );
  console.log(`outcome: ${summarise(result)}`);
}

/** b. parseStatement of a generated KlikBCA Bisnis CSV. */
export function benchParse(): void {
  const gen = generateBills(LINES);
  const rnd = prng(3);
  const fmt = (n: number) => `${n.toLocaleString('en-US')}.00`;
  const rows: string[] = ['No. Rekening : ,1234567890', 'Nama : ,RKUD PROVINSI UJI', 'Periode : ,01/10/2026 - 31/10/2026', 'Kode Mata Uang : ,IDR', '', 'Tanggal Transaksi,Keterangan,Cabang,Jumlah,Saldo'];
  let balance = 10_000_000;
  let credit = 0;
  for (let i = 0; i < LINES; i++) {
    const b = gen[i]!;
    const [y, m, d] = addDays(b.issuedOn, Math.floor(rnd() * 10)).split('-');
    const debit = rnd() < 0.03;
    const amount = debit ? 15_000 : b.amount;
    balance += debit ? -amount : amount;
    if (!debit) credit += amount;
    const text = debit ? 'BIAYA ADM' : `TRSF E-BANKING CR ${d}${m}/FTSCY/WS95031 KB ${b.paymentCode.slice(0, 4)} ${b.paymentCode.slice(4, 8)} ${b.paymentCode.slice(8)} BUDI SANTOSO`;
    rows.push(`'${d}/${m}/${y},${text},'0000,"${fmt(amount)} ${debit ? 'DB' : 'CR'}","${fmt(balance)}"`);
  }
  rows.push('', `Saldo Awal,"${fmt(10_000_000)}"`, `Mutasi Kredit,"${fmt(credit)}"`, `Saldo Akhir,"${fmt(balance)}"`);
  const bytes = Buffer.from(rows.join('\r\n') + '\r\n', 'utf8');
  const mapping = presetMapping('bca');
  parseStatement(bytes.subarray(0, 20_000), mapping); // warm-up
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const r = parseStatement(bytes, mapping, { fingerprintScope: 'bench-account' });
  const took = performance.now() - t0;
  const after = process.memoryUsage();
  console.log(`\nPayments: parseStatement, KlikBCA Bisnis CSV (bca preset), ${LINES.toLocaleString('en-US')} lines, ${mb(bytes.length)}`);
  table(
    ['step', 'time', 'lines/s', 'MB/s', 'RSS delta', 'heap delta'],
    [['parseStatement', ms(took), rate(LINES, took), `${(bytes.length / 2 ** 20 / (took / 1000)).toFixed(1)}`, mb(after.rss - before.rss), mb(after.heapUsed - before.heapUsed)]],
  );
  console.log(`outcome: ${r.lines.length} credit lines, ${r.skipped.debit} debits dropped, ${r.errors.length} errors, ${r.warnings.length} warnings`);
}



/** c. The database round trip on PostgreSQL. */
export async function benchDatabase(): Promise<void> {
  console.log(`\nPayments: reconciliation on PostgreSQL, ${LINES.toLocaleString('en-US')} bills and lines, batches of ${BATCH.toLocaleString('en-US')}`);
  if (!(await postgresReachable())) {
    console.log(`PostgreSQL: not reachable at ${pgAdminUrl.replace(/\/\/[^@]*@/, '//')}; skipped.`);
    return;
  }
  const name = `simpul_bench_pay_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const u = new URL(pgAdminUrl);
  u.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-pay-'));
  let t: TestApp | null = null;
  try {
    progress('migrating a temporary database …');
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
    await migrate(database);
    const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', REQUIRE_ADMIN_MFA: 'false', DEMO_SEED: 'false', DATABASE_URL: u.toString(), DATA_DIR: dataDir });
    const built = await buildApp(config, database, { logger: createLogger(config) });
    t = { ...built, database, config, runJobs: () => built.deps.jobs.runDue(), close: async () => { await built.close(); await database.close(); } };
    const db = database.db;
    await makeRegion(t);
    const agency = await makeAgency(t);
    const service = await makeServiceWithSop(t, agency);
    const payer = await makeCitizen(t);
    const tz = await regionTimeZone(db);
    const off = zoneOffsetMs(tz);
    const localMidnight = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - off);
    const localDay = (d: Date) => new Date(d.getTime() + off).toISOString().slice(0, 10);

    const gen = generateBills(LINES);
    const { credits } = generateCredits(gen, LINES);
    const rows: string[][] = [];

    progress('applications (one per bill, set-based) …');
    let t0 = performance.now();
    const apps = await sql<{ id: string }>`
      insert into applications (service_id, service_version, agency_id, applicant_id, status)
      select ${service.id}::uuid, 1, ${agency.id}::uuid, ${payer.userId}::uuid, 'draft' from generate_series(1, ${LINES}) returning id`.execute(db);
    rows.push(['applications (INSERT … SELECT generate_series)', ms(performance.now() - t0), rate(LINES, performance.now() - t0), '']);

    progress('bills, multi-row INSERT batches …');
    t0 = performance.now();
    for (let i = 0; i < LINES; i += BATCH) {
      const chunk = gen.slice(i, i + BATCH).map((b, j) => ({
        application_id: apps.rows[i + j]!.id,
        agency_id: agency.id,
        service_id: service.id,
        payer_id: payer.userId,
        payment_code: b.paymentCode,
        amount: b.amount,
        issued_at: new Date(localMidnight(b.issuedOn).getTime() + 9 * 3_600_000),
        due_at: new Date(localMidnight(b.dueOn).getTime() + 86_399_000),
      }));
      await db.insertInto('bills').values(chunk).execute();
    }
    let took = performance.now() - t0;
    rows.push([`bills (multi-row INSERT, ${BATCH} per statement)`, ms(took), rate(LINES, took), '']);
    await sql`ANALYZE bills`.execute(db);

    progress('loading open bills …');
    const timed: [string, number, number][] = [];
    const started = performance.now();
    t0 = performance.now();
    const open = await db
      .selectFrom('bills')
      .select(['id', 'payment_code', 'amount', 'paid_amount', 'issued_at', 'due_at'])
      .where('status', 'in', ['unpaid', 'partially_paid'])
      .execute();
    const bills: OpenBill[] = open.map((b) => ({ id: b.id, paymentCode: b.payment_code, amountDue: b.amount, amountPaid: b.paid_amount, issuedOn: localDay(b.issued_at), dueOn: localDay(b.due_at) }));
    timed.push(['load open bills (one SELECT)', performance.now() - t0, bills.length]);

    progress('matching …');
    t0 = performance.now();
    const known = await db.selectFrom('bank_credits').select('fingerprint').execute();
    const result = matchCredits({ credits, bills, knownFingerprints: known.map((k) => k.fingerprint) });
    timed.push(['matchCredits', performance.now() - t0, credits.length]);

    progress('writing bank_credits and paying bills …');
    const byFp = new Map(credits.map((c) => [c.fingerprint, c]));
    const creditRows = [
      ...result.matched.map((m) => ({ fp: m.fingerprint, status: 'matched' as const, billId: m.billId, reason: null, candidates: '[]' })),
      ...result.manual.map((m) => ({ fp: m.fingerprint, status: 'manual' as const, billId: null, reason: m.reason, candidates: JSON.stringify(m.candidates.slice(0, 10)) })),
    ];
    t0 = performance.now();
    const now = new Date();
    for (let i = 0; i < creditRows.length; i += BATCH) {
      await db
        .insertInto('bank_credits')
        .values(
          creditRows.slice(i, i + BATCH).map((r, j) => {
            const c = byFp.get(r.fp)!;
            return {
              fingerprint: r.fp,
              source: 'statement' as const,
              line_number: i + j + 1,
              booked_on: c.date,
              amount: c.amount,
              description: c.description,
              reference: c.reference,
              status: r.status,
              manual_reason: r.reason,
              candidates: r.candidates,
              bill_id: r.billId,
              matched_at: r.status === 'matched' ? now : null,
            };
          }),
        )
        .execute();
    }
    timed.push([`write bank_credits (${BATCH} per INSERT)`, performance.now() - t0, creditRows.length]);

    t0 = performance.now();
    for (let i = 0; i < result.matched.length; i += BATCH) {
      const chunk = result.matched.slice(i, i + BATCH);
      const values = sql.join(chunk.map((m) => sql`(${m.billId}::uuid, ${m.amount}::bigint)`));
      await sql`update bills b set paid_amount = b.paid_amount + v.amount, status = 'paid', paid_at = ${now}, updated_at = ${now}
        from (values ${values}) as v(id, amount) where b.id = v.id and b.status in ('unpaid', 'partially_paid')`.execute(db);
    }
    timed.push([`update paid bills (${BATCH} per UPDATE … FROM VALUES)`, performance.now() - t0, result.matched.length]);
    const total = performance.now() - started;

    for (const [label, took, n] of timed) rows.push([label, ms(took), rate(n, took), n.toLocaleString('en-US')]);
    rows.push(['load + match + write + update', ms(total), rate(credits.length, total), credits.length.toLocaleString('en-US')]);
    table(['step', 'time', 'rows/s', 'rows'], rows);
    // The reports over what was just written (region-wide, the busiest month; median of 5).
    const median = async (f: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s0 = performance.now();
        await f();
        times.push(performance.now() - s0);
      }
      return times.sort((a, b) => a - b)[2]!;
    };
    const report = await revenueReport(db, { period: { from: '2026-10-01', to: '2026-10-31' }, timeZone: tz, scope: 'all' });
    const reportMs = await median(() => revenueReport(db, { period: { from: '2026-10-01', to: '2026-10-31' }, timeZone: tz, scope: 'all' }));
    const dailyMs = await median(() => dailySummary(db, { date: localDay(now), timeZone: tz, scope: 'all' }));
    console.log(
      `reports: revenue report for October 2026 (region-wide, ${report.totals.outstandingCount.toLocaleString('en-US')} open bills) ${ms(reportMs)}, daily summary ${ms(dailyMs)} (median of 5)`,
    );
    const paid = await sql<{ n: number }>`select count(*)::bigint as n from bills where status = 'paid'`.execute(db);
    const size = await sql<{ bills: number; credits: number }>`select pg_total_relation_size('bills')::bigint as bills, pg_total_relation_size('bank_credits')::bigint as credits`.execute(db);
    console.log(`outcome: ${summarise(result)}; bills paid in the database: ${Number(paid.rows[0]?.n ?? 0)}`);
    console.log(`on disk (tables + indexes): bills ${mb(Number(size.rows[0]?.bills ?? 0))}, bank_credits ${mb(Number(size.rows[0]?.credits ?? 0))}; RSS of this process ${mb(process.memoryUsage().rss)}`);
  } finally {
    if (t) await t.close().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (keepDb) console.log(`BENCH_KEEP_DB: the database ${name} is kept (drop it with DROP DATABASE ${name}).`);
    else await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

export async function benchPayments(): Promise<void> {
  benchMatching();
  benchParse();
  await benchDatabase();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(`Simpul payments benchmark — ${new Date().toISOString()}`);
  console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB`);
  benchPayments().then(
    () => process.exit(0),
    (err) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}
