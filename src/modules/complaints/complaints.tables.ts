// Kysely types of the complaints module's tables (migration 0041). The module adds them to its
// own handle with `withTables` (complaints.db.ts), so the platform schema does not import a module.
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../platform/db/schema.ts';

export const complaintKinds = ['aspirasi', 'pengaduan', 'permintaan_informasi'] as const;
export type ComplaintKind = (typeof complaintKinds)[number];
export const subjectTypes = ['service', 'application', 'agency', 'place'] as const;
export type SubjectType = (typeof subjectTypes)[number];
export const complaintStatuses = ['menunggu_konfirmasi', 'diterima', 'ditunda', 'bukan_wewenang', 'diarsipkan', 'didisposisi', 'ditindaklanjuti', 'selesai'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

type Numeric = ColumnType<string, string | number, string | number>;

export interface ComplaintsTable {
  id: Generated<string>;
  number: string | null;
  tracking_hash: string | null;
  kind: ComplaintKind;
  category: string;
  subject_type: SubjectType;
  service_id: string | null;
  service_name: string | null;
  application_number: string | null;
  about_agency_id: string | null;
  address: string | null;
  latitude: Numeric | null;
  longitude: Numeric | null;
  title: string;
  body: string;
  status: ComplaintStatus;
  reporter_id: string | null;
  reporter_name: string | null;
  reporter_email: string | null;
  reporter_phone: string | null;
  /** Blind index of reporter_phone (migration 0066); name, e-mail and phone hold envelopes (complaints.sealing.ts). */
  reporter_phone_bidx: string | null;
  reporter_locale: Generated<string>;
  show_identity: Generated<boolean>;
  allow_publish: Generated<boolean>;
  channel: Generated<'web' | 'open311' | 'sms' | 'api'>;
  open311_client_id: string | null;
  contact_code_ref: string | null;
  routed_agency_id: string | null;
  hold_reason: string | null;
  submitted_at: Date | null;
  verify_due_at: Date | null;
  verified_at: Date | null;
  response_due_at: Date | null;
  first_response_at: Date | null;
  verify_overdue_at: Date | null;
  response_overdue_at: Date | null;
  resolved_at: Date | null;
  reopen_until: Date | null;
  reopened_count: Generated<number>;
  rating: number | null;
  rating_comment: string | null;
  rated_at: Date | null;
  tier: string | null;
  resolve_due_at: Date | null;
  escalated_at: Date | null;
  duplicate_of: string | null;
  public_title: string | null;
  public_body: string | null;
  public_address: string | null;
  published_at: Date | null;
  published_by: string | null;
  reporter_details_removed_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ComplaintEventsTable {
  id: Generated<string>;
  complaint_id: string;
  kind: string;
  status: string | null;
  agency_id: string | null;
  actor_id: string | null;
  note: string | null;
  visible: Generated<boolean>;
  created_at: Timestamp;
}

export interface ComplaintAttachmentsTable {
  id: Generated<string>;
  complaint_id: string;
  storage_key: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  created_at: CreatedAt;
}

export interface Open311ClientsTable {
  id: Generated<string>;
  name: string;
  key_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  revoked_at: Date | null;
}

export interface WbsReportsTable {
  id: Generated<string>;
  number: string;
  code_hash: string;
  title: string;
  body: string;
  status: Generated<'diterima' | 'diperiksa' | 'selesai' | 'ditolak'>;
  reporter_name: string | null;
  reporter_contact: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface WbsMessagesTable {
  id: Generated<string>;
  report_id: string;
  sender: 'reporter' | 'investigator';
  author_id: string | null;
  body: string;
  created_at: CreatedAt;
}

export interface IkmElementsTable {
  code: number;
  weight: Numeric;
  active: Generated<boolean>;
}

export interface IkmResponsesTable {
  id: Generated<string>;
  subject_type: 'application' | 'complaint';
  subject_id: string;
  service_id: string | null;
  agency_id: string | null;
  /** JSON text on write; { "1": 4, …, "9": 3 } on read. */
  scores: ColumnType<Record<string, number>, string, string>;
  comment: string | null;
  created_at: CreatedAt;
}

/** Migration 0047: resolution tiers, their categories and routing rules as data. */
export interface ComplaintTiersTable {
  code: string;
  working_days: number;
  position: Generated<number>;
}

export interface ComplaintCategoryTiersTable {
  category: string;
  tier: string;
}

export interface ComplaintRoutingRulesTable {
  id: Generated<string>;
  service_id: string | null;
  category: string | null;
  agency_id: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface IkmInvitationsTable {
  subject_type: 'application' | 'complaint';
  subject_id: string;
  sent_at: CreatedAt;
}

export interface ComplaintLaporLinksTable {
  complaint_id: string;
  state: Generated<'pending' | 'sent'>;
  remote_id: string | null;
  remote_status: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: CreatedAt;
  forwarded_at: Date | null;
  updated_at: Timestamp;
}

export type ComplaintTables = {
  complaint_tiers: ComplaintTiersTable;
  complaint_category_tiers: ComplaintCategoryTiersTable;
  complaint_routing_rules: ComplaintRoutingRulesTable;
  ikm_invitations: IkmInvitationsTable;
  complaint_lapor_links: ComplaintLaporLinksTable;
  complaints: ComplaintsTable;
  complaint_events: ComplaintEventsTable;
  complaint_attachments: ComplaintAttachmentsTable;
  open311_clients: Open311ClientsTable;
  wbs_reports: WbsReportsTable;
  wbs_messages: WbsMessagesTable;
  ikm_elements: IkmElementsTable;
  ikm_responses: IkmResponsesTable;
};
