// Back-office pages of the region and agencies, the public agency page, and the parts the staff
// pages (agencies-staff.views.tsx) share. GOV.UK-style: the error summary first, each field with its own message, typed
// values kept; plain HTML forms that work without JavaScript; personal data masked in lists.
import type { ComponentChildren } from 'preact';
import type { StaffRole } from '../../platform/db/schema.ts';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm, SelectField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { DataTable, FilterBar, FilterInput, FilterSelect, sortHref, sortRows, StatusTag, type Column, type SortState } from '../../platform/views/components/index.ts';
import { agencyTypes, regionLevels, timeZoneLabels } from './agencies.schemas.ts';
import type { AgencyView, RegionView, StaffSummary } from './agencies.service.ts';
import { type MessageKey, messageKeyOr } from '../../platform/views/i18n.ts';

export type T = ViewContext['t'];

export const ROOT_REGION = '/kelola/wilayah';
export const ROOT_AGENCIES = '/kelola/instansi';
export const ROOT_STAFF = '/kelola/pengguna';
export const agencyPath = (slug: string) => `${ROOT_AGENCIES}/${encodeURIComponent(slug)}`;
export const staffPath = (id: string) => `${ROOT_STAFF}/${encodeURIComponent(id)}`;

/** Notices after a redirect (`?pesan=…`), from a fixed list. */
export const notices = {
  disimpan: 'adm.notice.saved',
  dibuat: 'adm.notice.created',
  dinonaktifkan: 'adm.notice.deactivated',
  diaktifkan: 'adm.notice.activated',
  akun_dibuat: 'adm.notice.staff_created',
  diberikan: 'adm.notice.granted',
  dicabut: 'adm.notice.revoked',
  identitas: 'region.identity.saved',
} as const;
export type Notice = keyof typeof notices;
export function noticeFrom(v: unknown): Notice | undefined {
  return typeof v === 'string' && v in notices ? (v as Notice) : undefined;
}

export function NoticeBox({ ctx, notice }: { ctx: ViewContext; notice?: Notice }) {
  if (!notice) return null;
  return (
    <div class="notice" role="status">
      <p>{ctx.t(notices[notice])}</p>
    </div>
  );
}

export function labels(t: T, keys: Record<string, MessageKey>): Record<string, string> {
  return Object.fromEntries(Object.entries(keys).map(([field, key]) => [field, t(key)]));
}

export const roleLabel = (t: T, role: StaffRole) => t(`role.${role}`);
export const typeLabel = (t: T, type: string) => t(messageKeyOr(`agency.type.${type}`, 'value.unknown'));

