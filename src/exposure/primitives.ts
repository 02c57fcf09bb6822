import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { distance } from '@turf/distance';
import { lineString } from '@turf/helpers';
import { lineIntersect } from '@turf/line-intersect';
import { nearestPointOnLine } from '@turf/nearest-point-on-line';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { haversineKm, nearestOnSegment } from './geodesy.js';
import type { PolygonEdges } from './polygon-edges.js';

// The geometric primitives the exposure engine calls on its R-tree candidates. Turf is the project's geometry
// library: each primitive is Turf's unless `npm run bench exposure`, run beside TURF_PRIMITIVES (the same indexed
// algorithm with every primitive Turf's), shows Turf costing more than 2x on the batch; those keep a hand-written
// form, with the figure beside them. src/layers/geodesy.ts's formulas are Turf's (same sphere, same haversine).

export interface Primitives {
  /** Great-circle distance in km. */
  distanceKm(a: Position, b: Position): number;
  /** Where a segment a-b passes nearest p: distance from a along the segment, and from p, in km. */
  nearestOnSegment(p: Position, a: Position, b: Position): { alongKm: number; distanceKm: number };
  /** Whether p lies inside the polygon or on its boundary. */
  contains(polygon: Polygon | MultiPolygon, edges: PolygonEdges, p: Position): boolean;
  /** Parameters t in [0, 1] where the planar segment a-b meets the polygon's boundary. */
  crossings(polygon: Polygon | MultiPolygon, edges: PolygonEdges, a: Position, b: Position): number[];
}

const turfKm = (a: Position, b: Position) => distance(a, b, { units: 'kilometers' });

/** Every primitive Turf's: the baseline `bench/exposure` measures the engine against. */
export const TURF_PRIMITIVES: Primitives = {
  distanceKm: turfKm,
  nearestOnSegment(p, a, b) {
    const hit = nearestPointOnLine(lineString([a, b]), p, { units: 'kilometers' });
    return { alongKm: hit.properties.segmentDistance, distanceKm: hit.properties.pointDistance };
  },
  contains: (polygon, _edges, p) => booleanPointInPolygon(p, polygon),
  crossings(polygon, _edges, a, b) {
    const dx = b[0]! - a[0]!;
    const dy = b[1]! - a[1]!;
    const len2 = dx * dx + dy * dy;
    if (len2 === 0) return [];
    return lineIntersect(lineString([a, b]), polygon).features.map((f) => {
      const [x, y] = [f.geometry.coordinates[0]!, f.geometry.coordinates[1]!];
      return Math.min(1, Math.max(0, ((x - a[0]!) * dx + (y - a[1]!) * dy) / len2));
    });
  },
};

/** The hand-written forms (geodesy.ts, polygon-edges.ts): what the engine keeps where Turf costs more than 2x. */
export const HAND_PRIMITIVES: Primitives = {
  distanceKm: haversineKm,
  nearestOnSegment(p, a, b) {
    const near = nearestOnSegment(p, a, b);
    return { alongKm: haversineKm(a, near.point), distanceKm: near.distanceKm };
  },
  contains: (_polygon, edges, p) => edges.contains(p),
  crossings: (_polygon, edges, a, b) => edges.crossings(a, b),
};

/**
 * What the engine uses. `npm run bench exposure`, 1,000 routes, fastest of 3 interleaved batches on 2 shared cores
 * (load 9), each primitive swapped alone into the hand-written engine (53 ms): Turf's distance 1.22x,
 * nearestPointOnLine 0.93x, booleanPointInPolygon 0.79x (noise: the territories' grids, polygon-grid.ts, leave it
 * only the points near a boundary), all kept (under 2x); lineIntersect 157x (8.3 s), because it intersects the
 * segment with every edge of the territory where polygon-edges.ts asks an R-tree over the edges for the few near
 * it. So crossings stay hand-written; the engine as shipped ran the batch in 0.99x the hand-written time.
 */
export const ENGINE_PRIMITIVES: Primitives = { ...TURF_PRIMITIVES, crossings: HAND_PRIMITIVES.crossings };
