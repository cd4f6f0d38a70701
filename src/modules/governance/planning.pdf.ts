// Generated documents of governance planning: the master-plan document (G-3) in the
// regulation's structure (seed 003 Pasal 5: BAB I Pendahuluan … BAB VII Penutup; seed 000
// Pasal 4) with the roadmap matrix (initiative × years with costs), and the monitoring and
// evaluation report (E-4) from the Dinas to the Governor through the Regional Secretary,
// assembled from the sections registered for report 'monev' (src/platform/reports/sections.ts).
// This file registers the SPBE-index and roadmap-progress sections.
import type { Executor } from '../../platform/db/database.ts';
import { instantOfLocal, type RegionTimeZone } from '../../platform/calendar/working-time.ts';
import { renderPdf, type PdfBlock } from '../../platform/pdf/pdf.ts';
import { defineReportSection, reportSections, type ReportPeriod } from '../../platform/reports/sections.ts';
import { formatDecimal, formatInteger, formatRupiah } from '../../platform/format.ts';
import { formatDate, t as translate, type Locale, type MessageKey, messageKeyOr } from '../../platform/views/i18n.ts';
import { regionTimeZone } from '../agencies/index.ts';
import { applicationFigures } from '../applications/index.ts';
import { archDomains, dateInZone, fundingSources, reviewDue, roadmapComponents, type InitiativeView, type Planning, type PlanView } from './planning.service.ts';

/** Plain thousands separators for table cells: 150.000.000 */
export function rupiahCell(n: number): string {
  return formatInteger(n);
}

/** Whole Rupiah as millions, exact, Indonesian style: 1.500.000.000 → "1.500", 1.250.000 → "1,25". */
export function millionsCell(n: number): string {
  const whole = Math.floor(n / 1_000_000);
  const frac = n - whole * 1_000_000;
  const head = rupiahCell(whole);
  return frac === 0 ? head : `${head},${String(frac).padStart(6, '0').replace(/0+$/, '')}`;
}

/** A score (two decimals) as readers write it: `2,22`. */
const num = (s: { value: number }) => formatDecimal(s.value, 2);

const text = (v: string, empty: string) => (v.trim() ? v.trim() : empty);

/** The roadmap matrix: component, initiative, agency, source, one column per plan year, total. */
export function roadmapMatrix(t: (k: MessageKey, p?: Record<string, string | number>) => string, plan: Pick<PlanView, 'startYear' | 'endYear'>, items: InitiativeView[]): PdfBlock {
  const years = Array.from({ length: plan.endYear - plan.startYear + 1 }, (_, i) => plan.startYear + i);
  return {
    kind: 'table',
    columns: [
      { header: t('gov.plan.roadmap.component'), width: 1.4 },
      { header: t('gov.plan.roadmap.name'), width: 2.6 },
      ...years.map((y) => ({ header: String(y), width: 1.1, align: 'right' as const })),
      { header: t('gov.plan.roadmap.total'), width: 1.2, align: 'right' as const },
    ],
    rows: items.map((i) => [
      t(`gov.plan.component.${i.component}`),
      i.name,
      ...years.map((y) => {
        const c = i.years.find((x) => x.year === y);
        return c ? millionsCell(c.costRupiah) : '-';
      }),
      millionsCell(i.totalRupiah),
    ]),
    emptyText: t('gov.plan.none'),
  };
}

export interface PdfContext {
  q: Executor;
  locale: Locale;
  regionName: string;
  now: Date;
}

