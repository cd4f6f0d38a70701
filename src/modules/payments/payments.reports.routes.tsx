// Back-office pages of the revenue report and the daily reconciliation summary (P-7):
// - `GET /kelola/keuangan/laporan?from&to|preset&agency&format=csv|xlsx`: per agency and
//   service; the same figures as CSV or XLSX with `format`;
// - `GET /kelola/keuangan/ringkasan-harian?tanggal=YYYY-MM-DD` (default: yesterday).
// Readers see the agencies `agenciesFor` gives them; a bad date or agency is a 422 page that
// keeps what was typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PaymentsDeps as Deps } from './payments.deps.ts';
import { agenciesFor, authorize } from '../../platform/auth/policy.ts';
import { sendCsv, toCsv } from '../../platform/export/csv.ts';
import { sendXlsx, toXlsx, type XlsxColumn } from '../../platform/export/xlsx.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import type { FormState } from '../../platform/views/context.ts';
import { regionTimeZone } from '../agencies/index.ts';
import {
  addLocalDays,
  checkPeriod,
  dailySummary,
  localToday,
  periodPresets,
  presetPeriod,
  revenueReport,
  type AgencyScope,
  type Period,
  type PeriodPreset,
  type RevenueFigures,
  type RevenueReport,
} from './payments.reports.service.ts';
import { DAILY_PATH, DailySummaryPage, REVENUE_PATH, RevenuePage } from './payments.reports.views.tsx';
import { registerPaymentReportsApi } from './payments.reports.api.ts';
import './payments.reports.policy.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

defineMenuLink({ href: REVENUE_PATH, labelKey: 'payments.reports.menu', action: 'payments.reports.read', area: 'finance', order: 60 });
defineMenuLink({ href: DAILY_PATH, labelKey: 'payments.daily.menu', action: 'payments.daily_summary.read', area: 'finance', order: 61 });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown, max = 40) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/** A flat row of the export: one per service, then the agency subtotal, then the total. */
export interface RevenueExportRow extends RevenueFigures {
  agency: string;
  service: string;
  from: string;
  to: string;
}

export function revenueExportRows(report: RevenueReport, t: (k: MessageKey, p?: Record<string, string | number>) => string): RevenueExportRow[] {
  const base = { from: report.period.from, to: report.period.to };
  const rows: RevenueExportRow[] = [];
  for (const g of report.agencies) {
    for (const s of g.services) rows.push({ ...base, agency: g.agencyName, service: s.serviceName, ...s });
    rows.push({ ...base, agency: g.agencyName, service: t('payments.reports.subtotal', { agency: g.agencyName }), ...g.subtotal });
  }
  rows.push({ ...base, agency: t('payments.reports.total'), service: '', ...report.totals });
  return rows;
}

/** One column definition for both CSV and XLSX. */
export function revenueColumns(t: (k: MessageKey) => string): XlsxColumn<RevenueExportRow>[] {
  return [
    { header: t('payments.reports.col.agency'), value: (r) => r.agency, type: 'text', width: 36 },
    { header: t('payments.reports.col.service'), value: (r) => r.service, type: 'text', width: 40 },
    { header: t('payments.reports.col.from'), value: (r) => r.from, type: 'date', width: 12 },
    { header: t('payments.reports.col.to'), value: (r) => r.to, type: 'date', width: 12 },
    { header: t('payments.reports.col.received_count'), value: (r) => r.receivedCount, type: 'integer' },
    { header: t('payments.reports.col.received_amount'), value: (r) => r.receivedAmount, type: 'rupiah', width: 18 },
    { header: t('payments.reports.col.outstanding_count'), value: (r) => r.outstandingCount, type: 'integer' },
    { header: t('payments.reports.col.outstanding_amount'), value: (r) => r.outstandingAmount, type: 'rupiah', width: 18 },
    { header: t('payments.reports.col.expired_count'), value: (r) => r.expiredCount, type: 'integer' },
    { header: t('payments.reports.col.cancelled_count'), value: (r) => r.cancelledCount, type: 'integer' },
  ];
}

