// JSON API of notifications (tag 'notifications'): a signed-in user's in-app list and marking
// it read, and two webhooks for SMS/WhatsApp gateways — delivery reports and inbound SMS.
//
// The webhooks carry no session: they are checked before anything is parsed into action.
// Delivery reports: the shared token DELIVERY_REPORT_TOKEN in `X-Simpul-Token`. Inbound SMS:
// `X-Simpul-Token` equal to SMS_INBOUND_TOKEN, or `X-Simpul-Signature: sha256=<hex>` the
// HMAC-SHA256 of the raw body with SMS_INBOUND_SECRET. Without configuration they refuse
// everything (401). Comparisons are timing-safe.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { NotificationsDeps as Deps } from './notifications.deps.ts';
import { errors } from '../../platform/http/errors.ts';

export const INBOUND_SMS_URL = '/api/v1/sms/inbound';
export const DELIVERY_REPORTS_URL = '/api/v1/notifications/delivery-reports';
export { SIGNATURE_HEADER, TOKEN_HEADER, safeEqual, signBody } from '../../platform/http/webhook-signature.ts';
import { SIGNATURE_HEADER, TOKEN_HEADER, safeEqual, signBody } from '../../platform/http/webhook-signature.ts';

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return typeof v === 'string' && v.length <= 512 ? v.trim() : undefined;
}


declare module 'fastify' {
  interface FastifyRequest {
    /** The request body as received (webhooks only). */
    rawBody?: Buffer;
  }
}

const notificationSchema = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    event: z.string().meta({ description: 'submitted, claimed, sent_back, resubmitted, approved, rejected or overdue' }),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().meta({ description: "Local path of the application's page" }),
    applicationId: z.string().nullable(),
    read: z.boolean(),
    createdAt: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'Notification' });

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'validation.invalid');

export function registerNotificationsApi(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;
  const n = deps.notifications;

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/notifications',
    operationId: 'listMyNotifications',
    summary: "The signed-in user's in-app notifications, newest first",
    tag: 'notifications',
    auth: 'user',
    query: z.object({
      before: uuid.optional().meta({ description: 'Cursor: the id of the last notification of the previous page' }),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
    response: z.object({ items: z.array(notificationSchema), unread: z.number().int(), next: z.string().nullable() }),
    handler: async ({ actor, query }) => {
      const r = await n.listForUser(db, actor!.userId, { before: query.before, limit: query.limit });
      return { items: r.items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })), unread: r.unread, next: r.next };
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/notifications/read',
    operationId: 'markMyNotificationsRead',
    summary: 'Marks notifications read: the given ids, or all of them when `ids` is left out',
    tag: 'notifications',
    auth: 'user',
    status: 200,
    body: z.object({ ids: z.array(uuid).max(100).optional() }),
    response: z.object({ marked: z.number().int(), unread: z.number().int() }),
    handler: async ({ actor, body }) => {
      const marked = await n.markRead(db, actor!.userId, body.ids);
      const { unread } = await n.listForUser(db, actor!.userId, { limit: 1 });
      return { marked, unread };
    },
  });

  // Webhooks: their own scope keeps the raw body (for the signature) and accepts JSON and
  // form-encoded bodies.
  app.register(async (scope) => {
    scope.removeContentTypeParser(['application/json', 'application/x-www-form-urlencoded']);
    scope.addContentTypeParser(['application/json', 'application/x-www-form-urlencoded'], { parseAs: 'buffer' }, (request, body, done) => {
      const raw = body as Buffer;
      request.rawBody = raw;
      const textBody = raw.toString('utf8');
      const type = String(request.headers['content-type'] ?? '');
      if (type.startsWith('application/x-www-form-urlencoded')) return done(null, Object.fromEntries(new URLSearchParams(textBody)));
      if (!textBody.trim()) return done(null, {});
      try {
        done(null, JSON.parse(textBody));
      } catch {
        done(errors.badRequest(), undefined);
      }
    });

    scope.addHook('preHandler', async (request) => {
      const url = request.routeOptions.url;
      const token = header(request, TOKEN_HEADER);
      if (url === DELIVERY_REPORTS_URL) {
        const expected = deps.config.deliveryReportToken;
        if (!expected || !token || !safeEqual(token, expected)) throw errors.unauthenticated();
        return;
      }
      if (url === INBOUND_SMS_URL) {
        const { token: expected, secret } = deps.config.smsInbound;
        if (expected && token && safeEqual(token, expected)) return;
        const signature = header(request, SIGNATURE_HEADER);
        if (secret && signature && safeEqual(signature.toLowerCase(), signBody(secret, request.rawBody ?? Buffer.alloc(0)))) return;
        throw errors.unauthenticated();
      }
    });

    deps.api.route(scope, {
      method: 'POST',
      url: DELIVERY_REPORTS_URL,
      operationId: 'reportMessageDelivery',
      summary: 'Gateway callback: a message was delivered or failed',
      description: `For SMS/WhatsApp gateways. Send the shared token DELIVERY_REPORT_TOKEN in the \`X-Simpul-Token\` header. Identify the message by Simpul's id or by the id the gateway returned when it accepted the message. JSON or form-encoded.`,
      tag: 'notifications',
      auth: 'public',
      status: 200,
      body: z.object({
        messageId: uuid.optional(),
        providerId: z.string().min(1).max(200).optional(),
        status: z.enum(['delivered', 'failed']),
        reason: z.string().max(500).optional().meta({ description: 'Why delivery failed' }),
      }),
      response: z.object({ ok: z.literal(true), status: z.enum(['delivered', 'failed']) }),
      handler: async ({ body }) => {
        if (!body.messageId && !body.providerId) throw errors.validation([{ field: 'messageId', key: 'validation.required' }]);
        const found = await n.applyDeliveryReport(db, body);
        if (!found) throw errors.notFound();
        return { ok: true as const, status: body.status };
      },
    });

    deps.api.route(scope, {
      method: 'POST',
      url: INBOUND_SMS_URL,
      operationId: 'receiveInboundSms',
      summary: 'Gateway webhook: an SMS arrived (CEK <tracking number> answers with the status)',
      description:
        'Authenticated by `X-Simpul-Token` (SMS_INBOUND_TOKEN) or `X-Simpul-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw body with SMS_INBOUND_SECRET. JSON or form-encoded `{from, text}`. The reply is sent by SMS through the outbox; a status is given only to the phone number registered with the application.',
      tag: 'notifications',
      auth: 'public',
      status: 200,
      body: z.object({
        from: z.string().trim().min(3).max(32).meta({ description: "Sender's number (08…, 628… or +628…)" }),
        text: z.string().max(1000),
      }),
      response: z.object({ received: z.literal(true), command: z.string().nullable() }),
      handler: async ({ body }) => {
        const r = await db.transaction().execute((trx) => n.handleInboundSms(trx, body));
        return { received: true as const, command: r.command };
      },
    });
  });
}
