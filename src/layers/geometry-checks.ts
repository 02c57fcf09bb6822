import { kinks } from '@turf/kinks';
import Flatbush from 'flatbush';
import { lineString } from '@turf/helpers';
import type { Geometry, Position } from 'geojson';

export interface GeometryFault {
  path: string; // relative to the feature, e.g. geometry.coordinates[0][2]
  message: string;
}

function checkPosition(p: Position, path: string, faults: GeometryFault[]): void {
  const [lon, lat] = p;
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    faults.push({ path, message: 'position must hold two finite numbers [lon, lat]' });
  } else if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    faults.push({ path, message: `coordinates out of range: [${lon}, ${lat}] (lon must be -180..180, lat -90..90; [lon, lat] order)` });
  }
}

function checkLine(line: Position[], path: string, faults: GeometryFault[]): void {
  if (line.length < 2) faults.push({ path, message: `a line needs at least 2 positions, has ${line.length}` });
  line.forEach((p, i) => checkPosition(p, `${path}[${i}]`, faults));
}

/** Slack on the segments' boxes, in degrees: far above float noise, far below any gap the data draws. */
const BOX_SLACK = 1e-9;

/**
 * Whether two segments of a closed ring cross or touch, by kinks's own test (the same arithmetic on the same
 * pairs, segment i before k > i, neighbours and the closing pair skipped), asked only of the pairs whose boxes
 * overlap, found with an R-tree (flatbush, as the layers' own index). kinks asks every pair: O(n²), 1.3 s for the
 * country outlines alone, where the index takes milliseconds; a ring it flags goes to kinks for the report.
 */
function mayCross(ring: Position[]): boolean {
  const n = ring.length - 1; // segments; the ring is closed (and has 4+ positions)
  const box = (i: number): [number, number, number, number] => {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    return [Math.min(a[0]!, b[0]!) - BOX_SLACK, Math.min(a[1]!, b[1]!) - BOX_SLACK, Math.max(a[0]!, b[0]!) + BOX_SLACK, Math.max(a[1]!, b[1]!) + BOX_SLACK];
  };
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) index.add(...box(i));
  index.finish();
  for (let i = 0; i < n; i++) {
    for (const k of index.search(...box(i))) {
      if (k <= i + 1 || (i === 0 && k === n - 1)) continue;
      if (segmentsMeet(ring[i]!, ring[i + 1]!, ring[k]!, ring[k + 1]!)) return true;
    }
  }
  return false;
}

/** kinks's segment test: the lines' crossing lies on both segments, ends included; parallel segments never meet. */
function segmentsMeet(a1: Position, a2: Position, b1: Position, b2: Position): boolean {
  const ax1 = a1[0]!, ay1 = a1[1]!, ax2 = a2[0]!, ay2 = a2[1]!;
  const bx1 = b1[0]!, by1 = b1[1]!, bx2 = b2[0]!, by2 = b2[1]!;
  const denominator = (by2 - by1) * (ax2 - ax1) - (bx2 - bx1) * (ay2 - ay1);
  if (denominator === 0) return false;
  const dy = ay1 - by1;
  const dx = ax1 - bx1;
  const alongA = ((bx2 - bx1) * dy - (by2 - by1) * dx) / denominator;
  const alongB = ((ax2 - ax1) * dy - (ay2 - ay1) * dx) / denominator;
  return alongA >= 0 && alongA <= 1 && alongB >= 0 && alongB <= 1;
}

function checkRing(ring: Position[], path: string, faults: GeometryFault[]): void {
  const before = faults.length;
  ring.forEach((p, i) => checkPosition(p, `${path}[${i}]`, faults));
  if (faults.length > before) return;
  if (ring.length < 4) {
    faults.push({ path, message: `a ring needs at least 4 positions, has ${ring.length}` });
    return;
  }
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    faults.push({ path, message: `ring is not closed: first position [${first[0]}, ${first[1]}] differs from last [${last[0]}, ${last[1]}]` });
    return;
  }
  if (!mayCross(ring)) return;
  const crossings = kinks(lineString(ring)).features;
  if (crossings.length > 0) {
    const at = crossings[0]!.geometry.coordinates.map((c) => Number(c.toFixed(5)));
    faults.push({ path, message: `ring self-intersects at [${at.join(', ')}]${crossings.length > 1 ? ` and ${crossings.length - 1} more place(s)` : ''}` });
  }
}

/** Structural validity of a GeoJSON geometry: ranges, closed simple rings, lines of 2+ positions. */
export function checkGeometry(g: Geometry, path = 'geometry'): GeometryFault[] {
  const faults: GeometryFault[] = [];
  const c = `${path}.coordinates`;
  switch (g.type) {
    case 'Point':
      checkPosition(g.coordinates, c, faults);
      break;
    case 'MultiPoint':
      g.coordinates.forEach((p, i) => checkPosition(p, `${c}[${i}]`, faults));
      break;
    case 'LineString':
      checkLine(g.coordinates, c, faults);
      break;
    case 'MultiLineString':
      g.coordinates.forEach((l, i) => checkLine(l, `${c}[${i}]`, faults));
      break;
    case 'Polygon':
      g.coordinates.forEach((r, i) => checkRing(r, `${c}[${i}]`, faults));
      break;
    case 'MultiPolygon':
      g.coordinates.forEach((p, i) => p.forEach((r, j) => checkRing(r, `${c}[${i}][${j}]`, faults)));
      break;
    case 'GeometryCollection':
      g.geometries.forEach((sub, i) => faults.push(...checkGeometry(sub, `${path}.geometries[${i}]`)));
      break;
  }
  return faults;
}
