import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Position } from 'geojson';
import { z } from 'zod';
import { degreesFor, haversineKm, nearestOnSegment } from '../layers/geodesy.js';
import type { LayerSet } from '../layers/layer-set.js';
import type { LayerFeature } from '../layers/features.js';
import type { RoadNetwork } from './build.js';

// The cost model of least-exposure routing, explicit so an analyst can read and change it:
//
//   cost(edge) = km × (1 + Σ territory weight[presence] × confidence factor × share of the edge inside it)
//              + Σ checkpoint weight[agency] for every checkpoint within bufferKm of the edge
//
// Weights are "extra km": a weight of 2 makes a km inside a dominant territory cost as much as 3 km outside;
// a checkpoint weight of 50 makes passing that post cost as much as a 50 km detour. Overlapping territories add
// up. Only features valid on asOf count. `avoid` forbids edges instead (cost Infinity): `group:<slug>` every edge
// inside that group's territory, `agency:<agency>` every edge within bufferKm of such a checkpoint (mixed posts
// count for each of their agencies), `territory:<id>` and `checkpoint:<id>` one feature.
// How much of an edge lies inside a territory is sampled every km (SAMPLE_KM); the exposure reported for the chosen path comes from the exact engine (src/exposure).

export const CostWeights = z
  .object({
    presence: z
      .object({ dominant: z.number().min(0).max(1000).default(2), contested: z.number().min(0).max(1000).default(1.5), present: z.number().min(0).max(1000).default(1) })
      .default({ dominant: 2, contested: 1.5, present: 1 })
      .describe('extra km per km inside a territory, by presence'),
    confidence: z
      .object({ high: z.number().min(0).max(1).default(1), medium: z.number().min(0).max(1).default(0.75), low: z.number().min(0).max(1).default(0.5) })
      .default({ high: 1, medium: 0.75, low: 0.5 })
      .describe("factor on a territory's weight by its confidence"),
    agency: z
      .record(z.string(), z.number().min(0).max(100000))
      .default({})
      .describe('extra km per checkpoint passed, by agency (others: `checkpoint`)'),
    checkpoint: z.number().min(0).max(100000).default(50).describe('extra km per checkpoint whose agency is not in `agency`'),
    bufferKm: z.number().min(0).max(50).default(5).describe('a checkpoint within this distance of an edge is passed on it (as in /exposure)'),
  })
  .describe('the least-exposure cost model (all weights in extra km)');
export type CostWeights = z.infer<typeof CostWeights>;

export const DEFAULT_AGENCY_WEIGHTS: Readonly<Record<string, number>> = { inm: 80, 'national-guard': 60, army: 40, 'federal-police': 40, 'state-police': 40, 'municipal-police': 30, navy: 40, customs: 20, unknown: 30 };

