import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, type Request } from 'express';
import { inGrid } from '../tiles/source.js';
import type { TileProvider } from '../tiles/provider.js';
import { tileJson } from '../tiles/tilejson.js';
import { problemBody } from '../problems/problem.js';
import { HttpProblem, requestIdOf } from './problem.js';
import { ByteLru } from './tile-cache.js';

const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

export interface TileServeOptions extends PublicUrlOptions {
  cacheControl?: string; // Cache-Control of unversioned tile URLs; default "public, max-age=300"
  cacheBytes?: number; // gzip bytes kept in memory; default 128 MB
}

export const MVT = 'application/vnd.mapbox-vector-tile';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** How the server learns the URL clients reach it by, for absolute URLs in TileJSON, style and catalog. */
export interface PublicUrlOptions {
  publicUrl?: string | undefined; // e.g. https://maps.example.org (no trailing slash): used as is
  trustProxy?: boolean | undefined; // honour X-Forwarded-Proto/-Host; only behind a proxy that sets them
}

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The base URL of absolute links. Forwarded headers are ignored unless trustProxy is set (anyone can send them,
 * and the answers are cached publicly); a Host that is not a host name falls back to localhost.
 */
export function publicBase(req: Request, options: PublicUrlOptions = {}): string {
  if (options.publicUrl) return options.publicUrl;
  const first = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h)?.split(',')[0]?.trim();
  let proto = 'http';
  let host = first(req.headers.host);
  if (options.trustProxy) {
    const fp = first(req.headers['x-forwarded-proto'])?.toLowerCase();
    if (fp === 'http' || fp === 'https') proto = fp;
    host = first(req.headers['x-forwarded-host']) || host;
  }
  return `${proto}://${host && HOST.test(host) ? host : 'localhost'}`;
}

/**
 * A cached tile is one Buffer: the first HASH_BYTES bytes of the SHA-1 of its MVT bytes (its ETag), then its gzip
 * bytes; an empty tile (204) is the shared EMPTY. A record holding the gzip Buffer and an ETag string cost about
 * 480 B of heap per tile (the ETag a concatenated string over a sliced hex digest), more than the gzip bytes of
 * most tiles: every tile z0-12 once (65k non-empty, 65k empty) held 45 MB of heap that way.
 */
type CachedTile = Buffer;
const HASH_BYTES = 8;
const EMPTY: CachedTile = Buffer.alloc(0);

/**
 * Heap bytes a cached tile costs beyond its bytes: its key, map slot and Buffer view (about 215 B measured on
 * Node 20). An empty tile shares one Buffer, so costs its key and slot only (about 125 B).
 */
const TILE_ENTRY_BYTES = 256;
const EMPTY_ENTRY_BYTES = 128;
const entryBytes = (t: CachedTile) => (t === EMPTY ? EMPTY_ENTRY_BYTES : t.length + TILE_ENTRY_BYTES);

/**
 * Cached tiles are cut from slabs of their own: in Node's shared 8 KB pool they sat between short-lived buffers
 * (zlib's output, sockets'), each keeping its slab alive, and held twice their bytes.
 */
const SLAB_BYTES = 8192;
function tileSlabs(): (n: number) => Buffer {
  let slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
  let used = 0;
  return (n) => {
    if (n > SLAB_BYTES / 4) return Buffer.allocUnsafeSlow(n);
    if (used + n > SLAB_BYTES) {
      slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
      used = 0;
    }
    const out = slab.subarray(used, used + n);
    used += n;
    return out;
  };
}

/**
 * A tile's cache key: a number from the source's index and the tile's position in the pyramid (z0 first, then row
 * by row), up to z16; a string beyond. A string key per tile cost about 40 B of heap, a third of an empty tile's
 * entry; for the first source served up to z15 the number is a small integer, which costs nothing.
 */
