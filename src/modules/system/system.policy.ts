import { definePolicy } from '../../platform/auth/policy.ts';

// The platform's machinery is Dinas Kominfo's: region-wide super admins only. Auditors do
// not see it: the outbox holds messages meant for one person (codes, links).
definePolicy({
  'system.queue.read': { roles: ['super_admin'], scope: 'region' },
  'system.queue.retry': { roles: ['super_admin'], scope: 'region', mfa: true },
  'system.outbox.read': { roles: ['super_admin'], scope: 'region' },
});
