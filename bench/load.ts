// `npm run bench:load` (and part of `npm run bench`): the launch-day load test (issue 16).
// Prints figures, never fails on time.
//
// For each engine, three server processes run side by side on the same demo data:
//   A  Simpul with the public page cache (the default, PUBLIC_CACHE_SECONDS=60);
//   B  Simpul without it (PUBLIC_CACHE_SECONDS=0: every page rendered from the database), or,
//      with BENCH_LOAD_BEFORE=<a checkout of an older Simpul with its node_modules>, that
//      older code on the same data (a before/after comparison);
//   R  the render baseline (bench/baseline-server.ts): a bare Fastify route rendering with
//      Preact a page the size of Simpul's home page, no database, no compression.
// autocannon drives each public route at BENCH_LOAD_CONNECTIONS (50) connections for
// BENCH_LOAD_DURATION (5) s, A B A B (BENCH_LOAD_ROUNDS, 2) so that the machine's load
// weighs on both alike, with R measured in every round; the table shows the mean of the
// rounds and the ratios to R. Clients ask for gzip/br as browsers do. The servers log at
// info (one line per request), as in production.
//
// Settings: BENCH_ENGINES (pglite,postgres), BENCH_PG_ADMIN_URL, the three above.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { adminQuery, freePort, pgAdminUrl, postgresReachable, sleep, startSimpul, stopServer, table, type Started } from './lib.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const duration = Number(process.env.BENCH_LOAD_DURATION ?? 5);
const connections = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_LOAD_ROUNDS ?? 2);
const before = process.env.BENCH_LOAD_BEFORE;
const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((s) => s.trim());

interface Run {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function hit(port: number, route: string): Promise<Run> {
  const url = `http://127.0.0.1:${port}${route}`;
  const headers = { accept: route.startsWith('/api/') ? 'application/json' : 'text/html', 'accept-encoding': 'gzip, deflate, br' };
  await autocannon({ url, connections, duration: 1, headers }); // warm-up, not counted
  const r = await autocannon({ url, connections, duration, headers });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function startBaseline(bytes: number): Promise<Started> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'baseline-server.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), BASELINE_BYTES: String(bytes) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => void (out.length < 5000 && (out += c.toString())));
  proc.stderr!.on('data', (c: Buffer) => void (out.length < 5000 && (out += c.toString())));
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`baseline exited:\n${out}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).status === 200) break;
    } catch {
      /* not yet */
    }
    if (performance.now() - t0 > 60_000) throw new Error(`baseline not ready:\n${out}`);
    await sleep(20);
  }
  return { proc, port, spawnToReadyMs: performance.now() - t0, inProcessMs: null, output: () => out };
}

interface Row {
  route: string;
  cached: Run[];
  uncached: Run[];
}

async function benchEngine(engine: string, data: { envA: Record<string, string>; envB: Record<string, string>; seed: () => Promise<void>; cleanup: () => Promise<void> }) {
  try {
    await data.seed();
    const a = await startSimpul({ ...data.envA, DEMO_SEED: 'false', PUBLIC_CACHE_SECONDS: '60' });
    const b = before ? await startSimpul({ ...data.envB, DEMO_SEED: 'false' }, undefined, before) : await startSimpul({ ...data.envB, DEMO_SEED: 'false', PUBLIC_CACHE_SECONDS: '0' });
    const idle = { a: rssMb(a.proc.pid), b: rssMb(b.proc.pid) };
    let r: Started | null = null;
    try {
      const home = await (await fetch(`http://127.0.0.1:${a.port}/`)).text();
      r = await startBaseline(Buffer.byteLength(home));
      const agencies = (await (await fetch(`http://127.0.0.1:${a.port}/api/v1/agencies`, { headers: { accept: 'application/json' } })).json()) as { items: { slug: string }[] };
      const services = (await (await fetch(`http://127.0.0.1:${a.port}/api/v1/services`, { headers: { accept: 'application/json' } })).json()) as { items: { slug: string }[] };
      const routes = ['/', '/layanan', `/layanan/${services.items[0]?.slug ?? 'x'}`, `/instansi/${agencies.items[0]?.slug ?? 'x'}`, '/cari?q=izin+usaha', '/api/v1/services', '/lacak'];
      const rows: Row[] = routes.map((route) => ({ route, cached: [], uncached: [] }));
      const baseline: Run[] = [];
      for (let round = 0; round < rounds; round++) {
        baseline.push(await hit(r.port, '/'));
        for (const row of rows) {
          process.stderr.write(`  ${engine} round ${round + 1}: ${row.route}\n`);
          // A B in even rounds, B A in odd ones.
          const order: ['cached' | 'uncached', Started][] = round % 2 === 0 ? [['cached', a], ['uncached', b]] : [['uncached', b], ['cached', a]];
          for (const [kind, server] of order) row[kind].push(await hit(server.port, row.route));
        }
      }
      const base = mean(baseline.map((x) => x.rps));
      return { engine, rows, base, baselineP99: mean(baseline.map((x) => x.p99)), homeBytes: Buffer.byteLength(home), idle, loaded: { a: rssMb(a.proc.pid), b: rssMb(b.proc.pid) } };
    } finally {
      if (r) await stopServer(r);
      await stopServer(a);
      await stopServer(b);
    }
  } finally {
    await data.cleanup();
  }
}

