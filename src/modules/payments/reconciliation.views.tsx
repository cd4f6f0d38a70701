// Back-office pages of reconciliation (P-7): statement import with line-by-line errors, the
// import's progress (refreshes itself while running, no JavaScript needed), saved column
// mappings, and the manual matching queue. Everything works without JavaScript.
import { Fragment } from 'preact';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm, SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDate, formatRupiah, messageKeyOr } from '../../platform/views/i18n.ts';
import type { StatementIssue } from './statement.ts';
import type { BankAccountView, CreditView, ImportView, MappingChoice, SavedMapping } from './reconciliation.service.ts';
import { statementPresetIds, statementPresets } from './statement-presets.ts';

export const IMPORT_PATH = '/kelola/keuangan/impor-mutasi';
export const MAPPINGS_PATH = '/kelola/keuangan/impor-mutasi/format';
export const QUEUE_PATH = '/kelola/keuangan/pencocokan';
export const REFRESH_SECONDS = 3;

const calendarDate = (ctx: ViewContext, d: string) => formatDate(ctx.locale, new Date(`${d}T12:00:00Z`), 'UTC');

/** Which column of the file a line problem is about. */
function issueColumn(ctx: ViewContext, key: string): string {
  const k = key.replace('payments.statement.', '');
  if (k === 'bad_date') return ctx.t('payments.recon.col.date');
  if (['bad_amount', 'cents', 'amount_too_large', 'no_amount', 'debit_and_credit'].includes(k)) return ctx.t('payments.recon.col.amount');
  if (k === 'bad_balance') return ctx.t('payments.recon.col.balance');
  if (k === 'bad_direction') return ctx.t('payments.recon.col.indicator');
  return ctx.t('payments.recon.col.row');
}

function Crumbs({ ctx }: { ctx: ViewContext }) {
  return (
    <nav aria-label={ctx.t('payments.recon.crumbs')}>
      <p>
        <a href="/kelola">{ctx.t('nav.backoffice')}</a>
      </p>
    </nav>
  );
}

