import { BrokerError } from '../errors/broker-error.ts';
import { checkSignature, verdictOf, type SignatureContext } from '../jose/signature-context.ts';
import type { Step } from './step.ts';

/**
 * The sender's detached JWS over the exact request bytes, with a key of the participant the TLS
 * certificate identified, addressed to the broker, fresh and not replayed. The verdict is kept
 * for the log whatever it is.
 */
export function verifyInbound(ctx: SignatureContext): Step {
  return async (x) => {
    const sender = x.identity.participant;
    if (sender === undefined) {
      throw new Error('verifyInbound runs after requireParticipant');
    }
    try {
      const verified = await checkSignature(ctx, x.signature, x.raw, sender, ctx.selfCode);
      x.verdicts.request = verdictOf(verified);
    } catch (err) {
      if (err instanceof BrokerError) {
        x.verdicts.request = verdictOf(err);
      }
      throw err;
    }
  };
}
