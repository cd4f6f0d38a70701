// Request schemas of the region, agencies, staff accounts and grants: one definition per
// field, shared by the back-office forms and the JSON API (which also produces the OpenAPI
// document). Custom checks carry message keys from agencies.messages.ts, so errors come out
// in the caller's language. Parsing is idempotent: the service parses again what a route
// already parsed.
import { z } from 'zod';
import { staffRoles } from '../../platform/db/schema.ts';
import { knownProvinceCodes, normalizeMobilePhone } from '../identity/index.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

export const agencyTypes = ['sekretariat', 'biro', 'inspektorat', 'dinas', 'badan', 'satuan', 'rsud', 'kantor', 'lainnya'] as const;
export type AgencyType = (typeof agencyTypes)[number];

export const regionLevels = ['province', 'regency', 'city'] as const;
export type RegionLevel = (typeof regionLevels)[number];

// The time-zone labels moved to platform (the audit viewer and the seed use them too).
export { timeZones, timeZoneLabels, timeZoneLabel, zoneOffsetHours, type TimeZoneLabel, type IanaZone } from '../../platform/calendar/time-zones.ts';
import { timeZoneLabels, type TimeZoneLabel } from '../../platform/calendar/time-zones.ts';

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** One DNS label (RFC 1035 / 1123): letters, digits, inner hyphens, at most 63. */
export const dnsLabelPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Slugs that would collide with the back office's own paths. */
export const reservedSlugs = new Set(['baru']);

// ---- Kode wilayah (STANDARDS §6) ------------------------------------------------------------

export type KodeCheck = { ok: true; code: string } | { ok: false; key: MessageKey };

/**
 * Kemendagri kode wilayah for the region's level: province 2 digits (a current province
 * code), regency 4 digits ending 01–69 (kabupaten), city 4 digits ending 71–99 (kota).
 * Dots and spaces are ignored (`53.71` = `5371`); the code is returned undotted.
 */
export function checkKodeWilayah(input: string, level: RegionLevel): KodeCheck {
  const code = input.replace(/[\s.]/g, '');
  if (!/^[0-9]+$/.test(code)) return { ok: false, key: 'region.kode_digits' };
  const wantLength = level === 'province' ? 2 : 4;
  if (code.length !== wantLength) return { ok: false, key: `region.kode_length_${level}` };
  if (!knownProvinceCodes().has(code.slice(0, 2))) return { ok: false, key: 'region.kode_province_unknown' };
  if (level === 'province') return { ok: true, code };
  const n = Number(code.slice(2, 4));
  if (level === 'regency' && !(n >= 1 && n <= 69)) return { ok: false, key: 'region.kode_regency' };
  if (level === 'city' && !(n >= 71 && n <= 99)) return { ok: false, key: 'region.kode_city' };
  return { ok: true, code };
}

// ---- Field helpers --------------------------------------------------------------------------

const trimmed = (v: unknown) => (typeof v === 'string' ? (v.replace(/\s+/g, ' ').trim() === '' ? undefined : v.replace(/\s+/g, ' ').trim()) : v);
/** '' and null → null (clears an optional field); strings are trimmed. */
const blankToNull = (v: unknown) => (v === null ? null : typeof v === 'string' ? (v.trim() === '' ? null : v.replace(/\s+/g, ' ').trim()) : v);

const text = (min: number, max: number) => z.preprocess(trimmed, z.string().min(min).max(max));
/** Optional text: absent → undefined, '' or null → null. */
const optionalText = (max: number) => z.preprocess(blankToNull, z.string().max(max).nullable()).optional();

const lowerTrim = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v);
const lowerBlankToNull = (v: unknown) => (v === null ? null : typeof v === 'string' ? v.trim().toLowerCase() || null : v);

export const slugField = z
  .preprocess(lowerTrim, z.string().min(2).max(80))
  .refine((v) => slugPattern.test(v), { message: 'agency.slug_format' })
  .refine((v) => !reservedSlugs.has(v), { message: 'agency.slug_reserved' })
  .meta({ description: 'kebab-case address of the agency, unique', example: 'dpmptsp' });

export const agencyTypeField = z.enum(agencyTypes, { message: 'agency.type_required' }).meta({ description: 'Kind of agency (Perangkat Daerah)' });

/** Office telephone as written: digits, spaces, parentheses, +, -; 6–15 digits. */
export const officePhoneField = optionalText(30)
  .refine((v) => v == null || (/^\+?[0-9 ()-]+$/.test(v) && (v.replace(/\D/g, '').length >= 6 && v.replace(/\D/g, '').length <= 15)), {
    message: 'agency.phone_format',
  })
  .meta({ description: 'Office telephone, e.g. (0380) 821001', example: '(0380) 821024' });

export const officeEmailField = z
  .preprocess(lowerBlankToNull, z.email({ message: 'agency.email_format' }).max(254).nullable())
  .optional()
  .meta({ description: 'Office e-mail address', example: 'dpmptsp@contohprov.go.id' });

export const websiteField = z
  .preprocess(blankToNull, z.string().max(200).nullable())
  .refine((v) => v == null || isHttpUrl(v), { message: 'agency.website_format' })
  .optional()
  .meta({ description: 'The agency\'s own website (http or https), if any', example: 'https://dpmptsp.contohprov.go.id' });

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.includes('.');
  } catch {
    return false;
  }
}

export const subdomainField = z
  .preprocess(lowerBlankToNull, z.string().max(63).nullable())
  .refine((v) => v == null || dnsLabelPattern.test(v), { message: 'agency.subdomain_format' })
  .optional()
  .meta({ description: 'Subdomain of the region\'s domain: one DNS label', example: 'dpmptsp' });

