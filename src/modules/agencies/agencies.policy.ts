// Who may administer the region, its agencies, staff accounts and role grants (S-1).
//
// - super_admin (Dinas Kominfo, region-wide): the region, every agency, every staff account
//   and every grant, including the privileged roles (super_admin, executive, auditor).
// - agency_admin: staff accounts and grants of his own agency only, and only the agency
//   roles (agency_admin, operator, verifier, signing_official, counter_officer).
// - auditor: reads (readOnly actions) wherever he is granted — the whole region or one agency.
// - executive and the other agency roles: no administration.
//
// The rules below are registered with the one policy layer; `canGrantRole` adds the rule
// about *which* roles a grant may carry, so routes, API and services ask the same question.
import type { Actor } from '../../platform/auth/actor.ts';
import { can, definePolicy } from '../../platform/auth/policy.ts';
import type { StaffRole } from '../../platform/db/schema.ts';

/** Roles that belong to one agency: an agency admin may grant these in his agency. */
export const agencyRoles = ['agency_admin', 'operator', 'verifier', 'signing_official', 'counter_officer', 'ict_officer'] as const satisfies readonly StaffRole[];
/**
 * Roles only a super admin grants: super_admin and ict_coordinator (the Dinas Kominfo's SPBE
 * team), data_protection_officer (UU PDP Pasal 53) and complaint_coordinator region-wide; executive,
 * auditor, finance_officer and wbs_investigator region-wide or in one agency.
 */
export const privilegedRoles = ['super_admin', 'executive', 'auditor', 'finance_officer', 'ict_coordinator', 'data_protection_officer', 'complaint_coordinator', 'wbs_investigator'] as const satisfies readonly StaffRole[];

export type AgencyRole = (typeof agencyRoles)[number];

export function isAgencyRole(role: StaffRole): role is AgencyRole {
  return (agencyRoles as readonly StaffRole[]).includes(role);
}

definePolicy({
  /** See the region's settings in the back office. */
  'region.read': { roles: ['super_admin'], scope: 'region', readOnly: true },
  /** Create or change the region (name, level, kode wilayah, time zone, domain). */
  'region.manage': { roles: ['super_admin'], scope: 'region' },
  /** See agencies in the back office (with their staff): super admins all, agency admins their own. */
  'agency.read': { roles: ['super_admin', 'agency_admin'], scope: 'agency', readOnly: true },
  'agency.create': { roles: ['super_admin'], scope: 'region' },
  'agency.update': { roles: ['super_admin'], scope: 'region' },
  /** Deactivate or reactivate (agencies are never deleted). */
  'agency.deactivate': { roles: ['super_admin'], scope: 'region' },
  /** Staff accounts and their grants. */
  'staff.read': { roles: ['super_admin', 'agency_admin'], scope: 'agency', readOnly: true },
  'staff.create': { roles: ['super_admin', 'agency_admin'], scope: 'agency' },
  'role.grant': { roles: ['super_admin', 'agency_admin'], scope: 'agency' },
  'role.revoke': { roles: ['super_admin', 'agency_admin'], scope: 'agency' },
  /** Grant or revoke super_admin, executive, auditor, and any region-wide grant. */
  'role.privileged': { roles: ['super_admin'], scope: 'region' },
  /** The audit trail: region-wide readers see everything, agency auditors their agency's events. */
  'audit.read': { roles: ['super_admin'], scope: 'agency', readOnly: true },
});

/** Where a role may be granted: 'agency' roles need one, super_admin never has one. */
export function grantShapeError(role: StaffRole, agencyId: string | null): 'grant.agency_required' | 'grant.region_only' | null {
  if (isAgencyRole(role) && agencyId === null) return 'grant.agency_required';
  if ((role === 'super_admin' || role === 'ict_coordinator' || role === 'data_protection_officer' || role === 'complaint_coordinator') && agencyId !== null) return 'grant.region_only';
  return null;
}

/**
 * May `actor` grant (or revoke) `role` at `agencyId` (null: region-wide)? Agency roles in an
 * agency need 'role.grant' there; privileged roles and region-wide grants need a super admin.
 */
export function canGrantRole(actor: Actor | null, role: StaffRole, agencyId: string | null, action: 'role.grant' | 'role.revoke' = 'role.grant'): boolean {
  if (grantShapeError(role, agencyId)) return false;
  if (isAgencyRole(role) && agencyId !== null) return can(actor, action, { agencyId });
  return can(actor, 'role.privileged');
}

/** The roles `actor` may grant at `agencyId` (null: region-wide), in display order. */
export function grantableRoles(actor: Actor | null, agencyId: string | null): StaffRole[] {
  return [...privilegedRoles, ...agencyRoles].filter((r) => canGrantRole(actor, r, agencyId));
}
