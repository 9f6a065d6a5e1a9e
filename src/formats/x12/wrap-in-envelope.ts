import type { X12SegmentData } from './x12-types.ts';

/** What the ISA/GS/ST envelope of one transaction set needs. */
export interface EnvelopeFields {
  /** ISA-06 and GS-02. */
  readonly senderId: string;
  /** ISA-08 and GS-03. */
  readonly receiverId: string;
  /** GS-04, `YYYYMMDD`; ISA-09 is its `YYMMDD`. */
  readonly date: string;
  /** GS-05, `HHMM` or `HHMMSS`; ISA-10 is its `HHMM`. */
  readonly time: string;
  /** ISA-13 and IEA-02. */
  readonly interchangeControlNumber: string;
  /** GS-06 and GE-02. */
  readonly groupControlNumber: string;
  /** ST-02 and SE-02. */
  readonly transactionControlNumber: string;
  /** GS-01: `HS` (270), `HB` (271). */
  readonly functionalId: string;
  /** ST-01: `270`, `271`. */
  readonly transactionSetId: string;
  /** ISA-15: `T` test, `P` production. */
  readonly usage: string;
  /** ISA-12 and GS-08 (SUSALUD's library: `00501`). */
  readonly version?: string;
}

/**
 * Wraps body segments (BHT …) in one ISA/GS/ST … SE/GE/IEA envelope, with SE-01 counted the X12
 * way (ST to SE inclusive) and one group of one transaction set.
 */
export function wrapInEnvelope(
  fields: EnvelopeFields,
  body: readonly X12SegmentData[],
): X12SegmentData[] {
  const version = fields.version ?? '00501';
  // ISA-13 is always 9 digits; IEA-02 repeats it exactly.
  const control = /^\d{1,9}$/.test(fields.interchangeControlNumber)
    ? fields.interchangeControlNumber.padStart(9, '0')
    : fields.interchangeControlNumber;
  const isa = isaSegment(fields, control, version);
  return [
    isa,
    {
      id: 'GS',
      elements: [
        fields.functionalId,
        fields.senderId,
        fields.receiverId,
        fields.date,
        fields.time,
        fields.groupControlNumber,
        'X',
        version,
      ],
    },
    { id: 'ST', elements: [fields.transactionSetId, fields.transactionControlNumber] },
    ...body,
    { id: 'SE', elements: [String(body.length + 2), fields.transactionControlNumber] },
    { id: 'GE', elements: ['1', fields.groupControlNumber] },
    { id: 'IEA', elements: ['1', control] },
  ];
}

function isaSegment(fields: EnvelopeFields, control: string, version: string): X12SegmentData {
  return {
    id: 'ISA',
    elements: [
      '00',
      '',
      '00',
      '',
      'ZZ',
      fields.senderId,
      'ZZ',
      fields.receiverId,
      fields.date.slice(2),
      fields.time.slice(0, 4),
      '|',
      version,
      control,
      '0',
      fields.usage,
      ':',
    ],
  };
}
