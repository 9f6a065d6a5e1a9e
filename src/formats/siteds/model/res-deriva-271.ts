import type { SitedsHeader } from './header.ts';
import type { Parties271, PersonName } from './parties.ts';

/** One referral (derivación) of the insured (NM1*IL loop; repeats). */
export interface Referral {
  /** NM1*IL (or NM1*3): the insured. */
  readonly patient?: PersonName;
  /** coTiDoPaciente, REF*DD-02 (REF-04-1 `4A`): identity document type. */
  readonly documentType?: string;
  /** nuDoPaciente, REF*DD-04-2: identity document number. */
  readonly documentNumber?: string;
  /** coParentesco, REF*ZZ-02: relationship to the titular. */
  readonly relationshipCode?: string;
  /** tiDoTrabajoAfiliado, REF*DD-02 (REF-04-1 `XX5`): employer document type. */
  readonly employerDocumentType?: string;
  /** nuDoTrabajoAfiliado, REF*DD-04-2: employer document number (RUC). */
  readonly employerDocumentNumber?: string;
  /** nuAtencion, REF*BB-02: attention (care episode) number. */
  readonly attentionNumber?: string;
  /** teMsgLibre1, REF*BB-03: free text. */
  readonly message?: string;
  /** coTiProducto, REF*PRT-02: product type. */
  readonly productCode?: string;
  /** deProducto, REF*PRT-03: product description. */
  readonly productDescription?: string;
  /** coTiCobertura, REF*D7-02: coverage type. */
  readonly coverageTypeCode?: string;
  /** coSubTiCobertura, REF*D7-04-2 (REF-04-1 `ZZ`): coverage sub-type. */
  readonly coverageSubtypeCode?: string;
  /** feAtSalud, DTP*382-03: care date. */
  readonly careDate?: string;
  /** noLuAtencion, NM1*C9-03 (NM1-02 `2`): place of care name. */
  readonly placeOfCareName?: string;
  /** coLuAtencion, REF*EI-02: place of care code (RENIPRESS). */
  readonly placeOfCareCode?: string;
  /** tiDoContratante, REF*DD-02 (after NM1*C9): contratante document type. */
  readonly contractorDocumentType?: string;
  /** idCaReferencia, REF*DD-04-1: contratante identifier qualifier. */
  readonly contractorIdQualifier?: string;
  /** reIdContratante, REF*DD-04-2: contratante identifier. */
  readonly contractorId?: string;
}

/** 271_RES_DERIVA: referrals of the insured (RD). */
export interface ResDeriva271 extends SitedsHeader, Parties271 {
  readonly referrals?: readonly Referral[];
}
