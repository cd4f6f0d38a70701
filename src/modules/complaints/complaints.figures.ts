// Complaint-handling figures for the leaders' dashboard and the public performance page (issue 15,
// E-1/E-2/C-4): read-only counts over the complaints of a period, per routed agency. Nothing here
// writes the complaints tables. Definitions (shown to readers by the executive module):
//  - received: complaints submitted in the period (confirmed ones; drafts awaiting the code are not);
//  - first response in time: of those given a response deadline (routed to an agency), the ones
//    whose first response came by it (FIRST_RESPONSE_WORKING_DAYS working days after routing);
//  - resolved within tier: of those resolved, the ones resolved by their category tier's deadline
//    (complaints.resolve_due_at; RESOLVE_WORKING_DAYS by kind from submission when none was set);
//  - reopen rate: of those resolved at least once (resolved now or reopened), the ones reopened.
//
// The figures are read from a summary (migration 0065): `complaint_figure_facts` holds each
// received complaint's key (local day of receipt, routed agency, category, state and five
// flags), `complaint_figures_daily` the number of complaints per key. The module's own domain
// events keep both current in the transaction of the change (`applyComplaintFigures`, wired in
// app.events.ts); `rebuildComplaintFigures` builds them again from the complaints
// (`simpul executive rebuild`). `complaintFiguresLive` computes the same figures from the
// complaints themselves (tests compare the two).
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { loadCalendar } from '../../platform/calendar/calendar.service.ts';
import { localDateOf, type RegionTimeZone, type WorkingCalendar } from '../../platform/calendar/working-time.ts';
import type { ComplaintKind, ComplaintStatus } from './complaints.tables.ts';

export { FIRST_RESPONSE_WORKING_DAYS } from './complaints.rules.ts';

/** Working days (from submission) within which a complaint of each tier is to be resolved. */
export const RESOLVE_WORKING_DAYS: Record<ComplaintKind, number> = { permintaan_informasi: 10, aspirasi: 14, pengaduan: 14 };

export interface ComplaintFigures {
  received: number;
  byStatus: Partial<Record<ComplaintStatus, number>>;
  byCategory: Record<string, number>;
  responseDue: number;
  respondedInTime: number;
  resolved: number;
  resolvedInTier: number;
  everResolved: number;
  reopened: number;
}

export interface ComplaintFiguresResult {
  total: ComplaintFigures;
  /** By routed agency (complaints not yet routed are only in the total). */
  byAgency: Map<string, ComplaintFigures>;
}

const empty = (): ComplaintFigures => ({ received: 0, byStatus: {}, byCategory: {}, responseDue: 0, respondedInTime: 0, resolved: 0, resolvedInTier: 0, everResolved: 0, reopened: 0 });

/** The columns of a complaint the figures depend on. */
interface FigureRow {
  routed_agency_id: string | null;
  kind: ComplaintKind;
  category: string;
  status: ComplaintStatus;
  submitted_at: Date;
  response_due_at: Date | null;
  first_response_at: Date | null;
  resolved_at: Date | null;
  resolve_due_at: Date | null;
  reopened_count: number;
}

/** A complaint's place in the figures (one summary key). */
interface FigureKey {
  agency: string;
  category: string;
  status: ComplaintStatus;
  responseDue: boolean;
  inTime: boolean;
  resolved: boolean;
  inTier: boolean;
  reopened: boolean;
}

const FIGURE_COLUMNS = sql`routed_agency_id, kind, category, status, submitted_at, response_due_at, first_response_at, resolved_at, resolve_due_at, reopened_count`;

/** Classifies one complaint; `cal` is asked only for a resolved complaint without a tier deadline. */
async function keyOf(r: FigureRow, cal: () => Promise<WorkingCalendar>): Promise<FigureKey> {
  const responseDue = r.response_due_at !== null;
  const inTime = responseDue && r.first_response_at !== null && new Date(r.first_response_at) <= new Date(r.response_due_at!);
  const resolved = r.resolved_at !== null;
  let inTier = false;
  if (resolved) {
    // The category's tier deadline (set when the complaint was verified or routed); a complaint
    // resolved without one (never routed) counts against the fallback by kind from submission.
    const tierDue = r.resolve_due_at ? new Date(r.resolve_due_at) : (await cal()).addWorkingDays(new Date(r.submitted_at), RESOLVE_WORKING_DAYS[r.kind] ?? 14);
    inTier = new Date(r.resolved_at!) <= tierDue;
  }
  return { agency: r.routed_agency_id ?? '', category: r.category, status: r.status, responseDue, inTime, resolved, inTier, reopened: Number(r.reopened_count) > 0 };
}

