// JSON API of processing (P-6, tag 'work-queue'): an agency's own system reads the work queue
// and one application, claims, releases, assigns, acts on the current step and writes
// internal notes, with the same rules as the back-office pages (authorisation and the `seq`
// check are the service's; a second officer acting on the same step gets 409).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApplicationsDeps as Deps } from './applications.deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/errors.ts';
import { applicationRecordKinds, recordPersonalDataAccess } from '../../platform/privacy/access-log.ts';
import { queueSortKeys, type ProcessingState, type QueueItem, type StepVisit } from './processing.service.ts';

const dateTime = () => z.string().meta({ format: 'date-time' });
const slaEnum = z.enum(['on_time', 'nearing', 'overdue']);
const actionEnum = z.enum(['forward', 'send_back', 'reject', 'approve']);
const channelEnum = z.enum(['online', 'counter']);

const queueItemSchema = z
  .object({
    trackingNumber: z.string(),
    service: z.object({ slug: z.string(), name: z.string() }),
    agency: z.object({ id: z.string(), name: z.string() }),
    applicant: z.string(),
    channel: channelEnum,
    status: z.enum(['submitted', 'in_process']),
    step: z.object({ key: z.string(), name: z.string(), role: z.string() }),
    seq: z.number().int().meta({ description: 'The step visit number; send it back with claim, release, assign and actions' }),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    submittedAt: dateTime(),
    stepDueAt: dateTime(),
    sla: slaEnum,
  })
  .meta({ id: 'WorkQueueItem' });

const queuePageSchema = z
  .object({
    items: z.array(queueItemSchema),
    counts: z.object({ total: z.number().int(), onTime: z.number().int(), nearing: z.number().int(), overdue: z.number().int() }),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'WorkQueuePage' });

const stepVisitSchema = z
  .object({
    seq: z.number().int(),
    stepKey: z.string(),
    stepName: z.string(),
    role: z.string(),
    assignee: z.string().nullable(),
    claimedAt: dateTime().nullable(),
    startedAt: dateTime(),
    dueAt: dateTime(),
    finishedAt: dateTime().nullable(),
    finishedBy: z.string().nullable(),
    outcome: z.enum(['forward', 'send_back', 'reject', 'approve', 'withdrawn']).nullable(),
    branchLabel: z.string().nullable(),
    note: z.string().nullable(),
    allowedMs: z.number().int().meta({ description: 'Working time allowed by the SOP (milliseconds of working hours)' }),
    usedMs: z.number().int().nullable().meta({ description: 'Working time used; null while the step is open' }),
    met: z.boolean().nullable(),
    escalatedAt: dateTime().nullable(),
  })
  .meta({ id: 'StepVisit' });

const stateSchema = z
  .object({
    trackingNumber: z.string(),
    status: z.string(),
    seq: z.number().int(),
    sopVersion: z.number().int().nullable(),
    step: z.object({ key: z.string(), name: z.string(), role: z.string(), actions: z.array(actionEnum) }).nullable(),
    assignee: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    stepStartedAt: dateTime().nullable(),
    stepDueAt: dateTime().nullable(),
    dueAt: dateTime().nullable(),
    sla: slaEnum.nullable(),
    overallSla: slaEnum.nullable(),
    decidedAt: dateTime().nullable(),
    decisionNote: z.string().nullable(),
    correction: z.object({ fields: z.array(z.string()), note: z.string(), sentBackAt: z.string() }).nullable(),
    can: z.object({ claim: z.boolean(), release: z.boolean(), assign: z.boolean(), act: z.array(actionEnum) }),
    forwardOptions: z.array(z.object({ option: z.number().int(), label: z.string().nullable(), next: z.string(), nextName: z.string() })),
    candidates: z.array(z.object({ id: z.string(), name: z.string() })),
    formFields: z.array(z.object({ key: z.string(), label: z.string() })),
  })
  .meta({ id: 'WorkItemState' });

const noteSchema = z.object({ id: z.string(), author: z.string(), body: z.string(), createdAt: dateTime() }).meta({ id: 'InternalNote' });

const workItemSchema = stateSchema
  .extend({
    service: z.object({ slug: z.string(), name: z.string(), version: z.number().int() }),
    agency: z.object({ id: z.string(), name: z.string() }),
    applicant: z.object({ name: z.string(), nikMasked: z.string().nullable() }),
    channel: channelEnum,
    submittedAt: dateTime().nullable(),
    data: z.record(z.string(), z.unknown()),
    attachments: z.array(
      z.object({ field: z.string(), requirement: z.string().nullable(), name: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string(), url: z.string() }),
    ),
    steps: z.array(stepVisitSchema),
    events: z.array(z.object({ kind: z.string(), note: z.string(), at: dateTime() })),
    notes: z.array(noteSchema),
  })
  .meta({ id: 'WorkItem' });

