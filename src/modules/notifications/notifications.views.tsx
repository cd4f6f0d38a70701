// Pages of the notifications module: the in-app list (/notifikasi) and the super admins'
// template editor (/kelola/sistem/templat-pesan).
import { Fragment } from 'preact';
import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { NotificationItem, TemplateView } from './notifications.service.ts';
import { BODY_MAX, channelHasSubject, placeholders, SMS_SEGMENT, SUBJECT_MAX, type TemplateKey } from './notifications.templates.ts';

export const NOTIFICATIONS_PATH = '/notifikasi';
export const TEMPLATES_PATH = '/kelola/sistem/templat-pesan';

export const templatePath = (k: TemplateKey) => `${TEMPLATES_PATH}/${k.event}/${k.channel}/${k.locale}`;

export function NotificationsPage({ ctx, items, unread, next, paged, notice }: { ctx: ViewContext; items: NotificationItem[]; unread: number; next: string | null; paged: boolean; notice?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('notifications.title')}>
      <h1>{t('notifications.title')}</h1>
      <p class="lead">{t('notifications.lead')}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {unread > 0 && (
        <>
          <p>
            <strong>{t('notifications.unread_count', { n: unread })}</strong>
          </p>
          <PostForm ctx={ctx} action={`${NOTIFICATIONS_PATH}/baca`}>
            <button type="submit" class="button secondary">
              {t('notifications.mark_all')}
            </button>
          </PostForm>
        </>
      )}
      {items.length === 0 ? (
        <p>{t('notifications.none')}</p>
      ) : (
        <ul class="notifications">
          {items.map((n) => (
            <li key={n.id} class={n.read ? 'notification' : 'notification unread'}>
              <h2>
                {!n.read && <span class="tag warn">{t('notifications.unread')}</span>} {n.title}
              </h2>
              <p>{n.body}</p>
              <p class="muted">
                <time dateTime={n.createdAt.toISOString()}>{ctx.dateTime(n.createdAt)}</time>
                {n.link && (
                  <>
                    {' · '}
                    <a href={n.link}>{t('notifications.open')}</a>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {(paged || next) && (
        <nav aria-label={t('notifications.pages')}>
          <p>
            {paged && <a href={NOTIFICATIONS_PATH}>{t('notifications.newest')}</a>}
            {paged && next && ' · '}
            {next && (
              <a href={`${NOTIFICATIONS_PATH}?sebelum=${next}`} rel="next">
                {t('notifications.older')}
              </a>
            )}
          </p>
        </nav>
      )}
    </Layout>
  );
}

function Crumbs({ ctx, extra }: { ctx: ViewContext; extra?: boolean }) {
  return (
    <nav aria-label={ctx.t('system.crumbs')}>
      <p>
        <a href="/kelola">{ctx.t('nav.backoffice')}</a>
        {extra && (
          <>
            {' › '}
            <a href={TEMPLATES_PATH}>{ctx.t('notifications.templates.menu')}</a>
          </>
        )}
      </p>
    </nav>
  );
}

const keyLabels = (ctx: ViewContext, k: TemplateKey) => ({
  event: ctx.t(`notifications.event.${k.event}`),
  channel: ctx.t(`notifications.channel.${k.channel}`),
  locale: ctx.t(`notifications.locale.${k.locale}`),
});

export function TemplatesPage({ ctx, items }: { ctx: ViewContext; items: TemplateView[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('notifications.templates.title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('notifications.templates.title')}</h1>
      <p class="lead">{t('notifications.templates.lead')}</p>
      <h2 id="h-templates">{t('notifications.templates.list')}</h2>
      <div class="table-wrap" tabIndex={0}>
        <table aria-labelledby="h-templates">
          <thead>
            <tr>
              <th scope="col">{t('notifications.templates.col.event')}</th>
              <th scope="col">{t('notifications.templates.col.channel')}</th>
              <th scope="col">{t('notifications.templates.col.locale')}</th>
              <th scope="col">{t('notifications.templates.col.version')}</th>
              <th scope="col">{t('notifications.templates.col.updated')}</th>
              <th scope="col">{t('notifications.templates.col.action')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => {
              const l = keyLabels(ctx, m);
              return (
                <tr key={m.id}>
                  <td>{l.event}</td>
                  <td>{l.channel}</td>
                  <td>{l.locale}</td>
                  <td>{m.version}</td>
                  <td>
                    {ctx.dateTime(m.createdAt)} · {m.createdBy ?? t('notifications.templates.history.system')}
                  </td>
                  <td>
                    <a href={templatePath(m)} aria-label={t('notifications.templates.edit.label', l)}>
                      {t('notifications.templates.edit')}
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function TemplateEditPage({ ctx, k, current, history, form, notice }: { ctx: ViewContext; k: TemplateKey; current: TemplateView; history: TemplateView[]; form: FormState; notice?: string }) {
  const { t } = ctx;
  const l = keyLabels(ctx, k);
  const title = t('notifications.templates.edit.title', l);
  const withSubject = channelHasSubject(k.channel);
  const labels = { subject: t('notifications.templates.f.subject'), body: t('notifications.templates.f.body') };
  const bodyHint = [t('notifications.templates.f.body.hint'), k.channel === 'sms' ? t('notifications.templates.f.sms_hint', { n: SMS_SEGMENT }) : ''].filter(Boolean).join(' ');
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <Crumbs ctx={ctx} extra />
      <h1>{title}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />
      <PostForm ctx={ctx} action={templatePath(k)}>
        <input type="hidden" name="base_version" value={form.values.base_version ?? String(current.version)} />
        {withSubject && <TextField ctx={ctx} form={form} name="subject" label={labels.subject} maxLength={SUBJECT_MAX} />}
        <TextAreaField ctx={ctx} form={form} name="body" label={labels.body} hint={bodyHint} rows={k.channel === 'email' ? 12 : 5} maxLength={BODY_MAX[k.channel]} />
        <button type="submit" class="button">
          {t('notifications.templates.save')}
        </button>{' '}
        <a href={TEMPLATES_PATH}>{t('form.cancel')}</a>
      </PostForm>
      <h2 id="h-placeholders">{t('notifications.templates.placeholders')}</h2>
      <dl class="summary" aria-labelledby="h-placeholders">
        {placeholders.map((p) => (
          <Fragment key={p}>
            <dt>
              <code>{`{{${p}}}`}</code>
            </dt>
            <dd>{t(`notifications.placeholder.${p}`)}</dd>
          </Fragment>
        ))}
      </dl>
      <h2 id="h-history">{t('notifications.templates.history')}</h2>
      <ol class="history" reversed aria-labelledby="h-history">
        {history.map((v) => (
          <li key={v.id}>
            <details open={v.current}>
              <summary>
                {t('notifications.templates.history.version', { version: v.version })}
                {v.current && <span class="tag">{t('notifications.templates.history.current')}</span>} · {ctx.dateTime(v.createdAt)} ·{' '}
                {v.createdBy ? t('notifications.templates.history.by', { name: v.createdBy }) : t('notifications.templates.history.system')}
              </summary>
              {withSubject && (
                <p>
                  <strong>{v.subject || t('notifications.templates.no_subject')}</strong>
                </p>
              )}
              <pre class="pre">{v.body}</pre>
            </details>
          </li>
        ))}
      </ol>
    </Layout>
  );
}
