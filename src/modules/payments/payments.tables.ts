// Kysely table types of the payments module (migration 0014). Amounts are integer Rupiah in
// bigint columns; platform/db parses int8 to number on both engines (safe below 2^53).
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../platform/db/schema.ts';

/** bigint column of integer Rupiah. */
export type Bigint = number;

export type BillStatus = 'unpaid' | 'partially_paid' | 'paid' | 'expired' | 'cancelled';

export interface BankAccountsTable {
  id: Generated<string>;
  agency_id: string | null;
  bank_code: string;
  bank_name: string;
  account_number: string;
  account_name: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BillsTable {
  id: Generated<string>;
  application_id: string;
  agency_id: string;
  service_id: string;
  payer_id: string;
  step_id: string | null;
  payment_code: string;
  amount: Bigint;
  paid_amount: Generated<Bigint>;
  status: Generated<BillStatus>;
  regulation: Generated<string>;
  issued_at: Date;
  due_at: Date;
  paid_at: Date | null;
  expired_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  replaces_bill_id: string | null;
  receipt_number: string | null;
  receipt_storage_key: string | null;
  /** When the application started waiting for its fee (kept across reissues). */
  hold_started_at: Date | null;
  /** The application's status before the hold, restored once paid. */
  held_status: 'submitted' | 'in_process' | null;
  cancelled_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BillLinesTable {
  bill_id: string;
  line_no: number;
  label: string;
  unit: string | null;
  rate: Bigint;
  /** numeric(18,4): exact decimal, read as string. */
  quantity: ColumnType<string, string | number, string | number>;
  amount: Bigint;
}

export interface ReceiptCountersTable {
  agency_id: string;
  year: number;
  last: Generated<number>;
}

export interface PaymentConfirmationsTable {
  id: Generated<string>;
  bill_id: string;
  submitted_by: string | null;
  channel: 'portal' | 'sms' | 'api';
  proof_number: string;
  transferred_at: Date;
  bank: Generated<string>;
  amount: Bigint;
  slip_storage_key: string | null;
  slip_mime: string | null;
  status: Generated<'pending' | 'matched' | 'not_matched'>;
  created_at: CreatedAt;
}

export interface StatementMappingsTable {
  id: Generated<string>;
  name: string;
  bank_code: string;
  mapping: ColumnType<unknown, string, string>;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface StatementImportsTable {
  id: Generated<string>;
  bank_account_id: string | null;
  file_name: string;
  sha256: string;
  mapping_name: string;
  mapping: ColumnType<unknown, string | null | undefined, string | null>;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  total_lines: Generated<number>;
  processed_lines: Generated<number>;
  credit_lines: Generated<number>;
  matched: Generated<number>;
  manual: Generated<number>;
  duplicates: Generated<number>;
  storage_key: string | null;
  error: string | null;
  imported_by: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface BankCreditsTable {
  id: Generated<string>;
  fingerprint: string;
  source: 'statement' | 'callback';
  import_id: string | null;
  bank_account_id: string | null;
  line_number: number | null;
  /** date: `YYYY-MM-DD` (see the date type parser in platform/db). */
  booked_on: ColumnType<string, string, string>;
  amount: Bigint;
  description: Generated<string>;
  reference: string | null;
  status: 'matched' | 'manual' | 'ignored';
  manual_reason: string | null;
  candidates: ColumnType<string[], string | undefined, string>;
  suggested_bill_id: string | null;
  bill_id: string | null;
  matched_at: Date | null;
  matched_by: string | null;
  resolution_note: string | null;
  created_at: CreatedAt;
}

export interface PaymentTables {
  bank_accounts: BankAccountsTable;
  bills: BillsTable;
  bill_lines: BillLinesTable;
  receipt_counters: ReceiptCountersTable;
  payment_confirmations: PaymentConfirmationsTable;
  statement_mappings: StatementMappingsTable;
  statement_imports: StatementImportsTable;
  bank_credits: BankCreditsTable;
}
