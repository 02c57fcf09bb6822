import express, { Router, type Request } from 'express';
import type { Feature, LineString } from 'geojson';
import { z } from 'zod';
import { computeExposure } from '../exposure/exposure.js';
import type { LayerSet } from '../layers/layer-set.js';
import { jsonPath } from '../layers/problems.js';
import { networkOf } from '../network/build.js';
import { DEFAULT_AGENCY_WEIGHTS } from '../network/costs.js';
import { NoRouteError, parseStop, planRoute } from '../network/plan.js';
import { RouteRequest } from '../network/request.js';
import { borderCrossingTowns, chokepoints, MAX_PAIRS, SOUTHERN_ENTRY_TOWNS } from '../network/chokepoints.js';
import { AsOf } from '../layers/schema/index.js';
import { RouteStopError, type Stop } from '../network/route.js';
import { HttpProblem } from './problem.js';

export const NETWORK_BODY_LIMIT = '64kb';

function invalid(where: 'body' | 'query', error: z.ZodError): HttpProblem {
  const errors = error.issues.map((i) => ({ path: jsonPath([where, ...i.path]), message: i.message }));
  return new HttpProblem(400, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors, 'invalid-input');
}

/** Plans a route for the HTTP API and the CLI alike: the JSON answer, or throws HttpProblem-ready errors. */
export function answerRoute(layers: LayerSet, request: RouteRequest, where: 'body' | 'query' = 'query') {
  const net = networkOf(layers);
  const asOf = request.asOf ?? 'latest'; // the time rule's default (src/layers/time)
  const texts = [request.from, ...request.via, request.to];
  const paths = ['from', ...request.via.map((_, i) => `via[${i}]`), 'to'];
  const stops: Stop[] = texts.map((t, i) => {
    const s = parseStop(net, t);
    if (!s) throw new HttpProblem(400, `${where}.${paths[i]}: "${t}" is not a gazetteer id, a place name or lon,lat (see GET /layers/places)`, [{ path: `${where}.${paths[i]}`, message: 'unknown place' }], 'unknown-place');
    return s;
  });
  const bufferKm = request.weights.bufferKm;
  try {
    const plan = planRoute(net, layers, { stops, asOf, weights: request.weights, avoid: request.avoid }, (g: LineString) => computeExposure(layers, g, { asOf, bufferKm }));
    const lowCheckpoints = new Set([...plan.shortest.exposure.checkpoints, ...plan.leastExposure.exposure.checkpoints].filter((c) => c.confidence === 'low').map((c) => c.id));
    return {
      from: request.from,
      to: request.to,
      via: request.via,
      stops: stops.map((s) => ('place' in s ? { place: s.place, name: net.places.get(s.place)!.name } : { point: s.point })),
      asOf,
      optimize: request.optimize,
      route: request.optimize === 'exposure' ? 'leastExposure' : 'shortest',
      avoid: request.avoid.map((a) => `${a.kind}:${a.value}`),
      costModel: { ...request.weights, agency: { ...DEFAULT_AGENCY_WEIGHTS, ...request.weights.agency } },
      shortest: plan.shortest,
      leastExposure: plan.leastExposure,
      extraKm: plan.extraKm,
      avoids: plan.avoids,
      sameRoute: plan.sameRoute,
      caveats: [
        'Roads are Natural Earth 1:10m (1-3 km positional error, gaps listed in geodata/base/PROVENANCE.md); connectorKm are straight stand-ins for town streets.',
        ...(lowCheckpoints.size ? [`Low-confidence (inferred or single-source) checkpoints on these paths: ${[...lowCheckpoints].join(', ')}.`] : []),
      ],
    };
  } catch (err) {
    if (err instanceof RouteStopError) {
      const path = `${where}.${paths[err.index]}`;
      throw new HttpProblem(422, `${path}: ${err.message}`, [{ path, message: err.message }], 'off-network');
    }
    if (err instanceof NoRouteError) throw new HttpProblem(422, err.message, [{ path: err.leg < 0 ? `${where}.avoid` : `${where}.${paths[err.leg + 1]}`, message: err.message }], 'no-route');
    throw err;
  }
}
export type RouteAnswer = ReturnType<typeof answerRoute>;

