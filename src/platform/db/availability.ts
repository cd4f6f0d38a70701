// When the database cannot be reached (PostgreSQL restarting, failing over, an administrator's
// pg_terminate_backend, a network cut), requests answer 503 "try again shortly" instead of a
// 500, and the background loops wait and carry on by themselves. This module says which errors
// mean "the database is unavailable" as opposed to a fault in a query.

/** Thrown (or recognised) when the database is unreachable; the HTTP layer answers 503. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  readonly code = 'database_unavailable';
}

/**
 * SQLSTATEs of a lost or refused connection: class 08 (connection exception), 57P01
 * (admin shutdown), 57P02 (crash shutdown), 57P03 (cannot connect now: starting up or
 * shutting down), 53300 (too many connections).
 */
const unavailableSqlStates = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
/** Node socket errors of an unreachable server. */
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** Messages of node-postgres and pg-pool for the same situations (they carry no code). */
const unavailableMessages =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Connection closed|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|PGlite is closed|driver has already been destroyed/i;

/** True when `err` (or what it wraps) says the database could not be reached. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): boolean => {
    if (!e || typeof e !== 'object' || seen.has(e) || depth > 5) return false;
    seen.add(e);
    if (e instanceof DatabaseUnavailableError) return true;
    const { code, message, cause, errors } = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && (unavailableSqlStates.test(code) || socketCodes.has(code))) return true;
    if (typeof message === 'string' && unavailableMessages.test(message)) return true;
    if (Array.isArray(errors) && errors.some((x) => visit(x, depth + 1))) return true; // AggregateError (several addresses)
    return visit(cause, depth + 1);
  };
  return visit(err, 0);
}

/** What is logged of a connection error: its code and message only (never the connection string). */
export function connectionErrorSummary(err: unknown): { code?: string; message: string } {
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message.replace(/postgres(ql)?:\/\/\S+/gi, 'postgres://[redacted]').slice(0, 300) : String(err).slice(0, 300);
  return { ...(typeof e?.code === 'string' ? { code: e.code } : {}), message };
}
