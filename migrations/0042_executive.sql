-- Executive information (E-1, E-2, E-3): summary tables that the leaders' dashboard, the
-- command-centre wall and the public performance page read, so no page view scans the
-- applications or bills. Owned by src/modules/executive; kept by its refresh job.
--
-- Change capture: the database marks an application or bill as changed (exec_dirty) in the
-- transaction that changed it, so a mark is never lost and never seen before the change
-- commits. The refresh job takes marks FOR UPDATE SKIP LOCKED, asks the owning module for the
-- current facts of those rows (its public read), and applies to every summary the difference
-- between the fact it had and the new one: a mark taken twice, or a fact applied twice, changes
-- nothing the second time.
CREATE TABLE exec_dirty (
  kind       text NOT NULL CHECK (kind IN ('application', 'bill')),
  id         uuid NOT NULL,
  marked_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, id)
);

-- A restore (platform/backup) loads exec_dirty from the archive and sets simpul.restoring: the
-- marks are not made again then.
CREATE FUNCTION exec_mark_application() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('simpul.restoring', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'DELETE' THEN
    INSERT INTO exec_dirty (kind, id) VALUES ('application', OLD.id) ON CONFLICT DO NOTHING;
    RETURN OLD;
  END IF;
  IF NEW.status <> 'draft' THEN
    INSERT INTO exec_dirty (kind, id) VALUES ('application', NEW.id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER exec_mark_application AFTER INSERT OR UPDATE OR DELETE ON applications
  FOR EACH ROW EXECUTE FUNCTION exec_mark_application();

CREATE FUNCTION exec_mark_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('simpul.restoring', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO exec_dirty (kind, id) VALUES ('application', CASE WHEN TG_OP = 'DELETE' THEN OLD.application_id ELSE NEW.application_id END)
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER exec_mark_step AFTER INSERT OR UPDATE OR DELETE ON application_steps
  FOR EACH ROW EXECUTE FUNCTION exec_mark_step();

CREATE FUNCTION exec_mark_bill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('simpul.restoring', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO exec_dirty (kind, id) VALUES ('bill', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER exec_mark_bill AFTER INSERT OR UPDATE OR DELETE ON bills
  FOR EACH ROW EXECUTE FUNCTION exec_mark_bill();

-- One row per submitted application: what the summaries were last given (the "old" side of a
-- difference) and the rows behind every number (drill-down lists). Dates are local dates of
-- the region. state: unclaimed (nobody responded), in_process, with_applicant (sent back or
-- awaiting payment: the SLA clock stands still), done (approved or rejected), withdrawn.
CREATE TABLE exec_case_facts (
  application_id  uuid PRIMARY KEY,
  tracking_number text,
  agency_id       uuid NOT NULL,
  service_id      uuid NOT NULL,
  district        text NOT NULL DEFAULT '',
  channel         text NOT NULL,
  state           text NOT NULL CHECK (state IN ('unclaimed', 'in_process', 'with_applicant', 'done', 'withdrawn')),
  submitted_on    date NOT NULL,
  decided_on      date,
  due_on          date,
  activity_on     date NOT NULL,
  working_days    integer,
  sla_met         boolean,
  sent_back       boolean NOT NULL DEFAULT false,
  steps           jsonb NOT NULL DEFAULT '[]',
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX exec_case_facts_submitted_idx ON exec_case_facts (agency_id, submitted_on, application_id);
CREATE INDEX exec_case_facts_decided_idx ON exec_case_facts (agency_id, decided_on, application_id) WHERE decided_on IS NOT NULL;
CREATE INDEX exec_case_facts_submitted_day_idx ON exec_case_facts (submitted_on);
CREATE INDEX exec_case_facts_decided_day_idx ON exec_case_facts (decided_on) WHERE decided_on IS NOT NULL;
CREATE INDEX exec_case_facts_open_idx ON exec_case_facts (agency_id, due_on, application_id) WHERE state IN ('unclaimed', 'in_process', 'with_applicant');

-- Daily flow per agency × service × district × channel (local date of submission / decision).
-- Next to the detailed rows, rollup rows for the usual views (exec_durations and exec_steps too):
-- district '*' = all districts per day, district 'M' = all districts for the month (day = its
-- first), each with channel '*' (all channels) and per channel.
CREATE TABLE exec_daily (
  day               date NOT NULL,
  agency_id         uuid NOT NULL,
  service_id        uuid NOT NULL,
  district          text NOT NULL,
  channel           text NOT NULL,
  received          integer NOT NULL DEFAULT 0,
  completed         integer NOT NULL DEFAULT 0,
  completed_in_sla  integer NOT NULL DEFAULT 0,
  sent_back         integer NOT NULL DEFAULT 0,
  withdrawn         integer NOT NULL DEFAULT 0,
  -- Of the applications received that day, how many are done now (completion rate by cohort).
  received_done     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, day, service_id, district, channel)
);
CREATE INDEX exec_daily_day_idx ON exec_daily (day);
-- The "all" rows (district '*') and one district's rows of a period, without the others.
CREATE INDEX exec_daily_district_day_idx ON exec_daily (district, day);

-- Completed applications by working days taken (median and 90th percentile).
CREATE TABLE exec_durations (
  day           date NOT NULL,
  agency_id     uuid NOT NULL,
  service_id    uuid NOT NULL,
  district      text NOT NULL,
  channel       text NOT NULL,
  working_days  integer NOT NULL,
  n             integer NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, day, service_id, district, channel, working_days)
);
CREATE INDEX exec_durations_day_idx ON exec_durations (day);
-- The "all" rows (district '*') and one district's rows of a period, without the others.
CREATE INDEX exec_durations_district_day_idx ON exec_durations (district, day);

-- Finished step visits by local date of finishing: count, working time used, late visits.
CREATE TABLE exec_steps (
  day         date NOT NULL,
  agency_id   uuid NOT NULL,
  service_id  uuid NOT NULL,
  district    text NOT NULL,
  channel     text NOT NULL,
  step_name   text NOT NULL,
  n           integer NOT NULL DEFAULT 0,
  used_ms     bigint NOT NULL DEFAULT 0,
  late        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, day, service_id, district, channel, step_name)
);
CREATE INDEX exec_steps_day_idx ON exec_steps (day);
-- The "all" rows (district '*') and one district's rows of a period, without the others.
CREATE INDEX exec_steps_district_day_idx ON exec_steps (district, day);

-- Open applications now, by state, due date and date of last activity (backlog, ageing,
-- escalation). due_on '9999-12-31' = no deadline.
CREATE TABLE exec_open (
  agency_id    uuid NOT NULL,
  service_id   uuid NOT NULL,
  district     text NOT NULL,
  channel      text NOT NULL,
  state        text NOT NULL,
  due_on       date NOT NULL,
  activity_on  date NOT NULL,
  n            integer NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, service_id, district, channel, state, due_on, activity_on)
);

-- One row per bill (the old side of a difference).
CREATE TABLE exec_bill_facts (
  bill_id      uuid PRIMARY KEY,
  agency_id    uuid NOT NULL,
  service_id   uuid NOT NULL,
  status       text NOT NULL,
  issued_on    date NOT NULL,
  paid_on      date,
  amount       bigint NOT NULL,
  paid_amount  bigint NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Revenue per day: billed (issued that day, not cancelled), paid (paid that day), outstanding
-- (what bills issued that day still owe now).
CREATE TABLE exec_revenue (
  day          date NOT NULL,
  agency_id    uuid NOT NULL,
  service_id   uuid NOT NULL,
  billed       bigint NOT NULL DEFAULT 0,
  paid         bigint NOT NULL DEFAULT 0,
  outstanding  bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, day, service_id)
);
CREATE INDEX exec_revenue_day_idx ON exec_revenue (day);

-- Yearly revenue target per agency (whole Rupiah), set by executives or super admins.
CREATE TABLE exec_revenue_targets (
  agency_id   uuid NOT NULL,
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  amount      bigint NOT NULL CHECK (amount >= 0),
  set_by      uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, year)
);

-- Every application and bill already there is marked, so the first refresh builds the summaries.
INSERT INTO exec_dirty (kind, id) SELECT 'application', id FROM applications WHERE status <> 'draft';
INSERT INTO exec_dirty (kind, id) SELECT 'bill', id FROM bills;
