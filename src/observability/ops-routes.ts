import type { FastifyInstance } from 'fastify';
import { brokerError } from '../errors/broker-error.ts';
import type { Metrics } from './metrics.ts';

/** `/healthz` (process up), `/readyz` (store answers) and `/metrics` (Prometheus text). */
export function registerOpsRoutes(
  app: FastifyInstance,
  deps: { metrics: Metrics; checkReady: () => Promise<void> },
): void {
  app.get('/healthz', () => Promise.resolve({ status: 'ok' }));
  app.get('/readyz', async () => {
    try {
      await deps.checkReady();
    } catch (err) {
      throw brokerError('BRK_STORE_UNAVAILABLE', `store check failed: ${(err as Error).message}`);
    }
    return { status: 'ready' };
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
}
