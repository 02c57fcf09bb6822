import { Router, type Request, type Response } from 'express';
import type { LayerSet } from '../layers/layer-set.js';
import { PoolFullError, type WorkerPool } from '../pool/worker-pool.js';
import { ClientLimiter } from './admission.js';
import { readBody } from './body.js';
import { joinBatch, type BatchShard, type ExposureFormat, type ExposureRequest, type Reply } from './exposure-requests.js';
import { busyProblem, fromTaskError } from './heavy-tasks.js';
import { HttpProblem } from './problem.js';

/** Request body limits (documented in the README and OpenAPI). */
export const SINGLE_BODY_LIMIT = '10mb';
export const BATCH_BODY_LIMIT = '50mb';
const MB = 1024 * 1024;
const SINGLE_BYTES = 10 * MB;
const BATCH_BYTES = 50 * MB;

export interface ExposureRouteOptions {
  pool: WorkerPool;
  limiter: ClientLimiter;
}


function query(req: Request): Record<string, string | undefined> {
  const q = req.query as Record<string, unknown>;
  return Object.fromEntries(Object.entries(q).map(([k, v]) => [k, Array.isArray(v) ? String(v[v.length - 1]) : (v as string | undefined)]));
}

/**
 * POST /exposure, POST /exposure/batch, GET /routes/{id}/exposure: the event loop reads the body and negotiates
 * the format; parsing, validation and the exposure itself run in the worker pool (exposure-requests.ts).
 */
export function exposureRouter(_layers: LayerSet, { pool, limiter }: ExposureRouteOptions): Router {
  const router = Router();

  const heavy = async (req: Request, res: Response, work: () => Promise<{ status?: number; type: string; pieces: Uint8Array[] }>) => {
    const release = limiter.acquire(req.socket.remoteAddress ?? '');
    try {
      const reply = await work().catch((err) => {
        throw err instanceof PoolFullError ? busyProblem(err) : fromTaskError(err);
      });
      // written as the workers encoded it: no copy into one string, no hash of megabytes for an ETag
      res.status(reply.status ?? 200).type(reply.type);
      res.setHeader('Content-Length', reply.pieces.reduce((n, p) => n + p.byteLength, 0));
      for (const p of reply.pieces) res.write(p);
      res.end();
    } finally {
      release();
    }
  };

  const single = (format: (req: Request) => ExposureFormat, body: boolean) => (req: Request, res: Response) =>
    heavy(req, res, async () => {
      const r: ExposureRequest = { query: query(req), format: format(req) };
      if (body) r.body = await readBody(req, SINGLE_BYTES);
      else r.routeId = req.params.id as string;
      const reply = await pool.run<Reply>('exposure.single', r);
      return { status: reply.status, type: reply.type, pieces: [reply.body] };
    });
  const geoOrJson = (req: Request): ExposureFormat => (req.accepts(['application/json', 'application/geo+json']) === 'application/geo+json' ? 'geojson' : 'json');

  router.post('/exposure', single(geoOrJson, true));
  router.get('/routes/:id/exposure', single(geoOrJson, false));

  router.post('/exposure/batch', (req, res) =>
    heavy(req, res, async () => {
      const format: ExposureFormat = req.accepts(['application/json', 'text/csv']) === 'text/csv' ? 'csv' : 'json';
      const r: ExposureRequest = { query: query(req), format, body: await readBody(req, BATCH_BYTES) };
      // A batch takes every thread (all or none admitted); a small one stays in one thread.
      const shards = r.body!.length < 256 * 1024 ? 1 : pool.size;
      const parts = await pool.runAll<BatchShard>('exposure.batch', Array.from({ length: shards }, (_, shard) => ({ req: r, shard, shards })));
      return joinBatch(parts, format);
    }),
  );

  return router;
}
