-- Personal data protection (UU 27/2022, UU PDP; S-1, S-3): the access log of personal data,
-- data-subject requests, the register of processing activities, retention schedules, the
-- breach register, and the data protection officer role.

-- The data protection officer (pejabat pelindungan data pribadi, UU PDP Pasal 53): handles
-- data-subject requests and breaches, keeps the register; granted by a super admin only.
ALTER TABLE role_grants DROP CONSTRAINT IF EXISTS role_grants_role_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check
  CHECK (role IN ('super_admin', 'agency_admin', 'operator', 'verifier', 'signing_official',
                  'counter_officer', 'executive', 'auditor', 'finance_officer', 'ict_officer',
                  'ict_coordinator', 'complaint_coordinator', 'wbs_investigator',
                  'data_protection_officer'));

-- Every view or export of a person's personal data by staff (UU PDP Pasal 31). It holds
-- references and kinds of data only, never the values themselves. Append-only.
CREATE TABLE personal_data_access (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_user_id  uuid NOT NULL REFERENCES users(id),
  actor_id         uuid REFERENCES users(id),
  -- Role codes the actor held for this record's agency at the time, comma-separated.
  actor_roles      text NOT NULL DEFAULT '',
  agency_id        uuid REFERENCES agencies(id),
  application_id   uuid REFERENCES applications(id),
  -- The case it belongs to, as people know it (a tracking number).
  reference        text,
  purpose          text NOT NULL CHECK (purpose IN ('application', 'counter', 'export', 'subject_request', 'breach')),
  -- Kinds of data revealed, comma-separated: nik, name, address, phone, email, form, attachment, document.
  kinds            text NOT NULL,
  channel          text NOT NULL CHECK (channel IN ('page', 'api', 'download', 'export')),
  request_id       text,
  accessed_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX personal_data_access_subject_idx ON personal_data_access (subject_user_id, accessed_at DESC);
CREATE INDEX personal_data_access_time_idx ON personal_data_access (accessed_at);

CREATE FUNCTION personal_data_access_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'personal_data_access rows are never changed';
END;
$$;
CREATE TRIGGER personal_data_access_no_update BEFORE UPDATE ON personal_data_access
  FOR EACH ROW EXECUTE FUNCTION personal_data_access_no_update();

-- Requests of data subjects (UU PDP Pasal 6–9, 30, 32, 41): correction, erasure, restriction.
-- due_at: 3 working days on the region's working calendar from receipt.
CREATE TABLE data_subject_requests (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users(id),
  kind          text NOT NULL CHECK (kind IN ('correction', 'erasure', 'restriction')),
  details       text NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'refused')),
  received_at   timestamptz NOT NULL DEFAULT now(),
  due_at        timestamptz NOT NULL,
  answer        text,
  answered_by   uuid REFERENCES users(id),
  answered_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_subject_requests_user_idx ON data_subject_requests (user_id, received_at DESC);
CREATE INDEX data_subject_requests_open_idx ON data_subject_requests (due_at) WHERE status = 'open';

