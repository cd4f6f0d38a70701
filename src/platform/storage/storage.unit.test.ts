import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertSafeKey, createLocalStorage, newFileKey, sha256Of, StorageKeyError, type Storage } from './storage.ts';
import { cleanFilename } from './uploads.ts';

let dir: string;
let storage: Storage;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-storage-'));
  storage = createLocalStorage(dir);
});
afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

describe('local file storage', () => {
  it('stores, returns and deletes bytes under a generated key, with size and SHA-256', async () => {
    const key = newFileKey('legal', 'pdf');
    expect(key).toMatch(/^legal\/[0-9a-f-]{36}\.pdf$/);
    const bytes = Buffer.from('%PDF-1.4 test %%EOF');
    const stored = await storage.put(key, bytes, 'application/pdf');
    expect(stored).toEqual({ key, size: bytes.length, sha256: sha256Of(bytes) });
    expect((await storage.get(key))?.equals(bytes)).toBe(true);
    expect(await fs.readdir(path.join(dir, 'legal'))).toEqual([key.slice('legal/'.length)]); // no temporary file left
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    await storage.delete(key); // deleting twice is fine
  });

  it('[S-1] refuses keys that could leave the storage folder', async () => {
    for (const bad of ['../etc/passwd', '/etc/passwd', 'legal/../../x', 'legal/A.PDF', 'legal\\x.pdf', '', 'legal//x.pdf', 'legal/.hidden']) {
      expect(() => assertSafeKey(bad), bad).toThrow(StorageKeyError);
      await expect(storage.get(bad)).rejects.toThrow(StorageKeyError);
    }
  });

  it('keeps only the last segment and printable characters of an uploaded file name', () => {
    expect(cleanFilename('C:\\Users\\x\\perda 5.pdf')).toBe('perda 5.pdf');
    expect(cleanFilename('../../etc/"passwd"\n')).toBe('passwd');
  });
});
