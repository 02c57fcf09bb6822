import { afterAll, beforeAll } from 'vitest';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { listen, type Listening, type ServeOptions } from '../../src/server/serve.js';
import { shippedLayers } from './shipped-layers.js';

/** A real Gauntlet server on a free loopback port for one test file, over the shipped geodata. */
export interface TestServer {
  base: string; // http://127.0.0.1:PORT
  layers: LayerSet;
}

/**
 * One worker thread unless the test asks for more (each thread loads the modules and the geodata: the cost of a
 * server start); the file's end stops the server, its threads and its raster processes, as `gauntlet serve` does on
 * SIGTERM, so test files sharing a process do not pile them up.
 */
export function useServer(options: Partial<ServeOptions> = {}): TestServer {
  const handle = { base: '', layers: undefined as unknown as LayerSet };
  let started: Listening;
  beforeAll(async () => {
    handle.layers = await shippedLayers();
    started = await listen(handle.layers, { port: 0, host: '127.0.0.1', workers: 1, ...options });
    handle.base = started.url;
  });
  afterAll(() => started?.shutdown(0));
  return handle;
}
