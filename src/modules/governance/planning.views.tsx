// Pages of governance planning (issue 6): SPBE self-assessment (G-8), PeGI, master plan with
// roadmap, budget and maturity stage (G-2, G-3, G-15), M&E report (E-4). Server-rendered,
// working without JavaScript; forms keep what was typed on a 4xx.
import type { ComponentChildren } from 'preact';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm, SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { formatDecimal, formatHundredthsId, formatRupiah } from '../../platform/format.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { YearComparison } from './spbe-index.ts';
import {
  archDomains,
  fundingSources,
  pegiDimensions,
  roadmapComponents,
  type AssessmentSummary,
  type AssessmentView,
  type BudgetTotals,
  type FrameworkView,
  type InitiativeView,
  type MaturityView,
  type PegiView,
  type PlanView,
} from './planning.service.ts';
import { messageKeyOr } from '../../platform/views/i18n.ts';

export const GOV_BASE = '/kelola/tata-kelola';
export const SPBE_PATH = `${GOV_BASE}/evaluasi-spbe`;
export const PEGI_PATH = `${GOV_BASE}/pegi`;
export const PLAN_PATH = `${GOV_BASE}/rencana-induk`;
export const MONEV_PATH = `${GOV_BASE}/laporan-monev`;

export interface Agencies {
  id: string;
  name: string;
}

function Page({ ctx, title, children, back }: { ctx: ViewContext; title: string; children: ComponentChildren; back?: string }) {
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <p>
        <a href={back ?? GOV_BASE}>← {ctx.t('gov.plan.back')}</a>
      </p>
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}

