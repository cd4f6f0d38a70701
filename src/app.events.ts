// The domain events of Simpul and who handles them: the one place where cross-module effects
// are wired (composition root, beside app.ts). A module records its own events in the
// transaction of the change (`EventRecorder`); the subscribers below react to them.
//
// - `domainEvents`: every module's catalogue (a new module adds its `…Events` here).
// - `consumers`: for every event, the modules that must handle it and how. `in_transaction`
//   runs inside the producer's transaction, atomic with the change: billing holds the
//   application; notifications only enqueue their own durable job (`notify.application`, the
//   unit that renders, sends and is retried), so notices keep the order of the events.
//   `after_commit` runs once per event in a delivery job of its own, retried on failure
//   (documents issue the permit of an approved application).
// - `subscribers`: one function per declared (event, consumer) pair. `Subscribers<…>` makes a
//   missing one a compile error (and EventBus refuses to start without it).
import type { Executor } from './platform/db/database.ts';
import { formatRupiah } from './platform/format.ts';
import { EventBus, type Consumers, type Subscribers } from './platform/events/events.ts';
import type { JobQueue } from './platform/jobs/queue.ts';
import { applicationEvents, applicationRef } from './modules/applications/index.ts';
import type { Webhooks, WebhookEvent } from './modules/integration/index.ts';
import { documentEvents, enqueueIssue } from './modules/documents/index.ts';
import type { NotifyInput } from './modules/notifications/index.ts';
import { billFacts, paymentEvents, type Payments } from './modules/payments/index.ts';
import type { Executive } from './modules/executive/index.ts';
import { complaintEvents, type Complaints, type SurveyInvitations } from './modules/complaints/index.ts';

export const domainEvents = { ...applicationEvents, ...documentEvents, ...paymentEvents, ...complaintEvents };
export type DomainEvents = typeof domainEvents;

export const consumers = {
  // The integration hub's outgoing webhooks are queued in the transaction (delivered by their own job).
  // The executive summaries mark the application or bill as changed in the transaction of the
  // change (their own table, exec_dirty); their refresh job reads the owners' facts after commit.
  'application.submitted': { notifications: 'in_transaction', webhooks: 'in_transaction', executive: 'in_transaction' },
  'application.resubmitted': { notifications: 'in_transaction', executive: 'in_transaction' },
  'application.claimed': { notifications: 'in_transaction', executive: 'in_transaction' },
  'application.released': { executive: 'in_transaction' },
  'application.withdrawn': { executive: 'in_transaction' },
  'application.sent_back': { notifications: 'in_transaction', executive: 'in_transaction' },
  // The applicant is invited to the satisfaction survey (IKM) once, after the approval committed.
  'application.approved': { documents: 'after_commit', notifications: 'in_transaction', webhooks: 'in_transaction', executive: 'in_transaction', survey: 'after_commit' },
  'application.rejected': { notifications: 'in_transaction', webhooks: 'in_transaction', executive: 'in_transaction' },
  'application.overdue': { notifications: 'in_transaction' },
  // Billing decides inside the transaction that opened the step: the hold is atomic with it.
  'step.opened': { payments: 'in_transaction', executive: 'in_transaction' },
  'document.issued': { webhooks: 'in_transaction' },
  'document.expiring': { notifications: 'in_transaction' },
  'document.expired': { notifications: 'in_transaction' },
  'bill.issued': { notifications: 'in_transaction', executive: 'in_transaction' },
  // The kuitansi number and the resume of the workflow are atomic with the payment.
  'bill.paid': { payments: 'in_transaction', webhooks: 'in_transaction', executive: 'in_transaction' },
  'bill.partially_paid': { executive: 'in_transaction' },
  'bill.cancelled': { executive: 'in_transaction' },
  'bill.expired': { executive: 'in_transaction' },
  // The workflow resumed with the kuitansi: the application changed too.
  'bill.receipt_issued': { notifications: 'in_transaction', executive: 'in_transaction' },
  // The complaints module keeps its figure summary (read by the executive dashboard) in the
  // transaction of each change; agencies' systems hear of complaints routed to them.
  'complaint.received': { complaints: 'in_transaction' },
  'complaint.status_changed': { complaints: 'in_transaction', webhooks: 'in_transaction' },
} as const satisfies Consumers<DomainEvents>;

/** What the subscribers need from the modules (built after the bus, hence a getter). */
export interface EventServices {
  notifications: { notify(trx: Executor, input: NotifyInput): Promise<void> };
  payments: Pick<Payments, 'onStepOpened' | 'billPaid'>;
  jobs: JobQueue;
  webhooks: Pick<Webhooks, 'dispatch'>;
  executive: Pick<Executive, 'markChanged'>;
  survey: Pick<SurveyInvitations, 'inviteForApplication'>;
  complaints: Pick<Complaints, 'applyFigures'>;
}

