import type { RouteGeometry, RouteInput } from './route-input.js';

// One tight pass over a route's positions, beside the zod schemas in route-input.ts: zod checks every position
// through a tuple schema and copies it, which costs more than the exposure itself on road-like routes. The scan
// accepts exactly what the schemas accept (a property test holds them together) and returns the same stripped
// shape; when it refuses, the caller runs zod for its messages and paths, so errors read the same either way.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function lineOk(line: unknown): boolean {
  if (!Array.isArray(line) || line.length < 2) return false;
  for (let i = 0; i < line.length; i++) {
    const p = line[i];
    if (!Array.isArray(p) || p.length < 2) return false;
    const lon = p[0];
    const lat = p[1];
    if (typeof lon !== 'number' || typeof lat !== 'number' || !(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) return false;
    for (let k = 2; k < p.length; k++) if (typeof p[k] !== 'number' || !Number.isFinite(p[k])) return false;
  }
  return true;
}

/** The geometry, stripped to type and coordinates, when it is a valid route geometry; undefined otherwise. */
export function scanGeometry(g: unknown): RouteGeometry | undefined {
  if (!isObject(g)) return undefined;
  if (g.type === 'LineString') return lineOk(g.coordinates) ? { type: 'LineString', coordinates: g.coordinates as RouteGeometry['coordinates'] as never } : undefined;
  if (g.type === 'MultiLineString') {
    const c = g.coordinates;
    if (!Array.isArray(c) || c.length < 1) return undefined;
    for (const line of c) if (!lineOk(line)) return undefined;
    return { type: 'MultiLineString', coordinates: c as never };
  }
  return undefined;
}

export type RouteFeature = { type: 'Feature'; id?: string | number; properties?: Record<string, unknown> | null; geometry: RouteGeometry };

/** A route Feature (as in a batch), stripped like zod strips it, or undefined. */
export function scanFeature(f: unknown): RouteFeature | undefined {
  if (!isObject(f) || f.type !== 'Feature') return undefined;
  const { id, properties } = f;
  if (id !== undefined && typeof id !== 'string' && (typeof id !== 'number' || !Number.isFinite(id))) return undefined;
  if (properties !== undefined && properties !== null && !isObject(properties)) return undefined;
  const geometry = scanGeometry(f.geometry);
  if (!geometry) return undefined;
  const out: RouteFeature = { type: 'Feature', geometry };
  if (id !== undefined) out.id = id;
  if (properties !== undefined) out.properties = properties as Record<string, unknown> | null;
  // zod builds objects with its keys in schema order
  return { type: out.type, ...(id !== undefined ? { id } : {}), ...(properties !== undefined ? { properties: out.properties } : {}), geometry };
}

/** A single route (bare geometry or Feature) without the vertex limit, which the caller checks first. */
export function scanRoute(v: unknown): RouteInput | undefined {
  if (isObject(v) && v.type === 'Feature') return scanFeature(v) as RouteInput | undefined;
  return scanGeometry(v) as RouteInput | undefined;
}

/**
 * Vertices of whatever geometry-like value is given, counted by array lengths only (no position is read), so a
 * body far over the limit is refused before anything looks at its positions.
 */
export function countVertices(g: unknown): number {
  if (!isObject(g) || !Array.isArray(g.coordinates)) return 0;
  const c = g.coordinates as unknown[];
  if (g.type === 'MultiLineString') {
    let n = 0;
    for (const line of c) if (Array.isArray(line)) n += line.length;
    return n;
  }
  return c.length;
}

/** Vertices of a route, bare or in a Feature. */
export function routeVertices(v: unknown): number {
  return countVertices(isObject(v) && v.type === 'Feature' ? v.geometry : v);
}
