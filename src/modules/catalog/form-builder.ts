// Helpers for the back-office editors of a service: reading plain HTML form posts (flat
// name → value maps) into the catalogue's structures and back, and the small list and form
// operations (add, replace, remove, move). Pure functions: no I/O, no authorisation. The
// catalogue schemas and rules stay the judges of what is valid; these only translate what a
// person typed and give a message key when it cannot be read at all.
import type { FieldError } from '../../platform/http/errors.ts';
import { fieldTypes, type FieldType, type FormDefinition, type FormField, type ServiceContent } from './catalog.schemas.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

/** A form post as @fastify/formbody gives it: repeated names become arrays. */
export type FormValues = Record<string, string | string[] | undefined>;

/** The first value of a name, trimmed ('' when absent). */
export function str(values: FormValues, name: string): string {
  const v = values[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.trim() : '';
}

/** The first value, untrimmed (for long texts such as JSON or option lists). */
export function raw(values: FormValues, name: string): string {
  const v = values[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}

/** Every value of a repeated name (checkboxes), trimmed, empty ones dropped. */
export function list(values: FormValues, name: string): string[] {
  const v = values[name];
  const all = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return all.map((s) => s.trim()).filter(Boolean);
}

/** A checkbox or yes/no radio: 'on', 'true', 'ya', 'yes', '1'. */
export function bool(values: FormValues, name: string): boolean {
  return ['on', 'true', 'ya', 'yes', '1'].includes(str(values, name).toLowerCase());
}

/** The body of a request as FormValues, dropping anything that is not a string. */
export function formValuesOf(body: unknown): FormValues {
  const out: FormValues = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; key: MessageKey; params?: Record<string, string | number> };

/** Largest amount the catalogue accepts (Rp 1 trillion), as in `rupiah` of the schemas. */
export const MAX_RUPIAH = 1_000_000_000_000;

/**
 * Integer Rupiah from what a person types: `1250000`, `1.250.000`, `Rp 1.250.000`,
 * `Rp1.250.000,-` or `Rp 1.250.000,00`. Never a float: decimals other than `,00` / `,-`
 * (e.g. `12,5`), misplaced thousands separators and anything else are refused.
 */
export function parseRupiah(input: string): Parsed<number> {
  let s = input.trim().replace(/\s+/g, ' ');
  if (!s) return { ok: false, key: 'validation.required' };
  s = s.replace(/^rp\.?\s?/i, '');
  s = s.replace(/,(-|00?)$/, '');
  if (/[,]/.test(s)) return { ok: false, key: 'catalog.bo.rupiah_decimal' };
  let digits: string;
  if (/^\d+$/.test(s)) digits = s;
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) digits = s.replace(/\./g, '');
  else return { ok: false, key: 'catalog.bo.rupiah_format' };
  if (digits.length > 13) return { ok: false, key: 'catalog.bo.rupiah_too_big' };
  const value = Number(digits);
  if (!Number.isSafeInteger(value) || value > MAX_RUPIAH) return { ok: false, key: 'catalog.bo.rupiah_too_big' };
  return { ok: true, value };
}

/** `1250000` → `1.250.000` (for showing an amount back in its input). */
export function formatRupiahInput(amount: number): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A whole number in [min, max]; '' → null (empty). */
export function parseWhole(input: string, min: number, max: number): Parsed<number | null> {
  const s = input.trim();
  if (!s) return { ok: true, value: null };
  if (!/^\d+$/.test(s)) return { ok: false, key: 'catalog.bo.whole_number' };
  const n = Number(s);
  if (n < min) return { ok: false, key: 'validation.too_small', params: { min } };
  if (n > max) return { ok: false, key: 'validation.too_big', params: { max } };
  return { ok: true, value: n };
}

/** A decimal number (`-2`, `2.5`, `2,5`); '' → undefined. */
export function parseDecimal(input: string): Parsed<number | undefined> {
  const s = input.trim();
  if (!s) return { ok: true, value: undefined };
  if (!/^-?\d{1,15}([.,]\d{1,6})?$/.test(s)) return { ok: false, key: 'catalog.bo.number' };
  return { ok: true, value: Number(s.replace(',', '.')) };
}

/** A calendar date `YYYY-MM-DD` that exists; '' → undefined. */
export function parseDate(input: string): Parsed<string | undefined> {
  const s = input.trim();
  if (!s) return { ok: true, value: undefined };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return { ok: false, key: 'catalog.bo.date' };
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== s) return { ok: false, key: 'catalog.bo.date' };
  return { ok: true, value: s };
}

