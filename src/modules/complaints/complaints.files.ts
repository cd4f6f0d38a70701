// The stored files this module writes, for the orphan sweep (platform/storage/orphans.ts).
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { columnOwner, type FileOwner } from '../../platform/storage/orphans.ts';
import type { ComplaintTables } from './complaints.tables.ts';

export const complaintFileOwners: FileOwner[] = [
  columnOwner('complaints/', async (db, keys) =>
    (await (db.withTables<ComplaintTables>() as unknown as Kysely<DB & ComplaintTables>).selectFrom('complaint_attachments').select('storage_key').where('storage_key', 'in', keys).execute()).map((r) => r.storage_key),
  ),
];
