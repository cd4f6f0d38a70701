// Back-office pages for the complaint rules that are data (C-1, coordinator only, no JavaScript
// needed, CSRF on every form, every change audited by the service):
// - `/kelola/pengaduan/aturan-disposisi`: routing rules (a service or a category → an agency):
//   list, add (replaces the rule of the same service/category), change the agency (`?ubah=<id>`),
//   delete (POST `…/:id/hapus`).
// - `/kelola/pengaduan/batas-waktu`: the working days of each resolution tier (`?tingkat=<code>`,
//   POST `…/tingkat`), and the tier of each category (POST `…/kategori`; `?kategori=<code>`
//   prefills; POST `…/kategori/:category/hapus` puts it back on the default tier).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { DataTable } from '../../platform/views/components/index.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, SelectField, TextField } from '../../platform/views/forms.tsx';
import { messageKeyOr } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { complaintCategories } from './complaints.rules.ts';
import type { Complaints } from './complaints.service.ts';
import { ADMIN_COMPLAINTS_PATH } from './complaints.views.tsx';

export const ROUTING_RULES_PATH = `${ADMIN_COMPLAINTS_PATH}/aturan-disposisi`;
export const DEADLINE_RULES_PATH = `${ADMIN_COMPLAINTS_PATH}/batas-waktu`;
const DEFAULT_TIER = 'biasa';

defineMenuLink({ href: ROUTING_RULES_PATH, labelKey: 'complaints.rules.routing.title', action: 'complaints.coordinate', area: 'services', order: 31 });
defineMenuLink({ href: DEADLINE_RULES_PATH, labelKey: 'complaints.rules.deadline.title', action: 'complaints.coordinate', area: 'services', order: 32 });

const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const categoryName = (ctx: ViewContext, c: string) => ctx.t(messageKeyOr(`complaints.category.${c}`, 'value.unknown'));
const tierName = (ctx: ViewContext, code: string) => {
  const name = ctx.t(messageKeyOr(`complaints.tier.${code}`, 'value.unknown'));
  return name.charAt(0).toUpperCase() + name.slice(1);
};

