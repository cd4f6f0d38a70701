// Pages of the revenue report and the daily reconciliation summary (P-7). Server-rendered,
// GET forms only (no JavaScript), tables with captions and scoped headers.
import { Fragment } from 'preact';
import { Layout } from '../../platform/views/layout.tsx';
import { ErrorSummary, SelectField, TextField } from '../../platform/views/forms.tsx';
import { formatInteger, formatRupiah } from '../../platform/format.ts';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { manualReasons } from './matching.ts';
import { periodPresets, type DailySummary, type RevenueFigures, type RevenueReport } from './payments.reports.service.ts';

export const REVENUE_PATH = '/kelola/keuangan/laporan';
export const DAILY_PATH = '/kelola/keuangan/ringkasan-harian';

const zoneLabels: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };
export const zoneLabel = (tz: string) => zoneLabels[tz] ?? tz;

/** `2026-11-23` → `23 November 2026` in the reader's language (a calendar day, no time zone). */
export function dayLabel(ctx: ViewContext, day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return ctx.date(new Date(Date.UTC(y, m - 1, d, 12)));
}

function Crumbs({ ctx }: { ctx: ViewContext }) {
  return (
    <nav aria-label={ctx.t('system.crumbs')}>
      <p>
        <a href="/kelola">{ctx.t('nav.backoffice')}</a>
      </p>
    </nav>
  );
}

function FigureCells({ f }: { f: RevenueFigures }) {
  return (
    <>
      <td class="num">{formatInteger(f.receivedCount)}</td>
      <td class="num">{formatRupiah(f.receivedAmount)}</td>
      <td class="num">{formatInteger(f.outstandingCount)}</td>
      <td class="num">{formatRupiah(f.outstandingAmount)}</td>
      <td class="num">{formatInteger(f.expiredCount)}</td>
      <td class="num">{formatInteger(f.cancelledCount)}</td>
    </>
  );
}

