import Flatbush from 'flatbush';
import type { LineString, Point, Position } from 'geojson';
import { degreesFor, haversineKm } from '../layers/geodesy.js';
import type { LayerSet } from '../layers/layer-set.js';
import { Graph, lineLengthKm, type NetworkEdge } from './graph.js';
import { nodeKey, nodeLines } from './noding.js';
import { NETWORK_OPTIONS, type NetworkOptions } from './options.js';

export interface RoadInput {
  id: string;
  coordinates: Position[];
  ref: string | null;
  type: string;
  toll: boolean | null;
}
export interface PlaceInput {
  id: string;
  name: string;
  coordinates: Position;
}

/** What the build found: the figures `gauntlet network` prints and the closing note quotes. */
export interface NetworkReport {
  nodes: number;
  edges: number;
  roadEdges: number;
  roadKm: number;
  connectors: number;
  connectorKm: number;
  crossings: number; // crossing segment pairs cut
  joins: number; // line ends joined to another line within the tolerance
  components: { count: number; sizes: number[]; places: string[][] }; // places per component, largest first
  orphans: { place: string; nearestRoadKm: number | null }[]; // places refused a connector (beyond connectorMaxKm)
  options: NetworkOptions;
}

/** The routable road network with its gazetteer places attached. */
export class RoadNetwork {
  constructor(
    readonly graph: Graph,
    readonly placeNode: ReadonlyMap<string, number>,
    readonly places: ReadonlyMap<string, PlaceInput>,
    readonly componentOf: Int32Array,
    readonly report: NetworkReport,
  ) {}
}

/**
 * Builds the network: nodes the road lines (cut at crossings, ends joined within `joinToleranceKm`), then
 * connects each place to its nearest road (at most `connectorMaxKm`) and to every road end within `townRadiusKm`.
 */
export function buildNetwork(roads: readonly RoadInput[], places: readonly PlaceInput[], options: Partial<NetworkOptions> = {}): RoadNetwork {
  const o: NetworkOptions = { ...NETWORK_OPTIONS, ...options };
  const driven = roads.filter((r) => !o.excludeTypes.includes(r.type) && r.coordinates.length >= 2);
  const noded = nodeLines(
    driven.map((r) => r.coordinates),
    { toleranceKm: o.joinToleranceKm, attach: places.map((p) => p.coordinates), attachMaxKm: o.connectorMaxKm, passMaxKm: o.passRadiusKm },
  );

  const nodes: Position[] = [];
  const byKey = new Map<string, number>();
  const nodeAt = (p: Position) => {
    const key = nodeKey(p);
    let n = byKey.get(key);
    if (n === undefined) (n = nodes.length, nodes.push(p), byKey.set(key, n));
    return n;
  };
  const edges: NetworkEdge[] = [];
  for (const piece of noded.pieces) {
    const road = driven[piece.line]!;
    const source = nodeAt(piece.coordinates[0]!);
    const target = nodeAt(piece.coordinates[piece.coordinates.length - 1]!);
    if (source === target && piece.coordinates.length < 3) continue;
    edges.push({
      id: edges.length, source, target, lengthKm: lineLengthKm(piece.coordinates), kind: 'road',
      road: road.id, ref: road.ref, type: road.type, toll: road.toll, place: null, coordinates: piece.coordinates,
    });
  }

  // Where lines stop, for the town connectors.
  const ends = [...new Set(noded.lineEnds.map((p) => byKey.get(nodeKey(p))).filter((n) => n !== undefined))];
  const endIndex = new Flatbush(Math.max(1, ends.length));
  for (const n of ends) endIndex.add(nodes[n]![0]!, nodes[n]![1]!, nodes[n]![0]!, nodes[n]![1]!);
  if (!ends.length) endIndex.add(0, 0, 0, 0);
  endIndex.finish();

  const passesOf = new Map<number, typeof noded.passes>();
  for (const p of noded.passes) passesOf.set(p.attach, [...(passesOf.get(p.attach) ?? []), p]);
  const placeNode = new Map<string, number>();
  const orphans: NetworkReport['orphans'] = [];
  const connector = (place: PlaceInput, from: number, to: number) => {
    const coordinates = [nodes[from]!, nodes[to]!];
    edges.push({
      id: edges.length, source: from, target: to, lengthKm: lineLengthKm(coordinates), kind: 'connector',
      road: null, ref: null, type: 'connector', toll: null, place: place.id, coordinates,
    });
  };
  places.forEach((place, i) => {
    const hit = noded.attachments[i];
    if (!hit) {
      orphans.push({ place: place.id, nearestRoadKm: null });
      return;
    }
    const n = nodeAt(place.coordinates);
    placeNode.set(place.id, n);
    const nearest = nodeAt(hit.point);
    const joined = new Set([n, nearest]);
    if (nearest !== n) connector(place, n, nearest);
    for (const pass of passesOf.get(i) ?? []) {
      const m = nodeAt(pass.point);
      if (!joined.has(m)) (joined.add(m), connector(place, n, m));
    }
    const pad = degreesFor(o.townRadiusKm, place.coordinates[1]!);
    const c = place.coordinates;
    for (const j of endIndex.search(c[0]! - pad.dLon, c[1]! - pad.dLat, c[0]! + pad.dLon, c[1]! + pad.dLat)) {
      const end = ends[j];
      if (end === undefined || joined.has(end)) continue;
      if (haversineKm(c, nodes[end]!) <= o.townRadiusKm) (joined.add(end), connector(place, n, end));
    }
  });

  const graph = new Graph(nodes, edges);
  // How far the orphans are from a road, so the report says by how much they missed.
  for (const orphan of orphans) {
    const p = places.find((q) => q.id === orphan.place)!;
    orphan.nearestRoadKm = round(graph.nearestOnRoad(p.coordinates, 200)?.distanceKm ?? NaN) || null;
  }
  const { label, sizes } = graph.components();
  const placesPer: string[][] = sizes.map(() => []);
  for (const [id, n] of placeNode) placesPer[label[n]!]!.push(id);
  const report: NetworkReport = {
    nodes: nodes.length,
    edges: edges.length,
    roadEdges: edges.filter((e) => e.kind === 'road').length,
    roadKm: round(graph.lengthKm('road')),
    connectors: edges.filter((e) => e.kind === 'connector').length,
    connectorKm: round(graph.lengthKm('connector')),
    crossings: noded.crossings,
    joins: noded.joins,
    components: { count: sizes.length, sizes, places: placesPer.map((p) => p.sort()) },
    orphans,
    options: o,
  };
  return new RoadNetwork(graph, placeNode, new Map(places.map((p) => [p.id, p])), label, report);
}

const round = (x: number) => Math.round(x * 10) / 10;

/** The roads and places of a LayerSet as network input. */
export function networkInput(layers: LayerSet): { roads: RoadInput[]; places: PlaceInput[] } {
  const roads = layers.layer('roads').features.map((f) => ({
    id: f.id,
    coordinates: f.geometry.coordinates,
    ref: f.properties.ref,
    type: f.properties.type,
    toll: f.properties.toll,
  }));
  const places = layers.layer('places').features.map((f) => ({ id: f.id, name: f.properties.name, coordinates: f.geometry.coordinates }));
  return { roads, places };
}

const cache = new WeakMap<LayerSet, RoadNetwork>();
/** The network of a LayerSet, built on first use and kept as long as the LayerSet lives. */
export function networkOf(layers: LayerSet): RoadNetwork {
  let net = cache.get(layers);
  if (!net) {
    const { roads, places } = networkInput(layers);
    net = buildNetwork(roads, places);
    cache.set(layers, net);
  }
  return net;
}
