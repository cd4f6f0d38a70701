// Pages of the simple governance registers (G-10 … G-14), rendered from their definitions,
// and the small pieces the coordination and audit pages share (shell, filters, paging).
// Everything works without JavaScript.
import type { ComponentChildren } from 'preact';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm, SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { formatDate, formatRupiah, messageKeyOr, type MessageKey } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { RegisterDefinition, RegisterField } from './registers.framework.ts';
import type { EntryView } from './registers.service.ts';

export const GOV_BASE = '/kelola/tata-kelola';
export const registerPath = (def: RegisterDefinition) => `${GOV_BASE}/${def.slug}`;

export interface AgencyOption {
  id: string;
  name: string;
}

/** A `YYYY-MM-DD` calendar date in the reader's language. */
export const calendarDate = (ctx: ViewContext, d: string) => formatDate(ctx.locale, new Date(`${d}T12:00:00Z`), 'UTC');

export function GovShell({ ctx, title, crumbs = [], children }: { ctx: ViewContext; title: string; crumbs?: { href: string; label: string }[]; children: ComponentChildren }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <nav aria-label={t('system.crumbs')}>
        <p class="crumbs">
          <a href="/kelola">{t('nav.backoffice')}</a> › <a href={GOV_BASE}>{t('gov.reg.console')}</a>
          {crumbs.map((c) => (
            <>
              {' › '}
              <a href={c.href}>{c.label}</a>
            </>
          ))}
        </p>
      </nav>
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}

