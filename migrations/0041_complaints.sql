-- Public complaints on the SP4N-LAPOR! lifecycle (C-1), Open311 clients, whistleblowing (C-2)
-- and the satisfaction survey IKM (C-4). Owned by src/modules/complaints.

-- Two staff roles: the region's complaint coordinator (admin pengaduan: verifies and routes)
-- and the investigating unit of the whistleblowing system (typically the Inspektorat).
ALTER TABLE role_grants DROP CONSTRAINT IF EXISTS role_grants_role_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check
  CHECK (role IN ('super_admin', 'agency_admin', 'operator', 'verifier', 'signing_official',
                  'counter_officer', 'executive', 'auditor', 'finance_officer', 'ict_officer',
                  'ict_coordinator', 'complaint_coordinator', 'wbs_investigator'));

-- A guest's phone or e-mail confirmed by a one-time code (identity's code mechanism): such a
-- code belongs to no account; the contact it confirms is in new_value.
ALTER TABLE verification_codes ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE verification_codes DROP CONSTRAINT verification_codes_purpose_check;
ALTER TABLE verification_codes ADD CONSTRAINT verification_codes_purpose_check
  CHECK (purpose IN ('email_confirm', 'password_reset', 'invitation', 'email_change', 'phone_change', 'contact_confirm'));
ALTER TABLE verification_codes ADD CONSTRAINT verification_codes_owner_check
  CHECK (user_id IS NOT NULL OR (purpose = 'contact_confirm' AND new_value IS NOT NULL));

CREATE SEQUENCE complaint_number_seq;

CREATE TABLE complaints (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Public reference (ADU-2026-000123), set when the complaint is received.
  number             text UNIQUE,
  -- SHA-256 of the reporter's secret tracking code (shown once, sent by message).
  tracking_hash      text UNIQUE,
  kind               text NOT NULL CHECK (kind IN ('aspirasi', 'pengaduan', 'permintaan_informasi')),
  category           text NOT NULL,
  subject_type       text NOT NULL CHECK (subject_type IN ('service', 'application', 'agency', 'place')),
  service_id         uuid REFERENCES services(id),
  service_name       text,
  application_number text,
  -- The agency the complaint is about (from the service/application, or chosen).
  about_agency_id    uuid REFERENCES agencies(id),
  address            text,
  latitude           numeric(9, 6) CHECK (latitude BETWEEN -90 AND 90),
  longitude          numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
  title              text NOT NULL,
  body               text NOT NULL,
  status             text NOT NULL CHECK (status IN ('menunggu_konfirmasi', 'diterima', 'ditunda', 'bukan_wewenang',
                                                      'diarsipkan', 'didisposisi', 'ditindaklanjuti', 'selesai')),
  reporter_id        uuid REFERENCES users(id),
  reporter_name      text,
  reporter_email     text,
  reporter_phone     text,
  reporter_locale    text NOT NULL DEFAULT 'id',
  show_identity      boolean NOT NULL DEFAULT false,
  allow_publish      boolean NOT NULL DEFAULT false,
  channel            text NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'open311', 'sms', 'api')),
  open311_client_id  uuid,
  -- The guest's pending confirmation (verification_codes row) while status = menunggu_konfirmasi.
  contact_code_ref   uuid,
  routed_agency_id   uuid REFERENCES agencies(id),
  hold_reason        text,
  submitted_at       timestamptz,
  verify_due_at      timestamptz,
  verified_at        timestamptz,
  response_due_at    timestamptz,
  first_response_at  timestamptz,
  verify_overdue_at  timestamptz,
  response_overdue_at timestamptz,
  resolved_at        timestamptz,
  reopen_until       timestamptz,
  reopened_count     integer NOT NULL DEFAULT 0,
  rating             smallint CHECK (rating BETWEEN 1 AND 5),
  rating_comment     text,
  rated_at           timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaints_agency_idx ON complaints (routed_agency_id, status);
CREATE INDEX complaints_status_idx ON complaints (status, submitted_at);
CREATE INDEX complaints_reporter_idx ON complaints (reporter_id) WHERE reporter_id IS NOT NULL;

-- The timeline: every transition, response and flag. visible: shown to the reporter.
CREATE TABLE complaint_events (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id  uuid NOT NULL REFERENCES complaints(id),
  kind          text NOT NULL,
  status        text,
  agency_id     uuid REFERENCES agencies(id),
  actor_id      uuid REFERENCES users(id),
  note          text,
  visible       boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaint_events_complaint_idx ON complaint_events (complaint_id, created_at);

CREATE TABLE complaint_attachments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id  uuid NOT NULL REFERENCES complaints(id),
  storage_key   text NOT NULL UNIQUE,
  filename      text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL,
  sha256        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaint_attachments_complaint_idx ON complaint_attachments (complaint_id);

-- Open311 clients: one api_key each, issued by an administrator (only its hash is kept).
CREATE TABLE open311_clients (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  key_hash      text NOT NULL UNIQUE,
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz
);

-- Whistleblowing: no account; the follow-up code is stored only as a hash.
CREATE TABLE wbs_reports (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number        text NOT NULL UNIQUE,
  code_hash     text NOT NULL UNIQUE,
  title         text NOT NULL,
  body          text NOT NULL,
  status        text NOT NULL DEFAULT 'diterima' CHECK (status IN ('diterima', 'diperiksa', 'selesai', 'ditolak')),
  reporter_name text,
  reporter_contact text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE wbs_number_seq;

CREATE TABLE wbs_messages (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id     uuid NOT NULL REFERENCES wbs_reports(id),
  sender        text NOT NULL CHECK (sender IN ('reporter', 'investigator')),
  author_id     uuid REFERENCES users(id),
  body          text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wbs_messages_report_idx ON wbs_messages (report_id, created_at);

-- IKM (Permenpan RB 14/2017): the elements and their weights are data (sum 1).
CREATE TABLE ikm_elements (
  code     smallint PRIMARY KEY CHECK (code BETWEEN 1 AND 20),
  weight   numeric(8, 6) NOT NULL CHECK (weight > 0 AND weight <= 1),
  active   boolean NOT NULL DEFAULT true
);
INSERT INTO ikm_elements (code, weight) VALUES
  (1, 0.111111), (2, 0.111111), (3, 0.111111), (4, 0.111111), (5, 0.111111),
  (6, 0.111111), (7, 0.111111), (8, 0.111111), (9, 0.111112);

-- One response per application or complaint; scores keyed by element code.
CREATE TABLE ikm_responses (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_type  text NOT NULL CHECK (subject_type IN ('application', 'complaint')),
  subject_id    uuid NOT NULL,
  service_id    uuid REFERENCES services(id),
  agency_id     uuid REFERENCES agencies(id),
  scores        jsonb NOT NULL,
  comment       text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subject_type, subject_id)
);
CREATE INDEX ikm_responses_agency_idx ON ikm_responses (agency_id, created_at);
