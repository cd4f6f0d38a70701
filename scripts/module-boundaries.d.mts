export declare const baselineFile: string;
/** Every breach of the module walls in src/ now, sorted, one line each. */
export declare function check(): string[];
/** The known breaches listed in test/module-boundaries.baseline.txt. */
export declare function readBaseline(): string[];
/** The breaches now (sorted) and the module → modules arrows the scanner saw. */
export declare function scan(): { breaches: string[]; edges: Map<string, Set<string>> };
