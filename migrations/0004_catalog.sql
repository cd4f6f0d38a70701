-- Service catalogue (P-1, P-2, P-5): services owned by agencies, each with a working draft
-- and immutable published versions (content = the 14 components, form = the application
-- form definition). The portal shows the latest published version.
CREATE TABLE services (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id        uuid NOT NULL REFERENCES agencies(id),
  slug             text NOT NULL UNIQUE,
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
  draft_content    jsonb NOT NULL,
  draft_form       jsonb NOT NULL DEFAULT '{"sections": []}'::jsonb,
  current_version  integer,
  popularity       integer NOT NULL DEFAULT 0,
  created_by       uuid REFERENCES users(id),
  updated_by       uuid REFERENCES users(id),
  published_at     timestamptz,
  archived_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX services_agency_idx ON services (agency_id);

CREATE TABLE service_versions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id    uuid NOT NULL REFERENCES services(id),
  version       integer NOT NULL,
  content       jsonb NOT NULL,
  form          jsonb NOT NULL,
  published_by  uuid REFERENCES users(id),
  published_at  timestamptz NOT NULL DEFAULT now(),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (service_id, version)
);

-- One search index over services, agencies, pages and legal documents, with Indonesian
-- stemming ('perizinan' → 'izin'). Rows are written by the owning module when an item is
-- published or changed; weights: A title, B keywords, C summary, D body.
CREATE TABLE search_documents (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind        text NOT NULL CHECK (kind IN ('service', 'agency', 'page', 'legal')),
  ref_id      uuid NOT NULL,
  agency_id   uuid,
  title       text NOT NULL,
  summary     text NOT NULL DEFAULT '',
  url         text NOT NULL,
  tsv         tsvector NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, ref_id)
);
CREATE INDEX search_documents_tsv_idx ON search_documents USING gin (tsv);
