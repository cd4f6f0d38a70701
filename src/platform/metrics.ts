// Prometheus metrics. Each app instance has its own registry (tests build many apps).
// Request durations are labelled by route pattern (never by the raw URL, which would carry
// ids and grow without bound); unknown paths share the label 'unmatched'.
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { Database, PoolStats } from './db/database.ts';

export interface Metrics {
  registry: client.Registry;
  jobsProcessed: client.Counter<'name' | 'outcome'>;
  /** Jobs not yet done, by name and status (set just before each scrape). */
  jobs: client.Gauge<'name' | 'status'>;
  /** Age of the oldest job that is due and waiting; 0 when none waits. */
  jobsOldestDue: client.Gauge;
  /** 1 when the last scrape could read the database, else 0. */
  databaseUp: client.Gauge;
  /** Connection errors the database pool absorbed (server restart, terminated connections). */
  databasePoolErrors: client.Counter;
  /** After-commit deliveries of domain events, by state (pending, retrying, dead); set before each scrape. */
  eventDeliveries: client.Gauge<'status'>;
  instrument(app: FastifyInstance): void;
  /** Reports the pool's connections (total, idle, waiting) at each scrape; nothing on PGlite. */
  observePool(database: Database): void;
}

export function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'simpul_' });
  const httpDuration = new client.Histogram({
    name: 'simpul_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const jobsProcessed = new client.Counter({
    name: 'simpul_jobs_processed_total',
    help: 'Background jobs processed by name and outcome',
    labelNames: ['name', 'outcome'],
    registers: [registry],
  });
  const jobs = new client.Gauge({
    name: 'simpul_jobs',
    help: 'Jobs in the queue that are not done, by name and status',
    labelNames: ['name', 'status'],
    registers: [registry],
  });
  const jobsOldestDue = new client.Gauge({
    name: 'simpul_jobs_oldest_due_seconds',
    help: 'How long the oldest due job has been waiting to run',
    registers: [registry],
  });
  const databaseUp = new client.Gauge({
    name: 'simpul_database_up',
    help: 'Whether the database answered during the last scrape',
    registers: [registry],
  });
  const databasePoolErrors = new client.Counter({
    name: 'simpul_database_pool_errors_total',
    help: 'Connection errors absorbed by the database pool (restart, failover, terminated connections)',
    registers: [registry],
  });
  const eventDeliveries = new client.Gauge({
    name: 'simpul_event_deliveries',
    help: 'Domain event deliveries to after-commit subscribers not yet done: pending (due or waiting), retrying (failed, will retry), dead',
    labelNames: ['status'],
    registers: [registry],
  });
  return {
    registry,
    databasePoolErrors,
    eventDeliveries,
    observePool(database) {
      if (!database.poolStats) return;
      const stats = database.poolStats.bind(database);
      const gauge = (name: string, help: string, pick: (s: PoolStats) => number) =>
        new client.Gauge({
          name,
          help,
          registers: [registry],
          collect() {
            this.set(pick(stats()));
          },
        });
      gauge('simpul_database_pool_connections', 'Connections open in the database pool', (s) => s.total);
      gauge('simpul_database_pool_idle', 'Idle connections in the database pool', (s) => s.idle);
      gauge('simpul_database_pool_waiting', 'Queries waiting for a database connection', (s) => s.waiting);
    },
    jobsProcessed,
    jobs,
    jobsOldestDue,
    databaseUp,
    instrument(app) {
      app.addHook('onResponse', async (request, reply) => {
        const route = request.routeOptions.url ?? 'unmatched';
        httpDuration.labels(request.method, route, String(reply.statusCode)).observe(reply.elapsedTime / 1000);
      });
    },
  };
}
