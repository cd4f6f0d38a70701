// Routes of the executive module (E-1, E-2, E-3):
// - GET  /eksekutif                 the leaders' dashboard (?instansi&layanan&kecamatan&kanal&periode&tanggal;
//                                   &kartu=…&format=csv|xlsx downloads one card);
// - GET  /eksekutif/kasus           the applications behind one figure (&ukuran=…, &halaman, &format);
// - POST /eksekutif/target          sets an agency's yearly revenue target (region-wide executives);
// - GET  /eksekutif/layar           the command-centre wall (refreshes itself, no script);
// - GET  /kinerja, /kinerja/data.csv, /kinerja/metadata.json   public performance (no personal data);
// - GET  /api/v1/executive/dashboard, /api/v1/performance      the same figures as JSON.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { agenciesFor, authorize, can } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { sendCsv, toCsv } from '../../platform/export/csv.ts';
import { sendXlsx, toXlsx, type XlsxColumn } from '../../platform/export/xlsx.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { isLocalDate, periodKinds, periodOf, type PeriodKind } from './executive.periods.ts';
import { drillMeasures, ESCALATE_AFTER_WORKING_DAYS, type Dashboard, type DrillMeasure, type Executive, type ExecutiveSources, type ExtraCards, type Filters } from './executive.service.ts';
import { CASES_PATH, CasesPage, channels, DASHBOARD_PATH, DashboardPage, KPI_PATH, KpiPage, WALL_PATH, WallPage, type DashQuery } from './executive.views.tsx';
import { networkMatcher } from './executive.network.ts';
import { executiveReportPdf, type MonthlyReport } from './executive.report.ts';
import './executive.policy.ts';
import { type MessageKey, messageKeyOr } from '../../platform/views/i18n.ts';
import { FIRST_RESPONSE_WORKING_DAYS } from '../complaints/index.ts';

export interface ExecutiveRouteDeps {
  executive: Executive;
  sources: ExecutiveSources;
  api: ApiRegistry;
  /** The clock (tests inject one). */
  now?: () => Date;
  /** E-2: internal networks (CIDR) the leaders' figures answer from; empty = anywhere. */
  allowedNetworks?: readonly string[];
  /** C-4: the satisfaction index (IKM) per agency for a year, from the survey (complaints module). */
  satisfaction?: (year: number) => Promise<ReadonlyMap<string, AgencySatisfaction>>;
  /** The monthly report job's stored PDFs (GET /eksekutif/laporan-bulanan/YYYY-MM). */
  monthlyReport?: MonthlyReport;
}

