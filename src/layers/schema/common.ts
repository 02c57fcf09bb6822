import { z } from 'zod';
import { isCalendarDate } from '../dates.js';

/** Stable identifiers: lowercase ascii slugs, or digits (CBP port codes). */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lowercase slug of a-z, 0-9 and "-"');

/** A date as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');

/** A query date for feature validity: a calendar day YYYY-MM-DD, or "all" to ignore dates. */
export const AsOf = z
  .string()
  .refine((s) => s === 'all' || isCalendarDate(s), { message: 'must be a date YYYY-MM-DD or "all"' });

export const Confidence = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof Confidence>;

export const Position = z.tuple([z.number(), z.number()]).rest(z.number());

/** Properties every thematic feature carries: who says so, how sure we are, and when it held. */
export const CitedProperties = z.object({
  id: Id,
  name: z.string().min(1),
  sources: z.array(Id).min(1, 'cite at least one source id from sources.json'),
  confidence: Confidence,
  notes: z.string().min(1, 'say in our own words what the sources support'),
  validFrom: PartialDate.optional(),
  validTo: PartialDate.optional(),
});

/** A GeoJSON Feature whose `id` mirrors `properties.id`. */
export function feature<G extends z.ZodTypeAny, P extends z.ZodTypeAny>(geometry: G, properties: P) {
  return z.object({
    type: z.literal('Feature'),
    id: z.string().optional(),
    geometry,
    properties,
  });
}

export function featureCollection<F extends z.ZodTypeAny>(feature: F) {
  return z.object({ type: z.literal('FeatureCollection'), features: z.array(feature) });
}

export const PointGeometry = z.object({ type: z.literal('Point'), coordinates: Position });
export const LineStringGeometry = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(Position).min(2, 'a line needs at least 2 positions'),
});
export const MultiLineStringGeometry = z.object({
  type: z.literal('MultiLineString'),
  coordinates: z.array(z.array(Position).min(2, 'a line needs at least 2 positions')).min(1),
});
const Ring = z.array(Position);
export const PolygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) });
export const MultiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(Ring).min(1)).min(1),
});
