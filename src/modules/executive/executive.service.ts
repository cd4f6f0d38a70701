// Executive information (E-1, E-2, E-3): keeps the summary tables current from the change
// marks (exec_dirty, see migration 0042) and answers the dashboard, wall, drill-down and public
// figures from them — never from the applications or bills themselves. The facts come from the
// owning modules through `ExecutiveSources` (wired by the composition root).
import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { Database, Executor } from '../../platform/db/database.ts';
import { loadCalendar } from '../../platform/calendar/calendar.service.ts';
import { instantOfLocal, localDateOf, type RegionTimeZone, type WorkingCalendar } from '../../platform/calendar/working-time.ts';
import type { ComplaintFigures, ComplaintFiguresResult } from '../complaints/index.ts';
import type { SpbeFigures } from '../governance/index.ts';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import type { Logger } from '../../platform/log.ts';
import { parseJson } from '../../platform/db/values.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import {
  addBill,
  addCase,
  billRow,
  caseRow,
  emptyDeltas,
  ALL,
  MONTH,
  monthOf,
  NO_DUE,
  OPEN_STATES,
  percentile,
  type BillRow,
  type BillSourceFact,
  type CaseRow,
  type CaseSourceFact,
  type Deltas,
  type SummaryDeltas,
} from './executive.rollup.ts';
import { addDays, lastYearPeriod, previousPeriod, type DateRange, type Period } from './executive.periods.ts';
import type { CaseState } from './executive.tables.ts';

/** What the executive module reads from the others (their public reads, wired in app.ts). */
export interface ExecutiveSources {
  applicationFacts(q: Executor, ids: readonly string[]): Promise<CaseSourceFact[]>;
  applicationIdsAfter(q: Executor, afterId: string | null, limit: number): Promise<string[]>;
  billFacts(q: Executor, ids: readonly string[]): Promise<BillSourceFact[]>;
  billIdsAfter(q: Executor, afterId: string | null, limit: number): Promise<string[]>;
  agencies(): Promise<{ id: string; name: string; slug: string }[]>;
  services(): Promise<{ id: string; name: string; agencyId: string }[]>;
  /** Complaint figures of complaints submitted in [from, to) (complaints module). */
  complaints?(q: Executor, cal: WorkingCalendar, input: { from: Date; to: Date; agencies: 'all' | readonly string[] }): Promise<ComplaintFiguresResult>;
  /** SPBE index, roadmap progress and open audit findings (governance module). */
  spbe?(input: { year: number; today: string; agencies: 'all' | readonly string[] }): Promise<SpbeFigures>;
}

/** The cards read from other modules' figures (absent when the module is not wired). */
export interface ExtraCards {
  complaints: ComplaintFigures | null;
  spbe: SpbeFigures | null;
  /** Reconciled revenue (matched bank credits booked in the period, from exec_revenue). */
  reconciled: number | null;
}

/** Published complaint figures need this many complaints received by an agency. */
export const MIN_COMPLAINTS = 10;

export const refreshJob = defineJob('executive.refresh', z.object({}));
export const REFRESH_EVERY_SECONDS = 30;
const BATCH = 500;
/** Rankings and published rates show an agency only from this many completed applications. */
export const MIN_VOLUME = 10;
/** A case nobody touched for this many working days is escalated (command-centre wall). */
export const ESCALATE_AFTER_WORKING_DAYS = 3;

export interface Filters {
  /** 'all' (region-wide) or the agencies the figures cover. */
  agencies: 'all' | string[];
  serviceId?: string;
  district?: string;
  channel?: string;
}

export interface Flow {
  received: number;
  completed: number;
  completedInSla: number;
  sentBack: number;
  withdrawn: number;
  receivedDone: number;
  receivedOnline: number;
}

export interface AgeBucket {
  key: 'b1' | 'b2' | 'b3' | 'b4';
  /** due_on range of the bucket: from (inclusive, null = open) to (exclusive). */
  from: string | null;
  to: string;
  n: number;
}

export interface Dashboard {
  period: Period;
  previous: Period;
  lastYear: Period;
  today: string;
  flow: { current: Flow; previous: Flow; lastYear: Flow };
  open: Record<'unclaimed' | 'in_process' | 'with_applicant', number>;
  overdue: number;
  escalated: number;
  buckets: AgeBucket[];
  durations: { median: number | null; p90: number | null; previousMedian: number | null; previousP90: number | null };
  slowSteps: { name: string; n: number; avgHours: number; late: number }[];
  /** reconciled: matched bank credits booked in the period (payments' facts, kept in exec_revenue). */
  revenue: { billed: number; paid: number; outstanding: number; target: number | null; paidYear: number; previousPaid: number; lastYearPaid: number; reconciled: number };
  /** By agency region-wide, by service within one agency (drill down region → agency → service). */
  breakdownBy: 'agency' | 'service';
  breakdown: { id: string; name: string; received: number; completed: number; completedInSla: number; open: number }[];
  trend: { label: string; received: number; completed: number }[];
}

export const drillMeasures = ['received', 'completed', 'in_sla', 'late', 'sent_back', 'open', 'unclaimed', 'in_process', 'with_applicant', 'overdue', 'escalated', 'b1', 'b2', 'b3', 'b4'] as const;
export type DrillMeasure = (typeof drillMeasures)[number];

export interface CaseListRow {
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
}

export interface WallTile {
  agencyId: string;
  name: string;
  unclaimed: number;
  inProcess: number;
  doneToday: number;
  escalated: number;
  tone: 'red' | 'yellow' | 'green';
}

export interface PublicKpi {
  agencyId: string;
  name: string;
  slug: string;
  received: number;
  completed: number;
  /** null below the minimum volume. */
  slaPercent: number | null;
  completionPercent: number | null;
  digitalPercent: number | null;
}

const n = (v: unknown) => Number(v ?? 0);

/** The k-th working day counting back from `today` (k = 1: today if it is one). */
export function workingDayBack(cal: WorkingCalendar, today: string, k: number): string {
  let d = today;
  let seen = 0;
  for (let guard = 0; guard < 4000; guard++) {
    if (cal.isWorkingDay(d)) {
      seen++;
      if (seen === k) return d;
    }
    d = addDays(d, -1);
  }
  return d;
}

/** due_on ranges of the overdue ageing buckets (1–5, 6–10, 11–20, more than 20 working days). */
export function bucketRanges(cal: WorkingCalendar, today: string): { key: AgeBucket['key']; from: string | null; to: string }[] {
  const w6 = workingDayBack(cal, today, 6);
  const w11 = workingDayBack(cal, today, 11);
  const w21 = workingDayBack(cal, today, 21);
  return [
    { key: 'b1', from: w6, to: today },
    { key: 'b2', from: w11, to: w6 },
    { key: 'b3', from: w21, to: w11 },
    { key: 'b4', from: null, to: w21 },
  ];
}

