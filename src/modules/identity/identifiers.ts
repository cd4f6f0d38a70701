/**
 * Indonesian identifiers and formats (STANDARDS §6): NIK, NPWP, NIB, mobile phone numbers,
 * kode wilayah, and masks for showing personal data.
 *
 * Pure functions: the only I/O is reading the province list shipped by `idn-area-data`
 * once (lazily, then cached). Errors are returned as machine codes, never as messages.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

// ---------------------------------------------------------------------------------------
// Province codes (idn-area-data, ODbL data)
// ---------------------------------------------------------------------------------------

let provinceCodes: ReadonlySet<string> | undefined;

/**
 * The set of current province codes (2 digits) from `idn-area-data`. The package's own API
 * is asynchronous, so its CSV is read synchronously once and cached.
 */
export function knownProvinceCodes(): ReadonlySet<string> {
  if (provinceCodes === undefined) {
    const require = createRequire(import.meta.url);
    const csvPath = require.resolve('idn-area-data/data/provinces.csv');
    const codes = new Set<string>();
    for (const line of readFileSync(csvPath, 'utf8').split(/\r?\n/)) {
      const code = line.split(',', 1)[0]?.trim().replace(/^"|"$/g, '') ?? '';
      if (/^[0-9]{2}$/.test(code)) codes.add(code);
    }
    if (codes.size === 0) throw new Error('idn-area-data: no province codes found in provinces.csv');
    provinceCodes = codes;
  }
  return provinceCodes;
}

// ---------------------------------------------------------------------------------------
// NIK
// ---------------------------------------------------------------------------------------

export type NikErrorCode = 'nik.format' | 'nik.province' | 'nik.birthdate';

export type NikResult =
  | {
      ok: true;
      nik: string;
      provinceCode: string;
      regencyCode: string;
      districtCode: string;
      /** YYYY-MM-DD */
      birthDate: string;
      sex: 'L' | 'P';
    }
  | { ok: false; code: NikErrorCode };

export interface NikOptions {
  /** The current instant (defaults to `new Date()`); for tests and reproducible checks. */
  now?: Date;
}

/** Offset of WIT (UTC+9), the latest Indonesian time zone: "today" anywhere in Indonesia. */
const LATEST_INDONESIAN_OFFSET_MS = 9 * 60 * 60 * 1000;

function todayInIndonesia(now: Date): { year: number; iso: string } {
  const shifted = new Date(now.getTime() + LATEST_INDONESIAN_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), iso: shifted.toISOString().slice(0, 10) };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Validates a NIK `PPRRSSDDMMYYSSSS`. Spaces and dots are stripped first.
 *
 * - `nik.format`: not 16 ASCII digits, regency or district "00", or serial "0000";
 * - `nik.province`: the first two digits are not a current province code (idn-area-data);
 * - `nik.birthdate`: the day (minus 40 for women) / month / year is not a real calendar
 *   date, or it lies in the future. Century: YY greater than the current two-digit year
 *   means 19YY, otherwise 20YY. "Today" is taken in WIT (UTC+9), so a child born today
 *   anywhere in Indonesia is accepted.
 */
export function validateNik(input: string, options: NikOptions = {}): NikResult {
  const nik = input.replace(/[\s.]/g, '');
  if (!/^[0-9]{16}$/.test(nik)) return { ok: false, code: 'nik.format' };

  const provinceCode = nik.slice(0, 2);
  const regency = nik.slice(2, 4);
  const district = nik.slice(4, 6);
  const serial = nik.slice(12, 16);
  if (regency === '00' || district === '00' || serial === '0000') {
    return { ok: false, code: 'nik.format' };
  }
  if (!knownProvinceCodes().has(provinceCode)) return { ok: false, code: 'nik.province' };

  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex: 'L' | 'P' = rawDay > 40 ? 'P' : 'L';
  const day = sex === 'P' ? rawDay - 40 : rawDay;

  const today = todayInIndonesia(options.now ?? new Date());
  const year = yy > today.year % 100 ? 1900 + yy : 2000 + yy;

  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, code: 'nik.birthdate' };
  }
  const birthDate = `${year}-${pad2(month)}-${pad2(day)}`;
  if (birthDate > today.iso) return { ok: false, code: 'nik.birthdate' };

  return {
    ok: true,
    nik,
    provinceCode,
    regencyCode: nik.slice(0, 4),
    districtCode: nik.slice(0, 6),
    birthDate,
    sex,
  };
}

// ---------------------------------------------------------------------------------------
// NPWP
// ---------------------------------------------------------------------------------------

