// Revenue report and daily reconciliation figures (P-7, issue 5 item 4). Read-only: nothing
// here writes the payments tables (bills and credits belong to billing and reconciliation);
// the daily summary's once-only e-mail lives in daily-summary.ts.
//
// Every figure is a SQL aggregate cast to bigint (int8 is read as a safe-integer number), so
// no amount ever passes through floating point. Periods are calendar days in the region's
// time zone: [from 00:00, to + 1 day 00:00) local, turned into instants with the zone's fixed
// offset (WIB/WITA/WIT have no daylight saving).
//
// Definitions (per agency and service):
//  - received: bills with status `paid` whose paid_at falls in the period — count and the sum
//    of paid_amount (what reached the account);
//  - outstanding: bills still `unpaid` or `partially_paid` that were issued before the end of
//    the period (issued in it, or earlier and still open) — count and Σ(amount − paid_amount).
//    This is the state NOW: a bill open at the end of October but paid since is not counted in
//    October's outstanding (it appears as received in the month it was paid);
//  - expired / cancelled: bills whose expired_at / cancelled_at falls in the period (counts);
//  - unmatched credits (region line, not per service): bank credits in the manual queue
//    booked in the period — count and sum; agency-scoped readers see only credits on their
//    agency's receiving accounts.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { dayNumber, isValidLocalDate, zoneOffsetMs, DAY_MS, type RegionTimeZone } from '../../platform/calendar/working-time.ts';
import { manualReasons, type ManualReason } from './matching.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

/** 'all' (region-wide reader) or the agencies the reader may see. */
export type AgencyScope = 'all' | readonly string[];

export interface Period {
  /** `YYYY-MM-DD`, inclusive, region time. */
  from: string;
  /** `YYYY-MM-DD`, inclusive, region time. */
  to: string;
}

