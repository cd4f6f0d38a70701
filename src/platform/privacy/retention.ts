// Retention schedules (UU PDP Pasal 42–45: keep personal data no longer than needed). The
// schedule — how many days each record type is kept — is data (`retention_schedules`, seeded
// in migration 0044 and linked to the register of processing activities); how a record type
// is found and removed is declared by the module that owns its table (`RetentionRule`, in
// `<module>.retention.ts`, wired in app.ts like the storage sweep's file owners), so the purge
// reads no module's tables itself. Every run first writes its dry-run report (what is due,
// per record type) to the audit trail, then removes; the data protection officer sees the same
// report at /kelola/pdp/register before anything runs. Files of removed records (a draft's
// attachments) become unreferenced and go with the storage sweep (platform/storage/orphans.ts).
import { z } from 'zod';
import { recordAudit } from '../audit/audit.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import type { Database, Executor } from '../db/database.ts';
import { defineJob, type JobQueue } from '../jobs/queue.ts';
import type { Logger } from '../log.ts';

export interface RetentionRule {
  /** `retention_schedules.record_type`. */
  recordType: string;
  /** How many records are older than `cutoff` (the dry run). */
  count(db: Executor, cutoff: Date): Promise<number>;
  /** Removes them (or empties them of personal data); returns how many. */
  purge(trx: Executor, cutoff: Date, now: Date): Promise<number>;
}

/** The access log itself: kept `keep_days`, then deleted (its rows refuse UPDATE only). */
export const accessLogRetention: RetentionRule = {
  recordType: 'personal_data_access',
  async count(db, cutoff) {
    const r = await db.selectFrom('personal_data_access').select((eb) => eb.fn.countAll<number>().as('n')).where('accessed_at', '<', cutoff).executeTakeFirstOrThrow();
    return Number(r.n);
  },
  async purge(trx, cutoff) {
    const r = await trx.deleteFrom('personal_data_access').where('accessed_at', '<', cutoff).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};

export interface RetentionLine {
  recordType: string;
  keepDays: number;
  activityKey: string | null;
  cutoff: Date;
  /** Records due now; null when no rule enforces this record type. */
  due: number | null;
}

export const retentionPurgeJob = defineJob('retention.purge', z.object({}));
const DAY_MS = 86_400_000;

export function createRetention(opts: { database: Database; rules: RetentionRule[]; log: Logger; everySeconds?: number }) {
  const db = opts.database.db;
  const byType = new Map(opts.rules.map((r) => [r.recordType, r]));

  async function report(now = new Date(), q: Executor = db): Promise<RetentionLine[]> {
    const schedules = await q.selectFrom('retention_schedules').selectAll().orderBy('record_type').execute();
    const lines: RetentionLine[] = [];
    for (const s of schedules) {
      const cutoff = new Date(now.getTime() - s.keep_days * DAY_MS);
      const rule = byType.get(s.record_type);
      lines.push({ recordType: s.record_type, keepDays: s.keep_days, activityKey: s.activity_key, cutoff, due: rule ? await rule.count(q, cutoff) : null });
    }
    return lines;
  }

  /** Writes the dry-run report to the audit trail, then purges every due record type, in one transaction. */
  async function run(who: { actor: Actor | null; meta?: RequestMeta | null; label?: string }, now = new Date()): Promise<Record<string, number>> {
    return db.transaction().execute(async (trx) => {
      const lines = await report(now, trx);
      const dryRun = Object.fromEntries(lines.filter((l) => l.due !== null).map((l) => [l.recordType, l.due]));
      await recordAudit(trx, who, { action: 'retention.report', entityType: 'retention', after: { dueByType: dryRun, at: now.toISOString() } });
      const removed: Record<string, number> = {};
      for (const l of lines) {
        const rule = byType.get(l.recordType);
        if (!rule || !l.due) continue;
        removed[l.recordType] = await rule.purge(trx, l.cutoff, now);
      }
      await recordAudit(trx, who, { action: 'retention.purge', entityType: 'retention', after: { removedByType: removed } });
      return removed;
    });
  }

  return {
    report,
    run,
    registerJobs(jobs: JobQueue) {
      jobs.register(retentionPurgeJob, async () => {
        const removed = await run({ actor: null, label: 'sistem' });
        opts.log.info({ removed }, 'retention purge done');
      });
      jobs.schedule(retentionPurgeJob, opts.everySeconds ?? 86_400);
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
