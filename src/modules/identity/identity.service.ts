// Identity: accounts, sign-in, sessions, API tokens, two-step verification.
// The only place that changes users, sessions, api_tokens, verification_codes,
// businesses, business_representatives and role_grants' reads for actors.
//
// Conventions:
// - Each public function runs its own transaction; everything one change needs (the row,
//   the audit event, the outgoing e-mail) is written in it, so nothing is half-written.
// - Failures that must leave a trace (a failed sign-in counter, a wrong code's attempt) are
//   committed first and only then thrown as an AppError.
// - Nothing here logs personal data; the audit trail stores masked identifiers only.
import type { AccountAddress } from '../../platform/area/person-address.ts';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database, Executor, Trx } from '../../platform/db/database.ts';
import { uniqueViolation } from '../../platform/db/values.ts';
import type { Actor, Grant, RequestMeta } from '../../platform/auth/actor.ts';
import { adminRoles, isAdministrative } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Authenticator } from '../../platform/http/context.ts';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { decryptSecret, encryptSecret, numericCode, randomToken, sha256Hex } from '../../platform/crypto.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { clearRateLimit, hitRateLimit, pruneRateBuckets, rateKey } from '../../platform/http/rate-limit.ts';
import { delayAfter, recordFailure, throttledError, throttleState } from '../../platform/http/failure-throttle.ts';
import { type Locale, type MessageKey } from '../../platform/views/i18n.ts';
import { hashPassword, passwordWeakness, verifyPassword } from './passwords.ts';
import { maskEmail, maskNik } from './identifiers.ts';
import { checkTotp, newTotpSecret, totpUri } from './totp.ts';
import { isRecoveryCode, newRecoveryCodes, recoveryCodeHash } from './recovery-codes.ts';
import { identityMail } from './identity.mail.ts';
import * as repo from './identity.repository.ts';
import type { LegalForm } from './identity.schemas.ts';
import { createContactCodes } from './identity.contact-codes.ts';
import { sealedPerson, openPerson } from './identity.sealing.ts';
import { fieldCrypto } from '../../platform/privacy/field-crypto.ts';
import './identity.policy.ts';

export interface IdentityDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
  jobs: JobQueue;
}

export interface NewSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** Who acts, for the audit trail. */
export interface Who {
  actor: Actor | null;
  meta?: RequestMeta | null;
  label?: string;
}

export type Identity = ReturnType<typeof createIdentity>;

/** Limits of one-time codes. */
export const CODE_MAX_ATTEMPTS = 5;
export const CONFIRM_CODE_MINUTES = 30;
export const RESET_CODE_MINUTES = 30;
export const INVITATION_HOURS = 72;
/** "Kirim ulang kode": per account and per IP. */
export const RESEND_PER_ACCOUNT = 3;
export const RESEND_WINDOW_SECONDS = 15 * 60;
/** Window of the per-address registration limit (config.registerRatePerIp). */
export const REGISTER_WINDOW_SECONDS = 3600;
export const MAX_ACTIVE_TOKENS = 20;
/** Retention (UU PDP Art. 42–45: keep no longer than needed). */
export const KEEP_CODES_DAYS = 7;
export const KEEP_ENDED_SESSIONS_DAYS = 90;
/**
 * A citizen self-registration whose e-mail was never confirmed is abandoned after this many
 * days: its NIK and e-mail are released (a mistyped address must not lock a NIK forever) and
 * its personal data is not kept.
 */
export const ABANDONED_REGISTRATION_DAYS = 7;

/**
 * Releases abandoned self-registrations (all of them, or those holding `match.nik` /
 * `match.email`): citizen accounts still 'pending', never confirmed, whose password was set
 * more than ABANDONED_REGISTRATION_DAYS ago. A person a business recorded as its
 * representative goes back to being that record (NIK and name only, no sign-in); anyone else
 * is emptied of personal data and disabled. Audited. Returns how many were released.
 */
export async function releaseAbandonedRegistrations(q: Executor, match: { nik?: string; email?: string } = {}, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - ABANDONED_REGISTRATION_DAYS * 86_400_000);
  const rows = await q
    .selectFrom('users as u')
    .select(['u.id', sql<boolean>`exists (select 1 from business_representatives r where r.user_id = u.id)`.as('represents')])
    .where('u.kind', '=', 'citizen')
    .where('u.status', '=', 'pending')
    .where('u.email_verified_at', 'is', null)
    .where('u.password_hash', 'is not', null)
    .where('u.password_changed_at', '<', cutoff)
    .$if(match.nik !== undefined || match.email !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          ...(match.nik !== undefined ? [eb('u.nik_bidx', '=', fieldCrypto().blindIndex('nik', match.nik)), eb('u.nik', '=', match.nik)] : []),
          ...(match.email !== undefined ? [eb(sql<string>`lower(u.email)`, '=', match.email.trim().toLowerCase())] : []),
        ]),
      ),
    )
    .limit(500)
    .execute();
  for (const r of rows) {
    const common = { email: null, phone: null, phone_bidx: null, password_hash: null, password_changed_at: null, updated_at: now };
    if (r.represents) await q.updateTable('users').set(common).where('id', '=', r.id).execute();
    else await q.updateTable('users').set({ ...common, nik: null, nik_bidx: null, name: '-', status: 'disabled' }).where('id', '=', r.id).execute();
    await recordAudit(q, { actor: null, label: 'sistem' }, {
      action: 'user.registration_abandoned',
      entityType: 'user',
      entityId: r.id,
      after: { released: true, keptAsRepresentative: r.represents },
    });
  }
  return rows.length;
}
export const PRUNE_EVERY_SECONDS = 3600;
/** Recurring removal of expired sessions, codes and abandoned registrations. */
export const PRUNE_JOB = defineJob('identity.prune', z.object({}));

/** 'email_change' and 'phone_change' belong to account editing (identity.contact.ts). */
export type CodePurpose = 'email_confirm' | 'password_reset' | 'invitation' | 'email_change' | 'phone_change';

export interface Profile {
  id: string;
  kind: Actor['kind'];
  name: string;
  email: string | null;
  emailVerified: boolean;
  phone: string | null;
  nikMasked: string | null;
  locale: Locale;
  status: 'pending' | 'active' | 'disabled';
  mfaEnabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
  /** The address on the account (area code down to the village, street line), when one is held. */
  address: AccountAddress;
}

