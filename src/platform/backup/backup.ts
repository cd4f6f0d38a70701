// Backups and restore (S-4) on both engines, with no external tools.
//
// A backup is one consistent snapshot of the database — every table of the application
// schema read in ONE read-only REPEATABLE READ transaction, each table's rows as JSON lines in
// a deterministic order (primary key, text compared byte-wise) — plus the sequences, the
// migration level, and the stored files read through the `Storage` interface. They are
// staged in a temporary folder and written as one tar.gz (optionally AES-256-GCM encrypted,
// see archive.ts) with `manifest.json` first: format version, time, engine, migration level,
// and per table its row count and SHA-256, per file its key, size and SHA-256.
//
// Rows are dumped as PostgreSQL's own JSON of the row (`to_jsonb(t)::text`, with UTC, ISO
// dates and shortest-exact floats fixed for the transaction) and loaded back with
// `jsonb_populate_recordset`, so no value passes through JavaScript numbers or dates and
// the same bytes come out of any engine: a restored database dumps to the same checksums.
//
// Restore goes into an EMPTY installation only: it migrates to the backup's level, then in
// one transaction drops the foreign keys, loads every table, adds the foreign keys back
// (PostgreSQL checks every row then), and sets the sequences; then it puts the files back.
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { sql } from 'kysely';
import type { Database, Executor, Engine } from '../db/database.ts';
import { listMigrations, migrate, migrationsDir } from '../db/migrate.ts';
import { openDatabase } from '../db/database.ts';
import { MeasuringStream, type Storage } from '../storage/storage.ts';
import { BackupError, hashStream, openArchive, writeArchive, type OpenedArchive } from './archive.ts';
import type { TarSource } from './tar.ts';
import { pipeline } from 'node:stream/promises';
import fs from 'node:fs';

export { BackupError } from './archive.ts';

export const BACKUP_FORMAT = 1;
const FETCH_ROWS = 1000;
const INSERT_ROWS = 500;

export interface TableManifest {
  name: string;
  rows: number;
  sha256: string;
  /** Tar entry holding the JSON lines. */
  entry: string;
}

