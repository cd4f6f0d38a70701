// Launch-day speed: one submission of a service without a fee runs about ten
// statements (a count, not a time: speed is in `npm run bench`). The app is built on a
// Kysely handle with a plugin that counts every statement executed through it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { buildApp } from '../../app.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testConfig, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeCitizen, makeServiceWithSop } from '../../../test/factories.ts';
import type { Actor } from '../../platform/auth/actor.ts';

class StatementLog implements KyselyPlugin {
  on = false;
  seen: string[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.on) this.seen.push(`${args.node.kind} ${JSON.stringify(args.node).match(/"name":"(\w+)"/)?.[1] ?? ''}`);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

let t: TestApp;
const log = new StatementLog();

beforeAll(async () => {
  const config = testConfig();
  const raw = await openTestDatabase();
  const database = { ...raw, db: raw.db.withPlugin(log) };
  const built = await buildApp(config, database, { logger: createLogger(config) });
  await built.app.ready();
  t = { ...built, database, config, runJobs: () => built.deps.jobs.runDue(), close: async () => { await built.close(); await raw.close(); } };
});
afterAll(() => t?.close());

describe('submission statements', () => {
  it('[P-3] one submission of a service without a fee runs at most 13 statements (was 25)', async () => {
    const agency = await makeAgency(t);
    const svc = await makeServiceWithSop(t, agency);
    const service = (await t.deps.catalog.getPublished(svc.slug))!;
    const submit = async (i: number) => {
      const u = await makeCitizen(t);
      const who: Actor = { userId: u.userId, kind: 'citizen', name: 'Warga', locale: 'id', grants: [], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'token' };
      return { u, run: () => t.deps.applications.save({ service, applicantId: u.userId, values: { nama_usaha: `Warung ${i}`, luas: '24' }, files: {}, submit: true, idempotencyKey: `stmt-${i}`, who: { actor: who } }) };
    };
    // The first submission warms the caches (region, calendar); the second is counted.
    await (await submit(1)).run();
    const second = await submit(2);
    log.seen = [];
    log.on = true;
    const res = await second.run();
    log.on = false;
    if (process.env.PRINT_STATEMENTS) console.log(log.seen.join('\n'));
    expect(res.status).toBe('submitted');
    // Before the transaction: the key or draft, the account (prefill), the SOP, the tracking
    // number (one upsert). In it: one statement for the application, its first step and
    // timeline; the audit row; the two domain events with their subscribers (notification job,
    // webhooks: application and subscriptions, executive marks twice).
    expect(log.seen.length).toBeLessThanOrEqual(13);
  });
});
