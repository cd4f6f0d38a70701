// Publication rules of the catalogue, as pure functions (unit-tested): what a service still
// lacks before it can be published, and why a form definition cannot be rendered.
import type { FieldError } from '../../platform/http/errors.ts';
import type { FormDefinition, ServiceContent } from './catalog.schemas.ts';

/** The 14 components of the Standar Pelayanan, in the order the regulation lists them. */
export const components = [
  'requirements',
  'procedure',
  'completionDays',
  'fee',
  'product',
  'complaintHandling',
  'legalBasis',
  'facilities',
  'staffCompetence',
  'internalSupervision',
  'staffCount',
  'serviceGuarantee',
  'securityGuarantee',
  'performanceEvaluation',
] as const;
export type Component = (typeof components)[number];

function filled(content: ServiceContent, c: Component): boolean {
  const v = content[c];
  if (v === null || v === undefined) return false;
  if (typeof v === 'string') return v.trim().length > 0;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/**
 * What blocks publication: every one of the 14 components, plus the fields a person needs
 * to find and use the service (summary, sector, channel, counter information).
 */
export function missingForPublication(content: ServiceContent): string[] {
  const missing: string[] = components.filter((c) => !filled(content, c));
  if (!content.summary.trim()) missing.push('summary');
  if (!content.sectors.length) missing.push('sectors');
  if (!content.channels.length) missing.push('channels');
  if (content.channels.includes('counter') && !content.counterInfo.trim()) missing.push('counterInfo');
  return missing;
}

/**
 * Why a form definition cannot be rendered, as field errors with message keys:
 * duplicate keys, a condition on a missing (or later) field, a file field without a
 * requirement or bound to a data requirement, a choice without options, an invalid pattern,
 * inverted ranges, a tariff quantity field that is not a number field.
 */
export function formProblems(form: FormDefinition, content: Pick<ServiceContent, 'requirements' | 'fee' | 'channels'>): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Map<string, string>();
  const sectionKeys = new Set<string>();
  const requirements = new Map(content.requirements.map((r) => [r.key, r]));
  const boundRequirements = new Map<string, string>();

  form.sections.forEach((section, si) => {
    if (sectionKeys.has(section.key)) problems.push({ field: `sections.${si}.key`, key: 'catalog.form.duplicate_section', params: { key: section.key } });
    sectionKeys.add(section.key);
    section.fields.forEach((f, fi) => {
      const at = `sections.${si}.fields.${fi}`;
      if (seen.has(f.key)) problems.push({ field: `${at}.key`, key: 'catalog.form.duplicate_key', params: { key: f.key } });
      if (f.visibleIf) {
        const target = seen.get(f.visibleIf.field);
        if (!target) problems.push({ field: `${at}.visibleIf`, key: 'catalog.form.condition_missing', params: { key: f.key, field: f.visibleIf.field } });
      }
      if (f.type === 'file') {
        const req = f.requirementKey ? requirements.get(f.requirementKey) : undefined;
        if (!f.requirementKey || !req) problems.push({ field: `${at}.requirementKey`, key: 'catalog.form.file_without_requirement', params: { key: f.key } });
        else if (req.kind !== 'document') problems.push({ field: `${at}.requirementKey`, key: 'catalog.form.file_not_document', params: { key: f.key } });
        else if (boundRequirements.has(req.key)) problems.push({ field: `${at}.requirementKey`, key: 'catalog.form.requirement_twice', params: { key: f.key, requirement: req.key } });
        else boundRequirements.set(req.key, f.key);
      } else if (f.requirementKey) {
        problems.push({ field: `${at}.requirementKey`, key: 'catalog.form.requirement_on_non_file', params: { key: f.key } });
      }
      if (f.type === 'choice') {
        if (f.options.length < 2) problems.push({ field: `${at}.options`, key: 'catalog.form.choice_needs_options', params: { key: f.key } });
        const values = f.options.map((o) => o.value);
        if (new Set(values).size !== values.length) problems.push({ field: `${at}.options`, key: 'catalog.form.duplicate_option', params: { key: f.key } });
      }
      const r = f.rules;
      if (r.pattern !== undefined) {
        try {
          new RegExp(r.pattern, 'u');
        } catch {
          problems.push({ field: `${at}.rules.pattern`, key: 'catalog.form.bad_pattern', params: { key: f.key } });
        }
      }
      if (r.minLength !== undefined && r.maxLength !== undefined && r.minLength > r.maxLength)
        problems.push({ field: `${at}.rules`, key: 'catalog.form.bad_range', params: { key: f.key } });
      if (r.min !== undefined && r.max !== undefined && r.min > r.max)
        problems.push({ field: `${at}.rules`, key: 'catalog.form.bad_range', params: { key: f.key } });
      if (r.minDate !== undefined && r.maxDate !== undefined && r.minDate > r.maxDate)
        problems.push({ field: `${at}.rules`, key: 'catalog.form.bad_range', params: { key: f.key } });
      seen.set(f.key, f.type);
    });
  });

  if (content.fee?.kind === 'tariff') {
    content.fee.lines.forEach((line, li) => {
      if (line.quantityField && seen.get(line.quantityField) !== 'number')
        problems.push({ field: `fee.lines.${li}.quantityField`, key: 'catalog.form.quantity_not_number', params: { field: line.quantityField } });
    });
  }
  return problems;
}

/** Document requirements an online form must collect: each needs one file field. */
export function unboundDocumentRequirements(form: FormDefinition, content: Pick<ServiceContent, 'requirements'>): string[] {
  const bound = new Set(form.sections.flatMap((s) => s.fields.filter((f) => f.type === 'file').map((f) => f.requirementKey)));
  return content.requirements.filter((r) => r.kind === 'document' && !bound.has(r.key)).map((r) => r.key);
}
