import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, request } from 'undici';
import { signDetached } from '../jose/detached-jws.ts';
import { keyFilesOf } from '../jose/key-files.ts';
import { loadSigningKey } from '../jose/signing-key.ts';

export interface ClientAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Buffer;
  /** The answer's `x-jws-signature` and `x-jws-origin-signature` headers, when present. */
  readonly signature: string | undefined;
  readonly originSignature: string | undefined;
  /** The broker's id for the exchange (`x-correlation-id`). */
  readonly correlationId: string | undefined;
}

/** How `post` signs: by default with `<code>.sig.pem`, `aud` broker; tests override claims or skip. */
export interface PostOptions {
  readonly sign?:
    | false
    | {
        readonly aud?: string;
        readonly sub?: string;
        readonly jti?: string;
        readonly iat?: number;
      };
  /** Send this exact `x-jws-signature` value instead of signing. */
  readonly signature?: string;
}

/**
 * An HTTPS client presenting one participant's certificate from `certs/dev/` (or any folder),
 * signing what it posts with the participant's JWS key when it has one.
 */
export interface ParticipantClient {
  /** POSTs `body`, signed with the participant's key (see `PostOptions`). */
  post(
    path: string,
    contentType: string,
    body: Buffer | string,
    options?: PostOptions,
  ): Promise<ClientAnswer>;
  get(path: string, headers?: Record<string, string>): Promise<ClientAnswer>;
  close(): Promise<void>;
}

/** Reads `<certsDir>/<code>.crt`, `<code>.key` and `ca.crt`, and keeps one connection pool. */
export function createParticipantClient(
  certsDir: string,
  code: string,
  baseUrl: string,
): ParticipantClient {
  const agent = new Agent({
    connect: {
      cert: readFileSync(path.join(certsDir, `${code}.crt`)),
      key: readFileSync(path.join(certsDir, `${code}.key`)),
      ca: readFileSync(path.join(certsDir, 'ca.crt')),
    },
  });
  const send = sendWith(agent, baseUrl);
  const signatureFor = signerFor(certsDir, code);
  return {
    post: async (p, contentType, body, options = {}) => {
      const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
      const headers = { 'content-type': contentType, ...(await signatureFor(bytes, options)) };
      return send('POST', p, headers, bytes);
    },
    get: (p, headers = {}) => send('GET', p, headers),
    close: () => agent.close(),
  };
}

/** One request through the participant's connection pool, the answer read whole. */
function sendWith(agent: Agent, baseUrl: string) {
  return async (
    method: 'GET' | 'POST',
    p: string,
    headers: Record<string, string>,
    body?: Buffer | string,
  ): Promise<ClientAnswer> => {
    const res = await request(`${baseUrl.replace(/\/$/, '')}${p}`, {
      method,
      dispatcher: agent,
      headers: { accept: 'application/fhir+json', ...headers },
      ...(body === undefined ? {} : { body }),
    });
    const text = (name: string): string | undefined => {
      const v = res.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    return {
      status: res.statusCode,
      contentType: text('content-type'),
      body: Buffer.from(await res.body.arrayBuffer()),
      signature: text('x-jws-signature'),
      originSignature: text('x-jws-origin-signature'),
      correlationId: text('x-correlation-id'),
    };
  };
}

/** The `x-jws-signature` header for a body: as given, none, or signed with the participant's key. */
function signerFor(certsDir: string, code: string) {
  const keyFile = keyFilesOf(certsDir, code).activeKey;
  const signer = existsSync(keyFile) ? loadSigningKey(keyFile) : undefined;
  return async (bytes: Buffer, options: PostOptions): Promise<Record<string, string>> => {
    if (options.signature !== undefined) {
      return { 'x-jws-signature': options.signature };
    }
    if (options.sign === false || signer === undefined) {
      return {};
    }
    const claims = { aud: 'broker', sub: code, jti: crypto.randomUUID(), ...options.sign };
    return { 'x-jws-signature': await signDetached(bytes, signer, claims) };
  };
}
