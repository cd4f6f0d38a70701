// Operational endpoints: liveness/readiness, Prometheus metrics, language switch.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Deps } from '../../app.ts';
import { LANG_COOKIE, langCookieOptions } from '../../platform/http/context.ts';
import { isLocale } from '../../platform/views/i18n.ts';

/** Only local paths are allowed as return addresses (no open redirects). */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value.slice(0, 1000);
}

export function registerSystemRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/health', async (_request, reply) => {
    const started = Date.now();
    try {
      await sql`select 1`.execute(deps.database.db);
      return reply.send({ status: 'ok', database: { engine: deps.database.engine, ready: true, latencyMs: Date.now() - started } });
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: { engine: deps.database.engine, ready: false } });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    const queue = await deps.database.db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const lines = queue.map((q) => `simpul_jobs{status="${q.status}"} ${q.n}`);
    const body = `${await deps.metrics.registry.metrics()}\n# HELP simpul_jobs Jobs in the queue by status\n# TYPE simpul_jobs gauge\n${lines.join('\n')}\n`;
    return reply.type(deps.metrics.registry.contentType).send(body);
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
}
