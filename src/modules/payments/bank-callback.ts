// Bank callback (P-7): `POST /api/v1/payments/bank-callback`, the bank's notification that a
// virtual-account payment arrived. No session: the body must carry `X-Simpul-Signature:
// sha256=<hex>`, the HMAC-SHA256 of the raw body with BANK_CALLBACK_SECRET (compared in
// constant time, like the inbound SMS webhook); anything else is 401 and never processed.
// Without the secret configured every callback is refused. Idempotent by the bank's reference:
// the credit's fingerprint is sha256 of `callback|<bank code>|<reference>`, so a repeated
// notification answers with the same credit and changes nothing. The credit is matched like a
// statement line (payment code + amount + date window), else it waits in the manual queue.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PaymentsDeps as Deps } from './payments.deps.ts';
import { errors } from '../../platform/http/errors.ts';
import { requireSignedJson } from '../../platform/http/webhook-signature.ts';

export const BANK_CALLBACK_URL = '/api/v1/payments/bank-callback';

export function registerBankCallback(app: FastifyInstance, deps: Deps): void {
  app.register(async (scope) => {
    // Own scope: the raw body is kept for the signature.
    requireSignedJson(scope, () => deps.config.bankCallbackSecret);

    deps.api.route(scope, {
      method: 'POST',
      url: BANK_CALLBACK_URL,
      operationId: 'receiveBankCallback',
      summary: "Bank webhook: a virtual-account payment arrived (matched to the bill like a statement line)",
      description:
        'Signed with `X-Simpul-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw request body with BANK_CALLBACK_SECRET; a missing or wrong signature is 401. Idempotent by `reference` (per bank): sending the same notification again returns the same credit with `duplicate: true` and changes nothing. `amount` is integer Rupiah.',
      tag: 'payments',
      auth: 'public',
      status: 200,
      body: z.object({
        paymentCode: z.string().trim().min(4).max(40).meta({ description: 'Kode bayar of the bill (the virtual-account number)' }),
        amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta({ description: 'Integer Rupiah' }),
        paidAt: z.string().max(40).meta({ format: 'date-time' }),
        reference: z.string().trim().min(1).max(200).meta({ description: "The bank's unique transaction reference" }),
        bankCode: z.string().trim().min(2).max(10),
        accountNumber: z.string().trim().min(1).max(40).meta({ description: 'Receiving account' }),
      }),
      response: z
        .object({
          creditId: z.string().meta({ format: 'uuid' }),
          status: z.enum(['matched', 'manual', 'ignored']),
          billId: z.string().nullable(),
          duplicate: z.boolean(),
        })
        .meta({ id: 'BankCallbackResult' }),
      handler: async ({ body }) => deps.reconciliation.receiveCallback(body),
    });
  });
}
