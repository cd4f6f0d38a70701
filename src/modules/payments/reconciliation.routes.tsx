// Back-office routes of reconciliation (P-7):
// - `/kelola/keuangan/impor-mutasi` (GET form + recent imports; POST multipart upload, CSRF,
//   size-limited) and `/kelola/keuangan/impor-mutasi/:id` (progress and result; refreshes
//   itself while the job runs);
// - `/kelola/keuangan/impor-mutasi/format` saved column mappings per bank (GET, POST);
// - `/kelola/keuangan/pencocokan` the manual queue (keyset paging `?setelah=<id>`), with
//   `POST …/:id/cocokkan` (assign to a bill, note required) and `POST …/:id/abaikan` (reason).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PaymentsDeps as Deps } from './payments.deps.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { registerUploads, uploadedFile } from '../../platform/storage/uploads.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { emptyForm, formStateFrom, type FormState } from '../../platform/views/context.ts';
import { formatRupiah, type MessageKey } from '../../platform/views/i18n.ts';
import type { StatementIssue } from './statement.ts';
import { presetMapping, statementPresetIds, type StatementPresetId } from './statement-presets.ts';
import { STATEMENT_MAX_BYTES } from './reconciliation.service.ts';
import { IMPORT_PATH, ImportDetailPage, ImportPage, MAPPINGS_PATH, MappingsPage, QUEUE_PATH, QueuePage, type QueueFailure } from './reconciliation.views.tsx';
import { registerReconciliationApi } from './reconciliation.api.ts';
import { registerBankCallback } from './bank-callback.ts';
import './reconciliation.policy.ts';
import { formatFileSize } from '../../platform/format.ts';

defineMenuLink({ href: IMPORT_PATH, labelKey: 'payments.recon.menu.import', action: 'payments.reconcile.read', area: 'finance', order: 60 });
defineMenuLink({ href: QUEUE_PATH, labelKey: 'payments.recon.menu.queue', action: 'payments.reconcile.read', area: 'finance', order: 61 });

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown, max = 2000) => (typeof v === 'string' ? v.slice(0, max) : '');

