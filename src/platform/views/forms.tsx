import type { ComponentChildren } from 'preact';
import type { FieldError } from '../http/errors.ts';
import type { FormState, ViewContext } from './context.ts';

/**
 * GOV.UK-style error summary at the top of a failed form: a heading, and a link to each
 * field in error. It takes focus (autofocus) so screen-reader users hear it first.
 */
export function ErrorSummary({ ctx, errors, labels }: { ctx: ViewContext; errors: FieldError[]; labels: Record<string, string> }) {
  if (!errors.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autofocus>
      <h2 id="error-summary-title">{ctx.t('form.errors.title')}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field}>
            <a href={`#f-${e.field}`}>
              {labels[e.field] ? `${labels[e.field]}: ` : ''}
              {ctx.t(e.key, e.params)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function fieldError(form: FormState, name: string): FieldError | undefined {
  return form.errors.find((e) => e.field === name);
}

interface FieldProps {
  ctx: ViewContext;
  form: FormState;
  name: string;
  label: string;
  type?: string;
  hint?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  required?: boolean;
  value?: string;
  maxLength?: number;
}

export function TextField({ ctx, form, name, label, type = 'text', hint, autocomplete, inputmode, required = true, value, maxLength }: FieldProps) {
  const shown = type === 'password' ? '' : (value ?? form.values[name] ?? '');
  return (
    <FieldFrame ctx={ctx} form={form} name={name} label={label} hint={hint} required={required}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={name}
          type={type}
          value={shown}
          autocomplete={autocomplete}
          inputMode={inputmode}
          required={required}
          maxLength={maxLength}
          aria-invalid={invalid}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

/**
 * The frame every field shares: label (with "optional"), hint and error message, and the ids
 * the control must point to with aria-describedby.
 */
export function FieldFrame({
  ctx,
  form,
  name,
  label,
  hint,
  required,
  preHint,
  children,
}: {
  ctx: ViewContext;
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required: boolean;
  /** Keep line breaks of the hint. */
  preHint?: boolean;
  children: (control: { id: string; describedBy: string | undefined; invalid: 'true' | undefined }) => ComponentChildren;
}) {
  const err = fieldError(form, name);
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${err ? ' field-error' : ''}`}>
      <label for={id}>
        {label} {!required && <span class="muted">{ctx.t('form.optional')}</span>}
      </label>
      {hint && (
        <p class={preHint ? 'hint pre' : 'hint'} id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {err && (
        <p class="error-message" id={`${id}-error`}>
          {ctx.t(err.key, err.params)}
        </p>
      )}
      {children({ id, describedBy, invalid: err ? 'true' : undefined })}
    </div>
  );
}

export function TextAreaField({
  ctx,
  form,
  name,
  label,
  hint,
  required = true,
  rows = 4,
  maxLength,
  mono,
  preHint,
  value,
}: {
  ctx: ViewContext;
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  rows?: number;
  maxLength?: number;
  mono?: boolean;
  preHint?: boolean;
  value?: string;
}) {
  return (
    <FieldFrame ctx={ctx} form={form} name={name} label={label} hint={hint} required={required} preHint={preHint}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} name={name} rows={rows} required={required} maxLength={maxLength} aria-invalid={invalid} aria-describedby={describedBy} class={mono ? 'mono' : undefined}>
          {value ?? form.values[name] ?? ''}
        </textarea>
      )}
    </FieldFrame>
  );
}

export function SelectField({
  ctx,
  form,
  name,
  label,
  options,
  required = true,
  value,
  hint,
}: {
  ctx: ViewContext;
  form: FormState;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  required?: boolean;
  value?: string;
  hint?: string;
}) {
  const current = value ?? form.values[name] ?? '';
  return (
    <FieldFrame ctx={ctx} form={form} name={name} label={label} hint={hint} required={required}>
      {({ id, describedBy, invalid }) => (
        <select id={id} name={name} required={required} aria-invalid={invalid} aria-describedby={describedBy}>
          <option value="">—</option>
          {options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === current}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A POST form that always carries the CSRF token. */
export function PostForm({ ctx, action, children, class: cls }: { ctx: ViewContext; action: string; children: ComponentChildren; class?: string }) {
  return (
    <form method="post" action={action} class={cls} novalidate>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {children}
    </form>
  );
}
