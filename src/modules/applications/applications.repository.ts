// Repository of the application aggregate (the pattern: see ARCHITECTURE.md, "Repositories and
// reviewed SQL"). Each query is built by a function in `applicationQueries` that takes the
// executor explicitly (the open transaction, or the root handle outside one; on PGlite a read
// through the root handle inside a transaction would wait for that transaction), and the
// repository functions only execute them. The SQL each builder produces is checked in as
// `queries/applications.repository.sql` and compared by applications.repository.unit.test.ts,
// so a change of query shows in review (`UPDATE_SQL_SNAPSHOTS=1` rewrites the file).
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** Timeline kinds only the office sees (assignment, release, escalation). */
export const INTERNAL_EVENTS = ['assigned', 'released', 'escalated'];

export const applicationQueries = {
  /** The application an idempotency key already made. */
  byIdempotencyKey: (q: Executor, key: string) => q.selectFrom('applications').select(['id', 'tracking_number', 'status', 'applicant_id']).where('idempotency_key', '=', key),

  /** The applicant's latest draft of a service. */
  latestDraft: (q: Executor, applicantId: string, serviceId: string) =>
    q
      .selectFrom('applications')
      .selectAll()
      .where('applicant_id', '=', applicantId)
      .where('service_id', '=', serviceId)
      .where('status', '=', 'draft')
      .orderBy('updated_at', 'desc')
      .limit(1),

  /**
   * A submission's one read before its transaction: the application the idempotency key already
   * made (`by_key`, first) or else the applicant's latest draft of the service. A draft never
   * holds a key (it is set on submission).
   */
  submissionLookup: (q: Executor, key: string, applicantId: string, serviceId: string) =>
    q
      .selectFrom('applications')
      .select(['id', 'tracking_number', 'status', 'applicant_id', 'service_version', sql<boolean>`idempotency_key IS NOT DISTINCT FROM ${key}`.as('by_key')])
      .where((eb) => eb.or([eb('idempotency_key', '=', key), eb.and([eb('applicant_id', '=', applicantId), eb('service_id', '=', serviceId), eb('status', '=', 'draft')])]))
      .orderBy('by_key', 'desc')
      .orderBy('updated_at', 'desc')
      .limit(1),

  /** The timeline, oldest first; without `internal` the office's own moves are left out. */
  timeline: (q: Executor, applicationId: string, internal: boolean) => {
    let b = q.selectFrom('application_events').select(['kind', 'note', 'at']).where('application_id', '=', applicationId);
    if (!internal) b = b.where('kind', 'not in', INTERNAL_EVENTS);
    return b.orderBy('at').orderBy('id');
  },
};

export const applicationRepository = {
  byIdempotencyKey: (q: Executor, key: string) => applicationQueries.byIdempotencyKey(q, key).executeTakeFirst(),
  latestDraft: (q: Executor, applicantId: string, serviceId: string) => applicationQueries.latestDraft(q, applicantId, serviceId).executeTakeFirst(),
  submissionLookup: (q: Executor, key: string, applicantId: string, serviceId: string) => applicationQueries.submissionLookup(q, key, applicantId, serviceId).executeTakeFirst(),
  timeline: (q: Executor, applicationId: string, internal: boolean) => applicationQueries.timeline(q, applicationId, internal).execute(),
};
