/**
 * Identifier systems the broker reads and writes. Peru has no published NamingSystem URIs for
 * these yet (see `../shared/reference/domain.md` §2), so they live under the project's own base
 * until SUSALUD or MINSA publish official ones; ConceptMaps will translate then.
 */
export const FHIR_BASE = 'https://siteds-broker.github.io/fhir';

export const SYSTEMS = {
  /** DNI (RENIEC): 8 digits. */
  dni: `${FHIR_BASE}/NamingSystem/dni`,
  /** RENIPRESS code of an IPRESS: 8 digits. */
  renipress: `${FHIR_BASE}/NamingSystem/renipress`,
  /** SUSALUD code of an IAFAS: 5 digits. */
  iafas: `${FHIR_BASE}/NamingSystem/iafas`,
  /** SITEDS affiliate code (código de afiliado) given by the IAFAS: the insured's id there. */
  affiliateCode: `${FHIR_BASE}/NamingSystem/siteds-codigo-afiliado`,
} as const;

export const FHIR_JSON = 'application/fhir+json';
