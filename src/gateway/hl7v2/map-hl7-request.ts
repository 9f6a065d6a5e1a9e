import { mapRqiToFhir } from '../../formats/hl7v2/map/map-rqi-to-fhir.ts';
import type { MessageLog } from '../../log/message-log.ts';
import type { MappingSet } from '../../mapping/load-mappings.ts';
import { senderCode } from '../../pipeline/exchange.ts';
import type { Step } from '../../pipeline/step.ts';
import { mapToCanonical } from '../map-to-canonical.ts';

/**
 * The RQI^I01 → the canonical request Bundle (mappings/hl7v2/), with the RENIPRESS code of the
 * IPRESS its certificate identified when PRD-7 names none (see `mapToCanonical`: errors are an
 * ACK AE `BRK_MAPPING_FAILED`, losses kept in the verdict, the canonical form logged).
 */
export function mapHl7Request(
  mappings: MappingSet,
  log: MessageLog | undefined,
  selfCode: string,
): Step {
  return mapToCanonical(
    (x) => {
      const message = x.hl7?.message;
      if (message === undefined) {
        throw new Error('mapHl7Request runs after readHl7Request');
      }
      return mapRqiToFhir(message, { ipressCode: senderCode(x), mappings });
    },
    log,
    selfCode,
  );
}
