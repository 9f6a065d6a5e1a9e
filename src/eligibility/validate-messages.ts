import { BrokerError, type ErrorIssue } from '../errors/broker-error.ts';
import type { Step } from '../pipeline/step.ts';
import type { Validator } from '../validation/create-validator.ts';
import { hasErrors, type ValidationIssue } from '../validation/validation-issue.ts';

/** A validator issue in the error catalog's shape (its own severity, type and both texts). */
export function toErrorIssue(i: ValidationIssue): ErrorIssue {
  return {
    ...(i.expression === '' ? {} : { expression: i.expression }),
    detail: `${i.rule}: ${i.message.en}`,
    severity: i.severity,
    issueType: i.code,
    text: i.message,
  };
}

function verdictOf(issues: readonly ValidationIssue[], profiles: readonly string[]) {
  const errors = issues.filter((i) => i.severity === 'error').length;
  return {
    result: errors === 0 ? 'valid' : 'invalid',
    profiles: profiles.join(' '),
    errors,
    warnings: issues.length - errors,
  };
}

/**
 * The request against the profiles the routed insurer asks for (registry data): every issue
 * with its location, refused with 422 `BRK_VALIDATION_FAILED` if any is an error, the verdict
 * logged either way. Runs after routing (the insurer decides the profile), before forwarding.
 */
export function validateRequest(validator: Validator): Step {
  return (x) => {
    const profiles = x.insurer?.profiles?.request ?? [];
    const issues = validator.prepare(profiles)(x.resource);
    x.verdicts.validation = verdictOf(issues, profiles);
    if (hasErrors(issues)) {
      throw new BrokerError('BRK_VALIDATION_FAILED', issues.map(toErrorIssue));
    }
  };
}

/** The insurer's answer against its response profiles: an invalid one is a 502 naming the insurer. */
export function validateAnswer(validator: Validator): Step {
  return (x) => {
    const profiles = x.insurer?.profiles?.response ?? [];
    const issues = validator.prepare(profiles)(x.answerResource);
    x.verdicts.answerValidation = verdictOf(issues, profiles);
    if (hasErrors(issues)) {
      const code = x.insurer?.code ?? 'unknown';
      const detail = issues
        .map(toErrorIssue)
        .map((i) => ({ ...i, detail: `insurer ${code}: ${i.detail}` }));
      throw new BrokerError('BRK_INSURER_BAD_ANSWER', detail);
    }
  };
}
