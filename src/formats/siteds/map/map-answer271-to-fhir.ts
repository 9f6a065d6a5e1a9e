import type { CoverageEligibilityRequest, CoverageEligibilityResponse, Patient } from 'fhir/r4.js';
import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import { ANSWER_SPECS, isAnswerName, type Answer271 } from './answer-transactions.ts';
import { assembleResponse, type ResponseView } from './response-view.ts';
import { issueAt } from '../../../mapping/mapping-issue.ts';
import { runSpec } from './run-spec.ts';

/**
 * A 271 from a SITEDS insurer → the canonical CoverageEligibilityResponse (contained Patient
 * and Coverage per insured person) answering `request`, through the transaction's spec in
 * mappings/siteds/. Every field the spec does not map is in `issues`. An unknown transaction
 * name is a caller's error and throws. Most answers (DTAD, OBS, MED, PROC) name the insured
 * without an identity document: `ctx.patient`, the request's Patient, lends its identifiers
 * (PatientPe requires a DNI, carné de extranjería or passport); without it that is reported.
 */
export function mapAnswer271ToFhir(
  transactionName: string,
  model: Answer271,
  request: CoverageEligibilityRequest,
  ctx: { readonly mappings: MappingSet; readonly now?: Date; readonly patient?: Patient },
): { response: CoverageEligibilityResponse; issues: MappingIssue[] } {
  if (!isAnswerName(transactionName)) {
    throw new Error(`${transactionName} is not a SITEDS 271 answer`);
  }
  const result = runSpec(ctx.mappings, ANSWER_SPECS[transactionName], 'to-fhir', model);
  const issues = [...result.issues];
  const view = withAskedIdentity(result.target, ctx.patient, issues);
  const now = (ctx.now ?? new Date()).toISOString();
  return { response: withItemKinds(assembleResponse(view, request, now), issues), issues };
}

const HEALTH_PLAN = {
  system: 'http://terminology.hl7.org/CodeSystem/ex-benefitcategory',
  code: '30',
  display: 'Health Benefit Plan Coverage',
};

/**
 * FHIR requires each answer item to say what it is about (a category or a product/service,
 * `ces-1`). A 271 line with neither a coverage type nor a procedure code is a line of the health
 * plan: it is categorised as such (benefit category 30), and that is reported.
 */
function withItemKinds(
  response: CoverageEligibilityResponse,
  issues: MappingIssue[],
): CoverageEligibilityResponse {
  const insurance = response.insurance?.map((ins, i) => ({
    ...ins,
    ...(ins.item === undefined
      ? {}
      : {
          item: ins.item.map((item, j) => {
            if (item.category !== undefined || item.productOrService !== undefined) {
              return item;
            }
            issues.push(
              issueAt(
                'lossy',
                `insurance[${i}].item[${j}]`,
                'the 271 line has no coverage type nor procedure: categorised as health benefit plan coverage (30)',
              ),
            );
            return { ...item, category: { coding: [HEALTH_PLAN] } };
          }),
        }),
  }));
  return insurance === undefined ? response : { ...response, insurance };
}

/** The first insured without an identifier gets the asked Patient's identifiers. */
function withAskedIdentity(
  view: ResponseView,
  asked: Patient | undefined,
  issues: MappingIssue[],
): ResponseView {
  const [first, ...rest] = view.entries ?? [];
  if (first?.patient === undefined || first.patient.identifier !== undefined) {
    return view;
  }
  if (asked?.identifier === undefined) {
    issues.push(
      issueAt(
        'unmapped',
        'patient',
        'the 271 names the insured without an identity document and no request Patient lends one',
      ),
    );
    return view;
  }
  return {
    ...view,
    entries: [{ ...first, patient: { ...first.patient, identifier: asked.identifier } }, ...rest],
  };
}
