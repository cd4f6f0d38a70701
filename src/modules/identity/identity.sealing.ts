// A person's NIK, phone number, e-mail address and street address are sealed at rest
// (platform/privacy/field-crypto.ts): every write of users.nik / phone / email / address goes
// through `sealedPerson` (ciphertext, plus a blind index for NIK, phone and e-mail), every read
// through `openPerson`, every exact lookup through `nikMatch` / `phoneMatch` / `emailMatch`
// (the blind index, or the clear value of a row the backfill has not reached yet). The address's
// region code (address_area, kode wilayah) stays clear: statistics group by it.
// `resealUsers` is the backfill and the key rotation: it re-seals, in short batches, every row
// still clear or sealed with a key other than the active one, while all configured keys open.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { fieldCrypto, sealedPrefix, type FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import { countSealed, resealInBatches } from '../../platform/privacy/reseal.ts';

export interface SealedPersonColumns {
  nik?: string | null;
  nik_bidx?: string | null;
  phone?: string | null;
  phone_bidx?: string | null;
  email?: string | null;
  email_bidx?: string | null;
  address?: string | null;
}

type PersonFields = { nik?: string | null; phone?: string | null; email?: string | null; address?: string | null };

/** The column values to write for a clear NIK, phone, e-mail and/or street address (only the keys given). */
export function sealedPerson(clear: PersonFields, fc: FieldCrypto = fieldCrypto()): SealedPersonColumns {
  const out: SealedPersonColumns = {};
  if (clear.nik !== undefined) {
    out.nik = fc.seal(clear.nik);
    out.nik_bidx = fc.blindIndex('nik', clear.nik);
  }
  if (clear.phone !== undefined) {
    out.phone = fc.seal(clear.phone);
    out.phone_bidx = fc.blindIndex('phone', clear.phone);
  }
  if (clear.email !== undefined) {
    out.email = fc.seal(clear.email);
    out.email_bidx = fc.blindIndex('email', clear.email);
  }
  if (clear.address !== undefined) out.address = fc.seal(clear.address);
  return out;
}

/** A row with its NIK, phone, e-mail and address opened (other columns untouched). Throws when a key is missing or wrong. */
export function openPerson<R extends PersonFields>(row: R, fc: FieldCrypto = fieldCrypto()): R {
  const out = { ...row };
  if ('nik' in row) out.nik = fc.open(row.nik ?? null);
  if ('phone' in row) out.phone = fc.open(row.phone ?? null);
  if ('email' in row) out.email = fc.open(row.email ?? null);
  if ('address' in row) out.address = fc.open(row.address ?? null);
  return out;
}

export function openPersonOrUndefined<R extends PersonFields>(row: R | undefined): R | undefined {
  return row ? openPerson(row) : undefined;
}

type UsersEb = ExpressionBuilder<DB, 'users'>;

/** WHERE users.nik is this NIK: its blind index, or the clear value of a row not sealed yet. */
export function nikMatch(nik: string, fc: FieldCrypto = fieldCrypto()) {
  return (eb: UsersEb) => eb.or([eb('users.nik_bidx', '=', fc.blindIndex('nik', nik)), eb('users.nik', '=', nik)]);
}

/** WHERE users.phone is this number (same rule as nikMatch). */
export function phoneMatch(phone: string, fc: FieldCrypto = fieldCrypto()) {
  return (eb: UsersEb) => eb.or([eb('users.phone_bidx', '=', fc.blindIndex('phone', phone)), eb('users.phone', '=', phone)]);
}

/** WHERE users.email is this address, case-insensitively (the blind index of the lowercased value, or a clear row's lower(email)). */
export function emailMatch(email: string, fc: FieldCrypto = fieldCrypto()) {
  const lower = email.trim().toLowerCase();
  return (eb: UsersEb) =>
    eb.or([eb('users.email_bidx', '=', fc.blindIndex('email', lower)), eb.and([eb(sql<string>`lower(users.email)`, '=', lower), eb('users.email', 'not like', `${sealedPrefix}%`)])]);
}

/** The blind index of an e-mail address (lowercased), for a query over an aliased users table. */
export function emailIndex(email: string, fc: FieldCrypto = fieldCrypto()): string {
  return fc.blindIndex('email', email.trim().toLowerCase());
}

export interface ResealReport {
  /** Rows (accounts, waiting contact changes) re-sealed with the active key. */
  resealed: number;
  /** Rows still naming each key after the run (all on the active key when done). */
  byKey: Record<string, number>;
  /** Values (NIK, phone, e-mail, address) still clear. */
  clear: number;
}

/**
 * Backfill and key rotation: re-seals every users row whose NIK, phone, e-mail or address is clear or sealed
 * with another key than the active one, `batch` rows per transaction (short transactions: the
 * site keeps serving, PGlite included), until none is left or `maxBatches` ran.
 */
export async function resealUsers(db: Executor, opts: { batch?: number; maxBatches?: number; fc?: FieldCrypto } = {}): Promise<ResealReport> {
  const fc = opts.fc ?? fieldCrypto();
  const batch = opts.batch ?? 200;
  const active = `${sealedPrefix}${fc.activeKeyId}:%`;
  const run = { batch, maxBatches: opts.maxBatches };
  let resealed = await resealInBatches<DB>(db, run, async (trx, n) => {
    const rows = await trx
      .selectFrom('users')
      .select(['id', 'nik', 'phone', 'email', 'address'])
      .where((eb) =>
        eb.or([
          eb.and([eb('nik', 'is not', null), eb('nik', 'not like', active)]),
          eb.and([eb('phone', 'is not', null), eb('phone', 'not like', active)]),
          eb.and([eb('email', 'is not', null), eb('email', 'not like', active)]),
          eb.and([eb('address', 'is not', null), eb('address', 'not like', active)]),
          eb.and([eb('nik', 'is not', null), eb('nik_bidx', 'is', null)]),
          eb.and([eb('phone', 'is not', null), eb('phone_bidx', 'is', null)]),
          eb.and([eb('email', 'is not', null), eb('email_bidx', 'is', null)]),
        ]),
      )
      .orderBy('id')
      .limit(n)
      .forUpdate()
      .execute();
    for (const r of rows) {
      const clear = openPerson(r, fc);
      await trx
        .updateTable('users')
        .set(sealedPerson({ nik: clear.nik, phone: clear.phone, email: clear.email, address: clear.address }, fc))
        .where('id', '=', r.id)
        .execute();
    }
    return rows.length;
  });
  // The e-mail address or phone number waiting for its code (account editing, guests' contact codes).
  resealed += await resealInBatches<DB>(db, run, async (trx, n) => {
    const rows = await trx
      .selectFrom('verification_codes')
      .select(['id', 'new_value'])
      .where('new_value', 'is not', null)
      .where('new_value', 'not like', active)
      .orderBy('id')
      .limit(n)
      .forUpdate()
      .execute();
    for (const r of rows) await trx.updateTable('verification_codes').set({ new_value: fc.seal(fc.open(r.new_value)) }).where('id', '=', r.id).execute();
    return rows.length;
  });
  const counted = await countSealed(db, [
    { table: 'users', column: 'nik' },
    { table: 'users', column: 'phone' },
    { table: 'users', column: 'email' },
    { table: 'users', column: 'address' },
    { table: 'verification_codes', column: 'new_value' },
  ]);
  return { resealed, ...counted };
}
