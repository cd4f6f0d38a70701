// The demo's payments (P-7): the region's receiving account, and a billing step in the SOP of
// every demo service with a fixed or tariff fee (none in free services).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { seedDemo } from '../../seed/demo.ts';
import { demoTreasuryAccount } from './demo-payments.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  await seedDemo(t.deps, { files: false });
});
afterAll(async () => t?.close());

describe(`demo payments (${engine})`, () => {
  it('[P-7] the demo seeds the region treasury account and marks billing steps exactly in services with a fee', async () => {
    const acct = await t.database.db.selectFrom('bank_accounts').selectAll().where('account_number', '=', demoTreasuryAccount.account_number).executeTakeFirstOrThrow();
    expect(acct).toMatchObject({ agency_id: null, bank_name: 'Bank NTT', active: true });
    const rows = await t.database.db
      .selectFrom('sops as p')
      .innerJoin('services as s', 's.id', 'p.service_id')
      .select(['p.definition', 's.draft_content'])
      .where('p.status', '=', 'approved')
      .execute();
    let paid = 0;
    for (const r of rows) {
      const def = (typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition) as { steps: { billing?: boolean }[] };
      const content = (typeof r.draft_content === 'string' ? JSON.parse(r.draft_content) : r.draft_content) as { fee?: { kind: string } | null };
      const hasFee = content.fee?.kind === 'fixed' || content.fee?.kind === 'tariff';
      if (hasFee) paid++;
      expect(def.steps.filter((s) => s.billing).length).toBe(hasFee ? 1 : 0);
    }
    expect(paid).toBeGreaterThan(0);
  });
});
