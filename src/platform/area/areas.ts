// Official administrative areas of Indonesia (Kemendagri codes, `idn-area-data`): province
// `53`, regency/city `53.71`, district (kecamatan) `53.71.04`, village (desa/kelurahan)
// `53.71.04.1009`. Read from the package's CSV files once per process, on first use (the
// villages file is about 84 000 rows, ~100 ms). Pure lookups after that; no database.
//
// An address is stored as the codes of each level asked plus a street line. Names are
// resolved from the codes when shown (`addressLine`), so a renamed village shows its current
// name. Values that are not codes (addresses typed as free text before the cascading choice
// existed) are shown as they are.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type MessageKey } from '../views/i18n.ts';

export const areaLevels = ['province', 'regency', 'district', 'village'] as const;
export type AreaLevel = (typeof areaLevels)[number];

export interface Area {
  code: string;
  name: string;
  level: AreaLevel;
  /** The parent's code; null for a province. */
  parent: string | null;
}

const files: Record<AreaLevel, string> = { province: 'provinces', regency: 'regencies', district: 'districts', village: 'villages' };
const codePattern: Record<AreaLevel, RegExp> = {
  province: /^\d{2}$/,
  regency: /^\d{2}\.\d{2}$/,
  district: /^\d{2}\.\d{2}\.\d{2}$/,
  village: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
};

/** "KABUPATEN ACEH SELATAN" → "Kabupaten Aceh Selatan" (DKI stays upper case). */
export function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/(^|[\s(-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase())
    .replace(/\bDki\b/g, 'DKI');
}

let byCode: Map<string, Area> | undefined;
let children: Map<string, Area[]> | undefined;

function load(): void {
  if (byCode) return;
  const require = createRequire(import.meta.url);
  const codes = new Map<string, Area>();
  const kids = new Map<string, Area[]>();
  for (const level of areaLevels) {
    const csv = readFileSync(require.resolve(`idn-area-data/data/${files[level]}.csv`), 'utf8');
    for (const line of csv.split(/\r?\n/).slice(1)) {
      if (!line) continue;
      const first = line.indexOf(',');
      const code = line.slice(0, first).trim();
      let parent: string | null = null;
      let name: string;
      if (level === 'province') name = line.slice(first + 1);
      else {
        const second = line.indexOf(',', first + 1);
        parent = line.slice(first + 1, second).trim();
        name = line.slice(second + 1);
      }
      if (!codePattern[level].test(code)) continue;
      name = name.trim().replace(/^"(.*)"$/, '$1');
      const area: Area = { code, name: level === 'province' || level === 'regency' ? titleCase(name) : name, level, parent };
      codes.set(code, area);
      const key = parent ?? '';
      const list = kids.get(key) ?? [];
      list.push(area);
      kids.set(key, list);
    }
  }
  for (const list of kids.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'id'));
  byCode = codes;
  children = kids;
}

/** The areas directly below `parent` (null: the provinces), by name. */
export function areaChildren(parent: string | null): Area[] {
  load();
  return children!.get(parent ?? '') ?? [];
}

/** The area with this code, if it is a current official code. */
export function areaByCode(code: string | null | undefined): Area | undefined {
  if (!code) return undefined;
  load();
  return byCode!.get(code);
}

/** The level a code has by its shape (null when it is not a code). */
export function levelOfCode(code: string): AreaLevel | null {
  return areaLevels.find((l) => codePattern[l].test(code)) ?? null;
}

/** The code and its parents, province first (only the levels that exist). */
export function areaChain(code: string | null | undefined): Area[] {
  const out: Area[] = [];
  let a = areaByCode(code);
  while (a) {
    out.unshift(a);
    a = areaByCode(a.parent);
  }
  return out;
}

/** An address: the codes chosen (province … village, as deep as asked) and the street line. */
export type AddressValue = Partial<Record<AreaLevel | 'street', string>>;

export interface AddressError {
  /** `<prefix>.<level>` or `<prefix>.street`. */
  field: string;
  key: MessageKey;
}

