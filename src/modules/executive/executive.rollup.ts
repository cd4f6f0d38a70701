// Pure core of the summaries: a source fact → the row kept per application or bill, and the
// contributions that row makes to each summary table. A change is applied as
// contributions(new) − contributions(old), so applying the same fact again adds nothing.
import type { WorkingCalendar } from '../../platform/calendar/working-time.ts';
import type { CaseState } from './executive.tables.ts';
import type { ApplicationFact } from '../applications/index.ts';

/** What the applications module tells about one submitted application (its public facts). */
export type CaseSourceFact = ApplicationFact;

/** What the payments module tells about one bill. */
export interface BillSourceFact {
  id: string;
  agencyId: string;
  serviceId: string;
  status: 'unpaid' | 'partially_paid' | 'paid' | 'expired' | 'cancelled';
  amount: number;
  paidAmount: number;
  issuedAt: Date;
  paidAt: Date | null;
  /** Bank credits matched to the bill (booking date is already a local date). */
  credits?: { bookedOn: string; amount: number }[];
}

export interface CaseStep {
  name: string;
  day: string;
  usedMs: number;
  late: boolean;
}

/** The row kept per application (exec_case_facts), in local dates of the region. */
export interface CaseRow {
  applicationId: string;
  trackingNumber: string | null;
  agencyId: string;
  serviceId: string;
  district: string;
  channel: string;
  state: CaseState;
  submittedOn: string;
  decidedOn: string | null;
  dueOn: string | null;
  activityOn: string;
  workingDays: number | null;
  slaMet: boolean | null;
  sentBack: boolean;
  steps: CaseStep[];
}

export interface BillRow {
  billId: string;
  agencyId: string;
  serviceId: string;
  status: string;
  issuedOn: string;
  paidOn: string | null;
  amount: number;
  paidAmount: number;
  /** Matched bank credits: reconciled revenue on their booking day. */
  credits: { day: string; amount: number }[];
}

export const OPEN_STATES: readonly CaseState[] = ['unclaimed', 'in_process', 'with_applicant'];
/** due_on of an open case without a deadline in exec_open. */
export const NO_DUE = '9999-12-31';

export function caseState(f: Pick<CaseSourceFact, 'status' | 'assigned'>): CaseState {
  switch (f.status) {
    case 'submitted':
      return f.assigned ? 'in_process' : 'unclaimed';
    case 'in_process':
      return 'in_process';
    case 'sent_back':
    case 'awaiting_payment':
      return 'with_applicant';
    case 'approved':
    case 'rejected':
      return 'done';
    case 'withdrawn':
      return 'withdrawn';
  }
}

/** Whole working days taken, a started working day counting as one (0 when decided before work began). */
export function workingDaysTaken(cal: WorkingCalendar, from: Date, to: Date): number {
  return Math.max(0, Math.ceil(cal.workingDaysBetween(from, to) - 1e-9));
}

export function caseRow(cal: WorkingCalendar, f: CaseSourceFact): CaseRow {
  const state = caseState(f);
  const done = state === 'done' && f.decidedAt !== null;
  return {
    applicationId: f.id,
    trackingNumber: f.trackingNumber,
    agencyId: f.agencyId,
    serviceId: f.serviceId,
    district: f.district ?? '',
    channel: f.channel,
    state,
    submittedOn: cal.localDate(f.submittedAt),
    decidedOn: done ? cal.localDate(f.decidedAt!) : null,
    dueOn: f.dueAt ? cal.localDate(f.dueAt) : null,
    activityOn: cal.localDate(f.lastActivityAt),
    workingDays: done ? workingDaysTaken(cal, f.submittedAt, f.decidedAt!) : null,
    slaMet: done ? f.dueAt === null || f.decidedAt!.getTime() <= f.dueAt.getTime() : null,
    sentBack: f.sentBack,
    steps: f.steps.map((s) => ({ name: s.name, day: cal.localDate(s.finishedAt), usedMs: s.usedMs, late: !s.met })),
  };
}

export function billRow(cal: WorkingCalendar, f: BillSourceFact): BillRow {
  return {
    billId: f.id,
    agencyId: f.agencyId,
    serviceId: f.serviceId,
    status: f.status,
    issuedOn: cal.localDate(f.issuedAt),
    paidOn: f.paidAt ? cal.localDate(f.paidAt) : null,
    amount: f.amount,
    paidAmount: f.paidAmount,
    credits: (f.credits ?? []).map((c) => ({ day: c.bookedOn, amount: c.amount })),
  };
}

/** One summary table's changes: key (the table's primary key columns) → measure deltas. */
export type Deltas = Map<string, { key: Record<string, string | number>; add: Record<string, number> }>;

export interface SummaryDeltas {
  exec_daily: Deltas;
  exec_durations: Deltas;
  exec_steps: Deltas;
  exec_open: Deltas;
  exec_revenue: Deltas;
}

