/**
 * HL7 table 0357, message error condition codes (v2.5.1), and table 0516, error severity.
 * The texts go in ERR-3.2; the codes are what a receiving system acts on.
 */
export const HL7_ERROR_CODES = {
  '0': 'Message accepted',
  '100': 'Segment sequence error',
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '202': 'Unsupported processing id',
  '203': 'Unsupported version id',
  '204': 'Unknown key identifier',
  '205': 'Duplicate key identifier',
  '206': 'Application record locked',
  '207': 'Application internal error',
} as const;

export type Hl7ErrorCode = keyof typeof HL7_ERROR_CODES;

/** Table 0516: E error, W warning, I information, F fatal error. */
export type Hl7Severity = 'E' | 'W' | 'I' | 'F';
