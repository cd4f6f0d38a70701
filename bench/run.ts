// `npm run bench`: prints figures, never fails on time (not part of CI).
//
// For each engine (PGlite in a temporary DATA_DIR; PostgreSQL in a temporary database when a
// server answers at 127.0.0.1:5432) it starts `simpul start` as a separate process — the way
// it runs in production — and measures:
//  - start-to-ready: from spawning the process until /health answers 200, cold (empty
//    database: migrations and, when available, the demo seed) and warm (reopening it), with
//    the in-process figure Simpul logs (open + migrate + seed + build + listen);
//  - requests/s and p99 latency with autocannon (10 connections, 10 s per route) of the
//    public home page `/`, a service page, the search page and search API, the bare JSON
//    route `/api/v1/ping` and `/health` (no query),
//    all in the same run;
//  - the compressed weight of the home page and its stylesheet (budget: 100 KB).
//
// Settings: BENCH_DURATION (seconds per route, default 10), BENCH_CONNECTIONS (10),
// BENCH_LOG_LEVEL (the server's LOG_LEVEL, default info as in production),
// BENCH_PG_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_ENGINES
// (pglite,postgres), BENCH_APPLICATIONS=0 (skips the applications part, bench/applications.ts),
// BENCH_LOAD=0 (skips the load test with the render baseline, bench/load.ts),
// BENCH_PAYMENTS=0 (skips the payments part, bench/payments.ts), BENCH_UPLOADS=0 (skips the
// upload memory part, bench/uploads.ts), BENCH_INTEGRATION=0 (skips the integration hub part,
// bench/integration.ts), BENCH_EXECUTIVE=0 (skips the executive dashboards part,
// bench/executive.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import autocannon from 'autocannon';
import { adminQuery, pgAdminUrl, postgresReachable, table, startSimpul, stopServer, type Started } from './lib.ts';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((s) => s.trim());
const servicePage = '/layanan/izin-usaha-mikro-kecil';
const routes = ['/', servicePage, '/cari?q=perizinan+usaha', '/api/v1/search?q=perizinan+usaha', '/api/v1/ping', '/health'];

const startServer = (env: Record<string, string>) => startSimpul({ LOG_LEVEL: logLevel, ...env });

