// A PostgreSQL restart, stop and pg_terminate_backend under a running Simpul app, on a server
// the test starts for itself (test/pg-cluster.ts; never the shared one). Requests during the
// outage answer 503 (never 500), the process stays up, service resumes by itself within
// seconds, and a job queued before the outage runs exactly once. PostgreSQL only.
import pg from 'pg';
import { sql } from 'kysely';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../src/app.ts';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { isDatabaseUnavailable } from '../src/platform/db/availability.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { defineJob } from '../src/platform/jobs/queue.ts';
import { createLogger } from '../src/platform/log.ts';
import { engine, testConfig } from './harness.ts';
import { pgClusterAvailable, startPgCluster, type PgCluster } from './pg-cluster.ts';

const probeJob = defineJob('ops.probe', z.object({ n: z.number() }));
const slowJob = defineJob('ops.slow', z.object({ n: z.number() }));
/** Calls of the slow job's handler, and how many finished. */
const slow = { calls: 0, finished: 0 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: PgCluster;
let database: Database;
let built: BuiltApp;
const runs: number[] = [];

/** Polls until `fn` is true; returns the milliseconds it took. */
async function until(fn: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await fn().catch(() => false)) return Date.now() - started;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const api = () => built.app.inject({ url: '/api/v1/services', headers: { accept: 'application/json' } });
const page = () => built.app.inject({ url: '/layanan', headers: { accept: 'text/html' } });

/** Fires requests back to back until stopped; collects their status codes. */
function load() {
  const statuses: number[] = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      const res = await Promise.all([api(), page()]);
      for (const r of res) statuses.push(r.statusCode);
      await sleep(20);
    }
  })();
  return {
    statuses,
    async stop() {
      on = false;
      await loop;
    },
  };
}

/** Several requests at once, so the pool holds several (then idle) connections. */
async function warmPool() {
  const res = await Promise.all(Array.from({ length: 6 }, () => api()));
  for (const r of res) expect(r.statusCode).toBe(200);
}