/** Comma-separated keywords → list (trimmed, no empties, no duplicates). */
export function parseKeywords(input: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of input.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean)) {
    const low = k.toLowerCase();
    if (seen.has(low)) continue;
    seen.add(low);
    out.push(k);
  }
  return out;
}

/** A machine key from a label: `Nama usaha` → `nama_usaha`, unique among `taken`. */
export function deriveKey(label: string, taken: Iterable<string>, fallback = 'isian'): string {
  let base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 34)
    .replace(/_+$/g, '');
  if (!/^[a-z]/.test(base)) base = base ? `${fallback}_${base}`.slice(0, 34) : fallback;
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) {
    const k = `${base}_${i}`;
    if (!used.has(k)) return k;
  }
}

/** One option per line, `value|label` (or just `label`, whose key is derived). */
export function parseOptions(text: string): Parsed<{ value: string; label: string }[]> {
  const out: { value: string; label: string }[] = [];
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const bar = line.indexOf('|');
    const value = (bar >= 0 ? line.slice(0, bar) : '').trim();
    const label = (bar >= 0 ? line.slice(bar + 1) : line).trim();
    if (!label) return { ok: false, key: 'catalog.bo.option_line', params: { line: i + 1 } };
    const v = value || deriveKey(label, out.map((o) => o.value), 'opsi');
    if (v.length > 100 || label.length > 200) return { ok: false, key: 'catalog.bo.option_line', params: { line: i + 1 } };
    out.push({ value: v, label });
  }
  return { ok: true, value: out };
}

export function formatOptions(options: { value: string; label: string }[]): string {
  return options.map((o) => `${o.value}|${o.label}`).join('\n');
}