export function registerReconciliationRoutes(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;
  const recon = deps.reconciliation;

  async function importPage(request: FastifyRequest, reply: FastifyReply, opts: { form?: FormState; issues?: StatementIssue[]; notice?: { text: string; href?: string } } = {}, status = 200) {
    const ctx = await app.viewContext(request, reply);
    const [accounts, mappings, imports] = [await recon.bankAccounts(db, request.actor), await recon.mappingChoices(db, ctx.locale), await recon.recentImports(db, request.actor)];
    return reply.page(ImportPage({ ctx, accounts, mappings, imports, form: opts.form ?? emptyForm, issues: opts.issues, notice: opts.notice, maxMb: formatFileSize(STATEMENT_MAX_BYTES) }), status);
  }

  app.get(IMPORT_PATH, async (request, reply) => {
    authorize(request.actor, 'payments.reconcile.read');
    return importPage(request, reply);
  });

  app.register(async (scope) => {
    await registerUploads(scope, { maxBytes: STATEMENT_MAX_BYTES });
    scope.post(IMPORT_PATH, async (request, reply) => {
      authorize(request.actor, 'payments.reconcile');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = { account: str(body.account, 40), mapping: str(body.mapping, 120) };
      const file = uploadedFile(body, 'file');
      const fail = (field: string, key: MessageKey, params?: Record<string, string | number>, status = 422) => importPage(request, reply, { form: formStateFrom(values, [{ field, key, params }]) }, status);
      if (!values.account) return fail('account', 'payments.recon.account_unknown');
      if (!values.mapping) return fail('mapping', 'payments.recon.mapping_unknown');
      if (!file) return fail('file', 'payments.recon.import.file_required');
      if (file.tooLarge) return fail('file', 'payments.recon.import.file_too_large', { mb: formatFileSize(STATEMENT_MAX_BYTES) }, 413);
      if (!uuidRe.test(values.account)) return fail('account', 'payments.recon.account_unknown');
      try {
        const r = await recon.startImport({ actor: request.actor, meta: request.meta }, { bytes: await file.read(), fileName: file.filename, bankAccountId: values.account, mappingRef: values.mapping });
        if (r.kind === 'invalid') return importPage(request, reply, { form: formStateFrom(values, []), issues: r.issues }, 422);
        if (r.kind === 'already') return reply.redirect(`${IMPORT_PATH}/${r.id}?sudah=1`, 303);
        return reply.redirect(`${IMPORT_PATH}/${r.id}`, 303);
      } catch (e) {
        if (e instanceof AppError && e.status === 422) return importPage(request, reply, { form: formStateFrom(values, e.fields ?? []) }, 422);
        throw e;
      }
    });
  });

  app.get<{ Querystring: { nama?: unknown; dari?: unknown; disimpan?: unknown } }>(MAPPINGS_PATH, async (request, reply) => {
    authorize(request.actor, 'payments.mappings.manage');
    const ctx = await app.viewContext(request, reply);
    const mappings = await recon.listMappings(db);
    let form: FormState = emptyForm;
    const name = str(request.query.nama, 80);
    const from = str(request.query.dari, 20);
    const saved = mappings.find((m) => m.name === name);
    if (saved) form = { values: { name: saved.name, bankCode: saved.bankCode, mapping: JSON.stringify(saved.mapping, null, 2) }, errors: [] };
    else if ((statementPresetIds as string[]).includes(from)) {
      form = { values: { name: '', bankCode: from.toUpperCase(), mapping: JSON.stringify(presetMapping(from as StatementPresetId), null, 2) }, errors: [] };
    }
    const done = str(request.query.disimpan, 80);
    return reply.page(MappingsPage({ ctx, mappings, form, notice: done ? ctx.t('payments.recon.mappings.saved', { name: done }) : undefined }));
  });

  app.post<{ Body: Record<string, unknown> }>(MAPPINGS_PATH, async (request, reply) => {
    authorize(request.actor, 'payments.mappings.manage');
    const body = request.body ?? {};
    const values = { name: str(body.name, 80), bankCode: str(body.bankCode, 10), mapping: str(body.mapping, 20_000) };
    const again = async (form: FormState, status: number) => {
      const ctx = await app.viewContext(request, reply);
      return reply.page(MappingsPage({ ctx, mappings: await recon.listMappings(db), form }), status);
    };
    let mapping: unknown;
    try {
      mapping = JSON.parse(values.mapping);
    } catch {
      return again(formStateFrom(values, [{ field: 'mapping', key: 'payments.recon.mapping_json' }]), 422);
    }
    try {
      const saved = await db.transaction().execute((trx) => recon.saveMapping(trx, { actor: request.actor, meta: request.meta }, { name: values.name, bankCode: values.bankCode, mapping }));
      return reply.redirect(`${MAPPINGS_PATH}?disimpan=${encodeURIComponent(saved.name)}`, 303);
    } catch (e) {
      if (e instanceof AppError && e.status === 422) return again(formStateFrom(values, e.fields ?? []), 422);
      throw e;
    }
  });

  app.get<{ Params: { id: string }; Querystring: { sudah?: unknown } }>(`${IMPORT_PATH}/:id`, async (request, reply) => {
    authorize(request.actor, 'payments.reconcile.read');
    const imp = uuidRe.test(request.params.id) ? await recon.getImport(db, request.params.id) : null;
    if (!imp || !(await recon.canSeeImport(db, request.actor, imp))) throw errors.notFound();
    const ctx = await app.viewContext(request, reply);
    reply.header('cache-control', 'no-store');
    return reply.page(ImportDetailPage({ ctx, imp, notice: request.query.sudah ? ctx.t('payments.recon.import.already') : undefined }));
  });

  async function queuePage(request: FastifyRequest, reply: FastifyReply, opts: { after?: string; notice?: string; failed?: QueueFailure } = {}, status = 200) {
    const ctx = await app.viewContext(request, reply);
    const page = await recon.listCredits(db, request.actor, { after: opts.after, limit: 50 });
    return reply.page(QueuePage({ ctx, items: page.items, next: page.next, notice: opts.notice, failed: opts.failed, canAct: can(request.actor, 'payments.reconcile') }), status);
  }

  app.get<{ Querystring: { setelah?: unknown; dicatat?: unknown; lebih?: unknown; diabaikan?: unknown } }>(QUEUE_PATH, async (request, reply) => {
    authorize(request.actor, 'payments.reconcile.read');
    const ctx = await app.viewContext(request, reply);
    const after = str(request.query.setelah, 40);
    const code = str(request.query.dicatat, 40);
    const over = Number(str(request.query.lebih, 20));
    let notice: string | undefined;
    if (code) notice = over > 0 && Number.isSafeInteger(over) ? ctx.t('payments.recon.queue.assigned_over', { code, amount: formatRupiah(over) }) : ctx.t('payments.recon.queue.assigned', { code });
    else if (request.query.diabaikan) notice = ctx.t('payments.recon.queue.ignored');
    return queuePage(request, reply, { after: uuidRe.test(after) ? after : undefined, notice });
  });

  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(`${QUEUE_PATH}/:id/cocokkan`, async (request, reply) => {
    authorize(request.actor, 'payments.reconcile');
    if (!uuidRe.test(request.params.id)) throw errors.notFound();
    const body = request.body ?? {};
    const values = { billId: str(body.billId, 40), code: str(body.code, 40).trim(), note: str(body.note, 1000) };
    try {
      const target = values.code ? { paymentCode: values.code } : { billId: values.billId };
      const r = await db.transaction().execute((trx) => recon.assign(trx, { actor: request.actor, meta: request.meta }, request.params.id, { ...target, note: values.note }));
      return reply.redirect(`${QUEUE_PATH}?dicatat=${encodeURIComponent(r.paymentCode)}${r.overpaid > 0 ? `&lebih=${r.overpaid}` : ''}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.status !== 422 && e.status !== 409)) throw e;
      const form = formStateFrom(values, e.fields ?? [{ field: 'billId', key: e.messageKey }]);
      return queuePage(request, reply, { failed: { creditId: request.params.id, form } }, e.status);
    }
  });

  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(`${QUEUE_PATH}/:id/abaikan`, async (request, reply) => {
    authorize(request.actor, 'payments.reconcile');
    if (!uuidRe.test(request.params.id)) throw errors.notFound();
    const values = { reason: str(request.body?.reason, 1000) };
    try {
      await db.transaction().execute((trx) => recon.ignore(trx, { actor: request.actor, meta: request.meta }, request.params.id, values.reason));
      return reply.redirect(`${QUEUE_PATH}?diabaikan=1`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.status !== 422 && e.status !== 409)) throw e;
      const form = formStateFrom(values, e.fields ?? [{ field: 'reason', key: e.messageKey }]);
      return queuePage(request, reply, { failed: { creditId: request.params.id, form } }, e.status);
    }
  });

  registerReconciliationApi(app, deps);
  registerBankCallback(app, deps);
}
