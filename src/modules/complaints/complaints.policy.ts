// Who handles complaints (C-1): the region's complaint coordinator (admin pengaduan, a
// region-wide grant) verifies, holds, refers, archives and routes every complaint; staff of the
// agency a complaint is routed to answer and resolve it and see only their agency's complaints.
import { definePolicy } from '../../platform/auth/policy.ts';

definePolicy({
  'complaints.coordinate': { roles: ['complaint_coordinator', 'super_admin'], scope: 'region' },
  'complaints.handle': { roles: ['agency_admin', 'operator', 'verifier'], scope: 'agency' },
  /** Back-office menu entry: anyone who coordinates or handles. */
  'complaints.menu': { roles: ['complaint_coordinator', 'super_admin', 'agency_admin', 'operator', 'verifier'], scope: 'agency' },
  /** Open311 clients (api keys). */
  'complaints.open311.manage': { roles: ['super_admin', 'complaint_coordinator'], scope: 'region' },
});
