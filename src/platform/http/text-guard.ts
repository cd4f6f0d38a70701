// Invalid text is refused at the edge (S-5): a NUL character (U+0000) or a lone UTF-16
// surrogate cannot be stored in PostgreSQL's text or jsonb and made sign-in lookups, API path
// parameters and form data stored as JSON fail with 500. One hook checks the decoded path,
// the query, the route parameters (onRequest, before any handler runs) and every string of
// the parsed body (preValidation, after parsing, before validation and CSRF); a request
// carrying such text gets 400 `invalid_text` naming the field, in the caller's language.
import type { FastifyInstance } from 'fastify';
import { AppError, type FieldError } from './errors.ts';
import { defineMessages } from '../views/i18n.ts';

export const textGuardMessages = defineMessages({
  id: {
    'error.invalid_text': 'Data yang dikirim memuat karakter yang tidak sah (misalnya karakter NUL). Hapus karakter tersebut lalu kirim lagi.',
    'error.invalid_text.field': 'Isian ini memuat karakter yang tidak sah.',
  },
  en: {
    'error.invalid_text': 'The data sent contains characters that are not allowed (such as a NUL character). Remove them and send again.',
    'error.invalid_text.field': 'This field contains characters that are not allowed.',
  },
});

/** NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const invalidText = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasInvalidText(s: string): boolean {
  return invalidText.test(s);
}

/** The same string without the characters `hasInvalidText` refuses (for showing a form again). */
export function withoutInvalidText(s: string): string {
  return s.replace(new RegExp(invalidText.source, 'g'), '');
}

const MAX_DEPTH = 32;
const MAX_FIELDS = 20;

/** Paths (`a.b[2]`) of the strings (values and keys) in `value` that hold invalid text. */
export function findInvalidText(value: unknown, path = '', out: string[] = [], depth = 0): string[] {
  if (out.length >= MAX_FIELDS || depth > MAX_DEPTH) return out;
  if (typeof value === 'string') {
    if (hasInvalidText(value)) out.push(path || 'body');
    return out;
  }
  if (!value || typeof value !== 'object' || Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => findInvalidText(v, `${path}[${i}]`, out, depth + 1));
    return out;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const p = path ? `${path}.${withoutInvalidText(k)}` : withoutInvalidText(k);
    if (hasInvalidText(k)) out.push(p);
    findInvalidText(v, p, out, depth + 1);
  }
  return out;
}

export function invalidTextError(paths: string[]): AppError {
  const fields: FieldError[] = [...new Set(paths)].map((field) => ({ field, key: 'error.invalid_text.field' }));
  return new AppError('invalid_text', 400, 'error.invalid_text', undefined, fields);
}

/** Strips invalid text from the string values of a flat form body (kept to show the form again). */
export function cleanFormBody(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) out[withoutInvalidText(k)] = typeof v === 'string' ? withoutInvalidText(v) : v;
  return out;
}

function decodedPath(url: string): string {
  const raw = url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // not percent-decodable: routing answers 400/404 on its own
  }
}

/** Registers the hooks on the root instance (after the request context, so errors speak the caller's language). */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const bad: string[] = [];
    if (hasInvalidText(decodedPath(request.url))) bad.push('path');
    findInvalidText(request.params, '', bad);
    findInvalidText(request.query, '', bad);
    if (bad.length) throw invalidTextError(bad);
  });
  app.addHook('preValidation', async (request) => {
    const body = request.body;
    if (body === undefined || body === null) return;
    const bad = findInvalidText(body);
    if (!bad.length) return;
    // Keep what was typed (without the refused characters) so a form can be shown again.
    if (typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) request.body = cleanFormBody(body as Record<string, unknown>);
    throw invalidTextError(bad);
  });
}
