// The public face of the system module (operations pages over platform tables: health, metrics,
// queue, outbox, holidays). It owns no tables. Everything else in this folder is internal.
export { registerSystemRoutes, metricsAccess } from './system.routes.tsx';
export { registerHolidayRoutes, HOLIDAYS_PATH } from './holidays.routes.tsx';
export { systemFileOwners } from './system.files.ts';
export type { SystemDeps } from './system.deps.ts';
