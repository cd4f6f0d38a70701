// Identity: two-step verification — TOTP enrolment and codes, recovery codes, and the
// re-confirmation of the signed-in person before a weighty act.
import type { Trx } from '../../platform/db/database.ts';
import type { Actor, Grant, RequestMeta } from '../../platform/auth/actor.ts';
import { adminRoles, isAdministrative } from '../../platform/auth/actor.ts';
import { decryptSecret, encryptSecret } from '../../platform/crypto.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { hitRateLimit } from '../../platform/http/rate-limit.ts';
import { delayAfter, recordFailure, throttledError, throttleState } from '../../platform/http/failure-throttle.ts';
import { verifyPassword } from './passwords.ts';
import { checkTotp, newTotpSecret, totpUri } from './totp.ts';
import { isRecoveryCode, newRecoveryCodes, recoveryCodeHash } from './recovery-codes.ts';
import { identityMail } from './identity.mail.ts';
import * as repo from './identity.repository.ts';
import { type NewSession, fieldError } from './identity.model.ts';
import type { IdentityKernel } from './identity.kernel.ts';

export function createMfa(k: IdentityKernel) {
  const { config, db, mailer, tx, link, rotateSession, signInPolicy, accountAddressKey, addressKey } = k;
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

  return { passTotp, confirmIdentity, startTotpEnrolment, confirmTotpEnrolment, recoveryCodesLeft, regenerateRecoveryCodes, disableTotp, mustEnrolMfa };
}
