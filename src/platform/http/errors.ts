// One error model: a stable code, an HTTP status and a message key. One handler (app.ts)
// renders it as an HTML page or as {"error": {code, message}} in the caller's language.
import type { MessageKey } from '../views/i18n.ts';

export interface FieldError {
  /** Form field / JSON property path, e.g. `nik` or `address.city`. */
  field: string;
  /** Message key in the catalogue. */
  key: MessageKey;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageKey: MessageKey,
    readonly params?: Record<string, string | number>,
    readonly fields?: FieldError[],
  ) {
    super(code);
  }
}

export const errors = {
  badRequest: (messageKey: MessageKey = 'error.bad_request', params?: Record<string, string | number>) =>
    new AppError('bad_request', 400, messageKey, params),
  validation: (fields: FieldError[]) => new AppError('validation_failed', 422, 'error.validation', undefined, fields),
  unauthenticated: () => new AppError('unauthenticated', 401, 'error.unauthenticated'),
  forbidden: () => new AppError('forbidden', 403, 'error.forbidden'),
  mfaRequired: () => new AppError('mfa_required', 403, 'error.mfa_required'),
  notFound: () => new AppError('not_found', 404, 'error.not_found'),
  conflict: (messageKey: MessageKey, field?: string) =>
    new AppError('conflict', 409, messageKey, undefined, field ? [{ field, key: messageKey }] : undefined),
  csrf: () => new AppError('csrf_invalid', 403, 'error.csrf'),
  tooLarge: () => new AppError('payload_too_large', 413, 'error.too_large'),
  rateLimited: (minutes: number) => new AppError('rate_limited', 429, 'error.rate_limited', { minutes }),
  locked: (minutes: number) => new AppError('account_locked', 423, 'error.locked', { minutes }),
  /** The database cannot be reached: 503 with Retry-After (see platform/db/availability.ts). */
  unavailable: () => new AppError('database_unavailable', 503, 'error.unavailable'),
  /** Too many uploads at once on this node: 503 with Retry-After, try again shortly. */
  busy: () => new AppError('busy', 503, 'error.busy'),
};

/** Seconds a client is asked to wait (Retry-After) when the service is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
