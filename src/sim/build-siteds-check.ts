import type { ConAse270, QueryType } from '../formats/siteds/model/con-ase-270.ts';

export interface SitedsCheck {
  /** RENIPRESS code of the asking IPRESS (ISA-06, the sender). */
  readonly ipress: string;
  /** SUSALUD code of the insurer asked. */
  readonly iafas: string;
  readonly dni: string;
  /** PRV-03 sub-type (CC by code unless told). */
  readonly queryType?: QueryType;
  /** The IPRESS's RUC (NM1*PR-09); demo IPRESS get a fictional one derived from their code. */
  readonly ipressRuc?: string;
  /** For CN (search by name): the patient's paternal surname and given names. */
  readonly surname?: string;
  readonly givenNames?: string;
  readonly now?: Date;
}

/**
 * What a SITEDS IPRESS sends for a first check: a 270_CON_ASE asking `iafas` about the insured
 * with that DNI (REF*DD 1 / REF*4A). Demo affiliate codes (NM1*IL-09) are the IAFAS code
 * followed by the DNI, as the demo insurers give them.
 */
export function buildSitedsCheck(check: SitedsCheck): ConAse270 {
  const now = (check.now ?? new Date()).toISOString();
  const control = String(Math.floor(Math.random() * 1_000_000_000)).padStart(9, '0');
  const queryType = check.queryType ?? 'CC';
  return {
    senderId: check.ipress,
    receiverId: check.iafas,
    transactionDate: now.slice(0, 10).replaceAll('-', ''),
    transactionTime: now.slice(11, 16).replace(':', ''),
    interchangeControlNumber: control,
    groupControlNumber: String(Number(control)),
    transactionControlNumber: '0001',
    transactionSetId: '270',
    purpose: '13',
    usage: 'T',
    ipressQualifier: '2',
    ipressRuc: check.ipressRuc ?? `20${check.ipress}9`,
    queryType,
    iafasQualifier: '2',
    iafasCode: check.iafas,
    patient: {
      qualifier: '1',
      affiliateCode: `${check.iafas}${check.dni}`,
      ...(check.surname === undefined ? {} : { surname: check.surname }),
      ...(check.givenNames === undefined ? {} : { givenNames: check.givenNames }),
    },
    documentType: '1',
    documentNumber: check.dni,
  };
}
