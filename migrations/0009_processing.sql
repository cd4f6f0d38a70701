-- SOP execution (P-6) and working-day SLAs (STANDARDS §8). An application is pinned to the SOP
-- version approved when it was submitted (applications.sop_id) and walks its steps; each visit
-- of a step is one application_steps row (a step sent back to the applicant and resubmitted is
-- visited again), which keeps the SLA figures: the working time allowed, the working time used
-- and whether it was met. The current step is denormalised onto applications so the officers'
-- work queue is one indexed read of the open applications.
ALTER TABLE applications
  ADD COLUMN sop_id           uuid REFERENCES sops(id),
  ADD COLUMN step_seq         integer NOT NULL DEFAULT 0,
  ADD COLUMN current_step     text,
  ADD COLUMN step_role     text,
  ADD COLUMN assignee_id      uuid REFERENCES users(id),
  ADD COLUMN step_started_at  timestamptz,
  ADD COLUMN step_nearing_at  timestamptz,
  ADD COLUMN step_due_at      timestamptz,
  ADD COLUMN due_at           timestamptz,
  ADD COLUMN decided_at       timestamptz,
  ADD COLUMN decision_note    text,
  ADD COLUMN correction       jsonb;

-- The work queue: open applications of an agency by the role of their current step, most
-- urgent first (keyset on step_due_at, id), and an officer's own claimed ones.
CREATE INDEX applications_queue_idx ON applications (agency_id, step_role, step_due_at, id)
  WHERE status IN ('submitted', 'in_process');
CREATE INDEX applications_assignee_idx ON applications (assignee_id, step_due_at, id)
  WHERE status IN ('submitted', 'in_process');

CREATE TABLE application_steps (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id  uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  seq             integer NOT NULL CHECK (seq >= 1),
  step_key        text NOT NULL,
  step_name       text NOT NULL,
  role            text NOT NULL,
  agency_id       uuid NOT NULL REFERENCES agencies(id),
  assignee_id     uuid REFERENCES users(id),
  claimed_at      timestamptz,
  started_at      timestamptz NOT NULL,
  due_at          timestamptz NOT NULL,
  -- working time allowed by the SOP and used, in milliseconds of the region's working hours
  allowed_ms      bigint NOT NULL CHECK (allowed_ms >= 0),
  used_ms         bigint CHECK (used_ms >= 0),
  met             boolean,
  finished_at     timestamptz,
  outcome         text CHECK (outcome IN ('forward', 'send_back', 'reject', 'approve', 'withdrawn')),
  branch_label    text,
  note            text,
  finished_by     uuid REFERENCES users(id),
  escalated_at    timestamptz,
  UNIQUE (application_id, seq),
  CHECK ((finished_at IS NULL) = (outcome IS NULL))
);
CREATE UNIQUE INDEX application_steps_one_open ON application_steps (application_id) WHERE finished_at IS NULL;
-- The escalation job looks for open steps past their deadline that were not escalated yet.
CREATE INDEX application_steps_overdue_idx ON application_steps (due_at) WHERE finished_at IS NULL AND escalated_at IS NULL;
CREATE INDEX application_steps_sla_idx ON application_steps (agency_id, finished_at) WHERE finished_at IS NOT NULL;

-- Internal notes of officers on an application (never shown to the applicant).
CREATE TABLE application_notes (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id  uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  author_id       uuid NOT NULL REFERENCES users(id),
  body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_notes_app_idx ON application_notes (application_id, created_at);
