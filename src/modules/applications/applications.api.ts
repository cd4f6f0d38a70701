// JSON API of applications (P-3, I-2): submit with an Idempotency-Key header, read one's own
// application with its timeline, public tracking (number + last 4 digits, rate-limited).
// Correction of a sent-back application. Attachments are uploaded through the portal form for
// now: a service whose form requires a file answers 422 for that field here.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApplicationsDeps as Deps } from './applications.deps.ts';
import { errors } from '../../platform/http/errors.ts';
import { hitRateLimit, rateKey } from '../../platform/http/rate-limit.ts';
import type { RawValues } from './applications.validate.ts';
import { fileFromBytes, type UploadedFile } from '../../platform/storage/upload-file.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { nikMatch, registerWalkInPerson } from '../identity/index.ts';
import './applications.policy.ts';
import type { ApplicationRow, EventRow } from './applications.service.ts';

const statusEnum = z.enum(['draft', 'submitted', 'withdrawn', 'in_process', 'sent_back', 'awaiting_payment', 'approved', 'rejected']);
const eventSchema = z.object({ kind: z.string(), at: z.string().meta({ format: 'date-time' }) }).meta({ id: 'ApplicationEvent' });
const trackSchema = z
  .object({
    trackingNumber: z.string(),
    service: z.string(),
    agency: z.string(),
    status: statusEnum,
    submittedAt: z.string().nullable().meta({ format: 'date-time' }),
    events: z.array(eventSchema),
  })
  .meta({ id: 'ApplicationTracking' });
const applicationSchema = trackSchema
  .extend({
    serviceSlug: z.string(),
    serviceVersion: z.number().int(),
    channel: z.enum(['online', 'counter']),
    data: z.record(z.string(), z.unknown()),
    receiptUrl: z.string(),
    correction: z.object({ fields: z.array(z.string()), note: z.string() }).nullable().meta({ description: 'What to fix while the application is sent back' }),
    decidedAt: z.string().nullable().meta({ format: 'date-time' }),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'Application' });

const value = z.union([z.string().max(10_000), z.number(), z.boolean(), z.array(z.string().max(200)).max(50), z.record(z.string(), z.string().max(300))]);

/** A document sent inside the JSON body (agency systems have no browser form). */
const fileInput = z
  .object({
    filename: z.string().min(1).max(200),
    contentBase64: z.string().max(14_000_000).meta({ description: 'The file, base64-encoded; its type is judged from its bytes against the requirement' }),
  })
  .meta({ id: 'ApplicationFile' });
const filesInput = z.record(z.string().max(60), fileInput).default({}).meta({ description: 'Files keyed by the form field key of a file field' });

/** Base64 files as uploads; judged by their bytes like portal uploads. */
export function toUploads(files: Record<string, z.infer<typeof fileInput>>, maxBytes: number): Record<string, UploadedFile> {
  const out: Record<string, UploadedFile> = {};
  for (const [k, f] of Object.entries(files)) {
    const bytes = Buffer.from(f.contentBase64, 'base64');
    out[k] = fileFromBytes(bytes, { filename: f.filename.split(/[\\/]/).pop() ?? f.filename, maxBytes });
  }
  return out;
}

/** JSON values as the form would send them. */
export function toRawValues(data: Record<string, z.infer<typeof value>>): RawValues {
  const out: RawValues = {};
  for (const [k, v] of Object.entries(data)) {
    if (Array.isArray(v)) out[k] = v;
    else if (v !== null && typeof v === 'object') for (const [sub, sv] of Object.entries(v)) out[`${k}.${sub}`] = sv;
    else out[k] = String(v);
  }
  return out;
}

function trackJson(row: ApplicationRow, events: EventRow[]) {
  return {
    trackingNumber: row.trackingNumber ?? '',
    service: row.serviceName,
    agency: row.agencyName,
    status: row.status,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    events: events.map((e) => ({ kind: e.kind, at: e.at.toISOString() })),
  };
}

function ownJson(row: ApplicationRow, events: EventRow[]) {
  return {
    ...trackJson(row, events),
    serviceSlug: row.serviceSlug,
    serviceVersion: row.serviceVersion,
    channel: row.channel,
    data: row.formData,
    receiptUrl: `/permohonan/${row.trackingNumber}/tanda-terima`,
    correction: row.correction ? { fields: row.correction.fields, note: row.correction.note } : null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
  };
}

