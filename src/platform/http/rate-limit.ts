// Fixed-window rate limits shared by every node: one row per key in `rate_buckets`, counted
// with a single atomic upsert (same SQL on PostgreSQL and PGlite). Keys must not carry
// personal data in clear: pass e-mail addresses, IPs and the like through `rateKey`.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { sha256Hex } from '../crypto.ts';

export interface RateLimitResult {
  /** false when this hit went over the limit. */
  allowed: boolean;
  /** Hits counted in the current window, including this one. */
  count: number;
  remaining: number;
  resetAt: Date;
  /** Whole minutes until the window ends (at least 1), for messages. */
  retryAfterMinutes: number;
}

/** A bucket key such as `login:ip:<hash>`; the subject (IP, e-mail) is hashed. */
export function rateKey(scope: string, subject: string): string {
  return `${scope}:${sha256Hex(subject.toLowerCase()).slice(0, 32)}`;
}

/**
 * Counts one hit against `key` and tells whether it is within `limit` hits per
 * `windowSeconds`. The window starts at the first hit and resets when it has passed.
 * Pass the open transaction when called inside one (PGlite has a single connection).
 */
export async function hitRateLimit(db: Executor, key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const window = `${Math.max(1, Math.floor(windowSeconds))} seconds`;
  const res = await sql<{ count: number; reset_at: Date }>`
    insert into rate_buckets (key, count, reset_at)
    values (${key}, 1, now() + ${window}::interval)
    on conflict (key) do update set
      count = case when rate_buckets.reset_at <= now() then 1 else rate_buckets.count + 1 end,
      reset_at = case when rate_buckets.reset_at <= now() then excluded.reset_at else rate_buckets.reset_at end,
      updated_at = now()
    returning count, reset_at`.execute(db);
  const row = res.rows[0];
  if (!row) throw new Error('rate limit upsert returned no row');
  const resetAt = row.reset_at instanceof Date ? row.reset_at : new Date(row.reset_at);
  const count = Number(row.count);
  return {
    allowed: count <= limit,
    count,
    remaining: Math.max(0, limit - count),
    resetAt,
    retryAfterMinutes: Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 60_000)),
  };
}

/** Forgets a key (e.g. after a successful sign-in). */
export async function clearRateLimit(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('rate_buckets').where('key', '=', key).execute();
}

/** Deletes buckets whose window has ended; returns how many. */
export async function pruneRateBuckets(db: Executor, limit = 5000): Promise<number> {
  const res = await sql`delete from rate_buckets where key in (
      select key from rate_buckets where reset_at < now() order by reset_at limit ${limit})`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}
