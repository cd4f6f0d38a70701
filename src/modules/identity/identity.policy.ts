// Who may do what in identity (S-1). Citizens and businesses act on their own account only
// (checked by the service against the signed-in user); staff-only actions are named here.
import { definePolicy } from '../../platform/auth/policy.ts';
import { staffRoles } from '../../platform/db/schema.ts';

definePolicy({
  /** Personal API tokens (integrations, scripts): any staff member with a role. */
  'identity.token.manage': { roles: [...staffRoles], scope: 'agency' },
  /**
   * Looking people (citizens) up in the back office, masked: the super admin (the region's
   * identity administrator); auditors read too.
   */
  'identity.person.read': { roles: ['super_admin'], scope: 'region', readOnly: true },
  /** Changing a citizen's NIK (with a reason and a supporting document): the super admin only. */
  'identity.person.nik_change': { roles: ['super_admin'], scope: 'region' },
});
