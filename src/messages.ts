// Every message catalogue of the application, in one place. A catalogue is a module's
// `export const xMessages = defineMessages({...})` (usually in a `*.messages.ts` file); listing it
// here (1) registers its texts once at start-up (`registerAllMessages`, called by createApp and
// by the test setup) and (2) adds its keys to `MessageKey`, so `t()` with a key that no catalogue
// defines fails to compile. src/messages.unit.test.ts fails when a catalogue is missing here.
import { registerMessages, type CatalogueKeys } from './platform/views/i18n.ts';
import { agenciesMessages } from './modules/agencies/agencies.messages.ts';
import { applicationsMessages, applicationsApplyMessages } from './modules/applications/applications.messages.ts';
import { applicationsReceiptPageMessages } from './modules/applications/applications.receipt-page.messages.ts';
import { applicationsReceiptMessages } from './modules/applications/applications.receipt.messages.ts';
import { processingMessages } from './modules/applications/processing.messages.ts';
import { processingSigningMessages } from './modules/applications/processing.signing.messages.ts';
import { auditMessages } from './modules/audit/audit.messages.ts';
import { catalogBackofficeMessages } from './modules/catalog/catalog.backoffice.messages.ts';
import { catalogMessages } from './modules/catalog/catalog.messages.ts';
import { catalogPortalMessages } from './modules/catalog/catalog.portal.messages.ts';
import { catalogTemplateMessages } from './modules/catalog/catalog.template.messages.ts';
import { complaintsMessages } from './modules/complaints/complaints.messages.ts';
import { complaintRulePagesMessages } from './modules/complaints/complaints.rules-pages.messages.ts';
import { ikmMessages } from './modules/complaints/ikm.messages.ts';
import { wbsMessages } from './modules/complaints/wbs.messages.ts';
import { open311Messages } from './modules/complaints/open311.messages.ts';
import { participationMessages } from './modules/complaints/participation.messages.ts';
import { contentMessages } from './modules/content/content.messages.ts';
import { documentsMessages } from './modules/documents/documents.messages.ts';
import { remindersMessages } from './modules/documents/reminders.messages.ts';
import { executiveMessages } from './modules/executive/executive.messages.ts';
import { executiveCardsMessages } from './modules/executive/executive.cards.messages.ts';
import { governanceMessages } from './modules/governance/governance.messages.ts';
import { inventoryMessages } from './modules/governance/inventory.messages.ts';
import { planningMessages } from './modules/governance/planning.messages.ts';
import { registersMessages } from './modules/governance/registers.messages.ts';
import { identityConfirmMessages } from './modules/identity/identity.confirm.messages.ts';
import { identityContactMessages } from './modules/identity/identity.contact.messages.ts';
import { identityMessages } from './modules/identity/identity.messages.ts';
import { identityPeopleMessages } from './modules/identity/identity.people.messages.ts';
import { identityRecoveryMessages } from './modules/identity/identity.recovery.messages.ts';
import { identitySsoMessages } from './modules/identity/identity.sso.messages.ts';
import { integrationMessages } from './modules/integration/integration.messages.ts';
import { integrationPageMessages } from './modules/integration/integration.page-messages.ts';
import { adminAlertsMessages } from './modules/notifications/admin-alerts.ts';
import { notificationsMessages } from './modules/notifications/notifications.messages.ts';
import { billsMessages } from './modules/payments/bills.messages.ts';
import { paymentsMessages } from './modules/payments/payments.messages.ts';
import { paymentsReportsMessages } from './modules/payments/payments.reports.messages.ts';
import { reconciliationMessages } from './modules/payments/reconciliation.messages.ts';
import { skrdMessages } from './modules/payments/skrd.messages.ts';
import { backofficeHomeMessages } from './modules/portal/backoffice-home.messages.ts';
import { portalMessages } from './modules/portal/portal.messages.ts';
import { publicInfoMessages } from './modules/portal/public-info.messages.ts';
import { breachMessages } from './modules/privacy/breach.messages.ts';
import { privacyMessages } from './modules/privacy/privacy.messages.ts';
import { holidaysMessages } from './modules/system/holidays.messages.ts';
import { systemMessages } from './modules/system/system.messages.ts';
import { workflowMessages } from './modules/workflow/workflow.messages.ts';
import { availabilityMessages } from './platform/db/availability.messages.ts';
import { failureThrottleMessages } from './platform/http/failure-throttle.messages.ts';
import { textGuardMessages } from './platform/http/text-guard.ts';
import { addressMessages } from './platform/views/components/address.messages.ts';
import { componentsMessages } from './platform/views/components/components.messages.ts';
import { shellMessages } from './platform/views/messages.ts';

/** Every catalogue, one per line (keep sorted by file path). */
export const catalogues = [
  agenciesMessages,
  applicationsMessages,
  applicationsApplyMessages,
  applicationsReceiptPageMessages,
  applicationsReceiptMessages,
  processingMessages,
  processingSigningMessages,
  auditMessages,
  catalogBackofficeMessages,
  catalogMessages,
  catalogPortalMessages,
  catalogTemplateMessages,
  complaintsMessages,
  complaintRulePagesMessages,
  ikmMessages,
  wbsMessages,
  open311Messages,
  participationMessages,
  contentMessages,
  documentsMessages,
  remindersMessages,
  executiveMessages,
  executiveCardsMessages,
  governanceMessages,
  inventoryMessages,
  planningMessages,
  registersMessages,
  identityConfirmMessages,
  identityContactMessages,
  identityMessages,
  identityPeopleMessages,
  identityRecoveryMessages,
  identitySsoMessages,
  integrationMessages,
  integrationPageMessages,
  adminAlertsMessages,
  notificationsMessages,
  billsMessages,
  paymentsMessages,
  paymentsReportsMessages,
  reconciliationMessages,
  skrdMessages,
  backofficeHomeMessages,
  portalMessages,
  publicInfoMessages,
  breachMessages,
  privacyMessages,
  holidaysMessages,
  systemMessages,
  workflowMessages,
  availabilityMessages,
  failureThrottleMessages,
  textGuardMessages,
  addressMessages,
  componentsMessages,
  shellMessages,
] as const;

type AllKeys = CatalogueKeys<(typeof catalogues)[number]>;

declare module './platform/views/i18n.ts' {
  // The union of every catalogue's keys becomes `MessageKey`.
  interface MessageRegistry extends Record<AllKeys, true> {}
}

let registered = false;

/** Loads every catalogue into the run-time catalogue; safe to call more than once. */
export function registerAllMessages(): void {
  if (registered) return;
  registerMessages(catalogues);
  registered = true;
}
