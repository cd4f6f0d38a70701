import { definePolicy } from '../../platform/auth/policy.ts';

definePolicy({
  /** See drafts and versions in the back office (auditors read too). */
  'catalog.service.read': { roles: ['super_admin', 'agency_admin', 'operator', 'verifier', 'signing_official', 'counter_officer'], scope: 'agency', readOnly: true },
  /** Describe a service: its 14 components and its form (agency admins and operators). */
  'catalog.service.write': { roles: ['super_admin', 'agency_admin', 'operator'], scope: 'agency' },
  /** Publish a new version or archive. */
  'catalog.service.publish': { roles: ['super_admin', 'agency_admin', 'operator'], scope: 'agency' },
});
