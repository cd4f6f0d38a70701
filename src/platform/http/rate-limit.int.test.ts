import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, engine } from '../../../test/harness.ts';
import type { Database } from '../db/database.ts';
import { clearRateLimit, hitRateLimit, pruneRateBuckets, rateKey } from './rate-limit.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe(`rate limits in the database (${engine})`, () => {
  it('[S-2] counts hits in a fixed window shared by every node and refuses over the limit', async () => {
    const key = 'test:window';
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(database.db, key, 3, 60));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3]!.retryAfterMinutes).toBe(1);
    expect(results[0]!.resetAt.getTime()).toBe(results[3]!.resetAt.getTime());
  });

  it('[S-2] starts a new window once the old one has passed', async () => {
    const key = 'test:reset';
    await hitRateLimit(database.db, key, 1, 60);
    expect((await hitRateLimit(database.db, key, 1, 60)).allowed).toBe(false);
    await database.db.updateTable('rate_buckets').set({ reset_at: new Date(Date.now() - 1000) }).where('key', '=', key).execute();
    const fresh = await hitRateLimit(database.db, key, 1, 60);
    expect(fresh).toMatchObject({ allowed: true, count: 1 });
  });

  it('[S-2] concurrent hits are all counted (atomic upsert)', async () => {
    const key = 'test:concurrent';
    const all = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(database.db, key, 10, 60)));
    expect(all.filter((r) => r.allowed)).toHaveLength(10);
    expect(Math.max(...all.map((r) => r.count))).toBe(20);
  });

  it('keys hash the subject; clear and prune remove buckets', async () => {
    const key = rateKey('login:ip', '198.51.100.4');
    expect(key).toMatch(/^login:ip:[0-9a-f]{32}$/);
    expect(key).not.toContain('198.51');
    expect(rateKey('x', 'A@B.ID')).toBe(rateKey('x', 'a@b.id'));
    await hitRateLimit(database.db, key, 5, 60);
    await clearRateLimit(database.db, key);
    expect(await database.db.selectFrom('rate_buckets').select('key').where('key', '=', key).executeTakeFirst()).toBeUndefined();
    await hitRateLimit(database.db, 'test:old', 5, 60);
    await database.db.updateTable('rate_buckets').set({ reset_at: new Date(Date.now() - 1000) }).where('key', '=', 'test:old').execute();
    expect(await pruneRateBuckets(database.db)).toBeGreaterThanOrEqual(1);
    expect(await database.db.selectFrom('rate_buckets').select('key').where('key', '=', 'test:old').executeTakeFirst()).toBeUndefined();
  });
});
