import type { Bundle, CoverageEligibilityRequest } from 'fhir/r4.js';
import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import type { ConAse270 } from '../model/con-ase-270.ts';
import { assembleRequestBundle, type RequestView } from '../../fhir/request-view.ts';
import { issueAt } from '../../../mapping/mapping-issue.ts';
import { runSpec } from './run-spec.ts';
import { SITEDS_FHIR } from './siteds-fhir.ts';

export const CON_ASE_SPEC = 'siteds-270-con-ase-to-fhir';

type Purpose = CoverageEligibilityRequest['purpose'][number];

/**
 * A 270_CON_ASE from a SITEDS IPRESS → the canonical request Bundle (collection: the
 * CoverageEligibilityRequest, then Patient, Organization IPRESS, Organization IAFAS, Coverage),
 * through the spec `siteds-270-con-ase-to-fhir`. `ipressCode` is the RENIPRESS code of the
 * authenticated IPRESS (from its certificate): the 270 carries only its RUC, so the IPRESS
 * Organization gets both. Every field the spec does not map is in `issues`.
 */
export function mapConAseToFhir(
  model: ConAse270,
  ctx: { readonly ipressCode: string; readonly mappings: MappingSet },
): { bundle: Bundle; issues: MappingIssue[] } {
  const result = runSpec(ctx.mappings, CON_ASE_SPEC, 'to-fhir', model);
  const view = result.target as RequestView;
  const issues = [...result.issues];
  const purpose = purposeOf(model.queryType, ctx.mappings, issues);
  const bundle = assembleRequestBundle(view, { ipressCode: ctx.ipressCode, purpose });
  return { bundle, issues };
}

/**
 * PRV-03 → CoverageEligibilityRequest.purpose through SitedsQueryTypeToPurposeCM. RD has no
 * purpose: `validation` is used and the loss reported.
 */
function purposeOf(
  queryType: string | undefined,
  mappings: MappingSet,
  issues: MappingIssue[],
): Purpose[] {
  if (queryType === undefined) {
    return ['validation'];
  }
  const translated = mappings.translate(
    SITEDS_FHIR.queryTypeToPurpose,
    queryType,
    'source-to-target',
  );
  if (translated.status === 'mapped') {
    return [translated.code as Purpose];
  }
  issues.push(
    issueAt(
      'lossy',
      'queryType',
      `query type ${queryType} has no eligibility purpose; validation used (the SitedsQueryTypePe extension keeps ${queryType})`,
      { conceptMap: SITEDS_FHIR.queryTypeToPurpose, code: queryType, value: queryType },
    ),
  );
  return ['validation'];
}