export const Avoid = z
  .string()
  .transform((s, ctx) => {
    const out: { kind: 'group' | 'agency' | 'territory' | 'checkpoint'; value: string }[] = [];
    for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
      const m = /^(group|agency|territory|checkpoint):([a-z0-9][a-z0-9-]*)$/.exec(part);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not kind:id (kinds: group, agency, territory, checkpoint), e.g. group:gulf-cartel,agency:inm` });
        return z.NEVER;
      }
      out.push({ kind: m[1] as 'group', value: m[2]! });
    }
    return out;
  })
  .describe('comma list of kind:id to forbid: group:gulf-cartel, agency:inm, territory:<id>, checkpoint:<id>');
export type Avoid = z.infer<typeof Avoid>;

type Territory = LayerFeature<'territories'>;
type Checkpoint = LayerFeature<'checkpoints'>;

const SAMPLE_KM = 1; // territory containment is tested at the midpoint of every km of road

/** Per territory: km of each edge inside it. Independent of the date, so cached per territory feature. */
const insideCache = new WeakMap<Territory, Map<number, number>>();
export function kmInside(net: RoadNetwork, territory: Territory, bbox: readonly number[]): Map<number, number> {
  let km = insideCache.get(territory);
  if (km) return km;
  km = new Map();
  const poly = territory.geometry;
  for (const e of net.graph.edges) {
    if (e.kind !== 'road') continue;
    let inside = 0;
    for (let k = 0; k + 1 < e.coordinates.length; k++) {
      const a = e.coordinates[k]!;
      const b = e.coordinates[k + 1]!;
      if (Math.max(a[0]!, b[0]!) < bbox[0]! || Math.min(a[0]!, b[0]!) > bbox[2]! || Math.max(a[1]!, b[1]!) < bbox[1]! || Math.min(a[1]!, b[1]!) > bbox[3]!) continue;
      const segKm = haversineKm(a, b);
      const n = Math.max(1, Math.ceil(segKm / SAMPLE_KM));
      for (let j = 0; j < n; j++) {
        const t = (j + 0.5) / n;
        if (booleanPointInPolygon([a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t], poly)) inside += segKm / n;
      }
    }
    if (inside > 0) km.set(e.id, inside);
  }
  insideCache.set(territory, km);
  return km;
}

/** Edges passing within `withinKm` of a checkpoint (road edges only); cached per feature and distance. */
const nearCache = new WeakMap<Checkpoint, Map<number, number[]>>();
export function edgesNearCheckpoint(net: RoadNetwork, c: Checkpoint, withinKm: number): number[] {
  const byKm = nearCache.get(c) ?? new Map<number, number[]>();
  nearCache.set(c, byKm);
  let edges = byKm.get(withinKm);
  if (!edges) byKm.set(withinKm, (edges = edgesNear(net, c.geometry.coordinates, withinKm)));
  return edges;
}

function edgesNear(net: RoadNetwork, p: Position, withinKm: number): number[] {
  const pad = degreesFor(withinKm, p[1]!);
  const out: number[] = [];
  for (const e of net.graph.edges) {
    if (e.kind !== 'road') continue;
    let near = false;
    for (let k = 0; k + 1 < e.coordinates.length && !near; k++) {
      const a = e.coordinates[k]!;
      const b = e.coordinates[k + 1]!;
      if (Math.max(a[0]!, b[0]!) < p[0]! - pad.dLon || Math.min(a[0]!, b[0]!) > p[0]! + pad.dLon) continue;
      if (Math.max(a[1]!, b[1]!) < p[1]! - pad.dLat || Math.min(a[1]!, b[1]!) > p[1]! + pad.dLat) continue;
      near = nearestOnSegment(p, a, b).distanceKm <= withinKm;
    }
    if (near) out.push(e.id);
  }
  return out;
}

const agenciesOf = (c: Checkpoint): string[] => (c.properties.agency === 'mixed' ? (c.properties.agencies ?? ['mixed']) : [c.properties.agency]);

export interface ExposureCosts {
  cost: Float64Array;
  /** What each checkpoint and territory charges, for explaining a path. */
  checkpointsOnEdge: Map<number, string[]>;
}

const costCache = new WeakMap<RoadNetwork, Map<string, ExposureCosts>>();
const COST_CACHE_SIZE = 64; // distinct (asOf, weights, avoid) combinations kept per network

/** Edge costs of the least-exposure objective (and of `avoid` for either objective) on asOf; cached. */
export function exposureCosts(net: RoadNetwork, layers: LayerSet, options: { asOf: string; weights: CostWeights; avoid: Avoid; exposure: boolean }): ExposureCosts {
  const cache = costCache.get(net) ?? new Map<string, ExposureCosts>();
  costCache.set(net, cache);
  const key = JSON.stringify([layers.version, options.asOf, options.weights, options.avoid, options.exposure]);
  let hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit;
  }
  hit = computeCosts(net, layers, options);
  cache.set(key, hit);
  if (cache.size > COST_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return hit;
}

function computeCosts(net: RoadNetwork, layers: LayerSet, options: { asOf: string; weights: CostWeights; avoid: Avoid; exposure: boolean }): ExposureCosts {
  const { weights, avoid, asOf } = options;
  const cost = Float64Array.from(net.graph.edges, (e) => e.lengthKm);
  const forbidden = new Uint8Array(cost.length);
  const has = (kind: string, value: string) => avoid.some((a) => a.kind === kind && a.value === value);

  const territoryLayer = layers.layer('territories');
  for (const t of layers.query('territories', { asOf })) {
    const inside = kmInside(net, t, territoryLayer.bboxById.get(t.id)!);
    const banned = has('group', t.properties.group) || has('territory', t.id);
    const w = (weights.presence[t.properties.presence] ?? 0) * (weights.confidence[t.properties.confidence] ?? 1);
    for (const [edge, km] of inside) {
      if (banned) forbidden[edge] = 1;
      if (options.exposure) cost[edge]! += w * km;
    }
  }
  const checkpointsOnEdge = new Map<number, string[]>();
  const agencyWeights = { ...DEFAULT_AGENCY_WEIGHTS, ...weights.agency };
  for (const c of layers.query('checkpoints', { asOf })) {
    const agencies = agenciesOf(c);
    const banned = has('checkpoint', c.id) || agencies.some((a) => has('agency', a));
    const w = Math.max(...agencies.map((a) => agencyWeights[a] ?? weights.checkpoint));
    for (const edge of edgesNearCheckpoint(net, c, weights.bufferKm)) {
      if (banned) forbidden[edge] = 1;
      if (options.exposure) cost[edge]! += w;
      checkpointsOnEdge.set(edge, [...(checkpointsOnEdge.get(edge) ?? []), c.id]);
    }
  }
  for (let i = 0; i < cost.length; i++) if (forbidden[i]) cost[i] = Infinity;
  return { cost, checkpointsOnEdge };
}
