import type { ElementWidths } from '../x12/element-widths.ts';
import { serializeX12 } from '../x12/serialize-x12.ts';
import { wrapInEnvelope } from '../x12/wrap-in-envelope.ts';
import { writeLayout } from './layout/write-layout.ts';
import type { SitedsHeader } from './model/header.ts';
import {
  SITEDS_TRANSACTIONS,
  type SitedsModels,
  type SitedsTransactionName,
} from './transactions.ts';

export interface WriteSitedsOptions {
  /** Pad every element like SUSALUD's library (`conformance/siteds/element-widths.json`). */
  readonly widths?: ElementWidths;
}

/**
 * Writes the typed model of transaction `name` as a SITEDS X12 string: ISA (fixed widths), GS,
 * ST, the body by the transaction's layout, SE/GE/IEA with counts and control numbers. Missing
 * envelope fields are written empty: validate the model first (`validateSitedsModel`). ISA-15
 * defaults to `P` (production) and BHT-02 to the transaction's purpose (13 request, 11 answer).
 */
export function writeSitedsX12<N extends SitedsTransactionName>(
  name: N,
  model: SitedsModels[N],
  options: WriteSitedsOptions = {},
): string {
  const tx = SITEDS_TRANSACTIONS[name];
  const header: SitedsHeader = model;
  const withPurpose = { ...model, purpose: header.purpose ?? tx.purpose };
  const segments = wrapInEnvelope(
    {
      senderId: header.senderId ?? '',
      receiverId: header.receiverId ?? '',
      date: header.transactionDate ?? '',
      time: header.transactionTime ?? '',
      interchangeControlNumber: header.interchangeControlNumber ?? '',
      groupControlNumber: header.groupControlNumber ?? '',
      transactionControlNumber: header.transactionControlNumber ?? '',
      functionalId: tx.functionalIds[0] ?? '',
      transactionSetId: tx.setId,
      usage: header.usage ?? 'P',
    },
    writeLayout(tx.layout, withPurpose),
  );
  return serializeX12(segments, options.widths === undefined ? {} : { widths: options.widths });
}
