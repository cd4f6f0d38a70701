// A PostgreSQL server of the test's own (initdb + pg_ctl in a temporary folder, trust
// authentication, a free port on 127.0.0.1), for tests that stop, restart or terminate the
// server — never the machine's shared server. Run as root, the server runs as the `postgres`
// system user (PostgreSQL refuses to run as root).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export const PG_BIN = process.env.SIMPUL_PG_BIN ?? '/usr/lib/postgresql/15/bin';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function postgresUser(): { uid: number; gid: number } | null {
  try {
    const line = fs
      .readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('postgres:'));
    if (!line) return null;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

/** Whether this machine can start a cluster of its own (the binaries, and a non-root user to run them). */
export function pgClusterAvailable(): boolean {
  return fs.existsSync(path.join(PG_BIN, 'initdb')) && fs.existsSync(path.join(PG_BIN, 'pg_ctl')) && (!isRoot || postgresUser() !== null);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface PgCluster {
  readonly port: number;
  /** Connection URL of `database` (default `postgres`) as the superuser `postgres`. */
  url(database?: string): string;
  start(): Promise<void>;
  /** Fast shutdown: open connections are terminated (57P01). */
  stop(): Promise<void>;
  /** `pg_ctl restart -m fast`. */
  restart(): Promise<void>;
  /** Terminates every backend connected to `database` except the caller's; returns how many. */
  terminateConnections(database: string): Promise<number>;
  /** Stops the server (if running) and removes its folder. */
  destroy(): Promise<void>;
}

export async function startPgCluster(): Promise<PgCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-pg-'));
  const data = path.join(dir, 'data');
  const owner = isRoot ? postgresUser() : null;
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const bin = (name: string, args: string[]) =>
    owner ? run('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, name), ...args], { cwd: dir }) : run(path.join(PG_BIN, name), args, { cwd: dir });
  const port = await freePort();
  await bin('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const options = [`-p ${port}`, '-c listen_addresses=127.0.0.1', `-c unix_socket_directories=${dir}`, '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=40'].join(' ');
  const ctl = (args: string[]) => bin('pg_ctl', ['-D', data, '-w', '-t', '60', ...args]);
  let running = false;
  const cluster: PgCluster = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await ctl(['-o', options, '-l', path.join(dir, 'server.log'), 'start']);
      running = true;
    },
    async stop() {
      await ctl(['-m', 'fast', 'stop']);
      running = false;
    },
    async restart() {
      await ctl(['-m', 'fast', '-o', options, '-l', path.join(dir, 'server.log'), 'restart']);
      running = true;
    },
    async terminateConnections(database) {
      const c = new pg.Client({ connectionString: cluster.url() });
      await c.connect();
      try {
        const res = await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
        return res.rowCount ?? 0;
      } finally {
        await c.end();
      }
    },
    async destroy() {
      if (running) await ctl(['-m', 'immediate', 'stop']).catch(() => {});
      running = false;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await cluster.start();
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return cluster;
}
