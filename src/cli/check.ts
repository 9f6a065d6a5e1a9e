import type { Coding, CoverageEligibilityResponse, OperationOutcome } from 'fhir/r4.js';
import type { Config } from '../config/config.ts';
import { FHIR_JSON } from '../formats/fhir/identifier-systems.ts';
import { buildEligibilityRequest, parseServiceCode } from '../sim/build-eligibility-request.ts';
import {
  createParticipantClient,
  type ClientAnswer,
  type ParticipantClient,
} from '../sim/participant-client.ts';
import { parseOptions, UsageError } from './args.ts';
import { summarizeEligibility, summarizeOutcome } from './summarize-eligibility.ts';
import type { Output } from './output.ts';
import { describeAnswerSignatures } from './verify-answer-signatures.ts';
import { loadRegistry } from '../registry/load-registry.ts';
import { runCheckHl7v2, wantsHl7v2 } from './check-hl7v2.ts';
import type { Registry } from '../registry/participant.ts';
import { printSitedsAnswer, runSitedsCheck, type SitedsCheckOptions } from './check-siteds.ts';

export const CHECK_USAGE =
  'siteds check --as <ipress> --iafas <code> --dni <dni> [--format fhir|siteds] ' +
  '[--subtype CC|CN|CD|CO|CM|CP|RD|RS] [--surname S --names N] ' +
  '[--service ATC:CODE|CPMS:CODE|DIGEMID:CODE|system|code] [--url URL] [--certs DIR] [--json]';

/**
 * `siteds check`: sends a real eligibility request as an IPRESS (its certificate and signing key
 * from the dev PKI) and prints the answer, and on stderr which signatures on it verify. Exit 0 when the broker answered 200, 1 on an error answer (with
 * the error's code and text), 3 when the broker could not be reached.
 */
export async function runCheck(argv: string[], config: Config, out: Output): Promise<number> {
  if (wantsHl7v2(argv)) {
    return runCheckHl7v2(argv, config, out); // HL7 v2 RQI^I01 over MLLP/TLS or HTTPS
  }
  const { values } = parseOptions(argv, {
    as: { type: 'string' },
    iafas: { type: 'string' },
    dni: { type: 'string' },
    url: { type: 'string', default: `https://localhost:${config.port}` },
    certs: { type: 'string', default: config.certsDir },
    json: { type: 'boolean', default: false },
    format: { type: 'string', default: 'fhir' },
    subtype: { type: 'string' },
    surname: { type: 'string' },
    names: { type: 'string' },
    service: { type: 'string' },
  });
  if (values.as === undefined || values.iafas === undefined || values.dni === undefined) {
    throw new UsageError('--as, --iafas and --dni are required');
  }
  if (values.format === 'siteds') {
    const registry = tryLoadRegistry(config);
    const ruc = registry?.findByCode(values.as)?.ruc;
    const o = { ...values, as: values.as, iafas: values.iafas, dni: values.dni, ruc };
    return checkSiteds(o, { url: values.url, certs: values.certs, registry }, out);
  }
  if (values.format !== 'fhir') {
    throw new UsageError('--format must be fhir or siteds');
  }
  return checkFhir({ ...values, as: values.as, iafas: values.iafas, dni: values.dni }, config, out);
}

/** The FHIR check: a Bundle to `$submit`, the answer summarized with its signatures. */
async function checkFhir(
  values: {
    readonly as: string;
    readonly iafas: string;
    readonly dni: string;
    readonly url: string;
    readonly certs: string;
    readonly json: boolean;
    readonly service?: string | undefined;
  },
  config: Config,
  out: Output,
): Promise<number> {
  const bundle = buildEligibilityRequest({
    ipress: values.as,
    iafas: values.iafas,
    dni: values.dni,
    service: serviceOption(values.service),
  });
  const client = createParticipantClient(values.certs, values.as, values.url);
  let res: ClientAnswer;
  try {
    res = await client.post(
      '/fhir/CoverageEligibilityRequest/$submit',
      FHIR_JSON,
      JSON.stringify(bundle),
    );
  } catch (err) {
    await client.close();
    const e = err as { code?: string; message: string };
    out.error(`cannot reach the broker at ${values.url}: ${e.code ?? ''} ${e.message}`.trim());
    return 3;
  }
  try {
    if (values.json) {
      out.log(res.body.toString('utf8'));
      return res.status === 200 ? 0 : printError(res, out);
    }
    return await printFhirAnswer(res, client, values.as, tryLoadRegistry(config), out);
  } finally {
    await client.close();
  }
}

/** The answer summarized (or the error), then which of its signatures verify; the exit code. */
async function printFhirAnswer(
  res: ClientAnswer,
  client: ParticipantClient,
  self: string,
  registry: Registry | undefined,
  out: Output,
): Promise<number> {
  const text = res.body.toString('utf8');
  const signatures = await describeAnswerSignatures(res, client, self, registry);
  if (res.status === 200) {
    const answer = JSON.parse(text) as CoverageEligibilityResponse;
    out.log(summarizeEligibility(answer, (code) => registry?.findByCode(code)?.name));
    signatures.forEach((l) => {
      out.log(l);
    });
    return 0;
  }
  signatures.forEach((l) => {
    out.error(l);
  });
  return printError(res, out);
}

/** An error answer: its status and its catalogued code and text; exit code 1. */
function printError(res: ClientAnswer, out: Output): number {
  const text = res.body.toString('utf8');
  out.error(`broker answered HTTP ${res.status}`);
  out.error(isOutcome(text) ? summarizeOutcome(JSON.parse(text) as OperationOutcome) : text);
  return 1;
}

function serviceOption(text: string | undefined): Coding | undefined {
  const service = text === undefined ? undefined : parseServiceCode(text);
  if (text !== undefined && service === undefined) {
    throw new UsageError('--service is ATC:<code>, CPMS:<code>, DIGEMID:<code> or <system>|<code>');
  }
  return service;
}

function isOutcome(text: string): boolean {
  try {
    return (JSON.parse(text) as { resourceType?: string }).resourceType === 'OperationOutcome';
  } catch {
    return false;
  }
}

function tryLoadRegistry(config: Config): Registry | undefined {
  try {
    return loadRegistry(config.registryFile, config.rootDir);
  } catch {
    return undefined;
  }
}

async function checkSiteds(
  o: SitedsCheckOptions,
  where: { readonly url: string; readonly certs: string; readonly registry: Registry | undefined },
  out: Output,
): Promise<number> {
  const { url, certs } = where;
  const client = createParticipantClient(certs, o.as, url);
  try {
    let res: ClientAnswer;
    try {
      res = await runSitedsCheck(o, client);
    } catch (err) {
      if (err instanceof UsageError) {
        throw err;
      }
      const e = err as { code?: string; message: string };
      out.error(`cannot reach the broker at ${url}: ${e.code ?? ''} ${e.message}`.trim());
      return 3;
    }
    return await printSitedsAnswer(res, o, client, out, where.registry);
  } finally {
    await client.close();
  }
}
