import { rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { LayerSet } from '../layers/layer-set.js';
import { archiveMetadata, forEachTile, type TileStat } from './archive.js';
import { MAX_ZOOM, MIN_ZOOM } from './source.js';
import { BOUNDS, CENTER } from './tilejson.js';
import { mbtilesMetadata } from './tileset-metadata.js';

/**
 * Writes an MBTiles 1.3 file (SQLite) for QGIS and GDAL: gzip MVT tiles in TMS row order, and the metadata rows
 * the spec asks for, with vector_layers in `json`.
 */
export async function buildMbtiles(layers: LayerSet, outPath: string, maxZoom = MAX_ZOOM): Promise<{ tiles: number; largest: TileStat[] }> {
  // Loaded here so the server never needs the native module.
  const { default: Database } = await import('better-sqlite3');
  await rm(outPath, { force: true });
  const db = new Database(outPath);
  try {
    db.pragma('journal_mode = OFF');
    db.exec(`CREATE TABLE metadata (name TEXT, value TEXT);
             CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
             CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);`);
    const meta = archiveMetadata(layers, maxZoom);
    const rows = Object.entries(mbtilesMetadata({ ...meta, minzoom: MIN_ZOOM, maxzoom: maxZoom, bounds: BOUNDS, center: CENTER }));
    const insertMeta = db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
    for (const r of rows) insertMeta.run(...r);
    const insertTile = db.prepare('INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)');
    db.exec('BEGIN');
    const { count, largest } = await forEachTile(
      layers,
      (z, x, y, raw) => {
        insertTile.run(z, x, 2 ** z - 1 - y, gzipSync(raw, { level: 6 })); // MBTiles rows count from the south (TMS)
      },
      maxZoom,
    );
    db.exec('COMMIT');
    return { tiles: count, largest };
  } finally {
    db.close();
  }
}
