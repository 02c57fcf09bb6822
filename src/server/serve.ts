import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LayerSet } from '../layers/layer-set.js';
import { createHandler, type AppOptions, type Handler } from './app.js';

/** Socket timeouts (ms): a client that is slow to send its headers or body, or idles, does not hold a socket. */
export const DEFAULT_TIMEOUTS = { headersMs: 10_000, requestMs: 120_000, keepAliveMs: 5_000 };
/** How long a shutdown waits for in-flight requests before closing their sockets. */
export const DEFAULT_DRAIN_MS = 30_000;

export interface ServeOptions extends AppOptions {
  port: number;
  host: string;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
}

/** The port is taken (or not ours to take): the CLI answers with one line and its own exit code. */
export class ListenError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Listening {
  server: Server;
  url: string;
  handler: Handler;
  /** Stops accepting, lets in-flight requests finish (at most drainMs), then stops workers and raster processes. */
  shutdown(drainMs?: number): Promise<{ drained: boolean }>;
}

/** Listens on host:port; resolves once the socket is bound. */
export function listen(layers: LayerSet, options: ServeOptions): Promise<Listening> {
  let draining = false;
  const handler = createHandler(layers, { ...options, isReady: () => !draining && (options.isReady?.() ?? true) });
  const server = createServer((req, res) => {
    if (draining) res.setHeader('Connection', 'close'); // keep-alive clients reconnect elsewhere
    handler(req, res);
  });
  server.headersTimeout = options.headersTimeoutMs ?? DEFAULT_TIMEOUTS.headersMs;
  server.requestTimeout = options.requestTimeoutMs ?? DEFAULT_TIMEOUTS.requestMs;
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? DEFAULT_TIMEOUTS.keepAliveMs;
  let closing: Promise<{ drained: boolean }> | undefined;
  const shutdown = (drainMs = DEFAULT_DRAIN_MS) =>
    (closing ??= new Promise((resolve) => {
      draining = true;
      let drained = true;
      const timer = setTimeout(() => {
        drained = false;
        server.closeAllConnections();
      }, drainMs);
      const idle = setInterval(() => server.closeIdleConnections(), 100);
      server.close(() => {
        clearTimeout(timer);
        clearInterval(idle);
        handler.close().then(() => resolve({ drained }));
      });
      server.closeIdleConnections();
    }));
  server.once('close', () => {
    if (!closing) void handler.close(); // closed without shutdown() (tests): still stop the threads
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      void handler.close();
      if (err.code === 'EADDRINUSE') reject(new ListenError(err.code, `${options.host}:${options.port} is already in use`));
      else if (err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') reject(new ListenError(err.code, `cannot listen on ${options.host}:${options.port} (${err.code})`));
      else reject(err);
    });
    server.listen(options.port, options.host);
    server.once('listening', () => {
      const { address, port } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({ server, url: `http://${host}:${port}`, handler, shutdown });
      setImmediate(() => handler.warm()); // after the first /health can be answered
    });
  });
}
