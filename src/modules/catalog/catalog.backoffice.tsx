// Back office of the service catalogue (P-1, P-2, P-5): agency admins and operators describe
// each service with the 14 components of the Standar Pelayanan, build its application form
// without code, preview it and publish versions. Pages under /kelola/layanan, server-rendered,
// working without JavaScript: one group per page, plain HTML forms, a small POST for each
// list operation. Handlers are thin: read the post → call the catalogue service inside a
// transaction (it authorises and validates) → redirect (303), or show the form again with
// an error summary and everything typed.
import { DataTable, FilterBar, FilterSelect, shortDateTime, StatusTag } from '../../platform/views/components/index.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import type { z } from 'zod';
import type { CatalogDeps as Deps } from './catalog.deps.ts';
import type { Executor } from '../../platform/db/database.ts';
import { agenciesFor, authorize, can } from '../../platform/auth/policy.ts';
import { AppError, errors as appErrors, type FieldError } from '../../platform/http/errors.ts';
import { validate } from '../../platform/http/validation.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm, SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { formatRupiah, type MessageKey, messageKeyOr } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import {
  fieldTypes,
  fileTypes,
  formDefinitionSchema,
  formFieldSchema,
  formSectionSchema,
  legalBasisSchema,
  procedureStepSchema,
  requirementSchema,
  sectors,
  type FormDefinition,
  type FormField,
  type ServiceContent,
} from './catalog.schemas.ts';
import { components, unboundDocumentRequirements } from './catalog.rules.ts';
import { slugify, type Catalog, type ServiceSummary } from './catalog.service.ts';
import {
  bool,
  conditionValueText,
  deriveKey,
  fieldFromValues,
  fieldKeys,
  fieldToValues,
  fieldsBefore,
  fieldsUsingRequirement,
  formatRupiahInput,
  formValuesOf,
  list,
  localFieldError,
  mergeErrors,
  move,
  parseKeywords,
  parseRupiah,
  parseWhole,
  raw,
  renameRequirementInForm,
  replaceAt,
  requirementFromValues,
  requirementToValues,
  str,
  without,
  type FormValues,
} from './form-builder.ts';
import { FormFields, fieldLabel } from './form-render.tsx';

type Draft = Awaited<ReturnType<Catalog['getDraft']>>;
type Requirement = ServiceContent['requirements'][number];
type Step = ServiceContent['procedure'][number];
type Citation = ServiceContent['legalBasis'][number];

const ROOT = '/kelola/layanan';
const base = (slug: string) => `${ROOT}/${encodeURIComponent(slug)}`;
/** Slugs that would collide with the back office's own paths. */
const reservedSlugs = new Set(['baru']);

defineMenuLink({ href: ROOT, labelKey: 'catalog.bo.menu', action: 'catalog.service.read', area: 'services', order: 20 });

/** Which editing page holds each component the publication checklist names. */
const groupOf: Record<string, string> = {
  summary: 'umum',
  sectors: 'umum',
  channels: 'umum',
  counterInfo: 'umum',
  requirements: 'persyaratan',
  procedure: 'prosedur',
  completionDays: 'waktu-biaya',
  fee: 'waktu-biaya',
  product: 'waktu-biaya',
  legalBasis: 'dasar-hukum',
  complaintHandling: 'pengelolaan',
  facilities: 'pengelolaan',
  staffCompetence: 'pengelolaan',
  internalSupervision: 'pengelolaan',
  staffCount: 'pengelolaan',
  serviceGuarantee: 'pengelolaan',
  securityGuarantee: 'pengelolaan',
  performanceEvaluation: 'pengelolaan',
};
const checklistItems = [...components, 'summary', 'sectors', 'channels', 'counterInfo'] as const;
const organisationFields = [
  'complaintHandling',
  'facilities',
  'staffCompetence',
  'internalSupervision',
  'serviceGuarantee',
  'securityGuarantee',
  'performanceEvaluation',
] as const;

// ---- Small view helpers -------------------------------------------------------------------

function rev(d: Draft): string {
  return String(d.updatedAt.getTime());
}

