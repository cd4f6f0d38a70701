// Backup archive files: a gzip-compressed tar, optionally wrapped in AES-256-GCM.
//
// Plain:      simpul-backup-<UTC time>.tar.gz  (tar -tzf lists it)
// Encrypted:  simpul-backup-<UTC time>.tar.gz.enc =
//             "SIMPULENC1" | scrypt salt (16) | GCM nonce (12) | key check (16) | ciphertext | GCM tag (16)
// The key is derived from the passphrase (BACKUP_ENCRYPTION_KEY) with scrypt; the key check
// (an HMAC of a constant under the derived key) tells a wrong key apart from a damaged file.
// Reading an archive unpacks it to an uncompressed tar in a temporary folder, read by
// position; an encrypted archive is used only once its GCM tag has been checked.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { readTarIndex, tarStream, TarFormatError, type TarEntry, type TarSource } from './tar.ts';

/** A refusal or failure the operator can act on; the message says what to do. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

const MAGIC = Buffer.from('SIMPULENC1', 'ascii');
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const HEADER_LENGTH = MAGIC.length + 16 + 12 + 16;
const TAG_LENGTH = 16;

function deriveKey(passphrase: string, salt: Buffer): Buffer {
  return crypto.scryptSync(passphrase, salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
}

function keyCheck(key: Buffer): Buffer {
  return crypto.createHmac('sha256', key).update('simpul-backup-key-check').digest().subarray(0, 16);
}

/** Writes `sources` as tar.gz (encrypted when `passphrase` is given) to `target`, atomically (temporary name, then rename). */
export async function writeArchive(target: string, sources: TarSource[], passphrase?: string): Promise<void> {
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${crypto.randomBytes(4).toString('hex')}.partial`);
  try {
    const out = fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    const tar = Readable.from(tarStream(sources));
    const gzip = zlib.createGzip({ level: 6 });
    if (passphrase) {
      const salt = crypto.randomBytes(16);
      const iv = crypto.randomBytes(12);
      const key = deriveKey(passphrase, salt);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      out.write(Buffer.concat([MAGIC, salt, iv, keyCheck(key)]));
      await pipeline(tar, gzip, cipher, out, { end: false });
      await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), () => resolve()).once('error', reject));
    } else {
      await pipeline(tar, gzip, out);
    }
    const handle = await fsp.open(partial, 'r');
    await handle.sync().catch(() => {});
    await handle.close();
    await fsp.rename(partial, target);
  } catch (err) {
    await fsp.rm(partial, { force: true });
    throw err;
  }
}

export interface OpenedArchive {
  /** The uncompressed tar in a temporary folder. */
  tarPath: string;
  entries: Map<string, TarEntry>;
  encrypted: boolean;
  /** The entry's bytes as a stream. */
  read(name: string): Readable;
  /** Removes the temporary folder. */
  close(): Promise<void>;
}

/** Unpacks `file` (decrypting it with `passphrase` when it is encrypted) into a temporary folder. */
export async function openArchive(file: string, passphrase: string | undefined, tmpRoot?: string): Promise<OpenedArchive> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupError(`No such backup file: ${file}`);
    throw err;
  }
  let header: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    header = Buffer.alloc(Math.min(HEADER_LENGTH, size));
    await handle.read(header, 0, header.length, 0);
  } finally {
    await handle.close();
  }
  const encrypted = header.subarray(0, MAGIC.length).equals(MAGIC);
  if (!encrypted && !header.subarray(0, 2).equals(GZIP_MAGIC)) throw new BackupError(`${file} is not a Simpul backup (neither .tar.gz nor an encrypted backup).`);
  const dir = await fsp.mkdtemp(path.join(tmpRoot ?? (await import('node:os')).tmpdir(), 'simpul-restore-'));
  const tarPath = path.join(dir, 'backup.tar');
  const close = () => fsp.rm(dir, { recursive: true, force: true });
  try {
    const gunzip = zlib.createGunzip();
    const out = fs.createWriteStream(tarPath, { mode: 0o600 });
    if (encrypted) {
      if (!passphrase) throw new BackupError('This backup is encrypted: set BACKUP_ENCRYPTION_KEY to the passphrase it was made with.');
      if (size < HEADER_LENGTH + TAG_LENGTH) throw new BackupError('The backup is damaged: the file is too short.');
      const salt = header.subarray(MAGIC.length, MAGIC.length + 16);
      const iv = header.subarray(MAGIC.length + 16, MAGIC.length + 28);
      const check = header.subarray(MAGIC.length + 28, HEADER_LENGTH);
      const key = deriveKey(passphrase, salt);
      if (!crypto.timingSafeEqual(keyCheck(key), check)) throw new BackupError('Wrong key: BACKUP_ENCRYPTION_KEY does not open this backup.');
      const tag = Buffer.alloc(TAG_LENGTH);
      const h = await fsp.open(file, 'r');
      await h.read(tag, 0, TAG_LENGTH, size - TAG_LENGTH);
      await h.close();
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      await pipeline(fs.createReadStream(file, { start: HEADER_LENGTH, end: size - TAG_LENGTH - 1 }), decipher, gunzip, out);
    } else {
      await pipeline(fs.createReadStream(file), gunzip, out);
    }
    const entries = new Map((await readTarIndex(tarPath)).map((e) => [e.name, e]));
    return {
      tarPath,
      entries,
      encrypted,
      read(name) {
        const e = entries.get(name);
        if (!e) throw new BackupError(`The backup has no entry ${name}.`);
        if (e.size === 0) return Readable.from([]);
        return fs.createReadStream(tarPath, { start: e.offset, end: e.offset + e.size - 1, highWaterMark: 1 << 16 });
      },
      close,
    };
  } catch (err) {
    await close();
    if (err instanceof BackupError) throw err;
    if (err instanceof TarFormatError) throw new BackupError(`The backup is damaged: ${err.message}.`);
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const message = (err as Error).message ?? '';
    if (code.startsWith('Z_') || /unsupported state or unable to authenticate/i.test(message) || /incorrect header|invalid|unexpected end/i.test(message)) {
      throw new BackupError(`The backup is damaged or was altered (${encrypted ? 'authentication failed' : message}).`);
    }
    throw err;
  }
}

/** SHA-256 (hex) and length of a stream. */
export async function hashStream(stream: AsyncIterable<Buffer>): Promise<{ sha256: string; size: number }> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}
