-- ICT governance planning (issue 6): SPBE self-assessment on versioned frameworks (G-8), the
-- PeGI rating, the e-government master plan with reviews, its roadmap with costs and yearly
-- progress (G-2, G-3, G-15) and the maturity stage (G-2). Money is integer Rupiah (bigint).

-- A framework version is data: the JSON form of spbe-framework.ts (`frameworkToJson`).
CREATE TABLE spbe_frameworks (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  framework_key   text NOT NULL,
  version         text NOT NULL,
  name            text NOT NULL,
  definition      jsonb NOT NULL,
  built_in        boolean NOT NULL DEFAULT false,
  created_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (framework_key, version)
);

-- One self-assessment per year and framework version; 'final' locks it.
CREATE TABLE spbe_assessments (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  framework_id    uuid NOT NULL REFERENCES spbe_frameworks(id),
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
  finalised_at    timestamptz,
  finalised_by    uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (framework_id, year)
);
CREATE INDEX spbe_assessments_year ON spbe_assessments (year);

-- The level of one indicator in one assessment (range checked against the framework by the service).
CREATE TABLE spbe_scores (
  assessment_id         uuid NOT NULL REFERENCES spbe_assessments(id) ON DELETE CASCADE,
  indicator_number      integer NOT NULL,
  level                 integer,
  justification         text NOT NULL DEFAULT '',
  -- links to documents (URL) or Simpul paths, one per line
  evidence              text NOT NULL DEFAULT '',
  responsible_agency_id uuid REFERENCES agencies(id),
  updated_by            uuid REFERENCES users(id),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assessment_id, indicator_number)
);

-- Evidence an agency's ICT officer proposes for an indicator his agency is responsible for.
CREATE TABLE spbe_evidence_proposals (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assessment_id    uuid NOT NULL REFERENCES spbe_assessments(id) ON DELETE CASCADE,
  indicator_number integer NOT NULL,
  agency_id        uuid NOT NULL REFERENCES agencies(id),
  note             text NOT NULL,
  created_by       uuid REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX spbe_evidence_proposals_assessment ON spbe_evidence_proposals (assessment_id, indicator_number);

-- PeGI rating (seed 003 Tabel 1): five dimensions 1.00–4.00 in hundredths, one row per year.
CREATE TABLE pegi_ratings (
  year           integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  policy         integer NOT NULL CHECK (policy BETWEEN 100 AND 400),
  institution    integer NOT NULL CHECK (institution BETWEEN 100 AND 400),
  infrastructure integer NOT NULL CHECK (infrastructure BETWEEN 100 AND 400),
  application    integer NOT NULL CHECK (application BETWEEN 100 AND 400),
  planning       integer NOT NULL CHECK (planning BETWEEN 100 AND 400),
  note           text NOT NULL DEFAULT '',
  updated_by     uuid REFERENCES users(id),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Master plan (Rencana Induk), valid for five years from start_year.
CREATE TABLE master_plans (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title              text NOT NULL,
  vision             text NOT NULL DEFAULT '',
  mission            text NOT NULL DEFAULT '',
  goals              text NOT NULL DEFAULT '',
  notes_business     text NOT NULL DEFAULT '',
  notes_data         text NOT NULL DEFAULT '',
  notes_application  text NOT NULL DEFAULT '',
  notes_technology   text NOT NULL DEFAULT '',
  notes_security     text NOT NULL DEFAULT '',
  start_year         integer NOT NULL CHECK (start_year BETWEEN 2000 AND 2100),
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
  approved_at        timestamptz,
  created_by         uuid REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE master_plan_reviews (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id      uuid NOT NULL REFERENCES master_plans(id) ON DELETE CASCADE,
  reviewed_on  date NOT NULL,
  note         text NOT NULL DEFAULT '',
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX master_plan_reviews_plan ON master_plan_reviews (plan_id, reviewed_on);

-- Roadmap initiatives of a plan, per component; target years with their estimated cost.
CREATE TABLE roadmap_initiatives (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id         uuid NOT NULL REFERENCES master_plans(id) ON DELETE CASCADE,
  component       text NOT NULL CHECK (component IN ('governance', 'infrastructure', 'applications', 'hr', 'security', 'services')),
  name            text NOT NULL,
  outputs         text NOT NULL DEFAULT '',
  agency_id       uuid REFERENCES agencies(id),
  funding_source  text NOT NULL CHECK (funding_source IN ('apbd', 'apbn', 'other', 'csr')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX roadmap_initiatives_plan ON roadmap_initiatives (plan_id, component);

CREATE TABLE roadmap_years (
  initiative_id  uuid NOT NULL REFERENCES roadmap_initiatives(id) ON DELETE CASCADE,
  year           integer NOT NULL,
  cost_rupiah    bigint NOT NULL CHECK (cost_rupiah >= 0),
  PRIMARY KEY (initiative_id, year)
);

CREATE TABLE roadmap_progress (
  initiative_id  uuid NOT NULL REFERENCES roadmap_initiatives(id) ON DELETE CASCADE,
  year           integer NOT NULL,
  percent        integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
  note           text NOT NULL DEFAULT '',
  updated_by     uuid REFERENCES users(id),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (initiative_id, year)
);

-- Maturity stages I Persiapan … V (seed 000 Pasal 5, Lampiran II): evidence and whether reached.
CREATE TABLE maturity_stages (
  stage       integer PRIMARY KEY CHECK (stage BETWEEN 1 AND 5),
  achieved    boolean NOT NULL DEFAULT false,
  evidence    text NOT NULL DEFAULT '',
  updated_by  uuid REFERENCES users(id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
