// `npm run bench:executive` (and the last part of `npm run bench`): prints figures, never fails
// on time (not part of CI). PostgreSQL only, in a temporary database (created from
// BENCH_PG_ADMIN_URL and dropped afterwards), Simpul built in-process.
//
// The bench seeder writes BENCH_EXEC_ROWS (1,000,000) applications' facts straight into the
// executive module's per-application tables (exec_case_facts: three years, 40 agencies with two
// services each, 20 districts, two channels, ~5 % open, ~70 % of the rest on time, three finished
// steps per decided application; exec_bill_facts: a bill for ~30 %), then builds every summary
// table from them with the module's set-based rebuild (timed: `rebuildSummaries`) and ANALYZE. Then it times, for
// BENCH_EXEC_ITERATIONS (200) runs each, the dashboard queries (region-wide and one agency, per
// month, quarter and year, with district and channel cuts), the drill-down lists, the wall and
// the public figures at the service layer, and the pages /eksekutif, /eksekutif/kasus,
// /eksekutif/layar and /kinerja through the HTTP stack (in-process inject), and prints p50/p95
// with whether each goal is met (every page and answer p95 < 50 ms; rebuild < 60 s).
//
// Reuse between runs (seeding 1,000,000 takes minutes): BENCH_EXEC_DB=<name> uses that database
// and keeps it — created and seeded on the first run, only migrated on the next ones;
// BENCH_EXEC_REBUILD=0 then skips the rebuild too (the summaries are already there);
// BENCH_EXEC_ONLY=<regex> times only the matching lines.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { adminQuery, pgAdminUrl, postgresReachable, table } from './lib.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createLogger } from '../src/platform/log.ts';
import { periodOf } from '../src/modules/executive/index.ts';
import type { TestApp } from '../test/harness.ts';
import { makeAgency, makeStaff, signInAs } from '../test/factories.ts';

const ROWS = Number(process.env.BENCH_EXEC_ROWS ?? 1_000_000);
const ITER = Number(process.env.BENCH_EXEC_ITERATIONS ?? 200);
const COMPLAINTS = Number(process.env.BENCH_EXEC_COMPLAINTS ?? 100_000);
const AGENCIES = 40;
const progress = (s: string) => process.stderr.write(`  executive: ${s}\n`);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const ms = (n: number) => n.toFixed(n < 10 ? 2 : 1);

async function time(op: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < 3; i++) await op(); // warm
  const l: number[] = [];
  for (let i = 0; i < ITER; i++) {
    const s = performance.now();
    await op();
    l.push(performance.now() - s);
  }
  l.sort((a, b) => a - b);
  return { p50: pct(l, 50), p95: pct(l, 95), max: l[l.length - 1]! };
}

