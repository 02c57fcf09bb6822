import { LOOK, MAP_REGION } from '../cartography/look.js';
import { ATTRIBUTION, fieldsOf, layerDef, type LayerId } from '../layers/catalog.js';
import type { BBox } from '../layers/layer-set.js';
import { TERRITORY_LABELS } from './label-points.js';
import { DATE_FIELDS, portRoleFields, tileFieldType } from './properties.js';
import { layerMinZoom, type TileSource } from './source.js';

/** The region Gauntlet's data covers and where a map opens (the cartography's MAP_REGION). */
export const BOUNDS: BBox = MAP_REGION.bounds;
export const CENTER: [number, number, number] = [...MAP_REGION.center, MAP_REGION.zoom];

/** TileJSON `vector_layers` entry: fields from the zod schemas, typed as MVT carries them after flattening. */
export function vectorLayer(id: LayerId, maxzoom: number) {
  const def = layerDef(id)!;
  const fields = Object.fromEntries(Object.entries(fieldsOf(def)).map(([name, type]) => [name, tileFieldType(type)]));
  if (fields.observed) Object.assign(fields, Object.fromEntries(Object.keys(DATE_FIELDS).map((k) => [k, 'Number'])));
  if (id === 'ports') Object.assign(fields, { roleNames: 'String' }, portRoleFields());
  if (id === 'migrant-deaths') Object.assign(fields, { cluster: 'Boolean', incidents: 'Number' });
  const minor = id === 'ports' || id === 'checkpoints' ? LOOK[id].importance.minorFrom : undefined;
  const description = minor === undefined ? def.description : `${def.description}; below zoom ${minor} only the major ones (cited by several sources${id === 'ports' ? ', or the busiest crossings' : ''})`;
  return { id, description, fields, minzoom: layerMinZoom(id), maxzoom };
}

/** The MVT layers of a source: its Gauntlet layers, then the territory label points where territories are in it. */
export function vectorLayers(layers: readonly LayerId[], maxzoom: number) {
  const out: ReturnType<typeof vectorLayer>[] = layers.map((id) => vectorLayer(id, maxzoom));
  if (layers.includes('territories')) {
    const { notes: _n, sources: _s, units: _u, activities: _a, ...fields } = vectorLayer('territories', maxzoom).fields;
    out.push({ id: TERRITORY_LABELS as LayerId, description: 'One label point per separate territory area (polylabel), for the group name', fields: { ...fields, territory: 'String' }, minzoom: 0, maxzoom });
  }
  return out;
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
    vector_layers: vectorLayers(source.layers, source.maxzoom),
  };
}
