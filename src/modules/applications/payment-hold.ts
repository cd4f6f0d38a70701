// Holding an application while its fee is unpaid, and resuming it — the applications module's
// own writes, asked for by payments through the `ApplicationHolds` port (payments never writes
// applications' tables). The SLA rule is the one a send-back uses: the time an application
// spends outside the agency's hands does not count, so on resume the overall and step
// deadlines move by the working time spent waiting (`shiftDeadlines`).
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { WorkingCalendar } from '../../platform/calendar/working-time.ts';
import { slaCalendar } from './processing.engine.ts';

export type HeldStatus = 'submitted' | 'in_process';

/** The status a hold returns to: processing had not started (submitted) or had. */
export const heldStatusOf = (status: string): HeldStatus => (status === 'submitted' ? 'submitted' : 'in_process');

export interface ApplicationHolds {
  /**
   * Holds the application for payment inside `trx`: status 'awaiting_payment' and a 'billed'
   * entry on its timeline (the caller keeps the status to restore, see `heldStatusOf`).
   */
  holdForPayment(trx: Executor, applicationId: string, input: { paymentCode: string; now: Date }): Promise<void>;
  /**
   * Ends a hold: back to `heldStatus`, deadlines moved by the working time since `since`, a
   * 'payment_received' entry on the timeline. False (nothing changed) when not held. Idempotent.
   */
  resumeAfterPayment(trx: Executor, applicationId: string, input: { since: Date; heldStatus: HeldStatus | null; now: Date }): Promise<boolean>;
}

/**
 * The one pause rule of the SLA clock: moves the open deadlines of an application (overall,
 * current step and its nearing instant, the open visit's due date) by `waitedMs` working time.
 */
export async function shiftDeadlines(
  trx: Executor,
  cal: WorkingCalendar,
  a: { id: string; due_at: Date | null; step_due_at: Date | null; step_nearing_at: Date | null },
  waitedMs: number,
  set: { status: HeldStatus; updated_at: Date },
): Promise<void> {
  const shift = (d: Date | null): Date | null => (d === null ? null : waitedMs > 0 ? cal.addWorkingMillis(d, waitedMs) : d);
  await trx
    .updateTable('applications')
    .set({ ...set, due_at: shift(a.due_at), step_due_at: shift(a.step_due_at), step_nearing_at: shift(a.step_nearing_at) })
    .where('id', '=', a.id)
    .execute();
  const step = await trx.selectFrom('application_steps').select(['id', 'due_at']).where('application_id', '=', a.id).where('finished_at', 'is', null).executeTakeFirst();
  if (step) await trx.updateTable('application_steps').set({ due_at: shift(step.due_at)! }).where('id', '=', step.id).execute();
}

export const applicationHolds: ApplicationHolds = {
  async holdForPayment(trx, applicationId, input) {
    await trx.updateTable('applications').set({ status: 'awaiting_payment', updated_at: input.now }).where('id', '=', applicationId).execute();
    await trx.insertInto('application_events').values({ application_id: applicationId, kind: 'billed', actor_id: null, note: input.paymentCode, at: sql`clock_timestamp()` }).execute();
  },

  async resumeAfterPayment(trx, applicationId, input) {
    const a = await trx.selectFrom('applications').select(['id', 'status', 'due_at', 'step_due_at', 'step_nearing_at']).where('id', '=', applicationId).forUpdate().executeTakeFirstOrThrow();
    if (a.status !== 'awaiting_payment') return false;
    const cal = await slaCalendar(trx);
    const waited = Math.max(0, cal.workingMillisBetween(input.since, input.now));
    await shiftDeadlines(trx, cal, a, waited, { status: input.heldStatus ?? 'in_process', updated_at: input.now });
    await trx.insertInto('application_events').values({ application_id: a.id, kind: 'payment_received', actor_id: null, note: '', at: sql`clock_timestamp()` }).execute();
    return true;
  },
};
