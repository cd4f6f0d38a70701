// The public face of the payments module: what other modules and the composition root may use.
// Everything else in this folder is internal.
export { createPayments, type Payments } from './payments.service.ts';
export { createReconciliation, type Reconciliation } from './reconciliation.service.ts';
export { createDailySummary } from './daily-summary.ts';
export { registerBillRoutes } from './bills.routes.tsx';
export { registerReconciliationRoutes } from './reconciliation.routes.tsx';
export { registerPaymentReportRoutes } from './payments.reports.routes.tsx';
export { paymentFileOwners } from './payments.files.ts';
export { paymentEvents, type PaymentEvents } from './payments.events.ts';
export { QUEUE_PATH as RECONCILIATION_QUEUE_PATH } from './reconciliation.views.tsx';
export { billFacts, billIdsAfter } from './payments.facts.ts';
