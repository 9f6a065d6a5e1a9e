import type { CoverageEligibilityResponse } from 'fhir/r4.js';
import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import type { ConAse270 } from '../model/con-ase-270.ts';
import type { SitedsHeader } from '../model/header.ts';
import type { PersonName } from '../model/parties.ts';
import {
  ANSWER_BY_QUERY_TYPE,
  ANSWER_SPECS,
  type Answer271,
  type AnswerName,
} from './answer-transactions.ts';
import { relocateIssues, RESPONSE_LOCATIONS } from './relocate-issues.ts';
import { readResponseView } from './response-view.ts';
import { issueAt } from '../../../mapping/mapping-issue.ts';
import { runSpec } from './run-spec.ts';

type Loose = Record<string, unknown>;

/**
 * The canonical answer → the 271 that answers the PRV-03 sub-type of `request` (CN →
 * 271_CON_NOM, CC → 271_CON_COD, CD → 271_CON_DTAD, CO → 271_CON_OBS, CM → 271_CON_MED,
 * CP → 271_CON_PROC, RD → 271_RES_DERIVA, RS → 271_RES_SCTR), through that answer's spec read
 * backwards. The envelope answers the 270's (sender and receiver swapped, control numbers
 * echoed); parties and the insured's name and affiliate code the answer lacks come from the
 * 270. An unknown query type is reported and answered as CC.
 */
export function mapFhirToAnswer271(
  response: CoverageEligibilityResponse,
  request: ConAse270,
  ctx: { readonly mappings: MappingSet },
): { transactionName: AnswerName; model: Answer271; issues: MappingIssue[] } {
  const issues: MappingIssue[] = [];
  const asked = ANSWER_BY_QUERY_TYPE[request.queryType ?? ''];
  if (asked === undefined) {
    issues.push(
      issueAt(
        'untranslated',
        'queryType',
        `query type ${String(request.queryType)} has no 271; 271_CON_COD answered`,
        {
          value: request.queryType,
        },
      ),
    );
  }
  const transactionName = asked ?? '271_CON_COD';
  const result = runSpec(
    ctx.mappings,
    ANSWER_SPECS[transactionName],
    'to-siteds',
    readResponseView(response),
  );
  issues.push(...relocateIssues(result.issues, RESPONSE_LOCATIONS));
  if (response.outcome === 'error') {
    issues.push(
      issueAt(
        'unmapped',
        'CoverageEligibilityResponse.error',
        'the answer is an error: a 271 cannot carry it; answer with its coError',
        {
          severity: 'error',
          value: response.error,
        },
      ),
    );
  }
  const mapped = result.target;
  const model = {
    ...answerHeader(request),
    ...mapped,
    iafasQualifier: '2',
    iafasCode: (mapped.iafasCode as string | undefined) ?? request.iafasCode,
    ipressQualifier: '2',
    ipressRuc: (mapped.ipressRuc as string | undefined) ?? request.ipressRuc,
    ...withInsured(transactionName, mapped, request.patient),
  } as Answer271;
  return { transactionName, model, issues };
}

/** The 271 envelope answering a 270: sender and receiver swapped, control numbers echoed. */
function answerHeader(request: ConAse270): SitedsHeader {
  return {
    ...(request.receiverId === undefined ? {} : { senderId: request.receiverId }),
    ...(request.senderId === undefined ? {} : { receiverId: request.senderId }),
    ...(request.transactionDate === undefined ? {} : { transactionDate: request.transactionDate }),
    ...(request.transactionTime === undefined ? {} : { transactionTime: request.transactionTime }),
    ...(request.interchangeControlNumber === undefined
      ? {}
      : { interchangeControlNumber: request.interchangeControlNumber }),
    ...(request.groupControlNumber === undefined
      ? {}
      : { groupControlNumber: request.groupControlNumber }),
    ...(request.transactionControlNumber === undefined
      ? {}
      : { transactionControlNumber: request.transactionControlNumber }),
    ...(request.usage === undefined ? {} : { usage: request.usage }),
    transactionSetId: '271',
    purpose: '11',
  };
}

/** The insured as the answer names them, completed from the 270 and qualified as a person. */
function insured(mapped: unknown, asked: PersonName | undefined): PersonName {
  return { ...asked, ...(mapped as PersonName | undefined), qualifier: '1' };
}

/** The insured person(s) of the answer, where each 271 keeps them. */
function withInsured(name: AnswerName, mapped: Loose, asked: PersonName | undefined): Loose {
  const each = (key: string): Loose => {
    const list = (mapped[key] ?? []) as Loose[];
    return list.length === 0
      ? {}
      : { [key]: list.map((m) => ({ ...m, patient: insured(m.patient, asked) })) };
  };
  if (name === '271_CON_NOM') {
    return each('matches');
  }
  if (name === '271_RES_DERIVA') {
    return each('referrals');
  }
  const titular = mapped.titular as Loose | undefined;
  return {
    patient: insured(mapped.patient, asked),
    ...(titular === undefined ? {} : { titular: { ...titular, qualifier: '1' } }),
  };
}
