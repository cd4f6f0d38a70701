// Routes of bills (P-7):
// - payer: `/tagihan` (own bills), `/tagihan/:code` (bill page: 404 page "tidak ditemukan" for
//   an unknown code or someone else's bill), `POST /tagihan/:code/konfirmasi` (multipart, CSRF,
//   slip judged by its bytes), `POST /tagihan/:code/terbitkan-ulang`, `/tagihan/:code/kuitansi`.
// - back office: `/kelola/keuangan/tagihan` (filters, keyset pages, agency-scoped),
//   `/kelola/keuangan/tagihan/:code` (confirmations, slips, cancel), `/kelola/keuangan/rekening`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PaymentsDeps as Deps } from './payments.deps.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { registerUploads, uploadedFile } from '../../platform/storage/uploads.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { emptyForm, formStateFrom, type FormState } from '../../platform/views/context.ts';
import type { BillListFilters } from './bills.service.ts';
import { billStatusSchema, registerBillsApi } from './bills.api.ts';
import { AccountsPage, ADMIN_ACCOUNTS_PATH, ADMIN_BILLS_PATH, AdminBillPage, AdminBillsPage, BILL_PATH, BillNotFoundPage, BillPage, billHref, MyBillsPage } from './bills.views.tsx';
import { SLIP_MAX_BYTES } from './bills.service.ts';
import './bills.policy.ts';
import { renderSkrd } from './skrd.ts';

defineMenuLink({ href: ADMIN_BILLS_PATH, labelKey: 'payments.billing_bo.bills', action: 'payments.read', area: 'finance', order: 60 });
defineMenuLink({ href: ADMIN_ACCOUNTS_PATH, labelKey: 'payments.billing_bo.accounts', action: 'payments.accounts.read', area: 'finance', order: 61 });

const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.slice(0, max) : '');