/** 40 agencies, then ROWS applications' facts and their bills straight into the facts tables. */
async function seed(t: TestApp): Promise<void> {
  const db = t.database.db;
  progress('agencies …');
  for (let i = 0; i < AGENCIES; i++) await makeAgency(t);
  await sql`CREATE TABLE bench_ag AS SELECT (row_number() OVER ()) - 1 AS n, id AS agency_id, gen_random_uuid() AS s1, gen_random_uuid() AS s2 FROM agencies`.execute(db);
    progress(`${ROWS.toLocaleString('en')} applications' facts …`);
    const s0 = performance.now();
    const BATCH = 250_000;
    for (let from = 1; from <= ROWS; from += BATCH) {
      const to = Math.min(ROWS, from + BATCH - 1);
      await sql`INSERT INTO exec_case_facts (application_id, tracking_number, agency_id, service_id, district, channel, state, submitted_on, decided_on, due_on, activity_on, working_days, sla_met, sent_back, steps)
        SELECT gen_random_uuid(), 'B-' || i, g.agency_id, CASE WHEN i % 2 = 0 THEN g.s1 ELSE g.s2 END,
               '53.71.' || lpad(((i / 7) % 20 + 1)::text, 2, '0'), CASE WHEN i % 3 = 0 THEN 'counter' ELSE 'online' END,
               x.state, x.sub, CASE WHEN x.state = 'done' THEN x.sub + (i % 9) END, x.sub + 5,
               CASE WHEN x.state = 'done' THEN x.sub + (i % 9) ELSE x.sub + (i % 4) END,
               CASE WHEN x.state = 'done' THEN i % 9 END, CASE WHEN x.state = 'done' THEN (i % 9) <= 5 END, i % 7 = 0,
               CASE WHEN x.state = 'done' THEN jsonb_build_array(
                 jsonb_build_object('name', 'Verifikasi berkas', 'day', x.sub + (i % 9) / 3, 'usedMs', ((i % 9) + 1) * 1800000, 'late', false),
                 jsonb_build_object('name', 'Survei lapangan', 'day', x.sub + (i % 9) / 2, 'usedMs', ((i % 9) + 2) * 1800000, 'late', i % 9 > 5),
                 jsonb_build_object('name', 'Tanda tangan', 'day', x.sub + (i % 9), 'usedMs', ((i % 9) + 3) * 1800000, 'late', false)) ELSE '[]'::jsonb END
          FROM generate_series(${from}::int, ${to}::int) i
          JOIN bench_ag g ON g.n = i % ${AGENCIES}
          CROSS JOIN LATERAL (SELECT CASE WHEN i % 20 = 0 THEN (ARRAY['unclaimed', 'in_process', 'with_applicant'])[1 + (i / 20) % 3] WHEN i % 50 = 1 THEN 'withdrawn' ELSE 'done' END AS state,
                                     (date '2024-01-01' + ((i::bigint * 1095) / ${ROWS})::int) AS sub) x`.execute(db);
    }
    // A bill for ~30 % of the applications (Rp 150.000, paid when the application is done).
    await sql`INSERT INTO exec_bill_facts (bill_id, agency_id, service_id, status, issued_on, paid_on, amount, paid_amount)
      SELECT gen_random_uuid(), agency_id, service_id, CASE WHEN state = 'done' THEN 'paid' ELSE 'unpaid' END, submitted_on, decided_on, 150000, CASE WHEN state = 'done' THEN 150000 ELSE 0 END
        FROM exec_case_facts WHERE hashtext(application_id::text) % 10 IN (0, 1, 2)`.execute(db);
    progress(`seeded in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
}

/**
 * COMPLAINTS complaints (default 100,000) straight into the complaints table, over the same
 * agencies and three years: a tenth still waiting for a first response, a few reopened, the
 * rest answered and resolved (some after their tier's deadline). Idempotent: skipped when the
 * table already holds complaints.
 */
async function seedComplaints(t: TestApp): Promise<number> {
  const db = t.database.db;
  const have = Number((await sql<{ k: string }>`select count(*) as k from complaints`.execute(db)).rows[0]?.k ?? 0);
  if (have > 0) return have;
  progress(`${COMPLAINTS.toLocaleString('en')} complaints …`);
  await sql`INSERT INTO complaints (number, kind, category, subject_type, about_agency_id, routed_agency_id, title, body, status, channel,
                                    submitted_at, verified_at, response_due_at, first_response_at, resolve_due_at, resolved_at, reopened_count)
    SELECT 'ADU-B-' || i, 'pengaduan', (ARRAY['pelayanan_publik', 'perizinan', 'kesehatan', 'pendidikan', 'lainnya'])[1 + i % 5], 'agency',
           g.agency_id, g.agency_id, 'Keluhan layanan ' || i, 'Isi keluhan uji beban ' || i,
           CASE WHEN i % 10 = 0 THEN 'didisposisi' WHEN i % 10 = 1 THEN 'ditindaklanjuti' ELSE 'selesai' END,
           (ARRAY['web', 'sms', 'open311', 'api'])[1 + i % 4],
           x.at, x.at + interval '1 day', x.at + interval '7 days',
           CASE WHEN i % 10 = 0 THEN NULL ELSE x.at + ((i % 9) || ' days')::interval END,
           x.at + interval '14 days',
           CASE WHEN i % 10 < 2 THEN NULL ELSE x.at + ((i % 20) || ' days')::interval END,
           CASE WHEN i % 37 = 0 THEN 1 ELSE 0 END
      FROM generate_series(1, ${COMPLAINTS}::int) i
      JOIN bench_ag g ON g.n = i % ${AGENCIES}
      CROSS JOIN LATERAL (SELECT timestamptz '2024-01-01 01:00:00+00' + ((i::bigint * 1095 * 86400) / ${COMPLAINTS}) * interval '1 second' AS at) x`.execute(db);
  // The summary must be built again from these rows (as after an upgrade).
  await sql`update complaint_figures_state set built = false`.execute(db);
  return COMPLAINTS;
}

async function databaseExists(name: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: pgAdminUrl });
  await c.connect();
  try {
    return (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await c.end();
  }
}

export async function benchExecutive(): Promise<void> {
  if (!(await postgresReachable())) {
    console.log(`\nExecutive dashboards: skipped (no PostgreSQL at ${pgAdminUrl})`);
    return;
  }
  const reuse = process.env.BENCH_EXEC_DB;
  const name = reuse ?? `simpul_bench_exec_${crypto.randomBytes(4).toString('hex')}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('BENCH_EXEC_DB: lower-case letters, digits and _ only');
  if (!reuse || !(await databaseExists(name))) await adminQuery(`CREATE DATABASE ${name}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-exec-'));
  const u = new URL(pgAdminUrl);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 5 });
  try {
    await migrate(database);
    const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', REQUIRE_ADMIN_MFA: 'false', DEMO_SEED: 'false', DATABASE_URL: u.toString(), DATA_DIR: dataDir });
    const built = await buildApp(config, database, { logger: createLogger(config), now: () => new Date('2026-12-15T03:00:00Z') });
    await built.app.ready();
    const t = { ...built, database, config, runJobs: () => built.deps.jobs.runDue(), close: async () => {} } as TestApp;
    const db = database.db;
    const seeded = Number((await sql<{ k: string }>`select count(*) as k from exec_case_facts`.execute(db)).rows[0]?.k ?? 0) > 0;
    if (seeded) progress(`reusing ${name}`);
    else await seed(t);
    const agencies = (await sql<{ id: string }>`select agency_id as id from bench_ag order by n`.execute(db)).rows;
    const complaints = await seedComplaints(t);
    let rebuildMs: number | null = null;
    let complaintRebuildMs: number | null = null;
    if (!seeded || process.env.BENCH_EXEC_REBUILD !== '0') {
      progress('summaries (set-based rebuild from the facts) …');
      const r0 = performance.now();
      await built.deps.executive.rebuildSummaries(new Date('2026-12-15T03:00:00Z'));
      rebuildMs = performance.now() - r0;
      progress('complaint figures (the complaints module’s rebuild from the complaints) …');
      const c0 = performance.now();
      await built.deps.complaints.rebuildFigures();
      complaintRebuildMs = performance.now() - c0;
      await sql`ANALYZE`.execute(db);
    }
    const facts = Number((await sql<{ k: string }>`select count(*) as k from exec_case_facts`.execute(db)).rows[0]?.k ?? 0);
    const sizes = await sql<{ t: string; n: number }>`SELECT relname AS t, n_live_tup AS n FROM pg_stat_user_tables WHERE relname LIKE 'exec_%' ORDER BY relname`.execute(db);
    console.log(
      `\nExecutive dashboards (PostgreSQL): ${facts.toLocaleString('en')} applications' facts; ` +
        (rebuildMs === null ? 'summaries kept from the last run (BENCH_EXEC_REBUILD=0)' : `summaries rebuilt from them (set-based SQL) in ${(rebuildMs / 1000).toFixed(1)} s — goal < 60 s: ${rebuildMs < 60_000 ? 'met' : 'MISSED'}`),
    );
    console.log(`rows: ${sizes.rows.map((r) => `${r.t} ${Number(r.n).toLocaleString('en')}`).join(', ')}`);
    if (complaintRebuildMs !== null) {
      const total = (rebuildMs ?? 0) + complaintRebuildMs;
      console.log(
        `complaints: ${complaints.toLocaleString('en')}; their figures rebuilt from the complaints in ${(complaintRebuildMs / 1000).toFixed(1)} s; ` +
          `all summaries ${(total / 1000).toFixed(1)} s — goal < 60 s: ${total < 60_000 ? 'met' : 'MISSED'}`,
      );
    }
    if (process.env.BENCH_EXEC_SEED_ONLY) return;
    const ex = built.deps.executive;
    const now = new Date('2026-12-15T03:00:00Z');
    const one = agencies[7]!.id;
    const rows: string[][] = [];
    const only = process.env.BENCH_EXEC_ONLY ? new RegExp(process.env.BENCH_EXEC_ONLY) : null;
    let missed = 0;
    const run = async (label: string, op: () => Promise<unknown>) => {
      if (only && !only.test(label)) return;
      const r = await time(op);
      if (r.p95 >= 50) missed++;
      rows.push([label, ms(r.p50), ms(r.p95), ms(r.max), r.p95 < 50 ? 'met' : 'MISSED']);
      progress(`${label}: p95 ${ms(r.p95)} ms`);
    };
    await run('dashboard, region, month', () => ex.dashboard({ agencies: 'all' }, periodOf('bulan', '2026-11-15'), now));
    await run('dashboard, region, quarter', () => ex.dashboard({ agencies: 'all' }, periodOf('triwulan', '2026-11-15'), now));
    await run('dashboard, region, year', () => ex.dashboard({ agencies: 'all' }, periodOf('tahun', '2026-11-15'), now));
    await run('dashboard, one agency, month', () => ex.dashboard({ agencies: [one] }, periodOf('bulan', '2026-11-15'), now));
    await run('dashboard, one agency, year', () => ex.dashboard({ agencies: [one] }, periodOf('tahun', '2026-11-15'), now));
    await run('dashboard, region, district + channel, month', () => ex.dashboard({ agencies: 'all', district: '53.71.05', channel: 'online' }, periodOf('bulan', '2026-11-15'), now));
    await run('drill-down: late, region, month (count + page 1)', () => ex.cases({ agencies: 'all' }, 'late', periodOf('bulan', '2026-11-15'), { now }));
    await run('drill-down: received, one agency, year', () => ex.cases({ agencies: [one] }, 'received', periodOf('tahun', '2026-11-15'), { now }));
    await run('drill-down: overdue, region', () => ex.cases({ agencies: 'all' }, 'overdue', periodOf('bulan', '2026-11-15'), { now }));
    await run('wall', () => ex.wall({ agencies: 'all' }, now));
    await run('public KPIs, year', () => ex.publicKpis({ from: '2026-01-01', to: '2026-12-15' }));
    const gov = await makeStaff(t, 'executive', null);
    const client = await signInAs(t, gov.userId);
    const page = (url: string) => async () => {
      const res = await client.get(url);
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    };
    await run('GET /eksekutif (month, region)', page('/eksekutif?periode=bulan&tanggal=2026-11-15'));
    await run('GET /eksekutif (year, one agency)', page(`/eksekutif?periode=tahun&tanggal=2026-11-15&instansi=${one}`));
    await run('GET /eksekutif/kasus?ukuran=late (month)', page('/eksekutif/kasus?ukuran=late&periode=bulan&tanggal=2026-11-15'));
    await run('GET /eksekutif/layar', page('/eksekutif/layar'));
    await run('GET /kinerja', page('/kinerja'));
    await run('GET /api/v1/executive/dashboard (month)', async () => {
      const res = await client.get('/api/v1/executive/dashboard?periode=bulan&tanggal=2026-11-15', { accept: 'application/json' });
      if (res.statusCode !== 200) throw new Error(String(res.statusCode));
    });
    console.log(`\n${ITER} runs each, milliseconds:`);
    table(['query / page', 'p50', 'p95', 'max', 'p95 < 50 ms'], rows);
    console.log(missed ? `goal p95 < 50 ms: MISSED on ${missed} of ${rows.length}` : `goal p95 < 50 ms: met on all ${rows.length}`);
    await built.close();
  } finally {
    await database.close();
    if (reuse || process.env.BENCH_EXEC_KEEP) console.log(`kept database ${name}`);
    else await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchExecutive().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
