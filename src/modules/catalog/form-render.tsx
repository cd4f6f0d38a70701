// Renders a service's application form definition as HTML inputs, the way an applicant sees
// it: labels (English when chosen and given), help, required/optional markers, one input per
// type, the address as province/regency/district/village, uploads with their accepted types.
// Used by the back-office preview, and meant to be reused by the applications module (with
// values and errors) and the portal. Works without JavaScript: a conditional field is shown
// with "isi bila <field> = <value>" instead of "(wajib)", and the server requires it only when
// its condition holds (applications.validate.ts). With JavaScript, /assets/conditional.js
// hides it while the condition does not hold and then marks it "(wajib)" (data-show-if,
// data-show-value and data-when-shown carry what the script needs).
//
// Input names: the field key; an address adds `.province`, `.regency`, `.district`,
// `.village` and `.street`; choices with several answers repeat the key. Ids are `f-<name>`
// so an ErrorSummary links to them.
import { provinceOfKode } from '../../platform/area/areas.ts';
import { AddressField } from '../../platform/views/components/address-field.tsx';
import type { FieldError } from '../../platform/http/errors.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import type { FormDefinition, FormField, ServiceContent } from './catalog.schemas.ts';

export type RenderValues = Record<string, string | string[] | undefined>;

const fileTypeLabel: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };
const fileTypeExt: Record<string, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg,.jpeg', 'image/png': '.png' };