export interface FileManifest {
  key: string;
  size: number;
  sha256: string;
  entry: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  application: 'simpul';
  createdAt: string;
  engine: Engine;
  /** Highest applied migration, e.g. `0026`. */
  migrationLevel: string;
  migrations: { version: string; checksum: string }[];
  tables: TableManifest[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  files: FileManifest[];
}

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
  bytes: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The application's tables (the schema the migrations built), by name. */
async function applicationTables(db: Executor): Promise<string[]> {
  const res = await sql<{ table_name: string }>`select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'schema_migrations'
    order by table_name collate "C"`.execute(db);
  return res.rows.map((r) => r.table_name);
}

/** ORDER BY that gives the same row order on every engine and collation. */
async function orderBy(db: Executor, table: string): Promise<string> {
  const res = await sql<{ attname: string; collatable: boolean }>`select a.attname, a.attcollation <> 0 as collatable
    from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = ${quote(table)}::regclass and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
  if (!res.rows.length) return `(to_jsonb(t)::text) collate "C"`;
  return res.rows.map((r) => (r.collatable ? `t.${quote(r.attname)} collate "C"` : `t.${quote(r.attname)}`)).join(', ');
}

/** Fixes how values print, so a dump's bytes depend on the data only. */
async function fixOutputSettings(trx: Executor): Promise<void> {
  await sql`set local timezone = 'UTC'`.execute(trx);
  await sql`set local datestyle = 'ISO, YMD'`.execute(trx);
  await sql`set local intervalstyle = 'postgres'`.execute(trx);
  await sql`set local extra_float_digits = 1`.execute(trx);
}

/** Streams one table's rows (JSON lines) to `write`; returns the count and SHA-256 of the bytes. */
async function dumpTable(trx: Executor, table: string, write: (chunk: Buffer) => Promise<void>): Promise<{ rows: number; sha256: string }> {
  const order = await orderBy(trx, table);
  const hash = crypto.createHash('sha256');
  let rows = 0;
  await sql.raw(`declare simpul_backup_rows no scroll cursor for select to_jsonb(t)::text as r from ${quote(table)} t order by ${order}`).execute(trx);
  for (;;) {
    const res = await sql.raw<{ r: string }>(`fetch forward ${FETCH_ROWS} from simpul_backup_rows`).execute(trx);
    if (!res.rows.length) break;
    const chunk = Buffer.from(res.rows.map((x) => x.r + '\n').join(''), 'utf8');
    hash.update(chunk);
    rows += res.rows.length;
    await write(chunk);
  }
  await sql.raw('close simpul_backup_rows').execute(trx);
  return { rows, sha256: hash.digest('hex') };
}

/** Dumps every table in one snapshot. `open(table)` gives where the table's bytes go (or null: only count and hash). */
async function dumpDatabase(
  database: Database,
  open: ((table: string) => Promise<{ write(chunk: Buffer): Promise<void>; close(): Promise<void> }>) | null,
): Promise<Pick<BackupManifest, 'migrationLevel' | 'migrations' | 'sequences'> & { tables: Omit<TableManifest, 'entry'>[] }> {
  return database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set transaction read only`.execute(trx);
      await fixOutputSettings(trx);
      const schema = (await sql<{ t: string | null }>`select to_regclass('schema_migrations')::text as t`.execute(trx)).rows[0]?.t;
      if (!schema) throw new BackupError('This database has no Simpul schema yet (run `simpul migrate` or `simpul start` first); there is nothing to back up.');
      const migrations = (await sql<{ version: string; checksum: string }>`select version, checksum from schema_migrations order by version`.execute(trx)).rows;
      const tables: Omit<TableManifest, 'entry'>[] = [];
      for (const name of await applicationTables(trx)) {
        const sink = open ? await open(name) : null;
        try {
          const r = await dumpTable(trx, name, sink ? (c) => sink.write(c) : async () => {});
          tables.push({ name, ...r });
        } finally {
          await sink?.close();
        }
      }
      const seqNames = (await sql<{ name: string }>`select sequencename as name from pg_sequences where schemaname = current_schema() order by sequencename collate "C"`.execute(trx)).rows;
      const sequences: BackupManifest['sequences'] = [];
      for (const { name } of seqNames) {
        const s = (await sql.raw<{ last_value: string; is_called: boolean }>(`select last_value::text as last_value, is_called from ${quote(name)}`).execute(trx)).rows[0]!;
        sequences.push({ name, lastValue: s.last_value, isCalled: s.is_called });
      }
      return { migrationLevel: migrations.at(-1)?.version ?? '', migrations: migrations.map((m) => ({ version: m.version, checksum: m.checksum })), tables, sequences };
    });
}

/** `simpul-backup-20261207T020000Z.tar.gz[.enc]` */
export function backupFileName(at: Date, encrypted: boolean): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `simpul-backup-${stamp}.tar.gz${encrypted ? '.enc' : ''}`;
}

export const backupFilePattern = /^simpul-backup-(\d{8}T\d{6}Z)\.tar\.gz(\.enc)?$/;

export interface CreateBackupOptions {
  database: Database;
  storage: Storage;
  /** Target folder (created if missing); may be another host's mounted path. */
  dir: string;
  /** Encrypts the archive with this passphrase. */
  passphrase?: string;
  now?: Date;
  /** Where the staging folder goes (default the system's temporary folder). */
  tmpDir?: string;
}

