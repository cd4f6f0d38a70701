// Identity: accounts, sign-in, sessions, API tokens, two-step verification.
// The only place that changes users, sessions, api_tokens, verification_codes,
// businesses, business_representatives and role_grants' reads for actors.
import { sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import type { Actor, Grant } from '../../platform/auth/actor.ts';
import { adminRoles } from '../../platform/auth/actor.ts';
import type { Authenticator } from '../../platform/http/context.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { randomToken, sha256Hex } from '../../platform/crypto.ts';
import type { RequestMeta } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { errors } from '../../platform/http/errors.ts';
import { hashPassword } from './passwords.ts';
import './identity.messages.ts';
import type { Locale } from '../../platform/views/i18n.ts';

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

export type Identity = ReturnType<typeof createIdentity>;

export function createIdentity(deps: IdentityDeps) {
  const { config, database } = deps;
  const db = database.db;

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

  /**
   * Creates a staff account (never self-registered). With a password (CLI, demo seed) the
   * account is ready; without one the person sets it through the e-mailed invitation.
   * Roles are granted separately (agencies module).
   */
  async function createStaffAccount(
    trx: Executor,
    input: { name: string; email: string; phone?: string | null; password?: string },
    who: { actor: Actor | null; meta?: RequestMeta | null; label?: string },
  ): Promise<{ userId: string }> {
    const email = input.email.trim().toLowerCase();
    const taken = await trx.selectFrom('users').select('id').where(sql<string>`lower(email)`, '=', email).executeTakeFirst();
    if (taken) throw errors.conflict('account.email_taken', 'email');
    const row = await trx
      .insertInto('users')
      .values({
        kind: 'staff',
        name: input.name.trim(),
        email,
        email_verified_at: input.password ? new Date() : null,
        phone: input.phone ?? null,
        password_hash: input.password ? await hashPassword(input.password) : null,
        password_changed_at: input.password ? new Date() : null,
      })
      .returning(['id', 'kind', 'name', 'email', 'status', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, who, { action: 'user.create', entityType: 'user', entityId: row.id, after: row });
    return { userId: row.id };
  }

  return {
    authenticator,
    createStaffAccount,
    actorFor,
    loadGrants,
    createSession,
    /** Administrative staff must enrol TOTP (unless relaxed in development). */
    mustEnrolMfa(grants: Grant[], totpEnabled: boolean): boolean {
      return config.requireAdminMfa && !totpEnabled && grants.some((g) => adminRoles.includes(g.role));
    },
    async setLocale(userId: string, locale: Locale): Promise<void> {
      await db.updateTable('users').set({ locale, updated_at: new Date() }).where('id', '=', userId).execute();
    },
    registerJobs(_jobs: JobQueue): void {},
  };
}
