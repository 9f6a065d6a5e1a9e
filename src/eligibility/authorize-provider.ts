import { brokerError } from '../errors/broker-error.ts';
import type { Step } from '../pipeline/step.ts';

/**
 * An IPRESS may only ask as itself: the request's `provider` must be the IPRESS that the TLS
 * certificate identified. A request without a provider is refused rather than filled in.
 */
export const authorizeProvider: Step = (x) => {
  const caller = x.identity.participant;
  const provider = x.query?.providerCode;
  if (caller === undefined || x.query === undefined) {
    throw new Error('authorizeProvider runs after identification and parsing');
  }
  if (provider === undefined) {
    throw brokerError(
      'BRK_REQUEST_INVALID',
      'provider is required: the Organization of the asking IPRESS with its RENIPRESS code',
      'CoverageEligibilityRequest.provider',
    );
  }
  if (provider !== caller.code) {
    throw brokerError(
      'BRK_AUTH_PROVIDER_MISMATCH',
      `the certificate identifies IPRESS ${caller.code}, the request names ${provider}`,
      'CoverageEligibilityRequest.provider',
    );
  }
};