const NUMERIC_MAX_ZOOM = 16;
const TILES_TO_Z16 = 2 ** 34; // (4^17 - 1) / 3 tiles from z0 to z16 fit below 2^33
function tileKeys(): (sourceId: string, z: number, x: number, y: number) => number | string {
  const sources = new Map<string, number>(); // canonical source ids: one per set of layers, so a bounded set
  return (sourceId, z, x, y) => {
    if (z > NUMERIC_MAX_ZOOM) return `${sourceId}/${z}/${x}/${y}`;
    let s = sources.get(sourceId);
    if (s === undefined) sources.set(sourceId, (s = sources.size));
    return s * TILES_TO_Z16 + (4 ** z - 1) / 3 + y * 2 ** z + x;
  };
}

/** What every response of the server carries for browsers (set by the app for express routes too). */
export interface CorsOptions {
  corsOrigin?: string;
}

export function corsHeaders(origin = '*'): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    // map clients read these: pmtiles checks ETag and Content-Range on range reads
    'Access-Control-Expose-Headers': 'ETag, Content-Range, Content-Length, Accept-Ranges',
  };
}

const TILE_PATH = /^\/tiles\/([^/]+)\/([^/]+)\/([^/]+)\/([^/?]+)(?:\?(.*))?$/;

/**
 * Whether Accept-Encoding allows gzip (RFC 9110 12.5.3): an explicit `gzip` entry decides by its q-value, else `*`
 * does; q=0 means "not acceptable". So `gzip;q=0, *` refuses gzip.
 */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let gzip: number | undefined;
  let star: number | undefined;
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(q.slice(2)) ? Number(q.slice(2)) : 0;
    if (coding?.trim() === 'gzip' || coding?.trim() === 'x-gzip') gzip = Math.max(gzip ?? 0, weight);
    else if (coding?.trim() === '*') star = weight;
  }
  return (gzip ?? star ?? 0) > 0;
}

/**
 * GET /tiles/{source}/{z}/{x}/{y}.mvt on plain node:http: tiles are the hot path and express's per-request
 * machinery cost two thirds of the throughput (bench/tiles.ts). Returns false for any other URL.
 */
