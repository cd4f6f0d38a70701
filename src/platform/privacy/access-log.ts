// The access log of personal data (UU PDP Pasal 31; S-3): every view or export of a person's
// NIK, address, phone, form data, attachments or documents by staff is recorded here, with who
// (the officer and the roles he held for that agency), what (kinds of data, never the values)
// and why (the case: an application and its tracking number). Routes that reveal full values
// call `recordPersonalDataAccess` once per response; a person looking at his own data is not
// logged. The person reads the log at /akun/data-pribadi.
import type { Actor, RequestMeta } from '../auth/actor.ts';
import type { Executor } from '../db/database.ts';
import type { AccessChannel, AccessPurpose } from './privacy.tables.ts';

export const personalDataKinds = ['nik', 'name', 'address', 'phone', 'email', 'form', 'attachment', 'document'] as const;
export type PersonalDataKind = (typeof personalDataKinds)[number];

/** What an application's record shows an officer: the applicant's identity and contact (prefilled) and the form. */
export const applicationRecordKinds: readonly PersonalDataKind[] = ['name', 'nik', 'address', 'phone', 'form'];

export interface PersonalDataAccess {
  /** Whose data was revealed (users.id). */
  subjectUserId: string;
  kinds: readonly PersonalDataKind[];
  purpose: AccessPurpose;
  channel: AccessChannel;
  /** The agency the record belongs to: decides which of the actor's roles are named. */
  agencyId?: string | null;
  applicationId?: string | null;
  /** The case as people know it, e.g. the tracking number. */
  reference?: string | null;
}

/** Roles the actor holds for `agencyId` (grants in that agency or region-wide), sorted. */
export function rolesFor(actor: Actor, agencyId: string | null | undefined): string[] {
  const roles = actor.grants.filter((g) => g.agencyId === null || (agencyId != null && g.agencyId === agencyId)).map((g) => g.role);
  return [...new Set(roles)].sort();
}

/**
 * Records one access. Returns false (and writes nothing) when the actor is not staff or is
 * the person himself. Pass the open transaction when there is one.
 */
export async function recordPersonalDataAccess(
  db: Executor,
  who: { actor: Actor | null; meta?: RequestMeta | null },
  access: PersonalDataAccess,
): Promise<boolean> {
  const actor = who.actor;
  if (!actor || actor.kind !== 'staff' || actor.userId === access.subjectUserId) return false;
  const kinds = [...new Set(access.kinds)].filter((k) => (personalDataKinds as readonly string[]).includes(k));
  if (!kinds.length) return false;
  await db
    .insertInto('personal_data_access')
    .values({
      subject_user_id: access.subjectUserId,
      actor_id: actor.userId,
      actor_roles: rolesFor(actor, access.agencyId).join(','),
      agency_id: access.agencyId ?? null,
      application_id: access.applicationId ?? null,
      reference: access.reference ? access.reference.slice(0, 100) : null,
      purpose: access.purpose,
      kinds: kinds.join(','),
      channel: access.channel,
      request_id: who.meta?.requestId ?? null,
    })
    .execute();
  return true;
}
