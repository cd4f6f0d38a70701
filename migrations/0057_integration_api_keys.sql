-- Signed API keys (I-1), the second credential kind of an API client beside OAuth 2.0 client
-- credentials: a public key id and a secret shown once. The server must recompute the HMAC of
-- each request, so the secret is kept encrypted (AES-256-GCM with ENCRYPTION_KEY), never in
-- clear; the hint is its last four characters. A key ends at expires_at or when revoked.
CREATE TABLE integration_api_keys (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id   uuid NOT NULL REFERENCES integration_clients(id),
  key_id      text NOT NULL UNIQUE,
  secret_enc  text NOT NULL,
  hint        text NOT NULL,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX integration_api_keys_client_idx ON integration_api_keys (client_id, created_at);

-- Signatures already accepted inside the replay window: the same signed request twice is refused.
-- Rows older than the window are pruned by the hub's hourly job.
CREATE TABLE integration_signature_nonces (
  key_id     text NOT NULL,
  signature  text NOT NULL,
  seen_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key_id, signature)
);
CREATE INDEX integration_signature_nonces_seen_idx ON integration_signature_nonces (seen_at);