export function subscribers(get: () => EventServices): Subscribers<DomainEvents, typeof consumers> {
  const notify = (trx: Executor, input: NotifyInput) => get().notifications.notify(trx, input);
  const applicant = (event: NotifyInput['event']) => ({ notifications: (trx: Executor, p: { applicationId: string }) => notify(trx, { event, applicationId: p.applicationId }) });
  // Agency systems subscribed to their own services' applications (no personal data leaves).
  const webhook = (type: WebhookEvent) => async (trx: Executor, p: { applicationId: string }) => {
    const a = await applicationRef(trx, p.applicationId);
    if (a) await get().webhooks.dispatch(trx, a.agencyId, type, { tracking: a.tracking, serviceId: a.serviceId, agencyId: a.agencyId, status: a.status });
  };
  const execApp = { executive: (trx: Executor, p: { applicationId: string }) => get().executive.markChanged(trx, 'application', p.applicationId) };
  const execBill = { executive: (trx: Executor, p: { billId: string }) => get().executive.markChanged(trx, 'bill', p.billId) };
  return {
    'application.submitted': { ...applicant('submitted'), webhooks: webhook('application.submitted'), ...execApp },
    'application.resubmitted': { ...applicant('resubmitted'), ...execApp },
    'application.claimed': { ...applicant('claimed'), ...execApp },
    'application.released': execApp,
    'application.withdrawn': execApp,
    'application.sent_back': { notifications: (trx, p) => notify(trx, { event: 'sent_back', applicationId: p.applicationId, params: { reason: p.reason, fields: p.fields, step: p.step } }), ...execApp },
    'application.approved': {
      documents: (trx, p) => enqueueIssue(trx, get().jobs, p.applicationId),
      notifications: (trx, p) => notify(trx, { event: 'approved', applicationId: p.applicationId, params: { reason: p.note } }),
      webhooks: webhook('application.approved'),
      ...execApp,
      survey: async (trx, p) => void (await get().survey.inviteForApplication(trx, p.applicationId)),
    },
    'application.rejected': {
      notifications: (trx, p) => notify(trx, { event: 'rejected', applicationId: p.applicationId, params: { reason: p.note } }),
      webhooks: webhook('application.rejected'),
      ...execApp,
    },
    'application.overdue': { notifications: (trx, p) => notify(trx, { event: 'overdue', applicationId: p.applicationId, recipientUserIds: p.recipientUserIds, params: { step: p.step, due: p.due } }) },
    'step.opened': { payments: (trx, p) => get().payments.onStepOpened(trx, p), ...execApp },
    'document.expiring': { notifications: (trx, p) => notify(trx, { event: 'document_expiring', applicationId: p.applicationId, params: reminderParams(p) }) },
    'document.expired': { notifications: (trx, p) => notify(trx, { event: 'document_expired', applicationId: p.applicationId, params: reminderParams(p) }) },
    'bill.issued': {
      notifications: (trx, p) => notify(trx, { event: 'billed', applicationId: p.applicationId, params: { payment_code: p.paymentCode, amount: formatRupiah(p.amount), accounts: p.accounts, due: p.due } }),
      // The bill, and the application it holds for payment.
      executive: async (trx, p) => {
        await get().executive.markChanged(trx, 'bill', p.billId);
        await get().executive.markChanged(trx, 'application', p.applicationId);
      },
    },
    'bill.paid': {
      payments: async (trx, p) => void (await get().payments.billPaid(trx, p.billId)),
      ...execBill,
      // The agency's systems learn that a bill of its service was paid (amounts, no payer data).
      webhooks: async (trx, p) => {
        const [b] = await billFacts(trx, [p.billId]);
        if (b) await get().webhooks.dispatch(trx, b.agencyId, 'bill.paid', { billId: b.id, serviceId: b.serviceId, agencyId: b.agencyId, amount: b.amount, paidAmount: b.paidAmount, paidAt: b.paidAt ? new Date(b.paidAt).toISOString() : null });
      },
    },
    'document.issued': {
      webhooks: async (trx, p) => {
        const a = await applicationRef(trx, p.applicationId);
        if (a) await get().webhooks.dispatch(trx, a.agencyId, 'document.issued', { documentId: p.documentId, tracking: a.tracking, serviceId: a.serviceId, agencyId: a.agencyId });
      },
    },
    'bill.partially_paid': execBill,
    'bill.cancelled': execBill,
    'bill.expired': execBill,
    'complaint.received': { complaints: (trx, p) => get().complaints.applyFigures(trx, p.complaintId) },
    'complaint.status_changed': {
      complaints: (trx, p) => get().complaints.applyFigures(trx, p.complaintId),
      // Only the agency the complaint is routed to hears of it: 'complaint.received' when it is
      // routed (or re-routed) there, 'complaint.updated' for each later change. The payload is
      // the event's own (references and states), never the reporter.
      webhooks: async (trx, p) => {
        if (!p.agencyId) return;
        const type: WebhookEvent = p.change === 'verified' || p.change === 'rerouted' ? 'complaint.received' : 'complaint.updated';
        await get().webhooks.dispatch(trx, p.agencyId, type, { complaintId: p.complaintId, number: p.number, agencyId: p.agencyId, status: p.status, change: p.change, kind: p.kind, category: p.category, channel: p.channel, at: p.at });
      },
    },
    'bill.receipt_issued': {
      notifications: (trx, p) => notify(trx, { event: 'payment_received', applicationId: p.applicationId, params: { payment_code: p.paymentCode, amount: formatRupiah(p.amount), receipt_number: p.receiptNumber } }),
      executive: (trx, p) => get().executive.markChanged(trx, 'application', p.applicationId),
    },
  };
}

function reminderParams(p: { document_number: string; document_title: string; valid_until: string; days_left: string; renewal_url: string }): Record<string, string> {
  return { document_number: p.document_number, document_title: p.document_title, valid_until: p.valid_until, days_left: p.days_left, renewal_url: p.renewal_url };
}

export type DomainEventBus = EventBus<DomainEvents, typeof consumers>;

export function createDomainEvents(jobs: JobQueue, get: () => EventServices): DomainEventBus {
  return new EventBus({ catalog: domainEvents, consumers, jobs, subscribers: subscribers(get) });
}
