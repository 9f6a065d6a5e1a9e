import type { ConAse270 } from '../../formats/siteds/model/con-ase-270.ts';
import type { SitedsSoapRequest } from '../../formats/siteds/soap/parse-siteds-soap-request.ts';

/** A SITEDS request as the gateway read it; errors and the answer are written from it. */
export interface SitedsExchange {
  readonly soap: SitedsSoapRequest;
  /** The 270_CON_ASE, once its X12 was read. */
  readonly model?: ConAse270;
  /** The SUSALUD code of the first validation problem, answered as `coError`. */
  readonly coError?: string;
}
