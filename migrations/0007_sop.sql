-- SOP definitions (P-6): versioned per service. One working version (draft or awaiting
-- approval) at a time; the approved one is the current SOP, older approved ones are retired.
-- An application keeps the SOP version it started on (sops.id), so rows are never deleted.
CREATE TABLE sops (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id      uuid NOT NULL REFERENCES services(id),
  version         integer NOT NULL CHECK (version >= 1),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'awaiting_approval', 'approved', 'retired')),
  definition      jsonb NOT NULL,
  review_months   integer NOT NULL DEFAULT 12 CHECK (review_months BETWEEN 1 AND 12),
  created_by      uuid REFERENCES users(id),
  submitted_by    uuid REFERENCES users(id),
  submitted_at    timestamptz,
  approved_by     uuid REFERENCES users(id),
  approved_at     timestamptz,
  next_review_at  date,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (service_id, version),
  CHECK (status NOT IN ('approved', 'retired') OR (approved_at IS NOT NULL AND next_review_at IS NOT NULL))
);
CREATE UNIQUE INDEX sops_one_approved ON sops (service_id) WHERE status = 'approved';
CREATE UNIQUE INDEX sops_one_working ON sops (service_id) WHERE status IN ('draft', 'awaiting_approval');
CREATE INDEX sops_review_idx ON sops (next_review_at) WHERE status = 'approved';
