// Back-office pages of staff accounts and their role grants: the list, a new account and one
// account with its grants. Same conventions as agencies.views.tsx (error summary first, typed
// values kept, plain HTML forms, personal data masked in lists).
import type { StaffRole } from '../../platform/db/schema.ts';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm, SelectField, TextField } from '../../platform/views/forms.tsx';
import { DataTable, FilterBar, FilterInput, FilterSelect, sortHref, sortRows, StatusTag, type SortState } from '../../platform/views/components/index.ts';
import type { AgencyRef, GrantView, StaffDetail, StaffSummary } from './agencies.service.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';
import { ROOT_STAFF, staffPath, type Notice, NoticeBox, labels, roleLabel, Page, Dash, RoleList } from './agencies.views.tsx';

// ---------------------------------------------------------------------------------------
// Staff
// ---------------------------------------------------------------------------------------

const staffLabels: Record<string, MessageKey> = { name: 'staff.f.name', email: 'staff.f.email', phone: 'staff.f.phone', agency: 'staff.f.agency', role: 'staff.f.role', form: 'staff.new.title' };

/** The staff list sorts by name or status (`?urut=…&arah=…`); at most 500 rows, sorted in memory. */
export const staffSortKeys = ['name', 'status', 'totp'] as const;
export type StaffSortKey = (typeof staffSortKeys)[number];