export function Notice({ text }: { text?: string }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

/** GET filter form: agency (for readers of several agencies), free text, extra selects. */
export function Filters({
  ctx,
  action,
  agencies,
  values,
  search = false,
  extra = [],
}: {
  ctx: ViewContext;
  action: string;
  agencies: AgencyOption[];
  values: Record<string, string>;
  search?: boolean;
  extra?: { name: string; label: string; options: { value: string; label: string }[] }[];
}) {
  const { t } = ctx;
  return (
    <form method="get" action={action} class="filters" aria-label={t('gov.reg.filters')}>
      {agencies.length > 1 && (
        <div class="field">
          <label for="flt-instansi">{t('gov.reg.agency')}</label>
          <select id="flt-instansi" name="instansi">
            <option value="">{t('gov.reg.all_agencies')}</option>
            {agencies.map((a) => (
              <option value={a.id} selected={values.instansi === a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {extra.map((x) => (
        <div class="field">
          <label for={`flt-${x.name}`}>{x.label}</label>
          <select id={`flt-${x.name}`} name={x.name}>
            <option value="">{t('gov.reg.all')}</option>
            {x.options.map((o) => (
              <option value={o.value} selected={values[x.name] === o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      {search && (
        <div class="field">
          <label for="flt-q">{t('gov.reg.search')}</label>
          <input id="flt-q" name="q" type="search" value={values.q ?? ''} maxLength={100} />
        </div>
      )}
      <button type="submit" class="button secondary">
        {t('gov.reg.apply')}
      </button>
    </form>
  );
}

/** Previous/next links and the CSV export of the same filters. */
export function Paging({ ctx, path, query, page, pageSize, total }: { ctx: ViewContext; path: string; query: Record<string, string>; page: number; pageSize: number; total: number }) {
  const { t } = ctx;
  const href = (extra: Record<string, string>) => {
    const p = new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, v]) => v)), ...extra });
    const s = p.toString();
    return s ? `${path}?${s}` : path;
  };
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label={t('gov.reg.paging')} class="actions">
      <p>
        {t('gov.reg.page_of', { page, pages, total })}{' '}
        {page > 1 && <a href={href({ halaman: String(page - 1) })}>{t('gov.reg.prev')}</a>}{' '}
        {page < pages && <a href={href({ halaman: String(page + 1) })}>{t('gov.reg.next')}</a>}{' '}
        <a href={href({ format: 'csv' })} class="button secondary">
          {t('gov.reg.export_csv')}
        </a>
      </p>
    </nav>
  );
}

export const fieldLabel = (ctx: ViewContext, def: RegisterDefinition, key: string) => ctx.t(messageKeyOr(`gov.reg.${def.key}.f.${key}`, 'value.unknown'));
export const optionLabel = (ctx: ViewContext, value: string) => ctx.t(messageKeyOr(`gov.reg.opt.${value}`, 'value.unknown'));

/** A field's value as a reader sees it. */
export function displayValue(ctx: ViewContext, f: RegisterField, v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (f.kind === 'select') return optionLabel(ctx, String(v));
  if (f.kind === 'date') return calendarDate(ctx, String(v));
  if (f.kind === 'int') return typeof v === 'number' ? formatRupiah(v) : String(v);
  return String(v);
}

export function Flags({ ctx, flags }: { ctx: ViewContext; flags: MessageKey[] }) {
  return (
    <>
      {flags.map((f) => (
        <span class="tag warn">{ctx.t(f)}</span>
      ))}
    </>
  );
}

export function RegisterListPage({
  ctx,
  def,
  items,
  total,
  page,
  pageSize,
  agencies,
  filter,
  canCreate,
  notice,
}: {
  ctx: ViewContext;
  def: RegisterDefinition;
  items: EntryView[];
  total: number;
  page: number;
  pageSize: number;
  agencies: AgencyOption[];
  filter: Record<string, string>;
  canCreate: boolean;
  notice?: string;
}) {
  const { t } = ctx;
  const path = registerPath(def);
  const cols = def.listColumns.map((k) => def.fields.find((f) => f.key === k)!);
  return (
    <GovShell ctx={ctx} title={t(messageKeyOr(`gov.reg.${def.key}.title`, 'value.unknown'))}>
      <p class="lead">
        {t(messageKeyOr(`gov.reg.${def.key}.description`, 'value.unknown'))} <span class="muted">({def.requirement})</span>
      </p>
      <Notice text={notice} />
      {canCreate && (
        <p>
          <a class="button" href={`${path}/baru`}>
            {t('gov.reg.new_entry')}
          </a>
        </p>
      )}
      <Filters ctx={ctx} action={path} agencies={agencies} values={filter} search />
      {items.length === 0 ? (
        <p>{t('gov.reg.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t(messageKeyOr(`gov.reg.${def.key}.title`, 'value.unknown'))}</caption>
            <thead>
              <tr>
                {cols.map((c) => (
                  <th scope="col">{fieldLabel(ctx, def, c.key)}</th>
                ))}
                <th scope="col">{t('gov.reg.agency')}</th>
                <th scope="col">{t('gov.reg.flags')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  {cols.map((c, i) => (
                    <td>{i === 0 ? <a href={`${path}/${e.id}`}>{displayValue(ctx, c, e.data[c.key])}</a> : displayValue(ctx, c, e.data[c.key])}</td>
                  ))}
                  <td>{e.agencyName ?? t('gov.reg.region_level')}</td>
                  <td>
                    <Flags ctx={ctx} flags={e.flags} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Paging ctx={ctx} path={path} query={filter} page={page} pageSize={pageSize} total={total} />
    </GovShell>
  );
}

export function RegisterDetailPage({ ctx, def, entry, canEdit, notice }: { ctx: ViewContext; def: RegisterDefinition; entry: EntryView; canEdit: boolean; notice?: string }) {
  const { t } = ctx;
  const path = registerPath(def);
  const title = String(entry.data[def.titleField] ?? '');
  return (
    <GovShell ctx={ctx} title={title.length > 120 ? `${title.slice(0, 117)}…` : title} crumbs={[{ href: path, label: t(messageKeyOr(`gov.reg.${def.key}.title`, 'value.unknown')) }]}>
      <Notice text={notice} />
      <p>
        <Flags ctx={ctx} flags={entry.flags} />
      </p>
      <dl class="facts">
        <dt>{t('gov.reg.agency')}</dt>
        <dd>{entry.agencyName ?? t('gov.reg.region_level')}</dd>
        {def.fields.map((f) => (
          <>
            <dt>{fieldLabel(ctx, def, f.key)}</dt>
            <dd class={f.kind === 'textarea' ? 'pre' : undefined}>
              {f.kind === 'url' && typeof entry.data[f.key] === 'string' ? <a href={String(entry.data[f.key])}>{String(entry.data[f.key])}</a> : displayValue(ctx, f, entry.data[f.key])}
            </dd>
          </>
        ))}
        <dt>{t('gov.reg.updated_at')}</dt>
        <dd>{ctx.dateTime(entry.updatedAt)}</dd>
      </dl>
      {canEdit && (
        <p>
          <a class="button" href={`${path}/${entry.id}/ubah`}>
            {t('gov.reg.edit')}
          </a>
        </p>
      )}
    </GovShell>
  );
}

export function AgencySelect({ ctx, form, name = 'agencyId', label, agencies, required }: { ctx: ViewContext; form: FormState; name?: string; label?: string; agencies: AgencyOption[]; required: boolean }) {
  return <SelectField ctx={ctx} form={form} name={name} label={label ?? ctx.t('gov.reg.agency')} required={required} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />;
}

export function DefinedField({ ctx, form, def, f }: { ctx: ViewContext; form: FormState; def: RegisterDefinition; f: RegisterField }) {
  const label = fieldLabel(ctx, def, f.key);
  const required = !!f.required;
  switch (f.kind) {
    case 'textarea':
      return <TextAreaField ctx={ctx} form={form} name={f.key} label={label} required={required} maxLength={f.max ?? 4000} />;
    case 'select':
      return <SelectField ctx={ctx} form={form} name={f.key} label={label} required={required} options={(f.options ?? []).map((o) => ({ value: o, label: optionLabel(ctx, o) }))} />;
    case 'date':
      return <TextField ctx={ctx} form={form} name={f.key} label={label} type="date" required={required} hint={ctx.t('gov.reg.date_hint')} />;
    case 'url':
      return <TextField ctx={ctx} form={form} name={f.key} label={label} type="url" required={required} maxLength={f.max ?? 500} />;
    case 'int':
      return <TextField ctx={ctx} form={form} name={f.key} label={label} inputmode="numeric" required={required} />;
    default:
      return <TextField ctx={ctx} form={form} name={f.key} label={label} required={required} maxLength={f.max ?? 200} hint={def.key === 'domains' && f.key === 'name' ? ctx.t('gov.reg.domain.hint') : undefined} />;
  }
}

export function RegisterFormPage({ ctx, def, agencies, form, entry }: { ctx: ViewContext; def: RegisterDefinition; agencies: AgencyOption[]; form: FormState; entry?: EntryView }) {
  const { t } = ctx;
  const path = registerPath(def);
  const labels: Record<string, string> = { agencyId: t('gov.reg.agency') };
  for (const f of def.fields) labels[f.key] = fieldLabel(ctx, def, f.key);
  return (
    <GovShell ctx={ctx} title={entry ? t('gov.reg.edit_title', { name: t(messageKeyOr(`gov.reg.${def.key}.title`, 'value.unknown')) }) : t('gov.reg.new_title', { name: t(messageKeyOr(`gov.reg.${def.key}.title`, 'value.unknown')) })} crumbs={[{ href: path, label: t(messageKeyOr(`gov.reg.${def.key}.title`, 'value.unknown')) }]}>
      <ErrorSummary ctx={ctx} errors={form.errors.filter((e) => e.field !== '_form')} labels={labels} />
      {form.errors.some((e) => e.field === '_form') && (
        <p class="notice warn" role="alert">
          {form.errors.filter((e) => e.field === '_form').map((e) => t(e.key, e.params))}
        </p>
      )}
      <PostForm ctx={ctx} action={entry ? `${path}/${entry.id}/ubah` : `${path}/baru`}>
        {entry && <input type="hidden" name="version" value={form.values.version ?? String(entry.version)} />}
        <AgencySelect ctx={ctx} form={form} agencies={agencies} required={def.agencyRequired} />
        {def.fields.map((f) => (
          <DefinedField ctx={ctx} form={form} def={def} f={f} />
        ))}
        <button type="submit">{t('gov.reg.save')}</button>
      </PostForm>
    </GovShell>
  );
}
