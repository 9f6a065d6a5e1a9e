import { Counter, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one app instance (its own registry: no process-wide state). */
export interface Metrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'status' | 'participant'>;
  readonly latency: Histogram<'route'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'siteds_requests_total',
    help: 'Requests answered, by route, HTTP status and participant code.',
    labelNames: ['route', 'status', 'participant'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'siteds_request_duration_seconds',
    help: 'Time from request received to answer sent, by route.',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return { registry, requests, latency };
}
