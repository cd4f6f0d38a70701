// Backups and restore (S-4) on both engines: a backup restored into an empty installation
// gives the same rows (checksums of a second backup) and the same files; an encrypted backup
// opens only with its key; restore refuses a database that has rows; verify catches an
// archive altered after it was written; the daily job writes at its hour and prunes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeStaff } from '../../../test/factories.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { createLocalStorage } from '../storage/storage.ts';
import { BackupError, backupFileName, createBackup, pruneBackups, restoreBackup, verifyBackup, type BackupManifest } from './backup.ts';
import { readTarIndex } from './tar.ts';
import { localHourIn, runScheduledBackup } from './backup.job.ts';
import { runBackupCommand, runRestoreCommand } from '../../cli/backup.ts';

const SLOW = 600_000;
let tmp: string;
let t: TestApp;
const opened: Database[] = [];

/** A database with nothing in it, not even the migrations (a new installation). */
async function emptyDatabase(): Promise<Database> {
  let database: Database;
  if (engine === 'postgres') {
    const adminUrl = inject('pgAdminUrl');
    const run = inject('pgTemplate').replace('simpul_tpl_', '');
    const name = `simpul_t_${run}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: u.toString(), poolSize: 3 });
  } else {
    database = await openDatabase({ pgliteDir: 'memory://' });
  }
  opened.push(database);
  return database;
}

const summary = (m: BackupManifest) => ({
  tables: m.tables.map((x) => [x.name, x.rows, x.sha256]),
  files: m.files.map((f) => [f.key, f.size, f.sha256]),
  sequences: m.sequences,
  migrationLevel: m.migrationLevel,
});

beforeAll(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'simpul-backup-test-'));
  t = await createTestApp({ dataDir: path.join(tmp, 'source') });
  const agency = await makeAgency(t);
  await makeStaff(t, 'agency_admin', agency, { name: 'Petugas "Kutip" \\ Ñandú 😀' });
  await makeStaff(t, 'super_admin', null);
  await t.deps.storage.put('legal/0a1b2c.pdf', Buffer.from('%PDF-1.4 uji\n'), 'application/pdf');
  await t.deps.storage.put('attachments/ff00.bin', crypto.randomBytes(70_000), 'application/octet-stream');
  await t.deps.storage.put('attachments/empty.txt', Buffer.alloc(0), 'text/plain');
  // Values that must come back exactly: jsonb, timestamptz, a sequence beyond its rows.
  await sql`insert into jobs (name, payload, run_at, dedupe_key) values ('uji.backup', ${JSON.stringify({ big: 9007199254740993n.toString(), nested: { a: [1, 2.5, null] } })}::jsonb, '2026-12-07T01:02:03.456789Z', 'uji:1')`.execute(t.database.db);
}, SLOW);

afterAll(async () => {
  for (const d of opened) await d.close().catch(() => {});
  await t?.close();
  if (tmp) await fsp.rm(tmp, { recursive: true, force: true });
});

describe('backup and restore', () => {
  let plain: string;

  it('[S-4] backup → restore into an empty installation gives the same rows and files', async () => {
    const first = await createBackup({ database: t.database, storage: t.deps.storage, dir: path.join(tmp, 'out') });
    plain = first.file;
    expect(path.basename(first.file)).toMatch(/^simpul-backup-\d{8}T\d{6}Z\.tar\.gz$/);
    expect(first.manifest.engine).toBe(engine);
    expect(first.manifest.files.map((f) => f.key).sort()).toEqual(['attachments/empty.txt', 'attachments/ff00.bin', 'legal/0a1b2c.pdf']);
    expect(first.manifest.tables.find((x) => x.name === 'users')!.rows).toBeGreaterThanOrEqual(2);
    const names = (await readTarIndex(await gunzipTo(first.file))).map((e) => e.name);
    expect(names[0]).toBe('manifest.json');

    const target = await emptyDatabase();
    const targetFiles = createLocalStorage(path.join(tmp, 'restored-files'));
    await restoreBackup({ database: target, storage: targetFiles, file: first.file });

    const second = await createBackup({ database: target, storage: targetFiles, dir: path.join(tmp, 'second') });
    expect(summary(second.manifest)).toEqual(summary(first.manifest));
    for (const key of ['legal/0a1b2c.pdf', 'attachments/ff00.bin', 'attachments/empty.txt']) {
      expect(await targetFiles.get(key)).toEqual(await t.deps.storage.get(key));
    }
    const job = await target.db.selectFrom('jobs').select(['payload', 'run_at']).where('dedupe_key', '=', 'uji:1').executeTakeFirstOrThrow();
    expect(new Date(job.run_at).toISOString()).toBe('2026-12-07T01:02:03.456Z');
    // Sequences continue after the restored rows.
    const maxId = (await target.db.selectFrom('jobs').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m as number;
    const fresh = await target.db.insertInto('jobs').values({ name: 'uji.after', payload: '{}', run_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    expect(fresh.id).toBeGreaterThan(maxId);
  }, SLOW);

  it('[S-4] restore refuses a database that has rows, and changes nothing', async () => {
    const before = (await sql<{ n: number }>`select count(*)::int as n from users`.execute(t.database.db)).rows[0]!.n;
    const err = await restoreBackup({ database: t.database, storage: createLocalStorage(path.join(tmp, 'never')), file: plain }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect((err as Error).message).toMatch(/not empty.*new, empty installation/s);
    expect((await sql<{ n: number }>`select count(*)::int as n from users`.execute(t.database.db)).rows[0]!.n).toBe(before);
  }, SLOW);

  it('[S-4] an encrypted backup opens only with its key, with a clear message', async () => {
    const key = 'kunci-cadangan-uji-0123456789';
    const enc = await createBackup({ database: t.database, storage: t.deps.storage, dir: path.join(tmp, 'enc'), passphrase: key });
    expect(enc.file.endsWith('.tar.gz.enc')).toBe(true);
    const bytes = await fsp.readFile(enc.file);
    expect(bytes.includes(Buffer.from('%PDF-1.4 uji'))).toBe(false);

    const wrong = await restoreBackup({ database: await emptyDatabase(), storage: createLocalStorage(path.join(tmp, 'w')), file: enc.file, passphrase: 'bukan-kunci-yang-benar-000' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(BackupError);
    expect((wrong as Error).message).toMatch(/Wrong key/);
    const none = await verifyBackup({ file: enc.file });
    expect(none.ok).toBe(false);
    expect(none.lines.join('\n')).toMatch(/encrypted: set BACKUP_ENCRYPTION_KEY/);

    const good = await verifyBackup({ file: enc.file, passphrase: key });
    expect(good.lines.join('\n')).toMatch(/OK: the backup restores completely/);
    expect(good.ok).toBe(true);

    // A flipped ciphertext byte fails authentication.
    const altered = path.join(tmp, 'enc', 'altered.tar.gz.enc');
    const copy = Buffer.from(bytes);
    copy[Math.floor(copy.length / 2)]! ^= 0x01;
    await fsp.writeFile(altered, copy);
    const bad = await verifyBackup({ file: altered, passphrase: key });
    expect(bad.ok).toBe(false);
    expect(bad.lines.join('\n')).toMatch(/damaged or was altered/);
  }, SLOW);

  it('[S-4] verify detects a tampered archive', async () => {
    // A flipped byte in the compressed file.
    const bytes = await fsp.readFile(plain);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x20;
    const flippedFile = path.join(tmp, 'flipped.tar.gz');
    await fsp.writeFile(flippedFile, flipped);
    const r1 = await verifyBackup({ file: flippedFile });
    expect(r1.ok).toBe(false);
    const io = { out: [] as string[], err: [] as string[] };
    const code = await runBackupCommand(t.config, async () => t.database, ['verify', flippedFile], { out: (l) => io.out.push(l), err: (l) => io.err.push(l) });
    expect(code).toBe(1);
    expect(io.err.join('\n')).toMatch(/FAILED/);

    // A changed row inside a well-formed archive: the table's checksum no longer matches.
    const tarPath = await gunzipTo(plain);
    const entries = await readTarIndex(tarPath);
    const usersEntry = entries.find((e) => /-users\.jsonl$/.test(e.name))!;
    const tar = await fsp.readFile(tarPath);
    // E-mail addresses are sealed at rest, so change a clear column: a user's status.
    const at = tar.indexOf(Buffer.from('"active"'), usersEntry.offset);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(usersEntry.offset + usersEntry.size);
    tar[at + 1] = 'A'.charCodeAt(0);
    const rewritten = path.join(tmp, 'rewritten.tar.gz');
    await fsp.writeFile(rewritten, zlib.gzipSync(tar));
    const r2 = await verifyBackup({ file: rewritten });
    expect(r2.ok).toBe(false);
    expect(r2.lines.join('\n')).toMatch(/table users: checksum differs/);
    const refused = await restoreBackup({ database: await emptyDatabase(), storage: createLocalStorage(path.join(tmp, 'r2')), file: rewritten }).catch((e: unknown) => e);
    expect((refused as Error).message).toMatch(/damaged; nothing was restored/);
  }, SLOW);
});

describe('command line', () => {
  it('[S-4] simpul backup writes into --to, simpul restore refuses a non-empty installation (exit 2)', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    // The command closes what it opens: hand it a handle whose close leaves the test's database open.
    const open = async () => ({ ...t.database, close: async () => {} });
    const dir = path.join(tmp, 'cli');
    expect(await runBackupCommand(t.config, open, ['--to', dir], io)).toBe(0);
    expect(lines[0]).toMatch(/^Backup written: .*simpul-backup-\d{8}T\d{6}Z\.tar\.gz$/);
    const [file] = await fsp.readdir(dir);
    expect(await runBackupCommand(t.config, open, ['--to', dir, '--encrypt'], io)).toBe(2);
    expect(lines.at(-1)).toMatch(/BACKUP_ENCRYPTION_KEY/);
    expect(await runRestoreCommand(t.config, open, [path.join(dir, file!)], io)).toBe(2);
    expect(lines.at(-1)).toMatch(/not empty/);
    expect(await runBackupCommand(t.config, open, ['--bogus'], io)).toBe(2);
  }, SLOW);
});

describe('scheduled backups', () => {
  it('[S-4] retention keeps the newest N, removes backups past the age limit, leaves other files alone', async () => {
    const dir = path.join(tmp, 'retention');
    await fsp.mkdir(dir);
    const now = new Date('2026-12-20T00:00:00Z');
    const days = [0, 1, 2, 3, 12, 40];
    for (const d of days) await fsp.writeFile(path.join(dir, backupFileName(new Date(now.getTime() - d * 86_400_000 - 3600_000), d % 2 === 1)), 'x');
    await fsp.writeFile(path.join(dir, 'notes.txt'), 'keep me');
    const removed = await pruneBackups(dir, { keep: 4, now });
    expect(removed).toHaveLength(2);
    expect((await fsp.readdir(dir)).filter((n) => n.startsWith('simpul-backup-'))).toHaveLength(4);
    const byAge = await pruneBackups(dir, { keep: 10, maxAgeDays: 2, now });
    expect(byAge).toHaveLength(2); // 2 and 3 days old
    expect((await fsp.readdir(dir)).sort()).toEqual([backupFileName(new Date(now.getTime() - 86_400_000 - 3600_000), true), backupFileName(new Date(now.getTime() - 3600_000), false), 'notes.txt'].sort());
  });

  it('[S-4] the daily job backs up only in its hour (region time) and prunes to BACKUP_KEEP', async () => {
    const dir = path.join(tmp, 'daily');
    const backup = { ...t.config.backup, dir, scheduleHour: 1, timeZone: 'Asia/Jakarta', keep: 1 };
    const deps = { config: { backup }, database: t.database, storage: t.deps.storage, log: t.deps.log };
    expect(localHourIn(new Date('2026-12-06T18:00:00Z'), 'Asia/Jakarta')).toBe(1);
    expect((await runScheduledBackup(deps, new Date('2026-12-06T19:00:00Z'))).file).toBeNull();
    await fsp.mkdir(dir, { recursive: true });
    await fsp.writeFile(path.join(dir, backupFileName(new Date('2026-12-01T18:00:00Z'), false)), 'old');
    const run = await runScheduledBackup(deps, new Date('2026-12-06T18:00:00Z'));
    expect(run.file).not.toBeNull();
    expect(run.removed).toEqual([backupFileName(new Date('2026-12-01T18:00:00Z'), false)]);
    expect(await fsp.readdir(dir)).toEqual([path.basename(run.file!)]);
  }, SLOW);
});

/** The uncompressed tar of a plain backup, in the test's folder. */
async function gunzipTo(file: string): Promise<string> {
  const out = path.join(tmp, `${path.basename(file)}.${crypto.randomBytes(3).toString('hex')}.tar`);
  await fsp.writeFile(out, zlib.gunzipSync(fs.readFileSync(file)));
  return out;
}
