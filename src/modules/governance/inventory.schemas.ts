// Input schemas of the ICT inventories (G-4, G-5, G-6, G-9, G-12). The same schemas validate
// the back-office forms (strings, checkbox lists) and the JSON API, and describe the API.
import { z } from 'zod';
import { formText } from '../../platform/http/validation.ts';

export const appKinds = ['core', 'general', 'national'] as const;
export const developerKinds = ['in_house', 'vendor', 'ministry'] as const;
export const hostings = ['regional_dc', 'ministry', 'vendor_cloud'] as const;
export const appStatuses = ['planned', 'development', 'live', 'retired'] as const;
export const userGroups = ['internal', 'other_agencies', 'public'] as const;
export const securitySupports = ['ssl', 'waf', 'pentest', 'backup', 'access_control', 'logging'] as const;
export const handoverItems = [
  'business_process',
  'data_architecture',
  'application_architecture',
  'infrastructure_architecture',
  'source_code',
  'operating_manual',
  'security_test',
  'performance_test',
  'debugging_test',
] as const;
export const assetCategories = ['hardware', 'software', 'network'] as const;
export const acquisitionMethods = ['purchase', 'grant', 'lease', 'transfer', 'other'] as const;
export const fundingSources = ['apbd', 'apbn', 'csr', 'other'] as const;
export const assetConditions = ['good', 'light_damage', 'heavy_damage'] as const;
export const assetStatuses = ['planned', 'in_use', 'disposed'] as const;

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'validation.invalid');

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Optional form text: empty or blank → undefined; trimmed. */
const optText = (max: number) => z.preprocess(emptyToUndefined, z.string().trim().max(max).optional());

/** A calendar date `YYYY-MM-DD` that exists. */
export const dateOnly = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z.string().refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'gov.inv.date_invalid'),
);
const optDate = z.preprocess(emptyToUndefined, dateOnly.optional());

/** Checkbox lists: absent → [], one value → [value]. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(100));

/** A web address or a bare host name (subdomain). */
const webAddress = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .max(300)
    .refine((s) => /^https?:\/\/[^\s]+$/i.test(s) || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(\/[^\s]*)?$/i.test(s), 'gov.inv.url_invalid')
    .optional(),
);

export const applicationFields = z.object({
    agencyId: uuid,
    name: formText(200),
    kind: z.enum(appKinds),
    developerKind: z.enum(developerKinds),
    developerName: optText(200),
    relatedIds: list(uuid),
    purpose: optText(2000),
    userGroups: list(z.enum(userGroups)),
    usersNote: optText(500),
    url: webAddress,
    hosting: z.enum(hostings),
    security: list(z.enum(securitySupports)),
    securityNote: optText(1000),
    documentation: optText(1000),
    sourceLocation: webAddress,
    status: z.enum(appStatuses),
    plannedOn: optDate,
    liveOn: optDate,
    retiredOn: optDate,
});

export function refineApplication(v: z.output<typeof applicationFields>, ctx: z.RefinementCtx): void {
    if (v.developerKind !== 'in_house' && !v.developerName) ctx.addIssue({ code: 'custom', path: ['developerName'], message: 'gov.inv.app.developer_name_required' });
    if (v.status === 'retired' && !v.retiredOn) ctx.addIssue({ code: 'custom', path: ['retiredOn'], message: 'gov.inv.app.retired_on_required' });
    if (v.status === 'live' && !v.liveOn) ctx.addIssue({ code: 'custom', path: ['liveOn'], message: 'gov.inv.app.live_on_required' });
}

export const applicationInput = applicationFields.superRefine(refineApplication);
export type ApplicationInput = z.output<typeof applicationInput>;

const count = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : /^\d+$/.test(v.trim()) ? Number(v.trim()) : v) : v),
  z.number('gov.inv.staff.integer').int('gov.inv.staff.integer').min(0, 'gov.inv.staff.integer').max(1_000_000),
);

export const staffFiguresInput = z
  .object({
    civilServants: count,
    ictAble: count,
    abilityGood: count,
    abilityFair: count,
    ictSpecialists: count,
  })
  .superRefine((v, ctx) => {
    if (v.ictAble > v.civilServants) ctx.addIssue({ code: 'custom', path: ['ictAble'], message: 'gov.inv.staff.able_gt_total' });
    if (v.ictSpecialists > v.civilServants) ctx.addIssue({ code: 'custom', path: ['ictSpecialists'], message: 'gov.inv.staff.specialists_gt_total' });
    if (v.abilityGood + v.abilityFair > v.ictAble) ctx.addIssue({ code: 'custom', path: ['abilityFair'], message: 'gov.inv.staff.ability_gt_able' });
  });
export type StaffFiguresInput = z.output<typeof staffFiguresInput>;

export const certificationSchema = z.object({
  name: z.string().trim().min(1).max(200),
  year: z.number().int().min(1970).max(2100),
  expiresOn: dateOnly.nullable().default(null),
});

export const staffMemberInput = z.object({
  agencyId: uuid,
  name: formText(200),
  nip: z.preprocess(emptyToUndefined, z.string().trim().regex(/^\d{18}$/, 'gov.inv.staff.nip_invalid').optional()),
  position: optText(200),
  education: optText(200),
  competencies: optText(2000),
  certifications: z.array(certificationSchema).max(50).default([]),
});
export type StaffMemberInput = z.output<typeof staffMemberInput>;

const rupiah = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const s = v.trim().replace(/^Rp\s*/i, '').replace(/\./g, '');
    if (s === '') return 0;
    return /^\d+$/.test(s) ? Number(s) : v;
  },
  z.number('gov.inv.asset.value_invalid').int('gov.inv.asset.value_invalid').min(0, 'gov.inv.asset.value_invalid').max(Number.MAX_SAFE_INTEGER, 'gov.inv.asset.value_invalid'),
);

export const assetFields = z.object({
    agencyId: uuid,
    code: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().regex(/^[A-Za-z0-9._/-]{1,60}$/, 'gov.inv.asset.code_invalid')),
    name: formText(200),
    category: z.enum(assetCategories),
    location: optText(300),
    acquiredOn: optDate,
    acquisitionMethod: z.enum(acquisitionMethods),
    value: rupiah,
    fundingSource: z.enum(fundingSources),
    condition: z.enum(assetConditions),
    status: z.enum(assetStatuses),
    disposedOn: optDate,
    disposalReason: optText(1000),
    licenceExpiresOn: optDate,
});

export function refineAsset(v: z.output<typeof assetFields>, ctx: z.RefinementCtx): void {
    if (v.status === 'disposed' && !v.disposedOn) ctx.addIssue({ code: 'custom', path: ['disposedOn'], message: 'gov.inv.asset.disposed_on_required' });
    if (v.status === 'disposed' && !v.disposalReason) ctx.addIssue({ code: 'custom', path: ['disposalReason'], message: 'gov.inv.asset.disposal_reason_required' });
}

export const assetInput = assetFields.superRefine(refineAsset);
export type AssetInput = z.output<typeof assetInput>;
