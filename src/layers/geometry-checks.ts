import { kinks } from '@turf/kinks';
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
