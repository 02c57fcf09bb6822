import { lineString } from '@turf/helpers';
import { length } from '@turf/length';
import { nearestPointOnLine } from '@turf/nearest-point-on-line';
import type { LineString, MultiLineString, Point } from 'geojson';

/** How far a waypoint's gazetteer place may sit from its route line. */
export const WAYPOINT_TOLERANCE_KM = 5;

export interface WaypointFix {
  offsetKm: number; // distance from the place to the line
  alongKm: number; // distance along the line (parts of a MultiLineString in order) to the nearest point
}

/** Where a place falls on a route line: how far off it, and how far along. */
export function locateOnLine(line: LineString | MultiLineString, place: Point): WaypointFix {
  const parts = line.type === 'LineString' ? [line.coordinates] : line.coordinates;
  let best: WaypointFix = { offsetKm: Infinity, alongKm: 0 };
  let before = 0;
  for (const part of parts) {
    const ls = lineString(part);
    const hit = nearestPointOnLine(ls, place.coordinates, { units: 'kilometers' });
    const offsetKm = hit.properties.dist;
    if (offsetKm < best.offsetKm) best = { offsetKm, alongKm: before + hit.properties.location };
    before += length(ls, { units: 'kilometers' });
  }
  return best;
}