function add(targets: ComplaintFigures[], k: FigureKey, n: number) {
  for (const f of targets) {
    f.received += n;
    f.byStatus[k.status] = (f.byStatus[k.status] ?? 0) + n;
    f.byCategory[k.category] = (f.byCategory[k.category] ?? 0) + n;
    if (k.responseDue) f.responseDue += n;
    if (k.inTime) f.respondedInTime += n;
    if (k.resolved) f.resolved += n;
    if (k.inTier) f.resolvedInTier += n;
    if (k.resolved || k.reopened) f.everResolved += n;
    if (k.reopened) f.reopened += n;
  }
}

function collect(keys: Iterable<{ key: FigureKey; n: number }>): ComplaintFiguresResult {
  const total = empty();
  const byAgency = new Map<string, ComplaintFigures>();
  for (const { key, n } of keys) {
    const targets = [total];
    if (key.agency) {
      let f = byAgency.get(key.agency);
      if (!f) byAgency.set(key.agency, (f = empty()));
      targets.push(f);
    }
    add(targets, key, n);
  }
  return { total, byAgency };
}

const isLocalMidnight = (cal: WorkingCalendar, at: Date) => localDateOf(cal.timeZone, new Date(at.getTime() - 1)) !== localDateOf(cal.timeZone, at);

/**
 * The figures of complaints submitted in [from, to) (instants), for the given routed agencies
 * ('all' = region-wide, including complaints not yet routed). Periods of whole local days (as
 * the dashboard asks) read the summary; any other instant range is computed from the complaints.
 */
export async function complaintFigures(q: Executor, cal: WorkingCalendar, input: { from: Date; to: Date; agencies: 'all' | readonly string[] }): Promise<ComplaintFiguresResult> {
  if (input.agencies !== 'all' && input.agencies.length === 0) return { total: empty(), byAgency: new Map() };
  if (!isLocalMidnight(cal, input.from) || !isLocalMidnight(cal, input.to)) return complaintFiguresLive(q, cal, input);
  const state = await sql<{ built: boolean }>`select built from complaint_figures_state`.execute(q);
  if (!state.rows[0]?.built) await rebuildComplaintFigures(q, cal.timeZone);
  const cut = input.agencies === 'all' ? sql`true` : sql`agency in (${sql.join(input.agencies.map((a) => sql`${a}`))})`;
  const rows = await sql<{ agency: string; category: string; status: ComplaintStatus; response_due: boolean; in_time: boolean; resolved: boolean; in_tier: boolean; reopened: boolean; n: string | number }>`
    select agency, category, status, response_due, in_time, resolved, in_tier, reopened, sum(n) as n
      from complaint_figures_daily
     where day >= ${cal.localDate(input.from)}::date and day < ${cal.localDate(input.to)}::date and n > 0 and ${cut}
     group by agency, category, status, response_due, in_time, resolved, in_tier, reopened`.execute(q);
  return collect(
    rows.rows.map((r) => ({
      key: { agency: r.agency, category: r.category, status: r.status, responseDue: r.response_due, inTime: r.in_time, resolved: r.resolved, inTier: r.in_tier, reopened: r.reopened },
      n: Number(r.n),
    })),
  );
}

/** The same figures computed from the complaints themselves (no summary). */
export async function complaintFiguresLive(q: Executor, cal: WorkingCalendar, input: { from: Date; to: Date; agencies: 'all' | readonly string[] }): Promise<ComplaintFiguresResult> {
  if (input.agencies !== 'all' && input.agencies.length === 0) return { total: empty(), byAgency: new Map() };
  const cut = input.agencies === 'all' ? sql`true` : sql`routed_agency_id in (${sql.join(input.agencies.map((a) => sql`${a}::uuid`))})`;
  const rows = await sql<FigureRow>`select ${FIGURE_COLUMNS}
      from complaints where status <> 'menunggu_konfirmasi' and submitted_at >= ${input.from} and submitted_at < ${input.to} and ${cut}`.execute(q);
  const calendar = async () => cal;
  const keys: { key: FigureKey; n: number }[] = [];
  for (const r of rows.rows) keys.push({ key: await keyOf(r, calendar), n: 1 });
  return collect(keys);
}

const keyValues = (k: FigureKey) => [k.agency, k.category, k.status, k.responseDue, k.inTime, k.resolved, k.inTier, k.reopened] as const;
const sameKey = (a: FigureKey & { day: string }, b: FigureKey & { day: string }) => a.day === b.day && keyValues(a).every((v, i) => v === keyValues(b)[i]);

async function bump(trx: Executor, day: string, k: FigureKey, by: 1 | -1) {
  await sql`insert into complaint_figures_daily (day, agency, category, status, response_due, in_time, resolved, in_tier, reopened, n)
    values (${day}::date, ${k.agency}, ${k.category}, ${k.status}, ${k.responseDue}, ${k.inTime}, ${k.resolved}, ${k.inTier}, ${k.reopened}, ${by === 1 ? 1 : 0})
    on conflict (day, agency, category, status, response_due, in_time, resolved, in_tier, reopened) do update set n = complaint_figures_daily.n + ${by}`.execute(trx);
}

