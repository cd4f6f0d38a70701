// Identity: accounts, sign-in, sessions, API tokens, two-step verification.
// This file composes the parts (identity.kernel.ts shares sessions, codes and limits;
// identity.registration / .signin / .mfa / .account / .business hold what each does) into
// the one service the rest of Simpul sees (through index.ts and app.ts).
// The only place that changes users, sessions, api_tokens, verification_codes,
// businesses, business_representatives and role_grants' reads for actors.
//
// Conventions:
// - Each public function runs its own transaction; everything one change needs (the row,
//   the audit event, the outgoing e-mail) is written in it, so nothing is half-written.
// - Failures that must leave a trace (a failed sign-in counter, a wrong code's attempt) are
//   committed first and only then thrown as an AppError.
// - Nothing here logs personal data; the audit trail stores masked identifiers only.
import { z } from 'zod';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import { pruneRateBuckets } from '../../platform/http/rate-limit.ts';
import type { Locale } from '../../platform/views/i18n.ts';
import { createContactCodes } from './identity.contact-codes.ts';
import { KEEP_CODES_DAYS, KEEP_ENDED_SESSIONS_DAYS, type IdentityDeps } from './identity.model.ts';
import { createIdentityKernel } from './identity.kernel.ts';
import { createRegistration, releaseAbandonedRegistrations } from './identity.registration.ts';
import { createSignIn } from './identity.signin.ts';
import { createMfa } from './identity.mfa.ts';
import { createAccount } from './identity.account.ts';
import { createBusinesses } from './identity.business.ts';
import './identity.policy.ts';

export * from './identity.model.ts';
export { releaseAbandonedRegistrations } from './identity.registration.ts';

export type Identity = ReturnType<typeof createIdentity>;

export const PRUNE_EVERY_SECONDS = 3600;
/** Recurring removal of expired sessions, codes and abandoned registrations. */
export const PRUNE_JOB = defineJob('identity.prune', z.object({}));

export function createIdentity(deps: IdentityDeps) {
  const k = createIdentityKernel(deps);
  const { config, database } = deps;
  const { db } = k;
  const registration = createRegistration(k);
  const signin = createSignIn(k);
  const mfa = createMfa(k);
  const account = createAccount(k);
  const businesses = createBusinesses(k);
  const { authenticator, actorFor, loadGrants, createSession } = k;
  const { registerCitizen, registerBusiness, pendingAccount, confirmEmail, resendConfirmation, createStaffAccount } = registration;
  const { signIn, signOut, requestPasswordReset, resetPassword, changePassword } = signin;
  const { passTotp, confirmIdentity, startTotpEnrolment, confirmTotpEnrolment, recoveryCodesLeft, regenerateRecoveryCodes, disableTotp, mustEnrolMfa } = mfa;
  const { profile, listSessions, revokeSession, revokeAllSessions, listApiTokens, createApiToken, revokeApiToken } = account;
  const { businessOf, addRepresentative, revokeRepresentative, representedBusinesses } = businesses;

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
