import { elementName, elementValue } from '../x12/element-value.ts';
import { parseX12, type ParseX12Options } from '../x12/parse-x12.ts';
import type {
  X12Group,
  X12Interchange,
  X12Issue,
  X12Segment,
  X12TransactionSet,
} from '../x12/x12-types.ts';
import { readLayout } from './layout/read-layout.ts';
import { readHeader } from './read-header.ts';
import {
  resolveTransactionName,
  SITEDS_TRANSACTIONS,
  type SitedsModels,
  type SitedsTransactionName,
} from './transactions.ts';

export type ReadSitedsResult<N extends SitedsTransactionName> =
  | {
      readonly ok: true;
      readonly name: N;
      readonly model: SitedsModels[N];
      /** Segments the layout does not map: reported, never silently dropped. */
      readonly unmapped: readonly X12Issue[];
    }
  | {
      readonly ok: false;
      readonly reason: 'unknown-transaction' | 'x12-invalid';
      readonly issues: readonly X12Issue[];
    };

/**
 * Reads a SITEDS X12 string (`txPeticion` / `txRespuesta`) into the typed model of transaction
 * `name` (matched case-insensitively): envelope checked, one transaction set, ST-01 and GS-01
 * as the transaction requires, body read by its layout.
 */
export function readSitedsX12<N extends SitedsTransactionName>(
  name: N | string,
  x12: string,
  options: ParseX12Options = {},
): ReadSitedsResult<N> {
  const resolved = resolveTransactionName(name);
  if (resolved === undefined) {
    const problem = `unknown SITEDS transaction "${name}"`;
    return {
      ok: false,
      reason: 'unknown-transaction',
      issues: [{ segment: 'ST', position: 0, problem }],
    };
  }
  const parsed = parseX12(x12, options);
  if (!parsed.ok) {
    return { ok: false, reason: 'x12-invalid', issues: parsed.issues };
  }
  const only = onlyTransactionSet(parsed.interchange);
  if ('problem' in only) {
    return { ok: false, reason: 'x12-invalid', issues: [only] };
  }
  const { group, set } = only;
  const tx = SITEDS_TRANSACTIONS[resolved];
  const issues = [...expect(set.st, 1, [tx.setId]), ...expect(group.gs, 1, tx.functionalIds)];
  if (issues.length > 0) {
    return { ok: false, reason: 'x12-invalid', issues };
  }
  const body = readLayout(tx.layout, set.body);
  return {
    ok: true,
    name: resolved as N,
    model: { ...readHeader(parsed.interchange, group.gs, set.st), ...body.record },
    unmapped: body.unmapped.map((s) => ({
      segment: s.id,
      position: s.position,
      problem: `not part of the ${resolved} layout`,
    })),
  };
}

/** A SITEDS string carries one group with one transaction set. */
function onlyTransactionSet(
  interchange: X12Interchange,
): { readonly group: X12Group; readonly set: X12TransactionSet } | X12Issue {
  const [group, ...otherGroups] = interchange.groups;
  const [set, ...otherSets] = group?.transactions ?? [];
  if (group === undefined || set === undefined || otherGroups.length + otherSets.length > 0) {
    const problem = 'a SITEDS string carries exactly one group with one transaction set';
    return { segment: 'GS', position: 2, problem };
  }
  return { group, set };
}

function expect(segment: X12Segment, element: number, allowed: readonly string[]): X12Issue[] {
  const value = elementValue(segment, element);
  if (allowed.includes(value)) {
    return [];
  }
  return [
    {
      segment: segment.id,
      position: segment.position,
      element: elementName(segment.id, element),
      problem: `"${value}" but this transaction needs ${allowed.join(' or ')}`,
    },
  ];
}
