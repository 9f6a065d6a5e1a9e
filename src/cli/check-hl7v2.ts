import { controlIdOf } from '../gateway/hl7v2/control-id.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.ts';
import { mapFhirToRqi } from '../formats/hl7v2/map/map-fhir-to-rqi.ts';
import type { Hl7Message } from '../formats/hl7v2/message.ts';
import { parseEr7 } from '../formats/hl7v2/parse-er7.ts';
import { HL7_ER7 } from '../gateway/hl7v2/hl7-exchange.ts';
import { keyFilesOf } from '../jose/key-files.ts';
import { loadSigningKey } from '../jose/signing-key.ts';
import { detachZsg } from '../jose/zsg-segment.ts';
import { describeCountersignature } from './verify-answer-signatures.ts';
import { signZsg } from '../jose/zsg-signature.ts';
import { loadMappings } from '../mapping/load-mappings.ts';
import { buildEligibilityRequest } from '../sim/build-eligibility-request.ts';
import { createParticipantClient } from '../sim/participant-client.ts';
import { sendMllp } from '../transport/mllp/send-mllp.ts';
import { parseOptions, UsageError } from './args.ts';
import type { Output } from './output.ts';

export const CHECK_HL7V2_USAGE =
  'siteds check --format hl7v2 [--transport mllp|https] --as <ipress> --iafas <code> --dni <dni> [--url URL] [--mllp HOST:PORT] [--certs DIR] [--json]';

/** Whether `siteds check` was asked for HL7 v2 (`--format hl7v2` or `--format=hl7v2`). */
export function wantsHl7v2(argv: readonly string[]): boolean {
  return argv.some(
    (a, i) => a === '--format=hl7v2' || (a === '--format' && argv[i + 1] === 'hl7v2'),
  );
}

/**
 * `siteds check --format hl7v2`: sends a real RQI^I01 as an IPRESS (built from the same canonical
 * request as the FHIR check, through mappings/hl7v2/) over MLLP/TLS with a ZSG signature
 * (default) or `POST /hl7v2` with `x-jws-signature`, and prints the answer segment by segment
 * with a summary. Exit 0 on MSA AA, 1 on an ACK AE/AR (its ERRs printed), 3 when unreachable.
 */
export async function runCheckHl7v2(argv: string[], config: Config, out: Output): Promise<number> {
  const { values } = parseOptions(argv, {
    format: { type: 'string' },
    transport: { type: 'string', default: 'mllp' },
    as: { type: 'string' },
    iafas: { type: 'string' },
    dni: { type: 'string' },
    url: { type: 'string', default: `https://localhost:${config.port}` },
    mllp: { type: 'string', default: `localhost:${config.mllpPort}` },
    certs: { type: 'string', default: config.certsDir },
    json: { type: 'boolean', default: false },
  });
  const { as, iafas, dni } = values;
  if (as === undefined || iafas === undefined || dni === undefined) {
    throw new UsageError('--as, --iafas and --dni are required');
  }
  if (values.transport !== 'mllp' && values.transport !== 'https') {
    throw new UsageError(`--transport is mllp or https, not ${values.transport}`);
  }
  const controlId = controlIdOf(crypto.randomUUID());
  const { message } = mapFhirToRqi(buildEligibilityRequest({ ipress: as, iafas, dni }), {
    mappings: loadMappings(path.join(config.rootDir, 'mappings')),
    envelope: {
      sendingApplication: 'SITEDS-CHECK',
      sendingFacility: as,
      receivingApplication: 'SITEDS',
      receivingFacility: config.brokerCode,
      controlId,
      now: new Date(),
    },
  });
  let answer: Buffer;
  try {
    answer =
      values.transport === 'https'
        ? await overHttps(values.certs, as, values.url, message)
        : await overMllp(values.certs, as, values.mllp, config.brokerCode, message, controlId);
  } catch (err) {
    const e = err as { code?: string; message: string };
    const where = values.transport === 'https' ? values.url : `mllps://${values.mllp}`;
    out.error(`cannot reach the broker at ${where}: ${e.code ?? ''} ${e.message}`.trim());
    return 3;
  }
  const zsgLine =
    values.transport === 'mllp'
      ? await describeZsg(answer, values.certs, as, values.url)
      : undefined;
  return printAnswer(answer, values.json, out, zsgLine);
}

