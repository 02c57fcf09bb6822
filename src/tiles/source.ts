import { LAYER_MIN_ZOOM } from '../cartography/look.js';
import { LAYER_IDS, LAYERS, type LayerId } from '../layers/catalog.js';

/** Zoom range of every Gauntlet tile source; clients overzoom past MAX_ZOOM. */
export const MIN_ZOOM = 0;
export const MAX_ZOOM = 12;
/** MVT extent and the geojson-vt buffer around each tile, in tile units. */
export const EXTENT = 4096;
export const BUFFER = 64;

/** A layer's tiles start where the map starts drawing it (the cartography table's min zooms; TileJSON says so). */
export function layerMinZoom(id: LayerId): number {
  return LAYER_MIN_ZOOM[id] ?? MIN_ZOOM;
}

/** The composite source holding every layer. */
export const ALL_SOURCE = 'gauntlet';

/**
 * What the server needs from a tile provider, live indexes or an archive alike: its layers, zoom range and a tile.
 * Tiles are uncompressed MVT bytes; null means the tile is empty (inside the zoom range).
 */
export interface TileSource {
  readonly id: string;
  readonly layers: readonly LayerId[];
  readonly minzoom: number;
  readonly maxzoom: number;
  tile(z: number, x: number, y: number): Promise<Uint8Array | null>;
}

/**
 * Resolves a source id (a layer id, a comma list of them, or "gauntlet") to its layers in catalog order, whatever
 * order the list gave them in; undefined if unknown.
 */
export function layersOfSource(id: string): LayerId[] | undefined {
  if (id === ALL_SOURCE) return LAYERS.map((l) => l.id);
  const parts = id.split(',');
  if (parts.some((p) => !(LAYER_IDS as readonly string[]).includes(p))) return undefined;
  if (new Set(parts).size !== parts.length) return undefined;
  return LAYER_IDS.filter((l) => parts.includes(l)) as LayerId[];
}

/** One id per set of layers (catalog order): every ordering of a list shares one cache entry and one ETag. */
export function canonicalSourceId(layers: readonly LayerId[]): string {
  return layers.length === LAYER_IDS.length ? ALL_SOURCE : layers.join(',');
}

/** Valid XYZ coordinates: integer zoom 0..30 and x, y inside the 2^z grid. */
export function inGrid(z: number, x: number, y: number): boolean {
  if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y) || z < 0 || z > 30) return false;
  const n = 2 ** z;
  return x >= 0 && y >= 0 && x < n && y < n;
}
