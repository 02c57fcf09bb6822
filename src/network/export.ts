import type { FeatureCollection, LineString } from 'geojson';
import type { RoadNetwork } from './build.js';

/**
 * The noded network as a pgRouting-style edge table in GeoJSON: one LineString per edge with `id`, `source`,
 * `target` (1-based: pgRouting and QGIS's network tools treat 0 as "none"), `lengthKm`, `cost` and `reverse_cost`
 * (both the km: every road is two-way here), `ref`, `type`, `toll`, `kind` (road | connector), the Natural Earth
 * `road` id and, for connectors, the `place`. `ogr2ogr -f PostgreSQL PG:… edges.geojson -nln edges` loads it.
 */
export function networkEdgesGeoJson(net: RoadNetwork): FeatureCollection<LineString> {
  return {
    type: 'FeatureCollection',
    features: net.graph.edges.map((e) => ({
      type: 'Feature',
      id: e.id + 1,
      properties: {
        id: e.id + 1,
        source: e.source + 1,
        target: e.target + 1,
        lengthKm: Math.round(e.lengthKm * 1e6) / 1e6,
        cost: Math.round(e.lengthKm * 1e6) / 1e6,
        reverse_cost: Math.round(e.lengthKm * 1e6) / 1e6,
        ref: e.ref,
        type: e.type,
        toll: e.toll,
        kind: e.kind,
        road: e.road,
        place: e.place,
      },
      geometry: { type: 'LineString', coordinates: e.coordinates.map((p) => [Math.round(p[0]! * 1e6) / 1e6, Math.round(p[1]! * 1e6) / 1e6]) },
    })),
  };
}
