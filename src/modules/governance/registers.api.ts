// JSON API of coordination requests (G-1), audits (G-7) and the simple registers (G-10 …
// G-14), tag 'governance'. The same services and rules as the pages; one path per register
// so each has its own schema in the OpenAPI document.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { GovernanceDeps as Deps } from './governance.deps.ts';
import type { Trx } from '../../platform/db/database.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { errors } from '../../platform/http/errors.ts';
import { calendarDay } from './coordination.rules.ts';
import { coordinationActionSchema, coordinationInputSchema, progressInputSchema, type CoordinationDetail, type CoordinationView } from './coordination.service.ts';
import { auditInputSchema, findingInputSchema, followUpInputSchema, type AuditDetail, type AuditView } from './audits.service.ts';
import { entryDataSchema, registers } from './registers.framework.ts';
import type { EntryView } from './registers.service.ts';
import type { GovernanceRegisterServices } from './registers.services.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'validation.invalid');
const dateTime = () => z.string().meta({ format: 'date-time' });
const date = () => z.string().meta({ format: 'date' });
const pageQuery = {
  agencyId: uuid.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

const coordinationSchema = z
  .object({
    id: z.string(),
    agency: z.object({ id: z.string(), name: z.string() }),
    title: z.string(),
    kind: z.enum(['new_application', 'procurement', 'network', 'other']),
    description: z.string(),
    estimatedBudget: z.number().int().meta({ description: 'Integer Rupiah' }),
    plannedYear: z.number().int(),
    attachmentUrl: z.string().nullable(),
    state: z.enum(['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'declined']),
    recommendation: z.string().nullable(),
    budgetGuidance: z.number().int().nullable().meta({ description: 'Integer Rupiah' }),
    priceGuidance: z.string().nullable(),
    decisionNote: z.string().nullable(),
    version: z.number().int(),
    lastProgress: z.object({ reportDate: date(), percent: z.number().int() }).nullable(),
    progressDueOn: date().nullable(),
    progressOverdue: z.boolean(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
  })
  .meta({ id: 'CoordinationRequest' });

const coordinationDetailSchema = coordinationSchema
  .extend({
    events: z.array(z.object({ at: dateTime(), action: z.string(), fromState: z.string().nullable(), toState: z.string(), actor: z.string(), note: z.string().nullable() })),
    progress: z.array(z.object({ reportDate: date(), percent: z.number().int(), note: z.string() })),
  })
  .meta({ id: 'CoordinationRequestDetail' });

const findingSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    ownerAgencyId: z.string().nullable(),
    ownerAgency: z.string().nullable(),
    dueDate: date(),
    status: z.enum(['open', 'closed']),
    late: z.boolean(),
    closedAt: dateTime().nullable(),
    followUps: z.array(z.object({ note: z.string(), closes: z.boolean(), actor: z.string(), at: dateTime() })),
  })
  .meta({ id: 'AuditFinding' });

const auditSchema = z
  .object({
    id: z.string(),
    agency: z.object({ id: z.string(), name: z.string() }).nullable().meta({ description: 'null: region-wide audit' }),
    kind: z.enum(['infrastructure', 'application', 'security']),
    scope: z.string(),
    auditorType: z.enum(['internal', 'external']),
    auditorName: z.string(),
    startDate: date(),
    endDate: date(),
    version: z.number().int(),
    openFindings: z.number().int(),
  })
  .meta({ id: 'Audit' });
const auditDetailSchema = auditSchema.extend({ findings: z.array(findingSchema) }).meta({ id: 'AuditDetail' });

const coordJson = (r: CoordinationView) => ({
  id: r.id,
  agency: { id: r.agencyId, name: r.agencyName },
  title: r.title,
  kind: r.kind,
  description: r.description,
  estimatedBudget: r.estimatedBudget,
  plannedYear: r.plannedYear,
  attachmentUrl: r.attachmentUrl,
  state: r.state,
  recommendation: r.recommendation,
  budgetGuidance: r.budgetGuidance,
  priceGuidance: r.priceGuidance,
  decisionNote: r.decisionNote,
  version: r.version,
  lastProgress: r.lastProgress,
  progressDueOn: r.progressDueOn,
  progressOverdue: r.progressOverdue,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
const coordDetailJson = (r: CoordinationDetail) => ({
  ...coordJson(r),
  events: r.events.map((e) => ({ at: e.at.toISOString(), action: e.action, fromState: e.fromState, toState: e.toState, actor: e.actorLabel, note: e.note })),
  progress: r.progress.map((p) => ({ reportDate: p.reportDate, percent: p.percent, note: p.note })),
});
const auditJson = (a: AuditView) => ({
  id: a.id,
  agency: a.agencyId ? { id: a.agencyId, name: a.agencyName ?? '' } : null,
  kind: a.kind,
  scope: a.scope,
  auditorType: a.auditorType,
  auditorName: a.auditorName,
  startDate: a.startDate,
  endDate: a.endDate,
  version: a.version,
  openFindings: a.openFindings,
});
const auditDetailJson = (a: AuditDetail) => ({
  ...auditJson(a),
  findings: a.findings.map((f) => ({
    id: f.id,
    title: f.title,
    description: f.description,
    severity: f.severity,
    ownerAgencyId: f.ownerAgencyId,
    ownerAgency: f.ownerAgencyName,
    dueDate: f.dueDate,
    status: f.status,
    late: f.late,
    closedAt: f.closedAt ? f.closedAt.toISOString() : null,
    followUps: f.followUps.map((x) => ({ note: x.note, closes: x.closes, actor: x.actorLabel, at: x.createdAt.toISOString() })),
  })),
});

const camel = (key: string) => key.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());

export function registerGovernanceRegisterApi(app: FastifyInstance, deps: Deps, services: GovernanceRegisterServices): void {
  const db = deps.database.db;
  const { registers: regs, coordination, audits } = services;
  const tx = <T,>(fn: (trx: Trx) => Promise<T>) => db.transaction().execute(fn);
  const clock = async () => {
    const tz = (await deps.region()).timeZone;
    const now = new Date();
    return { now, tz, today: calendarDay(now, tz) };
  };
  const who = (input: { actor: unknown; request: { meta: unknown } }) => ({ actor: input.actor as NonNullable<Parameters<typeof regs.list>[1]>, meta: input.request.meta as never });
  const base = '/api/v1/governance';

  // ---------- coordination requests ----------
  deps.api.route(app, {
    method: 'GET',
    url: `${base}/coordination-requests`,
    operationId: 'listCoordinationRequests',
    summary: "Coordination requests (G-1) the caller may read: an agency's own, all for the Dinas",
    tag: 'governance',
    auth: 'user',
    query: z.object({ ...pageQuery, state: z.enum(['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'declined']).optional(), overdue: z.enum(['true', 'false']).optional() }),
    response: z.object({ items: z.array(coordinationSchema), total: z.number().int(), page: z.number().int() }),
    handler: async ({ actor, query }) => {
      const { now, tz } = await clock();
      const r = await coordination.list(db, actor!, { agencyId: query.agencyId, state: query.state, overdueOnly: query.overdue === 'true', page: query.page, pageSize: query.pageSize }, now, tz);
      return { items: r.items.map(coordJson), total: r.total, page: r.page };
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: `${base}/coordination-requests`,
    operationId: 'createCoordinationRequest',
    summary: 'An agency drafts a coordination request for a planned ICT initiative (G-1)',
    tag: 'governance',
    auth: 'user',
    body: coordinationInputSchema,
    response: coordinationDetailSchema,
    handler: async (input) => {
      const { now, tz } = await clock();
      return coordDetailJson(await tx((trx) => coordination.create(trx, who(input), input.body, now, tz)));
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: `${base}/coordination-requests/:id`,
    operationId: 'getCoordinationRequest',
    summary: 'A coordination request with its timeline and progress reports',
    tag: 'governance',
    auth: 'user',
    params: z.object({ id: uuid }),
    response: coordinationDetailSchema,
    handler: async ({ actor, params }) => {
      const { now, tz } = await clock();
      const r = await coordination.get(db, actor!, params.id, now, tz);
      if (!r) throw errors.notFound();
      return coordDetailJson(r);
    },
  });

  deps.api.route(app, {
    method: 'PUT',
    url: `${base}/coordination-requests/:id`,
    operationId: 'updateCoordinationRequest',
    summary: 'The agency changes its request while it is a draft or changes were requested (version required)',
    tag: 'governance',
    auth: 'user',
    params: z.object({ id: uuid }),
    body: coordinationInputSchema.extend({ version: z.number().int().min(1) }),
    response: coordinationDetailSchema,
    handler: async (input) => {
      const { now, tz } = await clock();
      return coordDetailJson(await tx((trx) => coordination.update(trx, who(input), input.params.id, input.body.version, input.body, now, tz)));
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: `${base}/coordination-requests/:id/actions`,
    operationId: 'actOnCoordinationRequest',
    summary: 'Moves a request: submit (agency); start_review, recommend, request_changes, approve, decline (Dinas)',
    description: 'An action not allowed in the current state is 409. request_changes and decline need a note; approve needs a recommendation given first.',
    tag: 'governance',
    auth: 'user',
    params: z.object({ id: uuid }),
    body: coordinationActionSchema.extend({ version: z.number().int().min(1).optional() }),
    status: 200,
    response: coordinationDetailSchema,
    handler: async (input) => {
      const { now, tz } = await clock();
      return coordDetailJson(await tx((trx) => coordination.act(trx, who(input), input.params.id, input.body, now, tz, input.body.version)));
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: `${base}/coordination-requests/:id/progress`,
    operationId: 'reportCoordinationProgress',
    summary: 'The agency reports progress (date, percent, note) on an approved request',
    tag: 'governance',
    auth: 'user',
    params: z.object({ id: uuid }),
    body: progressInputSchema,
    response: coordinationDetailSchema,
    handler: async (input) => {
      const { now, tz } = await clock();
      return coordDetailJson(await tx((trx) => coordination.addProgress(trx, who(input), input.params.id, input.body, now, tz)));
    },
  });

  // ---------- audits ----------
  deps.api.route(app, {
    method: 'GET',
    url: `${base}/audits`,
    operationId: 'listAudits',
    summary: 'ICT audits (G-7) the caller may read',
    tag: 'governance',
    auth: 'user',
    query: z.object({ ...pageQuery, kind: z.enum(['infrastructure', 'application', 'security']).optional() }),
    response: z.object({ items: z.array(auditSchema), total: z.number().int(), page: z.number().int() }),
    handler: async ({ actor, query }) => {
      const r = await audits.list(db, actor!, query);
      return { items: r.items.map(auditJson), total: r.total, page: r.page };
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: `${base}/audits/infrastructure-status`,
    operationId: 'infrastructureAuditStatus',
    summary: 'Last infrastructure audit of the region and each agency; overdue (older than two years or missing) flagged',
    tag: 'governance',
    auth: 'user',
    response: z.object({ items: z.array(z.object({ agencyId: z.string().nullable(), name: z.string(), lastAuditOn: date().nullable(), dueOn: date().nullable(), overdue: z.boolean() })) }),
    handler: async ({ actor }) => {
      const { today } = await clock();
      authorize(actor, 'governance.registers.audits.read');
      return { items: await audits.infrastructureStatus(db, actor, today) };
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: `${base}/audits`,
    operationId: 'createAudit',
    summary: 'The Dinas records an ICT audit (agencyId omitted: region-wide)',
    tag: 'governance',
    auth: 'user',
    body: auditInputSchema,
    response: auditDetailSchema,
    handler: async (input) => {
      const { today } = await clock();
      return auditDetailJson(await tx((trx) => audits.create(trx, who(input), input.body, today)));
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: `${base}/audits/:id`,
    operationId: 'getAudit',
    summary: 'An audit with its findings and their follow-up',
    tag: 'governance',
    auth: 'user',
    params: z.object({ id: uuid }),
    response: auditDetailSchema,
    handler: async ({ actor, params }) => {
      const { today } = await clock();
      const a = await audits.get(db, actor!, params.id, today);
      if (!a) throw errors.notFound();
      return auditDetailJson(a);
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: `${base}/audits/:id/findings`,
    operationId: 'addAuditFinding',
    summary: 'The Dinas adds a finding (severity, owner agency, due date) to an audit',
    tag: 'governance',
    auth: 'user',
    params: z.object({ id: uuid }),
    body: findingInputSchema,
    response: auditDetailSchema,
    handler: async (input) => {
      const { today } = await clock();
      return auditDetailJson(await tx((trx) => audits.addFinding(trx, who(input), input.params.id, input.body, today)));
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: `${base}/audit-findings/:id/follow-ups`,
    operationId: 'followUpAuditFinding',
    summary: 'A follow-up on a finding by its owner agency or the Dinas; close: true closes it (a note is required)',
    tag: 'governance',
    auth: 'user',
    params: z.object({ id: uuid }),
    body: followUpInputSchema,
    response: auditDetailSchema,
    handler: async (input) => {
      const { today } = await clock();
      return auditDetailJson(await tx((trx) => audits.followUp(trx, who(input), input.params.id, input.body, today)));
    },
  });

  // ---------- simple registers: one path per register ----------
  for (const def of registers()) {
    const name = camel(def.key);
    const dataSchema = entryDataSchema(def).meta({ id: `${name}Data` });
    const entrySchema = z
      .object({
        id: z.string(),
        agency: z.object({ id: z.string(), name: z.string() }).nullable(),
        data: dataSchema,
        flags: z.array(z.string()).meta({ description: 'Warnings, e.g. expired, expiring within 30 days' }),
        version: z.number().int(),
        createdAt: dateTime(),
        updatedAt: dateTime(),
      })
      .meta({ id: `${name}Entry` });
    const json = (e: EntryView) => ({
      id: e.id,
      agency: e.agencyId ? { id: e.agencyId, name: e.agencyName ?? '' } : null,
      data: e.data,
      flags: e.flags.map((f) => f.replace('gov.reg.flag.', '')),
      version: e.version,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
    });
    const bodySchema = z.object({ agencyId: uuid.nullable().optional(), data: z.record(z.string(), z.unknown()) });
    const url = `${base}/registers/${def.key}`;

    deps.api.route(app, {
      method: 'GET',
      url,
      operationId: `list${name}`,
      summary: `Register ${def.key} (${def.requirement})`,
      tag: 'governance',
      auth: 'user',
      query: z.object({ ...pageQuery, q: z.string().max(100).optional() }),
      response: z.object({ items: z.array(entrySchema), total: z.number().int(), page: z.number().int() }),
      handler: async ({ actor, query }) => {
        const { today } = await clock();
        const r = await regs.list(db, actor!, def, { agencyId: query.agencyId, search: query.q, page: query.page, pageSize: query.pageSize }, today);
        return { items: r.items.map(json), total: r.total, page: r.page };
      },
    });

    deps.api.route(app, {
      method: 'POST',
      url,
      operationId: `create${name}`,
      summary: `Adds an entry to register ${def.key} (${def.requirement})`,
      description: def.key === 'domains' ? "A name outside the region's domain is refused (422)." : undefined,
      tag: 'governance',
      auth: 'user',
      body: bodySchema,
      response: entrySchema,
      handler: async (input) => {
        const { today } = await clock();
        return json(await tx((trx) => regs.create(trx, who(input), def, { ...input.body.data, agencyId: input.body.agencyId ?? '' }, today)));
      },
    });

    deps.api.route(app, {
      method: 'GET',
      url: `${url}/:id`,
      operationId: `get${name}`,
      summary: `One entry of register ${def.key}`,
      tag: 'governance',
      auth: 'user',
      params: z.object({ id: uuid }),
      response: entrySchema,
      handler: async ({ actor, params }) => {
        const { today } = await clock();
        const e = await regs.get(db, actor!, def, params.id, today);
        if (!e) throw errors.notFound();
        return json(e);
      },
    });

    deps.api.route(app, {
      method: 'PUT',
      url: `${url}/:id`,
      operationId: `update${name}`,
      summary: `Changes an entry of register ${def.key} (the version read is required; a stale one is 409)`,
      tag: 'governance',
      auth: 'user',
      params: z.object({ id: uuid }),
      body: bodySchema.extend({ version: z.number().int().min(1) }),
      response: entrySchema,
      handler: async (input) => {
        const { today } = await clock();
        return json(await tx((trx) => regs.update(trx, who(input), def, input.params.id, input.body.version, { ...input.body.data, agencyId: input.body.agencyId ?? '' }, today)));
      },
    });
  }
}
