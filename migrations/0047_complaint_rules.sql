-- Complaints lifecycle, remaining parts (C-1): resolution deadlines per category and tier as
-- data, routing rules as data, escalation of overdue complaints to the agency head, duplicates,
-- survey invitations (once per complaint or application) and forwarding to SP4N-LAPOR!.
-- Owned by src/modules/complaints.

-- Resolution tiers (working days on the region's calendar); STANDARDS §3: 2 / 5 / 14 / 60.
CREATE TABLE complaint_tiers (
  code          text PRIMARY KEY,
  working_days  integer NOT NULL CHECK (working_days BETWEEN 1 AND 365),
  position      integer NOT NULL DEFAULT 0
);
INSERT INTO complaint_tiers (code, working_days, position) VALUES
  ('segera', 2, 1), ('cepat', 5, 2), ('biasa', 14, 3), ('kompleks', 60, 4);

-- The tier of each category (editable later; an unknown category takes 'biasa').
CREATE TABLE complaint_category_tiers (
  category  text PRIMARY KEY,
  tier      text NOT NULL REFERENCES complaint_tiers(code)
);
INSERT INTO complaint_category_tiers (category, tier) VALUES
  ('kesehatan', 'segera'), ('kependudukan', 'cepat'), ('pelayanan', 'cepat'), ('ketertiban', 'cepat'),
  ('perizinan', 'biasa'), ('lingkungan', 'biasa'), ('pendidikan', 'biasa'), ('lainnya', 'biasa'),
  ('infrastruktur', 'kompleks');

-- Routing rules: a service or a category goes to an agency. A service rule wins over a
-- category rule; without a rule the agency the complaint is about is suggested.
CREATE TABLE complaint_routing_rules (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id  uuid REFERENCES services(id),
  category    text,
  agency_id   uuid NOT NULL REFERENCES agencies(id),
  created_by  uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((service_id IS NULL) <> (category IS NULL))
);
CREATE UNIQUE INDEX complaint_routing_rules_service_key ON complaint_routing_rules (service_id) WHERE service_id IS NOT NULL;
CREATE UNIQUE INDEX complaint_routing_rules_category_key ON complaint_routing_rules (category) WHERE category IS NOT NULL;

ALTER TABLE complaints ADD COLUMN tier text REFERENCES complaint_tiers(code);
ALTER TABLE complaints ADD COLUMN resolve_due_at timestamptz;
-- Set once when the resolution deadline passed and the agency head was told.
ALTER TABLE complaints ADD COLUMN escalated_at timestamptz;
-- Staff marked this complaint a duplicate of another: its reporter follows the original.
ALTER TABLE complaints ADD COLUMN duplicate_of uuid REFERENCES complaints(id);
CREATE INDEX complaints_resolve_due_idx ON complaints (resolve_due_at) WHERE escalated_at IS NULL AND resolve_due_at IS NOT NULL;

-- Survey invitations (IKM): one per complaint or application, whatever the trigger repeats.
CREATE TABLE ikm_invitations (
  subject_type  text NOT NULL CHECK (subject_type IN ('application', 'complaint')),
  subject_id    uuid NOT NULL,
  sent_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subject_type, subject_id)
);

-- SP4N-LAPOR!: one forwarding per complaint; the job retries until the remote accepts.
CREATE TABLE complaint_lapor_links (
  complaint_id   uuid PRIMARY KEY REFERENCES complaints(id),
  state          text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent')),
  remote_id      text UNIQUE,
  remote_status  text,
  attempts       integer NOT NULL DEFAULT 0,
  last_error     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  forwarded_at   timestamptz,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
