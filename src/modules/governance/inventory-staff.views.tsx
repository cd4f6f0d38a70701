// Pages of the ICT staff inventory (G-5): the figures per agency and the named ICT staff.
// Server-rendered, no JavaScript needed; failed forms come back with what was typed.
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { type MessageKey } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { StaffFiguresView, StaffMemberView } from './inventory.service.ts';
import { Crumbs, Notice, FilterSelect, FormPage, dateText, type AgencyOption, STAFF_PATH } from './inventory.views.tsx';

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
