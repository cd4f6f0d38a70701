// Service figures for reports (E-4 M&E report): how many applications were submitted and
// decided in a period, and how many of those were decided by their due date. Read-only.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

export interface ApplicationFigures {
  submitted: number;
  finished: number;
  onTime: number;
}

/** Counts over [from, to): submitted_at for submitted, decided_at for finished / on time. */
export async function applicationFigures(q: Executor, from: Date, to: Date): Promise<ApplicationFigures> {
  const r = await q
    .selectFrom('applications')
    .select([
      sql<number>`count(*) filter (where submitted_at >= ${from} and submitted_at < ${to})`.as('submitted'),
      sql<number>`count(*) filter (where decided_at >= ${from} and decided_at < ${to})`.as('finished'),
      sql<number>`count(*) filter (where decided_at >= ${from} and decided_at < ${to} and due_at is not null and decided_at <= due_at)`.as('on_time'),
    ])
    .executeTakeFirstOrThrow();
  return { submitted: Number(r.submitted), finished: Number(r.finished), onTime: Number(r.on_time) };
}
