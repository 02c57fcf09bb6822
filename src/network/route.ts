import type { Position } from 'geojson';
import { haversineKm } from '../layers/geodesy.js';
import type { RoadNetwork } from './build.js';
import type { NetworkEdge } from './graph.js';
import { highwayKey } from './options.js';
import { shortestPath, type Terminal } from './shortest-path.js';

/** Where a path starts, passes or ends: a gazetteer place, or a free position snapped to the nearest road. */
export type Stop = { place: string } | { point: Position };

/** A fault in a stop (unknown place, off the network): `index` says which stop. */
export class RouteStopError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RoadPath {
  coordinates: Position[];
  lengthKm: number;
  cost: number;
  edges: NetworkEdge[];
  connectorKm: number; // km on connectors (town access and snaps), not on a mapped road
  highways: string[]; // route numbers in travel order (MEX-57 form), consecutive repeats collapsed
  kmByHighway: Record<string, number>;
}

interface Anchor {
  terminals: Terminal[];
  snap?: { edge: NetworkEdge; k: number; point: Position; alongKm: number; offKm: number; stop: Position };
  /** geometry from the stop to each terminal's node (reversed for a finish), keyed by node */
  lead: Map<number, Position[]>;
}

function anchorOf(net: RoadNetwork, stop: Stop, index: number, cost: ArrayLike<number>, maxSnapKm: number): Anchor {
  if ('place' in stop) {
    const node = net.placeNode.get(stop.place);
    if (node === undefined) {
      if (!net.places.has(stop.place)) throw new RouteStopError(index, `unknown place "${stop.place}"`);
      const orphan = net.report.orphans.find((o) => o.place === stop.place);
      throw new RouteStopError(index, `place "${stop.place}" is not on the road network (nearest road ${orphan?.nearestRoadKm ?? '?'} km, beyond the ${net.report.options.connectorMaxKm} km connector limit)`);
    }
    return { terminals: [{ node, cost: 0 }], lead: new Map([[node, [net.graph.nodes[node]!]]]) };
  }
  const hit = net.graph.nearestOnRoad(stop.point, maxSnapKm);
  if (!hit) throw new RouteStopError(index, `position ${stop.point.join(',')} is more than ${maxSnapKm} km from any road`);
  const e = hit.edge;
  const perKm = e.lengthKm > 0 ? cost[e.id]! / e.lengthKm : 0;
  const head = haversineKm(stop.point, hit.point) > 1e-6 ? [stop.point, hit.point] : [hit.point];
  const toSource = [...head, ...e.coordinates.slice(0, hit.k + 1).reverse()];
  const toTarget = [...head, ...e.coordinates.slice(hit.k + 1)];
  const offCost = haversineKm(stop.point, hit.point); // a snap costs its km
  return {
    snap: { edge: e, k: hit.k, point: hit.point, alongKm: hit.alongKm, offKm: offCost, stop: stop.point },
    terminals: [
      { node: e.source, cost: offCost + perKm * hit.alongKm },
      { node: e.target, cost: offCost + perKm * (e.lengthKm - hit.alongKm) },
    ],
    lead: new Map([
      [e.source, toSource],
      [e.target, toTarget],
    ]),
  };
}

function lengthOf(coords: readonly Position[]): number {
  let km = 0;
  for (let i = 1; i < coords.length; i++) km += haversineKm(coords[i - 1]!, coords[i]!);
  return km;
}

/** Appends `part` to `line`, dropping a repeated joint. */
function append(line: Position[], part: readonly Position[]): void {
  for (const p of part) {
    const last = line[line.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) line.push(p);
  }
}

/**
 * The cheapest path through `stops` in order (leg by leg) over `cost[edge]`; undefined for a leg means no
 * road connects it (`legs` tells which). Throws RouteStopError for an unknown or unreachable stop.
 */
export function routeThrough(
  net: RoadNetwork,
  stops: readonly Stop[],
  cost: ArrayLike<number>,
  options: { maxSnapKm?: number } = {},
): { path: RoadPath | undefined; legs: (RoadPath | undefined)[] } {
  const maxSnapKm = options.maxSnapKm ?? net.report.options.connectorMaxKm;
  const anchors = stops.map((s, i) => anchorOf(net, s, i, cost, maxSnapKm));
  const legs: (RoadPath | undefined)[] = [];
  for (let i = 0; i + 1 < anchors.length; i++) legs.push(leg(net, anchors[i]!, anchors[i + 1]!, cost));
  if (legs.some((l) => !l)) return { path: undefined, legs };
  return { path: joinLegs(legs as RoadPath[]), legs };
}

/** Both stops snapped onto one edge: the stretch between them, without visiting a node. */
function alongOneEdge(a: NonNullable<Anchor['snap']>, b: NonNullable<Anchor['snap']>, cost: ArrayLike<number>): RoadPath {
  const e = a.edge;
  const forward = a.alongKm <= b.alongKm;
  const [first, second] = forward ? [a, b] : [b, a];
  const inner = e.coordinates.slice(first.k + 1, second.k + 1);
  const coords: Position[] = [];
  append(coords, [first.stop, first.point, ...inner, second.point, second.stop]);
  if (!forward) coords.reverse();
  const perKm = e.lengthKm > 0 ? cost[e.id]! / e.lengthKm : 0;
  return describe(coords, [e], a.offKm + b.offKm + perKm * Math.abs(b.alongKm - a.alongKm));
}

function leg(net: RoadNetwork, from: Anchor, to: Anchor, cost: ArrayLike<number>): RoadPath | undefined {
  const direct = from.snap && to.snap && from.snap.edge === to.snap.edge ? alongOneEdge(from.snap, to.snap, cost) : undefined;
  const found = shortestPath(net.graph, cost, from.terminals, to.terminals);
  if (!found || (direct && direct.cost <= found.cost)) return direct;
  const coordinates: Position[] = [];
  append(coordinates, from.lead.get(found.start.node)!); // stop -> node
  const edges: NetworkEdge[] = [];
  found.edges.forEach((id, i) => {
    const e = net.graph.edges[id]!;
    edges.push(e);
    append(coordinates, found.nodes[i] === e.source ? e.coordinates : e.coordinates.slice().reverse());
  });
  append(coordinates, to.lead.get(found.finish.node)!.slice().reverse()); // node -> stop
  return describe(coordinates, edges, found.cost);
}

function describe(coordinates: Position[], edges: NetworkEdge[], cost: number): RoadPath {
  const lengthKm = lengthOf(coordinates);
  const roadKm = edges.reduce((s, e) => s + (e.kind === 'road' ? e.lengthKm : 0), 0);
  const highways: string[] = [];
  const kmByHighway: Record<string, number> = {};
  for (const e of edges) {
    if (!e.ref) continue;
    const key = highwayKey(e.ref);
    kmByHighway[key] = (kmByHighway[key] ?? 0) + e.lengthKm;
    if (highways[highways.length - 1] !== key) highways.push(key);
  }
  return { coordinates, lengthKm, cost, edges, connectorKm: Math.max(0, lengthKm - roadKm), highways, kmByHighway };
}

function joinLegs(legs: RoadPath[]): RoadPath {
  const coordinates: Position[] = [];
  for (const l of legs) append(coordinates, l.coordinates);
  return describe(coordinates, legs.flatMap((l) => l.edges), legs.reduce((s, l) => s + l.cost, 0));
}

/** Edge costs of the distance objective: the edge's km. */
export function distanceCosts(net: RoadNetwork): Float64Array {
  return Float64Array.from(net.graph.edges, (e) => e.lengthKm);
}
