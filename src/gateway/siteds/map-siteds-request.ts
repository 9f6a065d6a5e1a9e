import { mapConAseToFhir } from '../../formats/siteds/map/map-con-ase-to-fhir.ts';
import type { MessageLog } from '../../log/message-log.ts';
import type { MappingSet } from '../../mapping/load-mappings.ts';
import { senderCode } from '../../pipeline/exchange.ts';
import type { Step } from '../../pipeline/step.ts';
import { mapToCanonical } from '../map-to-canonical.ts';

/**
 * The 270 → the canonical request Bundle (mappings/siteds/), with the RENIPRESS code of the
 * IPRESS its certificate identified (see `mapToCanonical`: errors are `BRK_MAPPING_FAILED`,
 * coError 0020, losses kept in the verdict, the canonical form logged).
 */
export function mapSitedsRequest(
  mappings: MappingSet,
  log: MessageLog | undefined,
  selfCode: string,
): Step {
  return mapToCanonical(
    (x) => {
      const model = x.siteds?.model;
      if (model === undefined) {
        throw new Error('mapSitedsRequest runs after readSitedsRequest');
      }
      return mapConAseToFhir(model, { ipressCode: senderCode(x), mappings });
    },
    log,
    selfCode,
  );
}
