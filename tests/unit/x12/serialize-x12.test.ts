import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadElementWidths } from '../../../src/formats/x12/element-widths.ts';
import { parseX12 } from '../../../src/formats/x12/parse-x12.ts';
import { serializeX12 } from '../../../src/formats/x12/serialize-x12.ts';
import { wrapInEnvelope } from '../../../src/formats/x12/wrap-in-envelope.ts';

const ENVELOPE = {
  senderId: '00009845',
  receiverId: '20006',
  date: '20210315',
  time: '103000',
  interchangeControlNumber: '123',
  groupControlNumber: '45',
  transactionControlNumber: '0001',
  functionalId: 'HS',
  transactionSetId: '270',
  usage: 'T',
};
const BODY = [
  { id: 'BHT', elements: ['0022', '13'] },
  { id: 'NM1', elements: ['PR', '2', '', '', '', '', '', 'PI', '20123456789', '', '', ''] },
  { id: 'REF', elements: ['D7', '4', '', ['ZZ', '528', '']] },
];
const WIDTHS = loadElementWidths(
  path.join(import.meta.dirname, '../../../conformance/siteds/element-widths.json'),
);

describe('serializeX12 and wrapInEnvelope', () => {
  it('pads ISA to its fixed widths and counts SE the X12 way', () => {
    const text = serializeX12(wrapInEnvelope(ENVELOPE, BODY));
    const isa = text.slice(0, text.indexOf('~'));
    expect(isa).toHaveLength(105);
    expect(isa.split('*')[6]).toBe('00009845       ');
    expect(isa.split('*')[13]).toBe('000000123');
    expect(isa.split('*')[10]).toBe('1030');
    expect(text).toContain('~SE*5*0001~GE*1*45~IEA*1*000000123~');
    expect(parseX12(text, { seCount: 'x12' }).ok).toBe(true);
  });

  it('drops trailing empty elements and components when unpadded', () => {
    const text = serializeX12(BODY);
    expect(text).toBe('BHT*0022*13~NM1*PR*2******PI*20123456789~REF*D7*4**ZZ:528~');
  });

  it('can leave ISA unpadded', () => {
    const text = serializeX12(wrapInEnvelope(ENVELOPE, BODY), { padIsa: false });
    expect(
      text.startsWith('ISA*00**00**ZZ*00009845*ZZ*20006*210315*1030*|*00501*000000123*0*T*:~'),
    ).toBe(true);
  });

  it('pads every element to the width table like SUSALUD’s library, never cutting a value', () => {
    const text = serializeX12([{ id: 'NM1', elements: ['PR', '2', 'X'.repeat(70)] }], {
      widths: WIDTHS,
    });
    const elements = text.slice(0, -1).split('*');
    expect(elements).toHaveLength(13);
    expect(elements[1]).toBe('PR ');
    expect(elements[3]).toBe('X'.repeat(70));
    expect(elements[12]).toBe(' '.repeat(60));
    const gs = serializeX12([{ id: 'GS', elements: ['HS', 'A', 'B', '20210315', '1030', '45'] }], {
      widths: WIDTHS,
    });
    expect(gs.split('*')[6]).toBe('000000045');
  });

  it('writes what parseX12 reads back, padded or not', () => {
    const segments = wrapInEnvelope(ENVELOPE, BODY);
    const plain = parseX12(serializeX12(segments));
    const padded = parseX12(serializeX12(segments, { widths: WIDTHS, lineBreaks: true }));
    expect(plain.ok && padded.ok).toBe(true);
    if (plain.ok && padded.ok) {
      const bodyOf = (i: typeof plain.interchange) =>
        i.groups[0]!.transactions[0]!.body.map((s) => [
          s.id,
          s.elements
            .map((e) => e.join(':'))
            .join('*')
            .replace(/\*+$/, ''),
        ]);
      expect(bodyOf(padded.interchange)).toEqual(bodyOf(plain.interchange));
    }
  });

  it('refuses a bad width table naming its path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'widths-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ segments: { NM1: { widths: [3, -1] } } }));
    expect(() => loadElementWidths(file)).toThrow(`${file}: segments.NM1`);
    writeFileSync(file, '{');
    expect(() => loadElementWidths(file)).toThrow(file);
  });
});
