import type { Request } from 'express';
import type { Collection } from '../../features/collections.js';
import { DatetimeError, parseDatetime, type TimeQuery } from '../../features/datetime.js';
import type { BBox } from '../../layers/layer-set.js';
import { HttpProblem } from '../problem.js';

// Query parameters of the OGC API (17-069r4, 7.15): a parameter the API definition does not name, or a value
// it does not allow, is a 400 (/req/core/query-param-unknown, /req/core/query-param-invalid).

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 10_000; // larger limits are lowered to this (/per/core/limit-response-1)

export type Format = 'json' | 'html';

const invalid = (param: string, message: string): never => {
  throw new HttpProblem(400, `query.${param}: ${message}`, [{ path: `query.${param}`, message }], 'invalid-query');
};

/** Query values as single strings: a repeated parameter keeps its last value. */
export function flatQuery(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof last === 'string') out[k] = last;
  }
  return out;
}

/** 400 for any parameter outside `known`; `tolerated` ones are accepted and ignored. */
export function rejectUnknown(query: Record<string, string>, known: readonly string[], tolerated: readonly string[] = []): void {
  const unknown = Object.keys(query).filter((k) => !known.includes(k) && !tolerated.includes(k));
  if (unknown.length === 0) return;
  const errors = unknown.map((k) => ({ path: `query.${k}`, message: `unknown parameter; this resource takes ${known.join(', ')}` }));
  throw new HttpProblem(400, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors, 'unknown-parameter');
}

/** `f=json|html`, else the Accept header (browsers get HTML, GDAL and QGIS JSON). */
export function formatOf(req: Request, query: Record<string, string>, jsonTypes: string[]): Format {
  const f = query.f;
  if (f !== undefined) {
    if (f === 'json' || f === 'html') return f;
    return invalid('f', `must be "json" or "html", not "${f}"`);
  }
  return req.accepts([...jsonTypes, 'text/html']) === 'text/html' ? 'html' : 'json';
}

/** `bbox=minLon,minLat,maxLon,maxLat` (or six numbers with heights) in CRS84; one crossing the antimeridian is split. */
export function parseBBox(value: string): BBox[] {
  const n = value.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)));
  if ((n.length !== 4 && n.length !== 6) || n.some((x) => !Number.isFinite(x))) {
    return invalid('bbox', 'must be 4 numbers minLon,minLat,maxLon,maxLat (or 6 with minimum and maximum heights)');
  }
  const [minLon, minLat, maxLon, maxLat] = (n.length === 6 ? [n[0], n[1], n[3], n[4]] : n) as BBox;
  if ([minLon, maxLon].some((x) => x < -180 || x > 180) || [minLat, maxLat].some((y) => y < -90 || y > 90)) {
    return invalid('bbox', 'longitudes must be within -180..180 and latitudes within -90..90 (CRS84)');
  }
  if (minLat > maxLat) return invalid('bbox', 'the lower latitude must not exceed the upper one');
  if (minLon > maxLon) return [[minLon, minLat, 180, maxLat], [-180, minLat, maxLon, maxLat]];
  return [[minLon, minLat, maxLon, maxLat]];
}

export function parseTime(value: string): TimeQuery {
  try {
    return parseDatetime(value);
  } catch (err) {
    if (err instanceof DatetimeError) return invalid('datetime', err.message);
    throw err;
  }
}

function integer(param: string, value: string, min: number): number {
  if (!/^\d+$/.test(value)) return invalid(param, `must be an integer >= ${min}, not "${value}"`);
  const n = Number(value);
  if (n < min) return invalid(param, `must be at least ${min}`);
  return n;
}

export const parseLimit = (value: string | undefined) => (value === undefined ? DEFAULT_LIMIT : Math.min(integer('limit', value, 1), MAX_LIMIT));
export const parseOffset = (value: string | undefined) => (value === undefined ? 0 : integer('offset', value, 0));

/** `group=cjng`, `confidence=high,medium`: each value must be one the field takes. */
export function parseFilters(c: Collection, query: Record<string, string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, allowed] of Object.entries(c.filters)) {
    const raw = query[field];
    if (raw === undefined) continue;
    const values = raw.split(',').map((v) => v.trim());
    const bad = values.filter((v) => !allowed.includes(v));
    if (bad.length) invalid(field, `unknown value ${bad.map((b) => `"${b}"`).join(', ')}; one of ${allowed.join(', ')}`);
    out[field] = values;
  }
  return out;
}

/** Parameters of /items, in the order the API definition lists them. */
export const ITEMS_PARAMS = ['f', 'bbox', 'datetime', 'limit', 'offset'] as const;
