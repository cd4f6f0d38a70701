// Prometheus metrics. Each app instance has its own registry (tests build many apps).
// Request durations are labelled by route pattern (never by the raw URL, which would carry
// ids and grow without bound); unknown paths share the label 'unmatched'.
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';

export interface Metrics {
  registry: client.Registry;
  jobsProcessed: client.Counter<'name' | 'outcome'>;
  /** Jobs not yet done, by name and status (set just before each scrape). */
  jobs: client.Gauge<'name' | 'status'>;
  /** Age of the oldest job that is due and waiting; 0 when none waits. */
  jobsOldestDue: client.Gauge;
  /** 1 when the last scrape could read the database, else 0. */
  databaseUp: client.Gauge;
  instrument(app: FastifyInstance): void;
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
  return {
    registry,
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
