// Pages of personal data protection: the person's /akun/data-pribadi (who looked at my data,
// download everything, requests) and the data protection officer's /kelola/pdp (requests with
// their 3-working-day deadline, answers).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { RegionInfo } from '../../platform/http/context.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { formatInteger } from '../../platform/format.ts';
import { loadCalendar } from '../../platform/calendar/calendar.service.ts';
import type { RegionTimeZone } from '../../platform/calendar/working-time.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { DataTable, StatusTag, SummaryList } from '../../platform/views/components/index.ts';
import { formStateFrom, type FormState, type ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, fieldError, PostForm, SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Retention, RetentionLine } from '../../platform/privacy/retention.ts';
import type { AccessEntry, Privacy, ProcessingActivity, SubjectRequest } from './privacy.service.ts';
import { activityTexts, correctionFields, dataCategories, dataSubjectKinds, legalBases, requestKinds, VALUE_MAX, type ActivityInput } from './privacy.service.ts';
import { type MessageKey, messageKeyOr } from '../../platform/views/i18n.ts';

export const ACCOUNT_PRIVACY_PATH = '/akun/data-pribadi';
export const DPO_PATH = '/kelola/pdp';
export const REGISTER_PATH = `${DPO_PATH}/register`;

defineMenuLink({ href: DPO_PATH, labelKey: 'privacy.bo.menu', action: 'privacy.requests.read', area: 'system', order: 70 });

const kindsText = (ctx: ViewContext, kinds: string[]) => kinds.map((k) => ctx.t(messageKeyOr(`privacy.kinds.${k}`, 'value.unknown'))).join(', ');

function AccessTable({ ctx, entries }: { ctx: ViewContext; entries: AccessEntry[] }) {
  const t = ctx.t;
  return (
    <DataTable
      ctx={ctx}
      caption={t('privacy.access.title')}
      captionHidden
      rows={entries}
      rowKey={(e) => `${e.at.getTime()}-${e.reference ?? ''}-${e.kinds.join()}`}
      empty={t('privacy.access.none')}
      columns={[
        { key: 'time', label: t('privacy.access.col.time'), nowrap: true, cell: (e) => ctx.dateTime(e.at) },
        { key: 'agency', label: t('privacy.access.col.agency'), primary: true, cell: (e) => e.agencyName ?? t('privacy.access.region') },
        { key: 'role', label: t('privacy.access.col.role'), cell: (e) => e.roles.map((r) => t(messageKeyOr(`role.${r}`, 'value.unknown'))).join(', ') || '—' },
        { key: 'case', label: t('privacy.access.col.case'), nowrap: true, cell: (e) => e.reference ?? t('privacy.access.no_case') },
        { key: 'data', label: t('privacy.access.col.data'), cell: (e) => kindsText(ctx, e.kinds) },
        { key: 'purpose', label: t('privacy.access.col.purpose'), cell: (e) => t(messageKeyOr(`privacy.purpose.${e.purpose}`, 'value.unknown')) },
      ]}
    />
  );
}

const statusTone = (s: SubjectRequest['status']) => (s === 'done' ? 'success' : s === 'refused' ? 'danger' : 'info');

function requestFormLabels(ctx: ViewContext) {
  return { kind: ctx.t('privacy.request.kind'), field: ctx.t('privacy.request.field'), value: ctx.t('privacy.request.value'), details: ctx.t('privacy.request.details') };
}