export const periodPresets = ['bulan-ini', 'bulan-lalu', 'tahun-ini'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

/** Longest period a report covers (about five years). */
export const MAX_PERIOD_DAYS = 1830;

/** Today's date in the region (`YYYY-MM-DD`). */
export function localToday(now: Date, tz: RegionTimeZone): string {
  return new Date(now.getTime() + zoneOffsetMs(tz)).toISOString().slice(0, 10);
}

/** Local hour (0–23) in the region. */
export function localHour(now: Date, tz: RegionTimeZone): number {
  return new Date(now.getTime() + zoneOffsetMs(tz)).getUTCHours();
}

export function addLocalDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** This month, last month or this year, up to their last day (not only up to today). */
export function presetPeriod(preset: PeriodPreset, now: Date, tz: RegionTimeZone): Period {
  const today = localToday(now, tz);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const lastDay = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 0)).toISOString().slice(0, 10); // mm 1-based
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (preset) {
    case 'bulan-ini':
      return { from: `${y}-${pad(m)}-01`, to: lastDay(y, m) };
    case 'bulan-lalu': {
      const py = m === 1 ? y - 1 : y;
      const pm = m === 1 ? 12 : m - 1;
      return { from: `${py}-${pad(pm)}-01`, to: lastDay(py, pm) };
    }
    case 'tahun-ini':
      return { from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

export type PeriodProblem = { field: 'from' | 'to'; key: MessageKey };

/** Checks a typed period: real dates, from ≤ to, at most MAX_PERIOD_DAYS. */
export function checkPeriod(p: { from: string; to: string }): PeriodProblem[] {
  const problems: PeriodProblem[] = [];
  if (!isValidLocalDate(p.from)) problems.push({ field: 'from', key: 'payments.reports.invalid_date' });
  if (!isValidLocalDate(p.to)) problems.push({ field: 'to', key: 'payments.reports.invalid_date' });
  if (problems.length) return problems;
  const a = dayNumber(p.from)!;
  const b = dayNumber(p.to)!;
  if (b < a) problems.push({ field: 'to', key: 'payments.reports.to_before_from' });
  else if (b - a + 1 > MAX_PERIOD_DAYS) problems.push({ field: 'to', key: 'payments.reports.period_too_long' });
  return problems;
}

/** [start, end) instants of local days `from`..`to`. */
export function periodInstants(p: Period, tz: RegionTimeZone): { start: Date; end: Date } {
  const off = zoneOffsetMs(tz);
  const [fy, fm, fd] = p.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = p.to.split('-').map(Number) as [number, number, number];
  return { start: new Date(Date.UTC(fy, fm - 1, fd) - off), end: new Date(Date.UTC(ty, tm - 1, td) + DAY_MS - off) };
}

// ---------------------------------------------------------------------------------------------

export interface RevenueFigures {
  receivedCount: number;
  receivedAmount: number;
  outstandingCount: number;
  outstandingAmount: number;
  expiredCount: number;
  cancelledCount: number;
}

export interface RevenueServiceRow extends RevenueFigures {
  serviceId: string;
  serviceName: string;
}

export interface RevenueAgencyGroup {
  agencyId: string;
  agencyName: string;
  services: RevenueServiceRow[];
  subtotal: RevenueFigures;
}

export interface RevenueReport {
  period: Period;
  timeZone: RegionTimeZone;
  agencies: RevenueAgencyGroup[];
  totals: RevenueFigures;
  unmatchedCredits: { count: number; amount: number };
}

const zeroFigures = (): RevenueFigures => ({ receivedCount: 0, receivedAmount: 0, outstandingCount: 0, outstandingAmount: 0, expiredCount: 0, cancelledCount: 0 });

interface AggRow {
  agency_id: string | null;
  agency_name: string | null;
  service_id: string | null;
  service_name: string | null;
  g_agency: number;
  g_service: number;
  received_count: number;
  received_amount: number;
  outstanding_count: number;
  outstanding_amount: number;
  expired_count: number;
  cancelled_count: number;
}

function scopeIds(scope: AgencyScope, agencyId: string | null | undefined): 'all' | string[] {
  if (scope === 'all') return agencyId ? [agencyId] : 'all';
  if (agencyId) return scope.includes(agencyId) ? [agencyId] : [];
  return [...scope];
}

/** The revenue report for `period`, limited to `scope` (and to `agencyId` when given). */
export async function revenueReport(q: Executor, input: { period: Period; timeZone: RegionTimeZone; scope: AgencyScope; agencyId?: string | null }): Promise<RevenueReport> {
  const { start, end } = periodInstants(input.period, input.timeZone);
  const ids = scopeIds(input.scope, input.agencyId);
  const empty: RevenueReport = { period: input.period, timeZone: input.timeZone, agencies: [], totals: zeroFigures(), unmatchedCredits: { count: 0, amount: 0 } };
  if (ids !== 'all' && ids.length === 0) return empty;

  const agencyFilter = ids === 'all' ? sql`true` : sql`b.agency_id in (${sql.join(ids)})`;
  const paid = sql`b.status = 'paid' and b.paid_at >= ${start} and b.paid_at < ${end}`;
  const open = sql`b.status in ('unpaid', 'partially_paid') and b.issued_at < ${end}`;
  const expired = sql`b.status = 'expired' and b.expired_at >= ${start} and b.expired_at < ${end}`;
  const cancelled = sql`b.status = 'cancelled' and b.cancelled_at >= ${start} and b.cancelled_at < ${end}`;

  // Grouping sets give the service rows, the agency subtotals and the grand total in one pass.
  const res = await sql<AggRow>`
    select b.agency_id, min(a.name) as agency_name, b.service_id,
      min(coalesce(nullif(s.draft_content->>'name', ''), s.slug)) as service_name,
      grouping(b.agency_id)::int as g_agency, grouping(b.service_id)::int as g_service,
      (count(*) filter (where ${paid}))::bigint as received_count,
      coalesce(sum(b.paid_amount) filter (where ${paid}), 0)::bigint as received_amount,
      (count(*) filter (where ${open}))::bigint as outstanding_count,
      coalesce(sum(b.amount - b.paid_amount) filter (where ${open}), 0)::bigint as outstanding_amount,
      (count(*) filter (where ${expired}))::bigint as expired_count,
      (count(*) filter (where ${cancelled}))::bigint as cancelled_count
    from bills b
    join agencies a on a.id = b.agency_id
    join services s on s.id = b.service_id
    where ${agencyFilter} and ((${paid}) or (${open}) or (${expired}) or (${cancelled}))
    group by grouping sets ((b.agency_id, b.service_id), (b.agency_id), ())
  `.execute(q);

  const figures = (r: AggRow): RevenueFigures => ({
    receivedCount: Number(r.received_count),
    receivedAmount: Number(r.received_amount),
    outstandingCount: Number(r.outstanding_count),
    outstandingAmount: Number(r.outstanding_amount),
    expiredCount: Number(r.expired_count),
    cancelledCount: Number(r.cancelled_count),
  });
  const groups = new Map<string, RevenueAgencyGroup>();
  let totals = zeroFigures();
  for (const r of res.rows) {
    if (Number(r.g_agency) === 1) {
      totals = figures(r);
      continue;
    }
    const g = groups.get(r.agency_id!) ?? { agencyId: r.agency_id!, agencyName: r.agency_name ?? '', services: [], subtotal: zeroFigures() };
    groups.set(r.agency_id!, g);
    if (Number(r.g_service) === 1) g.subtotal = figures(r);
    else g.services.push({ serviceId: r.service_id!, serviceName: r.service_name ?? '', ...figures(r) });
  }
  const collator = new Intl.Collator('id');
  const agencies = [...groups.values()].sort((x, y) => collator.compare(x.agencyName, y.agencyName));
  for (const g of agencies) g.services.sort((x, y) => collator.compare(x.serviceName, y.serviceName));

  const creditScope = creditFilter(ids);
  const credits = await sql<{ count: number; amount: number }>`
    select count(*)::bigint as count, coalesce(sum(c.amount), 0)::bigint as amount
    from bank_credits c left join bank_accounts ba on ba.id = c.bank_account_id
    where c.status = 'manual' and c.booked_on >= ${input.period.from}::date and c.booked_on <= ${input.period.to}::date and ${creditScope}
  `.execute(q);
  const c = credits.rows[0];
  return { ...empty, agencies, totals, unmatchedCredits: { count: Number(c?.count ?? 0), amount: Number(c?.amount ?? 0) } };
}

/** Credits visible to a scope: all, or those on the listed agencies' receiving accounts. */
function creditFilter(ids: 'all' | string[]) {
  return ids === 'all' ? sql`true` : sql`ba.agency_id in (${sql.join(ids)})`;
}

// ---------------------------------------------------------------------------------------------

export interface DailySummary {
  /** `YYYY-MM-DD`, region time. */
  date: string;
  timeZone: RegionTimeZone;
  creditsImported: number;
  creditsImportedAmount: number;
  matchedAutomatically: number;
  matchedByHand: number;
  /** Credits imported that day still waiting in the manual queue, by reason. */
  stillManual: Record<ManualReason, number>;
  stillManualTotal: number;
  /** The whole manual queue now, whatever day the credits came in. */
  queueTotal: number;
  billsPaid: number;
  amountReceived: number;
}

/** Reconciliation figures of one local day, limited to `scope`. */
export async function dailySummary(q: Executor, input: { date: string; timeZone: RegionTimeZone; scope: AgencyScope }): Promise<DailySummary> {
  const { start, end } = periodInstants({ from: input.date, to: input.date }, input.timeZone);
  const ids = scopeIds(input.scope, null);
  const out: DailySummary = {
    date: input.date,
    timeZone: input.timeZone,
    creditsImported: 0,
    creditsImportedAmount: 0,
    matchedAutomatically: 0,
    matchedByHand: 0,
    stillManual: Object.fromEntries(manualReasons.map((r) => [r, 0])) as Record<ManualReason, number>,
    stillManualTotal: 0,
    queueTotal: 0,
    billsPaid: 0,
    amountReceived: 0,
  };
  if (ids !== 'all' && ids.length === 0) return out;
  const creditScope = creditFilter(ids);
  const imported = sql`c.created_at >= ${start} and c.created_at < ${end}`;
  const matchedToday = sql`c.status = 'matched' and c.matched_at >= ${start} and c.matched_at < ${end}`;
  const credits = await sql<{ imported: number; imported_amount: number; auto: number; by_hand: number; queue: number }>`
    select (count(*) filter (where ${imported}))::bigint as imported,
      coalesce(sum(c.amount) filter (where ${imported}), 0)::bigint as imported_amount,
      (count(*) filter (where ${matchedToday} and c.matched_by is null))::bigint as auto,
      (count(*) filter (where ${matchedToday} and c.matched_by is not null))::bigint as by_hand,
      (count(*) filter (where c.status = 'manual'))::bigint as queue
    from bank_credits c left join bank_accounts ba on ba.id = c.bank_account_id
    where ${creditScope} and ((${imported}) or (${matchedToday}) or c.status = 'manual')
  `.execute(q);
  const c = credits.rows[0];
  if (c) {
    out.creditsImported = Number(c.imported);
    out.creditsImportedAmount = Number(c.imported_amount);
    out.matchedAutomatically = Number(c.auto);
    out.matchedByHand = Number(c.by_hand);
    out.queueTotal = Number(c.queue);
  }
  const reasons = await sql<{ reason: string; n: number }>`
    select c.manual_reason as reason, count(*)::bigint as n
    from bank_credits c left join bank_accounts ba on ba.id = c.bank_account_id
    where ${creditScope} and c.status = 'manual' and ${imported}
    group by c.manual_reason
  `.execute(q);
  for (const r of reasons.rows) {
    const n = Number(r.n);
    out.stillManualTotal += n;
    if ((manualReasons as readonly string[]).includes(r.reason)) out.stillManual[r.reason as ManualReason] += n;
  }
  const billScope = ids === 'all' ? sql`true` : sql`b.agency_id in (${sql.join(ids)})`;
  const bills = await sql<{ n: number; amount: number }>`
    select count(*)::bigint as n, coalesce(sum(b.paid_amount), 0)::bigint as amount
    from bills b where ${billScope} and b.status = 'paid' and b.paid_at >= ${start} and b.paid_at < ${end}
  `.execute(q);
  out.billsPaid = Number(bills.rows[0]?.n ?? 0);
  out.amountReceived = Number(bills.rows[0]?.amount ?? 0);
  return out;
}
