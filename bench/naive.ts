import { booleanPointInPolygon, length, lineSplit, lineString, along, pointToLineDistance } from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { LayerSet } from '../src/layers/layer-set.js';

/**
 * The baseline an analyst would write with Turf alone: every checkpoint and every territory, no index.
 * Checkpoints by pointToLineDistance; territory km by lineSplit at the boundary and a midpoint test per piece.
 */
export function naiveExposure(layers: LayerSet, route: LineString, bufferKm: number): { checkpoints: number; kmInTerritory: number } {
  const line = lineString(route.coordinates);
  let checkpoints = 0;
  for (const c of layers.layer('checkpoints').features) {
    if (pointToLineDistance((c.geometry as Point).coordinates, line, { units: 'kilometers' }) <= bufferKm) checkpoints++;
  }
  let kmInTerritory = 0;
  for (const t of layers.layer('territories').features) {
    const polygon = t as unknown as Feature<Polygon | MultiPolygon>;
    const pieces = lineSplit(line, polygon as Feature<Polygon>).features;
    const parts = pieces.length ? pieces : [line];
    for (const piece of parts) {
      const km = length(piece, { units: 'kilometers' });
      if (km === 0) continue;
      if (booleanPointInPolygon(along(piece, km / 2, { units: 'kilometers' }), polygon)) kmInTerritory += km;
    }
  }
  return { checkpoints, kmInTerritory };
}
