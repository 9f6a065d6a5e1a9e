import { BrokerError, type ErrorIssue } from '../errors/broker-error.ts';
import type { ErrorCode } from '../errors/catalog.ts';
import type { MappingIssue } from '../mapping/mapping-issue.ts';
import type { Exchange, Verdict } from '../pipeline/exchange.ts';

/** A mapping issue in the error catalog's shape: where (source path), what, and how serious. */
export function toMappingErrorIssue(i: MappingIssue): ErrorIssue {
  const what = i.conceptMap === undefined ? '' : ` (${i.conceptMap} ${i.code ?? ''})`;
  return {
    expression: i.path,
    detail: `${i.kind} ${i.path}: ${i.message}${what}`,
    severity: i.severity,
    issueType: i.severity === 'error' ? 'invalid' : 'informational',
  };
}

/**
 * What the log keeps of a mapping: `complete`, or `lossy` with every reported issue (a field
 * that cannot be mapped is reported, never silently dropped).
 */
export function mappingVerdict(issues: readonly MappingIssue[]): Verdict {
  return issues.length === 0
    ? { result: 'complete' }
    : {
        result: issues.some((i) => i.severity === 'error') ? 'failed' : 'lossy',
        detail: issues.map((i) => `${i.kind} ${i.path}: ${i.message}`).join('; '),
      };
}

/** Throws `code` with every issue when any of them is an error; `prefix` starts each detail. */
export function failOnMappingErrors(
  code: ErrorCode,
  issues: readonly MappingIssue[],
  prefix = '',
): void {
  if (issues.some((i) => i.severity === 'error')) {
    const located = issues.map(toMappingErrorIssue);
    throw new BrokerError(
      code,
      prefix === '' ? located : located.map((i) => ({ ...i, detail: `${prefix}${i.detail}` })),
    );
  }
}

/**
 * Mapping to or from an insurer's format: the verdict recorded (`egressMapping` for the request,
 * `answerMapping` for its answer); errors refuse the exchange, each issue naming the insurer.
 */
export function failOnInsurerMapping(
  code: 'BRK_MAPPING_FAILED' | 'BRK_INSURER_BAD_ANSWER',
  issues: readonly MappingIssue[],
  x: Exchange,
): void {
  x.verdicts[code === 'BRK_MAPPING_FAILED' ? 'egressMapping' : 'answerMapping'] =
    mappingVerdict(issues);
  failOnMappingErrors(code, issues, `insurer ${x.insurer?.code ?? 'unknown'}: `);
}
