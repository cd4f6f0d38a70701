// JSON API of identity under /api/v1 (tags 'auth' and 'account'). Thin: the schemas
// validate, the service decides. Rows are never returned as they are: presenters below
// choose the fields (no password hash, no TOTP secret, NIK masked).
//
// Sessions: login, confirm-email and totp set the session cookie (HTTP-only) and return a
// CSRF token that cookie-authenticated writes send as X-CSRF-Token. Scripts and
// integrations use personal bearer tokens instead (POST /api/v1/me/tokens, staff only).
import { accountAddressLine } from '../../platform/area/person-address.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { IdentityRouteDeps as Deps } from './identity.deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { SESSION_COOKIE } from '../../platform/http/context.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import {
  codeField,
  emailField,
  loginField,
  passwordField,
  registerBusinessBody,
  registerCitizenBody,
  secondStepCodeField,
} from './identity.schemas.ts';
import { maskEmail } from './identifiers.ts';
import type { NewSession, Profile, SessionView, TokenView } from './identity.service.ts';

const iso = () => z.string().meta({ format: 'date-time' });

const userSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['citizen', 'business', 'staff']),
    name: z.string(),
    email: z.string().nullable(),
    emailVerified: z.boolean(),
    phone: z.string().nullable().meta({ description: 'E.164' }),
    nik: z.string().nullable().meta({ description: 'Masked NIK (first 4 and last 4 digits)' }),
    locale: z.enum(['id', 'en']),
    status: z.enum(['pending', 'active', 'disabled']),
    mfaEnabled: z.boolean(),
    roles: z.array(z.object({ role: z.string(), agencyId: z.string().nullable() })),
    createdAt: iso(),
    lastLoginAt: iso().nullable(),
    address: z
      .object({
        villageCode: z.string().nullable().meta({ description: 'Official village code (kode wilayah); null for an older free-text address' }),
        street: z.string().nullable(),
        line: z.string().meta({ description: 'The whole address on one line, with the region names' }),
      })
      .nullable(),
  })
  .meta({ id: 'User' });

const signedInSchema = z
  .object({
    user: userSchema,
    mfaRequired: z.boolean().meta({ description: 'true: POST /api/v1/auth/totp before anything else' }),
    csrfToken: z.string().meta({ description: 'Send as X-CSRF-Token on writes made with the session cookie' }),
  })
  .meta({ id: 'SignedIn' });

const sessionSchema = z
  .object({
    id: z.string(),
    current: z.boolean(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: iso(),
    lastSeenAt: iso(),
    expiresAt: iso(),
  })
  .meta({ id: 'Session' });

const tokenSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: iso(), lastUsedAt: iso().nullable(), expiresAt: iso().nullable(), expired: z.boolean() })
  .meta({ id: 'ApiToken' });

const okSchema = z.object({ ok: z.literal(true) });
const idParams = z.object({ id: z.uuid() });

function presentUser(p: Profile, actor: Pick<Actor, 'grants'> | null) {
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    email: p.email,
    emailVerified: p.emailVerified,
    phone: p.phone,
    nik: p.nikMasked,
    locale: p.locale,
    status: p.status,
    mfaEnabled: p.mfaEnabled,
    roles: (actor?.grants ?? []).map((g) => ({ role: g.role, agencyId: g.agencyId })),
    createdAt: p.createdAt.toISOString(),
    lastLoginAt: p.lastLoginAt?.toISOString() ?? null,
    address: p.address.area || p.address.street ? { villageCode: p.address.area, street: p.address.street, line: accountAddressLine(p.address) } : null,
  };
}

const presentSession = (s: SessionView) => ({
  id: s.id,
  current: s.current,
  ip: s.ip,
  userAgent: s.userAgent,
  createdAt: s.createdAt.toISOString(),
  lastSeenAt: s.lastSeenAt.toISOString(),
  expiresAt: s.expiresAt.toISOString(),
});

const presentToken = (k: TokenView) => ({
  id: k.id,
  name: k.name,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  expiresAt: k.expiresAt?.toISOString() ?? null,
  expired: k.expired,
});

