import { definePolicy } from '../../platform/auth/policy.ts';

definePolicy({
  /** Any staff role in any agency may open the back office. */
  'backoffice.enter': {
    roles: ['super_admin', 'agency_admin', 'operator', 'verifier', 'signing_official', 'counter_officer', 'executive', 'auditor', 'ict_officer', 'ict_coordinator'],
    scope: 'agency',
  },
  /** Leaders' area (E-1, E-2): executives and the platform's super admins. */
  'executive.enter': { roles: ['executive', 'super_admin'], scope: 'agency' },
});
