// Pages of the governance landing and the ICT inventories (G-4, G-5, G-6, G-9, G-12).
// Server-rendered, no JavaScript needed; failed forms come back with what was typed.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../platform/http/errors.ts';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, FieldFrame, PostForm, SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { formatRupiah, type MessageKey, messageKeyOr } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { GovernanceSection } from './sections.ts';
import {
  acquisitionMethods,
  appKinds,
  appStatuses,
  assetCategories,
  assetConditions,
  assetStatuses,
  developerKinds,
  fundingSources,
  hostings,
  securitySupports,
  userGroups,
} from './inventory.schemas.ts';
import type { ApplicationDetail, ApplicationView, AssetView, ImportLineError, InventoryFigures, StaffFiguresView, StaffMemberView } from './inventory.service.ts';

export const GOV_PATH = '/kelola/tata-kelola';
export const APPS_PATH = `${GOV_PATH}/aplikasi`;
export const STAFF_PATH = `${GOV_PATH}/sdm-tik`;
export const ASSETS_PATH = `${GOV_PATH}/aset`;

export interface AgencyOption {
  id: string;
  name: string;
}

const opts = (ctx: ViewContext, prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: ctx.t(messageKeyOr(`${prefix}.${v}`, 'value.unknown')) }));

function Crumbs({ ctx, here }: { ctx: ViewContext; here?: boolean }) {
  return (
    <nav aria-label={ctx.t('system.crumbs')}>
      <p>
        <a href="/kelola">{ctx.t('nav.backoffice')}</a>
        {!here && (
          <>
            {' › '}
            <a href={GOV_PATH}>{ctx.t('gov.inv.crumb')}</a>
          </>
        )}
      </p>
    </nav>
  );
}

