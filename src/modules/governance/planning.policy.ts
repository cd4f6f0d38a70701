import { definePolicy } from '../../platform/auth/policy.ts';

// ICT governance planning (issue 6: G-2, G-3, G-8, G-15, E-4). The Dinas Kominfo's SPBE team
// (ict_coordinator) and super admins manage; agencies' ICT staff and executives read; auditors
// read (readOnly). Only the ict_coordinator finalises a self-assessment year. An agency's ICT
// officer proposes evidence for the indicators his agency is responsible for.
definePolicy({
  'governance.planning.read': { roles: ['super_admin', 'ict_coordinator', 'executive', 'ict_officer', 'agency_admin'], scope: 'agency', readOnly: true },
  'governance.planning.manage': { roles: ['super_admin', 'ict_coordinator'], scope: 'region' },
  'governance.planning.frameworks': { roles: ['super_admin', 'ict_coordinator'], scope: 'region' },
  'governance.planning.finalise': { roles: ['ict_coordinator'], scope: 'region' },
  'governance.planning.propose': { roles: ['ict_officer', 'ict_coordinator'], scope: 'agency' },
  'governance.planning.report': { roles: ['super_admin', 'ict_coordinator', 'executive'], scope: 'region', readOnly: true },
});
