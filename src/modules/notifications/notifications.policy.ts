import { definePolicy } from '../../platform/auth/policy.ts';

// Message templates speak for the whole region: Dinas Kominfo's super admins keep them.
definePolicy({
  'notifications.templates.read': { roles: ['super_admin'], scope: 'region' },
  'notifications.templates.write': { roles: ['super_admin'], scope: 'region', mfa: true },
});
