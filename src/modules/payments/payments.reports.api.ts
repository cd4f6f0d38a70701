// JSON API of the revenue report and the daily reconciliation summary (tag 'payments', P-7).
// Amounts are integer Rupiah (JSON integers), dates `YYYY-MM-DD` in the region's time zone.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PaymentsDeps as Deps } from './payments.deps.ts';
import { agenciesFor, authorize } from '../../platform/auth/policy.ts';
import { errors } from '../../platform/http/errors.ts';
import { regionTimeZone } from '../agencies/index.ts';
import { manualReasons } from './matching.ts';
import { addLocalDays, checkPeriod, dailySummary, localToday, presetPeriod, revenueReport, type RevenueFigures } from './payments.reports.service.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'payments.reports.invalid_date').meta({ format: 'date' });
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'validation.invalid');
const rupiah = z.number().int().meta({ description: 'Integer Rupiah' });

const figuresShape = {
  receivedCount: z.number().int().meta({ description: 'Bills paid in the period' }),
  receivedAmount: rupiah.meta({ description: 'Σ paid_amount of the bills paid in the period (integer Rupiah)' }),
  outstandingCount: z.number().int().meta({ description: 'Bills unpaid or partially paid, issued before the end of the period' }),
  outstandingAmount: rupiah.meta({ description: 'Σ (amount − paid_amount) of those bills (integer Rupiah)' }),
  expiredCount: z.number().int(),
  cancelledCount: z.number().int(),
};
const figuresSchema = z.object(figuresShape).meta({ id: 'RevenueFigures' });

const revenueSchema = z
  .object({
    from: day,
    to: day,
    timeZone: z.string(),
    agencies: z.array(
      z.object({
        agencyId: z.string().meta({ format: 'uuid' }),
        agencyName: z.string(),
        subtotal: figuresSchema,
        services: z.array(z.object({ serviceId: z.string().meta({ format: 'uuid' }), serviceName: z.string(), ...figuresShape })),
      }),
    ),
    totals: figuresSchema,
    unmatchedCredits: z.object({ count: z.number().int(), amount: rupiah }).meta({ description: 'Bank credits in the manual queue booked in the period' }),
  })
  .meta({ id: 'RevenueReport' });

const dailySchema = z
  .object({
    date: day,
    timeZone: z.string(),
    creditsImported: z.number().int(),
    creditsImportedAmount: rupiah,
    matchedAutomatically: z.number().int(),
    matchedByHand: z.number().int(),
    stillManual: z.object(Object.fromEntries(manualReasons.map((r) => [r, z.number().int()]))).meta({ description: "Of that day's credits, still in the manual queue, by reason" }),
    stillManualTotal: z.number().int(),
    queueTotal: z.number().int().meta({ description: 'The whole manual queue now' }),
    billsPaid: z.number().int(),
    amountReceived: rupiah,
  })
  .meta({ id: 'DailyReconciliationSummary' });

const figures = (f: RevenueFigures) => ({
  receivedCount: f.receivedCount,
  receivedAmount: f.receivedAmount,
  outstandingCount: f.outstandingCount,
  outstandingAmount: f.outstandingAmount,
  expiredCount: f.expiredCount,
  cancelledCount: f.cancelledCount,
});

export function registerPaymentReportsApi(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/payments/revenue',
    operationId: 'paymentsRevenue',
    summary: 'Fee revenue per agency and service for a period (received, outstanding, expired, cancelled, unmatched credits)',
    description:
      'Finance officers, agency admins, executives, super admins and auditors; agency-scoped readers get their own agencies only (another agency is 403). Without from/to: the current month.',
    tag: 'payments',
    auth: 'user',
    query: z.object({ from: day.optional(), to: day.optional(), agency: uuid.optional() }),
    response: revenueSchema,
    handler: async ({ actor, query }) => {
      authorize(actor, 'payments.reports.read');
      const scope = agenciesFor(actor, 'payments.reports.read');
      if (query.agency && scope !== 'all' && !scope.includes(query.agency)) throw errors.forbidden();
      const tz = await regionTimeZone(db);
      const month = presetPeriod('bulan-ini', new Date(), tz);
      const period = { from: query.from ?? month.from, to: query.to ?? (query.from ? query.from : month.to) };
      const problems = checkPeriod(period);
      if (problems.length) throw errors.validation(problems);
      const r = await revenueReport(db, { period, timeZone: tz, scope, agencyId: query.agency ?? null });
      return {
        from: r.period.from,
        to: r.period.to,
        timeZone: r.timeZone,
        agencies: r.agencies.map((g) => ({
          agencyId: g.agencyId,
          agencyName: g.agencyName,
          subtotal: figures(g.subtotal),
          services: g.services.map((s) => ({ serviceId: s.serviceId, serviceName: s.serviceName, ...figures(s) })),
        })),
        totals: figures(r.totals),
        unmatchedCredits: { count: r.unmatchedCredits.count, amount: r.unmatchedCredits.amount },
      };
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/payments/daily-summary',
    operationId: 'paymentsDailySummary',
    summary: 'Reconciliation figures of one day: credits imported, matched automatically or by hand, manual queue by reason, bills paid, amount received',
    description: 'Without date: yesterday (region time). Agency-scoped readers get figures of their own agencies (credits on their receiving accounts).',
    tag: 'payments',
    auth: 'user',
    query: z.object({ date: day.optional() }),
    response: dailySchema,
    handler: async ({ actor, query }) => {
      authorize(actor, 'payments.daily_summary.read');
      const scope = agenciesFor(actor, 'payments.daily_summary.read');
      const tz = await regionTimeZone(db);
      const date = query.date ?? addLocalDays(localToday(new Date(), tz), -1);
      const problems = checkPeriod({ from: date, to: date }).filter((p) => p.field === 'from');
      if (problems.length) throw errors.validation(problems.map((p) => ({ field: 'date', key: p.key })));
      const s = await dailySummary(db, { date, timeZone: tz, scope });
      return { ...s, stillManual: { ...s.stillManual } };
    },
  });
}
