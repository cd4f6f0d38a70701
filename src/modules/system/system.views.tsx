// Pages of the platform's machinery for super admins: the job queue and the message outbox.
import type { ComponentChildren } from 'preact';
import { PostForm } from '../../platform/views/forms.tsx';
import { DataTable, FilterBar, FilterInput, FilterSelect, Pagination, shortDateTime, StatusTag, SummaryList, type Column } from '../../platform/views/components/index.ts';
import { jobData, jobLabel } from './job-labels.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { jobStatuses, type JobStatusName } from '../../platform/jobs/queue.ts';
import { messageStatuses, type JobView, type MessageDetail, type MessageListItem, type MessageStatus } from './system.service.ts';
import { messageKeyOr } from '../../platform/views/i18n.ts';

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
      <FilterBar ctx={ctx} action={QUEUE_PATH} active={Boolean(status || name)}>
        <FilterSelect name="status" label={t('system.queue.filter.status')} allLabel={t('system.filter.all')} value={status} options={jobStatuses.map((s) => ({ value: s, label: t(`system.job.${s}`) }))} />
        <FilterSelect name="nama" label={t('system.queue.filter.name')} allLabel={t('system.filter.all')} value={name} options={names.map((n) => ({ value: n, label: `${jobLabel(ctx.locale, n)} (${n})` }))} />
      </FilterBar>
      <h2 id="h-jobs">{t('system.queue.list')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('system.queue.list')}
        captionHidden
        rows={items}
        rowKey={(j) => String(j.id)}
        rowId={(j) => `job-${j.id}`}
        empty={t('system.queue.none')}
        columns={queueColumns(ctx)}
        actionsLabel={t('system.queue.col.action')}
        actions={
          canRetry
            ? (j) =>
                j.retryable && (
                  <PostForm ctx={ctx} action={`${QUEUE_PATH}/${j.id}/ulang`} class="inline">
                    <input type="hidden" name="kembali" value={here} />
                    <button type="submit" class="button secondary" aria-label={t('system.queue.retry_label', { id: j.id })}>
                      {t('system.queue.retry')}
                    </button>
                  </PostForm>
                )
            : undefined
        }
      />
      <Pagination
        ctx={ctx}
        first={paged ? `${QUEUE_PATH}${query({ status, nama: name })}` : null}
        next={next ? `${QUEUE_PATH}${query({ status, nama: name, sebelum: next })}` : null}
        labels={{ first: t('system.page.first'), next: t('system.page.next') }}
      />
    </Page>
  );
}

const mailTone = { queued: 'info', sent: 'success', delivered: 'success', failed: 'danger' } as const;
const jobTone = { queued: 'info', running: 'info', done: 'success', failed: 'warning', dead: 'danger' } as const;

