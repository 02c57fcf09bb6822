import { createHash } from 'node:crypto';
import { Router } from 'express';
import type { LayerSet } from '../layers/layer-set.js';
import { overviewTiles } from '../tiles/overview-tile.js';
import type { TileProvider } from '../tiles/provider.js';
import { tileJson } from '../tiles/tilejson.js';
import { mbtilesMetadata } from '../tiles/tileset-metadata.js';
import { HttpProblem } from './problem.js';
import { MVT, type PublicUrlOptions } from './tiles-routes.js';

/** Metadata documents kept in memory (one per source). */
const METADATA_KEPT = 64;

/**
 * GET /tiles/{source}/metadata.json: the tileset's MBTiles metadata beside its {z}/{x}/{y} tiles, as tippecanoe
 * writes for a directory, so `ogrinfo MVT:http://host/tiles/gauntlet` (GDAL's MVT driver) finds layers and fields.
 * TileJSON stays at /tiles/{source}.json for web clients.
 */
export function tilesetRouter(layers: LayerSet, provider: TileProvider, options: { cacheControl?: string } & PublicUrlOptions = {}): Router {
  const router = Router();
  let overview: ReturnType<typeof overviewTiles> | undefined; // built on first use: most servers never need it
  // A source's metadata is fixed for the provider's version (it holds no URL): built once per source and kept, at
  // most METADATA_KEPT of them (a source may be any list of layers), with an ETag.
  const metadata = new Map<string, { body: string; etag: string }>();
  router.get('/tiles/:source/metadata.json', (req, res) => {
    const source = provider.source(req.params.source);
    if (!source) throw new HttpProblem(404, `unknown tile source "${req.params.source}"; see GET /catalog`, undefined, 'unknown-source');
    let kept = metadata.get(source.id);
    if (!kept) {
      const body = JSON.stringify(mbtilesMetadata(tileJson(source, '', provider.version)));
      kept = { body, etag: `"${provider.version}-${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` };
      if (metadata.size >= METADATA_KEPT) metadata.delete(metadata.keys().next().value!);
      metadata.set(source.id, kept);
    }
    res.setHeader('Cache-Control', options.cacheControl ?? 'public, max-age=300');
    res.setHeader('ETag', kept.etag);
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim() === kept.etag)) return res.status(304).end();
    res.type('application/json').send(kept.body);
  });

  // GET /tiles/{source} (no extension): the source as one z0 tile with every layer (see overview-tile.ts).
  router.get('/tiles/:source', (req, res, next) => {
    if (req.params.source.includes('.')) return next();
    const source = provider.source(req.params.source);
    if (!source) throw new HttpProblem(404, `unknown tile source "${req.params.source}"; see GET /catalog`, undefined, 'unknown-source');
    overview ??= overviewTiles(layers);
    const tile = overview(source.layers);
    res.setHeader('Cache-Control', options.cacheControl ?? 'public, max-age=300');
    if (!tile) return res.status(204).end();
    res.type(MVT).send(Buffer.from(tile));
  });
  return router;
}
