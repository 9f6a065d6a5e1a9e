import type { SitedsHeader } from './header.ts';
import type { Contractor, Parties271, PersonName } from './parties.ts';

/** One coverage line of a 271_CON_COD (the EB loop; repeats). */
export interface CoverageLine {
  /** infBeneficio, EB-01 (first EB of the line, EB-13-1 `ZZ`): benefit information code. */
  readonly benefitInfo?: string;
  /** nuCobertura, EB-05: coverage number. */
  readonly coverageNumber?: string;
  /** beMaxInicial, EB-07: initial maximum benefit. */
  readonly initialMaxBenefit?: string;
  /** moCobertura, EB-08: coverage amount or percentage. */
  readonly coverageAmount?: string;
  /** coInRestriccion, EB-09: restriction code. */
  readonly restrictionCode?: string;
  /** canServicio, EB-10: service quantity. */
  readonly serviceQuantity?: string;
  /** idProducto, EB-13-2: product id. */
  readonly productId?: string;
  /** coTiCobertura, REF*D7-02: coverage type (4, 9 observed). */
  readonly coverageTypeCode?: string;
  /** coSubTiCobertura, REF*D7-04-2 (REF-04-1 `ZZ`): coverage sub-type. */
  readonly coverageSubtypeCode?: string;
  /** msgObs, MSG-01 (first MSG): observations. */
  readonly observations?: string;
  /** msgConEspeciales, MSG-01 (second MSG): special conditions. */
  readonly specialConditions?: string;
  /** coTiMoneda, EB*C-05: currency type of the fixed copay (1 observed). */
  readonly currencyCode?: string;
  /** coPagoFijo, EB*C-07: fixed copay amount. */
  readonly fixedCopay?: string;
  /** coCalServicio, EB*C-09: service qualifier code. */
  readonly serviceQualifierCode?: string;
  /** canCalServicio, EB*C-10: service qualifier quantity. */
  readonly serviceQualifierQuantity?: string;
  /** coPagoVariable, EB*1-08: variable copay (fraction, 0.50 observed). */
  readonly variableCopay?: string;
  /** flagCaGarantia, EB-01 (third EB): guarantee-letter flag. */
  readonly guaranteeLetterFlag?: string;
  /** deflagCaGarantia, EB-05 (third EB): guarantee-letter description. */
  readonly guaranteeLetterDescription?: string;
  /** feFinCarencia, DTP*327-03: end of the carencia (qualifying) period. */
  readonly qualifyingPeriodEndDate?: string;
  /** feFinEspera, DTP*338-03: end of the waiting (espera) period. */
  readonly waitingPeriodEndDate?: string;
}

/** The titular (main insured) of a 271_CON_COD: NM1*C9, REF*DD, DTP*382. */
export interface Titular extends PersonName {
  /** tiDoTitular, REF*DD-02 (REF-04-1 `4A`): document type. */
  readonly documentType?: string;
  /** nuDoTitular, REF*DD-04-2: document number. */
  readonly documentNumber?: string;
  /** feInsTitular, DTP*382-03: titular enrolment date. */
  readonly enrolmentDate?: string;
}

/** 271_CON_COD: full coverage of one insured person, asked by code (CC). */
export interface ConCod271 extends SitedsHeader, Parties271 {
  /** userRemitente, REF*OL-02 (in the PR loop): IAFAS user. */
  readonly iafasUser?: string;
  /** passRemitente, REF*OL-04-2 (REF-04-1 `Y8`): IAFAS credential; never log it. */
  readonly iafasPassword?: string;
  /** feUpFoto, DTP*163-03: photo update date. */
  readonly photoUpdateDate?: string;
  /** NM1*3 (271 patient): caPaciente, apPaterno, nombres, coAfPaciente, apMaterno. */
  readonly patient?: PersonName;
  /** coEsPaciente, REF*ACC-02: insured status. */
  readonly patientStatus?: string;
  /** tiDoPaciente, REF*DD-02 (REF-04-1 `4A`): identity document type. */
  readonly documentType?: string;
  /** nuDoPaciente, REF*DD-04-2: identity document number. */
  readonly documentNumber?: string;
  /** nuIdenPaciente, REF*EI-02: identification number. */
  readonly identificationNumber?: string;
  /** nuContratoPaciente, REF*CT-02: contract number. */
  readonly contractNumber?: string;
  /** nuPoliza, REF*CT-04-2 (REF-04-1 `AZ`): policy number. */
  readonly policyNumber?: string;
  /** nuCertificado, REF*CT-04-4 (REF-04-3 `ID`): certificate number. */
  readonly certificateNumber?: string;
  /** coTiPoliza, REF*CT-04-6 (REF-04-5 `TY`): policy type. */
  readonly policyType?: string;
  /** coProducto, REF*PRT-02: product code. */
  readonly productCode?: string;
  /** deProducto, REF*PRT-03: product description. */
  readonly productDescription?: string;
  /** nuPlan, REF*18-02: plan number. */
  readonly planNumber?: string;
  /** tiPlanSalud, REF*18-04-2 (REF-04-1 `IMP`): health plan type (03 observed). */
  readonly healthPlanType?: string;
  /** coMoneda, REF*18-04-4 (REF-04-3 `ZZ`): currency (1 observed). */
  readonly currencyCode?: string;
  /** coParentesco, REF*ZZ-02 (first REF*ZZ): relationship to the titular. */
  readonly relationshipCode?: string;
  /** soBeneficio, REF*ZZ-02 (REF-04-1 `3B`): benefit override (sobre beneficio). */
  readonly benefitOverride?: string;
  /** nuSoBeneficio, REF*ZZ-04-2: benefit override number. */
  readonly benefitOverrideNumber?: string;
  /** feNacimiento, DMG-02: birth date. */
  readonly birthDate?: string;
  /** genero, DMG-03: gender code. */
  readonly gender?: string;
  /** esMarital, DMG-04: marital status code. */
  readonly maritalStatus?: string;
  /** feIniVigencia, DTP*356-03: coverage start date. */
  readonly coverageStartDate?: string;
  /** feFinVigencia, DTP*357-03: coverage end date (99991231 = open-ended). */
  readonly coverageEndDate?: string;
  /** NM1*P5 and REF*DD (REF-04-1 `XX5`): the contratante. */
  readonly contractor?: Contractor;
  /** NM1*C9, REF*DD, DTP*382: the titular. */
  readonly titular?: Titular;
  /** The EB loop: one entry per coverage line. */
  readonly coverages?: readonly CoverageLine[];
}
