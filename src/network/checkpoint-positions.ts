import type { Position } from 'geojson';
import { haversineKm } from '../layers/geodesy.js';
import type { LayerSet } from '../layers/layer-set.js';
import type { Problem } from '../layers/problems.js';
import type { LayerFeature } from '../layers/features.js';
import { networkOf, type RoadNetwork } from './build.js';
import { nearestOnSegment } from '../layers/geodesy.js';
import { highwayKey } from './options.js';

// A checkpoint documented on a highway is placed on that highway's mapped line, not on a route: then its
// offset from any route is a measurement. Derived like the routes (gauntlet network checkpoints --write) and
// checked by validate.

/** How far from its town (or inferred point) a highway's line may be for the checkpoint to move onto it. */
export const HIGHWAY_REACH_KM = { town: 5, segment: 5 } as const; // NE lines are good to 1-3 km

export interface DerivedPosition {
  id: string;
  position: Position;
  locationPrecision: string;
  positionBasis?: string;
  movedKm: number;
  unchangedBecause?: string;
}

function nearestOnHighway(net: RoadNetwork, key: string, p: Position): { point: Position; distanceKm: number } | undefined {
  let best: { point: Position; distanceKm: number } | undefined;
  for (const e of net.graph.edges) {
    if (!e.ref || highwayKey(e.ref) !== key) continue;
    for (let k = 0; k + 1 < e.coordinates.length; k++) {
      const hit = nearestOnSegment(p, e.coordinates[k]!, e.coordinates[k + 1]!);
      if (!best || hit.distanceKm < best.distanceKm) best = { point: hit.point, distanceKm: hit.distanceKm };
    }
  }
  return best;
}

const round5 = (p: Position): Position => [Math.round(p[0]! * 1e5) / 1e5, Math.round(p[1]! * 1e5) / 1e5];

/** Where a checkpoint belongs on the network: exact posts and those without a highway stay where they are. */
export function deriveCheckpointPosition(layers: LayerSet, checkpoint: LayerFeature<'checkpoints'>): DerivedPosition {
  const p = checkpoint.properties;
  const here = checkpoint.geometry.coordinates;
  const keep = (why: string): DerivedPosition => ({ id: checkpoint.id, position: here, locationPrecision: p.locationPrecision, ...(p.positionBasis ? { positionBasis: p.positionBasis } : {}), movedKm: 0, unchangedBecause: why });
  if (!p.highway) return keep('no highway documented');
  if (p.locationPrecision === 'exact') return keep('exact position of the post');
  const key = highwayKey(p.highway);
  const place = layers.layer('places').byId.get(p.nearPlace);
  const placeName = place?.properties.name ?? p.nearPlace;
  // Town-precision posts are anchored on their place; inferred (segment) ones on their inferred point.
  const segment = p.locationPrecision === 'segment';
  const anchor = segment || !place ? here : place.geometry.coordinates;
  const reach = segment ? HIGHWAY_REACH_KM.segment : HIGHWAY_REACH_KM.town;
  const hit = nearestOnHighway(networkOf(layers), key, anchor);
  if (!hit || hit.distanceKm > reach) {
    return keep(`${key} is not mapped within ${reach} km of ${segment ? 'the inferred point' : placeName}${hit ? ` (nearest ${hit.distanceKm.toFixed(1)} km)` : ''}`);
  }
  const position = round5(hit.point);
  const basis = segment
    ? `our inferred point, moved to the nearest point of ${key} as mapped by Natural Earth 1:10m (1-3 km positional error); still an inference`
    : `on ${key} as mapped by Natural Earth 1:10m (1-3 km positional error), at its point nearest ${placeName} (${hit.distanceKm.toFixed(1)} km from the town point)`;
  return { id: checkpoint.id, position, locationPrecision: segment ? 'segment' : 'highway', positionBasis: basis, movedKm: haversineKm(here, position) };
}

/** Problems `gauntlet validate` reports: a checkpoint whose position differs from its derivation. */
export function checkCheckpointPositions(layers: LayerSet, file = 'checkpoints.geojson'): Problem[] {
  const problems: Problem[] = [];
  for (const c of layers.layer('checkpoints').features) {
    const d = deriveCheckpointPosition(layers, c);
    const here = c.geometry.coordinates;
    if (d.unchangedBecause) continue;
    const moved = Math.abs(here[0]! - d.position[0]!) > 2e-5 || Math.abs(here[1]! - d.position[1]!) > 2e-5; // re-projecting a rounded point may shift 1 m
    if (moved || c.properties.locationPrecision !== d.locationPrecision || c.properties.positionBasis !== d.positionBasis) {
      problems.push({ file, featureId: c.id, path: 'geometry', message: `not on ${String(c.properties.highway)} where the network places it (${d.position.join(', ')}, ${d.movedKm.toFixed(1)} km away); run gauntlet network checkpoints --write` });
    }
  }
  return problems;
}
