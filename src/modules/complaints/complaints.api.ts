// JSON API of the complaint lifecycle for staff (tag 'complaints'): list and read (the reporter
// only when he chose to show his identity), the back-office actions, duplicates, forwarding to
// SP4N-LAPOR!, the routing and deadline rules (data), and SP4N-LAPOR!'s signed status callback.
// The same service and rules as the pages.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/errors.ts';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import { requireSignedJson } from '../../platform/http/webhook-signature.ts';
import { complaintCategories, type StaffAction } from './complaints.rules.ts';
import { LAPOR_CALLBACK_URL, type Complaints, type StaffComplaint } from './complaints.service.ts';
import { complaintStatuses } from './complaints.tables.ts';
import { laporStatusCallback } from './lapor.ts';

const base = '/api/v1/complaints';
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'validation.invalid');
const dateTime = () => z.string().meta({ format: 'date-time' });
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const staffActions = ['verify', 'hold', 'not_authority', 'archive', 'reroute', 'respond', 'resolve'] as const satisfies readonly StaffAction[];

const listItemSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    title: z.string(),
    kind: z.string(),
    status: z.enum(complaintStatuses),
    routedAgencyName: z.string().nullable(),
    submittedAt: dateTime().nullable(),
    dueAt: dateTime().nullable().meta({ description: 'The next deadline: verification, first response, or resolution of its tier' }),
    overdue: z.boolean(),
  })
  .meta({ id: 'ComplaintListItem' });

const complaintSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    kind: z.string(),
    category: z.string(),
    title: z.string(),
    body: z.string(),
    status: z.enum(complaintStatuses),
    serviceName: z.string().nullable(),
    routedAgencyId: z.string().nullable(),
    routedAgencyName: z.string().nullable(),
    suggestedAgencyId: z.string().nullable().meta({ description: 'What the routing rules suggest (service rule, category rule, else the agency it is about)' }),
    tier: z.string().nullable(),
    verifyDueAt: dateTime().nullable(),
    responseDueAt: dateTime().nullable(),
    resolveDueAt: dateTime().nullable(),
    escalated: z.boolean().meta({ description: 'Past the resolution deadline; the agency head was told' }),
    duplicateOf: z.object({ id: z.string(), number: z.string() }).nullable(),
    lapor: z.object({ state: z.enum(['pending', 'sent']), remoteId: z.string().nullable(), remoteStatus: z.string().nullable(), attempts: z.number().int() }).nullable(),
    reporter: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }).nullable().meta({ description: 'null unless the reporter chose to show his identity' }),
    timeline: z.array(z.object({ kind: z.string(), status: z.string().nullable(), agencyName: z.string().nullable(), note: z.string().nullable(), visible: z.boolean(), at: dateTime() })),
  })
  .meta({ id: 'Complaint' });

function complaintJson(c: StaffComplaint): z.input<typeof complaintSchema> {
  return {
    id: c.id,
    number: c.number,
    kind: c.kind,
    category: c.category,
    title: c.title,
    body: c.body,
    status: c.status,
    serviceName: c.serviceName,
    routedAgencyId: c.routedAgencyId,
    routedAgencyName: c.routedAgencyName,
    suggestedAgencyId: c.suggestedAgencyId,
    tier: c.tier,
    verifyDueAt: iso(c.verifyDueAt),
    responseDueAt: iso(c.responseDueAt),
    resolveDueAt: iso(c.resolveDueAt),
    escalated: c.escalated,
    duplicateOf: c.duplicateOf,
    lapor: c.lapor,
    reporter: c.reporter,
    timeline: c.timeline.map((e) => ({ kind: e.kind, status: e.status, agencyName: e.agencyName, note: e.note, visible: e.visible, at: e.at.toISOString() })),
  };
}

export interface ComplaintApiDeps {
  api: ApiRegistry;
  complaints: Complaints;
  config: Pick<Config, 'laporCallbackSecret'>;
}

