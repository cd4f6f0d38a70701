// A guest reporter's name, e-mail and phone are sealed at rest like a person's NIK and phone
// (platform/privacy/field-crypto.ts, DATA_KEYS): every write of complaints.reporter_name /
// reporter_email / reporter_phone goes through `sealedContact` (envelope, plus the blind index of
// the phone, the one value looked up: SMS complaints per number and day), every read through
// `openContact`. `resealComplaintContacts` is the backfill of rows written before (migration 0066)
// and the key rotation, in short batches (`simpul keys rotate`, and at start by the worker).
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { fieldCrypto, sealedPrefix, type FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import { countSealed, resealInBatches } from '../../platform/privacy/reseal.ts';
import type { ComplaintTables } from './complaints.tables.ts';

export interface SealedContactColumns {
  reporter_name?: string | null;
  reporter_email?: string | null;
  reporter_phone?: string | null;
  reporter_phone_bidx?: string | null;
}

/** The column values to write for a clear name, e-mail and/or phone (only the keys given). */
export function sealedContact(clear: { name?: string | null; email?: string | null; phone?: string | null }, fc: FieldCrypto = fieldCrypto()): SealedContactColumns {
  const out: SealedContactColumns = {};
  if (clear.name !== undefined) out.reporter_name = fc.seal(clear.name || null);
  if (clear.email !== undefined) out.reporter_email = fc.seal(clear.email || null);
  if (clear.phone !== undefined) {
    out.reporter_phone = fc.seal(clear.phone || null);
    out.reporter_phone_bidx = clear.phone ? fc.blindIndex('phone', clear.phone) : null;
  }
  return out;
}

/** A row with the reporter's contact opened (other columns untouched). Throws when a key is missing or wrong. */
export function openContact<R extends { reporter_name?: string | null; reporter_email?: string | null; reporter_phone?: string | null }>(row: R, fc: FieldCrypto = fieldCrypto()): R {
  const out = { ...row };
  if ('reporter_name' in row) out.reporter_name = fc.open(row.reporter_name ?? null);
  if ('reporter_email' in row) out.reporter_email = fc.open(row.reporter_email ?? null);
  if ('reporter_phone' in row) out.reporter_phone = fc.open(row.reporter_phone ?? null);
  return out;
}

/** WHERE the reporter's phone is this number: its blind index, or the clear value of a row not sealed yet. */
export function reporterPhoneMatch(phone: string, fc: FieldCrypto = fieldCrypto()) {
  return (eb: ExpressionBuilder<DB & ComplaintTables, 'complaints'>) => eb.or([eb('reporter_phone_bidx', '=', fc.blindIndex('phone', phone)), eb('reporter_phone', '=', phone)]);
}

export interface ContactResealReport {
  resealed: number;
  byKey: Record<string, number>;
  clear: number;
}

/**
 * Backfill and key rotation of the reporters' contacts: re-seals every complaint whose name,
 * e-mail or phone is clear or sealed with another key than the active one (or lacks the phone's
 * blind index), `batch` rows per transaction, until none is left or `maxBatches` ran.
 */
export async function resealComplaintContacts(root: Executor, opts: { batch?: number; maxBatches?: number; fc?: FieldCrypto } = {}): Promise<ContactResealReport> {
  const db = root.withTables<ComplaintTables>() as unknown as Kysely<DB & ComplaintTables>;
  const fc = opts.fc ?? fieldCrypto();
  const batch = opts.batch ?? 200;
  const active = `${sealedPrefix}${fc.activeKeyId}:%`;
  const resealed = await resealInBatches(db, { batch, maxBatches: opts.maxBatches }, async (trx, n) => {
    const rows = await trx
      .selectFrom('complaints')
      .select(['id', 'reporter_name', 'reporter_email', 'reporter_phone'])
      .where((eb) =>
        eb.or([
          eb.and([eb('reporter_name', 'is not', null), eb('reporter_name', 'not like', active)]),
          eb.and([eb('reporter_email', 'is not', null), eb('reporter_email', 'not like', active)]),
          eb.and([eb('reporter_phone', 'is not', null), eb('reporter_phone', 'not like', active)]),
          eb.and([eb('reporter_phone', 'is not', null), eb('reporter_phone_bidx', 'is', null)]),
        ]),
      )
      .orderBy('id')
      .limit(n)
      .forUpdate()
      .execute();
    for (const r of rows) {
      const clear = openContact(r, fc);
      await trx
        .updateTable('complaints')
        .set(sealedContact({ name: clear.reporter_name, email: clear.reporter_email, phone: clear.reporter_phone }, fc))
        .where('id', '=', r.id)
        .execute();
    }
    return rows.length;
  });
  const counted = await countSealed(root, [
    { table: 'complaints', column: 'reporter_name' },
    { table: 'complaints', column: 'reporter_email' },
    { table: 'complaints', column: 'reporter_phone' },
  ]);
  return { resealed, ...counted };
}
