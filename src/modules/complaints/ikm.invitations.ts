// Survey invitations (C-4, Permenpan RB 14/2017): when a complaint is resolved or an application
// is completed (approved), the person gets one message with the link to the IKM survey. Once per
// complaint or application whatever repeats the trigger (a re-resolved complaint, a re-delivered
// event): `ikm_invitations` keeps (subject type, subject id) and a second insert does nothing.
// Everything runs in the caller's transaction (outbox rows), so an invitation is never sent for
// a change that rolled back.
import type { Kysely, Transaction } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { processingRestricted } from '../../platform/privacy/restriction.ts';
import { t, type Locale } from '../../platform/views/i18n.ts';
import type { ComplaintTables } from './complaints.tables.ts';

type CDB = DB & ComplaintTables;

export interface Invitee {
  email: string | null;
  phone: string | null;
  locale: Locale;
  userId: string | null;
}

export interface SurveyInvitationDeps {
  baseUrl: string;
  mailer: Mailer;
  sendSms(trx: Executor, msg: { to: string; text: string; userId: string | null }): Promise<void>;
  /** The applicant of an application and its tracking number, read in `trx` (applications/identity port). */
  applicant(trx: Executor, applicationId: string): Promise<(Invitee & { number: string }) | null>;
}

/** Records the invitation of a subject; false when it was already invited (nothing is sent then). */
export async function claimInvitation(trx: Executor, subjectType: 'application' | 'complaint', subjectId: string, now = new Date()): Promise<boolean> {
  const db = trx as unknown as Kysely<CDB> | Transaction<CDB>;
  const r = await db
    .insertInto('ikm_invitations')
    .values({ subject_type: subjectType, subject_id: subjectId, sent_at: now })
    .onConflict((oc) => oc.columns(['subject_type', 'subject_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Sends the invitation text by e-mail and SMS (whichever the person has). */
async function send(deps: Pick<SurveyInvitationDeps, 'mailer' | 'sendSms'>, trx: Executor, to: Invitee, params: { number: string; url: string }) {
  const text = t(to.locale, 'complaints.survey.body', params);
  if (to.email) await deps.mailer.send(trx, { to: to.email, subject: t(to.locale, 'complaints.survey.subject', params), text });
  if (to.phone) await deps.sendSms(trx, { to: to.phone, text, userId: to.userId });
}

/** A resolved complaint: the reporter follows the survey link from his tracking page (or his own list). */
export async function inviteComplaintReporter(deps: Pick<SurveyInvitationDeps, 'baseUrl' | 'mailer' | 'sendSms'>, trx: Executor, complaint: { id: string; number: string; ownAccount: boolean }, to: Invitee, now = new Date()): Promise<boolean> {
  // A person who restricted the processing of his data (UU PDP Pasal 11) is not surveyed.
  if (await processingRestricted(trx, to.userId)) return false;
  if (!(await claimInvitation(trx, 'complaint', complaint.id, now))) return false;
  const url = complaint.ownAccount ? `${deps.baseUrl}/pengaduan/saya/${complaint.number}` : `${deps.baseUrl}/pengaduan/lacak`;
  await send(deps, trx, to, { number: complaint.number, url });
  return true;
}

export function createSurveyInvitations(deps: SurveyInvitationDeps) {
  return {
    /** A completed (approved) application: the applicant answers at /ikm/survei/permohonan/<number>. */
    async inviteForApplication(trx: Executor, applicationId: string, now = new Date()): Promise<boolean> {
      const a = await deps.applicant(trx, applicationId);
      if (!a || !a.number) return false;
      if (await processingRestricted(trx, a.userId)) return false;
      if (!(await claimInvitation(trx, 'application', applicationId, now))) return false;
      await send(deps, trx, a, { number: a.number, url: `${deps.baseUrl}/ikm/survei/permohonan/${encodeURIComponent(a.number)}` });
      return true;
    },
  };
}

export type SurveyInvitations = ReturnType<typeof createSurveyInvitations>;
