// Domain events recorded in the transaction of the change they describe (an outbox), and the
// typed subscribers of other modules that react to them — instead of optional closures.
//
// - A module defines its events with Zod payloads (`defineEvents` in `<module>.events.ts`) and
//   records them with `record(trx, name, payload)` inside its own transaction: a row in
//   `domain_events`, checked against the schema.
// - The composition root declares, for every event of the catalogue, which modules consume it
//   and how (`Consumers`), and provides one subscriber per declared pair (`Subscribers`): the
//   types require every pair, so a forgotten subscriber does not compile.
// - `in_transaction` subscribers run inside `record`, in the producer's transaction, in the
//   order declared: their effect is atomic with the change (a failure rolls the change back).
//   Use it only when the effect must be (an application held for a bill).
// - `after_commit` subscribers get one durable job per (event, subscriber), enqueued in the same
//   transaction (so an event of a rolled-back transaction never reaches anyone). The job runs the
//   subscriber in a transaction of its own that also inserts (event, subscriber) into
//   `event_deliveries`: handled once each, whatever the number of nodes or re-runs; a failure
//   rolls back both and the queue retries with back-off; dead deliveries are visible (and can be
//   run again) at /kelola/sistem/antrian like any job. No order between events is promised.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db, Executor } from '../db/database.ts';
import { parseJson } from '../db/values.ts';
import { defineJob, PermanentJobError, type JobQueue, type JobType } from '../jobs/queue.ts';

/** An event kind: the schema of its payload and one line saying what happened. */
export interface EventType<S extends z.ZodType = z.ZodType> {
  readonly payload: S;
  readonly description: string;
}

export type EventCatalog = { readonly [name: string]: EventType };

/** Checks the names (`module.thing_happened`) and returns the catalogue as typed. */
export function defineEvents<C extends EventCatalog>(catalog: C): C {
  for (const name of Object.keys(catalog)) {
    if (!/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/.test(name)) throw new Error(`Invalid event name: ${name}`);
  }
  return catalog;
}

export type EventName<C extends EventCatalog> = keyof C & string;
/** The payload a subscriber receives. */
export type EventPayload<C extends EventCatalog, E extends keyof C> = z.output<C[E]['payload']>;
/** The payload `record` takes. */
export type EventInput<C extends EventCatalog, E extends keyof C> = z.input<C[E]['payload']>;

export type SubscriberMode = 'in_transaction' | 'after_commit';

/** For each event of the catalogue, the modules that must handle it and how (none: `{}`). */
export type Consumers<C extends EventCatalog> = { readonly [E in keyof C]: { readonly [subscriber: string]: SubscriberMode } };

export interface EventMeta {
  eventId: number;
  name: string;
}

/**
 * Handles one event. `trx` is the producer's transaction (in_transaction) or the delivery's
 * own (after_commit); do all database work through it.
 */
export type Subscriber<P> = (trx: Executor, payload: P, meta: EventMeta) => Promise<void>;

/** One subscriber for every (event, consumer) pair declared; events without consumers are left out. */
export type Subscribers<C extends EventCatalog, K extends Consumers<C>> = {
  readonly [E in keyof C & keyof K as keyof K[E] extends never ? never : E]: {
    readonly [S in keyof K[E]]: Subscriber<EventPayload<C, E>>;
  };
};

/** What a producing module holds: recording its own events, nothing else. */
export interface EventRecorder<C extends EventCatalog> {
  /** Records `name` in `trx` (the caller's open transaction); returns the event's id. */
  record<E extends EventName<C>>(trx: Executor, name: E, payload: EventInput<C, E>): Promise<number>;
}

/** The job kind that delivers `event` to an after-commit `subscriber`. */
export const deliveryJobName = (event: string, subscriber: string) => `event:${event}:${subscriber}`;
const deliveryPayload = z.object({ eventId: z.number().int().positive() });

/** Attempts of a delivery before it is dead (with the queue's back-off: several hours). */
export const DELIVERY_MAX_ATTEMPTS = 10;

type AnySubscriber = Subscriber<unknown>;

export interface EventBusOptions<C extends EventCatalog, K extends Consumers<C>> {
  catalog: C;
  consumers: K;
  subscribers: Subscribers<C, K>;
  /** Delivery jobs of after-commit subscribers are enqueued on it and registered with it. */
  jobs: JobQueue;
}

