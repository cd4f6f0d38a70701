// Applicant pages: apply (the service's form with the account's data shown read-only),
// receipt (printable), my applications with their timeline, public tracking. No scripts.
import type { FieldError } from '../../platform/http/errors.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { FormDefinition, FormField } from '../catalog/index.ts';
import type { PublishedService } from '../catalog/index.ts';
import { fieldLabel, FormFields, type RenderValues } from '../catalog/index.ts';
import { DataTable } from '../../platform/views/components/data-table.tsx';
import { serviceName } from '../catalog/index.ts';
import { maskNik } from '../identity/index.ts';
import type { ApplicationRow, AttachmentRow, EventRow } from './applications.service.ts';
import { fieldsOf } from './applications.validate.ts';
import { formatFileSize, formatRupiah } from '../../platform/format.ts';
import { messageKeyOr } from '../../platform/views/i18n.ts';

/**
 * The part of the form the applicant types: every field except the prefilled ones the account
 * really holds (those are shown read-only). A prefill field the account lacks (a business name
 * for a citizen without a business account, an e-mail for a walk-in) is typed (P-4: never
 * typed twice, not never typed).
 */
export function typedPart(form: FormDefinition, prefilled: Record<string, string> = {}): FormDefinition {
  return { sections: form.sections.map((s) => ({ ...s, fields: s.fields.filter((f) => !f.prefill || !(f.key in prefilled)) })).filter((s) => s.fields.length > 0) };
}

function labelsOf(ctx: ViewContext, form: FormDefinition): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fieldsOf(form).values()) {
    out[f.key] = fieldLabel(ctx, f);
    for (const level of ['province', 'regency', 'district', 'village', 'street'] as const) out[`${f.key}.${level}`] = `${fieldLabel(ctx, f)} (${ctx.t(`catalog.render.address.${level}`)})`;
  }
  return out;
}

export function ApplyPage({
  ctx,
  s,
  form,
  prefilled,
  values,
  errors,
  attachments,
  idempotencyKey,
  action,
  applicantNote,
  allowDraft = true,
  accountLink = true,
  saveAddressField,
}: {
  ctx: ViewContext;
  s: PublishedService;
  form: FormDefinition;
  prefilled: Record<string, string>;
  values: RenderValues;
  errors: FieldError[];
  attachments: AttachmentRow[];
  idempotencyKey: string;
  action: string;
  applicantNote?: string;
  allowDraft?: boolean;
  /** Whether the person filling the form can change the account data (not at the counter). */
  accountLink?: boolean;
  /** The address field whose value the applicant may save to his account (his account holds none). */
  saveAddressField?: FormField;
}) {
  const { t } = ctx;
  const byKey = fieldsOf(form);
  const prefillFields = [...byKey.values()].filter((f) => f.prefill && f.key in prefilled);
  return (
    <Layout ctx={ctx} title={t('applications.apply.title', { service: serviceName(ctx, s.content) })}>
      <p class="muted">{s.agency.name}</p>
      <h1>{t('applications.apply.title', { service: serviceName(ctx, s.content) })}</h1>
      {applicantNote && <p class="notice">{applicantNote}</p>}
      <ErrorSummary ctx={ctx} errors={errors} labels={labelsOf(ctx, form)} />
      <form method="post" action={action} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="idempotency_key" value={idempotencyKey} />
        {prefillFields.length > 0 && (
          <section class="form-section" id="prefilled">
            <h2>{t('applications.apply.from_account')}</h2>
            <p class="hint">
              {t('applications.apply.from_account_hint')}
              {accountLink && (
                <>
                  {' '}
                  <a href="/akun">{t('applications.apply.change_in_account')}</a>
                </>
              )}
            </p>
            <dl class="facts">
              {prefillFields.map((f) => (
                <div key={f.key}>
                  <dt>{fieldLabel(ctx, f)}</dt>
                  <dd id={`f-${f.key}`}>{f.prefill === 'nik' ? maskNik(prefilled[f.key]!) : prefilled[f.key]}</dd>
                </div>
              ))}
            </dl>
          </section>
        )}
        <FormFields ctx={ctx} form={typedPart(form, prefilled)} values={values} errors={errors} requirements={s.content.requirements} prefillNote={false} />
        {attachments.length > 0 && (
          <section class="form-section">
            <h2>{t('applications.apply.uploaded')}</h2>
            <ul>
              {attachments.map((a) => (
                <li key={a.fieldKey}>
                  {byKey.get(a.fieldKey) ? fieldLabel(ctx, byKey.get(a.fieldKey)!) : a.fieldKey}: {a.originalName} ({formatFileSize(a.size)})
                </li>
              ))}
            </ul>
            <p class="hint">{t('applications.apply.uploaded_hint')}</p>
          </section>
        )}
        {saveAddressField && (
          <div class="field">
            <label class="choice" for="simpan-alamat">
              <input type="checkbox" id="simpan-alamat" name="simpan_alamat" value="ya" checked={values.simpan_alamat === 'ya'} /> {t('applications.apply.save_address', { field: fieldLabel(ctx, saveAddressField) })}
            </label>
            <p class="hint">{t('applications.apply.save_address_hint')}</p>
          </div>
        )}
        <p class="actions">
          <button type="submit" name="aksi" value="ajukan">
            {t('applications.apply.submit')}
          </button>{' '}
          {allowDraft && (
            <button type="submit" name="aksi" value="draf" class="secondary">
              {t('applications.apply.save_draft')}
            </button>
          )}
        </p>
      </form>
    </Layout>
  );
}

