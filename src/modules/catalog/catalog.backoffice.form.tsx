// Catalogue back office: the application-form builder (sections, fields), its JSON editor and the
// preview of the service page.
import { type FieldError } from '../../platform/http/errors.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm } from '../../platform/views/forms.tsx';
import { fieldTypes } from './catalog.schemas.ts';
import { bool, conditionValueText, fieldsBefore, str, type FormValues } from './form-builder.ts';
import { FormFields } from './form-render.tsx';
import { ActionButton, ArchivedNotice, type Draft, Hidden, Page, ProblemSummary, Select, TextArea, TextInput, base, errorFor, labelsOf, rev } from './catalog.backoffice.shared.tsx';

// ---- Form builder ---------------------------------------------------------------------------

export const prefills = ['name', 'nik', 'email', 'phone', 'address', 'business_name', 'nib', 'npwp'] as const;

export function BuilderPage({ ctx, d, problems }: { ctx: ViewContext; d: Draft; problems?: FieldError[] }) {
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

export const fieldNames = [
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
export function FieldInputs({ ctx, d, values, errors, si, fi }: { ctx: ViewContext; d: Draft; values: FormValues; errors: FieldError[]; si: number; fi: number }) {
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

export function FieldPage({ ctx, d, si, fi, isNew, values, errors }: { ctx: ViewContext; d: Draft; si: number; fi: number; isNew: boolean; values: FormValues; errors: FieldError[] }) {
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

export function SectionPage({ ctx, d, si, values, errors }: { ctx: ViewContext; d: Draft; si: number | null; values: FormValues; errors: FieldError[] }) {
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

export function JsonPage({ ctx, d, text, problems }: { ctx: ViewContext; d: Draft; text: string; problems: { anchor: string; text: string }[] }) {
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

export function PreviewPage({ ctx, d, problems }: { ctx: ViewContext; d: Draft; problems: FieldError[] }) {
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