export async function masterPlanPdf(planning: Planning, ctx: PdfContext, planId: string): Promise<Buffer | null> {
  const { q, locale, regionName, now } = ctx;
  const t = (k: MessageKey, p?: Record<string, string | number>) => translate(locale, k, p);
  const plan = await planning.plan(q, planId);
  if (!plan) return null;
  const tz = await regionTimeZone(q);
  const items = await planning.initiatives(q, plan.id);
  const budget = planning.budgetTotals(plan, items);
  const maturity = await planning.maturity(q);
  const latest = (await planning.listAssessments(q)).filter((a) => a.year <= plan.endYear)[0];
  const assessment = latest ? await planning.assessment(q, latest.id) : null;
  const pegi = (await planning.listPegi(q))[0];
  const empty = t('gov.plan.pdf.empty');
  const range = { from: plan.startYear, to: plan.endYear };
  const blocks: PdfBlock[] = [
    { kind: 'letterhead', region: regionName, agency: t('gov.plan.monev.dinas') },
    { kind: 'title', text: t('gov.plan.pdf.title'), subtitle: t('gov.plan.pdf.subtitle', { title: plan.title, ...range }) },
    { kind: 'keyValue', rows: [{ label: t('gov.plan.pdf.status'), value: t(`gov.plan.plan.status.${plan.status}`) }] },
    { kind: 'heading', text: t('gov.plan.pdf.ch1') },
    { kind: 'paragraph', text: t('gov.plan.pdf.ch1.text', { region: regionName, ...range, date: formatDate(locale, now, tz) }) },
    { kind: 'heading', text: t('gov.plan.pdf.ch2') },
    {
      kind: 'keyValue',
      rows: [
        {
          label: t('gov.plan.maturity.title'),
          value: t('gov.plan.maturity.current', { stage: maturity.current ? t(messageKeyOr(`gov.plan.maturity.stage.${maturity.current}`, 'value.unknown')) : t('gov.plan.maturity.none') }),
        },
        ...(assessment
          ? [{ label: `${t('governance.spbe.overall')} ${assessment.year}`, value: `${num(assessment.index.index)} (${assessment.index.predicate})`, strong: true }]
          : []),
        ...(pegi ? [{ label: `PeGI ${pegi.year}`, value: `${num(pegi.average)} (${t(pegi.category)})` }] : []),
      ],
    },
    { kind: 'heading', text: t('gov.plan.pdf.ch3') },
    { kind: 'paragraph', text: t('gov.plan.plan.vision'), bold: true },
    { kind: 'paragraph', text: text(plan.vision, empty) },
    { kind: 'paragraph', text: t('gov.plan.plan.mission'), bold: true },
    { kind: 'paragraph', text: text(plan.mission, empty) },
    { kind: 'paragraph', text: t('gov.plan.plan.goals'), bold: true },
    { kind: 'paragraph', text: text(plan.goals, empty) },
    { kind: 'heading', text: t('gov.plan.pdf.ch4') },
    ...archDomains.flatMap((d): PdfBlock[] => [
      { kind: 'paragraph', text: t(`gov.plan.arch.${d}`), bold: true },
      { kind: 'paragraph', text: text(plan.notes[d], empty) },
    ]),
    { kind: 'heading', text: t('gov.plan.pdf.ch5') },
    { kind: 'paragraph', text: t('gov.plan.pdf.matrix_caption'), muted: true },
    roadmapMatrix(t, plan, items),
    { kind: 'paragraph', text: t('gov.plan.pdf.actions'), bold: true },
    {
      kind: 'table',
      columns: [
        { header: t('gov.plan.roadmap.name'), width: 2.2 },
        { header: t('gov.plan.roadmap.outputs'), width: 2.6 },
        { header: t('gov.plan.agency'), width: 1.6 },
        { header: t('gov.plan.roadmap.funding'), width: 1.1 },
      ],
      rows: items.map((i) => [i.name, text(i.outputs, '-'), i.agencyName ?? '-', t(`gov.plan.funding.${i.fundingSource}`)]),
    },
    { kind: 'heading', text: t('gov.plan.pdf.ch6') },
    { kind: 'paragraph', text: t('gov.plan.pdf.millions'), muted: true },
    {
      kind: 'table',
      columns: [
        { header: t('gov.plan.roadmap.funding'), width: 1.5 },
        ...budget.years.map((y) => ({ header: String(y), width: 1.1, align: 'right' as const })),
        { header: t('gov.plan.roadmap.total'), width: 1.3, align: 'right' as const },
      ],
      rows: [
        ...fundingSources.map((s) => [
          t(`gov.plan.funding.${s}`),
          ...budget.years.map((y) => millionsCell(budget.bySource[s][y] ?? 0)),
          millionsCell(budget.years.reduce((sum, y) => sum + (budget.bySource[s][y] ?? 0), 0)),
        ]),
        [t('gov.plan.roadmap.total'), ...budget.years.map((y) => millionsCell(budget.perYear[y] ?? 0)), millionsCell(budget.total)],
      ],
    },
    { kind: 'heading', text: t('gov.plan.pdf.ch7') },
    { kind: 'paragraph', text: t('gov.plan.pdf.ch7.text', { since: reviewDue(plan, now, tz).since }) },
  ];
  return renderPdf({
    info: { title: `${t('gov.plan.pdf.title')} ${plan.startYear}-${plan.endYear}`, author: regionName },
    createdAt: now,
    pageLabel: (page, total) => t('gov.plan.pdf.page', { page, total }),
    footerNote: plan.title,
    blocks,
  });
}

