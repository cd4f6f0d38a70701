// Composition of the payments module's billing parts (P-7): bills (issue, hold, billPaid,
// expiry, reissue, cancel, confirmations), receiving accounts, the SMS command BAYAR.
// RECON and REPORTS add their parts beside these.
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { Logger } from '../../platform/log.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import type { Notifications } from '../notifications/notifications.service.ts';
import { createBills } from './bills.service.ts';

export type Payments = ReturnType<typeof createPayments>;

export function createPayments(deps: { config: Config; database: Database; storage: Storage; jobs: JobQueue; log: Logger; notifications: Notifications }) {
  const bills = createBills({
    database: deps.database,
    storage: deps.storage,
    jobs: deps.jobs,
    log: deps.log,
    notify: (trx, input) => deps.notifications.notify(trx, input),
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
    /** The billing hook of the step engine (applications/processing). */
    onStepOpened: bills.onStepOpened,
    /** RECON's contract: called after it marked the bill paid. Idempotent. */
    billPaid: bills.billPaid,
    resumeAfterPayment: bills.resumeAfterPayment,
    registerJobs(jobs: JobQueue): void {
      bills.registerJobs(jobs, { expireEverySeconds: deps.config.billExpireEverySeconds });
    },
  };
}
