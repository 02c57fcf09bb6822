import type { Feature, Point } from 'geojson';

/** Below and at this zoom the migrant-deaths points are served as clusters: 4,174 points would weigh 220 KB a tile. */
export const CLUSTER_MAX_ZOOM = 7;
/** Cluster cell size in screen pixels (256 px tiles). */
const CELL_PX = 48;

function mercator(lon: number, lat: number): [number, number] {
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return [lon / 360 + 0.5, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}

/**
 * Grid clusters of points for one zoom: each cell of CELL_PX pixels becomes one point at the weighted mean of its
 * members, with `incidents` (members) and the sum of `weightField`. Deterministic: same input, same clusters.
 */
export function gridClusters(
  points: readonly Feature<Point, Record<string, unknown>>[],
  z: number,
  weightField: string,
  idPrefix: string,
): Feature<Point, Record<string, string | number | boolean>>[] {
  const cells = 256 * 2 ** z / CELL_PX;
  const groups = new Map<string, { lon: number; lat: number; weight: number; n: number }>();
  for (const p of points) {
    const [lon, lat] = [p.geometry.coordinates[0]!, p.geometry.coordinates[1]!];
    const [mx, my] = mercator(lon, lat);
    const key = `${Math.floor(mx * cells)}/${Math.floor(my * cells)}`;
    const w = Number(p.properties[weightField] ?? 0) || 0;
    const g = groups.get(key) ?? { lon: 0, lat: 0, weight: 0, n: 0 };
    g.lon += lon;
    g.lat += lat;
    g.weight += w;
    g.n += 1;
    groups.set(key, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => {
      const id = `${idPrefix}-z${z}-${key.replace('/', '-')}`;
      return {
        type: 'Feature',
        properties: { id, cluster: true, incidents: g.n, [weightField]: g.weight },
        geometry: { type: 'Point', coordinates: [Math.round((g.lon / g.n) * 1e5) / 1e5, Math.round((g.lat / g.n) * 1e5) / 1e5] },
      };
    });
}
