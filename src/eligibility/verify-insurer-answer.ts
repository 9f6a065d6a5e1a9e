import { BrokerError, brokerError } from '../errors/broker-error.ts';
import { checkSignature, verdictOf, type SignatureContext } from '../jose/signature-context.ts';
import type { Step } from '../pipeline/step.ts';

/**
 * The insurer signs its answer to the broker: verified like any inbound message (key of that
 * insurer, `aud` the broker, fresh, not replayed). Any failure is a 502 naming the insurer and
 * the failed check's own code.
 */
export function verifyInsurerAnswer(ctx: SignatureContext): Step {
  return async (x) => {
    const insurer = x.insurer;
    const answer = x.answer;
    if (insurer === undefined || answer === undefined) {
      throw new Error('verifyInsurerAnswer runs after forwarding');
    }
    try {
      const verified = await checkSignature(
        ctx,
        answer.signature,
        answer.body,
        insurer,
        ctx.selfCode,
      );
      x.verdicts.answer = verdictOf(verified);
    } catch (err) {
      if (!(err instanceof BrokerError)) {
        throw err;
      }
      x.verdicts.answer = verdictOf(err);
      throw brokerError(
        'BRK_INSURER_SIGNATURE_INVALID',
        `insurer ${insurer.code}: ${err.code} ${err.issues[0]?.detail ?? ''}`.trim(),
      );
    }
  };
}