/**
 * The broker's ZSG on an MLLP answer, verified like its HTTP countersignature: against the
 * broker's published JWKS (`--url`), over the message bytes before the ZSG, addressed to us.
 */
async function describeZsg(
  answer: Buffer,
  certs: string,
  as: string,
  url: string,
): Promise<string> {
  const { payload, signature } = detachZsg(answer);
  if (signature === undefined) {
    return 'broker ZSG signature: MISSING';
  }
  const client = createParticipantClient(certs, as, url);
  try {
    const res = {
      status: 200,
      contentType: undefined,
      body: payload,
      signature,
      originSignature: undefined,
      correlationId: undefined,
    };
    const { line } = await describeCountersignature(res, client, as);
    return line.replace('broker signature: ', 'broker ZSG signature:');
  } catch (err) {
    return `broker ZSG signature: NOT VERIFIED (${(err as Error).message})`;
  } finally {
    await client.close();
  }
}

async function overHttps(
  certs: string,
  as: string,
  url: string,
  message: Hl7Message,
): Promise<Buffer> {
  const client = createParticipantClient(certs, as, url);
  try {
    return (await client.post('/hl7v2', HL7_ER7, message.toBuffer())).body;
  } finally {
    await client.close();
  }
}

async function overMllp(
  certs: string,
  as: string,
  hostPort: string,
  brokerCode: string,
  message: Hl7Message,
  controlId: string,
): Promise<Buffer> {
  const [host = 'localhost', port = ''] = hostPort.split(':');
  const signer = loadSigningKey(keyFilesOf(certs, as).activeKey);
  const signed = await signZsg({ selfCode: as, signer }, message.toBuffer(), {
    aud: brokerCode,
    jti: controlId,
  });
  const pem = (file: string) => readFileSync(path.join(certs, file));
  const tls = { cert: pem(`${as}.crt`), key: pem(`${as}.key`), ca: pem('ca.crt') };
  const [answer] = await sendMllp({ host, port: Number(port), tls }, [signed]);
  return answer ?? Buffer.alloc(0);
}

function printAnswer(
  answer: Buffer,
  json: boolean,
  out: Output,
  zsgLine: string | undefined,
): number {
  const { payload } = detachZsg(answer);
  const text = payload.toString('utf8').replace(/\r/g, '\n').trimEnd();
  let message: Hl7Message;
  try {
    message = parseEr7(payload);
  } catch {
    out.error(`the broker's answer is not HL7 v2:\n${text}`);
    return 1;
  }
  const ack = message.segment('MSA')?.field(1).value ?? '';
  if (ack !== 'AA') {
    out.error(text);
  } else if (json) {
    out.log(text);
  } else {
    out.log(summarize(message));
    if (zsgLine !== undefined) {
      out.log(zsgLine);
    }
  }
  if (ack !== 'AA') {
    for (const err of message.segmentsNamed('ERR')) {
      out.error(`${err.field(5).component(1).value} ${err.field(2).raw}: ${err.field(8).value}`);
    }
  }
  return ack === 'AA' ? 0 : 1;
}

function summarize(m: Hl7Message): string {
  const pid = m.segment('PID');
  const in1 = m.segment('IN1');
  const name = `${pid?.field(5).component(2).value ?? ''} ${pid?.field(5).component(1).value ?? ''}`;
  const lines = [
    `${m.header.field(9).raw} MSA ${m.segment('MSA')?.field(1).value ?? ''}`,
    `Patient:  ${name.trim()} (${pid?.field(3).component(1).value ?? ''})`,
    `Insurer:  ${in1?.field(4).value ?? ''} (${in1?.field(3).component(1).value ?? '—'})`,
    `Covered:  ${in1?.field(45).value === 'Y' ? 'YES' : 'NO'}`,
    `Plan:     ${in1?.field(2).component(2).value ?? ''} ${in1?.field(12).value ?? ''}–${in1?.field(13).value ?? ''}`,
    ...m.segmentsNamed('NTE').map((n) => `Note:     ${n.field(3).value}`),
  ];
  return lines.join('\n');
}
