-- Expiry reminders and renewal of issued documents (issue 5 item 6; P-8, with P-12).
--
-- A document is 'expired' once the job has seen the day after its last day of validity (the
-- region's calendar); revocation still wins over expiry (an expired document can be revoked,
-- a revoked one never becomes 'expired').
ALTER TABLE issued_documents DROP CONSTRAINT IF EXISTS issued_documents_status_check;
ALTER TABLE issued_documents DROP CONSTRAINT IF EXISTS issued_documents_check;
ALTER TABLE issued_documents ADD COLUMN expired_at timestamptz;
ALTER TABLE issued_documents ADD CONSTRAINT issued_documents_status_check CHECK (status IN ('valid', 'expired', 'revoked'));
ALTER TABLE issued_documents ADD CONSTRAINT issued_documents_revoked_check
  CHECK (status <> 'revoked' OR (revoked_at IS NOT NULL AND revoke_reason IS NOT NULL));
ALTER TABLE issued_documents ADD CONSTRAINT issued_documents_expired_check
  CHECK (status <> 'expired' OR (expired_at IS NOT NULL AND valid_until IS NOT NULL));
CREATE INDEX issued_documents_expiry_idx ON issued_documents (valid_until) WHERE status = 'valid' AND valid_until IS NOT NULL;

-- Each reminder (kind 'reminder', offset = days before the last day of validity) and the
-- expiry notice (kind 'expired', offset 0) is sent once per document: the job claims the row
-- with INSERT … ON CONFLICT DO NOTHING in the transaction that enqueues the notification, so
-- several nodes and restarts never send it twice.
CREATE TABLE document_reminders (
  document_id   uuid NOT NULL REFERENCES issued_documents(id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('reminder', 'expired')),
  offset_days   integer NOT NULL CHECK (offset_days >= 0),
  -- The region's date the reminder was due on and the instant it was sent.
  due_on        date NOT NULL,
  sent_at       timestamptz NOT NULL,
  PRIMARY KEY (document_id, kind, offset_days)
);

-- A renewal: a new application (a draft at first) pre-filled from the application of the
-- document it renews.
CREATE TABLE document_renewals (
  application_id  uuid PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
  document_id     uuid NOT NULL REFERENCES issued_documents(id),
  created_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_renewals_document_idx ON document_renewals (document_id);

-- Notification events are checked by the code (isNotificationEvent); the database keeps the
-- shape only, so modules that add events in parallel (documents, payments) never have to
-- rewrite one shared list (a list missing an event would make every notification job fail).
ALTER TABLE message_templates DROP CONSTRAINT IF EXISTS message_templates_event_check;
ALTER TABLE message_templates ADD CONSTRAINT message_templates_event_check CHECK (event ~ '^[a-z][a-z_]{0,39}$');
