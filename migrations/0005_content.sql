-- Information layer (P-2): pages, guides, announcements and FAQ, and the legal library used
-- as legal basis by services. Ownership (who may edit what) is enforced in
-- src/modules/content/content.service.ts; created_by records the author it relies on.
-- Nothing here is ever hard-deleted: content is archived, legal documents are withdrawn.
CREATE TABLE content_items (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind          text NOT NULL CHECK (kind IN ('page', 'guide', 'announcement', 'faq')),
  slug          text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
  title         text NOT NULL,
  summary       text NOT NULL DEFAULT '',
  body          text NOT NULL DEFAULT '',
  agency_id     uuid REFERENCES agencies(id),
  service_slug  text,
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
  created_by    uuid REFERENCES users(id),
  updated_by    uuid REFERENCES users(id),
  published_at  timestamptz,
  archived_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
-- Unique per kind; pages and guides share one address space (/halaman/<slug>).
CREATE UNIQUE INDEX content_items_slug_idx
  ON content_items ((CASE WHEN kind IN ('page', 'guide') THEN 'halaman' ELSE kind END), slug);
CREATE INDEX content_items_public_idx ON content_items (kind, status, published_at DESC);
CREATE INDEX content_items_agency_idx ON content_items (agency_id);

CREATE TABLE legal_documents (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type            text NOT NULL CHECK (type IN ('undang-undang', 'peraturan-pemerintah', 'peraturan-presiden',
                    'peraturan-menteri', 'peraturan-daerah', 'peraturan-gubernur', 'keputusan-gubernur',
                    'surat-edaran', 'lainnya')),
  number          text NOT NULL,
  year            integer NOT NULL CHECK (year BETWEEN 1945 AND 2200),
  title           text NOT NULL,
  status          text NOT NULL DEFAULT 'berlaku' CHECK (status IN ('berlaku', 'dicabut', 'diubah')),
  summary         text NOT NULL DEFAULT '',
  agency_id       uuid REFERENCES agencies(id),
  file_key        text,
  file_sha256     text,
  file_size       integer,
  file_name       text,
  created_by      uuid REFERENCES users(id),
  updated_by      uuid REFERENCES users(id),
  withdrawn_at    timestamptz,
  withdrawn_by    uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT legal_documents_citation_key UNIQUE (type, number, year),
  CHECK ((file_key IS NULL) = (file_sha256 IS NULL) AND (file_key IS NULL) = (file_size IS NULL))
);
CREATE INDEX legal_documents_list_idx ON legal_documents (year DESC, type);
CREATE INDEX legal_documents_agency_idx ON legal_documents (agency_id);
