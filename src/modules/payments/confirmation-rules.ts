// The one rule for a payer's confirmation of a transfer (P-7), whatever the channel (portal,
// API, SMS `BAYAR`): the stated transfer time may be at most a few minutes in the future
// (clocks differ) and no earlier than the day before the bill was issued (a transfer made
// before there was a bill cannot pay it; the day's margin covers bank dates in another zone).
export const TRANSFER_FUTURE_MARGIN_MS = 10 * 60_000;
export const TRANSFER_BEFORE_BILL_MARGIN_MS = 24 * 3_600_000;

/** Message keys (`bills.messages.ts`) of a refused transfer time. */
export type TransferTimeProblem = 'payments.confirm.date_future' | 'payments.confirm.date_before_bill';

/** Why `transferredAt` cannot be the time of a payment of a bill issued at `issuedAt`; null when it can. */
export function transferTimeProblem(transferredAt: Date, issuedAt: Date, now: Date): TransferTimeProblem | null {
  if (transferredAt.getTime() > now.getTime() + TRANSFER_FUTURE_MARGIN_MS) return 'payments.confirm.date_future';
  if (transferredAt.getTime() < issuedAt.getTime() - TRANSFER_BEFORE_BILL_MARGIN_MS) return 'payments.confirm.date_before_bill';
  return null;
}
