-- Applications (P-3, P-4, P-1): a person's request for a published service, filed online or
-- at the counter, on the form version it started on. Attachments live in storage (metadata
-- here), the timeline in application_events. Tracking numbers come from tracking_counters,
-- one row per agency and year, allocated with UPDATE … RETURNING inside the submit
-- transaction so concurrent submissions never share a number.
CREATE TABLE applications (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tracking_number  text UNIQUE,
  service_id       uuid NOT NULL REFERENCES services(id),
  service_version  integer NOT NULL,
  agency_id        uuid NOT NULL REFERENCES agencies(id),
  applicant_id     uuid NOT NULL REFERENCES users(id),
  channel          text NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'counter')),
  filed_by         uuid REFERENCES users(id),
  status           text NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft', 'submitted', 'withdrawn', 'in_process', 'sent_back', 'approved', 'rejected')),
  form_data        jsonb NOT NULL DEFAULT '{}'::jsonb,
  idempotency_key  text UNIQUE,
  submitted_at     timestamptz,
  withdrawn_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'draft' OR tracking_number IS NOT NULL)
);
CREATE INDEX applications_applicant_idx ON applications (applicant_id, created_at DESC);
CREATE INDEX applications_agency_idx ON applications (agency_id, status, submitted_at);
CREATE INDEX applications_service_idx ON applications (service_id);

CREATE TABLE application_attachments (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id   uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  requirement_key  text,
  field_key        text NOT NULL,
  storage_key      text NOT NULL,
  original_name    text NOT NULL,
  content_type     text NOT NULL,
  size             integer NOT NULL CHECK (size >= 0),
  sha256           text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (application_id, field_key)
);

CREATE TABLE application_events (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id   uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  kind             text NOT NULL,
  actor_id         uuid REFERENCES users(id),
  note             text NOT NULL DEFAULT '',
  at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_events_app_idx ON application_events (application_id, at);

CREATE TABLE tracking_counters (
  agency_id        uuid NOT NULL REFERENCES agencies(id),
  year             integer NOT NULL,
  last             integer NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, year)
);
