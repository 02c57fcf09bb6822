import { z } from 'zod';
import { servicePaths, withServiceStatuses } from './openapi-service.js';

/** The paths whose work runs in the worker pool: they can also answer 429 and 503. */
const HEAVY_PATHS = ['/exposure', '/exposure/batch', '/routes/{id}/exposure'];
import { ExposureResult } from '../exposure/result.js';
import { ExposureOptions, MAX_BATCH_ROUTES, MAX_ROUTE_VERTICES, MAX_BUFFER_KM, RouteCollection, RouteInput } from '../exposure/route-input.js';
import { LAYERS } from '../layers/catalog.js';
import { AsOf, Policy, Source, StaleAfterMonths } from '../layers/schema/index.js';
import { DEFAULT_STALE_AFTER_MONTHS, MAX_STALE_AFTER_MONTHS } from '../layers/time/index.js';
import { MAX_CALLER_INK_PX } from '../render/ink.js';
import { MAX_IMAGE_PX, MIN_IMAGE_PX, RenderRequest } from '../render/options.js';
import { MAX_OVERLAY_FEATURES, MAX_OVERLAY_POSITIONS } from '../render/overlay-input.js';
import { BATCH_BODY_LIMIT, SINGLE_BODY_LIMIT } from './exposure-routes.js';
import { Problem } from '../problems/problem.js';
import { networkPaths, networkSchemas } from './network-openapi.js';
import { RENDER_TIME_LIMIT_MS, STATIC_BODY_BYTES, STATIC_QUERY_OPTIONS } from './static-routes.js';

