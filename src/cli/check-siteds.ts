import { QUERY_TYPES, type QueryType } from '../formats/siteds/model/con-ase-270.ts';
import { readSitedsX12 } from '../formats/siteds/read-siteds-x12.ts';
import { buildSitedsRequest } from '../formats/siteds/soap/build-siteds-request.ts';
import { parseSitedsSoapResponse } from '../formats/siteds/soap/parse-siteds-soap-response.ts';
import { DEFAULT_SOAP_LIMITS } from '../formats/siteds/soap/soap-constants.ts';
import { buildSitedsCheck } from '../sim/build-siteds-check.ts';
import type { ClientAnswer, ParticipantClient } from '../sim/participant-client.ts';
import { UsageError } from './args.ts';
import type { Output } from './output.ts';
import { describeAnswerSignatures } from './verify-answer-signatures.ts';
import type { Registry } from '../registry/participant.ts';

export interface SitedsCheckOptions {
  readonly as: string;
  readonly iafas: string;
  readonly dni: string;
  readonly subtype?: string | undefined;
  readonly surname?: string | undefined;
  readonly names?: string | undefined;
  /** The IPRESS's RUC from the registry, when known. */
  readonly ruc?: string | undefined;
  readonly json: boolean;
}

/**
 * `siteds check --format siteds`: a real 270_CON_ASE (PRV-03 `--subtype`, CC by default) in a
 * ServicePasarela SOAP request to `/siteds/ServicePasarela`; prints the 271 answer's fields (or
 * the raw SOAP with `--json`), its coError and the broker's countersignature. Exit 0 on coError
 * 0000, 1 otherwise.
 */
export async function runSitedsCheck(
  o: SitedsCheckOptions,
  client: ParticipantClient,
): Promise<ClientAnswer> {
  const queryType = (o.subtype ?? 'CC').toUpperCase();
  if (!(QUERY_TYPES as readonly string[]).includes(queryType)) {
    throw new UsageError(`--subtype must be one of ${QUERY_TYPES.join(', ')}`);
  }
  if (queryType === 'CN' && (o.surname === undefined || o.names === undefined)) {
    throw new UsageError('--subtype CN (by name) needs --surname and --names');
  }
  const model = buildSitedsCheck({
    ipress: o.as,
    iafas: o.iafas,
    dni: o.dni,
    queryType: queryType as QueryType,
    ...(o.ruc === undefined ? {} : { ipressRuc: o.ruc }),
    ...(o.surname === undefined ? {} : { surname: o.surname }),
    ...(o.names === undefined ? {} : { givenNames: o.names }),
  });
  return client.post(
    '/siteds/ServicePasarela',
    'text/xml; charset=utf-8',
    buildSitedsRequest(model),
  );
}

/** Prints a ServicePasarela answer; returns the exit code. */
export async function printSitedsAnswer(
  res: ClientAnswer,
  o: SitedsCheckOptions,
  client: ParticipantClient,
  out: Output,
  registry: Registry | undefined,
): Promise<number> {
  const text = res.body.toString('utf8');
  if (o.json) {
    out.log(text);
  }
  const parsed = parseSitedsSoapResponse(res.body, DEFAULT_SOAP_LIMITS);
  if (!parsed.ok) {
    out.error(`broker answered HTTP ${res.status} with a SOAP fault or no SITEDS answer:`);
    out.error(brokerDetails(text).join('\n') || text);
    return 1;
  }
  const { coError, txNombre, txRespuesta } = parsed.answer;
  const signatures = await describeAnswerSignatures(res, client, o.as, registry);
  if (coError !== '0000') {
    out.error(`${txNombre}: coError ${coError}`);
    brokerDetails(text).forEach((l) => {
      out.error(l);
    });
    signatures.forEach((l) => {
      out.error(l);
    });
    return 1;
  }
  if (!o.json) {
    out.log(`${txNombre}: coError ${coError}`);
    const read = readSitedsX12(txNombre, txRespuesta);
    (read.ok ? flatten(read.model) : [`(the 271 does not read: ${read.reason})`]).forEach((l) => {
      out.log(l);
    });
    signatures.forEach((l) => {
      out.log(l);
    });
  }
  return 0;
}

/** `path: value` lines of a 271 model, in model order. */
function flatten(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') {
    return [`  ${prefix}: ${String(value)}`];
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    flatten(v, prefix === '' ? k : `${prefix}.${k}`),
  );
}

/** The broker's error code and every issue from the `brk:error` SOAP header or fault detail. */
function brokerDetails(text: string): string[] {
  const code = /<brk:code>([^<]*)<\/brk:code>/.exec(text)?.[1];
  const issues = [...text.matchAll(/<brk:(?:detail)>([^<]*)<\/brk:detail>/g)].map(
    (m) => `  - ${m[1] ?? ''}`,
  );
  return code === undefined ? issues : [code, ...issues];
}
