-- Tamper-evident audit trail (S-2, S-3). audit_events stays as it is (append-only by trigger);
-- a sealer appends each event, in the order it seals them, to a hash chain:
--   audit_seals        one row per sealed event: its digest and the chain hash after it
--   audit_checkpoints  the chain head (sequence number and hash) signed with a key kept outside
--                      the database, exported off the machine as well
-- Both are append-only. The chain holds digests and references only, never personal data.
CREATE TABLE audit_seals (
  seq          bigint PRIMARY KEY,
  event_id     bigint NOT NULL UNIQUE,
  event_digest text NOT NULL,
  chain_hash   text NOT NULL,
  sealed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_checkpoints (
  id          bigserial PRIMARY KEY,
  seq         bigint NOT NULL,
  chain_hash  text NOT NULL,
  signed_at   timestamptz NOT NULL,
  key_id      text NOT NULL,
  signature   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_checkpoints_seq_idx ON audit_checkpoints (seq, signed_at);

CREATE FUNCTION audit_chain_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_seals_no_update BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION audit_chain_append_only();
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_chain_append_only();
