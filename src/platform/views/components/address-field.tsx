// One address field for every form (registration, account editing, walk-in registration at
// the counter, application forms): province, regency/city, district and village as cascading
// choices from the official codes (src/platform/area/areas.ts), then the street line.
//
// Without JavaScript each level but the deepest has a "Pilih" submit button
// (`name="_pilih"`): the page's POST handler sees it (`isAddressStep`), keeps everything
// typed and renders the form again with the next level's choices. With JavaScript,
// /assets/address.js fills the next list from GET /api/v1/wilayah/{code} and hides the
// buttons. Input names: `<name>.province` … `<name>.village`, `<name>.street`; ids `f-<input
// name>` so an ErrorSummary links to them.
import type { ComponentChildren } from 'preact';
import { areaByCode, areaChildren, areaLevels, type AreaLevel } from '../../area/areas.ts';
import type { FieldError } from '../../http/errors.ts';
import type { ViewContext } from '../context.ts';

/** The submit button's name: a POST carrying it is a step of the choice, not a submission. */
export const ADDRESS_STEP = '_pilih';

/** Whether a posted body is the no-JavaScript "Pilih" step of an address field. */
export function isAddressStep(body: unknown): boolean {
  return !!body && typeof body === 'object' && ADDRESS_STEP in (body as Record<string, unknown>);
}

type Values = Record<string, string | string[] | undefined>;

function one(values: Values, name: string): string {
  const v = values[name];
  return ((Array.isArray(v) ? v[0] : v) ?? '').trim();
}

export interface AddressFieldProps {
  ctx: ViewContext;
  /** Input name prefix, e.g. `alamat`. */
  name: string;
  legend: ComponentChildren;
  values: Values;
  errors?: FieldError[];
  /** The deepest level asked (default village). */
  deepest?: AreaLevel;
  /** Province chosen when the form is new (the region's own). */
  defaultProvince?: string;
  hint?: ComponentChildren;
  /** Show the street line (default true). */
  street?: boolean;
  /** Attributes for the wrapper (conditional fields). */
  wrapperAttrs?: Record<string, string | undefined>;
  /** Extra class on the wrapper. */
  class?: string;
  /** An address typed as free text before the codes existed, shown so it is not lost. */
  legacyText?: string | null;
}

export function AddressField({ ctx, name, legend, values, errors = [], deepest = 'village', defaultProvince, hint, street = true, wrapperAttrs = {}, class: cls, legacyText }: AddressFieldProps) {
  const { t } = ctx;
  const asked = areaLevels.slice(0, areaLevels.indexOf(deepest) + 1);
  const fresh = asked.every((l) => !(`${name}.${l}` in values)) && !(`${name}.street` in values);
  const chosen: Partial<Record<AreaLevel, string>> = {};
  let parent: string | null = null;
  let open = true;
  const lists = asked.map((level) => {
    const options = open ? areaChildren(parent) : [];
    let code = one(values, `${name}.${level}`) || (level === 'province' && fresh ? (defaultProvince ?? '') : '');
    // A code outside the level above (the level above changed) is not kept.
    if (code && !options.some((o) => o.code === code)) code = '';
    if (code) chosen[level] = code;
    const row = { level, options, code, enabled: open };
    open = open && !!code;
    parent = code || null;
    return row;
  });
  const fieldErrors = errors.filter((e) => e.field === name || e.field.startsWith(`${name}.`));
  const hintId = hint ? `f-${name}-hint` : undefined;
  return (
    <div class={`field address-field${fieldErrors.length ? ' field-error' : ''}${cls ? ` ${cls}` : ''}`} data-address={name} {...wrapperAttrs}>
      <fieldset id={`f-${name}`} aria-describedby={hintId}>
        <legend>{legend}</legend>
        {hint && (
          <p class="hint" id={hintId}>
            {hint}
          </p>
        )}
        {legacyText && <p class="hint">{t('ui.address.legacy', { address: legacyText })}</p>}
        {lists.map(({ level, options, code, enabled }, i) => {
          const input = `${name}.${level}`;
          const err = errors.find((e) => e.field === input);
          const errId = err ? `f-${input}-error` : undefined;
          const last = i === lists.length - 1;
          return (
            <div class="address-level" key={level}>
              <label for={`f-${input}`}>{t(`ui.address.${level}`)}</label>
              {err && (
                <p class="error-message" id={errId}>
                  {t(err.key, err.params)}
                </p>
              )}
              <div class="address-row">
                <select
                  id={`f-${input}`}
                  name={input}
                  data-address-level={level}
                  disabled={!enabled}
                  aria-invalid={err ? 'true' : undefined}
                  aria-describedby={errId}
                >
                  <option value="">{enabled ? t('ui.address.choose_placeholder') : t('ui.address.choose_above')}</option>
                  {options.map((o) => (
                    <option key={o.code} value={o.code} selected={o.code === code}>
                      {o.name}
                    </option>
                  ))}
                </select>
                {!last && (
                  <button type="submit" name={ADDRESS_STEP} value={input} class="secondary address-next" formnovalidate aria-label={t('ui.address.next_for', { level: t(`ui.address.${level}`).toLowerCase() })}>
                    {t('ui.address.next')}
                  </button>
                )}
              </div>
            </div>
          );
        })}
        {street && (
          <div class="address-level">
            <label for={`f-${name}.street`}>{t('ui.address.street')}</label>
            {errors.find((e) => e.field === `${name}.street`) && <p class="error-message">{t('ui.address.v.street')}</p>}
            <input id={`f-${name}.street`} name={`${name}.street`} type="text" value={one(values, `${name}.street`)} maxLength={300} autocomplete="street-address" />
          </div>
        )}
      </fieldset>
      <script src="/assets/address.js" defer />
    </div>
  );
}
