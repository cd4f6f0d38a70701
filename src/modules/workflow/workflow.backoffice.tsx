// Back-office pages of SOPs (P-6): /kelola/sop (every service of the actor's agencies,
// overdue reviews first) and /kelola/layanan/:slug/sop (current version, the draft editor
// step by step, submission and approval). Forms work without JavaScript; refusals come back
// with an error summary and the values typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { WorkflowDeps as Deps } from './workflow.deps.ts';
import { can } from '../../platform/auth/policy.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, FieldFrame, PostForm, SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { sopProblems } from './workflow.rules.ts';
import { sopActions, sopRoles, timeUnits, type SopDefinition, type SopStep } from './workflow.schemas.ts';
import type { SopListItem, SopVersion, Workflow } from './workflow.service.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

export const SOP_LIST_PATH = '/kelola/sop';
const sopPath = (slug: string) => `/kelola/layanan/${slug}/sop`;

defineMenuLink({ href: SOP_LIST_PATH, labelKey: 'workflow.bo.menu', action: 'workflow.sop.read', area: 'services', order: 21 });

type Values = Record<string, string>;

function Crumbs({ ctx, extra }: { ctx: ViewContext; extra?: { href: string; label: string } }) {
  return (
    <nav aria-label={ctx.t('workflow.bo.crumbs')}>
      <p>
        <a href="/kelola">{ctx.t('nav.backoffice')}</a> › <a href={SOP_LIST_PATH}>{ctx.t('workflow.bo.menu')}</a>
        {extra && (
          <>
            {' › '}
            <a href={extra.href}>{extra.label}</a>
          </>
        )}
      </p>
    </nav>
  );
}

