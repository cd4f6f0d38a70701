// The public face of the agencies module: what other modules may use. Everything else in this
// folder is internal (the composition root, src/app.ts, still registers its routes directly).
export { type AgencyView, regionTimeZone, staffWithRole } from './agencies.service.ts';
export { demoAgencies } from './demo-region.ts';
export type { Agencies } from './agencies.service.ts';
export { agencyNames } from './agency-lookup.ts';
