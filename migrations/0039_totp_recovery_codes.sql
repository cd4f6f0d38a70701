-- TOTP recovery codes: ten one-time codes given at enrolment (and on regeneration), usable
-- once at the second sign-in step instead of an authenticator code. Only a keyed hash is kept
-- (HMAC-SHA256 with the server's SESSION_SECRET, user id in the input): a code carries 50
-- random bits and attempts are throttled, so a fast keyed hash suffices; without the key a
-- copy of the table is worth nothing. A regeneration deletes the previous set.
CREATE TABLE totp_recovery_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz
);
CREATE INDEX totp_recovery_codes_user ON totp_recovery_codes (user_id) WHERE used_at IS NULL;