/** Writes one backup file into `opts.dir`; returns its path and manifest. */
export async function createBackup(opts: CreateBackupOptions): Promise<BackupResult> {
  const createdAt = opts.now ?? new Date();
  await fsp.mkdir(opts.dir, { recursive: true });
  const stage = await fsp.mkdtemp(path.join(opts.tmpDir ?? os.tmpdir(), 'simpul-backup-'));
  try {
    let n = 0;
    const tableEntry = new Map<string, string>();
    const db = await dumpDatabase(opts.database, async (table) => {
      const entry = `db/${String(++n).padStart(4, '0')}-${table.replace(/[^a-z0-9_]/gi, '_').slice(0, 60)}.jsonl`;
      tableEntry.set(table, entry);
      const handle = await fsp.open(path.join(stage, entry.replace('/', '_')), 'wx', 0o600);
      return { write: async (c) => void (await handle.write(c)), close: () => handle.close() };
    });
    // Files are read after the database snapshot: a file uploaded meanwhile is an extra
    // (unreferenced) file in the backup, never a missing one for a row in it.
    const keys: string[] = [];
    for await (const key of opts.storage.list('')) keys.push(key);
    keys.sort();
    const files: FileManifest[] = [];
    for (const key of keys) {
      const stream = await opts.storage.open(key);
      if (!stream) continue; // deleted since it was listed
      const entry = `files/${String(files.length + 1).padStart(6, '0')}`;
      const measure = new MeasuringStream();
      await pipeline(stream, measure, fs.createWriteStream(path.join(stage, entry.replace('/', '_')), { flags: 'wx', mode: 0o600 }));
      files.push({ key, size: measure.size, sha256: measure.digest(), entry });
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      application: 'simpul',
      createdAt: createdAt.toISOString(),
      engine: opts.database.engine,
      migrationLevel: db.migrationLevel,
      migrations: db.migrations,
      tables: db.tables.map((t) => ({ ...t, entry: tableEntry.get(t.name)! })),
      sequences: db.sequences,
      files,
    };
    const sources: TarSource[] = [
      { name: 'manifest.json', bytes: Buffer.from(JSON.stringify(manifest, null, 1) + '\n', 'utf8') },
      ...manifest.tables.map((t) => ({ name: t.entry, path: path.join(stage, t.entry.replace('/', '_')) })),
      ...files.map((f) => ({ name: f.entry, path: path.join(stage, f.entry.replace('/', '_')) })),
    ];
    const file = path.join(opts.dir, backupFileName(createdAt, Boolean(opts.passphrase)));
    await writeArchive(file, sources, opts.passphrase);
    return { file, manifest, bytes: (await fsp.stat(file)).size };
  } finally {
    await fsp.rm(stage, { recursive: true, force: true });
  }
}

/** Reads the manifest and checks every entry's size and checksum; returns the problems found. */
async function checkArchive(archive: OpenedArchive): Promise<{ manifest: BackupManifest; problems: string[] }> {
  if (!archive.entries.has('manifest.json')) throw new BackupError('The backup is damaged: it has no manifest.json.');
  let manifest: BackupManifest;
  try {
    const chunks: Buffer[] = [];
    for await (const c of archive.read('manifest.json')) chunks.push(c as Buffer);
    manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BackupManifest;
  } catch {
    throw new BackupError('The backup is damaged: manifest.json cannot be read.');
  }
  if (manifest.application !== 'simpul' || manifest.format !== BACKUP_FORMAT) {
    throw new BackupError(`Unsupported backup format ${String(manifest.format)} (this Simpul reads format ${BACKUP_FORMAT}).`);
  }
  const problems: string[] = [];
  for (const t of manifest.tables) {
    if (!archive.entries.has(t.entry)) {
      problems.push(`table ${t.name}: missing from the archive`);
      continue;
    }
    const h = await hashStream(archive.read(t.entry));
    if (h.sha256 !== t.sha256) problems.push(`table ${t.name}: checksum differs from the manifest`);
  }
  for (const f of manifest.files) {
    if (!archive.entries.has(f.entry)) {
      problems.push(`file ${f.key}: missing from the archive`);
      continue;
    }
    const h = await hashStream(archive.read(f.entry));
    if (h.sha256 !== f.sha256 || h.size !== f.size) problems.push(`file ${f.key}: size or checksum differs from the manifest`);
  }
  return { manifest, problems };
}

