import { definePolicy } from '../../platform/auth/policy.ts';

// Revenue report and daily reconciliation summary (P-7). Region-wide finance officers, super
// admins and executives see every agency; an agency's finance officer (bendahara penerimaan)
// and its admin see their own agency; auditors read (readOnly).
definePolicy({
  'payments.reports.read': { roles: ['super_admin', 'executive', 'finance_officer', 'agency_admin'], scope: 'agency', readOnly: true },
  'payments.daily_summary.read': { roles: ['super_admin', 'executive', 'finance_officer', 'agency_admin'], scope: 'agency', readOnly: true },
});
