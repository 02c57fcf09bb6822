import { lerp } from './geodesy.js';
import type { PolygonEdges } from './polygon-edges.js';
import { holdsPoint } from './polygon-grid.js';
import { ENGINE_PRIMITIVES, type Primitives } from './primitives.js';
import type { RouteLine } from './route-line.js';

/** One continuous stretch of a route inside a polygon. */
export interface Passage {
  entryKm: number; // distance along the route where it enters (0 when it starts inside)
  exitKm: number;
  lengthKm: number; // geodesic length of the route inside: exitKm - entryKm
  entry: [number, number];
  exit: [number, number];
  coordinates: [number, number][]; // the route inside, entry to exit (empty unless asked for)
}

/** Shorter pieces than this (about 1 mm) are rounding noise at a vertex, not a stretch inside or outside. */
const MIN_PIECE_KM = 1e-6;

/** A segment that meets no edge is one piece, from its start to its end. */
const WHOLE: readonly number[] = [0, 1];

/**
 * The stretches of a route inside a polygon, in travel order. Each segment is cut where it meets the polygon's
 * boundary and each piece is classified by its midpoint, so a route that leaves and re-enters yields two passages,
 * holes and MultiPolygon parts are honoured, a route running along the boundary counts as inside (as in PostGIS
 * ST_Intersection) and a route that only touches a vertex or an edge at one point yields nothing.
 *
 * A midpoint is classified by the polygon's grid where the grid knows (away from the boundary: polygon-grid.ts),
 * else by the point-in-polygon primitive. `withCoordinates`: also each passage's line (for GeoJSON output).
 */
export function passagesThrough(
  route: RouteLine,
  polygon: PolygonEdges,
  polygonBbox: readonly number[],
  primitives: Primitives = ENGINE_PRIMITIVES,
  withCoordinates = true,
): Passage[] {
  const passages: Passage[] = [];
  // the passage open so far: where it entered, and the segment and parameter where it last was inside
  let open = false;
  let entryKm = 0;
  let entry: [number, number] = [0, 0];
  let exitKm = 0;
  let exitSeg = 0;
  let exitT = 0;
  let coordinates: [number, number][] = [];
  let part = -1;
  const close = () => {
    if (open && exitKm - entryKm > MIN_PIECE_KM) {
      const exit = withCoordinates ? coordinates[coordinates.length - 1]! : lerp(route.a[exitSeg]!, route.b[exitSeg]!, exitT);
      passages.push({ entryKm, entry, exitKm, exit, coordinates, lengthKm: exitKm - entryKm });
    }
    open = false;
  };

  // Only segments near the polygon can be inside it: a jump in segment index means the route was away.
  const [minX, minY, maxX, maxY] = [polygonBbox[0]!, polygonBbox[1]!, polygonBbox[2]!, polygonBbox[3]!];
  let previous = -2;
  for (const i of route.segmentIndicesIn(minX, minY, maxX, maxY)) {
    if (i !== previous + 1 || route.part[i] !== part) close(); // away from the polygon, or a MultiLineString gap
    previous = i;
    part = route.part[i]!;
    const a = route.a[i]!;
    const b = route.b[i]!;
    const crossings = primitives.crossings(polygon.geometry, polygon, a, b);
    const ts = crossings.length === 0 ? WHOLE : [0, ...crossings, 1].sort((x, y) => x - y);
    for (let k = 0; k + 1 < ts.length; k++) {
      const t0 = ts[k]!;
      const t1 = ts[k + 1]!;
      if (t1 - t0 < 1e-12) continue;
      const startKm = route.kmAt(i, t0);
      const endKm = route.kmAt(i, t1);
      if (endKm - startKm < MIN_PIECE_KM) continue;
      // the piece's midpoint, as lerp(a, b, t) computes it
      const t = (t0 + t1) / 2;
      const mx = a[0]! + (b[0]! - a[0]!) * t;
      const my = a[1]! + (b[1]! - a[1]!) * t;
      if (holdsPoint(polygon, mx, my, primitives)) {
        if (!open) {
          open = true;
          entryKm = startKm;
          entry = lerp(a, b, t0);
          coordinates = withCoordinates ? [entry] : [];
        }
        exitKm = endKm;
        exitSeg = i;
        exitT = t1;
        if (withCoordinates) coordinates.push(lerp(a, b, t1));
      } else close();
    }
  }
  close();
  return passages;
}
