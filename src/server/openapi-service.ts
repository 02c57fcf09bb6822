import { LAYERS } from '../layers/catalog.js';
import { MAX_BATCH_VERTICES } from '../exposure/route-input.js';
import { DEFAULT_HEAVY_PER_CLIENT } from './admission.js';
import { MAX_JSON_DEPTH } from './body.js';
import { MAX_ZOOM, MIN_ZOOM } from '../tiles/source.js';

// OpenAPI paths of the service's own routes (health, metrics, tiles, TileJSON, catalog, style, fonts, archive,
// viewer, documents), and the statuses every heavy endpoint can answer; openapi.ts merges them into the document.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const json = (description: string, schema: object = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const text = (description: string, type: string) => ({ description, content: { [type]: { schema: { type: 'string' } } } });
const path = (name: string, schema: object, description?: string) => ({ name, in: 'path', required: true, schema, ...(description ? { description } : {}) });
const sourceParam = path('source', { type: 'string', pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$' }, `"gauntlet" (every layer), a layer id or a comma list of them (${LAYERS.map((l) => l.id).join(', ')}); a list is canonical in catalog order (one cache entry and ETag whatever the order)`);
const versionParam = { name: 'v', in: 'query', required: false, description: 'the data version (GET /health): the answer is then immutable for a year', schema: { type: 'string' } };
const etag = { ETag: { schema: { type: 'string' }, description: 'strong; 304 on If-None-Match' } };
const requestId = { 'X-Request-Id': { schema: { type: 'string' }, description: 'the request id, also in problem bodies and the log' } };

export const servicePaths = {
  '/ready': {
    get: {
      summary: 'Readiness: the data is loaded, the worker threads are up and the server is not draining',
      responses: { 200: json('ready', { type: 'object', properties: { status: { const: 'ready' }, version: { type: 'string' } } }), 503: json('not ready yet, or draining') },
    },
  },
  '/metrics': {
    get: {
      summary: 'Prometheus metrics (text exposition format 0.0.4), prefix gauntlet_',
      description: 'Requests and latency by route template and status, tile cache lookups (hit/miss), hit ratio, bytes and entries, worker-pool size, busy threads, queue depth and rejections, render time, RSS, heap, GC and event-loop lag.',
      responses: { 200: text('the metrics', 'text/plain; version=0.0.4') },
    },
  },
  '/openapi.json': { get: { summary: 'This document', responses: { 200: json('OpenAPI 3.1') } } },
  '/docs': { get: { summary: 'An HTML page rendering this document', responses: { 200: text('HTML', 'text/html') } } },
  '/sources/{id}': {
    get: {
      summary: 'One source of the bibliography',
      parameters: [path('id', { type: 'string' })],
      responses: { 200: json('the source', ref('Source')), 404: problem('unknown source') },
    },
  },
  '/tiles/{source}/{z}/{x}/{y}.mvt': {
    get: {
      summary: 'A Mapbox Vector Tile (MVT 2.1, extent 4096); .pbf is accepted for .mvt',
      description: `XYZ tiles (Web Mercator, y from the north), z ${MIN_ZOOM}..${MAX_ZOOM}: overzoom the last level. gzip when Accept-Encoding allows it (q-values honoured). Cache-Control immutable with ?v={version}, else the configured value.`,
      parameters: [
        sourceParam,
        path('z', { type: 'integer', minimum: MIN_ZOOM, maximum: MAX_ZOOM }),
        path('x', { type: 'integer', minimum: 0, description: 'below 2^z' }),
        path('y', { type: 'integer', minimum: 0, description: 'below 2^z' }),
        versionParam,
      ],
      responses: {
        200: { description: 'the tile', headers: etag, content: { 'application/vnd.mapbox-vector-tile': { schema: { type: 'string', format: 'binary' } } } },
        204: { description: 'no feature of these layers in the tile', headers: etag },
        304: { description: 'not modified' },
        400: problem('malformed address or outside the 2^z grid'),
        404: problem('unknown source, or zoom outside the range'),
      },
    },
  },
  '/tiles/{source}.json': {
    get: {
      summary: 'TileJSON 3.0.0 of a source: absolute versioned tile URLs (PUBLIC_URL, or Host), bounds, zooms, vector_layers with fields',
      parameters: [sourceParam],
      responses: { 200: json('TileJSON 3.0.0'), 404: problem('unknown source') },
    },
  },
  '/tiles/{source}/metadata.json': {
    get: { summary: "MBTiles-style metadata beside the tiles, for GDAL's MVT driver (MVT:http://host/tiles/{source})", parameters: [sourceParam], responses: { 200: json('metadata'), 404: problem('unknown source') } },
  },
  '/tiles/{source}': {
    get: {
      summary: "The source as one overview tile with every layer (what GDAL's MVT driver opens first)",
      parameters: [sourceParam],
      responses: { 200: { description: 'an MVT tile', content: { 'application/vnd.mapbox-vector-tile': { schema: { type: 'string', format: 'binary' } } } }, 204: { description: 'no feature' }, 404: problem('unknown source') },
    },
  },
  '/catalog': { get: { summary: 'Every tile source with its layers, zooms and TileJSON URL', responses: { 200: json('the catalog') } } },
  '/tiles/gauntlet.pmtiles': {
    get: {
      summary: 'The PMTiles v3 archive of every layer, z0-12, over HTTP range requests',
      parameters: [{ name: 'Range', in: 'header', required: false, schema: { type: 'string', example: 'bytes=0-16383' } }],
      responses: {
        200: { description: 'the whole archive', headers: etag, content: { 'application/vnd.pmtiles': { schema: { type: 'string', format: 'binary' } } } },
        206: { description: 'the requested range (Content-Range)', headers: etag, content: { 'application/vnd.pmtiles': { schema: { type: 'string', format: 'binary' } } } },
        304: { description: 'not modified' },
        404: problem('no archive built'),
        416: problem('range not satisfiable'),
      },
    },
  },
  '/styles/gauntlet/style.json': {
    get: {
      summary: 'MapLibre style v8 over /tiles/gauntlet.json and the local glyphs, showing the facts a time rule keeps',
      parameters: [{ name: 'as_of', in: 'query', required: false, schema: { type: 'string', default: 'latest' }, description: 'the time rule, as for /layers (a day, month, year, FROM..TO, a policy, all)' }],
      responses: { 200: json('the style'), 400: problem('malformed time rule') },
    },
  },
  '/styles/qgis/{file}': {
    get: {
      summary: 'QGIS layer styles (.qml) for the thematic layers, from the same palette as the map style',
      parameters: [path('file', { type: 'string', pattern: '^[a-z-]+\\.qml$' }, 'territories.qml, checkpoints.qml, routes.qml, ports.qml or expulsion-flights.qml')],
      responses: { 200: text('the QGIS style', 'text/xml'), 404: problem('no such style') },
    },
  },
  '/fonts/{fontstack}/{range}.pbf': {
    get: {
      summary: 'Glyph protobufs (SDF) for the style: the first font of the stack that ships',
      parameters: [path('fontstack', { type: 'string' }, 'comma-separated font names'), path('range', { type: 'string', pattern: '^\\d+-\\d+$' }, '256 code points, e.g. 0-255')],
      responses: { 200: { description: 'glyphs', content: { 'application/x-protobuf': { schema: { type: 'string', format: 'binary' } } } }, 400: problem('malformed range'), 404: problem('no such font') },
    },
  },
  '/vendor/{pkg}/{file}': {
    get: { summary: "Browser files of npm packages the viewer uses (MapLibre GL JS, pmtiles), never from a CDN", parameters: [path('pkg', { type: 'string' }), path('file', { type: 'string' })], responses: { 200: text('the file', 'text/javascript'), 404: problem('not served') } },
  },
  '/': { get: { summary: "The analyst's map viewer", responses: { 200: text('HTML', 'text/html') } } },
  '/viewer': { get: { summary: 'The viewer (also /viewer/)', responses: { 200: text('HTML', 'text/html') } } },
  '/index': { get: { summary: 'An index page of what the service offers', responses: { 200: text('HTML', 'text/html') } } },
  '/viewer/{file}': { get: { summary: "The viewer's scripts and styles", parameters: [path('file', { type: 'string' })], responses: { 200: text('the file', 'text/javascript'), 404: problem('no such file') } } },
  '/viewer/legend.json': { get: { summary: "The viewer's legend entries", responses: { 200: json('legend') } } },
  '/viewer/search.json': { get: { summary: "The viewer's search index of places and features", responses: { 200: json('search index') } } },
  '/ogc': { get: { summary: 'OGC API - Features landing page; the OGC routes are described by their own OpenAPI 3.0 document at /ogc/api', responses: { 200: json('landing page') } } },
};

/** Statuses every heavy endpoint (run in the worker pool) can answer besides its own. */
export const heavyStatuses = {
  400: problem(`invalid input; also JSON nested deeper than ${MAX_JSON_DEPTH} levels, or a batch over ${MAX_BATCH_VERTICES} vertices in all`),
  429: problem(`more than ${DEFAULT_HEAVY_PER_CLIENT} heavy requests (default) in flight from this client`),
  503: { ...problem('every worker thread is busy and the queue is full: retry after Retry-After seconds'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
};

/** Adds to the document what every answer carries: X-Request-Id, and a 500 problem with the request id. */
export function withServiceStatuses(doc: { paths: Record<string, Record<string, { responses: Record<string, object> }>> }, heavy: string[]): typeof doc {
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const op of Object.values(item)) {
      if (heavy.includes(p)) op.responses = { ...heavyStatuses, ...op.responses };
      op.responses[500] ??= problem('internal error (the requestId names it in the log)');
      for (const r of Object.values(op.responses) as { headers?: object }[]) r.headers = { ...requestId, ...r.headers };
    }
  }
  return doc;
}
