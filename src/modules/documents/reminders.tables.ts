// Kysely table types: document reminders (P-8), migration 0015. Merged into DB in platform/db/schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ReminderTables {}
