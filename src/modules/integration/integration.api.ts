// HTTP surface of the integration hub:
// - POST /api/v1/oauth/token: OAuth 2.0 client credentials (RFC 6749 §4.4, errors per §5.2);
// - /api/v1/hub/…: the operations API clients may call, each declared with auth 'client' and
//   the scope it needs; the client guard checks token, sealing, rate limit, grant and
//   idempotency key before the handler, and every call lands in the exchange log;
// - /api/v1/integration/…: management for agency admins and the Dinas Kominfo (session users).
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { ApiRegistry, ClientGuard } from '../../platform/http/openapi.ts';
import { errors } from '../../platform/http/errors.ts';
import type { Logger } from '../../platform/log.ts';
import { nikVerificationRequest, nikVerificationResponse, type NikVerifier } from './connectors.ts';
import { hubErrors, hubScopes, OAuthError, requestHash, TOKEN_PREFIX, type HubClient, type HubGrant, type Integration } from './integration.service.ts';
import { webhookEvents, type Webhooks } from './webhooks.ts';
import { nationalPermitNotice, nationalPermitReceipt, type NationalPermits } from './national-permits.ts';
import { bodySha256, isSignedAuthorization, parseSignedAuthorization, SIGNED_SCHEME, SIGNED_WINDOW_SECONDS } from './signed-keys.ts';

/** What a hub operation may read about the owner agencies' services (given by app.ts). */
export interface HubDataSources {
  listServices(agencyIds: string[]): Promise<{ id: string; slug: string; name: string; agencyId: string }[]>;
  applicationStatus(tracking: string): Promise<{ agencyId: string; serviceId: string; status: string; submittedAt: Date | null } | null>;
}

export interface IntegrationApiDeps {
  api: ApiRegistry;
  integration: Integration;
  webhooks: Webhooks;
  nikVerifier: NikVerifier;
  sources: HubDataSources;
  /** OSS RBA / SiCantik permits received into the holders' documents. */
  nationalPermits: NationalPermits;
  log: Logger;
  baseUrl: string;
  /** The audit chain's signed checkpoints and public keys, for the exported proof. */
  chain: { checkpoints(limit?: number): Promise<{ seq: number; chainHash: string; signedAt: string; keyId: string; signature: string }[]>; publicKeys(): { keyId: string; publicKeyPem: string }[] };
}

interface HubCall {
  client: HubClient;
  grants: HubGrant[];
  grantId: string | null;
  operation: string;
  started: number;
  requestHash: string;
  idempotencyKey: string | null;
  replayed: boolean;
}

const calls = new WeakMap<FastifyRequest, HubCall>();
/** SHA-256 of the raw body of signed requests (taken before parsing, for the signature). */
const rawBodyHashes = new WeakMap<FastifyRequest, string>();
const MAX_SIGNED_BODY = 1_048_576;

/** The client and its grants for the running call (set by the guard). */
function callOf(request: FastifyRequest): HubCall {
  const c = calls.get(request);
  if (!c) throw errors.forbidden();
  return c;
}

/** Whether the grants let the call touch `agencyId`'s data (and `serviceId`, when a grant names one). */
function allowedFor(call: HubCall, agencyId: string, serviceId?: string): HubGrant | null {
  const g = call.grants.find((x) => x.ownerAgencyId === agencyId && (!x.serviceId || !serviceId || x.serviceId === serviceId));
  if (g) call.grantId = g.id;
  return g ?? null;
}

const idempotencyKeyRe = /^[\x21-\x7e]{1,255}$/;

