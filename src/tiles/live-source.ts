import GeoJSONVT from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import { drawnAt } from '../cartography/importance.js';
import { LOOK } from '../cartography/look.js';
import type { LayerId } from '../layers/catalog.js';
import type { LayerSet } from '../layers/layer-set.js';
import { CLUSTER_MAX_ZOOM, gridClusters } from './clusters.js';
import { numericFeatureId } from './feature-id.js';
import { TERRITORY_LABELS, territoryLabelFeatures } from './label-points.js';
import { flattenProperties } from './properties.js';
import { BoundedIndex } from './bounded-index.js';
import { BUFFER, EXTENT, layerMinZoom, MAX_ZOOM, MIN_ZOOM, type TileSource } from './source.js';

/** Douglas-Peucker tolerance in tile units: 3 of 4096 keeps outlines smooth at every zoom (geojson-vt's default). */
const TOLERANCE = 3;

/** The layer whose low zooms are clustered (see clusters.ts). */
const CLUSTERED = 'migrant-deaths' satisfies LayerId;

/** Below these zooms a layer's tiles hold its major features only (clutter control, the cartography table). */
const MAJOR_ONLY_BELOW = new Map<LayerId, number>([
  ['ports', LOOK.ports.importance.minorFrom],
  ['checkpoints', LOOK.checkpoints.importance.minorFrom],
]);

type TileFeature = { type: 'Feature'; id: number; properties: Record<string, unknown>; geometry: unknown };

/** One geojson-vt index per layer, built once from a LayerSet (every feature, all dates: clients filter by date). */
export class LiveTiles {
  private readonly indexes = new Map<LayerId, BoundedIndex>();
  private readonly clusterIndexes = new Map<number, BoundedIndex>(); // zoom -> clustered migrant-deaths
  private readonly majorIndexes = new Map<LayerId, BoundedIndex>(); // ports, checkpoints below their minorFrom zoom
  private labels: BoundedIndex | undefined; // territory label points, one per separate area (label-points.ts)
  private readonly seen = new Map<number, string>(); // tile ids handed out so far, to catch a hash clash

  /** Each index is built on first use (or by warm()), so a server listens before it has built them. */
  constructor(private readonly layers: LayerSet) {}

  /** Builds every index now that is not built yet. */
  warm(): void {
    for (const build of this.pending()) build();
  }

  /**
   * The same, one index per turn of the event loop: building them all at once held a starting server's first
   * /health for about 400 ms.
   */
  async warmInTurns(): Promise<void> {
    for (const build of this.pending()) {
      await new Promise((r) => setImmediate(r));
      build();
    }
  }

  private pending(): (() => void)[] {
    const out: (() => void)[] = [];
    for (const id of this.layers.layers.keys()) if (!this.indexes.has(id)) out.push(() => this.layerIndex(id));
    out.push(() => this.labelIndex());
    for (const id of MAJOR_ONLY_BELOW.keys()) out.push(() => this.majorIndex(id));
    for (let z = MIN_ZOOM; z <= CLUSTER_MAX_ZOOM; z++) out.push(() => this.clusterIndex(z));
    return out;
  }

  private withId(id: string, properties: Record<string, unknown>, geometry: unknown): TileFeature {
    const numeric = numericFeatureId(id);
    const clash = this.seen.get(numeric);
    if (clash !== undefined && clash !== id) throw new Error(`feature ids "${clash}" and "${id}" hash to the same tile id ${numeric}`);
    this.seen.set(numeric, id);
    return { type: 'Feature', id: numeric, properties, geometry };
  }

  private build(features: TileFeature[]): BoundedIndex {
    return new BoundedIndex(new GeoJSONVT({ type: 'FeatureCollection', features } as never, { maxZoom: MAX_ZOOM, indexMaxZoom: 5, tolerance: TOLERANCE, extent: EXTENT, buffer: BUFFER }));
  }

  private layerIndex(id: LayerId): BoundedIndex {
    let index = this.indexes.get(id);
    if (!index) {
      index = this.build(this.layers.layer(id).features.map((f) => this.withId(f.id, flattenProperties(f.properties), f.geometry)));
      this.indexes.set(id, index);
    }
    return index;
  }

  private labelIndex(): BoundedIndex {
    this.labels ??= this.build(territoryLabelFeatures(this.layers.layer('territories').features).map((l) => this.withId(l.id, l.properties, l.geometry)));
    return this.labels;
  }

  /** Ports or checkpoints, the major ones only (cartography/importance.ts): what small-scale tiles carry. */
  private majorIndex(id: LayerId): BoundedIndex {
    let index = this.majorIndexes.get(id);
    if (!index) {
      const major =
        id === 'ports' ? this.layers.layer('ports').features.filter((f) => drawnAt.ports(f, 0)) : this.layers.layer('checkpoints').features.filter((f) => drawnAt.checkpoints(f, 0));
      index = this.build(major.map((f) => this.withId(f.id, flattenProperties(f.properties), f.geometry)));
      this.majorIndexes.set(id, index);
    }
    return index;
  }

  private clusterIndex(z: number): BoundedIndex {
    let index = this.clusterIndexes.get(z);
    if (!index) {
      const points = this.layers.layer(CLUSTERED).features;
      index = this.build(gridClusters(points, z, 'dead_and_missing', 'mmp-cluster').map((c) => this.withId(String(c.properties.id), c.properties, c.geometry)));
      this.clusterIndexes.set(z, index);
    }
    return index;
  }

  private index(id: LayerId, z: number): BoundedIndex | undefined {
    if (z < layerMinZoom(id)) return undefined;
    if (id === CLUSTERED && z <= CLUSTER_MAX_ZOOM) return this.clusterIndex(z);
    if (z < (MAJOR_ONLY_BELOW.get(id) ?? 0)) return this.majorIndex(id);
    return this.layerIndex(id);
  }

  /** The tile of the given layers as MVT 2.1 bytes, or null when none of them has features there. */
  encode(layers: readonly LayerId[], z: number, x: number, y: number): Uint8Array | null {
    const parts: Record<string, { features: unknown[] }> = {};
    for (const id of layers) {
      const tile = this.index(id, z)?.getTile(z, x, y);
      if (tile && tile.features.length > 0) parts[id] = tile;
    }
    if (layers.includes('territories')) {
      const tile = this.labelIndex().getTile(z, x, y);
      if (tile && tile.features.length > 0) parts[TERRITORY_LABELS] = tile;
    }
    if (Object.keys(parts).length === 0) return null;
    return fromGeojsonVt(parts, { version: 2, extent: EXTENT });
  }

  /** Whether any of the layers has features in the tile (cheap: no encoding). */
  has(layers: readonly LayerId[], z: number, x: number, y: number): boolean {
    return layers.some((id) => (this.index(id, z)?.getTile(z, x, y)?.features.length ?? 0) > 0);
  }

  source(id: string, layers: readonly LayerId[]): TileSource {
    return { id, layers, minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM, tile: async (z, x, y) => this.encode(layers, z, x, y) };
  }
}
