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
import { qgisStyleRouter } from './qgis-style-routes.js';
import { HttpProblem, sendProblem } from './problem.js';
import { RENDER_TIME_LIMIT_MS, staticRouter, type StaticRouteOptions } from './static-routes.js';
import { viewerRouter } from './viewer-routes.js';
import { RasterPool } from '../render/raster-pool.js';
import { ClientLimiter } from './admission.js';
import { heavyPool, type HeavyPoolOptions } from './heavy-tasks.js';
import type { WorkerPool } from '../pool/worker-pool.js';
import { createObservability, type Observability } from './observability.js';
import type { Logger } from 'pino';

const DOCS_HTML = readFileSync(new URL('./docs.html', import.meta.url), 'utf8');

export interface AppOptions extends TileServeOptions, Partial<MapRoutesOptions>, HeavyPoolOptions, StaticRouteOptions {
  corsOrigin?: string; // Access-Control-Allow-Origin; default "*"
  tiles?: TileProvider; // default: live indexes over the LayerSet
  pool?: WorkerPool; // worker threads for heavy requests; default: a pool of `workers` threads
  heavyPerClient?: number; // heavy requests one client may have in flight (429 beyond)
  logger?: Logger; // JSON request logs; default: none
  observability?: Observability; // request ids, logs, metrics; default: made from `logger`
  isReady?: () => boolean; // /ready: data loaded, workers up, not draining
}

/** The HTTP layer: a thin map from URLs to the capabilities over one LayerSet. Tiles skip express (hot path). */
export type Handler = ((req: IncomingMessage, res: ServerResponse) => void) & {
  pool: WorkerPool;
  /** Builds the live tile indexes (the server calls it once listening; /ready waits for it). */
  warm(): void;
  /** Stops the worker threads and raster processes (after the server has drained). */
  close(): Promise<void>;
};

export function createHandler(layers: LayerSet, options: AppOptions = {}): Handler {
  const tiles = options.tiles ?? liveProvider(layers);
  const fastTiles = tileEndpoint(tiles, options);
  const pool = options.pool ?? heavyPool(layers, options);
  const rasterPool = options.rasterPool ?? new RasterPool({ timeLimitMs: options.renderTimeLimitMs ?? RENDER_TIME_LIMIT_MS, size: options.rasterProcesses, worker: options.rasterWorker });
  const obs = options.observability ?? createObservability({ logger: options.logger });
  obs.sources.pool = pool;
  obs.sources.tileCache = fastTiles.stats;
  let workersUp = false;
  let warmed = false;
  pool.ready().then(
    () => (workersUp = true),
    (err: unknown) => obs.logger.error({ err }, 'worker threads failed to start'),
  );
  const isReady = () => workersUp && warmed && (options.isReady?.() ?? true);
  const app = createApp(layers, { ...options, tiles, pool, rasterPool, observability: obs, isReady, onRender: (s) => obs.renderSeconds.observe(s) });
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    obs.observe(req, res);
    if (fastTiles(req, res)) obs.setRoute(req, '/tiles/{source}/{z}/{x}/{y}');
    else app(req, res);
  };
  return Object.assign(handle, {
    pool,
    warm: () => {
      void Promise.resolve(tiles.warm?.()).then(
        () => (warmed = true),
        (err: unknown) => obs.logger.error({ err }, 'tile indexes failed to build'),
      );
    },
    close: async () => {
      rasterPool.close();
      await pool.close();
    },
  });
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

  // liveness: the process answers; readiness: the data is loaded, the workers are up and it is not draining
  app.get('/health', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok', version: layers.version });
  });
  app.get('/ready', (_req, res) => {
    const ready = options.isReady?.() ?? true;
    res.setHeader('Cache-Control', 'no-store');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', version: layers.version });
  });
  const registry = options.observability?.registry;
  app.get('/metrics', async (_req, res) => {
    if (!registry) throw new HttpProblem(404, 'metrics are not enabled on this app', undefined, 'no-route');
    res.setHeader('Cache-Control', 'no-store');
    res.type(registry.contentType).send(await registry.metrics());
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
  const pool = options.pool ?? heavyPool(layers, options); // exposure, route planning and map SVGs run there
  app.use(exposureRouter(layers, { pool, limiter: new ClientLimiter(options.heavyPerClient) }));
  app.use(networkRouter(layers, pool));
  app.use(staticRouter(layers, { ...options, pool }));
  app.use(viewerRouter(layers));
  app.use(mapRouter({ ...options, archivePath: options.archivePath ?? DEFAULT_ARCHIVE, timeRule: (asOf) => layers.timeRule(asOf) }));
  app.use(tilesRouter(options.tiles ?? liveProvider(layers), options));
  app.use('/ogc', ogcRouter(layers, options)); // OGC API - Features
  app.use(tilesetRouter(layers, options.tiles ?? liveProvider(layers), options)); // metadata.json for GDAL's MVT driver
  app.use(qgisStyleRouter(layers)); // .qml layer styles

  app.use((req, _res, next) => next(new HttpProblem(404, `no route for ${req.method} ${req.path}`, undefined, 'no-route')));

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    if (err instanceof HttpProblem) return sendProblem(res, err);
    // body-parser and friends mark client faults with a status
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) (_req as { log?: Logger }).log?.error({ err }, 'internal error');
    sendProblem(res, new HttpProblem(status, status === 500 ? 'internal error' : String(err.message)));
  };
  app.use(onError);
  return app;
}
