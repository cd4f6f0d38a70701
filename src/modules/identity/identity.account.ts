// Identity: the signed-in person's account — profile, sessions, personal API tokens.
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { isAdministrative } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { randomToken, sha256Hex } from '../../platform/crypto.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { maskNik } from './identifiers.ts';
import * as repo from './identity.repository.ts';
import { MAX_ACTIVE_TOKENS, type Profile, type SessionView, type TokenView } from './identity.model.ts';
import type { IdentityKernel } from './identity.kernel.ts';

export function createAccount(k: IdentityKernel) {
  const { config, db, tx, revokeSessionRow, revokeAllSessionRows } = k;

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

  return { profile, listSessions, revokeSession, revokeAllSessions, listApiTokens, createApiToken, revokeApiToken };
}
