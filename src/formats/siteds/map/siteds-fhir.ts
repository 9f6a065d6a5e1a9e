import { FHIR_BASE } from '../../fhir/identifier-systems.ts';

/** FHIR URLs the SITEDS mappings write besides `SYSTEMS` (see mappings/README.md, SITEDS). */
export const SITEDS_FHIR = {
  /** Extension carrying PRV-03 on a CoverageEligibilityRequest (profiles/). */
  queryTypeExtension: `${FHIR_BASE}/StructureDefinition/SitedsQueryTypePe`,
  queryTypeSystem: `${FHIR_BASE}/CodeSystem/SitedsQueryTypeCS`,
  queryTypeToPurpose: `${FHIR_BASE}/ConceptMap/SitedsQueryTypeToPurposeCM`,
  /** RUC (SUNAT), 11 digits: how a 270 names the IPRESS. */
  ruc: `${FHIR_BASE}/NamingSystem/ruc`,
  /** Código de afiliado: the member id an IAFAS gives an insured person (Coverage.identifier). */
  affiliateCode: `${FHIR_BASE}/NamingSystem/siteds-codigo-afiliado`,
} as const;
