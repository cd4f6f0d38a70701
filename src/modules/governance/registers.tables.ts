// Kysely table types: coordination requests, audits and registers (G-1, G-7, G-10, G-11, G-13, G-14), migration 0018. Merged into DB in platform/db/schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface GovernanceRegisterTables {}
