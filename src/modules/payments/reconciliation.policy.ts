import { definePolicy } from '../../platform/auth/policy.ts';

// Reconciliation (P-7): the bendahara penerimaan (finance_officer) imports statements, keeps
// column mappings and works the manual matching queue; super admins may too; auditors read.
// Scope 'agency': a region-wide grant sees and does everything; an agency's finance officer
// imports into his agency's receiving accounts and sees/resolves the credits whose candidate
// (or suggested, or assigned) bills belong to his agency.
definePolicy({
  'payments.reconcile.read': { roles: ['super_admin', 'finance_officer'], scope: 'agency', readOnly: true },
  'payments.reconcile': { roles: ['super_admin', 'finance_officer'], scope: 'agency' },
  'payments.mappings.manage': { roles: ['super_admin', 'finance_officer'], scope: 'agency' },
});
