// Identity kernel: what several parts of the service share — the database, actors and
// sessions, one-time codes, the per-address limits and the sign-in throttle policy.
import crypto from 'node:crypto';
import type { Executor, Trx } from '../../platform/db/database.ts';
import type { Actor, Grant, RequestMeta } from '../../platform/auth/actor.ts';
import type { Authenticator } from '../../platform/http/context.ts';
import { numericCode, randomToken, sha256Hex } from '../../platform/crypto.ts';
import { errors } from '../../platform/http/errors.ts';
import { hitRateLimit, rateKey } from '../../platform/http/rate-limit.ts';
import { type Locale } from '../../platform/views/i18n.ts';
import { identityMail } from './identity.mail.ts';
import { CODE_MAX_ATTEMPTS, CONFIRM_CODE_MINUTES, type CodeCheck, type CodePurpose, type IdentityDeps, type NewSession, type PreviousSession } from './identity.model.ts';

export function createIdentityKernel(deps: IdentityDeps) {
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

  return {
    config,
    db,
    mailer,
    tx,
    link,
    loadGrants,
    actorFor,
    authenticator,
    createSession,
    rotateSession,
    revokeSessionRow,
    revokeAllSessionRows,
    issueCode,
    consumeCode,
    sendConfirmation,
    checkIpLimit,
    signInPolicy,
    accountAddressKey,
    addressKey,
  };
}

export type IdentityKernel = ReturnType<typeof createIdentityKernel>;