function queueColumns(ctx: ViewContext): Column<JobView>[] {
  const { t } = ctx;
  const at = (d: Date | null) => (d ? shortDateTime(ctx, d) : t('system.none'));
  return [
    { key: 'id', label: t('system.queue.col.id'), num: true, cell: (j) => j.id },
    {
      key: 'name',
      label: t('system.queue.col.name'),
      primary: true,
      cell: (j) => (
        <>
          {jobLabel(ctx.locale, j.name)} <code class="muted">{j.name}</code>
        </>
      ),
    },
    { key: 'status', label: t('system.queue.col.status'), cell: (j) => <StatusTag tone={jobTone[j.status]}>{t(`system.job.${j.status}`)}</StatusTag> },
    { key: 'attempts', label: t('system.queue.col.attempts'), nowrap: true, cell: (j) => t('system.queue.attempts', { attempts: j.attempts, max: j.maxAttempts }) },
    { key: 'run_at', label: t('system.queue.col.run_at'), nowrap: true, cell: (j) => at(j.runAt) },
    { key: 'created', label: t('system.queue.col.created'), nowrap: true, cell: (j) => at(j.createdAt) },
    { key: 'finished', label: t('system.queue.col.finished'), nowrap: true, cell: (j) => at(j.finishedAt) },
    { key: 'error', label: t('system.queue.col.error'), cell: (j) => j.lastError ?? t('system.none') },
    {
      key: 'data',
      label: t('system.queue.col.payload'),
      cell: (j) => {
        const rows = jobData(ctx.locale, j.data);
        return (
          <>
            {rows.length ? <SummaryList compact rows={rows.map((r) => ({ label: r.label, value: r.value }))} /> : t('system.none')}
            {j.messageId && <a href={`${OUTBOX_PATH}/${j.messageId}`}>{t('system.queue.message_link')}</a>}
          </>
        );
      },
    },
  ];
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
      <p>{t('system.outbox.transport', { transport: t(messageKeyOr(`system.transport.${transport}`, 'value.unknown')) })}</p>
      <FilterBar ctx={ctx} action={OUTBOX_PATH} active={Boolean(status || recipient)}>
        <FilterSelect name="status" label={t('system.outbox.filter.status')} allLabel={t('system.filter.all')} value={status} options={messageStatuses.map((s) => ({ value: s, label: t(`system.mail.${s}`) }))} />
        <FilterInput name="penerima" type="email" label={t('system.outbox.filter.recipient')} value={recipient} maxLength={254} />
      </FilterBar>
      <h2 id="h-messages">{t('system.outbox.list')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('system.outbox.list')}
        captionHidden
        rows={items}
        rowKey={(m) => m.id}
        empty={t('system.outbox.none')}
        columns={[
          { key: 'created', label: t('system.outbox.col.created'), nowrap: true, cell: (m) => shortDateTime(ctx, m.createdAt) },
          { key: 'channel', label: t('system.outbox.col.channel'), cell: (m) => t(messageKeyOr(`system.channel.${m.channel}`, 'value.unknown')) },
          { key: 'recipient', label: t('system.outbox.col.recipient'), cell: (m) => m.recipientMasked },
          { key: 'subject', label: t('system.outbox.col.subject'), primary: true, cell: (m) => <a href={`${OUTBOX_PATH}/${m.id}`}>{m.subject || t('system.outbox.no_subject')}</a> },
          { key: 'status', label: t('system.outbox.col.status'), cell: (m) => <StatusTag tone={mailTone[m.status]}>{t(`system.mail.${m.status}`)}</StatusTag> },
          { key: 'transport', label: t('system.outbox.col.transport'), cell: (m) => m.transport ?? t('system.none') },
          { key: 'sent', label: t('system.outbox.col.sent'), nowrap: true, cell: (m) => (m.sentAt ? shortDateTime(ctx, m.sentAt) : t('system.none')) },
          { key: 'error', label: t('system.outbox.col.error'), cell: (m) => m.error ?? t('system.none') },
        ]}
      />
      <Pagination
        ctx={ctx}
        first={paged ? `${OUTBOX_PATH}${query(filters)}` : null}
        next={next ? `${OUTBOX_PATH}${query({ ...filters, setelah: next })}` : null}
        labels={{ first: t('system.page.first'), next: t('system.page.next') }}
      />
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
      <SummaryList
        rows={[
          { label: t('system.outbox.col.channel'), value: t(messageKeyOr(`system.channel.${m.channel}`, 'value.unknown')) },
          { label: t('system.outbox.col.recipient'), value: m.recipient },
          { label: t('system.outbox.col.subject'), value: title },
          { label: t('system.outbox.col.status'), value: <StatusTag tone={mailTone[m.status]}>{t(`system.mail.${m.status}`)}</StatusTag> },
          { label: t('system.outbox.col.transport'), value: m.transport ?? t('system.none') },
          { label: t('system.message.provider_id'), value: m.providerId ?? t('system.none') },
          { label: t('system.outbox.col.created'), value: ctx.dateTime(m.createdAt) },
          { label: t('system.outbox.col.sent'), value: when(ctx, m.sentAt) },
          { label: t('system.outbox.col.error'), value: m.error ?? t('system.none') },
        ]}
      />
      <h2>{t('system.message.body')}</h2>
      {m.bodyText !== null ? <pre class="pre">{m.bodyText}</pre> : <p class="notice">{t('system.message.body_hidden')}</p>}
      <p>
        <a href={OUTBOX_PATH}>{t('system.message.back')}</a>
      </p>
    </Page>
  );
}
