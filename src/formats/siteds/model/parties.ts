/** The two parties of a 271 answer (HL 20 and HL 21 loops): IAFAS as payer, IPRESS as receiver. */
export interface Parties271 {
  /** caRemitente, NM1*PR-02: IAFAS entity qualifier (1 person, 2 organization). */
  readonly iafasQualifier?: string;
  /** idRemitente, NM1*PR-09 (NM1-08 `PI`): IAFAS code, 5 digits (in a 271 PR is the IAFAS). */
  readonly iafasCode?: string;
  /** caReceptor, NM1*1P-02: IPRESS entity qualifier. */
  readonly ipressQualifier?: string;
  /** nuRucReceptor, NM1*1P-09 (NM1-08 `FI` or `SV`): IPRESS RUC (in a 271 1P is the IPRESS). */
  readonly ipressRuc?: string;
}

/** A person as SITEDS names one in NM1 (the patient, the titular). */
export interface PersonName {
  /** caPaciente, NM1-02: entity qualifier (1 person, 2 organization). */
  readonly qualifier?: string;
  /** apPaternoPaciente, NM1-03: paternal surname. */
  readonly surname?: string;
  /** noPaciente, NM1-04: given names. */
  readonly givenNames?: string;
  /** coAfPaciente, NM1-09 (NM1-08 `MI`): affiliate code (código de afiliado), up to 20 chars. */
  readonly affiliateCode?: string;
  /** apMaternoPaciente, NM1-12: maternal surname. */
  readonly maternalSurname?: string;
}

/** A contratante (employer or policy holder) as NM1*P5 plus its REF*DD. */
export interface Contractor {
  /** tiCaContratante, NM1*P5-02: 1 person, 2 organization. */
  readonly qualifier?: string;
  /** noPaContratante, NM1*P5-03: paternal surname or company name. */
  readonly surnameOrName?: string;
  /** noContratante, NM1*P5-04: given names. */
  readonly givenNames?: string;
  /** noMaContratante, NM1*P5-12: maternal surname. */
  readonly maternalSurname?: string;
  /** tiDoContratante, REF*DD-02: document type (6 = RUC observed). */
  readonly documentType?: string;
  /** idReContratante, REF*DD-04-1: qualifier of the identifier (`XX5` = RUC observed). */
  readonly idQualifier?: string;
  /** coReContratante, REF*DD-04-2: the identifier (RUC). */
  readonly id?: string;
}
