// Kysely table types: SPBE self-assessment, PeGI, master plan, roadmap, maturity (G-2, G-3, G-8, G-15), migration 0017. Merged into DB in platform/db/schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface GovernancePlanningTables {}
