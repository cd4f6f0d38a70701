// The stored files this module writes, for the orphan sweep (platform/storage/orphans.ts).
import { columnOwner, type FileOwner } from '../../platform/storage/orphans.ts';

export const contentFileOwners: FileOwner[] = [
  columnOwner('legal/', async (db, keys) => (await db.selectFrom('legal_documents').select('file_key').where('file_key', 'in', keys).execute()).map((r) => r.file_key)),
];
