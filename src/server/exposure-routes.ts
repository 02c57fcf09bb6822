import { Router, type Request, type Response } from 'express';
import type { LayerSet } from '../layers/layer-set.js';
import { PoolFullError, type WorkerPool } from '../pool/worker-pool.js';
import { ClientLimiter } from './admission.js';
import { readBody } from './body.js';
import { planBatch } from './batch-plan.js';
import type { JsonScanError } from './json-scan.js';
import { BATCH_MESSAGES, MAX_BATCH_ROUTES } from '../exposure/route-input.js';
import { joinBatch, type BatchShard, type ExposureFormat, type ExposureRequest, type Reply } from './exposure-requests.js';
import { busyProblem, fromTaskError } from './heavy-tasks.js';
import { HttpProblem } from './problem.js';

/** Request body limits (documented in the README and OpenAPI). */
export const SINGLE_BODY_LIMIT = '10mb';
export const BATCH_BODY_LIMIT = '50mb';
const MB = 1024 * 1024;
const SINGLE_BYTES = 10 * MB;
const BATCH_BYTES = 50 * MB;

/** A scan past the batch's route limit, as the schema words it. */
const batchLimit = (e: JsonScanError) =>
  e.kind === 'routes' ? new HttpProblem(400, `body.features: ${BATCH_MESSAGES.routes}`, [{ path: 'body.features', message: BATCH_MESSAGES.routes }], 'invalid-input') : undefined;

/**
 * Writes a reply's pieces in slices of at most 1 MB, each once the socket has taken the last: a 40 MB answer
 * never sits in one synchronous write, and a slow reader holds back only its own response.
 */
async function writePieces(res: Response, pieces: Uint8Array[]): Promise<void> {
  const SLICE = 1024 * 1024;
  for (const p of pieces) {
    for (let at = 0; at < p.byteLength; at += SLICE) {
      const ok = res.write(p.subarray(at, Math.min(p.byteLength, at + SLICE)));
      if (!ok && !res.destroyed) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
      if (res.destroyed) return;
    }
  }
}

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
      await writePieces(res, reply.pieces);
      res.end();
    } finally {
      release();
    }
  };

  const single = (format: (req: Request) => ExposureFormat, body: boolean) => (req: Request, res: Response) =>
    heavy(req, res, async () => {
      const r: ExposureRequest = { query: query(req), format: format(req) };
      if (body) {
        const { bytes, length } = await readBody(req, SINGLE_BYTES);
        r.body = { bytes, length };
      }
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
      const { bytes, length, layout } = await readBody(req, BATCH_BYTES, { limits: { maxRoutes: MAX_BATCH_ROUTES }, problem: batchLimit });
      const r: ExposureRequest = { query: query(req), format, body: { bytes, length } };
      // A batch takes every thread (all or none admitted); a small one stays in one thread.
      const { keys, payloads } = planBatch(r, layout, length < 256 * 1024 ? 1 : pool.size);
      const parts = await pool.runAll<BatchShard>('exposure.batch', payloads);
      return joinBatch(parts, keys, format);
    }),
  );

  return router;
}
