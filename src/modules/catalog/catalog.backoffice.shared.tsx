// Shared parts of the catalogue back office (catalog.backoffice.tsx registers the routes): paths,
// form inputs, the page frame, breadcrumbs and error helpers used by every page group.
import { messageKeyOr, type MessageKey } from '../../platform/views/i18n.ts';
import type { ComponentChildren } from 'preact';
import { can } from '../../platform/auth/policy.ts';
import { AppError, errors as appErrors, type FieldError } from '../../platform/http/errors.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { PostForm, SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { sectors, type ServiceContent } from './catalog.schemas.ts';
import { components } from './catalog.rules.ts';
import { type Catalog } from './catalog.service.ts';
import { list, move, raw, str, type FormValues } from './form-builder.ts';


export type Draft = Awaited<ReturnType<Catalog['getDraft']>>;
export type Requirement = ServiceContent['requirements'][number];
export type Step = ServiceContent['procedure'][number];
export type Citation = ServiceContent['legalBasis'][number];

export const ROOT = '/kelola/layanan';
export const base = (slug: string) => `${ROOT}/${encodeURIComponent(slug)}`;
/** Slugs that would collide with the back office's own paths. */
export const reservedSlugs = new Set(['baru']);

defineMenuLink({ href: ROOT, labelKey: 'catalog.bo.menu', action: 'catalog.service.read', area: 'services', order: 20 });

/** Which editing page holds each component the publication checklist names. */
export const groupOf: Record<string, string> = {
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
export const checklistItems = [...components, 'summary', 'sectors', 'channels', 'counterInfo'] as const;
export const organisationFields = [
  'complaintHandling',
  'facilities',
  'staffCompetence',
  'internalSupervision',
  'serviceGuarantee',
  'securityGuarantee',
  'performanceEvaluation',
] as const;

// ---- Small view helpers -------------------------------------------------------------------

export function rev(d: Draft): string {
  return String(d.updatedAt.getTime());
}

export function Hidden({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}

export function errorFor(errors: FieldError[], name: string) {
  return errors.find((e) => e.field === name);
}

export function TextInput(p: {
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

export function TextArea(p: { ctx: ViewContext; values: FormValues; errors: FieldError[]; name: string; label: string; hint?: string; required?: boolean; rows?: number; maxLength?: number; mono?: boolean }) {
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

export function Select(p: { ctx: ViewContext; values: FormValues; errors: FieldError[]; name: string; label: string; options: { value: string; label: string }[]; required?: boolean }) {
  return <SelectField ctx={p.ctx} form={{ values: {}, errors: p.errors }} name={p.name} label={p.label} options={p.options} required={p.required ?? false} value={str(p.values, p.name)} />;
}

/** Checkboxes (multiple) or radios (one) in a fieldset with a legend. */
export function Choices(p: {
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
export function ActionButton({ ctx, action, label, d, danger, secondary, hiddenLabel }: { ctx: ViewContext; action: string; label: string; d?: Draft; danger?: boolean; secondary?: boolean; hiddenLabel?: string }) {
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
export function ProblemSummary({ ctx, problems }: { ctx: ViewContext; problems: { anchor: string; text: string }[] }) {
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

export const statusKey = (s: 'draft' | 'published' | 'archived') => `catalog.bo.status.${s}` as const;

export function Crumbs({ ctx, d }: { ctx: ViewContext; d?: Draft }) {
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

export function Page({ ctx, title, d, children }: { ctx: ViewContext; title: string; d?: Draft; children: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <Crumbs ctx={ctx} d={d} />
      {children}
    </Layout>
  );
}

export function ArchivedNotice({ ctx, d }: { ctx: ViewContext; d: Draft }) {
  return d.status === 'archived' ? <p class="notice warn">{ctx.t('catalog.bo.archived_notice')}</p> : null;
}

/** The labels the error summary puts before each message. */
export function labelsOf(ctx: ViewContext, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) out[n] = ctx.t(messageKeyOr(`catalog.bo.f.${n}`, 'value.unknown'));
  return out;
}

// ---- Errors and transactions -------------------------------------------------------------

/** A refusal the person can act on (validation, conflict), as field errors; null otherwise. */
export function problemsOf(e: unknown): { status: number; errors: FieldError[] } | null {
  if (!(e instanceof AppError)) return null;
  if (![400, 409, 422].includes(e.status)) return null;
  return { status: e.status, errors: e.fields?.length ? e.fields : [{ field: 'form', key: e.messageKey, params: e.params }] };
}

/** Schema error paths with list indices collapse onto the input that holds the list. */
export function collapse(e: FieldError, names: string[]): FieldError {
  for (const n of names) if (e.field === n || e.field.startsWith(`${n}.`)) return { ...e, field: n };
  return e;
}

export function indexParam(v: string): number {
  if (!/^\d{1,4}$/.test(v)) throw appErrors.notFound();
  return Number(v);
}


/** A field schema path (`options.1.label`, `visibleIf`) → the field editor's input. */
export function fieldInput(path: string): string {
  if (path.startsWith('options')) return 'options';
  if (path === 'visibleIf' || path.startsWith('visibleIf.field')) return 'visibleIf.field';
  if (path.startsWith('visibleIf')) return 'visibleIf.equals';
  if (path === 'rules') return 'rules';
  return path;
}
