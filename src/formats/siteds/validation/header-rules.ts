import { FORMATS, oneOf, pattern, required, type FieldRule } from './field-rule.ts';

/** Envelope rules every SITEDS transaction shares (domain.md §1.7: 0100–0116, 0750–0766). */
export const HEADER_RULES: readonly FieldRule[] = [
  required('0101', 'senderId', 'sender (ISA-06) missing'),
  required('0102', 'receiverId', 'receiver (ISA-08) missing'),
  required('0103', 'transactionDate', 'transaction date (GS-04) missing'),
  required('0104', 'transactionTime', 'transaction time (GS-05) missing'),
  required('0105', 'interchangeControlNumber', 'correlativo (ISA-13) missing'),
  required('0106', 'transactionSetId', 'transaction id (ST-01) missing'),
  required('0107', 'purpose', 'finalidad (BHT-02) missing'),
  pattern('0751', 'senderId', FORMATS.alnum15),
  pattern('0752', 'receiverId', FORMATS.alnum15, 'inferred'),
  pattern('0753', 'transactionDate', FORMATS.date),
  pattern('0754', 'transactionTime', FORMATS.time, 'inferred'),
  pattern('0755', 'interchangeControlNumber', FORMATS.nineDigits),
  oneOf('0756', 'transactionSetId', ['270', '271'], 'inferred'),
  pattern('0757', 'purpose', FORMATS.twoDigits),
];

/** The two parties, whichever loop carries them (270: PR = IPRESS; 271: PR = IAFAS). */
export const PARTY_RULES: readonly FieldRule[] = [
  required('0111', 'ipressRuc', 'IPRESS RUC missing'),
  pattern('0761', 'ipressRuc', FORMATS.ruc),
  required('0110', 'iafasCode', 'IAFAS code missing', 'ours'),
  pattern('0759', 'iafasCode', FORMATS.iafas, 'ours'),
];
