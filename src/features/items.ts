import type { Feature, Geometry } from 'geojson';
import type { BBox, LayerSet } from '../layers/layer-set.js';
import type { GFeature } from '../layers/features.js';

/** An item as OGC API answers it: every property the collection knows (its id is the feature's own member). */
export type Item = Feature<Geometry, Record<string, unknown>> & { id: string };
import type { Collection } from './collections.js';

// The features of a collection that match a query: place, time, property values; then one page of them.

/** `asOf` is handed to LayerSet.query unchanged (the API's one time rule); an interval keeps what holds on any of its days. */
export type ItemsTime = { kind: 'asOf'; asOf: string } | { kind: 'interval'; start?: string | undefined; end?: string | undefined };

export interface ItemsQuery {
  bboxes?: BBox[] | undefined; // any of them (a box across the antimeridian arrives split in two)
  time: ItemsTime;
  filters?: Record<string, readonly string[]>; // field -> accepted values (any of them)
  offset: number;
  limit: number;
}

export interface ItemsPage {
  features: Item[];
  numberMatched: number;
}

function inTime(layers: LayerSet, c: Collection, time: ItemsTime): GFeature[] {
  if (time.kind === 'asOf') return layers.query(c.id, { asOf: time.asOf });
  // An interval is the time rule FROM..TO (open ends allowed): what held on any of its days, as everywhere else.
  return layers.query(c.id, { asOf: `${time.start ?? ''}..${time.end ?? ''}` });
}

/** Every property the collection knows, null when a feature lacks it: GIS clients read a table from the first page. */
function withAllProperties(c: Collection, f: GFeature): Item {
  const properties = Object.fromEntries(c.propertyNames.map((k) => [k, f.properties[k] ?? null]));
  return { type: 'Feature', id: f.id, geometry: f.geometry, properties };
}

export function queryItems(layers: LayerSet, c: Collection, q: ItemsQuery): ItemsPage {
  let matched = inTime(layers, c, q.time);
  if (q.bboxes) {
    const layer = layers.layer(c.id);
    const hit = new Set<string>(q.bboxes.flatMap((b) => layer.search(b).map((f) => f.id)));
    matched = matched.filter((f) => hit.has(f.id));
  }
  for (const [field, values] of Object.entries(q.filters ?? {})) {
    const accepted = new Set(values);
    matched = matched.filter((f) => accepted.has(String(f.properties[field])));
  }
  return {
    features: matched.slice(q.offset, q.offset + q.limit).map((f) => withAllProperties(c, f)),
    numberMatched: matched.length,
  };
}

/** One feature by id, if it holds at `time` (undefined time: whatever its dates). */
export function findItem(layers: LayerSet, c: Collection, id: string, time: ItemsTime | undefined): { feature?: Item; exists: boolean } {
  const f = layers.layer(c.id).byId.get(id);
  if (!f) return { exists: false };
  if (!time) return { exists: true, feature: withAllProperties(c, f) };
  const [dated] = inTime(layers, c, time).filter((g) => g.id === id);
  return { exists: true, feature: dated ? withAllProperties(c, dated) : undefined };
}