export interface AddressOptions {
  /** The deepest level asked (default village). */
  deepest?: AreaLevel;
  /** Every level up to the deepest must be chosen. */
  required?: boolean;
  /** Longest street line (default 300). */
  streetMax?: number;
  /** Accept an address chosen only part of the way down (a draft, a step of the choice). */
  partial?: boolean;
}

function firstString(v: unknown): string {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x.trim() : '';
}

/**
 * Reads and checks the address posted as `<prefix>.province` … `<prefix>.village` and
 * `<prefix>.street`: each code must be an official code of its level and lie inside the level
 * above; when anything was given (or `required`), every level down to the deepest must be
 * chosen. Returns the value (undefined when nothing was given) and the errors (message keys
 * `ui.address.v.*`).
 */
export function readAddress(values: Record<string, unknown>, prefix: string, opts: AddressOptions = {}): { value?: AddressValue; errors: AddressError[] } {
  const deepest = areaLevels.indexOf(opts.deepest ?? 'village');
  const asked = areaLevels.slice(0, deepest + 1);
  const errors: AddressError[] = [];
  const value: AddressValue = {};
  let parent: string | null = null;
  let broken = false;
  for (const level of asked) {
    const code = firstString(values[`${prefix}.${level}`]).slice(0, 20);
    if (!code) {
      broken = true;
      continue;
    }
    value[level] = code;
    const area = areaByCode(code);
    if (!area || area.level !== level) errors.push({ field: `${prefix}.${level}`, key: `ui.address.v.unknown.${level}` });
    else if (!broken && area.parent !== parent) errors.push({ field: `${prefix}.${level}`, key: level === 'province' ? 'ui.address.v.unknown.province' : `ui.address.v.outside.${level}` });
    parent = code;
  }
  const street = firstString(values[`${prefix}.street`]).replace(/\s+/g, ' ');
  if (street) {
    if ([...street].length > (opts.streetMax ?? 300)) errors.push({ field: `${prefix}.street`, key: 'ui.address.v.street' });
    value.street = street;
  }
  const any = Object.keys(value).length > 0;
  if (opts.required || (any && !opts.partial)) {
    for (const level of asked) if (!value[level] && !errors.some((e) => e.field === `${prefix}.${level}`)) errors.push({ field: `${prefix}.${level}`, key: `ui.address.v.level.${level}` });
  }
  return { value: any ? value : undefined, errors };
}

/** The name of a stored level: the official name for a code, the text itself for an old free-text value. */
export function areaName(v: string | undefined): string | undefined {
  if (!v || !v.trim()) return undefined;
  return areaByCode(v.trim())?.name ?? v.trim();
}

/** An address on one line, street first: "Jl. El Tari 5, Oebufu, Oebobo, Kota Kupang, Nusa Tenggara Timur". */
export function addressLine(a: AddressValue | null | undefined): string {
  if (!a) return '';
  return [a.street?.trim(), areaName(a.village), areaName(a.district), areaName(a.regency), areaName(a.province)].filter((x): x is string => !!x).join(', ');
}

/** The deepest code of an address (what an account stores; the parents follow from it). */
export function deepestCode(a: AddressValue | null | undefined): string | null {
  if (!a) return null;
  for (const level of [...areaLevels].reverse()) if (a[level] && areaByCode(a[level])) return a[level]!;
  return null;
}

/** The address value of a stored deepest code (and street). */
export function addressFromCode(code: string | null | undefined, street?: string | null): AddressValue {
  const out: AddressValue = {};
  for (const a of areaChain(code)) out[a.level] = a.code;
  if (street) out.street = street;
  return out;
}

/** The province code of a region's kode wilayah (`53`, `5371`, `53.71`). */
export function provinceOfKode(kode: string | null | undefined): string | undefined {
  const two = (kode ?? '').replace(/\D/g, '').slice(0, 2);
  return areaByCode(two) ? two : undefined;
}