const trackingParams = z.object({ tracking: z.string().min(1).max(60) });
const seqSchema = z.number().int().min(0).max(1_000_000_000);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'applications.v.date');

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function itemJson(i: QueueItem): z.input<typeof queueItemSchema> {
  return {
    trackingNumber: i.trackingNumber,
    service: { slug: i.serviceSlug, name: i.serviceName },
    agency: { id: i.agencyId, name: i.agencyName },
    applicant: i.applicantName,
    channel: i.channel,
    status: i.status,
    step: { key: i.stepKey, name: i.stepName, role: i.role },
    seq: i.seq,
    assignee: i.assigneeId ? { id: i.assigneeId, name: i.assigneeName ?? '' } : null,
    submittedAt: i.submittedAt.toISOString(),
    stepDueAt: i.stepDueAt.toISOString(),
    sla: i.sla,
  };
}

function stepJson(s: StepVisit): z.input<typeof stepVisitSchema> {
  return {
    seq: s.seq,
    stepKey: s.stepKey,
    stepName: s.stepName,
    role: s.role,
    assignee: s.assigneeName,
    claimedAt: iso(s.claimedAt),
    startedAt: s.startedAt.toISOString(),
    dueAt: s.dueAt.toISOString(),
    finishedAt: iso(s.finishedAt),
    finishedBy: s.finishedByName,
    outcome: s.outcome,
    branchLabel: s.branchLabel,
    note: s.note,
    allowedMs: s.allowedMs,
    usedMs: s.usedMs,
    met: s.met,
    escalatedAt: iso(s.escalatedAt),
  };
}

export function stateJson(st: ProcessingState): z.input<typeof stateSchema> {
  return {
    trackingNumber: st.trackingNumber,
    status: st.status,
    seq: st.seq,
    sopVersion: st.sopVersion,
    step: st.step ? { key: st.step.key, name: st.step.name, role: st.step.role, actions: [...st.step.actions] } : null,
    assignee: st.assigneeId ? { id: st.assigneeId, name: st.assigneeName } : null,
    stepStartedAt: iso(st.stepStartedAt),
    stepDueAt: iso(st.stepDueAt),
    dueAt: iso(st.dueAt),
    sla: st.sla,
    overallSla: st.overallSla,
    decidedAt: iso(st.decidedAt),
    decisionNote: st.decisionNote,
    correction: st.correction ? { fields: st.correction.fields, note: st.correction.note, sentBackAt: st.correction.sentBackAt } : null,
    can: st.can,
    forwardOptions: st.forwardOptions.map((o, option) => ({ option, ...o })),
    candidates: st.candidates,
    formFields: st.formFields,
  };
}