/**
 * Brings one complaint's place in the summary up to date, in `trx` (the transaction of the
 * change, through the module's own domain events): its old key loses one, its new key gains one.
 */
export async function applyComplaintFigures(trx: Executor, complaintId: string, timeZone: RegionTimeZone): Promise<void> {
  // A rebuild (which locks the state row for update) and the changes never interleave.
  await sql`select built from complaint_figures_state for share`.execute(trx);
  const row = (await sql<FigureRow>`select ${FIGURE_COLUMNS} from complaints where id = ${complaintId}::uuid`.execute(trx)).rows[0];
  const old = (
    await sql<{ day: string | Date; agency: string; category: string; status: ComplaintStatus; response_due: boolean; in_time: boolean; resolved: boolean; in_tier: boolean; reopened: boolean }>`
      select day, agency, category, status, response_due, in_time, resolved, in_tier, reopened from complaint_figure_facts where complaint_id = ${complaintId}::uuid for update`.execute(trx)
  ).rows[0];
  const before = old ? { day: dayText(old.day), agency: old.agency, category: old.category, status: old.status, responseDue: old.response_due, inTime: old.in_time, resolved: old.resolved, inTier: old.in_tier, reopened: old.reopened } : null;
  const after = row && row.status !== 'menunggu_konfirmasi' && row.submitted_at ? { day: localDateOf(timeZone, new Date(row.submitted_at)), ...(await keyOf(row, () => loadCalendar(trx, timeZone))) } : null;
  if (before && after && sameKey(before, after)) return;
  if (before) await bump(trx, before.day, before, -1);
  if (after) {
    await bump(trx, after.day, after, 1);
    await sql`insert into complaint_figure_facts (complaint_id, day, agency, category, status, response_due, in_time, resolved, in_tier, reopened)
      values (${complaintId}::uuid, ${after.day}::date, ${after.agency}, ${after.category}, ${after.status}, ${after.responseDue}, ${after.inTime}, ${after.resolved}, ${after.inTier}, ${after.reopened})
      on conflict (complaint_id) do update set day = excluded.day, agency = excluded.agency, category = excluded.category, status = excluded.status,
        response_due = excluded.response_due, in_time = excluded.in_time, resolved = excluded.resolved, in_tier = excluded.in_tier, reopened = excluded.reopened`.execute(trx);
  } else if (before) {
    await sql`delete from complaint_figure_facts where complaint_id = ${complaintId}::uuid`.execute(trx);
  }
}

const dayText = (d: string | Date) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/**
 * Builds the summary again from every received complaint, in one transaction (changes wait for
 * it). Returns the number of complaints counted.
 */
export async function rebuildComplaintFigures(q: Executor, timeZone: RegionTimeZone): Promise<{ complaints: number }> {
  const run = async (trx: Executor) => {
    await sql`select built from complaint_figures_state for update`.execute(trx);
    await sql`delete from complaint_figure_facts`.execute(trx);
    await sql`delete from complaint_figures_daily`.execute(trx);
    const cal = await loadCalendar(trx, timeZone);
    const calendar = async () => cal;
    let after = '00000000-0000-0000-0000-000000000000';
    let count = 0;
    for (;;) {
      const rows = await sql<FigureRow & { id: string }>`select id, ${FIGURE_COLUMNS} from complaints
        where status <> 'menunggu_konfirmasi' and submitted_at is not null and id > ${after}::uuid order by id limit 1000`.execute(trx);
      if (!rows.rows.length) break;
      const values = [];
      for (const r of rows.rows) {
        const k = await keyOf(r, calendar);
        values.push(sql`(${r.id}::uuid, ${localDateOf(timeZone, new Date(r.submitted_at))}::date, ${k.agency}, ${k.category}, ${k.status}, ${k.responseDue}, ${k.inTime}, ${k.resolved}, ${k.inTier}, ${k.reopened})`);
      }
      await sql`insert into complaint_figure_facts (complaint_id, day, agency, category, status, response_due, in_time, resolved, in_tier, reopened) values ${sql.join(values)}`.execute(trx);
      count += rows.rows.length;
      after = rows.rows[rows.rows.length - 1]!.id;
    }
    await sql`insert into complaint_figures_daily (day, agency, category, status, response_due, in_time, resolved, in_tier, reopened, n)
      select day, agency, category, status, response_due, in_time, resolved, in_tier, reopened, count(*)::int from complaint_figure_facts
      group by day, agency, category, status, response_due, in_time, resolved, in_tier, reopened`.execute(trx);
    await sql`update complaint_figures_state set built = true`.execute(trx);
    return { complaints: count };
  };
  return q.isTransaction ? run(q) : q.transaction().execute((trx) => run(trx));
}