export interface AgencySatisfaction {
  /** The converted IKM value (25–100). */
  value: number;
  category: string;
  respondents: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DISTRICT = /^[0-9]{2}(\.[0-9]{2}){0,2}(\.[0-9]{1,4})?$/;
const PAGE_SIZE = 50;
const badFilter = () => new AppError('bad_filter', 400, 'exec.bad_filter');
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

interface Parsed {
  q: DashQuery;
  filters: Filters;
  kind: PeriodKind;
  anchor: string;
  scope: 'all' | string[];
}

/** Reads and checks the filters; the agency must be within what the actor may see. */
export async function parseDashQuery(actor: Actor | null, raw: Record<string, unknown>, today: string): Promise<Parsed> {
  authorize(actor, 'executive.dashboard.read');
  const scope = agenciesFor(actor, 'executive.dashboard.read');
  const instansi = str(raw.instansi);
  const layanan = str(raw.layanan);
  const kecamatan = str(raw.kecamatan);
  const kanal = str(raw.kanal);
  const periode = str(raw.periode) || 'bulan';
  const tanggal = str(raw.tanggal) || today;
  if ((instansi && !UUID.test(instansi)) || (layanan && !UUID.test(layanan)) || (kecamatan && !DISTRICT.test(kecamatan))) throw badFilter();
  if ((kanal && !(channels as readonly string[]).includes(kanal)) || !(periodKinds as readonly string[]).includes(periode) || !isLocalDate(tanggal)) throw badFilter();
  if (instansi && scope !== 'all' && !scope.includes(instansi)) throw errors.forbidden();
  const agencies: Filters['agencies'] = instansi ? [instansi] : scope;
  return {
    q: { instansi: instansi || undefined, layanan: layanan || undefined, kecamatan: kecamatan || undefined, kanal: kanal || undefined, periode, tanggal },
    filters: { agencies, serviceId: layanan || undefined, district: kecamatan || undefined, channel: kanal || undefined },
    kind: periode as PeriodKind,
    anchor: tanggal,
    scope,
  };
}

interface Row {
  label: string;
  value: number | string | null;
  previous?: number | string | null;
  lastYear?: number | string | null;
}

/** The cards of /eksekutif that download as CSV / XLSX, in the page's order (the view's XLSX: one sheet each). */
export const downloadCards = ['permohonan', 'sla', 'tunggakan', 'tahap', 'pendapatan', 'rincian', 'tren', 'pengaduan', 'spbe'] as const;

/** One card's figures as rows for CSV / XLSX (null: no such card, or not shown in this view). */
export function cardRows(
  card: string,
  d: Dashboard,
  t: (k: MessageKey, p?: Record<string, string | number>) => string,
  cards?: ExtraCards,
): { columns: XlsxColumn<Record<string, unknown>>[]; rows: Record<string, unknown>[] } | null {
  const c = d.flow.current;
  const p = d.flow.previous;
  const ly = d.flow.lastYear;
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((10000 * a) / b) / 100 : null);
  const figureCols: XlsxColumn<Record<string, unknown>>[] = [
    { header: 'ukuran', value: (r) => r.label as string, width: 40 },
    { header: `${d.period.from}..${d.period.to}`, value: (r) => r.value as number },
    { header: `${d.previous.from}..${d.previous.to}`, value: (r) => (r.previous ?? null) as number | null },
    { header: `${d.lastYear.from}..${d.lastYear.to}`, value: (r) => (r.lastYear ?? null) as number | null },
  ];
  const figures = (rows: Row[]) => ({ columns: figureCols, rows: rows as unknown as Record<string, unknown>[] });
  switch (card) {
    case 'permohonan':
      return figures([
        { label: t('exec.m.received'), value: c.received, previous: p.received, lastYear: ly.received },
        { label: t('exec.m.completed'), value: c.completed, previous: p.completed, lastYear: ly.completed },
        { label: t('exec.m.in_progress'), value: d.open.unclaimed + d.open.in_process + d.open.with_applicant },
      ]);
    case 'sla':
      return figures([
        { label: `${t('exec.m.sla')} (%)`, value: ratio(c.completedInSla, c.completed), previous: ratio(p.completedInSla, p.completed), lastYear: ratio(ly.completedInSla, ly.completed) },
        { label: t('exec.m.in_sla'), value: c.completedInSla, previous: p.completedInSla, lastYear: ly.completedInSla },
        { label: t('exec.m.late'), value: c.completed - c.completedInSla, previous: p.completed - p.completedInSla, lastYear: ly.completed - ly.completedInSla },
        { label: t('exec.m.median'), value: d.durations.median, previous: d.durations.previousMedian },
        { label: t('exec.m.p90'), value: d.durations.p90, previous: d.durations.previousP90 },
        { label: `${t('exec.m.sent_back_rate')} (%)`, value: ratio(c.sentBack, c.completed), previous: ratio(p.sentBack, p.completed), lastYear: ratio(ly.sentBack, ly.completed) },
      ]);
    case 'tunggakan':
      return figures([
        { label: t('exec.m.overdue'), value: d.overdue },
        { label: t('exec.m.escalated', { days: ESCALATE_AFTER_WORKING_DAYS }), value: d.escalated },
        { label: t('exec.m.unclaimed'), value: d.open.unclaimed },
        { label: t('exec.m.in_process'), value: d.open.in_process },
        { label: t('exec.m.with_applicant'), value: d.open.with_applicant },
        ...d.buckets.map((b) => ({ label: t(`exec.m.${b.key}`), value: b.n })),
      ]);
    case 'pendapatan':
      return figures([
        { label: t('exec.m.billed'), value: d.revenue.billed },
        { label: t('exec.m.paid'), value: d.revenue.paid, previous: d.revenue.previousPaid, lastYear: d.revenue.lastYearPaid },
        { label: t('exec.m.outstanding'), value: d.revenue.outstanding },
        ...(cards && cards.reconciled !== null ? [{ label: t('exec.m.reconciled'), value: cards.reconciled }] : []),
        { label: t('exec.m.target', { year: d.period.to.slice(0, 4) }), value: d.revenue.target },
        { label: t('exec.m.paid_year', { year: d.period.to.slice(0, 4) }), value: d.revenue.paidYear },
      ]);
    case 'tahap':
      return {
        columns: [
          { header: t('exec.m.step'), value: (r) => r.name as string, width: 40 },
          { header: t('exec.m.visits'), value: (r) => r.n as number, type: 'integer' },
          { header: t('exec.m.avg_hours'), value: (r) => Math.round((r.avgHours as number) * 10) / 10 },
          { header: t('exec.m.late_visits'), value: (r) => r.late as number, type: 'integer' },
        ],
        rows: d.slowSteps as unknown as Record<string, unknown>[],
      };
    case 'rincian':
      return {
        columns: [
          { header: d.breakdownBy === 'agency' ? t('exec.m.agency') : t('exec.f.service'), value: (r) => r.name as string, width: 40 },
          { header: t('exec.m.received'), value: (r) => r.received as number, type: 'integer' },
          { header: t('exec.m.completed'), value: (r) => r.completed as number, type: 'integer' },
          { header: t('exec.m.in_sla'), value: (r) => r.completedInSla as number, type: 'integer' },
          { header: t('exec.m.open'), value: (r) => r.open as number, type: 'integer' },
        ],
        rows: d.breakdown as unknown as Record<string, unknown>[],
      };
    case 'tren':
      return {
        columns: [
          { header: 'periode', value: (r) => r.label as string },
          { header: t('exec.m.received'), value: (r) => r.received as number, type: 'integer' },
          { header: t('exec.m.completed'), value: (r) => r.completed as number, type: 'integer' },
        ],
        rows: d.trend as unknown as Record<string, unknown>[],
      };
    case 'pengaduan': {
      const c = cards?.complaints;
      if (!c) return null;
      const valueCols: XlsxColumn<Record<string, unknown>>[] = [
        { header: 'ukuran', value: (r) => r.label as string, width: 50 },
        { header: `${d.period.from}..${d.period.to}`, value: (r) => r.value as number | null },
      ];
      return {
        columns: valueCols,
        rows: [
          { label: t('exec.c.received'), value: c.received },
          { label: `${t('exec.c.first_response', { days: FIRST_RESPONSE_WORKING_DAYS })} (%)`, value: ratio(c.respondedInTime, c.responseDue) },
          { label: `${t('exec.c.in_tier')} (%)`, value: ratio(c.resolvedInTier, c.resolved) },
          { label: `${t('exec.c.reopen')} (%)`, value: ratio(c.reopened, c.everResolved) },
          ...Object.entries(c.byStatus).map(([k, v]) => ({ label: `${t('exec.c.status')}: ${t(messageKeyOr(`complaints.status.${k}`, 'value.unknown'))}`, value: v })),
          ...Object.entries(c.byCategory).map(([k, v]) => ({ label: `${t('exec.c.category')}: ${t(messageKeyOr(`complaints.category.${k}`, 'value.unknown'))}`, value: v })),
        ],
      };
    }
    case 'spbe': {
      const s = cards?.spbe;
      if (!s) return null;
      return {
        columns: [
          { header: 'ukuran', value: (r) => r.label as string, width: 50 },
          { header: d.period.to.slice(0, 4), value: (r) => r.value as number | string | null },
        ],
        rows: [
          { label: s.index ? t('exec.s.index', { year: s.index.year }) : t('exec.s.no_index'), value: s.index ? Number(s.index.value) : null },
          { label: t('exec.s.predicate'), value: s.index?.predicate ?? null },
          { label: `${t('exec.s.roadmap', { year: s.roadmap.year, n: s.roadmap.initiatives })} (%)`, value: s.roadmap.meanPercent === null ? null : Math.round(s.roadmap.meanPercent * 10) / 10 },
          { label: t('exec.s.findings'), value: s.findings.open },
          { label: t('exec.s.findings_overdue'), value: s.findings.overdue },
        ],
      };
    }
  }
  return null;
}

