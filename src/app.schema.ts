// Composition of the database type, next to the composition root: each module owns the Kysely
// types of its tables (`<module>.tables.ts`) and they join platform's `DB` here, by declaration
// merging, so `src/platform` never imports a module (npm run boundaries) while every handle
// (`Executor`, `Trx`, `Database`) still sees every table. A module that adds tables adds its
// interface to the `extends` list below (the executive module still merges its own from
// executive.tables.ts; complaints and integration widen their own handles instead).
import type { PaymentTables } from './modules/payments/payments.tables.ts';
import type { ReminderTables } from './modules/documents/reminders.tables.ts';
import type { GovernanceInventoryTables } from './modules/governance/inventory.tables.ts';
import type { GovernancePlanningTables } from './modules/governance/planning.tables.ts';
import type { GovernanceRegisterTables } from './modules/governance/registers.tables.ts';

declare module './platform/db/schema.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DB extends PaymentTables, ReminderTables, GovernanceInventoryTables, GovernancePlanningTables, GovernanceRegisterTables {}
}
