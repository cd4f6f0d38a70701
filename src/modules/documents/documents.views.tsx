// Pages of issued documents (P-12): the public verification (/verifikasi, /verifikasi/:code,
// the file check), the holder's "Dokumen saya" and the agency's list with revocation.
// Everything works without JavaScript.
import { DataTable } from '../../platform/views/components/index.ts';
import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDate } from '../../platform/views/i18n.ts';
import type { DocumentView, Verification } from './documents.service.ts';
import type { DocumentState } from './documents.signing.ts';
import { Validity, type DocumentWithValidity } from './reminders.views.tsx';

export const VERIFY_PATH = '/verifikasi';
export const MY_DOCUMENTS_PATH = '/dokumen';
export const ADMIN_DOCUMENTS_PATH = '/kelola/dokumen';

/** A `YYYY-MM-DD` calendar date in the reader's language. */
export const calendarDate = (ctx: ViewContext, d: string) => formatDate(ctx.locale, new Date(`${d}T12:00:00Z`), 'UTC');

export function stateLabel(ctx: ViewContext, s: DocumentState): string {
  return ctx.t(`documents.state.${s}`);
}

function CodeForm({ ctx, code }: { ctx: ViewContext; code?: string }) {
  const { t } = ctx;
  return (
    <form method="get" action={VERIFY_PATH}>
      <div class="field">
        <label for="f-kode">{t('documents.verify.code')}</label>
        <p class="hint" id="f-kode-hint">
          {t('documents.verify.code_hint')}
        </p>
        <input id="f-kode" name="kode" type="text" value={code ?? ''} maxLength={64} autocomplete="off" spellcheck={false} aria-describedby="f-kode-hint" />
      </div>
      <button type="submit">{t('documents.verify.check')}</button>
    </form>
  );
}