/**
 * Tables that migrations fill with reference rows (`INSERT INTO` in a migration file: the IKM
 * elements, the processing register, …). Their rows do not make an installation "not empty", and
 * a restore replaces them with the archive's (which an administrator may have edited).
 */
export function migrationSeededTables(dir = migrationsDir): Set<string> {
  const found = new Set<string>();
  for (const m of listMigrations(dir)) for (const hit of m.sql.matchAll(/\binsert\s+into\s+"?([a-z_][a-z0-9_]*)"?/gi)) found.add(hit[1]!.toLowerCase());
  return found;
}

/** The tables that hold rows other than migrations' reference rows (empty list: an empty installation). */
async function nonEmptyTables(database: Database, dir: string): Promise<string[]> {
  const found: string[] = [];
  const seeded = migrationSeededTables(dir);
  for (const t of await applicationTables(database.db)) {
    if (seeded.has(t)) continue;
    const res = await sql.raw<{ x: number }>(`select 1 as x from ${quote(t)} limit 1`).execute(database.db);
    if (res.rows.length) found.push(t);
  }
  return found;
}

/** Refuses a backup whose migrations this version does not have (or has in another form). */
function checkMigrations(manifest: BackupManifest, dir: string): void {
  const local = new Map(listMigrations(dir).map((m) => [m.version, m.checksum]));
  for (const m of manifest.migrations) {
    const here = local.get(m.version);
    if (!here) throw new BackupError(`The backup was made by a newer Simpul (migration ${m.version} is unknown here); restore it with that version or later.`);
    if (here !== m.checksum) throw new BackupError(`Migration ${m.version} of the backup differs from this version's file; restore with the Simpul version that made the backup.`);
  }
}

/** Loads the archive's rows into a database migrated to the backup's level and with no rows. */
async function loadDatabase(database: Database, archive: OpenedArchive, manifest: BackupManifest, dir: string): Promise<void> {
  const seeded = migrationSeededTables(dir);
  await database.db.transaction().execute(async (trx) => {
    await fixOutputSettings(trx);
    // Triggers that derive rows from others (the executive module's change marks) stand still
    // while the rows are loaded: the derived rows come from the archive itself.
    await sql`select set_config('simpul.restoring', 'on', true)`.execute(trx);
    const fks = (
      await sql<{ tbl: string; conname: string; def: string }>`select conrelid::regclass::text as tbl, conname, pg_get_constraintdef(oid) as def
        from pg_constraint where contype = 'f' and connamespace = current_schema()::regnamespace order by conrelid::regclass::text, conname`.execute(trx)
    ).rows;
    for (const fk of fks) await sql.raw(`alter table ${fk.tbl} drop constraint ${quote(fk.conname)}`).execute(trx);
    const present = new Set(await applicationTables(trx));
    for (const t of manifest.tables) {
      if (!present.has(t.name)) throw new BackupError(`Table ${t.name} of the backup does not exist at migration ${manifest.migrationLevel}.`);
      // The migrations' reference rows give way to the archive's copy of them.
      if (seeded.has(t.name)) await sql.raw(`delete from ${quote(t.name)}`).execute(trx);
      const cols = (
        await sql<{ column_name: string }>`select column_name from information_schema.columns
          where table_schema = current_schema() and table_name = ${t.name} and is_generated = 'NEVER' order by ordinal_position`.execute(trx)
      ).rows.map((c) => quote(c.column_name));
      const insertHead = sql.raw(`insert into ${quote(t.name)} (${cols.join(', ')}) overriding system value select ${cols.join(', ')} from jsonb_populate_recordset(null::${quote(t.name)}, `);
      let batch: string[] = [];
      let loaded = 0;
      const flush = async () => {
        if (!batch.length) return;
        await sql`${insertHead}${`[${batch.join(',')}]`}::jsonb)`.execute(trx);
        loaded += batch.length;
        batch = [];
      };
      const lines = readline.createInterface({ input: archive.read(t.entry), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line) continue;
        batch.push(line);
        if (batch.length >= INSERT_ROWS) await flush();
      }
      await flush();
      if (loaded !== t.rows) throw new BackupError(`Table ${t.name}: ${loaded} rows in the archive, the manifest says ${t.rows}.`);
    }
    for (const fk of fks) await sql.raw(`alter table ${fk.tbl} add constraint ${quote(fk.conname)} ${fk.def}`).execute(trx);
    for (const s of manifest.sequences) {
      await sql`select setval(${quote(s.name)}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`.execute(trx);
    }
  });
}

