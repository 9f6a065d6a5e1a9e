import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { frameMessage } from './frame.ts';
import { FrameDecoder } from './frame-decoder.ts';

export interface MllpClientOptions {
  readonly host: string;
  readonly port: number;
  /** Client certificate, key and the CA that signed the server's certificate (PEM). */
  readonly tls: Pick<
    ConnectionOptions,
    'cert' | 'key' | 'ca' | 'servername' | 'minVersion' | 'checkServerIdentity'
  >;
  /** How long the connection may stay silent, connecting or waiting for an answer (default 30 s). */
  readonly timeoutMs?: number;
  /** Largest answer frame accepted (default 16 MiB). */
  readonly maxFrameBytes?: number;
}

/** An open MLLP/TLS connection: answers come back in the order messages were sent. */
export interface MllpConnection {
  /** Sends one message in a frame and waits for the next answer frame. */
  send(message: Uint8Array | string): Promise<Buffer>;
  /** Writes bytes as they are (tests: split frames, garbage); pair with `receive`. */
  write(bytes: Uint8Array): Promise<void>;
  /** The next answer frame's content. */
  receive(): Promise<Buffer>;
  /** Resolves when the server or we closed the connection. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens an MLLP/TLS connection presenting a client certificate and verifying the server's
 * against `tls.ca`; rejects if the handshake fails.
 */
export function openMllpConnection(options: MllpClientOptions): Promise<MllpConnection> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: options.host,
      port: options.port,
      ...options.tls,
      rejectUnauthorized: true,
    });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy(new Error(`MLLP connection silent for ${timeoutMs} ms`));
    });
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      socket.off('error', reject);
      resolve(new MllpClientConnection(socket, options.maxFrameBytes ?? 16 * 1_048_576));
    });
  });
}

class MllpClientConnection implements MllpConnection {
  readonly closed: Promise<void>;
  readonly #socket: TLSSocket;
  readonly #frames: Buffer[] = [];
  readonly #waiting: { resolve: (b: Buffer) => void; reject: (e: Error) => void }[] = [];
  #failure: Error | undefined;

  constructor(socket: TLSSocket, maxFrameBytes: number) {
    this.#socket = socket;
    const decoder = new FrameDecoder(maxFrameBytes, {
      frame: (frame) => {
        this.#deliver(frame);
      },
      oversized: (_head, size) => {
        socket.destroy(new Error(`MLLP answer of ${size} bytes exceeds ${maxFrameBytes}`));
      },
      garbage: () => undefined,
    });
    socket.on('data', (chunk: Buffer) => {
      decoder.push(chunk);
    });
    socket.on('error', (err: Error) => {
      this.#failure = err;
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.#failure ??= new Error('MLLP connection closed');
        for (const w of this.#waiting.splice(0)) {
          w.reject(this.#failure);
        }
        resolve();
      });
    });
  }

  async send(message: Uint8Array | string): Promise<Buffer> {
    const answer = this.receive();
    await this.write(frameMessage(message));
    return answer;
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#socket.write(bytes, (err) => {
        if (err) {
          reject(err);
        } else {
          resolve();
        }
      });
    });
  }

  receive(): Promise<Buffer> {
    const next = this.#frames.shift();
    if (next !== undefined) {
      return Promise.resolve(next);
    }
    if (this.#socket.destroyed || this.#socket.readableEnded) {
      return Promise.reject(this.#failure ?? new Error('MLLP connection closed'));
    }
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  async close(): Promise<void> {
    this.#socket.end();
    await this.closed;
  }

  #deliver(frame: Buffer): void {
    const waiter = this.#waiting.shift();
    if (waiter === undefined) {
      this.#frames.push(frame);
    } else {
      waiter.resolve(frame);
    }
  }
}

/** Sends messages on one connection and returns their answers in order, then closes it. */
export async function sendMllp(
  options: MllpClientOptions,
  messages: readonly (Uint8Array | string)[],
): Promise<Buffer[]> {
  const conn = await openMllpConnection(options);
  try {
    return await Promise.all(messages.map((m) => conn.send(m)));
  } finally {
    await conn.close();
  }
}