export type NpwpResult =
  | {
      ok: true;
      /** 16 digits */
      npwp: string;
      /** true when the input was the old 15-digit form (normalised to '0' + 15 digits) */
      legacy: boolean;
    }
  | { ok: false; code: 'npwp.format' };

/**
 * Normalises an NPWP to its 16-digit form. Accepts 16 digits (whitespace ignored), or the old
 * 15-digit form either bare or punctuated exactly `XX.XXX.XXX.X-XXX.XXX`; the old form becomes
 * '0' + 15 digits. Anything else is rejected.
 */
export function normalizeNpwp(input: string): NpwpResult {
  const compact = input.replace(/\s/g, '');
  if (/^[0-9]{16}$/.test(compact)) return { ok: true, npwp: compact, legacy: false };
  if (/^[0-9]{15}$/.test(compact) || /^[0-9]{2}\.[0-9]{3}\.[0-9]{3}\.[0-9]-[0-9]{3}\.[0-9]{3}$/.test(compact)) {
    return { ok: true, npwp: '0' + compact.replace(/[.-]/g, ''), legacy: true };
  }
  return { ok: false, code: 'npwp.format' };
}

// ---------------------------------------------------------------------------------------
// NIB
// ---------------------------------------------------------------------------------------

export type NibResult = { ok: true; nib: string } | { ok: false; code: 'nib.format' };

/** NIB (OSS business identification number): 13 digits, whitespace ignored. */
export function validateNib(input: string): NibResult {
  const nib = input.replace(/\s/g, '');
  return /^[0-9]{13}$/.test(nib) ? { ok: true, nib } : { ok: false, code: 'nib.format' };
}

// ---------------------------------------------------------------------------------------
// Mobile phone
// ---------------------------------------------------------------------------------------

export type PhoneResult =
  | {
      ok: true;
      /** E.164, e.g. +6281234567890 */
      e164: string;
    }
  | { ok: false; code: 'phone.format' };

/** Indonesian mobile national significant number: 8[1-35-9] then 7–10 digits. */
const ID_MOBILE_NSN = /^8[1-35-9][0-9]{7,10}$/;

/**
 * Normalises an Indonesian mobile number to E.164. Accepted shapes (spaces, dashes and dots
 * ignored): `08…`, `628…`, `+628…`. The rule is ID_MOBILE_NSN after the country code;
 * libphonenumber-js parses and formats.
 */
export function normalizeMobilePhone(input: string): PhoneResult {
  const compact = input.trim().replace(/[\s.-]/g, '');
  const shape = /^(?:\+62|62|0)(8[0-9]*)$/.exec(compact);
  const nsn = shape?.[1];
  if (nsn === undefined || !ID_MOBILE_NSN.test(nsn)) return { ok: false, code: 'phone.format' };

  const parsed = parsePhoneNumberFromString(compact.startsWith('62') ? `+${compact}` : compact, 'ID');
  if (!parsed || parsed.countryCallingCode !== '62' || parsed.nationalNumber !== nsn) {
    return { ok: false, code: 'phone.format' };
  }
  return { ok: true, e164: parsed.number };
}

// ---------------------------------------------------------------------------------------
// Masks (for showing personal data to people who need only a hint)
// ---------------------------------------------------------------------------------------

function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  if (value.length <= keepStart + keepEnd) return '*'.repeat(value.length);
  return value.slice(0, keepStart) + '*'.repeat(value.length - keepStart - keepEnd) + value.slice(-keepEnd);
}

/** `3201234567890001` → `3201********0001` (first 4 and last 4 kept). */
export function maskNik(nik: string): string {
  return maskMiddle(nik, 4, 4);
}

/** `+6281234567890` → `+62812****7890` (first 6 characters and last 4 kept). */
export function maskPhone(e164: string): string {
  return maskMiddle(e164, 6, 4);
}

/** `budi@contoh.go.id` → `bu***@contoh.go.id` (first 2 characters of the local part kept). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const local = email.slice(0, at);
  const keep = local.length > 2 ? 2 : 1;
  return `${local.slice(0, keep)}***${email.slice(at)}`;
}

// ---------------------------------------------------------------------------------------
// Kode wilayah
// ---------------------------------------------------------------------------------------

/**
 * Writes a Kemendagri kode wilayah with dots: `11`, `11.01`, `11.01.01`, `11.01.01.2001`.
 * Existing dots and whitespace are ignored; input of any other length or with non-digits is
 * returned unchanged.
 */
export function formatKodeWilayah(code: string): string {
  const digits = code.replace(/[\s.]/g, '');
  if (!/^[0-9]+$/.test(digits) || ![2, 4, 6, 10].includes(digits.length)) return code;
  return [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6), digits.slice(6, 10)]
    .filter((part) => part !== '')
    .join('.');
}