/** The names the dashboard's breakdown needs: services within one agency, agencies otherwise. */
function breakdownNames(filters: Filters, all: { agencies: { id: string; name: string }[]; services: { id: string; name: string }[] }) {
  return filters.agencies !== 'all' && filters.agencies.length === 1 ? all.services : all.agencies;
}

function measureLabel(t: ViewContext['t'], m: DrillMeasure): string {
  switch (m) {
    case 'open':
      return t('exec.m.in_progress');
    case 'escalated':
      return t('exec.m.escalated', { days: ESCALATE_AFTER_WORKING_DAYS });
    default:
      return t(`exec.m.${m}`);
  }
}

export function registerExecutiveRoutes(app: FastifyInstance, deps: ExecutiveRouteDeps): void {
  const { executive, sources } = deps;
  const now = () => (deps.now ? deps.now() : new Date());
  const inside = networkMatcher(deps.allowedNetworks ?? []);
  if (inside) {
    // Strategic and tactical figures only from the region's internal networks (E-2).
    app.addHook('onRequest', async (request) => {
      const path = request.url.split('?')[0]!;
      if ((path === DASHBOARD_PATH || path.startsWith(`${DASHBOARD_PATH}/`) || path === '/api/v1/executive/dashboard') && !inside(request.ip)) {
        throw new AppError('network_refused', 403, 'exec.network_refused');
      }
    });
  }

  async function namesFor(scope: 'all' | string[]) {
    const [agencies, services] = await Promise.all([sources.agencies(), sources.services()]);
    const inScope = (id: string) => scope === 'all' || scope.includes(id);
    return { agencies: agencies.filter((a) => inScope(a.id)), services: services.filter((s) => inScope(s.agencyId)) };
  }

  app.get<{ Querystring: Record<string, string> }>(DASHBOARD_PATH, async (request, reply) => {
    const at = now();
    const parsed = await parseDashQuery(request.actor, request.query, await executive.today(at));
    const period = periodOf(parsed.kind, parsed.anchor);
    // The names are read once (agencies and services in scope) and the figures in two round
    // trips side by side: the summaries' card groups, and the other modules' cards.
    const all = await namesFor(parsed.scope);
    const names = breakdownNames(parsed.filters, all);
    const [d, cards, ctx] = await Promise.all([executive.dashboard(parsed.filters, period, at, { names }), executive.cards(parsed.filters, period, at), app.viewContext(request, reply)]);
    const format = str(request.query.format);
    if (format) {
      const out = cardRows(str(request.query.kartu), d, ctx.t, cards);
      if (!out || (format !== 'csv' && format !== 'xlsx')) throw badFilter();
      const name = `eksekutif-${str(request.query.kartu)}-${period.from}-${period.to}`;
      if (format === 'csv') return sendCsv(reply, `${name}.csv`, toCsv(out.columns, out.rows));
      return sendXlsx(reply, `${name}.xlsx`, await toXlsx([{ name: str(request.query.kartu), columns: out.columns, rows: out.rows }]));
    }
    const inCut = (id: string) => parsed.filters.agencies === 'all' || parsed.filters.agencies.includes(id);
    return reply.page(
      DashboardPage({
        ctx,
        q: parsed.q,
        d,
        agencies: all.agencies,
        services: all.services.filter((s) => inCut(s.agencyId)),
        scopeAgencyName: parsed.scope !== 'all' ? all.agencies.map((a) => a.name).join(', ') : null,
        canSetTargets: can(request.actor, 'executive.targets.manage'),
        saved: str((request.query as Record<string, string>).ok) === '1',
        cards,
        complaintLinks: can(request.actor, 'complaints.coordinate'),
      }),
    );
  });

  // The current view as a PDF on the region's letterhead (same query and scope as the page).
  app.get<{ Querystring: Record<string, string> }>(`${DASHBOARD_PATH}/laporan.pdf`, async (request, reply) => {
    const at = now();
    const parsed = await parseDashQuery(request.actor, request.query, await executive.today(at));
    const period = periodOf(parsed.kind, parsed.anchor);
    const all = await namesFor(parsed.scope);
    const [d, cards, ctx] = await Promise.all([executive.dashboard(parsed.filters, period, at, { names: breakdownNames(parsed.filters, all) }), executive.cards(parsed.filters, period, at), app.viewContext(request, reply)]);
    const scopeName = parsed.filters.agencies === 'all' ? null : all.agencies.filter((a) => (parsed.filters.agencies as string[]).includes(a.id)).map((a) => a.name).join(', ');
    const pdf = await executiveReportPdf({ locale: ctx.locale, regionName: ctx.regionName, timeZone: (await executive.timeZone()) as string, d, cards, scopeName, now: at });
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', `attachment; filename="eksekutif-${period.from}-${period.to}.pdf"`);
    reply.header('cache-control', 'no-store');
    return reply.send(pdf);
  });

  // The current view as a spreadsheet: one sheet per card, the same figures as the page.
  app.get<{ Querystring: Record<string, string> }>(`${DASHBOARD_PATH}/laporan.xlsx`, async (request, reply) => {
    const at = now();
    const parsed = await parseDashQuery(request.actor, request.query, await executive.today(at));
    const period = periodOf(parsed.kind, parsed.anchor);
    const all = await namesFor(parsed.scope);
    const [d, cards, ctx] = await Promise.all([executive.dashboard(parsed.filters, period, at, { names: breakdownNames(parsed.filters, all) }), executive.cards(parsed.filters, period, at), app.viewContext(request, reply)]);
    const sheets = downloadCards.flatMap((card) => {
      const out = cardRows(card, d, ctx.t, cards);
      return out ? [{ name: card, columns: out.columns, rows: out.rows }] : [];
    });
    return sendXlsx(reply, `eksekutif-${period.from}-${period.to}.xlsx`, await toXlsx(sheets));
  });

  // The monthly report as sent (region-wide figures: region-wide executives only).
  app.get<{ Params: { month: string } }>(`${DASHBOARD_PATH}/laporan-bulanan/:month`, async (request, reply) => {
    authorize(request.actor, 'executive.dashboard.read');
    if (agenciesFor(request.actor, 'executive.dashboard.read') !== 'all') throw errors.forbidden();
    const m = /^(\d{4})-(\d{2})$/.exec(request.params.month);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw badFilter();
    const pdf = deps.monthlyReport ? await deps.monthlyReport.stored(`${m[1]}-${m[2]}-01`) : null;
    if (!pdf) throw new AppError('not_found', 404, 'exec.report.not_found');
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', `attachment; filename="laporan-bulanan-${request.params.month}.pdf"`);
    reply.header('cache-control', 'no-store');
    return reply.send(pdf);
  });

  app.get<{ Querystring: Record<string, string> }>(CASES_PATH, async (request, reply) => {
    const at = now();
    const parsed = await parseDashQuery(request.actor, request.query, await executive.today(at));
    const measure = str(request.query.ukuran) as DrillMeasure;
    if (!(drillMeasures as readonly string[]).includes(measure)) throw badFilter();
    const page = Math.max(1, Math.min(100000, Number.parseInt(str(request.query.halaman) || '1', 10) || 1));
    const period = periodOf(parsed.kind, parsed.anchor);
    const format = str(request.query.format);
    const file = format === 'csv' || format === 'xlsx';
    // The names, the view context and the cases (count and page: one statement) side by side.
    const [ctx, { agencies, services }, result] = await Promise.all([
      app.viewContext(request, reply),
      namesFor(parsed.scope),
      executive.cases(parsed.filters, measure, period, file ? { now: at, limit: 100000 } : { now: at, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    ]);
    const serviceNames = new Map(services.map((s) => [s.id, s.name]));
    const agencyNames = new Map(agencies.map((a) => [a.id, a.name]));
    if (file) {
      const all = result;
      const columns: XlsxColumn<(typeof all.rows)[number]>[] = [
        { header: ctx.t('exec.cases.tracking'), value: (r) => r.trackingNumber },
        { header: ctx.t('exec.m.agency'), value: (r) => agencyNames.get(r.agencyId) ?? '' },
        { header: ctx.t('exec.cases.service'), value: (r) => serviceNames.get(r.serviceId) ?? '' },
        { header: ctx.t('exec.cases.state'), value: (r) => ctx.t(`exec.state.${r.state}`) },
        { header: 'kecamatan', value: (r) => r.district },
        { header: ctx.t('exec.f.channel'), value: (r) => ctx.t(messageKeyOr(`exec.channel.${r.channel}`, 'value.unknown')) },
        { header: ctx.t('exec.cases.submitted'), value: (r) => r.submittedOn, type: 'date' },
        { header: ctx.t('exec.cases.due'), value: (r) => r.dueOn, type: 'date' },
        { header: ctx.t('exec.cases.decided'), value: (r) => r.decidedOn, type: 'date' },
        { header: ctx.t('exec.cases.working_days'), value: (r) => r.workingDays, type: 'integer' },
      ];
      const name = `eksekutif-kasus-${measure}-${period.from}-${period.to}`;
      if (format === 'csv') return sendCsv(reply, `${name}.csv`, toCsv(columns, all.rows));
      return sendXlsx(reply, `${name}.xlsx`, await toXlsx([{ name: measure, columns, rows: all.rows }]));
    }
    return reply.page(CasesPage({ ctx, q: parsed.q, measure, measureLabel: measureLabel(ctx.t, measure), total: result.total, rows: result.rows, page, pageSize: PAGE_SIZE, serviceNames, agencyNames }));
  });

  app.post<{ Body: Record<string, unknown> }>('/eksekutif/target', async (request, reply) => {
    authorize(request.actor, 'executive.targets.manage');
    const body = request.body ?? {};
    const agency = str(body.agency);
    const year = Number(str(body.year));
    const amountText = str(body.amount).replace(/^Rp\s*/i, '').replace(/[.\s]/g, '');
    const fields: FieldError[] = [];
    const agencies = await sources.agencies();
    if (!agencies.some((a) => a.id === agency)) fields.push({ field: 'agency', key: 'exec.target.bad_agency' });
    if (!Number.isInteger(year) || year < 2000 || year > 2100) fields.push({ field: 'year', key: 'exec.target.bad_year' });
    if (!/^\d{1,15}$/.test(amountText)) fields.push({ field: 'amount', key: 'exec.target.bad_amount' });
    if (fields.length) throw errors.validation(fields);
    await executive.setTarget({ actor: request.actor, meta: request.meta }, { agencyId: agency, year, amount: Number(amountText) });
    return reply.redirect(`${DASHBOARD_PATH}?instansi=${agency}&periode=tahun&tanggal=${year}-12-31&ok=1#pendapatan`, 303);
  });

  app.get(WALL_PATH, async (request, reply) => {
    authorize(request.actor, 'executive.dashboard.read');
    const scope = agenciesFor(request.actor, 'executive.dashboard.read');
    const wall = await executive.wall({ agencies: scope }, now());
    const ctx = await app.viewContext(request, reply);
    reply.header('cache-control', 'no-store');
    return reply.page(WallPage({ ctx, today: wall.today, tiles: wall.tiles }));
  });

  async function kpiYear(request: FastifyRequest<{ Querystring: Record<string, string> }>) {
    const today = await executive.today(now());
    const current = Number(today.slice(0, 4));
    const raw = str(request.query.tahun);
    const year = raw ? Number(raw) : current;
    if (!Number.isInteger(year) || year < current - 10 || year > current) throw badFilter();
    const to = year === current ? today : `${year}-12-31`;
    return { year, to, from: `${year}-01-01`, current };
  }

  app.get<{ Querystring: Record<string, string> }>(KPI_PATH, async (request, reply) => {
    const y = await kpiYear(request);
    const [rows, satisfaction, complaints, ctx] = await Promise.all([
      executive.publicKpis({ from: y.from, to: y.to }),
      deps.satisfaction ? deps.satisfaction(y.year) : new Map<string, AgencySatisfaction>(),
      sources.complaints ? executive.publicComplaints({ from: y.from, to: y.to }) : undefined,
      app.viewContext(request, reply),
    ]);
    return reply.page(KpiPage({ ctx, year: y.year, to: y.to, rows, satisfaction, complaints, years: [0, 1, 2, 3, 4].map((k) => y.current - k) }));
  });

  app.get<{ Querystring: Record<string, string> }>(`${KPI_PATH}/data.csv`, async (request, reply: FastifyReply) => {
    const y = await kpiYear(request);
    const rows = await executive.publicKpis({ from: y.from, to: y.to });
    const pc = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    return sendCsv(
      reply,
      `kinerja-layanan-${y.year}.csv`,
      toCsv(
        [
          { header: 'instansi', value: (r) => r.name },
          { header: 'periode_mulai', value: () => y.from },
          { header: 'periode_akhir', value: () => y.to },
          { header: 'permohonan_diterima', value: (r) => r.received },
          { header: 'permohonan_selesai', value: (r) => r.completed },
          { header: 'tingkat_penyelesaian_persen', value: (r) => pc(r.completionPercent) },
          { header: 'penggunaan_digital_persen', value: (r) => pc(r.digitalPercent) },
          { header: 'kepatuhan_sla_persen', value: (r) => pc(r.slaPercent) },
        ],
        rows,
      ),
    );
  });

  app.get<{ Querystring: Record<string, string> }>(`${KPI_PATH}/metadata.json`, async (request, reply) => {
    const y = await kpiYear(request);
    const ctx = await app.viewContext(request, reply);
    return reply.type('application/json; charset=utf-8').send({
      title: ctx.t('exec.kpi.dataset_title'),
      description: ctx.t('exec.kpi.dataset_description'),
      unit: ctx.t('exec.kpi.unit'),
      period: { from: y.from, to: y.to },
      frequency: 'harian',
      source: ctx.regionName,
      licence: ctx.t('exec.kpi.licence'),
      distribution: `${KPI_PATH}/data.csv?tahun=${y.year}`,
      minimumVolume: 10,
    });
  });

  const flowSchema = z.object({ received: z.number().int(), completed: z.number().int(), completedInSla: z.number().int(), sentBack: z.number().int(), withdrawn: z.number().int(), receivedDone: z.number().int(), receivedOnline: z.number().int() });
  const rangeSchema = z.object({ kind: z.string(), anchor: z.string(), from: z.string(), to: z.string() });
  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/executive/dashboard',
    operationId: 'executiveDashboard',
    summary: "Leaders' dashboard figures (E-1, E-3)",
    description:
      'The figures of /eksekutif for executives (region-wide, or their own agency) and super admins, with the complaint (by routed agency), SPBE and reconciled-revenue cards. Query: instansi, layanan, kecamatan, kanal (online|counter|sms), periode (hari|minggu|bulan|triwulan|tahun), tanggal (YYYY-MM-DD). Another agency than one\'s own is 403.',
    tag: 'executive',
    auth: 'user',
    query: z.object({ instansi: z.string().optional(), layanan: z.string().optional(), kecamatan: z.string().optional(), kanal: z.string().optional(), periode: z.string().optional(), tanggal: z.string().optional() }),
    response: z
      .object({
        period: rangeSchema,
        previous: rangeSchema,
        lastYear: rangeSchema,
        today: z.string(),
        flow: z.object({ current: flowSchema, previous: flowSchema, lastYear: flowSchema }),
        open: z.object({ unclaimed: z.number().int(), in_process: z.number().int(), with_applicant: z.number().int() }),
        overdue: z.number().int(),
        escalated: z.number().int(),
        buckets: z.array(z.object({ key: z.string(), from: z.string().nullable(), to: z.string(), n: z.number().int() })),
        durations: z.object({ median: z.number().nullable(), p90: z.number().nullable(), previousMedian: z.number().nullable(), previousP90: z.number().nullable() }),
        slowSteps: z.array(z.object({ name: z.string(), n: z.number(), avgHours: z.number(), late: z.number() })),
        revenue: z.object({ billed: z.number(), paid: z.number(), outstanding: z.number(), target: z.number().nullable(), paidYear: z.number(), previousPaid: z.number(), lastYearPaid: z.number(), reconciled: z.number() }),
        breakdownBy: z.enum(['agency', 'service']),
        breakdown: z.array(z.object({ id: z.string(), name: z.string(), received: z.number(), completed: z.number(), completedInSla: z.number(), open: z.number() })),
        trend: z.array(z.object({ label: z.string(), received: z.number(), completed: z.number() })),
        cards: z.object({
          complaints: z
            .object({
              received: z.number().int(),
              byStatus: z.record(z.string(), z.number().int()),
              byCategory: z.record(z.string(), z.number().int()),
              responseDue: z.number().int(),
              respondedInTime: z.number().int(),
              resolved: z.number().int(),
              resolvedInTier: z.number().int(),
              everResolved: z.number().int(),
              reopened: z.number().int(),
            })
            .nullable(),
          spbe: z
            .object({
              index: z.object({ year: z.number().int(), value: z.string(), predicate: z.string(), final: z.boolean() }).nullable(),
              roadmap: z.object({ initiatives: z.number().int(), meanPercent: z.number().nullable(), year: z.number().int() }),
              findings: z.object({ open: z.number().int(), overdue: z.number().int() }),
            })
            .nullable(),
          reconciled: z.number().nullable(),
        }),
      })
      .meta({ id: 'ExecutiveDashboard' }),
    handler: async ({ actor, query }) => {
      const at = now();
      const parsed = await parseDashQuery(actor, query, await executive.today(at));
      const period = periodOf(parsed.kind, parsed.anchor);
      const [d, cards] = await Promise.all([executive.dashboard(parsed.filters, period, at), executive.cards(parsed.filters, period, at)]);
      return { ...d, cards };
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/performance',
    operationId: 'publicPerformance',
    summary: 'Published service performance per agency (E-2, public)',
    description: 'Applications received and completed, completion rate, digital take-up and SLA compliance per agency for a year (tahun, default the current year up to today); rates are null below 10 applications.',
    tag: 'executive',
    auth: 'public',
    query: z.object({ tahun: z.string().optional() }),
    response: z
      .object({
        from: z.string(),
        to: z.string(),
        agencies: z.array(
          z.object({ agencyId: z.string(), name: z.string(), slug: z.string(), received: z.number().int(), completed: z.number().int(), slaPercent: z.number().nullable(), completionPercent: z.number().nullable(), digitalPercent: z.number().nullable() }),
        ),
      })
      .meta({ id: 'PublicPerformance' }),
    handler: async ({ request }) => {
      const y = await kpiYear(request as FastifyRequest<{ Querystring: Record<string, string> }>);
      return { from: y.from, to: y.to, agencies: await executive.publicKpis({ from: y.from, to: y.to }) };
    },
  });
}
