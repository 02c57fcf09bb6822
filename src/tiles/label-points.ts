import { area } from '@turf/area';
import { polygon as turfPolygon } from '@turf/helpers';
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';
import type { LayerFeature } from '../layers/features.js';
import { flattenProperties } from './properties.js';

// Label points for area features, computed once when the tiles are built: one per separate area, at its pole of
// inaccessibility (polylabel), in a tile layer of their own. Labelling the polygons themselves repeats a label in
// every tile a polygon touches (a dozen "Arellano Félix Organization" over Baja) and can put it on an islet.

/** The tile layer of territory label points, beside `territories` in every tile that has that layer. */
export const TERRITORY_LABELS = 'territory-labels';

/** Parts smaller than this share of a feature's largest part get no label of their own (islands, slivers). */
export const MIN_LABELLED_SHARE = 0.25;
/** polylabel precision in degrees (~1 km): finer moves no label a visible pixel at the zooms labels show. */
const PRECISION_DEG = 0.01;

/** The points to label a Polygon or MultiPolygon at: the largest part's, then any part at least MIN_LABELLED_SHARE of it. */
export function labelPoints(geometry: Polygon | MultiPolygon): Point[] {
  const parts: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const sized = parts.map((rings) => ({ rings, km2: area(turfPolygon(rings)) / 1e6 }));
  const largest = Math.max(...sized.map((p) => p.km2));
  return sized
    .filter((p) => p.km2 >= largest * MIN_LABELLED_SHARE)
    .sort((a, b) => b.km2 - a.km2)
    .map((p) => {
      const [x, y] = polylabel(p.rings.map((ring) => ring.map((q): [number, number] => [q[0]!, q[1]!])), PRECISION_DEG);
      return { type: 'Point', coordinates: [Math.round(x! * 1e5) / 1e5, Math.round(y! * 1e5) / 1e5] };
    });
}

/** Properties a label needs (what the style and a time filter read); the polygon keeps the rest. */
export function labelProperties(flat: Record<string, string | number | boolean>, territoryId: string, part: number): Record<string, string | number | boolean> {
  const { notes: _n, sources: _s, units: _u, activities: _a, ...rest } = flat;
  return { ...rest, id: `${territoryId}#${part}`, territory: territoryId };
}

/** The label features of the territories layer (tile properties flattened, ids `territory#part`), for any tiler. */
export function territoryLabelFeatures(territories: readonly LayerFeature<'territories'>[]): { id: string; properties: Record<string, string | number | boolean>; geometry: Point }[] {
  return territories.flatMap((f) => labelPoints(f.geometry).map((geometry, i) => ({ id: `${f.id}#${i}`, properties: labelProperties(flattenProperties(f.properties), f.id, i), geometry })));
}
