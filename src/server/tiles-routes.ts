import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import { Router, type Request, type Response } from 'express';
import { inGrid } from '../tiles/source.js';
import type { TileProvider } from '../tiles/provider.js';
import { tileJson } from '../tiles/tilejson.js';
import { HttpProblem } from './problem.js';
import { ByteLru } from './tile-cache.js';

const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

export interface TileServeOptions {
  cacheControl?: string; // Cache-Control of unversioned tile URLs; default "public, max-age=300"
  cacheBytes?: number; // gzip bytes kept in memory; default 128 MB
}

export const MVT = 'application/vnd.mapbox-vector-tile';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The URL the client used to reach us, honouring a reverse proxy's X-Forwarded-Proto and X-Forwarded-Host. */
export function publicBase(req: Request): string {
  const first = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h)?.split(',')[0]?.trim();
  const proto = first(req.headers['x-forwarded-proto']) || req.protocol;
  const host = first(req.headers['x-forwarded-host']) || req.headers.host || 'localhost';
  return `${proto}://${host}`;
}

interface CachedTile {
  gz: Buffer | null; // null: an empty tile (204)
  etag: string;
  bytes: number;
}

/** GET /tiles/{source}/{z}/{x}/{y}.mvt, /tiles/{source}.json and /catalog. */
export function tilesRouter(provider: TileProvider, options: TileServeOptions = {}): Router {
  const router = Router();
  const cache = new ByteLru<CachedTile>(options.cacheBytes ?? 128 * 1024 * 1024);
  const cacheControl = options.cacheControl ?? 'public, max-age=300';
  const pending = new Map<string, Promise<CachedTile>>(); // one generation per tile, however many ask at once

  const produce = async (sourceId: string, z: number, x: number, y: number): Promise<CachedTile> => {
    const source = provider.source(sourceId)!;
    const raw = await source.tile(z, x, y);
    if (!raw) return { gz: null, etag: `"${provider.version}-empty"`, bytes: 64 };
    const gz = await gzip(raw, { level: 6 });
    const hash = createHash('sha1').update(raw).digest('hex').slice(0, 16);
    return { gz, etag: `"${provider.version}-${hash}"`, bytes: gz.length + 64 };
  };

  const tileFor = async (sourceId: string, z: number, x: number, y: number): Promise<CachedTile> => {
    const key = `${sourceId}/${z}/${x}/${y}`;
    const hit = cache.get(key);
    if (hit) return hit;
    let p = pending.get(key);
    if (!p) {
      p = produce(sourceId, z, x, y).finally(() => pending.delete(key));
      pending.set(key, p);
    }
    const tile = await p;
    cache.set(key, tile);
    return tile;
  };

  const cacheHeaders = (req: Request, res: Response) => {
    res.setHeader('Cache-Control', req.query.v === provider.version ? IMMUTABLE : cacheControl);
    res.setHeader('Vary', 'Accept-Encoding');
  };

  router.get('/tiles/:source/:z/:x/:file', async (req, res) => {
    const m = /^(\d+)\.(mvt|pbf)$/.exec(req.params.file);
    const { z: zs, x: xs } = req.params;
    if (!m || !/^\d+$/.test(zs) || !/^\d+$/.test(xs)) {
      throw new HttpProblem(400, `malformed tile address "${zs}/${xs}/${req.params.file}": expected {z}/{x}/{y}.mvt with integers`, undefined, 'bad-tile-address');
    }
    const [z, x, y] = [Number(zs), Number(xs), Number(m[1])];
    if (!inGrid(z, x, y)) throw new HttpProblem(400, `tile ${z}/${x}/${y} is outside the grid: x and y must be below 2^z and z at most 30`, undefined, 'bad-tile-address');
    const source = provider.source(req.params.source);
    if (!source) throw new HttpProblem(404, `unknown tile source "${req.params.source}"; see GET /catalog`, undefined, 'unknown-source');
    if (z < source.minzoom || z > source.maxzoom) {
      throw new HttpProblem(404, `zoom ${z} is outside source "${source.id}" [${source.minzoom}, ${source.maxzoom}]: overzoom the last level`, undefined, 'zoom-out-of-range');
    }
    const tile = await tileFor(source.id, z, x, y);
    cacheHeaders(req, res);
    res.setHeader('ETag', tile.etag);
    if (req.headers['if-none-match']?.split(',').some((t) => t.trim() === tile.etag)) {
      res.status(304).end();
      return;
    }
    if (!tile.gz) {
      res.status(204).end();
      return;
    }
    res.type(MVT);
    if (req.acceptsEncodings('gzip') === 'gzip') {
      res.setHeader('Content-Encoding', 'gzip');
      res.send(tile.gz);
    } else res.send(await gunzip(tile.gz));
  });

  router.get('/tiles/:name', (req, res, next) => {
    const name = req.params.name;
    if (!name.endsWith('.json')) return next();
    const id = name.slice(0, -'.json'.length);
    const source = provider.source(id);
    if (!source) throw new HttpProblem(404, `unknown tile source "${id}"; see GET /catalog`, undefined, 'unknown-source');
    const url = `${publicBase(req)}/tiles/${encodeURIComponent(source.id).replace(/%2C/gi, ',')}/{z}/{x}/{y}.mvt?v=${provider.version}`;
    res.setHeader('Cache-Control', cacheControl);
    res.json(tileJson(source, url, provider.version));
  });

  router.get('/catalog', (req, res) => {
    const base = publicBase(req);
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
