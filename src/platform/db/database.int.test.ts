// The database layer on both engines: one value shape, transactions that roll back whole,
// no request reading another's open transaction, and (PGlite) one process per data folder.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, openPlatformDatabase } from '../../../test/database.ts';
import { openDatabase, type Database, type Executor } from './database.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let database: Database;

beforeAll(async () => {
  database = await openPlatformDatabase();
  await database.execScript('CREATE TABLE uji_rows (id serial PRIMARY KEY, label text NOT NULL UNIQUE)');
});
afterAll(async () => database?.close());

async function count(label: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int8 as n from uji_rows where label = ${label}`.execute(database.db);
  return r.rows[0]!.n;
}

const insert = (db: Executor, label: string) => sql`insert into uji_rows (label) values (${label})`.execute(db);

describe(`database layer (${engine})`, () => {
  it('[S-3] gives the same value shapes on both engines', async () => {
    const r = await sql<{ big: number; num: string; day: string; at: Date; doc: unknown; flag: boolean; id: string }>`
      select 9007199254740991::int8 as big, 12.50::numeric(10,2) as num, date '2026-11-23' as day,
        timestamptz '2026-11-23 14:05:00+08' as at, '{"a":[1,"dua"]}'::jsonb as doc, true as flag,
        gen_random_uuid() as id`.execute(database.db);
    const row = r.rows[0]!;
    expect(row.big).toBe(Number.MAX_SAFE_INTEGER);
    expect(row.num).toBe('12.50');
    expect(row.day).toBe('2026-11-23');
    expect(row.at).toBeInstanceOf(Date);
    expect(row.at.toISOString()).toBe('2026-11-23T06:05:00.000Z');
    expect(row.doc).toEqual({ a: [1, 'dua'] });
    expect(row.flag).toBe(true);
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('[S-3] a transaction that fails leaves nothing behind', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await insert(trx, 'rollback-1');
        await insert(trx, 'rollback-2');
        await insert(trx, 'rollback-1'); // unique violation
      }),
    ).rejects.toThrow();
    expect(await count('rollback-1')).toBe(0);
    expect(await count('rollback-2')).toBe(0);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await insert(trx, 'rollback-3');
        throw new Error('business rule refused');
      }),
    ).rejects.toThrow('business rule refused');
    expect(await count('rollback-3')).toBe(0);
    // The connection is healthy afterwards.
    await database.db.transaction().execute((trx) => insert(trx, 'committed'));
    expect(await count('committed')).toBe(1);
  });

  it('[S-3] a request never reads another request’s open transaction', async () => {
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const didInsert = new Promise<void>((r) => (inserted = r));
    const trx = database.db.transaction().execute(async (t) => {
      await insert(t, 'in-flight');
      inserted();
      await hold;
    });
    await didInsert;
    let outside: number | null = null;
    const reader = count('in-flight').then((n) => (outside = n));
    await new Promise((r) => setTimeout(r, 150));
    if (engine === 'pglite') {
      // One connection: the reader waits for the transaction instead of interleaving with it.
      expect(outside).toBeNull();
    } else {
      // Its own connection, READ COMMITTED: it does not wait and does not see the row.
      expect(outside).toBe(0);
    }
    release();
    await trx;
    await reader;
    if (engine === 'pglite') expect(outside).toBe(1);
    expect(await count('in-flight')).toBe(1);
  });

  it('[S-2] several requests at once all complete, none lost', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 ? database.db.transaction().execute((trx) => insert(trx, `parallel-${i}`)) : insert(database.db, `parallel-${i}`),
      ),
    );
    const r = await sql<{ n: number }>`select count(*)::int8 as n from uji_rows where label like 'parallel-%'`.execute(database.db);
    expect(r.rows[0]!.n).toBe(20);
  });
});

describe.runIf(engine === 'pglite')('PGlite data folder lock', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-lock-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const lockFile = () => path.join(dir, 'simpul.lock');

  it('[S-3] holds the folder with a lock file while open and releases it on close', async () => {
    const db = await openDatabase({ pgliteDir: dir });
    expect(fs.readFileSync(lockFile(), 'utf8')).toBe(String(process.pid));
    await expect(openDatabase({ pgliteDir: dir })).rejects.toThrow(/already open in this process/);
    await db.close();
    expect(fs.existsSync(lockFile())).toBe(false);
    const again = await openDatabase({ pgliteDir: dir }); // reopen after close
    await again.close();
  });

  it('[S-3] refuses a folder whose lock belongs to a live process', async () => {
    const live = process.ppid; // alive and not us
    fs.writeFileSync(lockFile(), String(live));
    await expect(openDatabase({ pgliteDir: dir })).rejects.toThrow(new RegExp(`in use by another Simpul process \\(pid ${live}\\)`));
    expect(fs.readFileSync(lockFile(), 'utf8')).toBe(String(live)); // left alone
    fs.unlinkSync(lockFile());
  });

  it('[S-3] takes over a stale lock whose process is gone', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    fs.writeFileSync(lockFile(), String(pid));
    const db = await openDatabase({ pgliteDir: dir });
    expect(fs.readFileSync(lockFile(), 'utf8')).toBe(String(process.pid));
    await db.close();
  });

  it('[S-3] a second Simpul process on the same folder refuses to start', async () => {
    const db = await openDatabase({ pgliteDir: dir });
    try {
      const script = path.join(dir, 'second.mts');
      fs.writeFileSync(
        script,
        `import { openDatabase } from ${JSON.stringify(path.join(root, 'src/platform/db/database.ts'))};\n` +
          `try { await openDatabase({ pgliteDir: ${JSON.stringify(dir)} }); console.log('OPENED'); process.exit(0); }\n` +
          `catch (e) { console.log(String((e as Error).message)); process.exit(3); }\n`,
      );
      const run = promisify(execFile);
      const result = await run(path.join(root, 'node_modules/.bin/tsx'), [script], { cwd: root }).catch((e: { code: number; stdout: string }) => e);
      expect((result as { code?: number }).code).toBe(3);
      expect(result.stdout).toContain(`in use by another Simpul process (pid ${process.pid})`);
    } finally {
      await db.close();
    }
  });
});
