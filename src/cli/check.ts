import type { CoverageEligibilityResponse, OperationOutcome } from 'fhir/r4.js';
import type { Config } from '../config/config.ts';
import { FHIR_JSON } from '../formats/fhir/identifier-systems.ts';
import { buildEligibilityRequest } from '../sim/build-eligibility-request.ts';
import { createParticipantClient, type ClientAnswer } from '../sim/participant-client.ts';
import { parseOptions, UsageError } from './args.ts';
import { summarizeEligibility, summarizeOutcome } from './summarize-eligibility.ts';
import type { Output } from './output.ts';
import { describeAnswerSignatures } from './verify-answer-signatures.ts';
import { loadRegistry } from '../registry/load-registry.ts';
import { runCheckHl7v2, wantsHl7v2 } from './check-hl7v2.ts';
import type { Registry } from '../registry/participant.ts';

export const CHECK_USAGE =
  'siteds check --as <ipress> --iafas <code> --dni <dni> [--url URL] [--certs DIR] [--json]';

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
  });
  if (values.as === undefined || values.iafas === undefined || values.dni === undefined) {
    throw new UsageError('--as, --iafas and --dni are required');
  }
  const client = createParticipantClient(values.certs, values.as, values.url);
  const bundle = buildEligibilityRequest({
    ipress: values.as,
    iafas: values.iafas,
    dni: values.dni,
  });
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
    const text = res.body.toString('utf8');
    if (values.json) {
      out.log(text);
    }
    const signatures = values.json
      ? []
      : await describeAnswerSignatures(res, client, values.as, tryLoadRegistry(config));
    if (res.status === 200) {
      if (!values.json) {
        out.log(summarizeEligibility(JSON.parse(text) as CoverageEligibilityResponse));
        signatures.forEach((l) => {
          out.log(l);
        });
      }
      return 0;
    }
    signatures.forEach((l) => {
      out.error(l);
    });
    out.error(`broker answered HTTP ${res.status}`);
    out.error(isOutcome(text) ? summarizeOutcome(JSON.parse(text) as OperationOutcome) : text);
    return 1;
  } finally {
    await client.close();
  }
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
