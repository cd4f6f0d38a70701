// Migrations on both engines: applied once each, in order, all-or-nothing per file; an applied
// file that was edited stops start-up; several nodes starting together apply each file once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, openTwoHandles } from '../../../test/database.ts';
import type { Database } from './database.ts';
import { listMigrations, migrate, migrationsDir } from './migrate.ts';

let handles: Awaited<ReturnType<typeof openTwoHandles>>;
let database: Database;
const dirs: string[] = [];

/** A migrations folder: the real files plus `extra` (name → SQL), optionally with edits. */
function folder(extra: Record<string, string>, edit?: (file: string, text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-migrations-'));
  dirs.push(dir);
  for (const m of listMigrations()) fs.writeFileSync(path.join(dir, m.file), edit ? edit(m.file, m.sql) : m.sql);
  for (const [file, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

async function tableExists(name: string): Promise<boolean> {
  const r = await sql<{ t: string | null }>`select to_regclass(${name})::text as t`.execute(database.db);
  return r.rows[0]!.t !== null;
}

async function applied(): Promise<string[]> {
  const r = await sql<{ file: string }>`select file from schema_migrations order by version`.execute(database.db);
  return r.rows.map((x) => x.file);
}

beforeAll(async () => {
  handles = await openTwoHandles();
  database = handles.a;
});
afterAll(async () => {
  await handles?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe(`migrations (${engine})`, () => {
  it('[S-3] are applied once each: running again changes nothing', async () => {
    const files = listMigrations().map((m) => m.file);
    expect(files.length).toBeGreaterThan(0);
    expect(files[0]).toBe('0001_foundation.sql');
    expect(await applied()).toEqual(files);
    expect(await migrate(database)).toEqual([]);
    expect(await migrate(database, migrationsDir)).toEqual([]);
    const r = await sql<{ version: string; checksum: string }>`select version, checksum from schema_migrations order by version`.execute(database.db);
    expect(r.rows).toEqual(listMigrations().map((m) => ({ version: m.version, checksum: m.checksum })));
  });

  it('[S-3] a new file is applied, and only it', async () => {
    const dir = folder({ '9990_uji_tambah.sql': 'CREATE TABLE uji_tambah (id int PRIMARY KEY);\nINSERT INTO uji_tambah VALUES (1);' });
    expect(await migrate(database, dir)).toEqual(['9990_uji_tambah.sql']);
    expect(await tableExists('uji_tambah')).toBe(true);
    expect(await migrate(database, dir)).toEqual([]);
  });

  it('[S-3] a failing file leaves nothing behind and stops the files after it', async () => {
    const dir = folder({
      '9991_uji_rusak.sql': 'CREATE TABLE uji_rusak (id int);\nINSERT INTO uji_rusak VALUES (1);\nSELECT 1 / 0;',
      '9992_uji_sesudah.sql': 'CREATE TABLE uji_sesudah (id int);',
    });
    await expect(migrate(database, dir)).rejects.toThrow(/Migration 9991_uji_rusak\.sql failed: division by zero/);
    expect(await tableExists('uji_rusak')).toBe(false);
    expect(await tableExists('uji_sesudah')).toBe(false);
    expect(await applied()).not.toContain('9991_uji_rusak.sql');
    // The database is usable afterwards (no transaction left open).
    expect(await migrate(database)).toEqual([]);
  });

  it('[S-3] an applied file that was edited is refused', async () => {
    const dir = folder({}, (file, text) => (file === '0001_foundation.sql' ? `${text}\n-- edited after release\n` : text));
    await expect(migrate(database, dir)).rejects.toThrow(/0001_foundation\.sql was changed after it was applied/);
  });

  it('[S-2] nodes that start together apply each new file exactly once', async () => {
    const dir = folder({ '9993_uji_bersama.sql': 'CREATE TABLE uji_bersama (n int);\nINSERT INTO uji_bersama VALUES (1);' });
    const results = await Promise.all([migrate(handles.a, dir), migrate(handles.b, dir), migrate(handles.a, dir)]);
    expect(results.flat().filter((f) => f === '9993_uji_bersama.sql')).toHaveLength(1);
    const r = await sql<{ n: number }>`select count(*)::int8 as n from uji_bersama`.execute(database.db);
    expect(r.rows[0]!.n).toBe(1);
  });
});
