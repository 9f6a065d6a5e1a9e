import type { SitedsHeader } from './header.ts';
import type { Contractor, Parties271, PersonName } from './parties.ts';

/** One insured person matching a by-name query. */
export interface NameMatch {
  /** NM1*IL (or NM1*3): the insured (caPaciente, apPaterno, nombres, coAfPaciente, apMaterno). */
  readonly patient?: PersonName;
  /** coEsPaciente, REF*ACC-02: insured status. */
  readonly patientStatus?: string;
  /** tiDoPaciente, REF*DD-02 (REF-04-1 `4A`): identity document type. */
  readonly documentType?: string;
  /** nuDoPaciente, REF*DD-04-2: identity document number. */
  readonly documentNumber?: string;
  /** nuContratoPaciente, REF*CT-02: contract number. */
  readonly contractNumber?: string;
  /** coProducto, REF*PRT-02: product code. */
  readonly productCode?: string;
  /** coDescripcion, REF*PRT-03: product description. */
  readonly productDescription?: string;
  /** nuSCTR, REF*PRT-04-2 (REF-04-1 `ZZ`): SCTR number. */
  readonly sctrNumber?: string;
  /** coParentesco, REF*ZZ-02: relationship to the titular. */
  readonly relationshipCode?: string;
  /** nuPlan, REF*18-02: plan number. */
  readonly planNumber?: string;
  /** feNacimiento, DMG-02 (DMG-01 `D8`): birth date `YYYYMMDD`. */
  readonly birthDate?: string;
  /** genero, DMG-03: gender code (1 observed). */
  readonly gender?: string;
  /** esMarital, DMG-04: marital status code. */
  readonly maritalStatus?: string;
  /** NM1*P5 and REF*DD (REF-04-1 `XX5`): the contratante. */
  readonly contractor?: Contractor;
}

/** 271_CON_NOM: the insured persons matching a by-name (CN) query. */
export interface ConNom271 extends SitedsHeader, Parties271 {
  readonly matches?: readonly NameMatch[];
}
