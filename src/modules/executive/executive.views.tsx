// Pages of the executive module: the leaders' dashboard, the cases behind a figure, the
// command-centre wall and the public performance page. Server-rendered, no script.
import { messageKeyOr } from '../../platform/views/i18n.ts';
import type { ComponentChildren } from 'preact';
import { Layout } from '../../platform/views/layout.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { DataTable, FilterBar, FilterInput, FilterSelect, Pagination, StatusTag, type Tone } from '../../platform/views/components/index.ts';
import { formatDecimal, formatInteger, formatPercent, formatRupiah } from '../../platform/format.ts';
import { BarChart, ShareBar } from './executive.charts.tsx';
import { periodKinds, type Period } from './executive.periods.ts';
import { FIRST_RESPONSE_WORKING_DAYS, RESOLVE_WORKING_DAYS, type ComplaintFigures } from '../complaints/index.ts';
import { ESCALATE_AFTER_WORKING_DAYS, MIN_COMPLAINTS, MIN_VOLUME, REFRESH_EVERY_SECONDS, type CaseListRow, type ExtraCards, type Dashboard, type DrillMeasure, type Flow, type PublicKpi, type WallTile } from './executive.service.ts';

export const DASHBOARD_PATH = '/eksekutif';
export const CASES_PATH = '/eksekutif/kasus';
export const WALL_PATH = '/eksekutif/layar';
export const KPI_PATH = '/kinerja';
export const WALL_REFRESH_SECONDS = 60;
export const channels = ['online', 'counter', 'sms'] as const;

/** The dashboard's query (Indonesian parameter names, as in the rest of the portal). */
export interface DashQuery {
  instansi?: string;
  layanan?: string;
  kecamatan?: string;
  kanal?: string;
  periode: string;
  tanggal: string;
}

