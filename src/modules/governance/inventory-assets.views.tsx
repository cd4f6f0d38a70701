// Pages of the ICT asset register (G-6): the list, the form and the CSV import.
// Server-rendered, no JavaScript needed; failed forms come back with what was typed.
import type { FieldError } from '../../platform/http/errors.ts';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, SelectField, TextField } from '../../platform/views/forms.tsx';
import { formatRupiah } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { acquisitionMethods, assetCategories, assetConditions, assetStatuses, fundingSources } from './inventory.schemas.ts';
import type { AssetView, ImportLineError } from './inventory.service.ts';
import { opts, Crumbs, Notice, FilterSelect, FormPage, dateText, type AgencyOption, ASSETS_PATH } from './inventory.views.tsx';

// ---------------------------------------------------------------------------------------------
// Assets

export function AssetsPage({
  ctx,
  items,
  agencies,
  filters,
  canCreate,
  canManageAgency,
  notice,
}: {
  ctx: ViewContext;
  items: AssetView[];
  agencies: AgencyOption[];
  filters: Record<string, string | undefined>;
  canCreate: boolean;
  canManageAgency: (agencyId: string) => boolean;
  notice?: string;
}) {
  const { t } = ctx;
  const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => !!v) as [string, string][]);
  qs.set('format', 'csv');
  return (
    <Layout ctx={ctx} title={t('gov.inv.asset.title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('gov.inv.asset.title')}</h1>
      <p class="lead">{t('gov.inv.asset.lead')}</p>
      <Notice text={notice} />
      {canCreate && (
        <p>
          <a class="button" href={`${ASSETS_PATH}/baru`}>
            {t('gov.inv.asset.new')}
          </a>{' '}
          <a class="button secondary" href={`${ASSETS_PATH}/impor`}>
            {t('gov.inv.asset.import')}
          </a>
        </p>
      )}
      <form method="get" action={ASSETS_PATH} class="filters">
        {agencies.length > 1 && <FilterSelect ctx={ctx} name="instansi" label={t('gov.inv.agency')} value={filters.instansi} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />}
        <FilterSelect ctx={ctx} name="kategori" label={t('gov.inv.asset.category')} value={filters.kategori} options={opts(ctx, 'gov.inv.asset.category', assetCategories)} />
        <FilterSelect ctx={ctx} name="kondisi" label={t('gov.inv.asset.condition')} value={filters.kondisi} options={opts(ctx, 'gov.inv.asset.condition', assetConditions)} />
        <FilterSelect ctx={ctx} name="status" label={t('gov.inv.asset.status')} value={filters.status} options={opts(ctx, 'gov.inv.asset.status', assetStatuses)} />
        <button type="submit">{t('gov.inv.filter')}</button>
      </form>
      <p>
        <a href={`${ASSETS_PATH}?${qs.toString()}`}>{t('gov.inv.export_csv')}</a>
      </p>
      {items.length === 0 ? (
        <p>{t('gov.inv.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('gov.inv.asset.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gov.inv.asset.code')}</th>
                <th scope="col">{t('gov.inv.asset.name')}</th>
                <th scope="col">{t('gov.inv.agency')}</th>
                <th scope="col">{t('gov.inv.asset.category')}</th>
                <th scope="col">{t('gov.inv.asset.location')}</th>
                <th scope="col">{t('gov.inv.asset.value')}</th>
                <th scope="col">{t('gov.inv.asset.condition')}</th>
                <th scope="col">{t('gov.inv.asset.status')}</th>
                <th scope="col">{t('gov.inv.asset.licence_expires')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{canManageAgency(a.agencyId) ? <a href={`${ASSETS_PATH}/${a.id}/ubah`}>{a.code}</a> : a.code}</th>
                  <td>{a.name}</td>
                  <td>{a.agencyName}</td>
                  <td>{t(`gov.inv.asset.category.${a.category}`)}</td>
                  <td>{a.location}</td>
                  <td>{formatRupiah(a.value)}</td>
                  <td>{t(`gov.inv.asset.condition.${a.condition}`)}</td>
                  <td>
                    {t(`gov.inv.asset.status.${a.status}`)}
                    {a.status === 'disposed' && a.disposedOn && ` (${dateText(ctx, a.disposedOn)})`}
                  </td>
                  <td>{a.licenceExpiresOn ? dateText(ctx, a.licenceExpiresOn) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function assetLabels(ctx: ViewContext): Record<string, string> {
  const { t } = ctx;
  return {
    agencyId: t('gov.inv.agency'),
    code: t('gov.inv.asset.code'),
    name: t('gov.inv.asset.name'),
    category: t('gov.inv.asset.category'),
    location: t('gov.inv.asset.location'),
    acquiredOn: t('gov.inv.asset.acquired_on'),
    acquisitionMethod: t('gov.inv.asset.method'),
    value: t('gov.inv.asset.value'),
    fundingSource: t('gov.inv.asset.funding'),
    condition: t('gov.inv.asset.condition'),
    status: t('gov.inv.asset.status'),
    disposedOn: t('gov.inv.asset.disposed_on'),
    disposalReason: t('gov.inv.asset.disposal_reason'),
    licenceExpiresOn: t('gov.inv.asset.licence_expires'),
  };
}

export function AssetFormPage({ ctx, form, agencies, editing }: { ctx: ViewContext; form: FormState; agencies: AgencyOption[]; editing?: { id: string; code: string; version: number } }) {
  const { t } = ctx;
  const title = editing ? t('gov.inv.asset.edit_title', { code: editing.code }) : t('gov.inv.asset.new');
  return (
    <FormPage ctx={ctx} title={title} form={form} labels={assetLabels(ctx)} action={editing ? `${ASSETS_PATH}/${editing.id}/ubah` : ASSETS_PATH}>
      {editing && <input type="hidden" name="version" value={form.values.version ?? String(editing.version)} />}
      <SelectField ctx={ctx} form={form} name="agencyId" label={t('gov.inv.agency')} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
      <TextField ctx={ctx} form={form} name="code" label={t('gov.inv.asset.code')} maxLength={60} />
      <TextField ctx={ctx} form={form} name="name" label={t('gov.inv.asset.name')} maxLength={200} />
      <SelectField ctx={ctx} form={form} name="category" label={t('gov.inv.asset.category')} options={opts(ctx, 'gov.inv.asset.category', assetCategories)} />
      <TextField ctx={ctx} form={form} name="location" label={t('gov.inv.asset.location')} required={false} maxLength={300} />
      <TextField ctx={ctx} form={form} name="acquiredOn" type="date" label={t('gov.inv.asset.acquired_on')} required={false} />
      <SelectField ctx={ctx} form={form} name="acquisitionMethod" label={t('gov.inv.asset.method')} options={opts(ctx, 'gov.inv.asset.method', acquisitionMethods)} />
      <TextField ctx={ctx} form={form} name="value" label={t('gov.inv.asset.value')} inputmode="numeric" maxLength={20} />
      <SelectField ctx={ctx} form={form} name="fundingSource" label={t('gov.inv.asset.funding')} options={opts(ctx, 'gov.inv.asset.funding', fundingSources)} />
      <SelectField ctx={ctx} form={form} name="condition" label={t('gov.inv.asset.condition')} options={opts(ctx, 'gov.inv.asset.condition', assetConditions)} />
      <SelectField ctx={ctx} form={form} name="status" label={t('gov.inv.asset.status')} options={opts(ctx, 'gov.inv.asset.status', assetStatuses)} />
      <TextField ctx={ctx} form={form} name="disposedOn" type="date" label={t('gov.inv.asset.disposed_on')} required={false} />
      <TextField ctx={ctx} form={form} name="disposalReason" label={t('gov.inv.asset.disposal_reason')} required={false} maxLength={1000} />
      <TextField ctx={ctx} form={form} name="licenceExpiresOn" type="date" label={t('gov.inv.asset.licence_expires')} required={false} />
    </FormPage>
  );
}

export function AssetImportPage({
  ctx,
  agencies,
  agencyId,
  lineErrors,
  formErrors,
}: {
  ctx: ViewContext;
  agencies: AgencyOption[];
  agencyId?: string;
  lineErrors?: ImportLineError[];
  formErrors?: FieldError[];
}) {
  const { t } = ctx;
  const labels = assetLabels(ctx);
  const fileErr = formErrors?.find((e) => e.field === 'file');
  return (
    <Layout ctx={ctx} title={t('gov.inv.asset.import_title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <p>
        <a href={ASSETS_PATH}>{t('gov.inv.asset.title')}</a>
      </p>
      <h1>{t('gov.inv.asset.import_title')}</h1>
      <p class="lead">{t('gov.inv.asset.import_lead')}</p>
      <p>
        <a href={`${ASSETS_PATH}/templat.csv`}>{t('gov.inv.asset.template')}</a>
      </p>
      {formErrors && <ErrorSummary ctx={ctx} errors={formErrors} labels={{ file: t('gov.inv.asset.file'), agencyId: t('gov.inv.agency') }} />}
      {lineErrors && lineErrors.length > 0 && (
        <div class="error-summary" role="alert" aria-labelledby="import-error-title" tabIndex={-1}>
          <h2 id="import-error-title">{t('gov.inv.asset.import_failed', { count: lineErrors.length })}</h2>
          <ul>
            {lineErrors.map((e, i) => (
              <li key={i}>
                {t('gov.inv.import.line', { line: e.line })}: {e.field ? `${labels[e.field] ?? e.field}: ` : ''}
                {t(e.key, e.params)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={`${ASSETS_PATH}/impor`} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <SelectField ctx={ctx} form={{ values: { agencyId: agencyId ?? '' }, errors: formErrors ?? [] }} name="agencyId" label={t('gov.inv.agency')} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
        <div class={fileErr ? 'field field-error' : 'field'}>
          <label for="f-file">{t('gov.inv.asset.file')}</label>
          {fileErr && (
            <p class="error-message" id="f-file-error">
              {t(fileErr.key, fileErr.params)}
            </p>
          )}
          <input id="f-file" name="file" type="file" accept=".csv,text/csv" aria-invalid={fileErr ? 'true' : undefined} aria-describedby={fileErr ? 'f-file-error' : undefined} />
        </div>
        <button type="submit">{t('gov.inv.asset.import_submit')}</button>
      </form>
    </Layout>
  );
}
