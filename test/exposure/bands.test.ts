import { describe, expect, it } from 'vitest';
import { computeExposure } from '../../src/exposure/exposure.js';
import type { RouteGeometry } from '../../src/exposure/route-input.js';
import type { LayerId } from '../../src/layers/catalog.js';
import { LayerSet } from '../../src/layers/layer-set.js';
import type { GFeature } from '../../src/layers/validate.js';
import { asLayers } from '../support/fixture-layers.js';

// Likely and possible bands on a hand-built map with closed-form answers. The route runs east along the parallel
// 25.5 N from 101 W; its km at longitude x is the great-circle distance from the start to (x, 25.5), so the length
// inside [x0, x1] is d(x1) - d(x0), written out here without the code under test.
const R = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;
const LAT = 25.5;
const START = -101;
/** Great-circle km from the route start to longitude x on the same parallel. */
const d = (x: number) => 2 * R * Math.asin(Math.cos(rad(LAT)) * Math.sin(rad(x - START) / 2));
const inside = (x0: number, x1: number) => d(x1) - d(x0);
const ROUTE_KM = d(-97);
/** The answer rounds km to the metre. */
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(0.0006);

const box = (x0: number, x1: number, y0 = 25, y1 = 26) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const area = (id: string, group: string, confidence: string, extentBasis: string, geometry: object, actor = 'criminal'): GFeature => ({
  type: 'Feature',
  id,
  geometry: geometry as GFeature['geometry'],
  properties: {
    id, name: `name of ${id}`, group, groupName: group, actor, presence: 'present', confidence, extentBasis, sourcesPlace: extentBasis === 'locality' ? 'city' : 'region',
    sources: [`${id}-source-a`, `${id}-source-b`], notes: 'fixture', areaKm2: 1, observed: { from: '2023-01', to: '2023-06' },
    ...(actor === 'state' ? { agencies: ['unknown'] } : {}),
  },
});
const checkpoint = (id: string, lon: number, confidence: string, locationPrecision: string): GFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [lon, LAT] },
  properties: { id, name: id, agency: 'inm', kind: 'fixed', sources: ['s'], confidence, locationPrecision, notes: 'fixture' },
});
const layerSet = (layers: Partial<Record<LayerId, GFeature[]>>) => new LayerSet(asLayers(layers), [], 'fixture');
const route: RouteGeometry = { type: 'LineString', coordinates: [[START, LAT], [-97, LAT]] };

// A city buffer at high confidence inside a whole state at low confidence, and a medium municipality further on.
const city = area('city-buffer', 'alpha', 'high', 'locality', box(-100, -99.5));
const wholeState = area('whole-state', 'alpha', 'low', 'state', box(-100.5, -98, 20, 30));
const municipality = area('municipality', 'beta', 'medium', 'municipality', box(-97.8, -97.4));
const layers = layerSet({
  territories: [city, wholeState, municipality],
  checkpoints: [checkpoint('exact', -100.2, 'high', 'exact'), checkpoint('town', -99, 'high', 'town'), checkpoint('inferred', -98.5, 'low', 'segment')],
});

describe('likely and possible km', () => {
  const r = computeExposure(layers, route, { asOf: 'all', explain: true });

  it('likely counts the high-confidence locality buffer only; possible counts the union of everything', () => {
    close(r.summary.likely.kmInTerritory, inside(-100, -99.5));
    close(r.summary.possible.kmInTerritory, inside(-100.5, -98) + inside(-97.8, -97.4));
    close(r.summary.kmInTerritory, r.summary.possible.kmInTerritory);
    expect(Math.abs(r.summary.likely.shareInTerritory - inside(-100, -99.5) / ROUTE_KM)).toBeLessThan(1e-5);
  });

  it('splits by confidence and by extent basis', () => {
    const b = r.summary.bands;
    close(b.byConfidence.high.km, inside(-100, -99.5));
    close(b.byConfidence.highMedium.km, inside(-100, -99.5) + inside(-97.8, -97.4));
    close(b.byConfidence.all.km, inside(-100.5, -98) + inside(-97.8, -97.4));
    close(b.byExtent.narrow.km, inside(-100, -99.5));
    close(b.byExtent.coarse.km, inside(-100.5, -98) + inside(-97.8, -97.4));
    close(b.byExtent.all.km, b.byConfidence.all.km);
  });

  it('gives each group its likely km beside its possible km', () => {
    const alpha = r.groups.find((g) => g.group === 'alpha')!;
    close(alpha.lengthKm, inside(-100.5, -98));
    close(alpha.likelyKm, inside(-100, -99.5));
    expect(r.groups.find((g) => g.group === 'beta')!.likelyKm).toBe(0);
  });

  it('splits checkpoints by locationPrecision; likely checkpoints are high-confidence and not inferred', () => {
    expect(r.summary.checkpointsByPrecision).toEqual({ exact: 1, highway: 0, town: 1, segment: 1 });
    expect(r.summary.likely.checkpointsPassed).toBe(2);
    expect(r.summary.possible.checkpointsPassed).toBe(3);
    expect(r.checkpoints.map((c) => c.locationPrecision)).toEqual(['exact', 'town', 'segment']);
  });

  it('every passage carries its confidence, sources, extent basis and observed dates', () => {
    expect(r.territories.map((t) => t.id)).toEqual(['whole-state', 'city-buffer', 'municipality']);
    for (const t of r.territories) {
      expect(t.sources).toEqual([`${t.id}-source-a`, `${t.id}-source-b`]);
      expect(t).toMatchObject({ observed: { from: '2023-01', to: '2023-06' }, ended: null, areaKm2: 1 });
    }
    expect(r.territories.find((t) => t.id === 'city-buffer')).toMatchObject({ confidence: 'high', extentBasis: 'locality', sourcesPlace: 'city' });
    expect(r.territories.find((t) => t.id === 'whole-state')).toMatchObject({ confidence: 'low', extentBasis: 'state', sourcesPlace: 'region' });
  });

  it('explain lists, per figure, the features that make it up with their km and share', () => {
    const e = r.explain!;
    const possibleKm = r.summary.possible.kmInTerritory;
    expect(e.kmInTerritory!.map((c) => c.id)).toEqual(['whole-state', 'city-buffer', 'municipality']);
    close(e.kmInTerritory![0]!.km, inside(-100.5, -98));
    expect(Math.abs(e.kmInTerritory![0]!.share - inside(-100.5, -98) / possibleKm)).toBeLessThan(1e-5);
    expect(e.kmInTerritory![0]).toMatchObject({ confidence: 'low', extentBasis: 'state', name: 'name of whole-state' });
    expect(e.likely!.map((c) => [c.id, c.share])).toEqual([['city-buffer', 1]]);
    expect(e['bands.byExtent.coarse']!.map((c) => c.id)).toEqual(['whole-state', 'municipality']);
    expect(computeExposure(layers, route, { asOf: 'all' }).explain).toBeUndefined();
  });

  it('a state-actor area on top changes no criminal band, and gets its own', () => {
    const officials = area('officials', 'officials', 'medium', 'state', box(-101.5, -96.5, 20, 30), 'state');
    const withState = computeExposure(layerSet({ territories: [city, wholeState, municipality, officials] }), route, { asOf: 'all' });
    expect(withState.summary.bands).toEqual(r.summary.bands);
    expect(withState.summary.likely.kmInTerritory).toBe(r.summary.likely.kmInTerritory);
    close(withState.summary.stateActors.possible.km, ROUTE_KM);
    expect(withState.summary.stateActors.likely.km).toBe(0);
  });
});
