-- Open311 GeoReport v2 completeness (C-1) and whistleblowing attachments (C-2).

-- What an Open311 client sent with a request beyond the complaint itself: the token it may poll
-- (tokens/<token>), its attribute[CODE] answers, media_url and address_id.
ALTER TABLE open311_clients ADD COLUMN respond_with_token boolean NOT NULL DEFAULT false;

CREATE TABLE open311_requests (
  complaint_id  uuid PRIMARY KEY REFERENCES complaints(id),
  client_id     uuid NOT NULL REFERENCES open311_clients(id),
  token         text NOT NULL UNIQUE,
  attributes    text NOT NULL DEFAULT '{}',
  media_url     text,
  address_id    text,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Updates posted by a client (servicerequestupdates, FixMyStreet's extension). The client's own
-- update id makes a repeated POST answer the same update_id instead of adding a second one.
CREATE TABLE open311_updates (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id  uuid NOT NULL REFERENCES complaints(id),
  client_id     uuid NOT NULL REFERENCES open311_clients(id),
  external_id   text NOT NULL,
  status        text NOT NULL,
  description   text NOT NULL,
  media_url     text,
  client_time   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (client_id, external_id)
);
CREATE INDEX open311_updates_complaint_idx ON open311_updates (complaint_id, created_at);

-- Files on a whistleblowing report or on one of its messages, stored with their metadata
-- stripped (EXIF/XMP of images, the author fields of PDFs).
CREATE TABLE wbs_attachments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id     uuid NOT NULL REFERENCES wbs_reports(id),
  message_id    uuid REFERENCES wbs_messages(id),
  storage_key   text NOT NULL UNIQUE,
  filename      text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL,
  sha256        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wbs_attachments_report_idx ON wbs_attachments (report_id, created_at);
