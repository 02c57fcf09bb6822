import { Router } from 'express';
import type { LayerSet } from '../layers/layer-set.js';
import { overviewTiles } from '../tiles/overview-tile.js';
import type { TileProvider } from '../tiles/provider.js';
import { tileJson } from '../tiles/tilejson.js';
import { mbtilesMetadata } from '../tiles/tileset-metadata.js';
import { HttpProblem } from './problem.js';
import { MVT, publicBase, type PublicUrlOptions } from './tiles-routes.js';

/**
 * GET /tiles/{source}/metadata.json: the tileset's MBTiles metadata beside its {z}/{x}/{y} tiles, as tippecanoe
 * writes for a directory, so `ogrinfo MVT:http://host/tiles/gauntlet` (GDAL's MVT driver) finds layers and fields.
 * TileJSON stays at /tiles/{source}.json for web clients.
 */
export function tilesetRouter(layers: LayerSet, provider: TileProvider, options: { cacheControl?: string } & PublicUrlOptions = {}): Router {
  const router = Router();
  let overview: ReturnType<typeof overviewTiles> | undefined; // built on first use: most servers never need it
  router.get('/tiles/:source/metadata.json', (req, res) => {
    const source = provider.source(req.params.source);
    if (!source) throw new HttpProblem(404, `unknown tile source "${req.params.source}"; see GET /catalog`, undefined, 'unknown-source');
    const url = `${publicBase(req, options)}/tiles/${encodeURIComponent(source.id).replace(/%2C/gi, ',')}/{z}/{x}/{y}.pbf`;
    res.setHeader('Cache-Control', options.cacheControl ?? 'public, max-age=300');
    res.json(mbtilesMetadata(tileJson(source, url, provider.version)));
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
