import { Router, type Request, type Response } from 'express';
import type { LayerSet } from '../layers/layer-set.js';
import { parseTimeRule } from '../layers/time/index.js';
import { renderEtag } from '../render/cache-key.js';
import { RenderInputError, RenderRequest, type RenderOptions } from '../render/options.js';
import { RasterPool, RasterTimeoutError } from '../render/raster-pool.js';
import { buildMapSvg } from '../render/render.js';
import type { WorkerPool } from '../pool/worker-pool.js';
import { runHeavy } from './heavy-tasks.js';
import { HttpProblem } from './problem.js';
import { ByteLru } from './tile-cache.js';
import { readBody } from './body.js';
import { bodyWhere, invalidRender, renderOptionsFromBytes, renderProblems } from './static-body.js';

/** Body limit of POST /static: a route of 200,000 vertices or 100,000 overlay positions fits. */
export const STATIC_BODY_BYTES = 10 * 1024 * 1024;
/**
 * Wall-clock limit of rasterizing one image, queueing included: past it the rasterizing process is killed and
 * the client gets a 503 (see src/render/README.md). Building the SVG before it is bounded by the input limits.
 */
export const RENDER_TIME_LIMIT_MS = 10_000;

export interface StaticRouteOptions {
  cacheControl?: string; // as for tiles; default "public, max-age=300"
  imageCacheBytes?: number; // PNG bytes kept in memory for GET; default 64 MB
  renderTimeLimitMs?: number;
  rasterProcesses?: number; // default 2
  rasterPool?: RasterPool; // shared with the server's lifecycle (closed on shutdown); default: a new one
  rasterWorker?: string; // the module of that new one's processes (RasterPoolOptions.worker)
  onRender?: (seconds: number) => void; // for /metrics
  pool?: WorkerPool; // worker threads that build the SVG (default: built here, on the event loop)
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SIZE = /^(\d{1,5})x(\d{1,5})(?:@([1-9])x)?\.png$/;
/** The render options GET /static takes from its query (the OpenAPI document lists these); `as_of` is asOf's other spelling. */
export const STATIC_QUERY_OPTIONS = ['layers', 'route', 'asOf', 'padding', 'title', 'legend', 'bufferKm'] as const;
/** Every query key GET /static knows: the options, `as_of`, and `v` (the data version, for caching). */
const QUERY_KEYS: readonly string[] = [...STATIC_QUERY_OPTIONS, 'as_of', 'v'];

const DAY_MS = 86_400_000;

/**
 * A Cache-Control no longer than the answer stays true: a rule that follows today's date (`latest`, a policy still
 * in force) gives another picture after midnight UTC, so its max-age (even a versioned URL's) ends there.
 */
function untilMidnight(layers: LayerSet, asOf: string, cacheControl: string, now = Date.now()): string {
  const today = layers.today();
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  const rule = (day: string) => JSON.stringify(parseTimeRule(asOf, { today: day, policies: layers.policies }));
  try {
    if (rule(today) === rule(tomorrow)) return cacheControl;
  } catch {
    return cacheControl; // not a rule: the render answers 400
  }
  const left = Math.max(1, Math.ceil((DAY_MS - (now % DAY_MS)) / 1000));
  return cacheControl.replace(/max-age=(\d+)/, (_m, s: string) => `max-age=${Math.min(Number(s), left)}`);
}

/** GET /static/{camera}/{width}x{height}[@2x|@3x].png and POST /static: PNG maps of layers, routes and overlays. */
export function staticRouter(layers: LayerSet, options: StaticRouteOptions = {}): Router {
  const router = Router();
  const cache = new ByteLru<{ png: Buffer; bytes: number }>(options.imageCacheBytes ?? 64 * 1024 * 1024);
  const cacheControl = options.cacheControl ?? 'public, max-age=300';
  const pool = options.rasterPool ?? new RasterPool({ timeLimitMs: options.renderTimeLimitMs ?? RENDER_TIME_LIMIT_MS, size: options.rasterProcesses, worker: options.rasterWorker });
  const raster = pool.rasterize.bind(pool);

  const render = async (o: RenderOptions, where: (option: string) => string, built?: string): Promise<Buffer> => {
    const start = process.hrtime.bigint();
    try {
      const svg = built ?? (options.pool ? await runHeavy<string>(options.pool, 'render.svg', o) : buildMapSvg(layers, o).svg);
      const png = await raster(svg, { scale: o.scale });
      options.onRender?.(Number(process.hrtime.bigint() - start) / 1e9);
      return png;
    } catch (err) {
      if (err instanceof RenderInputError) throw invalidRender([{ path: where(err.path), message: err.message }]);
      if (err instanceof RasterTimeoutError) {
        throw new HttpProblem(503, `${err.message}; try a smaller image, fewer layers or simpler overlays`, undefined, 'render-timeout');
      }
      throw err;
    }
  };

  const send = (res: Response, png: Buffer, etag: string, cache: string) => {
    res.set({ 'Content-Type': 'image/png', ETag: etag, 'Cache-Control': cache, 'Content-Length': String(png.length) });
    res.end(png);
  };

  router.get('/static/:camera/:size', async (req: Request, res) => {
    const q = req.query as Record<string, string | string[] | undefined>;
    const unknown = Object.keys(q).filter((k) => !QUERY_KEYS.includes(k));
    if (unknown.length) throw invalidRender(unknown.map((k) => ({ path: `query.${k}`, message: `unknown parameter; known: ${QUERY_KEYS.join(', ')}` })));
    const last = (v: string | string[] | undefined) => (Array.isArray(v) ? v.at(-1) : v);
    const m = SIZE.exec(req.params.size as string);
    if (!m) throw invalidRender([{ path: 'path.size', message: 'must be {width}x{height}.png, {width}x{height}@2x.png or @3x.png' }]);
    const asOfName = q.as_of !== undefined ? 'as_of' : 'asOf';
    const input = Object.fromEntries(
      Object.entries({
        camera: req.params.camera,
        width: Number(m[1]),
        height: Number(m[2]),
        scale: m[3] ? Number(m[3]) : 1,
        ...Object.fromEntries(STATIC_QUERY_OPTIONS.map((k) => [k, k === 'asOf' ? (last(q.as_of) ?? last(q.asOf)) : last(q[k])])),
      }).filter(([, v]) => v !== undefined),
    );
    const where = (option: string) =>
      option === 'camera' ? 'path.camera' : ['width', 'height', 'scale'].includes(option) ? 'path.size' : `query.${option === 'asOf' ? asOfName : option}`;
    const parsed = RenderRequest.safeParse(input);
    if (!parsed.success) throw invalidRender(renderProblems(parsed.error, where, () => []));
    const etag = renderEtag(parsed.data, layers.version, layers.today());
    const cc = untilMidnight(layers, parsed.data.asOf, last(q.v) === layers.version ? IMMUTABLE : cacheControl);
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
      res.set({ ETag: etag, 'Cache-Control': cc }).status(304).end();
      return;
    }
    let hit = cache.get(etag);
    if (!hit) {
      const png = await render(parsed.data, where);
      hit = { png, bytes: png.length + 64 };
      cache.set(etag, hit);
    }
    send(res, hit.png, etag, cc);
  });

  router.post('/static', async (req, res) => {
    // read and checked as JSON on the event loop a chunk at a time; parsed, validated and drawn in a worker
    const body = await readBody(req, STATIC_BODY_BYTES);
    let o: RenderOptions;
    let svg: string | undefined;
    let where = bodyWhere(false);
    if (options.pool) {
      const built = await runHeavy<{ options: RenderOptions; asOfAlias: boolean; svg: string } | { error: string; path: string; asOfAlias: boolean }>(options.pool, 'render.body', { bytes: body.bytes, length: body.length });
      where = bodyWhere(built.asOfAlias);
      if ('error' in built) throw invalidRender([{ path: where(built.path), message: built.error }]);
      o = built.options;
      svg = built.svg;
    } else {
      const r = renderOptionsFromBytes(body);
      o = r.options;
      where = bodyWhere(r.asOfAlias);
    }
    const png = await render(o, where, svg);
    send(res, png, renderEtag(o, layers.version, layers.today()), 'no-store');
  });

  return router;
}
