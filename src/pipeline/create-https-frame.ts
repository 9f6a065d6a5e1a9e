import Fastify, { type FastifyInstance } from 'fastify';
import type { SecureContextOptions, TlsOptions } from 'node:tls';
import type { DestinationStream } from 'pino';
import type { Config } from '../config/config.ts';
import { loggerOptions } from '../observability/logger-options.ts';
import { newCorrelationId } from '../log/new-correlation-id.ts';

/**
 * What every HTTPS listener of the broker shares (the broker's own and the HTA's): the given
 * TLS options, pino logs (to `logStream` when given), a body limit, request ids the client
 * cannot choose, the `identity`/`exchange` request slots, and bodies kept as raw bytes (parsing
 * is a pipeline step, after logging).
 */
export function createHttpsFrame(
  config: Config,
  https: TlsOptions & SecureContextOptions,
  logStream: DestinationStream | undefined,
): FastifyInstance {
  // Over HTTPS, requests and replies are Node's http classes, so the default typing holds.
  const app = Fastify({
    https,
    logger:
      logStream === undefined
        ? loggerOptions(config)
        : { ...loggerOptions(config), stream: logStream },
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: () => newCorrelationId(),
  }) as unknown as FastifyInstance;
  app.decorateRequest('identity');
  app.decorateRequest('exchange', null);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, body);
  });
  return app;
}
