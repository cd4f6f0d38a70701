// Pages of ICT audits (G-7): the list with open findings by severity and the infrastructure
// audits that are due ("terlambat"), the Dinas's audit form, and an audit's page with its
// findings, their follow-up and closing.
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm, SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import type { InfrastructureAuditStatus } from './audits.rules.ts';
import { auditKinds, severities, type AuditDetail, type AuditView } from './audits.service.ts';
import type { Severity } from './registers.tables.ts';
import { AgencySelect, calendarDate, Filters, GOV_BASE, GovShell, Notice, Paging, type AgencyOption } from './registers.views.tsx';
import { messageKeyOr } from '../../platform/views/i18n.ts';

export const AUDIT_PATH = `${GOV_BASE}/audit`;
export const FINDINGS_PATH = `${AUDIT_PATH}/temuan`;

export interface FindingRow {
  id: string;
  auditId: string;
  auditKind: string;
  title: string;
  severity: Severity;
  ownerAgencyName: string | null;
  dueDate: string;
  status: 'open' | 'closed';
  late: boolean;
}

export function FindingsListPage({ ctx, items, total, page, pageSize, agencies, filter }: { ctx: ViewContext; items: FindingRow[]; total: number; page: number; pageSize: number; agencies: AgencyOption[]; filter: Record<string, string> }) {
  const { t } = ctx;
  return (
    <GovShell ctx={ctx} title={t('gov.reg.audit.findings_title')} crumbs={[{ href: AUDIT_PATH, label: t('gov.reg.audit.title') }]}>
      <Filters
        ctx={ctx}
        action={FINDINGS_PATH}
        agencies={agencies}
        values={filter}
        extra={[
          { name: 'status', label: t('gov.reg.audit.f.status'), options: (['open', 'closed'] as const).map((s) => ({ value: s, label: t(`gov.reg.audit.status.${s}`) })) },
          { name: 'tingkat', label: t('gov.reg.audit.f.severity'), options: severities.map((s) => ({ value: s, label: t(`gov.reg.opt.${s}`) })) },
        ]}
      />
      {items.length === 0 ? (
        <p>{t('gov.reg.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('gov.reg.audit.findings_title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gov.reg.audit.f.finding')}</th>
                <th scope="col">{t('gov.reg.audit.f.severity')}</th>
                <th scope="col">{t('gov.reg.audit.f.owner')}</th>
                <th scope="col">{t('gov.reg.audit.f.dueDate')}</th>
                <th scope="col">{t('gov.reg.audit.f.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((f) => (
                <tr key={f.id}>
                  <td>
                    <a href={`${AUDIT_PATH}/${f.auditId}`}>{f.title}</a> <span class="muted">({t(messageKeyOr(`gov.reg.opt.${f.auditKind}`, 'value.unknown'))})</span>
                  </td>
                  <td>{t(`gov.reg.opt.${f.severity}`)}</td>
                  <td>{f.ownerAgencyName ?? t('gov.reg.region_level')}</td>
                  <td>{calendarDate(ctx, f.dueDate)}</td>
                  <td>
                    {t(`gov.reg.audit.status.${f.status}`)} {f.late && <span class="tag warn">{t('gov.reg.audit.finding_late')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Paging ctx={ctx} path={FINDINGS_PATH} query={filter} page={page} pageSize={pageSize} total={total} />
    </GovShell>
  );
}

const labels = (ctx: ViewContext) => ({
  agencyId: ctx.t('gov.reg.audit.f.agency'),
  kind: ctx.t('gov.reg.audit.f.kind'),
  scope: ctx.t('gov.reg.audit.f.scope'),
  auditorType: ctx.t('gov.reg.audit.f.auditorType'),
  auditorName: ctx.t('gov.reg.audit.f.auditorName'),
  startDate: ctx.t('gov.reg.audit.f.startDate'),
  endDate: ctx.t('gov.reg.audit.f.endDate'),
  title: ctx.t('gov.reg.audit.f.finding'),
  description: ctx.t('gov.reg.audit.f.description'),
  severity: ctx.t('gov.reg.audit.f.severity'),
  ownerAgencyId: ctx.t('gov.reg.audit.f.owner'),
  dueDate: ctx.t('gov.reg.audit.f.dueDate'),
  note: ctx.t('gov.reg.audit.f.note'),
});

export function AuditListPage({
  ctx,
  items,
  total,
  page,
  pageSize,
  agencies,
  filter,
  canCreate,
  infrastructure,
  openBySeverity,
}: {
  ctx: ViewContext;
  items: AuditView[];
  total: number;
  page: number;
  pageSize: number;
  agencies: AgencyOption[];
  filter: Record<string, string>;
  canCreate: boolean;
  infrastructure: InfrastructureAuditStatus[];
  openBySeverity: Record<Severity, number> | null;
}) {
  const { t } = ctx;
  const late = infrastructure.filter((s) => s.overdue);
  return (
    <GovShell ctx={ctx} title={t('gov.reg.audit.title')}>
      <p class="lead">
        {t('gov.reg.audit.lead')} <span class="muted">(G-7)</span>
      </p>
      {canCreate && (
        <p>
          <a class="button" href={`${AUDIT_PATH}/baru`}>
            {t('gov.reg.audit.new')}
          </a>
        </p>
      )}
      {openBySeverity && (
        <p class="summary">
          {t('gov.reg.audit.open_findings')}:{' '}
          {severities.map((s) => (
            <span class={s === 'critical' || s === 'high' ? 'tag warn' : 'tag'}>
              {t(`gov.reg.opt.${s}`)} {openBySeverity[s]}
            </span>
          ))}
        </p>
      )}
      <p>
        <a href={`${FINDINGS_PATH}?status=open`}>{t('gov.reg.audit.findings_link')}</a>
      </p>
      <section aria-labelledby="h-infra">
        <h2 id="h-infra">{t('gov.reg.audit.infra_heading')}</h2>
        <p class="hint">{t('gov.reg.audit.infra_hint')}</p>
        {late.length === 0 ? (
          <p>{t('gov.reg.audit.infra_none_late')}</p>
        ) : (
          <div class="table-wrap" tabIndex={0}>
            <table>
              <caption>{t('gov.reg.audit.infra_heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('gov.reg.agency')}</th>
                  <th scope="col">{t('gov.reg.audit.last_infra')}</th>
                  <th scope="col">{t('gov.reg.audit.due')}</th>
                  <th scope="col">{t('gov.reg.flags')}</th>
                </tr>
              </thead>
              <tbody>
                {late.map((s) => (
                  <tr>
                    <td>{s.agencyId ? s.name : t('gov.reg.audit.region_wide', { name: s.name })}</td>
                    <td>{s.lastAuditOn ? calendarDate(ctx, s.lastAuditOn) : t('gov.reg.audit.never')}</td>
                    <td>{s.dueOn ? calendarDate(ctx, s.dueOn) : '—'}</td>
                    <td>
                      <span class="tag warn">{t('gov.reg.audit.late')}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <h2>{t('gov.reg.audit.list')}</h2>
      <Filters
        ctx={ctx}
        action={AUDIT_PATH}
        agencies={agencies}
        values={filter}
        extra={[{ name: 'jenis', label: t('gov.reg.audit.f.kind'), options: auditKinds.map((k) => ({ value: k, label: t(`gov.reg.opt.${k}`) })) }]}
      />
      {items.length === 0 ? (
        <p>{t('gov.reg.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('gov.reg.audit.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gov.reg.audit.f.scope')}</th>
                <th scope="col">{t('gov.reg.audit.f.kind')}</th>
                <th scope="col">{t('gov.reg.audit.f.agency')}</th>
                <th scope="col">{t('gov.reg.audit.f.auditorName')}</th>
                <th scope="col">{t('gov.reg.audit.f.endDate')}</th>
                <th scope="col">{t('gov.reg.audit.open_findings')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`${AUDIT_PATH}/${a.id}`}>{a.scope.length > 80 ? `${a.scope.slice(0, 77)}…` : a.scope}</a>
                  </td>
                  <td>{t(`gov.reg.opt.${a.kind}`)}</td>
                  <td>{a.agencyName ?? t('gov.reg.region_level')}</td>
                  <td>
                    {a.auditorName} <span class="muted">({t(`gov.reg.opt.${a.auditorType}`)})</span>
                  </td>
                  <td>{calendarDate(ctx, a.endDate)}</td>
                  <td>{a.openFindings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Paging ctx={ctx} path={AUDIT_PATH} query={filter} page={page} pageSize={pageSize} total={total} />
    </GovShell>
  );
}

export function AuditFormPage({ ctx, agencies, form, audit }: { ctx: ViewContext; agencies: AgencyOption[]; form: FormState; audit?: AuditView }) {
  const { t } = ctx;
  return (
    <GovShell ctx={ctx} title={audit ? t('gov.reg.audit.edit') : t('gov.reg.audit.new')} crumbs={[{ href: AUDIT_PATH, label: t('gov.reg.audit.title') }]}>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels(ctx)} />
      <PostForm ctx={ctx} action={audit ? `${AUDIT_PATH}/${audit.id}/ubah` : `${AUDIT_PATH}/baru`}>
        {audit && <input type="hidden" name="version" value={form.values.version ?? String(audit.version)} />}
        <AgencySelect ctx={ctx} form={form} agencies={agencies} label={t('gov.reg.audit.f.agency')} required={false} />
        <SelectField ctx={ctx} form={form} name="kind" label={t('gov.reg.audit.f.kind')} options={auditKinds.map((k) => ({ value: k, label: t(`gov.reg.opt.${k}`) }))} />
        <TextAreaField ctx={ctx} form={form} name="scope" label={t('gov.reg.audit.f.scope')} rows={4} maxLength={4000} />
        <SelectField ctx={ctx} form={form} name="auditorType" label={t('gov.reg.audit.f.auditorType')} options={(['internal', 'external'] as const).map((k) => ({ value: k, label: t(`gov.reg.opt.${k}`) }))} />
        <TextField ctx={ctx} form={form} name="auditorName" label={t('gov.reg.audit.f.auditorName')} maxLength={200} />
        <TextField ctx={ctx} form={form} name="startDate" label={t('gov.reg.audit.f.startDate')} type="date" hint={t('gov.reg.date_hint')} />
        <TextField ctx={ctx} form={form} name="endDate" label={t('gov.reg.audit.f.endDate')} type="date" hint={t('gov.reg.date_hint')} />
        <button type="submit">{t('gov.reg.save')}</button>
      </PostForm>
    </GovShell>
  );
}

export function AuditDetailPage({
  ctx,
  audit,
  agencies,
  canManage,
  canFollowUp,
  form,
  notice,
}: {
  ctx: ViewContext;
  audit: AuditDetail;
  agencies: AgencyOption[];
  canManage: boolean;
  /** Whether the reader may follow up a finding (owner agency or the Dinas). */
  canFollowUp: (ownerAgencyId: string | null) => boolean;
  /** A refused form: `target` is 'finding' or a finding id. */
  form: FormState & { target?: string };
  notice?: string;
}) {
  const { t } = ctx;
  const findingForm = form.target === 'finding' ? form : { values: {}, errors: [] };
  return (
    <GovShell ctx={ctx} title={t('gov.reg.audit.detail_title', { kind: t(`gov.reg.opt.${audit.kind}`), date: calendarDate(ctx, audit.endDate) })} crumbs={[{ href: AUDIT_PATH, label: t('gov.reg.audit.title') }]}>
      <Notice text={notice} />
      <ErrorSummary ctx={ctx} errors={form.errors.map((e) => (form.target && form.target !== 'finding' ? { ...e, field: `${e.field}-${form.target}` } : e))} labels={Object.fromEntries(Object.entries(labels(ctx)).flatMap(([k, v]) => [[k, v], [`${k}-${form.target ?? ''}`, v]]))} />
      <dl class="facts">
        <dt>{t('gov.reg.audit.f.agency')}</dt>
        <dd>{audit.agencyName ?? t('gov.reg.region_level')}</dd>
        <dt>{t('gov.reg.audit.f.scope')}</dt>
        <dd class="pre">{audit.scope}</dd>
        <dt>{t('gov.reg.audit.f.auditorName')}</dt>
        <dd>
          {audit.auditorName} ({t(`gov.reg.opt.${audit.auditorType}`)})
        </dd>
        <dt>{t('gov.reg.audit.period')}</dt>
        <dd>
          {calendarDate(ctx, audit.startDate)} – {calendarDate(ctx, audit.endDate)}
        </dd>
      </dl>
      {canManage && (
        <p>
          <a class="button secondary" href={`${AUDIT_PATH}/${audit.id}/ubah`}>
            {t('gov.reg.edit')}
          </a>
        </p>
      )}
      <h2>{t('gov.reg.audit.findings')}</h2>
      {audit.findings.length === 0 && <p>{t('gov.reg.audit.no_findings')}</p>}
      {audit.findings.map((f) => {
        const mine = form.target === f.id ? form : { values: {}, errors: [] };
        const err = mine.errors.find((e) => e.field === 'note');
        return (
          <section aria-labelledby={`h-f-${f.id}`} class="form-section" key={f.id}>
            <h3 id={`h-f-${f.id}`}>
              {f.title} <span class={f.severity === 'critical' || f.severity === 'high' ? 'tag warn' : 'tag'}>{t(`gov.reg.opt.${f.severity}`)}</span>{' '}
              <span class="tag">{t(`gov.reg.audit.status.${f.status}`)}</span>
              {f.late && <span class="tag warn">{t('gov.reg.audit.finding_late')}</span>}
            </h3>
            {f.description && <p class="pre">{f.description}</p>}
            <p>
              {t('gov.reg.audit.f.owner')}: {f.ownerAgencyName ?? t('gov.reg.region_level')} · {t('gov.reg.audit.f.dueDate')}: {calendarDate(ctx, f.dueDate)}
            </p>
            {f.followUps.length > 0 && (
              <ol class="timeline">
                {f.followUps.map((x) => (
                  <li>
                    {x.actorLabel}, {ctx.dateTime(x.createdAt)}
                    {x.closes && <strong> — {t('gov.reg.audit.closed_with')}</strong>}
                    <p class="pre">{x.note}</p>
                  </li>
                ))}
              </ol>
            )}
            {f.status === 'open' && canFollowUp(f.ownerAgencyId) && (
              <PostForm ctx={ctx} action={`${AUDIT_PATH}/temuan/${f.id}/tindak-lanjut`}>
                <div class={err ? 'field field-error' : 'field'}>
                  <label for={`f-note-${f.id}`}>{t('gov.reg.audit.f.note')}</label>
                  {err && (
                    <p class="error-message" id={`f-note-${f.id}-error`}>
                      {t(err.key, err.params)}
                    </p>
                  )}
                  <textarea id={`f-note-${f.id}`} name="note" rows={3} maxLength={4000} aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `f-note-${f.id}-error` : undefined}>
                    {mine.values.note ?? ''}
                  </textarea>
                </div>
                <div class="field choice">
                  <input id={`f-close-${f.id}`} type="checkbox" name="close" value="on" checked={mine.values.close === 'on'} />
                  <label for={`f-close-${f.id}`}>{t('gov.reg.audit.close')}</label>
                </div>
                <button type="submit">{t('gov.reg.audit.add_follow_up')}</button>
              </PostForm>
            )}
          </section>
        );
      })}
      {canManage && (
        <section aria-labelledby="h-new-finding" class="form-section">
          <h2 id="h-new-finding">{t('gov.reg.audit.new_finding')}</h2>
          <PostForm ctx={ctx} action={`${AUDIT_PATH}/${audit.id}/temuan`}>
            <TextField ctx={ctx} form={findingForm} name="title" label={t('gov.reg.audit.f.finding')} maxLength={300} />
            <TextAreaField ctx={ctx} form={findingForm} name="description" label={t('gov.reg.audit.f.description')} rows={3} required={false} maxLength={4000} />
            <SelectField ctx={ctx} form={findingForm} name="severity" label={t('gov.reg.audit.f.severity')} options={severities.map((s) => ({ value: s, label: t(`gov.reg.opt.${s}`) }))} />
            <AgencySelect ctx={ctx} form={findingForm} name="ownerAgencyId" label={t('gov.reg.audit.f.owner')} agencies={agencies} required={false} />
            <TextField ctx={ctx} form={findingForm} name="dueDate" label={t('gov.reg.audit.f.dueDate')} type="date" hint={t('gov.reg.date_hint')} />
            <button type="submit">{t('gov.reg.audit.add_finding')}</button>
          </PostForm>
        </section>
      )}
    </GovShell>
  );
}
