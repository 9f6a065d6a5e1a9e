import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, request } from 'undici';

export interface ClientAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

/** An HTTPS client presenting one participant's certificate from `certs/dev/` (or any folder). */
export interface ParticipantClient {
  post(path: string, contentType: string, body: Buffer | string): Promise<ClientAnswer>;
  get(path: string): Promise<ClientAnswer>;
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
  const send = async (
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
    const ct = res.headers['content-type'];
    return {
      status: res.statusCode,
      contentType: typeof ct === 'string' ? ct : undefined,
      body: Buffer.from(await res.body.arrayBuffer()),
    };
  };
  return {
    post: (p, contentType, body) => send('POST', p, { 'content-type': contentType }, body),
    get: (p) => send('GET', p, {}),
    close: () => agent.close(),
  };
}
