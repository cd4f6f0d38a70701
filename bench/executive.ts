// `npm run bench:executive` (and the last part of `npm run bench`): prints figures, never fails
// on time (not part of CI). PostgreSQL only, in a temporary database (created from
// BENCH_PG_ADMIN_URL and dropped afterwards), Simpul built in-process.
//
// The bench seeder writes BENCH_EXEC_ROWS (1,000,000) applications' facts straight into the
// executive module's per-application table (exec_case_facts: three years, 40 agencies with two
// services each, 20 districts, two channels, ~5 % open, ~70 % of the rest on time, three finished
// steps per decided application, a bill for ~30 %), then builds every summary table from it
// with set-based SQL (timed: the full rebuild of the summaries) and ANALYZE. Then it times, for
// BENCH_EXEC_ITERATIONS (200) runs each, the dashboard queries (region-wide and one agency, per
// month, quarter and year, with district and channel cuts), the drill-down lists, the wall and
// the public figures at the service layer, and the pages /eksekutif, /eksekutif/kasus,
// /eksekutif/layar and /kinerja through the HTTP stack (in-process inject), and prints p50/p95.
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
import { periodOf } from '../src/modules/executive/index.ts';
import type { TestApp } from '../test/harness.ts';
import { makeAgency, makeStaff, signInAs } from '../test/factories.ts';

const ROWS = Number(process.env.BENCH_EXEC_ROWS ?? 1_000_000);
const ITER = Number(process.env.BENCH_EXEC_ITERATIONS ?? 200);
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

