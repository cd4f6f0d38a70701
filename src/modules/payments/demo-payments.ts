// Demo data of payments (P-7): the region's receiving account (Rekening Kas Umum Daerah at
// Bank NTT), used by every agency without its own account. Billing steps of the demo SOPs
// are marked in workflow/demo-sops.ts for services with a fixed or tariff fee.
import type { Executor } from '../../platform/db/database.ts';

export const demoTreasuryAccount = {
  bank_code: 'BNTT',
  bank_name: 'Bank NTT',
  account_number: '0010123456789',
  account_name: 'RKUD Pemerintah Provinsi Contoh',
} as const;

export async function seedDemoPayments(trx: Executor): Promise<void> {
  await trx
    .insertInto('bank_accounts')
    .values({ agency_id: null, ...demoTreasuryAccount })
    .onConflict((oc) => oc.columns(['bank_code', 'account_number']).doNothing())
    .execute();
}
