// Retention of this module's records (platform/privacy/retention.ts): in-app notifications the
// person has read are deleted once older than the schedule; unread ones stay.
import type { RetentionRule } from '../../platform/privacy/retention.ts';

export const notificationRetentionRules: RetentionRule[] = [
  {
    recordType: 'read_notification',
    async count(db, cutoff) {
      const r = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('read_at', 'is not', null).where('created_at', '<', cutoff).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async purge(trx, cutoff) {
      const r = await trx.deleteFrom('notifications').where('read_at', 'is not', null).where('created_at', '<', cutoff).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  },
];
