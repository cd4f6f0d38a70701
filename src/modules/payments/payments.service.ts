// Composition of the payments module's billing parts (P-7): bills (issue, hold, billPaid,
// expiry, reissue, cancel, confirmations), receiving accounts, the SMS command BAYAR.
// RECON and REPORTS add their parts beside these.
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { Logger } from '../../platform/log.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import type { EventRecorder } from '../../platform/events/events.ts';
import type { ApplicationHolds } from '../applications/index.ts';
import type { SmsCommand } from '../notifications/index.ts';
import { createBills } from './bills.service.ts';
import type { PaymentEvents } from './payments.events.ts';

export type Payments = ReturnType<typeof createPayments>;

export function createPayments(deps: {
  config: Config;
  database: Database;
  storage: Storage;
  jobs: JobQueue;
  log: Logger;
  /** Only the SMS command registry of notifications (BAYAR). */
  notifications: { registerSmsCommand(command: SmsCommand): void };
  events: EventRecorder<PaymentEvents>;
  /** The applications module's hold/resume (payments never writes applications' tables). */
  applications: ApplicationHolds;
}) {
  const bills = createBills({
    database: deps.database,
    storage: deps.storage,
    jobs: deps.jobs,
    log: deps.log,
    events: deps.events,
    applications: deps.applications,
    dueDays: deps.config.billDueDays,
    baseUrl: deps.config.baseUrl,
  });
  deps.notifications.registerSmsCommand({
    name: 'BAYAR',
    help: 'BAYAR <kode bayar> <no bukti> <tanggal> <jam>: konfirmasi pembayaran tagihan',
    handle: (ctx) => bills.smsConfirm(ctx.trx, ctx.fromE164, ctx.args),
  });
  return {
    bills,
    /** The subscriber of `step.opened` (applications/processing): bills a billing step. */
    onStepOpened: bills.onStepOpened,
    /** The subscriber of `bill.paid` (RECON marked the bill paid): kuitansi, resume. Idempotent. */
    billPaid: bills.billPaid,
    resumeAfterPayment: bills.resumeAfterPayment,
    registerJobs(jobs: JobQueue): void {
      bills.registerJobs(jobs, { expireEverySeconds: deps.config.billExpireEverySeconds });
    },
  };
}
