import { ATTRIBUTION, fieldsOf, layerDef, type LayerId } from '../layers/catalog.js';
import type { BBox } from '../layers/layer-set.js';
import { DATE_FIELDS, tileFieldType } from './properties.js';
import { layerMinZoom, type TileSource } from './source.js';

/** The region Gauntlet's data covers (lon -118..-86, lat 13..34) and where a map opens. */
export const BOUNDS: BBox = [-118.4, 13, -86, 34];
export const CENTER: [number, number, number] = [-102, 24, 4];

/** TileJSON `vector_layers` entry: fields from the zod schemas, typed as MVT carries them after flattening. */
export function vectorLayer(id: LayerId, maxzoom: number) {
  const def = layerDef(id)!;
  const fields = Object.fromEntries(Object.entries(fieldsOf(def)).map(([name, type]) => [name, tileFieldType(type)]));
  if (fields.observed) Object.assign(fields, Object.fromEntries(Object.keys(DATE_FIELDS).map((k) => [k, 'Number'])));
  if (id === 'ports') fields.roleNames = 'String';
  if (id === 'migrant-deaths') Object.assign(fields, { cluster: 'Boolean', incidents: 'Number' });
  return { id, description: def.description, fields, minzoom: layerMinZoom(id), maxzoom };
}

/** TileJSON 3.0.0 for a source; `tilesUrl` is the absolute XYZ template (with ?v= when versioned). */
export function tileJson(source: TileSource, tilesUrl: string, version: string) {
  return {
    tilejson: '3.0.0',
    name: source.id === 'gauntlet' ? 'Gauntlet' : `Gauntlet: ${source.layers.join(', ')}`,
    description: 'Migration routes, checkpoints, organized-crime territories, ports of entry and expulsion flights, with base geography',
    version,
    attribution: ATTRIBUTION,
    scheme: 'xyz',
    tiles: [tilesUrl],
    minzoom: source.minzoom,
    maxzoom: source.maxzoom,
    bounds: BOUNDS,
    center: CENTER,
    vector_layers: source.layers.map((id) => vectorLayer(id, source.maxzoom)),
  };
}