function AccountPrivacyPage({ ctx, entries, requests, form, notice, restrictedSince }: { ctx: ViewContext; entries: AccessEntry[]; requests: SubjectRequest[]; form: FormState; notice?: string; restrictedSince: Date | null }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('privacy.account.title')}>
      <p>
        <a href="/akun">{t('privacy.back_to_account')}</a>
      </p>
      <h1>{t('privacy.account.title')}</h1>
      <p class="lead">{t('privacy.account.lead')}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {restrictedSince && (
        <p class="notice" role="note">
          {t('privacy.restriction.active', { since: ctx.date(restrictedSince) })}
        </p>
      )}
      <section aria-labelledby="h-access">
        <h2 id="h-access">{t('privacy.access.title')}</h2>
        <p>{t('privacy.access.lead')}</p>
        <AccessTable ctx={ctx} entries={entries} />
      </section>
      <section aria-labelledby="h-download">
        <h2 id="h-download">{t('privacy.download.title')}</h2>
        <p>{t('privacy.download.lead')}</p>
        <p>
          <a class="button secondary" href={`${ACCOUNT_PRIVACY_PATH}/unduh`} download="data-pribadi.json">
            {t('privacy.download.button')}
          </a>
        </p>
      </section>
      <section aria-labelledby="h-requests">
        <h2 id="h-requests">{t('privacy.requests.title')}</h2>
        <DataTable
          ctx={ctx}
          caption={t('privacy.requests.title')}
          captionHidden
          rows={requests}
          rowKey={(r) => r.id}
          empty={t('privacy.requests.none')}
          columns={[
            { key: 'received', label: t('privacy.col.received'), nowrap: true, cell: (r) => ctx.dateTime(r.receivedAt) },
            { key: 'kind', label: t('privacy.col.kind'), primary: true, cell: (r) => t(`privacy.kind.${r.kind}`) },
            { key: 'status', label: t('privacy.col.status'), cell: (r) => <StatusTag tone={statusTone(r.status)}>{t(`privacy.status.${r.status}`)}</StatusTag> },
            { key: 'due', label: t('privacy.col.due'), nowrap: true, cell: (r) => ctx.dateTime(r.dueAt) },
            { key: 'answer', label: t('privacy.col.answer'), cell: (r) => (r.answer ? <span class="prewrap">{r.answer}</span> : '—') },
          ]}
        />
      </section>
      <section aria-labelledby="h-request">
        <h2 id="h-request">{t('privacy.request.title')}</h2>
        <p>{t('privacy.request.lead')}</p>
        <ErrorSummary ctx={ctx} errors={form.errors} labels={requestFormLabels(ctx)} />
        <PostForm ctx={ctx} action={`${ACCOUNT_PRIVACY_PATH}/permintaan`}>
          <SelectField ctx={ctx} form={form} name="kind" label={t('privacy.request.kind')} options={requestKinds.map((k) => ({ value: k, label: t(`privacy.kind.${k}`) }))} />
          <SelectField ctx={ctx} form={form} name="field" required={false} label={`${t('privacy.request.field')} (${t('privacy.request.field.hint')})`} options={correctionFields.map((f) => ({ value: f, label: t(`privacy.field.${f}`) }))} />
          <TextField ctx={ctx} form={form} name="value" required={false} label={t('privacy.request.value')} hint={t('privacy.request.value.hint')} maxLength={VALUE_MAX} />
          <TextAreaField ctx={ctx} form={form} name="details" label={t('privacy.request.details')} hint={t('privacy.request.details.hint')} maxLength={2000} />
          <button type="submit" class="button">
            {t('privacy.request.submit')}
          </button>
        </PostForm>
      </section>
    </Layout>
  );
}

type Deadline = 'on_time' | 'nearing' | 'overdue';
const deadlineTone = (d: Deadline) => (d === 'overdue' ? 'danger' : d === 'nearing' ? 'warning' : 'success');

function Crumbs({ ctx, here }: { ctx: ViewContext; here?: string }) {
  return (
    <nav aria-label={ctx.t('privacy.crumbs')}>
      <p>
        <a href="/kelola">{ctx.t('nav.backoffice')}</a> › <a href={DPO_PATH}>{ctx.t('privacy.bo.menu')}</a>
        {here && <> › {here}</>}
      </p>
    </nav>
  );
}

