import { definePolicy } from '../../platform/auth/policy.ts';

// ICT inventories (G-4, G-5, G-6, G-9, G-12): the Dinas Kominfo SPBE team (ict_coordinator)
// and super admins see and manage every agency's records; an agency's ICT officer and admin
// manage their own agency's; auditors and executives read. Only the Dinas accepts a hand-over.
definePolicy({
  'governance.inventory.read': { roles: ['super_admin', 'ict_coordinator', 'ict_officer', 'agency_admin', 'executive'], scope: 'agency', readOnly: true },
  'governance.inventory.manage': { roles: ['super_admin', 'ict_coordinator', 'ict_officer', 'agency_admin'], scope: 'agency' },
  'governance.inventory.accept_handover': { roles: ['super_admin', 'ict_coordinator'], scope: 'region' },
});
