// HTML pages of identity: registration, sign-in, TOTP, password reset, account, sessions,
// API tokens, business representatives. Thin handlers: validate → authorise → call the
// service (which runs the transaction) → present. Every form works without JavaScript.
import { isAddressStep } from '../../platform/views/components/address-field.tsx';
import { readAccountAddress } from '../../platform/area/person-address.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { IdentityRouteDeps as Deps } from './identity.deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { isAdministrative } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { SESSION_COOKIE } from '../../platform/http/context.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { validate } from '../../platform/http/validation.ts';
import { emptyForm, formStateFrom, type FormState, type ViewContext } from '../../platform/views/context.ts';
import { safeReturnPath } from '../../platform/http/return-path.ts';
import { maskEmail } from './identifiers.ts';
import {
  addRepresentativeForm,
  changePasswordForm,
  confirmForm,
  createTokenForm,
  disableTotpForm,
  emailField,
  forgotForm,
  registerBusinessForm,
  registerCitizenForm,
  resetForm,
  signInForm,
  regenerateRecoveryForm,
  totpForm,
  totpSignInForm,
} from './identity.schemas.ts';
import { registerSsoRoutes } from './identity.sso.ts';
import type { NewSession } from './identity.service.ts';
import { groupSecret } from './totp.ts';
import { registerAccountEditRoutes } from './identity.contact.routes.tsx';
import { registerPeopleRoutes } from './identity.people.routes.tsx';
import {
  AccountPage,
  BusinessAccountPage,
  ChangePasswordPage,
  ConfirmPage,
  ForgotPage,
  ForgotSentPage,
  noticeFrom,
  RegisterBusinessPage,
  RegisterPage,
  ResetPage,
  SessionsPage,
  SignInPage,
  TokensPage,
  TotpEnabledPage,
  TotpEnrolPage,
  TotpSignInPage,
  RecoveryCodesPage,
} from './identity.views.tsx';

/** Remembers, for one hour, which account just registered (only the confirmation page reads it). */
export const PENDING_COOKIE = 'simpul_pending';

type Body = Record<string, unknown>;
type Query = Record<string, unknown>;

const uuid = z.uuid();

