// The daily scheduled backup (S-4), when BACKUP_DIR is set: the job `backup.daily` is
// scheduled every hour (one job per hourly slot, created once whatever the number of nodes);
// the run whose slot starts at BACKUP_SCHEDULE_HOUR (local time in BACKUP_TIME_ZONE) writes
// the backup and prunes old ones (BACKUP_KEEP, BACKUP_RETENTION_DAYS); the other 23 do
// nothing. So the backup is made once a day, by whichever worker node claims that slot.
// A failed run is retried (the queue's back-off, three attempts) and a partial file never
// keeps the backup's name.
import { z } from 'zod';
import type { BackupConfig } from '../../config.ts';
import type { Database } from '../db/database.ts';
import { defineJob, type JobQueue } from '../jobs/queue.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/storage.ts';
import { createBackup, pruneBackups } from './backup.ts';

export const BACKUP_JOB = defineJob('backup.daily', z.object({ slot: z.string().optional() }));
export const BACKUP_EVERY_SECONDS = 3600;

export interface BackupJobDeps {
  config: { backup: BackupConfig };
  database: Database;
  storage: Storage;
  log: Logger;
}

/** The hour (0–23) of `at` on the clock of `timeZone`. */
export function localHourIn(at: Date, timeZone: string): number {
  const h = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at);
  return Number(h);
}

export interface ScheduledBackupRun {
  /** The backup file, or null when this slot is not the day's backup hour. */
  file: string | null;
  removed: string[];
}

/** The work of one hourly slot: the backup when the slot starts at the configured local hour. */
export async function runScheduledBackup(deps: BackupJobDeps, slot: Date): Promise<ScheduledBackupRun> {
  const b = deps.config.backup;
  if (!b.dir || localHourIn(slot, b.timeZone) !== b.scheduleHour) return { file: null, removed: [] };
  const started = Date.now();
  const result = await createBackup({ database: deps.database, storage: deps.storage, dir: b.dir, passphrase: b.encrypt ? b.encryptionKey : undefined });
  const removed = await pruneBackups(b.dir, { keep: b.keep, maxAgeDays: b.retentionDays });
  deps.log.info(
    { file: result.file, bytes: result.bytes, files: result.manifest.files.length, tables: result.manifest.tables.length, ms: Date.now() - started, removed: removed.length },
    'backup written',
  );
  return { file: result.file, removed };
}

export function createBackupJob(deps: BackupJobDeps) {
  return {
    /** Registers and schedules the daily backup when BACKUP_DIR is set. */
    registerJobs(jobs: JobQueue) {
      if (!deps.config.backup.dir) return;
      jobs.register(BACKUP_JOB, async (payload) => {
        const slot = payload.slot ? new Date(payload.slot) : new Date();
        await runScheduledBackup(deps, slot);
      });
      jobs.schedule(BACKUP_JOB, BACKUP_EVERY_SECONDS);
    },
  };
}
