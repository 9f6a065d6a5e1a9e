import { elementValue } from '../x12/element-value.ts';
import type { X12Interchange, X12Segment } from '../x12/x12-types.ts';
import type { SitedsHeader } from './model/header.ts';

/** The envelope fields of a SITEDS transaction (BHT-02 is read by the layout). */
export function readHeader(
  interchange: X12Interchange,
  gs: X12Segment,
  st: X12Segment,
): Record<string, string> {
  const fields: Record<keyof Omit<SitedsHeader, 'purpose'>, string> = {
    senderId: elementValue(interchange.isa, 6),
    receiverId: elementValue(interchange.isa, 8),
    transactionDate: elementValue(gs, 4),
    transactionTime: elementValue(gs, 5),
    interchangeControlNumber: elementValue(interchange.isa, 13),
    groupControlNumber: elementValue(gs, 6),
    transactionControlNumber: elementValue(st, 2),
    transactionSetId: elementValue(st, 1),
    usage: elementValue(interchange.isa, 15),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
}
