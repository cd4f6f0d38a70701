// The integration hub (I-1 … I-4): API clients of agency systems and national applications,
// OAuth 2.0 client-credentials tokens, grants (deny by default), idempotency keys and the
// exchange log. The exchange log is not a second chain: every call is an audit event
// (action `integration.exchange`, no personal data, only hashes) that the audit chain
// (platform/audit/seal.ts) hash-links, seals and signs in batches; the hub fails closed when
// sealing lags behind policy.
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { agenciesFor, authorize } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { canonicalJson } from '../../platform/audit/chain.ts';
import { auditEventColumns, auditEventContent } from '../../platform/audit/seal.ts';
import { decryptSecret, encryptSecret, randomToken, sha256Hex } from '../../platform/crypto.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { hitRateLimit } from '../../platform/http/rate-limit.ts';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import { z } from 'zod';
import type { ClientKind, IntegrationTables } from './integration.tables.ts';
import './integration.policy.ts';
import { API_KEY_ID_PREFIX, API_KEY_SECRET_PREFIX, requestSignature, SIGNED_WINDOW_SECONDS, type SignedAuthorization } from './signed-keys.ts';

/** The hub's tables seen next to the platform's (kept in the module, composed here). */
export type HubDb = Kysely<DB & IntegrationTables>;
export type HubTrx = Transaction<DB & IntegrationTables>;
export const hubDb = (db: Executor) => db as unknown as HubDb;
/** The same transaction as the platform's helpers (recordAudit, jobs) take it. */
export const platformDb = (trx: HubDb | HubTrx) => trx as unknown as Executor;

/**
 * The scopes a grant can give. `personalData`: the operation shares personal data, so the
 * grant must name a data-sharing agreement of the governance register and ends with it.
 */
export const hubScopes = {
  'catalog.services:read': { personalData: false, description: 'Read the published services of the owner agency' },
  'applications:read': { personalData: false, description: 'Read the status of applications for the owner agency’s services (no personal data)' },
  'messages:write': { personalData: false, description: 'Send status messages to the owner agency (e.g. a complaint handled elsewhere)' },
  'bills:read': { personalData: false, description: 'Receive payment events of the owner agency’s bills (no personal data)' },
  'documents:read': { personalData: false, description: 'Receive issuance events of the owner agency’s documents (no personal data)' },
  'permits:write': { personalData: true, description: 'Deliver permits issued nationally (OSS RBA, SiCantik) into their holders’ documents (names the holder’s NIK)' },
  'complaints:read': { personalData: false, description: 'Receive events of complaints routed to the owner agency (number, category, state; never the reporter or the text)' },
  'kependudukan.nik:read': { personalData: true, description: 'Verify a NIK against Dukcapil through the hub' },
} as const satisfies Record<string, { personalData: boolean; description: string }>;
export type HubScope = keyof typeof hubScopes;
export const isHubScope = (s: string): s is HubScope => Object.hasOwn(hubScopes, s);

export const clientKinds = ['live', 'sandbox', 'test'] as const;
/** Access tokens live this long (seconds). */
export const TOKEN_TTL_SECONDS = 900;
/** Default overlap of an old secret after rotation. */
export const ROTATION_OVERLAP_SECONDS = 86_400;
/** Idempotency keys are kept at least this long. */
export const IDEMPOTENCY_TTL_SECONDS = 86_400;
export const TOKEN_PREFIX = 'hub_at_';
const SECRET_PREFIX = 'hub_cs_';

export const EXCHANGE_ACTION = 'integration.exchange';
export const hubPruneJob = defineJob('integration.prune', z.object({}));

export interface HubClient {
  id: string;
  agencyId: string;
  name: string;
  kind: ClientKind;
  status: 'pending' | 'active' | 'revoked';
  ratePerMinute: number;
  createdAt: Date;
  approvedAt: Date | null;
  revokedAt: Date | null;
}

export interface HubGrant {
  id: string;
  clientId: string;
  ownerAgencyId: string;
  scope: string;
  serviceId: string | null;
  agreementId: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
}

/** A signed API key as shown in the back office (never its secret). */
export interface HubApiKey {
  id: string;
  clientId: string;
  keyId: string;
  hint: string;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
  state: 'active' | 'expired' | 'revoked';
}

/** Signed API keys live this long unless the admin picks another end. */
export const API_KEY_DEFAULT_DAYS = 365;

export interface ExchangeEntry {
  id: number;
  occurredAt: Date;
  clientId: string;
  clientLabel: string;
  agencyId: string | null;
  requestId: string | null;
  operation: string;
  grantId: string | null;
  status: number;
  requestHash: string;
  responseHash: string;
  durationMs: number;
  bytes: number;
  sealed: boolean;
}

