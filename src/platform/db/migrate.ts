// Applies migrations/NNNN_name.sql in order, once each, on either engine. Each file runs in
// its own transaction under an advisory lock, so several nodes starting together apply each
// migration exactly once. Applied files are never edited: a checksum mismatch stops start-up.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.ts';
import { isUniqueViolation } from './values.ts';

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface MigrationFile {
  version: string;
  file: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = migrationsDir): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: file.slice(0, 4),
        file,
        sql: text,
        checksum: crypto.createHash('sha256').update(text).digest('hex'),
      };
    });
}

const LOCK_KEY = 72_413_001;

/** Applies the pending migrations (with `upTo`, only those up to that version, e.g. `0018`). */
export async function migrate(database: Database, dir = migrationsDir, opts: { upTo?: string } = {}): Promise<string[]> {
  await database.execScript(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY,
    file text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  for (const m of listMigrations(dir)) {
    if (opts.upTo !== undefined && m.version > opts.upTo) break;
    const rows = await sql<{ checksum: string }>`select checksum from schema_migrations where version = ${m.version}`.execute(
      database.db,
    );
    const existing = rows.rows[0];
    if (existing) {
      if (existing.checksum !== m.checksum) {
        throw new Error(`Migration ${m.file} was changed after it was applied; add a new migration instead.`);
      }
      continue;
    }
    try {
      await database.execScript(
        `BEGIN;\nSELECT pg_advisory_xact_lock(${LOCK_KEY});\n` +
          `INSERT INTO schema_migrations (version, file, checksum) VALUES ('${m.version}', '${m.file}', '${m.checksum}');\n` +
          `${m.sql}\nCOMMIT;`,
      );
      applied.push(m.file);
    } catch (err) {
      // Another node applied it while we waited for the lock.
      if (isUniqueViolation(err)) continue;
      throw new Error(`Migration ${m.file} failed: ${(err as Error).message}`);
    }
  }
  return applied;
}
