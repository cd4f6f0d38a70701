// A small framework for the simple governance registers (G-10 … G-14): a register is a
// DEFINITION (fields with their kind, list columns, ownership, policy action, extra checks and
// flags); the same definition gives the Zod schema that validates forms and the JSON API,
// the list/detail/form pages, the CSV export and the OpenAPI document. Entries are stored in
// `gov_register_entries` (one row per entry, the fields as validated JSON).
import { z } from 'zod';
import type { FieldError } from '../../platform/http/errors.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

export type FieldKind = 'text' | 'textarea' | 'date' | 'select' | 'url' | 'int';

export interface RegisterField {
  key: string;
  kind: FieldKind;
  required?: boolean;
  /** For 'select': the stored values; labels are `gov.reg.opt.<value>`. */
  options?: readonly string[];
  /** Longest text accepted (default 200, textarea 4000). */
  max?: number;
}

export interface CheckContext {
  /** The region's domain, e.g. `kupangkota.go.id`. */
  regionDomain: string;
}

export interface RegisterDefinition {
  /** API name and message prefix, e.g. `domains` → `/api/v1/governance/registers/domains`. */
  key: string;
  /** Page path segment under /kelola/tata-kelola, e.g. `domain`. */
  slug: string;
  /** Requirement ID shown on the page, e.g. `G-11`. */
  requirement: string;
  /** Owner agency required (true) or optional (region-level entries allowed for the Dinas). */
  agencyRequired: boolean;
  /** Policy action to create/change an entry (checked against the entry's agency). */
  manageAction: 'governance.registers.manage' | 'governance.registers.manage_region';
  fields: RegisterField[];
  /** Field keys shown as list columns (after the agency). */
  listColumns: string[];
  /** The field that names an entry (links, audit). */
  titleField: string;
  /** Checks beyond each field's own (message keys; field = the field's key). */
  check?: (data: Record<string, unknown>, ctx: CheckContext) => FieldError[];
  /** Warnings shown on the entry, e.g. expired or expiring soon (message keys). */
  flags?: (data: Record<string, unknown>, today: string) => MessageKey[];
  order: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function validDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const trimmed = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v);

function fieldSchema(f: RegisterField): z.ZodType {
  let s: z.ZodType;
  switch (f.kind) {
    case 'text':
    case 'textarea':
      s = z.string().max(f.max ?? (f.kind === 'textarea' ? 4000 : 200));
      break;
    case 'url':
      s = z.string().max(f.max ?? 500).regex(/^https?:\/\/[^\s]+$/i, 'gov.reg.invalid_url');
      break;
    case 'date':
      s = z.string().refine(validDate, 'gov.reg.invalid_date');
      break;
    case 'select':
      s = z.enum(f.options as [string, ...string[]]);
      break;
    case 'int':
      s = z.preprocess(
        (v) => (typeof v === 'string' && /^\d{1,15}$/.test(v.replace(/\./g, '')) ? Number(v.replace(/\./g, '')) : v),
        z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      );
      break;
  }
  return z.preprocess(trimmed, f.required ? s : s.optional());
}

/** Optional form text: blank is absent. */
export const optText = (max: number) => z.preprocess(trimmed, z.string().max(max).optional());

/** The schema of an entry's fields (forms send strings; the API may send numbers for 'int'). */
export function entrySchema(def: RegisterDefinition) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of def.fields) shape[f.key] = fieldSchema(f);
  return z.object(shape);
}

/** The JSON schema of an entry's data for the OpenAPI document. */
export function entryDataSchema(def: RegisterDefinition) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of def.fields) {
    let s: z.ZodType =
      f.kind === 'int' ? z.number().int() : f.kind === 'select' ? z.enum(f.options as [string, ...string[]]) : f.kind === 'date' ? z.string().meta({ format: 'date' }) : z.string();
    if (!f.required) s = s.optional();
    shape[f.key] = s;
  }
  return z.object(shape);
}

/** Text that the list's search looks through. */
export function searchTextOf(def: RegisterDefinition, data: Record<string, unknown>): string {
  return def.fields
    .filter((f) => f.kind === 'text' || f.kind === 'textarea' || f.kind === 'url')
    .map((f) => data[f.key])
    .filter((v): v is string => typeof v === 'string')
    .join(' ')
    .toLowerCase()
    .slice(0, 4000);
}

/** Date-bound flags shared by several registers: past (expired) or within `days` days. */
export function dateFlag(value: unknown, today: string, days: number, expiredKey: MessageKey, soonKey: MessageKey): MessageKey[] {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return [];
  if (value < today) return [expiredKey];
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + days);
  if (days > 0 && value <= limit.toISOString().slice(0, 10)) return [soonKey];
  return [];
}

/** A host name under the region's domain (or the domain itself); lower case, no scheme or path. */
export function domainProblem(name: string, regionDomain: string): MessageKey | null {
  const host = name.trim().toLowerCase();
  if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/.test(host)) return 'gov.reg.domain.invalid';
  const region = regionDomain.trim().toLowerCase();
  if (!region || (host !== region && !host.endsWith(`.${region}`))) return 'gov.reg.domain.outside';
  return null;
}

const registry: RegisterDefinition[] = [];

export function defineRegister(def: RegisterDefinition): RegisterDefinition {
  if (registry.some((r) => r.key === def.key || r.slug === def.slug)) throw new Error(`Register ${def.key} defined twice`);
  for (const c of [...def.listColumns, def.titleField]) if (!def.fields.some((f) => f.key === c)) throw new Error(`Register ${def.key}: unknown column ${c}`);
  registry.push(def);
  return def;
}

export function registers(): RegisterDefinition[] {
  return [...registry].sort((a, b) => a.order - b.order);
}

export function registerByKey(key: string): RegisterDefinition | undefined {
  return registry.find((r) => r.key === key);
}