export function href(path: string, q: DashQuery, extra: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

const day = (ctx: ViewContext, d: string | null) => (d ? ctx.date(new Date(`${d}T12:00:00Z`)) : '—');
export const rangeText = (ctx: ViewContext, p: { from: string; to: string }) => (p.from === p.to ? day(ctx, p.from) : ctx.t('exec.period_range', { from: day(ctx, p.from), to: day(ctx, p.to) }));
const pct = (a: number, b: number) => (b > 0 ? formatPercent((100 * a) / b, 1) : '—');
const num = (v: number | null) => (v === null ? '—' : formatInteger(v));

function Definition({ ctx, text }: { ctx: ViewContext; text: string }) {
  return (
    <details class="exec-def">
      <summary>{ctx.t('exec.definition')}</summary>
      <p>{text}</p>
    </details>
  );
}

function Downloads({ ctx, q, card }: { ctx: ViewContext; q: DashQuery; card: string }) {
  return (
    <p class="exec-downloads">
      <a href={href(DASHBOARD_PATH, q, { kartu: card, format: 'csv' })}>{ctx.t('exec.download_csv')}</a> ·{' '}
      <a href={href(DASHBOARD_PATH, q, { kartu: card, format: 'xlsx' })}>{ctx.t('exec.download_xlsx')}</a>
    </p>
  );
}

function Figure({ label, value, link, compare }: { label: string; value: string; link?: string; compare?: ComponentChildren }) {
  return (
    <li>
      {link ? (
        <a href={link}>
          <span class="figure">{value}</span> {label}
          {compare}
        </a>
      ) : (
        <span class="exec-static">
          <span class="figure">{value}</span> {label}
          {compare}
        </span>
      )}
    </li>
  );
}

function Compare({ ctx, prev, ly }: { ctx: ViewContext; prev: string; ly: string }) {
  return (
    <span class="exec-compare">
      {ctx.t('exec.vs_prev', { value: prev })}; {ctx.t('exec.vs_ly', { value: ly })}
    </span>
  );
}

function Card({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="exec-card" aria-labelledby={`h-${id}`} id={id}>
      <h2 id={`h-${id}`}>{title}</h2>
      {children}
    </section>
  );
}

export interface DashboardView {
  ctx: ViewContext;
  q: DashQuery;
  d: Dashboard;
  agencies: { id: string; name: string }[];
  services: { id: string; name: string }[];
  scopeAgencyName: string | null;
  canSetTargets: boolean;
  saved?: boolean;
  /** Complaint, SPBE and reconciled-revenue figures (absent: cards not shown). */
  cards?: ExtraCards;
  /** The viewer may open the complaints behind the figures (complaint coordinators). */
  complaintLinks?: boolean;
}

// Pages owned by other modules that the cards link to (their own routes check access).
const COMPLAINTS_LIST = '/kelola/pengaduan';
const SPBE_PAGE = '/kelola/tata-kelola/evaluasi-spbe';
const ROADMAP_PAGE = '/kelola/tata-kelola/rencana-induk';
const FINDINGS_PAGE = '/kelola/tata-kelola/audit/temuan';

function ComplaintsCard({ ctx, q, c, links }: { ctx: ViewContext; q: DashQuery; c: ComplaintFigures; links: boolean }) {
  const { t } = ctx;
  const statuses = Object.entries(c.byStatus).sort((a, b) => b[1] - a[1]);
  const categories = Object.entries(c.byCategory).sort((a, b) => b[1] - a[1]);
  return (
    <Card id="pengaduan" title={t('exec.card.complaints')}>
      <ul class="work-counts">
        <Figure label={t('exec.c.received')} value={formatInteger(c.received)} link={links ? COMPLAINTS_LIST : undefined} />
        <Figure label={t('exec.c.first_response', { days: FIRST_RESPONSE_WORKING_DAYS })} value={pct(c.respondedInTime, c.responseDue)} compare={<span class="exec-compare">{t('exec.c.of', { a: formatInteger(c.respondedInTime), b: formatInteger(c.responseDue) })}</span>} />
        <Figure label={t('exec.c.in_tier')} value={pct(c.resolvedInTier, c.resolved)} compare={<span class="exec-compare">{t('exec.c.of', { a: formatInteger(c.resolvedInTier), b: formatInteger(c.resolved) })}</span>} />
        <Figure label={t('exec.c.reopen')} value={pct(c.reopened, c.everResolved)} compare={<span class="exec-compare">{t('exec.c.of', { a: formatInteger(c.reopened), b: formatInteger(c.everResolved) })}</span>} />
      </ul>
      <DataTable
        ctx={ctx}
        rows={statuses}
        rowKey={(r) => r[0]}
        caption={t('exec.c.by_status')}
        columns={[
          { key: 'status', label: t('exec.c.status'), cell: (r) => (links ? <a href={`${COMPLAINTS_LIST}?status=${r[0]}`}>{t(messageKeyOr(`complaints.status.${r[0]}`, 'value.unknown'))}</a> : t(messageKeyOr(`complaints.status.${r[0]}`, 'value.unknown'))) },
          { key: 'n', label: t('exec.c.count'), num: true, cell: (r) => formatInteger(r[1]) },
        ]}
      />
      <DataTable
        ctx={ctx}
        rows={categories}
        rowKey={(r) => r[0]}
        caption={t('exec.c.by_category')}
        columns={[
          { key: 'category', label: t('exec.c.category'), cell: (r) => t(messageKeyOr(`complaints.category.${r[0]}`, 'value.unknown')) },
          { key: 'n', label: t('exec.c.count'), num: true, cell: (r) => formatInteger(r[1]) },
        ]}
      />
      <p class="muted">{t('exec.c.cut_note')}</p>
      <Definition ctx={ctx} text={t('exec.def.complaints', { days: FIRST_RESPONSE_WORKING_DAYS, info: RESOLVE_WORKING_DAYS.permintaan_informasi, other: RESOLVE_WORKING_DAYS.pengaduan })} />
      <Downloads ctx={ctx} q={q} card="pengaduan" />
    </Card>
  );
}

function SpbeCard({ ctx, q, s }: { ctx: ViewContext; q: DashQuery; s: NonNullable<ExtraCards['spbe']> }) {
  const { t } = ctx;
  return (
    <Card id="spbe" title={t('exec.card.spbe')}>
      <ul class="work-counts">
        {s.index ? (
          <Figure label={`${t('exec.s.index', { year: s.index.year })}: ${s.index.predicate}`} value={s.index.value.replace('.', ',')} link={SPBE_PAGE} compare={s.index.final ? undefined : <span class="exec-compare">{t('exec.s.draft')}</span>} />
        ) : (
          <Figure label={t('exec.s.no_index')} value="—" link={SPBE_PAGE} />
        )}
        {s.roadmap.meanPercent === null ? (
          <Figure label={t('exec.s.no_roadmap', { year: s.roadmap.year })} value="—" link={ROADMAP_PAGE} />
        ) : (
          <Figure label={t('exec.s.roadmap', { year: s.roadmap.year, n: formatInteger(s.roadmap.initiatives) })} value={formatPercent(s.roadmap.meanPercent, 1)} link={ROADMAP_PAGE} />
        )}
        <Figure label={t('exec.s.findings')} value={formatInteger(s.findings.open)} link={FINDINGS_PAGE} compare={s.findings.overdue ? <span class="exec-compare">{t('exec.s.overdue', { n: formatInteger(s.findings.overdue) })}</span> : undefined} />
      </ul>
      {s.roadmap.meanPercent !== null && <ShareBar percent={s.roadmap.meanPercent} label={formatPercent(s.roadmap.meanPercent, 1)} />}
      <Definition ctx={ctx} text={t('exec.def.spbe')} />
      <Downloads ctx={ctx} q={q} card="spbe" />
    </Card>
  );
}

export function DashboardPage({ ctx, q, d, agencies, services, scopeAgencyName, canSetTargets, saved, cards, complaintLinks }: DashboardView) {
  const { t } = ctx;
  const c = d.flow.current;
  const p = d.flow.previous;
  const ly = d.flow.lastYear;
  const drill = (m: DrillMeasure) => href(CASES_PATH, q, { ukuran: m });
  const inProgress = d.open.unclaimed + d.open.in_process + d.open.with_applicant;
  const sla = (f: Flow) => pct(f.completedInSla, f.completed);
  const year = d.period.to.slice(0, 4);
  const ranked = [...d.breakdown].sort((a, b) => {
    const ra = a.completed >= MIN_VOLUME ? a.completedInSla / a.completed : -1;
    const rb = b.completed >= MIN_VOLUME ? b.completedInSla / b.completed : -1;
    return rb - ra || b.received - a.received || a.name.localeCompare(b.name, 'id');
  });
  return (
    <Layout ctx={ctx} title={t('exec.title')} face="executive">
      <h1>{t('exec.title')}</h1>
      <p class="lead">{t('exec.lead')}</p>
      {scopeAgencyName && <p class="notice">{t('exec.scope_agency', { agency: scopeAgencyName })}</p>}
      {saved && <p class="notice">{t('exec.target.saved')}</p>}
      <p>
        <a href={WALL_PATH}>{t('exec.wall.link')}</a> · <a href={href(`${DASHBOARD_PATH}/laporan.pdf`, q)}>{t('exec.report.link')}</a> · <a href={href(`${DASHBOARD_PATH}/laporan.xlsx`, q)}>{t('exec.report.xlsx_link')}</a>
      </p>
      <FilterBar ctx={ctx} action={DASHBOARD_PATH} label={t('exec.filters')} active={Boolean(q.instansi || q.layanan || q.kecamatan || q.kanal)}>
        {agencies.length > 1 && <FilterSelect name="instansi" label={t('exec.f.agency')} allLabel={t('exec.f.all_agencies')} value={q.instansi} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />}
        <FilterSelect name="layanan" label={t('exec.f.service')} allLabel={t('exec.f.all_services')} value={q.layanan} options={services.map((s) => ({ value: s.id, label: s.name }))} />
        <FilterInput name="kecamatan" label={t('exec.f.district')} value={q.kecamatan} hint={t('exec.f.district_hint')} maxLength={13} />
        <FilterSelect name="kanal" label={t('exec.f.channel')} allLabel={t('exec.f.all_channels')} value={q.kanal} options={channels.map((ch) => ({ value: ch, label: t(`exec.channel.${ch}`) }))} />
        <div class="field">
          <label for="f-periode">{t('exec.f.period')}</label>
          <select id="f-periode" name="periode">
            {periodKinds.map((k) => (
              <option key={k} value={k} selected={k === q.periode}>
                {t(`exec.period.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <FilterInput name="tanggal" type="date" label={t('exec.f.date')} value={q.tanggal} maxLength={10} />
      </FilterBar>
      <p>
        <strong>{rangeText(ctx, d.period)}</strong>. {t('exec.compare', { previous: rangeText(ctx, d.previous), last_year: rangeText(ctx, d.lastYear) })}
      </p>
      <div class="exec-cards">
        <Card id="permohonan" title={t('exec.card.flow')}>
          <ul class="work-counts">
            <Figure label={t('exec.m.received')} value={formatInteger(c.received)} link={drill('received')} compare={<Compare ctx={ctx} prev={formatInteger(p.received)} ly={formatInteger(ly.received)} />} />
            <Figure label={t('exec.m.completed')} value={formatInteger(c.completed)} link={drill('completed')} compare={<Compare ctx={ctx} prev={formatInteger(p.completed)} ly={formatInteger(ly.completed)} />} />
            <Figure label={t('exec.m.in_progress')} value={formatInteger(inProgress)} link={drill('open')} />
          </ul>
          <Definition ctx={ctx} text={`${t('exec.m.received')}: ${t('exec.def.received')} ${t('exec.m.completed')}: ${t('exec.def.completed')} ${t('exec.m.in_progress')}: ${t('exec.def.in_progress')}`} />
          <Downloads ctx={ctx} q={q} card="permohonan" />
        </Card>
        <Card id="sla" title={t('exec.card.sla')}>
          <ul class="work-counts">
            <Figure label={t('exec.m.sla')} value={sla(c)} link={drill('in_sla')} compare={<Compare ctx={ctx} prev={sla(p)} ly={sla(ly)} />} />
            <Figure label={t('exec.m.late')} value={formatInteger(c.completed - c.completedInSla)} link={drill('late')} />
            <Figure label={t('exec.m.median')} value={num(d.durations.median)} link={drill('completed')} compare={<span class="exec-compare">{t('exec.vs_prev', { value: num(d.durations.previousMedian) })}</span>} />
            <Figure label={t('exec.m.p90')} value={num(d.durations.p90)} link={drill('completed')} compare={<span class="exec-compare">{t('exec.vs_prev', { value: num(d.durations.previousP90) })}</span>} />
            <Figure label={t('exec.m.sent_back_rate')} value={pct(c.sentBack, c.completed)} link={drill('sent_back')} compare={<Compare ctx={ctx} prev={pct(p.sentBack, p.completed)} ly={pct(ly.sentBack, ly.completed)} />} />
          </ul>
          {c.completed > 0 && <ShareBar percent={(100 * c.completedInSla) / c.completed} label={`${t('exec.m.sla')} ${sla(c)}`} />}
          <Definition ctx={ctx} text={`${t('exec.m.sla')}: ${t('exec.def.sla')} ${t('exec.m.median')}: ${t('exec.def.median')} ${t('exec.m.sent_back_rate')}: ${t('exec.def.sent_back')}`} />
          <Downloads ctx={ctx} q={q} card="sla" />
        </Card>
        <Card id="tunggakan" title={t('exec.card.backlog')}>
          <ul class="work-counts">
            <Figure label={t('exec.m.overdue')} value={formatInteger(d.overdue)} link={drill('overdue')} />
            <Figure label={t('exec.m.escalated', { days: ESCALATE_AFTER_WORKING_DAYS })} value={formatInteger(d.escalated)} link={drill('escalated')} />
            <Figure label={t('exec.m.unclaimed')} value={formatInteger(d.open.unclaimed)} link={drill('unclaimed')} />
            <Figure label={t('exec.m.in_process')} value={formatInteger(d.open.in_process)} link={drill('in_process')} />
            <Figure label={t('exec.m.with_applicant')} value={formatInteger(d.open.with_applicant)} link={drill('with_applicant')} />
          </ul>
          <table class="data-table">
            <caption class="visually-hidden">{t('exec.card.backlog')}</caption>
            <tbody>
              {d.buckets.map((b) => (
                <tr key={b.key}>
                  <th scope="row">{t(`exec.m.${b.key}`)}</th>
                  <td class="num">
                    <a href={drill(b.key)}>{formatInteger(b.n)}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Definition ctx={ctx} text={t('exec.def.backlog', { days: ESCALATE_AFTER_WORKING_DAYS })} />
          <Downloads ctx={ctx} q={q} card="tunggakan" />
        </Card>
        <Card id="tahap" title={t('exec.card.steps')}>
          <DataTable
            ctx={ctx}
            rows={d.slowSteps}
            rowKey={(s) => s.name}
            caption={t('exec.card.steps')}
            captionHidden
            columns={[
              { key: 'name', label: t('exec.m.step'), cell: (s) => s.name },
              { key: 'avg', label: t('exec.m.avg_hours'), num: true, cell: (s) => formatDecimal(s.avgHours, 1) },
              { key: 'n', label: t('exec.m.visits'), num: true, cell: (s) => formatInteger(s.n) },
              { key: 'late', label: t('exec.m.late_visits'), num: true, cell: (s) => formatInteger(s.late) },
            ]}
          />
          <Definition ctx={ctx} text={t('exec.def.steps')} />
          <Downloads ctx={ctx} q={q} card="tahap" />
        </Card>
        <Card id="pendapatan" title={t('exec.card.revenue')}>
          <ul class="work-counts">
            <Figure label={t('exec.m.billed')} value={formatRupiah(d.revenue.billed)} link={revenueLink(d.period, q)} />
            <Figure label={t('exec.m.paid')} value={formatRupiah(d.revenue.paid)} link={revenueLink(d.period, q)} compare={<Compare ctx={ctx} prev={formatRupiah(d.revenue.previousPaid)} ly={formatRupiah(d.revenue.lastYearPaid)} />} />
            <Figure label={t('exec.m.outstanding')} value={formatRupiah(d.revenue.outstanding)} link={revenueLink(d.period, q)} />
            {cards && cards.reconciled !== null && <Figure label={t('exec.m.reconciled')} value={formatRupiah(cards.reconciled)} link={revenueLink(d.period, q)} />}
            <Figure
              label={d.revenue.target === null ? t('exec.m.no_target') : t('exec.m.target', { year })}
              value={d.revenue.target === null ? '—' : formatRupiah(d.revenue.target)}
              compare={
                d.revenue.target ? (
                  <span class="exec-compare">
                    {t('exec.m.paid_year', { year })}: {formatRupiah(d.revenue.paidYear)} ({t('exec.m.target_share', { percent: pct(d.revenue.paidYear, d.revenue.target) })})
                  </span>
                ) : undefined
              }
            />
          </ul>
          {d.revenue.target ? <ShareBar percent={(100 * d.revenue.paidYear) / d.revenue.target} label={t('exec.m.target_share', { percent: pct(d.revenue.paidYear, d.revenue.target) })} /> : null}
          <Definition ctx={ctx} text={cards && cards.reconciled !== null ? `${t('exec.def.revenue')} ${t('exec.def.reconciled')}` : t('exec.def.revenue')} />
          <Downloads ctx={ctx} q={q} card="pendapatan" />
          {canSetTargets && (
            <details>
              <summary>{t('exec.target.legend')}</summary>
              <form method="post" action="/eksekutif/target">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <div class="field">
                  <label for="t-agency">{t('exec.target.agency')}</label>
                  <select id="t-agency" name="agency">
                    {agencies.map((a) => (
                      <option key={a.id} value={a.id} selected={a.id === q.instansi}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for="t-year">{t('exec.target.year')}</label>
                  <input id="t-year" name="year" inputMode="numeric" value={year} maxLength={4} />
                </div>
                <div class="field">
                  <label for="t-amount">{t('exec.target.amount')}</label>
                  <input id="t-amount" name="amount" inputMode="numeric" maxLength={24} />
                </div>
                <button type="submit">{t('exec.target.save')}</button>
              </form>
            </details>
          )}
        </Card>
        {cards?.complaints && <ComplaintsCard ctx={ctx} q={q} c={cards.complaints} links={Boolean(complaintLinks)} />}
        {cards?.spbe && <SpbeCard ctx={ctx} q={q} s={cards.spbe} />}
        <Card id="rincian" title={d.breakdownBy === 'agency' ? t('exec.card.agencies') : t('exec.f.service')}>
          <DataTable
            ctx={ctx}
            rows={ranked}
            rowKey={(r) => r.id}
            caption={t('exec.card.agencies')}
            captionHidden
            columns={[
              {
                key: 'name',
                label: d.breakdownBy === 'agency' ? t('exec.m.agency') : t('exec.f.service'),
                cell: (r) => <a href={href(DASHBOARD_PATH, { ...q, ...(d.breakdownBy === 'agency' ? { instansi: r.id } : { layanan: r.id }) })}>{r.name}</a>,
              },
              { key: 'received', label: t('exec.m.received'), num: true, cell: (r) => <a href={href(CASES_PATH, { ...q, ...(d.breakdownBy === 'agency' ? { instansi: r.id } : { layanan: r.id }) }, { ukuran: 'received' })}>{formatInteger(r.received)}</a> },
              { key: 'completed', label: t('exec.m.completed'), num: true, cell: (r) => formatInteger(r.completed) },
              { key: 'sla', label: t('exec.m.sla'), num: true, cell: (r) => (r.completed >= MIN_VOLUME ? pct(r.completedInSla, r.completed) : <span class="muted">{t('exec.m.small_volume', { min: MIN_VOLUME })}</span>) },
              { key: 'open', label: t('exec.m.open'), num: true, cell: (r) => <a href={href(CASES_PATH, { ...q, ...(d.breakdownBy === 'agency' ? { instansi: r.id } : { layanan: r.id }) }, { ukuran: 'open' })}>{formatInteger(r.open)}</a> },
            ]}
          />
          <Definition ctx={ctx} text={t('exec.def.agencies', { min: MIN_VOLUME })} />
          <Downloads ctx={ctx} q={q} card="rincian" />
        </Card>
        <Card id="tren" title={t('exec.card.trend')}>
          <BarChart title={`${t('exec.card.trend')}: ${rangeText(ctx, d.period)}`} legend={[t('exec.m.received'), t('exec.m.completed')]} series={d.trend.map((r) => ({ label: r.label, values: [r.received, r.completed] }))} />
          <p class="muted">{t('exec.chart.caption')}</p>
          <DataTable
            ctx={ctx}
            rows={d.trend}
            rowKey={(r) => r.label}
            caption={t('exec.card.trend')}
            captionHidden
            columns={[
              { key: 'label', label: d.period.kind === 'tahun' || d.period.kind === 'triwulan' ? t('exec.m.month') : t('exec.m.day'), cell: (r) => (r.label.length === 10 ? day(ctx, r.label) : r.label) },
              { key: 'received', label: t('exec.m.received'), num: true, cell: (r) => formatInteger(r.received) },
              { key: 'completed', label: t('exec.m.completed'), num: true, cell: (r) => formatInteger(r.completed) },
            ]}
          />
          <Downloads ctx={ctx} q={q} card="tren" />
        </Card>
      </div>
      <p class="muted">{t('exec.updated', { seconds: REFRESH_EVERY_SECONDS })}</p>
    </Layout>
  );
}

function revenueLink(p: Period, q: DashQuery): string {
  const s = new URLSearchParams({ from: p.from, to: p.to });
  if (q.instansi) s.set('agency', q.instansi);
  return `/kelola/keuangan/laporan?${s.toString()}`;
}

const stateTone: Record<string, Tone> = { unclaimed: 'danger', in_process: 'warning', with_applicant: 'info', done: 'success', withdrawn: 'neutral' };

export function CasesPage({
  ctx,
  q,
  measure,
  measureLabel,
  total,
  rows,
  page,
  pageSize,
  serviceNames,
  agencyNames,
}: {
  ctx: ViewContext;
  q: DashQuery;
  measure: DrillMeasure;
  measureLabel: string;
  total: number;
  rows: CaseListRow[];
  page: number;
  pageSize: number;
  serviceNames: Map<string, string>;
  agencyNames: Map<string, string>;
}) {
  const { t } = ctx;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Layout ctx={ctx} title={t('exec.cases.title')} face="executive">
      <p>
        <a href={href(DASHBOARD_PATH, q)}>{t('exec.cases.back')}</a>
      </p>
      <h1>{t('exec.cases.title')}</h1>
      <p class="lead" id="case-count" data-count={String(total)}>
        {t('exec.cases.lead', { measure: measureLabel, count: formatInteger(total) })}
      </p>
      <p class="exec-downloads">
        <a href={href(CASES_PATH, q, { ukuran: measure, format: 'csv' })}>{t('exec.download_csv')}</a> · <a href={href(CASES_PATH, q, { ukuran: measure, format: 'xlsx' })}>{t('exec.download_xlsx')}</a>
      </p>
      <DataTable
        ctx={ctx}
        rows={rows}
        rowKey={(r) => r.applicationId}
        caption={measureLabel}
        captionHidden
        empty={t('exec.cases.empty')}
        columns={[
          {
            key: 'tracking',
            label: t('exec.cases.tracking'),
            primary: true,
            nowrap: true,
            cell: (r) => (r.trackingNumber ? <a href={`/kelola/permohonan/${encodeURIComponent(r.trackingNumber)}`}>{r.trackingNumber}</a> : '—'),
          },
          { key: 'agency', label: t('exec.m.agency'), cell: (r) => agencyNames.get(r.agencyId) ?? '—' },
          { key: 'service', label: t('exec.cases.service'), cell: (r) => serviceNames.get(r.serviceId) ?? '—' },
          { key: 'state', label: t('exec.cases.state'), cell: (r) => <StatusTag tone={stateTone[r.state] ?? 'neutral'}>{t(`exec.state.${r.state}`)}</StatusTag> },
          { key: 'submitted', label: t('exec.cases.submitted'), nowrap: true, cell: (r) => day(ctx, r.submittedOn) },
          { key: 'due', label: t('exec.cases.due'), nowrap: true, cell: (r) => day(ctx, r.dueOn) },
          { key: 'decided', label: t('exec.cases.decided'), nowrap: true, cell: (r) => day(ctx, r.decidedOn) },
          { key: 'wd', label: t('exec.cases.working_days'), num: true, cell: (r) => num(r.workingDays) },
          { key: 'activity', label: t('exec.cases.activity'), nowrap: true, cell: (r) => day(ctx, r.activityOn) },
        ]}
      />
      <Pagination
        ctx={ctx}
        count={rows.length}
        total={total}
        prev={page > 1 ? href(CASES_PATH, q, { ukuran: measure, halaman: String(page - 1) }) : null}
        next={page < pages ? href(CASES_PATH, q, { ukuran: measure, halaman: String(page + 1) }) : null}
      />
    </Layout>
  );
}

export function WallPage({ ctx, today, tiles }: { ctx: ViewContext; today: string; tiles: WallTile[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('exec.wall.title')} face="executive" refreshSeconds={WALL_REFRESH_SECONDS}>
      <h1>{t('exec.wall.title')}</h1>
      <p class="lead">
        {t('exec.wall.as_of', { date: day(ctx, today) })}. {t('exec.wall.lead', { seconds: WALL_REFRESH_SECONDS })}
      </p>
      <ul class="exec-wall">
        {tiles.map((w) => (
          <li key={w.agencyId} class={`tone-${w.tone}`} data-tone={w.tone}>
            <h2>
              {w.name} <span class="visually-hidden">({t(`exec.wall.tone.${w.tone}`)})</span>
            </h2>
            <p aria-hidden="true">{t(`exec.wall.tone.${w.tone}`)}</p>
            <dl>
              <dt>{t('exec.wall.unclaimed')}</dt>
              <dd>{formatInteger(w.unclaimed)}</dd>
              <dt>{t('exec.wall.escalated')}</dt>
              <dd>{formatInteger(w.escalated)}</dd>
              <dt>{t('exec.wall.in_process')}</dt>
              <dd>{formatInteger(w.inProcess)}</dd>
              <dt>{t('exec.wall.done_today')}</dt>
              <dd>{formatInteger(w.doneToday)}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function KpiPage({
  ctx,
  year,
  to,
  rows,
  satisfaction,
  years,
  complaints,
}: {
  ctx: ViewContext;
  year: number;
  to: string;
  rows: PublicKpi[];
  satisfaction: ReadonlyMap<string, { value: number; category: string; respondents: number }>;
  years: number[];
  /** Complaint figures per routed agency (absent: columns not shown). */
  complaints?: ReadonlyMap<string, ComplaintFigures>;
}) {
  const { t } = ctx;
  const rate = (v: number | null) => (v === null ? <span class="muted">{t('exec.kpi.small')}</span> : formatPercent(v, 1));
  // Complaint shares only from MIN_COMPLAINTS complaints received (one case cannot top a list).
  const complaintRate = (c: ComplaintFigures | undefined, which: 'response' | 'resolved') => {
    if (!c || c.received < MIN_COMPLAINTS) return rate(null);
    return which === 'response' ? pct(c.respondedInTime, c.responseDue) : pct(c.resolvedInTier, c.resolved);
  };
  return (
    <Layout ctx={ctx} title={t('exec.kpi.title')} description={t('exec.kpi.dataset_description')}>
      <h1>{t('exec.kpi.title')}</h1>
      <p class="lead">{t('exec.kpi.lead', { year, to: day(ctx, to) })}</p>
      <form method="get" action={KPI_PATH} class="filter-bar">
        <div class="field">
          <label for="k-year">{t('exec.kpi.year')}</label>
          <select id="k-year" name="tahun">
            {years.map((y) => (
              <option key={y} value={String(y)} selected={y === year}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {t('exec.f.show')}
        </button>
      </form>
      <DataTable
        ctx={ctx}
        rows={rows}
        rowKey={(r) => r.agencyId}
        caption={t('exec.kpi.title')}
        captionHidden
        columns={[
          { key: 'name', label: t('exec.m.agency'), primary: true, cell: (r) => <a href={`/instansi/${r.slug}`}>{r.name}</a> },
          { key: 'received', label: t('exec.kpi.received'), num: true, cell: (r) => formatInteger(r.received) },
          { key: 'completed', label: t('exec.kpi.completed'), num: true, cell: (r) => formatInteger(r.completed) },
          { key: 'completion', label: t('exec.kpi.completion'), num: true, cell: (r) => rate(r.completionPercent) },
          { key: 'digital', label: t('exec.kpi.digital'), num: true, cell: (r) => rate(r.digitalPercent) },
          { key: 'sla', label: t('exec.kpi.sla'), num: true, cell: (r) => rate(r.slaPercent) },
          {
            key: 'ikm',
            label: t('exec.kpi.satisfaction'),
            num: true,
            cell: (r) => {
              const s = satisfaction.get(r.agencyId);
              return s ? t('exec.kpi.ikm_value', { value: formatDecimal(s.value, 2), category: s.category, respondents: formatInteger(s.respondents) }) : <span class="muted">{t('exec.kpi.not_available')}</span>;
            },
          },
          ...(complaints
            ? [
                { key: 'complaints', label: t('exec.kpi.complaints'), num: true, cell: (r: PublicKpi) => formatInteger(complaints.get(r.agencyId)?.received ?? 0) },
                { key: 'c_response', label: t('exec.kpi.complaint_response'), num: true, cell: (r: PublicKpi) => complaintRate(complaints.get(r.agencyId), 'response') },
                { key: 'c_resolved', label: t('exec.kpi.complaint_resolved'), num: true, cell: (r: PublicKpi) => complaintRate(complaints.get(r.agencyId), 'resolved') },
              ]
            : []),
        ]}
      />
      <h2>{t('exec.definition')}</h2>
      <dl class="summary-list">
        <dt>{t('exec.kpi.completion')}</dt>
        <dd>{t('exec.kpi.def.completion')}</dd>
        <dt>{t('exec.kpi.digital')}</dt>
        <dd>{t('exec.kpi.def.digital')}</dd>
        <dt>{t('exec.kpi.sla')}</dt>
        <dd>{t('exec.kpi.def.sla')}</dd>
        <dt>{t('exec.kpi.satisfaction')}</dt>
        <dd>{t('exec.kpi.def.satisfaction')}</dd>
      </dl>
      <p>{t('exec.kpi.def.min', { min: MIN_VOLUME })}</p>
      {complaints && <p>{t('exec.kpi.def_complaints', { days: FIRST_RESPONSE_WORKING_DAYS, min: MIN_COMPLAINTS })}</p>}
      <h2>{t('exec.kpi.open_data')}</h2>
      <ul>
        <li>
          <a href={`${KPI_PATH}/data.csv?tahun=${year}`}>{t('exec.kpi.csv')}</a>
        </li>
        <li>
          <a href={`${KPI_PATH}/metadata.json?tahun=${year}`}>{t('exec.kpi.metadata')}</a>
        </li>
      </ul>
    </Layout>
  );
}
