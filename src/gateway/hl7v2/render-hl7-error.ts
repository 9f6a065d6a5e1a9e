import type { BrokerError } from '../../errors/broker-error.ts';
import { buildErrorAck } from '../../formats/hl7v2/build-ack.ts';
import { salvageHeader } from '../../formats/hl7v2/message-header.ts';
import type { Exchange, RenderedError } from '../../pipeline/exchange.ts';
import { controlIdOf } from './control-id.ts';
import { HL7_ER7 } from './hl7-exchange.ts';

/** MSH-3/MSH-4 of the broker's acknowledgments when the sender's MSH names no receiver. */
export const BROKER_HL7_SELF = { application: 'SITEDS', facility: 'BROKER' } as const;

/**
 * Errors for HL7 v2 callers: an ACK (`ACK^I01^ACK`) with the catalog's MSA-1 (AE or AR) and one
 * ERR per problem, addressed to the request's MSH (or what can be salvaged of it). HTTP status:
 * 200 once the body was read as an HL7 v2 message (the ACK is the application's answer, as in
 * HL7's HTTP practice and like SITEDS' coError); the catalog status (401, 403, 413, 415, 503…)
 * when the message was refused before it was read (identity, signature, media type, size, store).
 */
export function renderHl7Error(error: BrokerError, x: Exchange): RenderedError {
  const msh = x.hl7?.message?.header ?? (x.raw.length > 0 ? salvageHeader(x.raw) : undefined);
  const ack = buildErrorAck(msh, error, {
    controlId: x.hl7?.controlId ?? controlIdOf(x.correlationId),
    now: new Date(),
    self: BROKER_HL7_SELF,
  });
  const read = x.hl7 !== undefined;
  return {
    status: read ? 200 : error.spec.status,
    contentType: `${HL7_ER7}; charset=${ack.charset === 'latin1' ? 'iso-8859-1' : 'utf-8'}`,
    body: ack.toBuffer(),
  };
}
