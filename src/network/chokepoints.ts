import type { Position } from 'geojson';
import { haversineKm } from '../layers/geodesy.js';
import type { LayerSet } from '../layers/layer-set.js';
import type { RoadNetwork } from './build.js';
import { CostWeights, exposureCosts, kmInside, edgesNearCheckpoint } from './costs.js';
import { highwayKey } from './options.js';
import { shortestPath } from './shortest-path.js';

// Chokepoints: over many origin-destination pairs, which checkpoints, territories and highway stretches the
// shortest paths share, and whether each can be avoided (a path forbidding it) at what extra km.

/** The towns at Mexico's southern border crossings that the gazetteer holds (Suchiate, Talismán, La Mesilla, Tabasco). */
export const SOUTHERN_ENTRY_TOWNS = ['ciudad-hidalgo', 'talisman', 'ciudad-cuauhtemoc-chiapas', 'frontera-comalapa', 'tenosique'] as const;
export const MAX_PAIRS = 2000;
const TOP = 25; // items per kind ranked and tested for an alternative

export interface Chokepoint {
  kind: 'checkpoint' | 'territory' | 'highway';
  id: string; // checkpoint or territory id; for highways "MEX-57: allende - piedras-negras"
  name: string;
  share: number; // of the routable pairs whose shortest path passes it
  pairs: number;
  alternative: { pairs: number; meanExtraKm: number | null; maxExtraKm: number | null }; // pairs with a path avoiding it
  detail?: Record<string, unknown>;
}

export interface ChokepointReport {
  asOf: string;
  origins: string[];
  destinations: string[];
  pairs: number;
  routablePairs: number;
  unroutable: { from: string; to: string; reason: string }[];
  checkpoints: Chokepoint[];
  territories: Chokepoint[];
  highways: Chokepoint[];
}

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Ranks chokepoints; yields to the event loop between pairs so a server stays responsive. */
export async function chokepoints(net: RoadNetwork, layers: LayerSet, options: { asOf: string; origins: string[]; destinations: string[]; weights?: CostWeights }): Promise<ChokepointReport> {
  const weights = options.weights ?? CostWeights.parse({});
  const base = exposureCosts(net, layers, { asOf: options.asOf, weights, avoid: [], exposure: false });
  const unroutable: ChokepointReport['unroutable'] = [];
  const paths: { from: string; to: string; km: number; edges: Set<number>; edgeList: number[] }[] = [];
  for (const from of options.origins) {
    for (const to of options.destinations) {
      if (from === to) continue;
      const a = net.placeNode.get(from);
      const b = net.placeNode.get(to);
      if (a === undefined || b === undefined) {
        unroutable.push({ from, to, reason: `${a === undefined ? from : to} is not on the road network` });
        continue;
      }
      const p = shortestPath(net.graph, base.cost, [{ node: a, cost: 0 }], [{ node: b, cost: 0 }]);
      if (!p) unroutable.push({ from, to, reason: 'no road connects them' });
      else paths.push({ from, to, km: p.cost, edges: new Set(p.edges), edgeList: p.edges });
    }
    await yieldNow();
  }

  // Items and the edges each charges.
  const items: { kind: Chokepoint['kind']; id: string; name: string; edges: Set<number>; detail?: Record<string, unknown> }[] = [];
  for (const c of layers.query('checkpoints', { asOf: options.asOf })) {
    items.push({ kind: 'checkpoint', id: c.id, name: String(c.properties.name), edges: new Set(edgesNearCheckpoint(net, c, weights.bufferKm)), detail: { agency: c.properties.agency, confidence: c.properties.confidence, locationPrecision: c.properties.locationPrecision } });
  }
  const tl = layers.layer('territories');
  for (const t of layers.query('territories', { asOf: options.asOf })) {
    items.push({ kind: 'territory', id: t.id, name: String(t.properties.name), edges: new Set(kmInside(net, t, tl.bboxById.get(t.id)!).keys()), detail: { group: t.properties.group, presence: t.properties.presence, confidence: t.properties.confidence } });
  }
  for (const s of highwayStretches(net, paths)) items.push(s);

  const ranked = items
    .map((item) => ({ item, passing: paths.filter((p) => item.edges.size && [...item.edges].some((e) => p.edges.has(e))) }))
    .filter((x) => x.passing.length > 0)
    .sort((x, y) => y.passing.length - x.passing.length || x.item.id.localeCompare(y.item.id));

  const out: Record<Chokepoint['kind'], Chokepoint[]> = { checkpoint: [], territory: [], highway: [] };
  for (const { item, passing } of ranked) {
    if (out[item.kind].length >= TOP) continue;
    const cost = Float64Array.from(base.cost);
    for (const e of item.edges) cost[e] = Infinity;
    const extras: number[] = [];
    for (const p of passing) {
      const alt = shortestPath(net.graph, cost, [{ node: net.placeNode.get(p.from)!, cost: 0 }], [{ node: net.placeNode.get(p.to)!, cost: 0 }]);
      if (alt) extras.push(alt.cost - p.km);
    }
    await yieldNow();
    out[item.kind].push({
      kind: item.kind,
      id: item.id,
      name: item.name,
      share: r3(passing.length / Math.max(1, paths.length)),
      pairs: passing.length,
      alternative: {
        pairs: extras.length,
        meanExtraKm: extras.length ? r3(extras.reduce((s, x) => s + x, 0) / extras.length) : null,
        maxExtraKm: extras.length ? r3(Math.max(...extras)) : null,
      },
      ...(item.detail ? { detail: item.detail } : {}),
    });
  }
  return {
    asOf: options.asOf,
    origins: options.origins,
    destinations: options.destinations,
    pairs: paths.length + unroutable.length,
    routablePairs: paths.length,
    unroutable,
    checkpoints: out.checkpoint,
    territories: out.territory,
    highways: out.highway,
  };
}