export async function benchLoad(): Promise<void> {
  const reports: Awaited<ReturnType<typeof benchEngine>>[] = [];
  if (engines.includes('pglite')) {
    process.stderr.write('Load test, PGlite …\n');
    const dirA = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-load-'));
    const dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-load-'));
    reports.push(
      await benchEngine('pglite', {
        envA: { DATA_DIR: dirA },
        envB: { DATA_DIR: dirB },
        seed: async () => {
          await stopServer(await startSimpul({ DATA_DIR: dirA, DEMO_SEED: 'true' }));
          if (before) return void (await stopServer(await startSimpul({ DATA_DIR: dirB, DEMO_SEED: 'true' }, undefined, before)));
          fs.rmSync(dirB, { recursive: true, force: true });
          fs.cpSync(dirA, dirB, { recursive: true }); // one PGlite folder per process
        },
        cleanup: async () => {
          fs.rmSync(dirA, { recursive: true, force: true });
          fs.rmSync(dirB, { recursive: true, force: true });
        },
      }),
    );
  }
  if (engines.includes('postgres')) {
    if (await postgresReachable()) {
      process.stderr.write('Load test, PostgreSQL …\n');
      const name = `simpul_load_${crypto.randomBytes(4).toString('hex')}`;
      // The older code gets its own database (its migrations); otherwise two nodes on one.
      const nameB = before ? `${name}_b` : name;
      const url = (db: string) => Object.assign(new URL(pgAdminUrl), { pathname: `/${db}` }).toString();
      await adminQuery(`CREATE DATABASE ${name}`);
      if (before) await adminQuery(`CREATE DATABASE ${nameB}`);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-load-'));
      const dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-load-'));
      const env = { DATABASE_URL: url(name), DATA_DIR: dir };
      const envB = { DATABASE_URL: url(nameB), DATA_DIR: dirB };
      reports.push(
        await benchEngine('postgres', {
          envA: env,
          envB,
          seed: async () => {
            await stopServer(await startSimpul({ ...env, DEMO_SEED: 'true' }));
            if (before) return void (await stopServer(await startSimpul({ ...envB, DEMO_SEED: 'true' }, undefined, before)));
            fs.rmSync(dirB, { recursive: true, force: true });
            fs.cpSync(dir, dirB, { recursive: true }); // same database, files copied
          },
          cleanup: async () => {
            if (before) await adminQuery(`DROP DATABASE IF EXISTS ${nameB} WITH (FORCE)`);
            await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            fs.rmSync(dir, { recursive: true, force: true });
            fs.rmSync(dirB, { recursive: true, force: true });
          },
        }),
      );
    } else console.log('Load test: PostgreSQL not reachable; skipped.\n');
  }
  console.log(`\nLoad test, B = ${before ? `the code in ${before}` : 'this code without the page cache'} (${connections} connections, ${duration} s per run, ${rounds} rounds A B / B A; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')})`);
  for (const rep of reports) {
    console.log(`\n${rep.engine}: render baseline ${rep.base.toFixed(0)} req/s (p99 ${rep.baselineP99.toFixed(0)} ms) for a ${(rep.homeBytes / 1024).toFixed(1)} KB page; RSS idle A ${rep.idle.a.toFixed(0)} MB, B ${rep.idle.b.toFixed(0)} MB; after the load A ${rep.loaded.a.toFixed(0)} MB, B ${rep.loaded.b.toFixed(0)} MB (tsx loader included)`);
    table(
      ['route', 'A cached req/s', 'p99 ms', 'B uncached req/s', 'p99 ms', 'A / baseline', 'B / baseline', 'A / B', 'errors, non-2xx'],
      rep.rows.map((row) => {
        const a = mean(row.cached.map((x) => x.rps));
        const b = mean(row.uncached.map((x) => x.rps));
        const bad = [...row.cached, ...row.uncached].reduce((n, x) => n + x.errors + x.non2xx, 0);
        return [
          row.route,
          a.toFixed(0),
          mean(row.cached.map((x) => x.p99)).toFixed(0),
          b.toFixed(0),
          mean(row.uncached.map((x) => x.p99)).toFixed(0),
          `${((a / rep.base) * 100).toFixed(0)} %`,
          `${((b / rep.base) * 100).toFixed(0)} %`,
          `${(a / b).toFixed(1)}×`,
          String(bad),
        ];
      }),
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchLoad().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
