// Validates the values an applicant submitted against the form version the application is
// filed on (pure; no database). Only visible fields count: `visibleIf` is evaluated on the
// submitted values. Unknown fields are ignored. Returns the normalised data (numbers as
// numbers, yes/no as booleans, NIK/NIB digits only, phones in E.164) and the field errors
// with message keys (applications.messages.ts).
import { readAddress } from '../../platform/area/areas.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import type { FormDefinition, FormField } from '../catalog/index.ts';
import { normalizeMobilePhone, validateNib, validateNik } from '../identity/index.ts';
import { type MessageKey, messageKeyOr } from '../../platform/views/i18n.ts';

export type RawValues = Record<string, string | string[] | undefined>;
export type FormData = Record<string, unknown>;

export interface ValidationResult {
  data: FormData;
  errors: FieldError[];
}

export interface ValidateOptions {
  /** File fields that already have an upload (on the draft or in this request). */
  attachedFiles?: ReadonlySet<string>;
  /** Check `required` (submit) or only formats (saving a draft). */
  requireComplete?: boolean;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function first(v: string | string[] | undefined): string {
  return ((Array.isArray(v) ? v[0] : v) ?? '').trim();
}

function all(v: string | string[] | undefined): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter((s) => s !== '');
}

export function isValidDate(s: string): boolean {
  const m = datePattern.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** All fields of the form by key. */
export function fieldsOf(form: FormDefinition): Map<string, FormField> {
  return new Map(form.sections.flatMap((s) => s.fields.map((f) => [f.key, f] as const)));
}

/** Whether `field` applies given the submitted values (its condition, and its condition's field's, hold). */
export function isVisible(field: FormField, values: RawValues, byKey: Map<string, FormField>, seen = new Set<string>()): boolean {
  if (!field.visibleIf) return true;
  if (seen.has(field.key)) return false;
  seen.add(field.key);
  const target = byKey.get(field.visibleIf.field);
  if (target && !isVisible(target, values, byKey, seen)) return false;
  const expected = String(field.visibleIf.equals);
  const got = values[field.visibleIf.field];
  return Array.isArray(got) ? got.map((s) => s.trim()).includes(expected) : first(got) === expected;
}

function safeRegex(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return null;
  }
}

export function validateFormData(form: FormDefinition, values: RawValues, opts: ValidateOptions = {}): ValidationResult {
  const requireComplete = opts.requireComplete ?? true;
  const attached = opts.attachedFiles ?? new Set<string>();
  const byKey = fieldsOf(form);
  const data: FormData = {};
  const errors: FieldError[] = [];
  const fail = (field: string, key: MessageKey, params?: Record<string, string | number>) => errors.push({ field, key, params });

  for (const f of byKey.values()) {
    if (!isVisible(f, values, byKey)) continue;
    const required = requireComplete && f.required;

    if (f.type === 'file') {
      if (required && !attached.has(f.key)) fail(f.key, 'applications.v.file_required');
      continue;
    }

    if (f.type === 'address') {
      // Official region codes, each inside the one above (platform/area/areas.ts).
      const r = readAddress(values, f.key, { deepest: f.addressLevel ?? 'village', required, partial: !requireComplete });
      errors.push(...r.errors);
      if (r.value) data[f.key] = r.value;
      continue;
    }

    if (f.type === 'choice' && f.multiple) {
      const chosen = [...new Set(all(values[f.key]))];
      if (chosen.length === 0) {
        if (required) fail(f.key, 'applications.v.required');
        continue;
      }
      const allowed = new Set(f.options.map((o) => o.value));
      if (chosen.some((c) => !allowed.has(c))) fail(f.key, 'applications.v.choice');
      else data[f.key] = chosen;
      continue;
    }

    const raw = first(values[f.key]);
    if (raw === '') {
      if (required) fail(f.key, 'applications.v.required');
      continue;
    }

    switch (f.type) {
      case 'text':
      case 'textarea': {
        const len = [...raw].length;
        const max = f.rules.maxLength ?? (f.type === 'text' ? 500 : 10_000);
        if (f.rules.minLength !== undefined && len < f.rules.minLength) fail(f.key, 'applications.v.min_length', { min: f.rules.minLength });
        else if (len > max) fail(f.key, 'applications.v.max_length', { max });
        else if (f.rules.pattern && !safeRegex(f.rules.pattern)?.test(raw)) fail(f.key, 'applications.v.pattern');
        else data[f.key] = raw;
        break;
      }
      case 'number': {
        const normalised = raw.replace(/\s/g, '').replace(',', '.');
        const n = /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : NaN;
        if (!Number.isFinite(n)) fail(f.key, 'applications.v.number');
        else if (f.rules.min !== undefined && n < f.rules.min) fail(f.key, 'applications.v.min', { min: f.rules.min });
        else if (f.rules.max !== undefined && n > f.rules.max) fail(f.key, 'applications.v.max', { max: f.rules.max });
        else data[f.key] = n;
        break;
      }
      case 'date': {
        if (!isValidDate(raw)) fail(f.key, 'applications.v.date');
        else if (f.rules.minDate && raw < f.rules.minDate) fail(f.key, 'applications.v.min_date', { min: f.rules.minDate });
        else if (f.rules.maxDate && raw > f.rules.maxDate) fail(f.key, 'applications.v.max_date', { max: f.rules.maxDate });
        else data[f.key] = raw;
        break;
      }
      case 'choice': {
        if (!f.options.some((o) => o.value === raw)) fail(f.key, 'applications.v.choice');
        else data[f.key] = raw;
        break;
      }
      case 'yesno': {
        if (raw !== 'true' && raw !== 'false') fail(f.key, 'applications.v.yesno');
        else data[f.key] = raw === 'true';
        break;
      }
      case 'nik': {
        const r = validateNik(raw);
        if (!r.ok) fail(f.key, r.code === 'nik.format' ? 'applications.v.nik' : messageKeyOr(`applications.v.${r.code.replace('.', '_')}`, 'applications.v.nik'));
        else data[f.key] = r.nik;
        break;
      }
      case 'nib': {
        const r = validateNib(raw);
        if (!r.ok) fail(f.key, 'applications.v.nib');
        else data[f.key] = r.nib;
        break;
      }
      case 'phone': {
        const r = normalizeMobilePhone(raw);
        if (!r.ok) fail(f.key, 'applications.v.phone');
        else data[f.key] = r.e164;
        break;
      }
      case 'email': {
        if (raw.length > 254 || !emailPattern.test(raw)) fail(f.key, 'applications.v.email');
        else data[f.key] = raw.toLowerCase();
        break;
      }
    }
  }
  return { data, errors };
}

/** Form data stored on an application, back as input values (to show the form again). */
export function toRenderValues(data: FormData): RawValues {
  const out: RawValues = {};
  for (const [k, v] of Object.entries(data ?? {})) {
    if (Array.isArray(v)) out[k] = v.map(String);
    else if (v && typeof v === 'object') for (const [sub, sv] of Object.entries(v)) out[`${k}.${sub}`] = String(sv);
    else if (v !== null && v !== undefined) out[k] = String(v);
  }
  return out;
}
