import type { LayerSet } from '../layers/layer-set.js';
import { layerSetSnapshotBytes } from '../layers/snapshot.js';
import { PoolFullError, TaskError, WorkerPool } from '../pool/worker-pool.js';
import type { TaskHandlers } from '../pool/serve-tasks.js';
import { batchExposureShard, singleExposure, type BatchShard, type BatchShardRequest, type ExposureRequest, type Reply } from './exposure-requests.js';
import { HttpProblem } from './problem.js';
import { renderOptionsFromBytes } from './static-body.js';
import type { RenderOptions } from '../render/options.js';
import { RenderInputError } from '../render/options.js';
import type { RouteRequest } from '../network/request.js';
import { answerRoute, type RouteAnswer } from './network-answer.js';

/** What the worker threads can run, by name; each gets the worker's LayerSet and a cloneable payload. */
export const HEAVY_TASKS = {
  'exposure.single': (layers, req: ExposureRequest): Reply => singleExposure(layers, req),
  'exposure.batch': (layers, p: BatchShardRequest): BatchShard => batchExposureShard(layers, p),
  // the SVG of a static map (the event loop hands it to the raster processes); loaded on first use
  'render.svg': async (layers, o: RenderOptions): Promise<string> => (await import('../render/render.js')).buildMapSvg(layers, o).svg,
  // POST /static: the body parsed and validated here, then its SVG; a fault in the drawing names its option
  'render.body': async (layers, body: { bytes: SharedArrayBuffer; length: number }) => {
    const { options, asOfAlias } = renderOptionsFromBytes(body);
    try {
      return { options, asOfAlias, svg: (await import('../render/render.js')).buildMapSvg(layers, options).svg };
    } catch (err) {
      if (err instanceof RenderInputError) return { error: err.message, path: String(err.path), asOfAlias };
      throw err;
    }
  },
  'network.route': (layers, p: { request: RouteRequest; where: 'body' | 'query' }): RouteAnswer => answerRoute(layers, p.request, p.where),
} satisfies TaskHandlers<LayerSet>;

export interface HeavyPoolOptions {
  workers?: number; // threads; default one per core
  maxQueue?: number; // tasks waiting beyond which the server answers 503; default 4 per thread
  workerIdleMs?: number; // a thread idle this long exits (0: never); default WORKER_IDLE_MS
  workerYoungMb?: number; // each thread's young generation (0: V8's own); default WORKER_YOUNG_MB
  // the threads' entry; default heavy-worker beside this module (.ts through tsx when run from src/). The tests run
  // src/ with dist/'s compiled one, built from the same src/, which starts without a TypeScript loader in the thread
  workerEntry?: URL;
}

/**
 * Each thread holds its own LayerSet and indexes (25-35 MB): one idle this long exits; the next task starts one
 * (0.8-1.4 s at load 11, 0.7-1.6 s at load 22). 20 s, not 60: a crawl of every tile z0-12 right after a batch
 * (bench/service.ts) ended with both threads still up, 381 MB of RSS against 296 MB without them.
 */
export const WORKER_IDLE_MS = 20_000;

/**
 * MB of young generation per thread. V8's own grows it to 32 MB while a thread parses its snapshot, and keeps it:
 * a quarter of what an idle thread holds.
 */
export const WORKER_YOUNG_MB = 8;

/** The server's pool over the LayerSet. */
export function heavyPool(layers: LayerSet, options: HeavyPoolOptions = {}): WorkerPool {
  const ts = import.meta.url.endsWith('.ts');
  return new WorkerPool({
    entry: options.workerEntry ?? new URL(ts ? './heavy-worker.ts' : './heavy-worker.js', import.meta.url),
    size: options.workers,
    maxQueue: options.maxQueue,
    idleMs: options.workerIdleMs ?? WORKER_IDLE_MS,
    resourceLimits: youngLimit(options.workerYoungMb ?? WORKER_YOUNG_MB),
    workerData: { snapshot: layerSetSnapshotBytes(layers) }, // shared memory: one copy for every thread
  });
}

const youngLimit = (mb: number) => (mb > 0 ? { maxYoungGenerationSizeMb: mb } : undefined);

/** A task's failure as the server reports it: a worker's HttpProblem (or RenderInputError) stays the same error. */
export function fromTaskError(err: unknown): unknown {
  if (err instanceof TaskError && err.remoteName === 'HttpProblem') {
    const d = err.data as { status: number; detail: string; errors?: { path: string; message: string }[]; slug?: string };
    return new HttpProblem(d.status, d.detail, d.errors, d.slug);
  }
  if (err instanceof TaskError && err.remoteName === 'RenderInputError') return new RenderInputError(String(err.data.path), err.message);
  return err;
}

/** The pool is full: 503 with Retry-After, never a wait. */
export const busyProblem = (err: PoolFullError) => new HttpProblem(503, err.message, undefined, 'busy', { 'Retry-After': String(err.retryAfterS) });

/** Runs a task in the pool; a full pool is a 503, a worker's problem the same problem here. */
export async function runHeavy<T>(pool: WorkerPool, task: keyof typeof HEAVY_TASKS, payload: unknown): Promise<T> {
  try {
    return await pool.run<T>(task, payload);
  } catch (err) {
    throw err instanceof PoolFullError ? busyProblem(err) : fromTaskError(err);
  }
}
