import { performance } from 'node:perf_hooks';
import { attachZsg, detachZsg } from '../jose/zsg-segment.ts';
import type { InsurerEndpoint } from '../registry/participant.ts';
import { openMllpConnection, type MllpClientOptions } from '../transport/mllp/send-mllp.ts';
import type { InsurerAnswer, OutboundMessage } from './insurer-client.ts';

/** The content type of HL7 v2 answers read over MLLP (ER7). */
const ER7 = 'x-application/hl7-v2+er7';

/**
 * Sends one HL7 v2 message to an insurer's `mllps://host:port` endpoint over MLLP/TLS, the
 * broker's JWS as its final ZSG segment (the detached JWS covers the message bytes before it,
 * exactly what `signZsg` signs). The answer's ZSG is split off: `body` is what it covers and
 * `signature` its JWS, so the answer is verified like any other. One connection per message:
 * eligibility queries are rare enough per insurer, and no state outlives the exchange.
 */
export async function sendMllpInsurer(
  endpoint: InsurerEndpoint,
  message: OutboundMessage,
  tls: MllpClientOptions['tls'],
): Promise<InsurerAnswer> {
  const url = new URL(endpoint.url);
  const started = performance.now();
  const body =
    message.body.at(-1) === 0x0d ? message.body : Buffer.concat([message.body, Buffer.from('\r')]);
  const conn = await openMllpConnection({
    host: url.hostname,
    port: Number(url.port),
    tls: { ...tls, servername: url.hostname },
    timeoutMs: endpoint.deadlineMs,
  });
  try {
    const frame = await withDeadline(
      conn.send(attachZsg(body, message.signature)),
      endpoint.deadlineMs,
    );
    const { payload, signature } = detachZsg(frame);
    return {
      status: 200,
      contentType: ER7,
      body: payload,
      signature,
      durationMs: performance.now() - started,
    };
  } finally {
    await conn.close().catch(() => undefined);
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const e = new Error(`no MLLP answer within ${ms} ms`);
      e.name = 'TimeoutError';
      reject(e);
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}