function Notice({ text }: { text?: string }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

// ---------------------------------------------------------------------------------------------
// Landing

export function LandingPage({ ctx, sections, figures }: { ctx: ViewContext; sections: GovernanceSection[]; figures: InventoryFigures | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('gov.inv.landing.title')} face="backoffice">
      <Crumbs ctx={ctx} here />
      <h1>{t('gov.inv.landing.title')}</h1>
      <p class="lead">{t('gov.inv.landing.lead')}</p>
      {figures && (
        <section aria-labelledby="h-figures">
          <h2 id="h-figures">{t('gov.inv.landing.figures')}</h2>
          <dl class="facts counts">
            <dt>{t('gov.inv.landing.apps_by_status')}</dt>
            <dd>{appStatuses.map((s) => `${t(`gov.inv.app.status.${s}`)}: ${figures.applicationsByStatus[s] ?? 0}`).join(' · ')}</dd>
            <dt>{t('gov.inv.report.handover')}</dt>
            <dd>
              {figures.handoverAccepted} / {figures.handoverPending}
            </dd>
            <dt>{t('gov.inv.section.staff')}</dt>
            <dd>{t('gov.inv.landing.no_staff_figures', { year: figures.staffYear, count: figures.agenciesWithoutStaffFigures })}</dd>
          </dl>
        </section>
      )}
      <h2>{t('gov.inv.landing.sections')}</h2>
      {sections.length === 0 ? (
        <p>{t('gov.inv.landing.none')}</p>
      ) : (
        <ul class="cards">
          {sections.map((s) => (
            <li key={s.href}>
              <h3>
                <a href={s.href}>{t(s.labelKey)}</a>
              </h3>
              <p>{t(s.descriptionKey)}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Shared bits

function FilterSelect({ ctx, name, label, value, options }: { ctx: ViewContext; name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  return (
    <div class="field">
      <label for={`q-${name}`}>{label}</label>
      <select id={`q-${name}`} name={name}>
        <option value="">{ctx.t('gov.inv.filter.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Choices({ ctx, form, name, legend, options, hint }: { ctx: ViewContext; form: FormState; name: string; legend: string; hint?: string; options: { value: string; label: string }[] }) {
  const chosen = (form.values[name] ?? '').split(',').filter(Boolean);
  const err = form.errors.find((e) => e.field === name || e.field.startsWith(`${name}.`));
  const id = `f-${name}`;
  return (
    <div class={`field${err ? ' field-error' : ''}`}>
      <fieldset aria-describedby={[hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
        <legend>{legend}</legend>
        {hint && (
          <p class="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        {err && (
          <p class="error-message" id={`${id}-error`}>
            {ctx.t(err.key, err.params)}
          </p>
        )}
        {options.map((o, i) => (
          <label class="choice" key={o.value} for={i === 0 ? id : `${id}-${i}`}>
            <input type="checkbox" id={i === 0 ? id : `${id}-${i}`} name={name} value={o.value} checked={chosen.includes(o.value)} /> {o.label}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

function FormPage({ ctx, title, form, labels, action, children, status }: { ctx: ViewContext; title: string; form: FormState; labels: Record<string, string>; action: string; children: ComponentChildren; status?: string }) {
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{title}</h1>
      <Notice text={status} />
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />
      <PostForm ctx={ctx} action={action}>
        {children}
        <button type="submit">{ctx.t('gov.inv.save')}</button>
      </PostForm>
    </Layout>
  );
}

const dateText = (ctx: ViewContext, d: string | null) => (d ? ctx.date(new Date(`${d}T12:00:00Z`)) : '—');

// ---------------------------------------------------------------------------------------------
// Applications

export function ApplicationsPage({
  ctx,
  items,
  agencies,
  filters,
  canCreate,
  notice,
}: {
  ctx: ViewContext;
  items: ApplicationView[];
  agencies: AgencyOption[];
  filters: Record<string, string | undefined>;
  canCreate: boolean;
  notice?: string;
}) {
  const { t } = ctx;
  const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => !!v) as [string, string][]);
  qs.set('format', 'csv');
  return (
    <Layout ctx={ctx} title={t('gov.inv.app.title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('gov.inv.app.title')}</h1>
      <p class="lead">{t('gov.inv.app.lead')}</p>
      <Notice text={notice} />
      {canCreate && (
        <p>
          <a class="button" href={`${APPS_PATH}/baru`}>
            {t('gov.inv.app.new')}
          </a>
        </p>
      )}
      <form method="get" action={APPS_PATH} class="filters">
        {agencies.length > 1 && <FilterSelect ctx={ctx} name="instansi" label={t('gov.inv.agency')} value={filters.instansi} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />}
        <FilterSelect ctx={ctx} name="jenis" label={t('gov.inv.app.kind')} value={filters.jenis} options={opts(ctx, 'gov.inv.app.kind', appKinds)} />
        <FilterSelect ctx={ctx} name="status" label={t('gov.inv.app.status')} value={filters.status} options={opts(ctx, 'gov.inv.app.status', appStatuses)} />
        <FilterSelect ctx={ctx} name="hosting" label={t('gov.inv.app.hosting')} value={filters.hosting} options={opts(ctx, 'gov.inv.app.hosting', hostings)} />
        <div class="field">
          <label for="q-cari">{t('gov.inv.app.search')}</label>
          <input id="q-cari" name="cari" type="search" value={filters.cari ?? ''} maxLength={100} />
        </div>
        <button type="submit">{t('gov.inv.filter')}</button>
      </form>
      <p>
        <a href={`${APPS_PATH}?${qs.toString()}`}>{t('gov.inv.export_csv')}</a> · {t('gov.inv.app.count', { count: items.length })}
      </p>
      {items.length === 0 ? (
        <p>{t('gov.inv.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('gov.inv.app.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gov.inv.app.name')}</th>
                <th scope="col">{t('gov.inv.app.owner')}</th>
                <th scope="col">{t('gov.inv.app.kind')}</th>
                <th scope="col">{t('gov.inv.app.developer')}</th>
                <th scope="col">{t('gov.inv.app.hosting')}</th>
                <th scope="col">{t('gov.inv.app.status')}</th>
                <th scope="col">{t('gov.inv.app.handover_state')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <a href={`${APPS_PATH}/${a.id}`}>{a.name}</a>
                  </th>
                  <td>{a.agencyName}</td>
                  <td>{t(`gov.inv.app.kind.${a.kind}`)}</td>
                  <td>
                    {t(`gov.inv.app.developer.${a.developerKind}`)}
                    {a.developerName && ` — ${a.developerName}`}
                  </td>
                  <td>{t(`gov.inv.app.hosting.${a.hosting}`)}</td>
                  <td>{t(`gov.inv.app.status.${a.status}`)}</td>
                  <td>{a.handoverAcceptedAt ? t('gov.inv.app.handover_accepted') : t('gov.inv.app.handover_pending')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function applicationLabels(ctx: ViewContext): Record<string, string> {
  const { t } = ctx;
  return {
    agencyId: t('gov.inv.app.owner'),
    name: t('gov.inv.app.name'),
    kind: t('gov.inv.app.kind'),
    developerKind: t('gov.inv.app.developer'),
    developerName: t('gov.inv.app.developer_name'),
    relatedIds: t('gov.inv.app.related'),
    purpose: t('gov.inv.app.purpose'),
    userGroups: t('gov.inv.app.users'),
    usersNote: t('gov.inv.app.users_note'),
    url: t('gov.inv.app.url'),
    hosting: t('gov.inv.app.hosting'),
    security: t('gov.inv.app.security'),
    securityNote: t('gov.inv.app.security_note'),
    documentation: t('gov.inv.app.documentation'),
    sourceLocation: t('gov.inv.app.source'),
    status: t('gov.inv.app.status'),
    plannedOn: t('gov.inv.app.planned_on'),
    liveOn: t('gov.inv.app.live_on'),
    retiredOn: t('gov.inv.app.retired_on'),
    version: t('gov.inv.conflict'),
  };
}

export function ApplicationFormPage({
  ctx,
  form,
  agencies,
  choices,
  editing,
}: {
  ctx: ViewContext;
  form: FormState;
  agencies: AgencyOption[];
  choices: { id: string; name: string; agencyShortName: string }[];
  editing?: { id: string; name: string; version: number };
}) {
  const { t } = ctx;
  const title = editing ? t('gov.inv.app.edit_title', { name: editing.name }) : t('gov.inv.app.new');
  const related = (form.values.relatedIds ?? '').split(',').filter(Boolean);
  const relErr = form.errors.find((e) => e.field.startsWith('relatedIds'));
  return (
    <FormPage ctx={ctx} title={title} form={form} labels={applicationLabels(ctx)} action={editing ? `${APPS_PATH}/${editing.id}/ubah` : APPS_PATH}>
      {editing && <input type="hidden" name="version" value={form.values.version ?? String(editing.version)} />}
      <TextField ctx={ctx} form={form} name="name" label={t('gov.inv.app.name')} maxLength={200} />
      <SelectField ctx={ctx} form={form} name="agencyId" label={t('gov.inv.app.owner')} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
      <SelectField ctx={ctx} form={form} name="kind" label={t('gov.inv.app.kind')} options={opts(ctx, 'gov.inv.app.kind', appKinds)} />
      <SelectField ctx={ctx} form={form} name="developerKind" label={t('gov.inv.app.developer')} options={opts(ctx, 'gov.inv.app.developer', developerKinds)} />
      <TextField ctx={ctx} form={form} name="developerName" label={t('gov.inv.app.developer_name')} required={false} maxLength={200} />
      <FieldFrame ctx={ctx} form={{ ...form, errors: relErr ? [{ ...relErr, field: 'relatedIds' }] : [] }} name="relatedIds" label={t('gov.inv.app.related')} hint={t('gov.inv.app.related_hint')} required={false}>
        {({ id, describedBy, invalid }) => (
          <select id={id} name="relatedIds" multiple size={Math.min(8, Math.max(3, choices.length))} aria-describedby={describedBy} aria-invalid={invalid}>
            {choices
              .filter((c) => c.id !== editing?.id)
              .map((c) => (
                <option key={c.id} value={c.id} selected={related.includes(c.id)}>
                  {c.name} ({c.agencyShortName})
                </option>
              ))}
          </select>
        )}
      </FieldFrame>
      <TextAreaField ctx={ctx} form={form} name="purpose" label={t('gov.inv.app.purpose')} required={false} maxLength={2000} rows={3} />
      <Choices ctx={ctx} form={form} name="userGroups" legend={t('gov.inv.app.users')} options={opts(ctx, 'gov.inv.app.users', userGroups)} />
      <TextField ctx={ctx} form={form} name="usersNote" label={t('gov.inv.app.users_note')} required={false} maxLength={500} />
      <TextField ctx={ctx} form={form} name="url" label={t('gov.inv.app.url')} required={false} maxLength={300} />
      <SelectField ctx={ctx} form={form} name="hosting" label={t('gov.inv.app.hosting')} options={opts(ctx, 'gov.inv.app.hosting', hostings)} />
      <Choices ctx={ctx} form={form} name="security" legend={t('gov.inv.app.security')} options={opts(ctx, 'gov.inv.app.security', securitySupports)} />
      <TextField ctx={ctx} form={form} name="securityNote" label={t('gov.inv.app.security_note')} required={false} maxLength={1000} />
      <TextAreaField ctx={ctx} form={form} name="documentation" label={t('gov.inv.app.documentation')} required={false} maxLength={1000} rows={2} />
      <TextField ctx={ctx} form={form} name="sourceLocation" label={t('gov.inv.app.source')} required={false} maxLength={300} />
      <SelectField ctx={ctx} form={form} name="status" label={t('gov.inv.app.status')} options={opts(ctx, 'gov.inv.app.status', appStatuses)} />
      <TextField ctx={ctx} form={form} name="plannedOn" type="date" label={t('gov.inv.app.planned_on')} required={false} />
      <TextField ctx={ctx} form={form} name="liveOn" type="date" label={t('gov.inv.app.live_on')} required={false} />
      <TextField ctx={ctx} form={form} name="retiredOn" type="date" label={t('gov.inv.app.retired_on')} required={false} />
    </FormPage>
  );
}

export function ApplicationDetailPage({
  ctx,
  app,
  canManage,
  canAccept,
  notice,
  failed,
  acceptErrors,
}: {
  ctx: ViewContext;
  app: ApplicationDetail;
  canManage: boolean;
  canAccept: boolean;
  notice?: string;
  /** A refused hand-over upload: which item and why. */
  failed?: { item: string; errors: FieldError[]; link: string };
  /** A refused acceptance: the missing items. */
  acceptErrors?: FieldError[];
}) {
  const { t } = ctx;
  const row = (label: string, value: ComponentChildren) => (
    <>
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </>
  );
  return (
    <Layout ctx={ctx} title={app.name} face="backoffice">
      <Crumbs ctx={ctx} />
      <p>
        <a href={APPS_PATH}>{t('gov.inv.app.title')}</a>
      </p>
      <h1>{app.name}</h1>
      <Notice text={notice} />
      {acceptErrors && acceptErrors.length > 0 && (
        <div class="error-summary" role="alert" aria-labelledby="accept-error-title" tabIndex={-1}>
          <h2 id="accept-error-title">{t('gov.inv.handover.missing', { count: acceptErrors.length })}</h2>
          <ul>
            {acceptErrors.map((e) => (
              <li key={e.field}>{t(e.key, e.params)}</li>
            ))}
          </ul>
        </div>
      )}
      {canManage && (
        <p>
          <a class="button secondary" href={`${APPS_PATH}/${app.id}/ubah`}>
            {t('gov.inv.edit')}
          </a>
        </p>
      )}
      <dl class="facts">
        {row(t('gov.inv.app.owner'), app.agencyName)}
        {row(t('gov.inv.app.kind'), t(`gov.inv.app.kind.${app.kind}`))}
        {row(t('gov.inv.app.developer'), `${t(`gov.inv.app.developer.${app.developerKind}`)}${app.developerName ? ` — ${app.developerName}` : ''}`)}
        {row(
          t('gov.inv.app.related'),
          app.related.length
            ? app.related.map((r, i) => (
                <span key={r.id}>
                  {i > 0 && ', '}
                  {r.visible ? <a href={`${APPS_PATH}/${r.id}`}>{r.name}</a> : r.name} ({r.agencyShortName})
                </span>
              ))
            : '',
        )}
        {row(t('gov.inv.app.purpose'), app.purpose)}
        {row(t('gov.inv.app.users'), [...app.userGroups.map((u) => t(messageKeyOr(`gov.inv.app.users.${u}`, 'value.unknown'))), app.usersNote].filter(Boolean).join('; '))}
        {row(t('gov.inv.app.url'), app.url)}
        {row(t('gov.inv.app.hosting'), t(`gov.inv.app.hosting.${app.hosting}`))}
        {row(t('gov.inv.app.security'), [...app.security.map((s) => t(messageKeyOr(`gov.inv.app.security.${s}`, 'value.unknown'))), app.securityNote].filter(Boolean).join('; '))}
        {row(t('gov.inv.app.documentation'), app.documentation)}
        {row(t('gov.inv.app.source'), app.sourceLocation)}
        {row(t('gov.inv.app.status'), t(`gov.inv.app.status.${app.status}`))}
        {row(
          t('gov.inv.app.dates'),
          [
            app.plannedOn && `${t('gov.inv.app.planned_on')}: ${dateText(ctx, app.plannedOn)}`,
            app.liveOn && `${t('gov.inv.app.live_on')}: ${dateText(ctx, app.liveOn)}`,
            app.retiredOn && `${t('gov.inv.app.retired_on')}: ${dateText(ctx, app.retiredOn)}`,
          ]
            .filter(Boolean)
            .join('; '),
        )}
      </dl>

      <section aria-labelledby="h-handover">
        <h2 id="h-handover">{t('gov.inv.handover.title')}</h2>
        <p>{t('gov.inv.handover.lead')}</p>
        {app.handoverAcceptedAt && (
          <p class="notice" role="status">
            {t('gov.inv.handover.accepted', { name: app.handoverAcceptedByName ?? '', date: ctx.dateTime(app.handoverAcceptedAt) })}
          </p>
        )}
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('gov.inv.handover.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gov.inv.handover.item')}</th>
                <th scope="col">{t('gov.inv.handover.state')}</th>
                {canManage && <th scope="col">{t('gov.inv.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {app.handover.map((h) => {
                const label = t(`gov.inv.handover.item.${h.item}`);
                const errs = failed?.item === h.item ? failed.errors : [];
                const fileErr = errs.find((e) => e.field === 'file');
                const linkErr = errs.find((e) => e.field === 'link');
                return (
                  <tr key={h.item}>
                    <th scope="row">{label}</th>
                    <td>
                      {h.provided ? (
                        <>
                          {h.hasFile && <a href={`${APPS_PATH}/${app.id}/serah-terima/${h.item}/berkas`}>{t('gov.inv.handover.download', { name: h.fileName ?? '' })}</a>}
                          {h.hasFile && h.linkUrl && ' · '}
                          {h.linkUrl && (
                            <a href={h.linkUrl} rel="noopener noreferrer">
                              {t('gov.inv.handover.open_link')}
                            </a>
                          )}
                          <br />
                          <span class="muted">{t('gov.inv.handover.provided_by', { name: h.providedByName ?? '', date: h.providedAt ? ctx.dateTime(h.providedAt) : '' })}</span>
                        </>
                      ) : (
                        <strong>{t('gov.inv.handover.missing_short')}</strong>
                      )}
                    </td>
                    {canManage && (
                      <td>
                        <form method="post" action={`${APPS_PATH}/${app.id}/serah-terima/${h.item}`} enctype="multipart/form-data" novalidate>
                          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                          <div class={fileErr ? 'field field-error' : 'field'}>
                            <label for={`f-file-${h.item}`}>
                              {t('gov.inv.handover.file')} — {label}
                            </label>
                            {fileErr && (
                              <p class="error-message" id={`f-file-${h.item}-error`}>
                                {t(fileErr.key, fileErr.params)}
                              </p>
                            )}
                            <input id={`f-file-${h.item}`} name="file" type="file" accept="application/pdf,.pdf" aria-invalid={fileErr ? 'true' : undefined} aria-describedby={fileErr ? `f-file-${h.item}-error` : undefined} />
                          </div>
                          <div class={linkErr ? 'field field-error' : 'field'}>
                            <label for={`f-link-${h.item}`}>
                              {t('gov.inv.handover.link')} — {label}
                            </label>
                            {linkErr && (
                              <p class="error-message" id={`f-link-${h.item}-error`}>
                                {t(linkErr.key, linkErr.params)}
                              </p>
                            )}
                            <input id={`f-link-${h.item}`} name="link" type="url" maxLength={500} value={failed?.item === h.item ? failed.link : ''} aria-invalid={linkErr ? 'true' : undefined} aria-describedby={linkErr ? `f-link-${h.item}-error` : undefined} />
                          </div>
                          <button type="submit" class="button secondary">
                            {t('gov.inv.handover.submit')}
                          </button>
                        </form>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {canAccept && !app.handoverAcceptedAt && (
          <PostForm ctx={ctx} action={`${APPS_PATH}/${app.id}/terima`}>
            <button type="submit">{t('gov.inv.handover.accept')}</button>
          </PostForm>
        )}
      </section>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// ICT staff

const figureKeys = ['civilServants', 'ictAble', 'abilityGood', 'abilityFair', 'ictSpecialists'] as const;
const figureLabel: Record<(typeof figureKeys)[number], MessageKey> = {
  civilServants: 'gov.inv.staff.civil_servants',
  ictAble: 'gov.inv.staff.ict_able',
  abilityGood: 'gov.inv.staff.ability_good',
  abilityFair: 'gov.inv.staff.ability_fair',
  ictSpecialists: 'gov.inv.staff.ict_specialists',
};

export function StaffPage({
  ctx,
  year,
  rows,
  members,
  agencies,
  agencyFilter,
  canManageAgency,
  notice,
}: {
  ctx: ViewContext;
  year: number;
  rows: { agencyId: string; agencyName: string; figures: StaffFiguresView | null }[];
  members: StaffMemberView[];
  agencies: AgencyOption[];
  agencyFilter?: string;
  canManageAgency: (agencyId: string) => boolean;
  notice?: string;
}) {
  const { t } = ctx;
  const totals = figureKeys.map((k) => rows.reduce((sum, r) => sum + (r.figures ? r.figures[k] : 0), 0));
  const qs = new URLSearchParams({ tahun: String(year), format: 'csv' });
  if (agencyFilter) qs.set('instansi', agencyFilter);
  return (
    <Layout ctx={ctx} title={t('gov.inv.staff.title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('gov.inv.staff.title')}</h1>
      <p class="lead">{t('gov.inv.staff.lead')}</p>
      <Notice text={notice} />
      <form method="get" action={STAFF_PATH} class="filters">
        <div class="field">
          <label for="q-tahun">{t('gov.inv.year')}</label>
          <input id="q-tahun" name="tahun" type="number" min={2000} max={2100} value={String(year)} inputMode="numeric" />
        </div>
        {agencies.length > 1 && <FilterSelect ctx={ctx} name="instansi" label={t('gov.inv.agency')} value={agencyFilter} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />}
        <button type="submit">{t('gov.inv.filter')}</button>
      </form>
      <p>
        <a href={`${STAFF_PATH}?${qs.toString()}`}>{t('gov.inv.export_csv')}</a>
      </p>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('gov.inv.staff.figures', { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('gov.inv.agency')}</th>
              {figureKeys.map((k) => (
                <th scope="col" key={k}>
                  {t(figureLabel[k])}
                </th>
              ))}
              <th scope="col">{t('gov.inv.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.agencyId}>
                <th scope="row">{r.agencyName}</th>
                {r.figures ? (
                  figureKeys.map((k) => <td key={k}>{r.figures![k]}</td>)
                ) : (
                  <td colSpan={figureKeys.length}>
                    <span class="muted">{t('gov.inv.staff.not_filled')}</span>
                  </td>
                )}
                <td>{canManageAgency(r.agencyId) && <a href={`${STAFF_PATH}/angka/${r.agencyId}/${year}`}>{t('gov.inv.staff.fill')}</a>}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('gov.inv.staff.total')}</th>
              {totals.map((v, i) => (
                <td key={figureKeys[i]}>{v}</td>
              ))}
              <td></td>
            </tr>
          </tfoot>
        </table>
      </div>

      <h2>{t('gov.inv.staff.members')}</h2>
      {agencies.some((a) => canManageAgency(a.id)) && (
        <p>
          <a class="button" href={`${STAFF_PATH}/pegawai/baru`}>
            {t('gov.inv.staff.new_member')}
          </a>
        </p>
      )}
      {members.length === 0 ? (
        <p>{t('gov.inv.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('gov.inv.staff.members')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gov.inv.staff.name')}</th>
                <th scope="col">{t('gov.inv.agency')}</th>
                <th scope="col">{t('gov.inv.staff.position')}</th>
                <th scope="col">{t('gov.inv.staff.education')}</th>
                <th scope="col">{t('gov.inv.staff.competencies')}</th>
                <th scope="col">{t('gov.inv.staff.certifications')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {canManageAgency(m.agencyId) ? <a href={`${STAFF_PATH}/pegawai/${m.id}/ubah`}>{m.name}</a> : m.name}
                    {m.nip && (
                      <>
                        <br />
                        <span class="muted">{m.nip}</span>
                      </>
                    )}
                  </th>
                  <td>{m.agencyName}</td>
                  <td>{m.position}</td>
                  <td>{m.education}</td>
                  <td>{m.competencies}</td>
                  <td>{m.certifications.map((c) => `${c.name} (${c.year}${c.expiresOn ? `, ${t('gov.inv.staff.cert_until', { date: dateText(ctx, c.expiresOn) })}` : ''})`).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function staffFigureLabels(ctx: ViewContext): Record<string, string> {
  return Object.fromEntries(figureKeys.map((k) => [k, ctx.t(figureLabel[k])]));
}

export function StaffFiguresFormPage({ ctx, form, agency, year }: { ctx: ViewContext; form: FormState; agency: AgencyOption; year: number }) {
  const title = ctx.t('gov.inv.staff.figures_of', { agency: agency.name, year });
  return (
    <FormPage ctx={ctx} title={title} form={form} labels={staffFigureLabels(ctx)} action={`${STAFF_PATH}/angka/${agency.id}/${year}`}>
      {figureKeys.map((k) => (
        <TextField key={k} ctx={ctx} form={form} name={k} label={ctx.t(figureLabel[k])} inputmode="numeric" maxLength={7} />
      ))}
    </FormPage>
  );
}

export function staffMemberLabels(ctx: ViewContext): Record<string, string> {
  const { t } = ctx;
  return {
    agencyId: t('gov.inv.agency'),
    name: t('gov.inv.staff.name'),
    nip: t('gov.inv.staff.nip'),
    position: t('gov.inv.staff.position'),
    education: t('gov.inv.staff.education'),
    competencies: t('gov.inv.staff.competencies'),
    certifications: t('gov.inv.staff.certifications'),
  };
}

export function StaffMemberFormPage({ ctx, form, agencies, editing }: { ctx: ViewContext; form: FormState; agencies: AgencyOption[]; editing?: { id: string; name: string } }) {
  const { t } = ctx;
  const title = editing ? t('gov.inv.staff.edit_member', { name: editing.name }) : t('gov.inv.staff.new_member');
  return (
    <FormPage ctx={ctx} title={title} form={form} labels={staffMemberLabels(ctx)} action={editing ? `${STAFF_PATH}/pegawai/${editing.id}/ubah` : `${STAFF_PATH}/pegawai`}>
      <SelectField ctx={ctx} form={form} name="agencyId" label={t('gov.inv.agency')} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
      <TextField ctx={ctx} form={form} name="name" label={t('gov.inv.staff.name')} maxLength={200} />
      <TextField ctx={ctx} form={form} name="nip" label={t('gov.inv.staff.nip')} required={false} inputmode="numeric" maxLength={18} />
      <TextField ctx={ctx} form={form} name="position" label={t('gov.inv.staff.position')} required={false} maxLength={200} />
      <TextField ctx={ctx} form={form} name="education" label={t('gov.inv.staff.education')} required={false} maxLength={200} />
      <TextAreaField ctx={ctx} form={form} name="competencies" label={t('gov.inv.staff.competencies')} required={false} maxLength={2000} rows={3} />
      <TextAreaField ctx={ctx} form={form} name="certifications" label={t('gov.inv.staff.certifications')} hint={t('gov.inv.staff.certifications_hint')} required={false} rows={4} />
    </FormPage>
  );
}

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
