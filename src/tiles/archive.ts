import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import type { LayerSet } from '../layers/layer-set.js';
import { LiveTiles } from './live-source.js';
import { zxyToTileId } from './pmtiles/tile-id.js';
import { PmtilesWriter, type PmtilesWriteResult } from './pmtiles/writer.js';
import { ALL_SOURCE, layersOfSource, MAX_ZOOM, MIN_ZOOM } from './source.js';
import { BOUNDS, CENTER, tileJson } from './tilejson.js';

const gzip = promisify(gzipCb);

/** No tile may exceed this many bytes (uncompressed MVT): clients stall on bigger ones. */
export const TILE_BUDGET_BYTES = 500 * 1024;
/** gzip level of archived tiles: fixed, so the same geodata gives a byte-identical archive. */
const TILE_GZIP_LEVEL = 9;

export interface TileStat {
  z: number;
  x: number;
  y: number;
  bytes: number;
}

/** Every non-empty tile of the composite source from z0 to maxZoom, found by descending only into non-empty tiles. */
export function nonEmptyTiles(live: LiveTiles, maxZoom = MAX_ZOOM): [number, number, number][] {
  const layers = layersOfSource(ALL_SOURCE)!;
  const out: [number, number, number][] = [];
  const stack: [number, number, number][] = [[0, 0, 0]];
  while (stack.length) {
    const [z, x, y] = stack.pop()!;
    if (!live.has(layers, z, x, y)) continue;
    out.push([z, x, y]);
    if (z < maxZoom) for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) stack.push([z + 1, 2 * x + dx, 2 * y + dy]);
  }
  return out;
}

/** Calls `each` with every tile of the composite source in PMTiles tile-id (Hilbert) order. */
export async function forEachTile(
  layers: LayerSet,
  each: (z: number, x: number, y: number, raw: Uint8Array) => Promise<void> | void,
  maxZoom = MAX_ZOOM,
): Promise<{ count: number; largest: TileStat[] }> {
  const live = new LiveTiles(layers);
  const all = layersOfSource(ALL_SOURCE)!;
  const tiles = nonEmptyTiles(live, maxZoom)
    .map(([z, x, y]) => ({ id: zxyToTileId(z, x, y), z, x, y }))
    .sort((a, b) => a.id - b.id);
  const largest: TileStat[] = [];
  for (const { z, x, y } of tiles) {
    const raw = live.encode(all, z, x, y)!;
    if (raw.length > TILE_BUDGET_BYTES) throw new Error(`tile ${z}/${x}/${y} is ${raw.length} bytes, over the ${TILE_BUDGET_BYTES}-byte budget`);
    largest.push({ z, x, y, bytes: raw.length });
    if (largest.length > 40) largest.sort((a, b) => b.bytes - a.bytes).splice(10);
    await each(z, x, y, raw);
  }
  return { count: tiles.length, largest: largest.sort((a, b) => b.bytes - a.bytes).slice(0, 10) };
}

/** The archive's metadata: TileJSON fields a client needs, with no timestamp (the build is deterministic). */
function metadata(layers: LayerSet, maxZoom: number) {
  const source = { id: ALL_SOURCE, layers: layersOfSource(ALL_SOURCE)!, minzoom: MIN_ZOOM, maxzoom: maxZoom, tile: async () => null };
  const { tiles: _tiles, ...tj } = tileJson(source, '', layers.version);
  return { ...tj, format: 'pbf', type: 'overlay', generator: 'gauntlet build' };
}

/** Writes tiles/gauntlet.pmtiles: PMTiles v3, gzip MVT, clustered, deduplicated, metadata with vector_layers. */
export async function buildPmtiles(
  layers: LayerSet,
  outPath: string,
  maxZoom = MAX_ZOOM,
): Promise<PmtilesWriteResult & { largest: TileStat[] }> {
  const writer = await PmtilesWriter.create(outPath, {
    minZoom: MIN_ZOOM,
    maxZoom,
    bounds: BOUNDS,
    center: CENTER,
    tileType: 'mvt',
    tileCompression: 'gzip',
  });
  try {
    const { largest } = await forEachTile(
      layers,
      async (z, x, y, raw) => writer.addTile(zxyToTileId(z, x, y), await gzip(raw, { level: TILE_GZIP_LEVEL })),
      maxZoom,
    );
    const result = await writer.finish(metadata(layers, maxZoom));
    return { ...result, largest };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

export { metadata as archiveMetadata };

/** The archive shipped in the repository, rebuilt by `gauntlet build`. */
export const DEFAULT_ARCHIVE = new URL('../../tiles/gauntlet.pmtiles', import.meta.url).pathname;
