// Retention of this module's records (platform/privacy/retention.ts), by the schedule the data
// protection officer sees. identity.prune (hourly) keeps its own, equal or shorter, limits.
import type { RetentionRule } from '../../platform/privacy/retention.ts';
import { ABANDONED_REGISTRATION_DAYS, releaseAbandonedRegistrations } from './identity.service.ts';

const count = (r: { n: number | string | bigint }) => Number(r.n);

export const identityRetentionRules: RetentionRule[] = [
  {
    // Self-registrations never confirmed: released (NIK and e-mail freed, personal data emptied).
    recordType: 'unconfirmed_registration',
    async count(db, cutoff) {
      const r = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', '=', 'citizen')
        .where('status', '=', 'pending')
        .where('email_verified_at', 'is', null)
        .where('password_hash', 'is not', null)
        .where('password_changed_at', '<', cutoff)
        .executeTakeFirstOrThrow();
      return count(r);
    },
    // releaseAbandonedRegistrations counts its own ABANDONED_REGISTRATION_DAYS back from "now":
    // hand it the instant that puts its cutoff on ours.
    purge: (trx, cutoff) => releaseAbandonedRegistrations(trx, {}, new Date(cutoff.getTime() + ABANDONED_REGISTRATION_DAYS * 86_400_000)),
  },
  {
    recordType: 'ended_session',
    async count(db, cutoff) {
      const r = await db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => eb.or([eb('expires_at', '<', cutoff), eb('revoked_at', '<', cutoff)])).executeTakeFirstOrThrow();
      return count(r);
    },
    async purge(trx, cutoff) {
      const r = await trx.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<', cutoff), eb('revoked_at', '<', cutoff)])).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  },
  {
    recordType: 'spent_verification_code',
    async count(db, cutoff) {
      const r = await db.selectFrom('verification_codes').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => eb.or([eb('expires_at', '<', cutoff), eb('used_at', '<', cutoff)])).executeTakeFirstOrThrow();
      return count(r);
    },
    async purge(trx, cutoff) {
      const r = await trx.deleteFrom('verification_codes').where((eb) => eb.or([eb('expires_at', '<', cutoff), eb('used_at', '<', cutoff)])).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  },
];
