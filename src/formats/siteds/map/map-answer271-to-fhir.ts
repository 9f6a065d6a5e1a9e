import type { CoverageEligibilityRequest, CoverageEligibilityResponse } from 'fhir/r4.js';
import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import { ANSWER_SPECS, isAnswerName, type Answer271 } from './answer-transactions.ts';
import { assembleResponse } from './response-view.ts';
import { runSpec } from './run-spec.ts';

/**
 * A 271 from a SITEDS insurer → the canonical CoverageEligibilityResponse (contained Patient
 * and Coverage per insured person) answering `request`, through the transaction's spec in
 * mappings/siteds/. Every field the spec does not map is in `issues`. An unknown transaction
 * name is a caller's error and throws.
 */
export function mapAnswer271ToFhir(
  transactionName: string,
  model: Answer271,
  request: CoverageEligibilityRequest,
  ctx: { readonly mappings: MappingSet; readonly now?: Date },
): { response: CoverageEligibilityResponse; issues: MappingIssue[] } {
  if (!isAnswerName(transactionName)) {
    throw new Error(`${transactionName} is not a SITEDS 271 answer`);
  }
  const result = runSpec(ctx.mappings, ANSWER_SPECS[transactionName], 'to-fhir', model);
  const now = (ctx.now ?? new Date()).toISOString();
  const response = assembleResponse(result.target, request, now);
  return { response, issues: [...result.issues] };
}
