// Recovery time of the demo region (S-4), on both engines: loads the demo (with its files) into
// a new database, then times `backup` (plain and encrypted), `backup verify` and `restore` into a
// new, empty database (migrations included), as the CLI commands run them. PGlite uses data
// folders on disk, PostgreSQL temporary databases on the server at BENCH_PG_ADMIN_URL.
// Run: `npx tsx bench/backup.ts` (BENCH_ENGINES=pglite,postgres).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createLocalStorage } from '../src/platform/storage/storage.ts';
import { createBackup, restoreBackup, verifyBackup } from '../src/platform/backup/backup.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { adminQuery, pgAdminUrl, postgresReachable, table } from './lib.ts';

const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
const passphrase = 'bench-passphrase-0123456789';
const seconds = (ms: number) => (ms / 1000).toFixed(1).replace('.', ',') + ' s';

async function newDatabase(engine: string, dir: string, label: string): Promise<{ database: Database; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const database = await openDatabase({ pgliteDir: path.join(dir, label) });
    return { database, drop: async () => {} };
  }
  const name = `simpul_bench_backup_${label}_${crypto.randomBytes(3).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const u = new URL(pgAdminUrl);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
  return { database, drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

const rows: string[][] = [];
for (const engine of engines) {
  if (engine === 'postgres' && !(await postgresReachable())) {
    console.log(`PostgreSQL not reachable at ${pgAdminUrl}: skipped.`);
    continue;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-backup-'));
  const source = await newDatabase(engine, dir, 'source');
  const target = await newDatabase(engine, dir, 'target');
  try {
    await migrate(source.database);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: path.join(dir, 'data') });
    const built = await buildApp(config, source.database);
    await seedDemo(built.deps);
    const [plain, backupMs] = await timed(() => createBackup({ database: source.database, storage: built.deps.storage, dir: path.join(dir, 'out') }));
    const [, encMs] = await timed(() => createBackup({ database: source.database, storage: built.deps.storage, dir: path.join(dir, 'enc'), passphrase }));
    const [report, verifyMs] = await timed(() => verifyBackup({ file: plain.file }));
    if (!report.ok) throw new Error(report.lines.join('\n'));
    const [, restoreMs] = await timed(() => restoreBackup({ database: target.database, storage: createLocalStorage(path.join(dir, 'restored')), file: plain.file }));
    await built.close();
    const m = plain.manifest;
    rows.push([
      engine,
      `${m.tables.reduce((a, t) => a + t.rows, 0)} rows, ${m.files.length} files`,
      `${(plain.bytes / 1024).toFixed(0)} KiB`,
      seconds(backupMs),
      seconds(encMs),
      seconds(verifyMs),
      seconds(restoreMs),
    ]);
  } finally {
    await source.database.close();
    await target.database.close();
    await source.drop();
    await target.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
table(['engine', 'demo data', 'archive', 'backup', 'backup --encrypt', 'verify', 'restore (with migrations)'], rows);