function statusLabel(ctx: ViewContext, status: string): string {
  return ctx.t(messageKeyOr(`applications.status.${status}`, 'value.unknown'));
}

function Timeline({ ctx, events }: { ctx: ViewContext; events: EventRow[] }) {
  return (
    <ol class="timeline">
      {events.map((e, i) => (
        <li key={i}>
          <time>{ctx.dateTime(e.at)}</time> — {ctx.t(messageKeyOr(`applications.event.${e.kind}`, 'value.unknown'))}
        </li>
      ))}
    </ol>
  );
}

function AttachmentList({ ctx, s, attachments }: { ctx: ViewContext; s: PublishedService; attachments: AttachmentRow[] }) {
  const docs = s.content.requirements.filter((r) => r.kind === 'document');
  if (!docs.length) return null;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{ctx.t('applications.receipt.requirement')}</th>
          <th scope="col">{ctx.t('applications.receipt.file')}</th>
        </tr>
      </thead>
      <tbody>
        {docs.map((r) => {
          const a = attachments.find((x) => x.requirementKey === r.key);
          return (
            <tr key={r.key}>
              <td>
                {r.name} {r.mandatory ? `(${ctx.t('portal.service.mandatory')})` : ''}
              </td>
              <td>{a ? `${a.originalName} (${formatFileSize(a.size)})` : ctx.t('applications.receipt.not_attached')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ReceiptPage({ ctx, app, s, attachments }: { ctx: ViewContext; app: ApplicationRow; s: PublishedService; attachments: AttachmentRow[] }) {
  const { t } = ctx;
  const billDue = app.bill && (app.bill.status === 'unpaid' || app.bill.status === 'partially_paid') ? app.bill : null;
  const hasFee = !!s.content.fee && s.content.fee.kind !== 'free';
  const open = app.status !== 'approved' && app.status !== 'rejected' && app.status !== 'withdrawn';
  return (
    <Layout ctx={ctx} title={`${t('applications.receipt.title')} ${app.trackingNumber ?? ''}`}>
      <p class="muted">
        {ctx.regionName} · {s.agency.name}
      </p>
      <h1>{t('applications.receipt.title')}</h1>
      <p class="notice" role="status">
        {t('applications.receipt.received', { number: app.trackingNumber ?? '' })}
      </p>
      <dl class="facts">
        <dt>{t('applications.tracking_number')}</dt>
        <dd>
          <strong>{app.trackingNumber}</strong>
        </dd>
        <dt>{t('applications.service')}</dt>
        <dd>
          {app.serviceName} ({t('portal.service.version', { version: app.serviceVersion, date: ctx.date(s.publishedAt) })})
        </dd>
        <dt>{t('applications.agency')}</dt>
        <dd>{app.agencyName}</dd>
        <dt>{t('applications.applicant')}</dt>
        <dd>
          {app.applicantName}
          {app.applicantNikMasked ? ` · NIK ${app.applicantNikMasked}` : ''}
        </dd>
        <dt>{t('applications.submitted_at')}</dt>
        <dd>{app.submittedAt ? ctx.dateTime(app.submittedAt) : '—'}</dd>
        <dt>{t('applications.channel')}</dt>
        <dd>{t(`portal.channel.${app.channel}`)}</dd>
        <dt>{t('applications.status')}</dt>
        <dd>{statusLabel(ctx, app.status)}</dd>
        {open && (
          <>
            <dt>{t('applications.receipt.expected')}</dt>
            <dd id="expected-completion">
              {app.dueAt ? (
                <>
                  <strong>{ctx.date(app.dueAt)}</strong>
                  <span class="hint"> {t('applications.receipt.expected_hint', { days: s.content.completionDays ?? 0 })}</span>
                </>
              ) : (
                t('applications.receipt.expected_none')
              )}
            </dd>
          </>
        )}
      </dl>
      {billDue && (
        <section aria-labelledby="h-receipt-bill" class="notice warn">
          <h2 id="h-receipt-bill">{t('payments.bill.title')}</h2>
          <p>{t('payments.bill.waiting_notice', { amount: formatRupiah(billDue.outstanding), code: billDue.paymentCode, due: ctx.dateTime(billDue.dueAt) })}</p>
          <p>
            <a href={`/tagihan/${billDue.paymentCode}`}>{t('payments.bill.open')}</a>
          </p>
        </section>
      )}
      {open && (
        <section aria-labelledby="h-next">
          <h2 id="h-next">{t('applications.receipt.next')}</h2>
          <ol>
            <li>{t('applications.receipt.next.verify')}</li>
            {s.content.procedure.length > 0 && (
              <li>
                {t('applications.receipt.next.procedure')}
                <ol>
                  {s.content.procedure.map((p, i) => (
                    <li key={i}>{p.title}</li>
                  ))}
                </ol>
              </li>
            )}
            {hasFee && <li>{t('applications.receipt.next.pay')}</li>}
            <li>{t('applications.receipt.next.correction')}</li>
            <li>{t('applications.receipt.next.result')}</li>
          </ol>
        </section>
      )}
      <h2>{t('applications.receipt.attachments')}</h2>
      <AttachmentList ctx={ctx} s={s} attachments={attachments} />
      <p>
        {t('applications.receipt.track_before')} <a href={`/lacak?nomor=${encodeURIComponent(app.trackingNumber ?? '')}`}>/lacak</a>{' '}
        {t('applications.receipt.track_after', { number: app.trackingNumber ?? '' })}
      </p>
      <p>
        <a href={`/permohonan/${app.trackingNumber}/tanda-terima.pdf`} type="application/pdf">
          {t('applications.receipt.pdf.download')}
        </a>{' '}
        · <a href={`/permohonan/${app.trackingNumber}`}>{t('applications.receipt.back')}</a>
      </p>
    </Layout>
  );
}

export function MyApplicationsPage({ ctx, items }: { ctx: ViewContext; items: ApplicationRow[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('applications.mine.title')}>
      <h1>{t('applications.mine.title')}</h1>
      <DataTable
        ctx={ctx}
        caption={t('applications.mine.title')}
        captionHidden
        rows={items}
        rowKey={(a) => a.id}
        empty={t('applications.mine.none')}
        columns={[
          {
            key: 'tracking',
            label: t('applications.tracking_number'),
            primary: true,
            nowrap: true,
            cell: (a) => (a.trackingNumber ? <a href={`/permohonan/${a.trackingNumber}`}>{a.trackingNumber}</a> : <a href={`/layanan/${a.serviceSlug}/ajukan`}>{t('applications.mine.resume')}</a>),
          },
          { key: 'service', label: t('applications.service'), cell: (a) => a.serviceName },
          { key: 'status', label: t('applications.status'), cell: (a) => statusLabel(ctx, a.status) },
          { key: 'updated', label: t('applications.updated'), cell: (a) => ctx.dateTime(a.submittedAt ?? a.updatedAt) },
        ]}
      />
    </Layout>
  );
}

export function ApplicationPage({ ctx, app, events, attachments, s, notice }: { ctx: ViewContext; app: ApplicationRow; events: EventRow[]; attachments: AttachmentRow[]; s: PublishedService; notice?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={`${t('applications.detail.title')} ${app.trackingNumber ?? ''}`}>
      <p class="muted">
        <a href="/permohonan">{t('applications.mine.title')}</a>
      </p>
      <h1>
        {app.serviceName} — {app.trackingNumber}
      </h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <dl class="facts">
        <dt>{t('applications.status')}</dt>
        <dd>{statusLabel(ctx, app.status)}</dd>
        <dt>{t('applications.agency')}</dt>
        <dd>{app.agencyName}</dd>
        <dt>{t('applications.submitted_at')}</dt>
        <dd>{app.submittedAt ? ctx.dateTime(app.submittedAt) : '—'}</dd>
        <dt>{t('applications.channel')}</dt>
        <dd>{t(`portal.channel.${app.channel}`)}</dd>
      </dl>
      {/* payments (P-7): the fee bill, with a link to its page (code, accounts, confirmation, kuitansi) */}
      {app.bill && (
        <section aria-labelledby="h-bill" class={app.bill.status === 'unpaid' || app.bill.status === 'partially_paid' ? 'notice warn' : 'notice'}>
          <h2 id="h-bill">{t('payments.bill.title')}</h2>
          <p>
            {app.bill.status === 'unpaid' || app.bill.status === 'partially_paid'
              ? t('payments.bill.waiting_notice', { amount: formatRupiah(app.bill.outstanding), code: app.bill.paymentCode, due: ctx.dateTime(app.bill.dueAt) })
              : `${t(`payments.status.${app.bill.status}`)} — ${formatRupiah(app.bill.amount)}`}
          </p>
          <p>
            <a href={`/tagihan/${app.bill.paymentCode}`}>{t('payments.bill.open')}</a>
          </p>
        </section>
      )}
      {app.correction && (
        <section class="callout" aria-labelledby="perbaikan">
          <h2 id="perbaikan">{t('applications.correction.heading')}</h2>
          <p>{t('applications.correction.intro')}</p>
          <blockquote>{app.correction.note}</blockquote>
          <p>{t('applications.correction.fields')}</p>
          <ul>
            {app.correction.fields.map((k) => {
              const f = fieldsOf(s.form).get(k);
              return <li key={k}>{f ? fieldLabel(ctx, f) : k}</li>;
            })}
          </ul>
          <p>
            <a class="button" href={`/permohonan/${app.trackingNumber}/perbaiki`}>
              {t('applications.correction.open')}
            </a>
          </p>
        </section>
      )}
      {(app.status === 'approved' || app.status === 'rejected') && (
        <section class="callout" aria-labelledby="hasil">
          <h2 id="hasil">{t('applications.result.heading')}</h2>
          <p>
            {t(`applications.result.${app.status}`, { date: app.decidedAt ? ctx.dateTime(app.decidedAt) : '—' })}
          </p>
          {app.decisionNote && (
            <p>
              {t(app.status === 'rejected' ? 'applications.result.reason' : 'applications.result.note')}: {app.decisionNote}
            </p>
          )}
          {app.status === 'approved' && (
            <p>
              <a href="/dokumen">{t('documents.application_link')}</a>
            </p>
          )}
        </section>
      )}
      <p>
        <a href={`/permohonan/${app.trackingNumber}/tanda-terima`}>{t('applications.receipt.open')}</a>
      </p>
      <h2>{t('applications.timeline')}</h2>
      <Timeline ctx={ctx} events={events} />
      <h2>{t('applications.receipt.attachments')}</h2>
      <AttachmentList ctx={ctx} s={s} attachments={attachments} />
      {app.status === 'submitted' && !app.assigneeId && (
        <form method="post" action={`/permohonan/${app.trackingNumber}/tarik`}>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <p class="hint">{t('applications.withdraw.hint')}</p>
          <button type="submit" class="secondary">
            {t('applications.withdraw.button')}
          </button>
        </form>
      )}
    </Layout>
  );
}

export function TrackPage({ ctx, number, result, notFound, errors }: { ctx: ViewContext; number: string; result?: { row: ApplicationRow; events: EventRow[] } | null; notFound?: boolean; errors?: FieldError[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('applications.track.title')}>
      <h1>{t('applications.track.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors ?? []} labels={{ nomor: t('applications.tracking_number'), akhir: t('applications.track.last4') }} />
      <form method="get" action="/lacak">
        <div class="field">
          <label for="f-nomor">{t('applications.tracking_number')}</label>
          <p class="hint">{t('applications.track.number_hint')}</p>
          <input id="f-nomor" name="nomor" type="text" value={number} maxLength={60} autocomplete="off" />
        </div>
        <div class="field">
          <label for="f-akhir">{t('applications.track.last4')}</label>
          <p class="hint">{t('applications.track.last4_hint')}</p>
          <input id="f-akhir" name="akhir" type="text" inputMode="numeric" maxLength={4} autocomplete="off" />
        </div>
        <button type="submit">{t('applications.track.submit')}</button>
      </form>
      {notFound && (
        <p class="notice" role="status">
          {t('applications.track.not_found')}
        </p>
      )}
      {result && (
        <section>
          <h2>{result.row.trackingNumber}</h2>
          <dl class="facts">
            <dt>{t('applications.service')}</dt>
            <dd>{result.row.serviceName}</dd>
            <dt>{t('applications.agency')}</dt>
            <dd>{result.row.agencyName}</dd>
            <dt>{t('applications.status')}</dt>
            <dd>{statusLabel(ctx, result.row.status)}</dd>
            <dt>{t('applications.submitted_at')}</dt>
            <dd>{result.row.submittedAt ? ctx.dateTime(result.row.submittedAt) : '—'}</dd>
          </dl>
          <h3>{t('applications.timeline')}</h3>
          <Timeline ctx={ctx} events={result.events} />
        </section>
      )}
    </Layout>
  );
}

/**
 * The applicant's answer to a send-back: the officer's note, and only the fields named in it
 * (with what was filed), on the application's own form version.
 */
export function CorrectionPage({ ctx, app, s, values, errors }: { ctx: ViewContext; app: ApplicationRow; s: PublishedService; values: RenderValues; errors: FieldError[] }) {
  const { t } = ctx;
  const allowed = new Set(app.correction?.fields ?? []);
  const part: FormDefinition = { sections: s.form.sections.map((sec) => ({ ...sec, fields: sec.fields.filter((f) => allowed.has(f.key)) })).filter((sec) => sec.fields.length > 0) };
  return (
    <Layout ctx={ctx} title={t('applications.correction.title', { number: app.trackingNumber ?? '' })}>
      <p class="muted">
        <a href={`/permohonan/${app.trackingNumber}`}>{app.trackingNumber}</a>
      </p>
      <h1>{t('applications.correction.title', { number: app.trackingNumber ?? '' })}</h1>
      <p>{t('applications.correction.intro')}</p>
      <blockquote>{app.correction?.note}</blockquote>
      <ErrorSummary ctx={ctx} errors={errors} labels={labelsOf(ctx, s.form)} />
      <form method="post" action={`/permohonan/${app.trackingNumber}/perbaiki`} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <FormFields ctx={ctx} form={part} values={values} errors={errors} requirements={s.content.requirements} prefillNote={false} />
        <p class="actions">
          <button type="submit">{t('applications.correction.submit')}</button>
        </p>
      </form>
    </Layout>
  );
}