/** Moves item `i` one place up (-1) or down (+1); out-of-range moves change nothing. */
export function move<T>(items: readonly T[], i: number, dir: -1 | 1): T[] {
  const out = [...items];
  const j = i + dir;
  if (i < 0 || i >= out.length || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

export function without<T>(items: readonly T[], i: number): T[] {
  return items.filter((_, k) => k !== i);
}

export function replaceAt<T>(items: readonly T[], i: number, item: T): T[] {
  return items.map((x, k) => (k === i ? item : x));
}

/** Every field key of a form, in order. */
export function fieldKeys(form: FormDefinition): string[] {
  return form.sections.flatMap((s) => s.fields.map((f) => f.key));
}

/** Fields that come before position (si, fi) — the only ones a condition may refer to. */
export function fieldsBefore(form: FormDefinition, si: number, fi: number): FormField[] {
  const out: FormField[] = [];
  form.sections.forEach((s, i) =>
    s.fields.forEach((f, j) => {
      if (i < si || (i === si && j < fi)) out.push(f);
    }),
  );
  return out;
}

/** Form fields that use requirement `key` (file uploads bound to it). */
export function fieldsUsingRequirement(form: FormDefinition, key: string): FormField[] {
  return form.sections.flatMap((s) => s.fields.filter((f) => f.requirementKey === key));
}

/** Renames a requirement key in every field bound to it. */
export function renameRequirementInForm(form: FormDefinition, from: string, to: string): FormDefinition {
  return {
    sections: form.sections.map((s) => ({ ...s, fields: s.fields.map((f) => (f.requirementKey === from ? { ...f, requirementKey: to } : f)) })),
  };
}

/** The value a condition compares with, typed after the field it looks at. */
export function parseConditionValue(target: FormField | undefined, input: string): Parsed<string | boolean | number> {
  const s = input.trim();
  if (!s) return { ok: false, key: 'validation.required' };
  if (target?.type === 'yesno') {
    const low = s.toLowerCase();
    if (['ya', 'yes', 'true', 'y'].includes(low)) return { ok: true, value: true };
    if (['tidak', 'no', 'false', 't', 'n'].includes(low)) return { ok: true, value: false };
    return { ok: false, key: 'catalog.bo.condition_yesno' };
  }
  if (target?.type === 'number') {
    const n = parseDecimal(s);
    if (!n.ok || n.value === undefined) return { ok: false, key: 'catalog.bo.number' };
    return { ok: true, value: n.value };
  }
  if (target?.type === 'choice' && !target.options.some((o) => o.value === s)) {
    return { ok: false, key: 'catalog.bo.condition_option', params: { options: target.options.map((o) => o.value).join(', ') } };
  }
  return { ok: true, value: s };
}

export function conditionValueText(v: string | boolean | number): string {
  if (v === true) return 'ya';
  if (v === false) return 'tidak';
  return String(v);
}

/**
 * Reads the field editor's post into a field. `errors` carry the editor's input names
 * (`label`, `rules.minLength`, `visibleIf.equals`, …); the schema check happens after.
 */
export function fieldFromValues(
  values: FormValues,
  ctx: { form: FormDefinition; si: number; fi: number; currentKey?: string },
): { field: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const type = str(values, 'type') as FieldType;
  if (!fieldTypes.includes(type)) errors.push({ field: 'type', key: 'validation.choice' });
  const label = str(values, 'label');
  const taken = fieldKeys(ctx.form).filter((k) => k !== ctx.currentKey);
  const key = str(values, 'key') || (label ? deriveKey(label, taken) : '');
  const field: Record<string, unknown> = { key, type, label, help: str(values, 'help'), required: bool(values, 'required') };
  const labelEn = str(values, 'labelEn');
  if (labelEn) field.labelEn = labelEn;

  const rules: Record<string, unknown> = {};
  for (const name of ['minLength', 'maxLength'] as const) {
    const r = parseWhole(str(values, `rules.${name}`), name === 'maxLength' ? 1 : 0, 10_000);
    if (!r.ok) errors.push({ field: `rules.${name}`, key: r.key, params: r.params });
    else if (r.value !== null) rules[name] = r.value;
  }
  for (const name of ['min', 'max'] as const) {
    const r = parseDecimal(str(values, `rules.${name}`));
    if (!r.ok) errors.push({ field: `rules.${name}`, key: r.key });
    else if (r.value !== undefined) rules[name] = r.value;
  }
  for (const name of ['minDate', 'maxDate'] as const) {
    const r = parseDate(str(values, `rules.${name}`));
    if (!r.ok) errors.push({ field: `rules.${name}`, key: r.key });
    else if (r.value !== undefined) rules[name] = r.value;
  }
  const pattern = raw(values, 'rules.pattern').trim();
  if (pattern) rules.pattern = pattern;
  field.rules = rules;

  const optionsText = raw(values, 'options');
  if (optionsText.trim()) {
    const o = parseOptions(optionsText);
    if (!o.ok) errors.push({ field: 'options', key: o.key, params: o.params });
    else field.options = o.value;
  }
  if (type === 'choice') field.multiple = bool(values, 'multiple');
  const addressLevel = str(values, 'addressLevel');
  if (type === 'address' && addressLevel) field.addressLevel = addressLevel;
  const requirementKey = str(values, 'requirementKey');
  if (requirementKey) field.requirementKey = requirementKey;
  const prefill = str(values, 'prefill');
  if (prefill) field.prefill = prefill;

  const condField = str(values, 'visibleIf.field');
  if (condField) {
    const target = fieldsBefore(ctx.form, ctx.si, ctx.fi).find((f) => f.key === condField);
    const v = parseConditionValue(target, str(values, 'visibleIf.equals'));
    if (!v.ok) errors.push({ field: 'visibleIf.equals', key: v.key, params: v.params });
    else field.visibleIf = { field: condField, equals: v.value };
  }
  return { field, errors };
}

/** A field as the editor's input values. */
export function fieldToValues(f: FormField): FormValues {
  const r = f.rules;
  const n = (v: number | undefined) => (v === undefined ? '' : String(v));
  return {
    type: f.type,
    key: f.key,
    label: f.label,
    labelEn: f.labelEn ?? '',
    help: f.help,
    required: f.required ? 'on' : '',
    'rules.minLength': n(r.minLength),
    'rules.maxLength': n(r.maxLength),
    'rules.min': n(r.min),
    'rules.max': n(r.max),
    'rules.pattern': r.pattern ?? '',
    'rules.minDate': r.minDate ?? '',
    'rules.maxDate': r.maxDate ?? '',
    options: formatOptions(f.options),
    multiple: f.multiple ? 'on' : '',
    addressLevel: f.addressLevel ?? '',
    requirementKey: f.requirementKey ?? '',
    'visibleIf.field': f.visibleIf?.field ?? '',
    'visibleIf.equals': f.visibleIf ? conditionValueText(f.visibleIf.equals) : '',
    prefill: f.prefill ?? '',
  };
}

/**
 * Maps a field error of the whole form (`sections.1.fields.2.rules.pattern`) to the field
 * editor's input name (`rules.pattern`) when it concerns the field being edited.
 */
export function localFieldError(e: FieldError, si: number, fi: number): FieldError | null {
  const prefix = `sections.${si}.fields.${fi}.`;
  if (!e.field.startsWith(prefix)) return null;
  let rest = e.field.slice(prefix.length);
  if (rest.startsWith('options')) rest = 'options';
  else if (rest === 'rules') rest = 'rules';
  else if (rest.startsWith('visibleIf')) rest = rest === 'visibleIf.equals' ? 'visibleIf.equals' : 'visibleIf.field';
  return { ...e, field: rest };
}

// ---- Requirements, procedure, legal basis: item editors ---------------------------------

export function requirementToValues(r: ServiceContent['requirements'][number]): FormValues {
  return {
    key: r.key,
    name: r.name,
    kind: r.kind,
    mandatory: r.mandatory ? 'true' : 'false',
    fileTypes: [...r.fileTypes],
    maxSizeMb: String(r.maxSizeMb),
    explanation: r.explanation,
  };
}

export function requirementFromValues(values: FormValues, taken: string[]): { item: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const name = str(values, 'name');
  const key = str(values, 'key') || (name ? deriveKey(name, taken, 'syarat') : '');
  if (key && taken.includes(key)) errors.push({ field: 'key', key: 'catalog.bo.requirement_key_taken', params: { key } });
  const kind = str(values, 'kind');
  const mandatory = str(values, 'mandatory');
  if (mandatory !== 'true' && mandatory !== 'false') errors.push({ field: 'mandatory', key: 'validation.required' });
  const size = parseWhole(str(values, 'maxSizeMb'), 1, 50);
  if (!size.ok) errors.push({ field: 'maxSizeMb', key: size.key, params: size.params });
  const fileTypes = list(values, 'fileTypes');
  if (kind === 'document' && fileTypes.length === 0) errors.push({ field: 'fileTypes', key: 'catalog.bo.file_types_required' });
  return {
    item: {
      key,
      name,
      kind,
      mandatory: mandatory === 'true',
      fileTypes: kind === 'document' ? fileTypes : [],
      maxSizeMb: size.ok && size.value !== null ? size.value : 2,
      explanation: str(values, 'explanation'),
    },
    errors,
  };
}

/** Keeps only the errors that are not already reported for the same input. */
export function mergeErrors(first: FieldError[], second: FieldError[]): FieldError[] {
  const seen = new Set(first.map((e) => e.field));
  return [...first, ...second.filter((e) => !seen.has(e.field))];
}
