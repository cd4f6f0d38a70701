// Single sign-on for staff with OpenID Connect (S-1): authorization code with PKCE through
// openid-client (a maintained relying-party library: discovery, state, nonce, ID-token signature
// and claims checks). The provider's groups/roles claim is mapped to Simpul roles and agencies
// by configuration (OIDC_ROLE_MAP) and is authoritative: at each sign-in the staff member's
// grants become exactly the mapped ones. The provider does the second factor, so the session
// counts as having passed it. Sign-out ends the provider session too (RP-initiated logout,
// with the ID token kept in a signed cookie as id_token_hint).
import { emailMatch, sealedPerson } from './identity.sealing.ts';
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type * as Oidc from 'openid-client';

/** openid-client, loaded on the first sign-in (not held in the memory of a node without SSO). */
const loadOidc = () => import('openid-client');
import type { Config, OidcConfig } from '../../config.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Database } from '../../platform/db/database.ts';
import { staffRoles, type StaffRole } from '../../platform/db/schema.ts';
import { SESSION_COOKIE } from '../../platform/http/context.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { safeReturnPath } from '../../platform/http/return-path.ts';
import type { Identity } from './identity.service.ts';

export const SSO_START = '/masuk/sso';
export const SSO_CALLBACK = '/masuk/sso/kembali';
const FLOW_COOKIE = 'simpul_oidc';
const ID_TOKEN_COOKIE = 'simpul_oidc_idt';

/** Grants named by the claim values (unknown values and roles are ignored). */
export function mappedGrants(o: Pick<OidcConfig, 'mappings'>, claim: unknown): { role: StaffRole; agency: string | null }[] {
  const values = new Set((Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : []).filter((x): x is string => typeof x === 'string'));
  const out = new Map<string, { role: StaffRole; agency: string | null }>();
  for (const m of o.mappings) {
    if (!values.has(m.claim) || !(staffRoles as readonly string[]).includes(m.role)) continue;
    out.set(`${m.role}@${m.agency ?? ''}`, { role: m.role as StaffRole, agency: m.agency });
  }
  return [...out.values()];
}

