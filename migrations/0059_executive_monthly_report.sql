-- Monthly executive report (issue 15 item 5): one row per reported month, claimed by the job in
-- the transaction that writes the e-mails to the outbox (exactly once with any number of nodes),
-- with the PDF the e-mails link to.
CREATE TABLE exec_monthly_reports (
  month       date PRIMARY KEY,
  pdf         bytea NOT NULL,
  recipients  integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now()
);
