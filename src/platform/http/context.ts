// Per-request context: locale, the signed-in actor (session cookie or bearer token), request
// metadata for the audit trail, and helpers to render pages. Registered once by app.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import { isAdministrative } from '../auth/actor.ts';
import { negotiateLocale, type Locale } from '../views/i18n.ts';
import { makeViewContext, type ViewContext } from '../views/context.ts';
import { menuGroupsFor } from '../views/backoffice-menu.ts';
import { renderPage } from '../views/layout.tsx';
import { errors } from './errors.ts';

export const SESSION_COOKIE = 'simpul_sid';
export const LANG_COOKIE = 'simpul_lang';

export interface Authenticator {
  /** Resolves a session cookie's token to its actor; null when unknown, expired or revoked. */
  fromSessionToken(token: string): Promise<Actor | null>;
  /** Resolves an API bearer token to its actor. */
  fromBearerToken(token: string): Promise<Actor | null>;
}

export interface RegionInfo {
  name: string;
  timeZone: string;
  /** Kode wilayah, undotted (`53`, `5371`). */
  code?: string;
  /** The region's primary colour `#rrggbb` (set on /kelola/wilayah). */
  colour?: string;
  /** A version token of the region's logo when it has one (served at /wilayah/logo). */
  logo?: string;
}

export interface ContextOptions {
  authenticator: Authenticator;
  region: () => Promise<RegionInfo>;
  requireAdminMfa: boolean;
  cookieSecure: boolean;
  /**
   * Bearer tokens that belong to another authenticator (the integration hub's client tokens):
   * left for the route's own guard instead of being refused here. No actor is set for them.
   */
  externalBearer?: (token: string) => boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    meta: RequestMeta;
    isApi: boolean;
    /** The response carries something for this visitor only (a CSRF token): never cached. */
    personal: boolean;
  }
  interface FastifyReply {
    /** Renders a page component to HTML with the given status (default 200). */
    page(node: VNode, status?: number): FastifyReply;
  }
  interface FastifyInstance {
    viewContext(request: FastifyRequest, reply: FastifyReply): Promise<ViewContext>;
  }
}

/** Paths a signed-in user may reach while two-step verification is still pending or required. */
const mfaExempt = [/^\/masuk\/totp/, /^\/akun\/keamanan\/totp/, /^\/keluar$/, /^\/assets\//, /^\/bahasa\//, /^\/health$/, /^\/api\/v1\/auth\/(totp|logout)/];

export function registerRequestContext(app: FastifyInstance, opts: ContextOptions): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'id');
  app.decorateRequest('meta', null as unknown as RequestMeta);
  app.decorateRequest('isApi', false);
  app.decorateRequest('personal', false);

  app.decorateReply('page', function (this: FastifyReply, node: VNode, status = 200) {
    return this.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderPage(node));
  });

  app.decorate('viewContext', async (request: FastifyRequest, reply: FastifyReply): Promise<ViewContext> => {
    const region = await opts.region();
    const actor = request.actor;
    return makeViewContext({
      locale: request.locale,
      user: actor
        ? {
            name: actor.name,
            kind: actor.kind,
            isStaff: actor.kind === 'staff',
            isExecutive: actor.grants.some((g) => g.role === 'executive' || g.role === 'super_admin'),
            menu: actor.kind === 'staff' ? menuGroupsFor(actor) : undefined,
          }
        : null,
      // Made only when the page has a form: anonymous pages without one set no CSRF cookie.
      csrfToken: () => {
        request.personal = true;
        return reply.generateCsrf();
      },
      path: request.url,
      regionName: region.name,
      regionCode: region.code,
      regionColour: region.colour,
      regionLogo: region.logo,
      timeZone: region.timeZone,
    });
  });

  app.addHook('onRequest', async (request) => {
    request.isApi = request.url.startsWith('/api/');
    request.meta = {
      ip: request.ip ?? null,
      requestId: String(request.id),
      userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
    };
    const auth = request.headers.authorization;
    let actor: Actor | null = null;
    if (auth?.startsWith('Bearer ') && opts.externalBearer?.(auth.slice(7).trim())) {
      // Checked by the client guard of the route (deny by default).
    } else if (auth?.startsWith('Bearer ')) {
      actor = await opts.authenticator.fromBearerToken(auth.slice(7).trim());
      if (!actor) {
        // Answer in the caller's language even though no account says which.
        request.locale = negotiateLocale(request.cookies[LANG_COOKIE], request.headers['accept-language']);
        throw errors.unauthenticated();
      }
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) actor = await opts.authenticator.fromSessionToken(token);
    }
    request.actor = actor;
    // Pages are Indonesian unless the person chose English (cookie or account); API callers
    // say which language they want with Accept-Language.
    const chosen = request.cookies[LANG_COOKIE] ?? actor?.locale;
    const asked = request.headers['accept-language'];
    request.locale = request.isApi && asked ? negotiateLocale(undefined, asked) : negotiateLocale(chosen, undefined);
  });

  // Two-step verification gates (S-1): a session whose TOTP step is pending can only finish
  // it; administrators who must enrol can only enrol.
  app.addHook('preHandler', async (request, reply) => {
    const actor = request.actor;
    if (!actor || actor.via === 'token') return;
    const path = request.url.split('?')[0] ?? '';
    if (mfaExempt.some((re) => re.test(path))) return;
    if (actor.mfaEnrolled && !actor.mfaPassed) {
      if (request.isApi) throw errors.mfaRequired();
      return reply.redirect('/masuk/totp', 303);
    }
    const needsEnrolment = opts.requireAdminMfa && !actor.mfaEnrolled && isAdministrative(actor);
    if (needsEnrolment && (path.startsWith('/kelola') || path.startsWith('/eksekutif') || (request.isApi && request.method !== 'GET'))) {
      if (request.isApi) throw errors.mfaRequired();
      return reply.redirect('/akun/keamanan/totp', 303);
    }
  });
}

export function langCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: 365 * 24 * 3600 };
}
