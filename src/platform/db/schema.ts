// Kysely table types. Keep in step with migrations/*.sql.
// Modules own their tables: each module's `<module>.tables.ts` declares its interfaces and
// `src/app.schema.ts` (outside platform) merges them into `DB` by declaration merging, so the
// platform never imports a module. The tables still declared in this file predate that.
import type { ColumnType, Generated } from 'kysely';
import type { PrivacyTables } from '../privacy/privacy.tables.ts';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Json<T = unknown> = ColumnType<T, string, string>;

export interface RegionsTable {
  id: Generated<string>;
  name: string;
  level: 'province' | 'regency' | 'city';
  kode_wilayah: string;
  timezone: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
  domain: string;
  /** Header colour `#rrggbb` (migration 0038). */
  primary_colour: Generated<string | null>;
  /** Coat of arms/logo in file storage, and its type (image/png or image/jpeg). */
  logo_key: Generated<string | null>;
  logo_type: Generated<string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AgenciesTable {
  id: Generated<string>;
  region_id: string;
  slug: string;
  name: string;
  short_name: string;
  type: string;
  head_name: string | null;
  head_title: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  subdomain: string | null;
  /** The agency's own website, if any (migration 0003). */
  website: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type UserKind = 'citizen' | 'business' | 'staff';
export type Locale = 'id' | 'en';

export interface UsersTable {
  id: Generated<string>;
  kind: UserKind;
  name: string;
  /** Sealed at rest like `phone` (migration 0072); look up by `email_bidx` (lowercased), never by this column. */
  email: string | null;
  email_verified_at: Date | null;
  /** Sealed at rest (`enc1:<key id>:…`, migration 0055; platform/privacy/field-crypto.ts); open with fieldCrypto().open. */
  phone: string | null;
  /** Sealed at rest like `phone`; look up by `nik_bidx`, never by this column. */
  nik: string | null;
  /** Blind indexes (HMAC-SHA256 of the normalised value, migration 0055): exact lookups and uniqueness. */
  nik_bidx: Generated<string | null>;
  phone_bidx: Generated<string | null>;
  email_bidx: Generated<string | null>;
  password_hash: string | null;
  locale: Generated<Locale>;
  status: Generated<'pending' | 'active' | 'disabled'>;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  /** Last accepted TOTP time step (migration 0002): codes are never accepted twice. */
  totp_last_step: number | null;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  password_changed_at: Date | null;
  /** The citizen's own address as he typed it on /akun/ubah (migration 0031): the street line, or an older free-text address. Sealed at rest (migration 0072). */
  address: Generated<string | null>;
  /** The deepest official area code of the address, e.g. `53.71.04.1009` (migration 0038). Clear: statistics group by it. */
  address_area: Generated<string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BusinessesTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  nib: string;
  npwp: string;
  legal_form: string;
  address: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BusinessRepresentativesTable {
  id: Generated<string>;
  business_id: string;
  user_id: string;
  position: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  revoked_at: Date | null;
}

export const staffRoles = [
  'super_admin',
  'agency_admin',
  'operator',
  'verifier',
  'signing_official',
  'counter_officer',
  'executive',
  'auditor',
  'finance_officer',
  'ict_officer',
  'ict_coordinator',
  'data_protection_officer',
  'complaint_coordinator',
  'wbs_investigator',
] as const;
export type StaffRole = (typeof staffRoles)[number];
export type Role = StaffRole | 'citizen' | 'business';

export interface RoleGrantsTable {
  id: Generated<string>;
  user_id: string;
  role: StaffRole;
  agency_id: string | null;
  granted_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  mfa_passed: Generated<boolean>;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface VerificationCodesTable {
  id: Generated<string>;
  /** Null only for 'contact_confirm': a guest's phone or e-mail (migration 0041). */
  user_id: string | null;
  purpose: 'email_confirm' | 'password_reset' | 'invitation' | 'email_change' | 'phone_change' | 'contact_confirm';
  /** The e-mail address or phone number a change code confirms (migration 0031). */
  new_value: Generated<string | null>;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Date;
  used_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RateBucketsTable {
  key: string;
  count: number;
  reset_at: Date;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: CreatedAt;
  actor_id: string | null;
  actor_label: string;
  ip: string | null;
  request_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  agency_id: string | null;
  before: Json | null;
  after: Json | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Unreferenced stored files seen by the sweep (migration 0036, platform/storage/orphans.ts). */
export interface StorageOrphanCandidatesTable {
  storage_key: string;
  first_seen: Date;
}

/** The audit chain (migration 0035, platform/audit/seal.ts): append-only. */
export interface AuditSealsTable {
  seq: number;
  event_id: number;
  event_digest: string;
  chain_hash: string;
  sealed_at: Date;
}
export interface AuditCheckpointsTable {
  id: Generated<number>;
  seq: number;
  chain_hash: string;
  signed_at: Date;
  key_id: string;
  signature: string;
  created_at: CreatedAt;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'dead';
/** Domain events recorded in the transaction of their change (migration 0026, platform/events). */
export interface DomainEventsTable {
  id: Generated<number>;
  name: string;
  payload: Json<unknown>;
  occurred_at: Generated<Date>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

/** Which durable subscriber has handled which event (once each). */
export interface EventDeliveriesTable {
  event_id: number;
  subscriber: string;
  delivered_at: Generated<Date>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: Timestamp;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  dedupe_key: string | null;
  finished_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface OutboundMessagesTable {
  id: Generated<string>;
  channel: 'email' | 'sms' | 'whatsapp';
  recipient: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  status: Generated<'queued' | 'sent' | 'delivered' | 'failed'>;
  transport: string | null;
  provider_id: string | null;
  error: string | null;
  sent_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  // Delivery states and origin (migration 0010, notifications)
  attempts: Generated<number>;
  delivered_at: Date | null;
  user_id: Generated<string | null>;
  event: Generated<string | null>;
  application_id: Generated<string | null>;
  dedupe_key: Generated<string | null>;
}

export interface ServicesTable {
  id: Generated<string>;
  agency_id: string;
  slug: string;
  status: Generated<'draft' | 'published' | 'archived'>;
  draft_content: Json<Record<string, unknown>>;
  draft_form: Json<Record<string, unknown>>;
  current_version: number | null;
  popularity: Generated<number>;
  /** The current published version's name, summary, sectors and channels (migration 0054). */
  list_name: Generated<string | null>;
  list_summary: Generated<string>;
  list_sectors: ColumnType<string[] | string, string | undefined, string>;
  list_channels: ColumnType<string[] | string, string | undefined, string>;
  created_by: string | null;
  updated_by: string | null;
  published_at: Date | null;
  archived_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ServiceVersionsTable {
  id: Generated<string>;
  service_id: string;
  version: number;
  content: Json<Record<string, unknown>>;
  form: Json<Record<string, unknown>>;
  published_by: string | null;
  published_at: CreatedAt;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SearchDocumentsTable {
  id: Generated<string>;
  kind: 'service' | 'agency' | 'page' | 'legal';
  ref_id: string;
  agency_id: string | null;
  title: string;
  summary: string;
  url: string;
  tsv: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type ContentKind = 'page' | 'guide' | 'announcement' | 'faq';
export type ContentStatus = 'draft' | 'published' | 'archived';
export interface ContentItemsTable {
  id: Generated<string>;
  kind: ContentKind;
  slug: string;
  title: string;
  summary: Generated<string>;
  body: Generated<string>;
  agency_id: string | null;
  service_slug: string | null;
  status: Generated<ContentStatus>;
  created_by: string | null;
  updated_by: string | null;
  published_at: Date | null;
  archived_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export const legalTypes = [
  'undang-undang',
  'peraturan-pemerintah',
  'peraturan-presiden',
  'peraturan-menteri',
  'peraturan-daerah',
  'peraturan-gubernur',
  'keputusan-gubernur',
  'surat-edaran',
  'lainnya',
] as const;
export type LegalType = (typeof legalTypes)[number];
export const legalStatuses = ['berlaku', 'dicabut', 'diubah'] as const;
export type LegalStatus = (typeof legalStatuses)[number];
export interface LegalDocumentsTable {
  id: Generated<string>;
  type: LegalType;
  number: string;
  year: number;
  title: string;
  status: Generated<LegalStatus>;
  summary: Generated<string>;
  agency_id: string | null;
  file_key: string | null;
  file_sha256: string | null;
  file_size: number | null;
  file_name: string | null;
  created_by: string | null;
  updated_by: string | null;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Holiday calendar (migration 0006): days that are not working days (STANDARDS §8). */
export interface HolidaysTable {
  id: Generated<string>;
  /** 'YYYY-MM-DD' (date columns are read as strings on both engines). */
  date: string;
  kind: 'libur_nasional' | 'cuti_bersama' | 'libur_daerah';
  name: string;
  /** Not yet confirmed by an SKB (estimated dates of a future year). */
  provisional: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** SOP definitions (migration 0007, P-6): versioned per service. */
export interface SopsTable {
  id: Generated<string>;
  service_id: string;
  version: number;
  status: Generated<'draft' | 'awaiting_approval' | 'approved' | 'retired'>;
  definition: Json;
  /** Months between approval and the next review (1–12). */
  review_months: Generated<number>;
  created_by: string | null;
  submitted_by: string | null;
  submitted_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  /** 'YYYY-MM-DD' */
  next_review_at: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Applications (migration 0008, P-3/P-4/P-1). */
export type ApplicationStatus = 'draft' | 'submitted' | 'withdrawn' | 'in_process' | 'sent_back' | 'awaiting_payment' | 'approved' | 'rejected';
export interface ApplicationsTable {
  id: Generated<string>;
  tracking_number: string | null;
  service_id: string;
  service_version: number;
  agency_id: string;
  applicant_id: string;
  channel: Generated<'online' | 'counter'>;
  filed_by: string | null;
  status: Generated<ApplicationStatus>;
  form_data: Json;
  idempotency_key: string | null;
  submitted_at: Date | null;
  withdrawn_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  // SOP execution (migration 0009)
  sop_id: string | null;
  step_seq: Generated<number>;
  current_step: string | null;
  step_role: string | null;
  assignee_id: string | null;
  step_started_at: Date | null;
  step_nearing_at: Date | null;
  step_due_at: Date | null;
  due_at: Date | null;
  decided_at: Date | null;
  decision_note: string | null;
  correction: ColumnType<unknown, string | null | undefined, string | null>;
  /** Migration 0026: when the SLA clock stopped (sent back, held for payment); null while it runs. */
  sla_stopped_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Migration 0026: the status a payment hold returns to. */
  sla_resume_status: ColumnType<'submitted' | 'in_process' | null, 'submitted' | 'in_process' | null | undefined, 'submitted' | 'in_process' | null>;
}

/** One visit of an SOP step by an application (migration 0009): deadlines and SLA figures. */
export interface ApplicationStepsTable {
  id: Generated<string>;
  application_id: string;
  seq: number;
  step_key: string;
  step_name: string;
  role: string;
  agency_id: string;
  assignee_id: string | null;
  claimed_at: Date | null;
  started_at: Date;
  due_at: Date;
  allowed_ms: number;
  used_ms: number | null;
  met: boolean | null;
  finished_at: Date | null;
  outcome: 'forward' | 'send_back' | 'reject' | 'approve' | 'withdrawn' | null;
  branch_label: string | null;
  note: string | null;
  finished_by: string | null;
  escalated_at: Date | null;
}

export interface ApplicationNotesTable {
  id: Generated<string>;
  application_id: string;
  author_id: string;
  body: string;
  created_at: CreatedAt;
}

export interface ApplicationAttachmentsTable {
  id: Generated<string>;
  application_id: string;
  requirement_key: string | null;
  field_key: string;
  storage_key: string;
  original_name: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ApplicationEventsTable {
  id: Generated<string>;
  application_id: string;
  kind: string;
  actor_id: string | null;
  note: Generated<string>;
  at: Generated<Date>;
}

export interface TrackingCountersTable {
  agency_id: string;
  year: number;
  last: Generated<number>;
}

/** One TOTP recovery code of identity (migration 0039): only its keyed hash; `used_at` once spent. */
export interface TotpRecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  created_at: CreatedAt;
  used_at: Date | null;
}

/** One row (migration 0053): raised with every change anonymous public pages show. */
export interface PublicContentVersionTable {
  id: number;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** The database type. Module tables are added to it by `src/app.schema.ts`. */
export interface DB extends PrivacyTables {
  services: ServicesTable;
  service_versions: ServiceVersionsTable;
  search_documents: SearchDocumentsTable;
  public_content_version: PublicContentVersionTable;
  content_items: ContentItemsTable;
  legal_documents: LegalDocumentsTable;
  regions: RegionsTable;
  agencies: AgenciesTable;
  users: UsersTable;
  businesses: BusinessesTable;
  business_representatives: BusinessRepresentativesTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  verification_codes: VerificationCodesTable;
  totp_recovery_codes: TotpRecoveryCodesTable;
  rate_buckets: RateBucketsTable;
  audit_events: AuditEventsTable;
  audit_seals: AuditSealsTable;
  storage_orphan_candidates: StorageOrphanCandidatesTable;
  audit_checkpoints: AuditCheckpointsTable;
  jobs: JobsTable;
  domain_events: DomainEventsTable;
  event_deliveries: EventDeliveriesTable;
  outbound_messages: OutboundMessagesTable;
  holidays: HolidaysTable;
  sops: SopsTable;
  applications: ApplicationsTable;
  application_attachments: ApplicationAttachmentsTable;
  application_events: ApplicationEventsTable;
  application_steps: ApplicationStepsTable;
  application_notes: ApplicationNotesTable;
  tracking_counters: TrackingCountersTable;
  // --- notifications (migration 0010) ---
  message_templates: MessageTemplatesTable;
  notifications: NotificationsTable;
  inbound_messages: InboundMessagesTable;
  // --- end notifications ---
  // --- documents (migration 0011) ---
  signing_keys: SigningKeysTable;
  document_counters: DocumentCountersTable;
  issued_documents: IssuedDocumentsTable;
  // --- end documents ---
}

// --- notifications (migration 0010) ---
export type NotificationEventName = 'submitted' | 'claimed' | 'sent_back' | 'resubmitted' | 'approved' | 'rejected' | 'overdue'
  // Issued documents (P-8): expiry reminders and the expiry notice.
  | 'document_expiring' | 'document_expired'
  // Payments (P-7): a bill issued, a payment received.
  | 'billed' | 'payment_received';
export type TemplateChannel = 'email' | 'sms' | 'whatsapp' | 'in_app';

/** Message templates, versioned per (event, channel, locale); one current version per key. */
export interface MessageTemplatesTable {
  id: Generated<string>;
  event: NotificationEventName;
  channel: TemplateChannel;
  locale: Locale;
  version: number;
  subject: Generated<string>;
  body: string;
  current: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
}

/** In-app notifications (/notifikasi). */
export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  application_id: string | null;
  event: string;
  title: string;
  body: string;
  link: string | null;
  dedupe_key: string | null;
  read_at: Date | null;
  created_at: CreatedAt;
}

/** Inbound SMS received through the provider webhook. */
export interface InboundMessagesTable {
  id: Generated<string>;
  channel: Generated<'sms' | 'whatsapp'>;
  from_number: string;
  text: string;
  command: string | null;
  reply_message_id: string | null;
  received_at: CreatedAt;
}
// --- end notifications ---

// --- documents (migration 0011) ---
/** Public keys of the region's document signing keys (Ed25519); kept after rotation. */
export interface SigningKeysTable {
  id: string;
  algorithm: Generated<string>;
  public_key_pem: string;
  created_at: CreatedAt;
  retired_at: Date | null;
}

/** Official document numbering, one row per agency and year. */
export interface DocumentCountersTable {
  agency_id: string;
  year: number;
  last: Generated<number>;
}

/** Signed result documents (permits) of approved applications (P-12). */
export interface IssuedDocumentsTable {
  id: Generated<string>;
  /** Null for a permit issued nationally (source oss / sicantik, external_id its permit id). */
  application_id: string | null;
  source: Generated<'simpul' | 'oss' | 'sicantik'>;
  external_id: string | null;
  agency_id: string;
  holder_id: string;
  number: string;
  title: string;
  holder_name: string;
  holder_nik_masked: string | null;
  permitted: Generated<string>;
  issued_at: Date;
  /** `YYYY-MM-DD` (last day of validity, region's calendar); null: no expiry. */
  valid_until: string | null;
  issued_by: string | null;
  issued_by_name: string;
  issued_by_position: string;
  status: Generated<'valid' | 'expired' | 'revoked'>;
  /** When the reminders job marked it expired (P-8, migration 0015). */
  expired_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoked_by_name: string | null;
  revoke_reason: string | null;
  verification_code: string;
  sha256: string;
  signature: string;
  key_id: string;
  storage_key: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}
// --- end documents ---
