import type { Resource } from 'fhir/r4.js';
import { FHIR_JSON } from '../formats/fhir/identifier-systems.ts';
import { appendOrUnavailable, type MessageLog } from '../log/message-log.ts';
import type { Exchange } from '../pipeline/exchange.ts';

/**
 * Logs the canonical FHIR form of a message that travelled in another wire format, beside its
 * wire form: `request-canonical` (what the broker understood the caller to ask) or
 * `response-canonical` (what it understood the insurer to answer).
 */
export async function logCanonical(
  log: MessageLog,
  x: Exchange,
  entry: {
    readonly kind: 'request-canonical' | 'response-canonical';
    readonly sender: string;
    readonly recipient: string;
    readonly resource: Resource;
  },
): Promise<void> {
  await appendOrUnavailable(log, {
    correlationId: x.correlationId,
    route: x.route,
    kind: entry.kind,
    sender: entry.sender,
    recipient: entry.recipient,
    contentType: FHIR_JSON,
    payload: Buffer.from(JSON.stringify(entry.resource)),
    outcome: 'mapped',
  });
}
