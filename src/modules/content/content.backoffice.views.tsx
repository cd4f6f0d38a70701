// Back-office pages of the information layer (/kelola/konten, /kelola/hukum): plain HTML
// forms that work without JavaScript, an error summary and every typed value kept on errors.
import { DataTable, FilterBar, FilterSelect, shortDate, sortHref, sortRows, StatusTag, type SortState } from '../../platform/views/components/index.ts';
import type { ComponentChildren } from 'preact';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, fieldError, PostForm, SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { ContentKind, ContentStatus } from '../../platform/db/schema.ts';
import { contentKinds, legalStatuses, legalTypes } from './content.schemas.ts';
import { contentUrl, type ContentItem, type LegalDocument } from './content.service.ts';
import { formatSize, LegalFilterForm, legalTitle, type LegalFilter } from './content.views.tsx';
import { messageKeyOr } from '../../platform/views/i18n.ts';

export interface AgencyOption {
  /** '' for region level. */
  id: string;
  name: string;
}


/** A multipart POST form (file upload) that carries the CSRF token in its body. */
function UploadForm({ ctx, action, children }: { ctx: ViewContext; action: string; children: ComponentChildren }) {
  return (
    <form method="post" action={action} enctype="multipart/form-data" novalidate>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {children}
    </form>
  );
}

function FileField({ ctx, form, label, hint }: { ctx: ViewContext; form: FormState; label: string; hint: string }) {
  const err = fieldError(form, 'file');
  return (
    <div class={`field${err ? ' field-error' : ''}`}>
      <label for="f-file">{label}</label>
      <p class="hint" id="f-file-hint">
        {hint}
      </p>
      {err && (
        <p class="error-message" id="f-file-error">
          {ctx.t(err.key, err.params)}
        </p>
      )}
      <input id="f-file" name="file" type="file" accept="application/pdf,.pdf" aria-invalid={err ? 'true' : undefined} aria-describedby={err ? 'f-file-hint f-file-error' : 'f-file-hint'} />
    </div>
  );
}

function Flash({ ctx, flash }: { ctx: ViewContext; flash?: string }) {
  return flash ? (
    <p class="notice" role="status">
      {ctx.t(messageKeyOr(`content.flash.${flash}`, 'value.unknown'))}
    </p>
  ) : null;
}

// ---- content items --------------------------------------------------------------------

/** The columns the content list sorts by (`?urut=…&arah=naik|turun`), newest change first by default. */
export const contentSortKeys = ['title', 'kind', 'status', 'agency', 'updated'] as const;
export type ContentSortKey = (typeof contentSortKeys)[number];
export const contentDefaultSort: SortState<ContentSortKey> = { key: 'updated', dir: 'desc' };