/** A data-sharing agreement as the governance register knows it (looked up by app.ts). */
export interface AgreementRef {
  id: string;
  agencyId: string | null;
  /** Last day valid (YYYY-MM-DD), null: open-ended. */
  validTo: string | null;
}

export interface IntegrationOptions {
  database: Database;
  /** Oldest unsealed exchange entry allowed before the hub refuses calls (503). */
  maxSealLagSeconds: number;
  /** Key of the secrets kept encrypted at rest (signed API keys). */
  encryptionKey: string;
  /** The data-sharing agreement register (governance), as the granting actor may read it. */
  findAgreement?: (actor: Actor, id: string) => Promise<AgreementRef | null>;
  now?: () => Date;
}

type Who = { actor: Actor; meta?: RequestMeta | null };

/** The RFC 6749 §5.2 error of the token endpoint. */
export class OAuthError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope',
    readonly description: string,
    readonly status = error === 'invalid_client' ? 401 : 400,
  ) {
    super(error);
  }
}

export const hubErrors = {
  noGrant: () => new AppError('insufficient_scope', 403, 'hub.error.no_grant'),
  logLagging: () => new AppError('exchange_log_unavailable', 503, 'hub.error.log_lagging'),
  idempotencyMismatch: () => new AppError('idempotency_key_reused', 422, 'hub.error.idempotency_mismatch'),
  idempotencyInProgress: () => new AppError('idempotency_in_progress', 409, 'hub.error.idempotency_in_progress'),
  rateLimited: (seconds: number) => new AppError('rate_limited', 429, 'hub.error.rate_limited', { seconds }),
};

const hashSecret = (s: string) => sha256Hex(s);
const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toClient(r: {
  id: string;
  agency_id: string;
  name: string;
  kind: ClientKind;
  status: 'pending' | 'active' | 'revoked';
  rate_per_minute: number;
  created_at: Date;
  approved_at: Date | null;
  revoked_at: Date | null;
}): HubClient {
  return {
    id: r.id,
    agencyId: r.agency_id,
    name: r.name,
    kind: r.kind,
    status: r.status,
    ratePerMinute: Number(r.rate_per_minute),
    createdAt: new Date(r.created_at),
    approvedAt: r.approved_at ? new Date(r.approved_at) : null,
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
  };
}

function toGrant(r: {
  id: string;
  client_id: string;
  owner_agency_id: string;
  scope: string;
  service_id: string | null;
  agreement_id: string | null;
  expires_at: Date;
  revoked_at: Date | null;
  created_at: Date;
}): HubGrant {
  return {
    id: r.id,
    clientId: r.client_id,
    ownerAgencyId: r.owner_agency_id,
    scope: r.scope,
    serviceId: r.service_id,
    agreementId: r.agreement_id,
    expiresAt: new Date(r.expires_at),
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
    createdAt: new Date(r.created_at),
  };
}

const apiKeyColumns = ['id', 'client_id', 'key_id', 'hint', 'expires_at', 'revoked_at', 'created_at'] as const;

function toApiKey(r: { id: string; client_id: string; key_id: string; hint: string; expires_at: Date; revoked_at: Date | null; created_at: Date }, at = new Date()): HubApiKey {
  const expiresAt = new Date(r.expires_at);
  return {
    id: r.id,
    clientId: r.client_id,
    keyId: r.key_id,
    hint: r.hint,
    expiresAt,
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
    createdAt: new Date(r.created_at),
    state: r.revoked_at ? 'revoked' : expiresAt <= at ? 'expired' : 'active',
  };
}

const clientColumns = ['id', 'agency_id', 'name', 'kind', 'status', 'rate_per_minute', 'created_at', 'approved_at', 'revoked_at'] as const;
const grantColumns = ['id', 'client_id', 'owner_agency_id', 'scope', 'service_id', 'agreement_id', 'expires_at', 'revoked_at', 'created_at'] as const;

