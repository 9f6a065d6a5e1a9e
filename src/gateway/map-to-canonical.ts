import type { Bundle } from 'fhir/r4.js';
import { readEligibilityRequest } from '../formats/fhir/read-eligibility-request.ts';
import type { MessageLog } from '../log/message-log.ts';
import type { MappingIssue } from '../mapping/mapping-issue.ts';
import { senderCode, type Exchange } from '../pipeline/exchange.ts';
import type { Step } from '../pipeline/step.ts';
import { logCanonical } from './log-canonical.ts';
import { failOnMappingErrors, mappingVerdict } from './map-issues.ts';

/** A wire-format request read into the canonical Bundle, with what the mapping reported. */
export type CanonicalMapper = (x: Exchange) => { bundle: Bundle; issues: MappingIssue[] };

/**
 * The step that brings a non-FHIR request into the canonical model: `map` gives the Bundle; its
 * verdict is kept; any error refuses the request (`BRK_MAPPING_FAILED`); the canonical form is
 * logged beside the wire form (`request-canonical`; not without a `log` — a dry replay, which
 * never appends); then the eligibility query is read from it as from a FHIR request.
 */
export function mapToCanonical(
  map: CanonicalMapper,
  log: MessageLog | undefined,
  selfCode: string,
): Step {
  return async (x) => {
    const { bundle, issues } = map(x);
    x.verdicts.mapping = mappingVerdict(issues);
    failOnMappingErrors('BRK_MAPPING_FAILED', issues);
    if (log !== undefined) {
      await logCanonical(log, x, {
        kind: 'request-canonical',
        sender: senderCode(x),
        recipient: selfCode,
        resource: bundle,
      });
    }
    x.resource = bundle;
    x.query = readEligibilityRequest(bundle);
  };
}
