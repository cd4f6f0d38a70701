// Structured logs (pino) that never carry personal data or secrets (S-3):
//  - fields with personal or secret names (nik, phone, email, password, token, code, …) are
//    replaced by '[redacted]' at any depth;
//  - free text (messages, error messages and stacks, URLs) is scrubbed of e-mail addresses
//    and long digit runs (NIK, NPWP, NIB, phone numbers);
//  - errors are reduced to type, code, message and stack: database errors' `detail`
//    ("Key (nik)=(…) already exists") and PGlite's statement `params` are dropped;
//  - request URLs are logged without their query string (which may carry an e-mail or a
//    token), and request logs carry no headers (cookies, authorization).
import pino from 'pino';
import type { Config } from '../config.ts';

export type Logger = pino.Logger;

const CENSOR = '[redacted]';

/** Field names whose values are never logged (compared case-insensitively, `_`/`-` ignored). */
const sensitiveNames = new Set([
  'nik',
  'npwp',
  'phone',
  'mobile',
  'email',
  'password',
  'passwordhash',
  'passwordconfirm',
  'currentpassword',
  'newpassword',
  'token',
  'code',
  'secret',
  'totpsecret',
  'authorization',
  'cookie',
  'setcookie',
  'address',
  'birthdate',
  'params',
  'parameters',
  'detail',
]);

function isSensitiveName(key: string): boolean {
  const k = key.toLowerCase().replace(/[_-]/g, '');
  if (sensitiveNames.has(k)) return true;
  // sessionToken, csrfToken, tokenHash, codeHash, apiSecret, recoveryCodes, …
  return /token|password|secret|codehash|otp/.test(k);
}

// Kept for the fast path of pino's own redaction (top level and one level down).
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.nik',
  '*.phone',
  '*.email',
  '*.token',
];

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** Ten or more digits, optionally separated by single spaces or dashes, optionally with '+'. */
const NUMBER_RE = /(?<![\w-])\+?\d(?:[ -]?\d){9,}(?![\w-])/g;

/** Removes e-mail addresses and identifying numbers (NIK, NPWP, phone) from free text. */
export function scrubText(text: string): string {
  return text.replace(EMAIL_RE, '[email]').replace(NUMBER_RE, '[number]');
}

/** The path of a request URL without its query string, decoded and scrubbed. */
export function safePath(url: string): string {
  const path = url.split('?')[0] ?? '';
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    /* malformed escapes: scrub as it is */
  }
  return scrubText(decoded).slice(0, 500);
}

interface SafeError {
  type: string;
  message: string;
  code?: string | number;
  stack?: string;
  cause?: SafeError;
}

/** An error as it may be logged: no `detail`, `params`, `query` or other attached data. */
export function safeError(err: unknown, depth = 0): SafeError | string {
  if (!(err instanceof Error)) return scrubText(String(err)).slice(0, 2000);
  const e = err as Error & { code?: unknown; cause?: unknown };
  const out: SafeError = { type: e.constructor?.name ?? 'Error', message: scrubText(e.message ?? '') };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (e.stack) out.stack = scrubText(e.stack);
  if (e.cause !== undefined && depth < 3) {
    const cause = safeError(e.cause, depth + 1);
    if (typeof cause !== 'string') out.cause = cause;
  }
  return out;
}

/** A copy of a log object with sensitive fields censored and free text scrubbed. */
function clean(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return safeError(value);
  if (value instanceof Date) return value;
  if (depth > 6) return '[depth]';
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  // Class instances (Fastify's request and reply) are left to their serializers.
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = isSensitiveName(k) && v !== null && v !== undefined ? CENSOR : clean(v, depth + 1);
  }
  return out;
}

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: redactPaths, censor: CENSOR },
      formatters: {
        log: (obj) => clean(obj, 0) as Record<string, unknown>,
      },
      hooks: {
        // The message and its %s arguments are free text too.
        logMethod(args, method) {
          // `log.error(err)` would use the raw error message as the log message.
          const [first, second] = args as unknown[];
          if (first instanceof Error && typeof second !== 'string') {
            return method.apply(this, [{ err: first }, scrubText(first.message)] as unknown as Parameters<typeof method>);
          }
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>;
          return method.apply(this, scrubbed);
        },
      },
      serializers: {
        // Errors are already reduced by the log formatter; this catches `log.error(err)`.
        err: (e: unknown) => (e instanceof Error ? safeError(e) : e),
        req(req: { method: string; url: string; id: string }) {
          return { id: req.id, method: req.method, url: safePath(req.url) };
        },
        res(res: { statusCode: number }) {
          return { statusCode: res.statusCode };
        },
      },
    },
    destination,
  );
}
