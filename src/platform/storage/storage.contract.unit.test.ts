// One contract, two adapters: the same cases run against local disk and against a real
// S3-compatible server (s3rver, started here on loopback), so a cluster on object storage
// behaves exactly like a single node on its disk.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type TestS3 } from '../../../test/s3.ts';
import { createStorage } from './create-storage.ts';
import { createS3Storage, StorageUnavailableError } from './s3-storage.ts';
import { newFileKey, sha256Of, StorageKeyError, StorageTooLargeError, type Storage } from './storage.ts';

let s3: TestS3;
let dir: string;
beforeAll(async () => {
  s3 = await startS3();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-contract-'));
}, 60_000);
afterAll(async () => {
  await s3?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const k of it) out.push(k);
  return out.sort();
}

/** A stream of `size` random bytes in uneven chunks, and the bytes. */
function randomStream(size: number): { bytes: Buffer; stream: Readable } {
  const bytes = crypto.randomBytes(size);
  const parts: Buffer[] = [];
  for (let at = 0; at < size; ) {
    const n = Math.min(size - at, 1 + crypto.randomInt(200_000));
    parts.push(bytes.subarray(at, at + n));
    at += n;
  }
  return { bytes, stream: Readable.from(parts) };
}

const adapters: { name: string; make(): Storage }[] = [
  { name: 'local disk', make: () => createStorage({ dataDir: path.join(dir, crypto.randomUUID()) }) },
  { name: 'S3-compatible', make: () => createStorage({ dataDir: dir, storage: { kind: 's3', ...s3.config({ prefix: `t${crypto.randomInt(1e9)}/`, listPageSize: 2 }) } }) },
];

