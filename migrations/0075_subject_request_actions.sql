-- Carrying out data-subject requests (UU PDP Pasal 6, 7, 11) and the officer's deadline reminders.
--
-- A correction request names the field that is wrong and the value the person says is right;
-- the value is kept only until the request is answered (then blanked: the answer says what was
-- done). `outcome` records what the approval did: applied here, left to the person's own account
-- page (e-mail and phone need a code sent to the new address), or referred to the office that
-- holds the original record (NIK at Dukcapil, business data at OSS/DPMPTSP).
ALTER TABLE data_subject_requests
  ADD COLUMN field text CHECK (field IS NULL OR field IN ('name', 'address', 'phone', 'email', 'nik', 'business', 'application', 'other')),
  ADD COLUMN corrected_value text,
  ADD COLUMN outcome text CHECK (outcome IS NULL OR outcome IN ('applied', 'self_service', 'referred', 'restricted', 'erased', 'recorded')),
  ADD COLUMN nearing_reminded_at timestamptz,
  ADD COLUMN overdue_reminded_at timestamptz;

ALTER TABLE breach_incidents
  ADD COLUMN nearing_reminded_at timestamptz,
  ADD COLUMN overdue_reminded_at timestamptz;

-- Restriction of processing (UU PDP Pasal 11): while a row has no lifted_at, the person's data is
-- stored but not used for anything beyond what the law requires (no survey invitations, no
-- reminders, no names in drill-downs). One row per restriction; at most one active per person.
CREATE TABLE processing_restrictions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id),
  request_id  uuid REFERENCES data_subject_requests(id),
  restricted_at timestamptz NOT NULL DEFAULT now(),
  restricted_by uuid REFERENCES users(id),
  lifted_at   timestamptz,
  lifted_by   uuid REFERENCES users(id)
);
CREATE UNIQUE INDEX processing_restrictions_active_idx ON processing_restrictions (user_id) WHERE lifted_at IS NULL;
