import { z } from 'zod';
import { AsOf, StaleAfterMonths } from '../layers/schema/index.js';

/** Longest route accepted, in vertices: enough for a road-following route across Mexico at 10 m spacing. */
export const MAX_ROUTE_VERTICES = 200_000;
/** Largest checkpoint buffer, km: beyond this a checkpoint is not "on" the route in any useful sense. */
export const MAX_BUFFER_KM = 100;
export const DEFAULT_BUFFER_KM = 5;

const Lon = z.number().min(-180, 'longitude must be within -180..180').max(180, 'longitude must be within -180..180');
const Lat = z.number().min(-90, 'latitude must be within -90..90').max(90, 'latitude must be within -90..90');
const Position = z.tuple([Lon, Lat], { message: 'a position is [lon, lat]' }).rest(z.number());
const Line = z.array(Position).min(2, 'a line needs at least 2 positions');

export const RouteGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('LineString'), coordinates: Line }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(Line).min(1, 'a MultiLineString needs at least 1 line') }),
], { message: 'the route must be a LineString or MultiLineString (bare or in a Feature)' });
export type RouteGeometry = z.infer<typeof RouteGeometry>;

/** A route as a user posts it: a Feature or a bare geometry, WGS84. */
export const RouteInput = z
  .union([
    RouteGeometry,
    z.object({
      type: z.literal('Feature'),
      id: z.union([z.string(), z.number()]).optional(),
      properties: z.record(z.string(), z.unknown()).nullable().optional(),
      geometry: RouteGeometry,
    }),
  ], { message: 'the route must be a GeoJSON LineString or MultiLineString, bare or in a Feature' })
  .superRefine((route, ctx) => {
    const g = route.type === 'Feature' ? route.geometry : route;
    const n = g.type === 'LineString' ? g.coordinates.length : g.coordinates.reduce((sum, l) => sum + l.length, 0);
    if (n > MAX_ROUTE_VERTICES) ctx.addIssue({ code: 'custom', message: `the route has ${n} vertices; the limit is ${MAX_ROUTE_VERTICES}` });
  });
export type RouteInput = z.infer<typeof RouteInput>;


/** Options of an exposure computation, from query parameters, body fields or CLI flags. */
/**
 * A number from JSON, or a decimal string from a query ("12.5", "1e1"); never coerced from "", "0x10", null,
 * true or [5], which a plain Number() would turn into 0, 16, 0, 1 and 5.
 */
export const strictNumber = (message: string) =>
  z.union([z.number({ message }), z.string().regex(/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/, message).transform(Number)], { message });

export const ExposureOptions = z.object({
  bufferKm: strictNumber('must be a number of km')
    .pipe(z.number().min(0, 'must not be negative').max(MAX_BUFFER_KM, `must be at most ${MAX_BUFFER_KM} km`))
    .default(DEFAULT_BUFFER_KM),
  asOf: AsOf.optional(),
  staleAfterMonths: StaleAfterMonths.optional(),
  by: z
    .enum(['year', 'policy'], { message: 'must be "year" or "policy"' })
    .optional()
    .describe('answer a timeline: one row per calendar year (default for a period over several years) or per policy period'),
  expulsionPort: z.string().regex(/^\d{4}$/, 'must be a 4-digit CBP port code such as "2402"').optional(),
  explain: z
    .union([z.boolean(), z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true')])
    .optional()
    .describe('true: list, per figure, the features that make up most of it'),
});
export type ExposureOptions = z.infer<typeof ExposureOptions>;

export function routeGeometry(route: RouteInput): RouteGeometry {
  return route.type === 'Feature' ? route.geometry : route;
}

/** Batch limits: beyond these a caller should split the request. */
export const MAX_BATCH_ROUTES = 10_000;
/** Total vertices of a batch: 10,000 road-like routes of 200 vertices; bounds a batch's memory and time. */
export const MAX_BATCH_VERTICES = 2_000_000;

/** What a batch's envelope is refused for (the schema's messages; the server checks them before parsing). */
export const BATCH_MESSAGES = {
  type: 'a batch must be a GeoJSON FeatureCollection of route Features',
  features: 'a batch needs "features": an array of route Features',
  empty: 'a batch needs at least one route',
  routes: `a batch holds at most ${MAX_BATCH_ROUTES} routes`,
  vertices: (n: number | string) => `the batch has ${n} vertices in all; the limit is ${MAX_BATCH_VERTICES}: split it`,
};

/** A batch: a FeatureCollection of route Features; each result is keyed by the feature's id (or its index). */
export const RouteCollection = z.object({
  type: z.literal('FeatureCollection', { message: BATCH_MESSAGES.type }),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        id: z.union([z.string(), z.number()]).optional(),
        properties: z.record(z.string(), z.unknown()).nullable().optional(),
        geometry: RouteGeometry,
      }),
    )
    .min(1, BATCH_MESSAGES.empty)
    .max(MAX_BATCH_ROUTES, BATCH_MESSAGES.routes),
});
export type RouteCollection = z.infer<typeof RouteCollection>;

/** One route of a batch: its key is the feature id, properties.id, or its index in the collection. */
export function batchKeys(fc: RouteCollection): string[] {
  return batchKeysOf(fc.features.length, (i) => fc.features[i]!.id, (i) => fc.features[i]!.properties?.id);
}

/** batchKeys from each feature's id and properties.id, however they were read (the server reads them from the bytes). */
export function batchKeysOf(count: number, idOf: (i: number) => unknown, propertiesIdOf: (i: number) => unknown): string[] {
  const seen = new Set<string>();
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = propertiesIdOf(i);
    const id = idOf(i) ?? (typeof p === 'string' || typeof p === 'number' ? p : undefined);
    let key = id === undefined ? String(i) : String(id);
    if (seen.has(key)) key = `${key}#${i}`; // duplicate ids must not overwrite each other's results
    seen.add(key);
    keys.push(key);
  }
  return keys;
}
