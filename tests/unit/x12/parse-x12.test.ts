import { describe, expect, it } from 'vitest';
import { elementValue } from '../../../src/formats/x12/element-value.ts';
import { parseX12 } from '../../../src/formats/x12/parse-x12.ts';
import type { X12Interchange } from '../../../src/formats/x12/x12-types.ts';

const UNPADDED = [
  'ISA*00**00**ZZ*00009845*ZZ*20006*210315*1030*|*00501*000000123*0*P*:~',
  'GS*HS*00009845*20006*20210315*1030*123*X*00501~',
  'ST*270*0001~',
  'BHT*0022*13~',
  'NM1*IL*1*SALDAÑA*ROSALMIRA****MI*10237716204687763***TORRES~',
  'REF*D7*4**ZZ:528~',
  'SE*5*0001~',
  'GE*1*123~',
  'IEA*1*000000123~',
].join('');

function parsed(text: string): X12Interchange {
  const result = parseX12(text);
  if (!result.ok) {
    throw new Error(JSON.stringify(result.issues));
  }
  return result.interchange;
}

function body(text: string): (readonly (readonly string[])[])[] {
  return parsed(text).groups[0]!.transactions[0]!.body.map((s) => s.elements);
}

function issuesOf(text: string, options = {}) {
  const result = parseX12(text, options);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues;
}

describe('parseX12', () => {
  it('reads SITEDS delimiters from ISA and splits elements and components', () => {
    const interchange = parsed(UNPADDED);
    expect(interchange.separators).toEqual({
      element: '*',
      segment: '~',
      component: ':',
      repetition: '|',
    });
    const ref = interchange.groups[0]!.transactions[0]!.body[2]!;
    expect(ref.id).toBe('REF');
    expect(ref.position).toBe(6);
    expect(elementValue(ref, 4, 1)).toBe('ZZ');
    expect(elementValue(ref, 4, 2)).toBe('528');
  });

  it('uses whatever delimiters the ISA declares', () => {
    const other = UNPADDED.replace(/\*/g, '^')
      .replace(/~/g, '!')
      .replace(/:/g, '>')
      .replace('^|^', '^+^');
    const interchange = parsed(other);
    expect(interchange.separators).toEqual({
      element: '^',
      segment: '!',
      component: '>',
      repetition: '+',
    });
    expect(body(other)).toEqual(body(UNPADDED));
  });

  it('reads padded (fixed-width) and unpadded fields to the same values', () => {
    const padded = UNPADDED.replace(
      'ISA*00**00**ZZ*00009845*ZZ*20006*',
      `ISA*00*${' '.repeat(10)}*00*${' '.repeat(10)}*ZZ*00009845       *ZZ*20006          *`,
    ).replace('NM1*IL*1*SALDAÑA*', 'NM1*IL *1*SALDAÑA                    *');
    expect(padded.indexOf('GS*')).toBe(106);
    const a = parsed(padded);
    expect(elementValue(a.isa, 6)).toBe('00009845');
    expect(body(padded)).toEqual(body(UNPADDED));
  });

  it('ignores line breaks between segments', () => {
    expect(body(UNPADDED.replace(/~/g, '~\r\n'))).toEqual(body(UNPADDED));
  });

  it('collects every envelope error, each naming segment, position and element', () => {
    const broken = UNPADDED.replace('SE*5*0001', 'SE*9*0002')
      .replace('GE*1*123', 'GE*2*124')
      .replace('IEA*1*000000123', 'IEA*1*000000999');
    const issues = issuesOf(broken);
    expect(issues).toEqual([
      expect.objectContaining({ segment: 'SE', position: 7, element: 'SE-01' }),
      expect.objectContaining({ segment: 'SE', position: 7, element: 'SE-02' }),
      expect.objectContaining({ segment: 'GE', position: 8, element: 'GE-01' }),
      expect.objectContaining({ segment: 'GE', position: 8, element: 'GE-02' }),
      expect.objectContaining({ segment: 'IEA', position: 9, element: 'IEA-02' }),
    ]);
    expect(issues[0]!.problem).toContain('5');
    expect(issues[4]!.problem).toContain('000000123');
  });

  it('names missing envelope segments', () => {
    const noSe = UNPADDED.replace('SE*5*0001~', '');
    expect(issuesOf(noSe)).toContainEqual(
      expect.objectContaining({ segment: 'GE', problem: 'expected SE here' }),
    );
    const noIea = UNPADDED.replace('IEA*1*000000123~', '');
    const missing = issuesOf(noIea).find((i) => i.segment === 'IEA');
    expect(missing?.position).toBe(9);
    expect(missing?.problem).toContain('missing IEA');
  });

  it('accepts SUSALUD’s SE count (one more) unless told to count the X12 way', () => {
    const susalud = UNPADDED.replace('SE*5*0001', 'SE*6*0001');
    expect(parseX12(susalud).ok).toBe(true);
    expect(issuesOf(susalud, { seCount: 'x12' })).toEqual([
      expect.objectContaining({ element: 'SE-01' }),
    ]);
    expect(issuesOf(UNPADDED.replace('SE*5*0001', 'SE*7*0001'))).toHaveLength(1);
  });

  it('reports bad segment ids, segments after IEA and bad ISA values', () => {
    const issues = issuesOf(
      UNPADDED.replace('BHT*', 'bh!*').replace('000000123*0', 'ABC*0') + 'REF*XX*1~',
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          segment: 'bh!',
          position: 4,
          problem: 'invalid segment id "bh!"',
        }),
        expect.objectContaining({ segment: 'ISA', element: 'ISA-13' }),
        expect.objectContaining({ segment: 'REF', position: 10, problem: 'after IEA' }),
      ]),
    );
  });

  it('refuses input that is not an interchange, too long, or has too many segments', () => {
    expect(issuesOf('GS*HS~')[0]!.problem).toContain('ISA');
    expect(issuesOf('ISA*00*00~')[0]!.problem).toContain('ISA ends after');
    expect(issuesOf(UNPADDED, { maxLength: 100 })[0]!.problem).toContain('limit of 100');
    expect(issuesOf(UNPADDED, { maxSegments: 5 })[0]!.problem).toContain('more than 5 segments');
  });
});