-- Register of processing activities (UU PDP Pasal 31), kept as data. Texts in both languages.
CREATE TABLE processing_activities (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key             text NOT NULL UNIQUE,
  name_id         text NOT NULL,
  name_en         text NOT NULL,
  purpose_id      text NOT NULL,
  purpose_en      text NOT NULL,
  legal_basis     text NOT NULL CHECK (legal_basis IN ('public_task', 'legal_obligation', 'contract', 'consent', 'vital_interest', 'legitimate_interest')),
  legal_basis_ref text NOT NULL,
  data_categories text NOT NULL,
  data_subjects   text NOT NULL,
  recipients_id   text NOT NULL,
  recipients_en   text NOT NULL,
  retention_id    text NOT NULL,
  retention_en    text NOT NULL,
  updated_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

INSERT INTO processing_activities (key, name_id, name_en, purpose_id, purpose_en, legal_basis, legal_basis_ref, data_categories, data_subjects, recipients_id, recipients_en, retention_id, retention_en) VALUES
('accounts', 'Akun warga dan pelaku usaha', 'Citizen and business accounts',
 'Mengenali pemohon layanan dan menghubunginya tentang permohonannya.', 'Identify applicants and contact them about their applications.',
 'public_task', 'UU 25/2009 Pasal 18; UU 27/2022 Pasal 20 ayat (2) huruf e', 'nik,name,email,phone,address', 'citizens,business_representatives',
 'Perangkat daerah yang menangani permohonan orang itu.', 'The agency handling that person''s application.',
 'Selama akun aktif; pendaftaran yang tidak dikonfirmasi dihapus setelah 7 hari.', 'While the account is active; unconfirmed registrations are deleted after 7 days.'),
('applications', 'Permohonan layanan dan lampirannya', 'Service applications and their attachments',
 'Memeriksa dan memutus permohonan sesuai Standar Pelayanan.', 'Examine and decide applications according to the service standard.',
 'public_task', 'UU 25/2009; UU 23/2014; Perda layanan terkait', 'nik,name,address,phone,form,attachment', 'citizens,business_representatives',
 'Petugas perangkat daerah pemilik layanan; auditor.', 'Officers of the agency that owns the service; auditors.',
 'Arsip sesuai Jadwal Retensi Arsip perangkat daerah; draf yang tidak diajukan dihapus setelah 90 hari.', 'Archived according to the agency''s records retention schedule; drafts never submitted are deleted after 90 days.'),
('issued_documents', 'Dokumen hasil layanan (izin, surat keterangan)', 'Issued documents (permits, certificates)',
 'Menerbitkan dan memverifikasi keaslian dokumen.', 'Issue documents and verify that they are genuine.',
 'legal_obligation', 'UU 30/2014; UU 43/2009 tentang Kearsipan', 'name,nik_masked,document', 'citizens,business_representatives',
 'Pemegang dokumen; siapa pun yang memeriksa keaslian (hanya data pada dokumen).', 'The holder; anyone checking authenticity (only what the document shows).',
 'Arsip permanen atau sesuai Jadwal Retensi Arsip.', 'Permanent archive or according to the records retention schedule.'),
('payments', 'Tagihan dan pembayaran retribusi', 'Retribution bills and payments',
 'Menagih, menerima dan merekonsiliasi retribusi daerah.', 'Bill, receive and reconcile regional retribution.',
 'legal_obligation', 'UU 1/2022 (HKPD); Perda retribusi', 'name,payment', 'citizens,business_representatives',
 'Bendahara penerimaan; BPKAD; bank persepsi; pemeriksa keuangan.', 'Revenue treasurers; BPKAD; collecting banks; financial auditors.',
 '10 tahun (dokumen keuangan).', '10 years (financial records).'),
('messages', 'Pemberitahuan e-mail, SMS dan WhatsApp', 'E-mail, SMS and WhatsApp notices',
 'Memberi tahu pemohon tentang permohonan, tagihan dan dokumennya.', 'Tell applicants about their applications, bills and documents.',
 'public_task', 'UU 25/2009 Pasal 15', 'email,phone', 'citizens,business_representatives,staff',
 'Penyedia gerbang SMS/WhatsApp dan server surat sebagai pemroses.', 'SMS/WhatsApp gateway and mail providers as processors.',
 '1 tahun.', '1 year.'),
('security_logs', 'Sesi masuk dan jejak audit', 'Sign-in sessions and audit trail',
 'Keamanan sistem dan akuntabilitas tindakan petugas.', 'System security and accountability of officers'' actions.',
 'legal_obligation', 'PP 71/2019 (PSTE); UU 27/2022 Pasal 35–39', 'ip,user_agent,references', 'citizens,business_representatives,staff',
 'Administrator sistem; auditor.', 'System administrators; auditors.',
 'Sesi: 90 hari setelah berakhir. Jejak audit: permanen (hanya rujukan).', 'Sessions: 90 days after they end. Audit trail: permanent (references only).'),
('access_log', 'Log akses data pribadi', 'Personal data access log',
 'Mencatat siapa melihat data pribadi siapa dan untuk perkara apa; ditunjukkan kepada subjek data.', 'Record who looked at whose personal data and for which case; shown to the data subject.',
 'legal_obligation', 'UU 27/2022 Pasal 31', 'references', 'citizens,business_representatives,staff',
 'Subjek data (tanpa nama petugas); pejabat pelindungan data pribadi.', 'The data subject (without officers'' names); the data protection officer.',
 '5 tahun.', '5 years.'),
('subject_requests', 'Permintaan subjek data dan insiden kebocoran', 'Data-subject requests and breach incidents',
 'Memenuhi hak subjek data dan kewajiban pemberitahuan kegagalan pelindungan data.', 'Fulfil data-subject rights and the duty to notify data protection failures.',
 'legal_obligation', 'UU 27/2022 Pasal 5–13, 30–46', 'name,request', 'citizens,business_representatives',
 'Pejabat pelindungan data pribadi; lembaga pengawas PDP.', 'The data protection officer; the data protection authority.',
 '5 tahun setelah selesai.', '5 years after closing.');

-- Retention schedules per record type; the purge job (retention.purge) enforces them and the
-- data protection officer sees a dry-run report first.
CREATE TABLE retention_schedules (
  record_type  text PRIMARY KEY,
  keep_days    integer NOT NULL CHECK (keep_days >= 1),
  activity_key text REFERENCES processing_activities(key),
  updated_by   uuid REFERENCES users(id),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO retention_schedules (record_type, keep_days, activity_key) VALUES
  ('unconfirmed_registration', 7, 'accounts'),
  ('draft_application', 90, 'applications'),
  ('ended_session', 90, 'security_logs'),
  ('spent_verification_code', 30, 'accounts'),
  ('read_notification', 365, 'messages'),
  ('personal_data_access', 1825, 'access_log');

-- Breach register (UU PDP Pasal 46): what happened, when discovered, whose data, measures;
-- notification within 3 × 24 hours of discovery.
CREATE TABLE breach_incidents (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title                  text NOT NULL,
  description            text NOT NULL,
  occurred_at            timestamptz,
  discovered_at          timestamptz NOT NULL,
  notify_due_at          timestamptz NOT NULL,
  data_categories        text NOT NULL DEFAULT '',
  affected_estimate      integer,
  measures               text NOT NULL DEFAULT '',
  status                 text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'notified', 'closed')),
  subjects_notified_at   timestamptz,
  authority_notified_at  timestamptz,
  recorded_by            uuid REFERENCES users(id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX breach_incidents_discovered_idx ON breach_incidents (discovered_at DESC);

-- Persons known to be affected (notified by message).
CREATE TABLE breach_affected (
  incident_id  uuid NOT NULL REFERENCES breach_incidents(id),
  user_id      uuid NOT NULL REFERENCES users(id),
  notified_at  timestamptz,
  PRIMARY KEY (incident_id, user_id)
);
CREATE INDEX breach_affected_user_idx ON breach_affected (user_id);
