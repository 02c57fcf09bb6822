import { afterAll, beforeAll } from 'vitest';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { listen, type Listening, type ServeOptions } from '../../src/server/serve.js';
import { COMPILED_HEAVY_WORKER, COMPILED_RASTER_WORKER } from './compiled.js';
import { shippedLayers } from './shipped-layers.js';

/** A real Gauntlet server on a free loopback port, over the shipped geodata. */
export interface TestServer {
  base: string; // http://127.0.0.1:PORT
  layers: LayerSet;
}

// The files of one vitest process (isolate: false) share one default server: a start costs a worker thread that
// loads the modules and the geodata, and live tile indexes. It ends with the process (its raster processes exit as
// their IPC channel closes).
let shared: Promise<Listening> | undefined;

/**
 * How every test server listens: a free loopback port, one heavy thread, and the compiled worker entries (see
 * compiled.ts). Files that call listen() themselves spread it under their own options.
 */
export const TEST_SERVE = { port: 0, host: '127.0.0.1', workers: 1, workerEntry: COMPILED_HEAVY_WORKER, rasterWorker: COMPILED_RASTER_WORKER } satisfies Partial<ServeOptions>;

/**
 * With no options, the process's shared server (one worker thread); with options, a server of the file's own,
 * stopped at the file's end with its threads and raster processes, as `gauntlet serve` does on SIGTERM.
 */
export function useServer(options: Partial<ServeOptions> = {}): TestServer {
  const handle = { base: '', layers: undefined as unknown as LayerSet };
  const own = Object.keys(options).length > 0;
  let started: Listening | undefined;
  const start = async () => listen(await shippedLayers(), { ...TEST_SERVE, ...options });
  beforeAll(async () => {
    handle.layers = await shippedLayers();
    started = await (own ? start() : (shared ??= start()));
    handle.base = started.url;
  });
  afterAll(() => (own ? started?.shutdown(0) : undefined));
  return handle;
}
