import type { LayerFeature } from '../layers/features.js';
import { degreesFor } from './geodesy.js';
import { ENGINE_PRIMITIVES, type Primitives } from './primitives.js';
import type { RouteLine } from './route-line.js';

export interface CheckpointHit {
  checkpoint: LayerFeature<'checkpoints'>;
  distanceAlongKm: number; // where along the route the checkpoint is passed (its nearest point)
  offsetKm: number; // geodesic distance from the route to the checkpoint
}

/**
 * Checkpoints within `withinKm` of the route, ordered along it. A checkpoint near two stretches of the route
 * (a loop) counts once, at its nearest point.
 */
export function checkpointsAlong(route: RouteLine, candidates: readonly LayerFeature<'checkpoints'>[], { withinKm, primitives = ENGINE_PRIMITIVES }: { withinKm: number; primitives?: Primitives }): CheckpointHit[] {
  const hits: CheckpointHit[] = [];
  for (const checkpoint of candidates) {
    const p = checkpoint.geometry.coordinates;
    const { dLon, dLat } = degreesFor(withinKm, p[1]!);
    let best: CheckpointHit | undefined;
    for (const i of route.segmentIndicesIn(p[0]! - dLon, p[1]! - dLat, p[0]! + dLon, p[1]! + dLat)) {
      const near = primitives.nearestOnSegment(p, route.a[i]!, route.b[i]!);
      if (near.distanceKm <= withinKm && (!best || near.distanceKm < best.offsetKm)) {
        best = { checkpoint, offsetKm: near.distanceKm, distanceAlongKm: route.startKm[i]! + Math.min(near.alongKm, route.lengthKmOf[i]!) };
      }
    }
    if (best) hits.push(best);
  }
  return hits.sort((x, y) => x.distanceAlongKm - y.distanceAlongKm);
}
