// Retention of this module's records (platform/privacy/retention.ts): drafts never submitted
// are deleted once older than the schedule; their attachments' rows go with them (cascade)
// and the files with the storage sweep.
import type { RetentionRule } from '../../platform/privacy/retention.ts';

export const applicationRetentionRules: RetentionRule[] = [
  {
    recordType: 'draft_application',
    async count(db, cutoff) {
      const r = await db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'draft').where('updated_at', '<', cutoff).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async purge(trx, cutoff) {
      const r = await trx.deleteFrom('applications').where('status', '=', 'draft').where('updated_at', '<', cutoff).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  },
];
