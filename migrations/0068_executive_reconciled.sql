-- Reconciled revenue from the executive summaries (issue 15): the bank credits matched to a bill
-- travel with the bill's facts (payments' face), so the dashboard reads them from exec_revenue
-- like billed and paid instead of joining the payments module's tables per request. Matching a
-- credit changes the bill (paid or partially paid: a domain event marks it), which brings the
-- credits into the summaries. Bills with matched credits are marked here so the refresh job
-- fills the new column for what is there already.
ALTER TABLE exec_bill_facts ADD COLUMN credits jsonb NOT NULL DEFAULT '[]';
ALTER TABLE exec_revenue ADD COLUMN reconciled bigint NOT NULL DEFAULT 0;
INSERT INTO exec_dirty (kind, id)
  SELECT DISTINCT 'bill', bill_id FROM bank_credits WHERE status = 'matched' AND bill_id IS NOT NULL
  ON CONFLICT DO NOTHING;
