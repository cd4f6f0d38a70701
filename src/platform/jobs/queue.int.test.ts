// The durable job queue on both engines (S-2: continuity of citizen-facing services — mail and
// later notifications must neither be lost nor sent twice). On PostgreSQL two JobQueue
// instances with separate connection pools play two Simpul nodes on one database; on PGlite
// two queues share the one embedded instance.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { engine, openTwoHandles } from '../../../test/database.ts';
import type { Database } from '../db/database.ts';
import { createLogger } from '../log.ts';
import { createMetrics } from '../metrics.ts';
import { z } from 'zod';
import { backoffSeconds, defineJob, JobQueue, PermanentJobError, slotKey } from './queue.ts';

const log = createLogger({ logLevel: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A job kind that takes any object (the queue's own behaviour does not depend on the payload). */
const kind = (name: string) => defineJob(name, z.looseObject({}));

let nodes: Awaited<ReturnType<typeof openTwoHandles>>;
let db: Database['db'];

beforeAll(async () => {
  nodes = await openTwoHandles();
  db = nodes.a.db;
});
afterAll(async () => nodes?.close());
beforeEach(async () => {
  await db.deleteFrom('jobs').execute();
});

async function job(id: number) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Seconds from the database's now() to the job's run_at. */
async function dueIn(id: number): Promise<number> {
  const r = await sql<{ s: string | number }>`select extract(epoch from run_at - now()) as s from jobs where id = ${id}`.execute(db);
  return Number(r.rows[0]!.s);
}

async function makeDue(id: number) {
  await db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
}

describe(`job queue (${engine})`, () => {
  it('[S-2] a job enqueued in a transaction that rolls back never exists; a committed one does', async () => {
    const q = new JobQueue(nodes.a, log);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('outbound_messages').values({ channel: 'email', recipient: 'x@contoh.id', subject: 's', body_text: 'b' }).execute();
        await q.enqueue(trx, kind('mail.deliver'), { messageId: 'm-1' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.selectFrom('jobs').selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom('outbound_messages').selectAll().where('recipient', '=', 'x@contoh.id').execute()).toHaveLength(0);

    const id = await db.transaction().execute((trx) => q.enqueue(trx, kind('mail.deliver'), { messageId: 'm-2' }));
    expect(id).toBeTypeOf('number');
    const row = await job(id!);
    expect(row).toMatchObject({ name: 'mail.deliver', status: 'queued', attempts: 0, max_attempts: 5 });
    expect(row.payload).toEqual({ messageId: 'm-2' });
  });

  it('[S-2] a dedupe key yields one job, even when two nodes enqueue it at once', async () => {
    const qa = new JobQueue(nodes.a, log);
    const qb = new JobQueue(nodes.b, log);
    const first = await qa.enqueue(db, kind('reminder'), { doc: 7 }, { dedupeKey: 'reminder:7:30' });
    const again = await qb.enqueue(nodes.b.db, kind('reminder'), { doc: 7 }, { dedupeKey: 'reminder:7:30' });
    expect(first).toBeTypeOf('number');
    expect(again).toBeNull();
    const racing = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? qa : qb).enqueue(i % 2 ? db : nodes.b.db, kind('reminder'), { doc: 8 }, { dedupeKey: 'reminder:8:30' })),
    );
    expect(racing.filter((r) => r !== null)).toHaveLength(1);
    const rows = await db.selectFrom('jobs').select(['dedupe_key']).execute();
    expect(rows.map((r) => r.dedupe_key).sort()).toEqual(['reminder:7:30', 'reminder:8:30']);
    // A key used in a transaction that rolled back is not spent.
    await db
      .transaction()
      .execute(async (trx) => {
        await qa.enqueue(trx, kind('reminder'), {}, { dedupeKey: 'reminder:9:30' });
        throw new Error('rollback');
      })
      .catch(() => {});
    expect(await qa.enqueue(db, kind('reminder'), {}, { dedupeKey: 'reminder:9:30' })).toBeTypeOf('number');
  });

  it('[S-2] a failing job is retried with growing back-off, then is dead and can be run again', async () => {
    const metrics = createMetrics();
    const q = new JobQueue(nodes.a, log, { metrics });
    let calls = 0;
    let fail = true;
    q.register(kind('flaky'), async () => {
      calls++;
      if (fail) throw new Error(`SMTP 550 for budi@contoh.id (attempt ${calls})`);
    });
    const id = (await q.enqueue(db, kind('flaky'), { id: 1 }, { maxAttempts: 3 }))!;

    expect(await q.runDue()).toBe(1);
    let row = await job(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, locked_by: null, finished_at: null });
    expect(row.last_error).toBe('SMTP 550 for [email] (attempt 1)'); // no address kept in the queue
    expect(await dueIn(id)).toBeGreaterThan(backoffSeconds(1) - 2);
    expect(await dueIn(id)).toBeLessThanOrEqual(backoffSeconds(1));
    expect(await q.runDue()).toBe(0); // not due yet

    await makeDue(id);
    expect(await q.runDue()).toBe(1);
    row = await job(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(await dueIn(id)).toBeGreaterThan(backoffSeconds(2) - 2);
    expect(backoffSeconds(2)).toBeGreaterThan(backoffSeconds(1));

    await makeDue(id);
    expect(await q.runDue()).toBe(1);
    row = await job(id);
    expect(row).toMatchObject({ status: 'dead', attempts: 3 });
    expect(row.finished_at).toBeInstanceOf(Date);
    await makeDue(id);
    expect(await q.runDue()).toBe(0); // dead jobs stay put
    expect(calls).toBe(3);

    const counted = await metrics.registry.getSingleMetricAsString('simpul_jobs_processed_total');
    expect(counted).toContain('simpul_jobs_processed_total{name="flaky",outcome="failed"} 2');
    expect(counted).toContain('simpul_jobs_processed_total{name="flaky",outcome="dead"} 1');

    // A super admin runs it again once the cause is fixed.
    fail = false;
    expect(await q.retry(db, id)).toBe(true);
    expect(await job(id)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await q.runDue()).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 1, last_error: null });
    expect(await q.retry(db, id)).toBe(false); // only dead or failed jobs
  });

  it('[S-2] a permanent failure makes the job dead at once', async () => {
    const q = new JobQueue(nodes.a, log);
    q.register(kind('hopeless'), async () => {
      throw new PermanentJobError('mailbox does not exist');
    });
    const id = (await q.enqueue(db, kind('hopeless'), {}, { maxAttempts: 8 }))!;
    expect(await q.runDue()).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'dead', attempts: 1, last_error: 'mailbox does not exist' });
  });

  it('[S-2] a job whose node died (lease expired) is claimed again; past its last attempt it is dead', async () => {
    const q = new JobQueue(nodes.b, log);
    const ran: number[] = [];
    q.register(kind('work'), async (_p, ctx) => void ran.push(ctx.jobId));
    const orphan = (await q.enqueue(db, kind('work'), {}))!;
    const held = (await q.enqueue(db, kind('work'), {}))!;
    const exhausted = (await q.enqueue(db, kind('work'), {}, { maxAttempts: 2 }))!;
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 60_000);
    await db.updateTable('jobs').set({ status: 'running', attempts: 1, locked_by: 'dead-node', locked_until: past }).where('id', '=', orphan).execute();
    await db.updateTable('jobs').set({ status: 'running', attempts: 1, locked_by: 'live-node', locked_until: future }).where('id', '=', held).execute();
    await db.updateTable('jobs').set({ status: 'running', attempts: 2, locked_by: 'dead-node', locked_until: past }).where('id', '=', exhausted).execute();

    expect(await q.runDue()).toBe(2);
    expect(ran).toEqual([orphan]);
    expect(await job(orphan)).toMatchObject({ status: 'done', attempts: 2, locked_by: null });
    expect(await job(held)).toMatchObject({ status: 'running', locked_by: 'live-node' }); // lease still valid
    expect(await job(exhausted)).toMatchObject({ status: 'dead', attempts: 3, last_error: 'lease expired during the last attempt' });
  });

  it('[S-2] a node that lost its lease cannot overwrite the outcome written by the node that took over', async () => {
    const qa = new JobQueue(nodes.a, log, { leaseSeconds: 60 });
    const qb = new JobQueue(nodes.b, log, { leaseSeconds: 60 });
    let releaseA!: () => void;
    const aBlocked = new Promise<void>((r) => (releaseA = r));
    let aStarted!: () => void;
    const aRunning = new Promise<void>((r) => (aStarted = r));
    qa.register(kind('slow'), async () => {
      aStarted();
      await aBlocked;
      throw new Error('node A finally failed');
    });
    qb.register(kind('slow'), async () => {});
    const id = (await qa.enqueue(db, kind('slow'), {}))!;
    const runA = qa.runDue();
    await aRunning;
    // Node A stalls past its lease (simulated), node B takes the job over and finishes it.
    await db.updateTable('jobs').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    expect(await qb.runDue()).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2 });
    releaseA();
    await runA;
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2, last_error: null });
  });

  it('[S-2] never runs a job twice, nor two at once, when two nodes race over 50 jobs', async () => {
    const executions = new Map<number, number>();
    const running = new Set<number>();
    let overlaps = 0;
    const handler = async (_p: unknown, ctx: { jobId: number }) => {
      if (running.has(ctx.jobId)) overlaps++;
      running.add(ctx.jobId);
      executions.set(ctx.jobId, (executions.get(ctx.jobId) ?? 0) + 1);
      await sleep(Math.random() * 4);
      running.delete(ctx.jobId);
    };
    const qa = new JobQueue(nodes.a, log, { batchSize: 3 });
    const qb = new JobQueue(nodes.b, log, { batchSize: 3 });
    qa.register(kind('race'), handler);
    qb.register(kind('race'), handler);
    const ids: number[] = [];
    for (let i = 0; i < 50; i++) ids.push((await qa.enqueue(db, kind('race'), { n: i }))!);

    // Each node runs several workers at once, as `start()` on many nodes would.
    const counts = await Promise.all([qa.runDue(), qb.runDue(), qa.runDue(), qb.runDue()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(50);
    if (engine === 'postgres') expect(counts[0]! + counts[2]!).toBeGreaterThan(0); // both nodes took part
    if (engine === 'postgres') expect(counts[1]! + counts[3]!).toBeGreaterThan(0);
    expect(overlaps).toBe(0);
    expect([...executions.keys()].sort((a, b) => a - b)).toEqual(ids);
    expect([...executions.values()].every((n) => n === 1)).toBe(true);
    const rows = await db.selectFrom('jobs').select(['status', 'attempts']).where('name', '=', 'race').execute();
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });

  it('[S-2] a job that outlives its lease keeps it while the node is alive (heartbeat)', async () => {
    const qa = new JobQueue(nodes.a, log, { leaseSeconds: 1 });
    const qb = new JobQueue(nodes.b, log, { leaseSeconds: 1 });
    let runs = 0;
    qa.register(kind('long'), async () => {
      runs++;
      await sleep(2600);
    });
    qb.register(kind('long'), async () => {
      runs++;
    });
    const id = (await qa.enqueue(db, kind('long'), {}))!;
    const runA = qa.runDue();
    await sleep(200);
    const stolen: number[] = [];
    for (let i = 0; i < 5; i++) {
      await sleep(400);
      stolen.push(await qb.runDue());
    }
    await runA;
    expect(stolen.every((n) => n === 0)).toBe(true);
    expect(runs).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('[S-2] survives a restart: jobs enqueued before are run by a new queue', async () => {
    const before = new JobQueue(nodes.a, log);
    before.start(); // a worker with no handlers claims nothing
    for (let i = 0; i < 3; i++) await before.enqueue(db, kind('after-restart'), { n: i });
    await sleep(50);
    await before.stop();
    expect((await db.selectFrom('jobs').select('status').execute()).every((r) => r.status === 'queued')).toBe(true);

    const after = new JobQueue(nodes.b, log, { pollMs: 20 });
    const seen: unknown[] = [];
    after.register(kind('after-restart'), async (p) => void seen.push(p.n));
    after.start();
    for (let i = 0; i < 100 && seen.length < 3; i++) await sleep(20);
    await after.stop();
    expect(seen.sort()).toEqual([0, 1, 2]);
  });

  it('[S-2] job payloads are typed: a wrong payload neither compiles nor enqueues, and an old row that no longer fits fails at once with the reasons', async () => {
    const q = new JobQueue(nodes.a, log);
    const issue = defineJob('typed.issue', z.object({ applicationId: z.guid(), copies: z.number().int().min(1).default(1) }));
    const seen: { applicationId: string; copies: number }[] = [];
    q.register(issue, async (p) => void seen.push(p));
    const applicationId = '7b0c9d3e-1f2a-4b5c-8d6e-0f1a2b3c4d5e';
    const good = (await q.enqueue(db, issue, { applicationId }))!;
    // @ts-expect-error a job is named by its definition, never by a bare string
    await expect(q.enqueue(db, 'typed.issue', { applicationId })).rejects.toThrow();
    // @ts-expect-error a field of the wrong type
    await expect(q.enqueue(db, issue, { applicationId: 42 })).rejects.toThrow('Invalid payload for job typed.issue: applicationId:');
    // @ts-expect-error a required field missing
    await expect(q.enqueue(db, issue, { copies: 2 })).rejects.toThrow(/applicationId/);
    // @ts-expect-error a handler that expects another payload
    q.register(defineJob('typed.other', z.object({ n: z.number() })), async (p: { s: string }) => void p);
    // A row written by an older version (or by hand) whose payload no longer fits the schema.
    const old = (
      await db
        .insertInto('jobs')
        .values({ name: 'typed.issue', payload: JSON.stringify({ application: 'A-1' }), run_at: new Date(Date.now() - 1000) })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    expect(await q.runDue()).toBe(2);
    expect(seen).toEqual([{ applicationId, copies: 1 }]); // the default applied, the bad row never reached the handler
    expect(await job(good)).toMatchObject({ status: 'done' });
    const dead = await job(old);
    expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
    expect(dead.last_error).toContain('invalid payload for job typed.issue: applicationId:');
    expect(await db.selectFrom('jobs').select('id').where('name', '=', 'typed.issue').execute()).toHaveLength(2); // nothing else enqueued
  });

  it('[S-2] a node claims only the jobs it has a handler for', async () => {
    const q = new JobQueue(nodes.a, log);
    q.register(kind('known'), async () => {});
    const unknown = (await q.enqueue(db, kind('from-a-newer-version'), {}))!;
    await q.enqueue(db, kind('known'), {});
    expect(await q.runDue()).toBe(1);
    expect(await job(unknown)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('[S-2] a recurring job is created once per time slot however many nodes schedule it', async () => {
    const qa = new JobQueue(nodes.a, log);
    const qb = new JobQueue(nodes.b, log);
    const slots: unknown[] = [];
    for (const q of [qa, qb]) {
      q.schedule(kind('sla.check'), 300, { scope: 'all' });
      q.register(kind('sla.check'), async (p) => void slots.push(p.slot));
    }
    const t0 = new Date(Math.floor(Date.now() / 300_000) * 300_000 - 600_000 + 5_000); // two slots ago
    const created = await Promise.all([qa.enqueueScheduled(t0), qb.enqueueScheduled(t0), qa.enqueueScheduled(new Date(t0.getTime() + 200_000))]);
    expect(created.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await qb.enqueueScheduled(new Date(t0.getTime() + 300_000))).toBe(1); // next slot
    expect(await qa.runDue()).toBe(2);
    expect(slots).toEqual([slotKey('sla.check', 300, t0).slotStart.toISOString(), slotKey('sla.check', 300, new Date(t0.getTime() + 300_000)).slotStart.toISOString()]);
    const rows = await db.selectFrom('jobs').select(['dedupe_key', 'payload']).orderBy('id').execute();
    expect(rows[0]!.payload).toMatchObject({ scope: 'all' });

    // Done slots older than a week are removed, and done one-off jobs without a key older than
    // 30 days; recent ones, failed ones and keyed one-off jobs (their key guards once-only work) are kept.
    await db.updateTable('jobs').set({ finished_at: new Date(Date.now() - 8 * 86400_000) }).where('dedupe_key', '=', rows[0]!.dedupe_key).execute();
    const other = (await qa.enqueue(db, kind('other'), {}, { dedupeKey: 'keep:me' }))!;
    await db.updateTable('jobs').set({ status: 'done', finished_at: new Date(Date.now() - 30 * 86400_000) }).where('id', '=', other).execute();
    const oldMail = (await qa.enqueue(db, kind('mail.send'), {}))!;
    const recentMail = (await qa.enqueue(db, kind('mail.send'), {}))!;
    const deadMail = (await qa.enqueue(db, kind('mail.send'), {}))!;
    await db.updateTable('jobs').set({ status: 'done', finished_at: new Date(Date.now() - 31 * 86400_000) }).where('id', '=', oldMail).execute();
    await db.updateTable('jobs').set({ status: 'done', finished_at: new Date(Date.now() - 29 * 86400_000) }).where('id', '=', recentMail).execute();
    await db.updateTable('jobs').set({ status: 'dead', finished_at: new Date(Date.now() - 90 * 86400_000) }).where('id', '=', deadMail).execute();
    const fresh = new JobQueue(nodes.a, log);
    fresh.schedule(kind('sla.check'), 300);
    await fresh.enqueueScheduled(new Date(t0.getTime() + 300_000));
    const left = await db.selectFrom('jobs').select(['id', 'dedupe_key']).orderBy('id').execute();
    expect(left.map((r) => r.dedupe_key)).toEqual([rows[1]!.dedupe_key, 'keep:me', null, null]);
    expect(left.slice(2).map((r) => r.id)).toEqual([recentMail, deadMail]);
    expect(() => qa.schedule(kind('bad'), 0)).toThrow();
  });
});
