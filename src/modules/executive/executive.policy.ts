import { definePolicy } from '../../platform/auth/policy.ts';

// Leaders' figures (E-1, E-2): executives region-wide (Governor, Vice-Governor, Regional
// Secretary) or in one agency (its head: that agency only), and super admins. Strategic and
// tactical figures are not for other staff, so auditors do not get them through readOnly.
definePolicy({
  'executive.dashboard.read': { roles: ['executive', 'super_admin'], scope: 'agency' },
  'executive.targets.manage': { roles: ['executive', 'super_admin'], scope: 'region' },
});
