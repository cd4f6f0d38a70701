// JSON API of the audit trail: GET /api/v1/audit for super admins and auditors, newest first,
// with a keyset cursor (`before` = the previous page's `nextCursor`).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditDeps as Deps } from './audit.deps.ts';
import { auditFilterSchema } from './audit.schemas.ts';
import { createAuditViewer } from './audit.service.ts';

const eventSchema = z
  .object({
    id: z.number().int(),
    occurredAt: z.string().meta({ format: 'date-time' }),
    actor: z.object({ id: z.string().nullable(), label: z.string() }),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    agency: z.string().nullable().meta({ description: 'Slug of the agency the event concerns' }),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEvent' });

export function registerAuditApi(app: FastifyInstance, deps: Deps): void {
  const { api, agencies } = deps;
  const viewer = createAuditViewer(deps.database.db, async () => (await agencies.regionInfo()).timeZone);
  api.route(app, {
    method: 'GET',
    url: '/api/v1/audit',
    operationId: 'listAuditEvents',
    summary: 'The audit trail, newest first (super admins, auditors); filter by entity type, action, actor, dates',
    tag: 'audit',
    auth: 'user',
    query: auditFilterSchema,
    response: z.object({ items: z.array(eventSchema), nextCursor: z.number().int().nullable().meta({ description: 'Pass as `before` for the next page' }) }),
    handler: async ({ query, actor }) => {
      const { items, nextCursor } = await viewer.list(actor, query);
      const slugs = new Map((await agencies.listAgencyRefs()).map((a) => [a.id, a.slug]));
      return {
        items: items.map((e) => ({
          id: e.id,
          occurredAt: e.occurredAt.toISOString(),
          actor: { id: e.actorId, label: e.actorLabel },
          ip: e.ip,
          requestId: e.requestId,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          agency: e.agencyId ? (slugs.get(e.agencyId) ?? null) : null,
          before: e.before,
          after: e.after,
        })),
        nextCursor,
      };
    },
  });
}
