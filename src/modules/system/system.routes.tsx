// Operational endpoints and pages: liveness (/health) and readiness (/ready, see health.ts), Prometheus metrics
// (/metrics), a bare JSON ping (/api/v1/ping), the language switch, and the super admins'
// views of the job queue (/kelola/sistem/antrian) and the message outbox
// (/kelola/sistem/kotak-keluar).
import { registerAreaApi } from './areas.api.ts';
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SystemDeps as Deps } from './system.deps.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { errors } from '../../platform/http/errors.ts';
import { LANG_COOKIE, langCookieOptions } from '../../platform/http/context.ts';
import { jobStatuses, type JobStatusName } from '../../platform/jobs/queue.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { isLocale, t } from '../../platform/views/i18n.ts';
import { eventDeliveryCounts, liveness, oldestDueJobSeconds, readiness, type Readiness } from './health.ts';
import { jobCounts, jobNames, listJobs, listMessages, messageStatuses, readMessage, retryJob, type MessageStatus } from './system.service.ts';
import { MessagePage, OUTBOX_PATH, OutboxPage, QUEUE_PATH, QueuePage } from './system.views.tsx';
import './system.policy.ts';
import { safeReturnPath } from '../../platform/http/return-path.ts';

defineMenuLink({ href: QUEUE_PATH, labelKey: 'system.menu.queue', action: 'system.queue.read', area: 'system', order: 90 });
defineMenuLink({ href: OUTBOX_PATH, labelKey: 'system.menu.outbox', action: 'system.outbox.read', area: 'system', order: 91 });

/** Kept for callers that imported it from here; the rule lives in the platform. */
export { safeReturnPath };

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may read /metrics: with METRICS_TOKEN, whoever presents it as the HTTP Basic password
 * (Prometheus `basic_auth`); without it, outside production, direct requests from this
 * machine only (not through a proxy, whose clients could be anyone); in production without a
 * token, nobody.
 */
export function metricsAccess(request: FastifyRequest, token: string | undefined, isProduction: boolean): 'ok' | 'unauthorized' | 'forbidden' | 'disabled' {
  if (token) {
    const auth = request.headers.authorization ?? '';
    const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(auth);
    if (!m) return 'unauthorized';
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    const a = crypto.createHash('sha256').update(password).digest();
    const b = crypto.createHash('sha256').update(token).digest();
    return crypto.timingSafeEqual(a, b) ? 'ok' : 'unauthorized';
  }
  if (isProduction) return 'disabled';
  const h = request.headers;
  const proxied = h['x-forwarded-for'] !== undefined || h.forwarded !== undefined || h['x-real-ip'] !== undefined;
  return loopback.has(request.socket.remoteAddress ?? '') && !proxied ? 'ok' : 'forbidden';
}

function one(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= 254 ? v : undefined;
}

