import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Deps } from '../services/deps.ts';

export interface ObservabilityOptions {
  deps: Deps;
  /** Waiting jobs per queue, for the queue-depth gauge; absent when this process has no job client. */
  queueDepths?: () => Promise<Record<string, number>>;
}

/**
 * `/health` (database reachable or 503) and `/metrics` (Prometheus text). Installed on the root
 * instance itself (not as an encapsulated plugin) so its hook sees every request.
 */
export function installObservability(app: FastifyInstance, { deps, queueDepths }: ObservabilityOptions): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'paymux_' });
  const requests = new Counter({
    name: 'paymux_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'paymux_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'paymux_job_queue_depth',
    help: 'Jobs waiting (queued, not yet active) per queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (!queueDepths) return;
      try {
        for (const [queue, depth] of Object.entries(await queueDepths())) this.set({ queue }, depth);
      } catch {
        // the database may be down; /health says so, metrics still answer
      }
    },
  });

  // Unmatched URLs share one label so random paths cannot blow up the series count.
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/health', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await deps.store.ping(2000);
      return { status: 'ok', database: deps.store.kind };
    } catch (error) {
      return reply.code(503).send({ status: 'unavailable', database: deps.store.kind, message: (error as Error).message });
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}