export interface RestoreOptions {
  database: Database;
  storage: Storage;
  file: string;
  passphrase?: string;
  migrations?: string;
  tmpDir?: string;
  /** Progress lines for the operator. */
  say?: (line: string) => void;
}

/** Restores `file` into an empty installation (database and files). */
export async function restoreBackup(opts: RestoreOptions): Promise<BackupManifest> {
  const say = opts.say ?? (() => {});
  const dir = opts.migrations ?? migrationsDir;
  const archive = await openArchive(opts.file, opts.passphrase, opts.tmpDir);
  try {
    const { manifest, problems } = await checkArchive(archive);
    if (problems.length) throw new BackupError(`The backup is damaged; nothing was restored:\n  ${problems.join('\n  ')}`);
    checkMigrations(manifest, dir);
    const hasMigrations = (await sql<{ t: string | null }>`select to_regclass('schema_migrations')::text as t`.execute(opts.database.db)).rows[0]?.t;
    if (hasMigrations) {
      const busy = await nonEmptyTables(opts.database, dir);
      if (busy.length) {
        throw new BackupError(
          `The database is not empty (rows in ${busy.slice(0, 5).join(', ')}${busy.length > 5 ? ', …' : ''}); restore only into a new, empty installation. Nothing was changed.`,
        );
      }
      const ahead = (await sql<{ version: string }>`select version from schema_migrations where version > ${manifest.migrationLevel} order by version`.execute(opts.database.db)).rows;
      if (ahead.length) {
        throw new BackupError(`The database is already migrated past the backup (to ${ahead.at(-1)!.version}, the backup is at ${manifest.migrationLevel}); restore into a new installation. Nothing was changed.`);
      }
    }
    for await (const key of opts.storage.list('')) {
      throw new BackupError(`The file storage is not empty (e.g. ${key}); restore only into a new, empty installation. Nothing was changed.`);
    }
    say(`Backup of ${manifest.createdAt} (${manifest.engine}, migration ${manifest.migrationLevel}): ${manifest.tables.reduce((a, t) => a + t.rows, 0)} rows, ${manifest.files.length} files.`);
    await migrate(opts.database, dir, { upTo: manifest.migrationLevel });
    await loadDatabase(opts.database, archive, manifest, dir);
    say('Database restored.');
    for (const f of manifest.files) {
      const stored = await opts.storage.put(f.key, archive.read(f.entry), 'application/octet-stream');
      if (stored.sha256 !== f.sha256) throw new BackupError(`File ${f.key} was stored with another checksum than the backup's.`);
    }
    say(`${manifest.files.length} files restored.`);
    return manifest;
  } finally {
    await archive.close();
  }
}

export interface VerifyReport {
  ok: boolean;
  lines: string[];
  manifest?: BackupManifest;
}

/**
 * Checks a backup: every entry against the manifest, then the rows restored into a scratch
 * database (an in-memory PGlite) and dumped again must give the same counts and checksums.
 */
