import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROUTE_COST_IN_VERTICES, shardBounds } from '../../src/server/exposure-requests.js';

// A batch is cut into one run of routes per worker thread; the batch takes as long as its slowest shard, so the
// runs must cover every route once, in order, none empty, and each cost (vertices plus a route's fixed part) at
// most a fair share plus one route.

describe('shardBounds', () => {
  it('covers every route in order, no shard empty, each within a fair share plus one route', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 2, max: 5000 }), { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 8 }), (vertices, threads) => {
        const n = Math.min(threads, vertices.length);
        const bounds = shardBounds(vertices, n);
        expect(bounds).toHaveLength(n + 1);
        expect(bounds[0]).toBe(0);
        expect(bounds[n]).toBe(vertices.length);
        const cost = vertices.map((v) => v + ROUTE_COST_IN_VERTICES);
        const total = cost.reduce((a, b) => a + b, 0);
        const most = Math.max(...cost);
        for (let k = 0; k < n; k++) {
          expect(bounds[k + 1]!).toBeGreaterThan(bounds[k]!);
          const shard = cost.slice(bounds[k], bounds[k + 1]).reduce((a, b) => a + b, 0);
          expect(shard).toBeLessThanOrEqual(total / n + most);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('splits by cost, not by count (hand-checked)', () => {
    // one long route then nine short ones: the long one has a shard of its own
    expect(shardBounds([968, 8, 8, 8, 8, 8, 8, 8, 8, 8], 2)).toEqual([0, 1, 10]);
    expect(shardBounds([10, 10, 10, 10], 2)).toEqual([0, 2, 4]);
    expect(shardBounds([10, 10, 10], 1)).toEqual([0, 3]);
  });
});
