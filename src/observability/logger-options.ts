import type { LoggerOptions } from 'pino';
import type { Config } from '../config/config.ts';

/**
 * Pino options for the broker: structured JSON, a request id the client cannot choose, and
 * serializers that carry method, route and participant but never headers or payloads
 * (payloads live only in the message log).
 */
export function loggerOptions(config: Config): LoggerOptions {
  return {
    level: config.logLevel,
    redact: ['req.headers', 'res.headers', 'body', 'payload'],
    serializers: {
      req: (req: { method: string; url: string; routeOptions?: { url?: string | undefined } }) => ({
        method: req.method,
        route: req.routeOptions?.url ?? req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