export function registerComplaintApi(app: FastifyInstance, deps: ComplaintApiDeps): void {
  const { api, complaints } = deps;
  const who = (input: { actor: Actor | null; request: { meta: RequestMeta } }) => ({ actor: input.actor, meta: input.request.meta });

  api.route(app, {
    method: 'GET',
    url: base,
    operationId: 'listComplaints',
    summary: 'Complaints the caller handles: the coordinator all, an agency its routed ones',
    tag: 'complaints',
    auth: 'user',
    query: z.object({ status: z.enum(complaintStatuses).optional() }),
    response: z.object({ items: z.array(listItemSchema) }),
    handler: async ({ actor, query }) => ({
      items: (await complaints.listForStaff(actor, { status: query.status })).map((c) => ({ ...c, submittedAt: iso(c.submittedAt), dueAt: iso(c.dueAt) })),
    }),
  });

  api.route(app, {
    method: 'GET',
    url: `${base}/:id`,
    operationId: 'getComplaint',
    summary: 'One complaint with its deadlines, routing suggestion and timeline (no hidden reporter)',
    tag: 'complaints',
    auth: 'user',
    params: z.object({ id: uuid }),
    response: complaintSchema,
    handler: async ({ actor, params }) => complaintJson(await complaints.getForStaff(actor, params.id)),
  });

  api.route(app, {
    method: 'POST',
    url: `${base}/:id/actions`,
    operationId: 'actOnComplaint',
    summary: 'A lifecycle action: verify (routes to agencyId, or to the suggested agency), hold, not_authority, archive, reroute, respond, resolve',
    description: 'hold, not_authority, archive, reroute and respond need a note. Coordinator actions: verify, hold, not_authority, archive, reroute; the routed agency: respond, resolve. A re-route is audited and the new agency is told.',
    tag: 'complaints',
    auth: 'user',
    status: 200,
    params: z.object({ id: uuid }),
    body: z.object({ action: z.enum(staffActions), agencyId: uuid.optional(), note: z.string().max(4000).optional() }),
    response: complaintSchema,
    handler: async (input) => {
      await complaints.act(who(input), input.params.id, input.body.action, { agencyId: input.body.agencyId, note: input.body.note });
      return complaintJson(await complaints.getForStaff(input.actor, input.params.id));
    },
  });

  api.route(app, {
    method: 'POST',
    url: `${base}/:id/duplicate`,
    operationId: 'markComplaintDuplicate',
    summary: 'The coordinator marks a complaint a duplicate of another (by number); its reporter then follows the original',
    tag: 'complaints',
    auth: 'user',
    status: 200,
    params: z.object({ id: uuid }),
    body: z.object({ original: z.string().min(1).max(40) }),
    response: complaintSchema,
    handler: async (input) => {
      await complaints.markDuplicate(who(input), input.params.id, input.body.original);
      return complaintJson(await complaints.getForStaff(input.actor, input.params.id));
    },
  });

  api.route(app, {
    method: 'POST',
    url: `${base}/:id/lapor`,
    operationId: 'forwardComplaintToLapor',
    summary: 'The coordinator forwards a complaint to SP4N-LAPOR! (queued; retried until accepted)',
    tag: 'complaints',
    auth: 'user',
    status: 202,
    params: z.object({ id: uuid }),
    response: z.object({ queued: z.literal(true) }),
    handler: async (input) => {
      await complaints.forwardToLapor(who(input), input.params.id);
      return { queued: true as const };
    },
  });

  const ruleSchema = z.object({ id: z.string(), serviceId: z.string().nullable(), category: z.string().nullable(), agencyId: z.string() }).meta({ id: 'ComplaintRoutingRule' });
  api.route(app, {
    method: 'GET',
    url: `${base}/routing-rules`,
    operationId: 'listComplaintRoutingRules',
    summary: 'Routing rules (data): service → agency and category → agency',
    tag: 'complaints',
    auth: 'user',
    response: z.object({ items: z.array(ruleSchema) }),
    handler: async ({ actor }) => ({ items: await complaints.routingRules(actor) }),
  });
  api.route(app, {
    method: 'PUT',
    url: `${base}/routing-rules`,
    operationId: 'setComplaintRoutingRule',
    summary: 'Sets the routing rule of one service or one category (replaces the old one; audited)',
    tag: 'complaints',
    auth: 'user',
    body: z.object({ serviceId: uuid.optional(), category: z.enum(complaintCategories).optional(), agencyId: uuid }),
    response: z.object({ items: z.array(ruleSchema) }),
    handler: async (input) => {
      await complaints.setRoutingRule(who(input), input.body);
      return { items: await complaints.routingRules(input.actor) };
    },
  });

  const deadlineSchema = z.object({ tiers: z.array(z.object({ code: z.string(), workingDays: z.number().int() })), categories: z.array(z.object({ category: z.string(), tier: z.string() })) }).meta({ id: 'ComplaintDeadlineRules' });
  api.route(app, {
    method: 'GET',
    url: `${base}/deadline-rules`,
    operationId: 'getComplaintDeadlineRules',
    summary: 'Resolution tiers in working days and the tier of each category',
    tag: 'complaints',
    auth: 'user',
    response: deadlineSchema,
    handler: async () => complaints.deadlineRules(),
  });
  api.route(app, {
    method: 'PUT',
    url: `${base}/deadline-rules`,
    operationId: 'setComplaintDeadlineRule',
    summary: "Changes a tier's working days and/or puts a category in a tier (for complaints routed from then on; audited)",
    tag: 'complaints',
    auth: 'user',
    body: z.object({ tier: z.string().min(1).max(40), workingDays: z.number().int().optional(), category: z.enum(complaintCategories).optional() }),
    response: deadlineSchema,
    handler: async (input) => {
      await complaints.setDeadlineRule(who(input), input.body);
      return complaints.deadlineRules();
    },
  });

  // SP4N-LAPOR!'s status callback: no session; `X-Simpul-Signature: sha256=<hex>` of the raw body
  // with LAPOR_CALLBACK_SECRET (constant-time), like the bank callback. Without the secret: 401.
  app.register(async (scope) => {
    requireSignedJson(scope, () => deps.config.laporCallbackSecret);
    api.route(scope, {
      method: 'POST',
      url: LAPOR_CALLBACK_URL,
      operationId: 'receiveLaporStatus',
      summary: 'SP4N-LAPOR! webhook: the status of a forwarded complaint changed',
      description: 'Signed with `X-Simpul-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw body with LAPOR_CALLBACK_SECRET; a missing or wrong signature is 401. An unknown trackingId/reference pair is 404. Sending the same status again changes nothing (`duplicate: true`).',
      tag: 'complaints',
      auth: 'public',
      status: 200,
      body: laporStatusCallback,
      response: z.object({ reference: z.string(), duplicate: z.boolean() }),
      handler: async ({ body }) => {
        const r = await complaints.laporStatusChanged(body);
        return { reference: r.complaintNumber, duplicate: r.duplicate };
      },
    });
  });
}
