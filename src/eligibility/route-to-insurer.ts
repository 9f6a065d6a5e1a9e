import { brokerError } from '../errors/broker-error.ts';
import type { Step } from '../pipeline/step.ts';
import type { Registry } from '../registry/participant.ts';

/** Routes by the insurer's SUSALUD code: it must be a registered, active IAFAS with an endpoint. */
export function routeToInsurer(registry: Registry): Step {
  return (x) => {
    const code = x.query?.insurerCode ?? '';
    const insurer = registry.findByCode(code);
    if (insurer?.kind !== 'iafas' || insurer.endpoint === undefined) {
      throw brokerError(
        'BRK_ROUTE_UNKNOWN_INSURER',
        `no IAFAS with SUSALUD code ${code} is registered`,
        'CoverageEligibilityRequest.insurer',
      );
    }
    if (insurer.status !== 'active') {
      throw brokerError('BRK_ROUTE_INSURER_SUSPENDED', `IAFAS ${code} is suspended`);
    }
    x.insurer = insurer;
  };
}