export function registerSystemRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/health', async (_request, reply) => reply.header('cache-control', 'no-store').send(liveness(deps)));

  // One probe at a time, its answer reused for a second: probes from many balancers (or a
  // flood of requests) do not multiply the database queries and storage writes.
  // The second counts from when the probe finished; only the request that started it moves it.
  let lastReady: { at: number; result: Promise<Readiness> } | null = null;
  app.get('/ready', async (_request, reply) => {
    let mine: { at: number; result: Promise<Readiness> } | null = null;
    if (!lastReady || Date.now() - lastReady.at > 1000) lastReady = mine = { at: Date.now(), result: readiness(deps) };
    const { result } = lastReady;
    const ready = await result;
    if (mine && lastReady === mine) lastReady = { at: Date.now(), result };
    return reply
      .code(ready.status === 'ok' ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(ready);
  });

  app.get('/metrics', async (request, reply) => {
    const access = metricsAccess(request, deps.config.metricsToken, deps.config.isProduction);
    if (access === 'disabled') throw errors.notFound();
    if (access === 'unauthorized') {
      // Answered here: the shared error handler would send a browser to the sign-in page.
      return reply
        .code(401)
        .header('www-authenticate', 'Basic realm="simpul-metrics", charset="UTF-8"')
        .type('application/json; charset=utf-8')
        .send({ error: { code: 'unauthenticated', message: t(request.locale, 'error.unauthenticated') } });
    }
    if (access === 'forbidden') throw errors.forbidden();
    const { metrics, database, jobs } = deps;
    try {
      const rows = await database.db
        .selectFrom('jobs')
        .select(['name', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', '<>', 'done')
        .groupBy(['name', 'status'])
        .execute();
      const oldest = await oldestDueJobSeconds(database.db);
      const deliveries = await eventDeliveryCounts(database.db);
      metrics.jobs.reset();
      for (const name of jobs.handlerNames()) for (const status of jobStatuses) if (status !== 'done') metrics.jobs.labels(name, status).set(0);
      for (const r of rows) metrics.jobs.labels(r.name, r.status).set(Number(r.n));
      metrics.jobsOldestDue.set(oldest);
      for (const [status, n] of Object.entries(deliveries)) metrics.eventDeliveries.labels(status).set(n);
      metrics.databaseUp.set(1);
    } catch (err) {
      request.log.warn({ err }, 'metrics: database unavailable');
      metrics.databaseUp.set(0);
    }
    return reply.header('cache-control', 'no-store').type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/ping',
    operationId: 'ping',
    summary: 'Checks that the API answers (no sign-in, no database)',
    tag: 'system',
    auth: 'public',
    response: z.object({ status: z.literal('ok'), time: z.string().meta({ description: 'Server time, ISO 8601 (UTC)' }) }),
    handler: async () => ({ status: 'ok' as const, time: new Date().toISOString() }),
  });

  // Language switch: a plain link works without JavaScript; the choice is remembered in a
  // cookie and, for a signed-in user, in the account.
  app.get<{ Params: { locale: string }; Querystring: { kembali?: string } }>('/bahasa/:locale', async (request, reply) => {
    const { locale } = request.params;
    if (!isLocale(locale)) return reply.redirect('/', 303);
    reply.setCookie(LANG_COOKIE, locale, langCookieOptions(deps.config.cookieSecure));
    if (request.actor) await deps.identity.setLocale(request.actor.userId, locale);
    return reply.redirect(safeReturnPath(request.query.kembali), 303);
  });

  registerSystemBackoffice(app, deps);
  registerAreaApi(app, deps);
}

type Query = Record<string, unknown>;

function registerSystemBackoffice(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;
  const who = (request: FastifyRequest) => ({ actor: request.actor!, meta: request.meta });
  const page = async (request: FastifyRequest, reply: FastifyReply, render: (ctx: Awaited<ReturnType<FastifyInstance['viewContext']>>) => preact.VNode) =>
    reply.page(render(await app.viewContext(request, reply)));

  app.get<{ Querystring: Query }>(QUEUE_PATH, async (request, reply) => {
    authorize(request.actor, 'system.queue.read');
    const q = request.query;
    const status = jobStatuses.includes(q.status as JobStatusName) ? (q.status as JobStatusName) : undefined;
    const name = one(q.nama);
    const before = typeof q.sebelum === 'string' && /^\d{1,15}$/.test(q.sebelum) ? Number(q.sebelum) : undefined;
    const [counts, names, list] = await Promise.all([jobCounts(db), jobNames(db), listJobs(db, { status, name, before })]);
    const id = typeof q.tugas === 'string' && /^\d{1,15}$/.test(q.tugas) ? q.tugas : '';
    const pesan = q.pesan === 'diulang' || q.pesan === 'tidak-diulang' ? q.pesan : undefined;
    return page(request, reply, (ctx) => (
      <QueuePage
        ctx={ctx}
        counts={counts}
        names={names}
        status={status}
        name={name}
        items={list.items}
        next={list.next}
        paged={before !== undefined}
        canRetry={can(request.actor, 'system.queue.retry')}
        notice={pesan ? { text: ctx.t(pesan === 'diulang' ? 'system.queue.notice.retried' : 'system.queue.notice.not_retried', { id }), warn: pesan !== 'diulang' } : undefined}
      />
    ));
  });

  app.post<{ Params: { id: string } }>(`${QUEUE_PATH}/:id/ulang`, async (request, reply) => {
    authorize(request.actor, 'system.queue.retry');
    if (!/^\d{1,15}$/.test(request.params.id)) throw errors.notFound();
    const id = Number(request.params.id);
    const retried = await db.transaction().execute((trx) => retryJob(trx, deps.jobs, who(request), id));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const back = safeReturnPath(body.kembali, QUEUE_PATH);
    const target = back.startsWith(QUEUE_PATH) ? back : QUEUE_PATH;
    const sep = target.includes('?') ? '&' : '?';
    return reply.redirect(`${target}${sep}pesan=${retried ? 'diulang' : 'tidak-diulang'}&tugas=${id}`, 303);
  });

  app.get<{ Querystring: Query }>(OUTBOX_PATH, async (request, reply) => {
    authorize(request.actor, 'system.outbox.read');
    const q = request.query;
    const status = messageStatuses.includes(q.status as MessageStatus) ? (q.status as MessageStatus) : undefined;
    const recipient = one(q.penerima);
    const after = one(q.setelah);
    const list = await listMessages(db, { status, recipient, after });
    return page(request, reply, (ctx) => (
      <OutboxPage ctx={ctx} transport={deps.mailer.transport.name} status={status} recipient={recipient} items={list.items} next={list.next} paged={after !== undefined} />
    ));
  });

  app.get<{ Params: { id: string } }>(`${OUTBOX_PATH}/:id`, async (request, reply) => {
    authorize(request.actor, 'system.outbox.read');
    const m = await readMessage(db, who(request), request.params.id, deps.mailer.transport.name);
    if (!m) throw errors.notFound();
    return page(request, reply, (ctx) => <MessagePage ctx={ctx} m={m} />);
  });
}
