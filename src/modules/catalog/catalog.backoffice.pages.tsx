// Catalogue back office pages: the list, a new service, the overview with its checklist, and
// the single-page groups (a) general, (d) time, fee and product, (f) organisation.
import { messageKeyOr, type MessageKey } from '../../platform/views/i18n.ts';
import { DataTable, FilterBar, FilterSelect, shortDateTime, sortHref, sortRows, StatusTag, type SortState } from '../../platform/views/components/index.ts';
import { type FieldError } from '../../platform/http/errors.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm } from '../../platform/views/forms.tsx';
import { sectors, type ServiceContent } from './catalog.schemas.ts';
import { unboundDocumentRequirements } from './catalog.rules.ts';
import { type ServiceSummary } from './catalog.service.ts';
import { bool, formatRupiahInput, list, parseKeywords, parseRupiah, parseWhole, str, type FormValues } from './form-builder.ts';
import { fieldLabel } from './form-render.tsx';
import { ActionButton, ArchivedNotice, Choices, type Draft, Hidden, Page, ProblemSummary, ROOT, Select, TextArea, TextInput, base, checklistItems, groupOf, labelsOf, organisationFields, rev, statusKey } from './catalog.backoffice.shared.tsx';

// ---- Pages: list and create ----------------------------------------------------------------

/** The list's sortable columns; the default (the service's own order) is the latest change first. */
export const catalogSortKeys = ['name', 'agency', 'status', 'version', 'updated'] as const;
export type CatalogSortKey = (typeof catalogSortKeys)[number];
export const catalogDefaultSort: SortState<CatalogSortKey> = { key: 'updated', dir: 'desc' };

export function ListPage({
  ctx,
  items,
  agencies,
  status,
  agencyId,
  canCreate,
  sort = catalogDefaultSort,
}: {
  ctx: ViewContext;
  sort?: SortState<CatalogSortKey>;
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
        rows={sortRows(items, sort, (s, k) => (k === 'name' ? s.name : k === 'agency' ? s.agencyName : k === 'status' ? t(statusKey(s.status)) : k === 'version' ? s.currentVersion : s.updatedAt))}
        rowKey={(s) => s.id}
        empty={t('catalog.bo.list.none')}
        sort={sort}
        sortLink={(key, dir) => sortHref(ROOT, { status, instansi: agencyId }, key, dir)}
        columns={[
          { key: 'name', label: t('catalog.bo.list.name'), sortable: true, primary: true, cell: (s) => <a href={base(s.slug)}>{s.name}</a> },
          { key: 'agency', label: t('catalog.bo.list.agency'), sortable: true, cell: (s) => s.agencyName },
          { key: 'status', label: t('catalog.bo.list.status'), sortable: true, cell: (s) => <StatusTag tone={s.status === 'published' ? 'success' : s.status === 'draft' ? 'info' : 'neutral'}>{t(statusKey(s.status))}</StatusTag> },
          { key: 'version', label: t('catalog.bo.list.version'), sortable: true, num: true, cell: (s) => s.currentVersion ?? '—' },
          { key: 'updated', label: t('catalog.bo.list.updated'), sortable: true, nowrap: true, cell: (s) => shortDateTime(ctx, s.updatedAt) },
        ]}
      />
    </Page>
  );
}

export function NewPage({ ctx, agencies, values, errors }: { ctx: ViewContext; agencies: { id: string; name: string }[]; values: FormValues; errors: FieldError[] }) {
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

export interface OverviewData {
  d: Draft;
  missing: string[];
  formProblems: FieldError[];
  versions: { version: number; published_at: Date }[];
  canWrite: boolean;
  canPublish: boolean;
}

export function Overview({ ctx, data, refused, notice }: { ctx: ViewContext; data: OverviewData; refused?: FieldError[]; notice?: string }) {
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

export const generalNames = ['name', 'nameEn', 'summary', 'summaryEn', 'sectors', 'keywords', 'channels', 'counterInfo', 'contact.phone', 'contact.email', 'contact.address', 'contact.hours'];

export function generalValues(c: ServiceContent): FormValues {
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

export function generalContent(c: ServiceContent, v: FormValues): unknown {
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

export function GeneralPage({ ctx, d, values, errors }: { ctx: ViewContext; d: Draft; values: FormValues; errors: FieldError[] }) {
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

export const MAX_TARIFF_LINES = 50;

export function feeValues(d: Draft): FormValues {
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
export function feeContent(c: ServiceContent, v: FormValues): { content: Record<string, unknown>; errors: FieldError[]; lineRows: number[] } {
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
export function feeErrorField(field: string, lineRows: number[], blankRow: number): string {
  const m = /^fee\.lines\.(\d+)\.(\w+)/.exec(field);
  if (m) return `lines.${lineRows[Number(m[1])] ?? blankRow}.${m[2]}`;
  if (field === 'fee.lines') return `lines.${blankRow}.label`;
  if (field.startsWith('product.validity.')) return field.replace('product.validity.', 'product.');
  if (field === 'fee') return 'fee.kind';
  return field;
}

export function FeePage({ ctx, d, values, errors }: { ctx: ViewContext; d: Draft; values: FormValues; errors: FieldError[] }) {
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

export function organisationValues(c: ServiceContent): FormValues {
  const v: FormValues = { staffCount: c.staffCount === null ? '' : String(c.staffCount) };
  for (const n of organisationFields) v[n] = c[n];
  return v;
}

export function OrganisationPage({ ctx, d, values, errors }: { ctx: ViewContext; d: Draft; values: FormValues; errors: FieldError[] }) {
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
