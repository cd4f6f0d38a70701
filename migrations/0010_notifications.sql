-- Notifications (issue 4, items 7 and 8; P-3, P-9): versioned message templates, delivery
-- states of outgoing messages, the in-app notification list and inbound SMS.

-- Message templates, versioned per (event, channel, locale). Saving makes a new version;
-- exactly one version per key is current; old versions are kept. The defaults ship with the
-- code and are inserted as version 1 when a key has no row yet.
CREATE TABLE message_templates (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event       text NOT NULL CHECK (event IN ('submitted', 'claimed', 'sent_back', 'resubmitted', 'approved', 'rejected', 'overdue')),
  channel     text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp', 'in_app')),
  locale      text NOT NULL CHECK (locale IN ('id', 'en')),
  version     integer NOT NULL CHECK (version >= 1),
  subject     text NOT NULL DEFAULT '' CHECK (length(subject) <= 200),
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  current     boolean NOT NULL DEFAULT true,
  created_by  uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event, channel, locale, version)
);
CREATE UNIQUE INDEX message_templates_current_idx ON message_templates (event, channel, locale) WHERE current;

-- Outgoing messages: a delivery report can mark a message delivered; a message knows whom it
-- was for and why (notification event, application); the notification job's dedupe key
-- makes a job that runs twice send once.
ALTER TABLE outbound_messages DROP CONSTRAINT outbound_messages_status_check;
ALTER TABLE outbound_messages ADD CONSTRAINT outbound_messages_status_check CHECK (status IN ('queued', 'sent', 'delivered', 'failed'));
ALTER TABLE outbound_messages
  ADD COLUMN attempts        integer NOT NULL DEFAULT 0,
  ADD COLUMN delivered_at    timestamptz,
  ADD COLUMN user_id         uuid REFERENCES users(id) ON DELETE SET NULL,
  ADD COLUMN event           text,
  ADD COLUMN application_id  uuid REFERENCES applications(id) ON DELETE SET NULL,
  ADD COLUMN dedupe_key      text;
CREATE UNIQUE INDEX outbound_messages_dedupe_idx ON outbound_messages (dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX outbound_messages_provider_idx ON outbound_messages (provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX outbound_messages_status_idx ON outbound_messages (status, created_at DESC);

-- In-app notifications: what a signed-in user sees at /notifikasi.
CREATE TABLE notifications (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  application_id  uuid REFERENCES applications(id) ON DELETE SET NULL,
  event           text NOT NULL,
  title           text NOT NULL,
  body            text NOT NULL,
  link            text,
  dedupe_key      text UNIQUE,
  read_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- Inbound SMS (provider webhook): what came in, which command handled it, the reply sent.
-- The sender's number is personal data: stored, never logged.
CREATE TABLE inbound_messages (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel           text NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'whatsapp')),
  from_number       text NOT NULL,
  text              text NOT NULL,
  command           text,
  reply_message_id  uuid REFERENCES outbound_messages(id) ON DELETE SET NULL,
  received_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbound_messages_received_idx ON inbound_messages (received_at DESC);
