import { lerp } from './geodesy.js';
import type { PolygonEdges } from './polygon-edges.js';
import { ENGINE_PRIMITIVES, type Primitives } from './primitives.js';
import { kmAt, type RouteLine } from './route-line.js';

/** One continuous stretch of a route inside a polygon. */
export interface Passage {
  entryKm: number; // distance along the route where it enters (0 when it starts inside)
  exitKm: number;
  lengthKm: number; // geodesic length of the route inside: exitKm - entryKm
  entry: [number, number];
  exit: [number, number];
  coordinates: [number, number][]; // the route inside, entry to exit
}

/** Shorter pieces than this (about 1 mm) are rounding noise at a vertex, not a stretch inside or outside. */
const MIN_PIECE_KM = 1e-6;

/**
 * The stretches of a route inside a polygon, in travel order. Each segment is cut where it meets the polygon's
 * boundary and each piece is classified by its midpoint, so a route that leaves and re-enters yields two passages,
 * holes and MultiPolygon parts are honoured, a route running along the boundary counts as inside (as in PostGIS
 * ST_Intersection) and a route that only touches a vertex or an edge at one point yields nothing.
 */
export function passagesThrough(route: RouteLine, polygon: PolygonEdges, polygonBbox: readonly number[], primitives: Primitives = ENGINE_PRIMITIVES): Passage[] {
  const passages: Passage[] = [];
  let open: Omit<Passage, 'lengthKm'> | undefined;
  let part = -1;
  const close = () => {
    if (open && open.exitKm - open.entryKm > MIN_PIECE_KM) passages.push({ ...open, lengthKm: open.exitKm - open.entryKm });
    open = undefined;
  };

  // Only segments near the polygon can be inside it: a jump in segment index means the route was away.
  const [minX, minY, maxX, maxY] = [polygonBbox[0]!, polygonBbox[1]!, polygonBbox[2]!, polygonBbox[3]!];
  let previous = -2;
  for (const i of route.segmentIndicesIn(minX, minY, maxX, maxY)) {
    const seg = route.segments[i]!;
    if (i !== previous + 1 || seg.part !== part) close(); // away from the polygon, or a MultiLineString gap
    previous = i;
    part = seg.part;
    const { a, b } = seg;
    const ts = [0, ...primitives.crossings(polygon.geometry, polygon, a, b), 1].sort((x, y) => x - y);
    for (let k = 0; k + 1 < ts.length; k++) {
      const t0 = ts[k]!;
      const t1 = ts[k + 1]!;
      if (t1 - t0 < 1e-12) continue;
      const p0 = lerp(a, b, t0);
      const p1 = lerp(a, b, t1);
      const startKm = kmAt(route, seg, t0);
      const endKm = kmAt(route, seg, t1);
      if (endKm - startKm < MIN_PIECE_KM) continue;
      if (primitives.contains(polygon.geometry, polygon, lerp(a, b, (t0 + t1) / 2))) {
        if (open) {
          open.exitKm = endKm;
          open.exit = p1;
          open.coordinates.push(p1);
        } else open = { entryKm: startKm, entry: p0, exitKm: endKm, exit: p1, coordinates: [p0, p1] };
      } else close();
    }
  }
  close();
  return passages;
}
