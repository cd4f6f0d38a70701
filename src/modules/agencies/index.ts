// The public face of the agencies module: what other modules may use. Everything else in this
// folder is internal (the composition root, src/app.ts, still registers its routes directly).
export { type AgencyView, regionTimeZone, staffWithRole } from './agencies.service.ts';
export { demoAgencies } from './demo-region.ts';
export type { Agencies } from './agencies.service.ts';
export { activeAgencies, type AgencyLetterhead, agencyLetterhead, agencyNames, agencySlugs, agencyStatus, knownAgencyIds, regionBasics, withAgencyNames } from './agency-lookup.ts';