export async function benchExecutive(): Promise<void> {
  if (!(await postgresReachable())) {
    console.log(`\nExecutive dashboards: skipped (no PostgreSQL at ${pgAdminUrl})`);
    return;
  }
  const name = `simpul_bench_exec_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
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
    progress('agencies …');
    const agencies = [];
    for (let i = 0; i < AGENCIES; i++) agencies.push(await makeAgency(t));
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
               CASE WHEN x.state = 'done' THEN i % 9 END, CASE WHEN x.state = 'done' THEN (i % 9) <= 5 END, i % 7 = 0, '[]'
          FROM generate_series(${from}::int, ${to}::int) i
          JOIN bench_ag g ON g.n = i % ${AGENCIES}
          CROSS JOIN LATERAL (SELECT CASE WHEN i % 20 = 0 THEN (ARRAY['unclaimed', 'in_process', 'with_applicant'])[1 + (i / 20) % 3] WHEN i % 50 = 1 THEN 'withdrawn' ELSE 'done' END AS state,
                                     (date '2024-01-01' + ((i::bigint * 1095) / ${ROWS})::int) AS sub) x`.execute(db);
    }
    const seedMs = performance.now() - s0;
    progress('summaries (set-based rebuild) …');
    const r0 = performance.now();
    await sql`INSERT INTO exec_daily (day, agency_id, service_id, district, channel, received, completed, completed_in_sla, sent_back, withdrawn, received_done)
      SELECT day, agency_id, service_id, district, channel, sum(r), sum(c), sum(s), sum(b), sum(w), sum(d) FROM (
        SELECT submitted_on AS day, agency_id, service_id, district, channel, 1 AS r, 0 AS c, 0 AS s, 0 AS b, (state = 'withdrawn')::int AS w, (state = 'done')::int AS d FROM exec_case_facts
        UNION ALL
        SELECT decided_on, agency_id, service_id, district, channel, 0, 1, sla_met::int, sent_back::int, 0, 0 FROM exec_case_facts WHERE decided_on IS NOT NULL) x
      GROUP BY 1, 2, 3, 4, 5`.execute(db);
    await sql`INSERT INTO exec_durations (day, agency_id, service_id, district, channel, working_days, n)
      SELECT decided_on, agency_id, service_id, district, channel, working_days, count(*) FROM exec_case_facts WHERE decided_on IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6`.execute(db);
    await sql`INSERT INTO exec_steps (day, agency_id, service_id, district, channel, step_name, n, used_ms, late)
      SELECT decided_on, agency_id, service_id, district, channel, s.name, count(*), sum((working_days + s.k) * 1800000::bigint), sum((working_days > 5 AND s.k = 2)::int)
        FROM exec_case_facts CROSS JOIN (VALUES ('Verifikasi berkas', 1), ('Survei lapangan', 2), ('Tanda tangan', 3)) s(name, k)
       WHERE decided_on IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6`.execute(db);
    // The rollup rows the usual views read: district '*' per day and 'M' per month (day = the
    // first), each for all channels ('*') and per channel.
    for (const [district, day] of [['*', 'day'], ['M', "date_trunc('month', day)::date"]] as const) {
      for (const channel of ["'*'", 'channel']) {
        const d = sql.raw(day);
        const c = sql.raw(channel);
        await sql`INSERT INTO exec_daily (day, agency_id, service_id, district, channel, received, completed, completed_in_sla, sent_back, withdrawn, received_done)
          SELECT ${d}, agency_id, service_id, ${district}, ${c}, sum(received), sum(completed), sum(completed_in_sla), sum(sent_back), sum(withdrawn), sum(received_done)
            FROM exec_daily WHERE district NOT IN ('*', 'M') GROUP BY 1, 2, 3, 5`.execute(db);
        await sql`INSERT INTO exec_durations (day, agency_id, service_id, district, channel, working_days, n)
          SELECT ${d}, agency_id, service_id, ${district}, ${c}, working_days, sum(n) FROM exec_durations WHERE district NOT IN ('*', 'M') GROUP BY 1, 2, 3, 5, 6`.execute(db);
        await sql`INSERT INTO exec_steps (day, agency_id, service_id, district, channel, step_name, n, used_ms, late)
          SELECT ${d}, agency_id, service_id, ${district}, ${c}, step_name, sum(n), sum(used_ms), sum(late) FROM exec_steps WHERE district NOT IN ('*', 'M') GROUP BY 1, 2, 3, 5, 6`.execute(db);
      }
    }
    await sql`INSERT INTO exec_open (agency_id, service_id, district, channel, state, due_on, activity_on, n)
      SELECT agency_id, service_id, district, channel, state, due_on, activity_on, count(*) FROM exec_case_facts WHERE state IN ('unclaimed', 'in_process', 'with_applicant') GROUP BY 1, 2, 3, 4, 5, 6, 7`.execute(db);
    await sql`INSERT INTO exec_revenue (day, agency_id, service_id, billed, paid, outstanding)
      SELECT day, agency_id, service_id, sum(billed), sum(paid), sum(outstanding) FROM (
        SELECT submitted_on AS day, agency_id, service_id, 150000 AS billed, 0 AS paid, CASE WHEN state <> 'done' THEN 150000 ELSE 0 END AS outstanding FROM exec_case_facts WHERE hashtext(application_id::text) % 10 IN (0, 1, 2)
        UNION ALL
        SELECT decided_on, agency_id, service_id, 0, 150000, 0 FROM exec_case_facts WHERE decided_on IS NOT NULL AND hashtext(application_id::text) % 10 IN (0, 1, 2)) x
      GROUP BY 1, 2, 3`.execute(db);
    const rebuildMs = performance.now() - r0;
    await sql`ANALYZE`.execute(db);
    const sizes = await sql<{ t: string; n: number }>`SELECT relname AS t, n_live_tup AS n FROM pg_stat_user_tables WHERE relname LIKE 'exec_%' ORDER BY relname`.execute(db);
    console.log(`\nExecutive dashboards (PostgreSQL): ${ROWS.toLocaleString('en')} applications' facts loaded in ${(seedMs / 1000).toFixed(1)} s; summaries rebuilt from them (set-based SQL) in ${(rebuildMs / 1000).toFixed(1)} s`);
    console.log(`rows: ${sizes.rows.map((r) => `${r.t} ${Number(r.n).toLocaleString('en')}`).join(', ')}`);

    if (process.env.BENCH_EXEC_SEED_ONLY) return;
    const ex = built.deps.executive;
    const now = new Date('2026-12-15T03:00:00Z');
    const one = agencies[7]!.id;
    const rows: string[][] = [];
    const run = async (label: string, op: () => Promise<unknown>) => {
      const r = await time(op);
      rows.push([label, ms(r.p50), ms(r.p95), ms(r.max)]);
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
    table(['query / page', 'p50', 'p95', 'max'], rows);
    await built.close();
  } finally {
    await database.close();
    if (process.env.BENCH_EXEC_KEEP) console.log(`kept database ${name} (BENCH_EXEC_KEEP)`);
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
