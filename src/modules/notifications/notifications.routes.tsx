// Pages: the in-app notification list of any signed-in user (/notifikasi) and the super
// admins' template editor (/kelola/sistem/templat-pesan). The JSON API and the gateway
// webhooks are in notifications.api.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { NotificationsDeps as Deps } from './notifications.deps.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { formStateFrom, type ViewContext } from '../../platform/views/context.ts';
import { isLocale } from '../../platform/views/i18n.ts';
import { isNotificationEvent, isTemplateChannel, type TemplateKey } from './notifications.templates.ts';
import { NOTIFICATIONS_PATH, NotificationsPage, TEMPLATES_PATH, TemplateEditPage, TemplatesPage, templatePath } from './notifications.views.tsx';
import { registerNotificationsApi } from './notifications.api.ts';
import './notifications.policy.ts';

defineMenuLink({ href: TEMPLATES_PATH, labelKey: 'notifications.templates.menu', action: 'notifications.templates.read', area: 'content', order: 93 });

function keyOf(params: { event: string; channel: string; locale: string }): TemplateKey {
  const { event, channel, locale } = params;
  if (!isNotificationEvent(event) || !isTemplateChannel(channel) || !isLocale(locale)) throw errors.notFound();
  return { event, channel, locale };
}

function text(body: unknown, k: string, max = 10_000): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[k] : undefined;
  return typeof v === 'string' ? v.slice(0, max) : '';
}

export function registerNotificationRoutes(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;
  const n = deps.notifications;
  const page = async (request: FastifyRequest, reply: FastifyReply, render: (ctx: ViewContext) => VNode, status = 200) =>
    reply.page(render(await app.viewContext(request, reply)), status);

  app.get<{ Querystring: Record<string, unknown> }>(NOTIFICATIONS_PATH, async (request, reply) => {
    if (!request.actor) throw errors.unauthenticated();
    const before = typeof request.query.sebelum === 'string' ? request.query.sebelum : undefined;
    const list = await n.listForUser(db, request.actor.userId, { before });
    const read = request.query.pesan === 'dibaca';
    return page(request, reply, (ctx) => (
      <NotificationsPage ctx={ctx} items={list.items} unread={list.unread} next={list.next} paged={before !== undefined} notice={read ? ctx.t('notifications.notice.read') : undefined} />
    ));
  });

  app.post(`${NOTIFICATIONS_PATH}/baca`, async (request, reply) => {
    if (!request.actor) throw errors.unauthenticated();
    await n.markRead(db, request.actor.userId);
    return reply.redirect(`${NOTIFICATIONS_PATH}?pesan=dibaca`, 303);
  });

  app.get(TEMPLATES_PATH, async (request, reply) => {
    authorize(request.actor, 'notifications.templates.read');
    const items = await n.currentTemplates(db);
    return page(request, reply, (ctx) => <TemplatesPage ctx={ctx} items={items} />);
  });

  type KeyParams = { Params: { event: string; channel: string; locale: string }; Querystring: Record<string, unknown> };

  app.get<KeyParams>(`${TEMPLATES_PATH}/:event/:channel/:locale`, async (request, reply) => {
    authorize(request.actor, 'notifications.templates.read');
    const k = keyOf(request.params);
    const history = await n.templateHistory(db, k);
    const current = history.find((v) => v.current) ?? history[0];
    if (!current) throw errors.notFound();
    const saved = request.query.pesan === 'disimpan';
    return page(request, reply, (ctx) => (
      <TemplateEditPage
        ctx={ctx}
        k={k}
        current={current}
        history={history}
        form={{ values: { subject: current.subject, body: current.body, base_version: String(current.version) }, errors: [] }}
        notice={saved ? ctx.t('notifications.templates.notice.saved', { version: current.version }) : undefined}
      />
    ));
  });

  app.post<KeyParams>(`${TEMPLATES_PATH}/:event/:channel/:locale`, async (request, reply) => {
    authorize(request.actor, 'notifications.templates.write');
    const k = keyOf(request.params);
    const subject = text(request.body, 'subject', 1000);
    const body = text(request.body, 'body');
    const base = text(request.body, 'base_version', 12);
    const baseVersion = /^\d{1,9}$/.test(base) ? Number(base) : undefined;
    try {
      await db.transaction().execute((trx) => n.saveTemplate(trx, { actor: request.actor!, meta: request.meta }, k, { subject, body, baseVersion }));
      return reply.redirect(`${templatePath(k)}?pesan=disimpan`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.status !== 422 && e.status !== 409)) throw e;
      const history = await n.templateHistory(db, k);
      const current = history.find((v) => v.current) ?? history[0]!;
      const form = formStateFrom({ subject, body, base_version: e.status === 409 ? String(current.version) : base }, e.fields ?? [{ field: 'body', key: e.messageKey }]);
      return page(request, reply, (ctx) => <TemplateEditPage ctx={ctx} k={k} current={current} history={history} form={form} />, e.status);
    }
  });

  registerNotificationsApi(app, deps);
}
