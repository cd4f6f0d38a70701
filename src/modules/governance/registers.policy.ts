import { definePolicy } from '../../platform/auth/policy.ts';

// ICT governance registers (GOV-REG; G-1, G-7, G-10 … G-14). The Dinas Kominfo SPBE team
// (ict_coordinator, region-wide) and super admins read and manage everything; an agency's
// ict_officer and agency_admin manage their own agency's records; auditors read.
const agencyStaff = ['super_admin', 'ict_coordinator', 'ict_officer', 'agency_admin'] as const;
const dinas = ['super_admin', 'ict_coordinator'] as const;

definePolicy({
  // Coordination requests (G-1)
  'governance.registers.coordination.read': { roles: [...agencyStaff, 'executive'], scope: 'agency', readOnly: true },
  'governance.registers.coordination.submit': { roles: [...agencyStaff], scope: 'agency' },
  'governance.registers.coordination.review': { roles: [...dinas], scope: 'region' },
  // Audits (G-7): the Dinas records audits and findings; the owner agency follows up.
  'governance.registers.audits.read': { roles: [...agencyStaff, 'executive'], scope: 'agency', readOnly: true },
  'governance.registers.audits.manage': { roles: [...dinas], scope: 'region' },
  'governance.registers.audits.follow_up': { roles: [...agencyStaff], scope: 'agency' },
  // Simple registers (G-10 … G-14)
  'governance.registers.read': { roles: [...agencyStaff, 'executive'], scope: 'agency', readOnly: true },
  /** Registers agencies keep themselves (data sharing, domains, risks, incidents, changes, PSE contacts). */
  'governance.registers.manage': { roles: [...agencyStaff], scope: 'agency' },
  /** Registers only the Dinas keeps (CIO and steering team, sanctions). */
  'governance.registers.manage_region': { roles: [...dinas], scope: 'region' },
});
