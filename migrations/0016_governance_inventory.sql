-- ICT-governance inventories (issue 6; G-4, G-5, G-6, G-9, G-12): every agency's
-- applications (seed 003 Tabel 2.1) with their system operator (PSE), related applications
-- and hand-over checklist (seed 004 Pasal 14 (6)); ICT staff figures per agency and year (seed
-- 003 Tabel 2) and named ICT staff; ICT assets (hardware, software licences, network links).
-- Money is integer Rupiah (bigint).

CREATE TABLE ict_applications (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- owner agency = the system operator (penyelenggara sistem elektronik)
  agency_id            uuid NOT NULL REFERENCES agencies(id),
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind                 text NOT NULL CHECK (kind IN ('core', 'general', 'national')),
  developer_kind       text NOT NULL CHECK (developer_kind IN ('in_house', 'vendor', 'ministry')),
  developer_name       text NOT NULL DEFAULT '',
  purpose              text NOT NULL DEFAULT '',
  -- who uses it: any of internal, other_agencies, public
  user_groups          jsonb NOT NULL DEFAULT '[]',
  users_note           text NOT NULL DEFAULT '',
  url                  text NOT NULL DEFAULT '',
  hosting              text NOT NULL CHECK (hosting IN ('regional_dc', 'ministry', 'vendor_cloud')),
  -- security support: any of ssl, waf, pentest, backup, access_control, logging
  security             jsonb NOT NULL DEFAULT '[]',
  security_note        text NOT NULL DEFAULT '',
  documentation        text NOT NULL DEFAULT '',
  source_location      text NOT NULL DEFAULT '',
  status               text NOT NULL CHECK (status IN ('planned', 'development', 'live', 'retired')),
  planned_on           date,
  live_on              date,
  retired_on           date,
  handover_accepted_at timestamptz,
  handover_accepted_by uuid REFERENCES users(id),
  version              integer NOT NULL DEFAULT 1,
  created_by           uuid REFERENCES users(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (developer_kind = 'in_house' OR length(developer_name) > 0),
  CHECK (status <> 'retired' OR retired_on IS NOT NULL)
);
CREATE UNIQUE INDEX ict_applications_name_uq ON ict_applications (agency_id, lower(name));
CREATE INDEX ict_applications_status_idx ON ict_applications (status, kind);

-- Related applications (symmetric in meaning; stored once per pair direction as entered).
CREATE TABLE ict_application_links (
  application_id uuid NOT NULL REFERENCES ict_applications(id) ON DELETE CASCADE,
  related_id     uuid NOT NULL REFERENCES ict_applications(id) ON DELETE CASCADE,
  PRIMARY KEY (application_id, related_id),
  CHECK (application_id <> related_id)
);
CREATE INDEX ict_application_links_related_idx ON ict_application_links (related_id);

-- Hand-over checklist (G-9): one row per provided item, a stored document or a link.
CREATE TABLE ict_handover_items (
  application_id uuid NOT NULL REFERENCES ict_applications(id) ON DELETE CASCADE,
  item           text NOT NULL CHECK (item IN ('business_process', 'data_architecture', 'application_architecture',
                   'infrastructure_architecture', 'source_code', 'operating_manual', 'security_test', 'performance_test', 'debugging_test')),
  storage_key    text,
  file_name      text,
  file_sha256    text,
  link_url       text,
  provided_by    uuid REFERENCES users(id),
  provided_by_name text NOT NULL,
  provided_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (application_id, item),
  CHECK (storage_key IS NOT NULL OR link_url IS NOT NULL)
);

-- ICT staff figures per agency and year (seed 003 Tabel 2).
CREATE TABLE ict_staff_figures (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id        uuid NOT NULL REFERENCES agencies(id),
  year             integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  civil_servants   integer NOT NULL CHECK (civil_servants >= 0),
  ict_able         integer NOT NULL CHECK (ict_able >= 0),
  ability_good     integer NOT NULL CHECK (ability_good >= 0),
  ability_fair     integer NOT NULL CHECK (ability_fair >= 0),
  ict_specialists  integer NOT NULL CHECK (ict_specialists >= 0),
  updated_by       uuid REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, year),
  CHECK (ict_able <= civil_servants AND ict_specialists <= civil_servants AND ability_good + ability_fair <= ict_able)
);

-- Named ICT staff; certifications: [{"name", "year", "expiresOn"}].
CREATE TABLE ict_staff (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id       uuid NOT NULL REFERENCES agencies(id),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  nip             text CHECK (nip IS NULL OR nip ~ '^[0-9]{18}$'),
  position        text NOT NULL DEFAULT '',
  education       text NOT NULL DEFAULT '',
  competencies    text NOT NULL DEFAULT '',
  certifications  jsonb NOT NULL DEFAULT '[]',
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ict_staff_agency_idx ON ict_staff (agency_id, name);

-- ICT assets (G-6); the asset code is unique within its agency (imports upsert on it).
CREATE TABLE ict_assets (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id           uuid NOT NULL REFERENCES agencies(id),
  code                text NOT NULL CHECK (code ~ '^[A-Za-z0-9._/-]{1,60}$'),
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  category            text NOT NULL CHECK (category IN ('hardware', 'software', 'network')),
  location            text NOT NULL DEFAULT '',
  acquired_on         date,
  acquisition_method  text NOT NULL CHECK (acquisition_method IN ('purchase', 'grant', 'lease', 'transfer', 'other')),
  value               bigint NOT NULL DEFAULT 0 CHECK (value >= 0),
  funding_source      text NOT NULL CHECK (funding_source IN ('apbd', 'apbn', 'csr', 'other')),
  condition           text NOT NULL CHECK (condition IN ('good', 'light_damage', 'heavy_damage')),
  status              text NOT NULL CHECK (status IN ('planned', 'in_use', 'disposed')),
  disposed_on         date,
  disposal_reason     text,
  licence_expires_on  date,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, code),
  CHECK (status <> 'disposed' OR (disposed_on IS NOT NULL AND disposal_reason IS NOT NULL))
);
CREATE INDEX ict_assets_agency_idx ON ict_assets (agency_id, category, code);
