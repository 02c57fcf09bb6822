import type { Position } from 'geojson';

/** Mean Earth radius used by Turf (and so by every length Gauntlet reports). */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine), the same formula as turf.distance. */
export function haversineKm(a: Position, b: Position): number {
  const dLat = (b[1]! - a[1]!) * RAD;
  const dLon = (b[0]! - a[0]!) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1]! * RAD) * Math.cos(b[1]! * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point at parameter t of the planar lon/lat segment a-b (how GeoJSON draws straight segments). */
export function lerp(a: Position, b: Position, t: number): [number, number] {
  return [a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t];
}

/** Degrees of latitude and longitude that span `km` around latitude `lat` (for bbox searches; generous). */
export function degreesFor(km: number, lat: number): { dLon: number; dLat: number } {
  const dLat = (km / (EARTH_RADIUS_KM * RAD)) * 1.01;
  const cos = Math.max(Math.cos(Math.min(89, Math.abs(lat) + dLat) * RAD), 1e-6);
  return { dLon: dLat / cos, dLat };
}

/**
 * The nearest point to p on segment a-b, found in a local equirectangular frame centred on p (exact enough
 * within tens of km), with its distance measured geodesically.
 */
export function nearestOnSegment(p: Position, a: Position, b: Position): { t: number; point: [number, number]; distanceKm: number } {
  const k = Math.cos(p[1]! * RAD);
  const ax = (a[0]! - p[0]!) * k;
  const ay = a[1]! - p[1]!;
  const bx = (b[0]! - p[0]!) * k;
  const by = b[1]! - p[1]!;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  const point = lerp(a, b, t);
  return { t, point, distanceKm: haversineKm(p, point) };
}
