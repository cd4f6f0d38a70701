-- Simpul foundation: region and agencies, accounts, roles, sessions, audit trail,
-- durable jobs, outgoing messages. PostgreSQL 15 dialect; runs unchanged on PGlite.

-- Region (Pemerintah Daerah) and its agencies (Perangkat Daerah) ----------------------------
CREATE TABLE regions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  level         text NOT NULL CHECK (level IN ('province', 'regency', 'city')),
  kode_wilayah  text NOT NULL,
  timezone      text NOT NULL CHECK (timezone IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')),
  domain        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agencies (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id   uuid NOT NULL REFERENCES regions(id),
  slug        text NOT NULL UNIQUE,
  name        text NOT NULL,
  short_name  text NOT NULL,
  type        text NOT NULL,
  head_name   text,
  head_title  text,
  address     text,
  phone       text,
  email       text,
  subdomain   text UNIQUE,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agencies_short_name_key ON agencies (lower(short_name));

-- Accounts ------------------------------------------------------------------------------
-- kind: citizen (warga, identified by NIK), business (pelaku usaha, identified by NIB),
-- staff (created by administrators; roles come from role_grants).
CREATE TABLE users (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind               text NOT NULL CHECK (kind IN ('citizen', 'business', 'staff')),
  name               text NOT NULL,
  email              text,
  email_verified_at  timestamptz,
  phone              text,
  nik                text,
  password_hash      text,
  locale             text NOT NULL DEFAULT 'id' CHECK (locale IN ('id', 'en')),
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'disabled')),
  totp_secret        text,
  totp_enabled_at    timestamptz,
  failed_logins      integer NOT NULL DEFAULT 0,
  locked_until       timestamptz,
  last_login_at      timestamptz,
  password_changed_at timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX users_nik_key ON users (nik) WHERE nik IS NOT NULL;

-- A business (badan usaha / pelaku usaha) and the persons who act for it.
CREATE TABLE businesses (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id  uuid NOT NULL UNIQUE REFERENCES users(id),
  name        text NOT NULL,
  nib         text NOT NULL UNIQUE,
  npwp        text NOT NULL UNIQUE,
  legal_form  text NOT NULL,
  address     text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE business_representatives (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  business_id  uuid NOT NULL REFERENCES businesses(id),
  user_id      uuid NOT NULL REFERENCES users(id),
  position     text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);
CREATE UNIQUE INDEX business_representatives_active_key
  ON business_representatives (business_id, user_id) WHERE revoked_at IS NULL;

-- Staff roles, granted per agency (super_admin, executive and auditor may be region-wide:
-- agency_id NULL). Grants are never deleted: revocation sets revoked_at.
CREATE TABLE role_grants (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id),
  role        text NOT NULL CHECK (role IN ('super_admin', 'agency_admin', 'operator', 'verifier',
                 'signing_official', 'counter_officer', 'executive', 'auditor')),
  agency_id   uuid REFERENCES agencies(id),
  granted_by  uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  revoked_by  uuid REFERENCES users(id)
);
CREATE UNIQUE INDEX role_grants_active_key
  ON role_grants (user_id, role, coalesce(agency_id, '00000000-0000-0000-0000-000000000000'::uuid))
  WHERE revoked_at IS NULL;
CREATE INDEX role_grants_agency_idx ON role_grants (agency_id) WHERE revoked_at IS NULL;

-- Sessions live in the database so nodes stay stateless. The cookie holds a random token;
-- only its SHA-256 is stored.
CREATE TABLE sessions (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash     text NOT NULL UNIQUE,
  user_id        uuid NOT NULL REFERENCES users(id),
  mfa_passed     boolean NOT NULL DEFAULT false,
  ip             text,
  user_agent     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;

-- Bearer tokens for the API (integrations, scripts). Only the SHA-256 is stored.
CREATE TABLE api_tokens (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users(id),
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  expires_at    timestamptz,
  revoked_at    timestamptz
);

-- One-time codes: e-mail confirmation, password reset. Only a hash is stored.
CREATE TABLE verification_codes (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id),
  purpose     text NOT NULL CHECK (purpose IN ('email_confirm', 'password_reset')),
  code_hash   text NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX verification_codes_user_idx ON verification_codes (user_id, purpose);

-- Fixed-window counters for rate limits (sign-in per IP, code requests), shared by all nodes.
CREATE TABLE rate_buckets (
  key         text PRIMARY KEY,
  count       integer NOT NULL,
  reset_at    timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Append-only audit trail -------------------------------------------------------------
CREATE TABLE audit_events (
  id           bigserial PRIMARY KEY,
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  actor_id     uuid,
  actor_label  text NOT NULL,
  ip           text,
  request_id   text,
  action       text NOT NULL,
  entity_type  text NOT NULL,
  entity_id    text,
  agency_id    uuid,
  before       jsonb,
  after        jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id);
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at DESC);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- Durable job queue / outbox ------------------------------------------------------------
CREATE TABLE jobs (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'dead')),
  attempts     integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  run_at       timestamptz NOT NULL DEFAULT now(),
  locked_by    text,
  locked_until timestamptz,
  last_error   text,
  dedupe_key   text,
  finished_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status IN ('queued', 'failed');
CREATE UNIQUE INDEX jobs_dedupe_key ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL;

-- Every outgoing message (e-mail now; SMS and WhatsApp later) with its delivery state.
CREATE TABLE outbound_messages (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel      text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
  recipient    text NOT NULL,
  subject      text,
  body_text    text NOT NULL,
  body_html    text,
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  transport    text,
  provider_id  text,
  error        text,
  sent_at      timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbound_messages_created_idx ON outbound_messages (created_at DESC);
