// Back-office audit-trail viewer (/kelola/audit): super admins and auditors (agency auditors
// see their agencies' events). Read-only: this module has no route that changes anything.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditDeps as Deps } from './audit.deps.ts';
import { agenciesFor, authorize } from '../../platform/auth/policy.ts';
import { auditActionCodes, createAuditViewer } from './audit.service.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { parseSort } from '../../platform/views/components/index.ts';
import { AuditEventPage, AuditListPage, ROOT_AUDIT, type AuditFilterValues } from './audit.views.tsx';

defineMenuLink({ href: ROOT_AUDIT, labelKey: 'audit.menu', action: 'audit.read', area: 'system', order: 90 });

const pick = (q: Record<string, unknown>, k: string) => (typeof q[k] === 'string' ? (q[k] as string).slice(0, 120) : undefined);

export function registerAuditRoutes(app: FastifyInstance, deps: Deps): void {
  const { agencies, auditChain } = deps;
  const viewer = createAuditViewer(deps.database.db, async () => (await agencies.regionInfo()).timeZone);

  // Public: the signed checkpoints of the audit chain and the keys that sign them, so anyone
  // (an inspector, the BPK, a citizen) can keep copies and later prove the trail was not rewritten.
  app.get('/audit/checkpoints', async (_request, reply) => {
    const [checkpoints, status] = await Promise.all([auditChain.checkpoints(100), auditChain.status()]);
    reply.header('cache-control', 'no-store');
    return {
      algorithm: 'Ed25519 over "simpul-audit-checkpoint-v1\\0<seq>\\0<chainHash>\\0<signedAt>"',
      publicKeys: auditChain.publicKeys(),
      sealed: status.sealed,
      checkpoints,
    };
  });

  app.get(ROOT_AUDIT, async (request, reply) => {
    authorize(request.actor, 'audit.read');
    const q = (request.query ?? {}) as Record<string, unknown>;
    const values: AuditFilterValues = { entitas: pick(q, 'entitas'), aksi: pick(q, 'aksi'), aktor: pick(q, 'aktor'), dari: pick(q, 'dari'), sampai: pick(q, 'sampai') };
    // One sortable column, the time (the trail's own order, by id): newest or oldest first.
    const sort = parseSort(q, ['when'] as const, { key: 'when', dir: 'desc' });
    const before = sort.dir === 'desc' ? pick(q, 'sebelum') : undefined;
    const after = sort.dir === 'asc' ? pick(q, 'setelah') : undefined;
    let result: Awaited<ReturnType<typeof viewer.list>> = { items: [], nextCursor: null };
    let fieldErrors: FieldError[] = [];
    let status = 200;
    try {
      result = await viewer.list(request.actor, {
        entityType: values.entitas,
        action: values.aksi,
        actor: values.aktor,
        from: values.dari,
        to: values.sampai,
        before,
        after,
        order: sort.dir,
      });
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 422) throw e;
      fieldErrors = e.fields ?? [];
      status = 422;
    }
    const [entityTypes, actions, agencyNames] = await Promise.all([viewer.entityTypes(request.actor), auditActionCodes(deps.database.db, agenciesFor(request.actor, 'audit.read')), agencies.namesById()]);
    const ctx = await app.viewContext(request, reply);
    return reply.page(
      AuditListPage({ ctx, items: result.items, nextCursor: result.nextCursor, filter: values, entityTypes, actions, agencyNames, errors: fieldErrors, paged: Boolean(before ?? after), sort }),
      status,
    );
  });

  app.get(`${ROOT_AUDIT}/:id`, async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    authorize(request.actor, 'audit.read');
    if (!/^\d{1,15}$/.test(request.params.id)) throw errors.notFound();
    const e = await viewer.event(request.actor, Number(request.params.id));
    const names = await agencies.namesById();
    const ctx = await app.viewContext(request, reply);
    return reply.page(AuditEventPage({ ctx, e, agencyName: e.agencyId ? (names.get(e.agencyId) ?? null) : null }));
  });
}
