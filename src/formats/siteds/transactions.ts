import type { LayoutEntry } from './layout/layout-types.ts';
import { CON_ASE_270 } from './layouts/con-ase-270.ts';
import { CON_COD_271 } from './layouts/con-cod-271.ts';
import { CON_DTAD_271 } from './layouts/con-dtad-271.ts';
import { CON_MED_271 } from './layouts/con-med-271.ts';
import { CON_NOM_271 } from './layouts/con-nom-271.ts';
import { CON_OBS_271 } from './layouts/con-obs-271.ts';
import { CON_PROC_271 } from './layouts/con-proc-271.ts';
import { RES_DERIVA_271 } from './layouts/res-deriva-271.ts';
import { RES_SCTR_271 } from './layouts/res-sctr-271.ts';
import type { ConAse270 } from './model/con-ase-270.ts';
import type { ConCod271 } from './model/con-cod-271.ts';
import type { ConDtad271 } from './model/con-dtad-271.ts';
import type { ConMed271 } from './model/con-med-271.ts';
import type { ConNom271 } from './model/con-nom-271.ts';
import type { ConObs271 } from './model/con-obs-271.ts';
import type { ConProc271 } from './model/con-proc-271.ts';
import type { ResDeriva271 } from './model/res-deriva-271.ts';
import type { ResSctr271 } from './model/res-sctr-271.ts';

/** The model type of each supported SITEDS transaction, by its canonical name. */
export interface SitedsModels {
  '270_CON_ASE': ConAse270;
  '271_CON_NOM': ConNom271;
  '271_CON_COD': ConCod271;
  '271_CON_DTAD': ConDtad271;
  '271_CON_OBS': ConObs271;
  '271_CON_MED': ConMed271;
  '271_CON_PROC': ConProc271;
  '271_RES_DERIVA': ResDeriva271;
  '271_RES_SCTR': ResSctr271;
}

export type SitedsTransactionName = keyof SitedsModels;

/** What the wire layer knows about one transaction. */
export interface SitedsTransaction {
  readonly name: SitedsTransactionName;
  /** ST-01. */
  readonly setId: '270' | '271';
  /** GS-01 values accepted; the first is written. SUSALUD's library writes `HI` for PROC/DERIVA. */
  readonly functionalIds: readonly string[];
  /** BHT-02 written when the model has none. */
  readonly purpose: '13' | '11';
  readonly layout: readonly LayoutEntry[];
}

const REQUEST = { setId: '270', functionalIds: ['HS'], purpose: '13' } as const;
const ANSWER = { setId: '271', functionalIds: ['HB', 'HI'], purpose: '11' } as const;

export const SITEDS_TRANSACTIONS: Readonly<Record<SitedsTransactionName, SitedsTransaction>> = {
  '270_CON_ASE': { name: '270_CON_ASE', ...REQUEST, layout: CON_ASE_270 },
  '271_CON_NOM': { name: '271_CON_NOM', ...ANSWER, layout: CON_NOM_271 },
  '271_CON_COD': { name: '271_CON_COD', ...ANSWER, layout: CON_COD_271 },
  '271_CON_DTAD': { name: '271_CON_DTAD', ...ANSWER, layout: CON_DTAD_271 },
  '271_CON_OBS': { name: '271_CON_OBS', ...ANSWER, layout: CON_OBS_271 },
  '271_CON_MED': { name: '271_CON_MED', ...ANSWER, layout: CON_MED_271 },
  '271_CON_PROC': { name: '271_CON_PROC', ...ANSWER, layout: CON_PROC_271 },
  '271_RES_DERIVA': { name: '271_RES_DERIVA', ...ANSWER, layout: RES_DERIVA_271 },
  '271_RES_SCTR': { name: '271_RES_SCTR', ...ANSWER, layout: RES_SCTR_271 },
};

/**
 * The canonical name of a transaction written in any case (`271_Con_Dtad` → `271_CON_DTAD`),
 * surrounding spaces ignored; `undefined` when SITEDS has no such transaction here.
 */
export function resolveTransactionName(name: string): SitedsTransactionName | undefined {
  const upper = name.trim().toUpperCase();
  return Object.hasOwn(SITEDS_TRANSACTIONS, upper) ? (upper as SitedsTransactionName) : undefined;
}
