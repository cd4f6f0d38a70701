// `npm run bench:applications` (and the last part of `npm run bench`): prints figures, never
// fails on time (not part of CI). PostgreSQL only, in a temporary database (created from
// BENCH_PG_ADMIN_URL and dropped afterwards), with Simpul built in-process (`buildApp`) on a
// pg pool of BENCH_APPS_CONCURRENCY connections, as `simpul start` opens it.
//
//  a. raw single-row insert rate: BENCH_RAW_ROWS (5,000) single-row INSERTs, each its own
//     autocommit, into a scratch table shaped like `applications` (uuid key, a unique text
//     column, jsonb), through the same pool and Kysely, BENCH_APPS_CONCURRENCY (10) workers;
//  b. submissions/s: BENCH_SUBMISSIONS (2,000) real submissions through the service layer
//     (`deps.applications.save`, submit: true, own idempotency key, distinct citizens) of a
//     published service with an approved SOP, with the same workers; once all to one agency
//     (one tracking-number counter row) and once round robin over ten. In-process service
//     calls, not HTTP, so the figure is the database work of a submission (reads, tracking
//     number, first SOP step, timeline, audit, notification job) without HTTP parsing;
//  c. a bench seeder loads BENCH_QUEUE_ROWS (1,000,000) applications with set-based SQL
//     (100k per statement, then ANALYZE) over 40 agencies and 43 services, ~95 % finished and
//     ~5 % open with their open application_steps row; one "busy" agency has 20 % of them.
//     Then `deps.processing.queue` is timed for a verifier of the busy agency (first page,
//     SLA overdue, one service, page 5 by keyset cursor; BENCH_QUEUE_ITERATIONS (200) each),
//     with EXPLAIN (ANALYZE, BUFFERS) of each; then again with extended statistics
//     on (status, step_role), the proposed fix for the planner's misestimate.
//
//  d. BENCH_APPS_PGLITE=1 adds a. and b. on PGlite (file-backed, BENCH_PGLITE_RAW_ROWS 2,000,
//     BENCH_PGLITE_SUBMISSIONS 500) for comparison.
//
// Settings: BENCH_PG_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres), the counts
// above, BENCH_SUBMISSION_ROUNDS (2: a. and b. alternated), BENCH_QUEUE=0 skips c., BENCH_QUEUE_PROPOSAL=0 skips timing the queue again with the proposed extended
// statistics, BENCH_EXPLAIN_FULL=1 prints the whole plans, BENCH_KEEP_DB=1 keeps the database
// (to study the plans; drop it afterwards).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { adminQuery, pgAdminUrl, postgresReachable, table } from './lib.ts';
import { buildApp, type BuiltApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import type { DB } from '../src/platform/db/schema.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createLogger } from '../src/platform/log.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import type { AgencyView } from '../src/modules/agencies/agencies.service.ts';
import type { QueueFilters } from '../src/modules/applications/processing.service.ts';
import type { PublishedService } from '../src/modules/catalog/catalog.service.ts';
import type { TestApp } from '../test/harness.ts';
import { makeAgency, makeRegion, makeServiceWithSop, makeStaff } from '../test/factories.ts';

const num = (name: string, def: number) => {
  const v = Number(process.env[name] ?? def);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : def;
};
const concurrency = num('BENCH_APPS_CONCURRENCY', 10);
const rawRows = num('BENCH_RAW_ROWS', 5000);
const submissions = num('BENCH_SUBMISSIONS', 2000);
const queueRows = num('BENCH_QUEUE_ROWS', 1_000_000);
const queueIterations = num('BENCH_QUEUE_ITERATIONS', 200);
const explainFull = process.env.BENCH_EXPLAIN_FULL === '1';
const keepDb = process.env.BENCH_KEEP_DB === '1';
const BATCH = 100_000;
const AGENCIES = 40;
const BUSY_SERVICES = 4;
const SEED_APPLICANTS = 50_000;
const SPREAD_AGENCIES = 10;

const progress = (s: string) => process.stderr.write(`  applications: ${s}\n`);
const trusted = { actor: null, label: 'bench', trusted: true } as const;


/** Nearest-rank percentile of ascending `sorted`. */
function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const ms = (n: number) => n.toFixed(n < 10 ? 2 : 1);
/** This process's CPU time as a share of the wall time (100 % = one core). */
const busy = (r: { wallMs: number; cpuMs: number }) => `${((r.cpuMs / r.wallMs) * 100).toFixed(0)} %`;

/** Runs `total` operations on `workers` concurrent loops; returns wall time and each latency. */
async function runConcurrent(total: number, workers: number, op: (i: number) => Promise<void>): Promise<{ wallMs: number; cpuMs: number; latencies: number[] }> {
  let next = 0;
  const latencies: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const s = performance.now();
        await op(i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, latencies };
}



interface Bench {
  t: TestApp;
  pool: pg.Pool;
  /** Compiled queries seen while `capture` is on (to EXPLAIN what the service really runs). */
  captured: CompiledQuery[];
  capture: boolean;
}

/** The app in-process on the temporary database; the Kysely log hook records compiled queries. */
async function open(databaseUrl: string, dataDir: string): Promise<Bench> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
  const bench = { pool, captured: [] as CompiledQuery[], capture: false } as Bench;
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (bench.capture && e.level === 'query') bench.captured.push(e.query);
    },
  });
  const database: Database = {
    engine: 'postgres',
    db,
    async execScript(text) {
      const client = await pool.connect();
      try {
        await client.query(text);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
  bench.t = await buildOn(database, { DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
  return bench;
}

/** Migrates `database` and builds the app on it, as a TestApp for the factories. */
async function buildOn(database: Database, env: Record<string, string>): Promise<TestApp> {
  await migrate(database);
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', REQUIRE_ADMIN_MFA: 'false', DEMO_SEED: 'false', ...env });
  const built: BuiltApp = await buildApp(config, database, { logger: createLogger(config) });
  await built.app.ready();
  return {
    ...built,
    database,
    config,
    runJobs: () => built.deps.jobs.runDue(),
    async close() {
      await built.close();
      await database.close();
    },
  };
}

/** a. Raw single-row INSERT rate through the same pool. */
async function rawInserts(b: Bench, serviceId: string, applicantId: string, rawRows: number, round = 0) {
  const db = b.t.database.db;
  await sql`DROP TABLE IF EXISTS bench_raw_insert`.execute(db);
  await sql`CREATE TABLE bench_raw_insert (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    service_id uuid NOT NULL,
    applicant_id uuid NOT NULL,
    status text NOT NULL,
    tracking_number text UNIQUE,
    form_data jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  const insert = (i: number) =>
    sql`INSERT INTO bench_raw_insert (service_id, applicant_id, status, tracking_number, form_data)
        VALUES (${serviceId}, ${applicantId}, 'submitted', ${`RAW-${round}-${i}`}, ${JSON.stringify({ nama: 'Warga Uji', nik: '5371011208850001', nama_usaha: `Warung ${i}`, luas: 24 })})`.execute(db);
  for (let i = 0; i < 100; i++) await insert(-1 - i); // warm-up
  const r = await runConcurrent(rawRows, concurrency, async (i) => {
    await insert(i);
  });
  const count = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM bench_raw_insert`.execute(db)).rows[0]!.n);
  return { ...r, rate: (rawRows / r.wallMs) * 1000, rows: count - 100 };
}

/** Citizens made so far (their NIKs are numbered from here). */
let citizenSerial = 0;

/** b. Real submissions through the service layer. */
async function realSubmissions(b: Bench, slugs: string[], submissions: number) {
  const { deps } = b.t;
  const db = b.t.database.db;
  // Distinct citizens with valid NIKs (province 53), made in one statement (no password needed).
  const tag = crypto.randomBytes(3).toString('hex');
  const total = submissions + 20;
  await sql`INSERT INTO users (kind, name, email, email_verified_at, nik, status)
    SELECT 'citizen', 'Warga Bench ' || i, 'bench.' || ${tag} || '.' || i || '@warga.test', now(),
      '537101' || lpad(((i / 9000) % 28 + 1)::text, 2, '0') || lpad(((i / 252000) % 12 + 1)::text, 2, '0') || '85' || lpad((i % 9000 + 1)::text, 4, '0'),
      'active'
    FROM generate_series(${citizenSerial}::int, ${citizenSerial + total - 1}::int) i`.execute(db);
  citizenSerial += total;
  const citizens = (await sql<{ id: string }>`SELECT id FROM users WHERE email LIKE ${`bench.${tag}.%`} ORDER BY email`.execute(db)).rows.map((r) => r.id);
  const services: PublishedService[] = [];
  for (const slug of slugs) {
    const service = await deps.catalog.getPublished(slug);
    if (!service) throw new Error(`service ${slug} not published`);
    services.push(service);
  }
  const submit = async (userId: string, i: number) => {
    const service = services[i % services.length]!;
    const applicant: Actor = { userId, kind: 'citizen', name: 'Warga Bench', locale: 'id', grants: [], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'token' };
    const res = await deps.applications.save({
      service,
      applicantId: userId,
      values: { nama_usaha: `Warung Sejahtera ${i}`, luas: '24' },
      files: {},
      submit: true,
      idempotencyKey: `bench-${tag}-${i}`,
      who: { actor: applicant },
    });
    if (res.status !== 'submitted' || res.replayed) throw new Error(`submission ${i}: ${res.status}`);
  };
  for (let i = 0; i < 19; i++) await submit(citizens[submissions + i]!, submissions + i); // warm-up
  // The statements one submission runs (BEGIN and COMMIT are not in Kysely's log).
  b.captured.length = 0;
  b.capture = true;
  await submit(citizens[submissions + 19]!, submissions + 19);
  b.capture = false;
  const statements = b.captured.length;
  const writes = b.captured.filter((q) => /^\s*(insert|update|delete)/i.test(q.sql)).length;
  const r = await runConcurrent(submissions, concurrency, (i) => submit(citizens[i]!, i));
  const n = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM applications WHERE idempotency_key LIKE ${`bench-${tag}-%`}`.execute(db)).rows[0]!.n);
  return { ...r, rate: (submissions / r.wallMs) * 1000, submitted: n - 20, statements, writes };
}

interface Seeded {
  busy: AgencyView;
  busySlugs: string[];
  verifier: Actor;
  seedMs: number;
  servicesMs: number;
  open: number;
  busyVerifierOpen: number;
}

/** c. The bench seeder: 40 agencies, 43 services with SOPs, BENCH_QUEUE_ROWS applications. */
async function seed(b: Bench): Promise<Seeded> {
  const { t } = b;
  const db = t.database.db;
  const t0 = performance.now();
  // Agencies and services through the services (as the back office makes them).
  const agencies: AgencyView[] = [];
  for (let i = 0; i < AGENCIES; i++) agencies.push(await makeAgency(t));
  const busy = agencies[0]!;
  const services: { n: number; agencyId: string; slug: string; id: string }[] = [];
  for (let k = 0; k < BUSY_SERVICES; k++) services.push({ n: services.length, agencyId: busy.id, ...(await makeServiceWithSop(t, busy)) });
  for (const a of agencies.slice(1)) services.push({ n: services.length, agencyId: a.id, ...(await makeServiceWithSop(t, a)) });
  const servicesMs = performance.now() - t0;
  progress(`${agencies.length} agencies, ${services.length} services with approved SOPs in ${(servicesMs / 1000).toFixed(1)} s; loading ${queueRows.toLocaleString('en')} applications …`);

  const verifierUser = await makeStaff(t, 'verifier', busy);
  const verifier: Actor = { userId: verifierUser.userId, kind: 'staff', name: verifierUser.name, locale: 'id', grants: [{ role: 'verifier', agencyId: busy.id }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
  const other = await makeStaff(t, 'verifier', busy);

  const s0 = performance.now();
  await sql`CREATE TABLE bench_services (n int PRIMARY KEY, service_id uuid NOT NULL, version int NOT NULL, sop_id uuid NOT NULL, agency_id uuid NOT NULL)`.execute(db);
  await sql`INSERT INTO bench_services (n, service_id, version, sop_id, agency_id)
    SELECT x.n, s.id, s.current_version, p.id, s.agency_id
    FROM jsonb_to_recordset(${JSON.stringify(services.map((s) => ({ n: s.n, id: s.id })))}::jsonb) AS x(n int, id uuid)
    JOIN services s ON s.id = x.id
    JOIN sops p ON p.service_id = s.id AND p.status = 'approved'`.execute(db);
  await sql`INSERT INTO users (kind, name, status) SELECT 'citizen', 'Pemohon Bench ' || i, 'active' FROM generate_series(1, ${SEED_APPLICANTS}::int) i`.execute(db);
  await sql`CREATE TABLE bench_applicants AS SELECT (row_number() OVER (ORDER BY id) - 1)::int AS n, id FROM users WHERE name LIKE 'Pemohon Bench %'`.execute(db);
  await sql`ALTER TABLE bench_applicants ADD PRIMARY KEY (n)`.execute(db);

  // One statement per batch: random draws per row, then derived values (lateral), then rows.
  // ~20 % of rows in the busy agency (its 4 services), the rest over the other 39; ~5 % open,
  // of those half at the verification step; open steps due from 1 day ago to 4 days ahead.
  const otherServices = services.length - BUSY_SERVICES;
  for (let from = 1; from <= queueRows; from += BATCH) {
    const to = Math.min(queueRows, from + BATCH - 1);
    const bt = performance.now();
    await sql`INSERT INTO applications (tracking_number, service_id, service_version, agency_id, applicant_id, channel, status, form_data,
        idempotency_key, submitted_at, created_at, updated_at, sop_id, step_seq, current_step, step_role, assignee_id,
        step_started_at, step_nearing_at, step_due_at, due_at, decided_at)
      SELECT 'BENCH-' || lpad(x.i::text, 8, '0'), s.service_id, s.version, s.agency_id, p.id,
        CASE WHEN x.r6 < 0.8 THEN 'online' ELSE 'counter' END,
        CASE WHEN NOT d.open THEN (CASE WHEN x.r3 < 0.85 THEN 'approved' ELSE 'rejected' END) WHEN d.seq = 1 THEN 'submitted' ELSE 'in_process' END,
        jsonb_build_object('nama', 'Pemohon Bench ' || x.i, 'nik', '537101120885' || lpad((x.i % 9000 + 1)::text, 4, '0'), 'nama_usaha', 'Usaha ' || x.i, 'luas', x.i % 500 + 1),
        NULL, t.sub_at, t.sub_at, t.sub_at, s.sop_id, d.seq,
        CASE WHEN d.open THEN d.step END, CASE WHEN d.open THEN d.role END,
        CASE WHEN d.open AND x.r8 < 0.3 THEN ${other.userId}::uuid END,
        CASE WHEN d.open THEN t.due - interval '2 days' END,
        CASE WHEN d.open THEN t.due - interval '0.4 days' END,
        CASE WHEN d.open THEN t.due END,
        t.sub_at + interval '7 days',
        CASE WHEN NOT d.open THEN t.sub_at + interval '5 days' END
      FROM (SELECT i, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7, random() r8
            FROM generate_series(${from}::int, ${to}::int) i) x
      CROSS JOIN LATERAL (SELECT x.r2 < 0.05 AS open,
          CASE WHEN x.r3 < 0.5 THEN 1 WHEN x.r3 < 0.75 THEN 2 ELSE 3 END AS seq,
          CASE WHEN x.r3 < 0.5 THEN 'verifikasi' WHEN x.r3 < 0.75 THEN 'survei' ELSE 'ttd' END AS step,
          CASE WHEN x.r3 < 0.5 THEN 'verifier' WHEN x.r3 < 0.75 THEN 'operator' ELSE 'signing_official' END AS role,
          CASE WHEN x.r1 < 0.2 THEN floor(x.r4 * ${BUSY_SERVICES}::int)::int
               ELSE ${BUSY_SERVICES}::int + least(${otherServices - 1}::int, floor((x.r1 - 0.2) / 0.8 * ${otherServices}::int)::int) END AS svc) d
      CROSS JOIN LATERAL (SELECT CASE WHEN d.open THEN now() - x.r6 * interval '14 days' ELSE now() - interval '14 days' - x.r6 * interval '716 days' END AS sub_at,
          now() + (x.r7 * 5 - 1) * interval '1 day' AS due) t
      JOIN bench_services s ON s.n = d.svc
      JOIN bench_applicants p ON p.n = floor(x.r5 * ${SEED_APPLICANTS}::int)::int`.execute(db);
    progress(`  rows ${from.toLocaleString('en')}–${to.toLocaleString('en')} in ${((performance.now() - bt) / 1000).toFixed(1)} s`);
  }
  const st = performance.now();
  await sql`INSERT INTO application_steps (application_id, seq, step_key, step_name, role, agency_id, assignee_id, claimed_at, started_at, due_at, allowed_ms)
    SELECT a.id, a.step_seq, a.current_step,
      CASE a.current_step WHEN 'verifikasi' THEN 'Verifikasi berkas' WHEN 'survei' THEN 'Survei lapangan' ELSE 'Penandatanganan' END,
      a.step_role, a.agency_id, a.assignee_id, CASE WHEN a.assignee_id IS NOT NULL THEN a.step_started_at END,
      a.step_started_at, a.step_due_at, 16 * 3600000
    FROM applications a WHERE a.status IN ('submitted', 'in_process') AND a.tracking_number LIKE 'BENCH-%'`.execute(db);
  progress(`  open application_steps rows in ${((performance.now() - st) / 1000).toFixed(1)} s; ANALYZE …`);
  await sql`ANALYZE`.execute(db);
  const seedMs = performance.now() - s0;
  const counts = (
    await sql<{ open: number; busy_verifier: number }>`SELECT count(*) FILTER (WHERE status IN ('submitted', 'in_process'))::int AS open,
      count(*) FILTER (WHERE status IN ('submitted', 'in_process') AND agency_id = ${busy.id} AND step_role = 'verifier' AND (assignee_id IS NULL OR assignee_id = ${verifier.userId}))::int AS busy_verifier
      FROM applications WHERE tracking_number LIKE 'BENCH-%'`.execute(db)
  ).rows[0]!;
  return { busy, busySlugs: services.slice(0, BUSY_SERVICES).map((s) => s.slug), verifier, seedMs, servicesMs, open: counts.open, busyVerifierOpen: counts.busy_verifier };
}

interface QueueCase {
  name: string;
  filters: QueueFilters;
  p50: number;
  p95: number;
  p99: number;
  items: number;
  total: number;
}

async function timeQueue(b: Bench, s: Seeded): Promise<QueueCase[]> {
  const { processing } = b.t.deps;
  // Page 5: follow the cursor through pages 1–4 once.
  let cursor: string | undefined;
  let reached = 1;
  for (let p = 1; p < 5; p++) {
    const page = await processing.queue(s.verifier, { cursor });
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
    reached = p + 1;
  }
  const cases: { name: string; filters: QueueFilters }[] = [
    { name: 'first page (no filters)', filters: {} },
    { name: 'SLA overdue', filters: { sla: 'overdue' } },
    { name: `one service (${s.busySlugs[0]})`, filters: { service: s.busySlugs[0] } },
    { name: `page ${reached} (keyset cursor)`, filters: { cursor } },
  ];
  const out: QueueCase[] = [];
  for (const c of cases) {
    for (let i = 0; i < 10; i++) await processing.queue(s.verifier, c.filters); // warm-up
    const lat: number[] = [];
    let last = await processing.queue(s.verifier, c.filters);
    for (let i = 0; i < queueIterations; i++) {
      const t0 = performance.now();
      last = await processing.queue(s.verifier, c.filters);
      lat.push(performance.now() - t0);
    }
    lat.sort((x, y) => x - y);
    out.push({ ...c, p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99), items: last.items.length, total: last.counts.total });
    progress(`  queue: ${c.name} p95 ${ms(pct(lat, 95))} ms`);
  }
  return out;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the queries `processing.queue` really runs (captured from
 * Kysely): the counts query once, and the page query of each case.
 */
async function explainCases(b: Bench, s: Seeded, cases: QueueCase[]): Promise<string[]> {
  const lines: string[] = [];
  for (const [i, c] of cases.entries()) {
    b.captured.length = 0;
    b.capture = true;
    await b.t.deps.processing.queue(s.verifier, c.filters);
    b.capture = false;
    for (const q of b.captured) {
      const counts = /count\(\*\)/.test(q.sql);
      if (counts && i > 0) continue;
      const res = await b.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.parameters as unknown[]);
      const plan = res.rows.map((r) => r['QUERY PLAN']);
      const exec = plan.find((l) => l.startsWith('Execution Time')) ?? '';
      const planning = plan.find((l) => l.startsWith('Planning Time')) ?? '';
      const usesIdx = plan.some((l) => l.includes('applications_queue_idx'));
      const scans = plan.filter((l) => /Scan.* on applications /.test(l)).map((l) => l.trim().replace(/^->\s*/, '').replace(/\s+\(cost=.*$/, ''));
      lines.push(`${counts ? 'counts (all cases)' : c.name}: ${exec}; ${planning}; applications_queue_idx ${usesIdx ? 'used' : 'NOT used'}; applications read by ${scans.join(' | ') || '—'}`);
      if (explainFull || !usesIdx) lines.push(...plan.map((l) => `    ${l}`));
    }
  }
  return lines;
}

/**
 * d. (BENCH_APPS_PGLITE=1) the same raw inserts and submissions on PGlite in a temporary
 * data folder, for comparison: one connection, so the workers take turns.
 */
async function benchPglite(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-apps-pglite-'));
  const rows = Math.min(rawRows, num('BENCH_PGLITE_RAW_ROWS', 2000));
  const subs = Math.min(submissions, num('BENCH_PGLITE_SUBMISSIONS', 500));
  try {
    progress('PGlite: migrating a temporary data folder …');
    const database = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
    const b = { pool: null as unknown as pg.Pool, captured: [] as CompiledQuery[], capture: false } as Bench;
    b.t = await buildOn(database, { DATA_DIR: dataDir });
    try {
      await makeRegion(b.t);
      const svc = await makeServiceWithSop(b.t, await makeAgency(b.t));
      const probe = (await sql<{ id: string }>`INSERT INTO users (kind, name, status) VALUES ('citizen', 'Warga Bench Raw', 'active') RETURNING id`.execute(b.t.database.db)).rows[0]!.id;
      progress(`PGlite: raw single-row inserts: ${rows} …`);
      const raw = await rawInserts(b, svc.id, probe, rows);
      progress(`PGlite: submissions: ${subs} …`);
      const sub = await realSubmissions(b, [svc.slug], subs);
      console.log(`\nPGlite for comparison (file-backed data folder, one connection; ${concurrency} workers take turns)`);
      table(
        ['what', 'count', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'Node CPU'],
        [
          ['raw single-row INSERT (autocommit, same scratch table)', String(raw.rows), raw.rate.toFixed(0), ms(pct(raw.latencies, 50)), ms(pct(raw.latencies, 95)), ms(pct(raw.latencies, 99)), busy(raw)],
          ['submission, one service of one agency', String(sub.submitted), sub.rate.toFixed(0), ms(pct(sub.latencies, 50)), ms(pct(sub.latencies, 95)), ms(pct(sub.latencies, 99)), busy(sub)],
        ],
      );
      console.log(`PGlite submissions/s are ${((sub.rate / raw.rate) * 100).toFixed(1)} % of its raw insert rate`);
    } finally {
      await b.t.close().catch(() => {});
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchApplications(): Promise<void> {
  console.log(`\nApplications (PostgreSQL, in-process; ${concurrency} concurrent workers on a pool of ${concurrency})`);
  if (!(await postgresReachable())) {
    console.log(`PostgreSQL: not reachable at ${pgAdminUrl.replace(/\/\/[^@]*@/, '//')}; skipped.`);
    return;
  }
  const name = `simpul_bench_apps_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const u = new URL(pgAdminUrl);
  u.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-apps-'));
  let b: Bench | null = null;
  try {
    progress('migrating a temporary database …');
    b = await open(u.toString(), dataDir);
    const { t } = b;
    await makeRegion(t);
    // Ten agencies with one service each: the first for the one-agency run, all ten for the
    // spread run (each agency has its own tracking-number counter row).
    const svcs: { slug: string; id: string }[] = [];
    for (let i = 0; i < SPREAD_AGENCIES; i++) svcs.push(await makeServiceWithSop(t, await makeAgency(t)));
    const svc = svcs[0]!;
    const probe = (await sql<{ id: string }>`INSERT INTO users (kind, name, status) VALUES ('citizen', 'Warga Bench Raw', 'active') RETURNING id`.execute(t.database.db)).rows[0]!.id;

    // A B A B: raw inserts, one agency, ten agencies, BENCH_SUBMISSION_ROUNDS (2) times, so the
    // ratios compare figures measured close together on a shared machine.
    const rounds = num('BENCH_SUBMISSION_ROUNDS', 2);
    const ratioRows: string[][] = [];
    let statements = 0;
    let writes = 0;
    for (let round = 1; round <= rounds; round++) {
      progress(`round ${round}: raw single-row inserts: ${rawRows} …`);
      const raw = await rawInserts(b, svc.id, probe, rawRows, round);
      progress(`round ${round}: submissions to one agency: ${submissions} …`);
      const sub = await realSubmissions(b, [svc.slug], submissions);
      progress(`round ${round}: submissions spread over ${SPREAD_AGENCIES} agencies: ${submissions} …`);
      const spread = await realSubmissions(b, svcs.map((x) => x.slug), submissions);
      statements = sub.statements;
      writes = sub.writes;
      console.log(`Write rates, round ${round} (${concurrency} concurrent workers)`);
      table(
        ['what', 'count', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'Node CPU'],
        [
          ['raw single-row INSERT (autocommit, scratch table with uuid key, unique text, jsonb)', String(raw.rows), raw.rate.toFixed(0), ms(pct(raw.latencies, 50)), ms(pct(raw.latencies, 95)), ms(pct(raw.latencies, 99)), busy(raw)],
          ['submission, one service of one agency (applications.save, in-process)', String(sub.submitted), sub.rate.toFixed(0), ms(pct(sub.latencies, 50)), ms(pct(sub.latencies, 95)), ms(pct(sub.latencies, 99)), busy(sub)],
          [`submission, ${SPREAD_AGENCIES} services of ${SPREAD_AGENCIES} agencies (round robin)`, String(spread.submitted), spread.rate.toFixed(0), ms(pct(spread.latencies, 50)), ms(pct(spread.latencies, 95)), ms(pct(spread.latencies, 99)), busy(spread)],
        ],
      );
      ratioRows.push([String(round), raw.rate.toFixed(0), sub.rate.toFixed(0), spread.rate.toFixed(0), `${((sub.rate / raw.rate) * 100).toFixed(1)} %`, `${((spread.rate / raw.rate) * 100).toFixed(1)} %`, `${((sub.rate / spread.rate) * 100).toFixed(1)} %`]);
    }
    console.log('Submissions against raw inserts, same run (goals: one agency ≥ 20 % of raw; one agency ≥ 90 % of ten agencies)');
    table(['round', 'raw/s', 'one agency/s', 'ten agencies/s', 'one / raw', 'ten / raw', 'one / ten'], ratioRows);
    console.log(`one submission runs ${statements} statements (${writes} writes) plus BEGIN/COMMIT; the tracking number is taken by one upsert before the transaction (the agency's counter row is locked for that statement only)`);

    if (process.env.BENCH_QUEUE === '0') return;
    progress(`bench seeder: ${queueRows.toLocaleString('en')} applications …`);
    const s = await seed(b);
    console.log(
      `\nBench seeder: ${queueRows.toLocaleString('en')} applications (${s.open.toLocaleString('en')} open) over ${AGENCIES} agencies, ${AGENCIES - 1 + BUSY_SERVICES} services, ${SEED_APPLICANTS.toLocaleString('en')} applicants: ` +
        `loaded in ${(s.seedMs / 1000).toFixed(1)} s (set-based SQL, ${BATCH.toLocaleString('en')} per statement, open steps, ANALYZE); agencies and services through the services in ${(s.servicesMs / 1000).toFixed(1)} s`,
    );
    progress('work queue …');
    const cases = await timeQueue(b, s);
    console.log(`Work queue (processing.queue) of a verifier of the busy agency: ${s.busyVerifierOpen.toLocaleString('en')} open applications waiting for the role; ${queueIterations} calls each`);
    table(
      ['case', 'items', 'counted', 'p50 ms', 'p95 ms', 'p99 ms'],
      cases.map((c) => [c.name, String(c.items), String(c.total), ms(c.p50), ms(c.p95), ms(c.p99)]),
    );
    console.log('EXPLAIN (ANALYZE, BUFFERS) of the queue queries:');
    for (const l of await explainCases(b, s, cases)) console.log(`  ${l}`);

    // Migration 0012 gives the planner extended statistics on (status, step_role): without
    // them it takes the columns as independent, expects ~5 % of an agency's role to be open
    // while every row with a step_role is open, and reads and sorts the whole queue. Measured
    // again without them, for comparison (dropped in the temporary database only).
    if (process.env.BENCH_QUEUE_PROPOSAL !== '0') {
      progress('work queue without the extended statistics of migration 0012 …');
      await sql`DROP STATISTICS IF EXISTS applications_status_step_role`.execute(b.t.database.db);
      await sql`ANALYZE applications`.execute(b.t.database.db);
      const again = await timeQueue(b, s);
      console.log('Work queue WITHOUT the extended statistics on (status, step_role) (for comparison):');
      table(
        ['case', 'items', 'counted', 'p50 ms', 'p95 ms', 'p99 ms'],
        again.map((c) => [c.name, String(c.items), String(c.total), ms(c.p50), ms(c.p95), ms(c.p99)]),
      );
      console.log('EXPLAIN (ANALYZE, BUFFERS) of the queue queries, without the statistics:');
      for (const l of await explainCases(b, s, again)) console.log(`  ${l}`);
    }
  } finally {
    if (b) await b.t.close().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (keepDb) console.log(`BENCH_KEEP_DB: the database ${name} is kept (drop it with DROP DATABASE ${name}).`);
    else await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  if (process.env.BENCH_APPS_PGLITE === '1') await benchPglite();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(`Simpul applications benchmark — ${new Date().toISOString()}`);
  console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB`);
  benchApplications().then(
    () => process.exit(0),
    (err) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}
