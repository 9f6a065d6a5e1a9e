import type { SitedsHeader } from './header.ts';
import type { Parties271, PersonName } from './parties.ts';

/** One SCTR (work-risk insurance) record (NM1*C9 loop; repeats). */
export interface SctrRecord {
  /** tiCaContratante, NM1*C9-02 (first NM1*C9): contratante qualifier. */
  readonly contractorQualifier?: string;
  /** noEmApPaContratante, NM1*C9-03: contratante name. */
  readonly contractorName?: string;
  /** coEmContratante, REF*EI-02 (first REF*EI): contratante code. */
  readonly contractorCode?: string;
  /** idCaReContratante, REF*DD-04-1 (REF-02 `6`): contratante identifier qualifier. */
  readonly contractorIdQualifier?: string;
  /** reIdContratante, REF*DD-04-2: contratante identifier (RUC). */
  readonly contractorId?: string;
  /** tiCaLuAtencion, NM1*C9-02 (second NM1*C9): place of care qualifier. */
  readonly placeOfCareQualifier?: string;
  /** noEmLuAtencion, NM1*C9-03: place of care name. */
  readonly placeOfCareName?: string;
  /** coEmReLuAtencion, REF*EI-02 (second REF*EI): place of care code. */
  readonly placeOfCareCode?: string;
  /** idCaReLuAtencion, REF*DD-04-1 (second REF*DD*6): place of care identifier qualifier. */
  readonly placeOfCareIdQualifier?: string;
  /** reIdLuAtencion, REF*DD-04-2: place of care identifier. */
  readonly placeOfCareId?: string;
  /** coLuAtencion, REF*BB-02: place of care (RENIPRESS) code. */
  readonly placeOfCareRenipress?: string;
  /** deTiAccidente, REF*3H-02: accident type. */
  readonly accidentType?: string;
  /** feAfiliacion, DTP*382-03 (first DTP*382): affiliation date. */
  readonly affiliationDate?: string;
  /** feOcAccidente, DTP*382-03 (second DTP*382): accident date. */
  readonly accidentDate?: string;
}

/** 271_RES_SCTR: SCTR coverage of the insured (RS). */
export interface ResSctr271 extends SitedsHeader, Parties271 {
  /** NM1*IL (or NM1*3): the insured. */
  readonly patient?: PersonName;
  /** coTiDoPaciente, REF*DD-02: identity document type. */
  readonly documentType?: string;
  /** nuDocPaciente, REF*DD-04-2 (REF-04-1 `4A`; also written to REF-03): document number. */
  readonly documentNumber?: string;
  readonly records?: readonly SctrRecord[];
}
