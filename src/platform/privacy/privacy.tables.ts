// Kysely types of the personal-data-protection tables (migration 0044). The access log is
// written by platform code (any module's routes record through `recordPersonalDataAccess`);
// the other tables belong to the privacy module (src/modules/privacy).
import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../db/schema.ts';

export type AccessPurpose = 'application' | 'counter' | 'export' | 'subject_request' | 'breach';
export type AccessChannel = 'page' | 'api' | 'download' | 'export';

export interface PersonalDataAccessTable {
  id: Generated<string>;
  subject_user_id: string;
  actor_id: string | null;
  actor_roles: Generated<string>;
  agency_id: string | null;
  application_id: string | null;
  reference: string | null;
  purpose: AccessPurpose;
  kinds: string;
  channel: AccessChannel;
  request_id: string | null;
  accessed_at: Generated<Date>;
}

export type SubjectRequestKind = 'correction' | 'erasure' | 'restriction';
export type SubjectRequestStatus = 'open' | 'done' | 'refused';

export type CorrectionField = 'name' | 'address' | 'phone' | 'email' | 'nik' | 'business' | 'application' | 'other';
export type RequestOutcome = 'applied' | 'self_service' | 'referred' | 'restricted' | 'erased' | 'recorded';

export interface DataSubjectRequestsTable {
  id: Generated<string>;
  user_id: string;
  kind: SubjectRequestKind;
  details: string;
  status: Generated<SubjectRequestStatus>;
  received_at: Generated<Date>;
  due_at: Date;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  /** Correction requests (migration 0075): the field said to be wrong and the right value (blanked once answered). */
  field: CorrectionField | null;
  corrected_value: string | null;
  outcome: RequestOutcome | null;
  nearing_reminded_at: Date | null;
  overdue_reminded_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProcessingActivitiesTable {
  id: Generated<string>;
  key: string;
  name_id: string;
  name_en: string;
  purpose_id: string;
  purpose_en: string;
  legal_basis: string;
  legal_basis_ref: string;
  data_categories: string;
  data_subjects: string;
  recipients_id: string;
  recipients_en: string;
  retention_id: string;
  retention_en: string;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RetentionSchedulesTable {
  record_type: string;
  keep_days: number;
  activity_key: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface BreachIncidentsTable {
  id: Generated<string>;
  title: string;
  description: string;
  occurred_at: Date | null;
  discovered_at: Date;
  notify_due_at: Date;
  data_categories: Generated<string>;
  affected_estimate: number | null;
  measures: Generated<string>;
  status: Generated<'open' | 'notified' | 'closed'>;
  subjects_notified_at: Date | null;
  authority_notified_at: Date | null;
  recorded_by: string | null;
  nearing_reminded_at: Date | null;
  overdue_reminded_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BreachAffectedTable {
  incident_id: string;
  user_id: string;
  notified_at: Date | null;
}

/** Restriction of processing (UU PDP Pasal 11, migration 0075): active while lifted_at is null. */
export interface ProcessingRestrictionsTable {
  id: Generated<string>;
  user_id: string;
  request_id: string | null;
  restricted_at: Generated<Date>;
  restricted_by: string | null;
  lifted_at: Date | null;
  lifted_by: string | null;
}

export interface PrivacyTables {
  processing_restrictions: ProcessingRestrictionsTable;
  personal_data_access: PersonalDataAccessTable;
  data_subject_requests: DataSubjectRequestsTable;
  processing_activities: ProcessingActivitiesTable;
  retention_schedules: RetentionSchedulesTable;
  breach_incidents: BreachIncidentsTable;
  breach_affected: BreachAffectedTable;
}
