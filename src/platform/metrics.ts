// Prometheus metrics. Each app instance has its own registry (tests build many apps).
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';

export interface Metrics {
  registry: client.Registry;
  jobsProcessed: client.Counter<'name' | 'outcome'>;
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
  return {
    registry,
    jobsProcessed,
    instrument(app) {
      app.addHook('onResponse', async (request, reply) => {
        const route = request.routeOptions.url ?? 'unmatched';
        httpDuration.labels(request.method, route, String(reply.statusCode)).observe(reply.elapsedTime / 1000);
      });
    },
  };
}
