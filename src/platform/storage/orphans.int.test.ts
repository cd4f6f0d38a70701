// The orphan sweep on both engines: an unreferenced file is deleted only after it has stayed
// unreferenced for the grace period; a referenced one, one referenced again, and one under no
// owner's prefix are kept. Every module's owner query runs against the real schema.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { createLogger } from '../log.ts';
import { applicationFileOwners } from '../../modules/applications/applications.files.ts';
import { contentFileOwners } from '../../modules/content/content.files.ts';
import { documentFileOwners } from '../../modules/documents/documents.files.ts';
import { governanceFileOwners } from '../../modules/governance/governance.files.ts';
import { paymentFileOwners } from '../../modules/payments/payments.files.ts';
import { systemFileOwners } from '../../modules/system/system.files.ts';
import { createOrphanSweeper, type FileOwner } from './orphans.ts';
import { createLocalStorage } from './storage.ts';

const HOUR = 3600_000;

describe(`orphaned files (${engine})`, () => {
  let t: TestApp;
  // A folder of its own: the test apps of other files share the default one, and their files are
  // not in this database (the sweep would rightly see them as orphans).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-orphans-'));
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('[S-5] an unreferenced file is removed only after the grace period; referenced, re-referenced and unowned files stay', async () => {
    const storage = createLocalStorage(dir);
    const kept = new Set<string>(['uploads/kept.pdf']);
    const testOwner: FileOwner = { prefix: 'uploads/', referenced: async (_db, keys) => new Set(keys.filter((k) => kept.has(k))) };
    let clock = new Date('2026-12-07T01:00:00Z');
    const sweeper = createOrphanSweeper({
      database: t.database,
      storage,
      log: createLogger({ logLevel: 'silent' }),
      owners: [...applicationFileOwners, ...contentFileOwners, ...documentFileOwners, ...governanceFileOwners, ...paymentFileOwners, ...systemFileOwners, testOwner],
      now: () => clock,
    });
    const orphans = ['applications/a1.pdf', 'legal/l1.pdf', 'documents/d1.pdf', 'governance/g1.pdf', 'statements/s1.csv', 'receipts/r1.pdf', 'paymentslips/p1.png', 'health/h1.txt', 'uploads/loose.pdf'];
    for (const key of [...orphans, 'uploads/kept.pdf', 'uploads/late.pdf', 'other/unowned.pdf']) await storage.put(key, Buffer.from(key), 'application/octet-stream');
    const exists = async (key: string) => (await storage.get(key)) !== null;

    const first = await sweeper.sweep();
    expect(first).toMatchObject({ removed: 0, noted: orphans.length + 1 }); // + uploads/late.pdf
    clock = new Date(clock.getTime() + HOUR);
    kept.add('uploads/late.pdf'); // its row was committed after the first sweep
    expect((await sweeper.sweep()).removed).toBe(0);
    clock = new Date(clock.getTime() + 23 * HOUR); // 24 h after the first sighting
    const last = await sweeper.sweep();
    expect(last.removed).toBe(orphans.length);
    for (const key of orphans) expect(await exists(key), key).toBe(false);
    for (const key of ['uploads/kept.pdf', 'uploads/late.pdf', 'other/unowned.pdf']) expect(await exists(key), key).toBe(true);
  });
});
