-- Executive summaries (E-1 … E-3) sized for a million applications: only rollup rows are kept
-- (all districts per day and per month, each for all channels and per channel); a district
-- cut, and durations or steps of a day or a week, are answered from the per-application facts
-- through the indexes below. Durations and steps are kept per month only.
DELETE FROM exec_daily WHERE district NOT IN ('*', 'M');
DELETE FROM exec_durations WHERE district <> 'M';
DELETE FROM exec_steps WHERE district <> 'M';

-- The open backlog: one rollup row per agency × service × state × due date × date of last
-- activity (district and channel '*'); dates before the floor are kept as the floor (see
-- executive.rollup.ts, clampDate). The floor moves forward with the refresh, never back.
CREATE TABLE exec_open_floor (
  id     boolean PRIMARY KEY DEFAULT true CHECK (id),
  floor  date
);
INSERT INTO exec_open_floor (id, floor) VALUES (true, NULL);
CREATE TABLE exec_open_old AS SELECT * FROM exec_open;
DELETE FROM exec_open;
INSERT INTO exec_open (agency_id, service_id, district, channel, state, due_on, activity_on, n)
  SELECT agency_id, service_id, '*', '*', state, due_on, activity_on, sum(n) FROM exec_open_old GROUP BY 1, 2, 5, 6, 7;
DROP TABLE exec_open_old;

-- Revenue per day (grain 'D') and per month (grain 'M', day = the first of the month).
ALTER TABLE exec_revenue ADD COLUMN grain text NOT NULL DEFAULT 'D' CHECK (grain IN ('D', 'M'));
ALTER TABLE exec_revenue DROP CONSTRAINT exec_revenue_pkey;
ALTER TABLE exec_revenue ADD PRIMARY KEY (agency_id, grain, day, service_id);
INSERT INTO exec_revenue (grain, day, agency_id, service_id, billed, paid, outstanding)
  SELECT 'M', date_trunc('month', day)::date, agency_id, service_id, sum(billed), sum(paid), sum(outstanding) FROM exec_revenue GROUP BY 2, 3, 4;
CREATE INDEX exec_revenue_grain_day_idx ON exec_revenue (grain, day);

-- District cuts and drill-down lists read the facts: by district and date, and in date order.
CREATE INDEX exec_case_facts_district_submitted_idx ON exec_case_facts (district, submitted_on);
CREATE INDEX exec_case_facts_district_decided_idx ON exec_case_facts (district, decided_on) WHERE decided_on IS NOT NULL;
CREATE INDEX exec_case_facts_open_district_idx ON exec_case_facts (district) WHERE state IN ('unclaimed', 'in_process', 'with_applicant');
CREATE INDEX exec_case_facts_activity_idx ON exec_case_facts (activity_on);
DROP INDEX exec_case_facts_submitted_day_idx;
DROP INDEX exec_case_facts_decided_day_idx;
CREATE INDEX exec_case_facts_submitted_day_idx ON exec_case_facts (submitted_on, application_id);
CREATE INDEX exec_case_facts_decided_day_idx ON exec_case_facts (decided_on, application_id) WHERE decided_on IS NOT NULL;
CREATE INDEX exec_case_facts_open_due_idx ON exec_case_facts (due_on, application_id) WHERE state IN ('unclaimed', 'in_process', 'with_applicant');
