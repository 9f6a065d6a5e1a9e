import type { AddressInfo } from 'node:net';
import type { InsurerEndpoint } from '../registry/participant.ts';
import { buildDemoInsurer } from './demo-insurer.ts';
import { buildHl7DemoInsurer, type Hl7DemoInsurerOptions } from './hl7v2-demo-insurer.ts';
import { buildHl7HttpsDemoInsurer } from './hl7v2-https-demo-insurer.ts';
import { buildSitedsDemoInsurer } from './siteds-demo-insurer.ts';

/** A demo insurer not yet listening; `listen` resolves with the port it bound. */
export interface DemoInsurerServer {
  listen(port: number, host: string): Promise<number>;
  close(): Promise<unknown>;
}

/**
 * The demo insurer for an endpoint of `format` reached over `scheme` (`https:` or `mllps:`):
 * HL7 v2 over MLLP/TLS or HTTPS, SITEDS SOAP, or FHIR. `npm start` and the tests both pick it here.
 */
export function buildDemoInsurerFor(
  format: InsurerEndpoint['format'],
  scheme: string,
  options: Hl7DemoInsurerOptions,
): DemoInsurerServer {
  if (format === 'hl7v2' && scheme === 'mllps:') {
    const server = buildHl7DemoInsurer(options);
    return {
      listen: async (port, host) => (await server.listen(port, host)).port,
      close: () => server.close(),
    };
  }
  const app =
    format === 'siteds'
      ? buildSitedsDemoInsurer(options)
      : format === 'hl7v2'
        ? buildHl7HttpsDemoInsurer(options)
        : buildDemoInsurer(options);
  return {
    async listen(port, host) {
      await app.listen({ host, port });
      return (app.server.address() as AddressInfo).port;
    },
    close: () => app.close(),
  };
}
