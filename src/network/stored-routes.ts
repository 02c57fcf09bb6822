import type { LineString, Position } from 'geojson';
import { haversineKm } from '../layers/geodesy.js';
import type { LayerSet } from '../layers/layer-set.js';
import type { Problem } from '../layers/problems.js';
import type { LayerFeature } from '../layers/features.js';
import { buildNetwork, networkOf, type RoadNetwork } from './build.js';
import { distanceCosts, routeThrough, RouteStopError } from './route.js';

// Stored routes keep their waypoints as the human-edited truth; the geometry is derived by routing leg to leg
// (roads for the corridors, railroads for `rail`) and written back by `gauntlet network routes --write`, then
// checked by `gauntlet validate` like the tile archive: stale geometry, or an unlisted straight leg, is a problem.

/** A road leg longer than this many times its straight distance is not taken as the route: it is a map gap. */
export const DETOUR_LIMIT = 2.5;

export interface LegReport {
  from: string;
  to: string;
  straightKm: number;
  routedKm: number | null; // null when no path connects the two
  straight: boolean; // drawn as a straight segment
  reason?: string; // why it is straight
}

export interface DerivedRoute {
  id: string;
  geometry: LineString;
  geometryPrecision: 'road' | 'mixed' | 'network' | 'schematic';
  highways: string[];
  straightLegs: { from: string; to: string; reason: string }[];
  legs: LegReport[];
}

const round5 = (p: Position): Position => [Math.round(p[0]! * 1e5) / 1e5, Math.round(p[1]! * 1e5) / 1e5];
const km1 = (x: number) => Math.round(x * 10) / 10;

const railCache = new WeakMap<LayerSet, RoadNetwork>();
/** The railroads (NE 10m) as a network, for the rail corridors. */
export function railNetworkOf(layers: LayerSet): RoadNetwork {
  let net = railCache.get(layers);
  if (!net) {
    const lines = layers.layer('railroads').features.flatMap((f, i) => {
      const g = f.geometry;
      const parts = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
      return parts.map((coordinates, j) => ({ id: `${f.id}${parts.length > 1 ? `-${j}` : ''}`, coordinates, ref: null, type: 'Railroad', toll: null, i }));
    });
    const places = layers.layer('places').features.map((f) => ({ id: f.id, name: f.properties.name, coordinates: f.geometry.coordinates }));
    net = buildNetwork(lines, places, { townRadiusKm: 5, passRadiusKm: 2 }); // stations sit on the line: no city-edge gaps to bridge
    railCache.set(layers, net);
  }
  return net;
}

/** The geometry a stored route's waypoints give on the network. */
export function deriveRoute(layers: LayerSet, route: LayerFeature<'routes'>): DerivedRoute {
  const rail = route.properties.corridor === 'rail';
  const net = rail ? railNetworkOf(layers) : networkOf(layers);
  const cost = distanceCosts(net);
  const waypoints = route.properties.waypoints;
  const at = (id: string) => layers.layer('places').byId.get(id)!.geometry.coordinates;
  const coordinates: Position[] = [];
  const highways: string[] = [];
  const legs: LegReport[] = [];
  for (let i = 0; i + 1 < waypoints.length; i++) {
    const [from, to] = [waypoints[i]!, waypoints[i + 1]!];
    const straightKm = haversineKm(at(from), at(to));
    let part: Position[] | undefined;
    let report: LegReport;
    try {
      const { path } = routeThrough(net, [{ place: from }, { place: to }], cost);
      if (!path) report = { from, to, straightKm, routedKm: null, straight: true, reason: `no ${rail ? 'railroad' : 'road'} connects them on the network` };
      else if (path.lengthKm > DETOUR_LIMIT * straightKm && path.lengthKm - straightKm > 20) {
        report = { from, to, straightKm, routedKm: path.lengthKm, straight: true, reason: `the only ${rail ? 'railroad' : 'road'} path is ${km1(path.lengthKm)} km, ${(path.lengthKm / straightKm).toFixed(1)} times the ${km1(straightKm)} km straight distance (a gap in the map)` };
      } else {
        report = { from, to, straightKm, routedKm: path.lengthKm, straight: false };
        part = path.coordinates;
        for (const h of path.highways) if (highways[highways.length - 1] !== h) highways.push(h);
      }
    } catch (err) {
      if (!(err instanceof RouteStopError)) throw err;
      report = { from, to, straightKm, routedKm: null, straight: true, reason: err.message };
    }
    legs.push(report);
    for (const p of (part ?? [at(from), at(to)]).map(round5)) {
      const last = coordinates[coordinates.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) coordinates.push(p);
    }
  }
  const straight = legs.filter((l) => l.straight);
  const geometryPrecision = rail ? (straight.length ? 'schematic' : 'network') : straight.length === 0 ? 'road' : straight.length === legs.length ? 'schematic' : 'mixed';
  return {
    id: route.id,
    geometry: { type: 'LineString', coordinates },
    geometryPrecision: rail && straight.length && straight.length < legs.length ? 'mixed' : geometryPrecision,
    highways: rail ? [] : [...new Set(highways)].length ? dedupeKeepOrder(highways) : route.properties.highways,
    straightLegs: straight.map((l) => ({ from: l.from, to: l.to, reason: l.reason! })),
    legs,
  };
}

function dedupeKeepOrder(xs: string[]): string[] {
  return [...new Set(xs)];
}

function sameGeometry(a: LineString | { type: string; coordinates: unknown }, b: LineString): boolean {
  return JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);
}

/** Problems `gauntlet validate` reports for the stored routes: stale geometry and unlisted straight legs. */
export function checkStoredRoutes(layers: LayerSet, file = 'routes.geojson'): Problem[] {
  const problems: Problem[] = [];
  for (const route of layers.layer('routes').features) {
    const d = deriveRoute(layers, route);
    const listed = route.properties.straightLegs ?? [];
    const waypoints = route.properties.waypoints;
    d.legs.forEach((leg, i) => {
      const isListed = listed.some((l) => l.from === leg.from && l.to === leg.to);
      const path = `properties.waypoints[${i + 1}]`;
      if (leg.straight && !isListed) problems.push({ file, featureId: route.id, path, message: `leg ${leg.from} -> ${leg.to} cannot follow the ${route.properties.corridor === 'rail' ? 'railroads' : 'roads'}: ${leg.reason}; list it in straightLegs (gauntlet network routes --write) or change the waypoints` });
      if (!leg.straight && isListed) problems.push({ file, featureId: route.id, path: 'properties.straightLegs', message: `leg ${leg.from} -> ${leg.to} is routable now (${km1(leg.routedKm!)} km): run gauntlet network routes --write` });
    });
    const stale =
      route.properties.geometryPrecision !== d.geometryPrecision ||
      !sameGeometry(route.geometry, d.geometry) ||
      JSON.stringify(route.properties.highways) !== JSON.stringify(d.highways);
    if (stale && waypoints.length >= 2) {
      problems.push({ file, featureId: route.id, path: 'geometry', message: `geometry, geometryPrecision or highways differ from routing the waypoints on the network (${d.geometryPrecision}); run gauntlet network routes --write` });
    }
  }
  return problems;
}
