// Back-office routes of processing (P-6, P-3): /kelola/antrian-kerja (the officer's work
// queue) and /kelola/permohonan/:tracking (one application: claim, release, assign, the step
// actions, internal notes, attachments viewed inline). Authorisation is the service's (404
// for unknown numbers, 403 for another agency's applications); refusals come back on the
// page with the error summary and what was typed; success redirects (303) with a notice.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApplicationsDeps as Deps } from './applications.deps.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { isValidLocalDate } from '../../platform/calendar/working-time.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { applicationRecordKinds, recordPersonalDataAccess } from '../../platform/privacy/access-log.ts';
import { t as translate, type MessageKey, messageKeyOr } from '../../platform/views/i18n.ts';
import { slaCalendar } from './processing.engine.ts';
import { parseSort } from '../../platform/views/components/index.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { queueSortKeys, type ProcessAction, type QueueFilters, type QueueItem, type QueueSortKey } from './processing.service.ts';
import { registerProcessingApi } from './processing.api.ts';
import { appPath, QUEUE_PATH, queueParams, WorkApplicationPage, type FailedForm, type QueueQuery, type Scope } from './processing.views.tsx';
import { WorkQueuePage } from './processing-queue.views.tsx';
import './processing.policy.ts';

defineMenuLink({ href: QUEUE_PATH, labelKey: 'applications.work.menu', action: 'applications.process.read', area: 'services', order: 12 });

const ACTIONS: readonly ProcessAction[] = ['forward', 'send_back', 'reject', 'approve'];
const OK_KEYS = new Set(['claimed', 'released', 'assigned', 'noted', ...ACTIONS]);
const STEP_KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Body = Record<string, unknown>;
type TrackingRequest = FastifyRequest<{ Params: { tracking: string }; Body: Body; Querystring: Record<string, unknown> }>;

const str = (v: unknown, max = 200): string => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string').map((x) => x.slice(0, 100));

/** The step visit number from a hidden field; anything else is a tampered form (400). */
function seqOf(body: Body): number {
  const raw = str(body.seq, 12);
  if (!/^\d{1,9}$/.test(raw)) throw errors.badRequest();
  return Number(raw);
}

/**
 * The queue's filters and order from a query string: the work queue's own, and the same
 * parameters carried on an application page opened from it (previous/next, back to the
 * queue after an action). Unknown values are dropped (`ignored`); a bad date is named.
 */
function readQueueQuery(actor: Actor, raw: Record<string, unknown>, t: ViewContext['t']): { query: QueueQuery; filters: QueueFilters; notices: string[] } {
  const notices: string[] = [];
  let ignored = false;
  const canAll = can(actor, 'applications.process.assign');
  const pick = <T extends string>(name: string, allowed: readonly T[] | RegExp): T | '' => {
    const v = str(raw[name], 100);
    if (!v) return '';
    const ok = Array.isArray(allowed) ? allowed.includes(v as T) : (allowed as RegExp).test(v);
    if (!ok) ignored = true;
    return ok ? (v as T) : '';
  };
  let scope: Scope = pick('lingkup', ['mine', 'assigned', 'all'] as const) || 'mine';
  if (scope === 'all' && !canAll) {
    scope = 'mine';
    ignored = true;
  }
  const date = (name: string): string => {
    const v = str(raw[name], 40);
    if (!v) return '';
    if (DATE.test(v) && isValidLocalDate(v)) return v;
    notices.push(t('applications.work.filter.bad_date', { value: v }));
    return '';
  };
  const urut = pick('urut', queueSortKeys);
  const arah = urut ? pick('arah', ['naik', 'turun'] as const) : '';
  const query: QueueQuery = {
    lingkup: scope,
    layanan: pick('layanan', SLUG),
    tahap: pick('tahap', STEP_KEY),
    status: pick('status', ['submitted', 'in_process'] as const),
    sla: pick('sla', ['on_time', 'nearing', 'overdue'] as const),
    saluran: pick('saluran', ['online', 'counter'] as const),
    dari: date('dari'),
    sampai: date('sampai'),
    urut,
    arah,
  };
  if (ignored) notices.push(t('applications.work.filter.ignored'));
  const filters: QueueFilters = {
    scope,
    service: query.layanan || undefined,
    step: query.tahap || undefined,
    status: (query.status || undefined) as QueueFilters['status'],
    sla: (query.sla || undefined) as QueueFilters['sla'],
    channel: (query.saluran || undefined) as QueueFilters['channel'],
    from: query.dari || undefined,
    to: query.sampai || undefined,
    sort: parseSort<QueueSortKey>({ urut, arah }, queueSortKeys, { key: 'due', dir: 'asc' }),
  };
  return { query, filters, notices };
}

