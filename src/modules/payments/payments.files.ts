// The stored files this module writes, for the orphan sweep (platform/storage/orphans.ts).
import { columnOwner, type FileOwner } from '../../platform/storage/orphans.ts';

export const paymentFileOwners: FileOwner[] = [
  columnOwner('statements/', async (db, keys) => (await db.selectFrom('statement_imports').select('storage_key').where('storage_key', 'in', keys).execute()).map((r) => r.storage_key)),
  columnOwner('receipts/', async (db, keys) => (await db.selectFrom('bills').select('receipt_storage_key').where('receipt_storage_key', 'in', keys).execute()).map((r) => r.receipt_storage_key)),
  columnOwner('paymentslips/', async (db, keys) =>
    (await db.selectFrom('payment_confirmations').select('slip_storage_key').where('slip_storage_key', 'in', keys).execute()).map((r) => r.slip_storage_key),
  ),
];
