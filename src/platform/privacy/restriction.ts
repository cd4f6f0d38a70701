// Restriction of processing (UU PDP Pasal 11): while a person's processing is restricted his data
// is stored but not used beyond what the law requires. The privacy module sets and lifts the
// flag (a data-subject request answered by the data protection officer); any module asks here
// before using a person's data for something optional: survey invitations, document reminders,
// names in drill-downs. Platform code so that every module may ask without depending on the
// privacy module (which itself depends on identity and agencies).
import type { Executor } from '../db/database.ts';

/** Whether the person's processing is restricted now. */
export async function processingRestricted(q: Executor, userId: string | null | undefined): Promise<boolean> {
  if (!userId) return false;
  const r = await q.selectFrom('processing_restrictions').select('id').where('user_id', '=', userId).where('lifted_at', 'is', null).executeTakeFirst();
  return !!r;
}

/** Of the given people, those whose processing is restricted now. */
export async function restrictedAmong(q: Executor, userIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(userIds.filter(Boolean))];
  if (!ids.length) return new Set();
  const rows = await q.selectFrom('processing_restrictions').select('user_id').where('user_id', 'in', ids).where('lifted_at', 'is', null).execute();
  return new Set(rows.map((r) => r.user_id));
}