export function RevenuePage({
  ctx,
  form,
  agencies,
  report,
  exportQuery,
}: {
  ctx: ViewContext;
  /** What the reader typed (kept on a 4xx) and the problems. */
  form: FormState;
  /** Agencies the reader may choose from; empty hides the choice (one agency only). */
  agencies: { id: string; name: string }[];
  report: RevenueReport | null;
  /** Query string of the shown report, for the download links. */
  exportQuery: string;
}) {
  const { t } = ctx;
  const labels = { from: t('payments.reports.from'), to: t('payments.reports.to'), agency: t('payments.reports.agency') };
  return (
    <Layout ctx={ctx} title={t('payments.reports.title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('payments.reports.title')}</h1>
      <p class="lead">{t('payments.reports.lead', { zone: zoneLabel(ctx.timeZone) })}</p>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />
      <form method="get" action={REVENUE_PATH} novalidate>
        <fieldset>
          <legend>{t('payments.reports.period_legend')}</legend>
          <TextField ctx={ctx} form={form} name="from" label={labels.from} type="date" hint={t('payments.reports.date_hint')} maxLength={10} />
          <TextField ctx={ctx} form={form} name="to" label={labels.to} type="date" hint={t('payments.reports.date_hint')} maxLength={10} />
          {agencies.length > 1 && (
            <SelectField
              ctx={ctx}
              form={form}
              name="agency"
              label={labels.agency}
              required={false}
              options={agencies.map((a) => ({ value: a.id, label: a.name }))}
            />
          )}
        </fieldset>
        <button type="submit" class="button">
          {t('payments.reports.show')}
        </button>
      </form>
      <p>
        {t('payments.reports.presets')}{' '}
        {periodPresets.map((p, i) => (
          <Fragment key={p}>
            {i > 0 && ' · '}
            <a href={`${REVENUE_PATH}?preset=${p}${form.values.agency ? `&agency=${encodeURIComponent(form.values.agency)}` : ''}`}>{t(`payments.reports.preset.${p}`)}</a>
          </Fragment>
        ))}
      </p>
      {report && <RevenueTable ctx={ctx} report={report} exportQuery={exportQuery} />}
    </Layout>
  );
}

function RevenueTable({ ctx, report, exportQuery }: { ctx: ViewContext; report: RevenueReport; exportQuery: string }) {
  const { t } = ctx;
  const from = dayLabel(ctx, report.period.from);
  const to = dayLabel(ctx, report.period.to);
  return (
    <section aria-labelledby="revenue-period">
      <h2 id="revenue-period">{t('payments.reports.period_label', { from, to })}</h2>
      <p>
        {t('payments.reports.export')} <a href={`${REVENUE_PATH}?${exportQuery}&format=csv`}>{t('payments.reports.export_csv')}</a>
        {' · '}
        <a href={`${REVENUE_PATH}?${exportQuery}&format=xlsx`}>{t('payments.reports.export_xlsx')}</a>
      </p>
      {report.agencies.length === 0 ? (
        <p>{t('payments.reports.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('payments.reports.caption', { from, to })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('payments.reports.col.service')}</th>
                <th scope="col">{t('payments.reports.col.received_count')}</th>
                <th scope="col">{t('payments.reports.col.received_amount')}</th>
                <th scope="col">{t('payments.reports.col.outstanding_count')}</th>
                <th scope="col">{t('payments.reports.col.outstanding_amount')}</th>
                <th scope="col">{t('payments.reports.col.expired_count')}</th>
                <th scope="col">{t('payments.reports.col.cancelled_count')}</th>
              </tr>
            </thead>
            {report.agencies.map((g) => (
              <tbody key={g.agencyId}>
                <tr>
                  <th scope="colgroup" colSpan={7} id={`agency-${g.agencyId}`}>
                    {g.agencyName}
                  </th>
                </tr>
                {g.services.map((s) => (
                  <tr key={s.serviceId}>
                    <th scope="row">{s.serviceName}</th>
                    <FigureCells f={s} />
                  </tr>
                ))}
                <tr class="subtotal">
                  <th scope="row">{t('payments.reports.subtotal', { agency: g.agencyName })}</th>
                  <FigureCells f={g.subtotal} />
                </tr>
              </tbody>
            ))}
            <tfoot>
              <tr class="total">
                <th scope="row">{t('payments.reports.total')}</th>
                <FigureCells f={report.totals} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <p>{t('payments.reports.unmatched', { count: report.unmatchedCredits.count, amount: formatRupiah(report.unmatchedCredits.amount) })}</p>
    </section>
  );
}

export function DailySummaryPage({ ctx, form, summary, prev, next }: { ctx: ViewContext; form: FormState; summary: DailySummary | null; prev?: string; next?: string }) {
  const { t } = ctx;
  const labels = { tanggal: t('payments.daily.date') };
  return (
    <Layout ctx={ctx} title={t('payments.daily.title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('payments.daily.title')}</h1>
      <p class="lead">{t('payments.daily.lead', { zone: zoneLabel(ctx.timeZone) })}</p>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />
      <form method="get" action={DAILY_PATH} novalidate>
        <TextField ctx={ctx} form={form} name="tanggal" label={labels.tanggal} type="date" hint={t('payments.reports.date_hint')} maxLength={10} />
        <button type="submit" class="button">
          {t('payments.reports.show')}
        </button>
      </form>
      {summary && (
        <>
          <p>
            {prev && <a href={`${DAILY_PATH}?tanggal=${prev}`}>{t('payments.daily.previous')}</a>}
            {prev && next && ' · '}
            {next && <a href={`${DAILY_PATH}?tanggal=${next}`}>{t('payments.daily.next')}</a>}
          </p>
          <DailySummaryTables ctx={ctx} summary={summary} />
        </>
      )}
    </Layout>
  );
}

/** The figures as label/value pairs (page, e-mail and tests read the same list). */
export function dailyFigures(ctx: Pick<ViewContext, 't'>, s: DailySummary): [string, string][] {
  const { t } = ctx;
  return [
    [t('payments.daily.credits_imported'), formatInteger(s.creditsImported)],
    [t('payments.daily.credits_imported_amount'), formatRupiah(s.creditsImportedAmount)],
    [t('payments.daily.matched_auto'), formatInteger(s.matchedAutomatically)],
    [t('payments.daily.matched_hand'), formatInteger(s.matchedByHand)],
    [t('payments.daily.still_manual'), formatInteger(s.stillManualTotal)],
    [t('payments.daily.queue_total'), formatInteger(s.queueTotal)],
    [t('payments.daily.bills_paid'), formatInteger(s.billsPaid)],
    [t('payments.daily.amount_received'), formatRupiah(s.amountReceived)],
  ];
}

export function DailySummaryTables({ ctx, summary }: { ctx: ViewContext; summary: DailySummary }) {
  const { t } = ctx;
  const reasons = manualReasons.filter((r) => summary.stillManual[r] > 0);
  return (
    <>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('payments.daily.caption', { date: dayLabel(ctx, summary.date) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('payments.daily.figure')}</th>
              <th scope="col">{t('payments.daily.value')}</th>
            </tr>
          </thead>
          <tbody>
            {dailyFigures(ctx, summary).map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td class="num">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {reasons.length > 0 && (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('payments.daily.reasons_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('payments.daily.reason')}</th>
                <th scope="col">{t('payments.daily.value')}</th>
              </tr>
            </thead>
            <tbody>
              {reasons.map((r) => (
                <tr key={r}>
                  <th scope="row">{t(`payments.daily.reason.${r}`)}</th>
                  <td class="num">{summary.stillManual[r]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
