// Operator actions on identity records that do not come from the person: a password set by
// the server operator (CLI), and ready, confirmed citizen accounts for the demo region. They
// live in the identity module because it owns users, sessions and verification codes.
import { nikMatch, sealedPerson } from './identity.sealing.ts';
import type { AccountAddress } from '../../platform/area/person-address.ts';
import type { Executor } from '../../platform/db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { maskEmail, maskNik, maskPhone, normalizeMobilePhone, validateNik } from './identifiers.ts';

/**
 * Sets a password chosen by the server operator, unlocks the account (and ends its sign-in
 * delays), signs out every
 * session and voids outstanding reset/invitation codes, with the audit event, in one
 * transaction (the e-mailed reset flow is resetPassword).
 */
export async function setPasswordByOperator(trx: Executor, userId: string, passwordHash: string): Promise<number> {
  const now = new Date();
  const before = await trx.selectFrom('users').select(['status', 'failed_logins', 'locked_until', 'email_verified_at']).where('id', '=', userId).forUpdate().executeTakeFirstOrThrow();
  await trx
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      password_changed_at: now,
      failed_logins: 0,
      locked_until: null,
      // The operator vouches for the account: an invited (pending) staff member can sign in.
      status: before.status === 'pending' ? 'active' : before.status,
      email_verified_at: before.email_verified_at ?? now,
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
  const sessions = await trx.updateTable('sessions').set({ revoked_at: now, updated_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  await trx
    .updateTable('verification_codes')
    .set({ expires_at: now, updated_at: now })
    .where('user_id', '=', userId)
    .where('purpose', 'in', ['password_reset', 'invitation'])
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  const revoked = Number(sessions.numUpdatedRows ?? 0);
  // The sign-in delays built up by failures for this account, at every address.
  await trx.deleteFrom('rate_buckets').where('key', 'like', `login-fail:acct:${userId}:%`).execute();
  await recordAudit(trx, { actor: null, label: 'cli' }, {
    action: 'user.password_reset',
    entityType: 'user',
    entityId: userId,
    before: { status: before.status, failed_logins: before.failed_logins, locked_until: before.locked_until },
    after: { status: before.status === 'pending' ? 'active' : before.status, failed_logins: 0, locked_until: null, sessions_revoked: revoked, by: 'operator (cli)' },
  });
  return revoked;
}

export interface DemoCitizen {
  name: string;
  nik: string;
  email: string;
  phone: string;
}

/** Inserts an active, e-mail-confirmed citizen account with an already computed password hash. */
export async function insertDemoCitizenAccount(trx: Executor, citizen: DemoCitizen, passwordHash: string): Promise<{ userId: string }> {
  const nik = validateNik(citizen.nik);
  if (!nik.ok) throw new Error(`Demo citizen ${citizen.name}: invalid NIK (${nik.code})`);
  const phone = normalizeMobilePhone(citizen.phone);
  if (!phone.ok) throw new Error(`Demo citizen ${citizen.name}: invalid phone`);
  const now = new Date();
  const row = await trx
    .insertInto('users')
    .values({
      kind: 'citizen',
      name: citizen.name,
      email_verified_at: now,
      ...sealedPerson({ email: citizen.email.toLowerCase(), phone: phone.e164, nik: nik.nik }),
      password_hash: passwordHash,
      password_changed_at: now,
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, { actor: null, label: 'demo' }, {
    action: 'user.register',
    entityType: 'user',
    entityId: row.id,
    after: { kind: 'citizen', name: citizen.name, nik: maskNik(nik.nik), email: maskEmail(citizen.email), status: 'active', source: 'demo seed' },
  });
  return { userId: row.id };
}

export interface WalkInPerson {
  name: string;
  nik: string;
  /** Optional mobile number (the last 4 digits let him track his applications). */
  phone?: string;
  /** Optional address, already read and checked (identity.address.ts readAccountAddress). */
  address?: AccountAddress;
}

export type WalkInResult = { ok: true; userId: string; created: boolean } | { ok: false; field: 'name' | 'nik' | 'phone'; code: string };

/**
 * Registers a person who came to the counter without an account (P-1): a citizen record
 * with name, NIK and optionally a phone, no e-mail, no password and status 'pending': an
 * unclaimed person, whom self-registration with the same NIK takes over (identity.service
 * register), so his counter applications appear in his account. An existing NIK returns
 * that account.
 * Recorded in the audit trail with the counter officer as actor.
 */
export async function registerWalkInPerson(
  trx: Executor,
  who: { actor: Actor | null; meta?: RequestMeta | null },
  person: WalkInPerson,
): Promise<WalkInResult> {
  const name = person.name.trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > 120) return { ok: false, field: 'name', code: 'name' };
  const nik = validateNik(person.nik);
  if (!nik.ok) return { ok: false, field: 'nik', code: nik.code };
  let phone: string | null = null;
  if (person.phone?.trim()) {
    const p = normalizeMobilePhone(person.phone);
    if (!p.ok) return { ok: false, field: 'phone', code: p.code };
    phone = p.e164;
  }
  const existing = await trx.selectFrom('users').select('id').where(nikMatch(nik.nik)).executeTakeFirst();
  if (existing) return { ok: true, userId: existing.id, created: false };
  const row = await trx
    .insertInto('users')
    .values({ kind: 'citizen', name, ...sealedPerson({ nik: nik.nik, phone, address: person.address?.street ?? null }), email: null, status: 'pending', address_area: person.address?.area ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, who, {
    action: 'user.register_walk_in',
    entityType: 'user',
    entityId: row.id,
    after: { kind: 'citizen', name, nik: maskNik(nik.nik), phone: phone ? maskPhone(phone) : null, source: 'counter' },
  });
  return { ok: true, userId: row.id, created: true };
}
