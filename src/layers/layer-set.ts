import { bbox as turfBbox } from '@turf/turf';
import Flatbush from 'flatbush';
import { LAYERS, type LayerDef, type LayerId } from './catalog.js';
import { isValidOn, type Dated } from './dates.js';
import type { Source } from './schema/index.js';
import type { GFeature } from './validate.js';

export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** One layer's features with an R-tree (flatbush) over their bounding boxes. */
export class Layer {
  readonly byId: ReadonlyMap<string, GFeature>;
  readonly bboxes: readonly BBox[];
  readonly bboxById: ReadonlyMap<string, BBox>;
  private readonly index: Flatbush | undefined;

  constructor(
    readonly def: LayerDef,
    readonly features: readonly GFeature[],
  ) {
    this.byId = new Map(features.map((f) => [f.id, f]));
    this.bboxes = features.map((f) => (f.geometry ? (turfBbox(f) as BBox) : ([0, 0, 0, 0] as BBox)));
    this.bboxById = new Map(features.map((f, i) => [f.id, this.bboxes[i]!]));
    if (features.length > 0) {
      this.index = new Flatbush(features.length);
      for (const b of this.bboxes) this.index.add(b[0], b[1], b[2], b[3]);
      this.index.finish();
    }
  }

  /** Features whose bounding box intersects `bbox`, in file order. */
  search(bbox: BBox): GFeature[] {
    if (!this.index) return [];
    return this.index
      .search(bbox[0], bbox[1], bbox[2], bbox[3])
      .sort((a, b) => a - b)
      .map((i) => this.features[i]!);
  }
}

export interface Query {
  asOf: string; // YYYY-MM-DD or "all"
  bbox?: BBox | undefined;
}

/** Ports stay on the map whatever the date; only their roles come and go. */
function atDate(f: GFeature, asOf: string): GFeature | undefined {
  if (!isValidOn(f.properties as Dated, asOf)) return undefined;
  const roles = f.properties.roles as Dated[] | undefined;
  if (!roles || asOf === 'all') return f;
  return { ...f, properties: { ...f.properties, roles: roles.filter((r) => isValidOn(r, asOf)) } };
}

/** Every layer in memory, validated and indexed: what exposure, tiles and images read. */
export class LayerSet {
  readonly layers: ReadonlyMap<LayerId, Layer>;
  readonly sources: ReadonlyMap<string, Source>;

  constructor(
    layers: Map<LayerId, GFeature[]>,
    sources: Source[],
    readonly version: string, // content hash of the geodata: changes whenever any file does
  ) {
    this.layers = new Map(LAYERS.map((def) => [def.id, new Layer(def, layers.get(def.id) ?? [])]));
    this.sources = new Map(sources.map((s) => [s.id, s]));
  }

  layer(id: LayerId): Layer {
    return this.layers.get(id)!;
  }

  /** A layer's features valid on `asOf` and (optionally) touching `bbox`. */
  query(id: LayerId, q: Query): GFeature[] {
    const layer = this.layer(id);
    const candidates = q.bbox ? layer.search(q.bbox) : layer.features;
    const out: GFeature[] = [];
    for (const f of candidates) {
      const g = atDate(f, q.asOf);
      if (g) out.push(g);
    }
    return out;
  }
}
