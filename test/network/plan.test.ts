import { length, lineString } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { computeExposure } from '../../src/exposure/exposure.js';
import { LAYERS, type LayerId } from '../../src/layers/catalog.js';
import { LayerSet } from '../../src/layers/layer-set.js';
import type { GFeature } from '../../src/layers/validate.js';
import { networkOf } from '../../src/network/build.js';
import { CostWeights } from '../../src/network/costs.js';
import { planRoute } from '../../src/network/plan.js';
import { asLayers } from '../support/fixture-layers.js';

// A detour around a polygon on a hand-built network: the direct road A-B crosses a dominant territory; a
// ring road goes around it. Which one each objective takes follows from the cost model by hand.

const f = (id: string, geometry: Geometry, properties: Record<string, unknown> = {}): GFeature => ({ type: 'Feature', id, properties: { id, ...properties }, geometry }) as GFeature;
const km = (c: Position[]) => length(lineString(c), { units: 'kilometers' });

function world(territoryBox: [number, number, number, number], checkpoints: GFeature[] = []): LayerSet {
  const [w, s, e, n] = territoryBox;
  const layers = new Map<LayerId, GFeature[]>(LAYERS.map((d) => [d.id, []]));
  const road = (id: string, coordinates: Position[]) => f(id, { type: 'LineString', coordinates }, { type: 'Secondary Highway', ref: null, toll: null, country: 'MEX' });
  layers.set('roads', [road('direct', [[0, 0], [1, 0]]), road('ring', [[0, 0], [0, 0.5], [1, 0.5], [1, 0]])]);
  layers.set('places', [f('a', { type: 'Point', coordinates: [0, 0] }, { name: 'A' }), f('b', { type: 'Point', coordinates: [1, 0] }, { name: 'B' })]);
  layers.set('territories', [
    f('t', { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] }, { group: 'g', groupName: 'G', presence: 'dominant', confidence: 'high' }),
  ]);
  layers.set('checkpoints', checkpoints);
  return new LayerSet(asLayers(layers), [], 'test');
}

const plan = (layers: LayerSet, extra: { avoid?: { kind: 'group' | 'agency' | 'territory' | 'checkpoint'; value: string }[]; weights?: unknown } = {}) =>
  planRoute(networkOf(layers), layers, { stops: [{ place: 'a' }, { place: 'b' }], asOf: 'all', weights: CostWeights.parse(extra.weights ?? {}), avoid: extra.avoid ?? [] }, (g) => computeExposure(layers, g, { asOf: 'all' }));

const direct = km([[0, 0], [1, 0]]);
const ring = km([[0, 0], [0, 0.5], [1, 0.5], [1, 0]]);

describe('least-exposure routing around a territory', () => {
  it('takes the ring when 80% of the direct road lies in a dominant territory (111 + 2 x 89 km > 222 km)', () => {
    const p = plan(world([0.1, -0.1, 0.9, 0.1]));
    expect(p.shortest.lengthKm).toBeCloseTo(direct, 2);
    expect(p.leastExposure.lengthKm).toBeCloseTo(ring, 2);
    expect(p.extraKm).toBeCloseTo(ring - direct, 2);
    // the exposure engine measures the territory km on each path independently of the cost model
    expect(p.shortest.exposure.summary.kmInTerritory).toBeCloseTo(km([[0.1, 0], [0.9, 0]]), 1);
    expect(p.leastExposure.exposure.summary.kmInTerritory).toBe(0);
    expect(p.avoids.groups).toEqual([{ group: 'g', kmAvoided: expect.closeTo(km([[0.1, 0], [0.9, 0]]), 1) }]);
    expect(p.sameRoute).toBe(false);
  });

  it('stays on the direct road when only 40% is inside (111 + 2 x 44.5 km < 222 km)', () => {
    const p = plan(world([0.3, -0.1, 0.7, 0.1]));
    expect(p.leastExposure.lengthKm).toBeCloseTo(direct, 2);
    expect(p.sameRoute).toBe(true);
  });

  it('avoid=group:g forbids the territory for both objectives, whatever the weights', () => {
    const p = plan(world([0.3, -0.1, 0.7, 0.1]), { avoid: [{ kind: 'group', value: 'g' }] });
    expect(p.shortest.lengthKm).toBeCloseTo(ring, 2);
    expect(p.leastExposure.lengthKm).toBeCloseTo(ring, 2);
  });

  it('a checkpoint weight of 150 km on the direct road sends the least-exposure path around it', () => {
    const cp = f('cp', { type: 'Point', coordinates: [0.5, 0.01] }, { agency: 'inm', confidence: 'high', name: 'cp', kind: 'fixed', sources: ['x'] });
    const layers = world([5, 5, 5.1, 5.1], [cp]); // the territory is far away
    expect(plan(layers).leastExposure.lengthKm).toBeCloseTo(direct, 2); // inm weighs 80 < 111 km of detour
    const p = plan(layers, { weights: { agency: { inm: 150 } } });
    expect(p.leastExposure.lengthKm).toBeCloseTo(ring, 2);
    expect(p.avoids.checkpoints).toEqual(['cp']);
  });
});