export function registerProcessingApi(app: FastifyInstance, deps: Deps): void {
  const { api, processing, applications } = deps;
  const who = (actor: Actor | null, meta: unknown) => {
    if (!actor) throw errors.unauthenticated();
    return { actor, meta: meta as never };
  };
  const state = async (actor: Actor | null, tracking: string) => stateJson(await processing.state(actor, tracking));

  api.route(app, {
    method: 'GET',
    url: '/api/v1/work-queue',
    operationId: 'listWorkQueue',
    summary: "The caller's work queue: open applications of his agencies that his roles can act on, most urgent first",
    description:
      "`scope`: `mine` (unclaimed ones for the caller's roles and his own; default), `assigned` (his own), `all` (every open application of the agencies he supervises). `counts` cover the filters except `sla`. `sort` (`due`, the step deadline, by default; `submitted`; `tracking`) and `order` (`asc` by default) choose the order. Keyset pagination: pass `nextCursor` back as `cursor` with the same sort and order.",
    tag: 'work-queue',
    auth: 'user',
    query: z.object({
      scope: z.enum(['mine', 'assigned', 'all']).optional(),
      service: z.string().max(80).optional().meta({ description: 'Service slug' }),
      step: z.string().max(40).optional().meta({ description: 'SOP step key' }),
      status: z.enum(['submitted', 'in_process']).optional(),
      sla: slaEnum.optional(),
      channel: channelEnum.optional(),
      from: date.optional().meta({ description: 'Submitted on or after (YYYY-MM-DD)' }),
      to: date.optional().meta({ description: 'Submitted on or before (YYYY-MM-DD)' }),
      sort: z.enum(queueSortKeys).optional(),
      order: z.enum(['asc', 'desc']).optional(),
      cursor: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(100).optional(),
    }),
    response: queuePageSchema,
    handler: async ({ actor, query }) => {
      const { sort, order, ...filters } = query;
      const page = await processing.queue(actor, { ...filters, sort: sort || order ? { key: sort ?? 'due', dir: order ?? 'asc' } : undefined });
      const { on_time, ...rest } = page.counts;
      return { items: page.items.map(itemJson), counts: { ...rest, onTime: on_time }, nextCursor: page.nextCursor };
    },
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/work-queue/:tracking',
    operationId: 'getWorkItem',
    summary: 'One application for officers of its agency: where it stands, what the caller may do, form data, attachments, step visits, history and internal notes',
    tag: 'work-queue',
    auth: 'user',
    params: trackingParams,
    response: workItemSchema,
    handler: async ({ actor, params, request }) => {
      const st = await processing.state(actor, params.tracking);
      const row = await applications.getByTracking(st.trackingNumber);
      if (!row) throw errors.notFound();
      await recordPersonalDataAccess(deps.database.db, { actor, meta: request.meta }, { subjectUserId: row.applicantId, kinds: applicationRecordKinds, purpose: 'application', channel: 'api', agencyId: st.agencyId, applicationId: st.id, reference: st.trackingNumber });
      const [attachments, steps, events, notes] = await Promise.all([
        applications.attachments(st.id),
        processing.steps(st.id),
        applications.events(st.id, { internal: true }),
        processing.notes(actor, st.id, st.agencyId),
      ]);
      return {
        ...stateJson(st),
        service: { slug: row.serviceSlug, name: row.serviceName, version: row.serviceVersion },
        agency: { id: row.agencyId, name: row.agencyName },
        applicant: { name: row.applicantName, nikMasked: row.applicantNikMasked },
        channel: row.channel,
        submittedAt: iso(row.submittedAt),
        data: row.formData,
        attachments: attachments.map((a) => ({
          field: a.fieldKey,
          requirement: a.requirementKey,
          name: a.originalName,
          contentType: a.contentType,
          size: a.size,
          sha256: a.sha256,
          url: `/kelola/permohonan/${encodeURIComponent(st.trackingNumber)}/lampiran/${encodeURIComponent(a.fieldKey)}`,
        })),
        steps: steps.map(stepJson),
        events: events.map((e) => ({ kind: e.kind, note: e.note ?? '', at: e.at.toISOString() })),
        notes: notes.map((n) => ({ id: n.id, author: n.author, body: n.body, createdAt: n.created_at.toISOString() })),
      };
    },
  });

  const seqBody = z.object({ seq: seqSchema });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/work-queue/:tracking/claim',
    operationId: 'claimWorkItem',
    summary: 'Claim the current step (of several officers claiming at once, one wins; the others get 409)',
    tag: 'work-queue',
    auth: 'user',
    status: 200,
    params: trackingParams,
    body: seqBody,
    response: stateSchema,
    handler: async ({ actor, params, body, request }) => {
      await processing.claim(who(actor, request.meta), params.tracking, body.seq);
      return state(actor, params.tracking);
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/work-queue/:tracking/release',
    operationId: 'releaseWorkItem',
    summary: 'Hand the claimed step back to the queue',
    tag: 'work-queue',
    auth: 'user',
    status: 200,
    params: trackingParams,
    body: seqBody,
    response: stateSchema,
    handler: async ({ actor, params, body, request }) => {
      await processing.release(who(actor, request.meta), params.tracking, body.seq);
      return state(actor, params.tracking);
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/work-queue/:tracking/assign',
    operationId: 'assignWorkItem',
    summary: "Assign the current step to an officer holding its role (supervisors: the agency's admin)",
    tag: 'work-queue',
    auth: 'user',
    status: 200,
    params: trackingParams,
    body: z.object({ seq: seqSchema, userId: z.string().max(60) }),
    response: stateSchema,
    handler: async ({ actor, params, body, request }) => {
      await processing.assign(who(actor, request.meta), params.tracking, body.seq, body.userId);
      return state(actor, params.tracking);
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/work-queue/:tracking/actions',
    operationId: 'actOnWorkItem',
    summary: 'Act on the current step: forward (option: index into forwardOptions when it branches), send back (fields and note required), reject (note required), approve',
    tag: 'work-queue',
    auth: 'user',
    status: 200,
    params: trackingParams,
    body: z.object({
      action: actionEnum,
      seq: seqSchema,
      option: z.number().int().min(0).max(100).optional(),
      note: z.string().max(2000).optional(),
      fields: z.array(z.string().max(100)).max(200).optional(),
    }),
    response: stateSchema,
    handler: async ({ actor, params, body, request }) => {
      await processing.act(who(actor, request.meta), params.tracking, body);
      return state(actor, params.tracking);
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/work-queue/:tracking/notes',
    operationId: 'addWorkItemNote',
    summary: 'Add an internal note (officers only; never shown to the applicant)',
    tag: 'work-queue',
    auth: 'user',
    status: 201,
    params: trackingParams,
    body: z.object({ body: z.string().max(4000) }),
    response: z.object({ notes: z.array(noteSchema) }),
    handler: async ({ actor, params, body, request }) => {
      await processing.addNote(who(actor, request.meta), params.tracking, body.body);
      const st = await processing.state(actor, params.tracking);
      const notes = await processing.notes(actor, st.id, st.agencyId);
      return { notes: notes.map((n) => ({ id: n.id, author: n.author, body: n.body, createdAt: n.created_at.toISOString() })) };
    },
  });
}
