// Builds a real Simpul app for integration tests, on the engine the Vitest project names:
// SIMPUL_TEST_ENGINE=pglite (in-memory PGlite) or postgres (a fresh clone of the migrated
// template database on the PostgreSQL server). No mocks of our own database.
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type BuiltApp, type Deps } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { openPgliteTestDatabase } from './database.ts';
import { createLogger } from '../src/platform/log.ts';

export type TestEngine = 'pglite' | 'postgres';
export const engine: TestEngine = process.env.SIMPUL_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

export interface TestApp extends BuiltApp {
  database: Database;
  deps: Deps;
  config: Config;
  /** Runs due background jobs now (mail delivery, …). */
  runJobs(): Promise<number>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', SESSION_SECRET: 'test-secret-0123456789-abcdefghijklmnop', REGISTER_RATE_PER_IP: '100000', ENCRYPTION_KEY: 'test-encryption-key-0123456789-abcdefghijk' },
    overrides,
  );
}

export async function openTestDatabase(): Promise<Database> {
  if (engine === 'postgres') {
    const template = inject('pgTemplate');
    const adminUrl = inject('pgAdminUrl');
    const run = template.replace('simpul_tpl_', '');
    const name = `simpul_t_${run}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    return openDatabase({ databaseUrl: u.toString(), poolSize: 5 });
  }
  return openPgliteTestDatabase();
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const database = await openTestDatabase();
  const built = await buildApp(config, database, { logger: createLogger(config) });
  await built.app.ready();
  return {
    ...built,
    database,
    config,
    runJobs: () => built.deps.jobs.runDue(),
    async close() {
      await built.close();
      await database.close();
    },
  };
}
