import type { Hl7Message } from '../../formats/hl7v2/message.ts';

/** The media type of HL7 v2 ER7 over HTTP (HL7 "Transport Specification: MLLP", HTTP binding practice). */
export const HL7_ER7 = 'x-application/hl7-v2+er7';

/** An HL7 v2 request as the gateway read it; errors and the answer are written from it. */
export interface Hl7Exchange {
  /** The RQI^I01, once parsed (its MSH addresses every answer, ACK or RPI). */
  readonly message?: Hl7Message;
  /** The MSH-10 the broker gives its answer (the exchange's correlation id, shortened). */
  readonly controlId: string;
}
