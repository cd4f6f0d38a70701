-- ICT governance registers (issue 6; G-1, G-7, G-10 … G-14), owned by
-- src/modules/governance (GOV-REG part): coordination requests with their timeline and
-- progress reports, ICT audits with findings and follow-ups, and the simple registers
-- (data-sharing agreements, domains, governance people, risks, security incidents, change
-- requests, administrative sanctions) kept as validated JSON entries of one table.

-- G-1: an agency's planned ICT initiative, consulted with the Dinas Kominfo.
CREATE TABLE gov_coordination_requests (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id          uuid NOT NULL REFERENCES agencies(id),
  title              text NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('new_application', 'procurement', 'network', 'other')),
  description        text NOT NULL,
  estimated_budget   bigint NOT NULL CHECK (estimated_budget >= 0),
  planned_year       integer NOT NULL CHECK (planned_year BETWEEN 2000 AND 2100),
  attachment_url     text,
  state              text NOT NULL DEFAULT 'draft'
                     CHECK (state IN ('draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'declined')),
  recommendation     text,
  budget_guidance    bigint CHECK (budget_guidance IS NULL OR budget_guidance >= 0),
  price_guidance     text,
  decision_note      text,
  submitted_at       timestamptz,
  approved_at        timestamptz,
  decided_at         timestamptz,
  created_by         uuid REFERENCES users(id),
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gov_coordination_requests_agency_idx ON gov_coordination_requests (agency_id, created_at DESC);
CREATE INDEX gov_coordination_requests_state_idx ON gov_coordination_requests (state, created_at DESC);

CREATE TABLE gov_coordination_events (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id    uuid NOT NULL REFERENCES gov_coordination_requests(id),
  at            timestamptz NOT NULL DEFAULT now(),
  action        text NOT NULL,
  from_state    text,
  to_state      text NOT NULL,
  actor_id      uuid REFERENCES users(id),
  actor_label   text NOT NULL,
  note          text
);
CREATE INDEX gov_coordination_events_request_idx ON gov_coordination_events (request_id, at);

CREATE TABLE gov_coordination_progress (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id    uuid NOT NULL REFERENCES gov_coordination_requests(id),
  report_date   date NOT NULL,
  percent       integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
  note          text NOT NULL,
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gov_coordination_progress_request_idx ON gov_coordination_progress (request_id, report_date DESC);

-- G-7: ICT audits (agency_id NULL: region-wide), findings and their follow-up.
CREATE TABLE gov_audits (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id      uuid REFERENCES agencies(id),
  kind           text NOT NULL CHECK (kind IN ('infrastructure', 'application', 'security')),
  scope          text NOT NULL,
  auditor_type   text NOT NULL CHECK (auditor_type IN ('internal', 'external')),
  auditor_name   text NOT NULL,
  start_date     date NOT NULL,
  end_date       date NOT NULL CHECK (end_date >= start_date),
  created_by     uuid REFERENCES users(id),
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gov_audits_agency_idx ON gov_audits (agency_id, kind, end_date DESC);

CREATE TABLE gov_audit_findings (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  audit_id         uuid NOT NULL REFERENCES gov_audits(id),
  title            text NOT NULL,
  description      text NOT NULL DEFAULT '',
  severity         text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  owner_agency_id  uuid REFERENCES agencies(id),
  due_date         date NOT NULL,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at        timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gov_audit_findings_audit_idx ON gov_audit_findings (audit_id);
CREATE INDEX gov_audit_findings_open_idx ON gov_audit_findings (status, severity);

CREATE TABLE gov_audit_followups (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  finding_id    uuid NOT NULL REFERENCES gov_audit_findings(id),
  note          text NOT NULL,
  closes        boolean NOT NULL DEFAULT false,
  actor_id      uuid REFERENCES users(id),
  actor_label   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gov_audit_followups_finding_idx ON gov_audit_followups (finding_id, created_at);

-- G-10 … G-14: simple registers. `data` holds the entry's fields as validated by the
-- register's definition (registers.definitions.ts); agency_id is the owner (NULL: region).
CREATE TABLE gov_register_entries (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  register      text NOT NULL,
  agency_id     uuid REFERENCES agencies(id),
  data          jsonb NOT NULL,
  search_text   text NOT NULL DEFAULT '',
  created_by    uuid REFERENCES users(id),
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gov_register_entries_idx ON gov_register_entries (register, agency_id, created_at DESC);
