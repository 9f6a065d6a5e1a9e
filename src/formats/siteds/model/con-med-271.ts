import type { SitedsHeader } from './header.ts';
import type { Parties271, PersonName } from './parties.ts';

/** One medical condition (EB*W loop; repeats). */
export interface MedicalCondition {
  /** coSeCIE10, EB*W-03: ICD-10 (CIE-10) code. */
  readonly diagnosisCode?: string;
  /** coRestriccion, EB*W-13-2 (EB-13-1 `ZZ`): restriction (pre-existence, waiting). */
  readonly restrictionCode?: string;
  /** dePreexistencia, REF*82-03: restriction description. */
  readonly restrictionDescription?: string;
  /** msgObsPr, MSG-01: observation. */
  readonly observation?: string;
  /** idFuenteRE, MSG-03 (MSG-02 `LC`): source of the observation. */
  readonly observationSource?: string;
  /** esCobertura, EB-01 (second EB): coverage state. */
  readonly coverageStatus?: string;
  /** moDiagnostico, EB-08 (second EB): amount for the condition. */
  readonly amount?: string;
  /** tiEspera, DTP*150-03: end of waiting for the condition `YYYYMMDD`. */
  readonly waitingEndDate?: string;
}

/** 271_CON_MED: medical conditions on the insured's coverage (CM). */
export interface ConMed271 extends SitedsHeader, Parties271 {
  /** NM1*IL (or NM1*3): the insured (coPaciente in NM1-09). */
  readonly patient?: PersonName;
  readonly conditions?: readonly MedicalCondition[];
}
