// Files left behind: a request that stored its upload and then failed (a rolled-back
// transaction, a crash between the write and the commit), a replaced file, a readiness probe
// cut short. Each module declares the key prefixes it writes and which of a list of keys its
// tables still refer to (`FileOwner`), so the sweeper reads no module's tables itself. A key
// under no declared prefix is never touched.
//
// Two passes, so a file whose row is being written right now is never taken: a sweep notes an
// unreferenced key with the time it first saw it, and deletes it on a later sweep once it has
// stayed unreferenced for the grace period (24 hours by default). A key referenced again is
// forgotten.
import { z } from 'zod';
import type { Database, Executor } from '../db/database.ts';
import { defineJob, type JobQueue } from '../jobs/queue.ts';
import type { Logger } from '../log.ts';
import type { Storage } from './storage.ts';

export interface FileOwner {
  /** Key prefix the owner writes, ending in `/` (e.g. `applications/`). */
  prefix: string;
  /** Of `keys`, the ones its tables still refer to. */
  referenced(db: Executor, keys: string[]): Promise<Set<string>>;
}

/** An owner whose files are referenced by one column: `lookup` returns which of `keys` it holds. */
export function columnOwner(prefix: string, lookup: (db: Executor, keys: string[]) => Promise<(string | null)[]>): FileOwner {
  return {
    prefix,
    async referenced(db, keys) {
      if (!keys.length) return new Set();
      return new Set((await lookup(db, keys)).filter((k): k is string => typeof k === 'string'));
    },
  };
}

export const storageSweepJob = defineJob('storage.sweep', z.object({}));

export interface SweepResult {
  checked: number;
  /** Unreferenced keys seen for the first time (deleted on a later sweep). */
  noted: number;
  removed: number;
}

const BATCH = 500;

export function createOrphanSweeper(opts: {
  database: Database;
  storage: Storage;
  owners: FileOwner[];
  log: Logger;
  graceSeconds?: number;
  everySeconds?: number;
  now?: () => Date;
}) {
  const grace = opts.graceSeconds ?? 86_400;
  const now = opts.now ?? (() => new Date());
  const db = opts.database.db;

  async function sweepBatch(owner: FileOwner, keys: string[], result: SweepResult): Promise<void> {
    const referenced = await owner.referenced(db, keys);
    const loose = keys.filter((k) => !referenced.has(k));
    if (referenced.size) await db.deleteFrom('storage_orphan_candidates').where('storage_key', 'in', [...referenced]).execute();
    if (!loose.length) return;
    const seen = new Map(
      (await db.selectFrom('storage_orphan_candidates').select(['storage_key', 'first_seen']).where('storage_key', 'in', loose).execute()).map((r) => [r.storage_key, new Date(r.first_seen)]),
    );
    const fresh = loose.filter((k) => !seen.has(k));
    if (fresh.length) {
      await db.insertInto('storage_orphan_candidates').values(fresh.map((k) => ({ storage_key: k, first_seen: now() }))).onConflict((oc) => oc.column('storage_key').doNothing()).execute();
      result.noted += fresh.length;
    }
    const due = loose.filter((k) => seen.has(k) && now().getTime() - seen.get(k)!.getTime() >= grace * 1000);
    for (const key of due) {
      // referenced again since the list was read? the owner is asked once more, key by key
      if ((await owner.referenced(db, [key])).size) continue;
      await opts.storage.delete(key);
      await db.deleteFrom('storage_orphan_candidates').where('storage_key', '=', key).execute();
      result.removed += 1;
    }
  }

  const api = {
    async sweep(): Promise<SweepResult> {
      const result: SweepResult = { checked: 0, noted: 0, removed: 0 };
      for (const owner of opts.owners) {
        let batch: string[] = [];
        for await (const key of opts.storage.list(owner.prefix)) {
          batch.push(key);
          result.checked += 1;
          if (batch.length >= BATCH) {
            await sweepBatch(owner, batch, result);
            batch = [];
          }
        }
        await sweepBatch(owner, batch, result);
      }
      // candidates whose file is gone by other means are forgotten after a while
      await db.deleteFrom('storage_orphan_candidates').where('first_seen', '<', new Date(now().getTime() - 30 * 86_400_000)).execute();
      if (result.removed) opts.log.info(result, 'storage sweep removed unreferenced files');
      return result;
    },
    registerJobs(jobs: JobQueue): void {
      jobs.register(storageSweepJob, async () => void (await api.sweep()));
      jobs.schedule(storageSweepJob, opts.everySeconds ?? 6 * 3600);
    },
  };
  return api;
}