export function registerIntegrationApi(app: FastifyInstance, deps: IntegrationApiDeps): void {
  const { api, integration, webhooks } = deps;

  api.setClientSecurity({
    tokenUrl: `${deps.baseUrl}/api/v1/oauth/token`,
    scopes: Object.fromEntries(Object.entries(hubScopes).map(([k, v]) => [k, v.description])),
    signedKeys:
      `Signed API key: Authorization: ${SIGNED_SCHEME} keyId=<key id>,timestamp=<unix seconds>,nonce=<16-64 random characters A-Za-z0-9_->,signature=<hex>, where signature is the hex ` +
      'HMAC-SHA256 with the key secret of METHOD, path with query string, timestamp, nonce and the hex SHA-256 of the raw body (of the empty ' +
      `string without one), joined with "\\n". Refused outside ±${SIGNED_WINDOW_SECONDS} s and when the same signature was already accepted. Same grants as OAuth clients.`,
  });

  // A signed request's signature covers the raw body: hash it before the JSON parser sees it.
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (!isSignedAuthorization(request.headers.authorization)) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += b.length;
      if (size > MAX_SIGNED_BODY) throw errors.badRequest();
      chunks.push(b);
    }
    const raw = Buffer.concat(chunks);
    rawBodyHashes.set(request, bodySha256(raw));
    const replay = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
    replay.receivedEncodedLength = raw.length;
    return replay;
  });

  /** The client of the call: a bearer token (OAuth) or a signed API key; null: 401. */
  async function clientOf(request: FastifyRequest): Promise<HubClient | null> {
    const auth = request.headers.authorization;
    if (isSignedAuthorization(auth)) {
      const signed = parseSignedAuthorization(auth);
      return signed ? integration.authenticateSigned(signed, { method: request.method, url: request.url, bodyHash: rawBodyHashes.get(request) ?? bodySha256('') }) : null;
    }
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    return token ? integration.authenticate(token) : null;
  }

  const guard: ClientGuard = async (request, reply, route) => {
    const client = await clientOf(request);
    if (!client) {
      reply.header('www-authenticate', isSignedAuthorization(request.headers.authorization) ? `${SIGNED_SCHEME} realm="simpul"` : 'Bearer realm="simpul", error="invalid_token"');
      throw errors.unauthenticated();
    }
    // Fail closed: no call goes through while the exchange log is not being sealed.
    if (await integration.sealLagging()) throw hubErrors.logLagging();
    const call: HubCall = {
      client,
      grants: [],
      grantId: null,
      operation: route.operationId,
      started: performance.now(),
      requestHash: requestHash(request.method, request.url, request.body),
      idempotencyKey: null,
      replayed: false,
    };
    calls.set(request, call);
    const rate = await integration.rateLimit(client);
    if (!rate.allowed) {
      reply.header('retry-after', String(rate.retryAfterSeconds));
      throw hubErrors.rateLimited(rate.retryAfterSeconds);
    }
    call.grants = await integration.grantsFor(client.id, route.scope);
    if (!call.grants.length) throw hubErrors.noGrant();
    if (route.method === 'POST') {
      const key = request.headers['idempotency-key'];
      if (typeof key === 'string') {
        if (!idempotencyKeyRe.test(key)) throw errors.badRequest('hub.error.idempotency_key');
        const state = await integration.beginIdempotent(client.id, key, call.requestHash);
        if (state.kind === 'mismatch') throw hubErrors.idempotencyMismatch();
        if (state.kind === 'in_progress') throw hubErrors.idempotencyInProgress();
        if (state.kind === 'replay') {
          call.replayed = true;
          call.grantId = call.grants[0]?.id ?? null;
          reply.code(state.status).header('idempotent-replayed', 'true').type('application/json; charset=utf-8').send(state.body);
          return 'handled';
        }
        call.idempotencyKey = key;
      }
    }
    return 'continue';
  };
  api.setClientGuard(guard);

  // Every call that reached the guard: X-Request-Id echoed, the first answer kept for its
  // idempotency key, and one entry (hashes only) appended to the exchange log.
  app.addHook('onSend', async (request, reply, payload) => {
    const call = calls.get(request);
    if (!call) return payload;
    reply.header('x-request-id', String(request.id));
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    const status = reply.statusCode;
    if (call.idempotencyKey && !call.replayed) await integration.finishIdempotent(call.client.id, call.idempotencyKey, status, body);
    await integration.recordExchange(request.meta, {
      client: call.client,
      grantId: call.grantId,
      operation: call.operation,
      status,
      requestHash: call.requestHash,
      responseHash: crypto.createHash('sha256').update(body).digest('hex'),
      durationMs: Math.round(performance.now() - call.started),
      bytes: Buffer.byteLength(body),
    });
    return payload;
  });

  // ---- OAuth 2.0 token endpoint ---------------------------------------------------------

  api.route(app, {
    method: 'POST',
    url: '/api/v1/oauth/token',
    operationId: 'oauthToken',
    summary: 'Get an access token for an API client (OAuth 2.0 client credentials)',
    description:
      'RFC 6749 §4.4. Send grant_type=client_credentials with the client id and secret, either in HTTP Basic ' +
      'authentication or as client_id and client_secret in the form body (application/x-www-form-urlencoded; JSON ' +
      `is accepted too). The token is valid for 15 minutes. Errors follow RFC 6749 §5.2: {"error": "invalid_client", "error_description": "…"}.`,
    tag: 'Integration',
    auth: 'public',
    status: 200,
    body: z.object({
      grant_type: z.string().optional(),
      client_id: z.string().optional(),
      client_secret: z.string().optional(),
      scope: z.string().optional(),
    }),
    response: z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int(), scope: z.string() }),
    handler: async ({ body, request, reply }) => {
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      try {
        let id = body.client_id;
        let secret = body.client_secret;
        const auth = request.headers.authorization;
        if (auth?.startsWith('Basic ')) {
          const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
          const i = decoded.indexOf(':');
          if (i < 0) throw new OAuthError('invalid_client', 'Malformed Basic credentials.');
          try {
            id = decodeURIComponent(decoded.slice(0, i));
            secret = decodeURIComponent(decoded.slice(i + 1));
          } catch {
            throw new OAuthError('invalid_client', 'Malformed Basic credentials.');
          }
        }
        if (!body.grant_type) throw new OAuthError('invalid_request', 'grant_type is missing.');
        if (body.grant_type !== 'client_credentials') throw new OAuthError('unsupported_grant_type', 'Only client_credentials is supported.');
        if (!id || !secret) throw new OAuthError('invalid_client', 'Client authentication is missing.');
        const { accessToken, expiresIn, client } = await integration.issueToken(id, secret);
        const granted = new Set((await Promise.all(Object.keys(hubScopes).map(async (s) => ((await integration.grantsFor(client.id, s)).length ? s : null)))).filter((s): s is string => !!s));
        return { access_token: accessToken, token_type: 'Bearer' as const, expires_in: expiresIn, scope: [...granted].join(' ') };
      } catch (err) {
        if (!(err instanceof OAuthError)) throw err;
        if (err.status === 401) reply.header('www-authenticate', 'Basic realm="simpul"');
        return reply.code(err.status).type('application/json; charset=utf-8').send({ error: err.error, error_description: err.description }) as never;
      }
    },
  });

  // ---- Operations for API clients (deny by default) -----------------------------------------

  api.route(app, {
    method: 'GET',
    url: '/api/v1/hub/services',
    operationId: 'hubListServices',
    summary: 'Published services of the agencies that granted this client',
    tag: 'Integration',
    auth: 'client',
    scope: 'catalog.services:read',
    response: z.object({ items: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string(), agencyId: z.string() })) }),
    handler: async ({ request }) => {
      const call = callOf(request);
      const agencies = [...new Set(call.grants.map((g) => g.ownerAgencyId))];
      call.grantId = call.grants[0]?.id ?? null;
      const items = await deps.sources.listServices(agencies);
      return { items: items.filter((s) => call.grants.some((g) => g.ownerAgencyId === s.agencyId && (!g.serviceId || g.serviceId === s.id))) };
    },
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/hub/applications/:tracking',
    operationId: 'hubApplicationStatus',
    summary: 'Status of one application (tracking number) for a service of a granting agency',
    tag: 'Integration',
    auth: 'client',
    scope: 'applications:read',
    params: z.object({ tracking: z.string().min(1).max(64) }),
    response: z.object({ tracking: z.string(), serviceId: z.string(), status: z.string(), submittedAt: z.string().nullable() }),
    handler: async ({ params, request }) => {
      const call = callOf(request);
      const a = await deps.sources.applicationStatus(params.tracking);
      // Another agency's application is not there for this client (no hint that it exists).
      if (!a || !allowedFor(call, a.agencyId, a.serviceId)) throw errors.notFound();
      return { tracking: params.tracking, serviceId: a.serviceId, status: a.status, submittedAt: a.submittedAt ? a.submittedAt.toISOString() : null };
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/hub/messages',
    operationId: 'hubSendMessage',
    summary: 'Send a status message to an agency (e.g. a complaint handled in another system)',
    description: 'Honours Idempotency-Key: the same key and body replay the first answer; the same key with another body is refused (422). A test client gets an answer and nothing is stored.',
    tag: 'Integration',
    auth: 'client',
    scope: 'messages:write',
    body: z.object({
      ownerAgencyId: z.guid(),
      kind: z.string().trim().min(1).max(64),
      reference: z.string().trim().min(1).max(200),
      body: z.record(z.string(), z.unknown()),
    }),
    response: z.object({ id: z.string().nullable(), simulated: z.boolean() }),
    handler: async ({ body, request }) => {
      const call = callOf(request);
      if (!allowedFor(call, body.ownerAgencyId)) throw hubErrors.noGrant();
      return integration.receiveMessage(call.client, body.ownerAgencyId, body);
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/hub/nik-verifications',
    operationId: 'hubVerifyNik',
    summary: 'Verify a NIK with name and birth date against Dukcapil (answers match / no match only)',
    tag: 'Integration',
    auth: 'client',
    scope: 'kependudukan.nik:read',
    status: 200,
    body: nikVerificationRequest,
    response: nikVerificationResponse,
    handler: async ({ body, request }) => {
      const call = callOf(request);
      call.grantId = call.grants[0]?.id ?? null;
      return deps.nikVerifier.verify(body);
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/hub/national-permits',
    operationId: 'hubReceiveNationalPermit',
    summary: 'Deliver a permit issued nationally (OSS RBA, SiCantik) into its holder’s documents',
    description:
      'For the OSS RBA and SiCantik adapters. The permit goes to the agency that granted permits:write (its grant names the data-sharing agreement). ' +
      'The holder is found by NIK: with an account, the permit is in his documents at once (status issued), signed by the region and verifiable; ' +
      'without one it is kept pending and delivered when he registers. Idempotent on (source, permitId): the same permit again answers the first ' +
      'receipt with duplicate true and changes nothing. A test or sandbox client is answered with simulated true and nothing stored.',
    tag: 'Integration',
    auth: 'client',
    scope: 'permits:write',
    status: 200,
    body: nationalPermitNotice,
    response: nationalPermitReceipt,
    handler: async ({ body, request }) => {
      const call = callOf(request);
      const g = call.grants[0]!;
      call.grantId = g.id;
      return deps.nationalPermits.receive(call.client, g.ownerAgencyId, body);
    },
  });

  // ---- Management (agency admins, Dinas Kominfo) -----------------------------------------------

  const clientView = z.object({
    id: z.string(),
    agencyId: z.string(),
    name: z.string(),
    kind: z.enum(['live', 'sandbox', 'test']),
    status: z.enum(['pending', 'active', 'revoked']),
    ratePerMinute: z.number().int(),
    createdAt: z.date().transform((d) => d.toISOString()),
    approvedAt: z.date().nullable().transform((d) => d?.toISOString() ?? null),
    revokedAt: z.date().nullable().transform((d) => d?.toISOString() ?? null),
  });
  const grantView = z.object({
    id: z.string(),
    clientId: z.string(),
    ownerAgencyId: z.string(),
    scope: z.string(),
    serviceId: z.string().nullable(),
    agreementId: z.string().nullable(),
    expiresAt: z.date().transform((d) => d.toISOString()),
    revokedAt: z.date().nullable().transform((d) => d?.toISOString() ?? null),
  });
  const who = (actor: Actor | null, request: FastifyRequest) => ({ actor: actor!, meta: request.meta });
  const idParams = z.object({ id: z.guid() });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/integration/clients',
    operationId: 'integrationListClients',
    summary: 'API clients of the agencies the caller administers (all, for the Dinas Kominfo)',
    tag: 'Integration',
    auth: 'user',
    response: z.object({ items: z.array(clientView) }),
    handler: async ({ actor }) => ({ items: await integration.listClients(actor) }),
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/integration/clients',
    operationId: 'integrationRegisterClient',
    summary: 'Register an API client for an agency (awaits approval by the Dinas Kominfo); the secret is shown once',
    tag: 'Integration',
    auth: 'user',
    body: z.object({ agencyId: z.string(), name: z.string(), kind: z.string(), ratePerMinute: z.number().int().optional() }),
    response: z.object({ client: clientView, clientSecret: z.string() }),
    handler: async ({ actor, body, request }) => integration.registerClient(who(actor, request), body),
  });

  for (const [action, summary] of [
    ['approve', 'Approve a pending API client (Dinas Kominfo)'],
    ['revoke', 'Revoke an API client: its tokens stop working at once'],
  ] as const) {
    api.route(app, {
      method: 'POST',
      url: `/api/v1/integration/clients/:id/${action}`,
      operationId: action === 'approve' ? 'integrationApproveClient' : 'integrationRevokeClient',
      summary,
      tag: 'Integration',
      auth: 'user',
      status: 200,
      params: idParams,
      response: clientView,
      handler: async ({ actor, params, request }) => (action === 'approve' ? integration.approveClient(who(actor, request), params.id) : integration.revokeClient(who(actor, request), params.id)),
    });
  }

  api.route(app, {
    method: 'POST',
    url: '/api/v1/integration/clients/:id/rotate',
    operationId: 'integrationRotateClientSecret',
    summary: 'New client secret; the previous one stays valid for the overlap (default 24 hours)',
    tag: 'Integration',
    auth: 'user',
    status: 200,
    params: idParams,
    body: z.object({ overlapSeconds: z.number().int().min(0).max(30 * 86_400).optional() }),
    response: z.object({ clientSecret: z.string(), previousExpiresAt: z.date().transform((d) => d.toISOString()) }),
    handler: async ({ actor, params, body, request }) => integration.rotateSecret(who(actor, request), params.id, body.overlapSeconds),
  });

  const apiKeyView = z.object({
    id: z.string(),
    clientId: z.string(),
    keyId: z.string(),
    hint: z.string(),
    state: z.enum(['active', 'expired', 'revoked']),
    expiresAt: z.date().transform((d) => d.toISOString()),
    revokedAt: z.date().nullable().transform((d) => d?.toISOString() ?? null),
    createdAt: z.date().transform((d) => d.toISOString()),
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/integration/clients/:id/keys',
    operationId: 'integrationCreateApiKey',
    summary: 'Create a signed API key for a client (key id and secret; the secret is shown once); default validity one year',
    tag: 'Integration',
    auth: 'user',
    params: idParams,
    body: z.object({ expiresAt: z.iso.datetime({ offset: true }).optional() }),
    response: z.object({ key: apiKeyView, secret: z.string() }),
    handler: async ({ actor, params, body, request }) => integration.createApiKey(who(actor, request), params.id, { expiresAt: body.expiresAt ? new Date(body.expiresAt) : null }),
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/integration/clients/:id/keys',
    operationId: 'integrationListApiKeys',
    summary: 'Signed API keys of a client (never their secrets)',
    tag: 'Integration',
    auth: 'user',
    params: idParams,
    response: z.object({ items: z.array(apiKeyView) }),
    handler: async ({ actor, params }) => {
      await integration.getClient(actor, params.id);
      return { items: await integration.listApiKeys(actor, params.id) };
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/integration/keys/:id/revoke',
    operationId: 'integrationRevokeApiKey',
    summary: 'Revoke a signed API key at once',
    tag: 'Integration',
    auth: 'user',
    status: 200,
    params: idParams,
    response: apiKeyView,
    handler: async ({ actor, params, request }) => integration.revokeApiKey(who(actor, request), params.id),
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/integration/grants',
    operationId: 'integrationListGrants',
    summary: 'Grants on the caller’s agency data and of its clients',
    tag: 'Integration',
    auth: 'user',
    response: z.object({ items: z.array(grantView) }),
    handler: async ({ actor }) => ({ items: await integration.listGrants(actor) }),
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/integration/grants',
    operationId: 'integrationGrant',
    summary: 'Grant a client one scope on the owner agency’s data until a date (personal data: name the data-sharing agreement)',
    tag: 'Integration',
    auth: 'user',
    body: z.object({
      clientId: z.string(),
      ownerAgencyId: z.string(),
      scope: z.string(),
      serviceId: z.string().nullable().optional(),
      agreementId: z.string().nullable().optional(),
      expiresAt: z.iso.datetime({ offset: true }),
    }),
    response: grantView,
    handler: async ({ actor, body, request }) => integration.grant(who(actor, request), { ...body, expiresAt: new Date(body.expiresAt) }),
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/integration/grants/:id/revoke',
    operationId: 'integrationRevokeGrant',
    summary: 'Revoke a grant',
    tag: 'Integration',
    auth: 'user',
    status: 200,
    params: idParams,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ actor, params, request }) => {
      await integration.revokeGrant(who(actor, request), params.id);
      return { ok: true as const };
    },
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/integration/exchanges',
    operationId: 'integrationExchangeLog',
    summary: 'The exchange log (hashes only), newest first, with whether each entry is sealed in the audit chain',
    tag: 'Integration',
    auth: 'user',
    query: z.object({ clientId: z.guid().optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }),
    response: z.object({
      items: z.array(
        z.object({
          id: z.number(),
          occurredAt: z.date().transform((d) => d.toISOString()),
          clientId: z.string(),
          requestId: z.string().nullable(),
          operation: z.string(),
          grantId: z.string().nullable(),
          status: z.number(),
          requestHash: z.string(),
          responseHash: z.string(),
          durationMs: z.number(),
          bytes: z.number(),
          sealed: z.boolean(),
        }),
      ),
    }),
    handler: async ({ actor, query }) => ({ items: await integration.exchanges(actor, query) }),
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/integration/exchanges/export',
    operationId: 'integrationExchangeExport',
    summary: 'Export exchange entries with their proof: full entries, the seals from the first one to the head, signed checkpoints and public keys',
    description:
      'Verify offline: recompute each event digest (SHA-256 of "simpul-audit-event-v1", NUL, canonical JSON of the entry) and compare it with its seal; ' +
      'recompute every chain hash from the one before (SHA-256 of "simpul-audit-chain-v1", previous, seq, event id, digest, NUL-separated); ' +
      'check that a checkpoint signed with a published Ed25519 key names a chain hash of the list.',
    tag: 'Integration',
    auth: 'user',
    query: z.object({ clientId: z.guid().optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }),
    response: z.object({
      events: z.array(z.record(z.string(), z.unknown())),
      seals: z.array(z.object({ seq: z.number(), eventId: z.number(), eventDigest: z.string(), chainHash: z.string() })),
      checkpoints: z.array(z.object({ seq: z.number(), chainHash: z.string(), signedAt: z.string(), keyId: z.string(), signature: z.string() })),
      publicKeys: z.array(z.object({ keyId: z.string(), publicKeyPem: z.string() })),
    }),
    handler: async ({ actor, query }) => {
      const proof = await integration.exportProof(actor, query);
      const first = proof.seals[0]?.seq ?? Number.MAX_SAFE_INTEGER;
      const checkpoints = (await deps.chain.checkpoints(1000)).filter((c) => c.seq >= first);
      return { ...proof, checkpoints, publicKeys: deps.chain.publicKeys() };
    },
  });

  const webhookView = z.object({ id: z.string(), agencyId: z.string(), sourceAgencyId: z.string(), url: z.string(), events: z.array(z.string()), active: z.boolean(), rotating: z.boolean(), createdAt: z.date().transform((d) => d.toISOString()) });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/integration/webhooks',
    operationId: 'integrationCreateWebhook',
    summary: 'Register a webhook of an agency system; the signing secret is shown once',
    description:
      'Subscriptions follow the agency’s grants: its own agency’s application, bill and document events are allowed; another agency’s events ' +
      '(sourceAgencyId) need a live grant of the event’s scope from that agency to one of the agency’s clients, and events that may carry personal ' +
      'data (complaints) a grant backed by a data-sharing agreement. Refused events are named (422). A delivery the grants no longer allow is kept as blocked.',
    tag: 'Integration',
    auth: 'user',
    body: z.object({ agencyId: z.string(), sourceAgencyId: z.string().optional(), url: z.string(), events: z.array(z.enum(webhookEvents)).min(1) }),
    response: z.object({ webhook: webhookView, secret: z.string() }),
    handler: async ({ actor, body, request }) => webhooks.create(who(actor, request), body),
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/integration/webhooks/deliveries',
    operationId: 'integrationWebhookDeliveries',
    summary: 'Delivery history of the caller’s webhooks',
    tag: 'Integration',
    auth: 'user',
    query: z.object({ webhookId: z.guid().optional() }),
    response: z.object({
      items: z.array(
        z.object({
          id: z.string(),
          webhookId: z.string(),
          eventId: z.string(),
          eventType: z.string(),
          status: z.enum(['pending', 'delivered', 'failed', 'blocked']),
          attempts: z.number(),
          lastStatus: z.number().nullable(),
          lastError: z.string().nullable(),
          createdAt: z.date().transform((d) => d.toISOString()),
          deliveredAt: z.date().nullable().transform((d) => d?.toISOString() ?? null),
        }),
      ),
    }),
    handler: async ({ actor, query }) => ({ items: await webhooks.deliveries(actor, query.webhookId) }),
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/integration/webhooks/deliveries/:id/replay',
    operationId: 'integrationReplayDelivery',
    summary: 'Send a webhook delivery again (same event id)',
    tag: 'Integration',
    auth: 'user',
    status: 200,
    params: idParams,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ actor, params, request }) => {
      await webhooks.replay(who(actor, request), params.id);
      return { ok: true as const };
    },
  });
}

/** Bearer tokens the hub authenticates itself (context.ts leaves them alone). */
export const isHubToken = (token: string) => token.startsWith(TOKEN_PREFIX);

export type { FastifyReply };
