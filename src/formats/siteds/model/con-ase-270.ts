import type { SitedsHeader } from './header.ts';
import type { Contractor, PersonName } from './parties.ts';

/** PRV-03 of a 270_CON_ASE: which question the IPRESS asks. */
export const QUERY_TYPES = ['CN', 'CC', 'CD', 'CO', 'CM', 'CP', 'RD', 'RS'] as const;
/**
 * CN by name, CC by code, CD additional data, CO observations, CM medical conditions,
 * CP procedures, RD referrals (derivación), RS SCTR.
 */
export type QueryType = (typeof QUERY_TYPES)[number];

/**
 * 270_CON_ASE: the IPRESS asks an IAFAS about an insured person. SITEDS quirk: NM1*PR carries
 * the IPRESS RUC and NM1*1P the IAFAS code (reversed against X12).
 */
export interface ConAse270 extends SitedsHeader {
  /** caRemitente, NM1*PR-02: IPRESS entity qualifier (1|2). */
  readonly ipressQualifier?: string;
  /** nuRucRemitente, NM1*PR-09 (NM1-08 `PI`): IPRESS RUC, 11 digits. */
  readonly ipressRuc?: string;
  /** txRequest, PRV-03 (PRV-01 `OR`): query sub-type. */
  readonly queryType?: string;
  /** caReceptor, NM1*1P-02: IAFAS entity qualifier (1|2). */
  readonly iafasQualifier?: string;
  /** idReceptor, NM1*1P-09 (NM1-08 `FI`): IAFAS code, 5 digits. */
  readonly iafasCode?: string;
  /** NM1*IL: the patient (caPaciente, apPaterno, nombres, coAfPaciente, apMaterno). */
  readonly patient?: PersonName;
  /** tiDocumento, REF*DD-02: identity document type (1 = DNI observed). */
  readonly documentType?: string;
  /** nuDocumento, REF*4A-02: identity document number. */
  readonly documentNumber?: string;
  /** coProducto, REF*PRT-02 (first REF*PRT): product code. */
  readonly productCode?: string;
  /** deProducto, REF*PRT-03: product description. */
  readonly productDescription?: string;
  /** coInProducto, REF*PRT-04-2 (REF-04-1 `ZZ`): IAFAS internal product code. */
  readonly internalProductCode?: string;
  /** nuCobertura, REF*D7-02 (first REF*D7): coverage number. */
  readonly coverageNumber?: string;
  /** deCobertura, REF*D7-03: coverage description. */
  readonly coverageDescription?: string;
  /** caServicio, REF*D7-04-1: service qualifier. */
  readonly serviceQualifier?: string;
  /** coCalservicio, REF*D7-04-2: service qualifier code. */
  readonly serviceQualifierCode?: string;
  /** beMaxInicial, REF*D7-04-3: initial maximum benefit. */
  readonly initialMaxBenefit?: string;
  /** coTiCobertura, REF*D7-02 (second REF*D7, REF-04-1 `ZZ`): coverage type. */
  readonly coverageTypeCode?: string;
  /** coSuTiCobertura, REF*D7-04-2: coverage sub-type. */
  readonly coverageSubtypeCode?: string;
  /** coAplicativoTx, REF*8X-02: sending application code. */
  readonly applicationCode?: string;
  /** coEspecialidad, REF*S2-02: specialty code. */
  readonly specialtyCode?: string;
  /** coParentesco, REF*ZZ-02: relationship to the titular (1 titular observed). */
  readonly relationshipCode?: string;
  /** nuPlan, REF*18-02: plan number. */
  readonly planNumber?: string;
  /** nuAutOrigen, REF*18-04-2 (REF-04-1 `ZZ`): originating authorization number. */
  readonly originAuthorizationNumber?: string;
  /** tiAccidente, REF*PRT-02 (second REF*PRT): accident type (SCTR). */
  readonly accidentType?: string;
  /** feAccidente, DTP*447-03 (DTP-02 `D8`): accident date `YYYYMMDD`. */
  readonly accidentDate?: string;
  /** NM1*P5 and its REF*DD: the contratante. */
  readonly contractor?: Contractor;
}