export interface SessionView {
  id: string;
  current: boolean;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface TokenView {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  expired: boolean;
}

export interface BusinessView {
  id: string;
  name: string;
  legalForm: string;
  nib: string;
  npwp: string;
  address: string | null;
  representatives: {
    id: string;
    name: string;
    nikMasked: string | null;
    position: string;
    since: Date;
    /** The person has not yet made their own citizen account (see registerBusiness). */
    hasAccount: boolean;
  }[];
}

/** The session the browser had before (replaced on sign-in and on privilege changes). */
export type PreviousSession = { sessionId: string; userId: string } | null;

export type SignInResult =
  | { status: 'ok'; session: NewSession; userId: string; mfaRequired: boolean }
  | { status: 'pending'; userId: string };

/** Code-check failures, in the order the person should read them. */
type CodeFailure = { ok: false; reason: 'wrong' | 'expired' | 'attempts'; left?: number };
type CodeCheck = { ok: true; rowId: string } | CodeFailure;

function codeError(f: CodeFailure): AppError {
  switch (f.reason) {
    case 'expired':
      return new AppError('code_expired', 422, 'code.expired', undefined, [{ field: 'code', key: 'code.expired' }]);
    case 'attempts':
      return new AppError('code_attempts', 422, 'code.attempts', undefined, [{ field: 'code', key: 'code.attempts' }]);
    default:
      return new AppError('code_invalid', 422, 'code.wrong', { left: f.left ?? 0 }, [
        { field: 'code', key: 'code.wrong', params: { left: f.left ?? 0 } },
      ]);
  }
}

const fieldError = (code: string, status: number, field: string, key: MessageKey, params?: Record<string, string | number>) =>
  new AppError(code, status, key, params, [{ field, key, params }]);

/** Unique index → the form field it protects and the message. */
const uniqueFields: Record<string, FieldError> = {
  users_nik_key: { field: 'nik', key: 'register.nik_taken' },
  users_email_key: { field: 'email', key: 'register.email_taken' },
  businesses_nib_key: { field: 'nib', key: 'business.nib_taken' },
  businesses_npwp_key: { field: 'npwp', key: 'business.npwp_taken' },
};

/** A unique violation raced past our checks: the same 409 as the check would give. */
function conflictFromUniqueViolation(err: unknown, overrides: Record<string, FieldError> = {}): AppError | null {
  const e = uniqueViolation(err);
  if (!e) return null;
  const known = { ...uniqueFields, ...overrides };
  const name = e.constraint ?? Object.keys(known).find((k) => e.message.includes(k));
  const field = name ? known[name] : undefined;
  return new AppError('conflict', 409, field?.key ?? 'account.conflict', undefined, field ? [field] : undefined);
}

const normaliseName = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

export function createIdentity(deps: IdentityDeps) {
  const { config, database, mailer } = deps;
  const db = database.db;
  const tx = <T>(fn: (trx: Trx) => Promise<T>) => db.transaction().execute(fn);

  // ------------------------------------------------------------------------------------
  // Actors and sessions
  // ------------------------------------------------------------------------------------

  async function loadGrants(q: Executor, userId: string): Promise<Grant[]> {
    const rows = await q
      .selectFrom('role_grants')
      .select(['role', 'agency_id'])
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
    return rows.map((r) => ({ role: r.role, agencyId: r.agency_id }));
  }

  async function actorFor(
    q: Executor,
    user: { id: string; kind: Actor['kind']; name: string; locale: Locale; totp_enabled_at: Date | null },
    session: { id: string; mfa_passed: boolean } | null,
  ): Promise<Actor> {
    const grants = user.kind === 'staff' ? await loadGrants(q, user.id) : [];
    const mfaEnrolled = user.totp_enabled_at !== null;
    return {
      userId: user.id,
      kind: user.kind,
      name: user.name,
      locale: user.locale,
      grants,
      mfaEnrolled,
      mfaPassed: session ? !mfaEnrolled || session.mfa_passed : true,
      sessionId: session?.id ?? null,
      via: session ? 'session' : 'token',
    };
  }

  const authenticator: Authenticator = {
    async fromSessionToken(token) {
      if (!token || token.length > 200) return null;
      const row = await db
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select(['s.id as session_id', 's.mfa_passed', 's.last_seen_at', 'u.id', 'u.kind', 'u.name', 'u.locale', 'u.totp_enabled_at', 'u.status'])
        .where('s.token_hash', '=', sha256Hex(token))
        .where('s.revoked_at', 'is', null)
        .where('s.expires_at', '>', new Date())
        .executeTakeFirst();
      if (!row || row.status !== 'active') return null;
      // Touch at most once a minute to keep reads cheap.
      if (Date.now() - row.last_seen_at.getTime() > 60_000) {
        await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', row.session_id).execute();
      }
      return actorFor(db, row, { id: row.session_id, mfa_passed: row.mfa_passed });
    },
    async fromBearerToken(token) {
      if (!token || token.length > 200) return null;
      const row = await db
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select(['t.id as token_id', 'u.id', 'u.kind', 'u.name', 'u.locale', 'u.totp_enabled_at', 'u.status', 't.last_used_at'])
        .where('t.token_hash', '=', sha256Hex(token))
        .where('t.revoked_at', 'is', null)
        .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', new Date())]))
        .executeTakeFirst();
      if (!row || row.status !== 'active') return null;
      if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
        await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.token_id).execute();
      }
      return actorFor(db, row, null);
    },
  };

  async function createSession(
    q: Executor,
    userId: string,
    meta: { ip: string | null; userAgent: string | null },
    mfaPassed: boolean,
  ): Promise<NewSession> {
    const token = randomToken();
    const expiresAt = new Date(Date.now() + config.sessionTtlHours * 3600_000);
    const row = await q
      .insertInto('sessions')
      .values({ token_hash: sha256Hex(token), user_id: userId, ip: meta.ip, user_agent: meta.userAgent, mfa_passed: mfaPassed, expires_at: expiresAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { token, sessionId: row.id, expiresAt };
  }

  /** Replaces a session by a new one (new token) on a change of privilege (session fixation). */
  async function rotateSession(trx: Trx, userId: string, previous: PreviousSession, meta: RequestMeta | null | undefined, mfaPassed: boolean) {
    if (previous) await revokeSessionRow(trx, previous.userId, previous.sessionId);
    return createSession(trx, userId, { ip: meta?.ip ?? null, userAgent: meta?.userAgent ?? null }, mfaPassed);
  }

  async function revokeSessionRow(q: Executor, userId: string, sessionId: string): Promise<boolean> {
    const res = await q
      .updateTable('sessions')
      .set({ revoked_at: new Date(), updated_at: new Date() })
      .where('id', '=', sessionId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async function revokeAllSessionRows(q: Executor, userId: string, exceptSessionId: string | null): Promise<number> {
    let query = q
      .updateTable('sessions')
      .set({ revoked_at: new Date(), updated_at: new Date() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
    const res = await query.executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  // ------------------------------------------------------------------------------------
  // One-time codes
  // ------------------------------------------------------------------------------------

  /**
   * Only a keyed SHA-256 (HMAC with the server secret) of a code is stored: a six-digit
   * code's plain hash could be reversed by trying all million values.
   */
  function codeHash(purpose: CodePurpose, userId: string, code: string): string {
    return crypto.createHmac('sha256', config.sessionSecret).update(`${purpose}:${userId}:${code}`).digest('hex');
  }

  /** A new code for `purpose`; earlier unused codes of the same purpose stop working. */
  async function issueCode(trx: Trx, userId: string, purpose: CodePurpose, ttlMinutes: number): Promise<{ id: string; code: string }> {
    const now = new Date();
    await trx
      .updateTable('verification_codes')
      .set({ expires_at: now, updated_at: now })
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    const code = numericCode(6);
    const row = await trx
      .insertInto('verification_codes')
      .values({ user_id: userId, purpose, code_hash: codeHash(purpose, userId, code), expires_at: new Date(now.getTime() + ttlMinutes * 60_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, code };
  }

  /**
   * Checks `code` against the code row `ref` or, without it, the newest unused code of
   * `purposes` for the user. A wrong code counts an attempt; the fifth wrong one spends the
   * code. The row is locked so two requests cannot use one code twice.
   */
  async function consumeCode(trx: Trx, userId: string, purposes: CodePurpose[], ref: string | null, code: string): Promise<CodeCheck & { purpose?: CodePurpose }> {
    let query = trx
      .selectFrom('verification_codes')
      .select(['id', 'purpose', 'code_hash', 'attempts', 'expires_at', 'used_at'])
      .where('user_id', '=', userId)
      .where('purpose', 'in', purposes);
    query = ref ? query.where('id', '=', ref) : query.where('used_at', 'is', null).orderBy('created_at', 'desc').limit(1);
    const found = await query.forUpdate().executeTakeFirst();
    // Only rows of `purposes` are read, so the purpose is one of the account code purposes.
    const row = found ? { ...found, purpose: found.purpose as CodePurpose } : undefined;
    if (!row || row.used_at || row.expires_at.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
    if (row.attempts >= CODE_MAX_ATTEMPTS) return { ok: false, reason: 'attempts' };
    const expected = Buffer.from(row.code_hash, 'hex');
    const given = Buffer.from(codeHash(row.purpose, userId, code), 'hex');
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
      const attempts = row.attempts + 1;
      await trx.updateTable('verification_codes').set({ attempts, updated_at: new Date() }).where('id', '=', row.id).execute();
      return attempts >= CODE_MAX_ATTEMPTS ? { ok: false, reason: 'attempts' } : { ok: false, reason: 'wrong', left: CODE_MAX_ATTEMPTS - attempts };
    }
    await trx.updateTable('verification_codes').set({ used_at: new Date(), updated_at: new Date() }).where('id', '=', row.id).execute();
    return { ok: true, rowId: row.id, purpose: row.purpose };
  }

  const link = (path: string) => `${config.baseUrl}${path}`;

  async function sendConfirmation(trx: Trx, user: { id: string; name: string; email: string; locale: Locale }) {
    const { code } = await issueCode(trx, user.id, 'email_confirm', CONFIRM_CODE_MINUTES);
    await mailer.send(
      trx,
      identityMail.confirmEmail(user.locale, user.email, { name: user.name, code, minutes: CONFIRM_CODE_MINUTES, url: link('/daftar/konfirmasi') }),
    );
  }

  async function checkIpLimit(scope: string, meta: RequestMeta | null | undefined, limit: number, windowSeconds: number) {
    const r = await hitRateLimit(db, rateKey(scope, meta?.ip ?? 'unknown'), limit, windowSeconds);
    if (!r.allowed) throw errors.rateLimited(r.retryAfterMinutes);
  }

  // ------------------------------------------------------------------------------------
  // Registration
  // ------------------------------------------------------------------------------------

  /** A person recorded as a business representative who has not made an account yet. */
  function isUnclaimedPerson(u: { kind: string; password_hash: string | null; email: string | null; status: string }): boolean {
    return u.kind === 'citizen' && u.password_hash === null && u.email === null && u.status === 'pending';
  }

  /**
   * Tells the holder of a NIK or e-mail address that someone tried to register with it.
   * Registration answers the same whether or not they are taken (no account enumeration);
   * the owner learns of the attempt by e-mail instead.
   */
  async function notifyRegistrationAttempt(trx: Trx, owner: { name: string; email: string | null; locale: Locale }, what: 'nik' | 'email') {
    if (!owner.email) return;
    await mailer.send(
      trx,
      identityMail.registrationAttempt(owner.locale, owner.email, { name: owner.name, what, signin: link('/masuk'), forgot: link('/lupa-sandi'), url: link('/') }),
    );
  }

  /** Registrations per client address and hour (config.registerRatePerIp). */
  async function checkRegistrationLimit(meta: RequestMeta | null | undefined) {
    await checkIpLimit('register:ip', meta, config.registerRatePerIp, REGISTER_WINDOW_SECONDS);
  }

  /**
   * Citizen self-registration (P-4: one NIK, one account; one e-mail, one account). The
   * account stays 'pending' until the e-mailed code is entered. A NIK already recorded as a
   * business representative without an account of its own (see registerBusiness) is taken
   * over by this registration, so the person keeps one identity.
   *
   * A NIK or e-mail that already has an account gets the same answer as a new registration
   * (`userId` null: nothing is created) and its owner is told by e-mail, so the form cannot be
   * used to find out who has an account. At most config.registerRatePerIp attempts per address and hour.
   */
  async function registerCitizen(
    input: { nik: string; name: string; email: string; phone: string; password: string; address?: AccountAddress },
    who: Who,
    locale: Locale,
  ): Promise<{ userId: string | null; email: string }> {
    await checkRegistrationLimit(who.meta);
    const passwordHash = await hashPassword(input.password);
    const taken = { userId: null, email: input.email };
    try {
      return await tx(async (trx) => {
        await releaseAbandonedRegistrations(trx, { nik: input.nik, email: input.email });
        const existing = await repo.findUserByNik(trx, input.nik);
        const unclaimed = existing && isUnclaimedPerson(existing) ? existing : undefined;
        const byEmail = await repo.findUserByEmail(trx, input.email);
        if ((existing && !unclaimed) || byEmail) {
          if (existing && !unclaimed) await notifyRegistrationAttempt(trx, existing, 'nik');
          if (byEmail && byEmail.id !== existing?.id) await notifyRegistrationAttempt(trx, byEmail, 'email');
          await recordAudit(trx, { ...who, label: who.label ?? 'anonim' }, {
            action: 'user.register_refused',
            entityType: 'user',
            entityId: (existing && !unclaimed ? existing.id : byEmail?.id) ?? null,
            after: { reason: existing && !unclaimed ? 'nik_taken' : 'email_taken', nik: maskNik(input.nik), email: maskEmail(input.email) },
          });
          return taken;
        }
        const values = {
          name: input.name,
          email: input.email,
          ...sealedPerson({ phone: input.phone }),
          password_hash: passwordHash,
          password_changed_at: new Date(),
          locale,
          status: 'pending' as const,
          updated_at: new Date(),
          // The address when one was given (a walk-in record's own is kept otherwise).
          ...(input.address && (input.address.area || input.address.street) ? { address: input.address.street, address_area: input.address.area } : {}),
        };
        let row: { id: string } | undefined;
        if (unclaimed) {
          // Guarded: a concurrent registration may have claimed the record since we read it.
          row = await trx
            .updateTable('users')
            .set(values)
            .where('id', '=', unclaimed.id)
            .where('password_hash', 'is', null)
            .where('email', 'is', null)
            .where('status', '=', 'pending')
            .returning(['id'])
            .executeTakeFirst();
          if (!row) return taken;
        } else {
          row = await trx.insertInto('users').values({ ...values, kind: 'citizen', ...sealedPerson({ nik: input.nik }) }).returning(['id']).executeTakeFirstOrThrow();
        }
        await recordAudit(trx, { ...who, label: who.label ?? input.name }, {
          action: unclaimed ? 'user.register_claimed' : 'user.register',
          entityType: 'user',
          entityId: row.id,
          after: { kind: 'citizen', name: input.name, nik: maskNik(input.nik), email: maskEmail(input.email), status: 'pending' },
        });
        await sendConfirmation(trx, { id: row.id, name: input.name, email: input.email, locale });
        return { userId: row.id, email: input.email };
      });
    } catch (err) {
      // The same NIK or e-mail registered at the same moment: the same answer as above.
      if (uniqueViolation(err)) return taken;
      throw err;
    }
  }

  /**
   * Business registration. Creates the business account (users.kind 'business', its own
   * e-mail and password), the business (one NIB, one NPWP), and records the person who acts
   * for it as a representative.
   *
   * The person is identified by NIK, as everywhere in Simpul (P-4: one person, one record):
   * - a NIK with a citizen account is linked to that account (the name typed must match the
   *   account's name, so a NIK alone cannot pull a stranger in), and the person is told by
   *   e-mail;
   * - a NIK without an account gets a person record with the NIK and name only: no e-mail,
   *   no password, status 'pending'. It cannot sign in and holds no data beyond what the
   *   business declared. When the person registers at /daftar with that NIK, registration
   *   takes the record over (registerCitizen), so the link to the business is already
   *   there and no duplicate person appears. We do not create a sign-in for someone who did
   *   not ask for one, and we do not make the business wait for the person to register.
   */
  async function registerBusiness(
    input: {
      businessName: string;
      legalForm: LegalForm;
      nib: string;
      npwp: string;
      address: string;
      email: string;
      phone: string;
      password: string;
      personNik: string;
      personName: string;
      personPosition: string;
    },
    who: Who,
    locale: Locale,
  ): Promise<{ userId: string | null; businessId: string | null; email: string }> {
    await checkRegistrationLimit(who.meta);
    const passwordHash = await hashPassword(input.password);
    try {
      return await tx(async (trx) => {
        const fields: FieldError[] = [];
        // An e-mail address with an account is not named (no enumeration): when all else is
        // right, the answer reads as a registration and the address's owner is told.
        const byEmail = await repo.findUserByEmail(trx, input.email);
        if (await trx.selectFrom('businesses').select('id').where('nib', '=', input.nib).executeTakeFirst()) {
          fields.push({ field: 'nib', key: 'business.nib_taken' });
        }
        if (await trx.selectFrom('businesses').select('id').where('npwp', '=', input.npwp).executeTakeFirst()) {
          fields.push({ field: 'npwp', key: 'business.npwp_taken' });
        }
        const person = await repo.findUserByNik(trx, input.personNik);
        if (person && (person.kind !== 'citizen' || normaliseName(person.name) !== normaliseName(input.personName))) {
          fields.push({ field: 'personName', key: 'business.person_mismatch' });
        }
        if (fields.length) throw new AppError('conflict', 409, fields[0]!.key, undefined, fields);
        if (byEmail) {
          await notifyRegistrationAttempt(trx, byEmail, 'email');
          await recordAudit(trx, { ...who, label: who.label ?? 'anonim' }, {
            action: 'business.register_refused',
            entityType: 'user',
            entityId: byEmail.id,
            after: { reason: 'email_taken', nib: input.nib, email: maskEmail(input.email) },
          });
          return { userId: null, businessId: null, email: input.email };
        }

        const account = await trx
          .insertInto('users')
          .values({
            kind: 'business',
            name: input.businessName,
            email: input.email,
            ...sealedPerson({ phone: input.phone }),
            password_hash: passwordHash,
            password_changed_at: new Date(),
            locale,
            status: 'pending',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const business = await trx
          .insertInto('businesses')
          .values({
            account_id: account.id,
            name: input.businessName,
            nib: input.nib,
            npwp: input.npwp,
            legal_form: input.legalForm,
            address: input.address,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const personId =
          person?.id ??
          (
            await trx
              .insertInto('users')
              .values({ kind: 'citizen', name: input.personName, ...sealedPerson({ nik: input.personNik }), status: 'pending' })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        await trx
          .insertInto('business_representatives')
          .values({ business_id: business.id, user_id: personId, position: input.personPosition })
          .execute();
        const label = who.label ?? input.businessName;
        await recordAudit(trx, { ...who, label }, {
          action: 'business.register',
          entityType: 'business',
          entityId: business.id,
          after: { name: input.businessName, legal_form: input.legalForm, nib: input.nib, account_id: account.id, email: maskEmail(input.email) },
        });
        await recordAudit(trx, { ...who, label }, {
          action: 'business.representative_add',
          entityType: 'business',
          entityId: business.id,
          after: { user_id: personId, nik: maskNik(input.personNik), position: input.personPosition, person_record_created: !person },
        });
        if (person?.email && person.email_verified_at && person.status === 'active') {
          await mailer.send(
            trx,
            identityMail.representativeAdded(person.locale, person.email, {
              name: person.name,
              business: input.businessName,
              position: input.personPosition,
              url: link('/akun'),
            }),
          );
        }
        await sendConfirmation(trx, { id: account.id, name: input.businessName, email: input.email, locale });
        return { userId: account.id, businessId: business.id, email: input.email };
      });
    } catch (err) {
      // The only NIK written here is the person's (a record made at the same moment elsewhere).
      throw conflictFromUniqueViolation(err, {
        users_nik_key: { field: 'personNik', key: 'account.conflict' },
        users_email_key: { field: 'email', key: 'business.email_taken' },
      }) ?? err;
    }
  }

  /** The pending account a confirmation page is about (from its cookie or the typed e-mail). */
  async function pendingAccount(ref: { userId?: string | null; email?: string | null }) {
    const u = ref.userId ? await repo.findUserById(db, ref.userId) : ref.email ? await repo.findUserByEmail(db, ref.email) : undefined;
    return u && u.status === 'pending' && u.email ? u : undefined;
  }

  /**
   * Confirms the e-mail address with the code and signs the person in. Unknown addresses
   * read as a wrong code (no account enumeration).
   */
  async function confirmEmail(ref: { userId?: string | null; email?: string | null }, code: string, who: Who): Promise<{ userId: string; session: NewSession }> {
    const user = await pendingAccount(ref);
    if (!user) throw codeError({ ok: false, reason: 'wrong', left: CODE_MAX_ATTEMPTS - 1 });
    const res = await tx(async (trx) => {
      const check = await consumeCode(trx, user.id, ['email_confirm'], null, code);
      if (!check.ok) return check;
      const updated = await trx
        .updateTable('users')
        .set({ status: 'active', email_verified_at: new Date(), failed_logins: 0, locked_until: null, last_login_at: new Date(), updated_at: new Date() })
        .where('id', '=', user.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return { ok: false as const, reason: 'expired' as const };
      const session = await createSession(trx, user.id, { ip: who.meta?.ip ?? null, userAgent: who.meta?.userAgent ?? null }, true);
      await recordAudit(trx, { ...who, actor: who.actor, label: user.name }, {
        action: 'user.email_confirmed',
        entityType: 'user',
        entityId: user.id,
        before: { status: 'pending' },
        after: { status: 'active' },
      });
      return { ok: true as const, session };
    });
    if (!res.ok) throw codeError(res);
    return { userId: user.id, session: res.session };
  }

  /**
   * "Kirim ulang kode": a new code, at most RESEND_PER_ACCOUNT per 15 minutes per account.
   * The answer does not say whether the address has a pending account.
   */
  async function resendConfirmation(ref: { userId?: string | null; email?: string | null }, meta: RequestMeta | null | undefined): Promise<void> {
    await checkIpLimit('confirm-resend:ip', meta, 20, 3600);
    const user = await pendingAccount(ref);
    if (!user?.email) return;
    const r = await hitRateLimit(db, `confirm-resend:user:${user.id}`, RESEND_PER_ACCOUNT, RESEND_WINDOW_SECONDS);
    if (!r.allowed) throw errors.rateLimited(r.retryAfterMinutes);
    await tx((trx) => sendConfirmation(trx, { id: user.id, name: user.name, email: user.email!, locale: user.locale }));
  }

  // ------------------------------------------------------------------------------------
  // Sign-in
  // ------------------------------------------------------------------------------------

  const invalidCredentials = () =>
    new AppError('invalid_credentials', 401, 'signin.invalid', undefined, [{ field: 'login', key: 'signin.invalid' }]);

  /**
   * Failed sign-ins slow the next attempt down instead of locking the account (an attacker
   * could otherwise lock anyone out). Two counters, failures only:
   * - per account and client address: config.login.maxFailures free failures, then each
   *   attempt waits 2, 4, 8, … seconds (at most config.login.lockMinutes); a success clears it,
   *   and the owner signing in from another address is not slowed by them;
   * - per client address, over every account: config.login.ratePerIp free failures per 15
   *   minutes, then the same growing delays (one address cannot try many accounts quickly).
   * Successful sign-ins are never counted, so many people behind one NAT are not limited.
   */
  const signInPolicy = () => {
    const common = { capSeconds: config.login.lockMinutes * 60, firstDelaySeconds: config.login.firstDelaySeconds };
    return {
      account: { ...common, free: config.login.maxFailures, windowSeconds: 24 * 3600 },
      address: { ...common, free: config.login.ratePerIp, windowSeconds: 15 * 60 },
    };
  };
  /** `login-fail:acct:<user id or hash of the typed login>:<hash of the address>`. */
  const accountAddressKey = (account: { userId: string } | { login: string }, meta: RequestMeta | null) =>
    'userId' in account
      ? rateKey(`login-fail:acct:${account.userId}`, meta?.ip ?? 'unknown')
      : rateKey(`login-fail:acct:x${sha256Hex(account.login.replace(/[\s.]/g, '').toLowerCase()).slice(0, 16)}`, meta?.ip ?? 'unknown');
  const addressKey = (meta: RequestMeta | null) => rateKey('login-fail:ip', meta?.ip ?? 'unknown');

  /**
   * Sign-in with e-mail or NIK and password. Unknown accounts and wrong passwords get the
   * same answer, and the same delays (see signInPolicy). `previous`: a session the browser
   * already had; it is replaced.
   */
  async function signIn(input: { login: string; password: string }, meta: RequestMeta | null, previous: PreviousSession = null): Promise<SignInResult> {
    const policy = signInPolicy();
    const user = await repo.findUserByLogin(db, input.login);
    const accountKey = accountAddressKey(user ? { userId: user.id } : { login: input.login }, meta);
    const byAddress = await throttleState(db, addressKey(meta), policy.address);
    const byAccount = await throttleState(db, accountKey, policy.account);
    const wait = Math.max(byAddress.waitSeconds, byAccount.waitSeconds);
    if (wait > 0) throw throttledError(wait);
    const countFailure = async (q: Executor) => {
      const failures = await recordFailure(q, accountKey, policy.account);
      await recordFailure(q, addressKey(meta), policy.address);
      return { failures, delaySeconds: delayAfter(failures, policy.account) };
    };
    const anonymous = { actor: null, meta, label: 'anonim' };
    if (!user) {
      await verifyPassword(null, input.password);
      await tx(async (trx) => {
        const counted = await countFailure(trx);
        await recordAudit(trx, anonymous, { action: 'auth.login_failed', entityType: 'user', after: { reason: 'unknown_account', failures: counted.failures, delay_seconds: counted.delaySeconds } });
      });
      throw invalidCredentials();
    }
    const who = { actor: null, meta, label: user.name };
    const ok = await verifyPassword(user.password_hash, input.password);
    if (!ok) {
      await tx(async (trx) => {
        const counted = await countFailure(trx);
        // failed_logins is kept as information for operators; it never locks the account.
        await trx.updateTable('users').set({ failed_logins: sql<number>`failed_logins + 1`, updated_at: new Date() }).where('id', '=', user.id).execute();
        await recordAudit(trx, who, {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          after: { reason: 'wrong_password', failures: counted.failures, delay_seconds: counted.delaySeconds },
        });
      });
      throw invalidCredentials();
    }
    await clearRateLimit(db, accountKey);
    if (user.kind === 'staff' && !config.staffLocalPasswords) {
      // Staff sign in through the region's SSO only (STAFF_LOCAL_PASSWORDS=false).
      await recordAudit(db, who, { action: 'auth.login_refused', entityType: 'user', entityId: user.id, after: { reason: 'sso_only' } });
      throw new AppError('sso_only', 403, 'sso.only', undefined, [{ field: 'login', key: 'sso.only' }]);
    }
    if (user.status === 'disabled') {
      await recordAudit(db, who, { action: 'auth.login_refused', entityType: 'user', entityId: user.id, after: { reason: 'disabled' } });
      throw new AppError('account_disabled', 403, 'signin.disabled', undefined, [{ field: 'login', key: 'signin.disabled' }]);
    }
    if (user.status === 'pending') {
      await db.updateTable('users').set({ failed_logins: 0, updated_at: new Date() }).where('id', '=', user.id).execute();
      return { status: 'pending', userId: user.id };
    }
    const mfaRequired = user.totp_enabled_at !== null;
    const session = await tx(async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: null, last_login_at: new Date(), updated_at: new Date() })
        .where('id', '=', user.id)
        .execute();
      const s = await rotateSession(trx, user.id, previous, meta, !mfaRequired);
      await recordAudit(trx, who, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        after: { session_id: s.sessionId, mfa_pending: mfaRequired },
      });
      return s;
    });
    return { status: 'ok', session, userId: user.id, mfaRequired };
  }

  async function signOut(actor: Actor, meta: RequestMeta | null): Promise<void> {
    if (!actor.sessionId) return;
    await tx(async (trx) => {
      await revokeSessionRow(trx, actor.userId, actor.sessionId!);
      await recordAudit(trx, { actor, meta }, { action: 'auth.logout', entityType: 'session', entityId: actor.sessionId });
    });
  }

  // ------------------------------------------------------------------------------------
  // Two-step verification (TOTP)
  // ------------------------------------------------------------------------------------

  const totpError = (reason: 'wrong' | 'replayed') =>
    reason === 'replayed'
      ? fieldError('totp_replayed', 422, 'code', 'totp.replayed')
      : fieldError('totp_invalid', 422, 'code', 'totp.wrong');

  /** Checks a TOTP code for the user and records its step, atomically (no replay). */
  async function acceptTotp(trx: Trx, userId: string, secret: string, lastStep: number | null, code: string): Promise<'ok' | 'wrong' | 'replayed'> {
    const check = checkTotp(secret, code, lastStep);
    if (!check.ok) return check.reason;
    const res = await trx
      .updateTable('users')
      .set({ totp_last_step: check.step, updated_at: new Date() })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', check.step)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1 ? 'ok' : 'replayed';
  }

  async function totpAttemptLimit(userId: string) {
    const r = await hitRateLimit(db, `totp:user:${userId}`, 10, 15 * 60);
    if (!r.allowed) throw errors.rateLimited(r.retryAfterMinutes);
  }

  /**
   * Second sign-in step: the session becomes mfa_passed under a new token (the old one is
   * revoked), so a token seen before the step is worth nothing after it.
   */
  async function passTotp(actor: Actor, code: string, meta: RequestMeta | null): Promise<NewSession> {
    if (!actor.sessionId) throw errors.unauthenticated();
    if (isRecoveryCode(code)) return passWithRecoveryCode(actor, code, meta);
    await totpAttemptLimit(actor.userId);
    const user = await repo.findUserById(db, actor.userId);
    if (!user?.totp_secret || !user.totp_enabled_at) throw errors.badRequest();
    const secret = decryptSecret(config.encryptionKey, user.totp_secret);
    const res = await tx(async (trx) => {
      const outcome = await acceptTotp(trx, user.id, secret, user.totp_last_step, code);
      if (outcome !== 'ok') {
        await recordAudit(trx, { actor, meta }, { action: 'auth.totp_failed', entityType: 'user', entityId: user.id, after: { reason: outcome } });
        return { ok: false as const, reason: outcome };
      }
      const session = await rotateSession(trx, user.id, { sessionId: actor.sessionId!, userId: user.id }, meta, true);
      await recordAudit(trx, { actor, meta }, { action: 'auth.totp_passed', entityType: 'user', entityId: user.id, after: { session_id: session.sessionId } });
      return { ok: true as const, session };
    });
    if (!res.ok) throw totpError(res.reason);
    return res.session;
  }

  /** Replaces the user's recovery codes with ten new ones (returned once, stored hashed). */
  async function issueRecoveryCodes(trx: Trx, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await trx.deleteFrom('totp_recovery_codes').where('user_id', '=', userId).execute();
    await trx
      .insertInto('totp_recovery_codes')
      .values(codes.map((c) => ({ user_id: userId, code_hash: recoveryCodeHash(config.sessionSecret, userId, c) })))
      .execute();
    return codes;
  }

  /** How many unused recovery codes the user has. */
  async function recoveryCodesLeft(userId: string): Promise<number> {
    const r = await db
      .selectFrom('totp_recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * The second sign-in step with a recovery code instead of an authenticator code: the code
   * is spent (never accepted twice), audited, and the owner is told by e-mail. A wrong code
   * counts as a failed sign-in (the failures-only throttle of signIn, per account and
   * address, and per address), on top of the TOTP attempt limit.
   */
  async function passWithRecoveryCode(actor: Actor, code: string, meta: RequestMeta | null): Promise<NewSession> {
    await totpAttemptLimit(actor.userId);
    const policy = signInPolicy();
    const accountKey = accountAddressKey({ userId: actor.userId }, meta);
    const wait = Math.max((await throttleState(db, addressKey(meta), policy.address)).waitSeconds, (await throttleState(db, accountKey, policy.account)).waitSeconds);
    if (wait > 0) throw throttledError(wait);
    const user = await repo.findUserById(db, actor.userId);
    if (!user?.totp_secret || !user.totp_enabled_at) throw errors.badRequest();
    const res = await tx(async (trx) => {
      const spent = await trx
        .updateTable('totp_recovery_codes')
        .set({ used_at: new Date() })
        .where('user_id', '=', user.id)
        .where('code_hash', '=', recoveryCodeHash(config.sessionSecret, user.id, code))
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(spent.numUpdatedRows) !== 1) {
        const failures = await recordFailure(trx, accountKey, policy.account);
        await recordFailure(trx, addressKey(meta), policy.address);
        await recordAudit(trx, { actor, meta }, { action: 'auth.recovery_code_failed', entityType: 'user', entityId: user.id, after: { failures, delay_seconds: delayAfter(failures, policy.account) } });
        return null;
      }
      const left = await trx
        .selectFrom('totp_recovery_codes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', user.id)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      const remaining = Number(left.n);
      const session = await rotateSession(trx, user.id, { sessionId: actor.sessionId!, userId: user.id }, meta, true);
      await recordAudit(trx, { actor, meta }, { action: 'auth.recovery_code_used', entityType: 'user', entityId: user.id, after: { session_id: session.sessionId, remaining } });
      if (user.email) await mailer.send(trx, identityMail.recoveryCodeUsed(user.locale, user.email, { name: user.name, remaining, url: link('/akun/keamanan/totp') }));
      return session;
    });
    if (!res) throw fieldError('recovery_invalid', 422, 'code', 'recovery.wrong');
    return res;
  }

  /**
   * New recovery codes (the old ones stop working) for a user with TOTP, with his password
   * and a current authenticator code. Audited; the owner is told by e-mail.
   */
  async function regenerateRecoveryCodes(actor: Actor, input: { password: string; code: string }, meta: RequestMeta | null): Promise<string[]> {
    await totpAttemptLimit(actor.userId);
    const user = await repo.findUserById(db, actor.userId);
    if (!user?.totp_secret || !user.totp_enabled_at) throw errors.badRequest();
    if (!(await verifyPassword(user.password_hash, input.password))) {
      throw fieldError('password_wrong', 422, 'password', 'password.current_wrong');
    }
    const secret = decryptSecret(config.encryptionKey, user.totp_secret);
    const res = await tx(async (trx) => {
      const outcome = await acceptTotp(trx, user.id, secret, user.totp_last_step, input.code);
      if (outcome !== 'ok') return outcome;
      const codes = await issueRecoveryCodes(trx, user.id);
      await recordAudit(trx, { actor, meta }, { action: 'user.recovery_codes_regenerated', entityType: 'user', entityId: user.id, after: { count: codes.length } });
      if (user.email) await mailer.send(trx, identityMail.recoveryCodesRegenerated(user.locale, user.email, { name: user.name, url: link('/akun/keamanan/totp') }));
      return codes;
    });
    if (!Array.isArray(res)) throw totpError(res);
    return res;
  }

  /**
   * The secret being enrolled: kept (encrypted) in totp_secret while totp_enabled_at is
   * null, so reloading the page shows the same secret the app already scanned.
   */
  async function startTotpEnrolment(actor: Actor, issuer: string): Promise<{ secret: string; uri: string } | { enabled: true }> {
    const user = await repo.findUserById(db, actor.userId);
    if (!user) throw errors.unauthenticated();
    if (user.totp_enabled_at) return { enabled: true };
    let secret: string;
    if (user.totp_secret) {
      secret = decryptSecret(config.encryptionKey, user.totp_secret);
    } else {
      secret = newTotpSecret();
      await db
        .updateTable('users')
        .set({ totp_secret: encryptSecret(config.encryptionKey, secret), updated_at: new Date() })
        .where('id', '=', user.id)
        .where('totp_enabled_at', 'is', null)
        .execute();
    }
    return { secret, uri: totpUri(secret, user.email ?? user.name, issuer) };
  }

  /**
   * Enables TOTP once a code from the app matches; the session is rotated as passed. Returns
   * the ten recovery codes, to be shown this once.
   */
  async function confirmTotpEnrolment(actor: Actor, code: string, meta: RequestMeta | null): Promise<{ session: NewSession | null; recoveryCodes: string[] }> {
    await totpAttemptLimit(actor.userId);
    const user = await repo.findUserById(db, actor.userId);
    if (!user?.totp_secret || user.totp_enabled_at) throw errors.badRequest();
    const secret = decryptSecret(config.encryptionKey, user.totp_secret);
    const res = await tx(async (trx) => {
      const outcome = await acceptTotp(trx, user.id, secret, user.totp_last_step, code);
      if (outcome !== 'ok') return { ok: false as const, reason: outcome };
      await trx.updateTable('users').set({ totp_enabled_at: new Date(), updated_at: new Date() }).where('id', '=', user.id).execute();
      const recoveryCodes = await issueRecoveryCodes(trx, user.id);
      await recordAudit(trx, { actor, meta }, { action: 'user.totp_enabled', entityType: 'user', entityId: user.id, after: { recovery_codes: recoveryCodes.length } });
      const session = actor.sessionId ? await rotateSession(trx, user.id, { sessionId: actor.sessionId, userId: user.id }, meta, true) : null;
      return { ok: true as const, session, recoveryCodes };
    });
    if (!res.ok) throw totpError(res.reason);
    return { session: res.session, recoveryCodes: res.recoveryCodes };
  }

  function mustEnrolMfa(grants: Grant[], totpEnabled: boolean): boolean {
    return config.requireAdminMfa && !totpEnabled && grants.some((g) => adminRoles.includes(g.role));
  }

  /** Turns TOTP off with the password and a current code; never for administrators while required. */
  /**
   * Re-confirms the signed-in person before a weighty act (an official signing a permit):
   * his password, or a current TOTP code when he has TOTP. Attempts count against the same
   * limit as TOTP codes. A wrong answer is a 422 on `field`; nothing else changes.
   */
  async function confirmIdentity(actor: Actor, secret: string, meta: RequestMeta | null, field = 'confirm'): Promise<void> {
    await totpAttemptLimit(actor.userId);
    const user = await repo.findUserById(db, actor.userId);
    if (!user) throw errors.unauthenticated();
    const given = secret.trim();
    const wrong = async () => {
      await recordAudit(db, { actor, meta }, { action: 'auth.confirm_failed', entityType: 'user', entityId: user.id });
      return fieldError('confirm_failed', 422, field, given ? 'auth.confirm.wrong' : 'auth.confirm.required');
    };
    if (!given) throw await wrong();
    if (/^\d{6}$/.test(given) && user.totp_secret && user.totp_enabled_at) {
      const secretKey = decryptSecret(config.encryptionKey, user.totp_secret);
      const outcome = await tx((trx) => acceptTotp(trx, user.id, secretKey, user.totp_last_step, given));
      if (outcome === 'ok') return;
    }
    if (await verifyPassword(user.password_hash, secret)) return;
    throw await wrong();
  }

  async function disableTotp(actor: Actor, input: { password: string; code: string }, meta: RequestMeta | null): Promise<void> {
    if (config.requireAdminMfa && isAdministrative(actor)) throw new AppError('mfa_required', 403, 'totp.admin_required');
    await totpAttemptLimit(actor.userId);
    const user = await repo.findUserById(db, actor.userId);
    if (!user?.totp_secret || !user.totp_enabled_at) throw errors.badRequest();
    if (!(await verifyPassword(user.password_hash, input.password))) {
      throw fieldError('password_wrong', 422, 'password', 'password.current_wrong');
    }
    const secret = decryptSecret(config.encryptionKey, user.totp_secret);
    const res = await tx(async (trx) => {
      const outcome = await acceptTotp(trx, user.id, secret, user.totp_last_step, input.code);
      if (outcome !== 'ok') return outcome;
      await trx
        .updateTable('users')
        .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: new Date() })
        .where('id', '=', user.id)
        .execute();
      await trx.deleteFrom('totp_recovery_codes').where('user_id', '=', user.id).execute();
      await recordAudit(trx, { actor, meta }, { action: 'user.totp_disabled', entityType: 'user', entityId: user.id });
      return 'ok' as const;
    });
    if (res !== 'ok') throw totpError(res);
  }

  // ------------------------------------------------------------------------------------
  // Passwords
  // ------------------------------------------------------------------------------------

  /**
   * "Lupa kata sandi": the same answer whether or not the address has an account. A code
   * (30 minutes) and a link are e-mailed; at most 3 per address per hour, 10 per IP per
   * 15 minutes.
   */
  async function requestPasswordReset(email: string, meta: RequestMeta | null): Promise<void> {
    await checkIpLimit('reset:ip', meta, 10, 15 * 60);
    const user = await repo.findUserByEmail(db, email);
    if (!user?.email || user.status === 'disabled') return;
    const r = await hitRateLimit(db, rateKey('reset:email', user.email), 3, 3600);
    if (!r.allowed) return;
    await tx(async (trx) => {
      const { id, code } = await issueCode(trx, user.id, 'password_reset', RESET_CODE_MINUTES);
      await mailer.send(
        trx,
        identityMail.passwordReset(user.locale, user.email!, {
          name: user.name,
          code,
          minutes: RESET_CODE_MINUTES,
          link: link(`/atur-sandi?ref=${id}&kode=${code}`),
          url: link('/atur-sandi'),
        }),
      );
      await recordAudit(trx, { actor: null, meta, label: user.name }, { action: 'user.password_reset_requested', entityType: 'user', entityId: user.id });
    });
  }

  /**
   * Sets a new password with an e-mailed code (reset or staff invitation). Receiving the
   * code proves the address, so a pending account becomes active. Every session of the
   * account is revoked.
   */
  async function resetPassword(input: { ref?: string; email?: string; code: string; password: string }, meta: RequestMeta | null): Promise<{ userId: string }> {
    await checkIpLimit('reset-confirm:ip', meta, 30, 15 * 60);
    let user;
    if (input.ref) {
      const row = await db.selectFrom('verification_codes').select('user_id').where('id', '=', input.ref).executeTakeFirst();
      user = row?.user_id ? await repo.findUserById(db, row.user_id) : undefined;
    } else if (input.email) {
      user = await repo.findUserByEmail(db, input.email);
    }
    if (!user || user.status === 'disabled') throw codeError({ ok: false, reason: 'wrong', left: CODE_MAX_ATTEMPTS - 1 });
    const weak = passwordWeakness(input.password, [user.name, user.email ?? '', user.nik ?? ''].flatMap((p) => [p, ...p.split(/[\s@.]+/)]).filter((p) => p.length >= 4));
    if (weak) throw fieldError('validation_failed', 422, 'password', weak);
    const passwordHash = await hashPassword(input.password);
    const res = await tx(async (trx) => {
      const check = await consumeCode(trx, user.id, ['password_reset', 'invitation'], input.ref ?? null, input.code);
      if (!check.ok) return check;
      await trx
        .updateTable('users')
        .set({
          password_hash: passwordHash,
          password_changed_at: new Date(),
          failed_logins: 0,
          locked_until: null,
          email_verified_at: user.email_verified_at ?? new Date(),
          status: 'active',
          updated_at: new Date(),
        })
        .where('id', '=', user.id)
        .where('status', '!=', 'disabled')
        .execute();
      const revoked = await revokeAllSessionRows(trx, user.id, null);
      const invitation = check.purpose === 'invitation';
      await recordAudit(trx, { actor: null, meta, label: user.name }, {
        action: invitation ? 'user.invitation_accepted' : 'user.password_reset',
        entityType: 'user',
        entityId: user.id,
        after: { sessions_revoked: revoked },
      });
      if (!invitation && user.email) {
        await mailer.send(trx, identityMail.passwordChanged(user.locale, user.email, { name: user.name, url: link('/lupa-sandi') }));
      }
      return { ok: true as const };
    });
    if (!res.ok) throw codeError(res);
    return { userId: user.id };
  }

  /** Changes the password (current one required); every other session is revoked. */
  async function changePassword(actor: Actor, input: { currentPassword: string; password: string }, meta: RequestMeta | null): Promise<void> {
    const r = await hitRateLimit(db, `password-change:user:${actor.userId}`, 5, 15 * 60);
    if (!r.allowed) throw errors.rateLimited(r.retryAfterMinutes);
    const user = await repo.findUserById(db, actor.userId);
    if (!user) throw errors.unauthenticated();
    if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
      throw fieldError('password_wrong', 422, 'currentPassword', 'password.current_wrong');
    }
    const weak = passwordWeakness(input.password, [user.name, user.email ?? '', user.nik ?? ''].flatMap((p) => [p, ...p.split(/[\s@.]+/)]).filter((p) => p.length >= 4));
    if (weak) throw fieldError('validation_failed', 422, 'password', weak);
    const passwordHash = await hashPassword(input.password);
    await tx(async (trx) => {
      await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: new Date(), updated_at: new Date() }).where('id', '=', user.id).execute();
      const revoked = await revokeAllSessionRows(trx, user.id, actor.sessionId);
      await recordAudit(trx, { actor, meta }, { action: 'user.password_changed', entityType: 'user', entityId: user.id, after: { sessions_revoked: revoked } });
      if (user.email) await mailer.send(trx, identityMail.passwordChanged(user.locale, user.email, { name: user.name, url: link('/lupa-sandi') }));
    });
  }

  // ------------------------------------------------------------------------------------
  // Staff accounts
  // ------------------------------------------------------------------------------------

  /**
   * Creates a staff account (never self-registered). With a password (CLI, demo seed) the
   * account is ready; without one an invitation is e-mailed: a code and a link to
   * /atur-sandi, valid INVITATION_HOURS. Roles are granted separately (agencies module).
   * Runs inside the caller's transaction.
   */
  async function createStaffAccount(
    trx: Executor,
    input: { name: string; email: string; phone?: string | null; password?: string; locale?: Locale },
    who: Who,
  ): Promise<{ userId: string }> {
    const email = input.email.trim().toLowerCase();
    const taken = await trx.selectFrom('users').select('id').where(sql<string>`lower(email)`, '=', email).executeTakeFirst();
    if (taken) throw errors.conflict('account.email_taken', 'email');
    const locale = input.locale ?? 'id';
    const row = await trx
      .insertInto('users')
      .values({
        kind: 'staff',
        name: input.name.trim(),
        email,
        email_verified_at: input.password ? new Date() : null,
        ...sealedPerson({ phone: input.phone ?? null }),
        password_hash: input.password ? await hashPassword(input.password) : null,
        password_changed_at: input.password ? new Date() : null,
        locale,
      })
      .returning(['id', 'kind', 'name', 'email', 'status', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, who, { action: 'user.create', entityType: 'user', entityId: row.id, after: { ...row, email: maskEmail(email) } });
    if (!input.password) {
      const { id, code } = await issueCode(trx as Trx, row.id, 'invitation', INVITATION_HOURS * 60);
      await mailer.send(
        trx,
        identityMail.invitation(locale, email, {
          name: row.name,
          code,
          hours: INVITATION_HOURS,
          link: link(`/atur-sandi?ref=${id}&kode=${code}`),
          url: link('/atur-sandi'),
        }),
      );
      await recordAudit(trx, who, { action: 'user.invited', entityType: 'user', entityId: row.id });
    }
    return { userId: row.id };
  }

  // ------------------------------------------------------------------------------------
  // Account: profile, sessions, API tokens
  // ------------------------------------------------------------------------------------

  async function profile(userId: string): Promise<Profile> {
    const u = await repo.findUserById(db, userId);
    if (!u) throw errors.unauthenticated();
    return {
      id: u.id,
      kind: u.kind,
      name: u.name,
      email: u.email,
      emailVerified: u.email_verified_at !== null,
      phone: u.phone,
      nikMasked: u.nik ? maskNik(u.nik) : null,
      locale: u.locale,
      status: u.status,
      mfaEnabled: u.totp_enabled_at !== null,
      createdAt: u.created_at,
      lastLoginAt: u.last_login_at,
      address: { area: u.address_area, street: u.address },
    };
  }

  async function listSessions(actor: Actor): Promise<SessionView[]> {
    const rows = await repo.listActiveSessions(db, actor.userId);
    return rows.map((s) => ({
      id: s.id,
      current: s.id === actor.sessionId,
      ip: s.ip,
      userAgent: s.user_agent,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
    }));
  }

  async function revokeSession(actor: Actor, sessionId: string, meta: RequestMeta | null): Promise<void> {
    const done = await tx(async (trx) => {
      const ok = await revokeSessionRow(trx, actor.userId, sessionId);
      if (ok) await recordAudit(trx, { actor, meta }, { action: 'session.revoke', entityType: 'session', entityId: sessionId });
      return ok;
    });
    if (!done) throw errors.notFound();
  }

  /** "Keluar dari semua perangkat"; `keepCurrent` keeps the session making the request. */
  async function revokeAllSessions(actor: Actor, keepCurrent: boolean, meta: RequestMeta | null): Promise<number> {
    return tx(async (trx) => {
      const n = await revokeAllSessionRows(trx, actor.userId, keepCurrent ? actor.sessionId : null);
      await recordAudit(trx, { actor, meta }, { action: 'session.revoke_all', entityType: 'user', entityId: actor.userId, after: { revoked: n, kept_current: keepCurrent } });
      return n;
    });
  }

  async function listApiTokens(actor: Actor): Promise<TokenView[]> {
    const rows = await repo.listApiTokens(db, actor.userId);
    const now = Date.now();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      expiresAt: r.expires_at,
      expired: r.expires_at !== null && r.expires_at.getTime() <= now,
    }));
  }

  /**
   * Personal API token for staff (shown once; only its SHA-256 is kept). Created only from
   * a signed-in session (a token cannot mint tokens), and an administrator who must use
   * TOTP gets none before enrolling: a token would otherwise bypass the second step.
   */
  async function createApiToken(actor: Actor, input: { name: string; expiresInDays: number | null }, meta: RequestMeta | null) {
    authorize(actor, 'identity.token.manage');
    if (actor.via !== 'session') throw errors.forbidden();
    if (config.requireAdminMfa && isAdministrative(actor) && !actor.mfaEnrolled) throw errors.mfaRequired();
    const token = `smp_${randomToken(32)}`;
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
    return tx(async (trx) => {
      const { n } = await repo.countActiveApiTokens(trx, actor.userId);
      if (Number(n) >= MAX_ACTIVE_TOKENS) throw new AppError('conflict', 409, 'token.too_many', { max: MAX_ACTIVE_TOKENS });
      const row = await trx
        .insertInto('api_tokens')
        .values({ user_id: actor.userId, name: input.name, token_hash: sha256Hex(token), expires_at: expiresAt })
        .returning(['id', 'name', 'created_at', 'expires_at'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actor, meta }, { action: 'token.create', entityType: 'api_token', entityId: row.id, after: { name: row.name, expires_at: expiresAt?.toISOString() ?? null } });
      return { id: row.id, name: row.name, token, createdAt: row.created_at, expiresAt: row.expires_at };
    });
  }

  async function revokeApiToken(actor: Actor, tokenId: string, meta: RequestMeta | null): Promise<void> {
    const done = await tx(async (trx) => {
      const res = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: new Date(), updated_at: new Date() })
        .where('id', '=', tokenId)
        .where('user_id', '=', actor.userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) return false;
      await recordAudit(trx, { actor, meta }, { action: 'token.revoke', entityType: 'api_token', entityId: tokenId });
      return true;
    });
    if (!done) throw errors.notFound();
  }

  // ------------------------------------------------------------------------------------
  // Businesses and their representatives
  // ------------------------------------------------------------------------------------

  async function businessOf(actor: Actor): Promise<BusinessView | null> {
    if (actor.kind !== 'business') return null;
    const b = await repo.findBusinessByAccount(db, actor.userId);
    if (!b) return null;
    const reps = await repo.listRepresentatives(db, b.id);
    return {
      id: b.id,
      name: b.name,
      legalForm: b.legal_form,
      nib: b.nib,
      npwp: b.npwp,
      address: b.address,
      representatives: reps.map((r) => ({
        id: r.id,
        name: r.name,
        nikMasked: r.nik ? maskNik(openPerson({ nik: r.nik }).nik!) : null,
        position: r.position,
        since: r.created_at,
        hasAccount: r.password_hash !== null,
      })),
    };
  }

  async function requireOwnBusiness(q: Executor, actor: Actor) {
    if (actor.kind !== 'business') throw errors.forbidden();
    const b = await repo.findBusinessByAccount(q, actor.userId);
    if (!b) throw errors.notFound();
    return b;
  }

  /**
   * Links a further person to the business. The person must have an active citizen
   * account whose name matches what was typed; "not found" and "name differs" read the same,
   * so the form cannot be used to look up names by NIK.
   */
  async function addRepresentative(actor: Actor, input: { nik: string; name: string; position: string }, meta: RequestMeta | null): Promise<void> {
    const r = await hitRateLimit(db, `rep-add:user:${actor.userId}`, 20, 3600);
    if (!r.allowed) throw errors.rateLimited(r.retryAfterMinutes);
    await tx(async (trx) => {
      const b = await requireOwnBusiness(trx, actor);
      const person = await repo.findUserByNik(trx, input.nik);
      if (!person || person.kind !== 'citizen' || person.status !== 'active' || normaliseName(person.name) !== normaliseName(input.name)) {
        throw fieldError('representative_not_found', 422, 'nik', 'business.rep_not_found');
      }
      const existing = await trx
        .selectFrom('business_representatives')
        .select('id')
        .where('business_id', '=', b.id)
        .where('user_id', '=', person.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (existing) throw fieldError('conflict', 409, 'nik', 'business.rep_exists');
      const rep = await trx
        .insertInto('business_representatives')
        .values({ business_id: b.id, user_id: person.id, position: input.position })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actor, meta }, {
        action: 'business.representative_add',
        entityType: 'business',
        entityId: b.id,
        after: { representative_id: rep.id, user_id: person.id, nik: maskNik(input.nik), position: input.position },
      });
      if (person.email) {
        await mailer.send(trx, identityMail.representativeAdded(person.locale, person.email, { name: person.name, business: b.name, position: input.position, url: link('/akun') }));
      }
    });
  }

  /** Ends a person's representation; a business keeps at least one representative. */
  async function revokeRepresentative(actor: Actor, representativeId: string, meta: RequestMeta | null): Promise<void> {
    await tx(async (trx) => {
      const b = await requireOwnBusiness(trx, actor);
      const reps = await trx
        .selectFrom('business_representatives')
        .select(['id', 'user_id', 'position'])
        .where('business_id', '=', b.id)
        .where('revoked_at', 'is', null)
        .forUpdate()
        .execute();
      const rep = reps.find((x) => x.id === representativeId);
      if (!rep) throw errors.notFound();
      if (reps.length <= 1) throw new AppError('conflict', 409, 'business.rep_last');
      await trx.updateTable('business_representatives').set({ revoked_at: new Date(), updated_at: new Date() }).where('id', '=', rep.id).execute();
      await recordAudit(trx, { actor, meta }, {
        action: 'business.representative_revoke',
        entityType: 'business',
        entityId: b.id,
        before: { representative_id: rep.id, user_id: rep.user_id, position: rep.position },
      });
    });
  }

  async function representedBusinesses(actor: Actor) {
    if (actor.kind !== 'citizen') return [];
    const rows = await repo.listBusinessesRepresentedBy(db, actor.userId);
    return rows.map((r) => ({ name: r.name, legalForm: r.legal_form, nib: r.nib, position: r.position, since: r.created_at }));
  }

  /**
   * Housekeeping (hourly job): ended rate-limit windows; one-time codes a week after they
   * expired or were used; sessions 90 days after they ended (the audit trail keeps the
   * sign-in history); abandoned self-registrations. Idempotent.
   */
  async function prune(): Promise<{ buckets: number; codes: number; sessions: number; registrations: number }> {
    const codeCutoff = new Date(Date.now() - KEEP_CODES_DAYS * 86_400_000);
    const sessionCutoff = new Date(Date.now() - KEEP_ENDED_SESSIONS_DAYS * 86_400_000);
    const buckets = await pruneRateBuckets(db);
    const codes = await db
      .deleteFrom('verification_codes')
      .where((eb) => eb.or([eb('expires_at', '<', codeCutoff), eb('used_at', '<', codeCutoff)]))
      .executeTakeFirst();
    const sessions = await db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<', sessionCutoff), eb('revoked_at', '<', sessionCutoff)]))
      .executeTakeFirst();
    const registrations = await db.transaction().execute((trx) => releaseAbandonedRegistrations(trx));
    return { buckets, codes: Number(codes.numDeletedRows), sessions: Number(sessions.numDeletedRows), registrations };
  }

  return {
    authenticator,
    /** One-time codes confirming a guest's phone number or e-mail address (no account). */
    contactCodes: createContactCodes({ config, database }),
    createStaffAccount,
    actorFor,
    loadGrants,
    createSession,
    mustEnrolMfa,
    async setLocale(userId: string, locale: Locale): Promise<void> {
      await db.updateTable('users').set({ locale, updated_at: new Date() }).where('id', '=', userId).execute();
    },
    // registration and e-mail confirmation
    registerCitizen,
    registerBusiness,
    pendingAccount,
    confirmEmail,
    resendConfirmation,
    // sign-in
    signIn,
    signOut,
    passTotp,
    confirmIdentity,
    startTotpEnrolment,
    confirmTotpEnrolment,
    recoveryCodesLeft,
    regenerateRecoveryCodes,
    disableTotp,
    // passwords
    requestPasswordReset,
    resetPassword,
    changePassword,
    // account
    profile,
    listSessions,
    revokeSession,
    revokeAllSessions,
    listApiTokens,
    createApiToken,
    revokeApiToken,
    // businesses
    businessOf,
    addRepresentative,
    revokeRepresentative,
    representedBusinesses,
    prune,
    registerJobs(jobs: JobQueue): void {
      jobs.register(PRUNE_JOB, async () => {
        await prune();
      });
      jobs.schedule(PRUNE_JOB, PRUNE_EVERY_SECONDS);
    },
  };
}