/** Both paths as GeoJSON, the optimized one first; exposure summaries in the properties. */
export function routeFeatureCollection(answer: RouteAnswer) {
  const order = answer.route === 'shortest' ? [answer.shortest, answer.leastExposure] : [answer.leastExposure, answer.shortest];
  const features: Feature[] = order.map((p) => ({
    type: 'Feature',
    properties: {
      objective: p.objective,
      lengthKm: p.lengthKm,
      cost: p.cost,
      connectorKm: p.connectorKm,
      highways: p.highways,
      extraKm: p.objective === 'exposure' ? answer.extraKm : 0,
      asOf: answer.asOf,
      ...p.exposure.summary,
      checkpoints: p.exposure.checkpoints.map((c) => c.id),
      groups: p.exposure.groups.map((g) => g.group),
    },
    geometry: p.geometry,
  }));
  return { type: 'FeatureCollection', features, avoids: answer.avoids, caveats: answer.caveats };
}

const ChokepointQuery = z.object({
  asOf: AsOf.optional(),
  origins: z.string().optional().describe('comma list of place ids (default: the southern entry towns)'),
  destinations: z.string().optional().describe('comma list of place ids (default: the Mexican towns at the ports of entry)'),
});

/** GET /network/chokepoints: cached per (asOf, origins, destinations); the work yields to the event loop. */
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
    const key = JSON.stringify([asOf, origins, destinations]);
    let result = cache.get(key);
    if (!result) {
      result = chokepoints(net, layers, { asOf, origins, destinations });
      cache.set(key, result);
      if (cache.size > 32) cache.delete(cache.keys().next().value!);
    }
    res.json(await result);
  };
}

/** GET and POST /network/route, GET /network/chokepoints. */
export function networkRouter(layers: LayerSet): Router {
  const router = Router();
  const body = express.json({ limit: NETWORK_BODY_LIMIT, type: () => true, strict: true });
  const send = (req: Request, res: express.Response, answer: RouteAnswer) => {
    if (req.accepts(['application/json', 'application/geo+json']) === 'application/geo+json') res.type('application/geo+json').send(JSON.stringify(routeFeatureCollection(answer)));
    else res.json(answer);
  };

  router.get('/network/route', (req, res) => {
    const q = { ...(req.query as Record<string, unknown>) };
    if (q.as_of !== undefined && q.asOf === undefined) q.asOf = q.as_of;
    delete q.as_of;
    const known = new Set(['from', 'to', 'via', 'optimize', 'asOf', 'avoid', 'bufferKm']);
    const unknown = Object.keys(q).filter((k) => !known.has(k));
    if (unknown.length) throw new HttpProblem(400, `unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (weights need POST)`, unknown.map((k) => ({ path: `query.${k}`, message: 'unknown parameter' })), 'invalid-input');
    const weights = q.bufferKm !== undefined ? { bufferKm: Number(q.bufferKm) } : undefined;
    delete q.bufferKm;
    const r = RouteRequest.safeParse({ ...q, ...(weights ? { weights } : {}) });
    if (!r.success) throw invalid('query', r.error);
    send(req, res, answerRoute(layers, r.data, 'query'));
  });

  router.post('/network/route', body, (req, res) => {
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      throw new HttpProblem(400, 'body: send a JSON object {from, to, via?, optimize?, asOf?, avoid?, weights?}', [{ path: 'body', message: 'missing JSON object' }], 'invalid-input');
    }
    const r = RouteRequest.safeParse(req.body);
    if (!r.success) throw invalid('body', r.error);
    send(req, res, answerRoute(layers, r.data, 'body'));
  });

  router.get('/network/chokepoints', chokepointsHandler(layers));

  return router;
}
