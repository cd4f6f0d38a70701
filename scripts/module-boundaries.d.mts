export declare const baselineFile: string;
/** Every breach of the module walls in src/ now, sorted, one line each. */
export declare function check(): string[];
/** The known breaches listed in test/module-boundaries.baseline.txt. */
export declare function readBaseline(): string[];
/** The breaches now (sorted) and the module → modules arrows the scanner saw. */
export declare function scan(): { breaches: string[]; edges: Map<string, Set<string>> };
/** Owners of the tables still declared in platform/db/schema.ts ('platform' = below the modules). */
export declare const SCHEMA_OWNERS: Record<string, string>;
/** table → owning module ('platform' for the tables below the modules). */
export declare function tableOwners(): Map<string, string>;
/** The tables a source text touches: [table, how] pairs. */
export declare function tablesTouched(text: string): [string, string][];
/** Breaches of the table-ownership rule now. */
export declare function tableBreaches(): Set<string>;
