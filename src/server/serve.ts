import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LayerSet } from '../layers/layer-set.js';
import { createHandler, type AppOptions } from './app.js';

export interface ServeOptions extends AppOptions {
  port: number;
  host: string;
}

/** Listens on host:port; resolves once the socket is bound. */
export function listen(layers: LayerSet, options: ServeOptions): Promise<{ server: Server; url: string }> {
  const handler = createHandler(layers, options);
  const server = createServer(handler);
  server.once('close', () => void handler.pool.close());
  return new Promise((resolve, reject) => {
    server.listen(options.port, options.host);
    server.once('error', reject);
    server.once('listening', () => {
      const { address, port } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({ server, url: `http://${host}:${port}` });
    });
  });
}