export function registerSsoRoutes(app: FastifyInstance, deps: { config: Config; database: Database; identity: Identity }): { logoutUrl(request: FastifyRequest, reply: FastifyReply): Promise<string | null> } {
  const o = deps.config.oidc;
  const db = deps.database.db;
  const redirectUri = `${deps.config.baseUrl}${SSO_CALLBACK}`;
  let discovered: Promise<Oidc.Configuration> | null = null;

  function configuration(): Promise<Oidc.Configuration> {
    if (!o) throw errors.notFound();
    discovered ??= loadOidc()
      .then((oidc) => oidc.discovery(new URL(o.issuer), o.clientId, o.clientSecret, undefined, {
        execute: o.allowInsecure ? [oidc.allowInsecureRequests] : [],
        ...(o.fetch ? { [oidc.customFetch]: o.fetch } : {}),
      }).then((cfg) => {
        // Verify the ID token's signature too (oauth4webapi trusts the token endpoint's TLS by
        // default): a token altered on the way, or by a proxy, is refused.
        oidc.enableNonRepudiationChecks(cfg);
        return cfg;
      }))
      .catch((err) => {
        discovered = null; // try again on the next sign-in
        throw err;
      });
    return discovered;
  }

  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.config.cookieSecure, signed: true };

  app.get<{ Querystring: { kembali?: string } }>(SSO_START, async (request, reply) => {
    if (!o) throw errors.notFound();
    const cfg = await configuration();
    const oidc = await loadOidc();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const kembali = safeReturnPath(request.query.kembali, '/kelola/mulai');
    reply.setCookie(FLOW_COOKIE, JSON.stringify({ verifier, state, nonce, kembali }), { ...cookieOpts, maxAge: 600 });
    const url = oidc.buildAuthorizationUrl(cfg, {
      redirect_uri: redirectUri,
      scope: o.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return reply.redirect(url.href, 303);
  });

  app.get(SSO_CALLBACK, async (request, reply) => {
    if (!o) throw errors.notFound();
    const raw = request.cookies[FLOW_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : null;
    reply.clearCookie(FLOW_COOKIE, { path: '/' });
    if (!unsigned?.valid || !unsigned.value) throw new AppError('sso_failed', 400, 'sso.failed');
    const flow = JSON.parse(unsigned.value) as { verifier: string; state: string; nonce: string; kembali: string };
    const cfg = await configuration();
    const oidc = await loadOidc();
    let claims: Oidc.IDToken | undefined;
    let idToken: string | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(cfg, new URL(request.url, deps.config.baseUrl), {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
      idToken = tokens.id_token;
    } catch (err) {
      request.log.warn({ errorCode: (err as { code?: string }).code ?? 'oidc_error' }, 'sso sign-in refused');
      await recordAudit(db, { actor: null, meta: request.meta, label: 'anonim' }, { action: 'auth.sso_refused', entityType: 'user', after: { reason: (err as { code?: string }).code ?? 'invalid_response' } });
      throw new AppError('sso_failed', 400, 'sso.failed');
    }
    const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : '';
    const name = typeof claims?.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
    const wanted = mappedGrants(o, claims?.[o.roleClaim]);
    if (!email || !wanted.length) {
      await recordAudit(db, { actor: null, meta: request.meta, label: email || 'anonim' }, { action: 'auth.sso_refused', entityType: 'user', after: { reason: email ? 'no_mapped_role' : 'no_email' } });
      throw new AppError('sso_no_role', 403, 'sso.no_role');
    }
    const session = await db.transaction().execute(async (trx) => {
      let user = await trx.selectFrom('users').select(['id', 'kind', 'status']).where(emailMatch(email)).executeTakeFirst();
      if (user && user.kind !== 'staff') throw new AppError('sso_no_role', 403, 'sso.no_role');
      if (user?.status === 'disabled') throw new AppError('account_disabled', 403, 'signin.disabled');
      if (!user) {
        user = await trx
          .insertInto('users')
          .values({ kind: 'staff', name, ...sealedPerson({ email }), email_verified_at: new Date(), status: 'active' })
          .returning(['id', 'kind', 'status'])
          .executeTakeFirstOrThrow();
      }
      const agencies = await trx.selectFrom('agencies').select(['id', 'slug']).execute();
      const target = wanted
        .map((g) => ({ role: g.role, agencyId: g.agency === null ? null : (agencies.find((a) => a.slug === g.agency)?.id ?? undefined) }))
        .filter((g): g is { role: StaffRole; agencyId: string | null } => g.agencyId !== undefined);
      const current = await trx.selectFrom('role_grants').select(['id', 'role', 'agency_id']).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
      const now = new Date();
      for (const g of current) {
        if (!target.some((x) => x.role === g.role && x.agencyId === g.agency_id)) await trx.updateTable('role_grants').set({ revoked_at: now, updated_at: now }).where('id', '=', g.id).execute();
      }
      for (const g of target) {
        if (!current.some((x) => x.role === g.role && x.agency_id === g.agencyId)) await trx.insertInto('role_grants').values({ user_id: user.id, role: g.role, agency_id: g.agencyId }).execute();
      }
      await trx.updateTable('users').set({ last_login_at: now, updated_at: now }).where('id', '=', user.id).execute();
      await recordAudit(trx, { actor: null, meta: request.meta, label: name }, { action: 'auth.sso_login', entityType: 'user', entityId: user.id, after: { grants: target.map((g) => `${g.role}@${g.agencyId ?? 'region'}`) } });
      return deps.identity.createSession(trx, user.id, { ip: request.meta?.ip ?? null, userAgent: request.meta?.userAgent ?? null }, true);
    });
    reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.cookieSecure, expires: session.expiresAt });
    if (idToken) reply.setCookie(ID_TOKEN_COOKIE, idToken, { ...cookieOpts, expires: session.expiresAt });
    return reply.redirect(flow.kembali, 303);
  });

  return {
    /** The provider's end-session URL for a staff member who signed in through it, else null. */
    async logoutUrl(request, reply) {
      const raw = request.cookies[ID_TOKEN_COOKIE];
      if (!o || !raw) return null;
      reply.clearCookie(ID_TOKEN_COOKIE, { path: '/' });
      const unsigned = request.unsignCookie(raw);
      if (!unsigned.valid || !unsigned.value) return null;
      const cfg = await configuration();
      const oidc = await loadOidc();
      return oidc.buildEndSessionUrl(cfg, { id_token_hint: unsigned.value, post_logout_redirect_uri: `${deps.config.baseUrl}/masuk?pesan=signed_out`, state: crypto.randomBytes(8).toString('hex') }).href;
    },
  };
}
