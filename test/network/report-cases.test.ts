import { distance, length, lineString } from '@turf/turf';
import type { Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { shippedLayers } from '../support/shipped-layers.js';
import { networkOf, type RoadNetwork } from '../../src/network/build.js';
import { distanceCosts, routeThrough } from '../../src/network/route.js';

// The report's cases on the real network (Natural Earth roads, geodata/base/roads.geojson).

let layers: LayerSet;
let net: RoadNetwork;
beforeAll(async () => {
  layers = await shippedLayers();
  net = networkOf(layers);
});

const at = (id: string) => (layers.layer('places').byId.get(id)!.geometry as Point).coordinates;
const route = (...places: string[]) => routeThrough(net, places.map((place) => ({ place })), distanceCosts(net)).path!;
const onHighways = (path: ReturnType<typeof route>, keys: string[]) => keys.reduce((s, k) => s + (path.kmByHighway[k] ?? 0), 0);

describe('the real road network', () => {
  it('is one piece for every place it reaches; orphans are the places farther than 15 km from any road', () => {
    const { components, orphans } = net.report;
    expect(components.places.slice(1).flat()).toEqual([]);
    for (const o of orphans) expect(o.nearestRoadKm === null || o.nearestRoadKm > 15).toBe(true);
    expect(orphans.map((o) => o.place)).toContain('ciudad-sabinas-hidalgo'); // PROVENANCE: > 8 km from any line
  });

  it('measures every edge geodesically: edge lengths equal turf.length of their coordinates', () => {
    for (const e of net.graph.edges.slice(0, 200)) expect(e.lengthKm).toBeCloseTo(length(lineString(e.coordinates), { units: 'kilometers' }), 9);
  });

  it('Monterrey - Nuevo Laredo follows MEX 85 (85D, the toll road, and 85)', () => {
    const path = route('monterrey', 'nuevo-laredo');
    const roadKm = path.lengthKm - path.connectorKm;
    expect(onHighways(path, ['MEX-85', 'MEX-85D']) / roadKm).toBeGreaterThan(0.8);
    expect(path.lengthKm).toBeCloseTo(length(lineString(path.coordinates), { units: 'kilometers' }), 6);
    const straight = distance(at('monterrey'), at('nuevo-laredo'), { units: 'kilometers' });
    expect(path.lengthKm).toBeGreaterThan(straight);
    expect(path.lengthKm).toBeLessThan(straight * 1.3);
  });

  it('Monterrey - Monclova - Allende - Piedras Negras runs on MEX 53 and MEX 57, within 15% of the report\'s 400 km', () => {
    const path = route('monterrey', 'monclova', 'allende', 'piedras-negras');
    expect(Math.abs(path.lengthKm - 400) / 400).toBeLessThan(0.15);
    expect(path.highways.slice(0, 2)).toEqual(['MEX-53', 'MEX-57']);
    expect(onHighways(path, ['MEX-53', 'MEX-57'])).toBeGreaterThan(300);
  });
});
