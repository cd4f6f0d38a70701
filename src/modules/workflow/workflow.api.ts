// JSON API of SOPs (P-6, tag 'workflow'): staff only; authorisation is inside the service.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { WorkflowDeps as Deps } from './workflow.deps.ts';
import type { Executor } from '../../platform/db/database.ts';
import { sopDefinitionSchema } from './workflow.schemas.ts';
import type { SopVersion, Workflow } from './workflow.service.ts';

const sopSchema = z
  .object({
    version: z.number().int(),
    status: z.enum(['draft', 'awaiting_approval', 'approved', 'retired']),
    definition: sopDefinitionSchema,
    reviewMonths: z.number().int(),
    submittedAt: z.string().nullable().meta({ format: 'date-time' }),
    approvedAt: z.string().nullable().meta({ format: 'date-time' }),
    nextReviewAt: z.string().nullable().meta({ format: 'date', description: 'Next review date (YYYY-MM-DD)' }),
    reviewOverdue: z.boolean(),
  })
  .meta({ id: 'Sop' });

const slugParams = z.object({ slug: z.string().min(1).max(80) });

export function sopJson(v: SopVersion): z.input<typeof sopSchema> {
  return {
    version: v.version,
    status: v.status,
    definition: v.definition,
    reviewMonths: v.reviewMonths,
    submittedAt: v.submittedAt?.toISOString() ?? null,
    approvedAt: v.approvedAt?.toISOString() ?? null,
    nextReviewAt: v.nextReviewAt,
    reviewOverdue: v.reviewOverdue,
  };
}

export function registerWorkflowApi(app: FastifyInstance, deps: Deps, workflow: Workflow): void {
  const tx = <T,>(fn: (trx: Executor) => Promise<T>) => deps.database.db.transaction().execute(fn);

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/services/:slug/sop',
    operationId: 'getServiceSop',
    summary: "A service's current approved SOP and its working version (staff of the agency)",
    tag: 'workflow',
    auth: 'user',
    params: slugParams,
    response: z.object({ current: sopSchema.nullable(), working: sopSchema.nullable() }),
    handler: async ({ actor, params }) => {
      const s = await workflow.getSops(deps.database.db, actor, params.slug);
      return { current: s.current ? sopJson(s.current) : null, working: s.working ? sopJson(s.working) : null };
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/services/:slug/sop/draft',
    operationId: 'createSopDraft',
    summary: 'Start a new SOP version: a copy of the current approved one, or empty',
    tag: 'workflow',
    auth: 'user',
    params: slugParams,
    response: sopSchema,
    handler: async ({ actor, params, request }) => sopJson(await tx((trx) => workflow.createDraft(trx, { actor, meta: request.meta }, params.slug))),
  });

  deps.api.route(app, {
    method: 'PUT',
    url: '/api/v1/services/:slug/sop/draft',
    operationId: 'updateSopDraft',
    summary: 'Replace the draft SOP definition and/or its review period (months, 1–12)',
    tag: 'workflow',
    auth: 'user',
    params: slugParams,
    body: z.object({ definition: z.unknown().optional(), reviewMonths: z.number().int().min(1).max(12).optional() }),
    response: sopSchema,
    handler: async ({ actor, params, body, request }) =>
      sopJson(await tx((trx) => workflow.updateDraft(trx, { actor, meta: request.meta }, params.slug, { definition: body.definition, reviewMonths: body.reviewMonths }))),
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/services/:slug/sop/submit',
    operationId: 'submitSop',
    summary: 'Submit the draft SOP for approval (refused with each problem named)',
    tag: 'workflow',
    auth: 'user',
    status: 200,
    params: slugParams,
    response: sopSchema,
    handler: async ({ actor, params, request }) => sopJson(await tx((trx) => workflow.submitForApproval(trx, { actor, meta: request.meta }, params.slug))),
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/services/:slug/sop/approve',
    operationId: 'approveSop',
    summary: 'Approve the SOP awaiting approval (agency head or super admin; not the submitter)',
    tag: 'workflow',
    auth: 'user',
    status: 200,
    params: slugParams,
    response: sopSchema,
    handler: async ({ actor, params, request }) => sopJson(await tx((trx) => workflow.approve(trx, { actor, meta: request.meta }, params.slug))),
  });
}