const TABLES: Record<keyof SummaryDeltas, { keys: string[]; measures: string[] }> = {
  exec_daily: { keys: ['day', 'agency_id', 'service_id', 'district', 'channel'], measures: ['received', 'completed', 'completed_in_sla', 'sent_back', 'withdrawn', 'received_done'] },
  exec_durations: { keys: ['day', 'agency_id', 'service_id', 'district', 'channel', 'working_days'], measures: ['n'] },
  exec_steps: { keys: ['day', 'agency_id', 'service_id', 'district', 'channel', 'step_name'], measures: ['n', 'used_ms', 'late'] },
  exec_open: { keys: ['agency_id', 'service_id', 'district', 'channel', 'state', 'due_on', 'activity_on'], measures: ['n'] },
  exec_revenue: { keys: ['grain', 'day', 'agency_id', 'service_id'], measures: ['billed', 'paid', 'outstanding', 'reconciled'] },
};

async function applyDeltas(q: Executor, table: keyof SummaryDeltas, deltas: Deltas): Promise<void> {
  const { keys, measures } = TABLES[table];
  const entries = [...deltas.entries()].filter(([, e]) => measures.some((m) => (e.add[m] ?? 0) !== 0)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < entries.length; i += 400) {
    const chunk = entries.slice(i, i + 400);
    const rows = chunk.map(([, e]) => sql`(${sql.join([...keys.map((k) => e.key[k]), ...measures.map((m) => e.add[m] ?? 0)])})`);
    const cols = sql.raw([...keys, ...measures].join(', '));
    const set = sql.raw(measures.map((m) => `${m} = ${table}.${m} + excluded.${m}`).join(', '));
    await sql`insert into ${sql.table(table)} (${cols}) values ${sql.join(rows)} on conflict (${sql.raw(keys.join(', '))}) do update set ${set}`.execute(q);
  }
  if (table === 'exec_open' && entries.length) {
    // Rows of the open backlog that dropped to zero are removed (the table holds only what is open).
    for (let i = 0; i < entries.length; i += 400) {
      const rows = entries.slice(i, i + 400).map(([, e]) => sql`(${sql.join(keys.map((k) => e.key[k]))})`);
      await sql`delete from exec_open t using (values ${sql.join(rows)}) as v(${sql.raw(keys.join(', '))})
        where t.n = 0 and t.agency_id = v.agency_id::uuid and t.service_id = v.service_id::uuid and t.district = v.district and t.channel = v.channel
          and t.state = v.state and t.due_on = v.due_on::date and t.activity_on = v.activity_on::date`.execute(q);
    }
  }
}

function rowOfCase(r: Record<string, unknown>): CaseRow {
  return {
    applicationId: r.application_id as string,
    trackingNumber: (r.tracking_number as string | null) ?? null,
    agencyId: r.agency_id as string,
    serviceId: r.service_id as string,
    district: r.district as string,
    channel: r.channel as string,
    state: r.state as CaseState,
    submittedOn: r.submitted_on as string,
    decidedOn: (r.decided_on as string | null) ?? null,
    dueOn: (r.due_on as string | null) ?? null,
    activityOn: r.activity_on as string,
    workingDays: r.working_days === null || r.working_days === undefined ? null : Number(r.working_days),
    slaMet: (r.sla_met as boolean | null) ?? null,
    sentBack: Boolean(r.sent_back),
    steps: parseJson<CaseRow['steps']>(r.steps) ?? [],
  };
}

export interface ExecutiveDeps {
  database: Database;
  region: () => Promise<{ timeZone: string }>;
  sources: ExecutiveSources;
  log?: Logger;
}