function Notice({ text }: { text?: string }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

// ---- list ------------------------------------------------------------------------------

function ListPage({ ctx, items }: { ctx: ViewContext; items: SopListItem[] }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('workflow.bo.list.title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('workflow.bo.list.title')}</h1>
      <p class="lead">{t('workflow.bo.list.lead')}</p>
      {items.length === 0 ? (
        <p>{t('workflow.bo.list.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('workflow.bo.col.service')}</th>
                <th scope="col">{t('workflow.bo.col.agency')}</th>
                <th scope="col">{t('workflow.bo.col.current')}</th>
                <th scope="col">{t('workflow.bo.col.review')}</th>
                <th scope="col">{t('workflow.bo.col.working')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.service.id}>
                  <td>
                    <a href={sopPath(i.service.slug)}>{i.service.name}</a>
                  </td>
                  <td>{i.service.agencyName}</td>
                  <td>{i.current ? t('workflow.bo.version', { version: i.current.version }) : t('workflow.bo.no_sop')}</td>
                  <td>
                    {i.current ? <time dateTime={i.current.nextReviewAt}>{i.current.nextReviewAt}</time> : '—'}{' '}
                    {i.current?.reviewOverdue && <strong class="tag warn">{t('workflow.bo.overdue')}</strong>}
                  </td>
                  <td>{i.working ? `${t('workflow.bo.version', { version: i.working.version })} · ${t(`workflow.status.${i.working.status}`)}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

// ---- one service -----------------------------------------------------------------------

function StepsTable({ ctx, def }: { ctx: ViewContext; def: SopDefinition }) {
  const t = ctx.t;
  const nameOf = (key: string) => def.steps.find((s) => s.key === key)?.name ?? key;
  if (!def.steps.length) return <p>{t('workflow.rule.empty')}</p>;
  return (
    <ol class="sop-steps">
      {def.steps.map((s) => (
        <li key={s.key}>
          <strong>{s.name}</strong> <span class="muted">({s.key})</span>
          <br />
          {t(`workflow.role.${s.role}`)} · {t(`workflow.time.${s.timeAllowed.unit}`, { amount: s.timeAllowed.amount })} · {s.actions.map((a) => t(`workflow.action.${a}`)).join(', ')}
          {s.billing && <> · {t('workflow.bo.billing')}</>}
          {s.next && (
            <>
              <br />
              {t('workflow.bo.next_is', { step: nameOf(s.next) })}
            </>
          )}
          {(s.branches ?? []).length > 0 && (
            <ul>
              {s.branches!.map((b) => (
                <li key={b.label}>{t('workflow.bo.branch_is', { label: b.label, step: nameOf(b.next) })}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

interface SopPageData {
  service: { slug: string; name: string; agencyName: string };
  current: SopVersion | null;
  working: SopVersion | null;
  canWrite: boolean;
  canApprove: boolean;
  isSubmitter: boolean;
}

function SopPage({ ctx, d, notice, errors: errs = [], values = {} }: { ctx: ViewContext; d: SopPageData; notice?: string; errors?: FieldError[]; values?: Values }) {
  const t = ctx.t;
  const base = sopPath(d.service.slug);
  const title = t('workflow.bo.sop.title', { service: d.service.name });
  const w = d.working;
  const problems = w && w.status === 'draft' ? sopProblems(w.definition) : [];
  const form: FormState = { values, errors: errs };
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{title}</h1>
      <p class="muted">{d.service.agencyName}</p>
      <Notice text={notice} />
      <ErrorSummary ctx={ctx} errors={errs} labels={{ reviewMonths: t('workflow.bo.f.reviewMonths'), confirm: t('workflow.bo.f.confirm') }} />

      <section aria-labelledby="h-current">
        <h2 id="h-current">{t('workflow.bo.current')}</h2>
        {d.current ? (
          <>
            <p>
              {t('workflow.bo.version', { version: d.current.version })} · {t('workflow.bo.approved_on', { date: d.current.approvedAt ? ctx.date(d.current.approvedAt) : '—' })} ·{' '}
              {t('workflow.bo.review_on', { date: d.current.nextReviewAt ?? '—' })}{' '}
              {d.current.reviewOverdue && <strong class="tag warn">{t('workflow.bo.overdue')}</strong>}
            </p>
            <StepsTable ctx={ctx} def={d.current.definition} />
          </>
        ) : (
          <p>{t('workflow.bo.no_sop')}</p>
        )}
      </section>

      <section aria-labelledby="h-working">
        <h2 id="h-working">{t('workflow.bo.working')}</h2>
        {!w && (
          <>
            <p>{t('workflow.bo.no_working')}</p>
            {d.canWrite && (
              <PostForm ctx={ctx} action={`${base}/draf`}>
                <button type="submit" class="button">
                  {t(d.current ? 'workflow.bo.new_version' : 'workflow.bo.new_sop')}
                </button>
              </PostForm>
            )}
          </>
        )}
        {w && (
          <>
            <p>
              {t('workflow.bo.version', { version: w.version })} · <span class="tag">{t(`workflow.status.${w.status}`)}</span> · {t('workflow.bo.review_every', { months: w.reviewMonths })}
            </p>
            {w.status === 'draft' && d.canWrite ? (
              <DraftEditor ctx={ctx} base={base} def={w.definition} reviewMonths={w.reviewMonths} form={form} />
            ) : (
              <StepsTable ctx={ctx} def={w.definition} />
            )}
            {w.status === 'draft' && problems.length > 0 && (
              <div class="notice warn">
                <p>{t('workflow.bo.problems')}</p>
                <ul>
                  {problems.map((p) => (
                    <li key={`${p.field}${p.key}`}>{t(p.key, p.params)}</li>
                  ))}
                </ul>
              </div>
            )}
            {w.status === 'draft' && d.canWrite && (
              <p>
                <PostForm ctx={ctx} action={`${base}/ajukan`} class="inline">
                  <button type="submit" class="button">
                    {t('workflow.bo.submit')}
                  </button>
                </PostForm>{' '}
                <PostForm ctx={ctx} action={`${base}/buang`} class="inline">
                  <button type="submit" class="button secondary">
                    {t('workflow.bo.discard')}
                  </button>
                </PostForm>
              </p>
            )}
            {w.status === 'awaiting_approval' && (
              <>
                {d.canApprove && !d.isSubmitter && (
                  <PostForm ctx={ctx} action={`${base}/setujui`}>
                    <FieldFrame ctx={ctx} form={form} name="confirm" label={t('workflow.bo.f.confirm')} required>
                      {({ id, describedBy, invalid }) => <input id={id} type="checkbox" name="confirm" value="1" aria-invalid={invalid} aria-describedby={describedBy} />}
                    </FieldFrame>
                    <button type="submit" class="button">
                      {t('workflow.bo.approve')}
                    </button>
                  </PostForm>
                )}
                {d.isSubmitter && <p class="muted">{t('workflow.four_eyes')}</p>}
                {(d.canApprove || d.isSubmitter) && (
                  <PostForm ctx={ctx} action={`${base}/kembalikan`}>
                    <button type="submit" class="button secondary">
                      {t('workflow.bo.return')}
                    </button>
                  </PostForm>
                )}
              </>
            )}
          </>
        )}
      </section>
    </Layout>
  );
}

function DraftEditor({ ctx, base, def, reviewMonths, form }: { ctx: ViewContext; base: string; def: SopDefinition; reviewMonths: number; form: FormState }) {
  const t = ctx.t;
  return (
    <>
      <StepsTable ctx={ctx} def={def} />
      <ul class="sop-edit">
        {def.steps.map((s, i) => (
          <li key={s.key}>
            {i + 1}. {s.name}{' '}
            <a href={`${base}/langkah/${i}`} aria-label={t('workflow.bo.edit_step_label', { step: s.name })}>
              {t('workflow.bo.edit')}
            </a>{' '}
            {i > 0 && (
              <PostForm ctx={ctx} action={`${base}/langkah/${i}/naik`} class="inline">
                <button type="submit" class="button secondary" aria-label={t('workflow.bo.up_label', { step: s.name })}>
                  {t('workflow.bo.up')}
                </button>
              </PostForm>
            )}{' '}
            {i < def.steps.length - 1 && (
              <PostForm ctx={ctx} action={`${base}/langkah/${i}/turun`} class="inline">
                <button type="submit" class="button secondary" aria-label={t('workflow.bo.down_label', { step: s.name })}>
                  {t('workflow.bo.down')}
                </button>
              </PostForm>
            )}{' '}
            <PostForm ctx={ctx} action={`${base}/langkah/${i}/hapus`} class="inline">
              <button type="submit" class="button secondary" aria-label={t('workflow.bo.remove_label', { step: s.name })}>
                {t('workflow.bo.remove')}
              </button>
            </PostForm>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href={`${base}/langkah/baru`}>
          {t('workflow.bo.add_step')}
        </a>
      </p>
      <PostForm ctx={ctx} action={`${base}/tinjauan`}>
        <TextField ctx={ctx} form={form} name="reviewMonths" label={t('workflow.bo.f.reviewMonths')} hint={t('workflow.bo.f.reviewMonths.hint')} inputmode="numeric" value={form.values.reviewMonths ?? String(reviewMonths)} maxLength={2} />
        <button type="submit" class="button secondary">
          {t('form.save')}
        </button>
      </PostForm>
    </>
  );
}

const stepFieldNames = ['key', 'name', 'role', 'amount', 'unit', 'actions', 'next', 'branches', 'billing'] as const;

function StepPage({ ctx, service, base, index, values, errors: errs, keys }: { ctx: ViewContext; service: string; base: string; index: number | null; values: Values; errors: FieldError[]; keys: string[] }) {
  const t = ctx.t;
  const title = index === null ? t('workflow.bo.add_step') : t('workflow.bo.edit_step', { n: index + 1 });
  const form: FormState = { values, errors: errs };
  const labels = Object.fromEntries(stepFieldNames.map((n) => [n, t(`workflow.bo.f.${n}`)]));
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <Crumbs ctx={ctx} extra={{ href: base, label: service }} />
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errs} labels={labels} />
      <PostForm ctx={ctx} action={index === null ? `${base}/langkah/baru` : `${base}/langkah/${index}`}>
        <TextField ctx={ctx} form={form} name="key" label={labels.key!} hint={t('workflow.key_format')} maxLength={40} />
        <TextField ctx={ctx} form={form} name="name" label={labels.name!} maxLength={120} />
        <SelectField ctx={ctx} form={form} name="role" label={labels.role!} options={sopRoles.map((r) => ({ value: r, label: t(`workflow.role.${r}`) }))} />
        <TextField ctx={ctx} form={form} name="amount" label={labels.amount!} inputmode="numeric" maxLength={4} />
        <SelectField ctx={ctx} form={form} name="unit" label={labels.unit!} options={timeUnits.map((u) => ({ value: u, label: t(`workflow.unit.${u}`) }))} />
        <FieldFrame ctx={ctx} form={form} name="actions" label={labels.actions!} required>
          {({ id, describedBy }) => (
            <fieldset id={id} aria-describedby={describedBy}>
              {sopActions.map((a) => (
                <label key={a} class="check">
                  <input type="checkbox" name={`action_${a}`} value="1" checked={values[`action_${a}`] === '1'} /> {t(`workflow.action.${a}`)}
                </label>
              ))}
            </fieldset>
          )}
        </FieldFrame>
        <SelectField ctx={ctx} form={form} name="next" label={labels.next!} required={false} options={keys.map((k) => ({ value: k, label: k }))} />
        <TextAreaField ctx={ctx} form={form} name="branches" label={labels.branches!} hint={t('workflow.bo.f.branches.hint')} required={false} rows={3} maxLength={2000} />
        <FieldFrame ctx={ctx} form={form} name="billing" label={labels.billing!} required={false}>
          {({ id, describedBy }) => <input id={id} type="checkbox" name="billing" value="1" checked={values.billing === '1'} aria-describedby={describedBy} />}
        </FieldFrame>
        <button type="submit" class="button">
          {t('form.save')}
        </button>{' '}
        <a href={base}>{t('form.cancel')}</a>
      </PostForm>
    </Layout>
  );
}

// ---- form values ↔ steps ---------------------------------------------------------------

function bodyValues(body: unknown): Values {
  const out: Values = {};
  if (body && typeof body === 'object') for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (k !== '_csrf' && typeof v === 'string') out[k] = v.slice(0, 2000);
  return out;
}

export function stepToValues(s: SopStep): Values {
  const v: Values = {
    key: s.key,
    name: s.name,
    role: s.role,
    amount: String(s.timeAllowed.amount),
    unit: s.timeAllowed.unit,
    next: s.next ?? '',
    branches: (s.branches ?? []).map((b) => `${b.label} => ${b.next}`).join('\n'),
    billing: s.billing ? '1' : '',
  };
  for (const a of s.actions) v[`action_${a}`] = '1';
  return v;
}

/** Builds a step from the form; shape errors are the schema's (through updateDraft), local ones here. */
export function stepFromValues(v: Values): { step: unknown; errors: FieldError[] } {
  const errs: FieldError[] = [];
  const amountText = (v.amount ?? '').trim();
  const amount = /^\d{1,4}$/.test(amountText) ? Number(amountText) : NaN;
  if (!amountText) errs.push({ field: 'amount', key: 'validation.required' });
  else if (!Number.isInteger(amount) || amount < 1) errs.push({ field: 'amount', key: 'validation.invalid' });
  const actions = sopActions.filter((a) => v[`action_${a}`] === '1');
  if (!actions.length) errs.push({ field: 'actions', key: 'validation.required' });
  const branches: { label: string; next: string }[] = [];
  for (const line of (v.branches ?? '').split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = /^(.*?)\s*=>\s*(\S+)\s*$/.exec(line);
    if (!m || !m[1]!.trim()) {
      errs.push({ field: 'branches', key: 'workflow.bo.branch_format' });
      break;
    }
    branches.push({ label: m[1]!.trim(), next: m[2]! });
  }
  const step: Record<string, unknown> = {
    key: (v.key ?? '').trim(),
    name: (v.name ?? '').trim(),
    role: v.role ?? '',
    timeAllowed: { amount: Number.isFinite(amount) ? amount : 0, unit: v.unit ?? '' },
    actions,
  };
  if ((v.next ?? '').trim()) step.next = v.next!.trim();
  if (branches.length) step.branches = branches;
  if (v.billing === '1') step.billing = true;
  return { step, errors: errs };
}

/** Schema paths `steps.<i>.<part>…` onto the step form's field names. */
function toStepField(e: FieldError, index: number): FieldError {
  const prefix = `steps.${index}.`;
  let f = e.field.startsWith(prefix) ? e.field.slice(prefix.length) : e.field;
  if (f.startsWith('timeAllowed.')) f = f.slice('timeAllowed.'.length);
  if (f.startsWith('branches')) f = 'branches';
  if (f.startsWith('actions')) f = 'actions';
  return { ...e, field: f };
}

// ---- routes ----------------------------------------------------------------------------

type SlugReq = FastifyRequest<{ Params: { slug: string }; Querystring: Record<string, unknown> }>;
type StepReq = FastifyRequest<{ Params: { slug: string; i: string } }>;

const notices: Record<string, MessageKey> = {
  dibuat: 'workflow.bo.notice.created',
  disimpan: 'workflow.bo.notice.saved',
  diajukan: 'workflow.bo.notice.submitted',
  disetujui: 'workflow.bo.notice.approved',
  dikembalikan: 'workflow.bo.notice.returned',
  dibuang: 'workflow.bo.notice.discarded',
};

export function registerWorkflowBackoffice(app: FastifyInstance, deps: Deps, workflow: Workflow): void {
  const db = deps.database.db;
  const tx = <T,>(fn: (trx: Executor) => Promise<T>) => db.transaction().execute(fn);
  const who = (request: FastifyRequest) => ({ actor: request.actor, meta: request.meta });
  const page = async (request: FastifyRequest, reply: FastifyReply, render: (ctx: ViewContext) => VNode, status = 200) =>
    reply.page(render(await app.viewContext(request, reply)), status);
  const refusal = (e: unknown): { status: number; errors: FieldError[] } | null =>
    e instanceof AppError && [400, 409, 422].includes(e.status) ? { status: e.status, errors: e.fields?.length ? e.fields : [{ field: 'form', key: e.messageKey, params: e.params }] } : null;

  async function pageData(request: FastifyRequest, slug: string): Promise<SopPageData> {
    const s = await workflow.getSops(db, request.actor, slug);
    const actor = request.actor!;
    return {
      service: s.service,
      current: s.current,
      working: s.working,
      canWrite: can(actor, 'workflow.sop.write', { agencyId: s.service.agencyId }),
      canApprove: can(actor, 'workflow.sop.approve', { agencyId: s.service.agencyId }),
      isSubmitter: s.working?.submittedBy === actor.userId,
    };
  }

  async function showSop(request: FastifyRequest, reply: FastifyReply, slug: string, errs: FieldError[], status: number, values: Values = {}) {
    const d = await pageData(request, slug);
    return page(request, reply, (ctx) => <SopPage ctx={ctx} d={d} errors={errs} values={values} />, status);
  }

  /** Runs a state change; on a refusal the SOP page comes back with the reasons. */
  async function act(request: SlugReq, reply: FastifyReply, fn: (trx: Executor) => Promise<unknown>, done: string) {
    const slug = request.params.slug;
    try {
      await tx(fn);
      return reply.redirect(`${sopPath(slug)}?pesan=${done}`, 303);
    } catch (e) {
      const r = refusal(e);
      if (!r) throw e;
      return showSop(request, reply, slug, r.errors, r.status, bodyValues(request.body));
    }
  }

  app.get(SOP_LIST_PATH, async (request, reply) => {
    const items = await workflow.listSops(db, request.actor);
    return page(request, reply, (ctx) => <ListPage ctx={ctx} items={items} />);
  });

  app.get(sopPath(':slug'), async (request: SlugReq, reply) => {
    if (!request.actor) throw errors.unauthenticated();
    const d = await pageData(request, request.params.slug);
    const key = typeof request.query.pesan === 'string' ? notices[request.query.pesan] : undefined;
    return page(request, reply, (ctx) => <SopPage ctx={ctx} d={d} notice={key ? ctx.t(key) : undefined} />);
  });

  app.post(`${sopPath(':slug')}/draf`, (request: SlugReq, reply) => act(request, reply, (trx) => workflow.createDraft(trx, who(request), request.params.slug), 'dibuat'));
  app.post(`${sopPath(':slug')}/ajukan`, (request: SlugReq, reply) => act(request, reply, (trx) => workflow.submitForApproval(trx, who(request), request.params.slug), 'diajukan'));
  app.post(`${sopPath(':slug')}/buang`, (request: SlugReq, reply) => act(request, reply, (trx) => workflow.discardDraft(trx, who(request), request.params.slug), 'dibuang'));
  app.post(`${sopPath(':slug')}/kembalikan`, (request: SlugReq, reply) => act(request, reply, (trx) => workflow.returnToDraft(trx, who(request), request.params.slug), 'dikembalikan'));
  app.post(`${sopPath(':slug')}/setujui`, (request: SlugReq, reply) =>
    act(
      request,
      reply,
      async (trx) => {
        if (bodyValues(request.body).confirm !== '1') throw errors.validation([{ field: 'confirm', key: 'workflow.bo.confirm_required' }]);
        return workflow.approve(trx, who(request), request.params.slug);
      },
      'disetujui',
    ),
  );
  app.post(`${sopPath(':slug')}/tinjauan`, (request: SlugReq, reply) => {
    const v = bodyValues(request.body).reviewMonths?.trim() ?? '';
    const months = /^\d{1,2}$/.test(v) ? Number(v) : NaN;
    return act(request, reply, (trx) => workflow.updateDraft(trx, who(request), request.params.slug, { reviewMonths: months }), 'disimpan');
  });

  // -- steps of the draft
  async function draftFor(request: FastifyRequest, slug: string) {
    const d = await pageData(request, slug);
    if (!d.canWrite) throw errors.forbidden();
    if (!d.working || d.working.status !== 'draft') throw errors.notFound();
    return { d, def: d.working.definition };
  }
  const indexOf = (raw: string, def: SopDefinition): number => {
    if (!/^\d{1,3}$/.test(raw) || Number(raw) >= def.steps.length) throw errors.notFound();
    return Number(raw);
  };
  const keysOf = (def: SopDefinition, except?: number) => def.steps.filter((_, j) => j !== except).map((s) => s.key);

  app.get(`${sopPath(':slug')}/langkah/baru`, async (request: SlugReq, reply) => {
    const { d, def } = await draftFor(request, request.params.slug);
    return page(request, reply, (ctx) => (
      <StepPage ctx={ctx} service={d.service.name} base={sopPath(d.service.slug)} index={null} values={{ unit: 'days', amount: '1' }} errors={[]} keys={keysOf(def)} />
    ));
  });
  app.get(`${sopPath(':slug')}/langkah/:i`, async (request: StepReq, reply) => {
    const { d, def } = await draftFor(request, request.params.slug);
    const i = indexOf(request.params.i, def);
    return page(request, reply, (ctx) => <StepPage ctx={ctx} service={d.service.name} base={sopPath(d.service.slug)} index={i} values={stepToValues(def.steps[i]!)} errors={[]} keys={keysOf(def, i)} />);
  });

  async function saveStep(request: FastifyRequest<{ Params: { slug: string; i?: string } }>, reply: FastifyReply, raw: string | null) {
    const slug = request.params.slug;
    const { d, def } = await draftFor(request, slug);
    const i = raw === null ? def.steps.length : indexOf(raw, def);
    const values = bodyValues(request.body);
    const built = stepFromValues(values);
    const steps: unknown[] = [...def.steps];
    if (raw === null) steps.push(built.step);
    else steps[i] = built.step;
    let errs = built.errors;
    if (!errs.length) {
      try {
        await tx((trx) => workflow.updateDraft(trx, who(request), slug, { definition: { steps } }));
        return reply.redirect(`${sopPath(slug)}?pesan=disimpan`, 303);
      } catch (e) {
        const r = refusal(e);
        if (!r) throw e;
        errs = r.errors.map((x) => toStepField(x, i));
      }
    }
    return page(
      request,
      reply,
      (ctx) => <StepPage ctx={ctx} service={d.service.name} base={sopPath(slug)} index={raw === null ? null : i} values={values} errors={errs} keys={keysOf(def, raw === null ? undefined : i)} />,
      422,
    );
  }
  app.post(`${sopPath(':slug')}/langkah/baru`, (request: SlugReq, reply) => saveStep(request, reply, null));
  app.post(`${sopPath(':slug')}/langkah/:i`, (request: StepReq, reply) => saveStep(request, reply, request.params.i));

  for (const op of ['naik', 'turun', 'hapus'] as const) {
    app.post(`${sopPath(':slug')}/langkah/:i/${op}`, async (request: StepReq, reply) => {
      const slug = request.params.slug;
      const { def } = await draftFor(request, slug);
      const i = indexOf(request.params.i, def);
      const steps = [...def.steps];
      if (op === 'hapus') steps.splice(i, 1);
      else {
        const j = op === 'naik' ? i - 1 : i + 1;
        if (j < 0 || j >= steps.length) throw errors.notFound();
        [steps[i], steps[j]] = [steps[j]!, steps[i]!];
      }
      await tx((trx) => workflow.updateDraft(trx, who(request), slug, { definition: { steps } }));
      return reply.redirect(`${sopPath(slug)}?pesan=disimpan`, 303);
    });
  }
}
