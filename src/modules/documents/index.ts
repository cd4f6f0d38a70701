// The public face of the documents module: what other modules and the composition root may use.
// Everything else in this folder is internal.
export { createDocuments, enqueueIssue, type Documents, type DocumentView } from './documents.service.ts';
export { createReminders, documentPagePath, type Reminders } from './reminders.service.ts';
export { createRenewals, type Renewals } from './renewal.service.ts';
export { registerDocumentRoutes } from './documents.routes.tsx';
export { documentFileOwners } from './documents.files.ts';
export { documentEvents, type DocumentEvents } from './documents.events.ts';
