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
  'bill.partially_paid': { payload: z.object({ billId: z.guid() }), description: 'Reconciliation added a payment that does not yet cover the bill (paid amount raised)' },
  'bill.cancelled': { payload: z.object({ billId: z.guid() }), description: 'A finance officer cancelled an open bill with a reason' },
  'bill.expired': { payload: z.object({ billId: z.guid() }), description: 'An unpaid bill passed its due date and expired' },
  'bill.receipt_issued': {
    payload: z.object({ billId: z.guid(), applicationId: z.guid(), paymentCode: z.string(), amount: z.number().int(), receiptNumber: z.string() }),
    description: 'A paid bill got its kuitansi number (the payer is told)',
  },
});

export type PaymentEvents = typeof paymentEvents;
