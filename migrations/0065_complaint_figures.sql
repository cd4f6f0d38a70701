-- Complaint-handling figures from a summary (issue 15 "fast on real volumes"; C-4, E-1): the
-- complaints module keeps, in the transaction of each of its domain events, one fact row per
-- received complaint (its figure key) and the count of complaints per key. A key is the local
-- day of receipt × routed agency ('' = not routed) × category × state × the flags the figures
-- need (a first-response deadline was set; answered by it; resolved; resolved within the tier;
-- reopened). A period reads the day rows of its days (complaints.figures.ts).
CREATE TABLE complaint_figure_facts (
  complaint_id uuid PRIMARY KEY,
  day          date NOT NULL,
  agency       text NOT NULL,
  category     text NOT NULL,
  status       text NOT NULL,
  response_due boolean NOT NULL,
  in_time      boolean NOT NULL,
  resolved     boolean NOT NULL,
  in_tier      boolean NOT NULL,
  reopened     boolean NOT NULL
);

CREATE TABLE complaint_figures_daily (
  day          date NOT NULL,
  agency       text NOT NULL,
  category     text NOT NULL,
  status       text NOT NULL,
  response_due boolean NOT NULL,
  in_time      boolean NOT NULL,
  resolved     boolean NOT NULL,
  in_tier      boolean NOT NULL,
  reopened     boolean NOT NULL,
  n            integer NOT NULL CHECK (n >= 0),
  PRIMARY KEY (day, agency, category, status, response_due, in_time, resolved, in_tier, reopened)
);
CREATE INDEX complaint_figures_daily_agency_day_idx ON complaint_figures_daily (agency, day);

-- Whether the summary holds every complaint. An installation that already has complaints
-- starts unbuilt: the first read (or `simpul executive rebuild`) builds it from the complaints.
CREATE TABLE complaint_figures_state (
  id    boolean PRIMARY KEY DEFAULT true CHECK (id),
  built boolean NOT NULL
);
INSERT INTO complaint_figures_state (id, built) SELECT true, NOT EXISTS (SELECT 1 FROM complaints);
