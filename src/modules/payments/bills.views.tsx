// Pages of bills (P-7): the payer's bill page with the payment code in big type, accounts,
// due date, the confirmation form and the kuitansi; "Tagihan saya"; the bill box on the
// application page; the back office's bill list, bill detail (confirmations, cancel) and
// receiving accounts. Everything works without JavaScript.
import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { emptyForm } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm, SelectField, TextAreaField, TextField, fieldError } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDecimalText, formatRupiah } from '../../platform/format.ts';
import type { BankAccountView, BillListFilters, BillView, ConfirmationView } from './bills.service.ts';
import { formatPaymentCode } from './payment-code.ts';

export const BILL_PATH = '/tagihan';
export const ADMIN_BILLS_PATH = '/kelola/keuangan/tagihan';
export const ADMIN_ACCOUNTS_PATH = '/kelola/keuangan/rekening';

const billStatuses = ['unpaid', 'partially_paid', 'paid', 'expired', 'cancelled'] as const;

export const billHref = (code: string) => `${BILL_PATH}/${code}`;

function Notice({ text, warn }: { text?: string; warn?: boolean }) {
  if (!text) return null;
  return (
    <p class={warn ? 'notice warn' : 'notice'} role={warn ? 'alert' : 'status'}>
      {text}
    </p>
  );
}

