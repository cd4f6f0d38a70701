// Request validation with Zod. The same schemas validate HTML forms and JSON bodies and
// produce the OpenAPI document. Custom checks use message *keys* (e.g. 'nik.birthdate') as
// their message; built-in checks map to generic keys by issue code.
import { z } from 'zod';
import { AppError, errors, type FieldError } from './errors.ts';
import { hasMessage } from '../views/i18n.ts';

function keyOf(issue: z.core.$ZodIssue, input: unknown): FieldError {
  const field = issue.path.map(String).join('.');
  if (issue.message && hasMessage(issue.message)) return { field, key: issue.message };
  const value = issue.path.reduce<unknown>(
    (acc, p) => (acc && typeof acc === 'object' ? (acc as Record<PropertyKey, unknown>)[p as PropertyKey] : undefined),
    input,
  );
  const empty = value === undefined || value === null || value === '';
  switch (issue.code) {
    case 'invalid_type':
      return { field, key: empty ? 'validation.required' : 'validation.invalid' };
    case 'too_small':
      if (empty) return { field, key: 'validation.required' };
      return issue.origin === 'string'
        ? { field, key: 'validation.too_short', params: { min: Number(issue.minimum) } }
        : { field, key: 'validation.too_small', params: { min: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'string'
        ? { field, key: 'validation.too_long', params: { max: Number(issue.maximum) } }
        : { field, key: 'validation.too_big', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      return { field, key: issue.format === 'email' ? 'validation.email' : 'validation.invalid' };
    case 'invalid_value':
      return { field, key: empty ? 'validation.required' : 'validation.choice' };
    case 'unrecognized_keys':
      return { field: issue.keys.join(','), key: 'validation.unknown_field' };
    default:
      return { field, key: 'validation.invalid' };
  }
}

export type Validated<T> = { ok: true; data: T } | { ok: false; fields: FieldError[] };

export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  for (const issue of result.error.issues) {
    const fe = keyOf(issue, input);
    if (seen.has(fe.field)) continue; // one message per field: the first
    seen.add(fe.field);
    fields.push(fe);
  }
  return { ok: false, fields };
}

/** Validates or throws a 422 AppError carrying the field errors. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = validate(schema, input);
  if (!r.ok) throw errors.validation(r.fields);
  return r.data;
}

export function fieldErrorsOf(err: unknown): FieldError[] | undefined {
  return err instanceof AppError ? err.fields : undefined;
}

/** Form text input: trims, turns '' into undefined so `.optional()` works for empty fields. */
export const formText = (max = 200) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v), z.string().max(max));
