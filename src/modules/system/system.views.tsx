// Pages of the platform's machinery for super admins: the job queue and the message outbox.
import type { ComponentChildren } from 'preact';
import { PostForm } from '../../platform/views/forms.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { jobStatuses, type JobStatusName } from '../../platform/jobs/queue.ts';
import { messageStatuses, type JobView, type MessageDetail, type MessageListItem, type MessageStatus } from './system.service.ts';

export const QUEUE_PATH = '/kelola/sistem/antrian';
export const OUTBOX_PATH = '/kelola/sistem/kotak-keluar';

function Page({ ctx, title, children, crumbs = [] }: { ctx: ViewContext; title: string; children: ComponentChildren; crumbs?: { href: string; label: string }[] }) {
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <nav aria-label={ctx.t('system.crumbs')}>
        <p>
          <a href="/kelola">{ctx.t('nav.backoffice')}</a>
          {crumbs.map((c) => (
            <span key={c.href}>
              {' › '}
              <a href={c.href}>{c.label}</a>
            </span>
          ))}
        </p>
      </nav>
      {children}
    </Layout>
  );
}

function Notice({ text, warn }: { text?: string; warn?: boolean }) {
  if (!text) return null;
  return (
    <p class={warn ? 'notice warn' : 'notice'} role="status">
      {text}
    </p>
  );
}

const when = (ctx: ViewContext, d: Date | null) => (d ? ctx.dateTime(d) : ctx.t('system.none'));

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface QueuePageProps {
  ctx: ViewContext;
  counts: Record<JobStatusName, number>;
  names: string[];
  status?: JobStatusName;
  name?: string;
  items: JobView[];
  next: string | null;
  paged: boolean;
  canRetry: boolean;
  notice?: { text: string; warn: boolean };
}

