import { createServer } from 'node:net';

/** Ports free on 127.0.0.1 right now (asked of the OS), for demo insurers started by a child process. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      const server = createServer();
      return new Promise<ReturnType<typeof createServer>>((resolve) => {
        server.listen(0, '127.0.0.1', () => {
          resolve(server);
        });
      });
    }),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}
