import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import type { Hl7Message } from '../message.ts';
import { readInsurance, readPatient } from './read-rqi.ts';
import { ReadTracker } from './read-tracker.ts';
import { dtmToFhir } from './rqi-model.ts';
import type { RpiModel } from './rpi-model.ts';

/**
 * Reads the model of an RPI^I01 (parsed, profile-checked): PID, the first IN1 with IN1-29 and
 * IN1-45, the first NTE-3. MSH, MSA and PRD (the request echoed) are structure; any other value
 * is an `unmapped` issue with its HL7 location.
 */
export function readRpi(message: Hl7Message): { model: RpiModel; issues: MappingIssue[] } {
  const t = new ReadTracker(message);
  const issues: MappingIssue[] = [];
  const patient = readPatient(t);
  const base = readInsurance(t, 1);
  const verifiedAt = t.value({ segment: 'IN1', field: 29 });
  const verified = verifiedAt === undefined ? undefined : dtmToFhir(verifiedAt);
  if (verifiedAt !== undefined && verified === undefined) {
    issues.push({
      kind: 'transform-failed',
      severity: 'error',
      path: 'IN1-29',
      message: 'IN1-29 is not an HL7 DTM',
      value: verifiedAt,
    });
  }
  const status = t.value({ segment: 'IN1', field: 45 });
  t.skip({ segment: 'NTE', field: 1 });
  t.skip({ segment: 'NTE', field: 2 });
  const disposition = t.value({ segment: 'NTE', field: 3 });
  const insurance =
    base === undefined
      ? undefined
      : {
          ...base,
          ...(verified === undefined ? {} : { verified }),
          ...(status === undefined ? {} : { status }),
        };
  const model: RpiModel = {
    patient,
    ...(insurance === undefined ? {} : { insurance }),
    ...(disposition === undefined ? {} : { disposition }),
  };
  return { model, issues: [...issues, ...t.unread(['MSH', 'MSA', 'PRD'])] };
}
