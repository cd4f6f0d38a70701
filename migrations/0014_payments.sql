-- Payments (P-7): bills with a payment code (kode bayar), the applicant's confirmations, bank
-- credits imported from statements or pushed by a bank's callback, and their reconciliation.
-- Amounts are integer Rupiah in bigint; no floating point anywhere.

-- Receiving accounts: the region's treasury account (agency_id NULL) or an agency's own.
CREATE TABLE bank_accounts (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id        uuid REFERENCES agencies(id),
  bank_code        text NOT NULL,
  bank_name        text NOT NULL,
  account_number   text NOT NULL,
  account_name     text NOT NULL,
  active           boolean NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (bank_code, account_number)
);

-- An application waits for its fee while a bill is open.
ALTER TABLE applications DROP CONSTRAINT IF EXISTS applications_status_check;
ALTER TABLE applications ADD CONSTRAINT applications_status_check
  CHECK (status IN ('draft', 'submitted', 'withdrawn', 'in_process', 'sent_back', 'awaiting_payment', 'approved', 'rejected'));

CREATE TABLE bills (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id      uuid NOT NULL REFERENCES applications(id),
  agency_id           uuid NOT NULL REFERENCES agencies(id),
  service_id          uuid NOT NULL REFERENCES services(id),
  payer_id            uuid NOT NULL REFERENCES users(id),
  -- the SOP step visit that billed (NULL when billed on submission)
  step_id             uuid REFERENCES application_steps(id),
  payment_code        text NOT NULL UNIQUE CHECK (payment_code ~ '^[0-9A-Z]{8,20}$'),
  amount              bigint NOT NULL CHECK (amount > 0),
  paid_amount         bigint NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
  status              text NOT NULL DEFAULT 'unpaid'
                        CHECK (status IN ('unpaid', 'partially_paid', 'paid', 'expired', 'cancelled')),
  regulation          text NOT NULL DEFAULT '',
  issued_at           timestamptz NOT NULL,
  due_at              timestamptz NOT NULL,
  paid_at             timestamptz,
  expired_at          timestamptz,
  cancelled_at        timestamptz,
  cancel_reason       text,
  -- a reissued bill names the expired one it replaces
  replaces_bill_id    uuid REFERENCES bills(id),
  receipt_number      text UNIQUE,
  receipt_storage_key text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'paid' OR (paid_at IS NOT NULL AND paid_amount >= amount)),
  CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL)
);
-- at most one open bill per application
CREATE UNIQUE INDEX bills_open_per_application ON bills (application_id) WHERE status IN ('unpaid', 'partially_paid');
CREATE INDEX bills_agency_idx ON bills (agency_id, issued_at DESC);
CREATE INDEX bills_payer_idx ON bills (payer_id, issued_at DESC);
CREATE INDEX bills_open_due_idx ON bills (due_at) WHERE status IN ('unpaid', 'partially_paid');

-- Fee lines: rate × quantity, rounded to whole Rupiah; quantity is exact decimal.
CREATE TABLE bill_lines (
  bill_id          uuid NOT NULL REFERENCES bills(id) ON DELETE CASCADE,
  line_no          integer NOT NULL,
  label            text NOT NULL,
  unit             text,
  rate             bigint NOT NULL CHECK (rate >= 0),
  quantity         numeric(18, 4) NOT NULL DEFAULT 1 CHECK (quantity >= 0),
  amount           bigint NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (bill_id, line_no)
);

-- Receipt numbers (kuitansi) per agency and year.
CREATE TABLE receipt_counters (
  agency_id        uuid NOT NULL REFERENCES agencies(id),
  year             integer NOT NULL,
  last             integer NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, year)
);

-- The applicant's word that he paid: supporting evidence, never proof.
CREATE TABLE payment_confirmations (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bill_id          uuid NOT NULL REFERENCES bills(id),
  submitted_by     uuid REFERENCES users(id),
  channel          text NOT NULL CHECK (channel IN ('portal', 'sms', 'api')),
  proof_number     text NOT NULL,
  transferred_at   timestamptz NOT NULL,
  bank             text NOT NULL DEFAULT '',
  amount           bigint NOT NULL CHECK (amount > 0),
  slip_storage_key text,
  slip_mime        text,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'matched', 'not_matched')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (bill_id, proof_number)
);
CREATE INDEX payment_confirmations_pending_idx ON payment_confirmations (bill_id) WHERE status = 'pending';

