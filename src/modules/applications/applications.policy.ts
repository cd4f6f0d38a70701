import { definePolicy } from '../../platform/auth/policy.ts';

definePolicy({
  /** File an application at the counter on a person's behalf (P-1). */
  'applications.counter.file': { roles: ['super_admin', 'agency_admin', 'counter_officer'], scope: 'agency' },
});
