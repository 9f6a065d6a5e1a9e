import { readEligibilityRequest } from '../../formats/fhir/read-eligibility-request.ts';
import { mapConAseToFhir } from '../../formats/siteds/map/map-con-ase-to-fhir.ts';
import type { MessageLog } from '../../log/message-log.ts';
import type { MappingSet } from '../../mapping/load-mappings.ts';
import { senderCode } from '../../pipeline/exchange.ts';
import type { Step } from '../../pipeline/step.ts';
import { logCanonical } from '../log-canonical.ts';
import { failOnMappingErrors, mappingVerdict } from '../map-issues.ts';

/**
 * The 270 → the canonical request Bundle (mappings/siteds/), with the RENIPRESS code of the
 * IPRESS its certificate identified. Every unmapped field is reported: errors refuse the request
 * (`BRK_MAPPING_FAILED`, coError 0020), losses are logged with the canonical form (no `log`: a
 * dry replay, which never appends).
 */
export function mapSitedsRequest(
  mappings: MappingSet,
  log: MessageLog | undefined,
  selfCode: string,
): Step {
  return async (x) => {
    const model = x.siteds?.model;
    if (model === undefined) {
      throw new Error('mapSitedsRequest runs after readSitedsRequest');
    }
    const { bundle, issues } = mapConAseToFhir(model, { ipressCode: senderCode(x), mappings });
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