function Notice({ text }: { text?: string }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

const emptyForm: FormState = { values: {}, errors: [] };

// ---------------------------------------------------------------------------------------------
// SPBE

export function SpbeHomePage(p: {
  ctx: ViewContext;
  frameworks: FrameworkView[];
  assessments: AssessmentSummary[];
  canManage: boolean;
  canLoad: boolean;
  openForm?: FormState;
  loadForm?: FormState;
  notice?: string;
}) {
  const { ctx } = p;
  const { t } = ctx;
  const openForm = p.openForm ?? emptyForm;
  const loadForm = p.loadForm ?? emptyForm;
  return (
    <Page ctx={ctx} title={t('gov.plan.spbe.title')}>
      <Notice text={p.notice} />
      <h2>{t('gov.plan.spbe.assessments')}</h2>
      {p.assessments.length === 0 ? (
        <p>{t('gov.plan.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('gov.plan.spbe.assessments')}>
          <table>
            <caption>{t('gov.plan.spbe.assessments')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gov.plan.year')}</th>
                <th scope="col">{t('gov.plan.framework.heading')}</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {p.assessments.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`${SPBE_PATH}/${a.id}`}>{a.year}</a>
                  </td>
                  <td>
                    {a.frameworkName} ({a.frameworkVersion})
                  </td>
                  <td>{t(`gov.plan.spbe.status.${a.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.canManage && (
        <section aria-labelledby="h-open">
          <h2 id="h-open">{t('gov.plan.spbe.open')}</h2>
          <ErrorSummary ctx={ctx} errors={openForm.errors} labels={{ year: t('gov.plan.year'), framework: t('gov.plan.framework.heading') }} />
          <PostForm ctx={ctx} action={SPBE_PATH}>
            <SelectField ctx={ctx} form={openForm} name="framework" label={t('gov.plan.framework.heading')} options={p.frameworks.map((f) => ({ value: f.id, label: `${f.name} (${f.version})` }))} />
            <TextField ctx={ctx} form={openForm} name="year" label={t('gov.plan.year')} inputmode="numeric" maxLength={4} />
            <button type="submit">{t('gov.plan.spbe.open')}</button>
          </PostForm>
        </section>
      )}
      <section aria-labelledby="h-fw">
        <h2 id="h-fw">{t('gov.plan.framework.heading')}</h2>
        <ul>
          {p.frameworks.map((f) => (
            <li key={f.id}>
              {f.name} — {f.version} — {f.framework.indicators.length} {t('gov.plan.framework.indicators').toLowerCase()}
            </li>
          ))}
        </ul>
        {p.canLoad && (
          <>
            <h3>{t('gov.plan.framework.load')}</h3>
            <ErrorSummary ctx={ctx} errors={loadForm.errors} labels={{ text: t('gov.plan.framework.text'), version: t('gov.plan.framework.version') }} />
            <PostForm ctx={ctx} action={`${SPBE_PATH}/kerangka`}>
              <SelectField
                ctx={ctx}
                form={loadForm}
                name="format"
                label={t('gov.plan.framework.format')}
                options={[
                  { value: 'json', label: 'JSON' },
                  { value: 'tsv', label: 'TSV' },
                ]}
              />
              <TextField ctx={ctx} form={loadForm} name="version" label={t('gov.plan.framework.version')} required={false} maxLength={50} />
              <TextField ctx={ctx} form={loadForm} name="name" label={t('gov.plan.framework.name')} required={false} maxLength={300} />
              <TextAreaField ctx={ctx} form={loadForm} name="text" label={t('gov.plan.framework.text')} rows={10} mono />
              <button type="submit">{t('gov.plan.framework.load')}</button>
            </PostForm>
          </>
        )}
      </section>
    </Page>
  );
}

function Comparison({ ctx, cmp, year }: { ctx: ViewContext; cmp: YearComparison; year: number }) {
  const { t } = ctx;
  const rows = [{ ...cmp.overall, name: t('governance.spbe.overall') }, ...cmp.domains];
  return (
    <section aria-labelledby="h-cmp">
      <h2 id="h-cmp">{t('gov.plan.spbe.compare', { year })}</h2>
      {!cmp.sameFramework && <p class="notice warn">{t('gov.plan.spbe.other_framework')}</p>}
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('gov.plan.spbe.compare', { year })}>
        <table>
          <caption>{t('gov.plan.spbe.compare', { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('gov.plan.spbe.domain')}</th>
              <th scope="col">{t('gov.plan.spbe.previous')}</th>
              <th scope="col">{t('gov.plan.spbe.current')}</th>
              <th scope="col">{t('gov.plan.spbe.delta')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.name}</th>
                <td>{(r.prev ? formatDecimal(r.prev.value, 2) : '-')}</td>
                <td>{(r.curr ? formatDecimal(r.curr.value, 2) : '-')}</td>
                <td>{r.delta ? (r.delta.value > 0 ? `+${formatDecimal(r.delta.value, 2)}` : formatDecimal(r.delta.value, 2)) : '-'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function AssessmentPage(p: {
  ctx: ViewContext;
  a: AssessmentView;
  cmp: { previous: { year: number }; comparison: YearComparison } | null;
  canManage: boolean;
  canFinalise: boolean;
  proposable: number[];
  proposeForm?: FormState;
  notice?: string;
}) {
  const { ctx, a } = p;
  const { t } = ctx;
  const r = a.index;
  const proposeForm = p.proposeForm ?? emptyForm;
  return (
    <Page ctx={ctx} title={`${t('gov.plan.spbe.title')} ${a.year}`} back={SPBE_PATH}>
      <Notice text={p.notice} />
      <p>
        {a.framework.name} ({a.framework.version}) · {t(`gov.plan.spbe.status.${a.status}`)}
        {a.finalisedAt ? ` · ${ctx.dateTime(a.finalisedAt)}` : ''}
      </p>
      <dl class="facts">
        <dt>{t('governance.spbe.overall')}</dt>
        <dd>
          <strong id="spbe-index">{formatDecimal(r.index.value, 2)}</strong> ({r.predicate})
        </dd>
      </dl>
      {r.missing.length > 0 && <p class="muted">{t('governance.spbe.missing', { numbers: r.missing.join(', ') })}</p>}
      <p>
        <a href={`${SPBE_PATH}/${a.id}?format=csv`}>{t('gov.plan.csv')}</a>
      </p>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('gov.plan.spbe.summary_caption')}>
        <table>
          <caption>{t('gov.plan.spbe.summary_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('gov.plan.spbe.domain')}</th>
              <th scope="col">{t('gov.plan.spbe.weight')}</th>
              <th scope="col">{t('gov.plan.spbe.index')}</th>
              <th scope="col">{t('gov.plan.spbe.predicate')}</th>
            </tr>
          </thead>
          <tbody>
            {r.domains.map((d) => (
              <tr key={d.key}>
                <th scope="row">{d.name}</th>
                <td>{formatHundredthsId(d.weightHundredths)}</td>
                <td>{formatDecimal(d.index.value, 2)}</td>
                <td>{d.predicate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('gov.plan.spbe.aspect_caption')}>
        <table>
          <caption>{t('gov.plan.spbe.aspect_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('gov.plan.spbe.aspect')}</th>
              <th scope="col">{t('gov.plan.spbe.index')}</th>
              <th scope="col">{t('gov.plan.spbe.predicate')}</th>
            </tr>
          </thead>
          <tbody>
            {r.aspects.map((x) => (
              <tr key={x.key}>
                <th scope="row">
                  <a href={`${SPBE_PATH}/${a.id}/aspek/${encodeURIComponent(x.key)}`}>{x.name}</a>
                </th>
                <td>{formatDecimal(x.index.value, 2)}</td>
                <td>{x.predicate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.cmp && <Comparison ctx={ctx} cmp={p.cmp.comparison} year={p.cmp.previous.year} />}
      {a.proposals.length > 0 && (
        <section aria-labelledby="h-prop">
          <h2 id="h-prop">{t('gov.plan.spbe.proposals')}</h2>
          <ul>
            {a.proposals.map((x) => (
              <li key={x.id}>
                #{x.number} · {x.agencyName} · {ctx.dateTime(x.createdAt)}: {x.note}
              </li>
            ))}
          </ul>
        </section>
      )}
      {a.status === 'draft' && p.proposable.length > 0 && (
        <section aria-labelledby="h-propose">
          <h2 id="h-propose">{t('gov.plan.spbe.propose')}</h2>
          <ErrorSummary ctx={ctx} errors={proposeForm.errors} labels={{ note: t('gov.plan.note') }} />
          <PostForm ctx={ctx} action={`${SPBE_PATH}/${a.id}/usul`}>
            <SelectField ctx={ctx} form={proposeForm} name="indicator" label={t('gov.plan.spbe.indicator')} options={p.proposable.map((n) => ({ value: String(n), label: `${n}. ${a.framework.framework.indicators.find((i) => i.number === n)?.name ?? ''}` }))} />
            <TextAreaField ctx={ctx} form={proposeForm} name="note" label={t('gov.plan.note')} maxLength={4000} />
            <button type="submit">{t('gov.plan.spbe.propose')}</button>
          </PostForm>
        </section>
      )}
      {a.status === 'draft' && p.canFinalise && (
        <PostForm ctx={ctx} action={`${SPBE_PATH}/${a.id}/final`}>
          <button type="submit">{t('gov.plan.spbe.finalise')}</button>
        </PostForm>
      )}
    </Page>
  );
}

export function AspectPage(p: { ctx: ViewContext; a: AssessmentView; aspectKey: string; agencies: Agencies[]; canEdit: boolean; form?: FormState; notice?: string }) {
  const { ctx, a } = p;
  const { t } = ctx;
  const fw = a.framework.framework;
  const aspect = fw.aspects.find((x) => x.key === p.aspectKey)!;
  const score = a.index.aspects.find((x) => x.key === aspect.key);
  const indicators = fw.indicators.filter((i) => i.aspect === aspect.key);
  const form = p.form ?? emptyForm;
  const val = (name: string, fallback: string) => form.values[name] ?? fallback;
  const labels: Record<string, string> = {};
  for (const i of indicators) {
    labels[`level_${i.number}`] = `${i.number}. ${t('gov.plan.spbe.level')}`;
    labels[`evidence_${i.number}`] = `${i.number}. ${t('gov.plan.spbe.evidence')}`;
    labels[`agency_${i.number}`] = `${i.number}. ${t('gov.plan.spbe.responsible')}`;
  }
  const levels = Array.from({ length: fw.scale.max - fw.scale.min + 1 }, (_, k) => fw.scale.min + k);
  return (
    <Page ctx={ctx} title={aspect.name} back={`${SPBE_PATH}/${a.id}`}>
      <Notice text={p.notice} />
      <p>
        {a.year} · {t('gov.plan.spbe.index')}: <strong>{score ? formatDecimal(score.index.value, 2) : ''}</strong> ({score?.predicate})
      </p>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />
      <PostForm ctx={ctx} action={`${SPBE_PATH}/${a.id}/aspek/${encodeURIComponent(aspect.key)}`}>
        {indicators.map((i) => {
          const s = a.scores.get(i.number);
          const lv = val(`level_${i.number}`, s?.level === null || s?.level === undefined ? '' : String(s.level));
          const err = form.errors.find((e) => e.field === `level_${i.number}`);
          return (
            <fieldset key={i.number}>
              <legend>
                {i.number}. {i.name} ({t('gov.plan.spbe.weight')} {formatHundredthsId(i.weightHundredths)})
              </legend>
              <div class={err ? 'field field-error' : 'field'}>
                <label for={`f-level_${i.number}`}>{t('gov.plan.spbe.level')}</label>
                {err && (
                  <p class="error-message" id={`f-level_${i.number}-error`}>
                    {t(err.key, err.params)}
                  </p>
                )}
                <select id={`f-level_${i.number}`} name={`level_${i.number}`} disabled={!p.canEdit} aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `f-level_${i.number}-error` : undefined}>
                  <option value="">{t('gov.plan.spbe.level_none')}</option>
                  {levels.map((l) => {
                    const name = fw.levelNames[i.kind].find((x) => x.level === l)?.name;
                    const desc = i.levels?.[String(l)];
                    return (
                      <option key={l} value={String(l)} selected={lv === String(l)}>
                        {[String(l), name, desc].filter(Boolean).join(' — ')}
                      </option>
                    );
                  })}
                  {lv !== '' && !levels.map(String).includes(lv) && (
                    <option value={lv} selected>
                      {lv}
                    </option>
                  )}
                </select>
              </div>
              <TextAreaField ctx={ctx} form={form} name={`justification_${i.number}`} label={t('gov.plan.spbe.justification')} required={false} rows={2} maxLength={4000} value={val(`justification_${i.number}`, s?.justification ?? '')} />
              <TextAreaField ctx={ctx} form={form} name={`evidence_${i.number}`} label={t('gov.plan.spbe.evidence')} required={false} rows={2} value={val(`evidence_${i.number}`, (s?.evidence ?? []).join('\n'))} />
              <SelectField
                ctx={ctx}
                form={form}
                name={`agency_${i.number}`}
                label={t('gov.plan.spbe.responsible')}
                required={false}
                options={p.agencies.map((g) => ({ value: g.id, label: g.name }))}
                value={val(`agency_${i.number}`, s?.responsibleAgencyId ?? '')}
              />
            </fieldset>
          );
        })}
        {p.canEdit && <button type="submit">{t('gov.plan.save')}</button>}
      </PostForm>
    </Page>
  );
}

// ---------------------------------------------------------------------------------------------
// PeGI

export function PegiPage(p: { ctx: ViewContext; items: PegiView[]; canManage: boolean; form?: FormState; notice?: string }) {
  const { ctx } = p;
  const { t } = ctx;
  const form = p.form ?? emptyForm;
  const labels = Object.fromEntries([['year', t('gov.plan.year')], ...pegiDimensions.map((d) => [d, t(`gov.plan.pegi.${d}`)])]);
  return (
    <Page ctx={ctx} title={t('gov.plan.pegi.title')}>
      <Notice text={p.notice} />
      <p>
        <a href={`${PEGI_PATH}?format=csv`}>{t('gov.plan.csv')}</a>
      </p>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('gov.plan.pegi.caption')}>
        <table>
          <caption>{t('gov.plan.pegi.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('gov.plan.year')}</th>
              {pegiDimensions.map((d) => (
                <th scope="col" key={d}>
                  {t(`gov.plan.pegi.${d}`)}
                </th>
              ))}
              <th scope="col">{t('gov.plan.pegi.average')}</th>
              <th scope="col">{t('gov.plan.pegi.category')}</th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((x) => (
              <tr key={x.year}>
                <th scope="row">{x.year}</th>
                {pegiDimensions.map((d) => (
                  <td key={d}>{formatHundredthsId(x.values[d])}</td>
                ))}
                <td>{formatDecimal(x.average.value, 2)}</td>
                <td>{t(x.category)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.canManage && (
        <>
          <h2>{t('gov.plan.save')}</h2>
          <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />
          <PostForm ctx={ctx} action={PEGI_PATH}>
            <TextField ctx={ctx} form={form} name="year" label={t('gov.plan.year')} inputmode="numeric" maxLength={4} />
            {pegiDimensions.map((d) => (
              <TextField key={d} ctx={ctx} form={form} name={d} label={`${t(`gov.plan.pegi.${d}`)} (1.00–4.00)`} maxLength={4} />
            ))}
            <TextAreaField ctx={ctx} form={form} name="note" label={t('gov.plan.note')} required={false} rows={2} maxLength={2000} />
            <button type="submit">{t('gov.plan.save')}</button>
          </PostForm>
        </>
      )}
    </Page>
  );
}

// ---------------------------------------------------------------------------------------------
// Master plan

function PlanFields({ ctx, form, plan }: { ctx: ViewContext; form: FormState; plan?: PlanView }) {
  const { t } = ctx;
  const v = (name: string, fallback: string | undefined) => form.values[name] ?? fallback ?? '';
  return (
    <>
      <TextField ctx={ctx} form={form} name="title" label={t('gov.plan.plan.name')} maxLength={300} value={v('title', plan?.title)} />
      <TextField ctx={ctx} form={form} name="startYear" label={t('gov.plan.plan.start_year')} inputmode="numeric" maxLength={4} value={v('startYear', plan ? String(plan.startYear) : undefined)} />
      <TextAreaField ctx={ctx} form={form} name="vision" label={t('gov.plan.plan.vision')} required={false} rows={2} value={v('vision', plan?.vision)} />
      <TextAreaField ctx={ctx} form={form} name="mission" label={t('gov.plan.plan.mission')} required={false} rows={3} value={v('mission', plan?.mission)} />
      <TextAreaField ctx={ctx} form={form} name="goals" label={t('gov.plan.plan.goals')} required={false} rows={3} value={v('goals', plan?.goals)} />
      {archDomains.map((d) => (
        <TextAreaField key={d} ctx={ctx} form={form} name={`notes_${d}`} label={t(`gov.plan.arch.${d}`)} required={false} rows={3} value={v(`notes_${d}`, plan?.notes[d])} />
      ))}
    </>
  );
}

const planLabels = (t: ViewContext['t']) => ({ title: t('gov.plan.plan.name'), startYear: t('gov.plan.plan.start_year') });

export function PlansPage(p: { ctx: ViewContext; plans: PlanView[]; maturity: MaturityView; canManage: boolean; form?: FormState; maturityForm?: FormState; notice?: string }) {
  const { ctx } = p;
  const { t } = ctx;
  const form = p.form ?? emptyForm;
  const mform = p.maturityForm ?? emptyForm;
  return (
    <Page ctx={ctx} title={t('gov.plan.plan.title')}>
      <Notice text={p.notice} />
      {p.plans.length === 0 ? (
        <p>{t('gov.plan.none')}</p>
      ) : (
        <ul>
          {p.plans.map((x) => (
            <li key={x.id}>
              <a href={`${PLAN_PATH}/${x.id}`}>{x.title}</a> — {t('gov.plan.plan.validity', { from: x.startYear, to: x.endYear })} — {t(`gov.plan.plan.status.${x.status}`)}
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="h-maturity">
        <h2 id="h-maturity">{t('gov.plan.maturity.title')}</h2>
        <p>
          <strong>{t('gov.plan.maturity.current', { stage: p.maturity.current ? t(messageKeyOr(`gov.plan.maturity.stage.${p.maturity.current}`, 'value.unknown')) : t('gov.plan.maturity.none') })}</strong>
        </p>
        <ErrorSummary ctx={ctx} errors={mform.errors} labels={{ evidence: t('gov.plan.maturity.evidence'), stage: t('gov.plan.maturity.title') }} />
        {p.maturity.stages.map((s) => (
          <div key={s.stage}>
            <h3>{t(messageKeyOr(`gov.plan.maturity.stage.${s.stage}`, 'value.unknown'))}</h3>
            {p.canManage ? (
              <PostForm ctx={ctx} action={`${PLAN_PATH}/kematangan`}>
                <input type="hidden" name="stage" value={String(s.stage)} />
                <div class="field">
                  <input type="checkbox" id={`f-achieved-${s.stage}`} name="achieved" value="1" checked={mform.values.stage === String(s.stage) ? mform.values.achieved === '1' : s.achieved} />
                  <label for={`f-achieved-${s.stage}`}>{t('gov.plan.maturity.achieved')}</label>
                </div>
                <div class="field">
                  <label for={`f-evidence-${s.stage}`}>{t('gov.plan.maturity.evidence')}</label>
                  <textarea id={`f-evidence-${s.stage}`} name="evidence" rows={2} maxLength={8000}>
                    {mform.values.stage === String(s.stage) ? (mform.values.evidence ?? '') : s.evidence}
                  </textarea>
                </div>
                <button type="submit">{t('gov.plan.save')}</button>
              </PostForm>
            ) : (
              <p>
                {s.achieved ? t('gov.plan.maturity.achieved') : '-'} {s.evidence}
              </p>
            )}
          </div>
        ))}
      </section>
      {p.canManage && (
        <section aria-labelledby="h-new">
          <h2 id="h-new">{t('gov.plan.plan.new')}</h2>
          <ErrorSummary ctx={ctx} errors={form.errors} labels={planLabels(t)} />
          <PostForm ctx={ctx} action={PLAN_PATH}>
            <PlanFields ctx={ctx} form={form} />
            <button type="submit">{t('gov.plan.save')}</button>
          </PostForm>
        </section>
      )}
    </Page>
  );
}

export function PlanPage(p: {
  ctx: ViewContext;
  plan: PlanView;
  items: InitiativeView[];
  budget: BudgetTotals;
  reviewDue: { due: boolean; since: string };
  agencies: Agencies[];
  agencyFilter: string;
  canManage: boolean;
  planForm?: FormState;
  initiativeForm?: FormState;
  reviewForm?: FormState;
  progressForm?: { id: string; form: FormState };
  notice?: string;
}) {
  const { ctx, plan } = p;
  const { t } = ctx;
  const years = p.budget.years;
  const iform = p.initiativeForm ?? emptyForm;
  const rform = p.reviewForm ?? emptyForm;
  const shown = p.agencyFilter ? p.items.filter((i) => i.agencyId === p.agencyFilter) : p.items;
  const base = `${PLAN_PATH}/${plan.id}`;
  const ilabels: Record<string, string> = { component: t('gov.plan.roadmap.component'), name: t('gov.plan.roadmap.name'), fundingSource: t('gov.plan.roadmap.funding'), agencyId: t('gov.plan.agency'), years: t('gov.plan.year') };
  for (const y of years) ilabels[`year.${y}`] = String(y);
  return (
    <Page ctx={ctx} title={plan.title} back={PLAN_PATH}>
      <Notice text={p.notice} />
      {p.reviewDue.due && (
        <p class="notice warn" role="alert">
          {t('gov.plan.plan.review_due', { since: p.reviewDue.since })}
        </p>
      )}
      <p>
        {t('gov.plan.plan.validity', { from: plan.startYear, to: plan.endYear })} · {t(`gov.plan.plan.status.${plan.status}`)}
      </p>
      <p>
        <a href={`${base}/pdf`}>{t('gov.plan.plan.pdf')}</a> · <a href={`${base}?format=csv`}>{t('gov.plan.csv')}</a>
      </p>
      <section aria-labelledby="h-roadmap">
        <h2 id="h-roadmap">{t('gov.plan.roadmap.title')}</h2>
        <form method="get" action={base}>
          <label for="f-agency-filter">{t('gov.plan.agency')}</label>{' '}
          <select id="f-agency-filter" name="agency">
            <option value="">—</option>
            {p.agencies.map((g) => (
              <option key={g.id} value={g.id} selected={g.id === p.agencyFilter}>
                {g.name}
              </option>
            ))}
          </select>{' '}
          <button type="submit">{t('gov.plan.filter')}</button>
        </form>
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('gov.plan.roadmap.matrix_caption')}>
          <table>
            <caption>{t('gov.plan.roadmap.matrix_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gov.plan.roadmap.component')}</th>
                <th scope="col">{t('gov.plan.roadmap.name')}</th>
                <th scope="col">{t('gov.plan.agency')}</th>
                <th scope="col">{t('gov.plan.roadmap.funding')}</th>
                {years.map((y) => (
                  <th scope="col" key={y}>
                    {y}
                  </th>
                ))}
                <th scope="col">{t('gov.plan.roadmap.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((i) => (
                <tr key={i.id}>
                  <td>{t(`gov.plan.component.${i.component}`)}</td>
                  <th scope="row">
                    {i.name}
                    {i.outputs && <div class="muted">{i.outputs}</div>}
                  </th>
                  <td>{i.agencyName ?? '-'}</td>
                  <td>{t(`gov.plan.funding.${i.fundingSource}`)}</td>
                  {years.map((y) => {
                    const c = i.years.find((x) => x.year === y);
                    return <td key={y}>{c ? formatRupiah(c.costRupiah) : '-'}</td>;
                  })}
                  <td>{i.progress.map((x) => `${x.year}: ${x.percent}%`).join(', ') || '-'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t('gov.plan.roadmap.budget')}</h3>
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('gov.plan.roadmap.budget')}>
          <table>
            <caption>{t('gov.plan.roadmap.budget')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gov.plan.roadmap.funding')}</th>
                {years.map((y) => (
                  <th scope="col" key={y}>
                    {y}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {fundingSources.map((s) => (
                <tr key={s}>
                  <th scope="row">{t(`gov.plan.funding.${s}`)}</th>
                  {years.map((y) => (
                    <td key={y}>{formatRupiah(p.budget.bySource[s][y] ?? 0)}</td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row">{t('gov.plan.roadmap.total')}</th>
                {years.map((y) => (
                  <td key={y}>{formatRupiah(p.budget.perYear[y] ?? 0)}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </section>
      {p.canManage && (
        <>
          {shown.map((i) => {
            const pf = p.progressForm?.id === i.id ? p.progressForm.form : emptyForm;
            return (
              <details key={i.id} open={p.progressForm?.id === i.id}>
                <summary>
                  {t('gov.plan.roadmap.progress')}: {i.name}
                </summary>
                <ErrorSummary ctx={ctx} errors={pf.errors} labels={{ year: t('gov.plan.year'), percent: t('gov.plan.roadmap.percent') }} />
                <PostForm ctx={ctx} action={`${base}/inisiatif/${i.id}/kemajuan`}>
                  <SelectField ctx={ctx} form={pf} name="year" label={t('gov.plan.year')} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
                  <TextField ctx={ctx} form={pf} name="percent" label={t('gov.plan.roadmap.percent')} inputmode="numeric" maxLength={3} />
                  <TextAreaField ctx={ctx} form={pf} name="note" label={t('gov.plan.note')} required={false} rows={2} maxLength={4000} />
                  <button type="submit">{t('gov.plan.roadmap.save_progress')}</button>
                </PostForm>
              </details>
            );
          })}
          <section aria-labelledby="h-add">
            <h2 id="h-add">{t('gov.plan.roadmap.add')}</h2>
            <ErrorSummary ctx={ctx} errors={iform.errors} labels={ilabels} />
            <PostForm ctx={ctx} action={`${base}/inisiatif`}>
              <SelectField ctx={ctx} form={iform} name="component" label={t('gov.plan.roadmap.component')} options={roadmapComponents.map((c) => ({ value: c, label: t(`gov.plan.component.${c}`) }))} />
              <TextField ctx={ctx} form={iform} name="name" label={t('gov.plan.roadmap.name')} maxLength={300} />
              <TextAreaField ctx={ctx} form={iform} name="outputs" label={t('gov.plan.roadmap.outputs')} required={false} rows={2} maxLength={4000} />
              <SelectField ctx={ctx} form={iform} name="agencyId" label={t('gov.plan.agency')} required={false} options={p.agencies.map((g) => ({ value: g.id, label: g.name }))} />
              <SelectField ctx={ctx} form={iform} name="fundingSource" label={t('gov.plan.roadmap.funding')} options={fundingSources.map((s) => ({ value: s, label: t(`gov.plan.funding.${s}`) }))} />
              {years.map((y) => (
                <TextField key={y} ctx={ctx} form={iform} name={`year.${y}`} label={t('gov.plan.roadmap.cost_year', { year: y })} required={false} inputmode="numeric" maxLength={20} />
              ))}
              <button type="submit">{t('gov.plan.roadmap.add')}</button>
            </PostForm>
          </section>
          <section aria-labelledby="h-review">
            <h2 id="h-review">{t('gov.plan.plan.reviews')}</h2>
            <ul>
              {plan.reviews.map((r) => (
                <li key={r.id}>
                  {r.reviewedOn} {r.note}
                </li>
              ))}
            </ul>
            <ErrorSummary ctx={ctx} errors={rform.errors} labels={{ reviewedOn: t('gov.plan.plan.reviewed_on') }} />
            <PostForm ctx={ctx} action={`${base}/reviu`}>
              <TextField ctx={ctx} form={rform} name="reviewedOn" label={t('gov.plan.plan.reviewed_on')} type="date" />
              <TextAreaField ctx={ctx} form={rform} name="note" label={t('gov.plan.note')} required={false} rows={2} maxLength={4000} />
              <button type="submit">{t('gov.plan.plan.review')}</button>
            </PostForm>
          </section>
          {plan.status === 'draft' && (
            <PostForm ctx={ctx} action={`${base}/tetapkan`}>
              <button type="submit">{t('gov.plan.plan.approve')}</button>
            </PostForm>
          )}
          <section aria-labelledby="h-edit">
            <h2 id="h-edit">{t('gov.plan.plan.title')}</h2>
            <ErrorSummary ctx={ctx} errors={(p.planForm ?? emptyForm).errors} labels={planLabels(t)} />
            <PostForm ctx={ctx} action={base}>
              <PlanFields ctx={ctx} form={p.planForm ?? emptyForm} plan={plan} />
              <button type="submit">{t('gov.plan.save')}</button>
            </PostForm>
          </section>
        </>
      )}
      {!p.canManage && (
        <section>
          <h2>{t('gov.plan.plan.vision')}</h2>
          <p>{plan.vision}</p>
          <h2>{t('gov.plan.plan.mission')}</h2>
          <p>{plan.mission}</p>
        </section>
      )}
    </Page>
  );
}

// ---------------------------------------------------------------------------------------------
// M&E report

export function MonevPage(p: { ctx: ViewContext; form?: FormState; year: number }) {
  const { ctx } = p;
  const { t } = ctx;
  const form = p.form ?? { values: { jenis: 'year', tahun: String(p.year) }, errors: [] };
  return (
    <Page ctx={ctx} title={t('gov.plan.monev.title')}>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={{ tahun: t('gov.plan.year'), triwulan: t('gov.plan.monev.quarter'), jenis: t('gov.plan.monev.kind') }} />
      <form method="get" action={`${MONEV_PATH}/pdf`} novalidate>
        <SelectField
          ctx={ctx}
          form={form}
          name="jenis"
          label={t('gov.plan.monev.kind')}
          options={[
            { value: 'quarter', label: t('gov.plan.monev.kind.quarter') },
            { value: 'year', label: t('gov.plan.monev.kind.year') },
          ]}
        />
        <TextField ctx={ctx} form={form} name="tahun" label={t('gov.plan.year')} inputmode="numeric" maxLength={4} />
        <SelectField ctx={ctx} form={form} name="triwulan" label={t('gov.plan.monev.quarter')} required={false} options={['1', '2', '3', '4'].map((q) => ({ value: q, label: ['I', 'II', 'III', 'IV'][Number(q) - 1]! }))} />
        <button type="submit">{t('gov.plan.monev.download')}</button>
      </form>
    </Page>
  );
}
