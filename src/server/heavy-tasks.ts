import type { LayerSet } from '../layers/layer-set.js';
import { layerSetSnapshot } from '../layers/snapshot.js';
import { TaskError, WorkerPool } from '../pool/worker-pool.js';
import type { TaskHandlers } from '../pool/serve-tasks.js';
import { batchExposureShard, singleExposure, type BatchShard, type ExposureRequest, type Reply } from './exposure-requests.js';
import { HttpProblem } from './problem.js';

/** What the worker threads can run, by name; each gets the worker's LayerSet and a cloneable payload. */
export const HEAVY_TASKS = {
  'exposure.single': (layers, req: ExposureRequest): Reply => singleExposure(layers, req),
  'exposure.batch': (layers, p: { req: ExposureRequest; shard: number; shards: number }): BatchShard => batchExposureShard(layers, p.req, p.shard, p.shards),
} satisfies TaskHandlers<LayerSet>;

export interface HeavyPoolOptions {
  workers?: number; // threads; default one per core
  maxQueue?: number; // tasks waiting beyond which the server answers 503; default 4 per thread
}

/** The server's pool over the LayerSet. */
export function heavyPool(layers: LayerSet, options: HeavyPoolOptions = {}): WorkerPool {
  const ts = import.meta.url.endsWith('.ts');
  return new WorkerPool({
    entry: new URL(ts ? './heavy-worker.ts' : './heavy-worker.js', import.meta.url),
    size: options.workers,
    maxQueue: options.maxQueue,
    workerData: { snapshot: layerSetSnapshot(layers) },
  });
}

/** A task's failure as the server reports it: a worker's HttpProblem stays the same problem. */
export function fromTaskError(err: unknown): unknown {
  if (err instanceof TaskError && err.remoteName === 'HttpProblem') {
    const d = err.data as { status: number; detail: string; errors?: { path: string; message: string }[]; slug?: string };
    return new HttpProblem(d.status, d.detail, d.errors, d.slug);
  }
  return err;
}
