import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, engine } from '../../../test/harness.ts';
import type { Database } from '../db/database.ts';
import { indexDocument, removeDocument, searchDocuments } from './search.ts';

let database: Database;
const ids = { iumk: crypto.randomUUID(), ijazah: crypto.randomUUID(), rs: crypto.randomUUID(), law: crypto.randomUUID() };

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  await indexDocument(db, { kind: 'service', refId: ids.iumk, title: 'Izin Usaha Mikro Kecil', keywords: ['umkm', 'izin usaha'], summary: 'Perizinan bagi pelaku usaha mikro dan kecil.', url: '/layanan/iumk' });
  await indexDocument(db, { kind: 'service', refId: ids.ijazah, title: 'Legalisir Ijazah SMA/SMK', keywords: ['ijazah', 'legalisir'], summary: 'Pengesahan salinan ijazah.', url: '/layanan/legalisir-ijazah' });
  await indexDocument(db, { kind: 'service', refId: ids.rs, title: 'Izin Operasional Rumah Sakit Kelas B', keywords: ['rumah sakit'], summary: 'Izin bagi rumah sakit.', url: '/layanan/izin-rs' });
  await indexDocument(db, { kind: 'legal', refId: ids.law, title: 'Undang-Undang Nomor 20 Tahun 2008 tentang Usaha Mikro, Kecil, dan Menengah', summary: '', url: '/hukum/uu-20-2008' });
});
afterAll(async () => database?.close());

describe(`search with Indonesian stemming (${engine})`, () => {
  it('[P-1] "perizinan usaha" finds "Izin Usaha Mikro", best first', async () => {
    const r = await searchDocuments(database.db, 'perizinan usaha');
    expect(r.hits[0]?.refId).toBe(ids.iumk);
    expect(r.hits.map((h) => h.refId)).not.toContain(ids.ijazah);
  });

  it('[P-1] filters by kind and finds legal documents by word forms', async () => {
    const r = await searchDocuments(database.db, 'pengusaha mikro', { kinds: ['legal'] });
    expect(r.hits.map((h) => h.refId)).toEqual([ids.law]);
  });

  it('[P-1] broadens to any word when all words together find nothing', async () => {
    const r = await searchDocuments(database.db, 'ijazah pesawat');
    expect(r.broadened).toBe(true);
    expect(r.hits.map((h) => h.refId)).toEqual([ids.ijazah]);
  });

  it('[S-5] odd characters and a 1,000-character query answer normally', async () => {
    for (const q of ["izin' OR 1=1; --", '!!!@@@###', '"izin', 'izin & | ! ( ) : *', 'a'.repeat(1000), 'izin '.repeat(200), '', '   ', 'ɪᴢɪɴ 🚀']) {
      const r = await searchDocuments(database.db, q);
      expect(Array.isArray(r.hits)).toBe(true);
      expect(r.query.length).toBeLessThanOrEqual(200);
    }
  });

  it('removes a document from the index', async () => {
    const id = crypto.randomUUID();
    await indexDocument(database.db, { kind: 'page', refId: id, title: 'Panduan tilang elektronik', url: '/halaman/tilang' });
    expect((await searchDocuments(database.db, 'tilang')).hits).toHaveLength(1);
    await removeDocument(database.db, 'page', id);
    expect((await searchDocuments(database.db, 'tilang')).hits).toHaveLength(0);
  });
});
