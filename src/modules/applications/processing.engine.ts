// The step engine of SOP execution (P-6): deadlines of a step visit from the region's working
// calendar (STANDARDS §8) and the rows that open and close a visit. Used by submission
// (entering the first step), by the officers' actions and by the applicant's resubmission.
// Every function takes the open transaction; nothing here reads the clock.
import type { Executor } from '../../platform/db/database.ts';
import { currentCalendarGeneration, loadCalendar } from '../../platform/calendar/calendar.service.ts';
import type { WorkingCalendar } from '../../platform/calendar/working-time.ts';
import { regionTimeZone } from '../agencies/index.ts';
import type { SopDefinition, SopStep } from '../workflow/index.ts';

export const OPEN_STATUSES = ['submitted', 'in_process'] as const;

/** 409 for an officer acting on an application that waits for its fee (payments, P-7). */
export const AWAITING_PAYMENT_KEY = 'payments.bill.awaiting_payment';

/** The region's working calendar (weekends, national holidays, cuti bersama). */
export async function slaCalendar(q: Executor): Promise<WorkingCalendar> {
  return loadCalendar(q, await regionTimeZone(q));
}

/** How long a node keeps the working calendar before reading it again (other nodes' edits). */
export const CALENDAR_TTL_MS = 10_000;

/**
 * The region's working calendar kept in memory (one per app): read again after
 * CALENDAR_TTL_MS, and at once after a holiday or the region's time zone changed on this node
 * (calendarChanged). Saves two reads (the region's time zone, the whole holiday table) per
 * submission. `q` is the executor to read through when it must be read (the open transaction
 * on PGlite, where the root handle would wait for it).
 */
export function createCalendarCache(): (q: Executor) => Promise<WorkingCalendar> {
  let entry: { at: number; generation: number; calendar: Promise<WorkingCalendar> } | null = null;
  return (q) => {
    const generation = currentCalendarGeneration();
    if (entry && entry.generation === generation && Date.now() - entry.at < CALENDAR_TTL_MS) return entry.calendar;
    const calendar = slaCalendar(q);
    const mine = { at: Date.now(), generation, calendar };
    entry = mine;
    calendar.catch(() => {
      if (entry === mine) entry = null;
    });
    return calendar;
  };
}

export interface StepDeadline {
  dueAt: Date;
  nearingAt: Date;
  allowedMs: number;
}

/** The deadline of a step started at `start`, and when it starts to show as nearing. */
export function stepDeadline(cal: WorkingCalendar, step: Pick<SopStep, 'timeAllowed'>, start: Date, nearingPercent: number): StepDeadline {
  const { amount, unit } = step.timeAllowed;
  const dueAt = unit === 'days' ? cal.addWorkingDays(start, amount) : cal.addWorkingHours(start, amount);
  const allowedMs = Math.max(0, cal.workingMillisBetween(start, dueAt));
  const nearingAt = cal.addWorkingMillis(start, Math.round((allowedMs * nearingPercent) / 100));
  return { dueAt, nearingAt, allowedMs };
}

/** The SLA state of a deadline at `now` from the stored instants. */
export function slaStateAt(now: Date, nearingAt: Date | null, dueAt: Date | null): 'on_time' | 'nearing' | 'overdue' | null {
  if (!dueAt) return null;
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  if (nearingAt && now.getTime() >= nearingAt.getTime()) return 'nearing';
  return 'on_time';
}

/** Where a forwarding step can go: its `next` and its branches, in that order. */
export function forwardOptions(step: SopStep): { label: string | null; next: string }[] {
  const out: { label: string | null; next: string }[] = [];
  if (step.next) out.push({ label: null, next: step.next });
  for (const b of step.branches ?? []) out.push({ label: b.label, next: b.next });
  return out;
}

export function stepByKey(def: SopDefinition, key: string | null): SopStep | null {
  return def.steps.find((s) => s.key === key) ?? null;
}

/**
 * Opens visit `seq` of `step` for the application and moves the application's current-step
 * columns onto it. `assigneeId` carries an officer over (a resubmission returns to the
 * officer who sent it back).
 */
export async function openStep(
  trx: Executor,
  cal: WorkingCalendar,
  app: { id: string; agencyId: string },
  step: SopStep,
  seq: number,
  now: Date,
  nearingPercent: number,
  opts: { assigneeId?: string | null; status?: 'submitted' | 'in_process' } = {},
): Promise<StepDeadline> {
  const d = stepDeadline(cal, step, now, nearingPercent);
  const assigneeId = opts.assigneeId ?? null;
  await trx
    .insertInto('application_steps')
    .values({
      application_id: app.id,
      seq,
      step_key: step.key,
      step_name: step.name,
      role: step.role,
      agency_id: app.agencyId,
      assignee_id: assigneeId,
      claimed_at: assigneeId ? now : null,
      started_at: now,
      due_at: d.dueAt,
      allowed_ms: d.allowedMs,
    })
    .execute();
  await trx
    .updateTable('applications')
    .set({
      status: opts.status ?? 'in_process',
      step_seq: seq,
      current_step: step.key,
      step_role: step.role,
      assignee_id: assigneeId,
      step_started_at: now,
      step_due_at: d.dueAt,
      step_nearing_at: d.nearingAt,
      updated_at: now,
    })
    .where('id', '=', app.id)
    .execute();
  return d;
}

/** Closes the open visit with its outcome and SLA figures (working time used, deadline met). */
export async function closeStep(
  trx: Executor,
  cal: WorkingCalendar,
  applicationId: string,
  now: Date,
  outcome: { outcome: 'forward' | 'send_back' | 'reject' | 'approve' | 'withdrawn'; by: string; note?: string | null; branchLabel?: string | null },
): Promise<void> {
  const open = await trx
    .selectFrom('application_steps')
    .select(['id', 'started_at', 'due_at'])
    .where('application_id', '=', applicationId)
    .where('finished_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!open) return;
  await trx
    .updateTable('application_steps')
    .set({
      finished_at: now,
      finished_by: outcome.by,
      outcome: outcome.outcome,
      note: outcome.note ?? null,
      branch_label: outcome.branchLabel ?? null,
      used_ms: Math.max(0, cal.workingMillisBetween(open.started_at, now)),
      met: now.getTime() <= open.due_at.getTime(),
    })
    .where('id', '=', open.id)
    .execute();
}
