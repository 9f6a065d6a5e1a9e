import path from 'node:path';
import { loadSitedsWsdl, type SitedsWsdl } from '../formats/siteds/soap/load-wsdl.ts';
import { loadMappings, type MappingSet } from '../mapping/load-mappings.ts';

/** What the wire-format gateways read at start: each file checked, a bad one stops start-up. */
export interface GatewayData {
  readonly mappings: MappingSet;
  readonly sitedsWsdl: SitedsWsdl;
}

/**
 * Loads the project's `mappings/` (specs and ConceptMaps; shipped with the code like `profiles/`)
 * and the SITEDS WSDL from the configured `conformance/siteds/`.
 */
export function loadGatewayData(dirs: { readonly conformanceDir: string }): GatewayData {
  return {
    mappings: loadMappings(),
    sitedsWsdl: loadSitedsWsdl(path.join(dirs.conformanceDir, 'siteds', 'ServicePasarela.wsdl')),
  };
}
