import GeoJSONVT from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import type { LayerId } from '../layers/catalog.js';
import type { LayerSet } from '../layers/layer-set.js';
import { gridClusters } from './clusters.js';
import { numericFeatureId } from './feature-id.js';
import { TERRITORY_LABELS, territoryLabelFeatures } from './label-points.js';
import { flattenProperties } from './properties.js';
import { BUFFER, EXTENT } from './source.js';

/**
 * The whole tileset as one z0 tile, every layer whatever its min zoom (migrant deaths clustered as at z0). GDAL's
 * MVT driver opens `MVT:http://host/tiles/gauntlet` as a single tile (it cannot list an HTTP directory), so this is
 * what it reads there: every layer with its fields, and the territory label points beside territories as in every
 * other tile. Georeferenced access goes through `…/tiles/gauntlet/{z}` and
 * metadata.json. Built once per LayerSet and kept (a few hundred KB at most).
 */
export function overviewTiles(layers: LayerSet): (ids: readonly LayerId[]) => Uint8Array | null {
  const z0 = new Map<LayerId, { features: unknown[] }>();
  const tileOf = (features: unknown[]) => new GeoJSONVT({ type: 'FeatureCollection', features } as never, { maxZoom: 0, indexMaxZoom: 0, extent: EXTENT, buffer: BUFFER }).getTile(0, 0, 0);
  for (const [id, layer] of layers.layers) {
    const features =
      id === 'migrant-deaths'
        ? gridClusters(layers.layer('migrant-deaths').features, 0, 'dead_and_missing', 'mmp-cluster').map((c) => ({ type: 'Feature', id: numericFeatureId(String(c.properties.id)), properties: c.properties, geometry: c.geometry }))
        : layer.features.map((f) => ({ type: 'Feature', id: numericFeatureId(f.id), properties: flattenProperties(f.properties), geometry: f.geometry }));
    const tile = tileOf(features);
    if (tile && tile.features.length > 0) z0.set(id, tile);
  }
  const labels = tileOf(territoryLabelFeatures(layers.layer('territories').features).map((l) => ({ type: 'Feature', ...l, id: numericFeatureId(l.id) })));
  return (ids) => {
    const parts: Record<string, { features: unknown[] }> = Object.fromEntries(ids.filter((id) => z0.has(id)).map((id) => [id, z0.get(id)!]));
    if (ids.includes('territories') && labels && labels.features.length > 0) parts[TERRITORY_LABELS] = labels;
    return Object.keys(parts).length ? fromGeojsonVt(parts, { version: 2, extent: EXTENT }) : null;
  };
}
