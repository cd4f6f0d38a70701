// Request schemas of the information layer: one schema validates the back-office forms and
// the JSON API bodies. Custom checks carry message keys (content.messages.ts).
import { z } from 'zod';
import { legalStatuses, legalTypes } from '../../platform/db/schema.ts';

export const contentKinds = ['page', 'guide', 'announcement', 'faq'] as const;
export type ContentKindName = (typeof contentKinds)[number];
export { legalStatuses, legalTypes };

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const trimmed = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v);
/** Required trimmed text ('' counts as missing). */
const text = (max: number) => z.preprocess(trimmed, z.string().max(max));
/**
 * Optional trimmed text: '' (an empty form field) is absent. The optional sits inside the
 * preprocess: an outer `.optional()` only skips `undefined`, never ''.
 */
const optionalText = (max: number, pattern?: { re: RegExp; key: string }) =>
  z.preprocess(trimmed, (pattern ? z.string().max(max).regex(pattern.re, pattern.key) : z.string().max(max)).optional());
/** Trimmed text for a patch: '' and null become null (clears the field). */
const clearable = (inner: z.ZodString) =>
  z.preprocess((v) => (v === null ? null : typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v), inner.nullable());
/** Long text keeps its line breaks; only trailing blanks are trimmed. */
const longText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.replace(/\r\n?/g, '\n').replace(/\s+$/, '')) : v), z.string().max(max));

const agencyRef = z.preprocess((v) => (v === '' ? null : v), z.string().regex(uuidPattern, 'content.agency_unknown').nullable());

export const contentInputSchema = z.object({
  kind: z.enum(contentKinds, { message: 'content.kind_required' }),
  title: text(200),
  slug: optionalText(80, { re: slugPattern, key: 'content.slug_format' }),
  summary: optionalText(500),
  body: longText(50_000),
  agencyId: agencyRef.optional(),
  serviceSlug: optionalText(80, { re: slugPattern, key: 'content.service_slug_format' }),
});
export type ContentInput = z.output<typeof contentInputSchema>;

export const contentPatchSchema = z.object({
  title: text(200).optional(),
  slug: optionalText(80, { re: slugPattern, key: 'content.slug_format' }),
  summary: clearable(z.string().max(500)).optional(),
  body: longText(50_000).optional(),
  agencyId: agencyRef.optional(),
  serviceSlug: clearable(z.string().max(80).regex(slugPattern, 'content.service_slug_format')).optional(),
});
export type ContentPatch = z.output<typeof contentPatchSchema>;

const maxYear = () => new Date().getUTCFullYear() + 1;
const year = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
  z.number({ message: 'legal.year_invalid' }).int('legal.year_invalid').min(1945, 'legal.year_invalid').refine((y) => y <= maxYear(), 'legal.year_invalid'),
);
/** "Pelayanan Publik", not "tentang Pelayanan Publik": the word is added when shown. */
const legalTitle = text(400).transform((s) => s.replace(/^tentang\s+/i, ''));
const legalNumber = text(60).pipe(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N} .\/-]*$/u, 'legal.number_format'));

export const legalInputSchema = z.object({
  type: z.enum(legalTypes, { message: 'legal.type_required' }),
  number: legalNumber,
  year,
  title: legalTitle,
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(legalStatuses, { message: 'legal.status_required' }).default('berlaku')),
  summary: optionalText(3000),
  agencyId: agencyRef.optional(),
});
export type LegalInput = z.output<typeof legalInputSchema>;

export const legalPatchSchema = z.object({
  type: z.enum(legalTypes, { message: 'legal.type_required' }).optional(),
  number: legalNumber.optional(),
  year: year.optional(),
  title: legalTitle.optional(),
  status: z.enum(legalStatuses, { message: 'legal.status_required' }).optional(),
  summary: clearable(z.string().max(3000)).optional(),
  agencyId: agencyRef.optional(),
});
export type LegalPatch = z.output<typeof legalPatchSchema>;
