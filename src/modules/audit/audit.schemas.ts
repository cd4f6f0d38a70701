// The audit trail's filter (the /kelola/audit form and GET /api/v1/audit share it). Custom
// checks carry message keys from audit.messages.ts, so errors come out in the caller's language.
import { z } from 'zod';

const trimmed = (v: unknown) => (typeof v === 'string' ? (v.replace(/\s+/g, ' ').trim() === '' ? undefined : v.replace(/\s+/g, ' ').trim()) : v);
const isIsoDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
/** Optional filter text: '' (an empty form field) reads as absent. */
const optional = <S extends z.ZodType>(inner: S) => z.preprocess(trimmed, inner.optional());
const isoDate = optional(z.string().max(10).refine(isIsoDate, { message: 'audit.date_format' }));

export const auditFilterSchema = z
  .object({
    entityType: optional(z.string().max(40).regex(/^[a-z_]+$/, 'audit.entity_format')),
    action: optional(z.string().max(60).regex(/^[a-z_.]+$/, 'audit.action_format')),
    actor: optional(z.string().max(120)).meta({ description: 'Part of the actor\'s name or label, or the actor\'s user id' }),
    from: isoDate.meta({ description: 'First day (YYYY-MM-DD, region time zone)' }),
    to: isoDate.meta({ description: 'Last day (YYYY-MM-DD, region time zone)' }),
    before: optional(z.coerce.number().int().positive()).meta({ description: 'Cursor: only events with a smaller id (the nextCursor of the previous page, newest first)' }),
    after: optional(z.coerce.number().int().nonnegative()).meta({ description: 'Cursor when order=asc: only events with a larger id (the nextCursor of the previous page)' }),
    order: optional(z.enum(['asc', 'desc'])).meta({ description: 'desc (default): newest first; asc: oldest first' }),
    limit: optional(z.coerce.number().int().min(1).max(200)),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'audit.range_order' });
export type AuditFilter = z.output<typeof auditFilterSchema>;