export function registerBillRoutes(app: FastifyInstance, deps: Deps): void {
  const bills = deps.payments.bills;

  async function billPage(request: FastifyRequest, reply: FastifyReply, code: string, opts: { form?: FormState; notice?: string; error?: string } = {}, status = 200) {
    const ctx = await app.viewContext(request, reply);
    try {
      const bill = await bills.getForActor(request.actor, code);
      const isPayer = bill.payerId === request.actor?.userId;
      const confirmations = isPayer ? await bills.confirmationsOf(deps.database.db, bill.id) : [];
      return reply.page(BillPage({ ctx, bill, confirmations, isPayer, ...opts }), status);
    } catch (e) {
      if (e instanceof AppError && e.status === 404) return reply.page(BillNotFoundPage({ ctx }), 404);
      throw e;
    }
  }

  app.get(BILL_PATH, async (request, reply) => {
    if (!request.actor) throw errors.unauthenticated();
    const items = await bills.listOwn(request.actor);
    return reply.page(MyBillsPage({ ctx: await app.viewContext(request, reply), items }));
  });

  app.get<{ Params: { code: string }; Querystring: { terkirim?: unknown; baru?: unknown } }>(`${BILL_PATH}/:code`, async (request, reply) => {
    if (!request.actor) throw errors.unauthenticated();
    const ctx = await app.viewContext(request, reply);
    const notice = request.query.terkirim ? ctx.t('payments.confirm.done') : request.query.baru ? ctx.t('payments.reissue.done', { code: request.params.code }) : undefined;
    return billPage(request, reply, request.params.code, { notice });
  });

  app.register(async (scope) => {
    await registerUploads(scope, { maxBytes: SLIP_MAX_BYTES, maxFiles: 1 });
    scope.post<{ Params: { code: string } }>(`${BILL_PATH}/:code/konfirmasi`, async (request, reply) => {
      if (!request.actor) throw errors.unauthenticated();
      const body = (request.body ?? {}) as Record<string, unknown>;
      const input = { proofNumber: str(body.proofNumber, 100), date: str(body.date, 20), time: str(body.time, 10), bank: str(body.bank, 120), amount: str(body.amount, 30), slip: uploadedFile(body, 'slip') };
      try {
        await bills.confirm({ actor: request.actor, meta: request.meta }, request.params.code, input, 'portal');
        return reply.redirect(`${billHref(request.params.code)}?terkirim=1`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status === 401 || e.status === 404) throw e;
        const { slip: _slip, ...typed } = input;
        if (e.fields?.length) return billPage(request, reply, request.params.code, { form: formStateFrom(typed, e.fields) }, e.status);
        const ctx = await app.viewContext(request, reply);
        return billPage(request, reply, request.params.code, { form: formStateFrom(typed, []), error: ctx.t(e.messageKey, e.params) }, e.status);
      }
    });
  });

  app.post<{ Params: { code: string } }>(`${BILL_PATH}/:code/terbitkan-ulang`, async (request, reply) => {
    if (!request.actor) throw errors.unauthenticated();
    try {
      const r = await bills.reissue({ actor: request.actor, meta: request.meta }, request.params.code);
      return reply.redirect(`${billHref(r.paymentCode)}?baru=1`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 409) throw e;
      const ctx = await app.viewContext(request, reply);
      return billPage(request, reply, request.params.code, { error: ctx.t(e.messageKey) }, 409);
    }
  });

  async function sendReceipt(request: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply) {
    const r = await bills.receiptOf(request.actor, request.params.code);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${r.fileName}"`).header('cache-control', 'no-store').send(r.bytes);
  }
  app.get<{ Params: { code: string } }>(`${BILL_PATH}/:code/kuitansi`, sendReceipt);

  // SKRD (official assessment of the bill), for the payer and for staff of the bill's agency.
  async function sendSkrd(request: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply, staff: boolean) {
    const bill = staff ? (await bills.staffDetail(request.actor, request.params.code)).bill : await bills.getForActor(request.actor, request.params.code);
    const r = await renderSkrd(deps.database.db, bill);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${r.fileName}"`).header('cache-control', 'no-store').send(r.bytes);
  }
  app.get<{ Params: { code: string } }>(`${BILL_PATH}/:code/skrd`, (request, reply) => sendSkrd(request, reply, false));
  app.get<{ Params: { code: string } }>(`${ADMIN_BILLS_PATH}/:code/skrd`, (request, reply) => sendSkrd(request, reply, true));

  // ---- back office ----

  app.get<{ Querystring: Record<string, unknown> }>(ADMIN_BILLS_PATH, async (request, reply) => {
    authorize(request.actor, 'payments.read');
    const q = request.query;
    const status = billStatusSchema.safeParse(q.status);
    const filters: BillListFilters = {
      status: status.success ? status.data : undefined,
      service: str(q.service, 120).trim() || undefined,
      from: /^\d{4}-\d{2}-\d{2}$/.test(str(q.from, 10)) ? str(q.from, 10) : undefined,
      to: /^\d{4}-\d{2}-\d{2}$/.test(str(q.to, 10)) ? str(q.to, 10) : undefined,
      cursor: str(q.cursor, 200) || undefined,
    };
    const page = await bills.listForStaff(request.actor, filters);
    const services = (await deps.catalog.listPublished({ limit: 500 })).items.map((s) => ({ value: s.slug, label: s.name }));
    return reply.page(AdminBillsPage({ ctx: await app.viewContext(request, reply), items: page.items, nextCursor: page.nextCursor, filters, services }));
  });

  async function adminBill(request: FastifyRequest, reply: FastifyReply, code: string, opts: { form?: FormState; notice?: string } = {}, status = 200) {
    const { bill, confirmations } = await bills.staffDetail(request.actor, code);
    const canCancel = can(request.actor, 'payments.cancel', { agencyId: bill.agencyId });
    return reply.page(AdminBillPage({ ctx: await app.viewContext(request, reply), bill, confirmations, canCancel, ...opts }), status);
  }

  app.get<{ Params: { code: string }; Querystring: { batal?: unknown } }>(`${ADMIN_BILLS_PATH}/:code`, async (request, reply) => {
    authorize(request.actor, 'payments.read');
    const ctx = await app.viewContext(request, reply);
    return adminBill(request, reply, request.params.code, { notice: request.query.batal ? ctx.t('payments.cancel.done') : undefined });
  });

  app.post<{ Params: { code: string }; Body: Record<string, unknown> }>(`${ADMIN_BILLS_PATH}/:code/batal`, async (request, reply) => {
    authorize(request.actor, 'payments.read');
    const reason = str(request.body?.reason, 1000);
    try {
      await bills.cancel({ actor: request.actor, meta: request.meta }, request.params.code, reason);
      return reply.redirect(`${ADMIN_BILLS_PATH}/${request.params.code}?batal=1`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.status !== 422 && e.status !== 409)) throw e;
      return adminBill(request, reply, request.params.code, { form: formStateFrom({ reason }, e.fields ?? [{ field: 'reason', key: e.messageKey }]) }, e.status);
    }
  });

  app.get<{ Params: { code: string } }>(`${ADMIN_BILLS_PATH}/:code/kuitansi`, async (request, reply) => {
    authorize(request.actor, 'payments.read');
    return sendReceipt(request, reply);
  });

  app.get<{ Params: { code: string; id: string } }>(`${ADMIN_BILLS_PATH}/:code/konfirmasi/:id/bukti`, async (request, reply) => {
    authorize(request.actor, 'payments.read');
    await bills.staffDetail(request.actor, request.params.code); // agency scope
    const slip = await bills.slipOf(request.actor, request.params.code, request.params.id);
    // An image is shown inline; nothing else is served from an upload.
    return reply.type(slip.mime).header('content-disposition', slip.mime === 'application/pdf' ? 'attachment; filename="bukti-transfer.pdf"' : 'inline').header('x-content-type-options', 'nosniff').header('cache-control', 'no-store').send(slip.bytes);
  });

  async function accountsPage(request: FastifyRequest, reply: FastifyReply, opts: { form?: FormState; notice?: string } = {}, status = 200) {
    const items = await bills.listAccounts(request.actor);
    return reply.page(AccountsPage({ ctx: await app.viewContext(request, reply), items, canManage: can(request.actor, 'payments.accounts.manage'), form: opts.form ?? emptyForm, notice: opts.notice }), status);
  }

  app.get<{ Querystring: { disimpan?: unknown } }>(ADMIN_ACCOUNTS_PATH, async (request, reply) => {
    authorize(request.actor, 'payments.accounts.read');
    const ctx = await app.viewContext(request, reply);
    return accountsPage(request, reply, { notice: request.query.disimpan ? ctx.t('payments.billing_bo.saved') : undefined });
  });

  app.post<{ Body: Record<string, unknown> }>(ADMIN_ACCOUNTS_PATH, async (request, reply) => {
    authorize(request.actor, 'payments.accounts.manage');
    const b = request.body ?? {};
    const input = { bankCode: str(b.bankCode, 40), bankName: str(b.bankName, 200), accountNumber: str(b.accountNumber, 40), accountName: str(b.accountName, 200), agencyId: str(b.agencyId, 40).trim() || null };
    try {
      await bills.saveAccount({ actor: request.actor, meta: request.meta }, input);
      return reply.redirect(`${ADMIN_ACCOUNTS_PATH}?disimpan=1`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.status !== 422 && e.status !== 409)) throw e;
      return accountsPage(request, reply, { form: formStateFrom({ ...input, agencyId: input.agencyId ?? '' }, e.fields ?? []) }, e.status);
    }
  });

  for (const [suffix, active] of [['aktif', true], ['nonaktif', false]] as const) {
    app.post<{ Params: { id: string } }>(`${ADMIN_ACCOUNTS_PATH}/:id/${suffix}`, async (request, reply) => {
      authorize(request.actor, 'payments.accounts.manage');
      await bills.setAccountActive({ actor: request.actor, meta: request.meta }, request.params.id, active);
      return reply.redirect(`${ADMIN_ACCOUNTS_PATH}?disimpan=1`, 303);
    });
  }

  registerBillsApi(app, deps);
}