export function registerIdentityRoutes(app: FastifyInstance, deps: Deps): void {
  registerAccountEditRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  const { identity, config } = deps;
  const sso = registerSsoRoutes(app, deps);

  const view = (request: FastifyRequest, reply: FastifyReply) => app.viewContext(request, reply);
  const bodyOf = (request: FastifyRequest): Body => (request.body && typeof request.body === 'object' ? (request.body as Body) : {});
  const queryOf = (request: FastifyRequest): Query => (request.query ?? {}) as Query;

  function setSessionCookie(reply: FastifyReply, s: NewSession) {
    reply.setCookie(SESSION_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, expires: s.expiresAt });
  }
  function clearSessionCookie(reply: FastifyReply) {
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure });
  }
  function setPendingCookie(reply: FastifyReply, userId: string) {
    reply.setCookie(PENDING_COOKIE, userId, { path: '/daftar', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, signed: true, maxAge: 3600 });
  }
  function pendingUserId(request: FastifyRequest): string | null {
    const raw = request.cookies[PENDING_COOKIE];
    if (!raw) return null;
    const r = request.unsignCookie(raw);
    return r.valid && r.value && uuid.safeParse(r.value).success ? r.value : null;
  }
  /**
   * After a registration whose NIK or e-mail already had an account nothing was created, but
   * the answer must read the same: the cookie then carries only the masked address typed
   * (`m:<masked>`), which the confirmation page shows like a real pending account's.
   */
  function setRegisteredCookie(reply: FastifyReply, userId: string | null, email: string) {
    if (userId) return setPendingCookie(reply, userId);
    reply.setCookie(PENDING_COOKIE, `m:${maskEmail(email)}`, { path: '/daftar', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, signed: true, maxAge: 3600 });
  }
  function unregisteredMaskedEmail(request: FastifyRequest): string | null {
    const raw = request.cookies[PENDING_COOKIE];
    if (!raw) return null;
    const r = request.unsignCookie(raw);
    return r.valid && r.value?.startsWith('m:') ? r.value.slice(2, 200) : null;
  }

  /** The signed-in actor of a page (401 → the sign-in page with a return address). */
  function requireActor(request: FastifyRequest): Actor {
    if (!request.actor) throw errors.unauthenticated();
    return request.actor;
  }

  /**
   * Shows the form again after an error: the field messages (or the error's own message on
   * `fallbackField`), the typed values (never passwords or codes), the error's status.
   */
  async function formError(
    request: FastifyRequest,
    reply: FastifyReply,
    err: unknown,
    render: (ctx: ViewContext, form: FormState) => VNode,
    fallbackField: string,
  ) {
    if (!(err instanceof AppError) || err.status >= 500 || (err.status === 401 && !err.fields)) throw err;
    const fields: FieldError[] = err.fields?.length ? err.fields : [{ field: fallbackField, key: err.messageKey, params: err.params }];
    const ctx = await view(request, reply);
    return reply.page(render(ctx, formStateFrom(request.body, fields)), err.status);
  }

  /** Validates a form; on failure the same page comes back with 422. */
  async function validated<S extends z.ZodType>(
    request: FastifyRequest,
    reply: FastifyReply,
    schema: S,
    render: (ctx: ViewContext, form: FormState) => VNode,
  ): Promise<{ ok: true; data: z.output<S> } | { ok: false; sent: FastifyReply }> {
    const r = validate(schema, bodyOf(request));
    if (r.ok) return { ok: true, data: r.data };
    const ctx = await view(request, reply);
    return { ok: false, sent: reply.page(render(ctx, formStateFrom(request.body, r.fields)), 422) };
  }

  // -------------------------------------------------------------------------------------
  // Registration
  // -------------------------------------------------------------------------------------

  const registerView = (ctx: ViewContext, form: FormState) => RegisterPage({ ctx, form });

  app.get('/daftar', async (request, reply) => {
    if (request.actor) return reply.redirect('/akun', 303);
    return reply.page(registerView(await view(request, reply), emptyForm));
  });

  app.post('/daftar', async (request, reply) => {
    // "Pilih" of the address without JavaScript: the form again with the next level's choices.
    if (isAddressStep(request.body)) return reply.page(registerView(await view(request, reply), formStateFrom(request.body, [])));
    // The address (optional) is read apart from the schema: official codes, each inside the one above.
    const address = readAccountAddress(bodyOf(request) as Record<string, unknown>, 'address');
    const v = validate(registerCitizenForm, bodyOf(request));
    if (!v.ok || address.errors.length) {
      const fields = [...(v.ok ? [] : v.fields), ...address.errors];
      return reply.page(registerView(await view(request, reply), formStateFrom(request.body, fields)), 422);
    }
    try {
      const { userId, email } = await identity.registerCitizen({ ...v.data, address: address.value }, { actor: null, meta: request.meta }, request.locale);
      setRegisteredCookie(reply, userId, email);
      return reply.redirect('/daftar/konfirmasi?pesan=confirm_sent', 303);
    } catch (err) {
      return formError(request, reply, err, registerView, 'nik');
    }
  });

  const businessView = (ctx: ViewContext, form: FormState) => RegisterBusinessPage({ ctx, form });

  app.get('/daftar/usaha', async (request, reply) => {
    if (request.actor) return reply.redirect('/akun', 303);
    return reply.page(businessView(await view(request, reply), emptyForm));
  });

  app.post('/daftar/usaha', async (request, reply) => {
    const v = await validated(request, reply, registerBusinessForm, businessView);
    if (!v.ok) return v.sent;
    try {
      const { userId, email } = await identity.registerBusiness(v.data, { actor: null, meta: request.meta }, request.locale);
      setRegisteredCookie(reply, userId, email);
      return reply.redirect('/daftar/konfirmasi?pesan=confirm_sent', 303);
    } catch (err) {
      return formError(request, reply, err, businessView, 'businessName');
    }
  });

  async function confirmView(request: FastifyRequest) {
    const userId = pendingUserId(request);
    const pending = userId ? await identity.pendingAccount({ userId }) : undefined;
    const unregistered = pending ? null : unregisteredMaskedEmail(request);
    const maskedEmail = pending?.email ? maskEmail(pending.email) : unregistered;
    return { userId: pending ? userId : null, maskedEmail, unregistered: unregistered !== null };
  }

  app.get('/daftar/konfirmasi', async (request, reply) => {
    const { maskedEmail } = await confirmView(request);
    const ctx = await view(request, reply);
    return reply.page(ConfirmPage({ ctx, form: emptyForm, maskedEmail, notice: noticeFrom(queryOf(request).pesan) }));
  });

  app.post('/daftar/konfirmasi', async (request, reply) => {
    const { userId, maskedEmail, unregistered } = await confirmView(request);
    const render = (ctx: ViewContext, form: FormState) => ConfirmPage({ ctx, form, maskedEmail });
    const v = await validated(request, reply, confirmForm, render);
    if (!v.ok) return v.sent;
    try {
      // Nothing was registered: any code reads as wrong, as for an unknown address.
      if (unregistered) await identity.confirmEmail({ userId: null, email: null }, v.data.code, { actor: null, meta: request.meta });
      if (!userId && !v.data.email) throw new AppError('validation_failed', 422, 'error.validation', undefined, [{ field: 'email', key: 'validation.required' }]);
      const { session } = await identity.confirmEmail({ userId, email: userId ? null : v.data.email }, v.data.code, { actor: null, meta: request.meta });
      setSessionCookie(reply, session);
      reply.clearCookie(PENDING_COOKIE, { path: '/daftar' });
      return reply.redirect('/akun', 303);
    } catch (err) {
      return formError(request, reply, err, render, 'code');
    }
  });

  app.post('/daftar/konfirmasi/kirim-ulang', async (request, reply) => {
    const { userId, maskedEmail } = await confirmView(request);
    const typed = emailField.safeParse(bodyOf(request).resendEmail);
    try {
      await identity.resendConfirmation({ userId, email: userId ? null : typed.success ? typed.data : null }, request.meta);
      return reply.redirect('/daftar/konfirmasi?pesan=code_resent', 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const ctx = await view(request, reply);
      const form: FormState = { values: typed.success ? { email: typed.data } : {}, errors: [] };
      return reply.page(ConfirmPage({ ctx, form, maskedEmail, resendError: ctx.t(err.messageKey, err.params) }), err.status);
    }
  });

  // -------------------------------------------------------------------------------------
  // Sign-in and sign-out
  // -------------------------------------------------------------------------------------

  const returnPath = (value: unknown) => {
    const p = safeReturnPath(value, '/akun');
    // Never come back to the sign-in or sign-out steps themselves.
    return /^\/(masuk|keluar)(\/|\?|$)/.test(p) ? '/akun' : p;
  };

  // Staff land on their work, not on the account page, unless they asked for a page (P-6).
  const STAFF_LANDING = '/kelola/mulai';
  const landing = (kembali: string, kind: string | undefined) => (kembali === '/akun' && kind === 'staff' ? STAFF_LANDING : kembali);

  app.get('/masuk', async (request, reply) => {
    const q = queryOf(request);
    const kembali = returnPath(q.kembali);
    if (request.actor?.mfaPassed) return reply.redirect(kembali, 303);
    const ctx = await view(request, reply);
    return reply.page(SignInPage({ ctx, form: emptyForm, kembali, notice: noticeFrom(q.pesan), sso: !!config.oidc }));
  });

  app.post('/masuk', async (request, reply) => {
    const kembali = returnPath(bodyOf(request).kembali);
    const render = (ctx: ViewContext, form: FormState) => SignInPage({ ctx, form, kembali, sso: !!config.oidc });
    const v = await validated(request, reply, signInForm, render);
    if (!v.ok) return v.sent;
    try {
      const previous = request.actor?.sessionId ? { sessionId: request.actor.sessionId, userId: request.actor.userId } : null;
      const result = await identity.signIn(v.data, request.meta, previous);
      if (result.status === 'pending') {
        setPendingCookie(reply, result.userId);
        return reply.redirect('/daftar/konfirmasi?pesan=confirm_needed', 303);
      }
      setSessionCookie(reply, result.session);
      if (result.mfaRequired) return reply.redirect(`/masuk/totp?kembali=${encodeURIComponent(kembali)}`, 303);
      const who = kembali === '/akun' ? await identity.authenticator.fromSessionToken(result.session.token) : null;
      return reply.redirect(landing(kembali, who?.kind), 303);
    } catch (err) {
      return formError(request, reply, err, render, 'login');
    }
  });

  app.get('/masuk/totp', async (request, reply) => {
    const kembali = returnPath(queryOf(request).kembali);
    const actor = request.actor;
    if (!actor?.sessionId) return reply.redirect('/masuk', 303);
    if (actor.mfaPassed) return reply.redirect(kembali, 303);
    const ctx = await view(request, reply);
    return reply.page(TotpSignInPage({ ctx, form: emptyForm, kembali }));
  });

  app.post('/masuk/totp', async (request, reply) => {
    const kembali = returnPath(bodyOf(request).kembali);
    const actor = request.actor;
    if (!actor?.sessionId) return reply.redirect('/masuk', 303);
    if (actor.mfaPassed) return reply.redirect(kembali, 303);
    const render = (ctx: ViewContext, form: FormState) => TotpSignInPage({ ctx, form, kembali });
    const v = await validated(request, reply, totpSignInForm, render);
    if (!v.ok) return v.sent;
    try {
      const session = await identity.passTotp(actor, v.data.code, request.meta);
      setSessionCookie(reply, session);
      return reply.redirect(landing(kembali, actor.kind), 303);
    } catch (err) {
      return formError(request, reply, err, render, 'code');
    }
  });

  app.post('/keluar', async (request, reply) => {
    if (request.actor) await identity.signOut(request.actor, request.meta);
    clearSessionCookie(reply);
    // Signed in through the staff SSO: end the provider's session too.
    const providerLogout = await sso.logoutUrl(request, reply);
    return reply.redirect(providerLogout ?? '/masuk?pesan=signed_out', 303);
  });

  // -------------------------------------------------------------------------------------
  // Password reset (and staff invitations, which use the same page)
  // -------------------------------------------------------------------------------------

  const forgotView = (ctx: ViewContext, form: FormState) => ForgotPage({ ctx, form });

  app.get('/lupa-sandi', async (request, reply) => reply.page(forgotView(await view(request, reply), emptyForm)));

  app.post('/lupa-sandi', async (request, reply) => {
    const v = await validated(request, reply, forgotForm, forgotView);
    if (!v.ok) return v.sent;
    try {
      await identity.requestPasswordReset(v.data.email, request.meta);
    } catch (err) {
      return formError(request, reply, err, forgotView, 'email');
    }
    return reply.redirect('/lupa-sandi/terkirim', 303);
  });

  app.get('/lupa-sandi/terkirim', async (request, reply) => reply.page(ForgotSentPage({ ctx: await view(request, reply) })));

  app.get('/atur-sandi', async (request, reply) => {
    const q = queryOf(request);
    const ref = uuid.safeParse(q.ref);
    const code = typeof q.kode === 'string' && /^[0-9]{6}$/.test(q.kode) ? q.kode : '';
    const ctx = await view(request, reply);
    return reply.page(ResetPage({ ctx, form: emptyForm, ref: ref.success ? ref.data : null, code }));
  });

  app.post('/atur-sandi', async (request, reply) => {
    const body = bodyOf(request);
    const ref = uuid.safeParse(body.ref);
    // The code is not a secret once used or wrong; keeping it spares retyping after, say, a weak password.
    const code = typeof body.code === 'string' ? body.code.slice(0, 12) : '';
    const render = (ctx: ViewContext, form: FormState) => ResetPage({ ctx, form, ref: ref.success ? ref.data : null, code });
    const v = await validated(request, reply, resetForm, render);
    if (!v.ok) return v.sent;
    try {
      await identity.resetPassword(v.data, request.meta);
    } catch (err) {
      return formError(request, reply, err, render, 'code');
    }
    clearSessionCookie(reply);
    return reply.redirect('/masuk?pesan=password_reset', 303);
  });

  // -------------------------------------------------------------------------------------
  // Account
  // -------------------------------------------------------------------------------------

  app.get('/akun', async (request, reply) => {
    const actor = requireActor(request);
    const [profile, represented] = await Promise.all([identity.profile(actor.userId), identity.representedBusinesses(actor)]);
    const ctx = await view(request, reply);
    return reply.page(AccountPage({ ctx, profile, represented, notice: noticeFrom(queryOf(request).pesan) }));
  });

  app.get('/akun/sandi', async (request, reply) => {
    const actor = requireActor(request);
    return reply.page(ChangePasswordPage({ ctx: await view(request, reply), form: emptyForm, profile: actor }));
  });

  app.post('/akun/sandi', async (request, reply) => {
    const actor = requireActor(request);
    const render = (ctx: ViewContext, form: FormState) => ChangePasswordPage({ ctx, form, profile: actor });
    const v = await validated(request, reply, changePasswordForm, render);
    if (!v.ok) return v.sent;
    try {
      await identity.changePassword(actor, v.data, request.meta);
    } catch (err) {
      return formError(request, reply, err, render, 'currentPassword');
    }
    return reply.redirect('/akun?pesan=password_changed', 303);
  });

  app.get('/akun/sesi', async (request, reply) => {
    const actor = requireActor(request);
    const sessions = await identity.listSessions(actor);
    const ctx = await view(request, reply);
    return reply.page(SessionsPage({ ctx, profile: actor, sessions, notice: noticeFrom(queryOf(request).pesan) }));
  });

  app.post<{ Params: { id: string } }>('/akun/sesi/:id/cabut', async (request, reply) => {
    const actor = requireActor(request);
    const id = uuid.safeParse(request.params.id);
    if (!id.success) throw errors.notFound();
    await identity.revokeSession(actor, id.data, request.meta);
    if (id.data === actor.sessionId) {
      clearSessionCookie(reply);
      return reply.redirect('/masuk?pesan=signed_out', 303);
    }
    return reply.redirect('/akun/sesi?pesan=session_revoked', 303);
  });

  app.post('/akun/sesi/keluar-semua', async (request, reply) => {
    const actor = requireActor(request);
    await identity.revokeAllSessions(actor, false, request.meta);
    clearSessionCookie(reply);
    return reply.redirect('/masuk?pesan=signed_out_all', 303);
  });

  // -------------------------------------------------------------------------------------
  // Two-step verification (TOTP)
  // -------------------------------------------------------------------------------------

  async function totpPage(request: FastifyRequest, reply: FastifyReply, actor: Actor, form: FormState, status = 200) {
    const ctx = await view(request, reply);
    const region = await deps.region();
    const state = await identity.startTotpEnrolment(actor, `Simpul ${region.name}`);
    if ('enabled' in state) {
      const canDisable = !(config.requireAdminMfa && isAdministrative(actor));
      const recoveryLeft = await identity.recoveryCodesLeft(actor.userId);
      return reply.page(TotpEnabledPage({ ctx, form, profile: actor, canDisable, recoveryLeft, notice: noticeFrom(queryOf(request).pesan) }), status);
    }
    const { default: QRCode } = await import('qrcode'); // loaded on first use
    const svg = await QRCode.toString(state.uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    const qrDataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    const required = identity.mustEnrolMfa(actor.grants, false);
    return reply.page(TotpEnrolPage({ ctx, form, profile: actor, secretGrouped: groupSecret(state.secret), qrDataUrl, required }), status);
  }

  app.get('/akun/keamanan/totp', async (request, reply) => {
    const actor = requireActor(request);
    return totpPage(request, reply, actor, emptyForm);
  });

  app.post('/akun/keamanan/totp', async (request, reply) => {
    const actor = requireActor(request);
    const r = validate(totpForm, bodyOf(request));
    if (!r.ok) return totpPage(request, reply, actor, formStateFrom(request.body, r.fields), 422);
    let recoveryCodes: string[];
    try {
      const enrolled = await identity.confirmTotpEnrolment(actor, r.data.code, request.meta);
      if (enrolled.session) setSessionCookie(reply, enrolled.session);
      recoveryCodes = enrolled.recoveryCodes;
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const fields = err.fields ?? [{ field: 'code', key: err.messageKey, params: err.params }];
      return totpPage(request, reply, actor, formStateFrom(request.body, fields), err.status);
    }
    // The recovery codes are shown in this answer only (never stored in clear, never cached).
    return recoveryCodesPage(request, reply, actor, recoveryCodes, 'totp_enabled');
  });

  async function recoveryCodesPage(request: FastifyRequest, reply: FastifyReply, actor: Actor, codes: string[], notice: 'totp_enabled' | 'recovery_regenerated') {
    const ctx = await view(request, reply);
    reply.header('cache-control', 'no-store');
    return reply.page(RecoveryCodesPage({ ctx, profile: actor, codes, name: actor.name, notice, madeAt: new Date() }));
  }

  app.post('/akun/keamanan/totp/kode-pemulihan', async (request, reply) => {
    const actor = requireActor(request);
    const r = validate(regenerateRecoveryForm, bodyOf(request));
    if (!r.ok) return totpPage(request, reply, actor, formStateFrom(request.body, r.fields), 422);
    let codes: string[];
    try {
      codes = await identity.regenerateRecoveryCodes(actor, { password: r.data.regen_password, code: r.data.regen_code }, request.meta);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const fields = (err.fields ?? [{ field: 'code', key: err.messageKey, params: err.params }]).map((f) => ({ ...f, field: `regen_${f.field}` }));
      return totpPage(request, reply, actor, formStateFrom(request.body, fields), err.status);
    }
    return recoveryCodesPage(request, reply, actor, codes, 'recovery_regenerated');
  });

  app.post('/akun/keamanan/totp/nonaktif', async (request, reply) => {
    const actor = requireActor(request);
    const r = validate(disableTotpForm, bodyOf(request));
    if (!r.ok) return totpPage(request, reply, actor, formStateFrom(request.body, r.fields), 422);
    try {
      await identity.disableTotp(actor, r.data, request.meta);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const fields = err.fields ?? [{ field: 'code', key: err.messageKey, params: err.params }];
      return totpPage(request, reply, actor, formStateFrom(request.body, fields), err.status);
    }
    return reply.redirect('/akun/keamanan/totp?pesan=totp_disabled', 303);
  });

  // -------------------------------------------------------------------------------------
  // Personal API tokens (staff)
  // -------------------------------------------------------------------------------------

  async function tokensPage(request: FastifyRequest, reply: FastifyReply, actor: Actor, form: FormState, status = 200, created?: { name: string; token: string }) {
    const tokens = await identity.listApiTokens(actor);
    const ctx = await view(request, reply);
    const blocked = config.requireAdminMfa && isAdministrative(actor) && !actor.mfaEnrolled;
    return reply.page(TokensPage({ ctx, form, profile: actor, tokens, created, blocked, notice: noticeFrom(queryOf(request).pesan) }), status);
  }

  app.get('/akun/token', async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, 'identity.token.manage');
    return tokensPage(request, reply, actor, emptyForm);
  });

  app.post('/akun/token', async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, 'identity.token.manage');
    const r = validate(createTokenForm, bodyOf(request));
    if (!r.ok) return tokensPage(request, reply, actor, formStateFrom(request.body, r.fields), 422);
    try {
      const days = r.data.expiresIn === 'never' ? null : Number(r.data.expiresIn);
      const created = await identity.createApiToken(actor, { name: r.data.name, expiresInDays: days }, request.meta);
      // Shown once, in this response only (no-store); never in a URL or a later page.
      return tokensPage(request, reply, actor, emptyForm, 201, { name: created.name, token: created.token });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const fields = err.fields ?? [{ field: 'name', key: err.messageKey, params: err.params }];
      return tokensPage(request, reply, actor, formStateFrom(request.body, fields), err.status);
    }
  });

  app.post<{ Params: { id: string } }>('/akun/token/:id/cabut', async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, 'identity.token.manage');
    const id = uuid.safeParse(request.params.id);
    if (!id.success) throw errors.notFound();
    await identity.revokeApiToken(actor, id.data, request.meta);
    return reply.redirect('/akun/token?pesan=token_revoked', 303);
  });

  // -------------------------------------------------------------------------------------
  // Business account: its representatives
  // -------------------------------------------------------------------------------------

  async function businessPage(request: FastifyRequest, reply: FastifyReply, actor: Actor, form: FormState, status = 200, pageError?: AppError) {
    const business = await identity.businessOf(actor);
    if (!business) throw errors.notFound();
    const ctx = await view(request, reply);
    return reply.page(
      BusinessAccountPage({
        ctx,
        form,
        business,
        notice: noticeFrom(queryOf(request).pesan),
        pageError: pageError ? ctx.t(pageError.messageKey, pageError.params) : undefined,
      }),
      status,
    );
  }

  app.get('/akun/usaha', async (request, reply) => {
    const actor = requireActor(request);
    if (actor.kind !== 'business') throw errors.notFound();
    return businessPage(request, reply, actor, emptyForm);
  });

  app.post('/akun/usaha/perwakilan', async (request, reply) => {
    const actor = requireActor(request);
    if (actor.kind !== 'business') throw errors.notFound();
    const r = validate(addRepresentativeForm, bodyOf(request));
    if (!r.ok) return businessPage(request, reply, actor, formStateFrom(request.body, r.fields), 422);
    try {
      await identity.addRepresentative(actor, r.data, request.meta);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.status === 404) throw err;
      const fields = err.fields ?? [{ field: 'nik', key: err.messageKey, params: err.params }];
      return businessPage(request, reply, actor, formStateFrom(request.body, fields), err.status);
    }
    return reply.redirect('/akun/usaha?pesan=rep_added', 303);
  });

  app.post<{ Params: { id: string } }>('/akun/usaha/perwakilan/:id/cabut', async (request, reply) => {
    const actor = requireActor(request);
    if (actor.kind !== 'business') throw errors.notFound();
    const id = uuid.safeParse(request.params.id);
    if (!id.success) throw errors.notFound();
    try {
      await identity.revokeRepresentative(actor, id.data, request.meta);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      return businessPage(request, reply, actor, emptyForm, 409, err);
    }
    return reply.redirect('/akun/usaha?pesan=rep_revoked', 303);
  });
}
