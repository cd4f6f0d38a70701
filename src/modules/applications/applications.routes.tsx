// Applicant pages (P-3, P-4): /layanan/:slug/ajukan (apply, save a draft), /permohonan (my
// applications), /permohonan/:tracking (status, timeline, withdraw), its printable receipt,
// and public tracking /lacak (rate-limited, no enumeration).
import { ADDRESS_STEP, isAddressStep } from '../../platform/views/components/address-field.tsx';
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApplicationsDeps as Deps } from './applications.deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { hitRateLimit, rateKey } from '../../platform/http/rate-limit.ts';
import { isUploadedFile, registerUploads, uploadStatus, type UploadedFile } from '../../platform/storage/uploads.ts';
import type { PublishedService } from '../catalog/index.ts';
import type { RenderValues } from '../catalog/index.ts';
import type { Applications } from './applications.service.ts';
import { accountAddressField, addressDefaults, prefillValues } from './applications.service.ts';
import { readAccountAddress } from '../../platform/area/person-address.ts';
import { saveConsentedAddress } from '../identity/index.ts';
import { ApplicationPage, ApplyPage, CorrectionPage, MyApplicationsPage, ReceiptPage, TrackPage } from './applications.views.tsx';
import { toRenderValues } from './applications.validate.ts';
import { registerCounterRoutes } from './applications.counter.tsx';
import { registerApplicationApi } from './applications.api.ts';
import { registerReceiptPdfRoutes } from './applications.receipt.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

const TRACK_LIMIT = 20;
const TRACK_WINDOW_SECONDS = 15 * 60;

function requireApplicant(request: FastifyRequest): Actor {
  const actor = request.actor;
  if (!actor) throw errors.unauthenticated();
  if (actor.kind !== 'citizen' && actor.kind !== 'business') throw errors.forbidden();
  return actor;
}

/** String values and files of a parsed multipart body. */
export function splitBody(body: unknown): { values: RenderValues; files: Record<string, UploadedFile> } {
  const values: RenderValues = {};
  const files: Record<string, UploadedFile> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (isUploadedFile(v)) {
        if (v.filename !== '' || v.size > 0) files[k] = v;
      } else if (typeof v === 'string') values[k] = v;
      else if (Array.isArray(v)) values[k] = v.filter((x): x is string => typeof x === 'string');
    }
  }
  return { values, files };
}

