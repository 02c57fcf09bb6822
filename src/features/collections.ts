import { z } from 'zod';
import { LAYERS, type LayerDef, type LayerId } from '../layers/catalog.js';
import { periodEnd, periodStart } from '../layers/dates.js';
import type { GFeature } from '../layers/features.js';
import type { TimedFact } from '../layers/time/index.js';
import type { BBox, LayerSet } from '../layers/layer-set.js';

// Feature collections described from the layers (what OGC API - Features, and any other catalogue, lists):
// extent from the built geometry and the evidence dates, filterable fields from the zod schemas.

export interface Extent {
  spatial: BBox | undefined; // undefined: no geometry at all
  /** First and last day any fact of the layer holds; undefined ends are open; absent when nothing is dated. */
  temporal: { start: string | undefined; end: string | undefined } | undefined;
}

export interface Collection {
  id: LayerId;
  def: LayerDef;
  title: string;
  description: string;
  extent: Extent;
  /** Every property name the features carry (less `id`), in schema order then file order: a stable table for GIS clients. */
  propertyNames: string[];
  /** Fields that take a `name=value` filter, with the values they may take. */
  filters: Record<string, readonly string[]>;
}

/** Categorical fields that are ids rather than schema enums; their values come from the data. */
const ID_FILTERS: Partial<Record<LayerId, string[]>> = { territories: ['group'] };

function unionBBox(boxes: readonly BBox[]): BBox | undefined {
  if (boxes.length === 0) return undefined;
  const out: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    out[0] = Math.min(out[0], b[0]);
    out[1] = Math.min(out[1], b[1]);
    out[2] = Math.max(out[2], b[2]);
    out[3] = Math.max(out[3], b[3]);
  }
  return out;
}

/**
 * From the first evidence to the last documented end: open at the start when a fact gives no start, open at the
 * end when a fact has no documented end (it is believed to hold still). Ports count their roles' dates.
 */
function temporalExtent(items: TimedFact[]): Extent['temporal'] {
  const dated = items.filter((i) => i.observed);
  if (!dated.length) return undefined;
  let start: string | undefined = '9999-12-31';
  let end: string | undefined = '0000-01-01';
  for (const i of dated) {
    const from = i.observed!.from;
    if (start !== undefined) start = from ? (periodStart(from) < start ? periodStart(from) : start) : undefined;
    if (end !== undefined) end = i.ended ? (periodEnd(i.ended.date) > end ? periodEnd(i.ended.date) : end) : undefined;
  }
  return { start, end };
}

/** Top-level string enums of a properties schema, e.g. confidence, agency, presence. */
function enumFields(def: LayerDef): Record<string, string[]> {
  const json = z.toJSONSchema(def.properties, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { enum?: unknown[] }>;
  };
  const out: Record<string, string[]> = {};
  for (const [name, s] of Object.entries(json.properties ?? {})) {
    if (s.enum && s.enum.every((v) => typeof v === 'string')) out[name] = s.enum as string[];
  }
  return out;
}

export function describeCollection(layers: LayerSet, id: LayerId): Collection {
  const layer = layers.layer(id);
  const def = layer.def;
  const features: readonly GFeature[] = layer.features;
  const dated: TimedFact[] = layer.features.flatMap((f) => {
    const p: TimedFact & { id: string; roles?: readonly TimedFact[] } = f.properties;
    return [p, ...(Array.isArray(p.roles) ? p.roles : [])];
  });
  const names = new Set<string>(Object.keys((z.toJSONSchema(def.properties, { io: 'input', unrepresentable: 'any' }) as { properties?: object }).properties ?? {}));
  for (const f of features) for (const k of Object.keys(f.properties)) names.add(k);
  names.delete('id'); // the feature's own `id` member carries it; a second copy gives GIS clients two id columns
  const filters: Record<string, readonly string[]> = enumFields(def);
  for (const field of ID_FILTERS[id] ?? []) {
    filters[field] = [...new Set(features.map((f) => String(f.properties[field])))].sort();
  }
  return {
    id,
    def,
    title: def.title,
    description: def.description,
    extent: { spatial: unionBBox(layer.features.filter((f) => f.geometry).map((f) => layer.bboxById.get(f.id)!)), temporal: temporalExtent(dated) },
    propertyNames: [...names],
    filters,
  };
}

/** Every layer as a collection, in catalogue order (computed once per LayerSet: layers never change in place). */
export function describeCollections(layers: LayerSet): Collection[] {
  return LAYERS.map((def) => describeCollection(layers, def.id));
}

const jsonTypeOf = (v: unknown): string =>
  v === null || v === undefined ? 'string' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

/**
 * JSON Schema (2020-12) of one feature of a collection: its properties are the zod schema's fields, plus the fields
 * a base dataset carries beyond it typed from the data. GIS clients build their table from it even when a page is
 * empty (GDAL's OAPIF driver reads `properties.properties`).
 */
export function featureSchema(layers: LayerSet, c: Collection) {
  const json = z.toJSONSchema(c.def.properties, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Record<string, unknown>> };
  const properties: Record<string, object> = {};
  const features: readonly GFeature[] = layers.layer(c.id).features;
  for (const name of c.propertyNames) {
    const s = json.properties?.[name];
    if (s) {
      properties[name] = s;
      continue;
    }
    const sample = features.find((f) => f.properties[name] !== null && f.properties[name] !== undefined)?.properties[name];
    properties[name] = { type: jsonTypeOf(sample) };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: c.title,
    type: 'object',
    required: ['type', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      id: { type: 'string' },
      geometry: { type: 'object' },
      properties: { type: 'object', properties },
    },
  };
}
