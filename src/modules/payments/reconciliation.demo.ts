// Demo data of reconciliation (P-7): the region's treasury account (RKUD) at a bank and a
// saved statement format for it, so /kelola/keuangan/impor-mutasi works on a fresh demo.
// Idempotent (another module may seed the same account).
import type { Executor } from '../../platform/db/database.ts';
import { presetMapping } from './statement-presets.ts';

export async function seedDemoReconciliation(trx: Executor): Promise<void> {
  await trx
    .insertInto('bank_accounts')
    .values({ agency_id: null, bank_code: 'BNI', bank_name: 'Bank Negara Indonesia', account_number: '0123456789', account_name: 'RKUD Pemerintah Daerah (demo)' })
    .onConflict((oc) => oc.columns(['bank_code', 'account_number']).doNothing())
    .execute();
  await trx
    .insertInto('statement_mappings')
    .values({ name: 'BNI RKUD (demo)', bank_code: 'BNI', mapping: JSON.stringify(presetMapping('bni')) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}
