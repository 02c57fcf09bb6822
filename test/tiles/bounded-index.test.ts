import GeoJSONVT from 'geojson-vt';
import { describe, expect, it } from 'vitest';
import { shippedLayers } from '../support/shipped-layers.js';
import { BoundedIndex } from '../../src/tiles/bounded-index.js';
import { prng } from '../../bench/prng.js';

// The reference is geojson-vt itself, unbounded: the bounded index must answer every tile exactly as it does,
// however often it has dropped what it drilled.
describe('BoundedIndex', () => {
  it('answers the same tiles as an unbounded geojson-vt index while it keeps at most maxDrilled tiles', async () => {
    const layers = await shippedLayers();
    const features = [...layers.layer('territories').features, ...layers.layer('routes').features].map((f, i) => ({ type: 'Feature', id: i, properties: {}, geometry: f.geometry }));
    const options = { maxZoom: 12, indexMaxZoom: 5, tolerance: 3, extent: 4096, buffer: 64 };
    const make = () => new GeoJSONVT({ type: 'FeatureCollection', features } as never, options);
    const reference = make();
    const bounded = new BoundedIndex(make(), 16);
    const rand = prng(11);
    let nonEmpty = 0;
    for (let k = 0; k < 400; k++) {
      const z = 6 + Math.floor(rand() * 7);
      // around Mexico: lon -118..-86, lat 14..33
      const lon = -118 + rand() * 32;
      const lat = 14 + rand() * 19;
      const n = 2 ** z;
      const x = Math.floor(((lon + 180) / 360) * n);
      const r = (lat * Math.PI) / 180;
      const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
      const want = reference.getTile(z, x, y);
      expect(bounded.getTile(z, x, y)).toEqual(want);
      if (want?.features.length) nonEmpty++;
      expect(bounded.drilled).toBeLessThanOrEqual(16);
    }
    expect(nonEmpty).toBeGreaterThan(50);
    // the reference kept everything it drilled: the bound is what differs
    expect(reference.tileCoords.length).toBeGreaterThan(bounded.drilled + 400);
  });
});
