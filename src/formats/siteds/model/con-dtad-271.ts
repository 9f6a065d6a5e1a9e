import type { SitedsHeader } from './header.ts';
import type { Parties271, PersonName } from './parties.ts';

/** The related party of a 271_CON_DTAD (NM1*CA; a person or a company, likely the employer). */
export interface RelatedParty {
  /** tiCaCalificador, NM1*CA-02: 1 person, 2 organization. */
  readonly qualifier?: string;
  /** apPaNoEmCalificador, NM1*CA-03: paternal surname or company name. */
  readonly surnameOrName?: string;
  /** noEmCalificador, NM1*CA-04: given names. */
  readonly givenNames?: string;
  /** apMaCalificador, NM1*CA-12: maternal surname. */
  readonly maternalSurname?: string;
}

/** 271_CON_DTAD: additional data of the insured (CD): address, contact, related party. */
export interface ConDtad271 extends SitedsHeader, Parties271 {
  /** NM1*IL (or NM1*3): the insured. */
  readonly patient?: PersonName;
  /** deDirPaciente1, N3-01: address line 1. */
  readonly addressLine1?: string;
  /** deDirPaciente2, N3-02: address line 2. */
  readonly addressLine2?: string;
  /** N4-05: location qualifier (`W` written by SUSALUD's library). */
  readonly locationQualifier?: string;
  /** coUbigeoPaciente, N4-06: UBIGEO, 6 digits. */
  readonly ubigeo?: string;
  /** noContacto, PER*IC-02: contact name. */
  readonly contactName?: string;
  /** emContacto, PER*IP-04 (PER-03 `EM`): contact e-mail. */
  readonly contactEmail?: string;
  /** nuTeContacto, PER*IP-06 (PER-05 `TE`): contact phone. */
  readonly contactPhone?: string;
  /** NM1*CA: the related party. */
  readonly relatedParty?: RelatedParty;
}
