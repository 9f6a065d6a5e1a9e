import type { SitedsHeader } from './header.ts';
import type { Parties271, PersonName } from './parties.ts';

/** 271_CON_OBS: observations about the insured's coverage (CO). */
export interface ConObs271 extends SitedsHeader, Parties271 {
  /** NM1*IL (or NM1*3): the insured. */
  readonly patient?: PersonName;
  /** EB-01 (EB with EB-01 `1` written): benefit information code. */
  readonly benefitInfo?: string;
  /** coSubCobertura, EB-05: coverage sub-type. */
  readonly coverageSubtypeCode?: string;
  /** teMsgLibre1, MSG-01 (first MSG): free text 1. */
  readonly message1?: string;
  /** teMsgLibre2, MSG-01 (second MSG): free text 2. */
  readonly message2?: string;
}