export function registerProcessingRoutes(app: FastifyInstance, deps: Deps): void {
  const { processing, applications, catalog, storage } = deps;
  const db = deps.database.db;
  registerProcessingApi(app, deps);

  // ---- work queue -------------------------------------------------------------------------

  app.get<{ Querystring: Record<string, unknown> }>(QUEUE_PATH, async (request, reply) => {
    const actor = request.actor;
    authorize(actor, 'applications.process.read');
    const ctx = await app.viewContext(request, reply);
    const q = request.query ?? {};
    const canAll = can(actor, 'applications.process.assign');
    const { query, filters: base, notices } = readQueueQuery(actor, q, ctx.t);
    const cursor = str(q.setelah, 200) || undefined;
    const filters: QueueFilters = { ...base, cursor };
    const [page, options] = await Promise.all([processing.queue(actor, filters), processing.filterOptions(actor)]);
    const claimable = (i: QueueItem) => !i.assigneeId && actor.grants.some((g) => g.agencyId === i.agencyId && g.role === i.role) && can(actor, 'applications.process.act', { agencyId: i.agencyId });
    const ok = str(q.ok, 20);
    const number = str(q.nomor, 60);
    const done = (ACTIONS as readonly string[]).includes(ok) && /^[A-Z0-9/-]{1,60}$/.test(number) ? { text: ctx.t(messageKeyOr(`applications.work.ok.${ok}`, 'value.unknown')), tracking: number } : undefined;
    return reply.page(WorkQueuePage({ ctx, query, canAll, options, page, claimable, notices, later: !!cursor, done }));
  });

  // ---- one application --------------------------------------------------------------------

  async function renderApplication(
    request: FastifyRequest<{ Params: { tracking: string }; Querystring: Record<string, unknown> }>,
    reply: FastifyReply,
    opts: { status?: number; notice?: string; conflict?: string; errors?: FieldError[]; failed?: FailedForm } = {},
  ) {
    const actor = request.actor;
    const st = await processing.state(actor, request.params.tracking);
    const row = await applications.getByTracking(st.trackingNumber);
    if (!row) throw errors.notFound();
    await recordPersonalDataAccess(db, { actor, meta: request.meta }, { subjectUserId: row.applicantId, kinds: applicationRecordKinds, purpose: 'application', channel: 'page', agencyId: st.agencyId, applicationId: st.id, reference: st.trackingNumber });
    const now = new Date();
    const [service, attachments, steps, events, notes, cal] = await Promise.all([
      catalog.getPublishedById(st.serviceId, st.serviceVersion),
      applications.attachments(st.id),
      processing.steps(st.id),
      applications.events(st.id, { internal: true }),
      processing.notes(actor, st.id, st.agencyId),
      slaCalendar(db),
    ]);
    const open = steps.find((s) => !s.finishedAt);
    const ctx = await app.viewContext(request, reply);
    // The queue this page was opened from (its filters and order ride on the query string):
    // previous/next in it, and where an action returns to.
    const { query, filters } = readQueueQuery(actor!, request.query ?? {}, ctx.t);
    const around = await processing.neighbours(actor, filters, st.trackingNumber, now);
    return reply.page(
      WorkApplicationPage({
        ctx,
        st,
        row,
        service,
        attachments,
        steps,
        events,
        notes,
        canNote: can(actor, 'applications.process.act', { agencyId: st.agencyId }),
        dayMs: cal.workdayMs,
        openUsedMs: open ? Math.max(0, cal.workingMillisBetween(open.startedAt, now)) : null,
        notice: opts.notice,
        conflict: opts.conflict,
        errors: opts.errors,
        failed: opts.failed,
        queue: { query, prev: around.prev, next: around.next },
      }),
      opts.status ?? 200,
    );
  }

  app.get<{ Params: { tracking: string }; Querystring: Record<string, unknown> }>('/kelola/permohonan/:tracking', async (request, reply) => {
    const ok = str(request.query.ok, 20);
    const ctx = await app.viewContext(request, reply);
    return renderApplication(request, reply, { notice: OK_KEYS.has(ok) ? ctx.t(messageKeyOr(`applications.work.ok.${ok}`, 'value.unknown')) : undefined });
  });

  /** Runs a change; on a refusal the page comes back with the message and what was typed. */
  async function change(request: TrackingRequest, reply: FastifyReply, failed: FailedForm, ok: string, run: () => Promise<void>, back?: string) {
    try {
      await run();
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 422 && err.status !== 409)) throw err;
      const ctx = await app.viewContext(request, reply);
      const prefix = ACTIONS.includes(failed.form as ProcessAction) ? `${failed.form}-` : '';
      if (err.status === 422) {
        const fields = (err.fields ?? []).map((f) => ({ ...f, field: `${prefix}${f.field}` }));
        return renderApplication(request, reply, { status: 422, errors: fields, failed });
      }
      return renderApplication(request, reply, { status: 409, conflict: ctx.t(err.messageKey, err.params), failed });
    }
    const tracking = request.params.tracking.trim().toUpperCase();
    const kept = queueSuffix(request);
    return reply.redirect(back ?? `${appPath(tracking)}?ok=${ok}${kept ? `&${kept}` : ''}`, 303);
  }

  /** The queue's parameters a posted form carried on its action URL ('' for the default queue). */
  const queueSuffix = (request: TrackingRequest): string => {
    if (!request.actor) return '';
    return queueParams(readQueueQuery(request.actor, request.query ?? {}, (k) => k).query);
  };

  const who = (request: FastifyRequest) => {
    const actor = request.actor;
    if (!actor) throw errors.unauthenticated();
    return { actor, meta: request.meta };
  };

  app.post<{ Params: { tracking: string }; Body: Body; Querystring: Record<string, unknown> }>('/kelola/permohonan/:tracking/ambil', async (request, reply) => {
    const w = who(request);
    const body = request.body ?? {};
    const seq = seqOf(body);
    const kept = queueSuffix(request);
    const back = str(body.kembali, 20) === 'antrian' ? (kept ? `${QUEUE_PATH}?${kept}` : QUEUE_PATH) : undefined;
    return change(request, reply, { form: 'assign', values: {} }, 'claimed', () => processing.claim(w, request.params.tracking, seq), back);
  });

  app.post<{ Params: { tracking: string }; Body: Body; Querystring: Record<string, unknown> }>('/kelola/permohonan/:tracking/lepas', async (request, reply) => {
    const w = who(request);
    const seq = seqOf(request.body ?? {});
    return change(request, reply, { form: 'assign', values: {} }, 'released', () => processing.release(w, request.params.tracking, seq));
  });

  app.post<{ Params: { tracking: string }; Body: Body; Querystring: Record<string, unknown> }>('/kelola/permohonan/:tracking/tugaskan', async (request, reply) => {
    const w = who(request);
    const body = request.body ?? {};
    const seq = seqOf(body);
    const assignee = str(body.assignee, 60);
    return change(request, reply, { form: 'assign', values: { assignee } }, 'assigned', () => processing.assign(w, request.params.tracking, seq, assignee));
  });

  app.post<{ Params: { tracking: string }; Body: Body; Querystring: Record<string, unknown> }>('/kelola/permohonan/:tracking/tindakan', async (request, reply) => {
    const w = who(request);
    const body = request.body ?? {};
    const action = str(body.aksi, 20) as ProcessAction;
    if (!ACTIONS.includes(action)) throw errors.badRequest();
    const seq = seqOf(body);
    const rawOption = str(body.option, 6);
    const option = /^\d{1,3}$/.test(rawOption) ? Number(rawOption) : undefined;
    const note = typeof body.note === 'string' ? body.note.slice(0, 4000) : '';
    const fields = strings(body.fields);
    const failed: FailedForm = { form: action, values: { note, fields, option: rawOption } };
    // After a step's action the officer goes back to his queue, told what happened (P-6).
    const tracking = request.params.tracking.trim().toUpperCase().slice(0, 60);
    const kept = queueSuffix(request);
    const back = `${QUEUE_PATH}?${kept ? `${kept}&` : ''}ok=${action}&nomor=${encodeURIComponent(tracking)}`;
    return change(
      request,
      reply,
      failed,
      action,
      async () => {
        // Approving is signing: the official confirms with his password or TOTP code first;
        // a wrong one is a 422 on the page and nothing is signed.
        // Someone who may not approve here gets the service's own refusal below, not a password prompt.
        if (action === 'approve' && (await processing.state(w.actor, request.params.tracking)).can.act.includes('approve')) {
          await deps.identity.confirmIdentity(w.actor, typeof body.konfirmasi === 'string' ? body.konfirmasi.slice(0, 200) : '', request.meta ?? null);
        }
        await processing.act(w, request.params.tracking, { action, seq, option, note, fields });
      },
      back,
    );
  });

  // The exact document an approval would sign, marked PRATINJAU, for whoever may approve now.
  app.get<{ Params: { tracking: string } }>('/kelola/permohonan/:tracking/pratinjau.pdf', async (request, reply) => {
    const st = await processing.state(request.actor, request.params.tracking);
    if (!st.can.act.includes('approve')) throw errors.conflict('applications.sign.not_signing_step');
    const tr = (k: MessageKey) => translate('id', k);
    const holder = await applications.getByTracking(st.trackingNumber);
    if (holder) await recordPersonalDataAccess(db, { actor: request.actor, meta: request.meta }, { subjectUserId: holder.applicantId, kinds: ['name', 'document'], purpose: 'application', channel: 'download', agencyId: st.agencyId, applicationId: st.id, reference: st.trackingNumber });
    const pdf = await deps.documents.preview(db, st.id, request.actor, { number: tr('applications.sign.preview_number'), code: tr('applications.sign.preview_code'), watermark: tr('applications.sign.watermark') });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="pratinjau-${st.trackingNumber}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  app.post<{ Params: { tracking: string }; Body: Body; Querystring: Record<string, unknown> }>('/kelola/permohonan/:tracking/catatan', async (request, reply) => {
    const w = who(request);
    const text = typeof request.body?.body === 'string' ? request.body.body.slice(0, 5000) : '';
    return change(request, reply, { form: 'note', values: { body: text } }, 'noted', () => processing.addNote(w, request.params.tracking, text));
  });

  app.get<{ Params: { tracking: string; field: string } }>('/kelola/permohonan/:tracking/lampiran/:field', async (request, reply) => {
    const f = await processing.attachment(request.actor, request.params.tracking, request.params.field);
    const bytes = await storage.get(f.storageKey);
    if (!bytes) throw errors.notFound();
    const owner = await applications.getByTracking(request.params.tracking);
    if (owner) await recordPersonalDataAccess(db, { actor: request.actor, meta: request.meta }, { subjectUserId: owner.applicantId, kinds: ['attachment'], purpose: 'application', channel: 'download', agencyId: owner.agencyId, applicationId: owner.id, reference: owner.trackingNumber });
    const ascii = f.originalName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    return reply
      .header('content-type', f.contentType)
      .header('content-disposition', `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.originalName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(bytes);
  });
}
