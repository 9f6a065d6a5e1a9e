import type { FastifyInstance } from 'fastify';
import { brokerError } from '../errors/broker-error.ts';
import { requireAuditor } from './require-auditor.ts';
import type { MessageLog } from '../log/message-log.ts';

/**
 * `GET /audit/log?limit=N`: the latest entries of the message log (metadata, no payloads), for
 * the `auditor` role only. `siteds log tail` reads it while the broker runs.
 */
export function registerAuditLogRoutes(app: FastifyInstance, log: MessageLog): void {
  app.get('/audit/log', async (request) => {
    requireAuditor(request);
    const raw = (request.query as { limit?: string }).limit ?? '20';
    const limit = Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw brokerError('BRK_REQUEST_INVALID', 'limit must be an integer from 1 to 1000', 'limit');
    }
    return { entries: await log.tail(limit) };
  });
}
