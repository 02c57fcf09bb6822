import type GeoJSONVT from 'geojson-vt';

/** Tiles a geojson-vt index may keep beyond those it built up front, before it drops them (see below). */
export const MAX_DRILLED_TILES = 256;

type Internal = { tiles: Record<number, { source: unknown[] | null }>; tileCoords: { z: number; x: number; y: number }[] };

/**
 * geojson-vt keeps every tile it ever drilled down to (its own cache, outside the server's byte-bounded tile
 * cache): serving every tile z0-12 once grew the heap by hundreds of MB. This wrapper remembers the tiles built
 * up front (to indexMaxZoom) with their source features, and when more than `maxDrilled` others pile up it goes
 * back to that state: later requests drill down again from the kept tiles, which is what a miss cost anyway.
 * Dropping single tiles is not safe: a drill-down clears its ancestors' source, so a parent may no longer rebuild
 * a dropped child.
 */
export class BoundedIndex {
  private readonly base: [number, { source: unknown[] | null }][];
  private readonly baseSources: (unknown[] | null)[];
  private readonly baseCoords: { z: number; x: number; y: number }[];

  constructor(
    private readonly vt: GeoJSONVT,
    private readonly maxDrilled = MAX_DRILLED_TILES,
  ) {
    const i = vt as unknown as Internal;
    this.base = Object.entries(i.tiles).map(([id, t]) => [Number(id), t]);
    this.baseSources = this.base.map(([, t]) => t.source);
    this.baseCoords = [...i.tileCoords];
  }

  getTile(z: number, x: number, y: number): ReturnType<GeoJSONVT['getTile']> {
    const tile = this.vt.getTile(z, x, y); // a fresh envelope: it stays valid after a reset
    if ((this.vt as unknown as Internal).tileCoords.length - this.baseCoords.length > this.maxDrilled) this.reset();
    return tile;
  }

  /** Tiles held beyond the up-front ones (for tests and metrics). */
  get drilled(): number {
    return (this.vt as unknown as Internal).tileCoords.length - this.baseCoords.length;
  }

  private reset(): void {
    const i = this.vt as unknown as Internal;
    const tiles: Internal['tiles'] = {};
    this.base.forEach(([id, t], k) => {
      t.source = this.baseSources[k]!;
      tiles[id] = t;
    });
    i.tiles = tiles;
    i.tileCoords = [...this.baseCoords];
  }
}
