import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { strictNumber } from '../exposure/route-input.js';
import type { LayerSet } from '../layers/layer-set.js';
import { jsonPath } from '../layers/problems.js';
import { networkOf } from '../network/build.js';
import { RouteRequest } from '../network/request.js';
import { borderCrossingTowns, chokepoints, MAX_PAIRS, SOUTHERN_ENTRY_TOWNS } from '../network/chokepoints.js';
import { AsOf } from '../layers/schema/index.js';
import type { WorkerPool } from '../pool/worker-pool.js';
import { runHeavy } from './heavy-tasks.js';
import { routeFeatureCollection, type RouteAnswer } from './network-answer.js';
import { HttpProblem } from './problem.js';

export { answerRoute, routeFeatureCollection, type RouteAnswer } from './network-answer.js';

export const NETWORK_BODY_LIMIT = '64kb';

function invalid(where: 'body' | 'query', error: z.ZodError): HttpProblem {
  const errors = error.issues.map((i) => ({ path: jsonPath([where, ...i.path]), message: i.message }));
  return new HttpProblem(400, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors, 'invalid-input');
}

const ChokepointQuery = z.object({
  asOf: AsOf.optional(),
  origins: z.string().optional().describe('comma list of place ids (default: the southern entry towns)'),
  destinations: z.string().optional().describe('comma list of place ids (default: the Mexican towns at the ports of entry)'),
});

/** GET /network/chokepoints: cached per (asOf, today, origins, destinations); the work yields to the event loop. */
function chokepointsHandler(layers: LayerSet) {
  const cache = new Map<string, Promise<unknown>>();
  return async (req: Request, res: express.Response) => {
    const q = { ...(req.query as Record<string, unknown>) };
    if (q.as_of !== undefined && q.asOf === undefined) q.asOf = q.as_of;
    delete q.as_of;
    const unknown = Object.keys(q).filter((k) => !['asOf', 'origins', 'destinations'].includes(k));
    if (unknown.length) throw new HttpProblem(400, `unknown query parameter ${unknown.join(', ')}`, unknown.map((k) => ({ path: `query.${k}`, message: 'unknown parameter' })), 'invalid-input');
    const r = ChokepointQuery.safeParse(q);
    if (!r.success) throw invalid('query', r.error);
    const net = networkOf(layers);
    const list = (name: 'origins' | 'destinations', fallback: string[]) => {
      if (r.data[name] === undefined) return fallback;
      const ids = r.data[name]!.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = ids.filter((id) => !net.places.has(id));
      if (!ids.length || bad.length) throw new HttpProblem(400, `query.${name}: ${bad.length ? `unknown place${bad.length > 1 ? 's' : ''} ${bad.join(', ')}` : 'empty list'} (see GET /layers/places)`, [{ path: `query.${name}`, message: 'unknown place' }], 'unknown-place');
      return [...new Set(ids)];
    };
    const origins = list('origins', [...SOUTHERN_ENTRY_TOWNS]);
    const destinations = list('destinations', borderCrossingTowns(layers));
    if (origins.length * destinations.length > MAX_PAIRS) throw new HttpProblem(400, `at most ${MAX_PAIRS} origin-destination pairs`, [{ path: 'query.destinations', message: 'too many pairs' }], 'invalid-input');
    const asOf = r.data.asOf ?? 'latest';
    // `latest` is today's facts: the day is part of the key, so no answer outlives its midnight (UTC)
    const key = JSON.stringify([asOf, layers.today(), origins, destinations]);
    let result = cache.get(key);
    if (!result) {
      result = chokepoints(net, layers, { asOf, origins, destinations });
      cache.set(key, result);
      if (cache.size > 32) cache.delete(cache.keys().next().value!);
    }
    res.json(await result);
  };
}

/** GET and POST /network/route (planned in the worker pool), GET /network/chokepoints. */
export function networkRouter(layers: LayerSet, pool: WorkerPool): Router {
  const router = Router();
  const body = express.json({ limit: NETWORK_BODY_LIMIT, type: () => true, strict: true });
  const send = (req: Request, res: express.Response, answer: RouteAnswer) => {
    if (req.accepts(['application/json', 'application/geo+json']) === 'application/geo+json') res.type('application/geo+json').send(JSON.stringify(routeFeatureCollection(answer)));
    else res.json(answer);
  };

  router.get('/network/route', async (req, res) => {
    const q = { ...(req.query as Record<string, unknown>) };
    if (q.as_of !== undefined && q.asOf === undefined) q.asOf = q.as_of;
    delete q.as_of;
    const known = new Set(['from', 'to', 'via', 'optimize', 'asOf', 'avoid', 'bufferKm']);
    const unknown = Object.keys(q).filter((k) => !known.has(k));
    if (unknown.length) throw new HttpProblem(400, `unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (weights need POST)`, unknown.map((k) => ({ path: `query.${k}`, message: 'unknown parameter' })), 'invalid-input');
    let weights: { bufferKm: number } | undefined;
    if (q.bufferKm !== undefined) {
      const b = strictNumber('must be a number of km').safeParse(Array.isArray(q.bufferKm) ? q.bufferKm.at(-1) : q.bufferKm); // "" is not 0, "0x10" not 16
      if (!b.success) throw new HttpProblem(400, `query.bufferKm: ${b.error.issues[0]!.message}`, [{ path: 'query.bufferKm', message: b.error.issues[0]!.message }], 'invalid-input');
      weights = { bufferKm: b.data };
    }
    delete q.bufferKm;
    const r = RouteRequest.safeParse({ ...q, ...(weights ? { weights } : {}) });
    if (!r.success) throw invalid('query', r.error);
    send(req, res, await runHeavy<RouteAnswer>(pool, 'network.route', { request: r.data, where: 'query' }));
  });

  router.post('/network/route', body, async (req, res) => {
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      throw new HttpProblem(400, 'body: send a JSON object {from, to, via?, optimize?, asOf?, avoid?, weights?}', [{ path: 'body', message: 'missing JSON object' }], 'invalid-input');
    }
    const r = RouteRequest.safeParse(req.body);
    if (!r.success) throw invalid('body', r.error);
    send(req, res, await runHeavy<RouteAnswer>(pool, 'network.route', { request: r.data, where: 'body' }));
  });

  router.get('/network/chokepoints', chokepointsHandler(layers));

  return router;
}
