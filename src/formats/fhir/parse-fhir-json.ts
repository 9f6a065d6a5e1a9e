import type { Resource } from 'fhir/r4.js';
import { brokerError } from '../../errors/broker-error.ts';

/**
 * Parses FHIR JSON bytes into a resource. Not well-formed JSON, or JSON that is not an object
 * with a `resourceType`, is `BRK_REQUEST_MALFORMED`. Profile validation is a later step.
 */
export function parseFhirJson(bytes: Buffer): Resource {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    // Node's message quotes the input near the error: keep only where it is (no payload in logs).
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw brokerError(
      'BRK_REQUEST_MALFORMED',
      at === undefined ? 'not valid JSON' : `not valid JSON at byte ${at}`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw brokerError('BRK_REQUEST_MALFORMED', 'the body must be a JSON object (a FHIR resource)');
  }
  const resourceType = (value as { resourceType?: unknown }).resourceType;
  if (typeof resourceType !== 'string') {
    throw brokerError('BRK_REQUEST_MALFORMED', 'the resource has no resourceType', 'resourceType');
  }
  return value as Resource;
}
