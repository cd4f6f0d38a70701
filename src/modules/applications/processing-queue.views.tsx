// Back-office page of the officer's work queue (P-6): scopes, filters that work without
// JavaScript, counts by SLA state, keyset pages. No scripts.
import { DataTable, shortDate, shortDateTime, sortHref } from '../../platform/views/components/index.ts';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { PostForm, SelectField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { QueueItem, QueuePage } from './processing.service.ts';
import { formatInteger } from '../../platform/format.ts';
import { QUEUE_PATH, appPath, type Scope, type QueueQuery, queueHref, appInQueue, SlaBadge, Notice } from './processing.views.tsx';

// ---- work queue ---------------------------------------------------------------------------

export interface QueuePageProps {
  ctx: ViewContext;
  query: QueueQuery;
  canAll: boolean;
  options: { services: { slug: string; name: string }[]; steps: { key: string; name: string }[] };
  page: QueuePage;
  claimable: (item: QueueItem) => boolean;
  notices: string[];
  /** The confirmation of the action just taken on an application. */
  done?: { text: string; tracking: string };
  /** Whether this is a later page (a cursor was given). */
  later: boolean;
}

export function WorkQueuePage({ ctx, query, canAll, options, page, claimable, notices, later, done }: QueuePageProps) {
  const { t } = ctx;
  const scopes: Scope[] = canAll ? ['mine', 'assigned', 'all'] : ['mine', 'assigned'];
  const form: FormState = { values: { ...query }, errors: [] };
  const { lingkup: _scope, ...filters } = query;
  const { urut: _sort, arah: _dir, ...narrowing } = filters;
  const filtered = Object.values(narrowing).some(Boolean);
  const sort = { key: query.urut || 'due', dir: query.arah === 'turun' ? ('desc' as const) : ('asc' as const) };
  return (
    <Layout ctx={ctx} title={t('applications.work.title')} face="backoffice">
      <nav aria-label={t('applications.work.crumbs')}>
        <p>
          <a href="/kelola">{t('nav.backoffice')}</a>
        </p>
      </nav>
      <h1>{t('applications.work.title')}</h1>
      <p class="lead">{t('applications.work.lead')}</p>
      {done && (
        <p class="notice" role="status">
          {done.text} <a href={appPath(done.tracking)}>{t('applications.work.ok.open', { number: done.tracking })}</a>
        </p>
      )}
      {notices.map((n) => (
        <Notice key={n} text={n} warn />
      ))}
      <nav aria-label={t('applications.work.scopes')}>
        <ul class="chips">
          {scopes.map((s) => (
            <li key={s}>
              <a href={queueHref({ ...filters, lingkup: s })} aria-current={s === query.lingkup ? 'page' : undefined}>
                {t(`applications.work.scope.${s}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <details open={filtered}>
        <summary>{t('applications.work.filter')}</summary>
        <form method="get" action={QUEUE_PATH} class="filters">
          {query.lingkup !== 'mine' && <input type="hidden" name="lingkup" value={query.lingkup} />}
          {query.urut && <input type="hidden" name="urut" value={query.urut} />}
          {query.arah && <input type="hidden" name="arah" value={query.arah} />}
          <SelectField ctx={ctx} form={form} name="layanan" label={t('applications.work.filter.service')} required={false} options={options.services.map((s) => ({ value: s.slug, label: s.name }))} />
          <SelectField ctx={ctx} form={form} name="tahap" label={t('applications.work.filter.step')} required={false} options={options.steps.map((s) => ({ value: s.key, label: s.name }))} />
          <SelectField
            ctx={ctx}
            form={form}
            name="status"
            label={t('applications.work.filter.status')}
            required={false}
            options={(['submitted', 'in_process'] as const).map((s) => ({ value: s, label: t(`applications.status.${s}`) }))}
          />
          <SelectField ctx={ctx} form={form} name="sla" label={t('applications.work.filter.sla')} required={false} options={(['on_time', 'nearing', 'overdue'] as const).map((s) => ({ value: s, label: t(`applications.sla.${s}`) }))} />
          <SelectField ctx={ctx} form={form} name="saluran" label={t('applications.work.filter.channel')} required={false} options={(['online', 'counter'] as const).map((s) => ({ value: s, label: t(`portal.channel.${s}`) }))} />
          <TextField ctx={ctx} form={form} name="dari" type="date" label={t('applications.work.filter.from')} hint={t('applications.work.filter.date_hint')} required={false} maxLength={10} />
          <TextField ctx={ctx} form={form} name="sampai" type="date" label={t('applications.work.filter.to')} hint={t('applications.work.filter.date_hint')} required={false} maxLength={10} />
          <p>
            <button type="submit">{t('applications.work.filter.apply')}</button> {filtered && <a href={queueHref({ lingkup: query.lingkup, urut: query.urut, arah: query.arah })}>{t('applications.work.filter.clear')}</a>}
          </p>
        </form>
      </details>
      <h2 id="h-counts" class="visually-hidden">
        {t('applications.work.counts')}
      </h2>
      <dl class="facts counts">
        <div>
          <dt>{t('applications.work.count.total')}</dt>
          <dd id="count-total">{formatInteger(page.counts.total)}</dd>
        </div>
        <div>
          <dt>{t('applications.sla.on_time')}</dt>
          <dd id="count-on_time">{formatInteger(page.counts.on_time)}</dd>
        </div>
        <div>
          <dt>{t('applications.sla.nearing')}</dt>
          <dd id="count-nearing">{formatInteger(page.counts.nearing)}</dd>
        </div>
        <div>
          <dt>{t('applications.sla.overdue')}</dt>
          <dd id="count-overdue">{formatInteger(page.counts.overdue)}</dd>
        </div>
      </dl>
      <DataTable
        ctx={ctx}
        caption={t('applications.work.caption')}
        captionHidden
        rows={page.items}
        rowKey={(i) => i.id}
        rowClass={(i) => (i.sla === 'overdue' ? 'row-danger' : i.sla === 'nearing' ? 'row-warn' : undefined)}
        empty={t('applications.work.none')}
        sort={sort}
        sortLink={(key, dir) => sortHref(QUEUE_PATH, { ...query, lingkup: query.lingkup === 'mine' ? '' : query.lingkup }, key, dir)}
        columns={[
          {
            key: 'tracking',
            label: t('applications.work.col.tracking'),
            primary: true,
            nowrap: true,
            sortable: true,
            cell: (i) => (
              <>
                <a href={appInQueue(i.trackingNumber, query)}>{i.trackingNumber}</a>
                <br />
                <small class="muted">{t('applications.work.via', { channel: t(`portal.channel.${i.channel}`) })}</small>
              </>
            ),
          },
          { key: 'service', label: t('applications.work.col.service'), cell: (i) => i.serviceName },
          { key: 'applicant', label: t('applications.work.col.applicant'), cell: (i) => i.applicantName },
          { key: 'step', label: t('applications.work.col.step'), cell: (i) => i.stepName },
          { key: 'assignee', label: t('applications.work.col.assignee'), cell: (i) => i.assigneeName ?? <span class="muted">{t('applications.work.unassigned')}</span> },
          {
            key: 'submitted',
            label: t('applications.work.col.submitted'),
            nowrap: true,
            sortable: true,
            cell: (i) => (
              <time dateTime={i.submittedAt.toISOString()} title={ctx.dateTime(i.submittedAt)}>
                {shortDate(ctx, i.submittedAt)}
              </time>
            ),
          },
          {
            key: 'due',
            label: t('applications.work.col.due'),
            nowrap: true,
            sortable: true,
            cell: (i) => (
              <>
                <time dateTime={i.stepDueAt.toISOString()} title={ctx.dateTime(i.stepDueAt)}>
                  {shortDateTime(ctx, i.stepDueAt)}
                </time>
                <br />
                <SlaBadge ctx={ctx} sla={i.sla} />
              </>
            ),
          },
        ]}
        actionsLabel={t('applications.work.col.action')}
        actions={(i) =>
          claimable(i) && (
            <PostForm ctx={ctx} action={appInQueue(i.trackingNumber, query, '/ambil')} class="inline">
              <input type="hidden" name="seq" value={String(i.seq)} />
              <input type="hidden" name="kembali" value="antrian" />
              <button type="submit" class="button secondary" aria-label={t('applications.work.claim_label', { number: i.trackingNumber })}>
                {t('applications.work.claim')}
              </button>
            </PostForm>
          )
        }
      />
      <p>
        {later && <a href={queueHref(query)}>{t('applications.work.first')}</a>}{' '}
        {page.nextCursor && (
          <a href={queueHref({ ...query, setelah: page.nextCursor })} rel="next">
            {t('applications.work.next')}
          </a>
        )}
      </p>
    </Layout>
  );
}
