// Kysely table types: document reminders and renewals (P-8), migration 0015. Merged into DB in platform/db/schema.ts.
import type { ColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** One reminder (or the expiry notice) sent for a document; the key makes it once. */
export interface DocumentRemindersTable {
  document_id: string;
  kind: 'reminder' | 'expired';
  /** Days before the last day of validity; 0 for the expiry notice. */
  offset_days: number;
  /** `YYYY-MM-DD`, the region's date it was due on. */
  due_on: string;
  sent_at: Date;
}

/** A renewal application and the document it renews. */
export interface DocumentRenewalsTable {
  application_id: string;
  document_id: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ReminderTables {
  document_reminders: DocumentRemindersTable;
  document_renewals: DocumentRenewalsTable;
}
