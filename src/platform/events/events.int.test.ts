// Domain events on both engines: recorded with the transaction of the change and gone with its
// rollback; in-transaction subscribers atomic with the change; after-commit subscribers run
// once each — with two workers on two handles (two Simpul nodes), after a re-run of the same
// delivery, and after a failure that is retried. An event of a rolled-back transaction never
// reaches anyone. The subscribers write audit rows through the transaction they are given, so
// the test sees exactly which effects were committed.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { engine, openTwoHandles } from '../../../test/database.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Database, Executor } from '../db/database.ts';
import { JobQueue } from '../jobs/queue.ts';
import { createLogger } from '../log.ts';
import { defineEvents, deliveryJobName, EventBus, type Consumers, type Subscribers } from './events.ts';

const log = createLogger({ logLevel: 'silent' });

const catalog = defineEvents({
  'test.placed': { payload: z.object({ ref: z.string(), amount: z.number().int() }), description: 'Something was placed' },
  'test.closed': { payload: z.object({ ref: z.string() }), description: 'Something was closed' },
});
const consumers = {
  'test.placed': { ledger: 'in_transaction', mail: 'after_commit', stats: 'after_commit' },
  'test.closed': {},
} as const satisfies Consumers<typeof catalog>;

let nodes: Awaited<ReturnType<typeof openTwoHandles>>;
let db: Database['db'];
/** How often each subscriber was called, per event id (calls that rolled back count too). */
let calls: Map<string, number>;
let failMail: number;

const effect = (trx: Executor, who: string, eventId: number, ref: string) =>
  recordAudit(trx, { actor: null, label: 'test' }, { action: `test.${who}`, entityType: 'test_event', entityId: String(eventId), after: { ref } });

function subscribers(): Subscribers<typeof catalog, typeof consumers> {
  const count = (who: string, id: number) => calls.set(`${who}:${id}`, (calls.get(`${who}:${id}`) ?? 0) + 1);
  return {
    'test.placed': {
      ledger: async (trx, p, m) => {
        count('ledger', m.eventId);
        if (p.amount < 0) throw new Error('negative amount refused by the ledger');
        await effect(trx, 'ledger', m.eventId, p.ref);
      },
      mail: async (trx, p, m) => {
        count('mail', m.eventId);
        await effect(trx, 'mail', m.eventId, p.ref);
        if (failMail > 0) {
          failMail--;
          throw new Error('mail server down');
        }
      },
      stats: async (trx, p, m) => {
        count('stats', m.eventId);
        await effect(trx, 'stats', m.eventId, p.ref);
      },
    },
  };
}

/** A node: its own queue on its own handle, with the bus's delivery handlers. */
function node(database: Database) {
  const jobs = new JobQueue(database, log, { batchSize: 2 });
  const bus = new EventBus({ catalog, consumers, jobs, subscribers: subscribers() });
  return { jobs, bus };
}

/** The committed effects of the subscribers (and of the producer) for one reference, sorted. */
async function effects(ref: string) {
  const rows = await db.selectFrom('audit_events').select('action').where('entity_type', '=', 'test_event').where(sql<boolean>`after->>'ref' = ${ref}`).execute();
  return { mine: rows.map((r) => r.action).sort() };
}

const eventsOf = (ref: string) => db.selectFrom('domain_events').select(['id', 'name', 'payload']).where(sql<boolean>`payload->>'ref' = ${ref}`).execute();

beforeAll(async () => {
  nodes = await openTwoHandles();
  db = nodes.a.db;
});
afterAll(async () => nodes?.close());
beforeEach(async () => {
  calls = new Map();
  failMail = 0;
  await db.deleteFrom('jobs').execute();
});

