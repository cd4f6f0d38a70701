// Integration hub (bench part of `npm run bench`; alone: `npx tsx bench/integration.ts`):
// throughput of a client call through the hub (token, sealing check, rate limit, grant, the
// handler and the exchange-log entry) on an in-memory PGlite, and what the exchange log costs.
// "log off" is the same sequence of calls with the log entry's cost taken out: the entry is
// written N times alone and its mean subtracted (the log cannot be switched off: fail closed).
// Budget: the log costs less than 20 % of a call. BENCH_INTEGRATION_CALLS (default 1000).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { table } from './lib.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createLogger } from '../src/platform/log.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import type { TestApp } from '../test/harness.ts';
import { makeAgency, makeStaff } from '../test/factories.ts';

const CALLS = Number(process.env.BENCH_INTEGRATION_CALLS ?? 1000);
const progress = (s: string) => process.stderr.write(`  integration: ${s}\n`);

export async function benchIntegration(): Promise<void> {
  console.log(`\nIntegration hub: ${CALLS} client calls (GET /api/v1/hub/services), in-memory PGlite, sequential`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-hub-'));
  const database = await openDatabase({ pgliteDir: 'memory://' });
  try {
    await migrate(database);
    const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', REQUIRE_ADMIN_MFA: 'false', DEMO_SEED: 'false', DATA_DIR: dataDir });
    const built = await buildApp(config, database, { logger: createLogger(config) });
    const t: TestApp = { ...built, database, config, runJobs: () => built.deps.jobs.runDue(), close: async () => built.close() };
    const agency = await makeAgency(t);
    const admin = await makeStaff(t, 'super_admin', null);
    const actor: Actor = { userId: admin.userId, kind: 'staff', name: admin.name, locale: 'id', grants: [{ role: 'super_admin', agencyId: null }], mfaPassed: true, mfaEnrolled: true, sessionId: null, via: 'session' };
    const who = { actor };
    const hub = built.deps.integration;
    const { client, clientSecret } = await hub.registerClient(who, { agencyId: agency.id, name: 'bench', kind: 'live', ratePerMinute: 100_000 });
    await hub.approveClient(who, client.id);
    await hub.grant(who, { clientId: client.id, ownerAgencyId: agency.id, scope: 'catalog.services:read', expiresAt: new Date(Date.now() + 3_600_000) });
    const { accessToken } = await hub.issueToken(client.id, clientSecret);
    const call = () => built.app.inject({ method: 'GET', url: '/api/v1/hub/services', headers: { authorization: `Bearer ${accessToken}` } });
    for (let i = 0; i < 50; i++) await call();

    progress('calls through the hub …');
    let t0 = performance.now();
    for (let i = 0; i < CALLS; i++) {
      const r = await call();
      if (r.statusCode !== 200) throw new Error(`hub call answered ${r.statusCode}`);
    }
    const withLog = (performance.now() - t0) / CALLS;

    progress('exchange-log entries alone …');
    const meta = { ip: '127.0.0.1', requestId: 'bench', userAgent: null };
    const entry = { client: { ...client, status: 'active' as const }, grantId: null, operation: 'hubListServices', status: 200, requestHash: '0'.repeat(64), responseHash: '0'.repeat(64), durationMs: 1, bytes: 10 };
    t0 = performance.now();
    for (let i = 0; i < CALLS; i++) await hub.recordExchange(meta, entry);
    const logOnly = (performance.now() - t0) / CALLS;

    progress('sealing …');
    t0 = performance.now();
    const sealed = await built.deps.auditChain.seal();
    const sealMs = performance.now() - t0;

    const withoutLog = Math.max(0.001, withLog - logOnly);
    const overhead = (logOnly / withoutLog) * 100;
    table(
      ['measure', 'value'],
      [
        ['calls/s, exchange log on', (1000 / withLog).toFixed(0)],
        ['calls/s, exchange log off (estimated)', (1000 / withoutLog).toFixed(0)],
        ['mean ms per call, log on', withLog.toFixed(2)],
        ['mean ms per log entry', logOnly.toFixed(2)],
        ['log cost', `${overhead.toFixed(1)} % (${overhead < 20 ? 'within' : 'OVER'} the 20 % budget)`],
        [`sealing ${sealed} entries`, `${sealMs.toFixed(0)} ms`],
      ],
    );
    await built.close();
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchIntegration().then(
    () => process.exit(0),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
