import { z } from 'zod';
import { DEFAULT_BUFFER_KM, MAX_BUFFER_KM, RouteInput } from '../exposure/route-input.js';
import { AsOf } from '../layers/schema/index.js';
import { LAYER_IDS, THEMATIC_LAYERS, type LayerId } from '../layers/catalog.js';
import { CameraError, parseCamera, type Camera } from './camera.js';
import { Overlays, type OverlayFeature } from './overlay-input.js';

// The options of a static map: one zod schema read by the HTTP routes (query string or JSON body), the CLI and
// the OpenAPI document. Values may come as JSON types or as strings (query parameters, flags).

/** Width and height after scaling, in device pixels. */
export const MIN_IMAGE_PX = 64;
export const MAX_IMAGE_PX = 2048;
export const MAX_SCALE = 3;
/** Padding a fit keeps clear, CSS px: default with `auto`; a box is shown edge to edge unless asked. */
export const DEFAULT_AUTO_PADDING_PX = 40;
export const MAX_PADDING_PX = 256;
/** The map between paddings keeps at least this much, CSS px. */
const MIN_MAP_PX = 32;
export const MAX_TITLE_CHARS = 120;

/** A number from JSON or from a string ("12.5"). */
const numeric = (message: string) =>
  z.union([z.number({ message }), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/, message).transform(Number)], { message });

const integer = (message: string) =>
  z.union([z.number({ message }).int(message), z.string().regex(/^\s*\d+\s*$/, message).transform(Number)], { message });

const Flag = z.union(
  [z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((s) => s === 'true' || s === '1' || s === 'yes')],
  { message: 'must be true or false' },
);

export const CameraOption = z
  .union([z.string(), z.array(z.number()).transform((a) => a.join(','))], {
    message: 'must be "auto", "minLon,minLat,maxLon,maxLat" or "lon,lat,zoom"',
  })
  .transform((text, ctx): Camera => {
    try {
      return parseCamera(text);
    } catch (err) {
      if (!(err instanceof CameraError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message });
      return z.NEVER;
    }
  })
  .describe('"auto" (fit the route, overlays or layers), "minLon,minLat,maxLon,maxLat" or "lon,lat,zoom"');

export const LayersOption = z
  .union([z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)), z.array(z.string())], {
    message: 'must be a comma-separated list of layer ids',
  })
  .transform((ids, ctx) => {
    const unknown = ids.filter((id) => !(LAYER_IDS as readonly string[]).includes(id));
    if (unknown.length) {
      ctx.addIssue({ code: 'custom', message: `unknown layer${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${LAYER_IDS.join(', ')}` });
      return z.NEVER;
    }
    return LAYER_IDS.filter((id) => ids.includes(id)); // canonical order, no repeats
  })
  .describe(`comma-separated layer ids (default: the thematic layers; with a route: territories, checkpoints, ports). Known: ${LAYER_IDS.join(', ')}`);

/** A stored route id, or a route (GeoJSON LineString or MultiLineString, bare or in a Feature) to analyse. */
export const RouteOption = z.union([z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a stored route id (see GET /layers/routes)'), RouteInput]);

export const RenderRequest = z
  .object({
    camera: CameraOption.prefault('auto'),
    width: integer('must be an integer number of px').describe('CSS px; times scale within 64..2048'),
    height: integer('must be an integer number of px').describe('CSS px; times scale within 64..2048'),
    scale: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.enum(['1', '2', '3']).transform(Number)], { message: `must be 1, 2 or ${MAX_SCALE}` })
      .default(1)
      .describe('pixel ratio: @2x and @3x images for high-density screens and print'),
    layers: LayersOption.optional(),
    asOf: AsOf.optional().describe('time rule (default latest): latest, all, YYYY, YYYY-MM, YYYY-MM-DD, FROM..TO or a policy name; the legend prints it'),
    padding: numeric('must be a number of px')
      .pipe(z.number().min(0, 'must not be negative').max(MAX_PADDING_PX, `must be at most ${MAX_PADDING_PX} px`))
      .optional()
      .describe(`px kept clear around the fitted content (default ${DEFAULT_AUTO_PADDING_PX} with auto, 0 with a box)`),
    title: z
      .string()
      .min(1, 'must not be empty')
      .max(MAX_TITLE_CHARS, `must be at most ${MAX_TITLE_CHARS} characters`)
      .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters')
      .optional(),
    legend: Flag.default(true),
    bufferKm: numeric('must be a number of km')
      .pipe(z.number().min(0, 'must not be negative').max(MAX_BUFFER_KM, `must be at most ${MAX_BUFFER_KM} km`))
      .default(DEFAULT_BUFFER_KM)
      .describe('a checkpoint this close to the route counts as passed'),
    route: RouteOption.optional().describe('a stored route id, or a GeoJSON LineString Feature to analyse and draw'),
    overlays: Overlays.optional().describe('a GeoJSON Feature or FeatureCollection styled by simplestyle-spec properties'),
  })
  .strict()
  .superRefine((o, ctx) => {
    // zod runs this even when a field failed; judge only what parsed.
    if (![o.width, o.height, o.scale].every((n) => typeof n === 'number' && Number.isFinite(n))) return;
    for (const side of ['width', 'height'] as const) {
      const px = o[side] * o.scale;
      if (px < MIN_IMAGE_PX || px > MAX_IMAGE_PX) {
        ctx.addIssue({ code: 'custom', path: [side], message: `${side} × scale is ${px} px; it must be within ${MIN_IMAGE_PX}..${MAX_IMAGE_PX}` });
      }
    }
    if (typeof o.padding === 'number' && 2 * o.padding > Math.min(o.width, o.height) - MIN_MAP_PX) {
      ctx.addIssue({ code: 'custom', path: ['padding'], message: `leaves less than ${MIN_MAP_PX} px of map in a ${o.width}x${o.height} image` });
    }
  })
  .transform((o): RenderOptions => {
    const layers = o.layers ?? (o.route ? (['territories', 'checkpoints', 'ports'] as LayerId[]) : [...THEMATIC_LAYERS]);
    return {
      camera: o.camera,
      width: o.width,
      height: o.height,
      scale: o.scale as 1 | 2 | 3,
      layers,
      asOf: o.asOf ?? 'latest',
      padding: o.padding ?? (o.camera.kind === 'auto' ? DEFAULT_AUTO_PADDING_PX : 0),
      title: o.title ?? null,
      legend: o.legend,
      bufferKm: o.bufferKm,
      route: o.route ?? null,
      overlays: o.overlays ?? [],
    };
  });

/** Render options, normalised: every default filled in, so equal options draw equal images. */
export interface RenderOptions {
  camera: Camera;
  width: number; // CSS px
  height: number;
  scale: 1 | 2 | 3;
  layers: LayerId[]; // in catalog order
  asOf: string; // a time rule, as asked (default latest)
  padding: number; // CSS px
  title: string | null;
  legend: boolean;
  bufferKm: number;
  route: string | RouteInput | null; // a stored route id or a route to analyse
  overlays: OverlayFeature[];
}

/** A fault in the options that only the data can reveal (an unknown stored route), with the option's path. */
export class RenderInputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}
