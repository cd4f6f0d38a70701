// `simpul backup [--to DIR] [--encrypt]`, `simpul backup verify FILE` and `simpul restore FILE`
// (S-4): for the operator with shell access. On PGlite the data folder is locked by a running
// `simpul start`, so these commands run while Simpul is stopped (the scheduled backup job runs
// inside the server instead). Exit codes: 0 done, 1 verification failed, 2 refused.
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import type { Database } from '../platform/db/database.ts';
import { createStorage } from '../platform/storage/create-storage.ts';
import { BackupError, createBackup, pruneBackups, restoreBackup, verifyBackup } from '../platform/backup/backup.ts';
import type { CliOutput } from './user.ts';

const consoleOutput: CliOutput = { out: (l) => console.log(l), err: (l) => console.error(l) };

export const backupUsage = `Usage:
  simpul backup [--to DIR] [--encrypt]   write a backup (database and files) into DIR (default BACKUP_DIR)
  simpul backup verify FILE              restore FILE into a scratch database and compare checksums
  simpul restore FILE                    restore FILE into a new, empty installation

--encrypt (or BACKUP_ENCRYPT=true) encrypts with the passphrase in BACKUP_ENCRYPTION_KEY, which
verify and restore need as well.`;

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

function isParseError(err: unknown): err is TypeError {
  return err instanceof TypeError && Boolean((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'));
}

/** `simpul backup …`; returns the exit code. */
export async function runBackupCommand(config: Config, open: () => Promise<Database>, args: string[], io: CliOutput = consoleOutput): Promise<number> {
  try {
    if (args[0] === 'verify') {
      const { positionals } = parseArgs({ args: args.slice(1), options: {}, allowPositionals: true, strict: true });
      if (positionals.length !== 1) {
        io.err(backupUsage);
        return 2;
      }
      const report = await verifyBackup({ file: positionals[0]!, passphrase: config.backup.encryptionKey });
      for (const line of report.lines) (report.ok ? io.out : io.err)(line);
      return report.ok ? 0 : 1;
    }
    const { values, positionals } = parseArgs({ args, options: { to: { type: 'string' }, encrypt: { type: 'boolean' } }, allowPositionals: true, strict: true });
    if (positionals.length) {
      io.err(`Unknown argument: ${positionals[0]}\n\n${backupUsage}`);
      return 2;
    }
    const dir = values.to ?? config.backup.dir;
    if (!dir) {
      io.err('Where to? Give --to DIR or set BACKUP_DIR.');
      return 2;
    }
    const encrypt = values.encrypt ?? config.backup.encrypt;
    if (encrypt && !config.backup.encryptionKey) {
      io.err('--encrypt needs the passphrase in BACKUP_ENCRYPTION_KEY (16+ characters).');
      return 2;
    }
    const database = await open();
    try {
      const started = Date.now();
      const result = await createBackup({ database, storage: createStorage(config), dir, passphrase: encrypt ? config.backup.encryptionKey : undefined });
      const rows = result.manifest.tables.reduce((a, t) => a + t.rows, 0);
      io.out(`Backup written: ${result.file}`);
      io.out(`  ${rows} rows in ${result.manifest.tables.length} tables, ${result.manifest.files.length} files; ${formatBytes(result.bytes)}${encrypt ? ', encrypted' : ''}; ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      if (!values.to || values.to === config.backup.dir) {
        const removed = await pruneBackups(dir, { keep: config.backup.keep, maxAgeDays: config.backup.retentionDays });
        if (removed.length) io.out(`  Old backups removed: ${removed.join(', ')}`);
      }
    } finally {
      await database.close();
    }
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      io.err(err.message);
      return 2;
    }
    if (isParseError(err)) {
      io.err(`${err.message}\n\n${backupUsage}`);
      return 2;
    }
    throw err;
  }
}

/** `simpul restore FILE`; returns the exit code. */
export async function runRestoreCommand(config: Config, open: () => Promise<Database>, args: string[], io: CliOutput = consoleOutput): Promise<number> {
  try {
    const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
    if (positionals.length !== 1) {
      io.err(backupUsage);
      return 2;
    }
    const database = await open();
    try {
      const started = Date.now();
      await restoreBackup({ database, storage: createStorage(config), file: positionals[0]!, passphrase: config.backup.encryptionKey, say: io.out });
      io.out(`Restored in ${((Date.now() - started) / 1000).toFixed(1)} s. Start Simpul (\`simpul start\`) to apply any newer migrations.`);
    } finally {
      await database.close();
    }
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      io.err(err.message);
      return 2;
    }
    if (isParseError(err)) {
      io.err(`${err.message}\n\n${backupUsage}`);
      return 2;
    }
    throw err;
  }
}
