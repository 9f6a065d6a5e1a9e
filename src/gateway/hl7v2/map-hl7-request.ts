import { readEligibilityRequest } from '../../formats/fhir/read-eligibility-request.ts';
import { mapRqiToFhir } from '../../formats/hl7v2/map/map-rqi-to-fhir.ts';
import type { MessageLog } from '../../log/message-log.ts';
import type { MappingSet } from '../../mapping/load-mappings.ts';
import { senderCode } from '../../pipeline/exchange.ts';
import type { Step } from '../../pipeline/step.ts';
import { logCanonical } from '../log-canonical.ts';
import { failOnMappingErrors, mappingVerdict } from '../map-issues.ts';

/**
 * The RQI^I01 → the canonical request Bundle (mappings/hl7v2/), with the RENIPRESS code of the
 * IPRESS its certificate identified when PRD-7 names none. Every value not mapped is reported:
 * errors refuse the request (`BRK_MAPPING_FAILED`, ACK AE), losses are kept in the verdict;
 * the canonical form is logged beside the wire form (`request-canonical`; not in a dry replay,
 * which passes no `log` and never appends).
 */
export function mapHl7Request(
  mappings: MappingSet,
  log: MessageLog | undefined,
  selfCode: string,
): Step {
  return async (x) => {
    const message = x.hl7?.message;
    if (message === undefined) {
      throw new Error('mapHl7Request runs after readHl7Request');
    }
    const { bundle, issues } = mapRqiToFhir(message, { ipressCode: senderCode(x), mappings });
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