export function QueuePage({ ctx, counts, names, status, name, items, next, paged, canRetry, notice }: QueuePageProps) {
  const { t } = ctx;
  const here = `${QUEUE_PATH}${query({ status, nama: name })}`;
  return (
    <Page ctx={ctx} title={t('system.queue.title')}>
      <h1>{t('system.queue.title')}</h1>
      <p class="lead">{t('system.queue.lead')}</p>
      <Notice text={notice?.text} warn={notice?.warn} />
      <h2 id="h-counts">{t('system.queue.counts')}</h2>
      <ul class="chips" aria-labelledby="h-counts">
        {jobStatuses.map((s) => (
          <li key={s}>
            <a href={`${QUEUE_PATH}${query({ status: s, nama: name })}`} aria-current={s === status ? 'true' : undefined}>
              {t(`system.job.${s}`)}: <strong>{counts[s]}</strong>
            </a>
          </li>
        ))}
      </ul>
      <form method="get" action={QUEUE_PATH} class="filters">
        <div class="field">
          <label for="f-status">{t('system.queue.filter.status')}</label>
          <select id="f-status" name="status">
            <option value="">{t('system.filter.all')}</option>
            {jobStatuses.map((s) => (
              <option key={s} value={s} selected={s === status}>
                {t(`system.job.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-nama">{t('system.queue.filter.name')}</label>
          <select id="f-nama" name="nama">
            <option value="">{t('system.filter.all')}</option>
            {names.map((n) => (
              <option key={n} value={n} selected={n === name}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('system.filter.submit')}</button>
      </form>
      <h2 id="h-jobs">{t('system.queue.list')}</h2>
      {items.length ? (
        <div class="table-wrap" tabIndex={0}>
          <table aria-labelledby="h-jobs">
            <thead>
              <tr>
                <th scope="col">{t('system.queue.col.id')}</th>
                <th scope="col">{t('system.queue.col.name')}</th>
                <th scope="col">{t('system.queue.col.status')}</th>
                <th scope="col">{t('system.queue.col.attempts')}</th>
                <th scope="col">{t('system.queue.col.run_at')}</th>
                <th scope="col">{t('system.queue.col.created')}</th>
                <th scope="col">{t('system.queue.col.finished')}</th>
                <th scope="col">{t('system.queue.col.error')}</th>
                <th scope="col">{t('system.queue.col.payload')}</th>
                {canRetry && <th scope="col">{t('system.queue.col.action')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((j) => (
                <tr key={j.id} id={`job-${j.id}`}>
                  <td>{j.id}</td>
                  <td>
                    <code>{j.name}</code>
                  </td>
                  <td>
                    <span class="tag">{t(`system.job.${j.status}`)}</span>
                  </td>
                  <td>{t('system.queue.attempts', { attempts: j.attempts, max: j.maxAttempts })}</td>
                  <td>{when(ctx, j.runAt)}</td>
                  <td>{when(ctx, j.createdAt)}</td>
                  <td>{when(ctx, j.finishedAt)}</td>
                  <td>{j.lastError ?? t('system.none')}</td>
                  <td>
                    <code>{j.payload}</code>
                    {j.messageId && (
                      <>
                        {' '}
                        <a href={`${OUTBOX_PATH}/${j.messageId}`}>{t('system.queue.message_link')}</a>
                      </>
                    )}
                  </td>
                  {canRetry && (
                    <td>
                      {j.retryable && (
                        <PostForm ctx={ctx} action={`${QUEUE_PATH}/${j.id}/ulang`} class="inline">
                          <input type="hidden" name="kembali" value={here} />
                          <button type="submit" class="button secondary" aria-label={t('system.queue.retry_label', { id: j.id })}>
                            {t('system.queue.retry')}
                          </button>
                        </PostForm>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('system.queue.none')}</p>
      )}
      <Pager ctx={ctx} first={paged ? `${QUEUE_PATH}${query({ status, nama: name })}` : null} next={next ? `${QUEUE_PATH}${query({ status, nama: name, sebelum: next })}` : null} />
    </Page>
  );
}

function Pager({ ctx, first, next }: { ctx: ViewContext; first: string | null; next: string | null }) {
  if (!first && !next) return null;
  return (
    <nav aria-label={ctx.t('system.page.next')}>
      <p>
        {first && <a href={first}>{ctx.t('system.page.first')}</a>}
        {first && next && ' · '}
        {next && (
          <a href={next} rel="next">
            {ctx.t('system.page.next')}
          </a>
        )}
      </p>
    </nav>
  );
}

export interface OutboxPageProps {
  ctx: ViewContext;
  transport: string;
  status?: MessageStatus;
  recipient?: string;
  items: MessageListItem[];
  next: string | null;
  paged: boolean;
}

export function OutboxPage({ ctx, transport, status, recipient, items, next, paged }: OutboxPageProps) {
  const { t } = ctx;
  const filters = { status, penerima: recipient };
  return (
    <Page ctx={ctx} title={t('system.outbox.title')}>
      <h1>{t('system.outbox.title')}</h1>
      <p class="lead">{t('system.outbox.lead')}</p>
      <p>{t('system.outbox.transport', { transport: t(`system.transport.${transport}`) })}</p>
      <form method="get" action={OUTBOX_PATH} class="filters">
        <div class="field">
          <label for="f-status">{t('system.outbox.filter.status')}</label>
          <select id="f-status" name="status">
            <option value="">{t('system.filter.all')}</option>
            {messageStatuses.map((s) => (
              <option key={s} value={s} selected={s === status}>
                {t(`system.mail.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-penerima">{t('system.outbox.filter.recipient')}</label>
          <input id="f-penerima" name="penerima" type="email" value={recipient ?? ''} maxLength={254} autocomplete="off" />
        </div>
        <button type="submit">{t('system.filter.submit')}</button>
      </form>
      <h2 id="h-messages">{t('system.outbox.list')}</h2>
      {items.length ? (
        <div class="table-wrap" tabIndex={0}>
          <table aria-labelledby="h-messages">
            <thead>
              <tr>
                <th scope="col">{t('system.outbox.col.created')}</th>
                <th scope="col">{t('system.outbox.col.channel')}</th>
                <th scope="col">{t('system.outbox.col.recipient')}</th>
                <th scope="col">{t('system.outbox.col.subject')}</th>
                <th scope="col">{t('system.outbox.col.status')}</th>
                <th scope="col">{t('system.outbox.col.transport')}</th>
                <th scope="col">{t('system.outbox.col.sent')}</th>
                <th scope="col">{t('system.outbox.col.error')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td>{when(ctx, m.createdAt)}</td>
                  <td>{t(`system.channel.${m.channel}`)}</td>
                  <td>{m.recipientMasked}</td>
                  <td>
                    <a href={`${OUTBOX_PATH}/${m.id}`}>{m.subject || t('system.outbox.no_subject')}</a>
                  </td>
                  <td>
                    <span class="tag">{t(`system.mail.${m.status}`)}</span>
                  </td>
                  <td>{m.transport ?? t('system.none')}</td>
                  <td>{when(ctx, m.sentAt)}</td>
                  <td>{m.error ?? t('system.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('system.outbox.none')}</p>
      )}
      <Pager ctx={ctx} first={paged ? `${OUTBOX_PATH}${query(filters)}` : null} next={next ? `${OUTBOX_PATH}${query({ ...filters, setelah: next })}` : null} />
    </Page>
  );
}

export function MessagePage({ ctx, m }: { ctx: ViewContext; m: MessageDetail }) {
  const { t } = ctx;
  const title = m.subject || t('system.outbox.no_subject');
  return (
    <Page ctx={ctx} title={t('system.message.title')} crumbs={[{ href: OUTBOX_PATH, label: t('system.outbox.title') }]}>
      <h1>{title}</h1>
      <p class="muted">{t('system.message.audited')}</p>
      <dl class="summary">
        <dt>{t('system.outbox.col.channel')}</dt>
        <dd>{t(`system.channel.${m.channel}`)}</dd>
        <dt>{t('system.outbox.col.recipient')}</dt>
        <dd>{m.recipient}</dd>
        <dt>{t('system.outbox.col.subject')}</dt>
        <dd>{title}</dd>
        <dt>{t('system.outbox.col.status')}</dt>
        <dd>{t(`system.mail.${m.status}`)}</dd>
        <dt>{t('system.outbox.col.transport')}</dt>
        <dd>{m.transport ?? t('system.none')}</dd>
        <dt>{t('system.message.provider_id')}</dt>
        <dd>{m.providerId ?? t('system.none')}</dd>
        <dt>{t('system.outbox.col.created')}</dt>
        <dd>{ctx.dateTime(m.createdAt)}</dd>
        <dt>{t('system.outbox.col.sent')}</dt>
        <dd>{when(ctx, m.sentAt)}</dd>
        <dt>{t('system.outbox.col.error')}</dt>
        <dd>{m.error ?? t('system.none')}</dd>
      </dl>
      <h2>{t('system.message.body')}</h2>
      {m.bodyText !== null ? <pre class="pre">{m.bodyText}</pre> : <p class="notice">{t('system.message.body_hidden')}</p>}
      <p>
        <a href={OUTBOX_PATH}>{t('system.message.back')}</a>
      </p>
    </Page>
  );
}