describe(`domain events (${engine})`, () => {
  it('[S-2] an event is recorded with its transaction: in-transaction subscribers act inside it, durable deliveries are queued in it', async () => {
    const { bus, jobs } = node(nodes.a);
    const id = await db.transaction().execute(async (trx) => {
      const eventId = await bus.record(trx, 'test.placed', { ref: 'R-1', amount: 10 });
      // Inside the transaction the in-transaction effect is already there.
      const inside = await trx.selectFrom('audit_events').select('action').where('entity_id', '=', String(eventId)).where('entity_type', '=', 'test_event').execute();
      expect(inside.map((r) => r.action)).toEqual(['test.ledger']);
      return eventId;
    });
    const [row] = await eventsOf('R-1');
    expect(row).toMatchObject({ id, name: 'test.placed', payload: { ref: 'R-1', amount: 10 } });
    const queued = await db.selectFrom('jobs').select(['name', 'payload', 'status']).orderBy('id').execute();
    expect(queued).toEqual([
      { name: deliveryJobName('test.placed', 'mail'), payload: { eventId: id }, status: 'queued' },
      { name: deliveryJobName('test.placed', 'stats'), payload: { eventId: id }, status: 'queued' },
    ]);
    expect(await jobs.runDue()).toBe(2);
    expect((await effects('R-1')).mine).toEqual(['test.ledger', 'test.mail', 'test.stats']);
    const delivered = await db.selectFrom('event_deliveries').select('subscriber').where('event_id', '=', id).orderBy('subscriber').execute();
    expect(delivered.map((d) => d.subscriber)).toEqual(['mail', 'stats']);
    // An event nobody consumes is kept in the outbox and queues nothing.
    await bus.record(db, 'test.closed', { ref: 'R-1' });
    expect(await jobs.runDue()).toBe(0);
  });

  it('[S-2] an event recorded in a transaction that rolls back is gone and never dispatches; a failing in-transaction subscriber rolls the change back', async () => {
    const { bus, jobs } = node(nodes.a);
    await expect(
      db.transaction().execute(async (trx) => {
        await bus.record(trx, 'test.placed', { ref: 'R-2', amount: 5 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await expect(
      db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor: null, label: 'test' }, { action: 'test.change', entityType: 'test_event', entityId: 'R-3', after: { ref: 'R-3' } });
        await bus.record(trx, 'test.placed', { ref: 'R-3', amount: -1 });
      }),
    ).rejects.toThrow('negative amount refused by the ledger');
    expect(await eventsOf('R-2')).toEqual([]);
    expect(await eventsOf('R-3')).toEqual([]);
    expect(await db.selectFrom('jobs').selectAll().execute()).toEqual([]);
    expect(await jobs.runDue()).toBe(0);
    expect((await effects('R-2')).mine).toEqual([]);
    expect((await effects('R-3')).mine).toEqual([]); // the producer's own change went with it
    expect([...calls.keys()].filter((k) => !k.startsWith('ledger'))).toEqual([]); // no durable subscriber ever ran
  });

  it('[S-2] each durable subscriber handles each event once, with two workers on two handles racing, and again when a delivery job runs a second time', async () => {
    const a = node(nodes.a);
    const b = node(nodes.b);
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await db.transaction().execute((trx) => (i % 2 ? a : b).bus.record(trx, 'test.placed', { ref: `R-race-${i}`, amount: i })));
    const ran = await Promise.all([a.jobs.runDue(), b.jobs.runDue(), a.jobs.runDue(), b.jobs.runDue()]);
    expect(ran.reduce((x, y) => x + y, 0)).toBe(24);
    if (engine === 'postgres') expect(ran[0]! + ran[2]!).toBeGreaterThan(0);
    if (engine === 'postgres') expect(ran[1]! + ran[3]!).toBeGreaterThan(0);
    for (const id of ids) {
      expect(calls.get(`mail:${id}`), `mail ${id}`).toBe(1);
      expect(calls.get(`stats:${id}`), `stats ${id}`).toBe(1);
    }
    const deliveries = await db.selectFrom('event_deliveries').select(['event_id', 'subscriber']).where('event_id', 'in', ids).execute();
    expect(deliveries).toHaveLength(24);

    // A delivery whose job runs again (its lease ran out after the work committed, or an
    // administrator ran it again): the subscriber is not called a second time.
    await db.updateTable('jobs').set({ status: 'queued', attempts: 0, finished_at: null }).where('name', '=', deliveryJobName('test.placed', 'mail')).execute();
    expect(await b.jobs.runDue()).toBe(12);
    for (const id of ids) expect(calls.get(`mail:${id}`)).toBe(1);
    const mails = (await effects('R-race-3')).mine;
    expect(mails).toEqual(['test.ledger', 'test.mail', 'test.stats']);
  });

  it('[S-2] a failing durable subscriber is retried with back-off until it succeeds, without touching the other subscribers of the event', async () => {
    const { bus, jobs } = node(nodes.a);
    failMail = 2;
    const id = await db.transaction().execute((trx) => bus.record(trx, 'test.placed', { ref: 'R-4', amount: 1 }));
    expect(await jobs.runDue()).toBe(2);
    const mailJob = () => db.selectFrom('jobs').selectAll().where('name', '=', deliveryJobName('test.placed', 'mail')).executeTakeFirstOrThrow();
    let job = await mailJob();
    expect(job).toMatchObject({ status: 'failed', attempts: 1, last_error: 'mail server down' });
    expect(job.run_at.getTime()).toBeGreaterThan(Date.now()); // backing off
    // Its work rolled back with the failure; the other subscriber's is committed.
    expect((await effects('R-4')).mine).toEqual(['test.ledger', 'test.stats']);
    expect(await db.selectFrom('event_deliveries').select('subscriber').where('event_id', '=', id).execute()).toEqual([{ subscriber: 'stats' }]);

    expect(await jobs.runDue()).toBe(0); // not due yet
    for (let attempt = 2; attempt <= 3; attempt++) {
      await db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', job.id).execute();
      expect(await jobs.runDue()).toBe(1);
    }
    job = await mailJob();
    expect(job).toMatchObject({ status: 'done', attempts: 3, last_error: null });
    expect(calls.get(`mail:${id}`)).toBe(3);
    expect(calls.get(`stats:${id}`)).toBe(1);
    expect((await effects('R-4')).mine).toEqual(['test.ledger', 'test.mail', 'test.stats']);
  });

  it('[S-2] a stored event whose payload no longer fits its schema fails its deliveries at once, with the reason', async () => {
    const { jobs } = node(nodes.a);
    const bad = await db.insertInto('domain_events').values({ name: 'test.placed', payload: JSON.stringify({ ref: 'R-5', amount: 'many' }) }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('jobs').values({ name: deliveryJobName('test.placed', 'stats'), payload: JSON.stringify({ eventId: bad.id }), run_at: new Date(Date.now() - 1000) }).execute();
    expect(await jobs.runDue()).toBe(1);
    const job = await db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(job.status).toBe('dead');
    expect(job.last_error).toContain(`invalid payload for event test.placed #${bad.id}: amount:`);
    expect(calls.size).toBe(0);
  });
});
