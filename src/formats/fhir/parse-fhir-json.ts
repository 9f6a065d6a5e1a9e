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
    throw brokerError('BRK_REQUEST_MALFORMED', (err as Error).message);
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
