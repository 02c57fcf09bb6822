import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RouteCollection, RouteInput } from '../../src/exposure/route-input.js';
import { scanFeature, scanRoute } from '../../src/exposure/route-scan.js';

// The one-pass scan must accept exactly what the zod schemas accept, and give the same stripped value: zod is
// the reference, the scan is the fast path that skips it.
const num = fc.oneof(fc.double({ min: -200, max: 200, noNaN: true }), fc.integer({ min: -200, max: 200 }), fc.constantFrom(-180, 180, -90, 90, 180.0001, -90.5));
const junk = fc.oneof(fc.constant(null), fc.boolean(), fc.string({ maxLength: 3 }), fc.constant([]), fc.constant({}));
const position = fc.oneof({ weight: 8, arbitrary: fc.tuple(num, num) }, { weight: 1, arbitrary: fc.tuple(num, num, num) }, { weight: 1, arbitrary: fc.array(fc.oneof(num, junk), { maxLength: 3 }) });
const lineCoords = fc.oneof({ weight: 6, arbitrary: fc.array(position, { minLength: 0, maxLength: 5 }) }, { weight: 1, arbitrary: junk });
const geometry = fc.oneof(
  fc.record({ type: fc.constant('LineString'), coordinates: lineCoords }),
  fc.record({ type: fc.constant('MultiLineString'), coordinates: fc.oneof(fc.array(lineCoords, { maxLength: 3 }), junk) }),
  fc.record({ type: fc.constantFrom('Point', 'Polygon', 'linestring'), coordinates: lineCoords }),
  junk,
);
const feature = fc.record(
  {
    type: fc.constantFrom('Feature', 'Feature', 'feature'),
    id: fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), junk),
    properties: fc.oneof(fc.constant(null), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }), junk),
    geometry,
    extra: fc.integer(),
  },
  { requiredKeys: ['type'] },
);

describe('route scan agrees with the zod schemas', () => {
  it('single routes: accepted by one iff by the other, with the same value', () => {
    fc.assert(
      fc.property(fc.oneof(geometry, feature), (input) => {
        const z = RouteInput.safeParse(input);
        const s = scanRoute(input);
        expect(s !== undefined).toBe(z.success);
        if (s && z.success) expect(s).toEqual(z.data);
      }),
      { numRuns: 1500, seed: 20261201 },
    );
  });

  it('batch features: the same', () => {
    const schema = RouteCollection.shape.features.element;
    fc.assert(
      fc.property(feature, (input) => {
        const z = schema.safeParse(input);
        const s = scanFeature(input);
        expect(s !== undefined).toBe(z.success);
        if (s && z.success) expect(s).toEqual(z.data);
      }),
      { numRuns: 1500, seed: 7 },
    );
  });
});