export function ContentListView({
  ctx,
  items,
  total,
  filter,
  canCreate,
  sort = contentDefaultSort,
}: {
  ctx: ViewContext;
  items: (ContentItem & { canEdit: boolean })[];
  total: number;
  filter: { kind?: ContentKind; status?: ContentStatus; mine?: boolean };
  canCreate: boolean;
  sort?: SortState<ContentSortKey>;
}) {
  const { t } = ctx;
  const here = { jenis: filter.kind, status: filter.status, milik: filter.mine ? 'saya' : undefined };
  const kept = sort.key === contentDefaultSort.key && sort.dir === contentDefaultSort.dir ? {} : { urut: sort.key, arah: sort.dir === 'desc' ? 'turun' : 'naik' };
  // The list is at most 200 items (not paged): sorted here, by what the reader sees.
  const rows = sortRows(items, sort, (i, k) =>
    k === 'title' ? i.title : k === 'kind' ? t(`content.kind.${i.kind}`) : k === 'status' ? t(`content.status.${i.status}`) : k === 'agency' ? (i.agencyName ?? t('content.region_level')) : i.updatedAt,
  );
  return (
    <Layout ctx={ctx} title={t('content.admin.title')} face="backoffice">
      <h1>{t('content.admin.title')}</h1>
      <p class="lead">{t('content.admin.lead')}</p>
      {canCreate && (
        <p>
          <a class="button" href="/kelola/konten/baru">
            {t('content.admin.new')}
          </a>
        </p>
      )}
      <FilterBar ctx={ctx} action="/kelola/konten" active={Boolean(filter.kind || filter.status || filter.mine)} hidden={kept}>
        <FilterSelect name="jenis" label={t('content.field.kind')} allLabel={t('content.filter.all_kinds')} value={filter.kind} options={contentKinds.map((k) => ({ value: k, label: t(`content.kind.${k}`) }))} />
        <FilterSelect name="status" label={t('content.field.status')} allLabel={t('content.filter.all_statuses')} value={filter.status} options={(['draft', 'published', 'archived'] as const).map((s) => ({ value: s, label: t(`content.status.${s}`) }))} />
        <div class="field">
          <label class="choice">
            <input type="checkbox" name="milik" value="saya" checked={filter.mine} /> {t('content.filter.mine')}
          </label>
        </div>
      </FilterBar>
      <h2>{t('content.admin.count', { count: total })}</h2>
      <DataTable
        ctx={ctx}
        caption={t('content.admin.title')}
        captionHidden
        rows={rows}
        rowKey={(i) => i.id}
        sort={sort}
        sortLink={(key, dir) => sortHref('/kelola/konten', here, key, dir)}
        columns={[
          {
            key: 'title',
            label: t('content.field.title'),
            primary: true,
            sortable: true,
            cell: (i) => (
              <>
                <a href={`/kelola/konten/${i.id}`}>{i.title}</a>
                {!i.canEdit && <span class="muted"> · {t('content.read_only')}</span>}
              </>
            ),
          },
          { key: 'kind', label: t('content.field.kind'), sortable: true, cell: (i) => t(`content.kind.${i.kind}`) },
          { key: 'status', label: t('content.field.status'), sortable: true, cell: (i) => <StatusTag tone={i.status === 'published' ? 'success' : i.status === 'draft' ? 'info' : 'neutral'}>{t(`content.status.${i.status}`)}</StatusTag> },
          { key: 'agency', label: t('content.field.agency'), sortable: true, cell: (i) => i.agencyName ?? t('content.region_level') },
          { key: 'author', label: t('content.field.author'), cell: (i) => i.createdByName ?? '—' },
          { key: 'updated', label: t('content.field.updated'), nowrap: true, sortable: true, cell: (i) => shortDate(ctx, i.updatedAt) },
        ]}
      />
    </Layout>
  );
}

const bodyHintKey = 'content.field.body_hint';

export const contentFieldLabels = (ctx: ViewContext): Record<string, string> => ({
  kind: ctx.t('content.field.kind'),
  title: ctx.t('content.field.title'),
  slug: ctx.t('content.field.slug'),
  summary: ctx.t('content.field.summary'),
  body: ctx.t('content.field.body'),
  agencyId: ctx.t('content.field.agency'),
  serviceSlug: ctx.t('content.field.service'),
});

