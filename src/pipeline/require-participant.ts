import { BrokerError, brokerError } from '../errors/broker-error.ts';
import type { ParticipantKind } from '../registry/participant.ts';
import type { Step } from './step.ts';

/**
 * Authorization by role: the caller must be an active registered participant of one of `kinds`.
 * Roles come from the registry entry found by certificate pin, never from the request.
 */
export function requireParticipant(...kinds: ParticipantKind[]): Step {
  return (x) => {
    const { identity } = x;
    if (identity.participant === undefined) {
      throw new BrokerError(identity.error);
    }
    if (!kinds.includes(identity.participant.kind)) {
      throw brokerError(
        'BRK_AUTH_ROLE_FORBIDDEN',
        `participant ${identity.participant.code} (${identity.participant.kind}) may not use this route; allowed: ${kinds.join(', ')}`,
      );
    }
  };
}