describe.each(adapters)('storage contract: $name', ({ make }) => {
  let storage: Storage;
  beforeAll(() => {
    storage = make();
  });

  it('stores bytes with size and SHA-256, returns them whole and as a stream, deletes them', async () => {
    const key = newFileKey('legal', 'pdf');
    const bytes = Buffer.from('%PDF-1.4 kontrak %%EOF');
    expect(await storage.put(key, bytes, 'application/pdf')).toEqual({ key, size: bytes.length, sha256: sha256Of(bytes) });
    expect((await storage.get(key))?.equals(bytes)).toBe(true);
    const stream = await storage.open(key);
    expect(stream).not.toBeNull();
    expect((await readAll(stream!)).equals(bytes)).toBe(true);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    expect(await storage.open(key)).toBeNull();
    await storage.delete(key); // deleting twice is fine
  });

  it('takes a stream in (several MB in uneven chunks) without changing a byte', async () => {
    const key = newFileKey('statements', 'csv');
    const { bytes, stream } = randomStream(3 * 1024 * 1024 + 17);
    expect(await storage.put(key, stream, 'text/csv')).toEqual({ key, size: bytes.length, sha256: sha256Of(bytes) });
    expect((await storage.get(key))?.equals(bytes)).toBe(true);
    expect(sha256Of(await readAll((await storage.open(key))!))).toBe(sha256Of(bytes));
  });

  it('takes any async iterable of bytes, and an empty file', async () => {
    const key = newFileKey('receipts', 'pdf');
    async function* parts() {
      yield Buffer.from('satu ');
      yield new Uint8Array(Buffer.from('dua'));
    }
    expect(await storage.put(key, parts(), 'application/pdf')).toMatchObject({ size: 8, sha256: sha256Of(Buffer.from('satu dua')) });
    expect((await storage.get(key))?.toString()).toBe('satu dua');
    const empty = newFileKey('receipts', 'pdf');
    expect(await storage.put(empty, Buffer.alloc(0), 'application/pdf')).toMatchObject({ size: 0, sha256: sha256Of(Buffer.alloc(0)) });
    expect((await storage.get(empty))?.length).toBe(0);
  });

  it('replaces a file put again under the same key', async () => {
    const key = newFileKey('documents', 'pdf');
    await storage.put(key, Buffer.from('versi 1'), 'application/pdf');
    await storage.put(key, Readable.from([Buffer.from('versi 2')]), 'application/pdf');
    expect((await storage.get(key))?.toString()).toBe('versi 2');
  });

  it('[S-5] refuses a body over maxBytes and stores nothing, from bytes or from a stream', async () => {
    const key = newFileKey('uploads', 'pdf');
    await expect(storage.put(key, Buffer.alloc(11), 'application/pdf', { maxBytes: 10 })).rejects.toBeInstanceOf(StorageTooLargeError);
    const { stream } = randomStream(300_000);
    await expect(storage.put(key, stream, 'application/pdf', { maxBytes: 100_000 })).rejects.toBeInstanceOf(StorageTooLargeError);
    expect(await storage.get(key)).toBeNull();
    expect(await collect(storage.list('uploads/'))).toEqual([]); // no temporary or partial file shows
    expect(await storage.put(key, Buffer.alloc(10), 'application/pdf', { maxBytes: 10 })).toMatchObject({ size: 10 });
  });

  it('[S-1] refuses keys and prefixes that could leave the storage area', async () => {
    for (const bad of ['../etc/passwd', '/etc/passwd', 'legal/../../x', 'legal/A.PDF', 'legal\\x.pdf', '', 'legal//x.pdf', 'legal/.hidden', 'legal/x.pdf?versionId=1', 'legal/%2e%2e']) {
      await expect(storage.get(bad), bad).rejects.toThrow(StorageKeyError);
      await expect(storage.open(bad), bad).rejects.toThrow(StorageKeyError);
      await expect(storage.delete(bad), bad).rejects.toThrow(StorageKeyError);
      await expect(storage.put(bad, Buffer.from('x'), 'text/plain'), bad).rejects.toThrow(StorageKeyError);
    }
    for (const bad of ['../', '/etc', 'a//b', 'a/../b', 'A/']) await expect(collect(storage.list(bad)), bad).rejects.toThrow(StorageKeyError);
  });

  it('lists every key, or those under a prefix, across pages', async () => {
    const scope = `list${crypto.randomInt(1e9)}`;
    const keys = [newFileKey(`${scope}/a`, 'pdf'), newFileKey(`${scope}/a`, 'pdf'), newFileKey(`${scope}/a`, 'csv'), newFileKey(`${scope}/b`, 'pdf'), newFileKey(`${scope}/b/c`, 'png')];
    for (const k of keys) await storage.put(k, Buffer.from(k), 'application/octet-stream');
    expect(await collect(storage.list(`${scope}/`))).toEqual([...keys].sort());
    expect(await collect(storage.list(`${scope}/a/`))).toEqual(keys.slice(0, 3).sort());
    expect(await collect(storage.list(`${scope}/b`))).toEqual(keys.slice(3).sort());
    expect(await collect(storage.list(`${scope}/none/`))).toEqual([]);
    const all = await collect(storage.list());
    for (const k of keys) expect(all).toContain(k);
  });
}, 60_000);

describe('S3-compatible storage', () => {
  it('keeps its files under S3_PREFIX and lists only its own keys', async () => {
    const mine = createS3Storage(s3.config({ prefix: 'wilayah/' }));
    const bucket = createS3Storage(s3.config());
    const key = newFileKey('legal', 'pdf');
    await mine.put(key, Buffer.from('milik A'), 'application/pdf');
    expect((await bucket.get(`wilayah/${key}`))?.toString()).toBe('milik A');
    expect(await bucket.get(key)).toBeNull();
    expect(await collect(mine.list())).toContain(key);
    expect((await collect(mine.list())).every((k) => !k.startsWith('wilayah/'))).toBe(true);
  });

  it('[S-5] an unreachable store or a missing bucket is a StorageUnavailableError, never a hang or a crash', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closedPort = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r)); // nothing listens there now: connection refused
    const closed = createS3Storage(s3.config({ endpoint: `http://127.0.0.1:${closedPort}`, requestTimeoutMs: 2_000 }));
    await expect(closed.get(newFileKey('legal', 'pdf'))).rejects.toBeInstanceOf(StorageUnavailableError);
    const missing = createS3Storage(s3.config({ bucket: 'tidak-ada' }));
    const err = await missing.put(newFileKey('legal', 'pdf'), Buffer.from('x'), 'application/pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageUnavailableError);
    expect((err as StorageUnavailableError).code).toBe('NoSuchBucket');
    expect(String((err as Error).message)).not.toContain('S3RVER'); // no credentials in messages
  });
}, 60_000);