-- Saved column mappings per bank (presets live in code).
CREATE TABLE statement_mappings (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name             text NOT NULL UNIQUE,
  bank_code        text NOT NULL,
  mapping          jsonb NOT NULL,
  updated_by       uuid REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- One uploaded statement file; the same bytes twice are one import.
CREATE TABLE statement_imports (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bank_account_id  uuid REFERENCES bank_accounts(id),
  file_name        text NOT NULL,
  sha256           text NOT NULL UNIQUE,
  mapping_name     text NOT NULL,
  -- the column mapping as it was when the file was uploaded (the job parses with it)
  mapping          jsonb,
  status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  total_lines      integer NOT NULL DEFAULT 0,
  processed_lines  integer NOT NULL DEFAULT 0,
  credit_lines     integer NOT NULL DEFAULT 0,
  matched          integer NOT NULL DEFAULT 0,
  manual           integer NOT NULL DEFAULT 0,
  duplicates       integer NOT NULL DEFAULT 0,
  storage_key      text,
  error            text,
  imported_by      uuid REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz
);

-- Money that reached a receiving account, from a statement line or a bank callback. The
-- fingerprint makes every credit count once, across overlapping statements and callbacks.
CREATE TABLE bank_credits (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  fingerprint      text NOT NULL UNIQUE,
  source           text NOT NULL CHECK (source IN ('statement', 'callback')),
  import_id        uuid REFERENCES statement_imports(id),
  bank_account_id  uuid REFERENCES bank_accounts(id),
  line_number      integer,
  booked_on        date NOT NULL,
  amount           bigint NOT NULL CHECK (amount > 0),
  description      text NOT NULL DEFAULT '',
  reference        text,
  status           text NOT NULL CHECK (status IN ('matched', 'manual', 'ignored')),
  manual_reason    text,
  candidates       jsonb NOT NULL DEFAULT '[]',
  suggested_bill_id uuid REFERENCES bills(id),
  bill_id          uuid REFERENCES bills(id),
  matched_at       timestamptz,
  matched_by       uuid REFERENCES users(id),
  resolution_note  text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'matched' OR (bill_id IS NOT NULL AND matched_at IS NOT NULL)),
  CHECK (status <> 'manual' OR manual_reason IS NOT NULL)
);
CREATE INDEX bank_credits_manual_idx ON bank_credits (created_at, id) WHERE status = 'manual';
CREATE INDEX bank_credits_bill_idx ON bank_credits (bill_id) WHERE bill_id IS NOT NULL;
CREATE INDEX bank_credits_booked_idx ON bank_credits (booked_on);

-- The daily reconciliation summary e-mail (P-7): one row per local day, inserted by the node
-- that sends it in the same transaction as the e-mails, so the summary goes out once.
CREATE TABLE payment_daily_summaries (
  day              date PRIMARY KEY,
  recipients       integer NOT NULL DEFAULT 0,
  sent_at          timestamptz NOT NULL DEFAULT now()
);
-- Billing (BILLING): how long the application has been waiting for its fee and what it goes
-- back to once paid; a reissued bill carries both over from the bill it replaces.
ALTER TABLE bills
  ADD COLUMN hold_started_at timestamptz,
  ADD COLUMN held_status     text CHECK (held_status IN ('submitted', 'in_process')),
  ADD COLUMN cancelled_by    uuid REFERENCES users(id);

-- Notification events of payments: a bill issued, a payment received.
ALTER TABLE message_templates DROP CONSTRAINT IF EXISTS message_templates_event_check;
ALTER TABLE message_templates ADD CONSTRAINT message_templates_event_check
  CHECK (event IN ('submitted', 'claimed', 'sent_back', 'resubmitted', 'approved', 'rejected', 'overdue', 'billed', 'payment_received'));
