// One-time codes that confirm a guest's phone number or e-mail address (someone without an
// account who files a complaint, for instance). Same rules as the account codes: only a keyed
// hash (HMAC with the server secret) of purpose, contact and code is stored, in
// verification_codes (user_id NULL, the contact in new_value); at most CODE_MAX_ATTEMPTS tries;
// the row is locked while checked, so one code is used once. The caller sends the code (it
// knows the channel and the wording) and keeps the returned reference.
import { fieldCrypto } from '../../platform/privacy/field-crypto.ts';
import crypto from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import { numericCode } from '../../platform/crypto.ts';
import { CODE_MAX_ATTEMPTS } from './identity.service.ts';

const PURPOSE = 'contact_confirm' as const;

export type ContactCodeCheck = { ok: true } | { ok: false; reason: 'wrong' | 'expired' | 'attempts'; left?: number };

export interface ContactCodes {
  /** A new code for `contact` valid `ttlMinutes`; returns the reference to check it against. */
  issue(trx: Executor, contact: string, ttlMinutes: number, now?: Date): Promise<{ ref: string; code: string }>;
  /** Checks (and on success spends) the code of `ref` for `contact`; a wrong code counts a try. */
  check(trx: Executor, ref: string, contact: string, code: string, now?: Date): Promise<ContactCodeCheck>;
}

export function createContactCodes(deps: { config: Config; database: Database }): ContactCodes {
  const hash = (contact: string, code: string) => crypto.createHmac('sha256', deps.config.sessionSecret).update(`${PURPOSE}:${contact}:${code}`).digest('hex');
  return {
    async issue(trx, contact, ttlMinutes, now = new Date()) {
      const code = numericCode(6);
      const row = await trx
        .insertInto('verification_codes')
        .values({ user_id: null, purpose: PURPOSE, new_value: fieldCrypto().seal(contact), code_hash: hash(contact, code), expires_at: new Date(now.getTime() + ttlMinutes * 60_000) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { ref: row.id, code };
    },
    async check(trx, ref, contact, code, now = new Date()) {
      const row = await trx
        .selectFrom('verification_codes')
        .select(['id', 'new_value', 'code_hash', 'attempts', 'expires_at', 'used_at'])
        .where('id', '=', ref)
        .where('purpose', '=', PURPOSE)
        .forUpdate()
        .executeTakeFirst();
      if (!row || fieldCrypto().open(row.new_value) !== contact || row.used_at || row.expires_at.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
      if (row.attempts >= CODE_MAX_ATTEMPTS) return { ok: false, reason: 'attempts' };
      const expected = Buffer.from(row.code_hash, 'hex');
      const given = Buffer.from(hash(contact, code.trim()), 'hex');
      if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
        const attempts = row.attempts + 1;
        await trx.updateTable('verification_codes').set({ attempts, updated_at: now }).where('id', '=', row.id).execute();
        return attempts >= CODE_MAX_ATTEMPTS ? { ok: false, reason: 'attempts' } : { ok: false, reason: 'wrong', left: CODE_MAX_ATTEMPTS - attempts };
      }
      await trx.updateTable('verification_codes').set({ used_at: now, updated_at: now }).where('id', '=', row.id).execute();
      return { ok: true };
    },
  };
}