/**
 * Highway stretches: runs of consecutive path edges with one route number, merged across paths when they share
 * their edges, named by the gazetteer places nearest their two ends.
 */
function highwayStretches(net: RoadNetwork, paths: { edgeList: number[] }[]) {
  const byKey = new Map<string, { kind: 'highway'; id: string; name: string; edges: Set<number>; detail: { ref: string; km: number } }>();
  const places = [...net.places.values()];
  const nearestPlace = (p: Position) => places.reduce((best, q) => (haversineKm(p, q.coordinates) < haversineKm(p, best.coordinates) ? q : best), places[0]!);
  for (const path of paths) {
    let run: number[] = [];
    const flush = () => {
      if (!run.length) return;
      const first = net.graph.edges[run[0]!]!;
      const last = net.graph.edges[run[run.length - 1]!]!;
      const ref = highwayKey(first.ref!);
      // ends of the run: the node of the first edge not shared with the second (or its source), likewise the last
      const startNode = run.length > 1 && [net.graph.edges[run[1]!]!.source, net.graph.edges[run[1]!]!.target].includes(first.source) ? first.target : first.source;
      const endNode = run.length === 1 ? first.target : [net.graph.edges[run[run.length - 2]!]!.source, net.graph.edges[run[run.length - 2]!]!.target].includes(last.source) ? last.target : last.source;
      const [a, b] = [nearestPlace(net.graph.nodes[startNode]!).id, nearestPlace(net.graph.nodes[endNode]!).id].sort() as [string, string];
      const id = `${ref}: ${a} - ${b}`;
      const s = byKey.get(id) ?? { kind: 'highway' as const, id, name: `${ref} between ${net.places.get(a)!.name} and ${net.places.get(b)!.name}`, edges: new Set<number>(), detail: { ref, km: 0 } };
      for (const e of run) s.edges.add(e);
      s.detail.km = r3([...s.edges].reduce((sum, e) => sum + net.graph.edges[e]!.lengthKm, 0));
      byKey.set(id, s);
      run = [];
    };
    for (const e of path.edgeList) {
      const edge = net.graph.edges[e]!;
      if (!edge.ref || (run.length && highwayKey(net.graph.edges[run[0]!]!.ref!) !== highwayKey(edge.ref))) flush();
      if (edge.ref) run.push(e);
    }
    flush();
  }
  // Stretches named alike by different paths may overlap; a stretch counts a path when the path uses any of its edges.
  return [...byKey.values()].filter((s) => s.detail.km >= 10);
}

/** The Mexican towns at the US ports of entry (ports.geojson mxPlace), the default destinations. */
export function borderCrossingTowns(layers: LayerSet): string[] {
  return [...new Set(layers.layer('ports').features.map((p) => p.properties.mxPlace).filter((x): x is string => !!x))].sort();
}

export const pointOf = (layers: LayerSet, id: string) => layers.layer('places').byId.get(id)?.geometry.coordinates;
