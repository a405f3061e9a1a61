/**
 * Listening and closing for the local stand-ins' servers, so every one of
 * them binds to loopback by default, reports the port it really got (port 0
 * means any free port) and closes without leaving a socket open.
 */
import type { IncomingMessage, Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';

/** Loopback unless told otherwise: nothing local is meant for the network. */
export const defaultHost = '127.0.0.1';

/** Starts `server` listening and resolves with the port it is bound to. */
export function listen(
  server: Pick<Server, 'listen' | 'once' | 'off' | 'address'>,
  port: number,
  host: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve(boundPort(server));
    });
  });
}

/**
 * A loopback port free at the moment of asking (the OS picks it): for a
 * server that must be told its port before it starts.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, defaultHost, () => {
      const port = boundPort(server);
      server.close(() => resolve(port));
    });
  });
}

/** The port a listening server is bound to. */
export function boundPort(server: Pick<Server, 'address'>): number {
  const address = server.address() as AddressInfo | string | null;
  if (address === null || typeof address === 'string') {
    throw new Error('The server is not listening on a TCP port');
  }
  return address.port;
}

/**
 * Closes an HTTP server and every connection it still holds (keep-alive
 * sockets included), so a test runner can exit.
 */
export function closeHttpServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      server.closeAllConnections();
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * The base URL a client on this machine uses to reach `host:port`: a
 * wildcard address becomes loopback, an IPv6 address gets brackets.
 */
export function baseUrl(host: string, port: number): string {
  const reachable =
    host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const hostPart = reachable.includes(':') ? `[${reachable}]` : reachable;
  return `http://${hostPart}:${port}`;
}

/**
 * The whole request body, or undefined once it passes `limit` bytes. The
 * rest is still read (and dropped) so the client gets the 413 cleanly
 * rather than a reset connection.
 */
export async function readBody(
  request: IncomingMessage,
  limit: number,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
}
