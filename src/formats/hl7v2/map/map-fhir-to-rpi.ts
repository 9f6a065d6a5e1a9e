import type { CoverageEligibilityResponse } from 'fhir/r4.js';
import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import { hl7Timestamp } from '../build-ack.ts';
import { buildMessage, type SegmentInput } from '../build-message.ts';
import type { Hl7Message } from '../message.ts';
import { benefitNote } from './benefit-notes.ts';
import { identifiersToCx } from './cx-identifier.ts';
import { readResponseView } from './response-view.ts';
import type { RpiModel } from './rpi-model.ts';
import { RPI_SPEC, runHl7Spec } from './run-hl7-spec.ts';
import { in1Segment, pidSegment } from './write-segments.ts';

/**
 * The canonical answer → the RPI^I01 that answers `rqi`: MSH addressed back to its sender, MSA
 * AA with its MSH-10, its PRD echoed, PID (the insurer's patient, or the request's PID when the
 * insurer found none), IN1 with plan, insurer, dates, IN1-29 verification time and IN1-45
 * status, NTE with the disposition and the benefits as text. Every field of the answer with no
 * HL7 place is in `issues`.
 */
export function mapFhirToRpi(
  response: CoverageEligibilityResponse,
  rqi: Hl7Message,
  ctx: { readonly mappings: MappingSet; readonly controlId: string; readonly now: Date },
): { message: Hl7Message; issues: MappingIssue[] } {
  const view = readResponseView(response);
  const result = runHl7Spec(ctx.mappings, RPI_SPEC, 'to-hl7', view);
  const issues: MappingIssue[] = [...result.issues];
  const model = result.target as unknown as RpiModel;
  (response.insurance ?? []).slice(1).forEach((_, i) => {
    issues.push({
      kind: 'unmapped',
      severity: 'warning',
      path: `CoverageEligibilityResponse.insurance[${i + 1}]`,
      message: 'an RQI asks one insurer: only the first insurance is answered',
    });
  });
  const patient = view.patient as { identifier?: [] } | undefined;
  const pid: SegmentInput | { raw: string } =
    patient === undefined
      ? { raw: rqi.segment('PID')?.toString() ?? 'PID' }
      : pidSegment({
          ...model.patient,
          identifiers: identifiersToCx(patient.identifier ?? [], ctx.mappings, issues),
        });
  const insurance = model.insurance;
  const notes = [model.disposition, benefitNote(response, issues)].filter(
    (n): n is string => n !== undefined,
  );
  const segments: SegmentInput[] = [
    answerHeader(rqi, ctx),
    { name: 'MSA', fields: { 1: 'AA', 2: { raw: rqi.header.field(10).raw } } },
    ...rqi.segmentsNamed('PRD').map((s) => ({ name: 'PRD', fields: rawFields(s.fields) })),
    'raw' in pid ? { name: 'PID', fields: rawFields(pid.raw.split(rqi.encoding.field)) } : pid,
    ...(insurance === undefined || (response.insurance ?? []).length === 0
      ? []
      : [in1Segment(1, insurance)]),
    ...notes.map((n, i) => ({ name: 'NTE', fields: { 1: String(i + 1), 3: n } })),
  ];
  return { message: buildMessage(segments, { charset: rqi.charset }), issues };
}

/** MSH of an answer: sender and receiver of the request swapped, its processing ID and charset kept. */
function answerHeader(
  rqi: Hl7Message,
  ctx: { readonly controlId: string; readonly now: Date },
): SegmentInput {
  const msh = rqi.header;
  const raw = (n: number) => ({ raw: msh.field(n).raw });
  return {
    name: 'MSH',
    fields: {
      3: raw(5),
      4: raw(6),
      5: raw(3),
      6: raw(4),
      7: hl7Timestamp(ctx.now),
      9: ['RPI', 'I01', 'RPI_I01'],
      10: ctx.controlId,
      11: msh.field(11).isEmpty ? 'P' : raw(11),
      12: '2.5.1',
      17: msh.field(17).isEmpty ? undefined : raw(17),
      18: msh.field(18).isEmpty ? undefined : raw(18),
    },
  };
}

/** A segment's fields (index 0 the ID) as raw field inputs by HL7 number. */
function rawFields(fields: readonly string[]): Record<number, { raw: string }> {
  return Object.fromEntries(fields.slice(1).map((f, i) => [i + 1, { raw: f }]));
}
