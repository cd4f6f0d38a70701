// Filter bar: a GET form (works without JavaScript, the address can be bookmarked), laid out
// in a row on wide screens and stacked on narrow ones, with "apply" and "clear filters".
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../context.ts';

export function FilterBar({
  ctx,
  action,
  children,
  active,
  hidden,
  label,
}: {
  ctx: ViewContext;
  action: string;
  children: ComponentChildren;
  /** Some filter is set: offer "clear filters" (a link to the bare list). */
  active?: boolean;
  /** Values to keep across a new filter (e.g. the sort order). */
  hidden?: Record<string, string | undefined>;
  label?: string;
}) {
  return (
    <form method="get" action={action} class="filter-bar" role="search" aria-label={label ?? ctx.t('ui.filter.label')}>
      {hidden && Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <div class="filter-fields">{children}</div>
      <div class="filter-actions">
        <button type="submit">{ctx.t('ui.filter.apply')}</button>
        {active && (
          <a href={action} class="filter-reset">
            {ctx.t('ui.filter.reset')}
          </a>
        )}
      </div>
    </form>
  );
}

export interface FilterOption {
  value: string;
  label: string;
}

/** A select of the filter bar; the first option ("all …") has the empty value. */
export function FilterSelect({ name, label, options, value, allLabel, id }: { name: string; label: string; options: readonly FilterOption[]; value?: string; allLabel: string; id?: string }) {
  const fid = id ?? `f-${name}`;
  return (
    <div class="field">
      <label for={fid}>{label}</label>
      <select id={fid} name={name}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A text, search or date input of the filter bar, with its error message when the value was refused. */
export function FilterInput({
  name,
  label,
  value,
  type = 'text',
  id,
  hint,
  error,
  maxLength = 120,
}: {
  name: string;
  label: string;
  value?: string;
  type?: 'text' | 'search' | 'date' | 'email';
  id?: string;
  hint?: string;
  error?: string;
  maxLength?: number;
}) {
  const fid = id ?? `f-${name}`;
  const describedBy = [hint ? `${fid}-hint` : '', error ? `${fid}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={fid}>{label}</label>
      {hint && (
        <p class="hint" id={`${fid}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${fid}-error`}>
          {error}
        </p>
      )}
      <input id={fid} name={name} type={type} value={value ?? ''} maxLength={maxLength} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} />
    </div>
  );
}
