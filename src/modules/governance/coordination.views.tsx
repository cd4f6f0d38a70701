// Pages of coordination requests (G-1): list with filters, the agency's form, and the
// request's page with the actions open to the reader, the recommendation, the progress
// reports (overdue flag) and the timeline.
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm, SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { formatRupiah, messageKeyOr } from '../../platform/views/i18n.ts';
import { actionsFor, coordinationStates, type CoordinationAction } from './coordination.rules.ts';
import type { CoordinationDetail, CoordinationView } from './coordination.service.ts';
import { AgencySelect, calendarDate, Filters, GOV_BASE, GovShell, Notice, Paging, type AgencyOption } from './registers.views.tsx';

export const COORD_PATH = `${GOV_BASE}/koordinasi`;
const kinds = ['new_application', 'procurement', 'network', 'other'] as const;

function StateTag({ ctx, r }: { ctx: ViewContext; r: CoordinationView }) {
  return (
    <>
      <span class="tag">{ctx.t(`gov.reg.coord.state.${r.state}`)}</span>
      {r.progressOverdue && <span class="tag warn">{ctx.t('gov.reg.coord.progress_overdue')}</span>}
    </>
  );
}

export function CoordinationListPage({
  ctx,
  items,
  total,
  page,
  pageSize,
  agencies,
  filter,
  canCreate,
}: {
  ctx: ViewContext;
  items: CoordinationView[];
  total: number;
  page: number;
  pageSize: number;
  agencies: AgencyOption[];
  filter: Record<string, string>;
  canCreate: boolean;
}) {
  const { t } = ctx;
  return (
    <GovShell ctx={ctx} title={t('gov.reg.coord.title')}>
      <p class="lead">
        {t('gov.reg.coord.lead')} <span class="muted">(G-1)</span>
      </p>
      {canCreate && (
        <p>
          <a class="button" href={`${COORD_PATH}/baru`}>
            {t('gov.reg.coord.new')}
          </a>
        </p>
      )}
      <Filters
        ctx={ctx}
        action={COORD_PATH}
        agencies={agencies}
        values={filter}
        extra={[
          { name: 'status', label: t('gov.reg.coord.state'), options: coordinationStates.map((s) => ({ value: s, label: t(`gov.reg.coord.state.${s}`) })) },
          { name: 'laporan', label: t('gov.reg.coord.progress'), options: [{ value: 'terlambat', label: t('gov.reg.coord.progress_overdue') }] },
        ]}
      />
      {items.length === 0 ? (
        <p>{t('gov.reg.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('gov.reg.coord.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gov.reg.coord.f.title')}</th>
                <th scope="col">{t('gov.reg.agency')}</th>
                <th scope="col">{t('gov.reg.coord.f.kind')}</th>
                <th scope="col">{t('gov.reg.coord.f.plannedYear')}</th>
                <th scope="col">{t('gov.reg.coord.f.estimatedBudget')}</th>
                <th scope="col">{t('gov.reg.coord.state')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={`${COORD_PATH}/${r.id}`}>{r.title}</a>
                  </td>
                  <td>{r.agencyName}</td>
                  <td>{t(`gov.reg.opt.${r.kind}`)}</td>
                  <td>{r.plannedYear}</td>
                  <td>{formatRupiah(r.estimatedBudget)}</td>
                  <td>
                    <StateTag ctx={ctx} r={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Paging ctx={ctx} path={COORD_PATH} query={filter} page={page} pageSize={pageSize} total={total} />
    </GovShell>
  );
}

const formLabels = (ctx: ViewContext) => ({
  agencyId: ctx.t('gov.reg.agency'),
  title: ctx.t('gov.reg.coord.f.title'),
  kind: ctx.t('gov.reg.coord.f.kind'),
  description: ctx.t('gov.reg.coord.f.description'),
  estimatedBudget: ctx.t('gov.reg.coord.f.estimatedBudget'),
  plannedYear: ctx.t('gov.reg.coord.f.plannedYear'),
  attachmentUrl: ctx.t('gov.reg.coord.f.attachmentUrl'),
  note: ctx.t('gov.reg.coord.f.note'),
  recommendation: ctx.t('gov.reg.coord.f.recommendation'),
  budgetGuidance: ctx.t('gov.reg.coord.f.budgetGuidance'),
  priceGuidance: ctx.t('gov.reg.coord.f.priceGuidance'),
  reportDate: ctx.t('gov.reg.coord.f.reportDate'),
  percent: ctx.t('gov.reg.coord.f.percent'),
});

export function CoordinationFormPage({ ctx, agencies, form, request }: { ctx: ViewContext; agencies: AgencyOption[]; form: FormState; request?: CoordinationView }) {
  const { t } = ctx;
  return (
    <GovShell ctx={ctx} title={request ? t('gov.reg.coord.edit') : t('gov.reg.coord.new')} crumbs={[{ href: COORD_PATH, label: t('gov.reg.coord.title') }]}>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={formLabels(ctx)} />
      <PostForm ctx={ctx} action={request ? `${COORD_PATH}/${request.id}/ubah` : `${COORD_PATH}/baru`}>
        {request && <input type="hidden" name="version" value={form.values.version ?? String(request.version)} />}
        <AgencySelect ctx={ctx} form={form} agencies={agencies} required />
        <TextField ctx={ctx} form={form} name="title" label={t('gov.reg.coord.f.title')} maxLength={200} />
        <SelectField ctx={ctx} form={form} name="kind" label={t('gov.reg.coord.f.kind')} options={kinds.map((k) => ({ value: k, label: t(`gov.reg.opt.${k}`) }))} />
        <TextAreaField ctx={ctx} form={form} name="description" label={t('gov.reg.coord.f.description')} rows={6} maxLength={8000} />
        <TextField ctx={ctx} form={form} name="estimatedBudget" label={t('gov.reg.coord.f.estimatedBudget')} hint={t('gov.reg.rupiah_hint')} inputmode="numeric" />
        <TextField ctx={ctx} form={form} name="plannedYear" label={t('gov.reg.coord.f.plannedYear')} inputmode="numeric" maxLength={4} />
        <TextField ctx={ctx} form={form} name="attachmentUrl" label={t('gov.reg.coord.f.attachmentUrl')} type="url" required={false} hint={t('gov.reg.coord.attachment_hint')} maxLength={500} />
        <button type="submit">{t('gov.reg.save')}</button>
      </PostForm>
    </GovShell>
  );
}

/** The recommendation form (Dinas, in review). */
function RecommendForm({ ctx, r, form }: { ctx: ViewContext; r: CoordinationDetail; form: FormState }) {
  const { t } = ctx;
  const mine = form.values.action === 'recommend' ? form : { values: {}, errors: [] };
  return (
    <section aria-labelledby="h-recommend" class="form-section">
      <h2 id="h-recommend">{t('gov.reg.coord.action.recommend')}</h2>
      <PostForm ctx={ctx} action={`${COORD_PATH}/${r.id}/tindakan`}>
        <input type="hidden" name="action" value="recommend" />
        <input type="hidden" name="version" value={String(r.version)} />
        <TextAreaField ctx={ctx} form={mine} name="recommendation" label={t('gov.reg.coord.f.recommendation')} rows={5} maxLength={8000} value={mine.values.recommendation ?? r.recommendation ?? ''} />
        <TextField ctx={ctx} form={mine} name="budgetGuidance" label={t('gov.reg.coord.f.budgetGuidance')} hint={t('gov.reg.rupiah_hint')} inputmode="numeric" required={false} value={mine.values.budgetGuidance ?? (r.budgetGuidance === null ? '' : String(r.budgetGuidance))} />
        <TextAreaField ctx={ctx} form={mine} name="priceGuidance" label={t('gov.reg.coord.f.priceGuidance')} rows={3} required={false} maxLength={4000} value={mine.values.priceGuidance ?? r.priceGuidance ?? ''} />
        <button type="submit">{t('gov.reg.coord.action.recommend')}</button>
      </PostForm>
    </section>
  );
}

/** One form for the other moves: a note (reason, changes asked) and a button per action. */
function DecisionForm({ ctx, r, actions, form }: { ctx: ViewContext; r: CoordinationDetail; actions: CoordinationAction[]; form: FormState }) {
  const { t } = ctx;
  const mine = form.values.action && form.values.action !== 'recommend' && form.values.action !== 'progress' ? form : { values: {}, errors: [] };
  const withNote = actions.some((a) => a !== 'submit' && a !== 'start_review');
  return (
    <section aria-labelledby="h-decision" class="form-section">
      <h2 id="h-decision">{t('gov.reg.coord.decision')}</h2>
      <PostForm ctx={ctx} action={`${COORD_PATH}/${r.id}/tindakan`}>
        <input type="hidden" name="version" value={String(r.version)} />
        {withNote && <TextAreaField ctx={ctx} form={mine} name="note" label={t('gov.reg.coord.f.note')} hint={t('gov.reg.coord.note_hint')} rows={3} required={false} maxLength={4000} />}
        <p class="actions">
          {actions.map((a) => (
            <button type="submit" name="action" value={a} class={a === 'decline' ? 'button danger' : a === 'request_changes' ? 'button secondary' : 'button'}>
              {t(`gov.reg.coord.action.${a}`)}
            </button>
          ))}
        </p>
      </PostForm>
    </section>
  );
}

export function CoordinationDetailPage({
  ctx,
  r,
  side,
  canEdit,
  form,
  notice,
}: {
  ctx: ViewContext;
  r: CoordinationDetail;
  /** The reader's side for this request's actions: agency staff, the Dinas, or read only. */
  side: { agency: boolean; dinas: boolean };
  canEdit: boolean;
  form: FormState;
  notice?: string;
}) {
  const { t } = ctx;
  const actions = [...(side.agency ? actionsFor(r.state, 'agency') : []), ...(side.dinas ? actionsFor(r.state, 'dinas') : [])];
  const progressForm = form.values.action === 'progress' ? form : { values: {}, errors: [] };
  return (
    <GovShell ctx={ctx} title={r.title} crumbs={[{ href: COORD_PATH, label: t('gov.reg.coord.title') }]}>
      <Notice text={notice} />
      <ErrorSummary ctx={ctx} errors={form.errors} labels={formLabels(ctx)} />
      <p>
        <StateTag ctx={ctx} r={r} />
      </p>
      <dl class="facts">
        <dt>{t('gov.reg.agency')}</dt>
        <dd>{r.agencyName}</dd>
        <dt>{t('gov.reg.coord.f.kind')}</dt>
        <dd>{t(`gov.reg.opt.${r.kind}`)}</dd>
        <dt>{t('gov.reg.coord.f.description')}</dt>
        <dd class="pre">{r.description}</dd>
        <dt>{t('gov.reg.coord.f.estimatedBudget')}</dt>
        <dd>{formatRupiah(r.estimatedBudget)}</dd>
        <dt>{t('gov.reg.coord.f.plannedYear')}</dt>
        <dd>{r.plannedYear}</dd>
        {r.attachmentUrl && (
          <>
            <dt>{t('gov.reg.coord.f.attachmentUrl')}</dt>
            <dd>
              <a href={r.attachmentUrl}>{r.attachmentUrl}</a>
            </dd>
          </>
        )}
        {r.recommendation && (
          <>
            <dt>{t('gov.reg.coord.f.recommendation')}</dt>
            <dd class="pre">{r.recommendation}</dd>
            <dt>{t('gov.reg.coord.f.budgetGuidance')}</dt>
            <dd>{r.budgetGuidance === null ? '—' : formatRupiah(r.budgetGuidance)}</dd>
            <dt>{t('gov.reg.coord.f.priceGuidance')}</dt>
            <dd class="pre">{r.priceGuidance ?? '—'}</dd>
          </>
        )}
        {r.decisionNote && (
          <>
            <dt>{t('gov.reg.coord.f.note')}</dt>
            <dd class="pre">{r.decisionNote}</dd>
          </>
        )}
        {r.state === 'approved' && (
          <>
            <dt>{t('gov.reg.coord.next_report')}</dt>
            <dd>
              {r.progressDueOn ? calendarDate(ctx, r.progressDueOn) : '—'} {r.progressOverdue && <span class="tag warn">{t('gov.reg.coord.progress_overdue')}</span>}
            </dd>
          </>
        )}
      </dl>
      {canEdit && (
        <p>
          <a class="button secondary" href={`${COORD_PATH}/${r.id}/ubah`}>
            {t('gov.reg.edit')}
          </a>
        </p>
      )}
      {actions.includes('recommend') && <RecommendForm ctx={ctx} r={r} form={form} />}
      {actions.some((a) => a !== 'recommend') && <DecisionForm ctx={ctx} r={r} actions={actions.filter((a) => a !== 'recommend')} form={form} />}
      <section aria-labelledby="h-progress">
        <h2 id="h-progress">{t('gov.reg.coord.progress')}</h2>
        {r.progress.length === 0 ? (
          <p>{t('gov.reg.coord.no_progress')}</p>
        ) : (
          <div class="table-wrap" tabIndex={0}>
            <table>
              <caption>{t('gov.reg.coord.progress')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('gov.reg.coord.f.reportDate')}</th>
                  <th scope="col">{t('gov.reg.coord.f.percent')}</th>
                  <th scope="col">{t('gov.reg.coord.f.note')}</th>
                </tr>
              </thead>
              <tbody>
                {r.progress.map((p) => (
                  <tr key={p.id}>
                    <td>{calendarDate(ctx, p.reportDate)}</td>
                    <td>{p.percent}%</td>
                    <td class="pre">{p.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {side.agency && r.state === 'approved' && (
          <PostForm ctx={ctx} action={`${COORD_PATH}/${r.id}/kemajuan`}>
            <TextField ctx={ctx} form={progressForm} name="reportDate" label={t('gov.reg.coord.f.reportDate')} type="date" hint={t('gov.reg.date_hint')} />
            <TextField ctx={ctx} form={progressForm} name="percent" label={t('gov.reg.coord.f.percent')} inputmode="numeric" maxLength={3} />
            <TextAreaField ctx={ctx} form={progressForm} name="note" label={t('gov.reg.coord.f.note')} rows={3} maxLength={4000} />
            <button type="submit">{t('gov.reg.coord.add_progress')}</button>
          </PostForm>
        )}
      </section>
      <section aria-labelledby="h-timeline">
        <h2 id="h-timeline">{t('gov.reg.timeline')}</h2>
        <ol class="timeline">
          {r.events.map((e) => (
            <li>
              <strong>{t(messageKeyOr(`gov.reg.coord.event.${e.action}`, 'value.unknown'))}</strong> — {e.actorLabel}, {ctx.dateTime(e.at)}
              {e.fromState !== e.toState && <span class="muted"> ({t(messageKeyOr(`gov.reg.coord.state.${e.toState}`, 'value.unknown'))})</span>}
              {e.note && <p class="pre">{e.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </GovShell>
  );
}
