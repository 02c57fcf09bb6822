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

type TileFeature = { type: 'Feature'; id: number; properties: Record<string, unknown>; geometry: unknown };

/** One geojson-vt index per layer, built once from a LayerSet (every feature, all dates: clients filter by date). */
export class LiveTiles {
  private readonly indexes = new Map<LayerId, BoundedIndex>();
  private readonly clusterIndexes = new Map<number, BoundedIndex>(); // zoom -> clustered migrant-deaths
  private readonly majorIndexes = new Map<LayerId, { below: number; index: BoundedIndex }>(); // ports, checkpoints at small scales
  private labels: BoundedIndex | undefined; // territory label points, one per separate area (label-points.ts)

  private built = false;

  /** Indexes are built on first use (or by warm()), so a server listens before it has built them. */
  constructor(private readonly layers: LayerSet) {}

  /** Builds the indexes now if they are not yet. */
  warm(): void {
    if (this.built) return;
    this.built = true;
    const layers = this.layers;
    const seen = new Map<number, string>();
    const withId = (id: string, properties: Record<string, unknown>, geometry: unknown): TileFeature => {
      const numeric = numericFeatureId(id);
      const clash = seen.get(numeric);
      if (clash !== undefined && clash !== id) throw new Error(`feature ids "${clash}" and "${id}" hash to the same tile id ${numeric}`);
      seen.set(numeric, id);
      return { type: 'Feature', id: numeric, properties, geometry };
    };
    const index = (features: TileFeature[]) =>
      new BoundedIndex(new GeoJSONVT({ type: 'FeatureCollection', features } as never, { maxZoom: MAX_ZOOM, indexMaxZoom: 5, tolerance: TOLERANCE, extent: EXTENT, buffer: BUFFER }));
    for (const [id, layer] of layers.layers) {
      this.indexes.set(id, index(layer.features.map((f) => withId(f.id, flattenProperties(f.properties), f.geometry))));
    }
    // Below their `minorFrom` zoom, ports and checkpoints are the major ones only (cartography/importance.ts).
    const ports = layers.layer('ports').features.filter((f) => drawnAt.ports(f, 0));
    const checkpoints = layers.layer('checkpoints').features.filter((f) => drawnAt.checkpoints(f, 0));
    this.majorIndexes.set('ports', { below: LOOK.ports.importance.minorFrom, index: index(ports.map((f) => withId(f.id, flattenProperties(f.properties), f.geometry))) });
    this.majorIndexes.set('checkpoints', { below: LOOK.checkpoints.importance.minorFrom, index: index(checkpoints.map((f) => withId(f.id, flattenProperties(f.properties), f.geometry))) });
    this.labels = index(territoryLabelFeatures(layers.layer('territories').features).map((l) => withId(l.id, l.properties, l.geometry)));
    const points = layers.layer(CLUSTERED).features;
    for (let z = MIN_ZOOM; z <= CLUSTER_MAX_ZOOM; z++) {
      this.clusterIndexes.set(z, index(gridClusters(points, z, 'dead_and_missing', 'mmp-cluster').map((c) => withId(String(c.properties.id), c.properties, c.geometry))));
    }
  }

  private index(id: LayerId, z: number): BoundedIndex | undefined {
    this.warm();
    if (z < layerMinZoom(id)) return undefined;
    if (id === CLUSTERED && z <= CLUSTER_MAX_ZOOM) return this.clusterIndexes.get(z);
    const major = this.majorIndexes.get(id);
    if (major && z < major.below) return major.index;
    return this.indexes.get(id);
  }

  /** The tile of the given layers as MVT 2.1 bytes, or null when none of them has features there. */
  encode(layers: readonly LayerId[], z: number, x: number, y: number): Uint8Array | null {
    const parts: Record<string, { features: unknown[] }> = {};
    for (const id of layers) {
      const tile = this.index(id, z)?.getTile(z, x, y);
      if (tile && tile.features.length > 0) parts[id] = tile;
    }
    if (layers.includes('territories')) {
      this.warm();
      const tile = this.labels!.getTile(z, x, y);
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
