// Durable job queue / outbox in the database, identical on PostgreSQL and PGlite.
//
// - Jobs are rows; enqueue them with the caller's transaction so the job exists exactly
//   when the change that caused it is committed (outbox).
// - Workers claim due jobs with `FOR UPDATE SKIP LOCKED` and a lease (locked_until), so
//   several nodes never run the same job at once; a node that dies loses its lease and the
//   job is claimed again after it expires.
// - Failures retry with exponential back-off; after max_attempts the job is 'dead' and stays
//   visible to super admins at /kelola/sistem/antrian.
// - Handlers must be idempotent (a job may run again after a crash mid-way).
import crypto from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { Database, Executor } from '../db/database.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';

export interface JobContext {
  jobId: number;
  attempt: number;
  db: Database['db'];
}

export type JobHandler = (payload: Record<string, unknown>, ctx: JobContext) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one job with this key ever exists (e.g. `reminder:<doc>:30`). */
  dedupeKey?: string;
  maxAttempts?: number;
}

export interface QueueOptions {
  pollMs?: number;
  leaseSeconds?: number;
  batchSize?: number;
  metrics?: Metrics;
}

/** Back-off after the n-th failed attempt: 10 s, 40 s, 2.5 min, 10 min, … capped at 1 h. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 10 * 4 ** Math.max(0, attempt - 1));
}

export class JobQueue {
  readonly nodeId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  readonly #handlers = new Map<string, JobHandler>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> | null = null;
  #stopped = true;
  readonly #pollMs: number;
  readonly #leaseSeconds: number;
  readonly #batchSize: number;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
    private readonly opts: QueueOptions = {},
  ) {
    this.#pollMs = opts.pollMs ?? 1000;
    this.#leaseSeconds = opts.leaseSeconds ?? 300;
    this.#batchSize = opts.batchSize ?? 10;
  }

  register(name: string, handler: JobHandler): void {
    if (this.#handlers.has(name)) throw new Error(`Job handler ${name} registered twice`);
    this.#handlers.set(name, handler);
  }

  async enqueue(db: Executor, name: string, payload: Record<string, unknown> = {}, opts: EnqueueOptions = {}): Promise<void> {
    const values = {
      name,
      payload: JSON.stringify(payload),
      run_at: opts.runAt ?? new Date(),
      dedupe_key: opts.dedupeKey ?? null,
      max_attempts: opts.maxAttempts ?? 5,
    };
    if (opts.dedupeKey) {
      await sql`insert into jobs (name, payload, run_at, dedupe_key, max_attempts)
        values (${values.name}, ${values.payload}::jsonb, ${values.run_at}, ${values.dedupe_key}, ${values.max_attempts})
        on conflict (dedupe_key) where dedupe_key is not null do nothing`.execute(db);
    } else {
      await db.insertInto('jobs').values(values).execute();
    }
  }

  /** Claims due jobs (and jobs whose lease expired) for this node. */
  async #claim(limit: number) {
    const lease = `${this.#leaseSeconds} seconds`;
    const res = await sql<{ id: number; name: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }>`
      update jobs set status = 'running', attempts = attempts + 1, locked_by = ${this.nodeId},
        locked_until = now() + ${lease}::interval, updated_at = now()
      where id in (
        select id from jobs
        where (status in ('queued', 'failed') and run_at <= now())
           or (status = 'running' and locked_until < now())
        order by run_at, id
        limit ${limit}
        for update skip locked
      )
      returning id, name, payload, attempts, max_attempts`.execute(this.database.db);
    return res.rows;
  }

  /** Runs every due job once (up to `max`); returns how many ran. Used by workers and tests. */
  async runDue(max = 100): Promise<number> {
    let ran = 0;
    while (ran < max) {
      const batch = await this.#claim(Math.min(this.#batchSize, max - ran));
      if (!batch.length) break;
      for (const job of batch) {
        ran++;
        await this.#execute(job);
      }
    }
    return ran;
  }

  async #execute(job: { id: number; name: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }) {
    const handler = this.#handlers.get(job.name);
    const db = this.database.db;
    try {
      if (!handler) throw new Error(`No handler for job ${job.name}`);
      const payload = typeof job.payload === 'string' ? (JSON.parse(job.payload) as Record<string, unknown>) : job.payload;
      await handler(payload, { jobId: job.id, attempt: job.attempts, db });
      await db
        .updateTable('jobs')
        .set({ status: 'done', finished_at: new Date(), locked_by: null, locked_until: null, last_error: null, updated_at: new Date() })
        .where('id', '=', job.id)
        .where('locked_by', '=', this.nodeId)
        .execute();
      this.opts.metrics?.jobsProcessed.labels(job.name, 'done').inc();
    } catch (err) {
      const dead = job.attempts >= job.max_attempts;
      const message = (err as Error)?.message?.slice(0, 2000) ?? String(err);
      this.log.warn({ jobId: job.id, job: job.name, attempt: job.attempts, dead, error: message }, 'job failed');
      await db
        .updateTable('jobs')
        .set({
          status: dead ? 'dead' : 'failed',
          last_error: message,
          run_at: new Date(Date.now() + backoffSeconds(job.attempts) * 1000),
          locked_by: null,
          locked_until: null,
          finished_at: dead ? new Date() : null,
          updated_at: new Date(),
        })
        .where('id', '=', job.id)
        .where('locked_by', '=', this.nodeId)
        .execute();
      this.opts.metrics?.jobsProcessed.labels(job.name, dead ? 'dead' : 'failed').inc();
    }
  }

  /** Puts a dead or failed job back in the queue now (super admin action). */
  async retry(db: Executor, id: number): Promise<boolean> {
    const res = await db
      .updateTable('jobs')
      .set({ status: 'queued', run_at: new Date(), attempts: 0, finished_at: null, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', 'in', ['dead', 'failed'])
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const tick = async () => {
      if (this.#stopped) return;
      this.#running = this.runDue().catch((err) => this.log.error({ err }, 'job poll failed'));
      await this.#running;
      this.#running = null;
      if (!this.#stopped) this.#timer = setTimeout(tick, this.#pollMs);
    };
    this.#timer = setTimeout(tick, 10);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#running) await this.#running;
  }
}
