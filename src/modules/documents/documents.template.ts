// "Yang diizinkan" on an issued document (P-8, P-12): the service's document template filled
// from the application's data. The template is part of the service version (`product.template`
// in the Standar Pelayanan content), so a change goes live only when the version is published
// and a document always says what its own version said. Placeholders are form field names in
// braces, e.g. `Usaha {nama_usaha} (KBLI {kbli}) di {alamat_usaha}`. Values print as people
// read them: choice labels, Ya/Tidak, numbers with thousands dots, dates as `15 Desember 2026`,
// addresses as one line. A placeholder without a value prints `-`; an unknown name stays as
// written (the publication check of the form builder is where to catch typos).
import { addressLine, type AddressValue } from '../../platform/area/areas.ts';
import { formatDecimal, formatInteger } from '../../platform/format.ts';
import { formatDate } from '../../platform/views/i18n.ts';
import type { FormDefinition, FormField } from '../catalog/index.ts';

/** Fields that never go on the document: uploads and the holder's own identity (printed apart). */
const skipped = (f: FormField) => f.type === 'file' || f.prefill === 'name' || f.prefill === 'nik' || f.prefill === 'email' || f.prefill === 'phone' || f.type === 'email' || f.type === 'phone' || f.type === 'nik';

/**
 * The default template of a form: one line "Label: {key}" per field that describes what is
 * permitted (everything but uploads and the holder's contact/identity fields).
 */
export function defaultDocumentTemplate(form: FormDefinition): string {
  return form.sections
    .flatMap((s) => s.fields)
    .filter((f) => !skipped(f))
    .map((f) => `${f.label.trim().replace(/\s*\?$/, '')}: {${f.key}}`)
    .join('\n');
}

/** One value of the application as the document prints it. */
export function documentValue(f: FormField | undefined, v: unknown): string {
  if (v === undefined || v === null || v === '') return '-';
  if (f?.type === 'address' && typeof v === 'object' && !Array.isArray(v)) {
    return addressLine(v as AddressValue) || '-';
  }
  if (f?.type === 'choice') {
    const label = (x: unknown) => f.options.find((o) => o.value === String(x))?.label ?? String(x);
    return Array.isArray(v) ? v.map(label).join(', ') : label(v);
  }
  if (f?.type === 'yesno' || typeof v === 'boolean') return v === true || v === 'true' ? 'Ya' : 'Tidak';
  if (typeof v === 'number') return Number.isInteger(v) ? formatInteger(v) : formatDecimal(v, String(v).split('.')[1]?.length ?? 2);
  if (f?.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate('id', new Date(`${v}T12:00:00Z`), 'UTC');
  if (Array.isArray(v)) return v.map(String).join(', ');
  return String(v).trim() || '-';
}

/** Fills `{field}` placeholders of `template` from the application's data. */
export function fillDocumentTemplate(template: string, form: FormDefinition, data: Record<string, unknown>): string {
  const byKey = new Map(form.sections.flatMap((s) => s.fields).map((f) => [f.key, f] as const));
  return template
    .replace(/\{([a-z][a-z0-9_]*)\}/g, (m, key: string) => (byKey.has(key) || key in data ? documentValue(byKey.get(key), data[key]) : m))
    .replace(/\r\n?/g, '\n')
    .trim();
}