function problems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`).join('; ');
}

export class EventBus<C extends EventCatalog, K extends Consumers<C>> implements EventRecorder<C> {
  readonly #catalog: C;
  readonly #inTransaction = new Map<string, { subscriber: string; handle: AnySubscriber }[]>();
  readonly #afterCommit = new Map<string, { subscriber: string; job: JobType<typeof deliveryPayload> }[]>();
  readonly #jobs: JobQueue;

  constructor(opts: EventBusOptions<C, K>) {
    this.#catalog = opts.catalog;
    this.#jobs = opts.jobs;
    const subs = opts.subscribers as unknown as Record<string, Record<string, AnySubscriber>>;
    for (const event of Object.keys(opts.catalog)) {
      const declared = (opts.consumers as Record<string, Record<string, SubscriberMode>>)[event];
      if (!declared) throw new Error(`Event ${event} has no consumers entry (use {} for none)`);
      for (const [subscriber, mode] of Object.entries(declared)) {
        if (!/^[a-z][a-z_]*$/.test(subscriber)) throw new Error(`Invalid subscriber name: ${subscriber}`);
        const handle = subs[event]?.[subscriber];
        if (typeof handle !== 'function') throw new Error(`No subscriber ${subscriber} for event ${event}`);
        if (mode === 'in_transaction') {
          const list = this.#inTransaction.get(event) ?? [];
          list.push({ subscriber, handle });
          this.#inTransaction.set(event, list);
        } else {
          const job = defineJob(deliveryJobName(event, subscriber), deliveryPayload);
          const list = this.#afterCommit.get(event) ?? [];
          list.push({ subscriber, job });
          this.#afterCommit.set(event, list);
          opts.jobs.register(job, (payload, ctx) => this.#deliver(ctx.db, event, subscriber, handle, payload.eventId));
        }
      }
    }
    for (const event of Object.keys(opts.consumers)) {
      if (!(event in opts.catalog)) throw new Error(`Consumers declared for unknown event ${event}`);
    }
  }

  async record<E extends EventName<C>>(trx: Executor, name: E, payload: EventInput<C, E>): Promise<number> {
    const type = this.#catalog[name];
    if (!type) throw new Error(`Unknown event ${name}`);
    const checked = type.payload.safeParse(payload);
    if (!checked.success) throw new Error(`Invalid payload for event ${name}: ${problems(checked.error)}`);
    const row = await trx
      .insertInto('domain_events')
      .values({ name, payload: JSON.stringify(checked.data) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const meta: EventMeta = { eventId: row.id, name };
    // Durable deliveries first, so that events recorded by in-transaction subscribers queue after this one.
    for (const d of this.#afterCommit.get(name) ?? []) {
      await this.#jobs.enqueue(trx, d.job, { eventId: row.id }, { maxAttempts: DELIVERY_MAX_ATTEMPTS });
    }
    for (const s of this.#inTransaction.get(name) ?? []) await s.handle(trx, checked.data, meta);
    return row.id;
  }

  /** The recorder a producing module gets: typed by its own part of the catalogue. */
  recorder<P extends EventCatalog>(part: P): EventRecorder<P> {
    for (const [name, type] of Object.entries(part)) {
      if (this.#catalog[name] !== type) throw new Error(`Event ${name} is not in the bus's catalogue`);
    }
    return { record: (trx, name, payload) => this.record(trx, name as unknown as EventName<C>, payload as EventInput<C, EventName<C>>) };
  }

  /** The names of the delivery jobs (one per after-commit subscriber of each event). */
  deliveryJobs(): string[] {
    return [...this.#afterCommit.values()].flat().map((d) => d.job.name).sort();
  }

  async #deliver(db: Db, event: string, subscriber: string, handle: AnySubscriber, eventId: number): Promise<void> {
    const type = this.#catalog[event]!;
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('domain_events').select(['name', 'payload']).where('id', '=', eventId).executeTakeFirst();
      if (!row || row.name !== event) throw new PermanentJobError(`event ${event} #${eventId} not found`);
      // Claimed in this transaction: a concurrent or later run of the same delivery waits for
      // it, then finds the row and stops; a failure below rolls the claim back for the retry.
      const claimed = await sql<{ event_id: number }>`insert into event_deliveries (event_id, subscriber) values (${eventId}, ${subscriber})
        on conflict (event_id, subscriber) do nothing returning event_id`.execute(trx);
      if (!claimed.rows.length) return;
      const checked = type.payload.safeParse(parseJson(row.payload));
      if (!checked.success) throw new PermanentJobError(`invalid payload for event ${event} #${eventId}: ${problems(checked.error)}`);
      await handle(trx, checked.data, { eventId, name: event });
    });
  }
}