export function createIntegration(opts: IntegrationOptions) {
  const db = hubDb(opts.database.db);
  const now = opts.now ?? (() => new Date());
  let sealState: { checkedAt: number; lagging: boolean } | null = null;

  async function newSecret(trx: HubDb | HubTrx, clientId: string): Promise<string> {
    const secret = SECRET_PREFIX + randomToken(32);
    await trx.insertInto('integration_client_secrets').values({ client_id: clientId, secret_hash: hashSecret(secret), hint: secret.slice(-4) }).execute();
    return secret;
  }

  async function clientFor(id: string): Promise<HubClient | null> {
    if (!uuidRe.test(id)) return null;
    const r = await db.selectFrom('integration_clients').select(clientColumns).where('id', '=', id).executeTakeFirst();
    return r ? toClient(r) : null;
  }

  async function clientForUpdate(trx: HubTrx, id: string): Promise<HubClient> {
    if (!uuidRe.test(id)) throw errors.notFound();
    const r = await trx.selectFrom('integration_clients').select(clientColumns).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!r) throw errors.notFound();
    return toClient(r);
  }

  const api = {
    scopes: hubScopes,

    // ---- Clients (I-1) ---------------------------------------------------------------------

    /** Registers a client of the actor's agency, pending approval; the secret is shown once. */
    async registerClient(who: Who, input: { agencyId: string; name: string; kind: string; ratePerMinute?: number }): Promise<{ client: HubClient; clientSecret: string }> {
      const fields: FieldError[] = [];
      const name = input.name?.trim() ?? '';
      if (!name) fields.push({ field: 'name', key: 'validation.required' });
      else if (name.length > 200) fields.push({ field: 'name', key: 'validation.too_long', params: { max: 200 } });
      if (!(clientKinds as readonly string[]).includes(input.kind)) fields.push({ field: 'kind', key: 'validation.choice' });
      const rate = input.ratePerMinute ?? 120;
      if (!Number.isInteger(rate) || rate < 1 || rate > 100_000) fields.push({ field: 'ratePerMinute', key: 'validation.choice' });
      if (!uuidRe.test(input.agencyId ?? '')) fields.push({ field: 'agencyId', key: 'validation.choice' });
      if (fields.length) throw errors.validation(fields);
      authorize(who.actor, 'integration.clients.register', { agencyId: input.agencyId });
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('integration_clients')
          .values({ agency_id: input.agencyId, name, kind: input.kind as ClientKind, rate_per_minute: rate, created_by: who.actor.userId })
          .returning(clientColumns)
          .executeTakeFirstOrThrow();
        const clientSecret = await newSecret(trx, row.id);
        await recordAudit(platformDb(trx), who, { action: 'integration.client.registered', entityType: 'api_client', entityId: row.id, agencyId: row.agency_id, after: { name, kind: input.kind, ratePerMinute: rate } });
        return { client: toClient(row), clientSecret };
      });
    },

    async approveClient(who: Who, id: string): Promise<HubClient> {
      authorize(who.actor, 'integration.clients.approve');
      return db.transaction().execute(async (trx) => {
        const c = await clientForUpdate(trx, id);
        if (c.status !== 'pending') throw errors.conflict('hub.error.not_pending');
        const row = await trx
          .updateTable('integration_clients')
          .set({ status: 'active', approved_by: who.actor.userId, approved_at: now() })
          .where('id', '=', id)
          .returning(clientColumns)
          .executeTakeFirstOrThrow();
        await recordAudit(platformDb(trx), who, { action: 'integration.client.approved', entityType: 'api_client', entityId: id, agencyId: c.agencyId });
        return toClient(row);
      });
    },

    /** Revokes the client: its tokens and secrets stop working at once. */
    async revokeClient(who: Who, id: string): Promise<HubClient> {
      return db.transaction().execute(async (trx) => {
        const c = await clientForUpdate(trx, id);
        authorize(who.actor, 'integration.clients.register', { agencyId: c.agencyId });
        if (c.status === 'revoked') return c;
        const row = await trx.updateTable('integration_clients').set({ status: 'revoked', revoked_at: now() }).where('id', '=', id).returning(clientColumns).executeTakeFirstOrThrow();
        await trx.deleteFrom('integration_tokens').where('client_id', '=', id).execute();
        await recordAudit(platformDb(trx), who, { action: 'integration.client.revoked', entityType: 'api_client', entityId: id, agencyId: c.agencyId });
        return toClient(row);
      });
    },

    /**
     * A new secret; the ones in use stay valid for `overlapSeconds` more (two valid secrets
     * while the agency's system switches), then expire.
     */
    async rotateSecret(who: Who, id: string, overlapSeconds = ROTATION_OVERLAP_SECONDS): Promise<{ clientSecret: string; previousExpiresAt: Date }> {
      return db.transaction().execute(async (trx) => {
        const c = await clientForUpdate(trx, id);
        authorize(who.actor, 'integration.clients.register', { agencyId: c.agencyId });
        if (c.status === 'revoked') throw errors.conflict('hub.error.revoked');
        const until = new Date(now().getTime() + Math.max(0, overlapSeconds) * 1000);
        await trx
          .updateTable('integration_client_secrets')
          .set({ expires_at: until })
          .where('client_id', '=', id)
          .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', until)]))
          .execute();
        const clientSecret = await newSecret(trx, id);
        await recordAudit(platformDb(trx), who, { action: 'integration.client.rotated', entityType: 'api_client', entityId: id, agencyId: c.agencyId, after: { previousExpiresAt: until.toISOString() } });
        return { clientSecret, previousExpiresAt: until };
      });
    },

    async listClients(actor: Actor | null): Promise<HubClient[]> {
      authorize(actor, 'integration.clients.read');
      const scope = agenciesFor(actor, 'integration.clients.read');
      let q = db.selectFrom('integration_clients').select(clientColumns).orderBy('created_at', 'desc').limit(500);
      if (scope !== 'all') q = scope.length ? q.where('agency_id', 'in', scope) : q.where(sql<boolean>`false`);
      return (await q.execute()).map(toClient);
    },

    async getClient(actor: Actor | null, id: string): Promise<HubClient> {
      const c = await clientFor(id);
      if (!c) throw errors.notFound();
      authorize(actor, 'integration.clients.read', { agencyId: c.agencyId });
      return c;
    },

    // ---- Tokens (I-1) ----------------------------------------------------------------------

    /** OAuth 2.0 client credentials (RFC 6749 §4.4): a short-lived bearer token, stored hashed. */
    async issueToken(clientId: string, clientSecret: string): Promise<{ accessToken: string; expiresIn: number; client: HubClient }> {
      const c = await clientFor(clientId);
      const secretRow = c
        ? await db
            .selectFrom('integration_client_secrets')
            .select(['id'])
            .where('client_id', '=', c.id)
            .where('secret_hash', '=', hashSecret(clientSecret))
            .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now())]))
            .executeTakeFirst()
        : undefined;
      if (!c || !secretRow) throw new OAuthError('invalid_client', 'Unknown client or wrong secret.');
      if (c.status !== 'active') throw new OAuthError('invalid_client', c.status === 'pending' ? 'The client awaits approval by the Dinas Kominfo.' : 'The client was revoked.');
      const accessToken = TOKEN_PREFIX + randomToken(32);
      await db
        .insertInto('integration_tokens')
        .values({ token_hash: hashSecret(accessToken), client_id: c.id, expires_at: new Date(now().getTime() + TOKEN_TTL_SECONDS * 1000) })
        .execute();
      return { accessToken, expiresIn: TOKEN_TTL_SECONDS, client: c };
    },

    /** The active client a bearer token belongs to; null when unknown, expired or revoked. */
    async authenticate(token: string): Promise<HubClient | null> {
      if (!token.startsWith(TOKEN_PREFIX)) return null;
      const r = await db
        .selectFrom('integration_tokens as t')
        .innerJoin('integration_clients as c', 'c.id', 't.client_id')
        .select(clientColumns.map((k) => `c.${k}` as const))
        .where('t.token_hash', '=', hashSecret(token))
        .where('t.expires_at', '>', now())
        .where('c.status', '=', 'active')
        .executeTakeFirst();
      return r ? toClient(r) : null;
    },

    async rateLimit(client: HubClient): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
      const r = await hitRateLimit(opts.database.db, `hub:client:${client.id}`, client.ratePerMinute, 60);
      return { allowed: r.allowed, retryAfterSeconds: Math.max(1, Math.ceil((r.resetAt.getTime() - Date.now()) / 1000)) };
    },

    // ---- Signed API keys (I-1) ----------------------------------------------------------------

    /** A signed API key of the client (key id + secret, the secret shown once), until `expiresAt`. */
    async createApiKey(who: Who, clientId: string, input: { expiresAt?: Date | null } = {}): Promise<{ key: HubApiKey; secret: string }> {
      const expiresAt = input.expiresAt ?? new Date(now().getTime() + API_KEY_DEFAULT_DAYS * 86_400_000);
      if (Number.isNaN(expiresAt.getTime()) || expiresAt <= now()) throw errors.validation([{ field: 'expiresAt', key: 'hub.error.expiry_past' }]);
      return db.transaction().execute(async (trx) => {
        const c = await clientForUpdate(trx, clientId);
        authorize(who.actor, 'integration.clients.register', { agencyId: c.agencyId });
        if (c.status === 'revoked') throw errors.conflict('hub.error.revoked');
        const keyId = API_KEY_ID_PREFIX + crypto.randomBytes(10).toString('hex');
        const secret = API_KEY_SECRET_PREFIX + randomToken(32);
        const row = await trx
          .insertInto('integration_api_keys')
          .values({ client_id: c.id, key_id: keyId, secret_enc: encryptSecret(opts.encryptionKey, secret), hint: secret.slice(-4), expires_at: expiresAt, created_by: who.actor.userId })
          .returning(apiKeyColumns)
          .executeTakeFirstOrThrow();
        await recordAudit(platformDb(trx), who, { action: 'integration.key.created', entityType: 'api_client', entityId: c.id, agencyId: c.agencyId, after: { keyId, expiresAt: expiresAt.toISOString() } });
        return { key: toApiKey(row, now()), secret };
      });
    },

    async listApiKeys(actor: Actor | null, clientId?: string): Promise<HubApiKey[]> {
      authorize(actor, 'integration.clients.read');
      const scope = agenciesFor(actor, 'integration.clients.read');
      let q = db.selectFrom('integration_api_keys as k').innerJoin('integration_clients as c', 'c.id', 'k.client_id').select(apiKeyColumns.map((x) => `k.${x}` as const)).orderBy('k.created_at', 'desc').limit(1000);
      if (scope !== 'all') q = scope.length ? q.where('c.agency_id', 'in', scope) : q.where(sql<boolean>`false`);
      if (clientId) q = uuidRe.test(clientId) ? q.where('k.client_id', '=', clientId) : q.where(sql<boolean>`false`);
      return (await q.execute()).map((r) => toApiKey(r, now()));
    },

    /** Revokes one signed key at once (the client's other credentials stay). */
    async revokeApiKey(who: Who, id: string): Promise<HubApiKey> {
      if (!uuidRe.test(id)) throw errors.notFound();
      return db.transaction().execute(async (trx) => {
        const k = await trx.selectFrom('integration_api_keys').select(apiKeyColumns).where('id', '=', id).forUpdate().executeTakeFirst();
        if (!k) throw errors.notFound();
        const c = await clientForUpdate(trx, k.client_id);
        authorize(who.actor, 'integration.clients.register', { agencyId: c.agencyId });
        if (k.revoked_at) return toApiKey(k, now());
        const row = await trx.updateTable('integration_api_keys').set({ revoked_at: now() }).where('id', '=', id).returning(apiKeyColumns).executeTakeFirstOrThrow();
        await recordAudit(platformDb(trx), who, { action: 'integration.key.revoked', entityType: 'api_client', entityId: c.id, agencyId: c.agencyId, after: { keyId: k.key_id } });
        return toApiKey(row, now());
      });
    },

    /**
     * The active client of a signed request; null when the key is unknown, expired or revoked,
     * the client not active, the timestamp outside the window, the signature wrong, or the same
     * signature was accepted before (replay).
     */
    async authenticateSigned(auth: SignedAuthorization, request: { method: string; url: string; bodyHash: string }): Promise<HubClient | null> {
      const t = now();
      if (Math.abs(t.getTime() / 1000 - auth.timestamp) > SIGNED_WINDOW_SECONDS) return null;
      const r = await db
        .selectFrom('integration_api_keys as k')
        .innerJoin('integration_clients as c', 'c.id', 'k.client_id')
        .select([...clientColumns.map((k) => `c.${k}` as const), 'k.secret_enc'])
        .where('k.key_id', '=', auth.keyId)
        .where('k.revoked_at', 'is', null)
        .where('k.expires_at', '>', t)
        .where('c.status', '=', 'active')
        .executeTakeFirst();
      if (!r) return null;
      const expected = Buffer.from(requestSignature(decryptSecret(opts.encryptionKey, r.secret_enc), request.method, request.url, auth.timestamp, auth.nonce, request.bodyHash), 'hex');
      if (!crypto.timingSafeEqual(expected, Buffer.from(auth.signature, 'hex'))) return null;
      const fresh = await db.insertInto('integration_signature_nonces').values({ key_id: auth.keyId, signature: auth.signature }).onConflict((oc) => oc.doNothing()).returning('key_id').executeTakeFirst();
      return fresh ? toClient(r) : null;
    },

    // ---- Grants (I-2) ----------------------------------------------------------------------

    async grant(
      who: Who,
      input: { clientId: string; ownerAgencyId: string; scope: string; serviceId?: string | null; agreementId?: string | null; expiresAt: Date },
    ): Promise<HubGrant> {
      const fields: FieldError[] = [];
      if (!isHubScope(input.scope)) fields.push({ field: 'scope', key: 'validation.choice' });
      if (!uuidRe.test(input.ownerAgencyId ?? '')) fields.push({ field: 'ownerAgencyId', key: 'validation.choice' });
      if (input.serviceId && !uuidRe.test(input.serviceId)) fields.push({ field: 'serviceId', key: 'validation.choice' });
      if (!(input.expiresAt instanceof Date) || Number.isNaN(input.expiresAt.getTime()) || input.expiresAt <= now()) fields.push({ field: 'expiresAt', key: 'hub.error.expiry_past' });
      if (fields.length) throw errors.validation(fields);
      authorize(who.actor, 'integration.grants.manage', { agencyId: input.ownerAgencyId });
      const client = await clientFor(input.clientId);
      if (!client || client.status === 'revoked') throw errors.validation([{ field: 'clientId', key: 'validation.choice' }]);
      let expiresAt = input.expiresAt;
      let agreementId: string | null = null;
      if (hubScopes[input.scope as HubScope].personalData) {
        // Personal data only under a data-sharing agreement of the owner agency; the grant ends with it.
        const agreement = input.agreementId && uuidRe.test(input.agreementId) && opts.findAgreement ? await opts.findAgreement(who.actor, input.agreementId) : null;
        if (!agreement || (agreement.agencyId !== null && agreement.agencyId !== input.ownerAgencyId)) throw errors.validation([{ field: 'agreementId', key: 'hub.error.agreement_required' }]);
        if (agreement.validTo) {
          const end = new Date(`${agreement.validTo}T23:59:59.999+07:00`);
          if (end <= now()) throw errors.validation([{ field: 'agreementId', key: 'hub.error.agreement_expired' }]);
          if (end < expiresAt) expiresAt = end;
        }
        agreementId = agreement.id;
      }
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('integration_grants')
          .values({ client_id: client.id, owner_agency_id: input.ownerAgencyId, scope: input.scope, service_id: input.serviceId || null, agreement_id: agreementId, expires_at: expiresAt, granted_by: who.actor.userId })
          .returning(grantColumns)
          .executeTakeFirstOrThrow();
        await recordAudit(platformDb(trx), who, { action: 'integration.grant.created', entityType: 'api_grant', entityId: row.id, agencyId: input.ownerAgencyId, after: { clientId: client.id, scope: input.scope, serviceId: row.service_id, agreementId, expiresAt: expiresAt.toISOString() } });
        return toGrant(row);
      });
    },

    async revokeGrant(who: Who, id: string): Promise<void> {
      if (!uuidRe.test(id)) throw errors.notFound();
      await db.transaction().execute(async (trx) => {
        const g = await trx.selectFrom('integration_grants').select(grantColumns).where('id', '=', id).forUpdate().executeTakeFirst();
        if (!g) throw errors.notFound();
        authorize(who.actor, 'integration.grants.manage', { agencyId: g.owner_agency_id });
        if (g.revoked_at) return;
        await trx.updateTable('integration_grants').set({ revoked_at: now() }).where('id', '=', id).execute();
        await recordAudit(platformDb(trx), who, { action: 'integration.grant.revoked', entityType: 'api_grant', entityId: id, agencyId: g.owner_agency_id });
      });
    },

    /** Grants the actor may see: those on his agency's data and those of his agency's clients. */
    async listGrants(actor: Actor | null): Promise<HubGrant[]> {
      authorize(actor, 'integration.clients.read');
      const scope = agenciesFor(actor, 'integration.clients.read');
      let q = db.selectFrom('integration_grants as g').innerJoin('integration_clients as c', 'c.id', 'g.client_id').select(grantColumns.map((k) => `g.${k}` as const)).orderBy('g.created_at', 'desc').limit(1000);
      if (scope !== 'all') q = scope.length ? q.where((eb) => eb.or([eb('g.owner_agency_id', 'in', scope), eb('c.agency_id', 'in', scope)])) : q.where(sql<boolean>`false`);
      return (await q.execute()).map(toGrant);
    },

    /** The client's live grants for `scope` (not revoked, not expired); empty: deny. */
    async grantsFor(clientId: string, scope: string): Promise<HubGrant[]> {
      const rows = await db
        .selectFrom('integration_grants')
        .select(grantColumns)
        .where('client_id', '=', clientId)
        .where('scope', '=', scope)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now())
        .execute();
      return rows.map(toGrant);
    },

    // ---- Idempotency (I-3) -----------------------------------------------------------------

    /**
     * Reserves `key` for this request, or tells what happened to it before: the stored answer
     * (same body), a mismatch (other body) or a request still running.
     */
    async beginIdempotent(clientId: string, key: string, requestHash: string): Promise<{ kind: 'new' } | { kind: 'replay'; status: number; body: string } | { kind: 'mismatch' } | { kind: 'in_progress' }> {
      await db
        .deleteFrom('integration_idempotency')
        .where('client_id', '=', clientId)
        .where('key', '=', key)
        .where('created_at', '<', new Date(now().getTime() - IDEMPOTENCY_TTL_SECONDS * 1000))
        .execute();
      const inserted = await db.insertInto('integration_idempotency').values({ client_id: clientId, key, request_hash: requestHash }).onConflict((oc) => oc.doNothing()).returning('key').executeTakeFirst();
      if (inserted) return { kind: 'new' };
      const r = await db.selectFrom('integration_idempotency').select(['request_hash', 'status', 'response_body']).where('client_id', '=', clientId).where('key', '=', key).executeTakeFirst();
      if (!r) return { kind: 'in_progress' };
      if (r.request_hash !== requestHash) return { kind: 'mismatch' };
      if (r.status === null || r.response_body === null) return { kind: 'in_progress' };
      return { kind: 'replay', status: Number(r.status), body: r.response_body };
    },

    /** Stores the first answer (kept for replay), or frees the key when the call failed on our side. */
    async finishIdempotent(clientId: string, key: string, status: number, body: string): Promise<void> {
      if (status >= 500) {
        await db.deleteFrom('integration_idempotency').where('client_id', '=', clientId).where('key', '=', key).where('status', 'is', null).execute();
        return;
      }
      await db.updateTable('integration_idempotency').set({ status, response_body: body }).where('client_id', '=', clientId).where('key', '=', key).where('status', 'is', null).execute();
    },

    // ---- Writes by clients -----------------------------------------------------------------

    /** A message pushed by a client; a test client is validated and answered, nothing stored. */
    async receiveMessage(client: HubClient, ownerAgencyId: string, input: { kind: string; reference: string; body: Record<string, unknown> }): Promise<{ id: string | null; simulated: boolean }> {
      if (client.kind === 'test') return { id: null, simulated: true };
      const row = await db
        .insertInto('integration_inbound_messages')
        .values({ client_id: client.id, agency_id: ownerAgencyId, sandbox: client.kind === 'sandbox', kind: input.kind, reference: input.reference, body: JSON.stringify(input.body) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, simulated: false };
    },

    async countMessages(agencyId: string): Promise<number> {
      const r = await db.selectFrom('integration_inbound_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('agency_id', '=', agencyId).executeTakeFirstOrThrow();
      return Number(r.n);
    },

    // ---- Exchange log (I-3) ----------------------------------------------------------------

    /** One call through the hub, appended to the audit trail the chain seals. Hashes only. */
    async recordExchange(
      meta: RequestMeta,
      e: { client: HubClient; grantId: string | null; operation: string; status: number; requestHash: string; responseHash: string; durationMs: number; bytes: number },
    ): Promise<void> {
      await recordAudit(
        opts.database.db,
        { actor: null, meta, label: `api-client:${e.client.name}`.slice(0, 200) },
        {
          action: EXCHANGE_ACTION,
          entityType: 'api_client',
          entityId: e.client.id,
          agencyId: e.client.agencyId,
          after: { operation: e.operation, grantId: e.grantId, status: e.status, requestHash: e.requestHash, responseHash: e.responseHash, durationMs: e.durationMs, bytes: e.bytes, kind: e.client.kind },
        },
      );
    },

    /**
     * Whether the oldest exchange entry not yet sealed is older than policy: then the hub
     * refuses calls (fail closed) until the sealer catches up. Cached for a second.
     */
    async sealLagging(force = false): Promise<boolean> {
      const t = Date.now();
      if (!force && sealState && t - sealState.checkedAt < 1000) return sealState.lagging;
      const cutoff = new Date(now().getTime() - opts.maxSealLagSeconds * 1000);
      const r = await sql<{ n: number }>`
        select count(*) as n from audit_events e
        where e.action = ${EXCHANGE_ACTION} and e.occurred_at < ${cutoff}
          and e.id > (select coalesce(max(event_id), 0) - 100000 from audit_seals)
          and not exists (select 1 from audit_seals s where s.event_id = e.id)`.execute(opts.database.db);
      const lagging = Number(r.rows[0]?.n ?? 0) > 0;
      sealState = { checkedAt: t, lagging };
      return lagging;
    },

    /** The exchange log the actor may read (owner agency, or all for the Dinas), newest first. */
    async exchanges(actor: Actor | null, filter: { clientId?: string; agencyId?: string; limit?: number } = {}): Promise<ExchangeEntry[]> {
      authorize(actor, 'integration.log.read');
      const scope = agenciesFor(actor, 'integration.log.read');
      let q = opts.database.db
        .selectFrom('audit_events as e')
        .leftJoin('audit_seals as s', 's.event_id', 'e.id')
        .select(['e.id', 'e.occurred_at', 'e.entity_id', 'e.actor_label', 'e.agency_id', 'e.request_id', 'e.after', 's.seq'])
        .where('e.action', '=', EXCHANGE_ACTION)
        .orderBy('e.id', 'desc')
        .limit(Math.min(Math.max(filter.limit ?? 100, 1), 1000));
      if (scope !== 'all') q = scope.length ? q.where('e.agency_id', 'in', scope) : q.where(sql<boolean>`false`);
      if (filter.agencyId) q = q.where('e.agency_id', '=', filter.agencyId);
      if (filter.clientId) q = q.where('e.entity_id', '=', filter.clientId);
      const rows = await q.execute();
      return rows.map((r) => {
        const a = (typeof r.after === 'string' ? JSON.parse(r.after) : r.after) as Record<string, unknown>;
        return {
          id: Number(r.id),
          occurredAt: new Date(r.occurred_at),
          clientId: r.entity_id ?? '',
          clientLabel: r.actor_label,
          agencyId: r.agency_id,
          requestId: r.request_id,
          operation: String(a.operation ?? ''),
          grantId: (a.grantId as string | null) ?? null,
          status: Number(a.status ?? 0),
          requestHash: String(a.requestHash ?? ''),
          responseHash: String(a.responseHash ?? ''),
          durationMs: Number(a.durationMs ?? 0),
          bytes: Number(a.bytes ?? 0),
          sealed: r.seq !== null && r.seq !== undefined,
        };
      });
    },

    /** Removes expired access tokens and idempotency keys older than their 24 hours. */
    async prune(): Promise<void> {
      await db.deleteFrom('integration_tokens').where('expires_at', '<', now()).execute();
      await db.deleteFrom('integration_idempotency').where('created_at', '<', new Date(now().getTime() - IDEMPOTENCY_TTL_SECONDS * 1000)).execute();
      await db.deleteFrom('integration_signature_nonces').where('seen_at', '<', new Date(now().getTime() - 2 * SIGNED_WINDOW_SECONDS * 1000)).execute();
    },

    registerJobs(jobs: JobQueue): void {
      jobs.register(hubPruneJob, () => api.prune());
      jobs.schedule(hubPruneJob, 3600);
    },

    /**
     * The exchange entries the actor may read, with what an outside verifier needs to check
     * them: each entry's full audit content (to recompute its digest), every seal from the
     * first exported entry to the head (digests and chain hashes only, no content), and the
     * signed checkpoints covering them (verify with the published public keys).
     */
    async exportProof(actor: Actor | null, filter: { clientId?: string; limit?: number } = {}) {
      const entries = await api.exchanges(actor, { ...filter, limit: Math.min(filter.limit ?? 500, 1000) });
      const ids = entries.map((e) => e.id);
      const raw = ids.length
        ? await opts.database.db.selectFrom('audit_events').select([...auditEventColumns]).where('id', 'in', ids).orderBy('id').execute()
        : [];
      // The same content the chain's digest covers, with the time as an ISO string for outside verifiers.
      const events = raw.map((r) => ({ ...auditEventContent(r), occurredAt: new Date(r.occurred_at).toISOString() }));
      const own = ids.length ? await opts.database.db.selectFrom('audit_seals').select(['seq']).where('event_id', 'in', ids).orderBy('seq').limit(1).executeTakeFirst() : undefined;
      const seals = own
        ? (await opts.database.db.selectFrom('audit_seals').select(['seq', 'event_id', 'event_digest', 'chain_hash']).where('seq', '>=', Number(own.seq) - 1).orderBy('seq').limit(100_000).execute()).map((x) => ({
            seq: Number(x.seq),
            eventId: Number(x.event_id),
            eventDigest: x.event_digest,
            chainHash: x.chain_hash,
          }))
        : [];
      return { events, seals };
    },
  };
  return api;
}

export type Integration = ReturnType<typeof createIntegration>;

/** SHA-256 of the canonical request (method, path, body): the same bytes on every node. */
export function requestHash(method: string, url: string, body: unknown): string {
  return crypto.createHash('sha256').update(canonicalJson({ method, url, body: body ?? null })).digest('hex');
}
