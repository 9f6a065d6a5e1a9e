import { readHeader } from '../message-header.ts';
import type { Hl7Message, Hl7Segment } from '../message.ts';
import { Hl7Rejection, type Hl7Problem } from '../hl7-problem.ts';
import { checkField } from './check-field.ts';
import { checkStructure } from './check-structure.ts';
import type { Hl7Profiles, MessageProfile } from './profile-types.ts';
import { problem } from './problems.ts';

const MSH = (field: number, component?: number) =>
  component === undefined
    ? { segment: 'MSH', occurrence: 1, field }
    : { segment: 'MSH', occurrence: 1, field, component };

/**
 * Checks a parsed message against the loaded profiles and returns the profile it conforms to.
 * What cannot be processed at all (message type, event, version or processing ID not supported)
 * throws `Hl7Rejection` `BRK_HL7_UNSUPPORTED` (ACK AR); otherwise every structure and field
 * problem is collected and, if there is any error, thrown once as `BRK_HL7_PROFILE` (ACK AE).
 */
export function checkHl7Message(profiles: Hl7Profiles, message: Hl7Message): MessageProfile {
  const found = findProfile(profiles, message.header);
  if (!('structure' in found)) {
    throw new Hl7Rejection('BRK_HL7_UNSUPPORTED', found);
  }
  if (message.segments.length > MAX_SEGMENTS) {
    throw new Hl7Rejection('BRK_HL7_PROFILE', [
      problem.tooManySegments(message.segments.length, MAX_SEGMENTS),
    ]);
  }
  const problems = [
    ...checkStructure(
      found,
      message.segments.map((s) => s.name),
    ),
    ...checkSegments(profiles, message),
    ...checkStructureId(found, message.header),
  ];
  if (problems.some((p) => p.severity === 'E' || p.severity === 'F')) {
    throw new Hl7Rejection('BRK_HL7_PROFILE', capProblems(problems));
  }
  return found;
}

/**
 * Bounds on the work and on the answer: an eligibility message has tens of segments, so one with
 * more than `MAX_SEGMENTS` is refused without checking its fields, and an answer lists at most
 * `MAX_PROBLEMS` ERR segments, the last one counting those left out.
 */
export const MAX_SEGMENTS = 1000;
export const MAX_PROBLEMS = 100;

function capProblems(problems: readonly Hl7Problem[]): readonly Hl7Problem[] {
  const omitted = problems[MAX_PROBLEMS - 1];
  if (problems.length <= MAX_PROBLEMS || omitted === undefined) {
    return problems;
  }
  const more = problems.length - (MAX_PROBLEMS - 1);
  return [...problems.slice(0, MAX_PROBLEMS - 1), problem.andMore(omitted, more)];
}

/** The profile for MSH-9/MSH-12, or the problems that make the message unsupported. */
function findProfile(profiles: Hl7Profiles, msh: Hl7Segment): MessageProfile | Hl7Problem[] {
  const h = readHeader(msh);
  const supported = profiles.messages.map((m) => `${m.messageType}^${m.event}`).join(', ');
  const out: Hl7Problem[] = [];
  const ofType = profiles.messages.filter((m) => m.messageType === h.messageType);
  const profile = ofType.find((m) => m.event === h.triggerEvent || m.event === '*');
  if (ofType.length === 0) {
    out.push(
      problem.unsupported(
        MSH(9, 1),
        '200',
        `tipo de mensaje "${h.messageType}" no admitido; se admiten ${supported}`,
        `message type "${h.messageType}" not supported; supported: ${supported}`,
      ),
    );
  } else if (profile === undefined) {
    out.push(
      problem.unsupported(
        MSH(9, 2),
        '201',
        `evento "${h.triggerEvent}" no admitido para ${h.messageType}; se admiten ${supported}`,
        `event "${h.triggerEvent}" not supported for ${h.messageType}; supported: ${supported}`,
      ),
    );
  }
  if (h.version !== profiles.version) {
    out.push(
      problem.unsupported(
        MSH(12, 1),
        '203',
        `versión "${h.version}" no admitida; se admite ${profiles.version}`,
        `version "${h.version}" not supported; supported: ${profiles.version}`,
      ),
    );
  }
  if (!['P', 'D', 'T'].includes(h.processingId)) {
    out.push(
      problem.unsupported(
        MSH(11, 1),
        '202',
        `ID de procesamiento "${h.processingId}" no admitido (P, D o T)`,
        `processing ID "${h.processingId}" not supported (P, D or T)`,
      ),
    );
  }
  return out.length > 0 || profile === undefined ? out : profile;
}

function checkSegments(profiles: Hl7Profiles, message: Hl7Message): Hl7Problem[] {
  const seen = new Map<string, number>();
  return message.segments.flatMap((segment) => {
    const occurrence = (seen.get(segment.name) ?? 0) + 1;
    seen.set(segment.name, occurrence);
    const def = profiles.segments.get(segment.name);
    if (def === undefined) {
      return [];
    }
    return def.fields.flatMap((f) =>
      checkField(profiles, f, segment.field(f.seq), {
        segment: segment.name,
        occurrence,
        field: f.seq,
      }),
    );
  });
}

/** MSH-9.3, when sent, must name the profile's structure (`RQI_I01`). */
function checkStructureId(profile: MessageProfile, msh: Hl7Segment): Hl7Problem[] {
  const sent = msh.field(9).component(3).value;
  if (sent === '' || sent === profile.structure || profile.event === '*') {
    return [];
  }
  return [
    {
      location: MSH(9, 3),
      code: '102',
      severity: 'E',
      es: `la estructura "${sent}" no corresponde a ${profile.messageType}^${profile.event} (${profile.structure})`,
      en: `structure "${sent}" does not match ${profile.messageType}^${profile.event} (${profile.structure})`,
    },
  ];
}
