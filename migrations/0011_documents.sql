-- Issued documents (P-12): the result of an approved application as a PDF, numbered per
-- agency and year, its SHA-256 signed with the region's Ed25519 key and verifiable by anyone
-- at /verifikasi/<code>. Public keys stay in signing_keys after rotation so older documents
-- remain verifiable; private keys never enter the database.
CREATE TABLE signing_keys (
  id               text PRIMARY KEY,
  algorithm        text NOT NULL DEFAULT 'ed25519',
  public_key_pem   text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  retired_at       timestamptz
);

CREATE TABLE document_counters (
  agency_id        uuid NOT NULL REFERENCES agencies(id),
  year             integer NOT NULL,
  last             integer NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, year)
);

CREATE TABLE issued_documents (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id      uuid NOT NULL UNIQUE REFERENCES applications(id),
  agency_id           uuid NOT NULL REFERENCES agencies(id),
  holder_id           uuid NOT NULL REFERENCES users(id),
  number              text NOT NULL UNIQUE,
  title               text NOT NULL,
  holder_name         text NOT NULL,
  holder_nik_masked   text,
  permitted           text NOT NULL DEFAULT '',
  issued_at           timestamptz NOT NULL,
  valid_until         date,
  issued_by           uuid REFERENCES users(id),
  issued_by_name      text NOT NULL,
  issued_by_position  text NOT NULL,
  status              text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
  revoked_at          timestamptz,
  revoked_by          uuid REFERENCES users(id),
  revoked_by_name     text,
  revoke_reason       text,
  verification_code   text NOT NULL UNIQUE CHECK (length(verification_code) >= 20),
  sha256              text NOT NULL,
  signature           text NOT NULL,
  key_id              text NOT NULL REFERENCES signing_keys(id),
  storage_key         text NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'valid' OR (revoked_at IS NOT NULL AND revoke_reason IS NOT NULL))
);
CREATE INDEX issued_documents_holder_idx ON issued_documents (holder_id, issued_at DESC);
CREATE INDEX issued_documents_agency_idx ON issued_documents (agency_id, issued_at DESC);
CREATE INDEX issued_documents_sha_idx ON issued_documents (sha256);
