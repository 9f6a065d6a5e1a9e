import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import type { Hl7Message } from '../message.ts';
import { ReadTracker } from './read-tracker.ts';
import {
  dtmToFhir,
  type Hl7Cx,
  type Hl7Insurance,
  type Hl7Patient,
  type Hl7Provider,
  type RqiModel,
} from './rqi-model.ts';

/** MSH fields that are the envelope of one hop (regenerated; the wire message is logged). */
const MSH_ENVELOPE = [3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21];

/**
 * Reads the model of an RQI^I01 (parsed and profile-checked): MSH-7, the first PRD, PID and the
 * first INSURANCE group. Every other value sent (a PRD address, NK1, a second IN1, …) is an
 * `unmapped` issue with its HL7 location.
 */
export function readRqi(message: Hl7Message): { model: RqiModel; issues: MappingIssue[] } {
  const t = new ReadTracker(message);
  for (const field of MSH_ENVELOPE) {
    t.skip({ segment: 'MSH', field });
  }
  const mshTime = t.value({ segment: 'MSH', field: 7 });
  const created = mshTime === undefined ? undefined : dtmToFhir(mshTime);
  const issues: MappingIssue[] = [];
  if (mshTime !== undefined && created === undefined) {
    issues.push(badValue('MSH-7', mshTime, 'not an HL7 DTM'));
  }
  const model: RqiModel = {
    ...(created === undefined ? {} : { created }),
    provider: readProvider(t),
    patient: readPatient(t),
    ...optional('insurance', readInsurance(t, 1)),
  };
  return { model, issues: [...issues, ...t.unread()] };
}

function readProvider(t: ReadTracker): Hl7Provider {
  t.skip({ segment: 'PRD', field: 1 }); // provider role: the IPRESS asking
  t.skip({ segment: 'PRD', field: 2, component: 7 }); // name type code
  const ids: Record<string, string | undefined> = {};
  for (let r = 1; r <= t.repetitions('PRD', 1, 7); r += 1) {
    const at = { segment: 'PRD', field: 7, repetition: r };
    const type = t.element({ ...at, component: 2 })?.value ?? '';
    if (PRD_ID_TYPES.includes(type) && ids[type] === undefined) {
      ids[type] = t.value({ ...at, component: 1 });
    }
  }
  return compact({
    name: t.value({ segment: 'PRD', field: 2, component: 1 }),
    renipress: ids.RENIPRESS,
    ruc: ids.RUC,
  });
}

/** PRD-7.2 ID types read: the RENIPRESS code and the RUC (SUNAT) of the IPRESS. */
const PRD_ID_TYPES: readonly string[] = ['RENIPRESS', 'RUC'];

/** PID (of an RQI or an RPI). */
export function readPatient(t: ReadTracker): Hl7Patient {
  t.skip({ segment: 'PID', field: 1 }); // set ID
  t.skip({ segment: 'PID', field: 5, component: 7 }); // name type code
  const identifiers: Hl7Cx[] = [];
  for (let r = 1; r <= t.repetitions('PID', 1, 3); r += 1) {
    const at = { segment: 'PID', field: 3, repetition: r };
    const value = t.value({ ...at, component: 1 });
    const cx = compact({
      type: t.value({ ...at, component: 5 }),
      authority: t.value({ ...at, component: 4, subComponent: 1 }),
      authorityId: t.value({ ...at, component: 4, subComponent: 2 }),
      authorityIdType: t.value({ ...at, component: 4, subComponent: 3 }),
    });
    if (value !== undefined) {
      identifiers.push({ value, ...cx });
    }
  }
  return {
    identifiers,
    ...compact({
      family: t.value({ segment: 'PID', field: 5, component: 1 }),
      given: t.value({ segment: 'PID', field: 5, component: 2 }),
      birthDate: t.value({ segment: 'PID', field: 7, component: 1 }),
      sex: t.value({ segment: 'PID', field: 8 }),
    }),
  };
}

/** The `occurrence`-th IN1 (IN1-1 set ID and the fixed coding parts are read as structure). */
export function readInsurance(t: ReadTracker, occurrence: number): Hl7Insurance | undefined {
  const in1 = (field: number, component?: number) =>
    t.value({
      segment: 'IN1',
      occurrence,
      field,
      ...(component === undefined ? {} : { component }),
    });
  if (t.repetitions('IN1', occurrence, 1) === 0 && in1(2, 1) === undefined) {
    return undefined;
  }
  for (const [field, component] of [[1], [2, 3], [3, 4], [3, 5], [17, 2], [17, 3], [49, 5]]) {
    t.skip({
      segment: 'IN1',
      occurrence,
      field: field ?? 1,
      ...(component === undefined ? {} : { component }),
    });
  }
  const insurance = compact({
    planId: in1(2, 1),
    planName: in1(2, 2),
    companyId: in1(3, 1),
    companyName: in1(4, 1),
    effective: in1(12),
    expiration: in1(13),
    relationship: in1(17, 1),
    policyNumber: in1(36),
    insuredId: in1(49, 1),
  });
  return insurance;
}

function badValue(path: string, value: string, why: string): MappingIssue {
  return { kind: 'transform-failed', severity: 'error', path, message: `${path}: ${why}`, value };
}

/** The object without its `undefined` properties (exactOptionalPropertyTypes). */
export function compact<T extends Record<string, string | undefined>>(
  o: T,
): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: string;
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
