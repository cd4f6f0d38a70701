import { definePolicy } from '../../platform/auth/policy.ts';

// Bills and receiving accounts (P-7). Finance officers (bendahara penerimaan, region-wide or
// one agency), agency admins and super admins read and cancel bills; auditors read only.
// Receiving accounts are managed by super admins and region-wide finance officers.
definePolicy({
  'payments.read': { roles: ['super_admin', 'agency_admin', 'finance_officer'], scope: 'agency', readOnly: true },
  'payments.cancel': { roles: ['super_admin', 'agency_admin', 'finance_officer'], scope: 'agency' },
  'payments.accounts.read': { roles: ['super_admin', 'agency_admin', 'finance_officer'], scope: 'agency', readOnly: true },
  'payments.accounts.manage': { roles: ['super_admin', 'finance_officer'], scope: 'region' },
});
