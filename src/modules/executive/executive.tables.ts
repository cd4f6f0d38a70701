// Kysely types of the executive module's tables (migration 0042). Composed into DB in
// src/platform/db/schema.ts like the other modules' tables.
import type { ColumnType, Generated } from 'kysely';

type Bigint = ColumnType<number, number | bigint, number | bigint>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type LocalDate = ColumnType<string, string, string>;

export type CaseState = 'unclaimed' | 'in_process' | 'with_applicant' | 'done' | 'withdrawn';

export interface ExecDirtyTable {
  kind: 'application' | 'bill';
  id: string;
  marked_at: Generated<Date>;
}

export interface ExecCaseFactsTable {
  application_id: string;
  tracking_number: string | null;
  agency_id: string;
  service_id: string;
  district: string;
  channel: string;
  state: CaseState;
  submitted_on: LocalDate;
  decided_on: string | null;
  due_on: string | null;
  activity_on: LocalDate;
  working_days: number | null;
  sla_met: boolean | null;
  sent_back: boolean;
  steps: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
  updated_at: Stamp;
}

interface Cut {
  agency_id: string;
  service_id: string;
  district: string;
  channel: string;
}

export interface ExecDailyTable extends Cut {
  day: LocalDate;
  received: number;
  completed: number;
  completed_in_sla: number;
  sent_back: number;
  withdrawn: number;
  received_done: number;
}

export interface ExecDurationsTable extends Cut {
  day: LocalDate;
  working_days: number;
  n: number;
}

export interface ExecStepsTable extends Cut {
  day: LocalDate;
  step_name: string;
  n: number;
  used_ms: Bigint;
  late: number;
}

export interface ExecOpenTable extends Cut {
  state: string;
  due_on: LocalDate;
  activity_on: LocalDate;
  n: number;
}

export interface ExecOpenFloorTable {
  id: ColumnType<boolean, boolean | undefined, boolean>;
  floor: string | null;
}

export interface ExecBillFactsTable {
  bill_id: string;
  agency_id: string;
  service_id: string;
  status: string;
  issued_on: LocalDate;
  paid_on: string | null;
  amount: Bigint;
  paid_amount: Bigint;
  /** Matched bank credits, [{ day, amount }] (migration 0068). */
  credits: ColumnType<unknown, string | undefined, string>;
  created_at: Generated<Date>;
  updated_at: Stamp;
}

export interface ExecRevenueTable {
  /** 'D' per day, 'M' per month (day = the first). */
  grain: ColumnType<string, string | undefined, string>;
  day: LocalDate;
  agency_id: string;
  service_id: string;
  billed: Bigint;
  paid: Bigint;
  outstanding: Bigint;
  /** Matched bank credits booked that day or month (migration 0068). */
  reconciled: Generated<Bigint>;
}

export interface ExecRevenueTargetsTable {
  agency_id: string;
  year: number;
  amount: Bigint;
  set_by: string | null;
  created_at: Generated<Date>;
  updated_at: Stamp;
}

export interface ExecMonthlyReportsTable {
  /** The first day of the reported month (`YYYY-MM-DD`). */
  month: ColumnType<string, string, string>;
  pdf: Buffer;
  recipients: Generated<number>;
  created_at: Generated<Date>;
}

export interface ExecutiveTables {
  exec_monthly_reports: ExecMonthlyReportsTable;
  exec_dirty: ExecDirtyTable;
  exec_case_facts: ExecCaseFactsTable;
  exec_daily: ExecDailyTable;
  exec_durations: ExecDurationsTable;
  exec_steps: ExecStepsTable;
  exec_open: ExecOpenTable;
  exec_bill_facts: ExecBillFactsTable;
  exec_revenue: ExecRevenueTable;
  exec_revenue_targets: ExecRevenueTargetsTable;
  exec_open_floor: ExecOpenFloorTable;
}

// Composed into the database type by declaration merging from this side, so the platform does
// not import the module (the module walls: platform sits below the modules).
declare module '../../platform/db/schema.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DB extends ExecutiveTables {}
}
