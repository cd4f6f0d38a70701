// The stored files this module writes, for the orphan sweep (platform/storage/orphans.ts).
import { columnOwner, type FileOwner } from '../../platform/storage/orphans.ts';

export const documentFileOwners: FileOwner[] = [
  columnOwner('documents/', async (db, keys) => (await db.selectFrom('issued_documents').select('storage_key').where('storage_key', 'in', keys).execute()).map((r) => r.storage_key)),
];
