import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '../../platform/auth/actor.ts';
import { agenciesFor, can } from '../../platform/auth/policy.ts';
import { staffRoles } from '../../platform/db/schema.ts';
import { agencyRoles, canGrantRole, grantShapeError, grantableRoles, privilegedRoles } from './agencies.policy.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function staff(...grants: Grant[]): Actor {
  return { userId: 'u', kind: 'staff', name: 'Uji', locale: 'id', grants, mfaPassed: true, mfaEnrolled: true, sessionId: 's', via: 'session' };
}
const superAdmin = staff({ role: 'super_admin', agencyId: null });
const adminA = staff({ role: 'agency_admin', agencyId: A });
const operatorA = staff({ role: 'operator', agencyId: A });
const auditorRegion = staff({ role: 'auditor', agencyId: null });
const auditorA = staff({ role: 'auditor', agencyId: A });
const executive = staff({ role: 'executive', agencyId: null });
const citizen: Actor = { ...staff(), kind: 'citizen' };

describe('agencies policy: region and agencies', () => {
  it('[S-1] only a super admin manages the region and creates, changes or deactivates agencies', () => {
    for (const action of ['region.manage', 'agency.create', 'agency.update', 'agency.deactivate']) {
      expect(can(superAdmin, action), action).toBe(true);
      for (const other of [adminA, operatorA, auditorRegion, auditorA, executive, citizen]) expect(can(other, action), `${action} ${other.grants[0]?.role}`).toBe(false);
      expect(can(null, action)).toBe(false);
    }
  });

  it('[S-1] an agency admin reads his own agency only; a region-wide auditor reads all', () => {
    expect(can(adminA, 'agency.read', { agencyId: A })).toBe(true);
    expect(can(adminA, 'agency.read', { agencyId: B })).toBe(false);
    expect(agenciesFor(adminA, 'agency.read')).toEqual([A]);
    expect(agenciesFor(auditorRegion, 'agency.read')).toBe('all');
    expect(agenciesFor(superAdmin, 'agency.read')).toBe('all');
    expect(can(operatorA, 'agency.read', { agencyId: A })).toBe(false);
    expect(can(executive, 'agency.read')).toBe(false);
  });

  it('[S-1] auditors read (region, staff, audit trail) but never write', () => {
    expect(can(auditorRegion, 'region.read')).toBe(true);
    expect(can(auditorRegion, 'staff.read', { agencyId: B })).toBe(true);
    expect(can(auditorRegion, 'audit.read')).toBe(true);
    expect(agenciesFor(auditorA, 'audit.read')).toEqual([A]);
    expect(can(auditorA, 'region.read')).toBe(false);
    for (const action of ['region.manage', 'agency.create', 'agency.update', 'staff.create', 'role.grant', 'role.revoke', 'role.privileged']) {
      expect(can(auditorRegion, action, { agencyId: A }), action).toBe(false);
      expect(can(auditorA, action, { agencyId: A }), action).toBe(false);
    }
  });

  it('[S-1] executives and operators have no administration', () => {
    for (const actor of [executive, operatorA]) {
      for (const action of ['region.read', 'agency.read', 'staff.read', 'staff.create', 'role.grant', 'audit.read']) expect(can(actor, action), action).toBe(false);
    }
  });

  it('[S-1] agency admins may not read the audit trail', () => {
    expect(can(adminA, 'audit.read')).toBe(false);
  });
});

describe('agencies policy: staff and grants', () => {
  it('[S-1] an agency admin reads and creates staff in his agency only', () => {
    expect(can(adminA, 'staff.read', { agencyId: A })).toBe(true);
    expect(can(adminA, 'staff.create', { agencyId: A })).toBe(true);
    expect(can(adminA, 'staff.read', { agencyId: B })).toBe(false);
    expect(can(adminA, 'staff.create', { agencyId: B })).toBe(false);
    expect(can(adminA, 'staff.create', { agencyId: null })).toBe(false);
  });

  it('[S-1] an agency admin grants agency roles in his agency and nothing else', () => {
    for (const role of agencyRoles) {
      expect(canGrantRole(adminA, role, A), role).toBe(true);
      expect(canGrantRole(adminA, role, B), role).toBe(false);
      expect(canGrantRole(adminA, role, A, 'role.revoke'), role).toBe(true);
    }
    for (const role of privilegedRoles) {
      expect(canGrantRole(adminA, role, A), role).toBe(false);
      expect(canGrantRole(adminA, role, null), role).toBe(false);
    }
    expect(grantableRoles(adminA, A)).toEqual([...agencyRoles]);
    expect(grantableRoles(adminA, B)).toEqual([]);
  });

  it('[S-1] a super admin grants every role, super_admin, ict_coordinator and data_protection_officer only region-wide and agency roles only in an agency', () => {
    expect(canGrantRole(superAdmin, 'super_admin', null)).toBe(true);
    expect(canGrantRole(superAdmin, 'super_admin', A)).toBe(false);
    expect(canGrantRole(superAdmin, 'ict_coordinator', null)).toBe(true);
    expect(canGrantRole(superAdmin, 'ict_coordinator', A)).toBe(false);
    expect(canGrantRole(superAdmin, 'finance_officer', null)).toBe(true);
    expect(canGrantRole(superAdmin, 'finance_officer', A)).toBe(true);
    expect(canGrantRole(superAdmin, 'ict_officer', null)).toBe(false);
    expect(canGrantRole(superAdmin, 'executive', null)).toBe(true);
    expect(canGrantRole(superAdmin, 'auditor', A)).toBe(true);
    expect(canGrantRole(superAdmin, 'operator', B)).toBe(true);
    expect(canGrantRole(superAdmin, 'operator', null)).toBe(false);
    expect(canGrantRole(superAdmin, 'data_protection_officer', null)).toBe(true);
    expect(canGrantRole(superAdmin, 'data_protection_officer', A)).toBe(false);
    expect(canGrantRole(superAdmin, 'complaint_coordinator', null)).toBe(true);
    expect(canGrantRole(superAdmin, 'complaint_coordinator', A)).toBe(false);
    expect(canGrantRole(superAdmin, 'wbs_investigator', null)).toBe(true);
    expect(new Set(grantableRoles(superAdmin, A))).toEqual(new Set(staffRoles.filter((r) => r !== 'super_admin' && r !== 'ict_coordinator' && r !== 'data_protection_officer' && r !== 'complaint_coordinator')));
  });

  it('[S-1] the shape of a grant: agency roles need an agency, super_admin never has one', () => {
    expect(grantShapeError('operator', null)).toBe('grant.agency_required');
    expect(grantShapeError('super_admin', A)).toBe('grant.region_only');
    expect(grantShapeError('auditor', null)).toBeNull();
    expect(grantShapeError('auditor', A)).toBeNull();
    expect(grantShapeError('executive', null)).toBeNull();
  });

  it('[S-1] an operator, an auditor, an executive or a citizen grants nothing', () => {
    for (const actor of [operatorA, auditorRegion, auditorA, executive, citizen, null]) {
      for (const role of staffRoles) {
        expect(canGrantRole(actor, role, A)).toBe(false);
        expect(canGrantRole(actor, role, null)).toBe(false);
      }
    }
  });

  it('[S-1] grants in several agencies add up, each in its own agency', () => {
    const both = staff({ role: 'agency_admin', agencyId: A }, { role: 'operator', agencyId: B });
    expect(canGrantRole(both, 'verifier', A)).toBe(true);
    expect(canGrantRole(both, 'verifier', B)).toBe(false);
    expect(agenciesFor(both, 'staff.read')).toEqual([A]);
  });
});
