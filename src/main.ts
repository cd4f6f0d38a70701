#!/usr/bin/env node
// Simpul command line: start | migrate | seed --demo | user create | user reset-password
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError, type Config } from './config.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { buildApp } from './app.ts';
import { createLogger } from './platform/log.ts';
import type { seedDemo } from './seed/demo.ts';

/** The demo data (a large catalogue) is loaded only when a demo is seeded, not by every start. */
const loadDemo = () => import('./seed/demo.ts');
import { runUserCommand } from './cli/user.ts';
import { checkStorage } from './cli/check-storage.ts';
import { runAuditCommand } from './cli/audit.ts';
import { runKeysCommand } from './cli/keys.ts';
import { resealUsers } from './modules/identity/index.ts';
import { resealComplaintContacts } from './modules/complaints/index.ts';
import { runBackupCommand, runRestoreCommand } from './cli/backup.ts';

const usage = `Simpul — e-government platform

Usage:
  simpul start                      run the portal (web + worker per SIMPUL_ROLE), migrating first
  simpul migrate                    apply database migrations
  simpul seed --demo                load the demo region (refused in production)
  simpul user create --role ROLE [--agency SLUG] --email E --name N [--password P]
  simpul user reset-password --email E [--password P]
  simpul audit verify [--checkpoints FILE]   recompute the audit chain, name the first broken entry
  simpul audit seal | status        seal new audit events now / show the chain and its alarm
  simpul executive rebuild          build the leaders' summaries again from every application, bill and complaint
  simpul keys rotate | status       seal NIK/phone/e-mail/address still clear or on an older DATA_KEYS key (batches, no downtime)
  simpul backup [--to DIR] [--encrypt]   back up the database and files (PGlite: with Simpul stopped)
  simpul backup verify FILE         restore FILE into a scratch database and compare checksums
  simpul restore FILE               restore a backup into a new, empty installation

Configuration comes from the environment; see README.md.`;

export async function openFromConfig(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(usage);
    return command ? 0 : 1;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const log = createLogger(config);

  switch (command) {
    case 'start':
      return start(config, log);
    case 'migrate': {
      const database = await openFromConfig(config);
      try {
        const applied = await migrate(database);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } } });
      if (!values.demo) {
        console.error('Only `simpul seed --demo` exists.');
        return 2;
      }
      if (config.isProduction) {
        console.error('Demo data is never loaded in production (NODE_ENV=production).');
        return 2;
      }
      const database = await openFromConfig(config);
      try {
        await migrate(database);
        const built = await buildApp(config, database, { logger: log });
        const { seedDemo, DemoAlreadyLoadedError } = await loadDemo();
        try {
          printDemoLogins(await seedDemo(built.deps));
        } catch (err) {
          if (!(err instanceof DemoAlreadyLoadedError)) throw err;
          console.error('The database already has a region; the demo is loaded only into an empty database.');
          return 2;
        } finally {
          await built.close();
        }
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'user':
      return withApp(config, log, (built) => runUserCommand(built.deps, rest));
    case 'audit':
      return withApp(config, log, (built) => runAuditCommand(built.deps.auditChain, rest));
    case 'executive':
      if (rest[0] !== 'rebuild') {
        console.error(usage);
        return 2;
      }
      return withApp(config, log, async (built) => {
        const r = await built.deps.executive.rebuild();
        console.log(`Rebuilt the executive summaries from ${r.applications} application(s) and ${r.bills} bill(s) in ${(r.ms / 1000).toFixed(1)} s`);
        // The complaint figures are the complaints module's own summary.
        const started = Date.now();
        const c = await built.deps.complaints.rebuildFigures();
        console.log(`Rebuilt the complaint figures from ${c.complaints} complaint(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return 0;
      });
    case 'keys':
      return withApp(config, log, (_built, database) => runKeysCommand(database.db, rest));
    case 'backup':
      return runBackupCommand(config, () => openFromConfig(config), rest);
    case 'restore':
      return runRestoreCommand(config, () => openFromConfig(config), rest);
    default:
      console.error(`Unknown command: ${command}\n\n${usage}`);
      return 2;
  }
}

/** A command that needs the whole app: opens and migrates the database, builds the app, runs, closes both. */
async function withApp(config: Config, log: ReturnType<typeof createLogger>, run: (built: Awaited<ReturnType<typeof buildApp>>, database: Database) => Promise<number>): Promise<number> {
  const database = await openFromConfig(config);
  try {
    await migrate(database);
    const built = await buildApp(config, database, { logger: log });
    try {
      return await run(built, database);
    } finally {
      await built.close();
    }
  } finally {
    await database.close();
  }
}

function printDemoLogins(result: Awaited<ReturnType<typeof seedDemo>>) {
  console.log('\nDemo region loaded: ' + result.regionName);
  console.log(`  Demo administrator: ${result.adminEmail}  password: ${result.password}`);
  console.log(`  Other demo accounts (same password): ${result.otherEmails.slice(0, 6).join(', ')} …`);
  console.log('  Administrators enrol two-step verification (TOTP) at first sign-in unless REQUIRE_ADMIN_MFA=false (development only).\n');
}

async function start(config: Config, log: ReturnType<typeof createLogger>): Promise<number> {
  const started = Date.now();
  await checkStorage(config, log);
  const database = await openFromConfig(config);
  await migrate(database);
  const built = await buildApp(config, database, { logger: log });
  let demoActivity: (() => Promise<unknown>) | undefined;
  if (config.demoSeed && !config.isProduction && (await (await loadDemo()).databaseIsEmpty(database))) {
    const result = await (await loadDemo()).seedDemo(built.deps, { activity: 'later' });
    printDemoLogins(result);
    demoActivity = result.loadActivity;
  }
  if (config.role !== 'web') {
    built.deps.jobs.start();
    // Personal data written before encryption, or sealed with an older key, is re-sealed in
    // the background (short batches; every configured key still opens meanwhile).
    void resealUsers(database.db).then(
      (r) => r.resealed && log.info({ resealed: r.resealed, byKey: r.byKey }, 'personal data re-sealed with the active data key'),
      (err: unknown) => log.error({ error: (err as Error).message }, 'personal data could not be re-sealed'),
    );
    void resealComplaintContacts(database.db).then(
      (r) => r.resealed && log.info({ resealed: r.resealed, byKey: r.byKey }, 'complaint contacts re-sealed with the active data key'),
      (err: unknown) => log.error({ error: (err as Error).message }, 'complaint contacts could not be re-sealed'),
    );
  }
  if (config.role !== 'worker') {
    await built.app.listen({ port: config.port, host: config.host });
  } else {
    await built.app.ready();
  }
  log.info({ engine: database.engine, readyMs: Date.now() - started, url: config.baseUrl, role: config.role }, 'Simpul is ready');
  if (config.role !== 'worker') console.log(`Simpul is running at ${config.baseUrl} (${database.engine})`);
  // The demo's weeks of applications load while the portal already answers (about a minute).
  if (demoActivity) {
    console.log('Loading the demo applications in the background …');
    demoActivity().then(
      (a) => log.info({ activity: a }, 'demo applications loaded'),
      (err: unknown) => log.warn({ err }, 'demo applications not loaded'),
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await built.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return -1; // keep running
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
