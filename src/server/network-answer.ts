import type { Feature, LineString } from 'geojson';
import { computeExposure } from '../exposure/exposure.js';
import type { LayerSet } from '../layers/layer-set.js';
import { networkOf } from '../network/build.js';
import { DEFAULT_AGENCY_WEIGHTS } from '../network/costs.js';
import { NoRouteError, parseStop, planRoute } from '../network/plan.js';
import type { RouteRequest } from '../network/request.js';
import { RouteStopError, type Stop } from '../network/route.js';
import { HttpProblem } from './problem.js';

// A planned route as the API answers it, with no HTTP object in sight: it runs in the worker pool
// (network-routes.ts posts it there) and in the CLI.

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
