import type { LineString, Position } from 'geojson';
import type { LayerSet } from '../layers/layer-set.js';
import type { RoadNetwork } from './build.js';
import { exposureCosts, type Avoid, type CostWeights } from './costs.js';
import { routeThrough, type RoadPath, type Stop } from './route.js';

// Plans a trip two ways over one network: the shortest path (km) and the least-exposure path (the cost model
// in costs.ts), each with its full exposure from the caller's engine (src/exposure, injected so the network
// knows nothing of it), the detour's extra km and what it avoids.

/** The part of an exposure result a plan compares (src/exposure's ExposureResult satisfies it). */
export interface ExposureLike {
  checkpoints: { id: string; agency: string }[];
  territories: { id: string; group: string }[];
  groups: { group: string; lengthKm: number }[];
  summary: { checkpointsPassed: number; kmInTerritory: number };
}

export interface PlanRequest {
  stops: Stop[]; // from, via…, to
  asOf: string;
  weights: CostWeights;
  avoid: Avoid;
}

export interface PlannedPath<E> {
  objective: 'distance' | 'exposure';
  lengthKm: number;
  cost: number; // in the objective's units (km, or km-equivalents of exposure)
  connectorKm: number;
  highways: string[];
  kmByHighway: Record<string, number>;
  geometry: LineString;
  exposure: E;
}

export interface Plan<E> {
  shortest: PlannedPath<E>;
  leastExposure: PlannedPath<E>;
  extraKm: number; // leastExposure.lengthKm - shortest.lengthKm
  avoids: {
    checkpoints: string[]; // passed on the shortest path, not on the least-exposure one
    kmInTerritoryAvoided: number;
    groups: { group: string; kmAvoided: number }[]; // km less inside each group's territory (negative: more)
  };
  sameRoute: boolean;
}

/** No path joins the stops (under `avoid`): which leg. */
export class NoRouteError extends Error {
  constructor(
    readonly leg: number,
    message: string,
  ) {
    super(message);
  }
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r6 = (p: Position): Position => [Math.round(p[0]! * 1e6) / 1e6, Math.round(p[1]! * 1e6) / 1e6];

function pathOf<E>(objective: 'distance' | 'exposure', path: RoadPath, exposureOf: (g: LineString) => E): PlannedPath<E> {
  const geometry: LineString = { type: 'LineString', coordinates: path.coordinates.map(r6) };
  return {
    objective,
    lengthKm: r3(path.lengthKm),
    cost: r3(path.cost),
    connectorKm: r3(path.connectorKm),
    highways: path.highways,
    kmByHighway: Object.fromEntries(Object.entries(path.kmByHighway).map(([k, v]) => [k, r3(v)])),
    geometry,
    exposure: exposureOf(geometry),
  };
}

function solve(net: RoadNetwork, stops: Stop[], cost: Float64Array, what: string): RoadPath {
  const { path, legs } = routeThrough(net, stops, cost);
  if (!path) {
    const leg = legs.findIndex((l) => !l);
    throw new NoRouteError(leg, `no road path joins stop ${leg} and stop ${leg + 1}${what}`);
  }
  return path;
}

export function planRoute<E extends ExposureLike>(net: RoadNetwork, layers: LayerSet, request: PlanRequest, exposureOf: (geometry: LineString) => E): Plan<E> {
  const avoidNote = request.avoid.length ? ` while avoiding ${request.avoid.map((a) => `${a.kind}:${a.value}`).join(', ')}` : '';
  const byKm = exposureCosts(net, layers, { asOf: request.asOf, weights: request.weights, avoid: request.avoid, exposure: false });
  const byExposure = exposureCosts(net, layers, { asOf: request.asOf, weights: request.weights, avoid: request.avoid, exposure: true });
  const a = solve(net, request.stops, byKm.cost, avoidNote);
  const b = solve(net, request.stops, byExposure.cost, avoidNote);
  const shortest = pathOf('distance', a, exposureOf);
  const leastExposure = pathOf('exposure', b, exposureOf);
  // The exact engine has the last word: a stop inside a forbidden territory or within bufferKm of a forbidden
  // post cannot avoid it, whatever the path.
  if (request.avoid.length) {
    const agencyOf = new Map(layers.layer('checkpoints').features.map((c) => [c.id, c.properties.agency === 'mixed' ? (c.properties.agencies ?? []) : [c.properties.agency]]));
    const hits = new Set<string>();
    for (const p of [shortest, leastExposure]) {
      for (const c of p.exposure.checkpoints) for (const av of request.avoid) if ((av.kind === 'checkpoint' && av.value === c.id) || (av.kind === 'agency' && (agencyOf.get(c.id) ?? [c.agency]).includes(av.value))) hits.add(`${av.kind}:${av.value} (${c.id})`);
      for (const t of p.exposure.territories) for (const av of request.avoid) if ((av.kind === 'group' && av.value === t.group) || (av.kind === 'territory' && av.value === t.id)) hits.add(`${av.kind}:${av.value} (${t.id})`);
    }
    if (hits.size) throw new NoRouteError(-1, `cannot avoid ${[...hits].join(', ')}: a stop lies inside it or within bufferKm of it`);
  }
  const onB = new Set(leastExposure.exposure.checkpoints.map((c) => c.id));
  const groups = new Map<string, number>();
  for (const g of shortest.exposure.groups) groups.set(g.group, g.lengthKm);
  for (const g of leastExposure.exposure.groups) groups.set(g.group, (groups.get(g.group) ?? 0) - g.lengthKm);
  return {
    shortest,
    leastExposure,
    extraKm: r3(leastExposure.lengthKm - shortest.lengthKm),
    avoids: {
      checkpoints: shortest.exposure.checkpoints.filter((c) => !onB.has(c.id)).map((c) => c.id),
      kmInTerritoryAvoided: r3(shortest.exposure.summary.kmInTerritory - leastExposure.exposure.summary.kmInTerritory),
      groups: [...groups].map(([group, km]) => ({ group, kmAvoided: r3(km) })).filter((g) => g.kmAvoided !== 0).sort((x, y) => y.kmAvoided - x.kmAvoided),
    },
    sameRoute: a.edges.length === b.edges.length && a.edges.every((e, i) => e.id === b.edges[i]!.id),
  };
}

/** A stop from user text: `lon,lat`, a gazetteer id, or a place name (case and accents ignored). */
export function parseStop(net: RoadNetwork, text: string): Stop | undefined {
  const t = text.trim();
  const m = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/.exec(t);
  if (m) {
    const lon = Number(m[1]);
    const lat = Number(m[2]);
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return undefined;
    return { point: [lon, lat] };
  }
  if (net.places.has(t)) return { place: t };
  const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const want = fold(t);
  for (const p of net.places.values()) if (fold(p.name) === want || fold(p.id) === want) return { place: p.id };
  return undefined;
}
