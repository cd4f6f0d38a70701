// Durable job queue / outbox in the database, identical on PostgreSQL and PGlite.
//
// - Jobs are rows; enqueue them with the caller's transaction so the job exists exactly
//   when the change that caused it is committed (outbox).
// - Workers claim due jobs with `FOR UPDATE SKIP LOCKED` and a lease (locked_until), so
//   several nodes never run the same job at once. While a node works, a heartbeat extends
//   the leases of the jobs it holds; a node that dies stops renewing them, and its jobs are
//   claimed again once the lease has expired.
// - A node claims only the jobs it has a handler for, so a node of an older version never
//   burns the attempts of a job it does not know.
// - Failures retry with exponential back-off (timed by the database clock); after
//   max_attempts the job is 'dead' and stays visible to super admins at
//   /kelola/sistem/antrian, where it can be run again.
// - Recurring work (`schedule`) is one job per time slot, guarded by a dedupe key, so any
//   number of nodes create it exactly once.
// - Handlers must be idempotent (a job may run again after a crash mid-way).
// - Job kinds are typed: `defineJob(name, zodSchema)` names a kind and its payload; `register`,
//   `enqueue` and `schedule` take that definition, so an unknown kind or a wrong payload does
//   not compile. The payload is checked again when the job runs: a row whose payload no longer
//   fits (written by an older version, edited by hand) fails at once with the reasons, as a
//   dead job an administrator can see.
import crypto from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Database, Executor } from '../db/database.ts';
import { isDatabaseUnavailable } from '../db/availability.ts';
import { parseJson } from '../db/values.ts';
import { scrubText, type Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';

export interface JobContext {
  jobId: number;
  attempt: number;
  /** The root handle: open a transaction on it for work that must be all-or-nothing. */
  db: Database['db'];
}

/** A kind of job: its name and the schema of its payload (a Zod object). */
export interface JobType<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly payload: S;
  /** Seconds to wait after the n-th failed attempt; default `backoffSeconds`. */
  readonly retryDelaySeconds?: (attempt: number) => number;
}

export interface JobKindOptions {
  /** Seconds to wait after the n-th failed attempt (e.g. capped back-off with jitter); default `backoffSeconds`. */
  retryDelaySeconds?: (attempt: number) => number;
}

/** Names a job kind and its payload, e.g. `defineJob('documents.issue', z.object({ applicationId: z.guid() }))`. */
export function defineJob<S extends z.ZodType<Record<string, unknown>>>(name: string, payload: S, opts: JobKindOptions = {}): JobType<S> {
  if (!/^[a-z][a-z0-9_.:>-]{0,199}$/i.test(name)) throw new Error(`Invalid job name: ${name}`);
  return opts.retryDelaySeconds ? { name, payload, retryDelaySeconds: opts.retryDelaySeconds } : { name, payload };
}

/** The payload a handler receives (after validation). */
export type JobPayload<J extends JobType> = z.output<J['payload']>;
/** The payload `enqueue` takes. */
export type JobInput<J extends JobType> = z.input<J['payload']>;

export type JobHandler<S extends z.ZodType = z.ZodType> = (payload: z.output<S>, ctx: JobContext) => Promise<void>;