export function Crumbs({ ctx, trail }: { ctx: ViewContext; trail: { href: string; label: string }[] }) {
  return (
    <nav aria-label={ctx.t('adm.crumbs')} class="crumbs">
      <ul>
        <li>
          <a href="/kelola">{ctx.t('nav.backoffice')}</a>
        </li>
        {trail.map((c) => (
          <li key={c.href}>
            <a href={c.href}>{c.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Page({ ctx, title, trail = [], children }: { ctx: ViewContext; title: string; trail?: { href: string; label: string }[]; children: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <Crumbs ctx={ctx} trail={trail} />
      {children}
    </Layout>
  );
}

export function Dash({ v }: { v: string | null | undefined }) {
  return <>{v && v.length ? v : '—'}</>;
}

// ---------------------------------------------------------------------------------------
// Region
// ---------------------------------------------------------------------------------------

const regionLabels: Record<string, MessageKey> = { name: 'region.f.name', level: 'region.f.level', kodeWilayah: 'region.f.kode', timeZone: 'region.f.timezone', domain: 'region.f.domain', form: 'region.title' };

export function regionValues(r: RegionView | null): Record<string, string> {
  if (!r) return {};
  return { name: r.name, level: r.level, kodeWilayah: r.kodeWilayahDotted, timeZone: r.timeZone, domain: r.domain };
}

/** The region's identity: primary colour and coat of arms/logo (multipart form). */
function RegionIdentityForm({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const { t } = ctx;
  const err = (name: string) => form.errors.find((e) => e.field === name);
  const colourErr = err('primaryColour');
  const logoErr = err('logo');
  return (
    <section aria-labelledby="h-identity">
      <h2 id="h-identity">{t('region.identity.title')}</h2>
      <p class="hint">{t('region.identity.lead')}</p>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={{ primaryColour: t('region.identity.colour'), logo: t('region.identity.logo') }} />
      {ctx.regionLogo && (
        <p>
          <img class="region-logo-preview" src={`/wilayah/logo?v=${ctx.regionLogo}`} alt={t('region.identity.logo_current')} width={64} height={64} />
        </p>
      )}
      <form method="post" action={`${ROOT_REGION}/identitas`} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class={`field${colourErr ? ' field-error' : ''}`}>
          <label for="f-primaryColour">
            {t('region.identity.colour')} <span class="muted">{t('form.optional')}</span>
          </label>
          <p class="hint" id="f-primaryColour-hint">
            {t('region.identity.colour_hint')}
          </p>
          {colourErr && (
            <p class="error-message" id="f-primaryColour-error">
              {t(colourErr.key, colourErr.params)}
            </p>
          )}
          <input
            id="f-primaryColour"
            name="primaryColour"
            type="text"
            maxLength={7}
            value={form.values.primaryColour ?? ctx.regionColour ?? ''}
            aria-invalid={colourErr ? 'true' : undefined}
            aria-describedby={colourErr ? 'f-primaryColour-hint f-primaryColour-error' : 'f-primaryColour-hint'}
          />
        </div>
        <div class={`field${logoErr ? ' field-error' : ''}`}>
          <label for="f-logo">
            {t('region.identity.logo')} <span class="muted">{t('form.optional')}</span>
          </label>
          <p class="hint" id="f-logo-hint">
            {t('region.identity.logo_hint', { kb: LOGO_MAX_KB })}
          </p>
          {logoErr && (
            <p class="error-message" id="f-logo-error">
              {t(logoErr.key, logoErr.params)}
            </p>
          )}
          <input id="f-logo" name="logo" type="file" accept="image/png,.png,image/jpeg,.jpg,.jpeg" aria-invalid={logoErr ? 'true' : undefined} aria-describedby="f-logo-hint" />
        </div>
        {ctx.regionLogo && (
          <label class="choice" for="f-removeLogo">
            <input type="checkbox" id="f-removeLogo" name="removeLogo" value="1" /> {t('region.identity.remove_logo')}
          </label>
        )}
        <button type="submit">{t('form.save')}</button>
      </form>
    </section>
  );
}

export const LOGO_MAX_KB = 512;

export function RegionPage({
  ctx,
  region,
  form,
  canManage,
  notice,
  identityForm = { values: {}, errors: [] },
}: {
  ctx: ViewContext;
  region: RegionView | null;
  form: FormState;
  canManage: boolean;
  notice?: Notice;
  identityForm?: FormState;
}) {
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={t('region.title')}>
      <h1>{t('region.title')}</h1>
      <NoticeBox ctx={ctx} notice={notice} />
      {region && (
        <dl class="summary">
          <dt>{t('region.f.name')}</dt>
          <dd>{region.name}</dd>
          <dt>{t('region.f.level')}</dt>
          <dd>{t(`region.level.${region.level}`)}</dd>
          <dt>{t('region.f.kode')}</dt>
          <dd>{region.kodeWilayahDotted}</dd>
          <dt>{t('region.f.timezone')}</dt>
          <dd>{t(`region.tz.${region.timeZone}`)}</dd>
          <dt>{t('region.f.domain')}</dt>
          <dd>{region.domain}</dd>
        </dl>
      )}
      {!region && <p class="notice warn">{t('region.none_yet')}</p>}
      {canManage && (
        <>
          <h2 id="f-form" tabIndex={-1}>
            {region ? t('region.edit') : t('region.create')}
          </h2>
          <ErrorSummary ctx={ctx} errors={form.errors} labels={labels(t, regionLabels)} />
          <PostForm ctx={ctx} action={ROOT_REGION}>
            <TextField ctx={ctx} form={form} name="name" label={t('region.f.name')} hint={t('region.hint.name')} maxLength={150} />
            <SelectField ctx={ctx} form={form} name="level" label={t('region.f.level')} options={regionLevels.map((l) => ({ value: l, label: t(`region.level.${l}`) }))} />
            <TextField ctx={ctx} form={form} name="kodeWilayah" label={t('region.f.kode')} hint={t('region.hint.kode')} inputmode="numeric" maxLength={20} />
            <SelectField ctx={ctx} form={form} name="timeZone" label={t('region.f.timezone')} options={timeZoneLabels.map((z) => ({ value: z, label: t(`region.tz.${z}`) }))} />
            <TextField ctx={ctx} form={form} name="domain" label={t('region.f.domain')} hint={t('region.hint.domain')} maxLength={253} />
            <button type="submit">{t('form.save')}</button>
          </PostForm>
          {region && <RegionIdentityForm ctx={ctx} form={identityForm} />}
        </>
      )}
    </Page>
  );
}

// ---------------------------------------------------------------------------------------
// Agencies
// ---------------------------------------------------------------------------------------

const agencyLabels: Record<string, MessageKey> = {
  name: 'agency.f.name',
  shortName: 'agency.f.short_name',
  slug: 'agency.f.slug',
  type: 'agency.f.type',
  headName: 'agency.f.head_name',
  headTitle: 'agency.f.head_title',
  address: 'agency.f.address',
  phone: 'agency.f.phone',
  email: 'agency.f.email',
  website: 'agency.f.website',
  subdomain: 'agency.f.subdomain',
  form: 'agency.title',
};

export function agencyValues(a: AgencyView): Record<string, string> {
  return {
    name: a.name,
    shortName: a.shortName,
    slug: a.slug,
    type: a.type,
    headName: a.headName ?? '',
    headTitle: a.headTitle ?? '',
    address: a.address ?? '',
    phone: a.phone ?? '',
    email: a.email ?? '',
    website: a.website ?? '',
    subdomain: a.subdomain ?? '',
  };
}

export const agencySortKeys = ['name', 'short', 'type', 'status'] as const;
export type AgencySortKey = (typeof agencySortKeys)[number];

export function AgencyListPage({
  ctx,
  items,
  filter,
  canCreate,
  showStatus,
  sort = { key: 'name', dir: 'asc' },
}: {
  ctx: ViewContext;
  items: AgencyView[];
  filter: { type?: string; q?: string; status?: string };
  canCreate: boolean;
  showStatus: boolean;
  sort?: SortState<AgencySortKey>;
}) {
  const { t } = ctx;
  const here = { q: filter.q, jenis: filter.type, status: filter.status };
  const rows = sortRows(items, sort, (a, k) => (k === 'short' ? a.shortName : k === 'type' ? typeLabel(t, a.type) : k === 'status' ? Number(!a.active) : a.name));
  const columns: Column<AgencyView>[] = [
    { key: 'name', label: t('agency.f.name'), sortable: true, primary: true, cell: (a) => <a href={agencyPath(a.slug)}>{a.name}</a> },
    { key: 'short', label: t('agency.f.short_name'), sortable: true, nowrap: true, cell: (a) => a.shortName },
    { key: 'type', label: t('agency.f.type'), sortable: true, cell: (a) => typeLabel(t, a.type) },
    { key: 'subdomain', label: t('agency.f.subdomain'), cell: (a) => <Dash v={a.host ?? a.subdomain} /> },
    {
      key: 'status',
      label: t('agency.f.status'),
      sortable: true,
      cell: (a) => (a.active ? <StatusTag tone="success">{t('agency.status.active')}</StatusTag> : <StatusTag>{t('agency.status.inactive')}</StatusTag>),
    },
  ];
  return (
    <Page ctx={ctx} title={t('agency.list.title')}>
      <h1>{t('agency.list.title')}</h1>
      {canCreate && (
        <p>
          <a class="button" href={`${ROOT_AGENCIES}/baru`}>
            {t('agency.list.create')}
          </a>
        </p>
      )}
      <FilterBar ctx={ctx} action={ROOT_AGENCIES} active={Boolean(filter.q || filter.type || filter.status)}>
        <FilterInput name="q" label={t('agency.list.search')} type="search" value={filter.q} maxLength={100} />
        <FilterSelect name="jenis" label={t('agency.f.type')} allLabel={t('agency.list.all_types')} value={filter.type} options={agencyTypes.map((ty) => ({ value: ty, label: typeLabel(t, ty) }))} />
        {showStatus && (
          <FilterSelect
            name="status"
            label={t('agency.f.status')}
            allLabel={t('agency.list.all_statuses')}
            value={filter.status}
            options={[
              { value: 'active', label: t('agency.status.active') },
              { value: 'inactive', label: t('agency.status.inactive') },
            ]}
          />
        )}
      </FilterBar>
      <h2>{t('agency.list.count', { count: items.length })}</h2>
      <DataTable
        ctx={ctx}
        columns={columns}
        rows={rows}
        rowKey={(a) => a.id}
        caption={t('agency.list.title')}
        captionHidden
        sort={sort}
        sortLink={(key, dir) => sortHref(ROOT_AGENCIES, here, key, dir)}
        empty={t('agency.list.none')}
      />
    </Page>
  );
}

function AgencyFields({ ctx, form, withSlug }: { ctx: ViewContext; form: FormState; withSlug: boolean }) {
  const { t } = ctx;
  return (
    <>
      <TextField ctx={ctx} form={form} name="name" label={t('agency.f.name')} hint={t('agency.hint.name')} maxLength={200} />
      <TextField ctx={ctx} form={form} name="shortName" label={t('agency.f.short_name')} hint={t('agency.hint.short_name')} maxLength={40} />
      {withSlug && <TextField ctx={ctx} form={form} name="slug" label={t('agency.f.slug')} hint={t('agency.hint.slug')} required={false} maxLength={80} />}
      <SelectField ctx={ctx} form={form} name="type" label={t('agency.f.type')} options={agencyTypes.map((ty) => ({ value: ty, label: typeLabel(t, ty) }))} />
      <TextField ctx={ctx} form={form} name="headName" label={t('agency.f.head_name')} required={false} maxLength={150} />
      <TextField ctx={ctx} form={form} name="headTitle" label={t('agency.f.head_title')} hint={t('agency.hint.head_title')} required={false} maxLength={150} />
      <TextField ctx={ctx} form={form} name="address" label={t('agency.f.address')} required={false} maxLength={300} />
      <TextField ctx={ctx} form={form} name="phone" type="tel" label={t('agency.f.phone')} hint={t('agency.hint.phone')} inputmode="tel" required={false} maxLength={30} />
      <TextField ctx={ctx} form={form} name="email" type="email" label={t('agency.f.email')} inputmode="email" required={false} maxLength={254} />
      <TextField ctx={ctx} form={form} name="website" type="url" label={t('agency.f.website')} hint={t('agency.hint.website')} required={false} maxLength={200} />
      <TextField ctx={ctx} form={form} name="subdomain" label={t('agency.f.subdomain')} hint={t('agency.hint.subdomain')} required={false} maxLength={63} />
    </>
  );
}

export function AgencyFormPage({ ctx, form, agency }: { ctx: ViewContext; form: FormState; agency?: AgencyView }) {
  const { t } = ctx;
  const title = agency ? t('agency.edit.title', { name: agency.name }) : t('agency.new.title');
  const trail = [{ href: ROOT_AGENCIES, label: t('agency.list.title') }, ...(agency ? [{ href: agencyPath(agency.slug), label: agency.shortName }] : [])];
  return (
    <Page ctx={ctx} title={title} trail={trail}>
      <h1 id="f-form" tabIndex={-1}>
        {title}
      </h1>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels(t, agencyLabels)} />
      {agency && (
        <p class="hint">
          {t('agency.f.slug')}: <code>{agency.slug}</code> — {t('agency.hint.slug_fixed')}
        </p>
      )}
      <PostForm ctx={ctx} action={agency ? `${agencyPath(agency.slug)}/ubah` : `${ROOT_AGENCIES}/baru`}>
        <AgencyFields ctx={ctx} form={form} withSlug={!agency} />
        <button type="submit">{agency ? t('form.save') : t('agency.new.submit')}</button>{' '}
        <a href={agency ? agencyPath(agency.slug) : ROOT_AGENCIES}>{t('form.cancel')}</a>
      </PostForm>
    </Page>
  );
}

export function RoleList({ ctx, roles }: { ctx: ViewContext; roles: StaffSummary['roles'] }) {
  const { t } = ctx;
  if (!roles.length) return <span class="muted">{t('staff.no_roles')}</span>;
  return (
    <ul class="plain">
      {roles.map((r, i) => (
        <li key={i}>
          {roleLabel(t, r.role)}
          {r.agency ? ` — ${r.agency.shortName}` : ` — ${t('adm.region_wide')}`}
        </li>
      ))}
    </ul>
  );
}

export function AgencyDetailPage({
  ctx,
  agency,
  staff,
  can,
  notice,
}: {
  ctx: ViewContext;
  agency: AgencyView;
  staff: StaffSummary[] | null;
  can: { update: boolean; deactivate: boolean; createStaff: boolean; readStaff: boolean };
  notice?: Notice;
}) {
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={agency.name} trail={[{ href: ROOT_AGENCIES, label: t('agency.list.title') }]}>
      <h1>{agency.name}</h1>
      <NoticeBox ctx={ctx} notice={notice} />
      {!agency.active && <p class="notice warn">{t('agency.inactive_notice')}</p>}
      <dl class="summary">
        <dt>{t('agency.f.short_name')}</dt>
        <dd>{agency.shortName}</dd>
        <dt>{t('agency.f.type')}</dt>
        <dd>{typeLabel(t, agency.type)}</dd>
        <dt>{t('agency.f.head')}</dt>
        <dd>{agency.headName ? `${agency.headName}${agency.headTitle ? ` (${agency.headTitle})` : ''}` : '—'}</dd>
        <dt>{t('agency.f.address')}</dt>
        <dd>
          <Dash v={agency.address} />
        </dd>
        <dt>{t('agency.f.phone')}</dt>
        <dd>
          <Dash v={agency.phone} />
        </dd>
        <dt>{t('agency.f.email')}</dt>
        <dd>{agency.email ? <a href={`mailto:${agency.email}`}>{agency.email}</a> : '—'}</dd>
        <dt>{t('agency.f.website')}</dt>
        <dd>
          <Dash v={agency.website} />
        </dd>
        <dt>{t('agency.f.subdomain')}</dt>
        <dd>
          <Dash v={agency.host ?? agency.subdomain} />
        </dd>
        <dt>{t('agency.f.slug')}</dt>
        <dd>
          <code>{agency.slug}</code>
        </dd>
        <dt>{t('agency.f.status')}</dt>
        <dd>{agency.active ? t('agency.status.active') : t('agency.status.inactive')}</dd>
      </dl>
      <p>
        {can.update && (
          <>
            <a class="button secondary" href={`${agencyPath(agency.slug)}/ubah`}>
              {t('agency.edit.link')}
            </a>{' '}
          </>
        )}
        {can.deactivate && agency.active && (
          <a class="button danger" href={`${agencyPath(agency.slug)}/nonaktifkan`}>
            {t('agency.deactivate.link')}
          </a>
        )}
      </p>
      {can.deactivate && !agency.active && (
        <PostForm ctx={ctx} action={`${agencyPath(agency.slug)}/aktifkan`}>
          <button type="submit">{t('agency.activate.submit')}</button>
        </PostForm>
      )}
      {staff && (
        <section aria-labelledby="h-staff">
          <h2 id="h-staff">{t('agency.staff.title', { count: staff.length })}</h2>
          {can.createStaff && agency.active && (
            <p>
              <a class="button secondary" href={`${ROOT_STAFF}/baru?instansi=${encodeURIComponent(agency.slug)}`}>
                {t('staff.new.link')}
              </a>
            </p>
          )}
          {staff.length ? (
            <div class="table-wrap" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('staff.f.name')}</th>
                    <th scope="col">{t('staff.f.roles')}</th>
                    <th scope="col">{t('staff.f.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {staff.map((s) => (
                    <tr key={s.id}>
                      <td>{can.readStaff ? <a href={staffPath(s.id)}>{s.name}</a> : s.name}</td>
                      <td>
                        <RoleList ctx={ctx} roles={s.roles.filter((r) => r.agency?.id === agency.id)} />
                      </td>
                      <td>{t(`staff.status.${s.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t('agency.staff.none')}</p>
          )}
        </section>
      )}
    </Page>
  );
}

export function DeactivatePage({ ctx, agency, activeGrants }: { ctx: ViewContext; agency: AgencyView; activeGrants: number }) {
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={t('agency.deactivate.title', { name: agency.shortName })} trail={[{ href: ROOT_AGENCIES, label: t('agency.list.title') }, { href: agencyPath(agency.slug), label: agency.shortName }]}>
      <h1>{t('agency.deactivate.title', { name: agency.name })}</h1>
      <p>{t('agency.deactivate.explain')}</p>
      {activeGrants > 0 && <p class="notice warn">{t('agency.deactivate.grants', { count: activeGrants })}</p>}
      <PostForm ctx={ctx} action={`${agencyPath(agency.slug)}/nonaktifkan`}>
        <button type="submit" class="button danger">
          {t('agency.deactivate.submit')}
        </button>{' '}
        <a href={agencyPath(agency.slug)}>{t('form.cancel')}</a>
      </PostForm>
    </Page>
  );
}

/** The public page of an agency (portal face): who leads it, where it is, how to reach it. */
export function PublicAgencyPage({ ctx, agency, services }: { ctx: ViewContext; agency: AgencyView; services: { slug: string; name: string; summary: string }[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={agency.name} description={`${agency.name} (${agency.shortName}): ${t('agency.public.services')}`}>
      <h1>{agency.name}</h1>
      <p class="lead">
        {agency.shortName} · {typeLabel(t, agency.type)}
      </p>
      <dl class="summary">
        {agency.headName && (
          <>
            <dt>{agency.headTitle ?? t('agency.f.head')}</dt>
            <dd>{agency.headName}</dd>
          </>
        )}
        <dt>{t('agency.f.address')}</dt>
        <dd>
          <Dash v={agency.address} />
        </dd>
        <dt>{t('agency.f.phone')}</dt>
        <dd>
          <Dash v={agency.phone} />
        </dd>
        <dt>{t('agency.f.email')}</dt>
        <dd>{agency.email ? <a href={`mailto:${agency.email}`}>{agency.email}</a> : '—'}</dd>
        {(agency.website || agency.host) && (
          <>
            <dt>{t('agency.f.website')}</dt>
            <dd>{agency.website ?? agency.host}</dd>
          </>
        )}
      </dl>
      <h2>{t('agency.public.services')}</h2>
      {services.length ? (
        <ul class="list">
          {services.map((s) => (
            <li key={s.slug}>
              <a href={`/layanan/${s.slug}`}>
                <strong>{s.name}</strong>
              </a>
              {s.summary && <p>{s.summary}</p>}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('agency.public.no_services')}</p>
      )}
    </Layout>
  );
}