export function tileEndpoint(provider: TileProvider, options: TileServeOptions & CorsOptions = {}) {
  const cache = new ByteLru<CachedTile, number | string>(options.cacheBytes ?? 128 * 1024 * 1024, entryBytes);
  const keyOf = tileKeys();
  const cacheControl = options.cacheControl ?? 'public, max-age=300';
  const cors = corsHeaders(options.corsOrigin);
  const pending = new Map<number | string, Promise<CachedTile>>(); // one generation per tile, however many ask at once
  const allocate = tileSlabs();
  const emptyEtag = `"${provider.version}-empty"`; // half the tiles of a crawl
  const etagOf = (t: CachedTile) => (t === EMPTY ? emptyEtag : `"${provider.version}-${t.toString('hex', 0, HASH_BYTES)}"`);

  const produce = async (sourceId: string, z: number, x: number, y: number): Promise<CachedTile> => {
    const source = provider.source(sourceId)!;
    const raw = await source.tile(z, x, y);
    if (!raw) return EMPTY;
    const gz = await gzip(raw, { level: 6 });
    const tile = allocate(HASH_BYTES + gz.length);
    createHash('sha1').update(raw).digest().copy(tile, 0, 0, HASH_BYTES);
    gz.copy(tile, HASH_BYTES);
    return tile;
  };

  const counts = { hits: 0, misses: 0 };
  const tileFor = async (sourceId: string, z: number, x: number, y: number): Promise<CachedTile> => {
    const key = keyOf(sourceId, z, x, y);
    const hit = cache.get(key);
    if (hit) {
      counts.hits++;
      return hit;
    }
    counts.misses++;
    let p = pending.get(key);
    if (!p) {
      p = produce(sourceId, z, x, y).finally(() => pending.delete(key));
      pending.set(key, p);
    }
    const tile = await p;
    cache.set(key, tile);
    return tile;
  };

  const problem = (res: ServerResponse, status: number, slug: string, detail: string) => {
    res.writeHead(status, { ...cors, 'Content-Type': 'application/problem+json' });
    res.end(JSON.stringify(problemBody(status, detail, { slug, requestId: requestIdOf(res) })));
  };

  const serve = async (req: IncomingMessage, res: ServerResponse, m: RegExpExecArray) => {
    const [, sourceRaw, zs, xs, file, query] = m as unknown as [string, string, string, string, string, string | undefined];
    const fm = /^(\d+)\.(mvt|pbf)$/.exec(file);
    if (!fm || !/^\d+$/.test(zs) || !/^\d+$/.test(xs)) {
      return problem(res, 400, 'bad-tile-address', `malformed tile address "${zs}/${xs}/${file}": expected {z}/{x}/{y}.mvt with integers`);
    }
    const [z, x, y] = [Number(zs), Number(xs), Number(fm[1])];
    if (!inGrid(z, x, y)) return problem(res, 400, 'bad-tile-address', `tile ${z}/${x}/${y} is outside the grid: x and y must be below 2^z and z at most 30`);
    let sourceId: string;
    try {
      sourceId = decodeURIComponent(sourceRaw);
    } catch {
      return problem(res, 400, 'bad-tile-address', `malformed source "${sourceRaw}"`);
    }
    const source = provider.source(sourceId);
    if (!source) return problem(res, 404, 'unknown-source', `unknown tile source "${sourceId}"; see GET /catalog`);
    if (z < source.minzoom || z > source.maxzoom) {
      return problem(res, 404, 'zoom-out-of-range', `zoom ${z} is outside source "${source.id}" [${source.minzoom}, ${source.maxzoom}]: overzoom the last level`);
    }
    const tile = await tileFor(source.id, z, x, y);
    const v = query ? new URLSearchParams(query).get('v') : null;
    const headers: Record<string, string | number> = {
      ...cors,
      'Cache-Control': v === provider.version ? IMMUTABLE : cacheControl,
      Vary: 'Accept-Encoding',
      ETag: etagOf(tile),
    };
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim() === headers.ETag)) {
      res.writeHead(304, headers).end();
      return;
    }
    if (tile === EMPTY) {
      res.writeHead(204, headers).end();
      return;
    }
    headers['Content-Type'] = MVT;
    const gz = tile.subarray(HASH_BYTES);
    const body = acceptsGzip(req.headers['accept-encoding']) ? gz : await gunzip(gz);
    if (body === gz) headers['Content-Encoding'] = 'gzip';
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  /** Handles the request if it is a tile request; returns false otherwise. */
  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const m = TILE_PATH.exec(req.url ?? '');
    if (!m || m[1]!.endsWith('.json')) return false;
    serve(req, res, m).catch((err: unknown) => {
      (req as { log?: { error(o: unknown, msg: string): void } }).log?.error({ err }, 'tile failed');
      if (!res.headersSent) problem(res, 500, 'internal', 'internal error');
      else res.destroy();
    });
    return true;
  };
  /** Cache figures for /metrics. */
  const stats = () => ({ ...counts, bytes: cache.bytes, entries: cache.count });
  return Object.assign(handle, { stats });
}

/** GET /tiles/{source}.json and /catalog (express: not a hot path). */
export function tilesRouter(provider: TileProvider, options: TileServeOptions = {}): Router {
  const router = Router();
  const cacheControl = options.cacheControl ?? 'public, max-age=300';

  router.get('/tiles/:name', (req, res, next) => {
    const name = req.params.name;
    if (!name.endsWith('.json')) return next();
    const id = name.slice(0, -'.json'.length);
    const source = provider.source(id);
    if (!source) throw new HttpProblem(404, `unknown tile source "${id}"; see GET /catalog`, undefined, 'unknown-source');
    const url = `${publicBase(req, options)}/tiles/${encodeURIComponent(source.id).replace(/%2C/gi, ',')}/{z}/{x}/{y}.mvt?v=${provider.version}`;
    res.setHeader('Cache-Control', cacheControl);
    res.json(tileJson(source, url, provider.version));
  });

  router.get('/catalog', (req, res) => {
    const base = publicBase(req, options);
    res.json({
      version: provider.version,
      tiles: provider.kind,
      sources: provider.catalog().map((id) => {
        const s = provider.source(id)!;
        return { id, layers: s.layers, minzoom: s.minzoom, maxzoom: s.maxzoom, tilejson: `${base}/tiles/${id}.json` };
      }),
    });
  });

  return router;
}
