import express, { Router, type Request } from 'express';
import type { Feature, LineString, MultiLineString } from 'geojson';
import { z } from 'zod';
import { computeExposure, ExposureInputError, type ComputeOptions } from '../exposure/exposure.js';
import { csvHeader, csvRow, exposureFeatureCollection } from '../exposure/formats.js';
import { batchKeys, ExposureOptions, RouteCollection, RouteInput, routeGeometry } from '../exposure/route-input.js';
import { jsonPath } from '../layers/problems.js';
import type { LayerSet } from '../layers/layer-set.js';
import { HttpProblem } from './problem.js';

/** Request body limits (documented in the README and OpenAPI). */
export const SINGLE_BODY_LIMIT = '10mb';
export const BATCH_BODY_LIMIT = '50mb';

const anyType = () => true; // parse the body as JSON whatever its Content-Type: curl users forget it

function invalid(where: 'body' | 'query', error: z.ZodError, prefix: PropertyKey[] = []): HttpProblem {
  const errors = error.issues.map((i) => ({ path: jsonPath([where, ...prefix, ...i.path]), message: i.message }));
  return new HttpProblem(400, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors, 'invalid-input');
}

/** Options from body fields, overridden by query parameters (`as_of` is accepted for `asOf`). */
function optionsOf(req: Request, body: Record<string, unknown> | undefined): ComputeOptions {
  const q = req.query as Record<string, string | undefined>;
  const pick = (name: string, alias?: string) => q[name] ?? (alias ? q[alias] : undefined) ?? body?.[name];
  const raw = { bufferKm: pick('bufferKm'), asOf: pick('asOf', 'as_of'), staleAfterMonths: pick('staleAfterMonths'), expulsionPort: pick('expulsionPort'), explain: pick('explain') };
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const r = ExposureOptions.safeParse(defined);
  if (!r.success) throw invalid('query', r.error);
  return r.data;
}

function compute(layers: LayerSet, geometry: Parameters<typeof computeExposure>[1], options: ComputeOptions) {
  try {
    return computeExposure(layers, geometry, options);
  } catch (err) {
    if (err instanceof ExposureInputError) {
      throw new HttpProblem(400, `${err.path}: ${err.message}`, [{ path: err.path, message: err.message }], 'invalid-input');
    }
    throw err;
  }
}

/** POST /exposure, POST /exposure/batch, GET /routes/{id}/exposure. */
export function exposureRouter(layers: LayerSet): Router {
  const router = Router();
  const single = express.json({ limit: SINGLE_BODY_LIMIT, type: anyType, strict: true });
  const batch = express.json({ limit: BATCH_BODY_LIMIT, type: anyType, strict: true });

  const respond = (req: Request, res: express.Response, route: Feature | null, geometry: LineString | MultiLineString, options: ComputeOptions) => {
    const wantsGeoJson = req.accepts(['application/json', 'application/geo+json']) === 'application/geo+json';
    const result = compute(layers, geometry, { ...options, withGeometry: wantsGeoJson });
    if (wantsGeoJson) res.type('application/geo+json').send(JSON.stringify(exposureFeatureCollection(route, result)));
    else res.json(result);
  };

  router.post('/exposure', single, (req, res) => {
    if (req.body === undefined || typeof req.body !== 'object' || req.body === null) {
      throw new HttpProblem(400, 'body: send the route as a GeoJSON LineString or MultiLineString (bare or in a Feature)', [{ path: 'body', message: 'missing JSON body' }], 'invalid-input');
    }
    const wrapped = 'route' in req.body;
    const parsed = RouteInput.safeParse(wrapped ? req.body.route : req.body);
    if (!parsed.success) throw invalid('body', parsed.error, wrapped ? ['route'] : []);
    const options = optionsOf(req, req.body);
    const route = parsed.data.type === 'Feature' ? (parsed.data as Feature) : null;
    respond(req, res, route, routeGeometry(parsed.data), options);
  });

  router.get('/routes/:id/exposure', (req, res) => {
    const route = layers.layer('routes').byId.get(req.params.id);
    if (!route) throw new HttpProblem(404, `unknown route "${req.params.id}"; see GET /layers/routes`, undefined, 'unknown-route');
    respond(req, res, route, route.geometry as LineString | MultiLineString, optionsOf(req, undefined));
  });

  router.post('/exposure/batch', batch, (req, res) => {
    const parsed = RouteCollection.safeParse(req.body);
    if (!parsed.success) throw invalid('body', parsed.error);
    const options = optionsOf(req, req.body);
    const keys = batchKeys(parsed.data);
    const results = parsed.data.features.map((f) => compute(layers, f.geometry, options));
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      res.type('text/csv; charset=utf-8; header=present');
      res.send(csvHeader() + results.map((r, i) => csvRow(keys[i]!, r)).join(''));
      return;
    }
    // `keys` keeps the input order: JSON objects put integer-like keys first.
    res.json({ count: results.length, keys, results: Object.fromEntries(keys.map((k, i) => [k, results[i]])) });
  });

  return router;
}
