-- Integration hub (I-1 … I-4): API clients of agency systems, their secrets and short-lived
-- tokens, grants (deny by default), idempotency keys, outgoing webhooks and their deliveries,
-- and messages agency systems push in. The exchange log itself is written to audit_events
-- (action 'integration.exchange') so the audit chain (0035) hash-links, seals and signs it.
CREATE TABLE integration_clients (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id         uuid NOT NULL REFERENCES agencies(id),
  name              text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('live', 'sandbox', 'test')),
  status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'revoked')),
  rate_per_minute   integer NOT NULL DEFAULT 120 CHECK (rate_per_minute BETWEEN 1 AND 100000),
  created_by        uuid,
  approved_by       uuid,
  approved_at       timestamptz,
  revoked_at        timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX integration_clients_agency_idx ON integration_clients (agency_id, created_at);

-- Client secrets, stored as SHA-256 of a 256-bit random value. Rotation sets expires_at of the
-- old one (overlap): both are valid until then.
CREATE TABLE integration_client_secrets (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id   uuid NOT NULL REFERENCES integration_clients(id),
  secret_hash text NOT NULL UNIQUE,
  hint        text NOT NULL,
  expires_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX integration_client_secrets_client_idx ON integration_client_secrets (client_id);

CREATE TABLE integration_tokens (
  token_hash  text PRIMARY KEY,
  client_id   uuid NOT NULL REFERENCES integration_clients(id),
  expires_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX integration_tokens_expiry_idx ON integration_tokens (expires_at);

-- A grant: the owner agency lets one client perform one scope (module + access) on its data,
-- optionally for one service only, until expires_at. Personal data needs a data-sharing
-- agreement of the governance register; the grant ends with it.
CREATE TABLE integration_grants (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id        uuid NOT NULL REFERENCES integration_clients(id),
  owner_agency_id  uuid NOT NULL REFERENCES agencies(id),
  scope            text NOT NULL,
  service_id       uuid,
  agreement_id     uuid,
  expires_at       timestamptz NOT NULL,
  granted_by       uuid,
  revoked_at       timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX integration_grants_client_idx ON integration_grants (client_id, scope);

CREATE TABLE integration_idempotency (
  client_id     uuid NOT NULL REFERENCES integration_clients(id),
  key           text NOT NULL,
  request_hash  text NOT NULL,
  status        integer,
  response_body text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, key)
);
CREATE INDEX integration_idempotency_created_idx ON integration_idempotency (created_at);

-- Messages agency systems push in (e.g. status changes of a forwarded complaint).
CREATE TABLE integration_inbound_messages (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id   uuid NOT NULL REFERENCES integration_clients(id),
  agency_id   uuid NOT NULL REFERENCES agencies(id),
  sandbox     boolean NOT NULL DEFAULT false,
  kind        text NOT NULL,
  reference   text NOT NULL,
  body        jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Outgoing webhooks: secrets are kept encrypted (ENCRYPTION_KEY) because they sign.
CREATE TABLE integration_webhooks (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id            uuid NOT NULL REFERENCES agencies(id),
  url                  text NOT NULL,
  events               jsonb NOT NULL,
  secret_enc           text NOT NULL,
  previous_secret_enc  text,
  previous_expires_at  timestamptz,
  active               boolean NOT NULL DEFAULT true,
  created_by           uuid,
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX integration_webhooks_agency_idx ON integration_webhooks (agency_id);

CREATE TABLE integration_webhook_deliveries (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  webhook_id    uuid NOT NULL REFERENCES integration_webhooks(id),
  event_id      uuid NOT NULL,
  event_type    text NOT NULL,
  payload       text NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts      integer NOT NULL DEFAULT 0,
  last_status   integer,
  last_error    text,
  delivered_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX integration_webhook_deliveries_hook_idx ON integration_webhook_deliveries (webhook_id, created_at);
