// Identity: sign-in and sign-out, and passwords (reset by e-mailed code, change).
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { clearRateLimit, hitRateLimit, rateKey } from '../../platform/http/rate-limit.ts';
import { delayAfter, recordFailure, throttledError, throttleState } from '../../platform/http/failure-throttle.ts';
import { hashPassword, passwordWeakness, verifyPassword } from './passwords.ts';
import { identityMail } from './identity.mail.ts';
import * as repo from './identity.repository.ts';
import { CODE_MAX_ATTEMPTS, type PreviousSession, RESET_CODE_MINUTES, type SignInResult, codeError, fieldError } from './identity.model.ts';
import type { IdentityKernel } from './identity.kernel.ts';

export function createSignIn(k: IdentityKernel) {
  const { config, db, mailer, tx, link, rotateSession, revokeSessionRow, revokeAllSessionRows, issueCode, consumeCode, checkIpLimit, signInPolicy, accountAddressKey, addressKey } = k;
  // ------------------------------------------------------------------------------------
  // Sign-in
  // ------------------------------------------------------------------------------------

  const invalidCredentials = () =>
    new AppError('invalid_credentials', 401, 'signin.invalid', undefined, [{ field: 'login', key: 'signin.invalid' }]);
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
  return { signIn, signOut, requestPasswordReset, resetPassword, changePassword };
}
