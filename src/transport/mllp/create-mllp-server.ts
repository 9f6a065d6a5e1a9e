import type { AddressInfo } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';
import { DEFAULT_MLLP_LIMITS, type MllpLimits, type MllpServerOptions } from './mllp-types.ts';
import { serveConnection } from './serve-connection.ts';

/** The MLLP/TLS listener; `listen` resolves with the bound address. */
export interface MllpServer {
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

/**
 * An MLLP listener over TLS with required client certificates, verified by Node against the CA
 * (never by hand), and the same certificate → participant rules as HTTPS. Throws if the TLS
 * options would let a client in without a verified certificate.
 */
export function createMllpServer(options: MllpServerOptions): MllpServer {
  if (options.tls.requestCert !== true || options.tls.rejectUnauthorized !== true) {
    throw new Error('MLLP over TLS needs requestCert: true and rejectUnauthorized: true');
  }
  const limits: MllpLimits = { ...DEFAULT_MLLP_LIMITS, ...options.limits };
  const sockets = new Set<TLSSocket>();
  const server = createServer(options.tls, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, options, limits);
  });
  server.maxConnections = limits.maxConnections;
  server.on('tlsClientError', (err, socket) => {
    options.logger.warn(
      { err: err.message, remoteAddress: socket.remoteAddress },
      'MLLP TLS handshake refused',
    );
  });
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) {
          s.destroy();
        }
        server.close(() => {
          resolve();
        });
      }),
  };
}