export async function verifyBackup(opts: { file: string; passphrase?: string; migrations?: string; tmpDir?: string }): Promise<VerifyReport> {
  const lines: string[] = [];
  let archive: OpenedArchive;
  try {
    archive = await openArchive(opts.file, opts.passphrase, opts.tmpDir);
  } catch (err) {
    if (err instanceof BackupError) return { ok: false, lines: [`FAILED: ${err.message}`] };
    throw err;
  }
  try {
    let manifest: BackupManifest;
    let problems: string[];
    try {
      ({ manifest, problems } = await checkArchive(archive));
      checkMigrations(manifest, opts.migrations ?? migrationsDir);
    } catch (err) {
      if (err instanceof BackupError) return { ok: false, lines: [`FAILED: ${err.message}`] };
      throw err;
    }
    lines.push(`Backup of ${manifest.createdAt}, ${manifest.engine}, migration ${manifest.migrationLevel}${archive.encrypted ? ', encrypted' : ''}.`);
    lines.push(`Archive: ${manifest.tables.length} tables, ${manifest.files.length} files checked against the manifest: ${problems.length ? `${problems.length} problem(s)` : 'all match'}.`);
    for (const p of problems) lines.push(`  ${p}`);
    if (problems.length) return { ok: false, lines: [...lines, 'FAILED: the archive does not match its manifest.'], manifest };
    const scratch = await openDatabase({ pgliteDir: 'memory://' });
    try {
      await migrate(scratch, opts.migrations ?? migrationsDir, { upTo: manifest.migrationLevel });
      try {
        await loadDatabase(scratch, archive, manifest, opts.migrations ?? migrationsDir);
      } catch (err) {
        return { ok: false, lines: [...lines, `FAILED: the rows do not restore: ${(err as Error).message}`], manifest };
      }
      const again = await dumpDatabase(scratch, null);
      const byName = new Map(again.tables.map((t) => [t.name, t]));
      let bad = 0;
      let rows = 0;
      for (const t of manifest.tables) {
        const r = byName.get(t.name);
        rows += t.rows;
        if (!r || r.rows !== t.rows || r.sha256 !== t.sha256) {
          bad++;
          lines.push(`  table ${t.name}: backup ${t.rows} rows, restored ${r?.rows ?? 0} rows${r && r.rows === t.rows ? ' (checksums differ)' : ''}`);
        }
      }
      lines.push(`Restore into a scratch database: ${manifest.tables.length - bad} of ${manifest.tables.length} tables (${rows} rows) identical.`);
      if (bad) return { ok: false, lines: [...lines, 'FAILED: the restored rows differ from the backup.'], manifest };
      return { ok: true, lines: [...lines, 'OK: the backup restores completely.'], manifest };
    } finally {
      await scratch.close();
    }
  } finally {
    await archive.close();
  }
}

/**
 * Removes old backups in `dir` (only files named as Simpul names them): those beyond the
 * newest `keep`, and those older than `maxAgeDays` when given. The newest is never removed.
 */
export async function pruneBackups(dir: string, opts: { keep: number; maxAgeDays?: number; now?: Date }): Promise<string[]> {
  const now = opts.now ?? new Date();
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const backups = names
    .map((name) => {
      const m = backupFilePattern.exec(name);
      if (!m) return null;
      const s = m[1]!;
      const at = new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);
      return { name, at };
    })
    .filter((b): b is { name: string; at: Date } => b !== null && !Number.isNaN(b.at.getTime()))
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.name < b.name ? 1 : -1));
  const removed: string[] = [];
  backups.forEach((b, i) => {
    if (i === 0) return;
    const tooOld = opts.maxAgeDays !== undefined && now.getTime() - b.at.getTime() > opts.maxAgeDays * 86_400_000;
    if (i >= Math.max(1, opts.keep) || tooOld) removed.push(b.name);
  });
  for (const name of removed) await fsp.rm(path.join(dir, name), { force: true });
  return removed;
}
