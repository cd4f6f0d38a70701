-- Permits issued nationally (OSS RBA, SiCantik) delivered into the holder's documents through
-- the integration hub (I-4). An issued document now either comes from an application here
-- (source 'simpul') or from a national system (its permit id in external_id, no application);
-- one document per national permit id.
ALTER TABLE issued_documents ALTER COLUMN application_id DROP NOT NULL;
ALTER TABLE issued_documents ADD COLUMN source text NOT NULL DEFAULT 'simpul' CHECK (source IN ('simpul', 'oss', 'sicantik'));
ALTER TABLE issued_documents ADD COLUMN external_id text;
ALTER TABLE issued_documents ADD CONSTRAINT issued_documents_origin_check
  CHECK ((source = 'simpul' AND application_id IS NOT NULL) OR (source <> 'simpul' AND external_id IS NOT NULL));
CREATE UNIQUE INDEX issued_documents_external_idx ON issued_documents (source, external_id) WHERE external_id IS NOT NULL;

-- What the national system sent, kept until the holder has an account here: the NIK sealed
-- (ENCRYPTION of personal fields) with its blind index, matched when the person registers.
CREATE TABLE integration_national_permits (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source            text NOT NULL CHECK (source IN ('oss', 'sicantik')),
  permit_id         text NOT NULL,
  agency_id         uuid NOT NULL REFERENCES agencies(id),
  client_id         uuid NOT NULL REFERENCES integration_clients(id),
  holder_nik_sealed text NOT NULL,
  holder_nik_bidx   text NOT NULL,
  notice            jsonb NOT NULL,
  status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued')),
  document_id       uuid REFERENCES issued_documents(id),
  received_at       timestamptz NOT NULL DEFAULT now(),
  issued_at         timestamptz,
  UNIQUE (source, permit_id)
);
CREATE INDEX integration_national_permits_pending_idx ON integration_national_permits (holder_nik_bidx) WHERE status = 'pending';
