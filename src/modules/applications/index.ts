// The public face of the applications module: what other modules and the composition root may
// use. Everything else in this folder is internal.
export { createApplications, type Applications } from './applications.service.ts';
export { createProcessing, type Processing } from './processing.service.ts';
export { registerApplicationRoutes } from './applications.routes.tsx';
export { registerProcessingRoutes } from './processing.routes.tsx';
export { applicationFileOwners } from './applications.files.ts';
export { applicationFigures } from './applications.figures.ts';
export { QUEUE_PATH } from './processing.views.tsx';
export { slaCalendar } from './processing.engine.ts';
export { applicationEvents, type ApplicationEvents } from './applications.events.ts';
export { applicationHolds, heldStatusOf, type ApplicationHolds, type HeldStatus } from './payment-hold.ts';
export { applicationRef, type ApplicationRef } from './application-ref.ts';
export { applicationFacts, applicationIdsAfter, type ApplicationFact } from './applications.facts.ts';
export { applicationRetentionRules } from './applications.retention.ts';
export { seedDemoActivity, type DemoActivityResult, type DemoOfficers } from './demo-activity.ts';
