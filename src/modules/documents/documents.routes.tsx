// Routes of issued documents (P-12):
// - public: `/verifikasi` (type a code, upload a PDF), `/verifikasi/:code` (genuine or not,
//   for whom, by whom, valid / expired / revoked; 404 for an unknown code), `POST
//   /verifikasi/periksa` (multipart, CSRF: the file's SHA-256 and signature against the
//   stored ones). Rate-limited per IP like /lacak.
// - holder: `/dokumen` and `/dokumen/:id/unduh` (own documents only; 404 otherwise).
// - agency: `/kelola/dokumen` and `POST /kelola/dokumen/:id/cabut` (reason required, audited).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DocumentsDeps as Deps } from './documents.deps.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { registerUploads, uploadedFile } from '../../platform/storage/uploads.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { formStateFrom } from '../../platform/views/context.ts';
import type { Documents, DocumentView } from './documents.service.ts';
import { dateIn, documentState, isVerificationCode } from './documents.signing.ts';
import { ADMIN_DOCUMENTS_PATH, AdminDocumentsPage, EXPIRING_DAYS, EXPIRING_FILTER, MY_DOCUMENTS_PATH, MyDocumentsPage, VERIFY_PATH, VerifyPage } from './documents.views.tsx';
import { registerDocumentsApi, verifyRateLimit } from './documents.api.ts';
import { addDays, daysBetween } from './reminders.logic.ts';
import { registerReminderRoutes } from './reminders.routes.tsx';
import type { DocumentWithValidity } from './reminders.views.tsx';
import './documents.policy.ts';

defineMenuLink({ href: ADMIN_DOCUMENTS_PATH, labelKey: 'documents.admin.menu', action: 'documents.read', area: 'services', order: 46 });

/** Issued permits are small; a larger upload cannot be one of them. */
const VERIFY_MAX_BYTES = 5 * 1024 * 1024;

