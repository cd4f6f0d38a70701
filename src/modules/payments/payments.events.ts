// The domain events of the payments module, recorded in the transaction of the change.
import { z } from 'zod';
import { defineEvents } from '../../platform/events/events.ts';

export const paymentEvents = defineEvents({
  'bill.issued': {
    payload: z.object({
      billId: z.guid(),
      applicationId: z.guid(),
      paymentCode: z.string(),
      amount: z.number().int(),
      /** The due date as the payer reads it (region's time zone, Indonesian). */
      due: z.string(),
      /** The receiving accounts, one line. */
      accounts: z.string(),
    }),
    description: 'A bill was issued for an application (the application is held until paid)',
  },
  'bill.paid': { payload: z.object({ billId: z.guid() }), description: 'Reconciliation marked a bill paid in full (status, paid amount, paid at set)' },
  'bill.receipt_issued': {
    payload: z.object({ billId: z.guid(), applicationId: z.guid(), paymentCode: z.string(), amount: z.number().int(), receiptNumber: z.string() }),
    description: 'A paid bill got its kuitansi number (the payer is told)',
  },
});

export type PaymentEvents = typeof paymentEvents;
