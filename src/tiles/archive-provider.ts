import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PMTiles } from 'pmtiles';
import { fromVectorTileJs } from 'vt-pbf';
import type { LayerId } from '../layers/catalog.js';
import { FileSource } from './pmtiles/file-source.js';
import type { TileProvider } from './provider.js';
import { TERRITORY_LABELS } from './label-points.js';
import { ALL_SOURCE, canonicalSourceId, layersOfSource, type TileSource } from './source.js';

/**
 * Tiles from a PMTiles archive written by `gauntlet build`. The composite source is served as stored; a layer or
 * a comma list is cut out of it by decoding the tile and re-encoding the layers asked for. The file stays open
 * until close().
 */
export async function archiveProvider(path: string): Promise<TileProvider> {
  const file = new FileSource(path);
  const archive = new PMTiles(file);
  const header = await archive.getHeader();
  const meta = (await archive.getMetadata()) as { version?: string; vector_layers?: { id: string }[] };
  const stored = new Set((meta.vector_layers ?? []).map((l) => l.id));
  const version = meta.version ?? `archive-${header.etag ?? header.rootDirectoryOffset}`;

  const tile = async (z: number, x: number, y: number): Promise<Uint8Array | null> => {
    const r = await archive.getZxy(z, x, y);
    return r ? new Uint8Array(r.data) : null;
  };
  const source = (id: string, layers: readonly LayerId[]): TileSource => ({
    id,
    layers,
    minzoom: header.minZoom,
    maxzoom: header.maxZoom,
    tile:
      id === ALL_SOURCE
        ? tile
        : async (z, x, y) => {
            const raw = await tile(z, x, y);
            if (!raw) return null;
            const decoded = new VectorTile(new PbfReader(raw));
            const names: string[] = layers.includes('territories') ? [...layers, TERRITORY_LABELS] : [...layers];
            const keep = Object.fromEntries(names.filter((l) => decoded.layers[l]).map((l) => [l, decoded.layers[l]!]));
            return Object.keys(keep).length ? fromVectorTileJs({ layers: keep }) : null;
          },
  });
  return {
    version,
    kind: 'archive',
    source(id) {
      const layers = layersOfSource(id);
      if (!layers || layers.some((l) => !stored.has(l))) return undefined;
      return source(canonicalSourceId(layers), layers);
    },
    catalog: () => [ALL_SOURCE, ...[...stored].filter((id) => layersOfSource(id))], // label points are no source of their own
    close: () => file.close(),
  };
}