export function StaffListPage({
  ctx,
  items,
  agencies,
  roles,
  filter,
  canCreate,
  sort = { key: 'name', dir: 'asc' },
}: {
  ctx: ViewContext;
  items: StaffSummary[];
  agencies: AgencyRef[];
  roles: StaffRole[];
  filter: { agency?: string; role?: string; q?: string };
  canCreate: boolean;
  sort?: SortState<StaffSortKey>;
}) {
  const { t } = ctx;
  const here = { q: filter.q, instansi: filter.agency, peran: filter.role };
  const kept = sort.key === 'name' && sort.dir === 'asc' ? {} : { urut: sort.key, arah: sort.dir === 'desc' ? 'turun' : 'naik' };
  const rows = sortRows(items, sort, (s, k) => (k === 'status' ? t(`staff.status.${s.status}`) : k === 'totp' ? Number(s.mfaEnabled) : s.name));
  return (
    <Page ctx={ctx} title={t('staff.list.title')}>
      <h1>{t('staff.list.title')}</h1>
      {canCreate && (
        <p>
          <a class="button" href={`${ROOT_STAFF}/baru`}>
            {t('staff.new.link')}
          </a>
        </p>
      )}
      <FilterBar ctx={ctx} action={ROOT_STAFF} active={Boolean(filter.q || filter.agency || filter.role)} hidden={kept}>
        <FilterInput name="q" label={t('staff.list.search')} type="search" value={filter.q} maxLength={100} />
        {agencies.length > 1 && <FilterSelect name="instansi" label={t('staff.f.agency')} allLabel={t('staff.list.all_agencies')} value={filter.agency} options={agencyOptions(agencies)} />}
        <FilterSelect name="peran" label={t('staff.f.role')} allLabel={t('staff.list.all_roles')} value={filter.role} options={roles.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
      </FilterBar>
      <h2>{t('staff.list.count', { count: items.length })}</h2>
      <DataTable
        ctx={ctx}
        caption={t('staff.list.title')}
        captionHidden
        rows={rows}
        rowKey={(s) => s.id}
        empty={t('staff.list.none')}
        sort={sort}
        sortLink={(key, dir) => sortHref(ROOT_STAFF, here, key, dir)}
        columns={[
          { key: 'name', label: t('staff.f.name'), primary: true, sortable: true, cell: (s) => <a href={staffPath(s.id)}>{s.name}</a> },
          { key: 'email', label: t('staff.f.email'), cell: (s) => <Dash v={s.emailMasked} /> },
          { key: 'phone', label: t('staff.f.phone'), nowrap: true, cell: (s) => <Dash v={s.phoneMasked} /> },
          { key: 'roles', label: t('staff.f.roles'), cell: (s) => <RoleList ctx={ctx} roles={s.roles} /> },
          {
            key: 'status',
            label: t('staff.f.status'),
            sortable: true,
            cell: (s) => <StatusTag tone={s.status === 'active' ? 'success' : 'neutral'}>{t(`staff.status.${s.status}`)}</StatusTag>,
          },
          { key: 'totp', label: t('staff.f.totp'), sortable: true, cell: (s) => (s.mfaEnabled ? t('staff.totp_on') : '—') },
        ]}
      />
    </Page>
  );
}

/** Agency choices for a select: a region-wide choice (value '') first when allowed. */
function agencyOptions(agencies: AgencyRef[]) {
  return agencies.map((a) => ({ value: a.slug, label: a.name }));
}

function AgencySelect({ ctx, form, agencies, regionWide, name = 'agency' }: { ctx: ViewContext; form: FormState; agencies: AgencyRef[]; regionWide: boolean; name?: string }) {
  const { t } = ctx;
  const err = form.errors.find((e) => e.field === name);
  const id = `f-${name}`;
  const current = form.values[name] ?? '';
  return (
    <div class={`field${err ? ' field-error' : ''}`}>
      <label for={id}>{t('staff.f.agency')}</label>
      <p class="hint" id={`${id}-hint`}>
        {regionWide ? t('staff.hint.agency_region') : t('staff.hint.agency')}
      </p>
      {err && (
        <p class="error-message" id={`${id}-error`}>
          {t(err.key, err.params)}
        </p>
      )}
      <select id={id} name={name} aria-invalid={err ? 'true' : undefined} aria-describedby={`${id}-hint${err ? ` ${id}-error` : ''}`}>
        {regionWide ? <option value="">{t('staff.region_wide_option')}</option> : <option value="">—</option>}
        {agencyOptions(agencies).map((o) => (
          <option key={o.value} value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function StaffNewPage({ ctx, form, agencies, roles, regionWide }: { ctx: ViewContext; form: FormState; agencies: AgencyRef[]; roles: StaffRole[]; regionWide: boolean }) {
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={t('staff.new.title')} trail={[{ href: ROOT_STAFF, label: t('staff.list.title') }]}>
      <h1 id="f-form" tabIndex={-1}>
        {t('staff.new.title')}
      </h1>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels(t, staffLabels)} />
      <p>{t('staff.new.lead')}</p>
      <PostForm ctx={ctx} action={`${ROOT_STAFF}/baru`}>
        <TextField ctx={ctx} form={form} name="name" label={t('staff.f.name')} autocomplete="off" maxLength={120} />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('staff.f.email')} hint={t('staff.hint.email')} inputmode="email" autocomplete="off" maxLength={254} />
        <TextField ctx={ctx} form={form} name="phone" type="tel" label={t('staff.f.phone')} hint={t('staff.hint.phone')} inputmode="tel" required={false} maxLength={30} />
        <AgencySelect ctx={ctx} form={form} agencies={agencies} regionWide={regionWide} />
        <SelectField ctx={ctx} form={form} name="role" label={t('staff.f.role')} options={roles.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
        <button type="submit">{t('staff.new.submit')}</button>
      </PostForm>
    </Page>
  );
}

function GrantRow({ ctx, g, canRevoke, userId }: { ctx: ViewContext; g: GrantView; canRevoke: boolean; userId: string }) {
  const { t } = ctx;
  return (
    <tr>
      <td>{roleLabel(t, g.role)}</td>
      <td>{g.agency ? g.agency.name : t('adm.region_wide')}</td>
      <td>
        {ctx.dateTime(g.grantedAt)}
        {g.grantedBy ? ` — ${g.grantedBy}` : ''}
      </td>
      <td>
        {canRevoke && (
          <PostForm ctx={ctx} action={`${staffPath(userId)}/peran/${g.id}/cabut`} class="inline">
            <button type="submit" class="button danger" aria-label={t('grant.revoke.label', { role: roleLabel(t, g.role) })}>
              {t('grant.revoke.submit')}
            </button>
          </PostForm>
        )}
      </td>
    </tr>
  );
}

export function StaffDetailPage({
  ctx,
  staff,
  revocable,
  grantForm,
  grantAgencies,
  grantRoles,
  regionWide,
  notice,
}: {
  ctx: ViewContext;
  staff: StaffDetail;
  /** Grant ids the reader may revoke. */
  revocable: Set<string>;
  grantForm: FormState;
  grantAgencies: AgencyRef[];
  grantRoles: StaffRole[];
  regionWide: boolean;
  notice?: Notice;
}) {
  const { t } = ctx;
  const active = staff.grants.filter((g) => g.active);
  const canGrant = grantRoles.length > 0;
  return (
    <Page ctx={ctx} title={staff.name} trail={[{ href: ROOT_STAFF, label: t('staff.list.title') }]}>
      <h1>{staff.name}</h1>
      <NoticeBox ctx={ctx} notice={notice} />
      <dl class="summary">
        <dt>{t('staff.f.email')}</dt>
        <dd>
          <Dash v={staff.email} />
        </dd>
        <dt>{t('staff.f.phone')}</dt>
        <dd>
          <Dash v={staff.phoneMasked} />
        </dd>
        <dt>{t('staff.f.status')}</dt>
        <dd>{t(`staff.status.${staff.status}`)}</dd>
        <dt>{t('staff.f.totp')}</dt>
        <dd>{staff.mfaEnabled ? t('staff.totp_on') : t('staff.totp_off')}</dd>
        <dt>{t('staff.f.created')}</dt>
        <dd>{ctx.dateTime(staff.createdAt)}</dd>
        <dt>{t('staff.f.last_login')}</dt>
        <dd>{staff.lastLoginAt ? ctx.dateTime(staff.lastLoginAt) : '—'}</dd>
      </dl>

      <section aria-labelledby="h-roles">
        <h2 id="h-roles">{t('grant.active.title')}</h2>
        {active.length ? (
          <div class="table-wrap" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('staff.f.role')}</th>
                  <th scope="col">{t('staff.f.agency')}</th>
                  <th scope="col">{t('grant.f.granted')}</th>
                  <th scope="col">
                    <span class="muted">{t('grant.f.action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {active.map((g) => (
                  <GrantRow key={g.id} ctx={ctx} g={g} canRevoke={revocable.has(g.id)} userId={staff.id} />
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('staff.no_roles')}</p>
        )}
        {staff.hiddenGrants > 0 && <p class="hint">{t('grant.hidden', { count: staff.hiddenGrants })}</p>}
      </section>

      {canGrant && (
        <section aria-labelledby="f-form">
          <h2 id="f-form" tabIndex={-1}>
            {t('grant.new.title')}
          </h2>
          <ErrorSummary ctx={ctx} errors={grantForm.errors} labels={labels(t, { role: 'staff.f.role', agency: 'staff.f.agency', form: 'grant.new.title' })} />
          <PostForm ctx={ctx} action={`${staffPath(staff.id)}/peran`}>
            <SelectField ctx={ctx} form={grantForm} name="role" label={t('staff.f.role')} options={grantRoles.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
            <AgencySelect ctx={ctx} form={grantForm} agencies={grantAgencies} regionWide={regionWide} />
            <button type="submit">{t('grant.new.submit')}</button>
          </PostForm>
        </section>
      )}

      <section aria-labelledby="h-history">
        <h2 id="h-history">{t('grant.history.title')}</h2>
        {staff.grants.length ? (
          <div class="table-wrap" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('staff.f.role')}</th>
                  <th scope="col">{t('staff.f.agency')}</th>
                  <th scope="col">{t('grant.f.granted')}</th>
                  <th scope="col">{t('grant.f.revoked')}</th>
                </tr>
              </thead>
              <tbody>
                {staff.grants.map((g) => (
                  <tr key={g.id}>
                    <td>{roleLabel(t, g.role)}</td>
                    <td>{g.agency ? g.agency.name : t('adm.region_wide')}</td>
                    <td>
                      {ctx.dateTime(g.grantedAt)}
                      {g.grantedBy ? ` — ${g.grantedBy}` : ''}
                    </td>
                    <td>{g.revokedAt ? `${ctx.dateTime(g.revokedAt)}${g.revokedBy ? ` — ${g.revokedBy}` : ''}` : t('grant.still_active')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('grant.history.none')}</p>
        )}
      </section>
    </Page>
  );
}