const schema = (s: z.ZodTypeAny) => z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
const outSchema = (s: z.ZodTypeAny) => z.toJSONSchema(s, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (s: object) => ({ 'application/json': { schema: s } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

const optionParams = Object.entries((schema(ExposureOptions) as { properties: Record<string, object> }).properties).map(([name, s]) => ({
  name,
  in: 'query',
  required: false,
  schema: s,
}));
const asOfParam = { name: 'as_of', in: 'query', required: false, description: AsOf.description, schema: { type: 'string', default: 'latest' } };
const staleParam = { name: 'staleAfterMonths', in: 'query', required: false, description: StaleAfterMonths.description, schema: { type: 'integer', minimum: 0, maximum: MAX_STALE_AFTER_MONTHS, default: DEFAULT_STALE_AFTER_MONTHS } };
const bboxParam = { name: 'bbox', in: 'query', required: false, description: 'minLon,minLat,maxLon,maxLat (WGS84)', schema: { type: 'string' } };
const layerParam = { name: 'layer', in: 'path', required: true, schema: { type: 'string', enum: LAYERS.map((l) => l.id) } };

// The query parameters of GET /static are the render options less those the path carries.
const renderProps = (schema(RenderRequest) as { properties: Record<string, { description?: string }> }).properties;
const staticQuery = STATIC_QUERY_OPTIONS.filter((name) => name !== 'route').map((name) => ({
  name: name === 'asOf' ? 'as_of' : name,
  in: 'query',
  required: false,
  schema: renderProps[name],
  ...(renderProps[name]?.description ? { description: renderProps[name]!.description } : {}),
}));
const png = (description: string) => ({ description, content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } });
const staticLimits = `Width and height ${MIN_IMAGE_PX}..${MAX_IMAGE_PX} px after scaling; scale 1-3; overlays at most ${MAX_OVERLAY_FEATURES} features and ${MAX_OVERLAY_POSITIONS} positions; a posted route and overlays may add ${MAX_CALLER_INK_PX / 1e6} million device px² of ink; rasterizing stops after ${RENDER_TIME_LIMIT_MS} ms (503).`;


/** OpenAPI 3.1 for the whole API, generated from the zod schemas the server validates with. */
export function openApiDocument(): object {
  return withServiceStatuses({
    openapi: '3.1.0',
    info: {
      title: 'Gauntlet',
      version: '0.1.0',
      description: `Cited layers of migration routes, checkpoints, organized-crime territories and ports, and route exposure.
Limits: single-route body ${SINGLE_BODY_LIMIT}, batch body ${BATCH_BODY_LIMIT} (413 beyond), ${MAX_ROUTE_VERTICES} vertices per route, ${MAX_BATCH_ROUTES} routes per batch, bufferKm 0..${MAX_BUFFER_KM}.`,
    },
    paths: {
      '/health': { get: { summary: 'Liveness once the layers are loaded', responses: { 200: { description: 'ok', content: json({ type: 'object' }) } } } },
      '/layers': { get: { summary: 'Every layer with feature counts and fields', responses: { 200: { description: 'the catalog', content: json({ type: 'object' }) } } } },
      '/layers/{layer}': {
        get: {
          summary: 'A layer as a GeoJSON FeatureCollection',
          parameters: [layerParam, asOfParam, staleParam, bboxParam],
          responses: { 200: { description: 'FeatureCollection', content: { 'application/geo+json': { schema: { type: 'object' } } } }, 400: problem('bad parameter'), 404: problem('unknown layer') },
        },
      },
      '/layers/{layer}/{featureId}': {
        get: {
          summary: 'One feature',
          parameters: [layerParam, { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } }, asOfParam, staleParam],
          responses: { 200: { description: 'Feature', content: { 'application/geo+json': { schema: { type: 'object' } } } }, 404: problem('unknown layer or feature') },
        },
      },
      '/policies': {
        get: {
          summary: 'The US border policy periods that as_of may name (MPP, Title 42, Title 8, CBP One, …), cited',
          parameters: [{ ...asOfParam, description: 'only the policies in force at some time the rule covers (default all)', schema: { type: 'string', default: 'all' } }],
          responses: { 200: { description: 'policies', content: json({ type: 'object', properties: { policies: { type: 'array', items: ref('Policy') } } }) }, 400: problem('bad as_of') },
        },
      },
      '/policies/{id}': {
        get: {
          summary: 'One policy',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'the policy', content: json(ref('Policy')) }, 404: problem('unknown policy') },
        },
      },
      '/sources': { get: { summary: 'The bibliography', responses: { 200: { description: 'sources', content: json({ type: 'object', properties: { sources: { type: 'array', items: ref('Source') } } }) } } } },
      '/exposure': {
        post: {
          summary: "A route's exposure: checkpoints passed, territories crossed, nearest port, lateral expulsion",
          description: 'Body: the route (Feature or geometry), optionally with bufferKm/asOf/expulsionPort as extra members, or {route, ...options}. Query parameters override body fields. Accept: application/geo+json returns passages and checkpoints as a FeatureCollection.',
          parameters: optionParams,
          requestBody: { required: true, content: json(ref('RouteInput')) },
          responses: {
            200: { description: 'the exposure', content: { ...json(ref('ExposureResult')), 'application/geo+json': { schema: { type: 'object' } } } },
            400: problem('invalid route or option (JSON path in errors[].path)'),
            413: problem(`body over ${SINGLE_BODY_LIMIT}`),
          },
        },
      },
      '/exposure/batch': {
        post: {
          summary: 'Exposure of many routes; JSON keyed by feature id, or CSV with Accept: text/csv',
          parameters: optionParams,
          requestBody: { required: true, content: json(ref('RouteCollection')) },
          responses: {
            200: {
              description: 'one result per route',
              content: {
                ...json({ type: 'object', properties: { count: { type: 'integer' }, keys: { type: 'array', items: { type: 'string' } }, results: { type: 'object', additionalProperties: ref('ExposureResult') } } }),
                'text/csv': { schema: { type: 'string' } },
              },
            },
            400: problem('invalid collection, route or option'),
            413: problem(`body over ${BATCH_BODY_LIMIT}`),
          },
        },
      },
      '/static/{camera}/{size}': {
        get: {
          summary: 'A static map PNG of the layers, or of a stored route with its exposure',
          description: `Base map (land, states, border, places), the selected layers in the vector style's colours, legend, scale bar and attribution. ETag from the normalised options and the data version; 304 on If-None-Match. ${staticLimits}`,
          parameters: [
            { name: 'camera', in: 'path', required: true, description: '"auto", "minLon,minLat,maxLon,maxLat" or "lon,lat,zoom" (512-px tiles, as the web map)', schema: { type: 'string' } },
            { name: 'size', in: 'path', required: true, description: '{width}x{height}.png, @2x.png or @3x.png, CSS px', schema: { type: 'string', pattern: '^\\d+x\\d+(@[23]x)?\\.png$' } },
            { name: 'route', in: 'query', required: false, description: 'a stored route id: draws it with its exposure (passages by group, numbered checkpoints)', schema: { type: 'string' } },
            ...staticQuery,
            { name: 'v', in: 'query', required: false, description: 'the data version (GET /health): the answer is then cacheable for a year, or until midnight UTC when the time rule follows today (latest, a policy in force)', schema: { type: 'string' } },
          ],
          responses: { 200: png('the map'), 304: { description: 'not modified' }, 400: problem('bad camera, size or option (path.camera, path.size, query.…)'), 503: problem('rendering took too long') },
        },
      },
      '/static': {
        post: {
          summary: 'A static map PNG of a posted route (analysed and drawn) and simplestyle overlays',
          description: `The same options as GET as JSON members, plus route (a GeoJSON LineString, bare or in a Feature, or a stored route id) and overlays (a Feature or FeatureCollection styled by simplestyle-spec). ${staticLimits}`,
          requestBody: { required: true, content: json(ref('StaticRequest')) },
          responses: { 200: png('the map'), 400: problem('invalid option, route or overlay (errors[].path such as body.overlays.features[2].properties.stroke)'), 413: problem(`body over ${STATIC_BODY_BYTES} bytes (${STATIC_BODY_BYTES / 1024 / 1024} MB)`), 503: problem('rendering took too long') },
        },
      },
      '/routes/{id}/exposure': {
        get: {
          summary: 'Exposure of a stored route',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, ...optionParams],
          responses: { 200: { description: 'the exposure', content: json(ref('ExposureResult')) }, 400: problem('invalid option'), 404: problem('unknown route') },
        },
      },
      ...networkPaths,
      ...servicePaths,
    },
    components: {
      schemas: {
        RouteInput: schema(RouteInput),
        RouteCollection: schema(RouteCollection),
        StaticRequest: schema(RenderRequest),
        ExposureResult: outSchema(ExposureResult),
        Source: outSchema(Source),
        Policy: outSchema(Policy),
        Problem: outSchema(Problem),
        ...networkSchemas,
      },
    },
  } as never, HEAVY_PATHS);
}