interface LoadResult {
  route: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(port: number, route: string): Promise<LoadResult> {
  const url = `http://127.0.0.1:${port}${route}`;
  // As browsers ask: compressed where the server compresses.
  const headers = { accept: route.startsWith('/api/') ? 'application/json' : 'text/html', 'accept-encoding': 'gzip, deflate, br' };
  await autocannon({ url, connections, duration: 1, headers }); // warm-up, not counted
  const r = await autocannon({ url, connections, duration, headers });
  return { route, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

interface EngineReport {
  engine: string;
  seeded: string;
  cold: Started;
  warm: Started;
  results: LoadResult[];
  weight: Awaited<ReturnType<typeof pageWeight>>;
}

/** Cold start (trying the demo seed first), warm restart, then load on the warm server. */
async function benchEngine(engine: string, envFor: () => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>): Promise<EngineReport> {
  let target = await envFor();
  let seeded = 'demo region';
  let cold: Started;
  try {
    cold = await startServer({ ...target.env, DEMO_SEED: 'true' });
  } catch (err) {
    const reason = (err as Error).message.split('\n').find((l) => /error|not implemented/i.test(l)) ?? (err as Error).message.split('\n')[0];
    seeded = `none (demo seed unavailable: ${reason?.trim().slice(0, 100)})`;
    await target.cleanup();
    target = await envFor(); // a fresh, empty database again
    cold = await startServer({ ...target.env, DEMO_SEED: 'false' });
  }
  try {
    await stopServer(cold);
    const warm = await startServer({ ...target.env, DEMO_SEED: 'false' });
    try {
      const weight = await pageWeight(warm.port);
      const results: LoadResult[] = [];
      for (const route of routes) {
        process.stderr.write(`  ${engine}: ${route} for ${duration} s …\n`);
        results.push(await load(warm.port, route));
      }
      return { engine, seeded, cold, warm, results, weight };
    } finally {
      await stopServer(warm);
    }
  } finally {
    await target.cleanup();
  }
}

async function pageWeight(port: number) {
  const size = (b: Buffer) => ({ raw: b.length, gzip: gzipSync(b).length, brotli: brotliCompressSync(b).length });
  const html = Buffer.from(await (await fetch(`http://127.0.0.1:${port}/`)).arrayBuffer());
  const service = Buffer.from(await (await fetch(`http://127.0.0.1:${port}${servicePage}`)).arrayBuffer());
  const css = Buffer.from(await (await fetch(`http://127.0.0.1:${port}/assets/simpul.css`)).arrayBuffer());
  return { html: size(html), service: size(service), css: size(css) };
}



const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const sec = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);

async function main() {
  const cpus = os.cpus();
  console.log(`Simpul benchmark — ${new Date().toISOString()}`);
  console.log(`Node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB; autocannon ${connections} connections, ${duration} s per route; server LOG_LEVEL=${logLevel}\n`);
  const reports: EngineReport[] = [];

  if (engines.includes('pglite')) {
    process.stderr.write('PGlite …\n');
    reports.push(
      await benchEngine('pglite', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-'));
        return { env: { DATA_DIR: dir }, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
      }),
    );
  }

  if (engines.includes('postgres')) {
    if (await postgresReachable()) {
      process.stderr.write('PostgreSQL …\n');
      reports.push(
        await benchEngine('postgres', async () => {
          const name = `simpul_bench_${crypto.randomBytes(4).toString('hex')}`;
          await adminQuery(`CREATE DATABASE ${name}`);
          const u = new URL(pgAdminUrl);
          u.pathname = `/${name}`;
          const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-'));
          return {
            env: { DATABASE_URL: u.toString(), DATA_DIR: dataDir },
            cleanup: async () => {
              await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
              fs.rmSync(dataDir, { recursive: true, force: true });
            },
          };
        }),
      );
    } else {
      console.log(`PostgreSQL: not reachable at ${pgAdminUrl.replace(/\/\/[^@]*@/, '//')}; skipped.\n`);
    }
  }

  console.log('Start-to-ready (process spawn until /health answers 200; in brackets: Simpul\'s own open + migrate + seed + build + listen)');
  table(
    ['engine', 'cold start', 'warm restart', 'demo data'],
    reports.map((r) => [
      r.engine,
      `${sec(r.cold.spawnToReadyMs)} (${sec(r.cold.inProcessMs)})`,
      `${sec(r.warm.spawnToReadyMs)} (${sec(r.warm.inProcessMs)})`,
      r.seeded,
    ]),
  );
  console.log('\nThroughput (same run, one route after another)');
  table(
    ['engine', 'route', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'],
    reports.flatMap((r) => r.results.map((x) => [r.engine, x.route, x.rps.toFixed(0), x.p50.toFixed(1), x.p99.toFixed(1), String(x.errors), String(x.non2xx)])),
  );
  const weight = reports[0]?.weight;
  if (weight) {
    const total = weight.html.gzip + weight.css.gzip;
    console.log(`\nPublic page weight, first visit of / (${reports[0]!.engine}, demo data: ${reports[0]!.seeded.startsWith('demo') ? 'yes' : 'no'}; budget 100 KB compressed)`);
    table(
      ['resource', 'raw', 'gzip', 'brotli'],
      [
        ['/', kb(weight.html.raw), kb(weight.html.gzip), kb(weight.html.brotli)],
        ['/assets/simpul.css', kb(weight.css.raw), kb(weight.css.gzip), kb(weight.css.brotli)],
        ['total', kb(weight.html.raw + weight.css.raw), kb(total), kb(weight.html.brotli + weight.css.brotli)],
        [servicePage, kb(weight.service.raw), kb(weight.service.gzip), kb(weight.service.brotli)],
        ['service page + css', kb(weight.service.raw + weight.css.raw), kb(weight.service.gzip + weight.css.gzip), kb(weight.service.brotli + weight.css.brotli)],
      ],
    );
    console.log(`${total <= 100 * 1024 ? 'within' : 'OVER'} the 100 KB budget (${((total / (100 * 1024)) * 100).toFixed(0)} %)`);
  }

  // Launch-day load test (bench/load.ts): public pages with and without the page cache and the
  // render baseline, 50 connections, A B A B. BENCH_LOAD=0 skips it.
  if (process.env.BENCH_LOAD !== '0') {
    process.stderr.write('Load test …\n');
    const { benchLoad } = await import('./load.ts');
    await benchLoad();
  }

  // Applications on PostgreSQL (bench/applications.ts): raw inserts vs submissions/s, and the
  // work queue over 1,000,000 seeded applications. BENCH_APPLICATIONS=0 skips it.
  if (engines.includes('postgres') && process.env.BENCH_APPLICATIONS !== '0') {
    process.stderr.write('Applications (PostgreSQL) …\n');
    const { benchApplications } = await import('./applications.ts');
    await benchApplications();
  }

  // Payments (bench/payments.ts): matchCredits and parseStatement on 100,000 lines, then the
  // reconciliation round trip on PostgreSQL. BENCH_PAYMENTS=0 skips it.
  if (process.env.BENCH_PAYMENTS !== '0') {
    process.stderr.write('Payments …\n');
    const { benchPayments } = await import('./payments.ts');
    await benchPayments();
  }

  // Uploads (bench/uploads.ts): memory of 4 concurrent 200 MB uploads. BENCH_UPLOADS=0 skips it.
  if (process.env.BENCH_UPLOADS !== '0') {
    process.stderr.write('Uploads …\n');
    const { benchUploads } = await import('./uploads.ts');
    await benchUploads();
  }

  // Integration hub (bench/integration.ts): client calls with the exchange log and its cost.
  // BENCH_INTEGRATION=0 skips it.
  if (process.env.BENCH_INTEGRATION !== '0') {
    process.stderr.write('Integration hub …\n');
    const { benchIntegration } = await import('./integration.ts');
    await benchIntegration();
  }

  // Executive dashboards on PostgreSQL (bench/executive.ts): 1,000,000 applications' facts, the
  // summaries rebuilt from them, p95 of the dashboard queries and pages. BENCH_EXECUTIVE=0 skips it.
  if (engines.includes('postgres') && process.env.BENCH_EXECUTIVE !== '0') {
    process.stderr.write('Executive dashboards (PostgreSQL) …\n');
    const { benchExecutive } = await import('./executive.ts');
    await benchExecutive();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
