// ICT-governance figures for the leaders' dashboard (issue 15, E-1): the SPBE index and its
// predicate (the year's assessment, or the latest one before it), the roadmap's progress in the
// year (mean reported percent over the initiatives planned for that year) and the open audit
// findings (and how many are past their due date). Read-only.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Planning } from './planning.service.ts';

export interface SpbeFigures {
  /** null when no assessment exists up to the year. */
  index: { year: number; value: string; predicate: string; final: boolean } | null;
  roadmap: { initiatives: number; meanPercent: number | null; year: number };
  findings: { open: number; overdue: number };
}

export async function spbeFigures(planning: Pick<Planning, 'listAssessments' | 'assessment'>, q: Executor, input: { year: number; today: string; agencies: 'all' | readonly string[] }): Promise<SpbeFigures> {
  const list = (await planning.listAssessments(q)).filter((a) => a.year <= input.year);
  // The year's final assessment first, else the latest one up to the year (a draft included).
  const pick = list.find((a) => a.year === input.year && a.status === 'final') ?? list[0];
  const view = pick ? await planning.assessment(q, pick.id) : null;
  const scoped = (col: string) => (input.agencies === 'all' ? sql`true` : input.agencies.length ? sql`${sql.ref(col)} in (${sql.join(input.agencies.map((a) => sql`${a}::uuid`))})` : sql`false`);
  const road = await sql<{ k: unknown; mean: unknown }>`select count(*) as k, avg(coalesce(p.percent, 0)) as mean
      from roadmap_years y join roadmap_initiatives i on i.id = y.initiative_id
      left join roadmap_progress p on p.initiative_id = y.initiative_id and p.year = y.year
      where y.year = ${input.year} and ${scoped('i.agency_id')}`.execute(q);
  const fnd = await sql<{ open: unknown; overdue: unknown }>`select count(*) as open, count(*) filter (where due_date < ${input.today}::date) as overdue
      from gov_audit_findings where status = 'open' and ${scoped('owner_agency_id')}`.execute(q);
  const k = Number(road.rows[0]?.k ?? 0);
  return {
    index: view ? { year: view.year, value: view.index.index.text, predicate: view.index.predicate, final: view.status === 'final' } : null,
    roadmap: { initiatives: k, meanPercent: k > 0 ? Math.round(Number(road.rows[0]?.mean ?? 0) * 10) / 10 : null, year: input.year },
    findings: { open: Number(fnd.rows[0]?.open ?? 0), overdue: Number(fnd.rows[0]?.overdue ?? 0) },
  };
}
