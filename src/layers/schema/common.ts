import { z } from 'zod';
import { DEFAULT_STALE_AFTER_MONTHS, isPartialDate, isTimeRuleSyntax, MAX_STALE_AFTER_MONTHS, TIME_RULE_SYNTAX } from '../time/index.js';

/** Stable identifiers: lowercase ascii slugs, or digits (CBP port codes). */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lowercase slug of a-z, 0-9 and "-"');

/** A date as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD. */
export const PartialDate = z
  .string()
  .refine(isPartialDate, { message: 'must be YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)' });

/**
 * The time rule of a query: `latest` (default), `all`, YYYY, YYYY-MM, YYYY-MM-DD, FROM..TO or a policy name.
 * Syntax only: policy names are data, resolved by LayerSet.timeRule.
 */
export const AsOf = z
  .string()
  .refine(isTimeRuleSyntax, { message: TIME_RULE_SYNTAX })
  .describe('time rule (default latest): latest, all, YYYY, YYYY-MM, YYYY-MM-DD, FROM..TO, or a policy name from GET /policies');

/**
 * Months after its last evidence when a fact not known to have ended is flagged `stale`. A JSON number or a
 * decimal string of digits (a query parameter); never coerced: "" is not 0, "0x10" not 16, true not 1.
 */
const MONTHS = 'must be a whole number of months';
export const StaleAfterMonths = z
  .union([z.number({ message: MONTHS }), z.string().regex(/^[+-]?\d+$/, MONTHS).transform(Number)], { message: MONTHS })
  .pipe(z.number().int(MONTHS).min(0, 'must not be negative').max(MAX_STALE_AFTER_MONTHS, `must be at most ${MAX_STALE_AFTER_MONTHS}`))
  .default(DEFAULT_STALE_AFTER_MONTHS)
  .describe(`facts whose last evidence is more than this many months old are flagged stale (default ${DEFAULT_STALE_AFTER_MONTHS})`);

/** When the cited sources attest a fact: first and last evidence, as precise as the sources give it. */
export const Observed = z.object({
  from: PartialDate.optional(), // absent only when no source gives a start (say so in notes)
  to: PartialDate,
});

/** A documented end: the fact holds through `date`; `source` is the id of the source that says so. */
export const Ended = z.object({
  date: PartialDate,
  source: Id.optional(), // required: checked by gauntlet validate with its own message
});

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
  observed: Observed.optional(), // required on every dated fact unless no cited source is dated (gauntlet validate)
  ended: Ended.optional(),
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
