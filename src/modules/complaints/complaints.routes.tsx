// Routes of public complaints (C-1):
// - public: `/pengaduan` (form; `?layanan=<slug>` or `?permohonan=<number>` prefill), POST
//   `/pengaduan` (multipart, CSRF, guests too), `/pengaduan/konfirmasi/:id` (guest's code),
//   `/pengaduan/lacak` (status by secret tracking code, rate-limited; rate and reopen),
//   `/pengaduan/saya` (signed-in reporter), `/pengaduan/lampiran/:id/:att` (attachment).
// - back office: `/kelola/pengaduan` (coordinator: all; agency staff: their complaints),
//   `/kelola/pengaduan/:id` and POST `…/tindakan` (verify, hold, not authority, archive,
//   re-route, respond, resolve), POST `…/duplikat` (mark a duplicate) and `…/lapor` (forward
//   to SP4N-LAPOR!), GET/POST `…/terbitkan` (preview of the public version; confirm publishes).
// - reporter: POST `/pengaduan/lacak/hapus-data-diri` (or `/pengaduan/saya/:number/hapus-data-diri`) removes his details from the public version. The JSON API and LAPOR!'s callback are in complaints.api.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../platform/auth/policy.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { hitRateLimit, rateKey } from '../../platform/http/rate-limit.ts';
import { registerUploads, uploadedFile } from '../../platform/storage/uploads.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { formStateFrom, type FormState } from '../../platform/views/context.ts';
import { ATTACHMENT_MAX_BYTES, type StaffAction } from './complaints.rules.ts';
import type { Complaints } from './complaints.service.ts';
import { OPEN311_ADMIN_PATH, Open311ClientsPage } from './complaints.views.tsx';
import { issueOpen311Key, listOpen311Clients, revokeOpen311Key } from './open311.ts';
import { registerComplaintRulePages } from './complaints.rules-pages.tsx';
import { recordAudit } from '../../platform/audit/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Database } from '../../platform/db/database.ts';
import { type SimilarComplaint, ADMIN_COMPLAINTS_PATH, AdminDetailPage, PublishPreviewPage, AdminListPage, COMPLAINTS_PATH, ConfirmPage, FilingPage, MyComplaintPage, MyComplaintsPage, ReceiptPage, TrackPage, type FilingOptions } from './complaints.views.tsx';

defineMenuLink({ href: ADMIN_COMPLAINTS_PATH, labelKey: 'complaints.admin.title', action: 'complaints.menu', area: 'services', order: 30 });
defineMenuLink({ href: OPEN311_ADMIN_PATH, labelKey: 'complaints.open311.admin_title', action: 'complaints.open311.manage', area: 'system', order: 80 });

const TRACK_LIMIT = 20;
const TRACK_WINDOW_SECONDS = 15 * 60;
const FILE_LIMIT_PER_IP = 10;
const FILE_WINDOW_SECONDS = 60 * 60;
const CODE_LIMIT = 3;
const CODE_WINDOW_SECONDS = 15 * 60;

const str = (v: unknown, max = 5000) => (typeof v === 'string' ? v.slice(0, max) : '');
const staffActions: readonly StaffAction[] = ['verify', 'hold', 'not_authority', 'archive', 'reroute', 'respond', 'resolve'];

export interface ComplaintRouteDeps {
  complaints: Complaints;
  database: Database;
  /** Published services for the form and the routing rules (id, slug and name). */
  listServices(): Promise<{ id: string; slug: string; name: string }[]>;
  applicationsOf(userId: string): Promise<{ number: string; serviceName: string }[]>;
}

