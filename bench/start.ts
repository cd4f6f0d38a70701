// Start time and idle memory of the production build against the TypeScript sources, on both
// engines, alternating A B A B so machine load weighs on both alike:
//   A "npm start (tsx)": `npx tsx src/main.ts start`, the process tree `npm start` had before
//     the build existed (npm → tsx CLI → node with the tsx loader);
//   B "node dist": `node dist/src/main.js start`, what `simpul start` runs after `npm run build`.
// Warm start = spawn to the first 200 from /health on a migrated database (a first start
// before the rounds migrates it). Idle RSS = after /health, 3 s of quiet: the Simpul process
// itself and the whole process tree (npm and tsx parents included).
// Run: `npm run build && npx tsx bench/start.ts` (BENCH_START_ROUNDS, BENCH_ENGINES=pglite,postgres).
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminQuery, pgAdminUrl, postgresReachable, table } from './lib.ts';

const root = path.resolve(import.meta.dirname, '..');
const rounds = Number(process.env.BENCH_START_ROUNDS ?? 2);
const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
const built = path.join(root, 'dist', 'src', 'main.js');

type Variant = 'A npm start (tsx)' | 'B node dist';
const command: Record<Variant, [string, string[]]> = {
  'A npm start (tsx)': ['npx', ['tsx', 'src/main.ts', 'start']],
  'B node dist': [process.execPath, [built, 'start']],
};

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** pid and every descendant. */
function tree(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const [c, p] of parent) if (p === out[i]) out.push(c);
  return out;
}

/** The Simpul process: the deepest node process of the tree (the one listening). */
function serverPid(pids: number[]): number {
  const nodes = pids.filter((p) => {
    try {
      return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('start');
    } catch {
      return false;
    }
  });
  return nodes[nodes.length - 1] ?? pids[0]!;
}

async function once(variant: Variant, env: Record<string, string>, port: number): Promise<{ ms: number; rss: number; treeRss: number }> {
  const [cmd, args] = command[variant];
  const started = performance.now();
  const child: ChildProcess = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore', detached: true });
  let ms = NaN;
  for (let i = 0; i < 2400; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) {
        ms = performance.now() - started;
        break;
      }
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  await new Promise((r) => setTimeout(r, 3_000));
  const pids = tree(child.pid!);
  const rss = rssOf(serverPid(pids));
  const treeRss = pids.reduce((s, p) => s + rssOf(p), 0);
  process.kill(-child.pid!, 'SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await new Promise((r) => setTimeout(r, 500));
  return { ms, rss, treeRss };
}

const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;

async function main() {
  if (!fs.existsSync(built)) throw new Error('Run `npm run build` first.');
  const base = { NODE_ENV: 'test', LOG_LEVEL: 'warn', SESSION_SECRET: 'bench-session-secret-0123456789-abcdef', ENCRYPTION_KEY: 'bench-encryption-key-0123456789-abcdef' };
  const rows: string[][] = [];
  for (const engine of engines) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-start-'));
    let env: Record<string, string> = { ...base, DATA_DIR: dataDir };
    let dbName: string | null = null;
    if (engine === 'postgres') {
      if (!(await postgresReachable())) continue;
      dbName = `simpul_bench_start_${crypto.randomBytes(4).toString('hex')}`;
      await adminQuery(`CREATE DATABASE ${dbName}`);
      const u = new URL(pgAdminUrl);
      u.pathname = `/${dbName}`;
      env = { ...env, DATABASE_URL: u.toString() };
    }
    const port = 3400 + Math.floor(Math.random() * 500);
    await once('B node dist', env, port); // first start: migrations
    const results: Record<Variant, { ms: number; rss: number; treeRss: number }[]> = { 'A npm start (tsx)': [], 'B node dist': [] };
    for (let r = 0; r < rounds; r++) {
      for (const v of ['A npm start (tsx)', 'B node dist'] as Variant[]) results[v].push(await once(v, env, port));
    }
    for (const v of Object.keys(results) as Variant[]) {
      const xs = results[v];
      rows.push([engine, v, xs.map((x) => `${(x.ms / 1000).toFixed(2)} s`).join(' / '), xs.map((x) => mb(x.rss)).join(' / '), xs.map((x) => mb(x.treeRss)).join(' / ')]);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (dbName) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
  console.log(`\nWarm start to /health and idle RSS, ${rounds} rounds A B A B (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`);
  table(['engine', 'start', 'warm start (each round)', 'idle RSS, Simpul process', 'idle RSS, process tree'], rows);
}

await main();