// ---------------------------------------------------------------------------------------------
// M&E report (E-4)

export type PeriodInput = { kind: 'quarter'; year: number; quarter: number } | { kind: 'year'; year: number };

/** Midnight at the start of a calendar day in the region's time zone. */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const at = instantOfLocal(timeZone as RegionTimeZone, date);
  if (!at) throw new RangeError(`Not a calendar date: ${date}`);
  return at;
}

export function reportPeriod(p: PeriodInput, timeZone: string, t: (k: MessageKey, params?: Record<string, string | number>) => string): ReportPeriod {
  if (p.kind === 'year') {
    return { from: zonedMidnight(p.year, 1, 1, timeZone), to: zonedMidnight(p.year + 1, 1, 1, timeZone), label: t('gov.plan.monev.year_label', { year: p.year }) };
  }
  const m = (p.quarter - 1) * 3 + 1;
  const end = p.quarter === 4 ? zonedMidnight(p.year + 1, 1, 1, timeZone) : zonedMidnight(p.year, m + 3, 1, timeZone);
  return { from: zonedMidnight(p.year, m, 1, timeZone), to: end, label: t('gov.plan.monev.quarter_label', { q: ['I', 'II', 'III', 'IV'][p.quarter - 1]!, year: p.year }) };
}

export async function monevPdf(ctx: PdfContext, period: PeriodInput): Promise<Buffer> {
  const { q, locale, regionName, now } = ctx;
  const t = (k: MessageKey, p?: Record<string, string | number>) => translate(locale, k, p);
  const tz = await regionTimeZone(q);
  const rp = reportPeriod(period, tz, t);
  const blocks: PdfBlock[] = [
    { kind: 'letterhead', region: regionName, agency: t('gov.plan.monev.dinas') },
    { kind: 'title', text: t('gov.plan.monev.pdf_title'), subtitle: rp.label },
    {
      kind: 'keyValue',
      rows: [
        { label: t('gov.plan.monev.to'), value: `${t('gov.plan.monev.governor', { region: regionName })}\n${t('gov.plan.monev.via', { region: regionName })}` },
        { label: t('gov.plan.monev.from'), value: t('gov.plan.monev.dinas') },
        { label: t('gov.plan.monev.date'), value: formatDate(locale, now, tz) },
        { label: t('gov.plan.monev.period'), value: `${rp.label} (${formatDate(locale, rp.from, tz)} – ${formatDate(locale, new Date(rp.to.getTime() - 1), tz)})` },
        { label: t('gov.plan.monev.subject'), value: t('gov.plan.monev.subject_text', { period: rp.label }), strong: true },
      ],
    },
    { kind: 'paragraph', text: t('gov.plan.monev.opening', { period: rp.label }) },
  ];
  let n = 0;
  for (const section of reportSections('monev')) {
    const built = await section.build({ q, period: rp, t, locale });
    if (!built) continue;
    n += 1;
    blocks.push({ kind: 'heading', text: `${n}. ${built.heading}` }, ...built.blocks);
  }
  blocks.push({ kind: 'spacer', height: 12 }, { kind: 'paragraph', text: t('gov.plan.monev.closing') });
  return renderPdf({
    info: { title: `${t('gov.plan.monev.pdf_title')} ${rp.label}`, author: regionName },
    createdAt: now,
    pageLabel: (page, total) => t('gov.plan.pdf.page', { page, total }),
    footerNote: rp.label,
    blocks,
  });
}

