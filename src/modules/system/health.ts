// Liveness and readiness for load balancers, orchestrators and monitoring.
// - /health (liveness): the process runs and answers. Cheap, touches neither the database nor
//   storage, so an orchestrator does not restart a healthy process because PostgreSQL is down.
// - /ready (readiness): this node can serve: the database answers within a short timeout, the
//   job queue is not lagging (oldest due job younger than READY_MAX_JOB_LAG_SECONDS), and
//   storage takes a small probe object (put, then delete). 200 or 503, with each check listed.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { SystemDeps as Deps } from './system.deps.ts';
import type { Executor } from '../../platform/db/database.ts';

/** Each check gives up after this long (a hung database must not hang the probe). */
export const READY_CHECK_TIMEOUT_MS = 2000;

export interface CheckResult {
  ok: boolean;
  latencyMs?: number;
  error?: string;
  [detail: string]: unknown;
}

export interface Readiness {
  status: 'ok' | 'unavailable';
  checks: { database: CheckResult; jobs: CheckResult; storage: CheckResult };
}

class CheckTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function check(fn: () => Promise<Record<string, unknown> | void>, ms = READY_CHECK_TIMEOUT_MS): Promise<CheckResult> {
  const started = Date.now();
  try {
    const detail = (await withTimeout(fn(), ms)) ?? {};
    return { ok: detail.ok !== false, latencyMs: Date.now() - started, ...detail };
  } catch (err) {
    // A short reason only: no stack, no connection string.
    const reason = err instanceof CheckTimeout ? err.message : ((err as { code?: string })?.code ?? 'error');
    return { ok: false, latencyMs: Date.now() - started, error: reason };
  }
}

/** Seconds the oldest due job (queued or failed, run_at passed) has been waiting; 0 when none. */
export async function oldestDueJobSeconds(db: Executor): Promise<number> {
  const oldest = await sql<{ s: string | number | null }>`select extract(epoch from now() - min(run_at)) as s from jobs
    where status in ('queued', 'failed') and run_at <= now()`.execute(db);
  return Math.max(0, Math.round(Number(oldest.rows[0]?.s ?? 0)));
}

/** After-commit deliveries of domain events that are not done, by state. */
export async function eventDeliveryCounts(db: Executor): Promise<{ pending: number; retrying: number; dead: number }> {
  const res = await sql<{ state: 'pending' | 'retrying' | 'dead'; n: number }>`select
      case status when 'dead' then 'dead' when 'failed' then 'retrying' else 'pending' end as state, count(*)::int as n
    from jobs where name like 'event:%' and status <> 'done' group by 1`.execute(db);
  const counts = { pending: 0, retrying: 0, dead: 0 };
  for (const r of res.rows) counts[r.state] = Number(r.n);
  return counts;
}

export function liveness(deps: Deps) {
  return { status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()), database: { engine: deps.database.engine } };
}

export async function readiness(deps: Deps): Promise<Readiness> {
  const db = deps.database.db;
  const maxLag = deps.config.readyMaxJobLagSeconds;
  const [database, jobs, storage] = await Promise.all([
    check(async () => void (await sql`select 1`.execute(db))),
    check(async () => {
      const oldestDueSeconds = await oldestDueJobSeconds(db);
      if (maxLag === 0) return { oldestDueSeconds, checked: false };
      return { ok: oldestDueSeconds <= maxLag, oldestDueSeconds, maxLagSeconds: maxLag };
    }),
    check(async () => {
      const key = `health/${crypto.randomUUID()}.txt`;
      await deps.storage.put(key, Buffer.from('ready\n'), 'text/plain');
      await deps.storage.delete(key);
    }, READY_CHECK_TIMEOUT_MS * 2),
  ]);
  const ok = database.ok && jobs.ok && storage.ok;
  return { status: ok ? 'ok' : 'unavailable', checks: { database: { engine: deps.database.engine, ...database }, jobs, storage } };
}
