import { lineString, pointToLineDistance } from '@turf/turf';
import type { LineString, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeExposure } from '../../src/exposure/exposure.js';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { shippedLayers } from '../support/shipped-layers.js';
import { checkCheckpointPositions } from '../../src/network/checkpoint-positions.js';

let layers: LayerSet;
beforeAll(async () => {
  layers = await shippedLayers();
});

/** Distance from a point to the nearest Natural Earth line carrying `highway` (turf, independent of src/network). */
function kmToHighway(p: number[], highway: string): number {
  const want = highway.replace(/[\s-]+/g, ' ');
  let best = Infinity;
  for (const r of layers.layer('roads').features) {
    if (r.properties.ref !== want) continue;
    best = Math.min(best, pointToLineDistance(p, lineString((r.geometry as LineString).coordinates), { units: 'kilometers' }));
  }
  return best;
}

describe('checkpoints on the road', () => {
  it('a checkpoint positioned by its highway lies on that highway\'s mapped line', () => {
    const onHighway = layers.layer('checkpoints').features.filter((c) => c.properties.locationPrecision === 'highway');
    expect(onHighway.length).toBeGreaterThan(5);
    for (const c of onHighway) expect(kmToHighway((c.geometry as Point).coordinates, String(c.properties.highway)), c.id).toBeLessThan(0.01);
  });

  it('inferred positions stay low confidence and say they are inferred', () => {
    for (const c of layers.layer('checkpoints').features.filter((x) => x.properties.locationPrecision === 'segment')) {
      expect(c.properties.confidence).toBe('low');
      if (c.properties.positionBasis) expect(c.properties.positionBasis).toMatch(/still an inference/);
    }
  });

  it('the committed positions are the derived ones', () => {
    expect(checkCheckpointPositions(layers)).toEqual([]);
  });

  it('offsetKm from a road route is now a measurement: the Allende army post sits on MEX 57, which the route follows', () => {
    const r = computeExposure(layers, layers.layer('routes').byId.get('central-piedras-negras')!.geometry as LineString, { asOf: '2022-06-01' });
    const army = r.checkpoints.find((c) => c.id === 'allende-army-km53')!;
    expect(army.offsetKm).toBeLessThan(0.5);
  });
});