describe.skipIf(engine !== 'postgres' || !pgClusterAvailable())('database outage (postgres)', () => {
  beforeAll(async () => {
    cluster = await startPgCluster();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE simpul');
    await admin.end();
    database = await openDatabase({ databaseUrl: cluster.url('simpul'), poolSize: 5, connectionTimeoutMs: 2000 });
    await migrate(database);
    const config = testConfig({ jobPollMs: 100 });
    built = await buildApp(config, database, { logger: createLogger(config) });
    built.deps.jobs.register(probeJob, async (p) => void runs.push(p.n));
    // The first call holds its transaction open long enough for its connection to be terminated.
    built.deps.jobs.register(slowJob, async (_p, ctx) => {
      const call = ++slow.calls;
      await ctx.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        if (call === 1) await sleep(2000);
        await sql`select 1`.execute(trx);
      });
      slow.finished++;
    });
    await built.app.ready();
    await database.db
      .insertInto('regions')
      .values({ name: 'Provinsi Uji', level: 'province', kode_wilayah: '53', timezone: 'Asia/Makassar', domain: 'uji.go.id' })
      .execute();
    built.deps.jobs.start();
  }, 120_000);

  afterAll(async () => {
    await built?.close();
    await database?.close();
    await cluster?.destroy();
  });

  it('[S-5][S-4] a restart and a stop of PostgreSQL under load give 503s, never 500s; service and the job worker resume by themselves; a job queued before runs exactly once', async () => {
    await warmPool();
    expect((await page()).statusCode).toBe(200);

    // 1. pg_ctl restart -m fast while requests run.
    const during = load();
    await sleep(300);
    await cluster.restart();
    const resumedAfterRestart = await until(async () => (await api()).statusCode === 200, 15_000, 'service after the restart');
    await sleep(300);
    await during.stop();
    expect(resumedAfterRestart).toBeLessThan(15_000);

    // 2. A job due in a moment, then the server stops: it becomes due during the outage.
    await built.deps.jobs.enqueue(database.db, probeJob, { n: 1 }, { runAt: new Date(Date.now() + 1500) });
    const outage = load();
    await sleep(200);
    await cluster.stop();
    await sleep(2000);
    const [a, p, health, ready] = await Promise.all([api(), page(), built.app.inject('/health'), built.app.inject('/ready')]);
    expect(a.statusCode).toBe(503);
    expect(a.headers['retry-after']).toBe('5');
    expect(a.json()).toMatchObject({ error: { code: 'database_unavailable' } });
    expect(p.statusCode).toBe(503);
    expect(p.headers['content-type']).toContain('text/html');
    expect(p.body).toContain('Layanan sedang tidak tersedia');
    expect(health.statusCode).toBe(200); // the process is alive
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'unavailable', checks: { database: { ok: false } } });
    expect(runs).toEqual([]); // the worker could not run it while the server was down

    await cluster.start();
    const resumed = await until(async () => (await api()).statusCode === 200, 15_000, 'service after the start');
    expect(resumed).toBeLessThan(15_000);
    await until(async () => (await built.app.inject('/ready')).statusCode === 200, 15_000, '/ready after the start');
    await outage.stop();

    // The worker came back by itself and ran the job once.
    await until(async () => runs.length > 0, 15_000, 'the queued job');
    await sleep(1000);
    expect(runs).toEqual([1]);
    const job = await database.db.selectFrom('jobs').select(['status', 'attempts']).where('name', '=', probeJob.name).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', attempts: 1 });

    // Every answer was 200 or 503: no 500, no hang, and the outage was seen.
    const all = [...during.statuses, ...outage.statuses];
    expect(all.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(outage.statuses).toContain(503);
    expect(outage.statuses.at(-1)).toBe(200);
  });

  it('[S-5] pg_terminate_backend of every Simpul connection, idle or in a transaction, does not crash the process', async () => {
    await warmPool();
    const errorsBefore = await poolErrors();
    // One connection is in the middle of a transaction when it is terminated.
    const inTransaction = database.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await sleep(1500);
      await sql`select 1`.execute(trx);
    });
    const outcome = inTransaction.then(
      () => 'committed',
      (err: unknown) => (isDatabaseUnavailable(err) ? 'unavailable' : `other: ${(err as Error)?.message}`),
    );
    await sleep(300);
    expect(await cluster.terminateConnections('simpul')).toBeGreaterThan(0);
    expect(await outcome).toBe('unavailable');
    await sleep(300);
    expect(await poolErrors()).toBeGreaterThan(errorsBefore);
    // The next requests open new connections.
    await until(async () => (await api()).statusCode === 200, 10_000, 'service after the termination');
    expect((await page()).statusCode).toBe(200);
  });

  it('[S-5] a job whose connection is terminated mid-way goes back to the queue by itself and completes once, the interrupted attempt not counted', async () => {
    const id = await built.deps.jobs.enqueue(database.db, slowJob, { n: 1 });
    await until(async () => slow.calls === 1, 15_000, 'the slow job to start');
    await sleep(300);
    expect(await cluster.terminateConnections('simpul')).toBeGreaterThan(0);
    await until(async () => slow.finished === 1, 20_000, 'the slow job to finish');
    await until(
      async () => (await database.db.selectFrom('jobs').select('status').where('id', '=', id!).executeTakeFirstOrThrow()).status === 'done',
      10_000,
      'the slow job to be marked done',
    );
    const job = await database.db.selectFrom('jobs').select(['status', 'attempts', 'locked_by']).where('id', '=', id!).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', attempts: 1, locked_by: null });
    expect(slow).toEqual({ calls: 2, finished: 1 });
  });
});

async function poolErrors(): Promise<number> {
  const text = await built.deps.metrics.registry.getSingleMetricAsString('simpul_database_pool_errors_total');
  return Number(/simpul_database_pool_errors_total (\d+)/.exec(text)?.[1] ?? 0);
}
