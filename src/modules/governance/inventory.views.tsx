// Pages of the governance landing and the ICT application inventory (G-4, G-9, G-12), and the
// parts the staff (inventory-staff.views.tsx) and asset (inventory-assets.views.tsx) pages share.
// Server-rendered, no JavaScript needed; failed forms come back with what was typed.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../platform/http/errors.ts';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, FieldFrame, PostForm, SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { messageKeyOr } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { GovernanceSection } from './sections.ts';
import { appKinds, appStatuses, developerKinds, hostings, securitySupports, userGroups } from './inventory.schemas.ts';
import type { ApplicationDetail, ApplicationView, InventoryFigures } from './inventory.service.ts';

export const GOV_PATH = '/kelola/tata-kelola';
export const APPS_PATH = `${GOV_PATH}/aplikasi`;
export const STAFF_PATH = `${GOV_PATH}/sdm-tik`;
export const ASSETS_PATH = `${GOV_PATH}/aset`;

export interface AgencyOption {
  id: string;
  name: string;
}

export const opts = (ctx: ViewContext, prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: ctx.t(messageKeyOr(`${prefix}.${v}`, 'value.unknown')) }));

export function Crumbs({ ctx, here }: { ctx: ViewContext; here?: boolean }) {
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

export function Notice({ text }: { text?: string }) {
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

export function FilterSelect({ ctx, name, label, value, options }: { ctx: ViewContext; name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
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

export function Choices({ ctx, form, name, legend, options, hint }: { ctx: ViewContext; form: FormState; name: string; legend: string; hint?: string; options: { value: string; label: string }[] }) {
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

export function FormPage({ ctx, title, form, labels, action, children, status }: { ctx: ViewContext; title: string; form: FormState; labels: Record<string, string>; action: string; children: ComponentChildren; status?: string }) {
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

export const dateText = (ctx: ViewContext, d: string | null) => (d ? ctx.date(new Date(`${d}T12:00:00Z`)) : '—');

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
