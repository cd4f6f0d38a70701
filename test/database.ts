// Databases for platform tests that need no app (job queue, mailer, database layer): on the
// engine the Vitest project names, without importing the modules. On PostgreSQL each call
// clones the migrated template; `openTwoHandles` opens two pools on one database, as two
// Simpul nodes would.
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

export type TestEngine = 'pglite' | 'postgres';
export const engine: TestEngine = process.env.SIMPUL_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

/** Creates a fresh PostgreSQL database from the run's migrated template; returns its URL. */
export async function clonePostgresDatabase(): Promise<string> {
  const template = inject('pgTemplate');
  const adminUrl = inject('pgAdminUrl');
  const name = `simpul_t_${template.replace('simpul_tpl_', '')}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

let snapshot: Blob | undefined;

/**
 * An in-memory PGlite of its own, opened from the run's migrated snapshot (test/pglite-setup.ts).
 * A run without that setup (a single file started by hand with another config) migrates instead.
 */
export async function openPgliteTestDatabase(): Promise<Database> {
  const file = inject('pgliteSnapshot');
  if (!file) {
    const database = await openDatabase({ pgliteDir: 'memory://' });
    await migrate(database);
    return database;
  }
  snapshot ??= new Blob([fs.readFileSync(file)]);
  const database = await openDatabase({ pgliteDir: 'memory://', pgliteLoadDataDir: snapshot });
  await migrate(database); // a no-op on a current snapshot; catches a stale one
  return database;
}

/** A migrated database of its own: a clone on PostgreSQL, an in-memory PGlite otherwise. */
export async function openPlatformDatabase(): Promise<Database> {
  if (engine === 'postgres') return openDatabase({ databaseUrl: await clonePostgresDatabase(), poolSize: 4 });
  return openPgliteTestDatabase();
}

/** Two handles on one database: two pools on PostgreSQL, the same instance on PGlite. */
export async function openTwoHandles(): Promise<{ a: Database; b: Database; url: string | null; close(): Promise<void> }> {
  if (engine === 'postgres') {
    const url = await clonePostgresDatabase();
    const a = await openDatabase({ databaseUrl: url, poolSize: 4 });
    const b = await openDatabase({ databaseUrl: url, poolSize: 4 });
    return { a, b, url, close: async () => void (await Promise.all([a.close(), b.close()])) };
  }
  const a = await openPlatformDatabase();
  return { a, b: a, url: null, close: () => a.close() };
}
