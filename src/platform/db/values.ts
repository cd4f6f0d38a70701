// Reading values and errors the same way on both engines (node-postgres and PGlite), in one
// place instead of a copy per module.
//
// - jsonb: both drivers hand back parsed values. A value written double-encoded (a JSON string
//   stored as a jsonb string) or read as text (`::text`, a `json` built in SQL on some paths)
//   arrives as a string; `parseJson` accepts either.
// - Unique violations: SQLSTATE 23505 on both. node-postgres and PGlite both fill `constraint`,
//   but not every path does (errors re-thrown through a savepoint, older PGlite builds), so the
//   constraint name is also looked for in the message and detail.

/** A json/jsonb value as read: parsed already, or a JSON text to parse. Throws on malformed text. */
export function parseJson<T = unknown>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export interface UniqueViolation {
  /** The violated constraint's name, when the driver gave it. */
  constraint: string | null;
  message: string;
  detail: string;
}

/** The unique violation (SQLSTATE 23505) carried by `err`, or null for any other error. */
export function uniqueViolation(err: unknown): UniqueViolation | null {
  if (!err || typeof err !== 'object' || (err as { code?: unknown }).code !== '23505') return null;
  const e = err as { constraint?: unknown; message?: unknown; detail?: unknown };
  return {
    constraint: typeof e.constraint === 'string' && e.constraint ? e.constraint : null,
    message: typeof e.message === 'string' ? e.message : '',
    detail: typeof e.detail === 'string' ? e.detail : '',
  };
}

/** Whether `err` is a unique violation (of `constraint`, when given). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const v = uniqueViolation(err);
  if (!v) return false;
  if (!constraint) return true;
  return v.constraint === constraint || v.message.includes(constraint) || v.detail.includes(constraint);
}

/** Escapes LIKE wildcards so a search for "50%" means those characters (matches anywhere). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