/** A domain name: two or more DNS labels, lower case. */
export const domainField = z
  .preprocess(lowerTrim, z.string().min(3).max(253))
  .refine((v) => v.split('.').length >= 2 && v.split('.').every((l) => dnsLabelPattern.test(l)) && /[a-z]/.test(v.split('.').at(-1) ?? ''), {
    message: 'region.domain_format',
  })
  .meta({ description: 'The region\'s domain', example: 'contohprov.go.id' });

export const staffEmailField = z
  .preprocess(lowerTrim, z.email({ error: (iss) => (iss.input === undefined ? 'validation.required' : 'staff.email_format') }).max(254))
  .meta({ description: 'Work e-mail address (used to sign in)', example: 'operator@contohprov.go.id' });

/** Optional mobile number (08…, 628…, +628…), stored as E.164. */
export const staffPhoneField = z
  .preprocess(blankToNull, z.string().max(30).nullable())
  .transform((v, ctx) => {
    if (v == null) return null;
    const r = normalizeMobilePhone(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: 'staff.phone_format', input: v });
      return z.NEVER;
    }
    return r.e164;
  })
  .optional()
  .meta({ description: 'Mobile number (08…, 628… or +628…); stored as E.164', example: '081234567890' });

export const roleField = z.enum(staffRoles, { message: 'grant.role_required' }).meta({ description: 'Staff role' });

/** An agency chosen by slug; '' or null means none (region-wide). */
export const agencyRefField = z
  .preprocess(lowerBlankToNull, z.string().max(80).regex(slugPattern, 'grant.agency_unknown').nullable())
  .optional()
  .meta({ description: 'Agency slug; omit or null for a region-wide grant', example: 'dpmptsp' });

// ---- Region ---------------------------------------------------------------------------------

export const regionInputSchema = z
  .object({
    name: text(3, 150).meta({ example: 'Provinsi Contoh' }),
    level: z.enum(regionLevels, { message: 'region.level_required' }),
    kodeWilayah: z.preprocess(trimmed, z.string().max(20)).meta({ description: 'Kemendagri kode wilayah: 2 digits (province) or 4 (regency/city), dots allowed', example: '53' }),
    timeZone: z.enum(timeZoneLabels as [TimeZoneLabel, ...TimeZoneLabel[]], { message: 'region.timezone_required' }).meta({ description: 'WIB, WITA or WIT' }),
    domain: domainField,
  })
  .transform((v, ctx) => {
    const k = checkKodeWilayah(v.kodeWilayah, v.level);
    if (!k.ok) {
      ctx.addIssue({ code: 'custom', path: ['kodeWilayah'], message: k.key, input: v.kodeWilayah });
      return z.NEVER;
    }
    return { ...v, kodeWilayah: k.code };
  });
export type RegionInput = z.output<typeof regionInputSchema>;

// ---- Agencies -------------------------------------------------------------------------------

const agencyBody = {
  name: text(3, 200).meta({ example: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu' }),
  shortName: text(2, 40).meta({ description: 'Common abbreviation, unique (case-insensitive)', example: 'DPMPTSP' }),
  type: agencyTypeField,
  headName: optionalText(150).meta({ description: 'Name of the head of the agency' }),
  headTitle: optionalText(150).meta({ description: 'Title of the head, e.g. Kepala Dinas' }),
  address: optionalText(300),
  phone: officePhoneField,
  email: officeEmailField,
  website: websiteField,
  subdomain: subdomainField,
};

export const agencyInputSchema = z.object({ slug: slugField, ...agencyBody });
export type AgencyInput = z.output<typeof agencyInputSchema>;

/** A change: absent fields stay as they are, null clears an optional one. The slug never changes. */
export const agencyPatchSchema = z.object({
  name: agencyBody.name.optional(),
  shortName: agencyBody.shortName.optional(),
  type: agencyTypeField.optional(),
  headName: agencyBody.headName,
  headTitle: agencyBody.headTitle,
  address: agencyBody.address,
  phone: agencyBody.phone,
  email: agencyBody.email,
  website: agencyBody.website,
  subdomain: agencyBody.subdomain,
  active: z.boolean().optional().meta({ description: 'false deactivates the agency, true reactivates it' }),
});
export type AgencyPatch = z.output<typeof agencyPatchSchema>;

export const agencyFilterSchema = z.object({
  type: z.preprocess(trimmed, z.enum(agencyTypes)).optional().catch(undefined),
  q: z.preprocess(trimmed, z.string().max(100)).optional().catch(undefined),
  status: z.preprocess(trimmed, z.enum(['active', 'inactive', 'all'])).optional().catch(undefined),
});
export type AgencyFilter = z.output<typeof agencyFilterSchema>;

// ---- Staff and grants -----------------------------------------------------------------------

export const staffInputSchema = z.object({
  name: z.preprocess(trimmed, z.string().min(2).max(120)).meta({ example: 'Yosef Laka' }),
  email: staffEmailField,
  phone: staffPhoneField,
  agency: agencyRefField,
  role: roleField,
});
export type StaffInput = z.output<typeof staffInputSchema>;

export const grantInputSchema = z.object({
  role: roleField,
  agency: agencyRefField,
});
export type GrantInput = z.output<typeof grantInputSchema>;

export const staffFilterSchema = z.object({
  agency: z.preprocess(lowerTrim, z.string().max(80).regex(slugPattern)).optional().catch(undefined),
  role: z.preprocess(trimmed, z.enum(staffRoles)).optional().catch(undefined),
  q: z.preprocess(trimmed, z.string().max(100)).optional().catch(undefined),
});
export type StaffFilter = z.output<typeof staffFilterSchema>;
