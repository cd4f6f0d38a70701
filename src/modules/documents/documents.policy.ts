import { definePolicy } from '../../platform/auth/policy.ts';

// Issued documents (P-12): the agency's officials see its documents; its admin or a signing
// official revokes one (with a reason, audited).
definePolicy({
  'documents.read': { roles: ['super_admin', 'agency_admin', 'signing_official'], scope: 'agency', readOnly: true },
  'documents.revoke': { roles: ['super_admin', 'agency_admin', 'signing_official'], scope: 'agency' },
});
