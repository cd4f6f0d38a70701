// `npx tsx bench/page-cpu.ts`: CPU time per public page view in process (Fastify inject, no
// network), Simpul with the public page cache (A) against the same code without it (B), on
// one PostgreSQL database with the demo data, A B A B (BENCH_CPU_ROUNDS 4 × BENCH_CPU_VIEWS
// 200 views a route). CPU time of this process (user + system) is less sensitive to the
// machine's load than requests/s; the database server's own CPU is not included.
import crypto from 'node:crypto';
import { adminQuery, pgAdminUrl, postgresReachable, table } from './lib.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createLogger } from '../src/platform/log.ts';
import { seedDemo } from '../src/seed/demo.ts';

const rounds = Number(process.env.BENCH_CPU_ROUNDS ?? 4);
const views = Number(process.env.BENCH_CPU_VIEWS ?? 200);

async function main() {
  if (!(await postgresReachable())) return console.log('page-cpu: PostgreSQL not reachable; skipped.');
  const name = `simpul_cpu_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const u = new URL(pgAdminUrl);
  u.pathname = `/${name}`;
  const env = { NODE_ENV: 'development', DATABASE_URL: u.toString(), LOG_LEVEL: 'silent', DEMO_SEED: 'false' };
  const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 10 });
  try {
    await migrate(database);
    const cfgA = loadConfig({ ...env, PUBLIC_CACHE_SECONDS: '60' });
    const cfgB = loadConfig({ ...env, PUBLIC_CACHE_SECONDS: '0' });
    const a = await buildApp(cfgA, database, { logger: createLogger(cfgA) });
    const b = await buildApp(cfgB, database, { logger: createLogger(cfgB) });
    await a.app.ready();
    await b.app.ready();
    await seedDemo(a.deps);
    const services = JSON.parse((await a.app.inject({ url: '/api/v1/services' })).body) as { items: { slug: string }[] };
    const routes = ['/', '/layanan', `/layanan/${services.items[0]?.slug}`, '/api/v1/services', '/lacak'];
    const cpu: Record<string, { a: number[]; b: number[] }> = {};
    const headers = { accept: 'text/html', 'accept-encoding': 'gzip, br' };
    for (const route of routes) {
      cpu[route] = { a: [], b: [] };
      for (const app of [a.app, b.app]) for (let i = 0; i < 20; i++) await app.inject({ url: route, headers }); // warm-up
      for (let r = 0; r < rounds; r++) {
        for (const [kind, app] of (r % 2 === 0 ? [['a', a.app], ['b', b.app]] : [['b', b.app], ['a', a.app]]) as ['a' | 'b', typeof a.app][]) {
          const t0 = process.cpuUsage();
          for (let i = 0; i < views; i++) await app.inject({ url: route, headers });
          const d = process.cpuUsage(t0);
          cpu[route]![kind].push((d.user + d.system) / views);
        }
      }
    }
    await a.close();
    await b.close();
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    console.log(`CPU µs per view in process (${rounds} rounds × ${views} views, A B / B A)`);
    table(
      ['route', 'A cached µs', 'B uncached µs', 'B / A'],
      routes.map((r) => [r, mean(cpu[r]!.a).toFixed(0), mean(cpu[r]!.b).toFixed(0), `${(mean(cpu[r]!.b) / mean(cpu[r]!.a)).toFixed(1)}×`]),
    );
  } finally {
    await database.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
