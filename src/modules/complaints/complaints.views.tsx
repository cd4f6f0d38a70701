// Pages of public complaints: the filing form (no JavaScript needed, 360 px), the guest's code
// page, the receipt with the tracking code (shown once), the status page, and the back office.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../platform/http/errors.ts';
import { DataTable, StatusTag, SummaryList, type Tone } from '../../platform/views/components/index.ts';
import { shortDateTime } from '../../platform/views/components/index.ts';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { ATTACHMENT_MAX_BYTES, BODY_MAX, canTake, complaintCategories, NOTE_MAX, TITLE_MAX, type StaffAction } from './complaints.rules.ts';
import type { PublicVersion, ReporterComplaint, StaffComplaint, StaffListItem } from './complaints.service.ts';
import { complaintKinds, subjectTypes, type ComplaintStatus } from './complaints.tables.ts';
import { messageKeyOr } from '../../platform/views/i18n.ts';

export const COMPLAINTS_PATH = '/pengaduan';
export const ADMIN_COMPLAINTS_PATH = '/kelola/pengaduan';

const statusTone: Record<ComplaintStatus, Tone> = {
  menunggu_konfirmasi: 'neutral',
  diterima: 'info',
  ditunda: 'warning',
  bukan_wewenang: 'neutral',
  diarsipkan: 'neutral',
  didisposisi: 'info',
  ditindaklanjuti: 'info',
  selesai: 'success',
};

export function ComplaintStatusTag({ ctx, status }: { ctx: ViewContext; status: ComplaintStatus }) {
  return <StatusTag tone={statusTone[status]}>{ctx.t(`complaints.status.${status}`)}</StatusTag>;
}

