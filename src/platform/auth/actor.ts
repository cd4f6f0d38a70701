import type { Locale } from '../views/i18n.ts';
import type { StaffRole, UserKind } from '../db/schema.ts';

export interface Grant {
  role: StaffRole;
  /** null: region-wide (super_admin, and executive/auditor when granted for the whole region). */
  agencyId: string | null;
}

/** The signed-in user as every layer sees it. Built once per request from the session or token. */
export interface Actor {
  userId: string;
  kind: UserKind;
  name: string;
  locale: Locale;
  grants: Grant[];
  /** The session passed TOTP (or the account needs none). Bearer tokens count as passed. */
  mfaPassed: boolean;
  mfaEnrolled: boolean;
  sessionId: string | null;
  via: 'session' | 'token';
}

/** Who did it, for the audit trail and request logs. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
  userAgent: string | null;
}

export const adminRoles: StaffRole[] = ['super_admin', 'agency_admin'];

export function isAdministrative(actor: Pick<Actor, 'grants'>): boolean {
  return actor.grants.some((g) => adminRoles.includes(g.role));
}

export function isStaff(actor: Pick<Actor, 'kind'> | null | undefined): boolean {
  return actor?.kind === 'staff';
}
