import type { FastifyRequest } from 'fastify';
import { BrokerError, brokerError } from '../errors/broker-error.ts';

/** Audit routes are for participants with the `auditor` role in the registry, nobody else. */
export function requireAuditor(request: FastifyRequest): void {
  const participant = request.identity.participant;
  if (participant === undefined) {
    throw new BrokerError(request.identity.error);
  }
  if (participant.kind !== 'auditor') {
    throw brokerError('BRK_AUTH_ROLE_FORBIDDEN', 'audit routes are for auditors');
  }
}

/** A non-negative integer query parameter, or a 422 naming it. */
export function intParam(query: unknown, name: string, fallback?: number): number {
  const raw = (query as Record<string, string | undefined>)[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (value === undefined || !Number.isSafeInteger(value) || value < 0) {
    throw brokerError('BRK_REQUEST_INVALID', `${name} must be a non-negative integer`, name);
  }
  return value;
}