function Hidden({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}

function errorFor(errors: FieldError[], name: string) {
  return errors.find((e) => e.field === name);
}

function TextInput(p: {
  ctx: ViewContext;
  values: FormValues;
  errors: FieldError[];
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  type?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  maxLength?: number;
}) {
  return (
    <TextField
      ctx={p.ctx}
      form={{ values: {}, errors: p.errors }}
      name={p.name}
      label={p.label}
      hint={p.hint}
      required={p.required ?? false}
      type={p.type}
      inputmode={p.inputmode}
      maxLength={p.maxLength}
      value={str(p.values, p.name)}
    />
  );
}

function TextArea(p: { ctx: ViewContext; values: FormValues; errors: FieldError[]; name: string; label: string; hint?: string; required?: boolean; rows?: number; maxLength?: number; mono?: boolean }) {
  return (
    <TextAreaField
      ctx={p.ctx}
      form={{ values: {}, errors: p.errors }}
      name={p.name}
      label={p.label}
      hint={p.hint}
      required={p.required ?? false}
      rows={p.rows ?? 4}
      maxLength={p.maxLength}
      mono={p.mono}
      value={raw(p.values, p.name)}
    />
  );
}

function Select(p: { ctx: ViewContext; values: FormValues; errors: FieldError[]; name: string; label: string; options: { value: string; label: string }[]; required?: boolean }) {
  return <SelectField ctx={p.ctx} form={{ values: {}, errors: p.errors }} name={p.name} label={p.label} options={p.options} required={p.required ?? false} value={str(p.values, p.name)} />;
}

/** Checkboxes (multiple) or radios (one) in a fieldset with a legend. */
function Choices(p: {
  ctx: ViewContext;
  values: FormValues;
  errors: FieldError[];
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  multiple?: boolean;
}) {
  const id = `f-${p.name}`;
  const err = errorFor(p.errors, p.name);
  const chosen = list(p.values, p.name);
  return (
    <div class={`field${err ? ' field-error' : ''}`}>
      <fieldset aria-describedby={[p.hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
        <legend>{p.legend}</legend>
        {p.hint && (
          <p class="hint" id={`${id}-hint`}>
            {p.hint}
          </p>
        )}
        {err && (
          <p class="error-message" id={`${id}-error`}>
            {p.ctx.t(err.key, err.params)}
          </p>
        )}
        {p.options.map((o, i) => (
          <label class="choice" key={o.value} for={i === 0 ? id : `${id}-${i}`}>
            <input type={p.multiple ? 'checkbox' : 'radio'} id={i === 0 ? id : `${id}-${i}`} name={p.name} value={o.value} checked={chosen.includes(o.value)} />{' '}
            {o.label}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

/** A one-button POST form (move, remove, publish, archive). */
function ActionButton({ ctx, action, label, d, danger, secondary, hiddenLabel }: { ctx: ViewContext; action: string; label: string; d?: Draft; danger?: boolean; secondary?: boolean; hiddenLabel?: string }) {
  return (
    <PostForm ctx={ctx} action={action} class="inline">
      {d && <Hidden name="rev" value={rev(d)} />}
      <button type="submit" class={danger ? 'button danger' : secondary ? 'button secondary' : 'button'} aria-label={hiddenLabel}>
        {label}
      </button>
    </PostForm>
  );
}

/** An error summary whose links point at given anchors (lists, checklists, JSON text). */
function ProblemSummary({ ctx, problems }: { ctx: ViewContext; problems: { anchor: string; text: string }[] }) {
  if (!problems.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autofocus>
      <h2 id="error-summary-title">{ctx.t('form.errors.title')}</h2>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <a href={`#${p.anchor}`}>{p.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

const statusKey = (s: 'draft' | 'published' | 'archived') => `catalog.bo.status.${s}` as const;

function Crumbs({ ctx, d }: { ctx: ViewContext; d?: Draft }) {
  return (
    <nav aria-label={ctx.t('catalog.bo.crumbs')} class="crumbs">
      <ul>
        <li>
          <a href="/kelola">{ctx.t('nav.backoffice')}</a>
        </li>
        <li>
          <a href={ROOT}>{ctx.t('catalog.bo.list.title')}</a>
        </li>
        {d && (
          <li>
            <a href={base(d.slug)}>{d.content.name}</a>
          </li>
        )}
      </ul>
    </nav>
  );
}

function Page({ ctx, title, d, children }: { ctx: ViewContext; title: string; d?: Draft; children: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <Crumbs ctx={ctx} d={d} />
      {children}
    </Layout>
  );
}

function ArchivedNotice({ ctx, d }: { ctx: ViewContext; d: Draft }) {
  return d.status === 'archived' ? <p class="notice warn">{ctx.t('catalog.bo.archived_notice')}</p> : null;
}

/** The labels the error summary puts before each message. */
function labelsOf(ctx: ViewContext, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) out[n] = ctx.t(messageKeyOr(`catalog.bo.f.${n}`, 'value.unknown'));
  return out;
}

// ---- Errors and transactions -------------------------------------------------------------

/** A refusal the person can act on (validation, conflict), as field errors; null otherwise. */
function problemsOf(e: unknown): { status: number; errors: FieldError[] } | null {
  if (!(e instanceof AppError)) return null;
  if (![400, 409, 422].includes(e.status)) return null;
  return { status: e.status, errors: e.fields?.length ? e.fields : [{ field: 'form', key: e.messageKey, params: e.params }] };
}

/** Schema error paths with list indices collapse onto the input that holds the list. */
function collapse(e: FieldError, names: string[]): FieldError {
  for (const n of names) if (e.field === n || e.field.startsWith(`${n}.`)) return { ...e, field: n };
  return e;
}

function indexParam(v: string): number {
  if (!/^\d{1,4}$/.test(v)) throw appErrors.notFound();
  return Number(v);
}

// ---- Pages: list and create ----------------------------------------------------------------

function ListPage({
  ctx,
  items,
  agencies,
  status,
  agencyId,
  canCreate,
}: {
  ctx: ViewContext;
  items: ServiceSummary[];
  agencies: { id: string; name: string }[];
  status?: string;
  agencyId?: string;
  canCreate: boolean;
}) {
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={t('catalog.bo.list.title')}>
      <h1>{t('catalog.bo.list.title')}</h1>
      <p class="lead">{t('catalog.bo.list.lead')}</p>
      {canCreate && (
        <p>
          <a class="button" href={`${ROOT}/baru`}>
            {t('catalog.bo.list.create')}
          </a>
        </p>
      )}
      <FilterBar ctx={ctx} action={ROOT} active={Boolean(status || agencyId)}>
        <FilterSelect id="status" name="status" label={t('catalog.bo.list.status')} allLabel={t('catalog.bo.list.all_statuses')} value={status} options={(['draft', 'published', 'archived'] as const).map((s) => ({ value: s, label: t(statusKey(s)) }))} />
        {agencies.length > 1 && <FilterSelect id="instansi" name="instansi" label={t('catalog.bo.list.agency')} allLabel={t('catalog.bo.list.all_agencies')} value={agencyId} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />}
      </FilterBar>
      <h2>{t('catalog.bo.list.count', { count: items.length })}</h2>
      <DataTable
        ctx={ctx}
        caption={t('catalog.bo.list.title')}
        captionHidden
        rows={items}
        rowKey={(s) => s.id}
        empty={t('catalog.bo.list.none')}
        columns={[
          { key: 'name', label: t('catalog.bo.list.name'), primary: true, cell: (s) => <a href={base(s.slug)}>{s.name}</a> },
          { key: 'agency', label: t('catalog.bo.list.agency'), cell: (s) => s.agencyName },
          { key: 'status', label: t('catalog.bo.list.status'), cell: (s) => <StatusTag tone={s.status === 'published' ? 'success' : s.status === 'draft' ? 'info' : 'neutral'}>{t(statusKey(s.status))}</StatusTag> },
          { key: 'version', label: t('catalog.bo.list.version'), num: true, cell: (s) => s.currentVersion ?? '—' },
          { key: 'updated', label: t('catalog.bo.list.updated'), nowrap: true, cell: (s) => shortDateTime(ctx, s.updatedAt) },
        ]}
      />
    </Page>
  );
}

function NewPage({ ctx, agencies, values, errors }: { ctx: ViewContext; agencies: { id: string; name: string }[]; values: FormValues; errors: FieldError[] }) {
  const { t } = ctx;
  const names = ['agencyId', 'name', 'slug', 'summary'];
  return (
    <Page ctx={ctx} title={t('catalog.bo.new.title')}>
      <h1 id="f-form" tabIndex={-1}>{t('catalog.bo.new.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} labels={labelsOf(ctx, names)} />
      <PostForm ctx={ctx} action={`${ROOT}/baru`}>
        <Select ctx={ctx} values={values} errors={errors} name="agencyId" label={t('catalog.bo.f.agencyId')} options={agencies.map((a) => ({ value: a.id, label: a.name }))} required />
        <TextInput ctx={ctx} values={values} errors={errors} name="name" label={t('catalog.bo.f.name')} hint={t('catalog.bo.hint.name')} required maxLength={200} />
        <TextInput ctx={ctx} values={values} errors={errors} name="slug" label={t('catalog.bo.f.slug')} hint={t('catalog.bo.hint.slug')} maxLength={80} />
        <TextArea ctx={ctx} values={values} errors={errors} name="summary" label={t('catalog.bo.f.summary')} hint={t('catalog.bo.hint.summary')} maxLength={600} />
        <button type="submit">{t('catalog.bo.new.submit')}</button>
      </PostForm>
    </Page>
  );
}

// ---- Overview -----------------------------------------------------------------------------

interface OverviewData {
  d: Draft;
  missing: string[];
  formProblems: FieldError[];
  versions: { version: number; published_at: Date }[];
  canWrite: boolean;
  canPublish: boolean;
}

function Overview({ ctx, data, refused, notice }: { ctx: ViewContext; data: OverviewData; refused?: FieldError[]; notice?: string }) {
  const { t } = ctx;
  const { d, missing, formProblems, versions } = data;
  const current = versions.find((v) => v.version === d.currentVersion);
  const fieldCount = d.form.sections.reduce((n, s) => n + s.fields.length, 0);
  const unbound = unboundDocumentRequirements(d.form, d.content);
  const problems = (refused ?? []).map((e) => ({
    anchor: groupOf[e.field] ? `f-${e.field}` : 'f-form',
    text: t(e.key, e.params),
  }));
  return (
    <Page ctx={ctx} title={d.content.name} d={undefined}>
      <ProblemSummary ctx={ctx} problems={problems} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <h1>{d.content.name}</h1>
      <ArchivedNotice ctx={ctx} d={d} />
      <dl class="summary">
        <dt>{t('catalog.bo.f.agencyId')}</dt>
        <dd>{d.agencyName}</dd>
        <dt>{t('catalog.bo.list.status')}</dt>
        <dd>
          <span class="tag">{t(statusKey(d.status))}</span>
        </dd>
        <dt>{t('catalog.bo.overview.current')}</dt>
        <dd>
          {current ? (
            <>
              {t('catalog.bo.overview.version', { version: current.version, date: ctx.dateTime(current.published_at) })}
              {d.status === 'published' && (
                <>
                  {' · '}
                  <a href={`/layanan/${d.slug}`}>{t('catalog.bo.overview.public_page')}</a>
                </>
              )}
            </>
          ) : (
            t('catalog.bo.overview.never')
          )}
        </dd>
        <dt>{t('catalog.bo.overview.draft_changed')}</dt>
        <dd>{ctx.dateTime(d.updatedAt)}</dd>
      </dl>

      <h2 id="h-checklist">{t('catalog.bo.overview.checklist')}</h2>
      <p class="hint">{t('catalog.bo.overview.checklist_hint', { missing: missing.length })}</p>
      <div class="table-wrap" tabIndex={0}>
        <table aria-labelledby="h-checklist">
          <thead>
            <tr>
              <th scope="col">{t('catalog.bo.overview.component')}</th>
              <th scope="col">{t('catalog.bo.overview.state')}</th>
              {data.canWrite && <th scope="col">{t('catalog.bo.overview.action')}</th>}
            </tr>
          </thead>
          <tbody>
            {checklistItems.map((c) => {
              const isMissing = missing.includes(c);
              if (c === 'counterInfo' && !isMissing && !d.content.channels.includes('counter')) return null;
              return (
                <tr key={c} id={`f-${c}`}>
                  <th scope="row">{t(`catalog.bo.c.${c}`)}</th>
                  <td>{isMissing ? <strong class="error-message">{t(`catalog.missing.${c}`)}</strong> : t('catalog.bo.overview.filled')}</td>
                  {data.canWrite && (
                    <td>
                      <a href={`${base(d.slug)}/${groupOf[c]}`} aria-label={`${t('catalog.bo.overview.edit')}: ${t(`catalog.bo.c.${c}`)}`}>
                        {t('catalog.bo.overview.edit')}
                      </a>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {data.canWrite && (
        <p>
          {t('catalog.bo.overview.general')}: <a href={`${base(d.slug)}/umum`}>{t('catalog.bo.group.umum')}</a>
        </p>
      )}

      <h2 id="f-form">{t('catalog.bo.overview.form')}</h2>
      <p>{t('catalog.bo.overview.form_counts', { sections: d.form.sections.length, fields: fieldCount })}</p>
      {d.form.sections.length > 0 && (
        <ul>
          {d.form.sections.map((s) => (
            <li key={s.key}>
              <strong>{s.title}</strong>: {s.fields.map((f) => `${fieldLabel(ctx, f)} (${t(`catalog.bo.type.${f.type}`)})`).join(', ')}
            </li>
          ))}
        </ul>
      )}
      {formProblems.length > 0 && (
        <div class="notice warn">
          <p>{t('catalog.bo.overview.form_problems')}</p>
          <ul>
            {formProblems.map((p, i) => (
              <li key={i}>{t(p.key, p.params)}</li>
            ))}
          </ul>
        </div>
      )}
      {unbound.length > 0 && d.content.channels.includes('online') && (
        <p class="notice warn">{t('catalog.bo.overview.unbound', { keys: unbound.join(', ') })}</p>
      )}
      <p>
        {data.canWrite && (
          <>
            <a href={`${base(d.slug)}/formulir`}>{t('catalog.bo.overview.build_form')}</a>
            {' · '}
          </>
        )}
        <a href={`${base(d.slug)}/pratinjau`}>{t('catalog.bo.overview.preview')}</a>
        {' · '}
        <a href={`${base(d.slug)}/sop`}>{t('catalog.bo.overview.sop')}</a>
      </p>

      <h2>{t('catalog.bo.overview.versions')}</h2>
      {versions.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('catalog.bo.list.version')}</th>
              <th scope="col">{t('catalog.bo.overview.published_at')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{ctx.dateTime(v.published_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('catalog.bo.overview.no_versions')}</p>
      )}

      {data.canPublish && (
        <>
          <h2>{t('catalog.bo.overview.publication')}</h2>
          <p class="hint">{t('catalog.bo.overview.publish_hint')}</p>
          <p>
            <ActionButton ctx={ctx} action={`${base(d.slug)}/terbitkan`} d={d} label={t(d.status === 'archived' ? 'catalog.bo.overview.republish' : 'catalog.bo.overview.publish')} />{' '}
            {d.status !== 'archived' && <ActionButton ctx={ctx} action={`${base(d.slug)}/arsipkan`} d={d} danger label={t('catalog.bo.overview.archive')} />}
          </p>
        </>
      )}
    </Page>
  );
}

// ---- Group (a): general ------------------------------------------------------------------

const generalNames = ['name', 'nameEn', 'summary', 'summaryEn', 'sectors', 'keywords', 'channels', 'counterInfo', 'contact.phone', 'contact.email', 'contact.address', 'contact.hours'];

function generalValues(c: ServiceContent): FormValues {
  return {
    name: c.name,
    nameEn: c.nameEn ?? '',
    summary: c.summary,
    summaryEn: c.summaryEn ?? '',
    sectors: [...c.sectors],
    keywords: c.keywords.join(', '),
    channels: [...c.channels],
    counterInfo: c.counterInfo,
    'contact.phone': c.contact.phone,
    'contact.email': c.contact.email,
    'contact.address': c.contact.address,
    'contact.hours': c.contact.hours,
  };
}

function generalContent(c: ServiceContent, v: FormValues): unknown {
  return {
    ...c,
    name: str(v, 'name'),
    nameEn: str(v, 'nameEn') || undefined,
    summary: str(v, 'summary'),
    summaryEn: str(v, 'summaryEn') || undefined,
    sectors: list(v, 'sectors'),
    keywords: parseKeywords(str(v, 'keywords')),
    channels: list(v, 'channels'),
    counterInfo: str(v, 'counterInfo'),
    contact: { phone: str(v, 'contact.phone'), email: str(v, 'contact.email'), address: str(v, 'contact.address'), hours: str(v, 'contact.hours') },
  };
}

function GeneralPage({ ctx, d, values, errors }: { ctx: ViewContext; d: Draft; values: FormValues; errors: FieldError[] }) {
  const { t } = ctx;
  const p = { ctx, values, errors };
  return (
    <Page ctx={ctx} title={t('catalog.bo.group.umum')} d={d}>
      <ErrorSummary ctx={ctx} errors={errors} labels={labelsOf(ctx, generalNames)} />
      <p class="muted">{d.content.name}</p>
      <h1 id="f-form" tabIndex={-1}>{t('catalog.bo.group.umum')}</h1>
      <ArchivedNotice ctx={ctx} d={d} />
      <PostForm ctx={ctx} action={`${base(d.slug)}/umum`}>
        <Hidden name="rev" value={str(values, 'rev') || rev(d)} />
        <TextInput {...p} name="name" label={t('catalog.bo.f.name')} hint={t('catalog.bo.hint.name')} required maxLength={200} />
        <TextInput {...p} name="nameEn" label={t('catalog.bo.f.nameEn')} maxLength={200} />
        <TextArea {...p} name="summary" label={t('catalog.bo.f.summary')} hint={t('catalog.bo.hint.summary')} required maxLength={600} />
        <TextArea {...p} name="summaryEn" label={t('catalog.bo.f.summaryEn')} maxLength={600} />
        <Choices {...p} name="sectors" legend={t('catalog.bo.f.sectors')} hint={t('catalog.bo.hint.sectors')} multiple options={sectors.map((s) => ({ value: s.code, label: ctx.locale === 'en' ? s.en : s.id }))} />
        <TextInput {...p} name="keywords" label={t('catalog.bo.f.keywords')} hint={t('catalog.bo.hint.keywords')} maxLength={2000} />
        <Choices
          {...p}
          name="channels"
          legend={t('catalog.bo.f.channels')}
          multiple
          options={[
            { value: 'online', label: t('catalog.bo.channel.online') },
            { value: 'counter', label: t('catalog.bo.channel.counter') },
          ]}
        />
        <TextArea {...p} name="counterInfo" label={t('catalog.bo.f.counterInfo')} hint={t('catalog.bo.hint.counterInfo')} maxLength={1000} />
        <fieldset>
          <legend>{t('catalog.bo.contact')}</legend>
          <TextInput {...p} name="contact.phone" label={t('catalog.bo.f.contact.phone')} type="tel" maxLength={40} />
          <TextInput {...p} name="contact.email" label={t('catalog.bo.f.contact.email')} type="email" maxLength={120} />
          <TextInput {...p} name="contact.address" label={t('catalog.bo.f.contact.address')} maxLength={300} />
          <TextInput {...p} name="contact.hours" label={t('catalog.bo.f.contact.hours')} maxLength={200} />
        </fieldset>
        <button type="submit">{t('form.save')}</button>
      </PostForm>
    </Page>
  );
}

// ---- Group (d): time, fee, product ---------------------------------------------------------

const MAX_TARIFF_LINES = 50;

function feeValues(d: Draft): FormValues {
  const c = d.content;
  const v: FormValues = {
    completionDays: c.completionDays === null ? '' : String(c.completionDays),
    'fee.kind': c.fee?.kind ?? '',
    'fee.amount': c.fee?.kind === 'fixed' ? formatRupiahInput(c.fee.amount) : '',
    'fee.regulation': c.fee && c.fee.kind !== 'free' ? c.fee.regulation : '',
    'product.name': c.product?.name ?? '',
    'product.description': c.product?.description ?? '',
    'product.template': c.product?.template ?? '',
    'product.years': c.product?.validity ? String(c.product.validity.years) : '',
    'product.months': c.product?.validity ? String(c.product.validity.months) : '',
  };
  const lines = c.fee?.kind === 'tariff' ? c.fee.lines : [];
  lines.forEach((l, i) => {
    v[`lines.${i}.label`] = l.label;
    v[`lines.${i}.amount`] = formatRupiahInput(l.amount);
    v[`lines.${i}.unit`] = l.unit ?? '';
    v[`lines.${i}.quantityField`] = l.quantityField ?? '';
  });
  v['lines.count'] = String(lines.length + 1);
  return v;
}

/** Reads the time/fee/product page; errors carry the page's input names. */
function feeContent(c: ServiceContent, v: FormValues): { content: Record<string, unknown>; errors: FieldError[]; lineRows: number[] } {
  const errors: FieldError[] = [];
  const days = parseWhole(str(v, 'completionDays'), 0, 365);
  if (!days.ok) errors.push({ field: 'completionDays', key: days.key, params: days.params });

  const kind = str(v, 'fee.kind');
  let fee: unknown = null;
  const lineRows: number[] = [];
  if (kind === 'free') fee = { kind: 'free' };
  else if (kind === 'fixed') {
    const amount = parseRupiah(str(v, 'fee.amount'));
    if (!amount.ok) errors.push({ field: 'fee.amount', key: amount.key, params: amount.params });
    fee = { kind: 'fixed', amount: amount.ok ? amount.value : 0, regulation: str(v, 'fee.regulation') };
  } else if (kind === 'tariff') {
    const rows = Math.min(Number(str(v, 'lines.count')) || 0, MAX_TARIFF_LINES);
    const lines: Record<string, unknown>[] = [];
    for (let i = 0; i < rows; i++) {
      const label = str(v, `lines.${i}.label`);
      const amountText = str(v, `lines.${i}.amount`);
      const unit = str(v, `lines.${i}.unit`);
      const quantityField = str(v, `lines.${i}.quantityField`);
      if (bool(v, `lines.${i}.remove`)) continue;
      if (!label && !amountText && !unit && !quantityField) continue;
      const amount = parseRupiah(amountText);
      if (!amount.ok) errors.push({ field: `lines.${i}.amount`, key: amount.key, params: amount.params });
      lines.push({ label, amount: amount.ok ? amount.value : 0, unit: unit || undefined, quantityField: quantityField || undefined });
      lineRows.push(i);
    }
    fee = { kind: 'tariff', regulation: str(v, 'fee.regulation'), lines };
  } else if (kind) errors.push({ field: 'fee.kind', key: 'validation.choice' });

  const productName = str(v, 'product.name');
  const productDescription = str(v, 'product.description');
  const productTemplate = str(v, 'product.template');
  const years = parseWhole(str(v, 'product.years'), 0, 50);
  const months = parseWhole(str(v, 'product.months'), 0, 11);
  if (!years.ok) errors.push({ field: 'product.years', key: years.key, params: years.params });
  if (!months.ok) errors.push({ field: 'product.months', key: months.key, params: months.params });
  const y = years.ok ? (years.value ?? 0) : 0;
  const m = months.ok ? (months.value ?? 0) : 0;
  const product =
    productName || productDescription || productTemplate || y || m
      ? { name: productName, description: productDescription, validity: y || m ? { years: y, months: m } : null, ...(productTemplate ? { template: productTemplate } : {}) }
      : null;

  return { content: { ...c, completionDays: days.ok ? days.value : null, fee, product }, errors, lineRows };
}

/** Schema error paths of the content → this page's inputs. */
function feeErrorField(field: string, lineRows: number[], blankRow: number): string {
  const m = /^fee\.lines\.(\d+)\.(\w+)/.exec(field);
  if (m) return `lines.${lineRows[Number(m[1])] ?? blankRow}.${m[2]}`;
  if (field === 'fee.lines') return `lines.${blankRow}.label`;
  if (field.startsWith('product.validity.')) return field.replace('product.validity.', 'product.');
  if (field === 'fee') return 'fee.kind';
  return field;
}

function FeePage({ ctx, d, values, errors }: { ctx: ViewContext; d: Draft; values: FormValues; errors: FieldError[] }) {
  const { t } = ctx;
  const p = { ctx, values, errors };
  const rows = Math.max(1, Math.min(Number(str(values, 'lines.count')) || 1, MAX_TARIFF_LINES));
  const numberFields = d.form.sections.flatMap((s) => s.fields.filter((f) => f.type === 'number'));
  const labels: Record<string, string> = labelsOf(ctx, ['completionDays', 'fee.kind', 'fee.amount', 'fee.regulation', 'product.name', 'product.description', 'product.template', 'product.years', 'product.months']);
  for (let i = 0; i < rows; i++) {
    for (const part of ['label', 'amount', 'unit', 'quantityField']) labels[`lines.${i}.${part}`] = `${t('catalog.bo.fee.line', { n: i + 1 })} — ${t(messageKeyOr(`catalog.bo.f.line.${part}`, 'value.unknown'))}`;
  }
  return (
    <Page ctx={ctx} title={t('catalog.bo.group.waktu-biaya')} d={d}>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <p class="muted">{d.content.name}</p>
      <h1 id="f-form" tabIndex={-1}>{t('catalog.bo.group.waktu-biaya')}</h1>
      <ArchivedNotice ctx={ctx} d={d} />
      <PostForm ctx={ctx} action={`${base(d.slug)}/waktu-biaya`}>
        <Hidden name="rev" value={str(values, 'rev') || rev(d)} />
        <h2>{t('catalog.bo.c.completionDays')}</h2>
        <TextInput {...p} name="completionDays" label={t('catalog.bo.f.completionDays')} hint={t('catalog.bo.hint.completionDays')} inputmode="numeric" maxLength={3} />

        <h2>{t('catalog.bo.c.fee')}</h2>
        <Choices
          {...p}
          name="fee.kind"
          legend={t('catalog.bo.f.fee.kind')}
          options={(['free', 'fixed', 'tariff'] as const).map((k) => ({ value: k, label: t(`catalog.bo.fee.${k}`) }))}
        />
        <TextInput {...p} name="fee.amount" label={t('catalog.bo.f.fee.amount')} hint={t('catalog.bo.hint.rupiah')} inputmode="numeric" maxLength={30} />
        <TextInput {...p} name="fee.regulation" label={t('catalog.bo.f.fee.regulation')} hint={t('catalog.bo.hint.regulation')} maxLength={300} />
        <fieldset>
          <legend>{t('catalog.bo.fee.lines')}</legend>
          <p class="hint">{t('catalog.bo.hint.lines')}</p>
          <Hidden name="lines.count" value={String(rows)} />
          {Array.from({ length: rows }, (_, i) => (
            <fieldset key={i} class="sub">
              <legend>{t('catalog.bo.fee.line', { n: i + 1 })}</legend>
              <TextInput {...p} name={`lines.${i}.label`} label={t('catalog.bo.f.line.label')} maxLength={200} />
              <TextInput {...p} name={`lines.${i}.amount`} label={t('catalog.bo.f.line.amount')} hint={t('catalog.bo.hint.rupiah')} inputmode="numeric" maxLength={30} />
              <TextInput {...p} name={`lines.${i}.unit`} label={t('catalog.bo.f.line.unit')} hint={t('catalog.bo.hint.unit')} maxLength={50} />
              <Select
                {...p}
                name={`lines.${i}.quantityField`}
                label={t('catalog.bo.f.line.quantityField')}
                options={numberFields.map((f) => ({ value: f.key, label: `${f.label} (${f.key})` }))}
              />
              {i < rows - 1 && (
                <label class="choice" for={`f-lines.${i}.remove`}>
                  <input type="checkbox" id={`f-lines.${i}.remove`} name={`lines.${i}.remove`} value="on" checked={bool(values, `lines.${i}.remove`)} /> {t('catalog.bo.fee.remove_line')}
                </label>
              )}
            </fieldset>
          ))}
        </fieldset>

        <h2>{t('catalog.bo.c.product')}</h2>
        <TextInput {...p} name="product.name" label={t('catalog.bo.f.product.name')} hint={t('catalog.bo.hint.product')} maxLength={200} />
        <TextArea {...p} name="product.description" label={t('catalog.bo.f.product.description')} maxLength={1000} />
        <TextArea {...p} name="product.template" label={t('catalog.bo.f.product.template')} hint={t('catalog.bo.hint.product_template')} maxLength={2000} rows={4} />
        <fieldset>
          <legend>{t('catalog.bo.product.validity')}</legend>
          <p class="hint">{t('catalog.bo.hint.validity')}</p>
          <TextInput {...p} name="product.years" label={t('catalog.bo.f.product.years')} inputmode="numeric" maxLength={2} />
          <TextInput {...p} name="product.months" label={t('catalog.bo.f.product.months')} inputmode="numeric" maxLength={2} />
        </fieldset>
        <button type="submit">{t('form.save')}</button>
      </PostForm>
    </Page>
  );
}

// ---- Group (f): organisation -----------------------------------------------------------------

function organisationValues(c: ServiceContent): FormValues {
  const v: FormValues = { staffCount: c.staffCount === null ? '' : String(c.staffCount) };
  for (const n of organisationFields) v[n] = c[n];
  return v;
}

function OrganisationPage({ ctx, d, values, errors }: { ctx: ViewContext; d: Draft; values: FormValues; errors: FieldError[] }) {
  const { t } = ctx;
  const p = { ctx, values, errors };
  return (
    <Page ctx={ctx} title={t('catalog.bo.group.pengelolaan')} d={d}>
      <ErrorSummary ctx={ctx} errors={errors} labels={labelsOf(ctx, [...organisationFields, 'staffCount'])} />
      <p class="muted">{d.content.name}</p>
      <h1 id="f-form" tabIndex={-1}>{t('catalog.bo.group.pengelolaan')}</h1>
      <ArchivedNotice ctx={ctx} d={d} />
      <PostForm ctx={ctx} action={`${base(d.slug)}/pengelolaan`}>
        <Hidden name="rev" value={str(values, 'rev') || rev(d)} />
        <TextArea {...p} name="complaintHandling" label={t('catalog.bo.f.complaintHandling')} hint={t('catalog.bo.hint.complaintHandling')} maxLength={2000} />
        <TextArea {...p} name="facilities" label={t('catalog.bo.f.facilities')} maxLength={2000} />
        <TextArea {...p} name="staffCompetence" label={t('catalog.bo.f.staffCompetence')} maxLength={2000} />
        <TextArea {...p} name="internalSupervision" label={t('catalog.bo.f.internalSupervision')} maxLength={2000} />
        <TextInput {...p} name="staffCount" label={t('catalog.bo.f.staffCount')} hint={t('catalog.bo.hint.staffCount')} inputmode="numeric" maxLength={6} />
        <TextArea {...p} name="serviceGuarantee" label={t('catalog.bo.f.serviceGuarantee')} maxLength={2000} />
        <TextArea {...p} name="securityGuarantee" label={t('catalog.bo.f.securityGuarantee')} maxLength={2000} />
        <TextArea {...p} name="performanceEvaluation" label={t('catalog.bo.f.performanceEvaluation')} maxLength={2000} />
        <button type="submit">{t('form.save')}</button>
      </PostForm>
    </Page>
  );
}

// ---- Groups (b), (c), (e): ordered lists edited item by item ---------------------------------

interface ListSpec<T> {
  segment: 'persyaratan' | 'prosedur' | 'dasar-hukum';
  schema: z.ZodType;
  /** Input name → message key of its label (for the error summary). */
  labels: Record<string, MessageKey>;
  items(c: ServiceContent): T[];
  set(c: ServiceContent, items: T[]): ServiceContent;
  empty(): FormValues;
  toValues(item: T): FormValues;
  fromValues(values: FormValues, others: T[]): { item: Record<string, unknown>; errors: FieldError[] };
  Inputs(p: { ctx: ViewContext; d: Draft; values: FormValues; errors: FieldError[] }): VNode;
  headers(ctx: ViewContext): string[];
  cells(ctx: ViewContext, item: T): ComponentChildren[];
  /** Changes that follow from saving an item (e.g. the form's bindings), or a refusal. */
  onSave?(d: Draft, before: T | null, after: T): { form?: FormDefinition } | FieldError[];
  onRemove?(d: Draft, item: T): FieldError[];
}

const fileTypeLabel: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

const requirementsSpec: ListSpec<Requirement> = {
  segment: 'persyaratan',
  schema: requirementSchema,
  labels: {
    name: 'catalog.bo.f.req.name',
    key: 'catalog.bo.f.key',
    kind: 'catalog.bo.f.req.kind',
    mandatory: 'catalog.bo.f.req.mandatory',
    fileTypes: 'catalog.bo.f.req.fileTypes',
    maxSizeMb: 'catalog.bo.f.req.maxSizeMb',
    explanation: 'catalog.bo.f.req.explanation',
  },
  items: (c) => c.requirements,
  set: (c, items) => ({ ...c, requirements: items }),
  empty: () => ({ kind: 'document', mandatory: 'true', fileTypes: ['application/pdf'], maxSizeMb: '2' }),
  toValues: requirementToValues,
  fromValues: (values, others) => requirementFromValues(values, others.map((r) => r.key)),
  Inputs: ({ ctx, values, errors }) => {
    const { t } = ctx;
    const p = { ctx, values, errors };
    return (
      <>
        <TextInput {...p} name="name" label={t('catalog.bo.f.req.name')} hint={t('catalog.bo.hint.req.name')} required maxLength={200} />
        <TextInput {...p} name="key" label={t('catalog.bo.f.key')} hint={t('catalog.bo.hint.req.key')} maxLength={40} />
        <Choices
          {...p}
          name="kind"
          legend={t('catalog.bo.f.req.kind')}
          options={[
            { value: 'document', label: t('catalog.bo.req.document') },
            { value: 'data', label: t('catalog.bo.req.data') },
          ]}
        />
        <Choices
          {...p}
          name="mandatory"
          legend={t('catalog.bo.f.req.mandatory')}
          options={[
            { value: 'true', label: t('catalog.bo.req.mandatory') },
            { value: 'false', label: t('catalog.bo.req.optional') },
          ]}
        />
        <Choices {...p} name="fileTypes" legend={t('catalog.bo.f.req.fileTypes')} hint={t('catalog.bo.hint.req.fileTypes')} multiple options={fileTypes.map((ft) => ({ value: ft, label: fileTypeLabel[ft] ?? ft }))} />
        <TextInput {...p} name="maxSizeMb" label={t('catalog.bo.f.req.maxSizeMb')} hint={t('catalog.bo.hint.req.maxSizeMb')} inputmode="numeric" maxLength={2} />
        <TextArea {...p} name="explanation" label={t('catalog.bo.f.req.explanation')} hint={t('catalog.bo.hint.req.explanation')} maxLength={1000} />
      </>
    );
  },
  headers: (ctx) => [ctx.t('catalog.bo.f.req.name'), ctx.t('catalog.bo.f.req.kind'), ctx.t('catalog.bo.f.req.mandatory')],
  cells: (ctx, r) => [
    <>
      {r.name} <code>{r.key}</code>
    </>,
    r.kind === 'document'
      ? `${ctx.t('catalog.bo.req.document')} (${r.fileTypes.map((x) => fileTypeLabel[x] ?? x).join('/')}, ${r.maxSizeMb} MB)`
      : ctx.t('catalog.bo.req.data'),
    ctx.t(r.mandatory ? 'catalog.bo.req.mandatory' : 'catalog.bo.req.optional'),
  ],
  onSave(d, before, after) {
    if (!before) return {};
    const bound = fieldsUsingRequirement(d.form, before.key);
    if (bound.length && after.kind !== 'document') {
      return [{ field: 'kind', key: 'catalog.bo.requirement_bound_kind', params: { fields: bound.map((f) => f.key).join(', ') } }];
    }
    if (bound.length && before.key !== after.key) return { form: renameRequirementInForm(d.form, before.key, after.key) };
    return {};
  },
  onRemove(d, item) {
    const bound = fieldsUsingRequirement(d.form, item.key);
    return bound.length ? [{ field: 'form', key: 'catalog.bo.requirement_in_use', params: { requirement: item.name, fields: bound.map((f) => f.key).join(', ') } }] : [];
  },
};

const procedureSpec: ListSpec<Step> = {
  segment: 'prosedur',
  schema: procedureStepSchema,
  labels: { title: 'catalog.bo.f.step.title', description: 'catalog.bo.f.step.description' },
  items: (c) => c.procedure,
  set: (c, items) => ({ ...c, procedure: items }),
  empty: () => ({}),
  toValues: (s) => ({ title: s.title, description: s.description }),
  fromValues: (v) => ({ item: { title: str(v, 'title'), description: str(v, 'description') }, errors: [] }),
  Inputs: ({ ctx, values, errors }) => (
    <>
      <TextInput ctx={ctx} values={values} errors={errors} name="title" label={ctx.t('catalog.bo.f.step.title')} hint={ctx.t('catalog.bo.hint.step.title')} required maxLength={200} />
      <TextArea ctx={ctx} values={values} errors={errors} name="description" label={ctx.t('catalog.bo.f.step.description')} maxLength={2000} />
    </>
  ),
  headers: (ctx) => [ctx.t('catalog.bo.f.step.title')],
  cells: (_ctx, s) => [
    <>
      <strong>{s.title}</strong>
      {s.description && <p class="pre">{s.description}</p>}
    </>,
  ],
};

const legalSpec: ListSpec<Citation> = {
  segment: 'dasar-hukum',
  schema: legalBasisSchema,
  labels: { citation: 'catalog.bo.f.citation', legalDocumentId: 'catalog.bo.f.legalDocumentId' },
  items: (c) => c.legalBasis,
  set: (c, items) => ({ ...c, legalBasis: items }),
  empty: () => ({}),
  toValues: (l) => ({ citation: l.citation, legalDocumentId: l.legalDocumentId ?? '' }),
  fromValues: (v) => ({ item: { citation: str(v, 'citation'), legalDocumentId: str(v, 'legalDocumentId') || undefined }, errors: [] }),
  Inputs: ({ ctx, values, errors }) => (
    <>
      <TextArea ctx={ctx} values={values} errors={errors} name="citation" label={ctx.t('catalog.bo.f.citation')} hint={ctx.t('catalog.bo.hint.citation')} required rows={2} maxLength={500} />
      <TextInput ctx={ctx} values={values} errors={errors} name="legalDocumentId" label={ctx.t('catalog.bo.f.legalDocumentId')} hint={ctx.t('catalog.bo.hint.legalDocumentId')} maxLength={36} />
    </>
  ),
  headers: (ctx) => [ctx.t('catalog.bo.f.citation')],
  cells: (ctx, l) => [
    <>
      {l.citation}
      {l.legalDocumentId && (
        <>
          {' '}
          <span class="tag">{ctx.t('catalog.bo.legal.linked')}</span>
        </>
      )}
    </>,
  ],
};

function ItemsPage<T>({ ctx, d, spec, problems }: { ctx: ViewContext; d: Draft; spec: ListSpec<T>; problems?: FieldError[] }) {
  const { t } = ctx;
  const items = spec.items(d.content);
  const at = `${base(d.slug)}/${spec.segment}`;
  const canWrite = d.status !== 'archived';
  return (
    <Page ctx={ctx} title={t(`catalog.bo.group.${spec.segment}`)} d={d}>
      <ProblemSummary ctx={ctx} problems={(problems ?? []).map((e) => ({ anchor: 'items', text: t(e.key, e.params) }))} />
      <p class="muted">{d.content.name}</p>
      <h1 id="f-form" tabIndex={-1}>{t(`catalog.bo.group.${spec.segment}`)}</h1>
      <ArchivedNotice ctx={ctx} d={d} />
      <p class="hint">{t(`catalog.bo.lead.${spec.segment}`)}</p>
      {items.length ? (
        <div class="table-wrap" id="items" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('catalog.bo.list.no')}</th>
                {spec.headers(ctx).map((h) => (
                  <th scope="col" key={h}>
                    {h}
                  </th>
                ))}
                <th scope="col">{t('catalog.bo.overview.action')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  {spec.cells(ctx, item).map((c, k) => (
                    <td key={k}>{c}</td>
                  ))}
                  <td>
                    <a href={`${at}/${i}`} aria-label={`${t('catalog.bo.overview.edit')}: ${t('catalog.bo.item_n', { n: i + 1 })}`}>
                      {t('catalog.bo.overview.edit')}
                    </a>{' '}
                    {canWrite && i > 0 && <ActionButton ctx={ctx} d={d} secondary action={`${at}/${i}/naik`} label={t('catalog.bo.up')} hiddenLabel={t('catalog.bo.up_n', { n: i + 1 })} />}{' '}
                    {canWrite && i < items.length - 1 && <ActionButton ctx={ctx} d={d} secondary action={`${at}/${i}/turun`} label={t('catalog.bo.down')} hiddenLabel={t('catalog.bo.down_n', { n: i + 1 })} />}{' '}
                    {canWrite && <ActionButton ctx={ctx} d={d} danger action={`${at}/${i}/hapus`} label={t('catalog.bo.remove')} hiddenLabel={t('catalog.bo.remove_n', { n: i + 1 })} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p id="items">{t('catalog.bo.list.empty')}</p>
      )}
      {canWrite && (
        <p>
          <a class="button" href={`${at}/baru`}>
            {t(`catalog.bo.add.${spec.segment}`)}
          </a>
        </p>
      )}
      <p>
        <a href={base(d.slug)}>{t('catalog.bo.back_overview')}</a>
      </p>
    </Page>
  );
}

function ItemPage<T>({ ctx, d, spec, index, values, errors }: { ctx: ViewContext; d: Draft; spec: ListSpec<T>; index: number | null; values: FormValues; errors: FieldError[] }) {
  const { t } = ctx;
  const at = `${base(d.slug)}/${spec.segment}`;
  const title = index === null ? t(`catalog.bo.add.${spec.segment}`) : `${t(`catalog.bo.group.${spec.segment}`)} — ${t('catalog.bo.item_n', { n: index + 1 })}`;
  const labels: Record<string, string> = {};
  for (const [n, key] of Object.entries(spec.labels)) labels[n] = t(key);
  return (
    <Page ctx={ctx} title={title} d={d}>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <p class="muted">{d.content.name}</p>
      <h1 id="f-form" tabIndex={-1}>{title}</h1>
      <ArchivedNotice ctx={ctx} d={d} />
      <PostForm ctx={ctx} action={index === null ? `${at}/baru` : `${at}/${index}`}>
        <Hidden name="rev" value={str(values, 'rev') || rev(d)} />
        <spec.Inputs ctx={ctx} d={d} values={values} errors={errors} />
        <button type="submit">{t('form.save')}</button> <a href={at}>{t('form.cancel')}</a>
      </PostForm>
    </Page>
  );
}

// ---- Form builder ---------------------------------------------------------------------------

const prefills = ['name', 'nik', 'email', 'phone', 'address', 'business_name', 'nib', 'npwp'] as const;

function BuilderPage({ ctx, d, problems }: { ctx: ViewContext; d: Draft; problems?: FieldError[] }) {
  const { t } = ctx;
  const at = `${base(d.slug)}/formulir`;
  const canWrite = d.status !== 'archived';
  const sectionCount = d.form.sections.length;
  return (
    <Page ctx={ctx} title={t('catalog.bo.builder.title')} d={d}>
      <ProblemSummary ctx={ctx} problems={(problems ?? []).map((e) => ({ anchor: 'sections', text: t(e.key, e.params) }))} />
      <p class="muted">{d.content.name}</p>
      <h1 id="f-form" tabIndex={-1}>{t('catalog.bo.builder.title')}</h1>
      <ArchivedNotice ctx={ctx} d={d} />
      <p class="hint">{t('catalog.bo.builder.lead')}</p>
      <p>
        <a href={`${base(d.slug)}/pratinjau`}>{t('catalog.bo.overview.preview')}</a> · <a href={`${at}/json`}>{t('catalog.bo.json.title')}</a>
      </p>
      <div id="sections">
        {sectionCount === 0 && <p>{t('catalog.bo.builder.empty')}</p>}
        {d.form.sections.map((s, si) => (
          <section key={s.key} aria-labelledby={`h-s-${si}`} class="builder-section">
            <h2 id={`h-s-${si}`}>
              {t('catalog.bo.builder.section_n', { n: si + 1 })}: {s.title} <code>{s.key}</code>
            </h2>
            {canWrite && (
              <p>
                <a href={`${at}/bagian/${si}`} aria-label={`${t('catalog.bo.builder.edit_section')}: ${s.title}`}>
                  {t('catalog.bo.builder.edit_section')}
                </a>{' '}
                {si > 0 && <ActionButton ctx={ctx} d={d} secondary action={`${at}/bagian/${si}/naik`} label={t('catalog.bo.up')} hiddenLabel={t('catalog.bo.builder.section_up', { title: s.title })} />}{' '}
                {si < sectionCount - 1 && (
                  <ActionButton ctx={ctx} d={d} secondary action={`${at}/bagian/${si}/turun`} label={t('catalog.bo.down')} hiddenLabel={t('catalog.bo.builder.section_down', { title: s.title })} />
                )}{' '}
                <ActionButton ctx={ctx} d={d} danger action={`${at}/bagian/${si}/hapus`} label={t('catalog.bo.builder.remove_section')} hiddenLabel={t('catalog.bo.builder.remove_section_t', { title: s.title })} />
              </p>
            )}
            <div class="table-wrap" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('catalog.bo.f.label')}</th>
                    <th scope="col">{t('catalog.bo.f.type')}</th>
                    <th scope="col">{t('catalog.bo.builder.notes')}</th>
                    {canWrite && <th scope="col">{t('catalog.bo.overview.action')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {s.fields.map((f, fi) => (
                    <tr key={f.key}>
                      <td>
                        {f.label} <code>{f.key}</code>
                      </td>
                      <td>{t(`catalog.bo.type.${f.type}`)}</td>
                      <td>
                        {[
                          f.required ? t('catalog.bo.req.mandatory') : '',
                          f.requirementKey ? t('catalog.bo.builder.bound', { requirement: f.requirementKey }) : '',
                          f.visibleIf ? t('catalog.bo.builder.condition', { field: f.visibleIf.field, value: conditionValueText(f.visibleIf.equals) }) : '',
                          f.prefill ? t('catalog.bo.builder.prefill', { source: t(`catalog.bo.prefill.${f.prefill}`) }) : '',
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </td>
                      {canWrite && (
                        <td>
                          <a href={`${at}/bagian/${si}/isian/${fi}`} aria-label={`${t('catalog.bo.overview.edit')}: ${f.label}`}>
                            {t('catalog.bo.overview.edit')}
                          </a>{' '}
                          {fi > 0 && <ActionButton ctx={ctx} d={d} secondary action={`${at}/bagian/${si}/isian/${fi}/naik`} label={t('catalog.bo.up')} hiddenLabel={t('catalog.bo.builder.field_up', { label: f.label })} />}{' '}
                          {fi < s.fields.length - 1 && (
                            <ActionButton ctx={ctx} d={d} secondary action={`${at}/bagian/${si}/isian/${fi}/turun`} label={t('catalog.bo.down')} hiddenLabel={t('catalog.bo.builder.field_down', { label: f.label })} />
                          )}{' '}
                          <ActionButton ctx={ctx} d={d} danger action={`${at}/bagian/${si}/isian/${fi}/hapus`} label={t('catalog.bo.remove')} hiddenLabel={t('catalog.bo.builder.field_remove', { label: f.label })} />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {canWrite && (
              <p>
                <a href={`${at}/bagian/${si}/isian/baru`}>{t('catalog.bo.builder.add_field', { title: s.title })}</a>
              </p>
            )}
          </section>
        ))}
      </div>
      {canWrite && (
        <p>
          <a class="button" href={`${at}/bagian/baru`}>
            {t('catalog.bo.builder.add_section')}
          </a>
        </p>
      )}
      <p>
        <a href={base(d.slug)}>{t('catalog.bo.back_overview')}</a>
      </p>
    </Page>
  );
}

const fieldNames = [
  'type',
  'label',
  'labelEn',
  'key',
  'help',
  'required',
  'rules.minLength',
  'rules.maxLength',
  'rules.min',
  'rules.max',
  'rules.pattern',
  'rules.minDate',
  'rules.maxDate',
  'rules',
  'options',
  'multiple',
  'addressLevel',
  'requirementKey',
  'visibleIf.field',
  'visibleIf.equals',
  'prefill',
];

/** The inputs of one form field (its type, label, rules, options, binding, condition). */
function FieldInputs({ ctx, d, values, errors, si, fi }: { ctx: ViewContext; d: Draft; values: FormValues; errors: FieldError[]; si: number; fi: number }) {
  const { t } = ctx;
  const p = { ctx, values, errors };
  const documents = d.content.requirements.filter((r) => r.kind === 'document');
  const earlier = fieldsBefore(d.form, si, fi);
  const rulesErr = errorFor(errors, 'rules');
  return (
    <>
      <TextInput {...p} name="label" label={t('catalog.bo.f.label')} required maxLength={200} />
      <TextInput {...p} name="labelEn" label={t('catalog.bo.f.labelEn')} maxLength={200} />
      <Select {...p} name="type" label={t('catalog.bo.f.type')} options={fieldTypes.map((ft) => ({ value: ft, label: t(`catalog.bo.type.${ft}`) }))} required />
      <TextInput {...p} name="key" label={t('catalog.bo.f.key')} hint={t('catalog.bo.hint.field_key')} maxLength={40} />
      <TextArea {...p} name="help" label={t('catalog.bo.f.help')} rows={2} maxLength={500} />
      <label class="choice" for="f-required">
        <input type="checkbox" id="f-required" name="required" value="on" checked={bool(values, 'required')} /> {t('catalog.bo.f.required')}
      </label>
      <fieldset id="f-rules" class={rulesErr ? 'field-error' : undefined}>
        <legend>{t('catalog.bo.builder.rules')}</legend>
        {rulesErr && <p class="error-message">{t(rulesErr.key, rulesErr.params)}</p>}
        <p class="hint">{t('catalog.bo.hint.rules')}</p>
        <TextInput {...p} name="rules.minLength" label={t('catalog.bo.f.rules.minLength')} inputmode="numeric" maxLength={5} />
        <TextInput {...p} name="rules.maxLength" label={t('catalog.bo.f.rules.maxLength')} inputmode="numeric" maxLength={5} />
        <TextInput {...p} name="rules.pattern" label={t('catalog.bo.f.rules.pattern')} hint={t('catalog.bo.hint.pattern')} maxLength={200} />
        <TextInput {...p} name="rules.min" label={t('catalog.bo.f.rules.min')} maxLength={22} />
        <TextInput {...p} name="rules.max" label={t('catalog.bo.f.rules.max')} maxLength={22} />
        <TextInput {...p} name="rules.minDate" label={t('catalog.bo.f.rules.minDate')} type="date" maxLength={10} />
        <TextInput {...p} name="rules.maxDate" label={t('catalog.bo.f.rules.maxDate')} type="date" maxLength={10} />
      </fieldset>
      <fieldset>
        <legend>{t('catalog.bo.builder.choice')}</legend>
        <TextArea {...p} name="options" label={t('catalog.bo.f.options')} hint={t('catalog.bo.hint.options')} rows={4} />
        <label class="choice" for="f-multiple">
          <input type="checkbox" id="f-multiple" name="multiple" value="on" checked={bool(values, 'multiple')} /> {t('catalog.bo.f.multiple')}
        </label>
      </fieldset>
      <Select {...p} name="addressLevel" label={t('catalog.bo.f.addressLevel')} options={(['province', 'regency', 'district', 'village'] as const).map((l) => ({ value: l, label: t(`catalog.render.address.${l}`) }))} />
      <Select {...p} name="requirementKey" label={t('catalog.bo.f.requirementKey')} options={documents.map((r) => ({ value: r.key, label: `${r.name} (${r.key})` }))} />
      <p class="hint">
        {documents.length ? t('catalog.bo.hint.requirementKey') : t('catalog.bo.hint.no_documents')} <a href={`${base(d.slug)}/persyaratan`}>{t('catalog.bo.group.persyaratan')}</a>
      </p>
      <fieldset>
        <legend>{t('catalog.bo.builder.visibility')}</legend>
        <p class="hint">{t('catalog.bo.hint.visibleIf')}</p>
        <Select {...p} name="visibleIf.field" label={t('catalog.bo.f.visibleIf.field')} options={earlier.map((f) => ({ value: f.key, label: `${f.label} (${f.key})` }))} />
        <TextInput {...p} name="visibleIf.equals" label={t('catalog.bo.f.visibleIf.equals')} hint={t('catalog.bo.hint.visibleIf.equals')} maxLength={100} />
      </fieldset>
      <Select {...p} name="prefill" label={t('catalog.bo.f.prefill')} options={prefills.map((x) => ({ value: x, label: t(`catalog.bo.prefill.${x}`) }))} />
    </>
  );
}

function FieldPage({ ctx, d, si, fi, isNew, values, errors }: { ctx: ViewContext; d: Draft; si: number; fi: number; isNew: boolean; values: FormValues; errors: FieldError[] }) {
  const { t } = ctx;
  const section = d.form.sections[si]!;
  const title = isNew ? t('catalog.bo.builder.new_field', { title: section.title }) : t('catalog.bo.builder.edit_field', { label: section.fields[fi]?.label ?? '' });
  const at = `${base(d.slug)}/formulir/bagian/${si}/isian/${isNew ? 'baru' : fi}`;
  return (
    <Page ctx={ctx} title={title} d={d}>
      <ErrorSummary ctx={ctx} errors={errors} labels={labelsOf(ctx, fieldNames)} />
      <p class="muted">{d.content.name}</p>
      <h1 id="f-form" tabIndex={-1}>{title}</h1>
      <ArchivedNotice ctx={ctx} d={d} />
      <PostForm ctx={ctx} action={at}>
        <Hidden name="rev" value={str(values, 'rev') || rev(d)} />
        <FieldInputs ctx={ctx} d={d} values={values} errors={errors} si={si} fi={fi} />
        <button type="submit">{t('form.save')}</button> <a href={`${base(d.slug)}/formulir`}>{t('form.cancel')}</a>
      </PostForm>
    </Page>
  );
}

function SectionPage({ ctx, d, si, values, errors }: { ctx: ViewContext; d: Draft; si: number | null; values: FormValues; errors: FieldError[] }) {
  const { t } = ctx;
  const isNew = si === null;
  const title = isNew ? t('catalog.bo.builder.add_section') : t('catalog.bo.builder.edit_section_t', { title: d.form.sections[si]?.title ?? '' });
  const labels = { ...labelsOf(ctx, fieldNames), 'section.title': t('catalog.bo.f.section.title'), 'section.titleEn': t('catalog.bo.f.section.titleEn'), 'section.key': t('catalog.bo.f.section.key') };
  return (
    <Page ctx={ctx} title={title} d={d}>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <p class="muted">{d.content.name}</p>
      <h1 id="f-form" tabIndex={-1}>{title}</h1>
      <ArchivedNotice ctx={ctx} d={d} />
      <PostForm ctx={ctx} action={`${base(d.slug)}/formulir/bagian/${isNew ? 'baru' : si}`}>
        <Hidden name="rev" value={str(values, 'rev') || rev(d)} />
        <TextInput ctx={ctx} values={values} errors={errors} name="section.title" label={t('catalog.bo.f.section.title')} required maxLength={200} />
        <TextInput ctx={ctx} values={values} errors={errors} name="section.titleEn" label={t('catalog.bo.f.section.titleEn')} maxLength={200} />
        <TextInput ctx={ctx} values={values} errors={errors} name="section.key" label={t('catalog.bo.f.section.key')} hint={t('catalog.bo.hint.field_key')} maxLength={40} />
        {isNew && (
          <>
            <h2>{t('catalog.bo.builder.first_field')}</h2>
            <p class="hint">{t('catalog.bo.hint.first_field')}</p>
            <FieldInputs ctx={ctx} d={d} values={values} errors={errors} si={d.form.sections.length} fi={0} />
          </>
        )}
        <button type="submit">{t('form.save')}</button> <a href={`${base(d.slug)}/formulir`}>{t('form.cancel')}</a>
      </PostForm>
    </Page>
  );
}

function JsonPage({ ctx, d, text, problems }: { ctx: ViewContext; d: Draft; text: string; problems: { anchor: string; text: string }[] }) {
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={t('catalog.bo.json.title')} d={d}>
      <ProblemSummary ctx={ctx} problems={problems} />
      <p class="muted">{d.content.name}</p>
      <h1 id="f-form" tabIndex={-1}>{t('catalog.bo.json.title')}</h1>
      <ArchivedNotice ctx={ctx} d={d} />
      <p class="hint">{t('catalog.bo.json.lead')}</p>
      <PostForm ctx={ctx} action={`${base(d.slug)}/formulir/json`}>
        <Hidden name="rev" value={rev(d)} />
        <div class={`field${problems.length ? ' field-error' : ''}`}>
          <label for="f-json">{t('catalog.bo.json.label')}</label>
          <textarea id="f-json" name="json" rows={24} class="mono" spellcheck={false} aria-invalid={problems.length ? 'true' : undefined}>
            {text}
          </textarea>
        </div>
        <button type="submit">{t('catalog.bo.json.import')}</button> <a href={`${base(d.slug)}/formulir`}>{t('form.cancel')}</a>
      </PostForm>
    </Page>
  );
}

function PreviewPage({ ctx, d, problems }: { ctx: ViewContext; d: Draft; problems: FieldError[] }) {
  const { t } = ctx;
  const name = ctx.locale === 'en' && d.content.nameEn ? d.content.nameEn : d.content.name;
  return (
    <Page ctx={ctx} title={t('catalog.bo.preview.title', { name })} d={d}>
      <p class="notice warn" role="note">
        <strong>{t('catalog.bo.preview.badge')}</strong> — {t('catalog.bo.preview.lead')}
      </p>
      <h1 id="f-form" tabIndex={-1}>{t('catalog.bo.preview.title', { name })}</h1>
      {problems.length > 0 && (
        <div class="notice warn">
          <p>{t('catalog.bo.overview.form_problems')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{t(p.key, p.params)}</li>
            ))}
          </ul>
        </div>
      )}
      {d.form.sections.length ? (
        <div class="preview" aria-label={t('catalog.bo.preview.badge')} role="group">
          <FormFields ctx={ctx} form={d.form} values={{}} errors={[]} requirements={d.content.requirements} />
          <p>
            <button type="button" class="button secondary" disabled aria-disabled="true">
              {t('catalog.bo.preview.no_submit')}
            </button>
          </p>
        </div>
      ) : (
        <p>{t('catalog.bo.builder.empty')}</p>
      )}
      <p>
        <a href={`${base(d.slug)}/formulir`}>{t('catalog.bo.builder.title')}</a> · <a href={base(d.slug)}>{t('catalog.bo.back_overview')}</a>
      </p>
    </Page>
  );
}

// ---- Routes ---------------------------------------------------------------------------------

type SlugReq = FastifyRequest<{ Params: { slug: string } }>;
type ItemReq = FastifyRequest<{ Params: { slug: string; i: string } }>;
type FieldReq = FastifyRequest<{ Params: { slug: string; si: string; fi: string } }>;

export function registerCatalogBackoffice(app: FastifyInstance, deps: Deps): void {
  const catalog = deps.catalog;
  const tx = <T,>(fn: (trx: Executor) => Promise<T>) => deps.database.db.transaction().execute(fn);
  const who = (request: FastifyRequest) => ({ actor: request.actor, meta: request.meta });

  function signedIn(request: FastifyRequest) {
    if (!request.actor) throw appErrors.unauthenticated();
    return request.actor;
  }

  /** The draft for an editing page: readable, and writable by this person. */
  async function draftForEditing(request: FastifyRequest, slug: string): Promise<Draft> {
    const actor = signedIn(request);
    const d = await catalog.getDraft(actor, slug);
    authorize(actor, 'catalog.service.write', { agencyId: d.agencyId });
    return d;
  }

  /**
   * Read the draft inside a transaction, check the page was not opened on an older draft,
   * change it and write it back through the service (which validates everything).
   */
  async function change(
    request: FastifyRequest,
    slug: string,
    values: FormValues,
    fn: (d: Draft) => { content?: unknown; form?: unknown },
  ): Promise<void> {
    const actor = signedIn(request);
    await tx(async (trx) => {
      const d = await catalog.getDraftForUpdate(trx, actor, slug);
      authorize(actor, 'catalog.service.write', { agencyId: d.agencyId });
      const seen = str(values, 'rev');
      if (seen && seen !== rev(d)) throw new AppError('draft_changed', 409, 'catalog.bo.stale');
      const next = fn(d);
      await catalog.updateDraft(trx, who(request), slug, next);
    });
  }

  async function overviewData(request: FastifyRequest, slug: string): Promise<OverviewData> {
    const actor = signedIn(request);
    const d = await catalog.getDraft(actor, slug);
    const [problems, versions] = await Promise.all([catalog.publicationProblems(deps.database.db, slug), catalog.versions(slug)]);
    return {
      d,
      missing: problems.missing,
      formProblems: problems.formProblems,
      versions,
      canWrite: can(actor, 'catalog.service.write', { agencyId: d.agencyId }) && d.status !== 'archived',
      canPublish: can(actor, 'catalog.service.publish', { agencyId: d.agencyId }),
    };
  }

  async function writableAgencies(request: FastifyRequest) {
    const scope = agenciesFor(request.actor, 'catalog.service.write');
    const names = await deps.agencies.namesById();
    const all = [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'id'));
    return scope === 'all' ? all : all.filter((a) => scope.includes(a.id));
  }

  const page = async (request: FastifyRequest, reply: FastifyReply, render: (ctx: ViewContext) => VNode, status = 200) => {
    const ctx = await app.viewContext(request, reply);
    return reply.page(render(ctx), status);
  };

  // -- list and create
  app.get<{ Querystring: Record<string, unknown> }>(ROOT, async (request, reply) => {
    const actor = signedIn(request);
    const status = typeof request.query.status === 'string' && ['draft', 'published', 'archived'].includes(request.query.status) ? request.query.status : undefined;
    const wanted = typeof request.query.instansi === 'string' ? request.query.instansi : '';
    const readScope = agenciesFor(actor, 'catalog.service.read');
    const names = await deps.agencies.namesById();
    const agencies = [...names]
      .filter(([id]) => readScope === 'all' || readScope.includes(id))
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'id'));
    const agencyId = agencies.some((a) => a.id === wanted) ? wanted : undefined;
    const items = await catalog.listForStaff(actor, { status, agencyId });
    const canCreate = (await writableAgencies(request)).length > 0;
    return page(request, reply, (ctx) => <ListPage ctx={ctx} items={items} agencies={agencies} status={status} agencyId={agencyId} canCreate={canCreate} />);
  });

  app.get(`${ROOT}/baru`, async (request, reply) => {
    signedIn(request);
    const agencies = await writableAgencies(request);
    if (!agencies.length) throw appErrors.forbidden();
    const values: FormValues = agencies.length === 1 ? { agencyId: agencies[0]!.id } : {};
    return page(request, reply, (ctx) => <NewPage ctx={ctx} agencies={agencies} values={values} errors={[]} />);
  });

  app.post(`${ROOT}/baru`, async (request, reply) => {
    signedIn(request);
    const values = formValuesOf(request.body);
    const agencies = await writableAgencies(request);
    if (!agencies.length) throw appErrors.forbidden();
    const agencyId = str(values, 'agencyId');
    const name = str(values, 'name');
    const slug = str(values, 'slug').toLowerCase() || slugify(name);
    const local: FieldError[] = [];
    if (!agencies.some((a) => a.id === agencyId)) local.push({ field: 'agencyId', key: agencyId ? 'validation.choice' : 'validation.required' });
    if (reservedSlugs.has(slug)) local.push({ field: 'slug', key: 'catalog.bo.slug_reserved' });
    try {
      if (local.length) throw appErrors.validation(local);
      const created = await tx((trx) => catalog.createService(trx, who(request), { agencyId, slug, content: { name, summary: str(values, 'summary') } }));
      return reply.redirect(`${base(created.slug)}?pesan=dibuat`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      return page(request, reply, (ctx) => <NewPage ctx={ctx} agencies={agencies} values={values} errors={mergeErrors(local, p.errors)} />, p.status);
    }
  });

  // -- overview, publish, archive
  const notices: Record<string, MessageKey> = { dibuat: 'catalog.bo.notice.created', disimpan: 'catalog.bo.notice.saved', terbit: 'catalog.bo.notice.published', arsip: 'catalog.bo.notice.archived' };
  app.get<{ Params: { slug: string }; Querystring: Record<string, unknown> }>(`${ROOT}/:slug`, async (request, reply) => {
    const data = await overviewData(request, request.params.slug);
    const q = request.query;
    const key = typeof q.pesan === 'string' ? notices[q.pesan] : undefined;
    const version = typeof q.versi === 'string' && /^\d{1,6}$/.test(q.versi) ? q.versi : '';
    return page(request, reply, (ctx) => <Overview ctx={ctx} data={data} notice={key ? ctx.t(key, { version }) : undefined} />);
  });

  app.post(`${ROOT}/:slug/terbitkan`, async (request: SlugReq, reply) => {
    signedIn(request);
    const slug = request.params.slug;
    const seen = str(formValuesOf(request.body), 'rev');
    try {
      const { version } = await tx(async (trx) => {
        // Publish what the person reviewed: not a draft someone changed since.
        if (seen) {
          const d = await catalog.getDraftForUpdate(trx, request.actor, slug);
          if (seen !== rev(d)) throw new AppError('draft_changed', 409, 'catalog.bo.stale_publish');
        }
        return catalog.publish(trx, who(request), slug);
      });
      return reply.redirect(`${base(slug)}?pesan=terbit&versi=${version}`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const data = await overviewData(request, slug);
      return page(request, reply, (ctx) => <Overview ctx={ctx} data={data} refused={p.errors} />, p.status);
    }
  });

  app.post(`${ROOT}/:slug/arsipkan`, async (request: SlugReq, reply) => {
    signedIn(request);
    const slug = request.params.slug;
    await tx((trx) => catalog.archive(trx, who(request), slug));
    return reply.redirect(`${base(slug)}?pesan=arsip`, 303);
  });

  // -- (a) general
  app.get(`${ROOT}/:slug/umum`, async (request: SlugReq, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    return page(request, reply, (ctx) => <GeneralPage ctx={ctx} d={d} values={generalValues(d.content)} errors={[]} />);
  });
  app.post(`${ROOT}/:slug/umum`, async (request: SlugReq, reply) => {
    const slug = request.params.slug;
    const values = formValuesOf(request.body);
    try {
      await change(request, slug, values, (d) => ({ content: generalContent(d.content, values) }));
      return reply.redirect(`${base(slug)}?pesan=disimpan`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const d = await draftForEditing(request, slug);
      const errs = p.errors.map((x) => collapse(x, ['sectors', 'keywords', 'channels']));
      return page(request, reply, (ctx) => <GeneralPage ctx={ctx} d={d} values={values} errors={errs} />, p.status);
    }
  });

  // -- (d) time, fee, product
  app.get(`${ROOT}/:slug/waktu-biaya`, async (request: SlugReq, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    return page(request, reply, (ctx) => <FeePage ctx={ctx} d={d} values={feeValues(d)} errors={[]} />);
  });
  app.post(`${ROOT}/:slug/waktu-biaya`, async (request: SlugReq, reply) => {
    const slug = request.params.slug;
    const values = formValuesOf(request.body);
    let lineRows: number[] = [];
    try {
      await change(request, slug, values, (d) => {
        const r = feeContent(d.content, values);
        lineRows = r.lineRows;
        if (r.errors.length) throw appErrors.validation(r.errors);
        return { content: r.content };
      });
      return reply.redirect(`${base(slug)}?pesan=disimpan`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const d = await draftForEditing(request, slug);
      // Show the rows as posted, minus the removed ones, plus one blank row.
      const rows = Math.min(Number(str(values, 'lines.count')) || 1, MAX_TARIFF_LINES);
      const blankRow = Math.max(rows - 1, 0);
      const errs = p.errors.map((x) => ({ ...x, field: feeErrorField(x.field, lineRows, blankRow) }));
      return page(request, reply, (ctx) => <FeePage ctx={ctx} d={d} values={values} errors={errs} />, p.status);
    }
  });

  // -- (f) organisation
  app.get(`${ROOT}/:slug/pengelolaan`, async (request: SlugReq, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    return page(request, reply, (ctx) => <OrganisationPage ctx={ctx} d={d} values={organisationValues(d.content)} errors={[]} />);
  });
  app.post(`${ROOT}/:slug/pengelolaan`, async (request: SlugReq, reply) => {
    const slug = request.params.slug;
    const values = formValuesOf(request.body);
    try {
      await change(request, slug, values, (d) => {
        const count = parseWhole(str(values, 'staffCount'), 0, 100_000);
        if (!count.ok) throw appErrors.validation([{ field: 'staffCount', key: count.key, params: count.params }]);
        const next: Record<string, unknown> = { ...d.content, staffCount: count.value };
        for (const n of organisationFields) next[n] = str(values, n);
        return { content: next };
      });
      return reply.redirect(`${base(slug)}?pesan=disimpan`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const d = await draftForEditing(request, slug);
      return page(request, reply, (ctx) => <OrganisationPage ctx={ctx} d={d} values={values} errors={p.errors} />, p.status);
    }
  });

  // -- (b), (c), (e): lists
  for (const spec of [requirementsSpec, procedureSpec, legalSpec] as ListSpec<unknown>[]) registerList(spec);

  function registerList<T>(spec: ListSpec<T>) {
    const seg = spec.segment;
    app.get(`${ROOT}/:slug/${seg}`, async (request: SlugReq, reply) => {
      const d = await draftForEditing(request, request.params.slug);
      return page(request, reply, (ctx) => <ItemsPage ctx={ctx} d={d} spec={spec} />);
    });
    app.get(`${ROOT}/:slug/${seg}/baru`, async (request: SlugReq, reply) => {
      const d = await draftForEditing(request, request.params.slug);
      return page(request, reply, (ctx) => <ItemPage ctx={ctx} d={d} spec={spec} index={null} values={spec.empty()} errors={[]} />);
    });
    app.get(`${ROOT}/:slug/${seg}/:i`, async (request: ItemReq, reply) => {
      const d = await draftForEditing(request, request.params.slug);
      const i = indexParam(request.params.i);
      const item = spec.items(d.content)[i];
      if (item === undefined) throw appErrors.notFound();
      return page(request, reply, (ctx) => <ItemPage ctx={ctx} d={d} spec={spec} index={i} values={spec.toValues(item)} errors={[]} />);
    });

    const save = async (request: ItemReq | SlugReq, reply: FastifyReply, index: number | null) => {
      const slug = request.params.slug;
      const values = formValuesOf(request.body);
      try {
        await change(request, slug, values, (d) => {
          const items = spec.items(d.content);
          if (index !== null && index >= items.length) throw appErrors.notFound();
          const others = items.filter((_, k) => k !== index);
          const { item, errors: local } = spec.fromValues(values, others);
          const v = validate(spec.schema, item);
          const errs = mergeErrors(local, v.ok ? [] : v.fields.map((x) => collapse(x, ['fileTypes'])));
          if (errs.length || !v.ok) throw appErrors.validation(errs);
          const after = v.data as T;
          const extra = spec.onSave?.(d, index === null ? null : items[index]!, after) ?? {};
          if (Array.isArray(extra)) throw appErrors.validation(extra);
          const next = index === null ? [...items, after] : replaceAt(items, index, after);
          return { content: spec.set(d.content, next), ...(extra.form ? { form: extra.form } : {}) };
        });
        return reply.redirect(`${base(slug)}/${seg}`, 303);
      } catch (e) {
        const p = problemsOf(e);
        if (!p) throw e;
        const d = await draftForEditing(request, slug);
        if (index !== null && spec.items(d.content)[index] === undefined) throw appErrors.notFound();
        return page(request, reply, (ctx) => <ItemPage ctx={ctx} d={d} spec={spec} index={index} values={values} errors={p.errors} />, p.status);
      }
    };
    app.post(`${ROOT}/:slug/${seg}/baru`, (request: SlugReq, reply) => save(request, reply, null));
    app.post(`${ROOT}/:slug/${seg}/:i`, (request: ItemReq, reply) => save(request, reply, indexParam(request.params.i)));

    const listAction = (op: 'naik' | 'turun' | 'hapus') =>
      app.post(`${ROOT}/:slug/${seg}/:i/${op}`, async (request: ItemReq, reply) => {
        const slug = request.params.slug;
        const i = indexParam(request.params.i);
        const values = formValuesOf(request.body);
        try {
          await change(request, slug, values, (d) => {
            const items = spec.items(d.content);
            if (i >= items.length) throw appErrors.notFound();
            if (op === 'hapus') {
              const refused = spec.onRemove?.(d, items[i]!) ?? [];
              if (refused.length) throw appErrors.validation(refused);
              return { content: spec.set(d.content, without(items, i)) };
            }
            return { content: spec.set(d.content, move(items, i, op === 'naik' ? -1 : 1)) };
          });
          return reply.redirect(`${base(slug)}/${seg}`, 303);
        } catch (e) {
          const p = problemsOf(e);
          if (!p) throw e;
          const d = await draftForEditing(request, slug);
          return page(request, reply, (ctx) => <ItemsPage ctx={ctx} d={d} spec={spec} problems={p.errors} />, p.status);
        }
      });
    listAction('naik');
    listAction('turun');
    listAction('hapus');
  }

  // -- form builder
  const FORM = `${ROOT}/:slug/formulir`;

  app.get(FORM, async (request: SlugReq, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    return page(request, reply, (ctx) => <BuilderPage ctx={ctx} d={d} />);
  });

  /** Runs a change of the form; refusals are shown on the builder page. */
  async function formAction(request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply, fn: (form: FormDefinition, d: Draft) => FormDefinition) {
    const slug = request.params.slug;
    const values = formValuesOf(request.body);
    try {
      await change(request, slug, values, (d) => ({ form: fn(d.form, d) }));
      return reply.redirect(`${base(slug)}/formulir`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const d = await draftForEditing(request, slug);
      return page(request, reply, (ctx) => <BuilderPage ctx={ctx} d={d} problems={p.errors} />, p.status);
    }
  }

  function sectionAt(form: FormDefinition, si: number) {
    const s = form.sections[si];
    if (!s) throw appErrors.notFound();
    return s;
  }

  for (const op of ['naik', 'turun', 'hapus'] as const) {
    app.post(`${FORM}/bagian/:si/${op}`, (request: FastifyRequest<{ Params: { slug: string; si: string } }>, reply) => {
      const si = indexParam(request.params.si);
      return formAction(request, reply, (form) => {
        sectionAt(form, si);
        if (op === 'hapus') return { sections: without(form.sections, si) };
        return { sections: move(form.sections, si, op === 'naik' ? -1 : 1) };
      });
    });
    app.post(`${FORM}/bagian/:si/isian/:fi/${op}`, (request: FieldReq, reply) => {
      const si = indexParam(request.params.si);
      const fi = indexParam(request.params.fi);
      return formAction(request, reply, (form) => {
        const s = sectionAt(form, si);
        if (!s.fields[fi]) throw appErrors.notFound();
        if (op === 'hapus') {
          if (s.fields.length === 1) throw appErrors.validation([{ field: 'form', key: 'catalog.bo.form.last_field', params: { title: s.title } }]);
          return { sections: replaceAt(form.sections, si, { ...s, fields: without(s.fields, fi) }) };
        }
        return { sections: replaceAt(form.sections, si, { ...s, fields: move(s.fields, fi, op === 'naik' ? -1 : 1) }) };
      });
    });
  }

  // Sections: add (with its first field) and rename.
  app.get(`${FORM}/bagian/baru`, async (request: SlugReq, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    return page(request, reply, (ctx) => <SectionPage ctx={ctx} d={d} si={null} values={{ type: 'text' }} errors={[]} />);
  });
  app.get(`${FORM}/bagian/:si`, async (request: FastifyRequest<{ Params: { slug: string; si: string } }>, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    const si = indexParam(request.params.si);
    const s = sectionAt(d.form, si);
    return page(request, reply, (ctx) => <SectionPage ctx={ctx} d={d} si={si} values={{ 'section.title': s.title, 'section.titleEn': s.titleEn ?? '', 'section.key': s.key }} errors={[]} />);
  });

  const saveSection = async (request: FastifyRequest<{ Params: { slug: string; si?: string } }>, reply: FastifyReply, si: number | null) => {
    const slug = request.params.slug;
    const values = formValuesOf(request.body);
    try {
      await change(request, slug, values, (d) => {
        const form = d.form;
        const title = str(values, 'section.title');
        const sectionKeys = form.sections.map((s) => s.key).filter((_, k) => k !== si);
        const key = str(values, 'section.key') || (title ? deriveKey(title, sectionKeys, 'bagian') : '');
        const titleEn = str(values, 'section.titleEn') || undefined;
        if (si !== null) {
          const s = sectionAt(form, si);
          const v = validate(formSectionSchema, { ...s, key, title, titleEn });
          if (!v.ok) throw appErrors.validation(v.fields.map((x) => ({ ...x, field: `section.${x.field}` })));
          return { form: { sections: replaceAt(form.sections, si, v.data) } };
        }
        const at = form.sections.length;
        const f = fieldFromValues(values, { form, si: at, fi: 0 });
        const v = validate(formSectionSchema, { key, title, titleEn, fields: [f.field] });
        const errs = mergeErrors(
          f.errors,
          v.ok ? [] : v.fields.map((x) => (x.field.startsWith('fields.0.') ? { ...x, field: fieldInput(x.field.slice('fields.0.'.length)) } : { ...x, field: `section.${x.field}` })),
        );
        if (errs.length || !v.ok) throw appErrors.validation(errs);
        return { form: { sections: [...form.sections, v.data] } };
      });
      return reply.redirect(`${base(slug)}/formulir`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const d = await draftForEditing(request, slug);
      const at = si ?? d.form.sections.length;
      const errs = p.errors.map((x) => {
        if (x.field === `sections.${at}.key`) return { ...x, field: 'section.key' };
        return localFieldError(x, at, 0) ?? x;
      });
      return page(request, reply, (ctx) => <SectionPage ctx={ctx} d={d} si={si} values={values} errors={errs} />, p.status);
    }
  };
  app.post(`${FORM}/bagian/baru`, (request: SlugReq, reply) => saveSection(request, reply, null));
  app.post(`${FORM}/bagian/:si`, (request: FastifyRequest<{ Params: { slug: string; si: string } }>, reply) => saveSection(request, reply, indexParam(request.params.si)));

  // Fields: add and edit.
  app.get(`${FORM}/bagian/:si/isian/baru`, async (request: FastifyRequest<{ Params: { slug: string; si: string } }>, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    const si = indexParam(request.params.si);
    const s = sectionAt(d.form, si);
    return page(request, reply, (ctx) => <FieldPage ctx={ctx} d={d} si={si} fi={s.fields.length} isNew values={{ type: 'text' }} errors={[]} />);
  });
  app.get(`${FORM}/bagian/:si/isian/:fi`, async (request: FieldReq, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    const si = indexParam(request.params.si);
    const fi = indexParam(request.params.fi);
    const f = sectionAt(d.form, si).fields[fi];
    if (!f) throw appErrors.notFound();
    return page(request, reply, (ctx) => <FieldPage ctx={ctx} d={d} si={si} fi={fi} isNew={false} values={fieldToValues(f)} errors={[]} />);
  });

  const saveField = async (request: FastifyRequest<{ Params: { slug: string; si: string; fi?: string } }>, reply: FastifyReply, isNew: boolean) => {
    const slug = request.params.slug;
    const si = indexParam(request.params.si);
    const values = formValuesOf(request.body);
    let fi = isNew ? -1 : indexParam(request.params.fi ?? '');
    try {
      await change(request, slug, values, (d) => {
        const s = sectionAt(d.form, si);
        if (isNew) fi = s.fields.length;
        else if (!s.fields[fi]) throw appErrors.notFound();
        const f = fieldFromValues(values, { form: d.form, si, fi, currentKey: isNew ? undefined : s.fields[fi]!.key });
        const v = validate(formFieldSchema, f.field);
        const errs = mergeErrors(f.errors, v.ok ? [] : v.fields.map((x) => ({ ...x, field: fieldInput(x.field) })));
        if (errs.length || !v.ok) throw appErrors.validation(errs);
        const fields: FormField[] = isNew ? [...s.fields, v.data] : replaceAt(s.fields, fi, v.data);
        return { form: { sections: replaceAt(d.form.sections, si, { ...s, fields }) } };
      });
      return reply.redirect(`${base(slug)}/formulir`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const d = await draftForEditing(request, slug);
      const s = sectionAt(d.form, si);
      if (isNew) fi = s.fields.length;
      else if (!s.fields[fi]) throw appErrors.notFound();
      const errs = p.errors.map((x) => localFieldError(x, si, fi) ?? x);
      return page(request, reply, (ctx) => <FieldPage ctx={ctx} d={d} si={si} fi={fi} isNew={isNew} values={values} errors={errs} />, p.status);
    }
  };
  app.post(`${FORM}/bagian/:si/isian/baru`, (request: FastifyRequest<{ Params: { slug: string; si: string } }>, reply) => saveField(request, reply, true));
  app.post(`${FORM}/bagian/:si/isian/:fi`, (request: FieldReq, reply) => saveField(request, reply, false));

  // JSON import / export.
  app.get(`${FORM}/json`, async (request: SlugReq, reply) => {
    const d = await draftForEditing(request, request.params.slug);
    return page(request, reply, (ctx) => <JsonPage ctx={ctx} d={d} text={JSON.stringify(d.form, null, 2)} problems={[]} />);
  });
  app.post(`${FORM}/json`, async (request: SlugReq, reply) => {
    const slug = request.params.slug;
    const values = formValuesOf(request.body);
    const text = raw(values, 'json');
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        const at = /position (\d+)/.exec(String((err as Error).message));
        const pos = at ? Number(at[1]) : -1;
        const before = pos >= 0 ? text.slice(0, pos).split('\n') : [];
        throw appErrors.validation([
          pos >= 0 ? { field: 'json', key: 'catalog.bo.json.syntax_at', params: { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 } } : { field: 'json', key: 'catalog.bo.json.syntax' },
        ]);
      }
      const v = validate(formDefinitionSchema, parsed);
      if (!v.ok) throw appErrors.validation(v.fields);
      await change(request, slug, values, () => ({ form: v.data }));
      return reply.redirect(`${base(slug)}/formulir`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (!p) throw e;
      const d = await draftForEditing(request, slug);
      return page(
        request,
        reply,
        (ctx) => (
          <JsonPage
            ctx={ctx}
            d={d}
            text={text}
            problems={p.errors.map((x) => ({ anchor: 'f-json', text: x.field && x.field !== 'json' && x.field !== 'form' ? `${x.field}: ${ctx.t(x.key, x.params)}` : ctx.t(x.key, x.params) }))}
          />
        ),
        p.status,
      );
    }
  });

  // Preview: readable by everyone who may read the service.
  app.get(`${ROOT}/:slug/pratinjau`, async (request: SlugReq, reply) => {
    const actor = signedIn(request);
    const d = await catalog.getDraft(actor, request.params.slug);
    const problems = await catalog.publicationProblems(deps.database.db, d.slug);
    return page(request, reply, (ctx) => <PreviewPage ctx={ctx} d={d} problems={problems.formProblems} />);
  });
}

/** A field schema path (`options.1.label`, `visibleIf`) → the field editor's input. */
function fieldInput(path: string): string {
  if (path.startsWith('options')) return 'options';
  if (path === 'visibleIf' || path.startsWith('visibleIf.field')) return 'visibleIf.field';
  if (path.startsWith('visibleIf')) return 'visibleIf.equals';
  if (path === 'rules') return 'rules';
  return path;
}