export function registerComplaintRoutes(app: FastifyInstance, deps: ComplaintRouteDeps): void {
  const { complaints } = deps;
  registerComplaintRulePages(app, deps);
  const limit = async (scope: string, subject: string, max: number, windowSeconds: number) => {
    const r = await hitRateLimit(deps.database.db, rateKey(scope, subject), max, windowSeconds);
    if (!r.allowed) throw errors.rateLimited(r.retryAfterMinutes);
  };

  async function options(request: FastifyRequest): Promise<FilingOptions> {
    const actor = request.actor;
    const mine = actor && actor.kind !== 'staff' ? await deps.applicationsOf(actor.userId) : [];
    return { services: await deps.listServices(), agencies: await complaints.agencies(), applications: mine };
  }

  async function showForm(request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, similar: SimilarComplaint[] = []) {
    const ctx = await app.viewContext(request, reply);
    return reply.page(FilingPage({ ctx, form, options: await options(request), signedIn: !!request.actor, similar }), status);
  }

  app.get<{ Querystring: { layanan?: unknown; permohonan?: unknown; instansi?: unknown } }>(COMPLAINTS_PATH, async (request, reply) => {
    if (request.actor?.kind === 'staff') throw errors.forbidden();
    const q = request.query;
    const values: Record<string, string> = {};
    if (typeof q.layanan === 'string' && q.layanan) Object.assign(values, { subjectType: 'service', service: q.layanan.slice(0, 120) });
    if (typeof q.permohonan === 'string' && q.permohonan && request.actor) Object.assign(values, { subjectType: 'application', application: q.permohonan.slice(0, 60).toUpperCase() });
    if (typeof q.instansi === 'string' && q.instansi) Object.assign(values, { subjectType: 'agency', agency: q.instansi.slice(0, 60) });
    return showForm(request, reply, { values, errors: [] });
  });

  // Multipart (an optional attachment); guests may file, so the scope is public (CSRF still checked).
  app.register(async (scope) => {
    await registerUploads(scope, { maxBytes: ATTACHMENT_MAX_BYTES, maxFiles: 1, access: 'public' });
    scope.post(COMPLAINTS_PATH, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const actor = request.actor;
      if (actor?.kind === 'staff') throw errors.forbidden();
      await limit('complaint-file:ip', request.ip ?? 'unknown', FILE_LIMIT_PER_IP, FILE_WINDOW_SECONDS);
      const input = {
        kind: str(body.kind, 40),
        category: str(body.category, 40),
        subjectType: str(body.subjectType, 20),
        service: str(body.service, 120),
        application: str(body.application, 60),
        agency: str(body.agency, 60),
        address: str(body.address, 300),
        latitude: str(body.latitude, 20),
        longitude: str(body.longitude, 20),
        title: str(body.title, 300),
        body: str(body.body, 8000),
        showIdentity: body.showIdentity === '1',
        allowPublish: body.allowPublish === '1',
        name: str(body.name, 120),
        contact: str(body.contact, 200),
        attachment: uploadedFile(body, 'attachment'),
      };
      // Similar public complaints first (same service or within 50 m): a confirm step, no JavaScript needed.
      if (body.checkedSimilar !== '1') {
        const similar = await complaints.similar(input);
        if (similar.length) return showForm(request, reply, { values: { ...formStateFrom(body, []).values, checkedSimilar: '1' }, errors: [] }, 200, similar);
      }
      try {
        const result = await complaints.file({ actor, meta: request.meta, locale: request.locale ?? 'id' }, input);
        if (result.kind === 'confirm') return reply.redirect(`${COMPLAINTS_PATH}/konfirmasi/${result.id}`, 303);
        const ctx = await app.viewContext(request, reply);
        reply.header('cache-control', 'no-store');
        return reply.page(ReceiptPage({ ctx, number: result.number, trackingCode: result.trackingCode }), 201);
      } catch (e) {
        if (e instanceof AppError && e.status === 422) return showForm(request, reply, formStateFrom(body, e.fields ?? []), 422);
        throw e;
      }
    });
  });

  app.get<{ Params: { id: string }; Querystring: { dikirim?: unknown } }>(`${COMPLAINTS_PATH}/konfirmasi/:id`, async (request, reply) => {
    const pending = await complaints.pending(request.params.id);
    if (!pending) throw errors.notFound();
    const ctx = await app.viewContext(request, reply);
    return reply.page(ConfirmPage({ ctx, id: pending.id, contactMasked: pending.contactMasked, notice: request.query.dikirim ? ctx.t('complaints.confirm.resent') : undefined }));
  });

  app.post<{ Params: { id: string } }>(`${COMPLAINTS_PATH}/konfirmasi/:id`, async (request, reply) => {
    const pending = await complaints.pending(request.params.id);
    if (!pending) throw errors.notFound();
    const code = str((request.body as Record<string, unknown> | undefined)?.code, 20);
    const result = await complaints.confirm(pending.id, code);
    const ctx = await app.viewContext(request, reply);
    if (!result.ok) {
      const key = result.reason === 'wrong' ? 'complaints.code.wrong' : result.reason === 'attempts' ? 'complaints.code.attempts' : 'complaints.code.expired';
      return reply.page(ConfirmPage({ ctx, id: pending.id, contactMasked: pending.contactMasked, errors: [{ field: 'code', key, params: { left: result.left ?? 0 } }] }), 422);
    }
    reply.header('cache-control', 'no-store');
    return reply.page(ReceiptPage({ ctx, number: result.number, trackingCode: result.trackingCode }), 201);
  });

  app.post<{ Params: { id: string } }>(`${COMPLAINTS_PATH}/konfirmasi/:id/kirim-ulang`, async (request, reply) => {
    const pending = await complaints.pending(request.params.id);
    if (!pending) throw errors.notFound();
    await limit('complaint-code:ref', pending.id, CODE_LIMIT, CODE_WINDOW_SECONDS);
    await limit('complaint-code:ip', request.ip ?? 'unknown', CODE_LIMIT * 3, CODE_WINDOW_SECONDS);
    await complaints.resendCode(pending.id, request.locale ?? 'id');
    return reply.redirect(`${COMPLAINTS_PATH}/konfirmasi/${pending.id}?dikirim=1`, 303);
  });

  // Status by the secret tracking code: an unknown or guessed code gets the same answer as any
  // other unknown one, and guessing is slowed per address.
  async function trackPage(request: FastifyRequest, reply: FastifyReply, code: string, notice?: string) {
    const ctx = await app.viewContext(request, reply);
    if (!code) return reply.page(TrackPage({ ctx, code }));
    await limit('complaint-track:ip', request.ip ?? 'unknown', TRACK_LIMIT, TRACK_WINDOW_SECONDS);
    const result = await complaints.track(code);
    reply.header('cache-control', 'no-store');
    if (!result) return reply.page(TrackPage({ ctx, code, notFound: true }), 404);
    return reply.page(TrackPage({ ctx, code, result, notice }));
  }

  app.get<{ Querystring: { kode?: unknown; ok?: unknown } }>(`${COMPLAINTS_PATH}/lacak`, async (request, reply) => {
    const code = str(request.query.kode, 20);
    const ctx = await app.viewContext(request, reply);
    const ok = request.query.ok;
    return trackPage(request, reply, code, ok === 'nilai' ? ctx.t('complaints.rate.thanks') : ok === 'buka' ? ctx.t('complaints.reopen.done') : ok === 'hapus' ? ctx.t('complaints.remove_details.done') : undefined);
  });

  // The reporter removes his details from the public version (same not-found as an unknown code).
  app.post(`${COMPLAINTS_PATH}/lacak/hapus-data-diri`, async (request, reply) => {
    const code = str((request.body as Record<string, unknown> | undefined)?.kode, 20);
    await limit('complaint-track:ip', request.ip ?? 'unknown', TRACK_LIMIT, TRACK_WINDOW_SECONDS);
    await complaints.removeMyDetails({ code });
    return reply.redirect(`${COMPLAINTS_PATH}/lacak?kode=${encodeURIComponent(code)}&ok=hapus`, 303);
  });

  const reporterPost = (suffix: 'nilai' | 'buka-kembali', ref: (request: FastifyRequest) => { code?: string; number?: string; back: string }) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const r = ref(request);
      await limit('complaint-track:ip', request.ip ?? 'unknown', TRACK_LIMIT, TRACK_WINDOW_SECONDS);
      const who = { code: r.code, actor: request.actor ?? undefined, number: r.number };
      if (suffix === 'nilai') await complaints.rate(who, Number(str(body.rating, 2)), str(body.comment, 2000));
      else await complaints.reopen(who, str(body.reason, 2000));
      return reply.redirect(`${r.back}${r.back.includes('?') ? '&' : '?'}ok=${suffix === 'nilai' ? 'nilai' : 'buka'}`, 303);
    };
  const byCode = (request: FastifyRequest) => {
    const code = str((request.body as Record<string, unknown> | undefined)?.kode, 20);
    return { code, back: `${COMPLAINTS_PATH}/lacak?kode=${encodeURIComponent(code)}` };
  };
  app.post(`${COMPLAINTS_PATH}/lacak/nilai`, reporterPost('nilai', byCode));
  app.post(`${COMPLAINTS_PATH}/lacak/buka-kembali`, reporterPost('buka-kembali', byCode));

  const requireReporter = (request: FastifyRequest) => {
    const actor = request.actor;
    if (!actor) throw errors.unauthenticated();
    if (actor.kind === 'staff') throw errors.forbidden();
    return actor;
  };
  app.get(`${COMPLAINTS_PATH}/saya`, async (request, reply) => {
    const actor = requireReporter(request);
    const ctx = await app.viewContext(request, reply);
    return reply.page(MyComplaintsPage({ ctx, items: await complaints.listMine(actor) }));
  });
  app.get<{ Params: { number: string }; Querystring: { ok?: unknown } }>(`${COMPLAINTS_PATH}/saya/:number`, async (request, reply) => {
    const actor = requireReporter(request);
    const c = await complaints.mine(actor, request.params.number.slice(0, 40));
    const ctx = await app.viewContext(request, reply);
    const notice = request.query.ok === 'nilai' ? ctx.t('complaints.rate.thanks') : request.query.ok === 'buka' ? ctx.t('complaints.reopen.done') : request.query.ok === 'hapus' ? ctx.t('complaints.remove_details.done') : undefined;
    return reply.page(MyComplaintPage({ ctx, c, notice }));
  });
  const byAccount = (request: FastifyRequest) => {
    requireReporter(request);
    const number = (request.params as { number: string }).number.slice(0, 40);
    return { number, back: `${COMPLAINTS_PATH}/saya/${encodeURIComponent(number)}` };
  };
  app.post(`${COMPLAINTS_PATH}/saya/:number/nilai`, reporterPost('nilai', byAccount));
  app.post(`${COMPLAINTS_PATH}/saya/:number/buka-kembali`, reporterPost('buka-kembali', byAccount));
  app.post<{ Params: { number: string } }>(`${COMPLAINTS_PATH}/saya/:number/hapus-data-diri`, async (request, reply) => {
    const actor = requireReporter(request);
    const number = request.params.number.slice(0, 40);
    await complaints.removeMyDetails({ actor, number });
    return reply.redirect(`${COMPLAINTS_PATH}/saya/${encodeURIComponent(number)}?ok=hapus`, 303);
  });

  app.get<{ Params: { id: string; att: string }; Querystring: { kode?: unknown } }>(`${COMPLAINTS_PATH}/lampiran/:id/:att`, async (request, reply) => {
    const file = await complaints.attachment(request.actor, request.params.id, request.params.att, str(request.query.kode, 20) || undefined);
    const safeName = file.filename.replace(/[^\w.-]+/g, '_');
    return reply.type(file.type).header('content-disposition', `attachment; filename="${safeName}"`).header('cache-control', 'private, no-store').send(file.bytes);
  });

  // Open311 clients: api keys issued by the coordinator (shown once, only the hash kept).
  app.get(OPEN311_ADMIN_PATH, async (request, reply) => {
    authorize(request.actor, 'complaints.open311.manage');
    const ctx = await app.viewContext(request, reply);
    return reply.page(Open311ClientsPage({ ctx, clients: await listOpen311Clients(deps.database) }));
  });
  app.post(OPEN311_ADMIN_PATH, async (request, reply) => {
    authorize(request.actor, 'complaints.open311.manage');
    const name = str((request.body as Record<string, unknown> | undefined)?.name, 120).trim();
    const ctx = await app.viewContext(request, reply);
    if (name.length < 3) return reply.page(Open311ClientsPage({ ctx, clients: await listOpen311Clients(deps.database), errors: [{ field: 'name', key: 'complaints.open311.v.name' }] }), 422);
    const issued = await issueOpen311Key(deps.database, name, request.actor.userId);
    await recordAudit(deps.database.db, { actor: request.actor, meta: request.meta }, { action: 'open311_client.create', entityType: 'open311_client', entityId: issued.id, after: { name } });
    reply.header('cache-control', 'no-store');
    return reply.page(Open311ClientsPage({ ctx, clients: await listOpen311Clients(deps.database), newKey: { name, key: issued.key } }), 201);
  });
  app.post<{ Params: { id: string } }>(`${OPEN311_ADMIN_PATH}/:id/cabut`, async (request, reply) => {
    authorize(request.actor, 'complaints.open311.manage');
    if (!(await revokeOpen311Key(deps.database, request.params.id))) throw errors.notFound();
    await recordAudit(deps.database.db, { actor: request.actor, meta: request.meta }, { action: 'open311_client.revoke', entityType: 'open311_client', entityId: request.params.id });
    return reply.redirect(OPEN311_ADMIN_PATH, 303);
  });

  // Back office
  app.get<{ Querystring: { status?: unknown } }>(ADMIN_COMPLAINTS_PATH, async (request, reply) => {
    const status = str(request.query.status, 40);
    const items = await complaints.listForStaff(request.actor, { status });
    const ctx = await app.viewContext(request, reply);
    return reply.page(AdminListPage({ ctx, items, status }));
  });

  async function adminPage(request: FastifyRequest, reply: FastifyReply, id: string, opts: { errors?: NonNullable<AppError['fields']>; notice?: string } = {}, status = 200) {
    const c = await complaints.getForStaff(request.actor, id);
    const ctx = await app.viewContext(request, reply);
    const coordinator = can(request.actor, 'complaints.coordinate');
    const handler = !!c.routedAgencyId && can(request.actor, 'complaints.handle', { agencyId: c.routedAgencyId });
    return reply.page(AdminDetailPage({ ctx, c, agencies: coordinator ? await complaints.agencies() : [], coordinator, handler, ...opts }), status);
  }

  app.get<{ Params: { id: string }; Querystring: { ok?: unknown } }>(`${ADMIN_COMPLAINTS_PATH}/:id`, async (request, reply) => {
    const ctx = await app.viewContext(request, reply);
    return adminPage(request, reply, request.params.id, { notice: request.query.ok === 'terbit' ? ctx.t('complaints.publish.done') : request.query.ok ? ctx.t('complaints.admin.done') : undefined });
  });

  app.post<{ Params: { id: string } }>(`${ADMIN_COMPLAINTS_PATH}/:id/tindakan`, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const action = str(body.action, 40) as StaffAction;
    if (!staffActions.includes(action)) throw errors.badRequest();
    try {
      await complaints.act({ actor: request.actor, meta: request.meta }, request.params.id, action, { agencyId: str(body.agencyId, 60) || undefined, note: str(body.note, 4000) });
    } catch (e) {
      if (e instanceof AppError && e.status === 422) return adminPage(request, reply, request.params.id, { errors: e.fields }, 422);
      throw e;
    }
    return reply.redirect(`${ADMIN_COMPLAINTS_PATH}/${request.params.id}?ok=1`, 303);
  });

  // Publishing: "Terbitkan" shows the masked preview; an edit is previewed again; only the
  // confirm (step=confirm, the previewed text) publishes.
  app.get<{ Params: { id: string } }>(`${ADMIN_COMPLAINTS_PATH}/:id/terbitkan`, async (request, reply) => {
    const preview = await complaints.publicPreview(request.actor, request.params.id);
    const c = await complaints.getForStaff(request.actor, request.params.id);
    const ctx = await app.viewContext(request, reply);
    reply.header('cache-control', 'no-store');
    return reply.page(PublishPreviewPage({ ctx, c, preview, edit: { title: preview.title, body: preview.body, address: preview.address ?? '' } }));
  });
  app.post<{ Params: { id: string } }>(`${ADMIN_COMPLAINTS_PATH}/:id/terbitkan`, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const edit = { title: str(body.title, 400), body: str(body.body, 6000), address: str(body.address, 600) };
    const c = await complaints.getForStaff(request.actor, request.params.id);
    const ctx = await app.viewContext(request, reply);
    reply.header('cache-control', 'no-store');
    try {
      if (str(body.step, 20) === 'confirm') {
        await complaints.publish({ actor: request.actor, meta: request.meta }, request.params.id, edit);
        return reply.redirect(`${ADMIN_COMPLAINTS_PATH}/${request.params.id}?ok=terbit`, 303);
      }
      const preview = await complaints.publicPreview(request.actor, request.params.id, edit);
      return reply.page(PublishPreviewPage({ ctx, c, preview, edit }));
    } catch (e) {
      if (e instanceof AppError && e.status === 422) return reply.page(PublishPreviewPage({ ctx, c, preview: null, edit, errors: e.fields }), 422);
      throw e;
    }
  });

  // The coordinator marks a duplicate (by the original's number) and forwards to SP4N-LAPOR!.
  app.post<{ Params: { id: string } }>(`${ADMIN_COMPLAINTS_PATH}/:id/duplikat`, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await complaints.markDuplicate({ actor: request.actor, meta: request.meta }, request.params.id, str(body.original, 40));
    } catch (e) {
      if (e instanceof AppError && e.status === 422) return adminPage(request, reply, request.params.id, { errors: e.fields }, 422);
      throw e;
    }
    return reply.redirect(`${ADMIN_COMPLAINTS_PATH}/${request.params.id}?ok=1`, 303);
  });

  app.post<{ Params: { id: string } }>(`${ADMIN_COMPLAINTS_PATH}/:id/lapor`, async (request, reply) => {
    await complaints.forwardToLapor({ actor: request.actor, meta: request.meta }, request.params.id);
    return reply.redirect(`${ADMIN_COMPLAINTS_PATH}/${request.params.id}?ok=1`, 303);
  });
}
