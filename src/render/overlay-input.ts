import { z } from 'zod';

// Overlays a caller draws on a static image: GeoJSON styled by simplestyle-spec 1.1 properties
// (github.com/mapbox/simplestyle-spec). Only the styling keys are checked; other properties pass through.

/** Overlay size limits: beyond these the render time is no longer bounded (see src/render/README.md). */
export const MAX_OVERLAY_FEATURES = 5_000;
export const MAX_OVERLAY_POSITIONS = 100_000;
export const MAX_STROKE_WIDTH = 20;

const Lon = z.number({ message: 'longitude must be a number' }).min(-180, 'longitude must be within -180..180').max(180, 'longitude must be within -180..180');
const Lat = z.number({ message: 'latitude must be a number' }).min(-90, 'latitude must be within -90..90').max(90, 'latitude must be within -90..90');
const Position = z.tuple([Lon, Lat], { message: 'a position is [lon, lat]' }).rest(z.number());
const Line = z.array(Position).min(2, 'a line needs at least 2 positions');
const Ring = z
  .array(Position)
  .min(4, 'a ring needs at least 4 positions')
  .refine((r) => r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1], { message: 'a ring must be closed: its last position repeats the first' });

export const OverlayGeometry = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Point'), coordinates: Position }),
    z.object({ type: z.literal('MultiPoint'), coordinates: z.array(Position) }),
    z.object({ type: z.literal('LineString'), coordinates: Line }),
    z.object({ type: z.literal('MultiLineString'), coordinates: z.array(Line) }),
    z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1, 'a polygon needs an outer ring') }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1, 'a polygon needs an outer ring')) }),
  ],
  { message: 'geometry must be a Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon' },
);
export type OverlayGeometry = z.infer<typeof OverlayGeometry>;

const Colour = z.string({ message: 'must be a hex colour such as "#c00" or "#cc0000"' }).regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, 'must be a hex colour such as "#c00" or "#cc0000"');
const Opacity = z.number({ message: 'must be a number within 0..1' }).min(0, 'must be within 0..1').max(1, 'must be within 0..1');

/** The simplestyle-spec keys the renderer draws; defaults are the spec's. */
export const SimpleStyle = z.looseObject({
  stroke: Colour.optional(), // default #555555
  'stroke-width': z.number({ message: 'must be a number of px' }).min(0, 'must not be negative').max(MAX_STROKE_WIDTH, `must be at most ${MAX_STROKE_WIDTH} px`).optional(), // default 2
  'stroke-opacity': Opacity.optional(), // default 1
  fill: Colour.optional(), // default #555555
  'fill-opacity': Opacity.optional(), // default 0.6
  'marker-color': Colour.optional(), // default #7e7e7e
  'marker-size': z.enum(['small', 'medium', 'large'], { message: 'must be "small", "medium" or "large"' }).optional(), // default medium
  'marker-symbol': z.string({ message: 'must be a string' }).max(64, 'must be at most 64 characters').optional(), // drawn when 1-2 letters or digits
});
export type SimpleStyle = z.infer<typeof SimpleStyle>;

export const OverlayFeature = z.object({
  type: z.literal('Feature', { message: 'each overlay must be a GeoJSON Feature' }),
  id: z.union([z.string(), z.number()]).optional(),
  properties: SimpleStyle.nullable().optional(),
  geometry: OverlayGeometry.nullable(),
});
export type OverlayFeature = z.infer<typeof OverlayFeature>;

function positionsOf(g: OverlayGeometry | null): number {
  if (!g) return 0;
  switch (g.type) {
    case 'Point':
      return 1;
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates.length;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.reduce((s, l) => s + l.length, 0);
    case 'MultiPolygon':
      return g.coordinates.reduce((s, p) => s + p.reduce((t, r) => t + r.length, 0), 0);
  }
}

/** `overlays`: a Feature or a FeatureCollection; parsed to a list of features. */
export const Overlays = z
  .discriminatedUnion(
    'type',
    [
      OverlayFeature,
      z.object({
        type: z.literal('FeatureCollection'),
        features: z.array(OverlayFeature).max(MAX_OVERLAY_FEATURES, `at most ${MAX_OVERLAY_FEATURES} overlay features`),
      }),
    ],
    { message: 'overlays must be a GeoJSON Feature or FeatureCollection' },
  )
  .transform((o, ctx) => {
    const features = o.type === 'Feature' ? [o] : o.features;
    const n = features.reduce((s, f) => s + positionsOf(f.geometry), 0);
    if (n > MAX_OVERLAY_POSITIONS) {
      ctx.addIssue({ code: 'custom', message: `overlays hold ${n} positions; the limit is ${MAX_OVERLAY_POSITIONS}` });
      return z.NEVER;
    }
    return features;
  });