function Notice({ text }: { text?: string }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

interface RoutingRow {
  id: string;
  serviceId: string | null;
  category: string | null;
  agencyId: string;
}

function RoutingRulesPage({
  ctx,
  rules,
  services,
  agencies,
  editing,
  form,
  notice,
}: {
  ctx: ViewContext;
  rules: RoutingRow[];
  services: { id: string; name: string }[];
  agencies: { id: string; name: string }[];
  editing: RoutingRow | null;
  form: FormState;
  notice?: string;
}) {
  const { t } = ctx;
  const serviceNames = new Map(services.map((s) => [s.id, s.name]));
  const agencyNames = new Map(agencies.map((a) => [a.id, a.name]));
  const subject = (r: { serviceId: string | null; category: string | null }) =>
    r.serviceId ? t('complaints.rules.routing.by_service', { name: serviceNames.get(r.serviceId) ?? t('complaints.rules.routing.unknown_service') }) : t('complaints.rules.routing.by_category', { name: categoryName(ctx, r.category ?? '') });
  const labels = { serviceId: t('complaints.rules.routing.service'), category: t('complaints.rules.routing.category'), agencyId: t('complaints.rules.routing.agency') };
  const agencyOptions = agencies.map((a) => ({ value: a.id, label: a.name }));
  return (
    <Layout ctx={ctx} face="backoffice" title={t('complaints.rules.routing.title')}>
      <p class="muted">
        <a href={ADMIN_COMPLAINTS_PATH}>{t('complaints.admin.title')}</a> · <a href={DEADLINE_RULES_PATH}>{t('complaints.rules.deadline.title')}</a>
      </p>
      <h1>{t('complaints.rules.routing.title')}</h1>
      <p>{t('complaints.rules.routing.intro')}</p>
      <Notice text={notice} />
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />
      <DataTable
        ctx={ctx}
        rows={rules}
        rowKey={(r) => r.id}
        caption={t('complaints.rules.routing.caption')}
        empty={t('complaints.rules.routing.none')}
        columns={[
          { key: 'subject', label: t('complaints.rules.routing.applies_to'), primary: true, cell: (r) => subject(r) },
          { key: 'agency', label: t('complaints.rules.routing.agency'), cell: (r) => agencyNames.get(r.agencyId) ?? '—' },
        ]}
        actions={(r) => (
          <span class="row-actions">
            <a href={`${ROUTING_RULES_PATH}?ubah=${r.id}#aturan`} aria-label={t('complaints.rules.routing.edit_named', { name: subject(r) })}>
              {t('complaints.rules.edit')}
            </a>{' '}
            <form method="post" action={`${ROUTING_RULES_PATH}/${r.id}/hapus`}>
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <button type="submit" class="secondary" aria-label={t('complaints.rules.routing.delete_named', { name: subject(r) })}>
                {t('complaints.rules.routing.delete')}
              </button>
            </form>
          </span>
        )}
      />
      <section id="aturan">
        <h2>{editing ? t('complaints.rules.routing.edit') : t('complaints.rules.routing.add')}</h2>
        <form method="post" action={ROUTING_RULES_PATH} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          {editing ? (
            <>
              <input type="hidden" name="serviceId" value={editing.serviceId ?? ''} />
              <input type="hidden" name="category" value={editing.category ?? ''} />
              <p>
                <strong>{t('complaints.rules.routing.applies_to')}:</strong> {subject(editing)}
              </p>
            </>
          ) : (
            <>
              <p class="hint">{t('complaints.rules.routing.add_hint')}</p>
              <SelectField ctx={ctx} form={form} name="serviceId" label={labels.serviceId} required={false} options={services.map((s) => ({ value: s.id, label: s.name }))} />
              <SelectField ctx={ctx} form={form} name="category" label={labels.category} required={false} options={complaintCategories.map((c) => ({ value: c, label: categoryName(ctx, c) }))} />
            </>
          )}
          <SelectField ctx={ctx} form={form} name="agencyId" label={labels.agencyId} options={agencyOptions} value={form.values.agencyId ?? editing?.agencyId} />
          <button type="submit">{t('complaints.rules.routing.save')}</button>
          {editing && (
            <>
              {' '}
              <a href={ROUTING_RULES_PATH}>{t('complaints.rules.cancel')}</a>
            </>
          )}
        </form>
      </section>
    </Layout>
  );
}

function DeadlineRulesPage({
  ctx,
  rules,
  editTier,
  tierForm,
  categoryForm,
  notice,
}: {
  ctx: ViewContext;
  rules: { tiers: { code: string; workingDays: number }[]; categories: { category: string; tier: string }[] };
  editTier: string | null;
  tierForm: FormState;
  categoryForm: FormState;
  notice?: string;
}) {
  const { t } = ctx;
  const tierOf = new Map(rules.categories.map((c) => [c.category, c.tier]));
  const daysOf = new Map(rules.tiers.map((x) => [x.code, x.workingDays]));
  const tierLabel = (code: string) => `${tierName(ctx, code)} — ${t('complaints.rules.deadline.days_value', { n: daysOf.get(code) ?? 0 })}`;
  const categoryRows = complaintCategories.map((c) => ({ category: c, tier: tierOf.get(c) ?? null }));
  const editing = editTier ? rules.tiers.find((x) => x.code === editTier) : undefined;
  return (
    <Layout ctx={ctx} face="backoffice" title={t('complaints.rules.deadline.title')}>
      <p class="muted">
        <a href={ADMIN_COMPLAINTS_PATH}>{t('complaints.admin.title')}</a> · <a href={ROUTING_RULES_PATH}>{t('complaints.rules.routing.title')}</a>
      </p>
      <h1>{t('complaints.rules.deadline.title')}</h1>
      <p>{t('complaints.rules.deadline.intro')}</p>
      <Notice text={notice} />
      <ErrorSummary ctx={ctx} errors={[...tierForm.errors, ...categoryForm.errors]} labels={{ workingDays: t('complaints.rules.deadline.working_days'), tier: t('complaints.rules.deadline.tier'), category: t('complaints.rules.deadline.category') }} />
      <h2>{t('complaints.rules.deadline.tiers')}</h2>
      <DataTable
        ctx={ctx}
        rows={rules.tiers}
        rowKey={(r) => r.code}
        caption={t('complaints.rules.deadline.tiers')}
        captionHidden
        columns={[
          { key: 'tier', label: t('complaints.rules.deadline.tier'), primary: true, cell: (r) => tierName(ctx, r.code) },
          { key: 'days', label: t('complaints.rules.deadline.working_days'), num: true, cell: (r) => String(r.workingDays) },
        ]}
        actions={(r) => (
          <a href={`${DEADLINE_RULES_PATH}?tingkat=${encodeURIComponent(r.code)}#tingkat`} aria-label={t('complaints.rules.deadline.edit_tier_named', { name: tierName(ctx, r.code) })}>
            {t('complaints.rules.edit')}
          </a>
        )}
      />
      {editing && (
        <section id="tingkat">
          <h3>{t('complaints.rules.deadline.edit_tier_named', { name: tierName(ctx, editing.code) })}</h3>
          <form method="post" action={`${DEADLINE_RULES_PATH}/tingkat`} novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="tier" value={editing.code} />
            <TextField ctx={ctx} form={tierForm} name="workingDays" label={t('complaints.rules.deadline.working_days')} inputmode="numeric" maxLength={3} value={tierForm.values.workingDays ?? String(editing.workingDays)} />
            <button type="submit">{t('complaints.rules.deadline.save_tier')}</button> <a href={DEADLINE_RULES_PATH}>{t('complaints.rules.cancel')}</a>
          </form>
        </section>
      )}
      <h2>{t('complaints.rules.deadline.categories')}</h2>
      <DataTable
        ctx={ctx}
        rows={categoryRows}
        rowKey={(r) => r.category}
        caption={t('complaints.rules.deadline.categories')}
        captionHidden
        columns={[
          { key: 'category', label: t('complaints.rules.deadline.category'), primary: true, cell: (r) => categoryName(ctx, r.category) },
          { key: 'tier', label: t('complaints.rules.deadline.tier'), cell: (r) => (r.tier ? tierLabel(r.tier) : t('complaints.rules.deadline.default', { name: tierLabel(DEFAULT_TIER) })) },
        ]}
        actions={(r) => (
          <span class="row-actions">
            <a href={`${DEADLINE_RULES_PATH}?kategori=${encodeURIComponent(r.category)}#kategori`} aria-label={t('complaints.rules.deadline.edit_category_named', { name: categoryName(ctx, r.category) })}>
              {t('complaints.rules.edit')}
            </a>
            {r.tier && r.tier !== DEFAULT_TIER && (
              <>
                {' '}
                <form method="post" action={`${DEADLINE_RULES_PATH}/kategori/${encodeURIComponent(r.category)}/hapus`}>
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <button type="submit" class="secondary" aria-label={t('complaints.rules.deadline.clear_named', { name: categoryName(ctx, r.category) })}>
                    {t('complaints.rules.deadline.clear')}
                  </button>
                </form>
              </>
            )}
          </span>
        )}
      />
      <section id="kategori">
        <h3>{t('complaints.rules.deadline.set_category')}</h3>
        <p class="hint">{t('complaints.rules.deadline.set_category_hint', { name: tierName(ctx, DEFAULT_TIER) })}</p>
        <form method="post" action={`${DEADLINE_RULES_PATH}/kategori`} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <SelectField ctx={ctx} form={categoryForm} name="category" label={t('complaints.rules.deadline.category')} options={complaintCategories.map((c) => ({ value: c, label: categoryName(ctx, c) }))} />
          <SelectField
            ctx={ctx}
            form={categoryForm}
            name="tier"
            label={t('complaints.rules.deadline.tier')}
            options={rules.tiers.map((x) => ({ value: x.code, label: tierLabel(x.code) }))}
            value={categoryForm.values.tier ?? (categoryForm.values.category ? (tierOf.get(categoryForm.values.category) ?? '') : undefined)}
          />
          <button type="submit">{t('complaints.rules.deadline.save_category')}</button>
        </form>
      </section>
    </Layout>
  );
}

export function registerComplaintRulePages(app: FastifyInstance, deps: { complaints: Complaints; listServices(): Promise<{ id: string; name: string }[]> }): void {
  const { complaints } = deps;
  const empty = (values: Record<string, string> = {}, errs: FieldError[] = []): FormState => ({ values, errors: errs });
  const coordinator = (request: FastifyRequest) => {
    authorize(request.actor, 'complaints.coordinate');
    return request.actor;
  };
  const fieldErrors = (e: unknown) => {
    if (e instanceof AppError && e.status === 422) return e.fields ?? [];
    throw e;
  };

  async function routingPage(request: FastifyRequest, reply: FastifyReply, opts: { editId?: string; form?: FormState; notice?: string } = {}, status = 200) {
    const actor = coordinator(request);
    const rules = await complaints.routingRules(actor);
    const editing = opts.editId ? (rules.find((r) => r.id === opts.editId) ?? null) : null;
    const ctx = await app.viewContext(request, reply);
    return reply.page(RoutingRulesPage({ ctx, rules, services: await deps.listServices(), agencies: await complaints.agencies(), editing, form: opts.form ?? empty(), notice: opts.notice }), status);
  }

  app.get<{ Querystring: { ubah?: unknown; ok?: unknown } }>(ROUTING_RULES_PATH, async (request, reply) => {
    const ctx = await app.viewContext(request, reply);
    const ok = request.query.ok;
    return routingPage(request, reply, { editId: str(request.query.ubah, 40) || undefined, notice: ok === 'simpan' ? ctx.t('complaints.rules.routing.saved') : ok === 'hapus' ? ctx.t('complaints.rules.routing.deleted') : undefined });
  });

  app.post(ROUTING_RULES_PATH, async (request, reply) => {
    const actor = coordinator(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { serviceId: str(body.serviceId, 40), category: str(body.category, 40), agencyId: str(body.agencyId, 40) };
    if (values.serviceId && !(await deps.listServices()).some((s) => s.id === values.serviceId)) return routingPage(request, reply, { form: empty(values, [{ field: 'serviceId', key: 'complaints.v.rule' }]) }, 422);
    try {
      await complaints.setRoutingRule({ actor, meta: request.meta }, { serviceId: values.serviceId || null, category: values.category || null, agencyId: values.agencyId });
    } catch (e) {
      return routingPage(request, reply, { form: empty(values, fieldErrors(e)) }, 422);
    }
    return reply.redirect(`${ROUTING_RULES_PATH}?ok=simpan`, 303);
  });

  app.post<{ Params: { id: string } }>(`${ROUTING_RULES_PATH}/:id/hapus`, async (request, reply) => {
    const actor = coordinator(request);
    await complaints.deleteRoutingRule({ actor, meta: request.meta }, request.params.id);
    return reply.redirect(`${ROUTING_RULES_PATH}?ok=hapus`, 303);
  });

  async function deadlinePage(request: FastifyRequest, reply: FastifyReply, opts: { editTier?: string; tierForm?: FormState; categoryForm?: FormState; notice?: string } = {}, status = 200) {
    coordinator(request);
    const ctx = await app.viewContext(request, reply);
    return reply.page(DeadlineRulesPage({ ctx, rules: await complaints.deadlineRules(), editTier: opts.editTier ?? null, tierForm: opts.tierForm ?? empty(), categoryForm: opts.categoryForm ?? empty(), notice: opts.notice }), status);
  }

  app.get<{ Querystring: { tingkat?: unknown; kategori?: unknown; ok?: unknown } }>(DEADLINE_RULES_PATH, async (request, reply) => {
    const ctx = await app.viewContext(request, reply);
    const ok = request.query.ok;
    const category = str(request.query.kategori, 40);
    return deadlinePage(request, reply, {
      editTier: str(request.query.tingkat, 40) || undefined,
      categoryForm: empty((complaintCategories as readonly string[]).includes(category) ? { category } : {}),
      notice: ok === 'simpan' ? ctx.t('complaints.rules.deadline.saved') : ok === 'hapus' ? ctx.t('complaints.rules.deadline.cleared') : undefined,
    });
  });

  app.post(`${DEADLINE_RULES_PATH}/tingkat`, async (request, reply) => {
    const actor = coordinator(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { tier: str(body.tier, 40), workingDays: str(body.workingDays, 10) };
    try {
      await complaints.setDeadlineRule({ actor, meta: request.meta }, { tier: values.tier, workingDays: /^\d{1,3}$/.test(values.workingDays) ? Number(values.workingDays) : NaN });
    } catch (e) {
      return deadlinePage(request, reply, { editTier: values.tier, tierForm: empty(values, fieldErrors(e)) }, 422);
    }
    return reply.redirect(`${DEADLINE_RULES_PATH}?ok=simpan`, 303);
  });

  app.post(`${DEADLINE_RULES_PATH}/kategori`, async (request, reply) => {
    const actor = coordinator(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { category: str(body.category, 40), tier: str(body.tier, 40) };
    try {
      if (!values.category) throw errors.validation([{ field: 'category', key: 'complaints.v.category' }]);
      await complaints.setDeadlineRule({ actor, meta: request.meta }, { tier: values.tier, category: values.category });
    } catch (e) {
      return deadlinePage(request, reply, { categoryForm: empty(values, fieldErrors(e)) }, 422);
    }
    return reply.redirect(`${DEADLINE_RULES_PATH}?ok=simpan`, 303);
  });

  app.post<{ Params: { category: string } }>(`${DEADLINE_RULES_PATH}/kategori/:category/hapus`, async (request, reply) => {
    const actor = coordinator(request);
    await complaints.clearCategoryTier({ actor, meta: request.meta }, request.params.category.slice(0, 40));
    return reply.redirect(`${DEADLINE_RULES_PATH}?ok=hapus`, 303);
  });
}
