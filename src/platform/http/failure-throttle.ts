// Progressive delays after failures (sign-in and the like), instead of hard lock-outs.
// Only failures are counted, in the same `rate_buckets` rows as the fixed-window limits
// (shared by every node). After `free` failures under one key, each further attempt must wait
// 2^k seconds (k = failures beyond `free`, so 2, 4, 8, … seconds) after the last failure,
// never more than `capSeconds`. The count starts again when the window ends or the caller
// clears the key (e.g. after a success). `firstDelaySeconds` (default 2) scales the series.
// Keys must not carry personal data in clear: build
// them with `rateKey`.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { AppError } from './errors.ts';
import { hitRateLimit } from './rate-limit.ts';

export interface ThrottlePolicy {
  /** Failures allowed without any delay. */
  free: number;
  /** Longest delay between two attempts. */
  capSeconds: number;
  /** Failures are forgotten this long after the first one of the window. */
  windowSeconds: number;
  /** The first delay (then doubled at each further failure); 2 when not given. */
  firstDelaySeconds?: number;
}

/** Seconds an attempt must wait after the last of `failures` failures (0: none). */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  const k = failures - policy.free; // 0 for the first delayed attempt
  const first = policy.firstDelaySeconds ?? 2;
  return k >= 40 ? policy.capSeconds : Math.min(policy.capSeconds, first * 2 ** k);
}

export interface ThrottleState {
  failures: number;
  /** Seconds left before the next attempt may be made (0: now). */
  waitSeconds: number;
}

/** The failures counted under `key` and how long the next attempt must still wait. */
export async function throttleState(db: Executor, key: string, policy: ThrottlePolicy): Promise<ThrottleState> {
  const res = await sql<{ count: number; since: number }>`
    select count, extract(epoch from (now() - updated_at))::float8 as since
    from rate_buckets where key = ${key} and reset_at > now()`.execute(db);
  const row = res.rows[0];
  if (!row) return { failures: 0, waitSeconds: 0 };
  const failures = Number(row.count);
  const wait = delayAfter(failures, policy) - Math.max(0, Number(row.since));
  return { failures, waitSeconds: wait > 0 ? Math.ceil(wait) : 0 };
}

/** Counts one failure under `key`; returns the failures in the window, this one included. */
export async function recordFailure(db: Executor, key: string, policy: ThrottlePolicy): Promise<number> {
  const r = await hitRateLimit(db, key, Number.MAX_SAFE_INTEGER, policy.windowSeconds);
  return r.count;
}

/**
 * The 429 for an attempt made too early, saying when to try again: in seconds under two
 * minutes, in minutes otherwise (message keys in the platform catalogue).
 */
export function throttledError(waitSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitSeconds));
  return seconds < 120
    ? new AppError('rate_limited', 429, 'error.throttled_seconds', { seconds })
    : new AppError('rate_limited', 429, 'error.throttled_minutes', { minutes: Math.ceil(seconds / 60) });
}
