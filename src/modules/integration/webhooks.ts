// Outgoing webhooks of the integration hub (I-2, I-3): agencies register URLs of their systems
// for domain events about their own services. Each delivery is signed Stripe-style over the raw
// body with the timestamp inside the MAC: `Simpul-Signature: t=<unix>,v1=<hex>[,v1=<hex>]`
// (HMAC-SHA256 of `<t>.<body>`; during a secret rotation one v1 per valid secret). Receivers
// refuse signatures older than the 300 s window. Deliveries run as typed jobs with back-off;
// every attempt is kept in the delivery log.
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { agenciesFor, authorize } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { decryptSecret, encryptSecret, randomToken } from '../../platform/crypto.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import { errors, type FieldError } from '../../platform/http/errors.ts';
import { defineJob, PermanentJobError, type JobQueue } from '../../platform/jobs/queue.ts';
import type { Logger } from '../../platform/log.ts';
import { hubDb, hubScopes, platformDb, type HubDb, type HubScope, type HubTrx } from './integration.service.ts';

export const SIGNATURE_HEADER = 'simpul-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 300;
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** Events agencies can subscribe to (no personal data in their payloads). */
export const webhookEvents = ['application.submitted', 'application.approved', 'application.rejected', 'bill.paid', 'document.issued', 'complaint.received', 'complaint.updated'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/**
 * Which grant scope an event type needs, by the prefix of its type: a new event type
 * (`complaint.received`, …) slots in by its prefix, without a change here. An event type whose
 * prefix is not listed is refused (fail closed).
 */
export const webhookEventScopes: Record<string, HubScope> = {
  'application.': 'applications:read',
  'bill.': 'bills:read',
  'document.': 'documents:read',
  'complaint.': 'complaints:read',
};

export function webhookEventScope(type: string): HubScope | null {
  const prefix = Object.keys(webhookEventScopes).find((p) => type.startsWith(p));
  return prefix ? webhookEventScopes[prefix]! : null;
}

/**
 * Whether `subscriberAgencyId` may receive events of `type` about `sourceAgencyId`'s data.
 * Its own agency's events without personal data: yes. Another agency's events, or events with
 * personal data: only while an active live client of the subscriber holds a grant of the
 * event's scope from the source agency (not revoked, not expired), and for personal data a
 * grant naming a data-sharing agreement (it expires with the agreement). Returns the grant
 * that allows it, 'own' or null (denied).
 */
export async function webhookAllowed(db: HubDb | HubTrx, subscriberAgencyId: string, sourceAgencyId: string, type: string, at: Date): Promise<{ grantId: string | null } | null> {
  const scope = webhookEventScope(type);
  if (!scope) return null;
  const personal = hubScopes[scope].personalData;
  if (!personal && subscriberAgencyId === sourceAgencyId) return { grantId: null };
  let q = db
    .selectFrom('integration_grants as g')
    .innerJoin('integration_clients as c', 'c.id', 'g.client_id')
    .select('g.id')
    .where('c.agency_id', '=', subscriberAgencyId)
    .where('c.status', '=', 'active')
    .where('c.kind', '=', 'live')
    .where('g.owner_agency_id', '=', sourceAgencyId)
    .where('g.scope', '=', scope)
    .where('g.revoked_at', 'is', null)
    .where('g.expires_at', '>', at);
  if (personal) q = q.where('g.agreement_id', 'is not', null);
  const g = await q.limit(1).executeTakeFirst();
  return g ? { grantId: g.id } : null;
}

export const webhookDeliveryJob = defineJob('integration.webhook.deliver', z.object({ deliveryId: z.guid() }), {
  // 10 s, 40 s, 2.5 min, 10 min, … capped at one hour.
  retryDelaySeconds: (n) => Math.min(3600, 10 * 4 ** Math.max(0, n - 1)),
});
const MAX_ATTEMPTS = 8;
/** last_error of a delivery the agency's grants do not allow (shown translated on the page). */
export const BLOCKED = 'no grant';

export function signPayload(secret: string, timestamp: number, body: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The signature header for `body` with every secret in `secrets` (the current one first). */
export function signatureHeader(secrets: string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${signPayload(s, timestamp, body)}`)].join(',');
}

/**
 * What a receiver does: true when one v1 signature matches one of `secrets` and the timestamp
 * is within the window (a replay of an old delivery, or a forged one, is refused).
 */
export function verifySignature(header: string | undefined, body: string, secrets: string[], nowSeconds = Math.floor(Date.now() / 1000), tolerance = SIGNATURE_TOLERANCE_SECONDS): boolean {
  if (!header) return false;
  let t: number | null = null;
  const sigs: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.split('=', 2);
    if (k === 't' && v && /^\d+$/.test(v)) t = Number(v);
    else if (k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)) sigs.push(v);
  }
  if (t === null || !sigs.length || Math.abs(nowSeconds - t) > tolerance) return false;
  for (const secret of secrets) {
    const expected = Buffer.from(signPayload(secret, t, body), 'hex');
    if (sigs.some((s) => crypto.timingSafeEqual(Buffer.from(s, 'hex'), expected))) return true;
  }
  return false;
}

export interface WebhookView {
  id: string;
  agencyId: string;
  url: string;
  /** Whose events the hook follows: its own agency's unless another agency granted them. */
  sourceAgencyId: string;
  events: string[];
  active: boolean;
  rotating: boolean;
  createdAt: Date;
}

export interface DeliveryView {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed' | 'blocked';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

type Who = { actor: Actor; meta?: RequestMeta | null };

export interface WebhookOptions {
  database: Database;
  jobs: JobQueue;
  log: Logger;
  encryptionKey: string;
  /** Whether http:// URLs are allowed (development and tests); production wants https. */
  allowHttp: boolean;
  fetch?: typeof fetch;
  now?: () => Date;
}

export function createWebhooks(opts: WebhookOptions) {
  const db = hubDb(opts.database.db);
  const now = opts.now ?? (() => new Date());
  const doFetch = opts.fetch ?? fetch;

  function validUrl(raw: string): boolean {
    try {
      const u = new URL(raw);
      return u.protocol === 'https:' || (opts.allowHttp && u.protocol === 'http:');
    } catch {
      return false;
    }
  }

  const api = {
    events: webhookEvents,

    /**
     * Registers a webhook of the agency for its own events or, with `sourceAgencyId`, for
     * another agency's; every event must be one the agency's grants allow (422 naming the
     * events otherwise). The signing secret is shown once.
     */
    async create(who: Who, input: { agencyId: string; sourceAgencyId?: string | null; url: string; events: string[] }): Promise<{ webhook: WebhookView; secret: string }> {
      const fields: FieldError[] = [];
      if (!validUrl(input.url ?? '')) fields.push({ field: 'url', key: 'hub.error.url' });
      const events = [...new Set(input.events ?? [])];
      if (!events.length || events.some((e) => !(webhookEvents as readonly string[]).includes(e))) fields.push({ field: 'events', key: 'validation.choice' });
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
      if (!uuid.test(input.agencyId ?? '')) fields.push({ field: 'agencyId', key: 'validation.choice' });
      const source = input.sourceAgencyId || input.agencyId;
      if (input.sourceAgencyId && !uuid.test(input.sourceAgencyId)) fields.push({ field: 'sourceAgencyId', key: 'validation.choice' });
      if (fields.length) throw errors.validation(fields);
      authorize(who.actor, 'integration.webhooks.manage', { agencyId: input.agencyId });
      const denied: string[] = [];
      for (const e of events) if (!(await webhookAllowed(db, input.agencyId, source, e, now()))) denied.push(e);
      if (denied.length) throw errors.validation([{ field: 'events', key: 'hub.error.webhook_not_granted', params: { events: denied.join(', ') } }]);
      const secret = WEBHOOK_SECRET_PREFIX + randomToken(32);
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('integration_webhooks')
          .values({
            agency_id: input.agencyId,
            source_agency_id: source === input.agencyId ? null : source,
            url: input.url,
            events: JSON.stringify(events),
            secret_enc: encryptSecret(opts.encryptionKey, secret),
            created_by: who.actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(platformDb(trx), who, { action: 'integration.webhook.created', entityType: 'webhook', entityId: row.id, agencyId: input.agencyId, after: { url: input.url, events, sourceAgencyId: row.source_agency_id } });
        return { webhook: view(row), secret };
      });
    },

    /** A new signing secret; the old one still signs (a second v1) until `overlapSeconds` pass. */
    async rotate(who: Who, id: string, overlapSeconds = 86_400): Promise<{ secret: string }> {
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('integration_webhooks').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        if (!row) throw errors.notFound();
        authorize(who.actor, 'integration.webhooks.manage', { agencyId: row.agency_id });
        const secret = WEBHOOK_SECRET_PREFIX + randomToken(32);
        await trx
          .updateTable('integration_webhooks')
          .set({ secret_enc: encryptSecret(opts.encryptionKey, secret), previous_secret_enc: row.secret_enc, previous_expires_at: new Date(now().getTime() + overlapSeconds * 1000) })
          .where('id', '=', id)
          .execute();
        await recordAudit(platformDb(trx), who, { action: 'integration.webhook.rotated', entityType: 'webhook', entityId: id, agencyId: row.agency_id });
        return { secret };
      });
    },

    async list(actor: Actor | null): Promise<WebhookView[]> {
      authorize(actor, 'integration.clients.read');
      const scope = agenciesFor(actor, 'integration.clients.read');
      let q = db.selectFrom('integration_webhooks').selectAll().orderBy('created_at', 'desc').limit(500);
      if (scope !== 'all') q = q.where('agency_id', 'in', scope.length ? scope : ['00000000-0000-0000-0000-000000000000']);
      return (await q.execute()).map(view);
    },

    async deliveries(actor: Actor | null, webhookId?: string, limit = 100): Promise<DeliveryView[]> {
      authorize(actor, 'integration.clients.read');
      const scope = agenciesFor(actor, 'integration.clients.read');
      let q = db
        .selectFrom('integration_webhook_deliveries as d')
        .innerJoin('integration_webhooks as w', 'w.id', 'd.webhook_id')
        .select(['d.id', 'd.webhook_id', 'd.event_id', 'd.event_type', 'd.status', 'd.attempts', 'd.last_status', 'd.last_error', 'd.created_at', 'd.delivered_at'])
        .orderBy('d.created_at', 'desc')
        .limit(limit);
      if (scope !== 'all') q = q.where('w.agency_id', 'in', scope.length ? scope : ['00000000-0000-0000-0000-000000000000']);
      if (webhookId) q = q.where('d.webhook_id', '=', webhookId);
      return (await q.execute()).map((r) => ({
        id: r.id,
        webhookId: r.webhook_id,
        eventId: r.event_id,
        eventType: r.event_type,
        status: r.status,
        attempts: Number(r.attempts),
        lastStatus: r.last_status,
        lastError: r.last_error,
        createdAt: new Date(r.created_at),
        deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
      }));
    },

    /** Sends a delivery again (manual replay); same event id, so receivers de-duplicate. */
    async replay(who: Who, deliveryId: string): Promise<void> {
      const d = await db
        .selectFrom('integration_webhook_deliveries as d')
        .innerJoin('integration_webhooks as w', 'w.id', 'd.webhook_id')
        .select(['d.id', 'w.agency_id'])
        .where('d.id', '=', deliveryId)
        .executeTakeFirst();
      if (!d) throw errors.notFound();
      authorize(who.actor, 'integration.webhooks.manage', { agencyId: d.agency_id });
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('integration_webhook_deliveries').set({ status: 'pending' }).where('id', '=', deliveryId).execute();
        await opts.jobs.enqueue(platformDb(trx), webhookDeliveryJob, { deliveryId }, { maxAttempts: MAX_ATTEMPTS });
      });
    },

    /**
     * Fans an event of `agencyId` out to the webhooks following that agency's events (its own,
     * and other agencies' hooks it granted), in the caller's transaction: one delivery row and
     * one job each (an event of a rolled-back change reaches no one). A hook the grants no
     * longer allow gets a 'blocked' delivery (kept in its history) and no job. Returns how many
     * deliveries were queued.
     */
    async dispatch(trx: Executor, agencyId: string, type: WebhookEvent, data: Record<string, unknown>): Promise<number> {
      const t = hubDb(trx);
      const hooks = await t
        .selectFrom('integration_webhooks')
        .select(['id', 'agency_id', 'events'])
        .where((eb) => eb.or([eb.and([eb('agency_id', '=', agencyId), eb('source_agency_id', 'is', null)]), eb('source_agency_id', '=', agencyId)]))
        .where('active', '=', true)
        .execute();
      let n = 0;
      const eventId = crypto.randomUUID();
      for (const h of hooks) {
        const events = (typeof h.events === 'string' ? JSON.parse(h.events) : h.events) as string[];
        if (!events.includes(type)) continue;
        const payload = JSON.stringify({ id: eventId, type, created: now().toISOString(), data });
        const allowed = await webhookAllowed(t, h.agency_id, agencyId, type, now());
        const row = await t
          .insertInto('integration_webhook_deliveries')
          .values({ webhook_id: h.id, event_id: eventId, event_type: type, payload, ...(allowed ? {} : { status: 'blocked' as const, last_error: BLOCKED }) })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (!allowed) continue;
        await opts.jobs.enqueue(trx, webhookDeliveryJob, { deliveryId: row.id }, { maxAttempts: MAX_ATTEMPTS });
        n += 1;
      }
      return n;
    },

    /**
     * One attempt: checks that the agency's grants still allow the event (a grant that expired
     * with its agreement blocks it, recorded in the history, no retry), then signs the stored
     * body with the valid secrets and posts it.
     */
    async deliver(deliveryId: string): Promise<'delivered' | 'retry' | 'blocked'> {
      const d = await db
        .selectFrom('integration_webhook_deliveries as d')
        .innerJoin('integration_webhooks as w', 'w.id', 'd.webhook_id')
        .select(['d.id', 'd.payload', 'd.status', 'd.event_id', 'd.event_type', 'w.agency_id', 'w.source_agency_id', 'w.url', 'w.secret_enc', 'w.previous_secret_enc', 'w.previous_expires_at'])
        .where('d.id', '=', deliveryId)
        .executeTakeFirst();
      if (!d) throw new PermanentJobError('delivery not found');
      if (d.status === 'delivered') return 'delivered';
      if (!(await webhookAllowed(db, d.agency_id, d.source_agency_id ?? d.agency_id, d.event_type, now()))) {
        await db.updateTable('integration_webhook_deliveries').set({ status: 'blocked', last_error: BLOCKED, last_status: null }).where('id', '=', deliveryId).execute();
        return 'blocked';
      }
      const secrets = [decryptSecret(opts.encryptionKey, d.secret_enc)];
      if (d.previous_secret_enc && d.previous_expires_at && new Date(d.previous_expires_at) > now()) secrets.push(decryptSecret(opts.encryptionKey, d.previous_secret_enc));
      const ts = Math.floor(now().getTime() / 1000);
      let status: number | null = null;
      let error: string | null = null;
      try {
        const res = await doFetch(d.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(secrets, ts, d.payload), 'simpul-event-id': d.event_id, 'user-agent': 'Simpul-Webhooks/1' },
          body: d.payload,
          redirect: 'manual',
          signal: AbortSignal.timeout(10_000),
        });
        status = res.status;
        await res.body?.cancel().catch(() => undefined);
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
      } catch (err) {
        error = (err as Error).name === 'TimeoutError' ? 'timeout' : 'connection failed';
      }
      const ok = error === null;
      await db
        .updateTable('integration_webhook_deliveries')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), last_status: status, last_error: error, status: ok ? 'delivered' : 'failed', delivered_at: ok ? now() : null }))
        .where('id', '=', deliveryId)
        .execute();
      return ok ? 'delivered' : 'retry';
    },

    registerJobs(jobs: JobQueue): void {
      jobs.register(webhookDeliveryJob, async ({ deliveryId }) => {
        const r = await api.deliver(deliveryId);
        if (r === 'retry') throw new Error('webhook delivery failed; retried with back-off');
      });
    },
  };

  function view(r: { id: string; agency_id: string; source_agency_id: string | null; url: string; events: unknown; active: boolean; previous_expires_at: Date | null; created_at: Date }): WebhookView {
    return {
      id: r.id,
      agencyId: r.agency_id,
      sourceAgencyId: r.source_agency_id ?? r.agency_id,
      url: r.url,
      events: (typeof r.events === 'string' ? JSON.parse(r.events) : r.events) as string[],
      active: r.active,
      rotating: !!r.previous_expires_at && new Date(r.previous_expires_at) > now(),
      createdAt: new Date(r.created_at),
    };
  }

  return api;
}

export type Webhooks = ReturnType<typeof createWebhooks>;