export function emptyDeltas(): SummaryDeltas {
  return { exec_daily: new Map(), exec_durations: new Map(), exec_steps: new Map(), exec_open: new Map(), exec_revenue: new Map() };
}

function add(d: Deltas, key: Record<string, string | number>, measures: Record<string, number>, sign: 1 | -1): void {
  const k = JSON.stringify(key);
  let e = d.get(k);
  if (!e) d.set(k, (e = { key, add: {} }));
  for (const [m, v] of Object.entries(measures)) e.add[m] = (e.add[m] ?? 0) + sign * v;
}

/**
 * The summaries keep only rollup rows, so the usual views read few rows and a rebuild writes few:
 * district ALL = all districts, per day (exec_daily only); district MONTH = all districts, the
 * whole month (day = the first of the month). Each with channel ALL (all channels) and per
 * channel. A district cut, and durations or steps of a day or a week, are answered from the
 * per-application facts (exec_case_facts, indexed by district and date).
 */
export const ALL = '*';
export const MONTH = 'M';

export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * Dates of the open backlog (exec_open) before `floor` are kept as `floor`: the figures read
 * from them (overdue, the ageing buckets, escalation) only ask "before a date within the last
 * weeks", so older dates need no detail, and the backlog table stays small however old its
 * cases are. The floor moves forward now and then (the refresh), merging the rows it passes.
 */
export const clampDate = (d: string, floor: string | null) => (floor && d < floor && d !== NO_DUE ? floor : d);

/** Adds (sign 1) or takes away (sign −1) what one application contributes to the summaries. */
export function addCase(out: SummaryDeltas, r: CaseRow, sign: 1 | -1, floor: string | null = null): void {
  for (const channel of [ALL, r.channel]) {
    for (const [district, at] of [[ALL, (d: string) => d], [MONTH, monthOf]] as const) {
      const cut = { agency_id: r.agencyId, service_id: r.serviceId, district, channel };
      add(out.exec_daily, { day: at(r.submittedOn), ...cut }, { received: 1 }, sign);
      if (r.state === 'withdrawn') add(out.exec_daily, { day: at(r.submittedOn), ...cut }, { withdrawn: 1 }, sign);
      if (r.state === 'done') add(out.exec_daily, { day: at(r.submittedOn), ...cut }, { received_done: 1 }, sign);
      if (r.decidedOn) add(out.exec_daily, { day: at(r.decidedOn), ...cut }, { completed: 1, completed_in_sla: r.slaMet ? 1 : 0, sent_back: r.sentBack ? 1 : 0 }, sign);
      if (district !== MONTH) continue;
      if (r.decidedOn) add(out.exec_durations, { day: at(r.decidedOn), ...cut, working_days: r.workingDays ?? 0 }, { n: 1 }, sign);
      for (const s of r.steps) add(out.exec_steps, { day: at(s.day), ...cut, step_name: s.name }, { n: 1, used_ms: s.usedMs, late: s.late ? 1 : 0 }, sign);
    }
  }
  if (OPEN_STATES.includes(r.state)) {
    add(out.exec_open, { agency_id: r.agencyId, service_id: r.serviceId, district: ALL, channel: ALL, state: r.state, due_on: clampDate(r.dueOn ?? NO_DUE, floor), activity_on: clampDate(r.activityOn, floor) }, { n: 1 }, sign);
  }
}

/** Adds or takes away what one bill contributes to exec_revenue (per day, and per month: grain 'M'). */
export function addBill(out: SummaryDeltas, b: BillRow, sign: 1 | -1): void {
  for (const [grain, at] of [['D', (d: string) => d], [MONTH, monthOf]] as const) {
    const key = { grain, agency_id: b.agencyId, service_id: b.serviceId };
    if (b.status !== 'cancelled') add(out.exec_revenue, { day: at(b.issuedOn), ...key }, { billed: b.amount }, sign);
    if (b.paidOn && b.paidAmount > 0) add(out.exec_revenue, { day: at(b.paidOn), ...key }, { paid: b.paidAmount }, sign);
    else if (b.paidAmount > 0) add(out.exec_revenue, { day: at(b.issuedOn), ...key }, { paid: b.paidAmount }, sign);
    if (b.status === 'unpaid' || b.status === 'partially_paid') add(out.exec_revenue, { day: at(b.issuedOn), ...key }, { outstanding: b.amount - b.paidAmount }, sign);
    for (const c of b.credits) add(out.exec_revenue, { day: at(c.day), ...key }, { reconciled: c.amount }, sign);
  }
}

/** Nearest-rank percentile (p in (0, 100]) of a histogram value → count; null when empty. */
export function percentile(hist: readonly { value: number; n: number }[], p: number): number | null {
  const sorted = [...hist].filter((h) => h.n > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, h) => s + h.n, 0);
  if (total === 0) return null;
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (const h of sorted) {
    seen += h.n;
    if (seen >= rank) return h.value;
  }
  return sorted[sorted.length - 1]!.value;
}