/** The reasons a payload does not fit its schema, on one line. */
function payloadProblems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`).join('; ');
}

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one job with this key ever exists (e.g. `reminder:<doc>:30`). */
  dedupeKey?: string;
  maxAttempts?: number;
}

export interface QueueOptions {
  pollMs?: number;
  /** How long a claim holds before another node may take the job over (default 300 s). */
  leaseSeconds?: number;
  batchSize?: number;
  metrics?: Metrics;
}

export const jobStatuses = ['queued', 'running', 'done', 'failed', 'dead'] as const;
export type JobStatusName = (typeof jobStatuses)[number];

/** Thrown by a handler when trying again cannot help (e.g. the mailbox does not exist): the job is dead at once. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

/** Back-off after the n-th failed attempt: 10 s, 40 s, 2.5 min, 10 min, … capped at 1 h. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 10 * 4 ** Math.max(0, attempt - 1));
}

/** Dedupe key of a recurring job's time slot. */
export function slotKey(name: string, everySeconds: number, at: Date): { key: string; slotStart: Date } {
  const slot = Math.floor(at.getTime() / 1000 / everySeconds);
  return { key: `every:${name}:${everySeconds}:${slot}`, slotStart: new Date(slot * everySeconds * 1000) };
}

/** Done recurring jobs are kept this long, then removed (their slots can never come back). */
const SCHEDULED_KEEP_DAYS = 7;
/**
 * Done one-off jobs without a dedupe key (mail sends, issuing, imports) are kept this long for
 * the queue viewer, then removed. Jobs with a dedupe key stay: the key is what makes their
 * work happen once (e.g. one reminder per document and offset).
 */
const ONE_OFF_KEEP_DAYS = 30;

interface ClaimedJob {
  id: number;
  name: string;
  payload: Record<string, unknown> | string;
  attempts: number;
  max_attempts: number;
  run_at: Date;
}

export class JobQueue {
  readonly nodeId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  readonly #handlers = new Map<string, { job: JobType; handler: JobHandler }>();
  readonly #schedules = new Map<string, { job: JobType; everySeconds: number; payload: unknown }>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> | null = null;
  #stopped = true;
  #active = 0;
  #heartbeat: NodeJS.Timeout | null = null;
  #beating: Promise<unknown> | null = null;
  #lastPurge = 0;
  /** Consecutive polls that failed (the database was unreachable, typically). */
  #failures = 0;
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

  register<S extends z.ZodType>(job: JobType<S>, handler: JobHandler<S>): void {
    if (this.#handlers.has(job.name)) throw new Error(`Job handler ${job.name} registered twice`);
    this.#handlers.set(job.name, { job, handler: handler as JobHandler });
  }

  /** Names of the jobs this node can run. */
  handlerNames(): string[] {
    return [...this.#handlers.keys()].sort();
  }

  /**
   * Runs `job` every `everySeconds` (one job per time slot, whichever node creates it first).
   * The handler is registered with `register` as for any job. The payload gets the slot's
   * start as `slot` (ISO text); a schema that wants it declares it.
   */
  schedule<S extends z.ZodType>(job: JobType<S>, everySeconds: number, ...payload: {} extends z.input<S> ? [z.input<S>?] : [z.input<S>]): void {
    if (!Number.isInteger(everySeconds) || everySeconds < 1) throw new Error('everySeconds must be a positive integer');
    this.#schedules.set(job.name, { job, everySeconds, payload: payload[0] ?? {} });
  }

  /** Enqueues the current slot of every recurring job (idempotent); returns how many were new. */
  async enqueueScheduled(now: Date = new Date()): Promise<number> {
    let created = 0;
    for (const [name, s] of this.#schedules) {
      const { key, slotStart } = slotKey(name, s.everySeconds, now);
      const payload = { ...(s.payload as Record<string, unknown>), slot: slotStart.toISOString() };
      const id = await this.enqueue(this.database.db, s.job, payload, { dedupeKey: key, runAt: slotStart, maxAttempts: 3 });
      if (id !== null) created++;
    }
    if (this.#schedules.size && now.getTime() - this.#lastPurge > 3600_000) {
      this.#lastPurge = now.getTime();
      await sql`delete from jobs where status = 'done' and dedupe_key like 'every:%'
        and finished_at < now() - ${SCHEDULED_KEEP_DAYS}::int * interval '1 day'`.execute(this.database.db);
      await sql`delete from jobs where status = 'done' and dedupe_key is null
        and finished_at < now() - ${ONE_OFF_KEEP_DAYS}::int * interval '1 day'`.execute(this.database.db);
    }
    return created;
  }

  /**
   * Adds a job inside `db` (pass the caller's open transaction). Returns its id, or null when
   * a job with the same dedupe key already exists. A payload that does not fit the job's
   * schema throws here, in the caller's transaction.
   */
  async enqueue<S extends z.ZodType>(db: Executor, job: JobType<S>, payload: z.input<S>, opts: EnqueueOptions = {}): Promise<number | null> {
    const checked = job.payload.safeParse(payload);
    if (!checked.success) throw new Error(`Invalid payload for job ${job.name}: ${payloadProblems(checked.error)}`);
    const name = job.name;
    const values = {
      name,
      payload: JSON.stringify(payload),
      run_at: opts.runAt ?? new Date(),
      dedupe_key: opts.dedupeKey ?? null,
      max_attempts: opts.maxAttempts ?? 5,
    };
    if (opts.dedupeKey) {
      const res = await sql<{ id: number }>`insert into jobs (name, payload, run_at, dedupe_key, max_attempts)
        values (${values.name}, ${values.payload}::jsonb, ${values.run_at}, ${values.dedupe_key}, ${values.max_attempts})
        on conflict (dedupe_key) where dedupe_key is not null do nothing
        returning id`.execute(db);
      return res.rows[0]?.id ?? null;
    }
    const row = await db.insertInto('jobs').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /** Claims due jobs (and jobs whose lease expired) that this node can run. */
  async #claim(limit: number): Promise<ClaimedJob[]> {
    const names = [...this.#handlers.keys()];
    if (!names.length) return [];
    const res = await sql<ClaimedJob>`
      update jobs set status = 'running', attempts = attempts + 1, locked_by = ${this.nodeId},
        locked_until = now() + ${this.#leaseSeconds}::float8 * interval '1 second', updated_at = now()
      where id in (
        select id from jobs
        where ((status in ('queued', 'failed') and run_at <= now())
           or (status = 'running' and locked_until < now()))
          and name in (${sql.join(names)})
        order by run_at, id
        limit ${limit}
        for update skip locked
      )
      returning id, name, payload, attempts, max_attempts, run_at`.execute(this.database.db);
    // RETURNING follows no order: run the batch oldest first.
    return res.rows.sort((x, y) => new Date(x.run_at).getTime() - new Date(y.run_at).getTime() || x.id - y.id);
  }

  /** Keeps the leases of this node's running jobs alive while it works. */
  #startHeartbeat() {
    if (this.#active++ > 0) return;
    const everyMs = Math.max(50, (this.#leaseSeconds * 1000) / 3);
    this.#heartbeat = setInterval(() => {
      if (this.#beating) return;
      this.#beating = sql`update jobs set locked_until = now() + ${this.#leaseSeconds}::float8 * interval '1 second'
          where locked_by = ${this.nodeId} and status = 'running'`
        .execute(this.database.db)
        .catch((err) => this.log.warn({ err }, 'job lease renewal failed'))
        .finally(() => (this.#beating = null));
    }, everyMs);
    this.#heartbeat.unref?.();
  }

  async #stopHeartbeat() {
    if (--this.#active > 0) return;
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
    if (this.#beating) await this.#beating;
  }

  /** Runs every due job once (up to `max`); returns how many ran. Used by workers and tests. */
  async runDue(max = 100): Promise<number> {
    let ran = 0;
    this.#startHeartbeat();
    try {
      while (ran < max) {
        const batch = await this.#claim(Math.min(this.#batchSize, max - ran));
        if (!batch.length) break;
        for (const job of batch) {
          ran++;
          await this.#execute(job);
        }
      }
    } finally {
      await this.#stopHeartbeat();
    }
    return ran;
  }

  async #execute(job: ClaimedJob) {
    const db = this.database.db;
    // Every outcome is written only while this node still holds the job.
    const mine = () => db.updateTable('jobs').where('id', '=', job.id).where('locked_by', '=', this.nodeId);
    // Claimed again after the lease of its last attempt ran out (the node died mid-way).
    if (job.attempts > job.max_attempts) {
      await mine()
        .set({ status: 'dead', last_error: 'lease expired during the last attempt', locked_by: null, locked_until: null, finished_at: new Date(), updated_at: new Date() })
        .execute();
      this.opts.metrics?.jobsProcessed.labels(job.name, 'dead').inc();
      return;
    }
    const { job: kind, handler } = this.#handlers.get(job.name)!;
    try {
      // An old or hand-edited row whose payload no longer fits: dead at once, with the reasons.
      let raw: unknown;
      try {
        raw = parseJson(job.payload);
      } catch {
        throw new PermanentJobError(`invalid payload for job ${job.name}: not JSON`);
      }
      const checked = kind.payload.safeParse(raw);
      if (!checked.success) throw new PermanentJobError(`invalid payload for job ${job.name}: ${payloadProblems(checked.error)}`);
      await handler(checked.data, { jobId: job.id, attempt: job.attempts, db });
    } catch (err) {
      // The database went away under the handler (its transaction rolled back): not the job's
      // fault. The job stays claimed by this node; the worker loop hands it back when the
      // database returns (#releaseOwnJobs), without burning an attempt.
      if (isDatabaseUnavailable(err)) throw err;
      const dead = job.attempts >= job.max_attempts || err instanceof PermanentJobError;
      const message = scrubText((err as Error)?.message ?? String(err)).slice(0, 2000);
      this.log.warn({ jobId: job.id, job: job.name, attempt: job.attempts, dead, error: message }, 'job failed');
      const res = await mine()
        .set({
          status: dead ? 'dead' : 'failed',
          last_error: message,
          run_at: sql<Date>`now() + ${Math.max(1, Math.round(kind.retryDelaySeconds?.(job.attempts) ?? backoffSeconds(job.attempts)))}::int * interval '1 second'`,
          locked_by: null,
          locked_until: null,
          finished_at: dead ? new Date() : null,
          updated_at: new Date(),
        })
        .executeTakeFirst();
      if (!Number(res.numUpdatedRows)) this.log.warn({ jobId: job.id, job: job.name }, 'job lease lost before it failed');
      this.opts.metrics?.jobsProcessed.labels(job.name, dead ? 'dead' : 'failed').inc();
      return;
    }
    const res = await mine()
      .set({ status: 'done', finished_at: new Date(), locked_by: null, locked_until: null, last_error: null, updated_at: new Date() })
      .executeTakeFirst();
    if (!Number(res.numUpdatedRows)) this.log.warn({ jobId: job.id, job: job.name }, 'job lease lost before it finished');
    this.opts.metrics?.jobsProcessed.labels(job.name, 'done').inc();
  }

  /** Puts a dead or failed job back in the queue now (super admin action). */
  async retry(db: Executor, id: number): Promise<boolean> {
    const res = await db
      .updateTable('jobs')
      .set({ status: 'queued', run_at: new Date(), attempts: 0, finished_at: null, locked_by: null, locked_until: null, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', 'in', ['dead', 'failed'])
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /**
   * After a failed poll: jobs this node claimed and could not finish (the database went away
   * mid-way) go back to the queue at once, the interrupted attempt not counted. Only while no
   * job runs on this node, so nothing in progress here is touched.
   */
  async #releaseOwnJobs(): Promise<number> {
    if (this.#active > 0) return 0;
    const res = await sql`update jobs set status = 'queued', attempts = greatest(attempts - 1, 0), run_at = now(),
        locked_by = null, locked_until = null, updated_at = now()
      where locked_by = ${this.nodeId} and status = 'running'`.execute(this.database.db);
    return Number(res.numAffectedRows ?? 0);
  }

  /** Delay before the next poll after `failures` failed ones in a row: doubling, at most 5 s (or the poll interval). */
  #retryDelay(failures: number): number {
    return Math.min(this.#pollMs * 2 ** Math.min(failures, 10), Math.max(this.#pollMs, 5000));
  }

  /**
   * Polls for due work until `stop`. An unreachable database (restart, failover) does not end
   * the loop: it waits with a growing delay (at most 5 s), and resumes by itself when the
   * database answers again.
   */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const poll = async (): Promise<void> => {
      try {
        if (this.#failures > 0) {
          const released = await this.#releaseOwnJobs();
          this.log.info({ failedPolls: this.#failures, released }, 'job worker resumed');
        }
        await this.enqueueScheduled();
        this.#failures = 0;
        await this.runDue();
      } catch (err) {
        this.#failures++;
        if (isDatabaseUnavailable(err)) {
          if (this.#failures === 1) this.log.warn({ error: scrubText((err as Error)?.message ?? String(err)) }, 'job worker: database unavailable, retrying');
        } else this.log.error({ err }, 'job poll failed');
      }
    };
    const tick = async () => {
      if (this.#stopped) return;
      this.#running = poll();
      await this.#running;
      this.#running = null;
      if (!this.#stopped) this.#timer = setTimeout(tick, this.#failures ? this.#retryDelay(this.#failures) : this.#pollMs);
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
