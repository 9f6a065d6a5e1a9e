import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config/load-config.ts';

/**
 * An RQI^I01 from the golden vector (conformance/vectors/hl7v2/rqi-i01-two-insurers.er7) asked
 * by `ipress` of `iafas` about `dni`, with its own MSH-10.
 */
export function rqiFor(q: {
  readonly ipress: string;
  readonly iafas: string;
  readonly dni: string;
  readonly controlId: string;
  /** The IPRESS RUC (PRD-7, type RUC) and the código de afiliado (IN1-49), which SITEDS needs. */
  readonly ruc?: string;
  readonly affiliateCode?: string;
}): string {
  const text = readFileSync(
    path.join(PROJECT_ROOT, 'conformance/vectors/hl7v2/rqi-i01-two-insurers.er7'),
    'utf8',
  );
  return text
    .replace(/00009845/g, q.ipress)
    .replace('10001^^^SUSALUD', `${q.iafas}^^^SUSALUD`)
    .replace('41000001', q.dni)
    .replace('MSG0001', q.controlId)
    .replace(
      `${q.ipress}^RENIPRESS`,
      `${q.ipress}^RENIPRESS${q.ruc === undefined ? '' : `~${q.ruc}^RUC`}`,
    )
    .replace(
      '|19850312\rIN1|2',
      `|19850312${q.affiliateCode === undefined ? '' : `${'|'.repeat(31)}${q.affiliateCode}`}\rIN1|2`,
    );
}