function one(values: RenderValues, name: string): string {
  const v = values[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

function many(values: RenderValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}

export function fieldLabel(ctx: ViewContext, f: Pick<FormField, 'label' | 'labelEn'>): string {
  return ctx.locale === 'en' && f.labelEn ? f.labelEn : f.label;
}

interface Props {
  ctx: ViewContext;
  form: FormDefinition;
  values?: RenderValues;
  errors?: FieldError[];
  /** The service's requirements, to describe uploads (accepted types, size). */
  requirements?: ServiceContent['requirements'];
  /**
   * Say "filled from your account" on prefill fields (the back-office preview). The apply page
   * renders only the prefill fields the account does not hold, which are typed: no note there.
   */
  prefillNote?: boolean;
}

/** Every section of the form as a fieldset with its fields. */
export function FormFields({ ctx, form, values = {}, errors = [], requirements = [], prefillNote = true }: Props) {
  const byKey = new Map(form.sections.flatMap((s) => s.fields.map((f) => [f.key, f] as const)));
  const anyConditional = [...byKey.values()].some((f) => f.visibleIf);
  return (
    <>
      {anyConditional && <script src="/assets/conditional.js" defer />}
      {form.sections.map((s) => (
        <fieldset key={s.key} class="form-section" id={`section-${s.key}`}>
          <legend>
            <h2>{ctx.locale === 'en' && s.titleEn ? s.titleEn : s.title}</h2>
          </legend>
          {s.fields.map((f) => (
            <FormFieldInput key={f.key} ctx={ctx} field={f} values={values} errors={errors} requirements={requirements} byKey={byKey} prefillNote={prefillNote} />
          ))}
        </fieldset>
      ))}
    </>
  );
}

/** The condition of a conditional field in words: the other field's label and the answer's label. */
export function conditionWords(ctx: ViewContext, f: FormField, byKey: Map<string, FormField>): { field: string; value: string } | null {
  if (!f.visibleIf) return null;
  const target = byKey.get(f.visibleIf.field);
  const name = target ? fieldLabel(ctx, target) : f.visibleIf.field;
  const eq = f.visibleIf.equals;
  let value: string;
  if (typeof eq === 'boolean' || target?.type === 'yesno') value = ctx.t(String(eq) === 'true' ? 'catalog.render.yes' : 'catalog.render.no');
  else value = target?.options.find((o) => o.value === String(eq))?.label ?? String(eq);
  return { field: name, value };
}

function FormFieldInput({
  ctx,
  field: f,
  values,
  errors,
  requirements,
  byKey,
  prefillNote,
}: {
  ctx: ViewContext;
  prefillNote: boolean;
  field: FormField;
  values: RenderValues;
  errors: FieldError[];
  requirements: ServiceContent['requirements'];
  byKey: Map<string, FormField>;
}) {
  const { t } = ctx;
  const id = `f-${f.key}`;
  const err = errors.find((e) => e.field === f.key || e.field.startsWith(`${f.key}.`));
  const label = fieldLabel(ctx, f);
  // A conditional field says when to fill it in; with JavaScript it is only shown then, and
  // the script puts the plain marker back.
  const cond = conditionWords(ctx, f, byKey);
  const plainMarker = f.required ? t('catalog.render.required') : t('form.optional');
  const marker = cond ? (
    <span class="muted" data-when-shown={plainMarker}>
      {t(f.required ? 'catalog.render.fill_when' : 'catalog.render.may_fill_when', cond)}
    </span>
  ) : (
    <span class="muted">{plainMarker}</span>
  );
  const notes: string[] = [];
  if (f.help) notes.push(f.help);
  if (f.prefill && prefillNote) notes.push(t('catalog.render.prefilled'));
  const typeHint: Record<string, string> = {
    nik: t('catalog.render.hint.nik'),
    nib: t('catalog.render.hint.nib'),
    phone: t('catalog.render.hint.phone'),
    date: t('catalog.render.hint.date'),
  };
  if (typeHint[f.type]) notes.push(typeHint[f.type]!);
  if (f.type === 'file') {
    const req = requirements.find((r) => r.key === f.requirementKey);
    if (req) {
      notes.push(
        t('catalog.render.hint.file', {
          requirement: req.name,
          types: req.fileTypes.map((x) => fileTypeLabel[x] ?? x).join('/') || 'PDF',
          size: req.maxSizeMb,
        }),
      );
    }
  }
  const hintId = notes.length ? `${id}-hint` : undefined;
  const errId = err ? `${id}-error` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  const Hint = () =>
    notes.length ? (
      <p class="hint" id={hintId}>
        {notes.map((n, i) => (
          <span key={i}>
            {i > 0 && <br />}
            {n}
          </span>
        ))}
      </p>
    ) : null;
  const ErrorLine = () =>
    err ? (
      <p class="error-message" id={errId}>
        {t(err.key, err.params)}
      </p>
    ) : null;
  const cls = `field${err ? ' field-error' : ''}${f.visibleIf ? ' conditional' : ''}`;
  const invalid = err ? 'true' : undefined;
  const condAttrs = f.visibleIf ? { 'data-show-if': f.visibleIf.field, 'data-show-value': String(f.visibleIf.equals) } : {};

  // Groups of radios/checkboxes and the address are fieldsets with a legend.
  if (f.type === 'yesno' || (f.type === 'choice' && (f.multiple || f.options.length <= 6))) {
    const opts = f.type === 'yesno' ? [{ value: 'true', label: t('catalog.render.yes') }, { value: 'false', label: t('catalog.render.no') }] : f.options;
    const multiple = f.type === 'choice' && f.multiple;
    const chosen = many(values, f.key);
    return (
      <div class={cls} {...condAttrs}>
        <fieldset aria-describedby={describedBy}>
          <legend>
            {label} {marker}
          </legend>
          <Hint />
          <ErrorLine />
          {opts.map((o, i) => (
            <label class="choice" for={i === 0 ? id : `${id}-${i}`} key={o.value}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                id={i === 0 ? id : `${id}-${i}`}
                name={f.key}
                value={o.value}
                checked={chosen.includes(o.value)}
                aria-invalid={invalid}
              />{' '}
              {o.label}
            </label>
          ))}
        </fieldset>
      </div>
    );
  }

  if (f.type === 'address') {
    return (
      <AddressField
        ctx={ctx}
        name={f.key}
        class={cls.replace(/^field( field-error)?/, '').trim() || undefined}
        wrapperAttrs={condAttrs}
        legend={
          <>
            {label} {marker}
          </>
        }
        hint={notes.length ? notes.join(' ') : undefined}
        values={values}
        errors={errors}
        deepest={f.addressLevel ?? 'village'}
        defaultProvince={provinceOfKode(ctx.regionCode)}
      />
    );
  }

  let input;
  const value = one(values, f.key);
  switch (f.type) {
    case 'textarea':
      input = (
        <textarea id={id} name={f.key} rows={4} maxLength={f.rules.maxLength} aria-invalid={invalid} aria-describedby={describedBy}>
          {value}
        </textarea>
      );
      break;
    case 'choice':
      input = (
        <select id={id} name={f.key} aria-invalid={invalid} aria-describedby={describedBy}>
          <option value="">—</option>
          {f.options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'file': {
      const req = requirements.find((r) => r.key === f.requirementKey);
      const accept = (req?.fileTypes.length ? req.fileTypes : ['application/pdf']).flatMap((x) => [x, fileTypeExt[x] ?? '']).filter(Boolean).join(',');
      input = <input id={id} name={f.key} type="file" accept={accept} aria-invalid={invalid} aria-describedby={describedBy} />;
      break;
    }
    default: {
      const attrs: Record<string, string | number | undefined> = { type: 'text' };
      if (f.type === 'text') Object.assign(attrs, { maxLength: f.rules.maxLength });
      if (f.type === 'number') Object.assign(attrs, { inputMode: 'decimal' });
      if (f.type === 'date') Object.assign(attrs, { type: 'date', min: f.rules.minDate, max: f.rules.maxDate });
      if (f.type === 'nik') Object.assign(attrs, { inputMode: 'numeric', maxLength: 16, autocomplete: 'off' });
      if (f.type === 'nib') Object.assign(attrs, { inputMode: 'numeric', maxLength: 13, autocomplete: 'off' });
      if (f.type === 'phone') Object.assign(attrs, { type: 'tel', autocomplete: 'tel' });
      if (f.type === 'email') Object.assign(attrs, { type: 'email', autocomplete: 'email' });
      input = <input id={id} name={f.key} value={value} aria-invalid={invalid} aria-describedby={describedBy} {...attrs} />;
    }
  }
  return (
    <div class={cls} {...condAttrs}>
      <label for={id}>
        {label} {marker}
      </label>
      <Hint />
      <ErrorLine />
      {input}
    </div>
  );
}
