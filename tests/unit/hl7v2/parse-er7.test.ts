import { describe, expect, it } from 'vitest';
import { buildMessage } from '../../../src/formats/hl7v2/build-message.ts';
import { escapeHl7, unescapeHl7 } from '../../../src/formats/hl7v2/escape.ts';
import { DEFAULT_ENCODING } from '../../../src/formats/hl7v2/encoding.ts';
import { Hl7ParseError, parseEr7 } from '../../../src/formats/hl7v2/parse-er7.ts';
import { hl7Vector } from './vectors.ts';

const MSH = 'MSH|^~\\&|HIS|00009845|SITEDS|BROKER|20261127101500||RQI^I01^RQI_I01|MSG0001|P|2.5.1';

describe('ER7 parsing and serialization', () => {
  it.each(['hl7-ch2-adt-a01.er7', 'rqi-i01-two-insurers.er7', 'rpi-i01-covered.er7'])(
    'gives back the same bytes for %s',
    (name) => {
      const bytes = hl7Vector(name);
      expect(parseEr7(bytes).toBuffer().equals(bytes)).toBe(true);
    },
  );

  it('keeps sub-components: MRN^^^HOSP&1.2.3&ISO^MR round-trips and reads 1-based', () => {
    const text = `${MSH}\rPID|1||MRN^^^HOSP&1.2.3&ISO^MR||Quispe^Rosa\r`;
    const m = parseEr7(text);
    const pid3 = m.segment('PID')?.field(3);
    expect(m.toString()).toBe(text);
    expect(pid3?.value).toBe('MRN');
    expect(pid3?.component(4).raw).toBe('HOSP&1.2.3&ISO');
    expect(pid3?.component(4).subComponent(2).value).toBe('1.2.3');
    expect(pid3?.subComponent(1).value).toBe('MRN');
    expect(pid3?.component(5).value).toBe('MR');
    expect(m.segment('PID')?.field(5).component(2).value).toBe('Rosa');
  });

  it('numbers MSH like HL7: MSH-1 is the separator, MSH-2 the encoding characters, MSH-9.2 the event', () => {
    const msh = parseEr7(`${MSH}\r`).header;
    expect([msh.field(1).value, msh.field(2).value, msh.field(3).value]).toEqual([
      '|',
      '^~\\&',
      'HIS',
    ]);
    expect(msh.field(9).component(2).value).toBe('I01');
    expect(msh.field(12).value).toBe('2.5.1');
    expect(msh.fieldCount).toBe(12);
  });

  it('reads repetitions, and the accessors past the end are empty', () => {
    const m = parseEr7(hl7Vector('rqi-i01-two-insurers.er7'));
    const pid3 = m.segment('PID')!.field(3);
    expect(pid3.children.map((r) => r.component(5).value)).toEqual(['NI', 'MR']);
    expect(pid3.repetition(2).component(4).subComponent(1).value).toBe('HOSP');
    expect(pid3.repetition(3).isEmpty).toBe(true);
    expect(m.segment('PID')!.field(40).component(9).value).toBe('');
    expect(m.segment('IN1', 2)?.field(4).value).toBe('Rímac EPS');
    expect(m.segmentsNamed('IN1')).toHaveLength(2);
    expect(() => m.segment('PID')!.field(0)).toThrow(RangeError);
  });

  it('reads the IN1 fields the Peru mapping uses by their HL7 numbers', () => {
    const in1 = parseEr7(hl7Vector('rpi-i01-covered.er7')).segment('IN1')!;
    const read = [3, 12, 13, 17, 29, 35, 36, 49].map((n) => in1.field(n).value);
    expect(read).toEqual([
      '10001',
      '20260101',
      '20261231',
      'SEL',
      '20261127101501-0500',
      'SIS-GRAT',
      'POL-0042',
      '41000001',
    ]);
    expect(in1.field(3).component(4).value).toBe('SUSALUD');
  });

  it('takes the delimiters from MSH-1 and MSH-2, whatever they are', () => {
    const text = 'MSH#$*!%#HIS#H1##########2.5.1\rPID#1##A$$$H%1.2%ISO$MR*B$$$$SS##O!F!Brien$Ana\r';
    const m = parseEr7(text);
    const pid = m.segment('PID')!;
    expect(m.toString()).toBe(text);
    expect(pid.field(3).component(4).subComponent(2).value).toBe('1.2');
    expect(pid.field(3).repetition(2).value).toBe('B');
    expect(pid.field(5).value).toBe('O#Brien');
  });

  it('unescapes \\F\\ \\S\\ \\T\\ \\R\\ \\E\\ and \\X..\\, keeps formatting escapes verbatim', () => {
    const enc = DEFAULT_ENCODING;
    expect(unescapeHl7('A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\', enc)).toBe('A|B^C&D~E\\');
    expect(unescapeHl7('\\X41\\\\XC3A9\\', enc)).toBe('Aé');
    expect(unescapeHl7('a\\.br\\b\\H\\c\\N\\', enc)).toBe('a\\.br\\b\\H\\c\\N\\');
    expect(unescapeHl7('no end \\F', enc)).toBe('no end \\F');
    const hard = 'O|Brien ^ Sons & ~ \\ co\r\nx';
    expect(unescapeHl7(escapeHl7(hard, enc), enc)).toBe(hard);
  });

  it('builds segments with escaping, components, sub-components and repetitions', () => {
    const m = buildMessage([
      { name: 'MSH', fields: { 3: 'SITEDS', 9: ['RPI', 'I01', 'RPI_I01'], 10: 'X1', 12: '2.5.1' } },
      {
        name: 'PID',
        fields: {
          3: {
            repeat: [
              ['MRN', '', '', ['HOSP', '1.2.3', 'ISO'], 'MR'],
              ['M0042|7', '', '', '', 'MB'],
            ],
          },
          5: ["O'Brien & Sons", 'Ana', ''],
        },
      },
    ]);
    expect(m.toString()).toBe(
      'MSH|^~\\&|SITEDS||||||RPI^I01^RPI_I01|X1||2.5.1\r' +
        "PID|||MRN^^^HOSP&1.2.3&ISO^MR~M0042\\F\\7^^^^MB||O'Brien \\T\\ Sons^Ana\r",
    );
    const back = parseEr7(m.toString()).segment('PID')!;
    expect(back.field(3).repetition(2).value).toBe('M0042|7');
    expect(back.field(5).value).toBe("O'Brien & Sons");
  });

  it('decodes bytes by MSH-18: UTF-8 by default (strict), Latin-1 when declared 8859/1', () => {
    const latin = Buffer.from(`${MSH}||||||8859/1\rPID|1||X||Nuñez\r`, 'latin1');
    const m = parseEr7(latin);
    expect(m.segment('PID')!.field(5).value).toBe('Nuñez');
    expect(m.toBuffer().equals(latin)).toBe(true);
    const undeclared = Buffer.from(`${MSH}\rPID|1||X||Nuñez\r`, 'latin1');
    expect(() => parseEr7(undeclared)).toThrow(/UTF-8/);
  });

  it('refuses what is not a message, listing every bad segment', () => {
    expect(() => parseEr7('hello')).toThrow(Hl7ParseError);
    expect(() => parseEr7('MSH|^~|X')).toThrow(/MSH-2/);
    expect(() => parseEr7('MSH|^^\\&|X')).toThrow(/distintos/);
    let err: unknown;
    try {
      parseEr7(`${MSH}\rpid|1\rPID|1\rTHIS IS NOT\r`);
    } catch (e) {
      err = e;
    }
    expect((err as Hl7ParseError).issues.map((i) => i.location)).toEqual([
      'segmento 2',
      'segmento 4',
    ]);
  });

  it('tolerates CR LF segment ends and blank lines (not byte-identical then)', () => {
    const m = parseEr7(`${MSH}\r\nPID|1||X\r\n\r\n`);
    expect(m.segments.map((s) => s.name)).toEqual(['MSH', 'PID']);
    expect(m.toString()).toBe(`${MSH}\rPID|1||X\r`);
  });
});