export function registerApplicationApi(app: FastifyInstance, deps: Deps): void {
  const { api, applications, catalog } = deps;

  api.route(app, {
    method: 'POST',
    url: '/api/v1/applications',
    operationId: 'submitApplication',
    summary: 'Submit an application for a published service as the signed-in citizen or business',
    description:
      'Values are keyed by the form field keys of the current published form (GET /api/v1/services/{slug}); prefilled fields come from the account and are ignored here. Send an `Idempotency-Key` header: a repeated request with the same key answers the same application.',
    tag: 'applications',
    auth: 'user',
    status: 201,
    body: z.object({ service: z.string().max(80), data: z.record(z.string(), value).default({}), files: filesInput }),
    response: applicationSchema,
    handler: async ({ body, actor, request }) => {
      if (!actor) throw errors.unauthenticated();
      if (actor.kind !== 'citizen' && actor.kind !== 'business') throw errors.forbidden();
      const s = await catalog.getPublished(body.service);
      if (!s || !s.content.channels.includes('online')) throw errors.notFound();
      const header = request.headers['idempotency-key'];
      const res = await applications.save({
        service: s,
        applicantId: actor.userId,
        values: toRawValues(body.data),
        files: toUploads(body.files, deps.config.uploadMaxBytes),
        submit: true,
        idempotencyKey: typeof header === 'string' ? header : null,
        who: { actor, meta: request.meta },
      });
      const row = await applications.getOwn(actor, res.trackingNumber ?? '');
      return ownJson(row, await applications.events(row.id));
    },
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/applications/:tracking',
    operationId: 'getApplication',
    summary: "One of the caller's own applications with its timeline (404 for anyone else's)",
    tag: 'applications',
    auth: 'user',
    params: z.object({ tracking: z.string().max(60) }),
    response: applicationSchema,
    handler: async ({ params, actor }) => {
      const row = await applications.getOwn(actor, params.tracking);
      return ownJson(row, await applications.events(row.id));
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/counter/applications',
    operationId: 'fileCounterApplication',
    summary: "File an application on a person's behalf (counter channel), e.g. from an agency's own system",
    description:
      "For counter officers of the service's agency (a personal API token). The person is found by NIK; an unknown NIK is registered as a walk-in person when `name` (and optionally `phone`) are given. The application is the person's own, marked as counter channel. Send an `Idempotency-Key` header.",
    tag: 'applications',
    auth: 'user',
    status: 201,
    body: z.object({
      service: z.string().max(80),
      applicant: z.object({ nik: z.string().max(20), name: z.string().max(120).optional(), phone: z.string().max(20).optional() }),
      data: z.record(z.string(), value).default({}),
      files: filesInput,
    }),
    response: applicationSchema,
    handler: async ({ body, actor, request }) => {
      const s = await catalog.getPublished(body.service);
      if (!s || !s.content.channels.includes('counter')) throw errors.notFound();
      authorize(actor, 'applications.counter.file', { agencyId: s.agency.id });
      const db = deps.database.db;
      let person = await db.selectFrom('users').select(['id', 'kind']).where(nikMatch(body.applicant.nik.replace(/\D/g, ''))).executeTakeFirst();
      if (person && person.kind !== 'citizen' && person.kind !== 'business') throw errors.validation([{ field: 'applicant.nik', key: 'applications.v.nik' }]);
      if (!person) {
        if (!body.applicant.name) throw errors.validation([{ field: 'applicant.name', key: 'applications.counter.name_invalid' }]);
        const res = await db.transaction().execute((trx) =>
          registerWalkInPerson(trx, { actor, meta: request.meta }, { name: body.applicant.name ?? '', nik: body.applicant.nik, phone: body.applicant.phone ?? '' }),
        );
        if (!res.ok) {
          const key = res.field === 'nik' ? 'applications.v.nik' : res.field === 'phone' ? 'applications.v.phone' : 'applications.counter.name_invalid';
          throw errors.validation([{ field: `applicant.${res.field}`, key }]);
        }
        person = { id: res.userId, kind: 'citizen' };
      }
      const header = request.headers['idempotency-key'];
      const res = await applications.save({
        service: s,
        applicantId: person.id,
        values: toRawValues(body.data),
        files: toUploads(body.files, deps.config.uploadMaxBytes),
        submit: true,
        idempotencyKey: typeof header === 'string' ? header : null,
        channel: 'counter',
        filedBy: actor.userId,
        who: { actor, meta: request.meta },
      });
      const row = await applications.getByTracking(res.trackingNumber ?? '');
      if (!row) throw errors.notFound();
      return ownJson(row, await applications.events(row.id));
    },
  });

  api.route(app, {
    method: 'POST',
    url: '/api/v1/applications/:tracking/correction',
    operationId: 'resubmitApplication',
    status: 200,
    summary: 'Answer a send-back: corrected values of the fields the officer named, then back to processing',
    description:
      'Only the fields listed in `correction.fields` of the application are taken; others are ignored. The whole form is validated again (422 with field messages). 409 when the application is not waiting for corrections.',
    tag: 'applications',
    auth: 'user',
    params: z.object({ tracking: z.string().max(60) }),
    body: z.object({ data: z.record(z.string(), value).default({}) }),
    response: applicationSchema,
    handler: async ({ params, body, actor, request }) => {
      if (!actor) throw errors.unauthenticated();
      await applications.resubmit({ actor, meta: request.meta }, params.tracking, { values: toRawValues(body.data), files: {} });
      const row = await applications.getOwn(actor, params.tracking);
      return ownJson(row, await applications.events(row.id));
    },
  });

  api.route(app, {
    method: 'GET',
    url: '/api/v1/track',
    operationId: 'trackApplication',
    summary: 'Public tracking: application number and the last 4 digits of the applicant’s phone or NIK',
    description: 'A wrong combination answers 404 like an unknown number. Rate-limited per address.',
    tag: 'applications',
    auth: 'public',
    query: z.object({ number: z.string().max(60), last4: z.string().max(10) }),
    response: trackSchema,
    handler: async ({ query, request }) => {
      const limit = await hitRateLimit(deps.database.db, rateKey('track:ip', request.ip ?? 'unknown'), 20, 15 * 60);
      if (!limit.allowed) throw errors.rateLimited(limit.retryAfterMinutes);
      const result = await applications.track(query.number, query.last4);
      if (!result) throw errors.notFound();
      return trackJson(result.row, result.events);
    },
  });
}