export function registerPaymentReportRoutes(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;

  /** Agencies a reader may pick (all of them for region-wide readers). */
  async function choosable(scope: AgencyScope): Promise<{ id: string; name: string }[]> {
    const refs = await deps.agencies.listAgencyRefs();
    return scope === 'all' ? refs : refs.filter((a) => scope.includes(a.id));
  }

  app.get<{ Querystring: Record<string, unknown> }>(REVENUE_PATH, async (request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) => {
    authorize(request.actor, 'payments.reports.read');
    const scope = agenciesFor(request.actor, 'payments.reports.read');
    const q = request.query ?? {};
    const tz = await regionTimeZone(db);
    const ctx = await app.viewContext(request, reply);
    const agencies = await choosable(scope);

    const preset = str(q.preset);
    const typed = { from: str(q.from, 20), to: str(q.to, 20), agency: str(q.agency, 40) };
    const problems: FieldError[] = [];
    let period: Period;
    if ((periodPresets as readonly string[]).includes(preset)) period = presetPeriod(preset as PeriodPreset, new Date(), tz);
    else if (!typed.from && !typed.to) period = presetPeriod('bulan-ini', new Date(), tz);
    else {
      period = { from: typed.from, to: typed.to };
      problems.push(...checkPeriod(period));
    }
    if (typed.agency && (!UUID.test(typed.agency) || !agencies.some((a) => a.id === typed.agency))) problems.push({ field: 'agency', key: 'payments.reports.unknown_agency' });
    const format = str(q.format, 10);
    if (format && format !== 'csv' && format !== 'xlsx') problems.push({ field: 'format', key: 'payments.reports.invalid_format' });

    const form: FormState = { values: { ...typed, ...(problems.length ? {} : period) }, errors: problems };
    if (problems.length) return reply.page(RevenuePage({ ctx, form, agencies, report: null, exportQuery: '' }), 422);

    const report = await revenueReport(db, { period, timeZone: tz, scope, agencyId: typed.agency || null });
    if (format) {
      const rows = revenueExportRows(report, ctx.t);
      const columns = revenueColumns(ctx.t);
      const name = `pendapatan-${period.from}-${period.to}`;
      if (format === 'csv') return sendCsv(reply, `${name}.csv`, toCsv(columns, rows));
      return sendXlsx(reply, `${name}.xlsx`, await toXlsx([{ name: ctx.t('payments.reports.sheet'), columns, rows }]));
    }
    const exportQuery = new URLSearchParams({ from: period.from, to: period.to, ...(typed.agency ? { agency: typed.agency } : {}) }).toString();
    return reply.page(RevenuePage({ ctx, form, agencies, report, exportQuery }));
  });

  app.get<{ Querystring: Record<string, unknown> }>(DAILY_PATH, async (request, reply) => {
    authorize(request.actor, 'payments.daily_summary.read');
    const scope = agenciesFor(request.actor, 'payments.daily_summary.read');
    const tz = await regionTimeZone(db);
    const ctx = await app.viewContext(request, reply);
    const typed = str(request.query?.tanggal, 20);
    const date = typed || addLocalDays(localToday(new Date(), tz), -1);
    const problems = checkPeriod({ from: date, to: date }).filter((p) => p.field === 'from').map((p) => ({ field: 'tanggal', key: p.key }));
    if (problems.length) return reply.page(DailySummaryPage({ ctx, form: { values: { tanggal: typed }, errors: problems }, summary: null }), 422);
    const summary = await dailySummary(db, { date, timeZone: tz, scope });
    return reply.page(DailySummaryPage({ ctx, form: { values: { tanggal: date }, errors: [] }, summary, prev: addLocalDays(date, -1), next: addLocalDays(date, 1) }));
  });

  registerPaymentReportsApi(app, deps);
}