function UploadForm({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const { t } = ctx;
  const err = form.errors.find((e) => e.field === 'file');
  return (
    <section aria-labelledby="h-upload">
      <h2 id="h-upload">{t('documents.verify.upload_heading')}</h2>
      <form method="post" action={`${VERIFY_PATH}/periksa`} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class={err ? 'field field-error' : 'field'}>
          <label for="f-file">{t('documents.verify.file')}</label>
          <p class="hint" id="f-file-hint">
            {t('documents.verify.file_hint')}
          </p>
          {err && (
            <p class="error-message" id="f-file-error">
              {t(err.key, err.params)}
            </p>
          )}
          <input id="f-file" name="file" type="file" accept="application/pdf,.pdf" aria-describedby={err ? 'f-file-hint f-file-error' : 'f-file-hint'} aria-invalid={err ? 'true' : undefined} />
        </div>
        <button type="submit">{t('documents.verify.upload')}</button>
      </form>
    </section>
  );
}

/** The facts of a verified document and its state, as the public sees them. */
function VerificationFacts({ ctx, v }: { ctx: ViewContext; v: Verification }) {
  const { t } = ctx;
  const d = v.doc;
  return (
    <>
      {!v.signatureValid ? (
        <p class="notice warn" role="alert">
          <strong>{t('documents.verify.bad_signature')}</strong>
        </p>
      ) : (
        <div class={v.state === 'valid' ? 'notice' : 'notice warn'} role="status">
          <p>
            <strong>{t('documents.verify.genuine')}</strong> — {t('documents.verify.genuine_text', { agency: d.agencyName })}
          </p>
          <p>
            <strong>
              {v.state === 'valid' && t('documents.verify.state_valid')}
              {v.state === 'expired' && t('documents.verify.state_expired', { date: calendarDate(ctx, d.validUntil!) })}
              {v.state === 'revoked' && t('documents.verify.state_revoked', { date: ctx.date(d.revokedAt!), reason: d.revokeReason ?? '' })}
            </strong>
          </p>
        </div>
      )}
      <dl class="facts">
        <dt>{t('documents.title_col')}</dt>
        <dd>{d.title}</dd>
        <dt>{t('documents.number')}</dt>
        <dd>{d.number}</dd>
        <dt>{t('documents.holder')}</dt>
        <dd>{d.holderName}</dd>
        {d.holderNikMasked && (
          <>
            <dt>{t('documents.nik')}</dt>
            <dd>{d.holderNikMasked}</dd>
          </>
        )}
        {d.permitted && (
          <>
            <dt>{t('documents.permitted')}</dt>
            <dd>{d.permitted}</dd>
          </>
        )}
        <dt>{t('documents.issued_at')}</dt>
        <dd>{ctx.dateTime(d.issuedAt)}</dd>
        <dt>{t('documents.issued_by')}</dt>
        <dd>
          {d.issuedByName}, {d.issuedByPosition}
          <br />
          {d.agencyName}
        </dd>
        <dt>{t('documents.validity')}</dt>
        <dd>{d.validUntil ? t('documents.valid_until', { date: calendarDate(ctx, d.validUntil) }) : t('documents.no_expiry')}</dd>
        <dt>{t('documents.state')}</dt>
        <dd>
          <strong>{stateLabel(ctx, v.state)}</strong>
        </dd>
      </dl>
    </>
  );
}

export function VerifyPage({
  ctx,
  code,
  result,
  notFound,
  fileResult,
  form,
}: {
  ctx: ViewContext;
  code?: string;
  /** The document the code names. */
  result?: Verification;
  notFound?: boolean;
  /** The outcome of a file check: the matching document, or null when nothing matches. */
  fileResult?: Verification | null;
  form?: FormState;
}) {
  const { t } = ctx;
  const f = form ?? { values: {}, errors: [] };
  return (
    <Layout ctx={ctx} title={t('documents.verify.title')}>
      <h1>{t('documents.verify.title')}</h1>
      {notFound && (
        <div class="error-summary" role="alert">
          <h2>{t('documents.verify.not_found_title')}</h2>
          <p>{t('documents.verify.not_found')}</p>
        </div>
      )}
      {fileResult === null && (
        <div class="error-summary" role="alert">
          <h2>{t('documents.verify.file_mismatch_title')}</h2>
          <p>{t('documents.verify.file_mismatch')}</p>
        </div>
      )}
      {fileResult && (
        <section aria-labelledby="h-file">
          <h2 id="h-file">{t('documents.verify.file_genuine', { number: fileResult.doc.number })}</h2>
          <VerificationFacts ctx={ctx} v={fileResult} />
        </section>
      )}
      {result && (
        <section aria-labelledby="h-result">
          <h2 id="h-result">
            {result.doc.title} — {result.doc.number}
          </h2>
          <VerificationFacts ctx={ctx} v={result} />
        </section>
      )}
      {!result && <p class="lead">{t('documents.verify.lead')}</p>}
      <ErrorSummary ctx={ctx} errors={f.errors} labels={{ file: t('documents.verify.file') }} />
      <CodeForm ctx={ctx} code={code} />
      <UploadForm ctx={ctx} form={f} />
    </Layout>
  );
}

export function MyDocumentsPage({ ctx, items, now }: { ctx: ViewContext; items: DocumentWithValidity[]; now: Date }) {
  const { t } = ctx;
  void now;
  return (
    <Layout ctx={ctx} title={t('documents.mine.title')}>
      <h1>{t('documents.mine.title')}</h1>
      <p class="lead">{t('documents.mine.lead')}</p>
      {/* Stacked rows on narrow screens keep "Unduh PDF" in view (no sideways scrolling). */}
      <DataTable
        ctx={ctx}
        caption={t('documents.mine.title')}
        captionHidden
        rows={items}
        rowKey={(d) => d.id}
        empty={t('documents.mine.none')}
        columns={[
          {
            key: 'title',
            label: t('documents.title_col'),
            primary: true,
            cell: (d) => (
              <>
                <a href={`${MY_DOCUMENTS_PATH}/${d.id}`}>{d.title}</a>
                <br />
                <span class="muted">{d.source === 'simpul' ? d.agencyName : t(`documents.source.${d.source}`)}</span>
              </>
            ),
          },
          { key: 'number', label: t('documents.number'), cell: (d) => d.number },
          { key: 'issued', label: t('documents.issued_at'), nowrap: true, cell: (d) => ctx.date(d.issuedAt) },
          {
            key: 'validity',
            label: t('documents.validity'),
            cell: (d) => (
              <>
                <Validity ctx={ctx} d={d} />
                {d.reminders.length > 0 && (
                  <>
                    <br />
                    <span class="muted">{t('documents.reminders.count', { count: d.reminders.length })}</span>
                  </>
                )}
              </>
            ),
          },
          {
            key: 'state',
            label: t('documents.state'),
            cell: (d) => (
              <>
                {stateLabel(ctx, d.state)}
                {d.state === 'revoked' && d.revokeReason && (
                  <>
                    <br />
                    <span class="muted">{d.revokeReason}</span>
                  </>
                )}
              </>
            ),
          },
        ]}
        actionsLabel={t('documents.admin.actions')}
        actions={(d) => (
          <>
            {/* The visible text starts the accessible name (axe: label-content-name-mismatch). */}
            <a href={`${MY_DOCUMENTS_PATH}/${d.id}/unduh`}>
              {t('documents.download')}
              <span class="visually-hidden"> — {d.title} {d.number}</span>
            </a>
            {' · '}
            <a href={`${VERIFY_PATH}/${d.verificationCode}`}>{t('documents.verify_link')}</a>
          </>
        )}
      />
    </Layout>
  );
}

/** `/kelola/dokumen?tampil=akan-kedaluwarsa`: valid documents whose last day is within 60 days (P-8). */
export const EXPIRING_FILTER = 'akan-kedaluwarsa';
export const EXPIRING_DAYS = 60;

export function AdminDocumentsPage({
  ctx,
  items,
  notice,
  failed,
  filter,
}: {
  ctx: ViewContext;
  items: DocumentWithValidity[];
  /** The "Akan kedaluwarsa" filter is on. */
  filter?: string;
  notice?: string;
  /** A refused revocation: which document, what was typed and why. */
  failed?: { id: string; form: FormState };
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('documents.admin.title')} face="backoffice">
      <nav aria-label={t('system.crumbs')}>
        <p>
          <a href="/kelola">{t('nav.backoffice')}</a>
        </p>
      </nav>
      <h1>{t('documents.admin.title')}</h1>
      <p class="lead">{t('documents.admin.lead')}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {failed && <ErrorSummary ctx={ctx} errors={failed.form.errors.map((e) => ({ ...e, field: `reason-${failed.id}` }))} labels={{ [`reason-${failed.id}`]: t('documents.revoke.reason') }} />}
      <form method="get" action={ADMIN_DOCUMENTS_PATH} class="filters">
        <div class="field">
          <label for="f-tampil">{t('documents.filter.label')}</label>
          <select id="f-tampil" name="tampil">
            <option value="" selected={filter !== EXPIRING_FILTER}>
              {t('documents.filter.all')}
            </option>
            <option value={EXPIRING_FILTER} selected={filter === EXPIRING_FILTER}>
              {t('documents.filter.expiring')}
            </option>
          </select>
        </div>
        <button type="submit">{t('documents.filter.apply')}</button>
      </form>
      {items.length === 0 ? (
        <p>{filter === EXPIRING_FILTER ? t('documents.filter.none_expiring') : t('documents.admin.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table aria-label={t('documents.admin.title')}>
            <thead>
              <tr>
                <th scope="col">{t('documents.number')}</th>
                <th scope="col">{t('documents.title_col')}</th>
                <th scope="col">{t('documents.holder')}</th>
                <th scope="col">{t('documents.issued_at')}</th>
                <th scope="col">{t('documents.validity')}</th>
                <th scope="col">{t('documents.state')}</th>
                <th scope="col">{t('documents.admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => {
                const err = failed?.id === d.id ? failed.form.errors[0] : undefined;
                const typed = failed?.id === d.id ? (failed.form.values.reason ?? '') : '';
                return (
                  <tr key={d.id}>
                    <td>
                      <a href={`${VERIFY_PATH}/${d.verificationCode}`}>{d.number}</a>
                    </td>
                    <td>
                      {d.title}
                      {d.trackingNumber && (
                        <>
                          <br />
                          <span class="muted">{d.trackingNumber}</span>
                        </>
                      )}
                      {d.renewsNumber && (
                        <>
                          <br />
                          <span class="muted">{t('documents.renewal.from', { number: d.renewsNumber })}</span>
                        </>
                      )}
                    </td>
                    <td>{d.holderName}</td>
                    <td>{ctx.date(d.issuedAt)}</td>
                    <td>
                      <Validity ctx={ctx} d={d} />
                    </td>
                    <td>
                      {stateLabel(ctx, d.state)}
                      {d.state === 'revoked' && d.revokedAt && (
                        <>
                          <br />
                          <span class="muted">{t('documents.revoke.revoked_by', { name: d.revokedByName ?? '', date: ctx.date(d.revokedAt), reason: d.revokeReason ?? '' })}</span>
                        </>
                      )}
                    </td>
                    <td>
                      {d.status !== 'revoked' && (
                        <PostForm ctx={ctx} action={`${ADMIN_DOCUMENTS_PATH}/${d.id}/cabut`}>
                          <div class={err ? 'field field-error' : 'field'}>
                            <label for={`f-reason-${d.id}`}>{t('documents.revoke.reason')}</label>
                            {err && (
                              <p class="error-message" id={`reason-${d.id}-error`}>
                                {t(err.key, err.params)}
                              </p>
                            )}
                            <input
                              id={`f-reason-${d.id}`}
                              name="reason"
                              type="text"
                              maxLength={1000}
                              value={typed}
                              aria-label={t('documents.revoke.reason_label', { number: d.number })}
                              aria-invalid={err ? 'true' : undefined}
                              aria-describedby={err ? `reason-${d.id}-error` : undefined}
                            />
                          </div>
                          <button type="submit" class="button danger">
                            {t('documents.revoke.submit')}
                          </button>
                        </PostForm>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
