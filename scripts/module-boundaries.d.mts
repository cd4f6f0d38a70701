export declare const baselineFile: string;
/** Every breach of the module walls in src/ now, sorted, one line each. */
export declare function check(): string[];
/** The known breaches listed in test/module-boundaries.baseline.txt. */
export declare function readBaseline(): string[];
