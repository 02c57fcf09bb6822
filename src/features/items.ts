import { periodEnd, periodStart, type Dated } from '../layers/dates.js';
import type { BBox, LayerSet } from '../layers/layer-set.js';
import type { GFeature } from '../layers/validate.js';
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
  features: GFeature[];
  numberMatched: number;
}

/** Whether a dated item holds on at least one day of [start, end] (open ends unbounded): isValidOn for a span. */
export function overlaps(item: Dated, start: string | undefined, end: string | undefined): boolean {
  if (end !== undefined && item.validFrom && periodStart(item.validFrom) > end) return false;
  if (start !== undefined && item.validTo && periodEnd(item.validTo) < start) return false;
  return true;
}

function duringInterval(features: readonly GFeature[], start: string | undefined, end: string | undefined): GFeature[] {
  const out: GFeature[] = [];
  for (const f of features) {
    if (!overlaps(f.properties as Dated, start, end)) continue;
    const roles = f.properties.roles as Dated[] | undefined;
    // as LayerSet.query does for a day: ports stay, their roles are those that held in the span
    out.push(Array.isArray(roles) ? { ...f, properties: { ...f.properties, roles: roles.filter((r) => overlaps(r, start, end)) } } : f);
  }
  return out;
}

function inTime(layers: LayerSet, c: Collection, time: ItemsTime): GFeature[] {
  if (time.kind === 'asOf') return layers.query(c.id, { asOf: time.asOf });
  return duringInterval(layers.layer(c.id).features, time.start, time.end);
}

/** Every property the collection knows, null when a feature lacks it: GIS clients read a table from the first page. */
function withAllProperties(c: Collection, f: GFeature): GFeature {
  const properties = Object.fromEntries(c.propertyNames.map((k) => [k, f.properties[k] ?? null])) as GFeature['properties'];
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
export function findItem(layers: LayerSet, c: Collection, id: string, time: ItemsTime | undefined): { feature?: GFeature; exists: boolean } {
  const f = layers.layer(c.id).byId.get(id);
  if (!f) return { exists: false };
  if (!time) return { exists: true, feature: withAllProperties(c, f) };
  const [dated] = inTime(layers, c, time).filter((g) => g.id === id);
  return { exists: true, feature: dated ? withAllProperties(c, dated) : undefined };
}
