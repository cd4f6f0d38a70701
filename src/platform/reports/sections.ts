// Sections of generated reports built from live data, such as the ICT monitoring and
// evaluation report to the Governor (E-4). A module registers the sections it can fill from
// its own tables; the report module asks each registered section for its block, in order,
// so no module reads another's tables. A section with nothing to say returns null and is left
// out of the report.
import type { Executor } from '../db/database.ts';
import type { PdfBlock } from '../pdf/pdf.ts';
import { type MessageKey } from '../views/i18n.ts';

export interface ReportPeriod {
  /** Inclusive start and exclusive end, instants. */
  from: Date;
  to: Date;
  /** Label for headings, e.g. "Triwulan III 2026". */
  label: string;
}

export interface ReportSectionContext {
  q: Executor;
  period: ReportPeriod;
  /** Message lookup in the reader's language. */
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  locale: 'id' | 'en';
}

export interface ReportSection {
  /** Unique key, e.g. 'governance.inventory'. */
  key: string;
  /** Which report: 'monev' (E-4) for now. */
  report: 'monev';
  /** Position in the report; lower first. */
  order: number;
  /** Heading of the section, already translated, and its blocks; null leaves it out. */
  build(ctx: ReportSectionContext): Promise<{ heading: string; blocks: PdfBlock[] } | null>;
}

const sections: ReportSection[] = [];

export function defineReportSection(section: ReportSection): void {
  const i = sections.findIndex((s) => s.key === section.key);
  if (i >= 0) sections[i] = section;
  else sections.push(section);
}

export function reportSections(report: ReportSection['report']): ReportSection[] {
  return sections.filter((s) => s.report === report).sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}
