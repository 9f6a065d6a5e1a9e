import type { Hl7Insurance, Hl7Patient } from './rqi-model.ts';

/**
 * The values of an RPI^I01 that `mappings/hl7v2/rpi-i01.json` maps (MSA, MSH and the echoed PRD
 * are structure). `verified` is IN1-29 already as an ISO 8601 date-time.
 */
export interface RpiModel {
  readonly patient: Hl7Patient;
  readonly insurance?: Hl7Insurance & {
    /** IN1-29. */
    readonly verified?: string;
    /** IN1-45: `Y` in force, `N` not. */
    readonly status?: string;
  };
  /** NTE-3 of the first NTE: the insurer's disposition text. */
  readonly disposition?: string;
}
