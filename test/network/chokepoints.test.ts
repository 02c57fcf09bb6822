import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { LAYERS, type LayerId } from '../../src/layers/catalog.js';
import { LayerSet } from '../../src/layers/layer-set.js';
import type { GFeature } from '../../src/layers/validate.js';
import { networkOf } from '../../src/network/build.js';
import { chokepoints } from '../../src/network/chokepoints.js';
import { asLayers } from '../support/fixture-layers.js';

// Two origins west, two destinations east. Every path crosses the bridge (0.5,0)-(1,0), where a checkpoint
// sits; between the bridge and d2 there is a northern bypass (a square) around a second checkpoint. By hand:
// the bridge checkpoint is on 4/4 shortest paths with no alternative; the d2 post on 2/4 (the pairs to d2), with
// an alternative whose extra km is the square's detour.

const f = (id: string, geometry: Geometry, properties: Record<string, unknown> = {}): GFeature => ({ type: 'Feature', id, properties: { id, ...properties }, geometry }) as GFeature;
const pt = (c: Position): Geometry => ({ type: 'Point', coordinates: c });
const road = (id: string, coordinates: Position[], ref: string | null = null) => f(id, { type: 'LineString', coordinates }, { type: 'Secondary Highway', ref, toll: null, country: 'MEX' });
const cp = (id: string, c: Position) => f(id, pt(c), { agency: 'inm', confidence: 'high', name: id, kind: 'fixed', sources: ['x'] });

function world(): LayerSet {
  const layers = new Map<LayerId, GFeature[]>(LAYERS.map((d) => [d.id, []]));
  layers.set('roads', [
    road('o1', [[0, 0.3], [0.5, 0]]),
    road('o2', [[0, -0.3], [0.5, 0]]),
    road('bridge', [[0.5, 0], [1, 0]], 'MEX 1'),
    road('d1', [[1, 0], [1.5, 0.3]]),
    road('d2', [[1, 0], [1.5, -0.3]]),
    road('bypass', [[1, 0], [1, -0.6], [1.5, -0.6], [1.5, -0.3]]),
  ]);
  layers.set('places', [
    f('a', pt([0, 0.3]), { name: 'A' }), f('b', pt([0, -0.3]), { name: 'B' }), f('c', pt([1.5, 0.3]), { name: 'C' }), f('d', pt([1.5, -0.3]), { name: 'D' }),
  ]);
  layers.set('checkpoints', [cp('on-bridge', [0.75, 0.001]), cp('before-d', [1.25, -0.15])]);
  return new LayerSet(asLayers(layers), [], 'test');
}

describe('chokepoints on a hand-built network', () => {
  it('ranks the bridge post first (every path, no way round) and the post before D second (half, with a bypass)', async () => {
    const layers = world();
    const r = await chokepoints(networkOf(layers), layers, { asOf: 'all', origins: ['a', 'b'], destinations: ['c', 'd'], weights: undefined });
    expect(r.routablePairs).toBe(4);
    expect(r.checkpoints.map((c) => [c.id, c.share, c.alternative.pairs])).toEqual([
      ['on-bridge', 1, 0],
      ['before-d', 0.5, 2],
    ]);
    // the bypass replaces the direct d2 road (0.5,0.3 diagonal) by the square's three sides
    const rad = Math.PI / 180;
    const hav = (p: Position, q: Position) => 2 * 6371.0088 * Math.asin(Math.sqrt(Math.sin(((q[1]! - p[1]!) * rad) / 2) ** 2 + Math.cos(p[1]! * rad) * Math.cos(q[1]! * rad) * Math.sin(((q[0]! - p[0]!) * rad) / 2) ** 2));
    const extra = hav([1, 0], [1, -0.6]) + hav([1, -0.6], [1.5, -0.6]) + hav([1.5, -0.6], [1.5, -0.3]) - hav([1, 0], [1.5, -0.3]);
    expect(r.checkpoints[1]!.alternative.meanExtraKm).toBeCloseTo(extra, 2);
    expect(r.highways[0]).toMatchObject({ id: 'MEX-1: a - c', share: 1 }); // named by the places nearest its ends
  });
});
