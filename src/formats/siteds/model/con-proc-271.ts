import type { SitedsHeader } from './header.ts';
import type { Parties271, PersonName } from './parties.ts';

/** One procedure rule (EB*1 … MSG loop; repeats). */
export interface ProcedureRule {
  /** coInProcedimiento, EB*1-09 (first EB*1): internal procedure code. */
  readonly internalProcedureCode?: string;
  /** coInRestriccion, EB*1-09 (second EB*1): internal restriction code. */
  readonly internalRestrictionCode?: string;
  /** coProcedimiento, EB*PE-03: procedure code. */
  readonly procedureCode?: string;
  /** imDeducible, EB*PE-07: deductible amount. */
  readonly deductible?: string;
  /** poCuExDecimal, EB*PE-08: copay percentage. */
  readonly copayPercent?: string;
  /** nuFrecuencia, EB*PE-10 (EB-09 `5U`): frequency. */
  readonly frequency?: string;
  /** coSexo, EB*PE-13-2 (EB-13-1 `ZZ`): sex the rule applies to. */
  readonly sex?: string;
  /** tiNuDias, HSD-02 (HSD-01 `9S`): number of days. */
  readonly days?: string;
  /** teMsgObservacion, MSG-01 (first MSG): observation. */
  readonly observation?: string;
  /** idFuentePE, MSG-03 (first MSG, MSG-02 `LC`): source of the observation. */
  readonly observationSource?: string;
  /** coTiEspera, EB*TE-03: waiting type code. */
  readonly waitingTypeCode?: string;
  /** deTiEspera, REF*82-03 (first REF*82): waiting description. */
  readonly waitingDescription?: string;
  /** feFinVigencia, DTP*327-03: end of the waiting period. */
  readonly waitingEndDate?: string;
  /** teMsgTiEspera, MSG-01 (second MSG): waiting message. */
  readonly waitingMessage?: string;
  /** idFuenteTE, MSG-03 (second MSG): source of the waiting message. */
  readonly waitingMessageSource?: string;
  /** coExCarencia, EB*EC-03: carencia exemption code. */
  readonly qualifyingExemptionCode?: string;
  /** deExCarencia, REF*82-03 (second REF*82): carencia exemption description. */
  readonly qualifyingExemptionDescription?: string;
  /** teMsgExCarencia, MSG-01 (third MSG): carencia exemption message. */
  readonly qualifyingExemptionMessage?: string;
  /** idFuenteEC, MSG-03 (third MSG): source of the carencia exemption message. */
  readonly qualifyingExemptionMessageSource?: string;
}

/** 271_CON_PROC: procedure rules on the insured's coverage (CP). */
export interface ConProc271 extends SitedsHeader, Parties271 {
  /** NM1*IL (or NM1*3): the insured. */
  readonly patient?: PersonName;
  readonly procedures?: readonly ProcedureRule[];
}
