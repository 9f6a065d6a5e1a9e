import { X509Certificate } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { spkiPin } from '../pki/spki-pin.ts';
import { Agent, request, errors as undiciErrors } from 'undici';
import { brokerError } from '../errors/broker-error.ts';
import type { InsurerEndpoint, Participant } from '../registry/participant.ts';
import { sendMllpInsurer } from './send-mllp-insurer.ts';

/** What an insurer answered, as bytes (they are logged before anything reads them). */
export interface InsurerAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Buffer;
  readonly durationMs: number;
  /** The insurer's detached JWS over `body` (`x-jws-signature`). */
  readonly signature: string | undefined;
}

export interface OutboundMessage {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly correlationId: string;
  /** The broker's detached JWS over `body`. */
  readonly signature: string;
}

/** Sends messages to insurers over mutual TLS, one connection pool per insurer. */
export interface InsurerClient {
  send(insurer: Participant, message: OutboundMessage): Promise<InsurerAnswer>;
  close(): Promise<void>;
}

export interface ClientTls {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

const MAX_ANSWER_BYTES = 4 * 1_048_576;

/**
 * Creates the insurer client: an undici `Agent` per insurer carrying the broker's client
 * certificate, created on first use and kept alive. Timeouts become `BRK_INSURER_TIMEOUT`,
 * connection and TLS failures `BRK_INSURER_UNREACHABLE`.
 */
export function createInsurerClient(tls: ClientTls): InsurerClient {
  const agents = new Map<string, Agent>();
  const agentFor = (insurer: Participant): Agent => {
    let agent = agents.get(insurer.code);
    if (agent === undefined) {
      const checkServerIdentity = pinnedServerIdentity(insurer);
      agent = new Agent({
        connect: { cert: tls.cert, key: tls.key, ca: tls.ca, checkServerIdentity },
        keepAliveTimeout: 30_000,
      });
      agents.set(insurer.code, agent);
    }
    return agent;
  };
  return {
    async send(insurer, message) {
      const endpoint = insurer.endpoint;
      if (endpoint === undefined) {
        throw brokerError('BRK_ROUTE_UNKNOWN_INSURER', `${insurer.code} has no endpoint`);
      }
      if (endpoint.url.startsWith('mllps://')) {
        return overMllp(insurer, endpoint, message, tls); // HL7 v2 insurers on MLLP/TLS
      }
      const started = performance.now();
      try {
        const res = await request(`${endpoint.url}${message.path}`, {
          method: 'POST',
          dispatcher: agentFor(insurer),
          headers: {
            'content-type': message.contentType,
            accept: message.contentType,
            'x-correlation-id': message.correlationId,
            'x-jws-signature': message.signature,
          },
          body: message.body,
          signal: AbortSignal.timeout(endpoint.deadlineMs),
          headersTimeout: endpoint.deadlineMs,
          bodyTimeout: endpoint.deadlineMs,
        });
        const body = await readLimited(res.body, MAX_ANSWER_BYTES);
        const contentType = res.headers['content-type'];
        const signature = res.headers['x-jws-signature'];
        return {
          signature: typeof signature === 'string' ? signature : undefined,
          status: res.statusCode,
          contentType: typeof contentType === 'string' ? contentType : undefined,
          body,
          durationMs: performance.now() - started,
        };
      } catch (err) {
        throw classify(err, insurer.code, endpoint.deadlineMs);
      }
    },
    async close() {
      await Promise.all([...agents.values()].map((a) => a.close()));
      agents.clear();
    },
  };
}

/** MLLP/TLS to an HL7 v2 insurer: the same client certificate, server pin and error classes. */
function overMllp(
  insurer: Participant,
  endpoint: InsurerEndpoint,
  message: OutboundMessage,
  tls: ClientTls,
): Promise<InsurerAnswer> {
  const checkServerIdentity = pinnedServerIdentity(insurer);
  return sendMllpInsurer(endpoint, message, { ...tls, checkServerIdentity }).catch(
    (err: unknown) => {
      throw classify(err, insurer.code, endpoint.deadlineMs);
    },
  );
}

/**
 * The insurer's server certificate must chain to our CA (Node checks), match the host name, and
 * carry a key registered for that insurer: another participant's certificate from the same CA
 * cannot stand in for it.
 */
function pinnedServerIdentity(insurer: Participant) {
  return (host: string, cert: PeerCertificate): Error | undefined => {
    const hostError = checkServerIdentity(host, cert);
    if (hostError !== undefined) {
      return hostError;
    }
    const pin = spkiPin(new X509Certificate(cert.raw));
    return insurer.spkiPins.includes(pin)
      ? undefined
      : new Error(`server certificate of ${host} is not registered for insurer ${insurer.code}`);
  };
}

async function readLimited(body: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      throw brokerError('BRK_INSURER_BAD_ANSWER', `answer larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function classify(err: unknown, code: string, deadlineMs: number): Error {
  if (err instanceof Error && err.name === 'BrokerError') {
    return err;
  }
  const e = err as { name?: string; code?: string; message?: string };
  const timedOut =
    e.name === 'TimeoutError' ||
    e.name === 'AbortError' ||
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError;
  if (timedOut) {
    return brokerError(
      'BRK_INSURER_TIMEOUT',
      `insurer ${code} did not answer within ${deadlineMs} ms`,
    );
  }
  return brokerError(
    'BRK_INSURER_UNREACHABLE',
    `insurer ${code}: ${e.code ?? e.name ?? 'error'} ${e.message ?? ''}`.trim(),
  );
}