/** Registers the planning sections of the M&E report (index, roadmap progress, maturity). */
export function registerPlanningReportSections(planning: Planning): void {
  defineReportSection({
    key: 'governance.spbe',
    report: 'monev',
    order: 10,
    async build({ q, period, t }) {
      const tz = await regionTimeZone(q);
      const lastYear = Number(dateInZone(new Date(period.to.getTime() - 1), tz).slice(0, 4));
      const list = (await planning.listAssessments(q)).filter((a) => a.year <= lastYear);
      // the latest year; a final assessment before a draft, then the built-in framework's
      const latest = list.filter((a) => a.year === list[0]?.year);
      const builtIn = new Set((await planning.listFrameworks(q)).filter((f) => f.builtIn).map((f) => f.id));
      const pick = latest.find((a) => a.status === 'final') ?? latest.find((a) => builtIn.has(a.frameworkId)) ?? latest[0];
      if (!pick) return { heading: t('gov.plan.monev.spbe_heading'), blocks: [{ kind: 'paragraph', text: t('gov.plan.monev.spbe_none') }] };
      const a = (await planning.assessment(q, pick.id))!;
      const cmp = await planning.comparePrevious(q, a);
      const blocks: PdfBlock[] = [
        { kind: 'paragraph', text: t('gov.plan.monev.spbe_of', { year: a.year, status: t(`gov.plan.spbe.status.${a.status}`), framework: a.framework.name, version: a.framework.version }) },
        {
          kind: 'keyValue',
          rows: [
            { label: t('governance.spbe.overall'), value: `${num(a.index.index)} (${a.index.predicate})`, strong: true },
            ...(cmp ? [{ label: t('gov.plan.spbe.compare', { year: cmp.previous.year }), value: t('gov.plan.monev.delta_text', { prev: cmp.comparison.overall.prev ? num(cmp.comparison.overall.prev) : '-', curr: num(a.index.index), delta: cmp.comparison.overall.delta ? num(cmp.comparison.overall.delta) : '-' }) }] : []),
          ],
        },
        {
          kind: 'table',
          columns: [{ header: t('gov.plan.spbe.domain'), width: 3 }, { header: t('gov.plan.spbe.index'), align: 'right' }, { header: t('gov.plan.spbe.predicate'), width: 1.4 }],
          rows: a.index.domains.map((d) => [d.name, num(d.index), d.predicate]),
        },
      ];
      if (a.index.missing.length > 0) blocks.push({ kind: 'paragraph', muted: true, text: t('governance.spbe.missing', { numbers: a.index.missing.join(', ') }) });
      return { heading: t('gov.plan.monev.spbe_heading'), blocks };
    },
  });

  defineReportSection({
    key: 'governance.roadmap',
    report: 'monev',
    order: 20,
    async build({ q, period, t }) {
      const tz = await regionTimeZone(q);
      const year = Number(dateInZone(new Date(period.to.getTime() - 1), tz).slice(0, 4));
      const plan = await planning.planForYear(q, year);
      if (!plan) return null;
      const items = await planning.initiatives(q, plan.id);
      const order = new Map(roadmapComponents.map((c, i) => [c, i]));
      items.sort((a, b) => order.get(a.component)! - order.get(b.component)!);
      const maturity = await planning.maturity(q);
      return {
        heading: t('gov.plan.monev.roadmap_heading'),
        blocks: [
          { kind: 'paragraph', text: t('gov.plan.monev.roadmap_of', { title: plan.title, from: plan.startYear, to: plan.endYear }) },
          {
            kind: 'keyValue',
            rows: [{ label: t('gov.plan.monev.maturity_heading'), value: maturity.current ? t(messageKeyOr(`gov.plan.maturity.stage.${maturity.current}`, 'value.unknown')) : t('gov.plan.maturity.none') }],
          },
          {
            kind: 'table',
            columns: [
              { header: t('gov.plan.roadmap.component'), width: 1.3 },
              { header: t('gov.plan.roadmap.name'), width: 2.5 },
              { header: t('gov.plan.agency'), width: 1.5 },
              { header: t('gov.plan.roadmap.cost_of', { year }), width: 1.4, align: 'right' },
              { header: t('gov.plan.roadmap.percent'), width: 0.9, align: 'right' },
              { header: t('gov.plan.note'), width: 2 },
            ],
            rows: items.map((i) => {
              const p = i.progress.find((x) => x.year === year);
              const c = i.years.find((x) => x.year === year);
              return [t(`gov.plan.component.${i.component}`), i.name, i.agencyName ?? '-', c ? rupiahCell(c.costRupiah) : '-', p ? formatInteger(p.percent) : '-', p?.note ?? ''];
            }),
            emptyText: t('gov.plan.none'),
          },
        ],
      };
    },
  });

  defineReportSection({
    key: 'governance.services',
    report: 'monev',
    order: 40,
    async build({ q, period, t }) {
      const f = await applicationFigures(q, period.from, period.to);
      const pct = f.finished > 0 ? ` (${Math.round((f.onTime * 100) / f.finished)}%)` : '';
      return {
        heading: t('gov.plan.monev.services_heading'),
        blocks: [
          {
            kind: 'keyValue',
            rows: [
              { label: t('gov.plan.monev.submitted'), value: formatInteger(f.submitted) },
              { label: t('gov.plan.monev.finished'), value: formatInteger(f.finished) },
              { label: t('gov.plan.monev.on_time'), value: `${f.onTime}${pct}` },
            ],
          },
        ],
      };
    },
  });
}
