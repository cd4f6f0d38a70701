// JSON API routes are declared once, with Zod schemas for params, query, body and
// responses. The same declaration validates requests and produces the OpenAPI 3.1 document
// served at /api/openapi.json and the reference page at /api/docs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { errors } from './errors.ts';
import { parseOrThrow } from './validation.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: Actor | null;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface ApiRouteDef<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: Method;
  /** Fastify path, e.g. /api/v1/agencies/:slug */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /**
   * 'public': no sign-in; 'user': any signed-in user (session or bearer token); 'client': an
   * API client of another system with an OAuth 2.0 access token, checked by the client guard
   * against its grants for `scope` (deny by default: no guard, no access).
   */
  auth: 'public' | 'user' | 'client';
  /** The grant scope a 'client' route needs, e.g. `applications:read`. */
  scope?: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** HTTP status of success (default 200; 201 for creations). */
  status?: number;
  handler: (input: ApiInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<z.input<R>>;
}

interface StoredRoute {
  method: Method;
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: 'public' | 'user' | 'client';
  scope?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status: number;
}

/**
 * Checks an API client's call before the handler runs (credentials, grant for the scope, rate
 * limit, …). Throws the error to answer; returns 'handled' when it already answered (e.g. an
 * idempotent replay).
 */
export type ClientGuard = (request: FastifyRequest, reply: FastifyReply, route: { operationId: string; scope: string; method: Method }) => Promise<'continue' | 'handled'>;

