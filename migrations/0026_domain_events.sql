-- Domain events in the transaction (platform/events) and one SLA clock per application.
--
-- A module records a domain event in the same transaction as the change it describes: a row
-- here (the outbox). Subscribers that must be atomic with the change run inside that
-- transaction; every other subscriber gets one durable job per (event, subscriber) in the
-- same transaction, so an event of a rolled-back transaction never reaches anyone. A durable
-- subscriber handles the event in a transaction that also inserts its row in
-- event_deliveries: a second run (a lease that ran out, a retry after a crash between the
-- commit and the job's bookkeeping) finds the row and does nothing, on any number of nodes.
CREATE TABLE domain_events (
  id           bigserial PRIMARY KEY,
  -- 'application.submitted', 'bill.paid', … (checked by the code's catalogue; the shape here)
  name         text NOT NULL CHECK (name ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$'),
  payload      jsonb NOT NULL,
  -- The transaction's time on the database clock (the business instant, if any, is in the payload).
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX domain_events_name_idx ON domain_events (name, id);

CREATE TABLE event_deliveries (
  event_id      bigint NOT NULL REFERENCES domain_events(id) ON DELETE CASCADE,
  -- The subscribing module ('notifications', 'documents', …).
  subscriber    text NOT NULL CHECK (subscriber ~ '^[a-z][a-z_]*$'),
  delivered_at  timestamptz NOT NULL DEFAULT now(),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, subscriber)
);

-- The SLA clock of an application stops while the applicant has the ball (a send-back for
-- correction, a fee to pay) and restarts when he returns it: every running deadline then moves
-- by the working time the clock stood still. Applications alone keep it (payments used to move
-- the deadlines itself from bills.hold_started_at).
ALTER TABLE applications
  ADD COLUMN sla_stopped_at   timestamptz,
  -- The status to go back to when a payment hold ends.
  ADD COLUMN sla_resume_status text CHECK (sla_resume_status IN ('submitted', 'in_process'));

-- Applications waiting at the upgrade keep their clocks: sent back since the correction's time,
-- held for payment since the hold recorded on their latest bill.
UPDATE applications
   SET sla_stopped_at = (correction->>'sentBackAt')::timestamptz
 WHERE status = 'sent_back' AND correction ? 'sentBackAt';
UPDATE applications a
   SET sla_stopped_at = b.since, sla_resume_status = b.held_status
  FROM (SELECT DISTINCT ON (application_id) application_id, coalesce(hold_started_at, issued_at) AS since, held_status
          FROM bills ORDER BY application_id, issued_at DESC) b
 WHERE a.id = b.application_id AND a.status = 'awaiting_payment';
