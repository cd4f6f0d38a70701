// Public face of the executive module (E-1, E-2, E-3): leaders' dashboard, command-centre wall,
// public performance page, and the summary tables behind them.
export { createExecutive, type Executive, type ExecutiveSources, type Filters, type Dashboard, MIN_VOLUME, refreshJob } from './executive.service.ts';
export { registerExecutiveRoutes, type ExecutiveRouteDeps } from './executive.routes.tsx';
export type { CaseSourceFact, BillSourceFact } from './executive.rollup.ts';
export { periodOf, type Period, type PeriodKind } from './executive.periods.ts';
export type { ExecutiveTables } from './executive.tables.ts';
export { createMonthlyReport, executiveReportPdf, firstWorkingDay, type MonthlyReport } from './executive.report.ts';