export interface ApiRegistry {
  routes: StoredRoute[];
  /** Installs the guard of 'client' routes (the integration hub). */
  setClientGuard(guard: ClientGuard): void;
  /** Extra security schemes and their documentation (e.g. OAuth 2.0 client credentials). */
  setClientSecurity(doc: { tokenUrl: string; scopes: Record<string, string>; signedKeys?: string }): void;
  route<P extends z.ZodType = z.ZodObject<{}>, Q extends z.ZodType = z.ZodObject<{}>, B extends z.ZodType = z.ZodUndefined, R extends z.ZodType = z.ZodType>(
    app: FastifyInstance,
    def: ApiRouteDef<P, Q, B, R>,
  ): void;
  document(baseUrl: string): Record<string, unknown>;
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. validation_failed' }),
      message: z.string().meta({ description: "Human-readable message in the caller's language (Accept-Language or the language cookie)" }),
      fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

export function createApiRegistry(): ApiRegistry {
  const routes: StoredRoute[] = [];
  let clientGuard: ClientGuard | null = null;
  let clientSecurity: { tokenUrl: string; scopes: Record<string, string>; signedKeys?: string } | null = null;
  // The document is built from the declarations, which stop changing once the app is ready:
  // built once per base URL and route count (it took ~90 ms of CPU per /api/docs view).
  let built: { baseUrl: string; routeCount: number; doc: Record<string, unknown> } | null = null;
  return {
    routes,
    setClientGuard(guard) {
      clientGuard = guard;
    },
    setClientSecurity(doc) {
      clientSecurity = doc;
      built = null;
    },
    route(app, def) {
      const status = def.status ?? (def.method === 'POST' ? 201 : 200);
      if (def.auth === 'client' && !def.scope) throw new Error(`API route ${def.operationId} is for clients but names no scope`);
      routes.push({ ...def, status });
      app.route({
        method: def.method,
        url: def.url,
        handler: async (request, reply) => {
          if (def.auth === 'user' && !request.actor) throw errors.unauthenticated();
          if (def.auth === 'client') {
            // Deny by default: without a guard nothing reaches a client route.
            if (!clientGuard) throw errors.forbidden();
            if ((await clientGuard(request, reply, { operationId: def.operationId, scope: def.scope!, method: def.method })) === 'handled') return reply;
          }
          const params = def.params ? parseOrThrow(def.params, request.params) : {};
          const query = def.query ? parseOrThrow(def.query, request.query) : {};
          const body = def.body ? parseOrThrow(def.body, request.body ?? {}) : undefined;
          const result = await def.handler({
            params: params as never,
            query: query as never,
            body: body as never,
            actor: request.actor,
            request,
            reply,
          });
          if (reply.sent) return reply;
          return reply.code(status).type('application/json; charset=utf-8').send(def.response.parse(result));
        },
      });
    },
    document(baseUrl) {
      if (built && built.baseUrl === baseUrl && built.routeCount === routes.length) return built.doc;
      const doc = buildDocument(baseUrl);
      built = { baseUrl, routeCount: routes.length, doc };
      return doc;
    },
  };

  function buildDocument(baseUrl: string): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    const shared: Record<string, unknown> = {};
    // Schemas with a `.meta({ id })` come out as $defs; they move to components.schemas so
    // every $ref resolves from the document root.
    const hoist = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(hoist);
      if (!node || typeof node !== 'object') return node;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        if (k === '$defs' && v && typeof v === 'object') {
          for (const [id, def] of Object.entries(v as Record<string, unknown>)) shared[id] = hoist(def);
          continue;
        }
        if (k === '$schema') continue;
        out[k] = k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : hoist(v);
      }
      return out;
    };
    const toJson = (s: z.ZodType, io: 'input' | 'output') =>
      hoist(z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' })) as Record<string, unknown>;
    for (const r of routes) {
      const oaPath = r.url.replace(/:(\w+)/g, '{$1}');
      const parameters: unknown[] = [];
      for (const [where, schema] of [
        ['path', r.params],
        ['query', r.query],
      ] as const) {
        if (!schema) continue;
        const js = toJson(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
        for (const [name, prop] of Object.entries(js.properties ?? {})) {
          parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: prop });
        }
      }
      const op: Record<string, unknown> = {
        operationId: r.operationId,
        summary: r.summary,
        description: r.description,
        tags: [r.tag],
        parameters: parameters.length ? parameters : undefined,
        security:
          r.auth === 'public'
            ? []
            : r.auth === 'client'
              ? [{ oauth2ClientCredentials: [r.scope] }, ...(clientSecurity?.signedKeys ? [{ signedApiKey: [] }] : [])]
              : [{ bearerAuth: [] }, { sessionCookie: [] }],
        responses: {
          [String(r.status)]: { description: 'OK', content: { 'application/json': { schema: toJson(r.response, 'output') } } },
          '4XX': { description: 'Client error', content: { 'application/json': { schema: toJson(errorSchema, 'output') } } },
          '503': {
            description: 'The database is unavailable for a moment (code database_unavailable); try again after Retry-After seconds',
            headers: { 'Retry-After': { schema: { type: 'integer' } } },
            content: { 'application/json': { schema: toJson(errorSchema, 'output') } },
          },
        },
      };
      if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: toJson(r.body, 'input') } } };
      (paths[oaPath] ??= {})[r.method.toLowerCase()] = op;
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'Simpul API',
        version: '1.0.0',
        description:
          'JSON API of Simpul. Errors are {"error": {"code", "message"}} with the message in the caller\'s language. ' +
          'Authenticate with a bearer token (Authorization: Bearer …) or a session cookie; cookie-authenticated ' +
          'writes must send the CSRF token in the X-CSRF-Token header.',
      },
      servers: [{ url: baseUrl }],
      paths,
      components: {
        schemas: shared,
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'simpul_sid' },
          ...(clientSecurity
            ? {
                oauth2ClientCredentials: {
                  type: 'oauth2',
                  description: 'Systems of agencies and national applications (integration hub): OAuth 2.0 client credentials (RFC 6749 §4.4); the token is sent as Authorization: Bearer …',
                  flows: { clientCredentials: { tokenUrl: clientSecurity.tokenUrl, scopes: clientSecurity.scopes } },
                },
                ...(clientSecurity.signedKeys ? { signedApiKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: clientSecurity.signedKeys } } : {}),
              }
            : {}),
        },
      },
    };
  }
}

export function registerApiDocs(app: FastifyInstance, deps: { api: ApiRegistry; config: { baseUrl: string } }): void {
  app.get('/api/openapi.json', async (_req, reply) => reply.type('application/json').send(deps.api.document(deps.config.baseUrl)));
  app.get('/api/docs', async (request, reply) => {
    const { ApiDocsPage } = await import('../views/api-docs.tsx');
    const ctx = await app.viewContext(request, reply);
    return reply.page(ApiDocsPage({ ctx, doc: deps.api.document(deps.config.baseUrl) }));
  });
}