export function IssuesTable({ ctx, issues }: { ctx: ViewContext; issues: StatementIssue[] }) {
  const { t } = ctx;
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <caption>{t('payments.recon.import.issues_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payments.recon.import.issue_line')}</th>
            <th scope="col">{t('payments.recon.import.issue_column')}</th>
            <th scope="col">{t('payments.recon.import.issue_message')}</th>
          </tr>
        </thead>
        <tbody>
          {issues.slice(0, 500).map((i, n) => (
            <tr key={n}>
              <td>{i.line ?? t('payments.recon.import.file_level')}</td>
              <td>{i.line === null ? '—' : issueColumn(ctx, i.key)}</td>
              <td>{t(i.key, i.params)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function statusLabel(ctx: ViewContext, s: ImportView['status']) {
  return ctx.t(`payments.recon.status.${s}`);
}

export function ImportPage({
  ctx,
  accounts,
  mappings,
  imports,
  form,
  issues,
  notice,
  maxMb,
}: {
  ctx: ViewContext;
  accounts: BankAccountView[];
  mappings: MappingChoice[];
  imports: ImportView[];
  form: FormState;
  issues?: StatementIssue[];
  notice?: { text: string; href?: string };
  /** The upload limit, formatted (`10 MB`). */
  maxMb: string;
}) {
  const { t } = ctx;
  const labels = { account: t('payments.recon.import.account'), mapping: t('payments.recon.import.mapping'), file: t('payments.recon.import.file') };
  const fileError = form.errors.find((e) => e.field === 'file');
  return (
    <Layout ctx={ctx} title={t('payments.recon.import.title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('payments.recon.import.title')}</h1>
      <p class="lead">{t('payments.recon.import.lead')}</p>
      <p>
        <a href={QUEUE_PATH}>{t('payments.recon.import.queue_link')}</a> · <a href={MAPPINGS_PATH}>{t('payments.recon.import.mappings_link')}</a>
      </p>
      {notice && (
        <p class="notice" role="status">
          {notice.href ? <a href={notice.href}>{notice.text}</a> : notice.text}
        </p>
      )}
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />
      {issues && issues.length > 0 && (
        <>
          <p class="error-message" role="alert">
            {t('payments.recon.import.invalid', { count: issues.length })}
          </p>
          <IssuesTable ctx={ctx} issues={issues} />
        </>
      )}
      {accounts.length === 0 ? (
        <p>{t('payments.recon.import.no_accounts')}</p>
      ) : (
        <form method="post" action={IMPORT_PATH} enctype="multipart/form-data" novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <SelectField
            ctx={ctx}
            form={form}
            name="account"
            label={labels.account}
            options={accounts.map((a) => ({ value: a.id, label: `${a.bankName} ${a.accountNumber} — ${a.accountName}` }))}
          />
          <SelectField ctx={ctx} form={form} name="mapping" label={labels.mapping} options={mappings.map((m) => ({ value: m.ref, label: m.label }))} />
          <div class={`field${fileError ? ' field-error' : ''}`}>
            <label for="f-file">{labels.file}</label>
            <p class="hint" id="f-file-hint">
              {t('payments.recon.import.file_hint', { mb: maxMb })}
            </p>
            {fileError && (
              <p class="error-message" id="f-file-error">
                {t(fileError.key, fileError.params)}
              </p>
            )}
            <input
              id="f-file"
              name="file"
              type="file"
              accept=".csv,text/csv,text/plain"
              required
              aria-invalid={fileError ? 'true' : undefined}
              aria-describedby={fileError ? 'f-file-hint f-file-error' : 'f-file-hint'}
            />
          </div>
          <button type="submit">{t('payments.recon.import.submit')}</button>
        </form>
      )}
      <h2>{t('payments.recon.import.recent')}</h2>
      {imports.length === 0 ? <p>{t('payments.recon.import.none')}</p> : <ImportsTable ctx={ctx} imports={imports} />}
    </Layout>
  );
}

function ImportsTable({ ctx, imports }: { ctx: ViewContext; imports: ImportView[] }) {
  const { t } = ctx;
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <caption>{t('payments.recon.import.recent')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payments.recon.detail.file')}</th>
            <th scope="col">{t('payments.recon.detail.started')}</th>
            <th scope="col">{t('payments.recon.detail.status')}</th>
            <th scope="col">{t('payments.recon.result.matched')}</th>
            <th scope="col">{t('payments.recon.result.manual')}</th>
            <th scope="col">{t('payments.recon.result.duplicates')}</th>
          </tr>
        </thead>
        <tbody>
          {imports.map((i) => (
            <tr key={i.id}>
              <td>
                <a href={`${IMPORT_PATH}/${i.id}`}>{i.fileName}</a>
              </td>
              <td>{ctx.dateTime(i.createdAt)}</td>
              <td>{statusLabel(ctx, i.status)}</td>
              <td>{i.matched}</td>
              <td>{i.manual}</td>
              <td>{i.duplicates}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ImportDetailPage({ ctx, imp, notice }: { ctx: ViewContext; imp: ImportView; notice?: string }) {
  const { t } = ctx;
  const running = imp.status === 'queued' || imp.status === 'running';
  return (
    <Layout ctx={ctx} title={t('payments.recon.detail.title', { file: imp.fileName })} face="backoffice" refreshSeconds={running ? REFRESH_SECONDS : undefined}>
      <nav aria-label={t('payments.recon.crumbs')}>
        <p>
          <a href="/kelola">{t('nav.backoffice')}</a> › <a href={IMPORT_PATH}>{t('payments.recon.import.title')}</a>
        </p>
      </nav>
      <h1>{t('payments.recon.detail.title', { file: imp.fileName })}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p role="status">
        <strong>{statusLabel(ctx, imp.status)}</strong> — {t('payments.recon.detail.progress', { done: imp.processedLines, total: imp.creditLines })}
      </p>
      {running && (
        <>
          <progress max={Math.max(imp.creditLines, 1)} value={imp.processedLines} aria-label={t('payments.recon.detail.status')} />
          <p class="muted">{t('payments.recon.detail.refreshing', { seconds: REFRESH_SECONDS })}</p>
        </>
      )}
      <dl class="summary">
        <dt>{t('payments.recon.detail.file')}</dt>
        <dd>{imp.fileName}</dd>
        <dt>{t('payments.recon.detail.mapping')}</dt>
        <dd>{imp.mappingName}</dd>
        <dt>{t('payments.recon.detail.started')}</dt>
        <dd>{ctx.dateTime(imp.createdAt)}</dd>
        {imp.finishedAt && (
          <>
            <dt>{t('payments.recon.detail.finished')}</dt>
            <dd>{ctx.dateTime(imp.finishedAt)}</dd>
          </>
        )}
        <dt>{t('payments.recon.result.lines')}</dt>
        <dd data-result="lines">{imp.totalLines}</dd>
        <dt>{t('payments.recon.result.credits')}</dt>
        <dd data-result="credits">{imp.creditLines}</dd>
        <dt>{t('payments.recon.result.matched')}</dt>
        <dd data-result="matched">{imp.matched}</dd>
        <dt>{t('payments.recon.result.manual')}</dt>
        <dd data-result="manual">{imp.manual}</dd>
        <dt>{t('payments.recon.result.duplicates')}</dt>
        <dd data-result="duplicates">{imp.duplicates}</dd>
        {imp.error && (
          <>
            <dt>{t('payments.recon.detail.error')}</dt>
            <dd>{imp.error}</dd>
          </>
        )}
      </dl>
      {imp.manual > 0 && (
        <p>
          <a href={QUEUE_PATH}>{t('payments.recon.import.queue_link')}</a>
        </p>
      )}
    </Layout>
  );
}

export function MappingsPage({ ctx, mappings, form, notice }: { ctx: ViewContext; mappings: SavedMapping[]; form: FormState; notice?: string }) {
  const { t } = ctx;
  const labels = { name: t('payments.recon.mappings.name'), bankCode: t('payments.recon.mappings.bank_code'), mapping: t('payments.recon.mappings.json') };
  return (
    <Layout ctx={ctx} title={t('payments.recon.mappings.title')} face="backoffice">
      <nav aria-label={t('payments.recon.crumbs')}>
        <p>
          <a href="/kelola">{t('nav.backoffice')}</a> › <a href={IMPORT_PATH}>{t('payments.recon.import.title')}</a>
        </p>
      </nav>
      <h1>{t('payments.recon.mappings.title')}</h1>
      <p class="lead">{t('payments.recon.mappings.lead')}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <h2>{t('payments.recon.mappings.saved_list')}</h2>
      {mappings.length === 0 ? (
        <p>{t('payments.recon.mappings.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('payments.recon.mappings.saved_list')}</caption>
            <thead>
              <tr>
                <th scope="col">{labels.name}</th>
                <th scope="col">{labels.bankCode}</th>
                <th scope="col">{t('payments.recon.mappings.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {mappings.map((m) => (
                <tr key={m.id}>
                  <td>
                    <a href={`${MAPPINGS_PATH}?nama=${encodeURIComponent(m.name)}`}>
                      {m.name} <span class="visually-hidden">({t('payments.recon.mappings.edit')})</span>
                    </a>
                  </td>
                  <td>{m.bankCode}</td>
                  <td>{ctx.dateTime(m.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {t('payments.recon.mappings.start_from')}{' '}
        {statementPresetIds.map((id, n) => (
          <Fragment key={id}>
            {n > 0 && ' · '}
            <a href={`${MAPPINGS_PATH}?dari=${id}`}>{statementPresets[id].bank}</a>
          </Fragment>
        ))}
      </p>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />
      <PostForm ctx={ctx} action={MAPPINGS_PATH}>
        <TextField ctx={ctx} form={form} name="name" label={labels.name} maxLength={80} />
        <TextField ctx={ctx} form={form} name="bankCode" label={labels.bankCode} maxLength={10} />
        <TextAreaField ctx={ctx} form={form} name="mapping" label={labels.mapping} hint={t('payments.recon.mappings.json_hint')} rows={16} mono />
        <button type="submit">{t('payments.recon.mappings.submit')}</button>
      </PostForm>
    </Layout>
  );
}

export interface QueueFailure {
  creditId: string;
  form: FormState;
}

export function QueuePage({ ctx, items, next, notice, failed, canAct }: { ctx: ViewContext; items: CreditView[]; next: string | null; notice?: string; failed?: QueueFailure; canAct: boolean }) {
  const { t } = ctx;
  const failedItem = failed && items.find((i) => i.id === failed.creditId);
  return (
    <Layout ctx={ctx} title={t('payments.recon.queue.title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('payments.recon.queue.title')}</h1>
      <p class="lead">{t('payments.recon.queue.lead')}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {failed && (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2>{t('form.errors.title')}</h2>
          {failedItem && <p>{t('payments.recon.queue.failed', { amount: formatRupiah(failedItem.amount), date: calendarDate(ctx, failedItem.bookedOn) })}</p>}
          <ul>
            {failed.form.errors.map((e) => (
              <li key={e.field}>
                <a href={`#f-${e.field}-${failed.creditId}`}>{t(e.key, e.params)}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {items.length === 0 ? (
        <p>{t('payments.recon.queue.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('payments.recon.queue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('payments.recon.queue.date')}</th>
                <th scope="col">{t('payments.recon.queue.amount')}</th>
                <th scope="col">{t('payments.recon.queue.text')}</th>
                <th scope="col">{t('payments.recon.queue.reason')}</th>
                <th scope="col">{t('payments.recon.queue.candidates')}</th>
                {canAct && <th scope="col">{t('payments.recon.queue.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <QueueRow key={c.id} ctx={ctx} c={c} canAct={canAct} form={failed?.creditId === c.id ? failed.form : undefined} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <p>
          <a href={`${QUEUE_PATH}?setelah=${next}`}>{t('payments.recon.queue.next')}</a>
        </p>
      )}
    </Layout>
  );
}

function QueueRow({ ctx, c, canAct, form }: { ctx: ViewContext; c: CreditView; canAct: boolean; form?: FormState }) {
  const { t } = ctx;
  const values = form?.values ?? {};
  const errOf = (f: string) => form?.errors.find((e) => e.field === f);
  const fieldId = (f: string) => `f-${f}-${c.id}`;
  const ErrorText = ({ f }: { f: string }) => {
    const e = errOf(f);
    return e ? (
      <p class="error-message" id={`${fieldId(f)}-error`}>
        {t(e.key, e.params)}
      </p>
    ) : null;
  };
  return (
    <tr id={`kredit-${c.id}`}>
      <td>{calendarDate(ctx, c.bookedOn)}</td>
      <td>{formatRupiah(c.amount)}</td>
      <td>
        {c.description}
        {c.reference && (
          <>
            <br />
            <span class="muted">{c.reference}</span>
          </>
        )}
        <br />
        <span class="muted">{c.source === 'statement' ? t('payments.recon.source.statement', { line: c.lineNumber ?? '—' }) : t('payments.recon.source.callback')}</span>
      </td>
      <td>{c.reason ? t(`payments.match.reason.${c.reason}`) : '—'}</td>
      <td>
        {c.candidates.length === 0 ? (
          t('payments.recon.queue.no_candidates')
        ) : (
          <ul>
            {c.candidates.map((b) => (
              <li key={b.id}>
                {t('payments.recon.queue.bill', {
                  code: b.paymentCode,
                  agency: b.agencyName,
                  payer: b.payerName,
                  amount: formatRupiah(b.amount),
                  paid: formatRupiah(b.paidAmount),
                  status: t(messageKeyOr(`payments.recon.bill.${b.status}`, 'value.unknown')),
                })}
                {b.id === c.suggestedBillId && (
                  <>
                    <br />
                    <strong>{t('payments.match.suggested')}</strong>
                  </>
                )}
                {b.confirmations.map((cf, n) => (
                  <p key={n} class="muted">
                    {t('payments.recon.queue.confirmation', { proof: cf.proofNumber, amount: formatRupiah(cf.amount), date: ctx.date(cf.transferredAt), bank: cf.bank || '—' })}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        )}
      </td>
      {canAct && (
        <td>
          <PostForm ctx={ctx} action={`${QUEUE_PATH}/${c.id}/cocokkan`}>
            <fieldset>
              <legend>{t('payments.recon.queue.assign')}</legend>
              {c.candidates.length > 0 && (
                <div class="field">
                  <label for={fieldId('billId')}>{t('payments.recon.queue.assign_bill')}</label>
                  <ErrorText f="billId" />
                  <select id={fieldId('billId')} name="billId">
                    <option value="">—</option>
                    {c.candidates.map((b) => (
                      <option key={b.id} value={b.id} selected={(values.billId ?? c.suggestedBillId ?? (c.candidates.length === 1 ? b.id : '')) === b.id}>
                        {b.paymentCode}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div class="field">
                <label for={fieldId('code')}>{t('payments.recon.queue.assign_code')}</label>
                {c.candidates.length === 0 && <ErrorText f="billId" />}
                <input id={fieldId('code')} name="code" type="text" maxLength={40} value={values.code ?? ''} />
              </div>
              <div class="field">
                <label for={fieldId('note')}>{t('payments.recon.queue.note')}</label>
                <ErrorText f="note" />
                <input id={fieldId('note')} name="note" type="text" maxLength={1000} value={values.note ?? ''} aria-invalid={errOf('note') ? 'true' : undefined} />
              </div>
              <button type="submit">{t('payments.recon.queue.assign')}</button>
            </fieldset>
          </PostForm>
          <PostForm ctx={ctx} action={`${QUEUE_PATH}/${c.id}/abaikan`}>
            <div class="field">
              <label for={fieldId('reason')}>{t('payments.recon.queue.ignore_reason')}</label>
              <ErrorText f="reason" />
              <input id={fieldId('reason')} name="reason" type="text" maxLength={1000} value={values.reason ?? ''} aria-invalid={errOf('reason') ? 'true' : undefined} />
            </div>
            <button type="submit" class="secondary">
              {t('payments.recon.queue.ignore')}
            </button>
          </PostForm>
        </td>
      )}
    </tr>
  );
}
