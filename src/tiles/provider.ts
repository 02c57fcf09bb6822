import { LAYERS } from '../layers/catalog.js';
import type { LayerSet } from '../layers/layer-set.js';
import { LiveTiles } from './live-source.js';
import { ALL_SOURCE, canonicalSourceId, layersOfSource, type TileSource } from './source.js';

/** Where the server gets tiles: live geojson-vt indexes or a PMTiles archive; it never knows which. */
export interface TileProvider {
  readonly version: string; // changes whenever the data does: part of every ETag and of ?v=
  readonly kind: 'live' | 'archive';
  /** The source for an id (a layer, a comma list, or "gauntlet"); undefined when unknown or not served. */
  source(id: string): TileSource | undefined;
  /** The sources listed in the catalog. */
  catalog(): string[];
  /** Prepares what the first tile would otherwise wait for (live indexes); the server calls it once listening. */
  warm?(): void | Promise<void>;
  /** Releases what it holds open (an archive's file); whoever made the provider calls it once the server has stopped. */
  close?(): Promise<void>;
}

export function liveProvider(layers: LayerSet): TileProvider {
  const live = new LiveTiles(layers);
  return {
    version: layers.version,
    kind: 'live',
    source(id) {
      const ids = layersOfSource(id);
      return ids ? live.source(canonicalSourceId(ids), ids) : undefined;
    },
    catalog: () => [ALL_SOURCE, ...LAYERS.map((l) => l.id)],
    warm: () => live.warmInTurns(),
  };
}