export function registerApplicationRoutes(app: FastifyInstance, deps: Deps & { applications: Applications }): void {
  const { applications, catalog } = deps;
  registerCounterRoutes(app, deps);
  registerApplicationApi(app, deps);
  registerReceiptPdfRoutes(app, deps);

  async function publishedForApply(slug: string): Promise<PublishedService> {
    const s = await catalog.getPublished(slug);
    if (!s || !s.content.channels.includes('online')) throw errors.notFound();
    return s;
  }

  async function showApply(
    request: FastifyRequest,
    reply: FastifyReply,
    s: PublishedService,
    applicantId: string,
    opts: { values?: RenderValues; errors?: FieldError[]; status?: number; idempotencyKey?: string; action: string; applicantNote?: string; notice?: string },
  ) {
    const draft = await applications.draftFor(applicantId, s.id);
    const service = draft && draft.version !== s.version ? ((await catalog.getPublished(s.slug, draft.version)) ?? s) : s;
    const prefill = await applications.prefillFor(applicantId);
    const prefilled = prefillValues(service.form, prefill);
    const ctx = await app.viewContext(request, reply);
    return reply.page(
      ApplyPage({
        ctx,
        s: service,
        form: service.form,
        prefilled,
        values: opts.values ?? draft?.values ?? addressDefaults(service.form, prefill),
        saveAddressField: request.actor?.kind === 'citizen' && !prefill.addressArea ? accountAddressField(service.form) : undefined,
        errors: opts.errors ?? [],
        attachments: draft?.attachments ?? [],
        idempotencyKey: opts.idempotencyKey ?? crypto.randomUUID(),
        action: opts.action,
        applicantNote: opts.applicantNote ?? opts.notice,
      }),
      opts.status ?? 200,
    );
  }

  app.get<{ Params: { slug: string }; Querystring: { ok?: string } }>('/layanan/:slug/ajukan', async (request, reply) => {
    const actor = requireApplicant(request);
    const s = await publishedForApply(request.params.slug);
    const ctx = await app.viewContext(request, reply);
    return showApply(request, reply, s, actor.userId, {
      action: `/layanan/${s.slug}/ajukan`,
      notice: request.query.ok === 'draf' ? ctx.t('applications.apply.saved') : undefined,
      // Renewal of an issued document (P-8, documents/renewal.service.ts): the draft was pre-filled.
      ...(request.query.ok === 'perpanjangan' ? { notice: ctx.t('documents.renewal.draft_ready') } : {}),
    });
  });

  app.register(async (scope) => {
    await registerUploads(scope, { maxBytes: deps.config.uploadMaxBytes, maxFiles: 20 });

    scope.post<{ Params: { slug: string } }>('/layanan/:slug/ajukan', async (request, reply) => {
      const actor = requireApplicant(request);
      const s = await publishedForApply(request.params.slug);
      const { values, files } = splitBody(request.body);
      // "Pilih" of an address field without JavaScript: kept as a draft (files too), and the
      // form comes back with the next level's choices.
      const step = isAddressStep(values);
      const submit = values.aksi !== 'draf' && !step;
      const key = typeof values.idempotency_key === 'string' ? values.idempotency_key : undefined;
      try {
        const res = await applications.save({ service: s, applicantId: actor.userId, values, files, submit, idempotencyKey: key, who: { actor, meta: request.meta } });
        if (res.trackingNumber) {
          // "Save this address to my account" (P-4: typed once, with consent).
          const field = values.simpan_alamat === 'ya' ? accountAddressField(s.form) : undefined;
          const address = field ? readAccountAddress(values, field.key) : undefined;
          if (address && !address.errors.length) await saveConsentedAddress(deps.database.db, { actor, meta: request.meta }, address.value);
          return reply.redirect(`/permohonan/${res.trackingNumber}/tanda-terima`, 303);
        }
        if (step) return reply.redirect(`/layanan/${s.slug}/ajukan#${encodeURIComponent(`f-${String(values[ADDRESS_STEP])}`)}`, 303);
        return reply.redirect(`/layanan/${s.slug}/ajukan?ok=draf`, 303);
      } catch (err) {
        if (err instanceof AppError && err.messageKey === 'applications.no_sop') {
          // The draft is kept; the agency cannot take applications until its SOP is approved.
          const ctx = await app.viewContext(request, reply);
          return showApply(request, reply, s, actor.userId, { status: 409, action: `/layanan/${s.slug}/ajukan`, notice: ctx.t('applications.no_sop') });
        }
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        return showApply(request, reply, s, actor.userId, { values, errors: err.fields ?? [], status: uploadStatus(files), idempotencyKey: key, action: `/layanan/${s.slug}/ajukan` });
      }
    });
  });

  async function viewable(request: FastifyRequest, tracking: string) {
    const actor = request.actor;
    if (!actor) throw errors.unauthenticated();
    const row = await applications.getByTracking(tracking);
    if (!row || (row.applicantId !== actor.userId && row.filedBy !== actor.userId)) throw errors.notFound();
    const s = await catalog.getPublishedById(row.serviceId, row.serviceVersion);
    if (!s) throw errors.notFound();
    return { row, s };
  }

  app.get<{ Params: { tracking: string } }>('/permohonan/:tracking/tanda-terima', async (request, reply) => {
    const { row, s } = await viewable(request, request.params.tracking);
    const ctx = await app.viewContext(request, reply);
    return reply.page(ReceiptPage({ ctx, app: row, s, attachments: await applications.attachments(row.id) }));
  });

  app.get('/permohonan', async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw errors.unauthenticated();
    const ctx = await app.viewContext(request, reply);
    return reply.page(MyApplicationsPage({ ctx, items: await applications.listOwn(actor.userId) }));
  });

  app.get<{ Params: { tracking: string }; Querystring: { ok?: string } }>('/permohonan/:tracking', async (request, reply) => {
    const row = await applications.getOwn(request.actor, request.params.tracking);
    const s = await catalog.getPublishedById(row.serviceId, row.serviceVersion);
    if (!s) throw errors.notFound();
    const ctx = await app.viewContext(request, reply);
    const notices: Record<string, MessageKey> = { tarik: 'applications.withdraw.done', perbaikan: 'applications.correction.done' };
    const notice = request.query.ok && notices[request.query.ok] ? ctx.t(notices[request.query.ok]!) : undefined;
    return reply.page(ApplicationPage({ ctx, app: row, s, events: await applications.events(row.id), attachments: await applications.attachments(row.id), notice }));
  });

  async function ownSentBack(request: FastifyRequest, tracking: string) {
    const row = await applications.getOwn(request.actor, tracking);
    if (!row.correction) throw errors.conflict('applications.correction.not_open');
    const s = await catalog.getPublishedById(row.serviceId, row.serviceVersion);
    if (!s) throw errors.notFound();
    return { row, s };
  }

  app.get<{ Params: { tracking: string } }>('/permohonan/:tracking/perbaiki', async (request, reply) => {
    const { row, s } = await ownSentBack(request, request.params.tracking);
    const ctx = await app.viewContext(request, reply);
    return reply.page(CorrectionPage({ ctx, app: row, s, values: toRenderValues(row.formData), errors: [] }));
  });

  app.register(async (scope) => {
    await registerUploads(scope, { maxBytes: deps.config.uploadMaxBytes, maxFiles: 20 });
    scope.post<{ Params: { tracking: string } }>('/permohonan/:tracking/perbaiki', async (request, reply) => {
      const actor = request.actor;
      if (!actor) throw errors.unauthenticated();
      const { row, s } = await ownSentBack(request, request.params.tracking);
      const { values, files } = splitBody(request.body);
      if (isAddressStep(values)) {
        const ctx = await app.viewContext(request, reply);
        return reply.page(CorrectionPage({ ctx, app: row, s, values: { ...toRenderValues(row.formData), ...values }, errors: [] }));
      }
      try {
        await applications.resubmit({ actor, meta: request.meta }, row.trackingNumber ?? '', { values, files });
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        const ctx = await app.viewContext(request, reply);
        return reply.page(CorrectionPage({ ctx, app: row, s, values: { ...toRenderValues(row.formData), ...values }, errors: err.fields ?? [] }), uploadStatus(files));
      }
      return reply.redirect(`/permohonan/${encodeURIComponent(row.trackingNumber ?? '')}?ok=perbaikan`, 303);
    });
  });

  app.post<{ Params: { tracking: string } }>('/permohonan/:tracking/tarik', async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw errors.unauthenticated();
    await applications.withdraw({ actor, meta: request.meta }, request.params.tracking);
    return reply.redirect(`/permohonan/${encodeURIComponent(request.params.tracking.toUpperCase())}?ok=tarik`, 303);
  });

  app.get<{ Querystring: { nomor?: unknown; akhir?: unknown } }>('/lacak', async (request, reply) => {
    const number = typeof request.query.nomor === 'string' ? request.query.nomor.slice(0, 60) : '';
    const last4 = typeof request.query.akhir === 'string' ? request.query.akhir.slice(0, 10) : '';
    const ctx = await app.viewContext(request, reply);
    if ((!number && !last4) || request.query.akhir === undefined) return reply.page(TrackPage({ ctx, number })); // `?nomor=` alone (the receipt's QR code) fills in the number
    const limit = await hitRateLimit(deps.database.db, rateKey('track:ip', request.ip ?? 'unknown'), TRACK_LIMIT, TRACK_WINDOW_SECONDS);
    if (!limit.allowed) throw errors.rateLimited(limit.retryAfterMinutes);
    const result = await applications.track(number, last4);
    if (!result) return reply.page(TrackPage({ ctx, number, notFound: true }), 404);
    return reply.page(TrackPage({ ctx, number, result }));
  });
}