function Radios({ ctx, form, name, label, options, value }: { ctx: ViewContext; form: FormState; name: string; label: string; options: { value: string; label: string }[]; value?: string }) {
  const current = value ?? form.values[name] ?? '';
  const err = form.errors.find((e) => e.field === name);
  return (
    <fieldset class={`field${err ? ' field-error' : ''}`} id={`f-${name}`}>
      <legend>{label}</legend>
      {err && <p class="error-message">{ctx.t(err.key, err.params)}</p>}
      {options.map((o) => (
        <label key={o.value} class="choice">
          <input type="radio" name={name} value={o.value} checked={current === o.value} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

function Check({ name, label, checked, hint }: { name: string; label: string; checked: boolean; hint?: string }) {
  return (
    <div class="field">
      <label class="choice">
        <input type="checkbox" name={name} value="1" checked={checked} /> {label}
      </label>
      {hint && <p class="hint">{hint}</p>}
    </div>
  );
}

export interface FilingOptions {
  services: { slug: string; name: string }[];
  agencies: { id: string; name: string }[];
  applications: { number: string; serviceName: string }[];
}

export type SimilarComplaint = { number: string; title: string; status: ComplaintStatus };

/** The confirm step: similar public complaints; the reporter may follow one or file his own. */
function SimilarList({ ctx, items }: { ctx: ViewContext; items: SimilarComplaint[] }) {
  const { t } = ctx;
  return (
    <section class="notice" role="status">
      <h2>{t('complaints.similar.title')}</h2>
      <p>{t('complaints.similar.lead')}</p>
      <ul>
        {items.map((c) => (
          <li key={c.number}>
            <strong>{c.number}</strong> — {c.title} (<ComplaintStatusTag ctx={ctx} status={c.status} />)
          </li>
        ))}
      </ul>
      <p class="hint">{t('complaints.similar.continue')}</p>
    </section>
  );
}

export function FilingPage({ ctx, form, options, signedIn, similar = [] }: { ctx: ViewContext; form: FormState; options: FilingOptions; signedIn: boolean; similar?: SimilarComplaint[] }) {
  const { t } = ctx;
  const labels: Record<string, string> = {
    kind: t('complaints.f.kind'),
    category: t('complaints.f.category'),
    subjectType: t('complaints.f.subject'),
    service: t('complaints.f.service_when'),
    application: t('complaints.f.application_when'),
    agency: t('complaints.f.agency_when'),
    address: t('complaints.f.address'),
    latitude: t('complaints.f.latitude'),
    longitude: t('complaints.f.longitude'),
    title: t('complaints.f.title'),
    body: t('complaints.f.body'),
    attachment: t('complaints.f.attachment'),
    contact: t('complaints.f.contact'),
  };
  const attErr = form.errors.find((e) => e.field === 'attachment');
  // What the complaint is about decides which of the three pickers is needed (marked required;
  // the others say "optional"); the labels say when each applies, as the form works without JavaScript.
  const subject = form.values.subjectType ?? 'service';
  return (
    <Layout ctx={ctx} title={t('complaints.file.title')}>
      <h1>{t('complaints.file.title')}</h1>
      <p>{t('complaints.file.intro')}</p>
      <p>
        <a href={`${COMPLAINTS_PATH}/lacak`}>{t('complaints.track.link')}</a>
        {signedIn && (
          <>
            {' · '}
            <a href={`${COMPLAINTS_PATH}/saya`}>{t('complaints.mine.title')}</a>
          </>
        )}
      </p>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />
      {similar.length > 0 && <SimilarList ctx={ctx} items={similar} />}
      <form method="post" action={COMPLAINTS_PATH} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        {form.values.checkedSimilar === '1' && <input type="hidden" name="checkedSimilar" value="1" />}
        <Radios ctx={ctx} form={form} name="kind" label={labels.kind!} value={form.values.kind ?? 'pengaduan'} options={complaintKinds.map((k) => ({ value: k, label: t(`complaints.kind.${k}`) }))} />
        <SelectField ctx={ctx} form={form} name="category" label={labels.category!} options={complaintCategories.map((c) => ({ value: c, label: t(`complaints.category.${c}`) }))} />
        <Radios
          ctx={ctx}
          form={form}
          name="subjectType"
          label={labels.subjectType!}
          value={subject}
          options={subjectTypes.filter((s) => s !== 'application' || signedIn).map((s) => ({ value: s, label: t(`complaints.subject.${s}`) }))}
        />
        <SelectField ctx={ctx} form={form} name="service" label={labels.service!} required={subject === 'service'} options={options.services.map((s) => ({ value: s.slug, label: s.name }))} />
        {signedIn && (
          <SelectField ctx={ctx} form={form} name="application" label={labels.application!} required={subject === 'application'} options={options.applications.map((a) => ({ value: a.number, label: `${a.number} — ${a.serviceName}` }))} />
        )}
        <SelectField ctx={ctx} form={form} name="agency" label={labels.agency!} required={subject === 'agency'} options={options.agencies.map((a) => ({ value: a.id, label: a.name }))} />
        <TextField ctx={ctx} form={form} name="address" label={labels.address!} required={false} hint={t('complaints.f.address_hint')} maxLength={300} />
        <TextField ctx={ctx} form={form} name="latitude" label={labels.latitude!} required={false} inputmode="text" hint={t('complaints.f.point_hint')} maxLength={20} />
        <TextField ctx={ctx} form={form} name="longitude" label={labels.longitude!} required={false} inputmode="text" maxLength={20} />
        <TextField ctx={ctx} form={form} name="title" label={labels.title!} maxLength={TITLE_MAX} />
        <TextAreaField ctx={ctx} form={form} name="body" label={labels.body!} hint={t('complaints.f.body_hint')} rows={8} maxLength={BODY_MAX} />
        <div class={`field${attErr ? ' field-error' : ''}`}>
          <label for="f-attachment">
            {labels.attachment} <span class="muted">{t('form.optional')}</span>
          </label>
          <p class="hint">{t('complaints.f.attachment_hint', { mb: ATTACHMENT_MAX_BYTES / 1024 / 1024 })}</p>
          {attErr && <p class="error-message">{t(attErr.key, attErr.params)}</p>}
          <input id="f-attachment" name="attachment" type="file" accept="application/pdf,image/jpeg,image/png" />
        </div>
        {!signedIn && (
          <>
            <h2>{t('complaints.f.guest_heading')}</h2>
            <p class="hint">{t('complaints.f.guest_hint')}</p>
            <TextField ctx={ctx} form={form} name="name" label={t('complaints.f.name')} required={false} autocomplete="name" maxLength={120} />
            <TextField ctx={ctx} form={form} name="contact" label={labels.contact!} hint={t('complaints.f.contact_hint')} autocomplete="email" maxLength={200} />
          </>
        )}
        <Check name="showIdentity" label={t('complaints.f.show_identity')} hint={t('complaints.f.show_identity_hint')} checked={form.values.showIdentity === '1'} />
        <Check name="allowPublish" label={t('complaints.f.allow_publish')} hint={t('complaints.f.allow_publish_hint')} checked={form.values.allowPublish === '1'} />
        <button type="submit">{t('complaints.file.submit')}</button>
      </form>
    </Layout>
  );
}

export function ConfirmPage({ ctx, id, contactMasked, errors, notice }: { ctx: ViewContext; id: string; contactMasked: string; errors?: FieldError[]; notice?: string }) {
  const { t } = ctx;
  const form: FormState = { values: {}, errors: errors ?? [] };
  return (
    <Layout ctx={ctx} title={t('complaints.confirm.title')}>
      <h1>{t('complaints.confirm.title')}</h1>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={{ code: t('complaints.confirm.code') }} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p>{t('complaints.confirm.intro', { contact: contactMasked })}</p>
      <form method="post" action={`${COMPLAINTS_PATH}/konfirmasi/${id}`} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <TextField ctx={ctx} form={form} name="code" label={t('complaints.confirm.code')} inputmode="numeric" autocomplete="one-time-code" maxLength={6} />
        <button type="submit">{t('complaints.confirm.submit')}</button>
      </form>
      <form method="post" action={`${COMPLAINTS_PATH}/konfirmasi/${id}/kirim-ulang`}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <button type="submit" class="secondary">
          {t('complaints.confirm.resend')}
        </button>
      </form>
    </Layout>
  );
}

export function ReceiptPage({ ctx, number, trackingCode }: { ctx: ViewContext; number: string; trackingCode: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaints.receipt.title')}>
      <h1>{t('complaints.receipt.title')}</h1>
      <p class="notice" role="status">
        {t('complaints.receipt.intro', { number })}
      </p>
      <SummaryList
        rows={[
          { label: t('complaints.number'), value: number },
          { label: t('complaints.tracking_code'), value: <strong class="mono">{trackingCode}</strong> },
        ]}
      />
      <p>{t('complaints.receipt.keep')}</p>
      <p>
        <a href={`${COMPLAINTS_PATH}/lacak?kode=${encodeURIComponent(trackingCode)}`}>{t('complaints.receipt.follow')}</a>
      </p>
    </Layout>
  );
}

function Timeline({ ctx, entries }: { ctx: ViewContext; entries: { kind: string; status: string | null; agencyName: string | null; note: string | null; at: Date; visible?: boolean; actorName?: string | null }[] }) {
  return (
    <ol class="timeline">
      {entries.map((e, i) => (
        <li key={i}>
          <strong>{ctx.t(messageKeyOr(`complaints.event.${e.kind}`, 'value.unknown'))}</strong> <span class="muted">{ctx.dateTime(e.at)}</span>
          {e.agencyName && <div>{e.agencyName}</div>}
          {e.actorName && <div class="muted">{e.actorName}</div>}
          {e.visible === false && <div class="muted">{ctx.t('complaints.event.internal')}</div>}
          {e.note && <p class="pre">{e.note}</p>}
        </li>
      ))}
    </ol>
  );
}

function ReporterDetails({ ctx, c }: { ctx: ViewContext; c: ReporterComplaint }) {
  const { t } = ctx;
  return (
    <>
      <SummaryList
        rows={[
          { label: t('complaints.number'), value: c.number },
          { label: t('complaints.f.kind'), value: t(`complaints.kind.${c.kind}`) },
          { label: t('complaints.f.category'), value: t(messageKeyOr(`complaints.category.${c.category}`, 'value.unknown')) },
          { label: t('complaints.status'), value: <ComplaintStatusTag ctx={ctx} status={c.status} /> },
          { label: t('complaints.f.service'), value: c.serviceName },
          { label: t('complaints.agency'), value: c.agencyName },
          { label: t('complaints.f.address'), value: c.address },
          { label: t('complaints.submitted_at'), value: c.submittedAt ? ctx.dateTime(c.submittedAt) : null },
          { label: t('complaints.rating'), value: c.rating ? t('complaints.rating_value', { n: c.rating }) : null },
        ]}
      />
      {c.original && (
        <section>
          <h2>{t('complaints.duplicate.heading', { number: c.original.number })}</h2>
          <p>{t('complaints.duplicate.lead')}</p>
          <SummaryList
            rows={[
              { label: t('complaints.number'), value: c.original.number },
              { label: t('complaints.status'), value: <ComplaintStatusTag ctx={ctx} status={c.original.status} /> },
            ]}
          />
          <Timeline ctx={ctx} entries={c.original.timeline} />
        </section>
      )}
      <h2>{c.title}</h2>
      <p class="pre">{c.body}</p>
      <h2>{t('complaints.timeline')}</h2>
      <Timeline ctx={ctx} entries={c.timeline} />
    </>
  );
}

function ReporterActions({ ctx, c, action, hidden }: { ctx: ViewContext; c: ReporterComplaint; action: string; hidden: Record<string, string> }) {
  const { t } = ctx;
  const hiddenInputs = Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />);
  const empty: FormState = { values: {}, errors: [] };
  return (
    <>
      {c.canRate && (
        <form method="post" action={`${action}/nilai`} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          {hiddenInputs}
          <h2>{t('complaints.rate.title')}</h2>
          <SelectField ctx={ctx} form={empty} name="rating" label={t('complaints.rating')} options={([5, 4, 3, 2, 1] as const).map((n) => ({ value: String(n), label: t(`complaints.rate.${n}`) }))} />
          <TextAreaField ctx={ctx} form={empty} name="comment" label={t('complaints.rate.comment')} required={false} rows={3} maxLength={NOTE_MAX} />
          <button type="submit">{t('complaints.rate.submit')}</button>
        </form>
      )}
      {c.canReopen && (
        <form method="post" action={`${action}/buka-kembali`} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          {hiddenInputs}
          <h2>{t('complaints.reopen.title')}</h2>
          <TextAreaField ctx={ctx} form={empty} name="reason" label={t('complaints.reopen.reason')} rows={3} maxLength={NOTE_MAX} />
          <button type="submit" class="secondary">
            {t('complaints.reopen.submit')}
          </button>
        </form>
      )}
    </>
  );
}

/** "Hapus data diri saya dari versi publik": takes the reporter's name and contact out of the public version. */
function RemoveDetailsForm({ ctx, c, action, hidden }: { ctx: ViewContext; c: ReporterComplaint; action: string; hidden: Record<string, string> }) {
  const { t } = ctx;
  if (c.detailsRemoved) return <p class="muted">{t('complaints.remove_details.already')}</p>;
  return (
    <form method="post" action={action}>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {Object.entries(hidden).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <p class="hint">{t('complaints.remove_details.hint')}</p>
      <button type="submit" class="secondary">
        {t('complaints.remove_details.button')}
      </button>
    </form>
  );
}

export function TrackPage({ ctx, code, result, notFound, notice }: { ctx: ViewContext; code: string; result?: ReporterComplaint | null; notFound?: boolean; notice?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaints.track.title')}>
      <h1>{t('complaints.track.title')}</h1>
      <form method="get" action={`${COMPLAINTS_PATH}/lacak`}>
        <div class="field">
          <label for="f-kode">{t('complaints.tracking_code')}</label>
          <p class="hint">{t('complaints.track.hint')}</p>
          <input id="f-kode" name="kode" type="text" value={code} maxLength={20} autocomplete="off" />
        </div>
        <button type="submit">{t('complaints.track.submit')}</button>
      </form>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {notFound && (
        <p class="notice" role="status">
          {t('complaints.track.not_found')}
        </p>
      )}
      {result && (
        <section>
          <ReporterDetails ctx={ctx} c={result} />
          {result.status === 'selesai' && (
            <p>
              <a href={`/ikm/survei/pengaduan?kode=${encodeURIComponent(code)}`}>{t('complaints.survey_link')}</a>
            </p>
          )}
          <ReporterActions ctx={ctx} c={result} action={`${COMPLAINTS_PATH}/lacak`} hidden={{ kode: code }} />
          <RemoveDetailsForm ctx={ctx} c={result} action={`${COMPLAINTS_PATH}/lacak/hapus-data-diri`} hidden={{ kode: code }} />
        </section>
      )}
    </Layout>
  );
}

export function MyComplaintsPage({ ctx, items }: { ctx: ViewContext; items: { number: string; title: string; status: ComplaintStatus; submittedAt: Date | null }[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaints.mine.title')}>
      <h1>{t('complaints.mine.title')}</h1>
      <p>
        <a href={COMPLAINTS_PATH}>{t('complaints.file.title')}</a>
      </p>
      <DataTable
        ctx={ctx}
        rows={items}
        rowKey={(r) => r.number}
        empty={t('complaints.mine.empty')}
        columns={[
          { key: 'number', label: t('complaints.number'), primary: true, cell: (r) => <a href={`${COMPLAINTS_PATH}/saya/${r.number}`}>{r.number}</a> },
          { key: 'title', label: t('complaints.f.title'), cell: (r) => r.title },
          { key: 'status', label: t('complaints.status'), cell: (r) => <ComplaintStatusTag ctx={ctx} status={r.status} /> },
          { key: 'at', label: t('complaints.submitted_at'), nowrap: true, cell: (r) => (r.submittedAt ? shortDateTime(ctx, r.submittedAt) : '—') },
        ]}
      />
    </Layout>
  );
}

export function MyComplaintPage({ ctx, c, notice }: { ctx: ViewContext; c: ReporterComplaint; notice?: string }) {
  return (
    <Layout ctx={ctx} title={c.number}>
      <p class="muted">
        <a href={`${COMPLAINTS_PATH}/saya`}>{ctx.t('complaints.mine.title')}</a>
      </p>
      <h1>{c.number}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ReporterDetails ctx={ctx} c={c} />
      <ReporterActions ctx={ctx} c={c} action={`${COMPLAINTS_PATH}/saya/${c.number}`} hidden={{}} />
      <RemoveDetailsForm ctx={ctx} c={c} action={`${COMPLAINTS_PATH}/saya/${c.number}/hapus-data-diri`} hidden={{}} />
    </Layout>
  );
}

// Back office

export function AdminListPage({ ctx, items, status }: { ctx: ViewContext; items: StaffListItem[]; status: string }) {
  const { t } = ctx;
  const statuses: ComplaintStatus[] = ['diterima', 'ditunda', 'didisposisi', 'ditindaklanjuti', 'selesai', 'bukan_wewenang', 'diarsipkan'];
  return (
    <Layout ctx={ctx} face="backoffice" title={t('complaints.admin.title')}>
      <h1>{t('complaints.admin.title')}</h1>
      <form method="get" action={ADMIN_COMPLAINTS_PATH} class="filter-bar">
        <div class="field">
          <label for="f-status">{t('complaints.status')}</label>
          <select id="f-status" name="status">
            <option value="">{t('complaints.admin.all')}</option>
            {statuses.map((s) => (
              <option key={s} value={s} selected={s === status}>
                {t(`complaints.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('complaints.admin.filter')}</button>
      </form>
      <DataTable
        ctx={ctx}
        rows={items}
        rowKey={(r) => r.id}
        empty={t('complaints.admin.empty')}
        columns={[
          { key: 'number', label: t('complaints.number'), primary: true, nowrap: true, cell: (r) => <a href={`${ADMIN_COMPLAINTS_PATH}/${r.id}`}>{r.number}</a> },
          { key: 'title', label: t('complaints.f.title'), cell: (r) => r.title },
          { key: 'status', label: t('complaints.status'), cell: (r) => <ComplaintStatusTag ctx={ctx} status={r.status} /> },
          { key: 'agency', label: t('complaints.agency'), cell: (r) => r.routedAgencyName ?? '—' },
          {
            key: 'due',
            label: t('complaints.due'),
            nowrap: true,
            cell: (r) => (r.dueAt ? <span>{shortDateTime(ctx, r.dueAt)}{r.overdue ? <> <StatusTag tone="danger">{t('complaints.overdue')}</StatusTag></> : null}</span> : '—'),
          },
        ]}
      />
    </Layout>
  );
}

function ActionForm({ ctx, id, action, children, submit }: { ctx: ViewContext; id: string; action: StaffAction; children?: ComponentChildren; submit: string }) {
  return (
    <form method="post" action={`${ADMIN_COMPLAINTS_PATH}/${id}/tindakan`} class="action-form" novalidate>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="action" value={action} />
      {children}
      <button type="submit">{submit}</button>
    </form>
  );
}

export function AdminDetailPage({
  ctx,
  c,
  agencies,
  coordinator,
  handler,
  errors,
  notice,
}: {
  ctx: ViewContext;
  c: StaffComplaint;
  agencies: { id: string; name: string }[];
  coordinator: boolean;
  handler: boolean;
  errors?: FieldError[];
  notice?: string;
}) {
  const { t } = ctx;
  const form: FormState = { values: {}, errors: errors ?? [] };
  const agencyOptions = agencies.map((a) => ({ value: a.id, label: a.name }));
  const note = (label: string, required = true) => <TextAreaField ctx={ctx} form={form} name="note" label={label} required={required} rows={3} maxLength={NOTE_MAX} />;
  return (
    <Layout ctx={ctx} face="backoffice" title={c.number}>
      <p class="muted">
        <a href={ADMIN_COMPLAINTS_PATH}>{t('complaints.admin.title')}</a>
      </p>
      <h1>{c.number}</h1>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={{ note: t('complaints.admin.note'), agencyId: t('complaints.agency'), original: t('complaints.admin.original_number') }} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <SummaryList
        rows={[
          { label: t('complaints.status'), value: <ComplaintStatusTag ctx={ctx} status={c.status} /> },
          { label: t('complaints.f.kind'), value: t(`complaints.kind.${c.kind}`) },
          { label: t('complaints.f.category'), value: t(messageKeyOr(`complaints.category.${c.category}`, 'value.unknown')) },
          { label: t('complaints.f.subject'), value: t(`complaints.subject.${c.subjectType}`) },
          { label: t('complaints.f.service'), value: c.serviceName },
          { label: t('complaints.f.application'), value: c.applicationNumber },
          { label: t('complaints.f.address'), value: c.address },
          { label: t('complaints.point'), value: c.latitude && c.longitude ? `${c.latitude}, ${c.longitude}` : null },
          { label: t('complaints.agency'), value: c.routedAgencyName },
          { label: t('complaints.reporter'), value: c.reporter ? [c.reporter.name, c.reporter.email, c.reporter.phone].filter(Boolean).join(' · ') : t('complaints.reporter_hidden') },
          { label: t('complaints.submitted_at'), value: c.submittedAt ? ctx.dateTime(c.submittedAt) : null },
          {
            label: t('complaints.verify_due'),
            value: c.verifyDueAt ? (
              <span>
                {ctx.dateTime(c.verifyDueAt)}
                {c.verifyOverdue ? <> <StatusTag tone="danger">{t('complaints.overdue')}</StatusTag></> : null}
              </span>
            ) : null,
          },
          {
            label: t('complaints.response_due'),
            value: c.responseDueAt ? (
              <span>
                {ctx.dateTime(c.responseDueAt)}
                {c.responseOverdue ? <> <StatusTag tone="danger">{t('complaints.overdue')}</StatusTag></> : null}
              </span>
            ) : null,
          },
          {
            label: t('complaints.resolve_due'),
            value: c.resolveDueAt ? (
              <span>
                {ctx.dateTime(c.resolveDueAt)} ({t(messageKeyOr(`complaints.tier.${c.tier ?? 'biasa'}`, 'value.unknown'))})
                {c.escalated ? <> <StatusTag tone="danger">{t('complaints.escalated')}</StatusTag></> : null}
              </span>
            ) : null,
          },
          { label: t('complaints.duplicate_of'), value: c.duplicateOf ? <a href={`${ADMIN_COMPLAINTS_PATH}/${c.duplicateOf.id}`}>{c.duplicateOf.number}</a> : null },
          { label: 'SP4N-LAPOR!', value: c.lapor ? (c.lapor.state === 'sent' ? `${c.lapor.remoteId ?? ''} · ${c.lapor.remoteStatus ?? ''}` : t('complaints.lapor.pending', { n: c.lapor.attempts })) : null },
          { label: t('complaints.hold_reason'), value: c.holdReason },
          { label: t('complaints.rating'), value: c.rating ? `${t('complaints.rating_value', { n: c.rating })}${c.ratingComment ? ` — ${c.ratingComment}` : ''}` : null },
        ]}
      />
      <h2>{c.title}</h2>
      <p class="pre">{c.body}</p>
      {c.attachments.length > 0 && (
        <ul>
          {c.attachments.map((a) => (
            <li key={a.id}>
              <a href={`${COMPLAINTS_PATH}/lampiran/${c.id}/${a.id}`}>{a.filename}</a>
            </li>
          ))}
        </ul>
      )}
      {coordinator && canTake('verify', c.status) && (
        <section>
          <h2>{t('complaints.admin.verify_heading')}</h2>
          <ActionForm ctx={ctx} id={c.id} action="verify" submit={t('complaints.action.verify')}>
            <SelectField ctx={ctx} form={form} name="agencyId" label={t('complaints.admin.route_to')} options={agencyOptions} value={c.suggestedAgencyId ?? c.aboutAgencyId ?? ''} />
            {note(t('complaints.admin.note'), false)}
          </ActionForm>
          {canTake('hold', c.status) && (
            <ActionForm ctx={ctx} id={c.id} action="hold" submit={t('complaints.action.hold')}>
              {note(t('complaints.admin.hold_reason'))}
            </ActionForm>
          )}
          <ActionForm ctx={ctx} id={c.id} action="not_authority" submit={t('complaints.action.not_authority')}>
            {note(t('complaints.admin.not_authority_note'))}
          </ActionForm>
          <ActionForm ctx={ctx} id={c.id} action="archive" submit={t('complaints.action.archive')}>
            {note(t('complaints.admin.archive_note'))}
          </ActionForm>
        </section>
      )}
      {coordinator && canTake('reroute', c.status) && (
        <section>
          <h2>{t('complaints.action.reroute')}</h2>
          <ActionForm ctx={ctx} id={c.id} action="reroute" submit={t('complaints.action.reroute')}>
            <SelectField ctx={ctx} form={form} name="agencyId" label={t('complaints.admin.route_to')} options={agencyOptions.filter((a) => a.value !== c.routedAgencyId)} />
            {note(t('complaints.admin.reroute_reason'))}
          </ActionForm>
        </section>
      )}
      {coordinator && !c.duplicateOf && c.status !== 'selesai' && c.status !== 'diarsipkan' && (
        <section>
          <h2>{t('complaints.admin.duplicate_heading')}</h2>
          <form method="post" action={`${ADMIN_COMPLAINTS_PATH}/${c.id}/duplikat`} novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <TextField ctx={ctx} form={form} name="original" label={t('complaints.admin.original_number')} maxLength={40} />
            <button type="submit" class="secondary">
              {t('complaints.admin.mark_duplicate')}
            </button>
          </form>
        </section>
      )}
      {coordinator && (
        <section>
          <h2>{t('complaints.publish.section')}</h2>
          {c.publicVersion ? (
            <>
              {c.publicVersion.publishedAt && <p class="muted">{t('complaints.publish.published_at', { date: ctx.dateTime(c.publicVersion.publishedAt) })}</p>}
              <PublicVersionView ctx={ctx} v={c.publicVersion} />
            </>
          ) : (
            <p class="muted">{c.allowPublish ? t('complaints.publish.none') : t('complaints.publish.not_allowed')}</p>
          )}
          {c.allowPublish && c.status !== 'diarsipkan' && (
            <p>
              <a class="button secondary" href={`${ADMIN_COMPLAINTS_PATH}/${c.id}/terbitkan`}>
                {t('complaints.publish.start')}
              </a>
            </p>
          )}
        </section>
      )}
      {coordinator && !c.lapor && (
        <form method="post" action={`${ADMIN_COMPLAINTS_PATH}/${c.id}/lapor`}>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <button type="submit" class="secondary">
            {t('complaints.admin.forward_lapor')}
          </button>
        </form>
      )}
      {handler && canTake('respond', c.status) && (
        <section>
          <h2>{t('complaints.admin.respond_heading')}</h2>
          <ActionForm ctx={ctx} id={c.id} action="respond" submit={t('complaints.action.respond')}>
            {note(t('complaints.admin.response'))}
          </ActionForm>
          <ActionForm ctx={ctx} id={c.id} action="resolve" submit={t('complaints.action.resolve')}>
            {note(t('complaints.admin.resolution'), false)}
          </ActionForm>
        </section>
      )}
      <h2>{t('complaints.timeline')}</h2>
      <Timeline ctx={ctx} entries={c.timeline} />
    </Layout>
  );
}

/** Exactly what the public sees: title, text, location (already masked). */
function PublicVersionView({ ctx, v }: { ctx: ViewContext; v: PublicVersion }) {
  const { t } = ctx;
  return (
    <div class="public-preview">
      <SummaryList
        rows={[
          { label: t('complaints.publish.f.title'), value: v.title },
          { label: t('complaints.publish.f.body'), value: <span style="white-space: pre-line">{v.body}</span> },
          { label: t('complaints.publish.f.address'), value: v.address },
        ]}
      />
    </div>
  );
}

/**
 * The coordinator's preview before publishing (no JavaScript): the masked public version, a form
 * to edit it (the edit is previewed, masked again), and the confirm that publishes exactly the
 * previewed text.
 */
export function PublishPreviewPage({ ctx, c, preview, edit, errors }: { ctx: ViewContext; c: { id: string; number: string }; preview: PublicVersion | null; edit: { title: string; body: string; address: string }; errors?: FieldError[] }) {
  const { t } = ctx;
  const form: FormState = { values: edit, errors: errors ?? [] };
  const action = `${ADMIN_COMPLAINTS_PATH}/${c.id}/terbitkan`;
  return (
    <Layout ctx={ctx} face="backoffice" title={t('complaints.publish.title')}>
      <p class="muted">
        <a href={`${ADMIN_COMPLAINTS_PATH}/${c.id}`}>{c.number}</a>
      </p>
      <h1>{t('complaints.publish.title')}</h1>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={{ title: t('complaints.publish.f.title'), body: t('complaints.publish.f.body') }} />
      <p>{t('complaints.publish.lead')}</p>
      {preview && (
        <section>
          <h2>{t('complaints.publish.preview_heading')}</h2>
          <PublicVersionView ctx={ctx} v={preview} />
          <form method="post" action={action}>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="step" value="confirm" />
            <input type="hidden" name="title" value={preview.title} />
            <input type="hidden" name="body" value={preview.body} />
            <input type="hidden" name="address" value={preview.address ?? ''} />
            <button type="submit">{t('complaints.publish.confirm')}</button>
          </form>
        </section>
      )}
      <section>
        <h2>{t('complaints.publish.edit_heading')}</h2>
        <form method="post" action={action} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <input type="hidden" name="step" value="preview" />
          <TextField ctx={ctx} form={form} name="title" label={t('complaints.publish.f.title')} maxLength={TITLE_MAX} />
          <TextAreaField ctx={ctx} form={form} name="body" label={t('complaints.publish.f.body')} rows={8} maxLength={BODY_MAX} />
          <TextField ctx={ctx} form={form} name="address" label={t('complaints.publish.f.address')} maxLength={500} />
          <button type="submit" class="secondary">
            {t('complaints.publish.refresh')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

export const OPEN311_ADMIN_PATH = `${ADMIN_COMPLAINTS_PATH}/open311`;

export function Open311ClientsPage({ ctx, clients, newKey, errors }: { ctx: ViewContext; clients: { id: string; name: string; createdAt: Date; revokedAt: Date | null }[]; newKey?: { name: string; key: string }; errors?: FieldError[] }) {
  const { t } = ctx;
  const form: FormState = { values: {}, errors: errors ?? [] };
  return (
    <Layout ctx={ctx} face="backoffice" title={t('complaints.open311.admin_title')}>
      <h1>{t('complaints.open311.admin_title')}</h1>
      <p>{t('complaints.open311.admin_intro')}</p>
      {newKey && (
        <div class="notice" role="status">
          <p>{t('complaints.open311.key_once', { name: newKey.name })}</p>
          <p>
            <strong class="mono">{newKey.key}</strong>
          </p>
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={form.errors} labels={{ name: t('complaints.open311.client_name') }} />
      <form method="post" action={OPEN311_ADMIN_PATH} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <TextField ctx={ctx} form={form} name="name" label={t('complaints.open311.client_name')} maxLength={120} />
        <button type="submit">{t('complaints.open311.issue')}</button>
      </form>
      <DataTable
        ctx={ctx}
        rows={clients}
        rowKey={(r) => r.id}
        empty={t('complaints.open311.none')}
        columns={[
          { key: 'name', label: t('complaints.open311.client_name'), primary: true, cell: (r) => r.name },
          { key: 'created', label: t('complaints.open311.issued_at'), nowrap: true, cell: (r) => shortDateTime(ctx, r.createdAt) },
          {
            key: 'state',
            label: t('complaints.status'),
            cell: (r) =>
              r.revokedAt ? (
                <StatusTag tone="neutral">{t('complaints.open311.revoked')}</StatusTag>
              ) : (
                <form method="post" action={`${OPEN311_ADMIN_PATH}/${r.id}/cabut`}>
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <button type="submit" class="secondary">
                    {t('complaints.open311.revoke')}
                  </button>
                </form>
              ),
          },
        ]}
      />
    </Layout>
  );
}
