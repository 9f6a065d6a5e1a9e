import type { Bundle, CoverageEligibilityRequest, Identifier } from 'fhir/r4.js';
import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import { readRequestView } from '../../fhir/request-view.ts';
import { buildMessage, type SegmentInput } from '../build-message.ts';
import type { Hl7Message } from '../message.ts';
import { identifiersToCx } from './cx-identifier.ts';
import { fhirToDtm, type RqiModel } from './rqi-model.ts';
import { RQI_SPEC, runHl7Spec } from './run-hl7-spec.ts';
import { in1Segment, pidSegment } from './write-segments.ts';

/** Who sends and receives the RQI (MSH-3/4 and MSH-5/6) and its MSH-10. */
export interface RqiEnvelope {
  readonly sendingApplication: string;
  readonly sendingFacility: string;
  readonly receivingApplication: string;
  readonly receivingFacility: string;
  readonly controlId: string;
  /** MSH-7 when the request has no `created`. */
  readonly now: Date;
}

/**
 * The canonical request (Bundle or a request with contained resources) → an RQI^I01 for a v2
 * insurer: MSH, PRD (referring provider: the IPRESS by RENIPRESS code), PID, one IN1 (the insurer
 * asked). Every canonical field with no RQI place is in `issues`.
 */
export function mapFhirToRqi(
  resource: Bundle | CoverageEligibilityRequest,
  ctx: { readonly mappings: MappingSet; readonly envelope: RqiEnvelope },
): { message: Hl7Message; issues: MappingIssue[] } {
  const { view, issues: viewIssues } = readRequestView(resource);
  const result = runHl7Spec(ctx.mappings, RQI_SPEC, 'to-hl7', view);
  const issues: MappingIssue[] = [...viewIssues, ...result.issues];
  const model = result.target as Partial<RqiModel>;
  const ids = (view.patient?.identifier ?? []) as Identifier[];
  const identifiers = identifiersToCx(ids, ctx.mappings, issues);
  const e = ctx.envelope;
  const msh: SegmentInput = {
    name: 'MSH',
    fields: {
      3: e.sendingApplication,
      4: e.sendingFacility,
      5: e.receivingApplication,
      6: e.receivingFacility,
      7: fhirToDtm(model.created ?? e.now.toISOString()),
      9: ['RQI', 'I01', 'RQI_I01'],
      10: e.controlId,
      11: 'P',
      12: '2.5.1',
      15: 'AL',
      16: 'NE',
      17: 'PER',
      18: 'UNICODE UTF-8',
    },
  };
  const prd: SegmentInput = {
    name: 'PRD',
    fields: {
      1: 'RP',
      2: model.provider?.name === undefined ? undefined : [model.provider.name],
      7: providerIds(model.provider ?? {}),
    },
  };
  const segments: SegmentInput[] = [
    msh,
    prd,
    pidSegment({ ...(model.patient ?? {}), identifiers }),
    in1Segment(1, model.insurance ?? {}),
  ];
  return { message: buildMessage(segments), issues };
}

/** PRD-7: the RENIPRESS code and the RUC of the IPRESS, each typed in PRD-7.2. */
function providerIds(p: NonNullable<RqiModel['provider']>) {
  const repeat = [
    ...(p.renipress === undefined ? [] : [[p.renipress, 'RENIPRESS']]),
    ...(p.ruc === undefined ? [] : [[p.ruc, 'RUC']]),
  ];
  return repeat.length === 0 ? undefined : { repeat };
}
