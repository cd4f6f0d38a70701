// Helpers shared by the benches: the PostgreSQL admin connection and the printed tables.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where benches create and drop their temporary databases. */
export const pgAdminUrl = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** True when a PostgreSQL server answers at `pgAdminUrl` within 2 s. */
export async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: pgAdminUrl, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** Runs one statement (CREATE/DROP DATABASE …) on the admin connection. */
export async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: pgAdminUrl });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** Prints `rows` under `head`, the first column left-aligned, the others right-aligned. */
export function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

export interface Started {
  proc: ChildProcess;
  port: number;
  spawnToReadyMs: number;
  /** What Simpul itself logs: open + migrate + seed + build + listen. */
  inProcessMs: number | null;
  output: () => string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** How long a server may take to answer /health (BENCH_START_TIMEOUT_S, 180; a loaded machine seeding PGlite needs more). */
const startTimeoutMs = Number(process.env.BENCH_START_TIMEOUT_S ?? 180) * 1000;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `simpul start` (through tsx, from the sources) as its own process on a free port and
 * waits for /health. `env` overrides the defaults (development, LOG_LEVEL info); `command`
 * replaces the node arguments (e.g. the compiled build).
 */
export async function startSimpul(env: Record<string, string>, command: string[] = ['--import', 'tsx', 'src/main.ts', 'start'], cwd: string = root): Promise<Started> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(process.execPath, command, {
    cwd,
    env: { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', JOB_POLL_MS: '1000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let inProcessMs: number | null = null;
  // Keep only the start of the output (request logs are discarded; the pipe must drain).
  const keep = (chunk: Buffer) => {
    const s = chunk.toString();
    if (inProcessMs === null) {
      const m = /"readyMs":(\d+)/.exec(s);
      if (m) inProcessMs = Number(m[1]);
    }
    if (out.length < 20_000) out += s;
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let exited: number | null = null;
  proc.on('exit', (code) => (exited = code ?? -1));
  for (;;) {
    if (exited !== null) throw new Error(`simpul start exited with code ${exited}:\n${out.slice(-3000)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - t0 > startTimeoutMs) {
      proc.kill('SIGKILL');
      throw new Error(`simpul start not ready after ${startTimeoutMs / 1000} s:\n${out.slice(-3000)}`);
    }
    await sleep(20);
  }
  const spawnToReadyMs = performance.now() - t0;
  for (let i = 0; i < 50 && inProcessMs === null; i++) await sleep(10);
  return { proc, port, spawnToReadyMs, inProcessMs, output: () => out };
}

export async function stopServer(s: Started): Promise<void> {
  if (s.proc.exitCode !== null) return;
  const done = new Promise((r) => s.proc.once('exit', r));
  s.proc.kill('SIGTERM');
  const timer = setTimeout(() => s.proc.kill('SIGKILL'), 15_000);
  await done;
  clearTimeout(timer);
}
