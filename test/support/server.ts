import type { Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { loadLayerSet } from '../../src/layers/load.js';
import { listen, type ServeOptions } from '../../src/server/serve.js';

/** A real Gauntlet server on a free loopback port for one test file, over the shipped geodata. */
export interface TestServer {
  base: string; // http://127.0.0.1:PORT
  layers: LayerSet;
}

export function useServer(options: Partial<ServeOptions> = {}): TestServer {
  const handle = { base: '', layers: undefined as unknown as LayerSet };
  let server: Server;
  beforeAll(async () => {
    handle.layers = await loadLayerSet();
    const started = await listen(handle.layers, { port: 0, host: '127.0.0.1', ...options });
    server = started.server;
    handle.base = started.url;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  return handle;
}