export function registerIdentityApi(app: FastifyInstance, deps: Deps): void {
  const { api, identity, config } = deps;

  function setSessionCookie(reply: FastifyReply, s: NewSession) {
    reply.setCookie(SESSION_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, expires: s.expiresAt });
  }

  async function signedIn(reply: FastifyReply, userId: string, mfaRequired: boolean) {
    const profile = await identity.profile(userId);
    const grants = profile.kind === 'staff' ? await identity.loadGrants(deps.database.db, userId) : [];
    return { user: presentUser(profile, { grants }), mfaRequired, csrfToken: reply.generateCsrf() };
  }

  const sessionActor = (actor: Actor | null): Actor => {
    if (!actor) throw errors.unauthenticated();
    return actor;
  };

  // ---------------------------------------------------------------------------- auth ---

  api.route(app, {
    method: 'POST',
    url: '/api/v1/auth/register',
    operationId: 'registerCitizen',
    summary: 'Register a citizen account (NIK); a confirmation code is e-mailed',
    description:
      'One NIK, one account; one e-mail address, one account. The account stays pending until POST /api/v1/auth/confirm-email. ' +
      'A NIK or e-mail that already has an account gets the same answer (nothing is created; the owner is told by e-mail). ' +
      'At most REGISTER_RATE_PER_IP registrations per address and hour: 429 rate_limited.',
    tag: 'auth',
    auth: 'public',
    body: registerCitizenBody,
    response: z.object({ status: z.literal('pending'), email: z.string().meta({ description: 'Masked address the code was sent to' }) }),
    handler: async ({ body, request }) => {
      const { address, ...rest } = body;
      const r = await identity.registerCitizen(
        { ...rest, ...(address ? { address: { area: address.villageCode, street: address.street ?? null } } : {}) },
        { actor: null, meta: request.meta },
        request.locale,
      );
      return { status: 'pending' as const, email: maskEmail(r.email) };
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/auth/register-business',
    operationId: 'registerBusiness',
    summary: 'Register a business account (NIB, NPWP) with the person who acts for it',
    description:
      'One NIB and one NPWP per business. The person (personNik) is linked to their citizen account when one exists (the name must match), ' +
      'otherwise recorded by NIK and name until they register themselves.',
    tag: 'auth',
    auth: 'public',
    body: registerBusinessBody,
    response: z.object({ status: z.literal('pending'), email: z.string() }),
    handler: async ({ body, request }) => {
      const r = await identity.registerBusiness(body, { actor: null, meta: request.meta }, request.locale);
      return { status: 'pending' as const, email: maskEmail(r.email) };
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/auth/confirm-email',
    operationId: 'confirmEmail',
    summary: 'Confirm the e-mail address with the e-mailed code; signs in',
    tag: 'auth',
    auth: 'public',
    body: z.object({ email: emailField, code: codeField }),
    response: signedInSchema,
    status: 200,
    handler: async ({ body, request, reply }) => {
      const { userId, session } = await identity.confirmEmail({ email: body.email }, body.code, { actor: null, meta: request.meta });
      setSessionCookie(reply, session);
      return signedIn(reply, userId, false);
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/auth/confirm-email/resend',
    operationId: 'resendConfirmation',
    summary: 'Send a new confirmation code (rate-limited; the same answer for any address)',
    tag: 'auth',
    auth: 'public',
    body: z.object({ email: emailField }),
    response: okSchema,
    status: 202,
    handler: async ({ body, request }) => {
      await identity.resendConfirmation({ email: body.email }, request.meta);
      return { ok: true as const };
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    operationId: 'login',
    summary: 'Sign in with e-mail or NIK and password; sets the session cookie',
    description:
      'Wrong e-mail/NIK or password: 401 invalid_credentials. After repeated failures for one account from one address, or many ' +
      'failures from one address, the next attempt must wait (2, 4, 8, … seconds, capped): 429 rate_limited saying how long. ' +
      'Accounts are never locked by failures, and successful sign-ins are not counted. Unconfirmed accounts: 403 email_unconfirmed.',
    tag: 'auth',
    auth: 'public',
    body: z.object({ login: loginField, password: passwordField }),
    response: signedInSchema,
    status: 200,
    handler: async ({ body, request, reply, actor }) => {
      const previous = actor?.sessionId ? { sessionId: actor.sessionId, userId: actor.userId } : null;
      const result = await identity.signIn(body, request.meta, previous);
      if (result.status === 'pending') throw new AppError('email_unconfirmed', 403, 'signin.unconfirmed');
      setSessionCookie(reply, result.session);
      return signedIn(reply, result.userId, result.mfaRequired);
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/auth/totp',
    operationId: 'verifyTotp',
    summary: 'Second sign-in step: a code from the authenticator app or a one-time recovery code; replaces the session cookie',
    tag: 'auth',
    auth: 'user',
    body: z.object({ code: secondStepCodeField }),
    response: signedInSchema,
    status: 200,
    handler: async ({ body, request, reply, actor }) => {
      const a = sessionActor(actor);
      if (!a.sessionId) throw errors.badRequest();
      if (a.mfaPassed) throw new AppError('mfa_not_pending', 409, 'error.bad_request');
      const session = await identity.passTotp(a, body.code, request.meta);
      setSessionCookie(reply, session);
      return signedIn(reply, a.userId, false);
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/auth/logout',
    operationId: 'logout',
    summary: 'Sign out (ends this session)',
    tag: 'auth',
    auth: 'public',
    response: okSchema,
    status: 200,
    handler: async ({ request, reply, actor }) => {
      if (actor) await identity.signOut(actor, request.meta);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure });
      return { ok: true as const };
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/auth/password-reset',
    operationId: 'requestPasswordReset',
    summary: 'E-mail a password reset code (the same answer whether or not the address has an account)',
    tag: 'auth',
    auth: 'public',
    body: z.object({ email: emailField }),
    response: okSchema,
    status: 202,
    handler: async ({ body, request }) => {
      await identity.requestPasswordReset(body.email, request.meta);
      return { ok: true as const };
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/auth/password-reset/confirm',
    operationId: 'confirmPasswordReset',
    summary: 'Set a new password with the e-mailed code; every session of the account ends',
    tag: 'auth',
    auth: 'public',
    body: z.object({ email: emailField, code: codeField, password: passwordField }),
    response: okSchema,
    status: 200,
    handler: async ({ body, request }) => {
      await identity.resetPassword(body, request.meta);
      return { ok: true as const };
    },
  });

  // ------------------------------------------------------------------------- account ---

  api.route(app, {
    method: 'GET',
    url: '/api/v1/me',
    operationId: 'getMe',
    summary: 'The signed-in account',
    tag: 'account',
    auth: 'user',
    response: userSchema,
    handler: async ({ actor }) => {
      const a = sessionActor(actor);
      return presentUser(await identity.profile(a.userId), a);
    },
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/me/sessions',
    operationId: 'listMySessions',
    summary: 'Active sessions of the signed-in account',
    tag: 'account',
    auth: 'user',
    response: z.object({ items: z.array(sessionSchema) }),
    handler: async ({ actor }) => ({ items: (await identity.listSessions(sessionActor(actor))).map(presentSession) }),
  });

  api.route(app, {
    method: 'DELETE',
    url: '/api/v1/me/sessions',
    operationId: 'revokeOtherSessions',
    summary: 'Sign out everywhere else: ends every session except the one making the request',
    tag: 'account',
    auth: 'user',
    response: z.object({ revoked: z.number().int() }),
    handler: async ({ actor, request }) => ({ revoked: await identity.revokeAllSessions(sessionActor(actor), true, request.meta) }),
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/me/tokens',
    operationId: 'createMyToken',
    summary: 'Create a personal API token (staff; from a signed-in session). The token is in this response only',
    tag: 'account',
    auth: 'user',
    body: z.object({
      name: z.string().trim().min(2).max(80),
      expiresInDays: z.number().int().min(1).max(730).nullable().default(90).meta({ description: 'null: no expiry' }),
    }),
    response: z.object({ id: z.string(), name: z.string(), token: z.string(), createdAt: iso(), expiresAt: iso().nullable() }).meta({ id: 'NewApiToken' }),
    handler: async ({ actor, body, request }) => {
      const t = await identity.createApiToken(sessionActor(actor), body, request.meta);
      return { id: t.id, name: t.name, token: t.token, createdAt: t.createdAt.toISOString(), expiresAt: t.expiresAt?.toISOString() ?? null };
    },
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/me/tokens',
    operationId: 'listMyTokens',
    summary: 'Personal API tokens (without the secret)',
    tag: 'account',
    auth: 'user',
    response: z.object({ items: z.array(tokenSchema) }),
    handler: async ({ actor }) => ({ items: (await identity.listApiTokens(sessionActor(actor))).map(presentToken) }),
  });

  api.route(app, {
    method: 'DELETE',
    url: '/api/v1/me/tokens/:id',
    operationId: 'revokeMyToken',
    summary: 'Revoke a personal API token',
    tag: 'account',
    auth: 'user',
    params: idParams,
    response: okSchema,
    handler: async ({ actor, params, request }) => {
      await identity.revokeApiToken(sessionActor(actor), params.id, request.meta);
      return { ok: true as const };
    },
  });
}