function LinesTable({ ctx, bill }: { ctx: ViewContext; bill: BillView }) {
  const { t } = ctx;
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <caption>{t('payments.bill.lines_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payments.bill.line')}</th>
            <th scope="col" class="num">{t('payments.bill.rate')}</th>
            <th scope="col" class="num">{t('payments.bill.quantity')}</th>
            <th scope="col" class="num">{t('payments.bill.line_amount')}</th>
          </tr>
        </thead>
        <tbody>
          {bill.lines.map((l) => (
            <tr key={l.lineNo}>
              <td>{l.label}</td>
              <td class="num">
                {formatRupiah(l.rate)}
                {l.unit ? ` ${l.unit}` : ''}
              </td>
              <td class="num">{ctx.locale === 'id' ? formatDecimalText(l.quantity) : l.quantity}</td>
              <td class="num">{formatRupiah(l.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t('payments.bill.total')}
            </th>
            <td class="num">
              <strong>{formatRupiah(bill.amount)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Accounts({ ctx, accounts }: { ctx: ViewContext; accounts: BankAccountView[] }) {
  const { t } = ctx;
  if (!accounts.length) return <p>{t('payments.bill.accounts_none')}</p>;
  return (
    <ul>
      {accounts.map((a) => (
        <li key={a.id}>
          <strong>{a.bankName}</strong> — {a.accountNumber} a.n. {a.accountName}
        </li>
      ))}
    </ul>
  );
}

function Facts({ ctx, bill }: { ctx: ViewContext; bill: BillView }) {
  const { t } = ctx;
  return (
    <dl class="facts">
      <dt>{t('payments.bill.status')}</dt>
      <dd>
        <strong>{t(`payments.status.${bill.status}`)}</strong>
      </dd>
      <dt>{t('payments.bill.amount')}</dt>
      <dd>{formatRupiah(bill.amount)}</dd>
      {bill.paidAmount > 0 && (
        <>
          <dt>{t('payments.bill.paid_amount')}</dt>
          <dd>{formatRupiah(bill.paidAmount)}</dd>
        </>
      )}
      <dt>{t('payments.bill.service')}</dt>
      <dd>{bill.serviceName}</dd>
      {bill.trackingNumber && (
        <>
          <dt>{t('payments.bill.application')}</dt>
          <dd>
            <a href={`/permohonan/${bill.trackingNumber}`}>{bill.trackingNumber}</a>
          </dd>
        </>
      )}
      <dt>{t('payments.bill.agency')}</dt>
      <dd>{bill.agencyName}</dd>
      {bill.regulation && (
        <>
          <dt>{t('payments.bill.regulation')}</dt>
          <dd>{bill.regulation}</dd>
        </>
      )}
      <dt>{t('payments.bill.issued_at')}</dt>
      <dd>{ctx.dateTime(bill.issuedAt)}</dd>
      <dt>{t('payments.bill.due_at')}</dt>
      <dd>{ctx.dateTime(bill.dueAt)}</dd>
      {bill.paidAt && (
        <>
          <dt>{t('payments.bill.paid_at')}</dt>
          <dd>{ctx.dateTime(bill.paidAt)}</dd>
        </>
      )}
      {bill.cancelReason && (
        <>
          <dt>{t('payments.bill.cancel_reason')}</dt>
          <dd>{bill.cancelReason}</dd>
        </>
      )}
    </dl>
  );
}

const confirmLabels = (ctx: ViewContext): Record<string, string> => ({
  proofNumber: ctx.t('payments.confirm.proof_number'),
  date: ctx.t('payments.confirm.date'),
  time: ctx.t('payments.confirm.time'),
  bank: ctx.t('payments.confirm.bank'),
  amount: ctx.t('payments.confirm.amount'),
  slip: ctx.t('payments.confirm.slip'),
});

function ConfirmForm({ ctx, bill, form }: { ctx: ViewContext; bill: BillView; form: FormState }) {
  const { t } = ctx;
  const slipErr = fieldError(form, 'slip');
  const values = { amount: String(bill.outstanding), ...form.values };
  const f = { ...form, values };
  return (
    <section aria-labelledby="h-confirm">
      <h2 id="h-confirm">{t('payments.confirm.title')}</h2>
      <p>{t('payments.confirm.intro')}</p>
      <form method="post" action={`${billHref(bill.paymentCode)}/konfirmasi`} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <TextField ctx={ctx} form={f} name="proofNumber" label={t('payments.confirm.proof_number')} maxLength={60} />
        <TextField ctx={ctx} form={f} name="date" type="date" label={t('payments.confirm.date')} />
        <TextField ctx={ctx} form={f} name="time" type="time" label={t('payments.confirm.time')} />
        <TextField ctx={ctx} form={f} name="bank" label={t('payments.confirm.bank')} maxLength={100} />
        <TextField ctx={ctx} form={f} name="amount" label={t('payments.confirm.amount')} inputmode="numeric" maxLength={20} />
        <div class={slipErr ? 'field field-error' : 'field'}>
          <label for="f-slip">
            {t('payments.confirm.slip')} <span class="muted">{t('form.optional')}</span>
          </label>
          {slipErr && (
            <p class="error-message" id="f-slip-error">
              {t(slipErr.key, slipErr.params)}
            </p>
          )}
          <input id="f-slip" name="slip" type="file" accept="image/jpeg,image/png,application/pdf" aria-invalid={slipErr ? 'true' : undefined} aria-describedby={slipErr ? 'f-slip-error' : undefined} />
        </div>
        <button type="submit">{t('payments.confirm.submit')}</button>
      </form>
    </section>
  );
}

function ConfirmationsTable({ ctx, items, slipHref }: { ctx: ViewContext; items: ConfirmationView[]; slipHref?: (c: ConfirmationView) => string }) {
  const { t } = ctx;
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <caption>{slipHref ? t('payments.billing_bo.confirmations_caption') : t('payments.confirm.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payments.confirm.proof_number')}</th>
            <th scope="col">{t('payments.confirm.date')}</th>
            <th scope="col">{t('payments.confirm.bank')}</th>
            <th scope="col" class="num">{t('payments.confirm.amount')}</th>
            <th scope="col">{t('payments.confirm.channel')}</th>
            <th scope="col">{t('payments.bill.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td>
                {c.proofNumber}
                {slipHref && c.hasSlip && (
                  <>
                    {' '}
                    (<a href={slipHref(c)}>{t('payments.confirm.slip_view')}</a>)
                  </>
                )}
              </td>
              <td>{ctx.dateTime(c.transferredAt)}</td>
              <td>{c.bank || '-'}</td>
              <td class="num">{formatRupiah(c.amount)}</td>
              <td>{t(`payments.confirm.via.${c.channel}`)}</td>
              <td>{t(`payments.confirm.status.${c.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The payer's bill page. */
export function BillPage({ ctx, bill, confirmations, isPayer = true, form = emptyForm, notice, error }: { ctx: ViewContext; bill: BillView; confirmations: ConfirmationView[]; isPayer?: boolean; form?: FormState; notice?: string; error?: string }) {
  const { t } = ctx;
  const open = bill.status === 'unpaid' || bill.status === 'partially_paid';
  return (
    <Layout ctx={ctx} title={`${t('payments.bill.title')} ${bill.paymentCode}`}>
      <h1>{t('payments.bill.title')}</h1>
      <Notice text={notice} />
      <Notice text={error} warn />
      {form.errors.length > 0 && <ErrorSummary ctx={ctx} errors={form.errors} labels={confirmLabels(ctx)} />}
      <p>
        {t('payments.bill.payment_code')}:
        <br />
        <strong class="big-code" style="font-size:2rem;letter-spacing:.1em">
          {formatPaymentCode(bill.paymentCode)}
        </strong>
      </p>
      <p>
        {open ? t('payments.bill.outstanding') : t('payments.bill.total')}: <strong style="font-size:1.5rem">{formatRupiah(open ? bill.outstanding : bill.amount)}</strong>
      </p>
      <Facts ctx={ctx} bill={bill} />
      <LinesTable ctx={ctx} bill={bill} />
      <p>
        <a href={`${billHref(bill.paymentCode)}/skrd`} type="application/pdf">{t('payments.skrd.download')}</a>
      </p>
      {open && (
        <section aria-labelledby="h-accounts">
          <h2 id="h-accounts">{t('payments.bill.accounts')}</h2>
          <p>{t('payments.bill.how_to_pay')}</p>
          <Accounts ctx={ctx} accounts={bill.accounts} />
        </section>
      )}
      {bill.status === 'paid' && (
        <section aria-labelledby="h-receipt">
          <h2 id="h-receipt">{t('payments.bill.receipt')}</h2>
          {bill.hasReceipt ? (
            <p>
              <a href={`${billHref(bill.paymentCode)}/kuitansi`}>{t('payments.bill.download_receipt')}</a> ({bill.receiptNumber})
            </p>
          ) : (
            <p>{t('payments.bill.receipt_pending')}</p>
          )}
        </section>
      )}
      {bill.status === 'expired' && isPayer && (
        <PostForm ctx={ctx} action={`${billHref(bill.paymentCode)}/terbitkan-ulang`}>
          <button type="submit">{t('payments.reissue.button')}</button>
        </PostForm>
      )}
      {confirmations.length > 0 && <ConfirmationsTable ctx={ctx} items={confirmations} />}
      {open && isPayer && <ConfirmForm ctx={ctx} bill={bill} form={form} />}
    </Layout>
  );
}

export function BillNotFoundPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('payments.bill.title')}>
      <h1>{t('payments.bill.title')}</h1>
      <p class="notice warn" role="alert">
        {t('payments.bill.not_found')}
      </p>
    </Layout>
  );
}

export function MyBillsPage({ ctx, items }: { ctx: ViewContext; items: BillView[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('payments.my.title')}>
      <h1>{t('payments.my.title')}</h1>
      {items.length === 0 ? <p>{t('payments.my.empty')}</p> : <BillsTable ctx={ctx} items={items} href={(b) => billHref(b.paymentCode)} caption={t('payments.my.title')} />}
    </Layout>
  );
}

function BillsTable({ ctx, items, href, caption }: { ctx: ViewContext; items: BillView[]; href: (b: BillView) => string; caption: string }) {
  const { t } = ctx;
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payments.bill.payment_code')}</th>
            <th scope="col">{t('payments.bill.application')}</th>
            <th scope="col">{t('payments.bill.service')}</th>
            <th scope="col" class="num">{t('payments.bill.amount')}</th>
            <th scope="col">{t('payments.bill.status')}</th>
            <th scope="col">{t('payments.bill.issued_at')}</th>
            <th scope="col">{t('payments.bill.due_at')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((b) => (
            <tr key={b.id}>
              <td>
                <a href={href(b)}>{b.paymentCode}</a>
              </td>
              <td>{b.trackingNumber ?? '-'}</td>
              <td>{b.serviceName}</td>
              <td class="num">{formatRupiah(b.amount)}</td>
              <td>{t(`payments.status.${b.status}`)}</td>
              <td>{ctx.date(b.issuedAt)}</td>
              <td>{ctx.date(b.dueAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---- back office ---------------------------------------------------------------------------

function Crumbs({ ctx }: { ctx: ViewContext }) {
  return (
    <nav aria-label={ctx.t('system.crumbs')}>
      <p>
        <a href="/kelola">{ctx.t('nav.backoffice')}</a>
      </p>
    </nav>
  );
}

export function AdminBillsPage({ ctx, items, filters, nextCursor, services }: { ctx: ViewContext; items: BillView[]; filters: BillListFilters; nextCursor: string | null; services: { value: string; label: string }[] }) {
  const { t } = ctx;
  const form: FormState = { values: { status: filters.status ?? '', service: filters.service ?? '', from: filters.from ?? '', to: filters.to ?? '' }, errors: [] };
  const q = new URLSearchParams(Object.entries(form.values).filter(([, v]) => v));
  if (nextCursor) q.set('cursor', nextCursor);
  return (
    <Layout ctx={ctx} title={t('payments.billing_bo.bills_title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('payments.billing_bo.bills_title')}</h1>
      <form method="get" action={ADMIN_BILLS_PATH} class="filters">
        <SelectField ctx={ctx} form={form} name="status" label={t('payments.bill.status')} required={false} options={billStatuses.map((s) => ({ value: s, label: t(`payments.status.${s}`) }))} />
        <SelectField ctx={ctx} form={form} name="service" label={t('payments.billing_bo.service')} required={false} options={services} />
        <TextField ctx={ctx} form={form} name="from" type="date" label={t('payments.billing_bo.from')} required={false} />
        <TextField ctx={ctx} form={form} name="to" type="date" label={t('payments.billing_bo.to')} required={false} />
        <button type="submit">{t('payments.billing_bo.filter')}</button>
      </form>
      {items.length === 0 ? <p>{t('payments.billing_bo.empty')}</p> : <BillsTable ctx={ctx} items={items} href={(b) => `${ADMIN_BILLS_PATH}/${b.paymentCode}`} caption={t('payments.billing_bo.bills_caption')} />}
      {nextCursor && (
        <p>
          <a href={`${ADMIN_BILLS_PATH}?${q.toString()}`}>{t('payments.billing_bo.next')}</a>
        </p>
      )}
    </Layout>
  );
}

export function AdminBillPage({ ctx, bill, confirmations, canCancel, form = emptyForm, notice }: { ctx: ViewContext; bill: BillView; confirmations: ConfirmationView[]; canCancel: boolean; form?: FormState; notice?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={`${t('payments.bill.title')} ${bill.paymentCode}`} face="backoffice">
      <nav aria-label={t('system.crumbs')}>
        <p>
          <a href="/kelola">{t('nav.backoffice')}</a> › <a href={ADMIN_BILLS_PATH}>{t('payments.billing_bo.bills_title')}</a>
        </p>
      </nav>
      <h1>
        {t('payments.bill.title')} {formatPaymentCode(bill.paymentCode)}
      </h1>
      <Notice text={notice} />
      {form.errors.length > 0 && <ErrorSummary ctx={ctx} errors={form.errors} labels={{ reason: t('payments.bill.cancel_reason') }} />}
      <dl class="facts">
        <dt>{t('payments.bill.payer')}</dt>
        <dd>{bill.payerName}</dd>
        {bill.receiptNumber && (
          <>
            <dt>{t('payments.bill.receipt')}</dt>
            <dd>{bill.hasReceipt ? <a href={`${ADMIN_BILLS_PATH}/${bill.paymentCode}/kuitansi`}>{bill.receiptNumber}</a> : bill.receiptNumber}</dd>
          </>
        )}
      </dl>
      <Facts ctx={ctx} bill={bill} />
      <LinesTable ctx={ctx} bill={bill} />
      <p>
        <a href={`${ADMIN_BILLS_PATH}/${bill.paymentCode}/skrd`} type="application/pdf">{t('payments.skrd.download')}</a>
      </p>
      {confirmations.length ? <ConfirmationsTable ctx={ctx} items={confirmations} slipHref={(c) => `${ADMIN_BILLS_PATH}/${bill.paymentCode}/konfirmasi/${c.id}/bukti`} /> : <p>{t('payments.billing_bo.no_confirmations')}</p>}
      {canCancel && bill.status === 'unpaid' && (
        <section aria-labelledby="h-cancel">
          <h2 id="h-cancel">{t('payments.cancel.title')}</h2>
          <PostForm ctx={ctx} action={`${ADMIN_BILLS_PATH}/${bill.paymentCode}/batal`}>
            <TextAreaField ctx={ctx} form={form} name="reason" label={t('payments.bill.cancel_reason')} maxLength={500} rows={3} />
            <button type="submit" class="danger">
              {t('payments.cancel.submit')}
            </button>
          </PostForm>
        </section>
      )}
    </Layout>
  );
}

export function AccountsPage({ ctx, items, canManage, form = emptyForm, notice }: { ctx: ViewContext; items: BankAccountView[]; canManage: boolean; form?: FormState; notice?: string }) {
  const { t } = ctx;
  const labels = { bankCode: t('payments.account.bank_code'), bankName: t('payments.account.bank_name'), accountNumber: t('payments.account.number'), accountName: t('payments.account.name'), agencyId: t('payments.account.agency') };
  return (
    <Layout ctx={ctx} title={t('payments.billing_bo.accounts')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('payments.billing_bo.accounts')}</h1>
      <Notice text={notice} />
      {form.errors.length > 0 && <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />}
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('payments.billing_bo.accounts_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('payments.account.bank_name')}</th>
              <th scope="col">{t('payments.account.number')}</th>
              <th scope="col">{t('payments.account.name')}</th>
              <th scope="col">{t('payments.billing_bo.account_scope')}</th>
              <th scope="col">{t('payments.bill.status')}</th>
              {canManage && <th scope="col">{t('payments.billing_bo.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <td>
                  {a.bankName} ({a.bankCode})
                </td>
                <td>{a.accountNumber}</td>
                <td>{a.accountName}</td>
                <td>{a.agencyId ? a.agencyId : t('payments.billing_bo.account_region')}</td>
                <td>{a.active ? t('payments.billing_bo.active') : t('payments.billing_bo.inactive')}</td>
                {canManage && (
                  <td>
                    <PostForm ctx={ctx} action={`${ADMIN_ACCOUNTS_PATH}/${a.id}/${a.active ? 'nonaktif' : 'aktif'}`}>
                      <button type="submit">{a.active ? t('payments.billing_bo.deactivate') : t('payments.billing_bo.activate')}</button>
                    </PostForm>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canManage && (
        <section aria-labelledby="h-add">
          <h2 id="h-add">{t('payments.billing_bo.add_account')}</h2>
          <PostForm ctx={ctx} action={ADMIN_ACCOUNTS_PATH}>
            <TextField ctx={ctx} form={form} name="bankCode" label={labels.bankCode} maxLength={20} />
            <TextField ctx={ctx} form={form} name="bankName" label={labels.bankName} maxLength={100} />
            <TextField ctx={ctx} form={form} name="accountNumber" label={labels.accountNumber} inputmode="numeric" maxLength={30} />
            <TextField ctx={ctx} form={form} name="accountName" label={labels.accountName} maxLength={150} />
            <TextField ctx={ctx} form={form} name="agencyId" label={labels.agencyId} required={false} maxLength={36} />
            <button type="submit">{t('payments.billing_bo.add_account')}</button>
          </PostForm>
        </section>
      )}
    </Layout>
  );
}