export function registerDocumentRoutes(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;
  const documents = deps.documents;

  /** State, days left, reminders sent and the renewed document's number (P-8). */
  async function withStates(items: DocumentView[], now: Date = new Date()): Promise<DocumentWithValidity[]> {
    const tz = (await deps.region()).timeZone;
    const today = dateIn(tz, now);
    const sent = await deps.reminders.sentFor(db, items.map((d) => d.id));
    const renews = await deps.renewals.renewedFrom(db, items.map((d) => d.applicationId));
    return items.map((d) => ({
      ...d,
      state: documentState(d, now, tz),
      daysLeft: d.validUntil ? daysBetween(today, d.validUntil) : null,
      reminders: sent.get(d.id) ?? [],
      renewsNumber: (d.applicationId ? renews.get(d.applicationId) : undefined) ?? null,
    }));
  }

  app.get<{ Querystring: { kode?: unknown } }>(VERIFY_PATH, async (request, reply) => {
    const code = typeof request.query.kode === 'string' ? request.query.kode.trim().slice(0, 80) : '';
    const ctx = await app.viewContext(request, reply);
    if (!code) return reply.page(VerifyPage({ ctx }));
    if (!isVerificationCode(code)) {
      await verifyRateLimit(deps, request);
      return reply.page(VerifyPage({ ctx, code, notFound: true }), 404);
    }
    return reply.redirect(`${VERIFY_PATH}/${encodeURIComponent(code)}`, 303);
  });

  app.get<{ Params: { code: string } }>(`${VERIFY_PATH}/:code`, async (request, reply) => {
    await verifyRateLimit(deps, request);
    const code = request.params.code;
    const ctx = await app.viewContext(request, reply);
    const doc = isVerificationCode(code) ? await documents.byCode(db, code) : null;
    if (!doc) return reply.page(VerifyPage({ ctx, code: code.slice(0, 64), notFound: true }), 404);
    const result = await documents.verification(db, doc);
    return reply.page(VerifyPage({ ctx, code, result }));
  });

  app.register(async (scope) => {
    await registerUploads(scope, { maxBytes: VERIFY_MAX_BYTES, access: 'public' });
    scope.post(`${VERIFY_PATH}/periksa`, async (request, reply) => {
      await verifyRateLimit(deps, request);
      const file = uploadedFile(request.body, 'file');
      const ctx = await app.viewContext(request, reply);
      if (!file) return reply.page(VerifyPage({ ctx, form: formStateFrom({}, [{ field: 'file', key: 'documents.verify.file_required' }]) }), 422);
      if (file.tooLarge) return reply.page(VerifyPage({ ctx, form: formStateFrom({}, [{ field: 'file', key: 'documents.verify.file_too_large' }]) }), 413);
      const match = await documents.matchSha256(db, file.sha256); // hashed while it was received
      return reply.page(VerifyPage({ ctx, fileResult: match }));
    });
  });

  app.get(MY_DOCUMENTS_PATH, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw errors.unauthenticated();
    const items = await withStates(await documents.listForHolder(db, actor.userId));
    return reply.page(MyDocumentsPage({ ctx: await app.viewContext(request, reply), items, now: new Date() }));
  });

  app.get<{ Params: { id: string } }>(`${MY_DOCUMENTS_PATH}/:id/unduh`, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw errors.unauthenticated();
    const doc = await documents.byId(db, request.params.id);
    // Someone else's document is not there for this person.
    if (!doc || doc.holderId !== actor.userId) throw errors.notFound();
    return sendPdf(reply, documents, doc);
  });

  async function adminPage(request: FastifyRequest, reply: FastifyReply, opts: { notice?: string; filter?: string; failed?: { id: string; form: ReturnType<typeof formStateFrom> } } = {}, status = 200) {
    let range: [string, string] | undefined;
    if (opts.filter === EXPIRING_FILTER) {
      const today = dateIn((await deps.region()).timeZone, new Date());
      range = [today, addDays(today, EXPIRING_DAYS)];
    }
    const items = await withStates(await documents.listForStaff(db, request.actor!, 200, { expiringBetween: range }));
    return reply.page(AdminDocumentsPage({ ctx: await app.viewContext(request, reply), items, ...opts }), status);
  }

  app.get<{ Querystring: { dicabut?: unknown; tampil?: unknown } }>(ADMIN_DOCUMENTS_PATH, async (request, reply) => {
    authorize(request.actor, 'documents.read');
    const revoked = typeof request.query.dicabut === 'string' ? request.query.dicabut.slice(0, 60) : '';
    const filter = request.query.tampil === EXPIRING_FILTER ? EXPIRING_FILTER : undefined;
    const ctx = await app.viewContext(request, reply);
    return adminPage(request, reply, { filter, notice: revoked ? ctx.t('documents.revoke.done', { number: revoked }) : undefined });
  });

  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(`${ADMIN_DOCUMENTS_PATH}/:id/cabut`, async (request, reply) => {
    authorize(request.actor, 'documents.read');
    const actor = request.actor;
    const reason = typeof request.body?.reason === 'string' ? request.body.reason.slice(0, 2000) : '';
    const doc = await documents.byId(db, request.params.id);
    // A document of another agency is not there for this official.
    if (!doc || !can(actor, 'documents.read', { agencyId: doc.agencyId })) throw errors.notFound();
    try {
      const done = await db.transaction().execute((trx) => documents.revoke(trx, { actor, meta: request.meta }, doc.id, reason));
      return reply.redirect(`${ADMIN_DOCUMENTS_PATH}?dicabut=${encodeURIComponent(done.number)}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.status !== 422 && e.status !== 409)) throw e;
      const form = formStateFrom({ reason }, e.fields ?? [{ field: 'reason', key: e.messageKey }]);
      return adminPage(request, reply, { failed: { id: doc.id, form } }, e.status);
    }
  });

  registerDocumentsApi(app, deps);
  registerReminderRoutes(app, deps, withStates);
}

export async function sendPdf(reply: FastifyReply, documents: Documents, doc: DocumentView) {
  const pdf = await documents.pdfOf(doc);
  if (!pdf) throw errors.notFound();
  const name = doc.number.replace(/[^A-Za-z0-9-]+/g, '-');
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="dokumen-${name}.pdf"`)
    .header('cache-control', 'no-store')
    .send(pdf);
}
