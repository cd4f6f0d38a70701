// Pieces of the backup (S-4) that need no database: the tar format, the schedule's local
// hour, the configuration's refusals.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';
import { backupFileName, backupFilePattern } from './backup.ts';
import { localHourIn } from './backup.job.ts';
import { readTarIndex, tarStream, TarFormatError } from './tar.ts';

async function writeTar(file: string, sources: Parameters<typeof tarStream>[0]) {
  const chunks: Buffer[] = [];
  for await (const c of Readable.from(tarStream(sources))) chunks.push(c as Buffer);
  fs.writeFileSync(file, Buffer.concat(chunks));
}

describe('backup pieces', () => {
  it('[S-4] tar entries are read back at their offsets; a damaged header is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-tar-'));
    try {
      const big = Buffer.alloc(1500, 7);
      fs.writeFileSync(path.join(dir, 'big'), big);
      const file = path.join(dir, 'a.tar');
      await writeTar(file, [{ name: 'manifest.json', bytes: Buffer.from('{}') }, { name: 'empty', bytes: Buffer.alloc(0) }, { name: 'files/000001', path: path.join(dir, 'big') }]);
      const entries = await readTarIndex(file);
      expect(entries.map((e) => [e.name, e.size])).toEqual([['manifest.json', 2], ['empty', 0], ['files/000001', 1500]]);
      const bytes = fs.readFileSync(file);
      expect(bytes.subarray(entries[2]!.offset, entries[2]!.offset + 1500).equals(big)).toBe(true);
      const at = entries[2]!.offset - 512 + 10; // inside the third header's name
      bytes[at] = bytes[at]! ^ 1;
      fs.writeFileSync(file, bytes);
      await expect(readTarIndex(file)).rejects.toBeInstanceOf(TarFormatError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('[S-4] backup file names sort by time and are the only files retention touches', () => {
    const name = backupFileName(new Date('2026-12-07T18:00:00.123Z'), true);
    expect(name).toBe('simpul-backup-20261207T180000Z.tar.gz.enc');
    expect(backupFilePattern.test(name)).toBe(true);
    expect(backupFilePattern.test('simpul-backup-latest.tar.gz')).toBe(false);
  });

  it('[S-4] the backup hour is read on the region clock', () => {
    expect(localHourIn(new Date('2026-12-06T18:00:00Z'), 'Asia/Jakarta')).toBe(1);
    expect(localHourIn(new Date('2026-12-06T18:00:00Z'), 'Asia/Jayapura')).toBe(3);
  });

  it('[S-4] configuration refuses encryption without a passphrase and an unknown time zone', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', BACKUP_ENCRYPT: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', BACKUP_TIME_ZONE: 'Mars/Olympus' })).toThrow(/BACKUP_TIME_ZONE/);
    const c = loadConfig({ NODE_ENV: 'test', BACKUP_DIR: '/mnt/dr', BACKUP_ENCRYPT: 'true', BACKUP_ENCRYPTION_KEY: 'x'.repeat(20), BACKUP_KEEP: '7' });
    expect(c.backup).toMatchObject({ dir: '/mnt/dr', encrypt: true, keep: 7, scheduleHour: 1, timeZone: 'Asia/Jakarta' });
  });
});