export function ContentFormView({
  ctx,
  form,
  agencies,
  item,
  flash,
}: {
  ctx: ViewContext;
  form: FormState;
  agencies: AgencyOption[];
  /** Absent for a new item. */
  item?: ContentItem & { canEdit: boolean };
  flash?: string;
}) {
  const { t } = ctx;
  const title = item ? item.title : t('content.admin.new');
  const labels = contentFieldLabels(ctx);
  if (item && !item.canEdit) return <ContentReadOnlyView ctx={ctx} item={item} />;
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <p>
        <a href="/kelola/konten">{t('content.admin.title')}</a>
      </p>
      <h1>{title}</h1>
      <Flash ctx={ctx} flash={flash} />
      {item && (
        <p>
          <span class="tag">{t(`content.kind.${item.kind}`)}</span> <span class="tag">{t(`content.status.${item.status}`)}</span>{' '}
          <span class="muted">{t('content.created_by', { name: item.createdByName ?? '—' })}</span>
          {item.status === 'published' && (
            <>
              {' '}
              · <a href={contentUrl(item.kind, item.slug)}>{t('content.view_public')}</a>
            </>
          )}
        </p>
      )}
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />
      <PostForm ctx={ctx} action={item ? `/kelola/konten/${item.id}` : '/kelola/konten'}>
        {!item && (
          <SelectField ctx={ctx} form={form} name="kind" label={labels.kind!} options={contentKinds.map((k) => ({ value: k, label: t(`content.kind.${k}`) }))} />
        )}
        <TextField ctx={ctx} form={form} name="title" label={item?.kind === 'faq' ? t('content.field.question') : labels.title!} maxLength={200} />
        <TextField ctx={ctx} form={form} name="slug" label={labels.slug!} hint={t('content.field.slug_hint')} required={false} maxLength={80} />
        <TextAreaField ctx={ctx} form={form} preHint name="summary" label={labels.summary!} required={false} rows={2} maxLength={500} />
        <TextAreaField ctx={ctx} form={form} preHint name="body" label={item?.kind === 'faq' ? t('content.field.answer') : labels.body!} hint={t(bodyHintKey)} rows={14} />
        {agencies.length > 0 && (
          <div class={`field${fieldError(form, 'agencyId') ? ' field-error' : ''}`}>
            <label for="f-agencyId">{labels.agencyId}</label>
            {fieldError(form, 'agencyId') && <p class="error-message">{t(fieldError(form, 'agencyId')!.key)}</p>}
            <select id="f-agencyId" name="agencyId">
              {agencies.map((a) => (
                <option key={a.id} value={a.id} selected={(form.values.agencyId ?? '') === a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <TextField ctx={ctx} form={form} name="serviceSlug" label={labels.serviceSlug!} hint={t('content.field.service_hint')} required={false} maxLength={80} />
        <button type="submit" name="action" value="save">
          {item ? t('content.action.save') : t('content.action.save_draft')}
        </button>{' '}
        {(!item || item.status !== 'published') && (
          <button type="submit" name="action" value="publish" class="button secondary">
            {t('content.action.save_publish')}
          </button>
        )}
      </PostForm>
      {item && (
        <section aria-labelledby="h-state">
          <h2 id="h-state">{t('content.admin.state')}</h2>
          {item.status !== 'published' && (
            <PostForm ctx={ctx} action={`/kelola/konten/${item.id}/terbitkan`} class="inline">
              <button type="submit">{t('content.action.publish')}</button>
            </PostForm>
          )}{' '}
          {item.status !== 'archived' && (
            <PostForm ctx={ctx} action={`/kelola/konten/${item.id}/arsipkan`} class="inline">
              <button type="submit" class="button danger">
                {t('content.action.archive')}
              </button>
            </PostForm>
          )}
          <p class="hint">{t('content.archive_hint')}</p>
        </section>
      )}
    </Layout>
  );
}

function ContentReadOnlyView({ ctx, item }: { ctx: ViewContext; item: ContentItem }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={item.title} face="backoffice">
      <p>
        <a href="/kelola/konten">{t('content.admin.title')}</a>
      </p>
      <h1>{item.title}</h1>
      <p class="notice warn">{t('content.not_yours')}</p>
      <dl class="summary">
        <dt>{t('content.field.kind')}</dt>
        <dd>{t(`content.kind.${item.kind}`)}</dd>
        <dt>{t('content.field.status')}</dt>
        <dd>{t(`content.status.${item.status}`)}</dd>
        <dt>{t('content.field.author')}</dt>
        <dd>{item.createdByName ?? '—'}</dd>
        <dt>{t('content.field.agency')}</dt>
        <dd>{item.agencyName ?? t('content.region_level')}</dd>
        <dt>{t('content.field.summary')}</dt>
        <dd>{item.summary || '—'}</dd>
        <dt>{t('content.field.body')}</dt>
        <dd class="pre">{item.body}</dd>
      </dl>
    </Layout>
  );
}

// ---- legal library --------------------------------------------------------------------

export const legalSortKeys = ['title', 'year', 'status', 'updated'] as const;
export type LegalSortKey = (typeof legalSortKeys)[number];
export const legalDefaultSort: SortState<LegalSortKey> = { key: 'year', dir: 'desc' };

export function LegalAdminListView({
  ctx,
  items,
  total,
  filter,
  years,
  canCreate,
  sort = legalDefaultSort,
}: {
  ctx: ViewContext;
  items: (LegalDocument & { canEdit: boolean })[];
  total: number;
  filter: LegalFilter;
  years: number[];
  canCreate: boolean;
  sort?: SortState<LegalSortKey>;
}) {
  const { t } = ctx;
  const here = { q: filter.q, jenis: filter.type, tahun: filter.year ? String(filter.year) : undefined, status: filter.status };
  // At most 200 documents (not paged): sorted here, by what the reader sees.
  const rows = sortRows(items, sort, (d, k) => (k === 'title' ? d.title : k === 'year' ? d.year : k === 'status' ? t(`legal.status.${d.status}`) : d.updatedAt));
  return (
    <Layout ctx={ctx} title={t('legal.admin.title')} face="backoffice">
      <h1>{t('legal.admin.title')}</h1>
      {canCreate && (
        <p>
          <a class="button" href="/kelola/hukum/baru">
            {t('legal.admin.new')}
          </a>
        </p>
      )}
      <LegalFilterForm ctx={ctx} action="/kelola/hukum" filter={filter} years={years} />
      <h2>{t('legal.library.count', { count: total })}</h2>
      <DataTable
        ctx={ctx}
        caption={t('legal.admin.title')}
        captionHidden
        rows={rows}
        rowKey={(d) => d.id}
        sort={sort}
        sortLink={(key, dir) => sortHref('/kelola/hukum', here, key, dir)}
        columns={[
          {
            key: 'title',
            label: t('legal.field.title'),
            primary: true,
            sortable: true,
            cell: (d) => (
              <>
                <a href={`/kelola/hukum/${d.id}`}>{legalTitle(ctx, d)}</a>
                {d.withdrawn && <span class="tag">{t('legal.withdrawn')}</span>}
                {!d.canEdit && <span class="muted"> · {t('content.read_only')}</span>}
              </>
            ),
          },
          { key: 'year', label: t('legal.field.year'), num: true, sortable: true, cell: (d) => String(d.year) },
          { key: 'status', label: t('legal.field.status'), sortable: true, cell: (d) => t(`legal.status.${d.status}`) },
          { key: 'file', label: t('legal.document'), cell: (d) => (d.file ? `PDF, ${formatSize(d.file.size)}` : '—') },
          { key: 'author', label: t('content.field.author'), cell: (d) => d.createdByName ?? '—' },
          { key: 'updated', label: t('content.field.updated'), nowrap: true, sortable: true, cell: (d) => shortDate(ctx, d.updatedAt) },
        ]}
      />
    </Layout>
  );
}

export const legalFieldLabels = (ctx: ViewContext): Record<string, string> => ({
  type: ctx.t('legal.field.type'),
  number: ctx.t('legal.field.number'),
  year: ctx.t('legal.field.year'),
  title: ctx.t('legal.field.title'),
  status: ctx.t('legal.field.status'),
  summary: ctx.t('legal.field.summary'),
  agencyId: ctx.t('legal.field.agency'),
  file: ctx.t('legal.field.file'),
});

function LegalMetadataFields({ ctx, form, agencies }: { ctx: ViewContext; form: FormState; agencies: AgencyOption[] }) {
  const { t } = ctx;
  const labels = legalFieldLabels(ctx);
  return (
    <>
      <SelectField ctx={ctx} form={form} name="type" label={labels.type!} options={legalTypes.map((ty) => ({ value: ty, label: t(`legal.type.${ty}`) }))} />
      <TextField ctx={ctx} form={form} name="number" label={labels.number!} hint={t('legal.field.number_hint')} maxLength={60} />
      <TextField ctx={ctx} form={form} name="year" label={labels.year!} inputmode="numeric" maxLength={4} />
      <TextField ctx={ctx} form={form} name="title" label={labels.title!} hint={t('legal.field.title_hint')} maxLength={400} />
      <SelectField ctx={ctx} form={form} name="status" label={labels.status!} options={legalStatuses.map((s) => ({ value: s, label: t(`legal.status.${s}`) }))} />
      <TextAreaField ctx={ctx} form={form} preHint name="summary" label={labels.summary!} required={false} rows={4} maxLength={3000} />
      {agencies.length > 0 && (
        <div class="field">
          <label for="f-agencyId">{labels.agencyId}</label>
          <select id="f-agencyId" name="agencyId">
            {agencies.map((a) => (
              <option key={a.id} value={a.id} selected={(form.values.agencyId ?? '') === a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}

export function LegalFormView({
  ctx,
  form,
  fileForm,
  agencies,
  doc,
  maxMb,
  flash,
}: {
  ctx: ViewContext;
  form: FormState;
  /** Errors of the replace-the-PDF form (edit page). */
  fileForm?: FormState;
  agencies: AgencyOption[];
  doc?: LegalDocument & { canEdit: boolean };
  /** The upload limit, formatted (`2 MB`). */
  maxMb: string;
  flash?: string;
}) {
  const { t } = ctx;
  const labels = legalFieldLabels(ctx);
  const title = doc ? legalTitle(ctx, doc) : t('legal.admin.new');
  const fileHint = t('legal.field.file_hint', { max: maxMb });
  if (doc && !doc.canEdit) {
    return (
      <Layout ctx={ctx} title={title} face="backoffice">
        <p>
          <a href="/kelola/hukum">{t('legal.admin.title')}</a>
        </p>
        <h1>{title}</h1>
        <p class="notice warn">{t('content.not_yours')}</p>
        <p>
          <a href={`/hukum/${doc.id}`}>{t('content.view_public')}</a>
        </p>
      </Layout>
    );
  }
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <p>
        <a href="/kelola/hukum">{t('legal.admin.title')}</a>
      </p>
      <h1>{title}</h1>
      <Flash ctx={ctx} flash={flash} />
      {doc && (
        <p>
          {doc.withdrawn ? <span class="tag">{t('legal.withdrawn')}</span> : <a href={`/hukum/${doc.id}`}>{t('content.view_public')}</a>}{' '}
          <span class="muted">{t('content.created_by', { name: doc.createdByName ?? '—' })}</span>
        </p>
      )}
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />
      {doc ? (
        <PostForm ctx={ctx} action={`/kelola/hukum/${doc.id}`}>
          <LegalMetadataFields ctx={ctx} form={form} agencies={agencies} />
          <button type="submit">{t('content.action.save')}</button>
        </PostForm>
      ) : (
        <UploadForm ctx={ctx} action="/kelola/hukum">
          <LegalMetadataFields ctx={ctx} form={form} agencies={agencies} />
          <FileField ctx={ctx} form={form} label={`${labels.file} ${t('form.optional')}`} hint={fileHint} />
          {form.errors.length > 0 && <p class="hint">{t('legal.file.choose_again')}</p>}
          <button type="submit">{t('legal.action.add')}</button>
        </UploadForm>
      )}
      {doc && (
        <>
          <section aria-labelledby="h-file">
            <h2 id="h-file">{t('legal.document')}</h2>
            <p>
              {doc.file ? (
                <>
                  <a href={`/hukum/${doc.id}/berkas`}>{doc.file.name ?? 'PDF'}</a> · PDF, {formatSize(doc.file.size)} · SHA-256 <code>{doc.file.sha256.slice(0, 16)}…</code>
                </>
              ) : (
                t('legal.no_file')
              )}
            </p>
            {fileForm && <ErrorSummary ctx={ctx} errors={fileForm.errors} labels={labels} />}
            <UploadForm ctx={ctx} action={`/kelola/hukum/${doc.id}/berkas`}>
              <FileField ctx={ctx} form={fileForm ?? { values: {}, errors: [] }} label={doc.file ? t('legal.action.replace_file') : t('legal.action.add_file')} hint={fileHint} />
              <button type="submit">{t('legal.action.upload')}</button>
            </UploadForm>
          </section>
          <section aria-labelledby="h-withdraw">
            <h2 id="h-withdraw">{t('legal.admin.visibility')}</h2>
            {doc.withdrawn ? (
              <PostForm ctx={ctx} action={`/kelola/hukum/${doc.id}/pulihkan`}>
                <button type="submit">{t('legal.action.restore')}</button>
              </PostForm>
            ) : (
              <PostForm ctx={ctx} action={`/kelola/hukum/${doc.id}/tarik`}>
                <p class="hint">{t('legal.withdraw_hint')}</p>
                <button type="submit" class="button danger">
                  {t('legal.action.withdraw')}
                </button>
              </PostForm>
            )}
          </section>
        </>
      )}
    </Layout>
  );
}
