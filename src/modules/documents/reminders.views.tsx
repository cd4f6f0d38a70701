// Views of validity, reminders and renewal (P-8): the holder's page of one document
// (`/dokumen/:id`: validity, days left, reminders sent, "Ajukan perpanjangan") and small
// pieces the document lists reuse. Works without JavaScript.
import type { ViewContext } from '../../platform/views/context.ts';
import { PostForm } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { DocumentView } from './documents.service.ts';
import type { DocumentState } from './documents.signing.ts';
import { calendarDate, MY_DOCUMENTS_PATH, stateLabel, VERIFY_PATH } from './documents.views.tsx';
import type { SentReminder } from './reminders.service.ts';

export interface DocumentWithValidity extends DocumentView {
  state: DocumentState;
  /** Days from the region's today to the last day of validity (null: no expiry). */
  daysLeft: number | null;
  reminders: SentReminder[];
  /** The number of the document this one renews, if it came from a renewal. */
  renewsNumber?: string | null;
}

/** "Berlaku sampai …" with the days left, or "Kedaluwarsa sejak …", or "Tanpa batas waktu". */
export function Validity({ ctx, d }: { ctx: ViewContext; d: DocumentWithValidity }) {
  const { t } = ctx;
  if (!d.validUntil) return <>{t('documents.no_expiry')}</>;
  if (d.state === 'expired') return <strong>{t('documents.expired_on', { date: calendarDate(ctx, d.validUntil) })}</strong>;
  return (
    <>
      {t('documents.valid_until', { date: calendarDate(ctx, d.validUntil) })}
      {d.state === 'valid' && d.daysLeft !== null && (
        <>
          <br />
          <span class="muted">{d.daysLeft === 0 ? t('documents.last_day') : t('documents.days_left', { days: d.daysLeft })}</span>
        </>
      )}
    </>
  );
}

export function ReminderList({ ctx, items }: { ctx: ViewContext; items: SentReminder[] }) {
  const { t } = ctx;
  if (!items.length) return <p>{t('documents.reminders.none')}</p>;
  return (
    <ul>
      {items.map((r) => (
        <li key={`${r.kind}-${r.offsetDays}`}>
          {r.kind === 'expired' ? t('documents.reminders.expired_item', { date: ctx.date(r.sentAt) }) : t('documents.reminders.item', { days: r.offsetDays, date: ctx.date(r.sentAt) })}
        </li>
      ))}
    </ul>
  );
}

/** Whether the holder may start a renewal (the service decides again on submit). */
export const renewable = (d: DocumentView) => d.status !== 'revoked' && !!d.validUntil;

export function DocumentPage({ ctx, d, error }: { ctx: ViewContext; d: DocumentWithValidity; error?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('documents.detail.title', { number: d.number })}>
      <nav aria-label={t('system.crumbs')}>
        <p>
          <a href={MY_DOCUMENTS_PATH}>{t('documents.back_to_list')}</a>
        </p>
      </nav>
      <h1>
        {d.title} — {d.number}
      </h1>
      {error && (
        <div class="error-summary" role="alert">
          <p>{error}</p>
        </div>
      )}
      <dl class="facts">
        <dt>{t('documents.agency')}</dt>
        <dd>{d.agencyName}</dd>
        <dt>{t('documents.issued_at')}</dt>
        <dd>{ctx.date(d.issuedAt)}</dd>
        <dt>{t('documents.validity')}</dt>
        <dd>
          <Validity ctx={ctx} d={d} />
        </dd>
        <dt>{t('documents.state')}</dt>
        <dd>
          <strong>{stateLabel(ctx, d.state)}</strong>
          {d.state === 'revoked' && d.revokeReason && (
            <>
              <br />
              <span class="muted">{d.revokeReason}</span>
            </>
          )}
        </dd>
        {d.renewsNumber && (
          <>
            <dt>{t('documents.renewal.heading')}</dt>
            <dd>{t('documents.renewal.from', { number: d.renewsNumber })}</dd>
          </>
        )}
      </dl>
      <p>
        <a href={`${MY_DOCUMENTS_PATH}/${d.id}/unduh`}>{t('documents.download')}</a>
        {' · '}
        <a href={`${VERIFY_PATH}/${d.verificationCode}`}>{t('documents.verify_link')}</a>
      </p>
      {d.validUntil && (
        <section aria-labelledby="h-reminders">
          <h2 id="h-reminders">{t('documents.reminders')}</h2>
          <ReminderList ctx={ctx} items={d.reminders} />
        </section>
      )}
      {renewable(d) && (
        <section aria-labelledby="perpanjang" id="perpanjangan">
          <h2 id="perpanjang">{t('documents.renewal.heading')}</h2>
          <p>{t('documents.renewal.lead')}</p>
          <PostForm ctx={ctx} action={`${MY_DOCUMENTS_PATH}/${d.id}/perpanjang`}>
            <button type="submit">{t('documents.renewal.submit')}</button>
          </PostForm>
        </section>
      )}
    </Layout>
  );
}
