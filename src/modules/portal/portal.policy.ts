import { definePolicy } from '../../platform/auth/policy.ts';
import { staffRoles } from '../../platform/db/schema.ts';

definePolicy({
  /** Any staff role in any agency may open the back office. */
  'backoffice.enter': { roles: [...staffRoles], scope: 'agency' },
  /** Leaders' area (E-1, E-2): executives and the platform's super admins. */
  'executive.enter': { roles: ['executive', 'super_admin'], scope: 'agency' },
});