/** The officer's pages, one chip each. */
export function DpoNav({ ctx, current }: { ctx: ViewContext; current: string }) {
  const links: [string, MessageKey][] = [
    [DPO_PATH, 'privacy.bo.title'],
    [REGISTER_PATH, 'privacy.register.title'],
    ...extraDpoLinks,
  ];
  return (
    <nav aria-label={ctx.t('privacy.bo.menu')}>
      <ul class="chips">
        {links.map(([href, key]) => (
          <li key={href}>
            <a href={href} aria-current={href === current ? 'page' : undefined}>
              {ctx.t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
/** Further officer pages (the breach register) add their chip here. */
export const extraDpoLinks: [string, MessageKey][] = [];

type DeadlineCounts = { nearing: number; overdue: number; breachNearing: number; breachOverdue: number };

/** The officer's notice of deadlines near or past (requests and breaches); nothing when all is on time. */
export function DeadlineNotice({ ctx, counts }: { ctx: ViewContext; counts: DeadlineCounts }) {
  const n = (x: number) => formatInteger(x);
  return (
    <>
      {(counts.nearing > 0 || counts.overdue > 0) && (
        <p class={`notice ${counts.overdue > 0 ? 'danger' : 'warn'}`} role="status">
          {ctx.t('privacy.bo.deadline_notice', { nearing: n(counts.nearing), overdue: n(counts.overdue) })}
        </p>
      )}
      {(counts.breachNearing > 0 || counts.breachOverdue > 0) && (
        <p class={`notice ${counts.breachOverdue > 0 ? 'danger' : 'warn'}`} role="status">
          {ctx.t('privacy.bo.breach_notice', { nearing: n(counts.breachNearing), overdue: n(counts.breachOverdue) })}
        </p>
      )}
    </>
  );
}

function RequestsPage({ ctx, requests, deadline, counts }: { ctx: ViewContext; requests: SubjectRequest[]; deadline: (r: SubjectRequest) => Deadline | null; counts: DeadlineCounts }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('privacy.bo.title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('privacy.bo.title')}</h1>
      <DpoNav ctx={ctx} current={DPO_PATH} />
      <DeadlineNotice ctx={ctx} counts={counts} />
      <p class="lead">{t('privacy.bo.lead')}</p>
      <DataTable
        ctx={ctx}
        caption={t('privacy.bo.title')}
        captionHidden
        rows={requests}
        rowKey={(r) => r.id}
        empty={t('privacy.bo.none')}
        columns={[
          { key: 'received', label: t('privacy.col.received'), nowrap: true, cell: (r) => ctx.dateTime(r.receivedAt) },
          { key: 'person', label: t('privacy.col.person'), primary: true, cell: (r) => <a href={`${DPO_PATH}/permintaan/${r.id}`}>{r.userName}</a> },
          { key: 'kind', label: t('privacy.col.kind'), cell: (r) => t(`privacy.kind.${r.kind}`) },
          { key: 'status', label: t('privacy.col.status'), cell: (r) => <StatusTag tone={statusTone(r.status)}>{t(`privacy.status.${r.status}`)}</StatusTag> },
          {
            key: 'due',
            label: t('privacy.col.deadline'),
            nowrap: true,
            cell: (r) => {
              const d = deadline(r);
              return (
                <>
                  {ctx.dateTime(r.dueAt)} {d && <StatusTag tone={deadlineTone(d)}>{t(`privacy.deadline.${d}`)}</StatusTag>}
                </>
              );
            },
          },
        ]}
      />
    </Layout>
  );
}

function RequestPage({ ctx, request, deadline, form, canAnswer, notice, restrictedSince, route }: { ctx: ViewContext; request: SubjectRequest; deadline: Deadline | null; form: FormState; canAnswer: boolean; notice?: string; restrictedSince: Date | null; route: 'apply' | 'self_service' | 'refer' | 'record' }) {
  const t = ctx.t;
  const title = t('privacy.bo.request.title', { kind: t(`privacy.kind.${request.kind}`) });
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <Crumbs ctx={ctx} here={title} />
      <h1>{title}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <SummaryList
        rows={[
          { label: t('privacy.col.person'), value: request.userName },
          { label: t('privacy.col.received'), value: ctx.dateTime(request.receivedAt) },
          {
            label: t('privacy.col.deadline'),
            value: (
              <>
                {ctx.dateTime(request.dueAt)} {deadline && <StatusTag tone={deadlineTone(deadline)}>{t(`privacy.deadline.${deadline}`)}</StatusTag>}
              </>
            ),
          },
          { label: t('privacy.col.status'), value: <StatusTag tone={statusTone(request.status)}>{t(`privacy.status.${request.status}`)}</StatusTag> },
          request.field ? { label: t('privacy.col.field'), value: t(`privacy.field.${request.field}`) } : null,
          request.correctedValue ? { label: t('privacy.col.value'), value: request.correctedValue } : null,
          { label: t('privacy.request.details'), value: <span class="prewrap">{request.details}</span> },
          request.outcome ? { label: t('privacy.col.outcome'), value: t(`privacy.outcome.label.${request.outcome}`) } : null,
          request.answer ? { label: t('privacy.col.answer'), value: <span class="prewrap">{request.answer}</span> } : null,
        ]}
      />
      {restrictedSince && (
        <section aria-labelledby="h-restriction">
          <h2 id="h-restriction">{t('privacy.outcome.label.restricted')}</h2>
          <p>{t('privacy.restriction.bo_active', { since: ctx.date(restrictedSince) })}</p>
          {canAnswer && (
            <PostForm ctx={ctx} action={`${DPO_PATH}/permintaan/${request.id}/cabut-pembatasan`}>
              <button type="submit" class="button secondary">
                {t('privacy.restriction.lift')}
              </button>
            </PostForm>
          )}
        </section>
      )}
      {request.status === 'open' && canAnswer && (
        <section aria-labelledby="h-answer">
          <h2 id="h-answer">{t('privacy.answer.title')}</h2>
          <ErrorSummary ctx={ctx} errors={form.errors} labels={{ status: t('privacy.answer.status'), answer: t('privacy.answer.text') }} />
          {request.kind === 'erasure' && <p>{t('privacy.answer.erasure_hint')}</p>}
          {request.kind === 'restriction' && <p>{t('privacy.answer.restriction_hint')}</p>}
          {request.kind === 'correction' && (
            <p>{t(`privacy.answer.correction_hint.${route}`, { field: t(`privacy.field.${request.field ?? 'other'}`).toLowerCase() })}</p>
          )}
          <p class="hint">{t('privacy.answer.refuse_hint')}</p>
          <PostForm ctx={ctx} action={`${DPO_PATH}/permintaan/${request.id}`}>
            <SelectField ctx={ctx} form={form} name="status" label={t('privacy.answer.status')} options={(['done', 'refused'] as const).map((s) => ({ value: s, label: t(`privacy.status.${s}`) }))} />
            <TextAreaField ctx={ctx} form={form} name="answer" label={t('privacy.answer.text')} maxLength={4000} rows={6} />
            <button type="submit" class="button">
              {t('privacy.answer.submit')}
            </button>
          </PostForm>
        </section>
      )}
    </Layout>
  );
}

const activityLabels = (ctx: ViewContext): Record<string, string> => ({
  key: ctx.t('privacy.register.f.key'),
  ...Object.fromEntries(Object.keys(activityTexts).map((k) => [k, ctx.t(`privacy.register.f.${k as keyof typeof activityTexts}`)])),
  legal_basis: ctx.t('privacy.register.f.legal_basis'),
  data_categories: ctx.t('privacy.register.f.data_categories'),
  data_subjects: ctx.t('privacy.register.f.data_subjects'),
});

/** A group of checkboxes posting one name several times; the ticked values are kept comma-joined in the form state. */
function Checkboxes({ ctx, form, name, label, options }: { ctx: ViewContext; form: FormState; name: string; label: string; options: { value: string; label: string }[] }) {
  const ticked = new Set((form.values[name] ?? '').split(',').filter(Boolean));
  const err = fieldError(form, name);
  return (
    <fieldset class={`field${err ? ' field-error' : ''}`} id={`f-${name}`}>
      <legend>{label}</legend>
      {err && (
        <p class="error-message" id={`f-${name}-error`}>
          {ctx.t(err.key, err.params)}
        </p>
      )}
      <ul class="checkbox-list">
        {options.map((o) => (
          <li key={o.value}>
            <label>
              <input type="checkbox" name={name} value={o.value} checked={ticked.has(o.value)} /> {o.label}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function ActivityFormPage({ ctx, existing, form }: { ctx: ViewContext; existing: string | null; form: FormState }) {
  const t = ctx.t;
  const title = existing ? t('privacy.register.edit_title') : t('privacy.register.new_title');
  const pair = (base: 'name' | 'purpose' | 'recipients' | 'retention', area: boolean) =>
    (['id', 'en'] as const).map((l) => {
      const name = `${base}_${l}` as keyof typeof activityTexts;
      const label = t(`privacy.register.f.${name}`);
      return area ? (
        <TextAreaField key={name} ctx={ctx} form={form} name={name} label={label} maxLength={activityTexts[name]} rows={3} />
      ) : (
        <TextField key={name} ctx={ctx} form={form} name={name} label={label} maxLength={activityTexts[name]} />
      );
    });
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <Crumbs ctx={ctx} here={title} />
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={activityLabels(ctx)} />
      <PostForm ctx={ctx} action={existing ? `${REGISTER_PATH}/${existing}/ubah` : `${REGISTER_PATH}/baru`}>
        {!existing && <TextField ctx={ctx} form={form} name="key" label={t('privacy.register.f.key')} hint={t('privacy.register.f.key.hint')} maxLength={60} />}
        {pair('name', false)}
        {pair('purpose', true)}
        <SelectField ctx={ctx} form={form} name="legal_basis" label={t('privacy.register.f.legal_basis')} options={legalBases.map((b) => ({ value: b, label: t(`privacy.basis.${b}`) }))} />
        <TextField ctx={ctx} form={form} name="legal_basis_ref" label={t('privacy.register.f.legal_basis_ref')} hint={t('privacy.register.f.legal_basis_ref.hint')} maxLength={activityTexts.legal_basis_ref} />
        <Checkboxes ctx={ctx} form={form} name="data_categories" label={t('privacy.register.f.data_categories')} options={dataCategories.map((c) => ({ value: c, label: t(`privacy.cat.${c}`) }))} />
        <Checkboxes ctx={ctx} form={form} name="data_subjects" label={t('privacy.register.f.data_subjects')} options={dataSubjectKinds.map((c) => ({ value: c, label: t(`privacy.subject.${c}`) }))} />
        {pair('recipients', true)}
        {pair('retention', true)}
        <p class="actions">
          <button type="submit" class="button">
            {t('privacy.register.submit')}
          </button>{' '}
          <a href={REGISTER_PATH}>{t('privacy.register.cancel')}</a>
        </p>
      </PostForm>
    </Layout>
  );
}

function RegisterPage({ ctx, activities, retention, canRun, canManage, notice }: { ctx: ViewContext; activities: ProcessingActivity[]; retention: RetentionLine[]; canRun: boolean; canManage: boolean; notice?: string }) {
  const t = ctx.t;
  const list = (prefix: string, xs: string[]) => xs.map((x) => t(messageKeyOr(`${prefix}.${x}`, 'value.unknown'))).join(', ');
  return (
    <Layout ctx={ctx} title={t('privacy.register.title')} face="backoffice">
      <Crumbs ctx={ctx} here={t('privacy.register.title')} />
      <h1>{t('privacy.register.title')}</h1>
      <DpoNav ctx={ctx} current={REGISTER_PATH} />
      <p class="lead">{t('privacy.register.lead')}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <h2 id="h-activities">{t('privacy.register.activities')}</h2>
      {canManage && (
        <p>
          <a class="button secondary" href={`${REGISTER_PATH}/baru`}>
            {t('privacy.register.add')}
          </a>
        </p>
      )}
      <DataTable
        ctx={ctx}
        caption={t('privacy.register.activities')}
        captionHidden
        rows={activities}
        rowKey={(a) => a.key}
        empty={t('privacy.bo.none')}
        columns={[
          { key: 'name', label: t('privacy.register.col.activity'), primary: true, cell: (a) => a.name },
          { key: 'purpose', label: t('privacy.register.col.purpose'), cell: (a) => a.purpose },
          { key: 'basis', label: t('privacy.register.col.basis'), cell: (a) => `${t(messageKeyOr(`privacy.basis.${a.legalBasis}`, 'value.unknown'))} (${a.legalBasisRef})` },
          { key: 'data', label: t('privacy.register.col.data'), cell: (a) => list('privacy.cat', a.dataCategories) },
          { key: 'subjects', label: t('privacy.register.col.subjects'), cell: (a) => list('privacy.subject', a.dataSubjects) },
          { key: 'recipients', label: t('privacy.register.col.recipients'), cell: (a) => a.recipients },
          { key: 'retention', label: t('privacy.register.col.retention'), cell: (a) => a.retention },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  label: t('privacy.register.col.actions'),
                  nowrap: true,
                  cell: (a: ProcessingActivity) => (
                    <a href={`${REGISTER_PATH}/${a.key}/ubah`} aria-label={t('privacy.register.edit_label', { name: a.name })}>
                      {t('privacy.register.edit')}
                    </a>
                  ),
                },
              ]
            : []),
        ]}
      />
      <h2 id="h-retention">{t('privacy.retention.title')}</h2>
      <p>{t('privacy.retention.lead')}</p>
      <DataTable
        ctx={ctx}
        caption={t('privacy.retention.title')}
        captionHidden
        rows={retention}
        rowKey={(l) => l.recordType}
        empty={t('privacy.bo.none')}
        columns={[
          { key: 'type', label: t('privacy.retention.col.type'), primary: true, cell: (l) => t(messageKeyOr(`privacy.record.${l.recordType}`, 'value.unknown')) },
          { key: 'keep', label: t('privacy.retention.col.keep'), num: true, cell: (l) => t('privacy.retention.days', { n: formatInteger(l.keepDays) }) },
          { key: 'cutoff', label: t('privacy.retention.col.cutoff'), nowrap: true, cell: (l) => ctx.date(l.cutoff) },
          { key: 'due', label: t('privacy.retention.col.due'), num: true, cell: (l) => (l.due === null ? t('privacy.retention.manual') : formatInteger(l.due)) },
        ]}
      />
      {canRun && (
        <PostForm ctx={ctx} action={`${REGISTER_PATH}/bersihkan`}>
          <button type="submit" class="button">
            {t('privacy.retention.run')}
          </button>
        </PostForm>
      )}
    </Layout>
  );
}

const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

export interface PrivacyRouteDeps {
  database: Database;
  region: () => Promise<RegionInfo>;
  privacy: Privacy;
  retention: Retention;
}

export function registerPrivacyRoutes(app: FastifyInstance, deps: PrivacyRouteDeps): void {
  const { privacy, retention } = deps;
  const db = deps.database.db;

  const signedIn = (request: FastifyRequest) => {
    if (!request.actor) throw errors.unauthenticated();
    return request.actor;
  };

  async function accountPage(request: FastifyRequest, reply: FastifyReply, form: FormState = { values: {}, errors: [] }, status = 200, notice?: string) {
    const actor = signedIn(request);
    const ctx = await app.viewContext(request, reply);
    const [entries, requests, restriction] = await Promise.all([privacy.accessLog(actor.userId), privacy.ownRequests(actor.userId), privacy.restriction(actor.userId)]);
    return reply.page(AccountPrivacyPage({ ctx, entries, requests, form, notice, restrictedSince: restriction?.since ?? null }), status);
  }

  app.get<{ Querystring: { dikirim?: string } }>(ACCOUNT_PRIVACY_PATH, async (request, reply) => {
    const actor = signedIn(request);
    let notice: string | undefined;
    if (request.query.dikirim === '1') {
      const [latest] = await privacy.ownRequests(actor.userId);
      const ctx = await app.viewContext(request, reply);
      if (latest) notice = ctx.t('privacy.request.sent', { due: ctx.dateTime(latest.dueAt) });
    }
    return accountPage(request, reply, undefined, 200, notice);
  });

  app.get(`${ACCOUNT_PRIVACY_PATH}/unduh`, async (request, reply) => {
    const actor = signedIn(request);
    const data = await privacy.exportOwn({ actor, meta: request.meta });
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="data-pribadi.json"')
      .header('cache-control', 'private, no-store')
      .send(JSON.stringify(data, null, 2));
  });

  app.post<{ Body: Record<string, unknown> }>(`${ACCOUNT_PRIVACY_PATH}/permintaan`, async (request, reply) => {
    const actor = signedIn(request);
    const body = request.body ?? {};
    const input = { kind: str(body.kind, 40), field: str(body.field, 40), value: str(body.value, 1000), details: str(body.details, 4000) };
    try {
      await privacy.submitRequest({ actor, meta: request.meta }, input);
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return accountPage(request, reply, formStateFrom(input, err.fields ?? []), 422);
      throw err;
    }
    return reply.redirect(`${ACCOUNT_PRIVACY_PATH}?dikirim=1`, 303);
  });

  async function deadlineOf() {
    const region = await deps.region();
    const cal = await loadCalendar(db, region.timeZone as RegionTimeZone);
    const now = new Date();
    return (r: SubjectRequest): Deadline | null => (r.status === 'open' ? cal.slaState(now, r.receivedAt, r.dueAt) : null);
  }

  app.get(DPO_PATH, async (request, reply) => {
    const requests = await privacy.listRequests(request.actor);
    const ctx = await app.viewContext(request, reply);
    return reply.page(RequestsPage({ ctx, requests, deadline: await deadlineOf(), counts: await privacy.deadlineCounts() }));
  });

  async function requestPage(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, form: FormState = { values: {}, errors: [] }, status = 200, notice?: MessageKey) {
    const r = await privacy.getRequest({ actor: request.actor, meta: request.meta }, request.params.id);
    const ctx = await app.viewContext(request, reply);
    const deadline = (await deadlineOf())(r);
    const restriction = r.kind === 'restriction' ? await privacy.restriction(r.userId) : null;
    return reply.page(
      RequestPage({ ctx, request: r, deadline, form, canAnswer: can(request.actor, 'privacy.requests.answer'), notice: notice ? ctx.t(notice) : undefined, restrictedSince: restriction?.since ?? null, route: privacy.routeOf(r.field) }),
      status,
    );
  }

  app.post<{ Params: { id: string } }>(`${DPO_PATH}/permintaan/:id/cabut-pembatasan`, async (request, reply) => {
    authorize(request.actor, 'privacy.requests.answer');
    const r = await privacy.getRequest({ actor: request.actor, meta: request.meta }, request.params.id);
    await privacy.liftRestriction({ actor: request.actor, meta: request.meta }, r.userId);
    return reply.redirect(`${DPO_PATH}/permintaan/${r.id}?dicabut=1`, 303);
  });

  app.get<{ Params: { id: string }; Querystring: { dijawab?: string; dicabut?: string } }>(`${DPO_PATH}/permintaan/:id`, async (request, reply) =>
    requestPage(request, reply, undefined, 200, request.query.dijawab === '1' ? 'privacy.answer.sent' : request.query.dicabut === '1' ? 'privacy.restriction.lifted' : undefined),
  );

  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(`${DPO_PATH}/permintaan/:id`, async (request, reply) => {
    const body = request.body ?? {};
    const input = { status: str(body.status, 20), answer: str(body.answer, 5000) };
    try {
      await privacy.answer({ actor: request.actor, meta: request.meta }, request.params.id, input);
    } catch (err) {
      if (err instanceof AppError && (err.status === 422 || err.status === 409)) {
        const fields: FieldError[] = err.fields?.length ? err.fields : [{ field: 'answer', key: err.messageKey }];
        return requestPage(request, reply, formStateFrom(input, fields), err.status);
      }
      throw err;
    }
    return reply.redirect(`${DPO_PATH}/permintaan/${request.params.id}?dijawab=1`, 303);
  });

  app.get<{ Querystring: { dibersihkan?: string; disimpan?: string } }>(REGISTER_PATH, async (request, reply) => {
    const ctx = await app.viewContext(request, reply);
    const activities = await privacy.activities(request.actor, ctx.locale);
    const lines = await retention.report();
    const n = request.query.dibersihkan;
    const notice =
      typeof n === 'string' && /^\d{1,9}$/.test(n) ? ctx.t('privacy.retention.done', { n: formatInteger(Number(n)) }) : request.query.disimpan === '1' ? ctx.t('privacy.register.saved') : undefined;
    return reply.page(RegisterPage({ ctx, activities, retention: lines, canRun: can(request.actor, 'privacy.retention.run'), canManage: can(request.actor, 'privacy.register.manage'), notice }));
  });

  const list = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : []).filter((x): x is string => typeof x === 'string').slice(0, 50);
  function activityInput(body: Record<string, unknown>): ActivityInput {
    const texts = Object.fromEntries(Object.entries(activityTexts).map(([k, max]) => [k, str(body[k], max + 100)])) as Record<keyof typeof activityTexts, string>;
    return { ...texts, key: str(body.key, 80), legal_basis: str(body.legal_basis, 40), data_categories: list(body.data_categories), data_subjects: list(body.data_subjects) };
  }
  const asForm = (input: ActivityInput, errs: FieldError[]): FormState =>
    formStateFrom({ ...input, data_categories: input.data_categories.join(','), data_subjects: input.data_subjects.join(',') }, errs);

  async function activityForm(request: FastifyRequest, reply: FastifyReply, existing: string | null, form: FormState, status = 200) {
    authorize(request.actor, 'privacy.register.manage');
    const ctx = await app.viewContext(request, reply);
    return reply.page(ActivityFormPage({ ctx, existing, form }), status);
  }

  async function saveActivity(request: FastifyRequest<{ Body: Record<string, unknown> }>, reply: FastifyReply, existing: string | null) {
    const input = activityInput(request.body ?? {});
    try {
      await privacy.saveActivity({ actor: request.actor, meta: request.meta }, existing, input);
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return activityForm(request, reply, existing, asForm(input, err.fields ?? []), 422);
      throw err;
    }
    return reply.redirect(`${REGISTER_PATH}?disimpan=1#h-activities`, 303);
  }

  app.get(`${REGISTER_PATH}/baru`, async (request, reply) => activityForm(request, reply, null, { values: {}, errors: [] }));
  app.post<{ Body: Record<string, unknown> }>(`${REGISTER_PATH}/baru`, async (request, reply) => saveActivity(request, reply, null));
  app.get<{ Params: { key: string } }>(`${REGISTER_PATH}/:key/ubah`, async (request, reply) => {
    const found = await privacy.activityForEdit(request.actor, request.params.key);
    if (!found) throw errors.notFound();
    return activityForm(request, reply, found.key, asForm(found, []));
  });
  app.post<{ Params: { key: string }; Body: Record<string, unknown> }>(`${REGISTER_PATH}/:key/ubah`, async (request, reply) => {
    const found = await privacy.activityForEdit(request.actor, request.params.key);
    if (!found) throw errors.notFound();
    return saveActivity(request, reply, found.key);
  });

  app.post(`${REGISTER_PATH}/bersihkan`, async (request, reply) => {
    authorize(request.actor, 'privacy.retention.run');
    const removed = await retention.run({ actor: request.actor, meta: request.meta });
    const total = Object.values(removed).reduce((a, b) => a + b, 0);
    return reply.redirect(`${REGISTER_PATH}?dibersihkan=${total}`, 303);
  });
}
