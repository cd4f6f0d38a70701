// Catalogue back office, groups (b), (c), (e): requirements, procedure and legal basis, ordered
// lists edited item by item.
import { messageKeyOr, type MessageKey } from '../../platform/views/i18n.ts';
import type { ComponentChildren, VNode } from 'preact';
import type { z } from 'zod';
import { type FieldError } from '../../platform/http/errors.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm } from '../../platform/views/forms.tsx';
import { fileTypes, legalBasisSchema, procedureStepSchema, requirementSchema, type FormDefinition, type ServiceContent } from './catalog.schemas.ts';
import { fieldsUsingRequirement, renameRequirementInForm, requirementFromValues, requirementToValues, str, type FormValues } from './form-builder.ts';
import { ActionButton, ArchivedNotice, Choices, type Citation, type Draft, Hidden, Page, ProblemSummary, type Requirement, type Step, TextArea, TextInput, base, rev } from './catalog.backoffice.shared.tsx';

// ---- Groups (b), (c), (e): ordered lists edited item by item ---------------------------------

export interface ListSpec<T> {
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

export const fileTypeLabel: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

export const requirementsSpec: ListSpec<Requirement> = {
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

export const procedureSpec: ListSpec<Step> = {
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

export const legalSpec: ListSpec<Citation> = {
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

export function ItemsPage<T>({ ctx, d, spec, problems }: { ctx: ViewContext; d: Draft; spec: ListSpec<T>; problems?: FieldError[] }) {
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

export function ItemPage<T>({ ctx, d, spec, index, values, errors }: { ctx: ViewContext; d: Draft; spec: ListSpec<T>; index: number | null; values: FormValues; errors: FieldError[] }) {
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
