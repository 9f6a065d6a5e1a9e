import path from 'node:path';
import { loadSitedsWsdl, type SitedsWsdl } from '../formats/siteds/soap/load-wsdl.ts';
import { loadMappings, type MappingSet } from '../mapping/load-mappings.ts';
import { loadHl7Profiles } from '../formats/hl7v2/profile/load-hl7-profiles.ts';
import type { Hl7Profiles } from '../formats/hl7v2/profile/profile-types.ts';

/** What the wire-format gateways read at start: each file checked, a bad one stops start-up. */
export interface GatewayData {
  readonly mappings: MappingSet;
  readonly sitedsWsdl: SitedsWsdl;
  /** HL7 v2.5.1 message profiles (profiles/hl7v2/), cross-checked. */
  readonly hl7Profiles: Hl7Profiles;
}

/**
 * Loads the project's `mappings/` (specs and ConceptMaps) and HL7 v2 message profiles
 * (`profiles/hl7v2/`), shipped with the code like `profiles/`, and the SITEDS WSDL from the
 * configured `conformance/siteds/`.
 */
export function loadGatewayData(dirs: { readonly conformanceDir: string }): GatewayData {
  return {
    mappings: loadMappings(),
    sitedsWsdl: loadSitedsWsdl(path.join(dirs.conformanceDir, 'siteds', 'ServicePasarela.wsdl')),
    hl7Profiles: loadHl7Profiles(),
  };
}
