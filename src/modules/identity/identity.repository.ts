// Queries of identity (reads only). Every function takes the executor to run on: the root
// handle or the open transaction (PGlite has one connection; never mix them).
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { emailMatch, nikMatch, openPersonOrUndefined } from './identity.sealing.ts';

/** Columns needed to decide about an account; never sent to a client as they are. */
const accountColumns = [
  'id',
  'kind',
  'name',
  'email',
  'email_verified_at',
  'phone',
  'nik',
  'password_hash',
  'locale',
  'status',
  'totp_secret',
  'totp_enabled_at',
  'totp_last_step',
  'failed_logins',
  'locked_until',
  'last_login_at',
  'created_at',
  'address',
  'address_area',
] as const;

export type AccountRow = Awaited<ReturnType<typeof findUserById>> & {};

// NIK, phone, e-mail and address come back opened (identity.sealing.ts).
export function findUserById(q: Executor, id: string) {
  return q.selectFrom('users').select(accountColumns).where('id', '=', id).executeTakeFirst().then(openPersonOrUndefined);
}

export function findUserByEmail(q: Executor, email: string) {
  return q
    .selectFrom('users')
    .select(accountColumns)
    .where(emailMatch(email))
    .executeTakeFirst()
    .then(openPersonOrUndefined);
}

export function findUserByNik(q: Executor, nik: string) {
  return q.selectFrom('users').select(accountColumns).where(nikMatch(nik)).executeTakeFirst().then(openPersonOrUndefined);
}

/** The sign-in name is an e-mail address or a NIK (16 digits; spaces and dots ignored). */
export function findUserByLogin(q: Executor, login: string) {
  const compact = login.replace(/[\s.]/g, '');
  if (/^[0-9]{16}$/.test(compact)) return findUserByNik(q, compact);
  return findUserByEmail(q, login);
}

export function listActiveSessions(q: Executor, userId: string) {
  return q
    .selectFrom('sessions')
    .select(['id', 'ip', 'user_agent', 'mfa_passed', 'created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export function listApiTokens(q: Executor, userId: string) {
  return q
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}

export function countActiveApiTokens(q: Executor, userId: string) {
  return q
    .selectFrom('api_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
    .executeTakeFirstOrThrow();
}

export function findBusinessByAccount(q: Executor, accountId: string) {
  return q
    .selectFrom('businesses')
    .select(['id', 'account_id', 'name', 'legal_form', 'nib', 'npwp', 'address', 'created_at'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export function listRepresentatives(q: Executor, businessId: string) {
  return q
    .selectFrom('business_representatives as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.user_id', 'r.position', 'r.created_at', 'u.name', 'u.nik', 'u.status', 'u.password_hash'])
    .where('r.business_id', '=', businessId)
    .where('r.revoked_at', 'is', null)
    .orderBy('r.created_at')
    .execute();
}

export function listBusinessesRepresentedBy(q: Executor, userId: string) {
  return q
    .selectFrom('business_representatives as r')
    .innerJoin('businesses as b', 'b.id', 'r.business_id')
    .select(['b.name', 'b.legal_form', 'b.nib', 'r.position', 'r.created_at'])
    .where('r.user_id', '=', userId)
    .where('r.revoked_at', 'is', null)
    .orderBy('b.name')
    .execute();
}
