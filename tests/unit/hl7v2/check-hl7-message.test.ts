import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLocation } from '../../../src/formats/hl7v2/hl7-location.ts';
import { Hl7Rejection } from '../../../src/formats/hl7v2/hl7-problem.ts';
import { parseEr7 } from '../../../src/formats/hl7v2/parse-er7.ts';
import {
  checkHl7Message,
  MAX_PROBLEMS,
  MAX_SEGMENTS,
} from '../../../src/formats/hl7v2/profile/check-hl7-message.ts';
import {
  HL7_PROFILES_DIR,
  loadHl7Profiles,
} from '../../../src/formats/hl7v2/profile/load-hl7-profiles.ts';
import { Hl7ProfileError } from '../../../src/formats/hl7v2/profile/profile-types.ts';
import { hl7Vector } from './vectors.ts';

const profiles = loadHl7Profiles();
const MSH = 'MSH|^~\\&|HIS|00009845|SITEDS|BROKER|20261127101500||RQI^I01^RQI_I01|MSG0001|P|2.5.1';

function rejection(text: string): Hl7Rejection {
  try {
    checkHl7Message(profiles, parseEr7(text));
  } catch (err) {
    if (err instanceof Hl7Rejection) {
      return err;
    }
    throw err;
  }
  throw new Error('expected a rejection');
}

const found = (err: Hl7Rejection) =>
  err.problems.map((p) => `${p.location ? formatLocation(p.location) : '-'} ${p.code}`);

describe('HL7 v2 message profiles', () => {
  it('loads RQI^I01, RPI^I01 and ACK for v2.5.1', () => {
    expect(profiles.messages.map((m) => m.structure).sort()).toEqual(['ACK', 'RPI_I01', 'RQI_I01']);
    expect(profiles.tables.get('0001')?.values.F).toBe('Female');
  });

  it.each(['rqi-i01-two-insurers.er7', 'rpi-i01-covered.er7'])('accepts the vector %s', (name) => {
    const message = parseEr7(hl7Vector(name));
    expect(checkHl7Message(profiles, message).structure).toBe(
      name.startsWith('rqi') ? 'RQI_I01' : 'RPI_I01',
    );
  });

  it('reports every problem with its HL7 location and table 0357 code, not just the first', () => {
    const err = rejection(
      [
        MSH,
        'PID|1||^^^RENIEC^ZZ||Quispe^Rosa||19851345|Q',
        'PRD|ZZ',
        'ZZZ|1',
        'IN1|1|SIS^SIS^99PLN|10001^^^SUSALUD^NIIP',
        'IN1|A||10001|||||||||20261301',
        '',
      ].join('\r'),
    );
    expect(err.code).toBe('BRK_HL7_PROFILE');
    expect(found(err)).toEqual([
      'ZZZ 100', // not part of RQI_I01
      'PRD 100', // the PRD sent after PID is out of order
      'PRD 100', // so the PROVIDER group is missing before PID
      'PID-3.1 101', // CX.1 ID Number required when PID-3 is valued
      'PID-3.5 103', // ZZ not in table 0203
      'PID-7.1 102', // no 13th month
      'PID-8 103', // Q not in table 0001
      'PRD-1.1 103', // ZZ not in table 0286
      'IN1[2]-1 102', // Set ID is SI
      'IN1[2]-2 101', // Insurance Plan ID required
      'IN1[2]-12 102', // no 13th month
    ]);
    expect(err.problems[3]).toMatchObject({ es: 'falta el valor requerido (ID Number)' });
  });

  it('checks repetitions, lengths, components and CE tables (HL7 coding system only)', () => {
    const pid = `PID|1||${'9'.repeat(16)}^^^RENIEC^NI||Quispe^Rosa|||F^X`;
    const nk1 = 'NK1|1|Quispe^Juan|XXX^Padre^HL70063~FTH';
    const in1 = `IN1|1|P^Plan^99PLN|10001|||||${'G'.repeat(13)}|||||||||LOCAL^Local^99REL`;
    const err = rejection([MSH, 'PRD|RP', pid, nk1, in1, ''].join('\r'));
    expect(found(err)).toEqual([
      'PID-3.1 102', // CX.1 is at most 15 long
      'PID-8 102', // longer than 1
      'PID-8 102', // a primitive with components
      'NK1-3 102', // repeats twice, once allowed
      'NK1-3.1 103', // XXX with coding system HL70063
      'IN1-8 102', // Group Number longer than 12
    ]);
  });

  it('answers AR-level problems for an unsupported type, event, version or processing ID', () => {
    const err = rejection('MSH|^~\\&|A|B|C|D|20261127||ADT^A01|1|X|2.3\rPID|1||1\r');
    expect(err.code).toBe('BRK_HL7_UNSUPPORTED');
    expect(found(err)).toEqual(['MSH-9.1 200', 'MSH-12.1 203', 'MSH-11.1 202']);
    expect(found(rejection('MSH|^~\\&|A|B|C|D|20261127||RQI^I02|1|P|2.5.1\r'))).toEqual([
      'MSH-9.2 201',
    ]);
  });

  it('requires MSH-9.3, when sent, to match the structure', () => {
    const text = hl7Vector('rqi-i01-two-insurers.er7')
      .toString('utf8')
      .replace('RQI_I01', 'RPI_I01');
    expect(found(rejection(text))).toEqual(['MSH-9.3 102']);
  });

  it('bounds the work and the answer: at most 100 ERR, and no field checks past 1000 segments', () => {
    const notes = Array.from({ length: 150 }, (_, i) => `NTE|X${i}`).join('\r');
    const many = rejection(`${hl7Vector('rqi-i01-two-insurers.er7').toString('utf8')}${notes}\r`);
    expect(many.problems).toHaveLength(MAX_PROBLEMS);
    expect(many.problems.at(-1)?.es).toMatch(/; y 50 problemas más no listados$/);
    const huge = `${MSH}\rPRD|RP\r${'PID|1||1^^^^NI||A\r'.repeat(MAX_SEGMENTS)}`;
    expect(found(rejection(huge))).toEqual(['- 100']);
  });

  it('stops start-up on a bad profile file, naming it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hl7-profiles-'));
    cpSync(HL7_PROFILES_DIR, dir, { recursive: true });
    const file = path.join(dir, 'message-RQI_I01.json');
    const write = (second: object) => {
      writeFileSync(
        file,
        JSON.stringify({
          ...{ messageType: 'RQI', event: 'I01', structure: 'RQI_I01', version: '2.5.1' },
          segments: [{ segment: 'MSH', min: 1, max: 1 }, second],
        }),
      );
    };
    write({ segment: 'QQQ', min: 0, max: 1 });
    expect(() => loadHl7Profiles(dir)).toThrow(Hl7ProfileError);
    expect(() => loadHl7Profiles(dir)).toThrow(
      /message-RQI_I01\.json: segment QQQ has no definition/,
    );
    write({ segment: 'PID', min: 2, max: 1 });
    expect(() => loadHl7Profiles(dir)).toThrow(/message-RQI_I01\.json: segments\[1\]: min\/max/);
    writeFileSync(path.join(dir, 'tables-2.5.1.json'), '{ nope');
    expect(() => loadHl7Profiles(dir)).toThrow(/tables-2\.5\.1\.json: is not JSON/);
  });
});
