// Test helpers of GOV-REG: staff actors for calling the services directly, and the services
// built with an explicit progress period.
import type { Actor } from '../../platform/auth/actor.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import { govRegServicesFor } from './registers.services.ts';

export function staffActor(user: { userId: string; name: string }, role: StaffRole, agencyId: string | null): Actor {
  return { userId: user.userId, kind: 'staff', name: user.name, locale: 'id', grants: [{ role, agencyId }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
}

export function govRegServices(progressPeriodMonths = 3) {
  return govRegServicesFor(progressPeriodMonths);
}