export function createExecutive(deps: ExecutiveDeps) {
  const db = deps.database.db;
  const timeZone = async () => (await deps.region()).timeZone as RegionTimeZone;
  // The working calendar (weekends and the holidays table) is read at most once a minute: a
  // holiday edited by an administrator reaches the figures within that minute.
  let cachedCalendar: { at: number; cal: WorkingCalendar } | null = null;
  const calendar = async (q: Executor = db): Promise<WorkingCalendar> => {
    if (q === db && cachedCalendar && Date.now() - cachedCalendar.at < 60_000) return cachedCalendar.cal;
    const cal = await loadCalendar(q, await timeZone());
    if (q === db) cachedCalendar = { at: Date.now(), cal };
    return cal;
  };

  /** Applies the current facts of these applications (absent = gone) in `trx`; idempotent. */
  async function applyCases(trx: Executor, cal: WorkingCalendar, ids: readonly string[], facts: readonly CaseSourceFact[]): Promise<void> {
    if (ids.length === 0) return;
    const floor = await openFloor(trx);
    const old = await trx.selectFrom('exec_case_facts').selectAll().where('application_id', 'in', ids).forUpdate().execute();
    const deltas = emptyDeltas();
    for (const r of old) addCase(deltas, rowOfCase(r as unknown as Record<string, unknown>), -1, floor);
    const rows = facts.map((f) => caseRow(cal, f));
    for (const r of rows) addCase(deltas, r, 1, floor);
    const keep = new Set(rows.map((r) => r.applicationId));
    const gone = ids.filter((id) => !keep.has(id));
    if (gone.length) await trx.deleteFrom('exec_case_facts').where('application_id', 'in', gone).execute();
    await storeCases(trx, rows);
    for (const t of ['exec_daily', 'exec_durations', 'exec_steps', 'exec_open'] as const) await applyDeltas(trx, t, deltas[t]);
  }

  /** The open backlog's floor (see clampDate), locked for share: moving it waits for the appliers. */
  async function openFloor(trx: Executor): Promise<string | null> {
    const r = await sql<{ floor: string | null }>`select floor::text as floor from exec_open_floor where id for share`.execute(trx);
    return r.rows[0]?.floor ?? null;
  }

  /**
   * Moves the open backlog's floor to 90 days before today once it is more than 120 days behind,
   * merging the rows it passes (what an applier takes away later is clamped the same way).
   */
  async function moveFloor(today: string): Promise<void> {
    const target = addDays(today, -90);
    await db.transaction().execute(async (trx) => {
      const r = await sql<{ floor: string | null }>`select floor::text as floor from exec_open_floor where id for update`.execute(trx);
      const floor = r.rows[0]?.floor ?? null;
      if (floor !== null && floor >= addDays(today, -120)) return;
      await sql`insert into exec_open (agency_id, service_id, district, channel, state, due_on, activity_on, n)
        select agency_id, service_id, district, channel, state, greatest(due_on, ${target}::date), greatest(activity_on, ${target}::date), sum(n)
          from exec_open where due_on < ${target}::date or activity_on < ${target}::date group by 1, 2, 3, 4, 5, 6, 7
        on conflict (agency_id, service_id, district, channel, state, due_on, activity_on) do update set n = exec_open.n + excluded.n`.execute(trx);
      await sql`delete from exec_open where due_on < ${target}::date or activity_on < ${target}::date`.execute(trx);
      await sql`update exec_open_floor set floor = ${target}::date where id`.execute(trx);
    });
  }

  /** Writes the rows kept per application (exec_case_facts). */
  async function storeCases(trx: Executor, rows: readonly CaseRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 300) {
      const values = rows.slice(i, i + 300).map((r) => ({
        application_id: r.applicationId,
        tracking_number: r.trackingNumber,
        agency_id: r.agencyId,
        service_id: r.serviceId,
        district: r.district,
        channel: r.channel,
        state: r.state,
        submitted_on: r.submittedOn,
        decided_on: r.decidedOn,
        due_on: r.dueOn,
        activity_on: r.activityOn,
        working_days: r.workingDays,
        sla_met: r.slaMet,
        sent_back: r.sentBack,
        steps: JSON.stringify(r.steps),
        updated_at: new Date(),
      }));
      await trx
        .insertInto('exec_case_facts')
        .values(values)
        .onConflict((oc) =>
          oc.column('application_id').doUpdateSet((eb) => ({
            tracking_number: eb.ref('excluded.tracking_number'),
            agency_id: eb.ref('excluded.agency_id'),
            service_id: eb.ref('excluded.service_id'),
            district: eb.ref('excluded.district'),
            channel: eb.ref('excluded.channel'),
            state: eb.ref('excluded.state'),
            submitted_on: eb.ref('excluded.submitted_on'),
            decided_on: eb.ref('excluded.decided_on'),
            due_on: eb.ref('excluded.due_on'),
            activity_on: eb.ref('excluded.activity_on'),
            working_days: eb.ref('excluded.working_days'),
            sla_met: eb.ref('excluded.sla_met'),
            sent_back: eb.ref('excluded.sent_back'),
            steps: eb.ref('excluded.steps'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  async function applyBills(trx: Executor, cal: WorkingCalendar, ids: readonly string[], facts: readonly BillSourceFact[]): Promise<void> {
    if (ids.length === 0) return;
    const old = await trx.selectFrom('exec_bill_facts').selectAll().where('bill_id', 'in', ids).forUpdate().execute();
    const deltas = emptyDeltas();
    for (const o of old) {
      const b: BillRow = {
        billId: o.bill_id,
        agencyId: o.agency_id,
        serviceId: o.service_id,
        status: o.status,
        issuedOn: o.issued_on,
        paidOn: o.paid_on,
        amount: n(o.amount),
        paidAmount: n(o.paid_amount),
        credits: parseJson<BillRow['credits']>(o.credits) ?? [],
      };
      addBill(deltas, b, -1);
    }
    const rows = facts.map((f) => billRow(cal, f));
    for (const r of rows) addBill(deltas, r, 1);
    const keep = new Set(rows.map((r) => r.billId));
    const gone = ids.filter((id) => !keep.has(id));
    if (gone.length) await trx.deleteFrom('exec_bill_facts').where('bill_id', 'in', gone).execute();
    await storeBills(trx, rows);
    await applyDeltas(trx, 'exec_revenue', deltas.exec_revenue);
  }

  async function storeBills(trx: Executor, rows: readonly BillRow[]): Promise<void> {
    if (rows.length) {
      await trx
        .insertInto('exec_bill_facts')
        .values(
          rows.map((r) => ({
            bill_id: r.billId,
            agency_id: r.agencyId,
            service_id: r.serviceId,
            status: r.status,
            issued_on: r.issuedOn,
            paid_on: r.paidOn,
            amount: r.amount,
            paid_amount: r.paidAmount,
            credits: JSON.stringify(r.credits),
            updated_at: new Date(),
          })),
        )
        .onConflict((oc) =>
          oc.column('bill_id').doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            paid_on: eb.ref('excluded.paid_on'),
            amount: eb.ref('excluded.amount'),
            paid_amount: eb.ref('excluded.paid_amount'),
            credits: eb.ref('excluded.credits'),
            issued_on: eb.ref('excluded.issued_on'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  /** Takes up to `limit` change marks and brings their summaries up to date; returns how many. */
  async function refreshBatch(limit = BATCH): Promise<number> {
    const cal = await calendar();
    return db.transaction().execute(async (trx) => {
      const marks = await trx.selectFrom('exec_dirty').select(['kind', 'id']).orderBy('marked_at').limit(limit).forUpdate().skipLocked().execute();
      if (marks.length === 0) return 0;
      const apps = marks.filter((m) => m.kind === 'application').map((m) => m.id);
      const bills = marks.filter((m) => m.kind === 'bill').map((m) => m.id);
      for (const kind of ['application', 'bill'] as const) {
        const ids = kind === 'application' ? apps : bills;
        if (ids.length) await trx.deleteFrom('exec_dirty').where('kind', '=', kind).where('id', 'in', ids).execute();
      }
      await applyCases(trx, cal, apps, await deps.sources.applicationFacts(trx, apps));
      await applyBills(trx, cal, bills, await deps.sources.billFacts(trx, bills));
      return marks.length;
    });
  }

  const api = {
    db,
    calendar,
    timeZone,
    /**
     * Marks an application or bill as changed, in the transaction of the change (the in-transaction
     * subscriber of the owners' domain events, src/app.events.ts): the mark commits with the
     * change or not at all, and the refresh job applies the owner's facts after commit.
     */
    async markChanged(trx: Executor, kind: 'application' | 'bill', id: string): Promise<void> {
      await trx.insertInto('exec_dirty').values({ kind, id }).onConflict((oc) => oc.columns(['kind', 'id']).doNothing()).execute();
    },

    /** Brings every summary up to date with the marks there are now; returns how many were applied. */
    async refresh(now: Date = new Date()): Promise<number> {
      await moveFloor(localDateOf(await timeZone(), now));
      let total = 0;
      for (;;) {
        const k = await refreshBatch();
        total += k;
        if (k < BATCH) return total;
      }
    },

    /**
     * Applies given facts directly (what a domain-event subscriber would do, in its own
     * transaction): the same difference rule, so a fact delivered twice counts once.
     */
    async applyFacts(trx: Executor, input: { applications?: CaseSourceFact[]; bills?: BillSourceFact[] }): Promise<void> {
      const cal = await calendar(trx);
      if (input.applications?.length) await applyCases(trx, cal, input.applications.map((f) => f.id), input.applications);
      if (input.bills?.length) await applyBills(trx, cal, input.bills.map((f) => f.id), input.bills);
    },

    /**
     * Empties the summaries and builds them again: the facts of every application and bill from
     * their owners' public reads (in batches), then every summary from those facts with
     * set-based SQL (`rebuildSummaries`).
     */
    async rebuild(now: Date = new Date()): Promise<{ applications: number; bills: number; ms: number }> {
      const started = Date.now();
      await db.transaction().execute(async (trx) => {
        for (const t of ['exec_case_facts', 'exec_bill_facts'] as const) await trx.deleteFrom(t).execute();
      });
      const cal = await calendar();
      let applications = 0;
      let bills = 0;
      for (let after: string | null = null; ; ) {
        const ids = await deps.sources.applicationIdsAfter(db, after, BATCH);
        if (!ids.length) break;
        await db.transaction().execute(async (trx) => storeCases(trx, (await deps.sources.applicationFacts(trx, ids)).map((f) => caseRow(cal, f))));
        applications += ids.length;
        after = ids[ids.length - 1]!;
      }
      for (let after: string | null = null; ; ) {
        const ids = await deps.sources.billIdsAfter(db, after, BATCH);
        if (!ids.length) break;
        await db.transaction().execute(async (trx) => storeBills(trx, (await deps.sources.billFacts(trx, ids)).map((f) => billRow(cal, f))));
        bills += ids.length;
        after = ids[ids.length - 1]!;
      }
      await api.rebuildSummaries(now);
      return { applications, bills, ms: Date.now() - started };
    },

    /**
     * Builds every summary table from the facts (exec_case_facts, exec_bill_facts) in one
     * transaction with set-based SQL: what the incremental path (addCase, addBill) keeps, from
     * scratch. The open backlog's floor is set to 90 days before today.
     */
    async rebuildSummaries(now: Date = new Date()): Promise<void> {
      const floor = addDays(localDateOf(await timeZone(), now), -90);
      await db.transaction().execute(async (trx) => {
        await sql`select id from exec_open_floor where id for update`.execute(trx);
        // The grouping sets aggregate by hashing: with the default 4 MB each spills to disk.
        await sql`set local work_mem = '256MB'`.execute(trx);
        for (const t of ['exec_daily', 'exec_durations', 'exec_steps', 'exec_open', 'exec_revenue'] as const) await trx.deleteFrom(t).execute();
        // Each summary row of the day ('*') and month ('M') grains, for all channels and per channel.
        await sql`insert into exec_daily (day, agency_id, service_id, district, channel, received, completed, completed_in_sla, sent_back, withdrawn, received_done)
          select coalesce(day, month), agency_id, service_id, case when grouping(day) = 0 then ${ALL} else ${MONTH} end, coalesce(channel, ${ALL}),
                 sum(r), sum(c), sum(s), sum(b), sum(w), sum(d)
            from (select day, date_trunc('month', day)::date as month, agency_id, service_id, channel, r, c, s, b, w, d from (
                    select submitted_on as day, agency_id, service_id, channel, 1 as r, 0 as c, 0 as s, 0 as b, (state = 'withdrawn')::int as w, (state = 'done')::int as d from exec_case_facts
                    union all
                    select decided_on, agency_id, service_id, channel, 0, 1, coalesce(sla_met, false)::int, sent_back::int, 0, 0 from exec_case_facts where decided_on is not null) x0) x
           group by grouping sets ((day, agency_id, service_id, channel), (day, agency_id, service_id), (month, agency_id, service_id, channel), (month, agency_id, service_id))`.execute(trx);
        await sql`insert into exec_durations (day, agency_id, service_id, district, channel, working_days, n)
          select month, agency_id, service_id, ${MONTH}, coalesce(channel, ${ALL}), wd, count(*)
            from (select date_trunc('month', decided_on)::date as month, agency_id, service_id, channel, coalesce(working_days, 0) as wd from exec_case_facts where decided_on is not null) x
           group by grouping sets ((month, agency_id, service_id, channel, wd), (month, agency_id, service_id, wd))`.execute(trx);
        await sql`insert into exec_steps (day, agency_id, service_id, district, channel, step_name, n, used_ms, late)
          select month, agency_id, service_id, ${MONTH}, coalesce(channel, ${ALL}), name, count(*), sum(used_ms), sum(late)
            from (select date_trunc('month', (st->>'day')::date)::date as month, f.agency_id, f.service_id, f.channel, st->>'name' as name,
                         (st->>'usedMs')::bigint as used_ms, (st->>'late')::boolean::int as late
                    from exec_case_facts f cross join lateral jsonb_array_elements(f.steps) st where jsonb_array_length(f.steps) > 0) x
           group by grouping sets ((month, agency_id, service_id, channel, name), (month, agency_id, service_id, name))`.execute(trx);
        await sql`insert into exec_open (agency_id, service_id, district, channel, state, due_on, activity_on, n)
          select agency_id, service_id, ${ALL}, ${ALL}, state, greatest(coalesce(due_on, ${NO_DUE}::date), ${floor}::date), greatest(activity_on, ${floor}::date), count(*)
            from exec_case_facts where state in ('unclaimed', 'in_process', 'with_applicant') group by 1, 2, 5, 6, 7`.execute(trx);
        await sql`insert into exec_revenue (grain, day, agency_id, service_id, billed, paid, outstanding, reconciled)
          select case when grouping(day) = 0 then 'D' else ${MONTH} end, coalesce(day, month), agency_id, service_id, sum(billed), sum(paid), sum(outstanding), sum(reconciled)
            from (select day, date_trunc('month', day)::date as month, agency_id, service_id, billed, paid, outstanding, reconciled from (
                    select issued_on as day, agency_id, service_id, case when status <> 'cancelled' then amount else 0 end as billed, 0::bigint as paid,
                           case when status in ('unpaid', 'partially_paid') then amount - paid_amount else 0 end as outstanding, 0::bigint as reconciled from exec_bill_facts
                    union all
                    select coalesce(paid_on, issued_on), agency_id, service_id, 0, paid_amount, 0, 0 from exec_bill_facts where paid_amount > 0
                    union all
                    select (c->>'day')::date, agency_id, service_id, 0, 0, 0, (c->>'amount')::bigint
                      from exec_bill_facts cross join lateral jsonb_array_elements(credits) c where jsonb_array_length(credits) > 0) x0) x
           group by grouping sets ((day, agency_id, service_id), (month, agency_id, service_id))`.execute(trx);
        await sql`update exec_open_floor set floor = ${floor}::date where id`.execute(trx);
      });
    },

    registerJobs(jobs: JobQueue, everySeconds = REFRESH_EVERY_SECONDS): void {
      jobs.register(refreshJob, async () => {
        const k = await api.refresh();
        if (k) deps.log?.debug({ changes: k }, 'executive summaries refreshed');
      });
      jobs.schedule(refreshJob, everySeconds);
    },

    async today(now: Date = new Date()): Promise<string> {
      return localDateOf(await timeZone(), now);
    },

    async dashboard(filters: Filters, period: Period, now: Date = new Date(), opts: { names?: readonly { id: string; name: string }[] } = {}): Promise<Dashboard> {
      const cal = await calendar();
      const today = localDateOf(cal.timeZone, now);
      const previous = previousPeriod(period);
      const lastYear = lastYearPeriod(period);
      // A district cut reads the per-application facts; otherwise the rollup rows.
      const byFacts = Boolean(filters.district);
      const fcut = cutWhere(filters);
      const base = cutWhere({ agencies: filters.agencies, serviceId: filters.serviceId });
      const ch = filters.channel || ALL;
      const onlineToo = !filters.channel || filters.channel === 'online';
      const by = filters.agencies !== 'all' && filters.agencies.length === 1 ? 'service' : 'agency';
      const groupCol = sql.raw(by === 'service' ? 'service_id' : 'agency_id');
      const periods = [period, previous, lastYear] as const;
      // Flow of the three periods and, for the current one, per agency (or service): one read.
      const flowSql = byFacts
        ? (() => {
            const sub = (r: DateRange) => sql`submitted_on between ${r.from}::date and ${r.to}::date`;
            const dec = (r: DateRange) => sql`decided_on between ${r.from}::date and ${r.to}::date`;
            const cols = periods.map(
              (r, i) => sql`count(*) filter (where ${sub(r)}) as ${sql.ref(`received${i}`)}, count(*) filter (where ${dec(r)}) as ${sql.ref(`completed${i}`)},
                count(*) filter (where ${dec(r)} and sla_met) as ${sql.ref(`in_sla${i}`)}, count(*) filter (where ${dec(r)} and sent_back) as ${sql.ref(`sent_back${i}`)},
                count(*) filter (where ${sub(r)} and state = 'withdrawn') as ${sql.ref(`withdrawn${i}`)}, count(*) filter (where ${sub(r)} and state = 'done') as ${sql.ref(`received_done${i}`)},
                count(*) filter (where ${sub(r)} and channel = 'online') as ${sql.ref(`online${i}`)}`,
            );
            return sql<Record<string, unknown>>`select grouping(${groupCol}) as g, ${groupCol} as id, ${sql.join(cols)} from exec_case_facts
              where ${fcut} and (${sql.join(periods.flatMap((r) => [sub(r), dec(r)]), sql` or `)}) group by grouping sets ((), (${groupCol}))`;
          })()
        : (() => {
            const cols = periods.map((r, i) => {
              const w = sql`${spanWhere(r)} and channel = ${ch}`;
              return sql`sum(received) filter (where ${w}) as ${sql.ref(`received${i}`)}, sum(completed) filter (where ${w}) as ${sql.ref(`completed${i}`)},
                sum(completed_in_sla) filter (where ${w}) as ${sql.ref(`in_sla${i}`)}, sum(sent_back) filter (where ${w}) as ${sql.ref(`sent_back${i}`)},
                sum(withdrawn) filter (where ${w}) as ${sql.ref(`withdrawn${i}`)}, sum(received_done) filter (where ${w}) as ${sql.ref(`received_done${i}`)},
                ${onlineToo ? sql`sum(received) filter (where ${spanWhere(r)} and channel = 'online')` : sql`0`} as ${sql.ref(`online${i}`)}`;
            });
            return sql<Record<string, unknown>>`select grouping(${groupCol}) as g, ${groupCol} as id, ${sql.join(cols)} from exec_daily
              where ${base} and channel in (${ch}, ${onlineToo ? 'online' : ch}) and (${sql.join(periods.map((r) => spanWhere(r)), sql` or `)}) group by grouping sets ((), (${groupCol}))`;
          })();
      // Durations (median, p90) of the current and previous period: month rows, or the facts.
      const monthly = !byFacts && wholeMonths(period) && wholeMonths(previous);
      const histSql = monthly
        ? sql<{ value: number; cur: number; prev: number }>`select working_days as value, coalesce(sum(n) filter (where day between ${period.from}::date and ${period.to}::date), 0) as cur,
              coalesce(sum(n) filter (where day between ${previous.from}::date and ${previous.to}::date), 0) as prev
            from exec_durations where district = ${MONTH} and channel = ${ch} and ${base} and (day between ${period.from}::date and ${period.to}::date or day between ${previous.from}::date and ${previous.to}::date) group by 1`
        : sql<{ value: number; cur: number; prev: number }>`select working_days as value, count(*) filter (where decided_on between ${period.from}::date and ${period.to}::date) as cur,
              count(*) filter (where decided_on between ${previous.from}::date and ${previous.to}::date) as prev
            from exec_case_facts where ${fcut} and (decided_on between ${period.from}::date and ${period.to}::date or decided_on between ${previous.from}::date and ${previous.to}::date) group by 1`;
      const stepsSql =
        monthly || (!byFacts && wholeMonths(period))
          ? sql<{ step_name: string; n: number; used_ms: number; late: number }>`select step_name, sum(n) as n, sum(used_ms) as used_ms, sum(late) as late
              from exec_steps where district = ${MONTH} and channel = ${ch} and ${base} and day between ${period.from}::date and ${period.to}::date group by step_name having sum(n) > 0
              order by sum(used_ms)::float8 / nullif(sum(n), 0) desc, step_name limit 5`
          : sql<{ step_name: string; n: number; used_ms: number; late: number }>`select st->>'name' as step_name, count(*) as n, sum((st->>'usedMs')::bigint) as used_ms, sum((st->>'late')::boolean::int) as late
              from exec_case_facts f cross join lateral jsonb_array_elements(f.steps) st
             where ${fcut} and f.activity_on >= ${period.from}::date and f.submitted_on <= ${period.to}::date and (st->>'day')::date between ${period.from}::date and ${period.to}::date
             group by 1 order by sum((st->>'usedMs')::bigint)::float8 / count(*) desc, 1 limit 5`;
      // The open backlog now (overdue, ageing, escalation), in total and per agency or service.
      const ranges = bucketRanges(cal, today);
      const w3 = workingDayBack(cal, today, ESCALATE_AFTER_WORKING_DAYS);
      const openFacts = byFacts || Boolean(filters.channel);
      const k = openFacts ? sql`1` : sql`n`;
      const due = openFacts ? sql`coalesce(due_on, ${NO_DUE}::date)` : sql`due_on`;
      const bucketSql = ranges.map((b) =>
        b.from === null
          ? sql`coalesce(sum(${k}) filter (where ${due} < ${b.to}::date), 0) as ${sql.ref(b.key)}`
          : sql`coalesce(sum(${k}) filter (where ${due} >= ${b.from}::date and ${due} < ${b.to}::date), 0) as ${sql.ref(b.key)}`,
      );
      const openSql = sql<Record<string, unknown>>`select grouping(${groupCol}) as g, ${groupCol} as id, coalesce(sum(${k}), 0) as n,
          coalesce(sum(${k}) filter (where state = 'unclaimed'), 0) as unclaimed,
          coalesce(sum(${k}) filter (where state = 'in_process'), 0) as in_process,
          coalesce(sum(${k}) filter (where state = 'with_applicant'), 0) as with_applicant,
          coalesce(sum(${k}) filter (where ${due} < ${today}::date), 0) as overdue,
          coalesce(sum(${k}) filter (where state in ('unclaimed', 'in_process') and activity_on < ${w3}::date), 0) as escalated,
          ${sql.join(bucketSql)}
        from ${openFacts ? sql`exec_case_facts` : sql`exec_open`} where ${openFacts ? sql`state in ('unclaimed', 'in_process', 'with_applicant') and ${fcut}` : base}
        group by grouping sets ((), (${groupCol}))`;
      // The trend: per month of a quarter or year, per day otherwise.
      const monthsTrend = period.kind === 'triwulan' || period.kind === 'tahun';
      const fmt = monthsTrend ? 'YYYY-MM' : 'YYYY-MM-DD';
      const trendSql = byFacts
        ? sql<{ label: string; received: number; completed: number }>`select label, sum(r) as received, sum(c) as completed from (
              select to_char(submitted_on, ${fmt}) as label, 1 as r, 0 as c from exec_case_facts where ${fcut} and submitted_on between ${period.from}::date and ${period.to}::date
              union all
              select to_char(decided_on, ${fmt}), 0, 1 from exec_case_facts where ${fcut} and decided_on between ${period.from}::date and ${period.to}::date) x group by 1 order by 1`
        : sql<{ label: string; received: number; completed: number }>`select to_char(day, ${fmt}) as label, sum(received) as received, sum(completed) as completed
            from exec_daily where ${monthsTrend ? spanWhere(period) : sql`district = ${ALL} and day between ${period.from}::date and ${period.to}::date`} and channel = ${ch} and ${base} group by 1 order by 1`;
      // One statement per card group, side by side on the pool: a single statement for the whole
      // page runs its parts one after another in one backend, which measured slower (A B A B).
      const [flowRows, hist, steps, openRows, trendRows, rev, names] = await Promise.all([
        flowSql.execute(db),
        histSql.execute(db),
        stepsSql.execute(db),
        openSql.execute(db),
        trendSql.execute(db),
        sql<Record<string, unknown>>`select * from (${revenueSql(filters, period)}) x left join (${targetSql(filters, period)}) y on true`.execute(db),
        opts.names ?? (by === 'service' ? deps.sources.services() : deps.sources.agencies()),
      ]);
      const revenue = revenueOf(rev.rows[0] ?? {}, rev.rows[0] ?? {});
      const total = flowRows.rows.find((r) => n(r.g) === 1) ?? {};
      const flow = (i: number): Flow => ({
        received: n(total[`received${i}`]),
        completed: n(total[`completed${i}`]),
        completedInSla: n(total[`in_sla${i}`]),
        sentBack: n(total[`sent_back${i}`]),
        withdrawn: n(total[`withdrawn${i}`]),
        receivedDone: n(total[`received_done${i}`]),
        receivedOnline: n(total[`online${i}`]),
      });
      const o = openRows.rows.find((r) => n(r.g) === 1) ?? {};
      const nameOf = new Map(names.map((a) => [a.id, a.name]));
      const openMap = new Map(openRows.rows.filter((r) => n(r.g) === 0 && n(r.n) > 0).map((r) => [r.id as string, n(r.n)]));
      const flowMap = new Map(flowRows.rows.filter((r) => n(r.g) === 0 && (n(r.received0) > 0 || n(r.completed0) > 0)).map((r) => [r.id as string, r]));
      const groupIds = new Set([...flowMap.keys(), ...openMap.keys()]);
      const cur = hist.rows.map((h) => ({ value: n(h.value), n: n(h.cur) }));
      const prev = hist.rows.map((h) => ({ value: n(h.value), n: n(h.prev) }));
      return {
        period,
        previous,
        lastYear,
        today,
        flow: { current: flow(0), previous: flow(1), lastYear: flow(2) },
        open: { unclaimed: n(o.unclaimed), in_process: n(o.in_process), with_applicant: n(o.with_applicant) },
        overdue: n(o.overdue),
        escalated: n(o.escalated),
        buckets: ranges.map((b) => ({ ...b, n: n(o[b.key]) })),
        durations: { median: percentile(cur, 50), p90: percentile(cur, 90), previousMedian: percentile(prev, 50), previousP90: percentile(prev, 90) },
        slowSteps: steps.rows.map((s) => ({ name: s.step_name, n: n(s.n), avgHours: n(s.used_ms) / n(s.n) / 3_600_000, late: n(s.late) })),
        revenue,
        breakdownBy: by,
        breakdown: [...groupIds].map((id) => {
          const f = flowMap.get(id);
          return { id, name: nameOf.get(id) ?? id, received: n(f?.received0), completed: n(f?.completed0), completedInSla: n(f?.in_sla0), open: openMap.get(id) ?? 0 };
        }),
        trend: trendRows.rows.map((r) => ({ label: r.label, received: n(r.received), completed: n(r.completed) })),
      };
    },

    /** Revenue in the period (agency and service cuts; bills carry no district or channel). */
    async revenue(filters: Filters, period: Period): Promise<Dashboard['revenue']> {
      const r = await sql<Record<string, unknown>>`select * from (${revenueSql(filters, period)}) x left join (${targetSql(filters, period)}) y on true`.execute(db);
      return revenueOf(r.rows[0] ?? {}, r.rows[0] ?? {});
    },

    /**
     * The cases behind one number: the same filter and definition, so the count matches (read
     * from the summaries where they hold it), listed in the order of the measure's own date
     * (an index order, so a page is read without sorting the whole set).
     */
    async cases(filters: Filters, measure: DrillMeasure, period: Period, opts: { now?: Date; limit?: number; offset?: number } = {}): Promise<{ total: number; rows: CaseListRow[] }> {
      const cal = await calendar();
      const today = localDateOf(cal.timeZone, opts.now ?? new Date());
      const inPeriod = (col: string) => sql`${sql.ref(col)} between ${period.from}::date and ${period.to}::date`;
      const openStates = sql`state in ('unclaimed', 'in_process', 'with_applicant')`;
      const bucket = bucketRanges(cal, today).find((b) => b.key === measure);
      const w3 = workingDayBack(cal, today, ESCALATE_AFTER_WORKING_DAYS);
      let cond: RawBuilder<unknown>;
      let order = 'due_on';
      // The figure from the summaries (same definition), when no district is asked for.
      let fromSummary: RawBuilder<unknown> | null = null;
      const flowSum = (expr: RawBuilder<unknown>) =>
        sql`select coalesce(sum(${expr}), 0) as k from exec_daily where ${spanWhere(period)} and channel = ${filters.channel || ALL} and ${cutWhere({ agencies: filters.agencies, serviceId: filters.serviceId })}`;
      const openSum = (expr: RawBuilder<unknown>) => sql`select coalesce(sum(n) filter (where ${expr}), 0) as k from exec_open where ${cutWhere({ agencies: filters.agencies, serviceId: filters.serviceId })}`;
      switch (measure) {
        case 'received':
          cond = inPeriod('submitted_on');
          order = 'submitted_on';
          fromSummary = flowSum(sql`received`);
          break;
        case 'completed':
          cond = inPeriod('decided_on');
          order = 'decided_on';
          fromSummary = flowSum(sql`completed`);
          break;
        case 'in_sla':
          cond = sql`${inPeriod('decided_on')} and sla_met`;
          order = 'decided_on';
          fromSummary = flowSum(sql`completed_in_sla`);
          break;
        case 'late':
          cond = sql`${inPeriod('decided_on')} and not sla_met`;
          order = 'decided_on';
          fromSummary = flowSum(sql`completed - completed_in_sla`);
          break;
        case 'sent_back':
          cond = sql`${inPeriod('decided_on')} and sent_back`;
          order = 'decided_on';
          fromSummary = flowSum(sql`sent_back`);
          break;
        case 'open':
          cond = openStates;
          fromSummary = openSum(sql`true`);
          break;
        case 'unclaimed':
        case 'in_process':
        case 'with_applicant':
          cond = sql`state = ${measure}`;
          fromSummary = openSum(sql`state = ${measure}`);
          break;
        case 'overdue':
          cond = sql`${openStates} and due_on < ${today}::date`;
          fromSummary = openSum(sql`due_on < ${today}::date`);
          break;
        case 'escalated':
          cond = sql`state in ('unclaimed', 'in_process') and activity_on < ${w3}::date`;
          order = 'activity_on';
          fromSummary = openSum(sql`state in ('unclaimed', 'in_process') and activity_on < ${w3}::date`);
          break;
        default: {
          const range = bucket!.from === null ? sql`due_on < ${bucket!.to}::date` : sql`due_on >= ${bucket!.from}::date and due_on < ${bucket!.to}::date`;
          cond = sql`${openStates} and ${range}`;
          fromSummary = openSum(range);
        }
      }
      const isOpen = order === 'due_on' || order === 'activity_on';
      // The open backlog's summary has no district or channel; the flow's has channels.
      if (filters.district || (isOpen && filters.channel)) fromSummary = null;
      const where = sql`${cond} and ${cutWhere(filters)}`;
      // The count and the page side by side (as one statement they measured slower under load).
      const [count, rows] = await Promise.all([
        (fromSummary ?? sql`select count(*) as k from exec_case_facts where ${where}`).execute(db) as Promise<{ rows: { k: unknown }[] }>,
        sql<Record<string, unknown>>`select application_id, tracking_number, agency_id, service_id, district, channel, state, submitted_on, decided_on, due_on, activity_on, working_days, sla_met
          from exec_case_facts where ${where} order by ${sql.ref(order)}${order === 'due_on' ? sql` nulls last` : sql``}, application_id limit ${opts.limit ?? 50} offset ${opts.offset ?? 0}`.execute(db),
      ]);
      return {
        total: n(count.rows[0]?.k),
        rows: rows.rows.map((r) => {
          const c = rowOfCase({ ...r, sent_back: false, steps: '[]' });
          return { ...c, steps: undefined } as unknown as CaseListRow;
        }),
      };
    },

    /** Command-centre wall: per agency, open cases by colour and the escalated ones. */
    async wall(filters: Filters, now: Date = new Date()): Promise<{ today: string; tiles: WallTile[] }> {
      const cal = await calendar();
      const today = localDateOf(cal.timeZone, now);
      const w3 = workingDayBack(cal, today, ESCALATE_AFTER_WORKING_DAYS);
      const cut = cutWhere({ agencies: filters.agencies });
      const [open, done, allAgencies] = await Promise.all([
        sql<{ agency_id: string; unclaimed: number; in_process: number; escalated: number }>`select agency_id,
            coalesce(sum(n) filter (where state = 'unclaimed'), 0) as unclaimed,
            coalesce(sum(n) filter (where state in ('in_process', 'with_applicant')), 0) as in_process,
            coalesce(sum(n) filter (where state in ('unclaimed', 'in_process') and activity_on < ${w3}::date), 0) as escalated
          from exec_open where ${cut} group by agency_id`.execute(db),
        sql<{ agency_id: string; completed: number }>`select agency_id, sum(completed) as completed from exec_daily where day = ${today}::date and district = ${ALL} and channel = ${ALL} and ${cut} group by agency_id`.execute(db),
        deps.sources.agencies(),
      ]);
      const agencies = allAgencies.filter((a) => filters.agencies === 'all' || filters.agencies.includes(a.id));
      const o = new Map(open.rows.map((r) => [r.agency_id, r]));
      const d = new Map(done.rows.map((r) => [r.agency_id, n(r.completed)]));
      const tiles = agencies.map((a) => {
        const r = o.get(a.id);
        const t = { agencyId: a.id, name: a.name, unclaimed: n(r?.unclaimed), inProcess: n(r?.in_process), doneToday: d.get(a.id) ?? 0, escalated: n(r?.escalated) };
        const tone: WallTile['tone'] = t.escalated > 0 || t.unclaimed > 0 ? 'red' : t.inProcess > 0 ? 'yellow' : 'green';
        return { ...t, tone };
      });
      const order = { red: 0, yellow: 1, green: 2 };
      tiles.sort((a, b) => order[a.tone] - order[b.tone] || b.escalated - a.escalated || a.name.localeCompare(b.name, 'id'));
      return { today, tiles };
    },

    /** Published KPIs per agency over a date range (no personal data). */
    async publicKpis(range: DateRange): Promise<PublicKpi[]> {
      const all = sql`channel = ${ALL}`;
      const [rows, agencies] = await Promise.all([
        sql<Record<string, unknown>>`select agency_id, sum(received) filter (where ${all}) as received, sum(completed) filter (where ${all}) as completed,
            sum(completed_in_sla) filter (where ${all}) as in_sla, sum(withdrawn) filter (where ${all}) as withdrawn,
            sum(received_done) filter (where ${all}) as received_done, sum(received) filter (where channel = 'online') as online
          from exec_daily where ${spanWhere(range)} and channel in (${ALL}, 'online') group by agency_id`.execute(db),
        deps.sources.agencies(),
      ]);
      const by = new Map(rows.rows.map((r) => [r.agency_id as string, r]));
      const pct = (a: number, b: number) => (b > 0 ? (100 * a) / b : null);
      return agencies.map((a) => {
        const r = by.get(a.id) ?? {};
        const received = n(r.received);
        const completed = n(r.completed);
        const enough = completed >= MIN_VOLUME;
        const started = received - n(r.withdrawn);
        return {
          agencyId: a.id,
          name: a.name,
          slug: a.slug,
          received,
          completed,
          slaPercent: enough ? pct(n(r.in_sla), completed) : null,
          completionPercent: received >= MIN_VOLUME ? pct(n(r.received_done), started) : null,
          digitalPercent: received >= MIN_VOLUME ? pct(n(r.online), received) : null,
        };
      });
    },

    /**
     * The complaint, SPBE and reconciled-revenue cards for a period. Complaints and SPBE are cut
     * by agency only (not by service, district or channel); reconciled revenue by agency and service.
     */
    async cards(filters: Filters, period: Period, now: Date = new Date()): Promise<ExtraCards> {
      const cal = await calendar();
      const src = deps.sources;
      const cut = cutWhere({ agencies: filters.agencies, serviceId: filters.serviceId });
      const [c, s, r] = await Promise.all([
        src.complaints ? src.complaints(db, cal, { ...instantRange(cal.timeZone, period), agencies: filters.agencies }) : null,
        src.spbe ? src.spbe({ year: Number(period.to.slice(0, 4)), today: localDateOf(cal.timeZone, now), agencies: filters.agencies }) : null,
        sql<{ amount: unknown }>`select coalesce(sum(reconciled), 0) as amount from exec_revenue where ${cut} and ${spanWhere(period, 'grain', 'D')}`.execute(db),
      ]);
      return { complaints: c?.total ?? null, spbe: s, reconciled: n(r.rows[0]?.amount) };
    },

    /** Complaint figures per routed agency over a date range (public page; no personal data). */
    async publicComplaints(range: DateRange): Promise<Map<string, ComplaintFigures>> {
      if (!deps.sources.complaints) return new Map();
      const cal = await calendar();
      return (await deps.sources.complaints(db, cal, { ...instantRange(cal.timeZone, range), agencies: 'all' })).byAgency;
    },

    /** Sets an agency's yearly revenue target (audited with the amount before and after). */
    async setTarget(who: { actor: Actor | null; meta?: RequestMeta | null }, input: { agencyId: string; year: number; amount: number }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('exec_revenue_targets').select('amount').where('agency_id', '=', input.agencyId).where('year', '=', input.year).forUpdate().executeTakeFirst();
        await trx
          .insertInto('exec_revenue_targets')
          .values({ agency_id: input.agencyId, year: input.year, amount: input.amount, set_by: who.actor?.userId ?? null, updated_at: new Date() })
          .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ amount: input.amount, set_by: who.actor?.userId ?? null, updated_at: new Date() }))
          .execute();
        await recordAudit(trx, who, {
          action: 'executive.target.set',
          entityType: 'revenue_target',
          entityId: `${input.agencyId}:${input.year}`,
          agencyId: input.agencyId,
          before: before ? { year: input.year, amount: n(before.amount) } : null,
          after: { year: input.year, amount: input.amount },
        });
      });
    },

    async targets(year: number): Promise<Map<string, number>> {
      const rows = await db.selectFrom('exec_revenue_targets').select(['agency_id', 'amount']).where('year', '=', year).execute();
      return new Map(rows.map((r) => [r.agency_id, n(r.amount)]));
    },
  };
  return api;
}

/** The revenue sums of a period, its previous period, the same period last year and the year to date (one row). */
function revenueSql(filters: Filters, period: Period): RawBuilder<unknown> {
  const cut = cutWhere({ agencies: filters.agencies, serviceId: filters.serviceId });
  const year = period.to.slice(0, 4);
  const prev = previousPeriod(period);
  const ly = lastYearPeriod(period);
  const span = (r: DateRange) => spanWhere(r, 'grain', 'D');
  const upTo = { from: '2000-01-01', to: period.to };
  return sql`select
      coalesce(sum(billed) filter (where ${span(period)}), 0) as billed,
      coalesce(sum(paid) filter (where ${span(period)}), 0) as paid,
      coalesce(sum(paid) filter (where ${span(prev)}), 0) as prev_paid,
      coalesce(sum(paid) filter (where ${span(ly)}), 0) as ly_paid,
      coalesce(sum(paid) filter (where ${span({ from: `${year}-01-01`, to: period.to })}), 0) as paid_year,
      coalesce(sum(outstanding) filter (where ${span(upTo)}), 0) as outstanding,
      coalesce(sum(reconciled) filter (where ${span(period)}), 0) as reconciled
    from exec_revenue where ${cut} and (${span(upTo)} or ${span(ly)} or ${span(prev)} or ${span(period)})`;
}

/** The yearly revenue target of the agencies in the cut (one row: amount, k = how many are set). */
function targetSql(filters: Filters, period: Period): RawBuilder<unknown> {
  const agencies = filters.agencies === 'all' ? sql`true` : filters.agencies.length ? sql`agency_id in (${sql.join(filters.agencies.map((a) => sql`${a}::uuid`))})` : sql`false`;
  return sql`select sum(amount) as amount, count(*) as k from exec_revenue_targets where year = ${Number(period.to.slice(0, 4))} and ${agencies}`;
}

function revenueOf(x: Record<string, unknown>, t: Record<string, unknown>): Dashboard['revenue'] {
  return {
    billed: n(x.billed),
    paid: n(x.paid),
    outstanding: n(x.outstanding),
    target: n(t.k) > 0 ? n(t.amount) : null,
    paidYear: n(x.paid_year),
    previousPaid: n(x.prev_paid),
    lastYearPaid: n(x.ly_paid),
    reconciled: n(x.reconciled),
  };
}

/** [from, to) instants of a local date range. */
export function instantRange(tz: RegionTimeZone, r: DateRange): { from: Date; to: Date } {
  return { from: instantOfLocal(tz, r.from)!, to: instantOfLocal(tz, addDays(r.to, 1))! };
}

/** The cut of a query on the facts (agencies, service, district, channel; all optional). */
export function cutWhere(f: Filters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (f.agencies !== 'all') parts.push(f.agencies.length ? sql`agency_id in (${sql.join(f.agencies.map((a) => sql`${a}::uuid`))})` : sql`false`);
  if (f.serviceId) parts.push(sql`service_id = ${f.serviceId}::uuid`);
  if (f.district !== undefined && f.district !== '') parts.push(sql`district = ${f.district}`);
  if (f.channel) parts.push(sql`channel = ${f.channel}`);
  return sql.join(parts, sql` and `);
}

const isMonthEnd = (d: string) => addDays(d, 1).endsWith('-01');
/** The range is made of whole calendar months. */
export const wholeMonths = (r: DateRange) => r.from.endsWith('-01') && isMonthEnd(r.to);

/**
 * The rollup rows covering a date range: month rows (`col` = 'M', day = the first) for the whole
 * months in it and day rows (`col` = `dayValue`) for the days before and after them, so a year
 * reads 12 rows per key and a month one.
 */
export function spanWhere(r: DateRange, col = 'district', dayValue = ALL): RawBuilder<unknown> {
  const c = sql.ref(col);
  const days = (from: string, to: string) => sql`(${c} = ${dayValue} and day between ${from}::date and ${to}::date)`;
  const first = r.from.endsWith('-01') ? r.from : monthOf(addDays(monthOf(r.from), 32));
  const lastEnd = isMonthEnd(r.to) ? r.to : addDays(monthOf(r.to), -1);
  if (first > lastEnd) return days(r.from, r.to);
  const parts = [sql`(${c} = ${MONTH} and day between ${first}::date and ${lastEnd}::date)`];
  if (r.from < first) parts.push(days(r.from, addDays(first, -1)));
  if (lastEnd < r.to) parts.push(days(addDays(lastEnd, 1), r.to));
  return sql`(${sql.join(parts, sql` or `)})`;
}

export type Executive = ReturnType<typeof createExecutive>;
export { OPEN_STATES };
