// Complaint-handling figures for the leaders' dashboard and the public performance page (issue 15,
// E-1/E-2/C-4): read-only counts over the complaints of a period, per routed agency. Nothing here
// writes the complaints tables. Definitions (shown to readers by the executive module):
//  - received: complaints submitted in the period (confirmed ones; drafts awaiting the code are not);
//  - first response in time: of those given a response deadline (routed to an agency), the ones
//    whose first response came by it (FIRST_RESPONSE_WORKING_DAYS working days after routing);
//  - resolved within tier: of those resolved, the ones resolved by their category tier's deadline
//    (complaints.resolve_due_at; RESOLVE_WORKING_DAYS by kind from submission when none was set);
//  - reopen rate: of those resolved at least once (resolved now or reopened), the ones reopened.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { WorkingCalendar } from '../../platform/calendar/working-time.ts';
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

/**
 * The figures of complaints submitted in [from, to) (instants), for the given routed agencies
 * ('all' = region-wide, including complaints not yet routed).
 */
export async function complaintFigures(q: Executor, cal: WorkingCalendar, input: { from: Date; to: Date; agencies: 'all' | readonly string[] }): Promise<ComplaintFiguresResult> {
  const total = empty();
  const byAgency = new Map<string, ComplaintFigures>();
  if (input.agencies !== 'all' && input.agencies.length === 0) return { total, byAgency };
  const cut = input.agencies === 'all' ? sql`true` : sql`routed_agency_id in (${sql.join(input.agencies.map((a) => sql`${a}::uuid`))})`;
  const rows = await sql<{
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
  }>`select routed_agency_id, kind, category, status, submitted_at, response_due_at, first_response_at, resolved_at, resolve_due_at, reopened_count
      from complaints where status <> 'menunggu_konfirmasi' and submitted_at >= ${input.from} and submitted_at < ${input.to} and ${cut}`.execute(q);
  for (const r of rows.rows) {
    const targets = [total];
    if (r.routed_agency_id) {
      let f = byAgency.get(r.routed_agency_id);
      if (!f) byAgency.set(r.routed_agency_id, (f = empty()));
      targets.push(f);
    }
    const submitted = new Date(r.submitted_at);
    const responded = r.response_due_at !== null;
    const inTime = responded && r.first_response_at !== null && new Date(r.first_response_at) <= new Date(r.response_due_at!);
    const resolved = r.resolved_at !== null;
    // The category's tier deadline (set when the complaint was verified or routed); a complaint
    // resolved without one (never routed) counts against the fallback by kind from submission.
    const tierDue = r.resolve_due_at ? new Date(r.resolve_due_at) : cal.addWorkingDays(submitted, RESOLVE_WORKING_DAYS[r.kind] ?? 14);
    const inTier = resolved && new Date(r.resolved_at!) <= tierDue;
    const reopened = Number(r.reopened_count) > 0;
    for (const f of targets) {
      f.received++;
      f.byStatus[r.status] = (f.byStatus[r.status] ?? 0) + 1;
      f.byCategory[r.category] = (f.byCategory[r.category] ?? 0) + 1;
      if (responded) f.responseDue++;
      if (inTime) f.respondedInTime++;
      if (resolved) f.resolved++;
      if (inTier) f.resolvedInTier++;
      if (resolved || reopened) f.everResolved++;
      if (reopened) f.reopened++;
    }
  }
  return { total, byAgency };
}
