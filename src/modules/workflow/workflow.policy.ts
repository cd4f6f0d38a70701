import { definePolicy } from '../../platform/auth/policy.ts';

// SOPs (P-6): every agency role reads its agency's SOPs (the steps it works on); agency
// admins and operators draft; the agency head (agency_admin) or a super admin approves, and
// never the person who submitted (four-eyes, checked by the service).
definePolicy({
  'workflow.sop.read': { roles: ['super_admin', 'agency_admin', 'operator', 'verifier', 'signing_official', 'counter_officer'], scope: 'agency', readOnly: true },
  'workflow.sop.write': { roles: ['super_admin', 'agency_admin', 'operator'], scope: 'agency' },
  'workflow.sop.approve': { roles: ['super_admin', 'agency_admin'], scope: 'agency' },
});
