import type { Bundle, CoverageEligibilityRequest } from 'fhir/r4.js';
import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import type { ConAse270 } from '../model/con-ase-270.ts';
import type { SitedsHeader } from '../model/header.ts';
import { CON_ASE_SPEC } from './map-con-ase-to-fhir.ts';
import { relocateIssues, REQUEST_LOCATIONS } from './relocate-issues.ts';
import { readRequestView } from '../../fhir/request-view.ts';
import { issueAt } from '../../../mapping/mapping-issue.ts';
import { runSpec } from './run-spec.ts';
import { SITEDS_FHIR } from './siteds-fhir.ts';

/** The envelope of a 270 the broker sends: who sends to whom, and the control numbers. */
export interface ConAseHeader {
  /** ISA-06: the sender (the broker's SITEDS id towards that insurer). */
  readonly senderId: string;
  /** ISA-08: the receiver (the IAFAS). */
  readonly receiverId: string;
  /** ISA-13, 9 digits. */
  readonly interchangeControlNumber: string;
  readonly groupControlNumber: string;
  readonly transactionControlNumber: string;
  /** ISA-15: `P` (default) or `T`. */
  readonly usage?: string;
  /** GS-04 `YYYYMMDD` and GS-05 `HHMM`, used only when the request has no `created`. */
  readonly transactionDate?: string;
  readonly transactionTime?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The canonical request Bundle → a 270_CON_ASE for an insurer that speaks SITEDS, through the
 * spec `siteds-270-con-ase-to-fhir` read backwards. The query type is the SitedsQueryTypePe
 * extension; without it, it is read back from `purpose` (`discovery` → CN, otherwise CC, the
 * loss reported). Entity qualifiers are implied (IPRESS and IAFAS 2, patient 1).
 */
export function mapFhirToConAse(
  bundle: Bundle | CoverageEligibilityRequest,
  ctx: { readonly mappings: MappingSet; readonly header: ConAseHeader },
): { model: ConAse270; issues: MappingIssue[] } {
  const read = readRequestView(bundle);
  const result = runSpec(ctx.mappings, CON_ASE_SPEC, 'to-siteds', read.view);
  const issues = [...read.issues, ...relocateIssues(result.issues, REQUEST_LOCATIONS)];
  const mapped = result.target as Mutable<ConAse270>;
  const header: SitedsHeader = {
    senderId: ctx.header.senderId,
    receiverId: ctx.header.receiverId,
    interchangeControlNumber: ctx.header.interchangeControlNumber,
    groupControlNumber: ctx.header.groupControlNumber,
    transactionControlNumber: ctx.header.transactionControlNumber,
    transactionSetId: '270',
    purpose: '13',
    usage: ctx.header.usage ?? 'P',
    ...(ctx.header.transactionDate === undefined
      ? {}
      : { transactionDate: ctx.header.transactionDate }),
    ...(ctx.header.transactionTime === undefined
      ? {}
      : { transactionTime: ctx.header.transactionTime }),
  };
  const model: ConAse270 = {
    ...header,
    ...mapped,
    ipressQualifier: '2',
    queryType: mapped.queryType ?? queryTypeOf(read.request, ctx.mappings, issues),
    iafasQualifier: '2',
    ...(mapped.patient === undefined ? {} : { patient: { qualifier: '1', ...mapped.patient } }),
  };
  return { model, issues };
}

function queryTypeOf(
  request: CoverageEligibilityRequest | undefined,
  mappings: MappingSet,
  issues: MappingIssue[],
): string {
  const translate = mappings.translate;
  const candidates = (request?.purpose ?? []).map((p) =>
    translate(SITEDS_FHIR.queryTypeToPurpose, p, 'target-to-source'),
  );
  const unique = candidates.find((c) => c.status === 'mapped');
  const code = unique?.status === 'mapped' ? unique.code : 'CC';
  issues.push(
    issueAt(
      'lossy',
      'CoverageEligibilityRequest.purpose',
      `no SitedsQueryTypePe extension: query type ${code} read from purpose ${JSON.stringify(request?.purpose ?? [])}`,
      { value: request?.purpose, code },
    ),
  );
  return code;
}
