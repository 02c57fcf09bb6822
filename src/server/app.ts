import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type ErrorRequestHandler } from 'express';
import type { LayerSet } from '../layers/layer-set.js';
import { exposureRouter } from './exposure-routes.js';
import { DEFAULT_ARCHIVE } from '../tiles/archive.js';
import { liveProvider, type TileProvider } from '../tiles/provider.js';
import { layersRouter } from './layers-routes.js';
import { policiesRouter } from './policies-routes.js';
import { mapRouter, type MapRoutesOptions } from './map-routes.js';
import { networkRouter } from './network-routes.js';
import { corsHeaders, tileEndpoint, tilesRouter, type TileServeOptions } from './tiles-routes.js';
import { openApiDocument } from './openapi.js';
import { ogcRouter } from './ogc/ogc-routes.js';
import { tilesetRouter } from './tileset-routes.js';
import { HttpProblem, sendProblem } from './problem.js';
import { staticRouter } from './static-routes.js';
import { viewerRouter } from './viewer-routes.js';

const DOCS_HTML = readFileSync(new URL('./docs.html', import.meta.url), 'utf8');

export interface AppOptions extends TileServeOptions, Partial<MapRoutesOptions> {
  corsOrigin?: string; // Access-Control-Allow-Origin; default "*"
  tiles?: TileProvider; // default: live indexes over the LayerSet
}

/** The HTTP layer: a thin map from URLs to the capabilities over one LayerSet. Tiles skip express (hot path). */
export function createHandler(layers: LayerSet, options: AppOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const tiles = options.tiles ?? liveProvider(layers);
  const fastTiles = tileEndpoint(tiles, options);
  const app = createApp(layers, { ...options, tiles });
  return (req, res) => {
    if (!fastTiles(req, res)) app(req, res);
  };
}

export function createApp(layers: LayerSet, options: AppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    for (const [k, v] of Object.entries(corsHeaders(options.corsOrigin))) res.setHeader(k, v);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Range, If-None-Match, If-Match, Content-Type, Accept');
      res.setHeader('Access-Control-Max-Age', '86400');
      res.status(204).end();
      return;
    }
    next();
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', version: layers.version });
  });
  const openapi = JSON.stringify(openApiDocument());
  app.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(openapi);
  });
  app.get('/docs', (_req, res) => {
    res.type('html').send(DOCS_HTML);
  });
  app.use(layersRouter(layers));
  app.use(policiesRouter(layers));
  app.use(exposureRouter(layers));
  app.use(networkRouter(layers));
  app.use(staticRouter(layers, { cacheControl: options.cacheControl }));
  app.use(viewerRouter(layers));
  app.use(mapRouter({ archivePath: options.archivePath ?? DEFAULT_ARCHIVE }));
  app.use(tilesRouter(options.tiles ?? liveProvider(layers), options));
  app.use('/ogc', ogcRouter(layers)); // OGC API - Features
  app.use(tilesetRouter(layers, options.tiles ?? liveProvider(layers), options)); // metadata.json for GDAL's MVT driver

  app.use((req, _res, next) => next(new HttpProblem(404, `no route for ${req.method} ${req.path}`, undefined, 'no-route')));

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    if (err instanceof HttpProblem) return sendProblem(res, err);
    // body-parser and friends mark client faults with a status
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) console.error(err);
    sendProblem(res, new HttpProblem(status, status === 500 ? 'internal error' : String(err.message)));
  };
  app.use(onError);
  return app;
}
