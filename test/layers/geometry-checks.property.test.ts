import { kinks } from '@turf/kinks';
import { lineString } from '@turf/helpers';
import fc from 'fast-check';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { checkGeometry } from '../../src/layers/geometry-checks.js';

// The ring check asks Turf's kinks only about rings where a sweep over the segments' boxes finds two that meet: on
// any ring it must report what kinks alone reports (every pair of segments), fault for fault.

/** kinks on the whole ring, as the check reported before the sweep. */
function kinksFault(ring: Position[]): string[] {
  const crossings = kinks(lineString(ring)).features;
  if (crossings.length === 0) return [];
  const at = crossings[0]!.geometry.coordinates.map((c) => Number(c.toFixed(5)));
  return [`ring self-intersects at [${at.join(', ')}]${crossings.length > 1 ? ` and ${crossings.length - 1} more place(s)` : ''}`];
}
const ringFaults = (ring: Position[]) => checkGeometry({ type: 'Polygon', coordinates: [ring] }).map((f) => f.message);
const closed = (points: Position[]) => [...points, points[0]!];

/** Vertices on a coarse grid: shared vertices, collinear overlaps, T-junctions and crossings are common. */
const gridRing = fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { minLength: 3, maxLength: 14 }).map((ps) => closed(ps.map(([x, y]) => [-100 + x * 0.5, 20 + y * 0.5])));
/** Vertices anywhere in Mexico's box. */
const freeRing = fc.array(fc.tuple(fc.double({ min: -117, max: -87, noNaN: true }), fc.double({ min: 14, max: 33, noNaN: true })), { minLength: 3, maxLength: 30 }).map(closed);
/** Star-shaped rings (simple) of up to 400 vertices, some with a spike pushed across a neighbour. */
const starRing = fc
  .tuple(fc.array(fc.double({ min: 0.2, max: 1, noNaN: true }), { minLength: 3, maxLength: 400 }), fc.option(fc.nat()))
  .map(([radii, spike]) => {
    const n = radii.length;
    const ring: Position[] = radii.map((r, i) => [-100 + r * Math.cos((i / n) * 2 * Math.PI), 25 + r * Math.sin((i / n) * 2 * Math.PI)]);
    if (spike !== null) {
      const i = spike % n;
      const j = (i + 2) % n;
      ring[i] = [2 * ring[j]![0]! - (-100), 2 * ring[j]![1]! - 25]; // beyond vertex j, across the edges between
    }
    return closed(ring);
  });

describe('ring self-intersection', () => {
  it('reports what kinks reports on every pair of segments, on grid, free and star-shaped rings', () => {
    const seen = { faulty: 0, simple: 0 };
    for (const rings of [gridRing, freeRing, starRing]) {
      fc.assert(
        fc.property(rings, (ring) => {
          const expected = kinksFault(ring);
          expect(ringFaults(ring)).toEqual(expected);
          seen[expected.length ? 'faulty' : 'simple']++;
        }),
        { numRuns: 300 },
      );
    }
    // both answers were asked for, many times
    expect(seen.faulty).toBeGreaterThan(100);
    expect(seen.simple).toBeGreaterThan(100);
  });

  it('finds a crossing between far-apart segments of a long ring, and a touch at a vertex', () => {
    // a 2,000-vertex circle whose last quarter is pulled west across the third: segments hundreds apart cross
    const n = 2000;
    const circle: Position[] = Array.from({ length: n }, (_, i) => [-100 + Math.cos((i / n) * 2 * Math.PI), 25 + Math.sin((i / n) * 2 * Math.PI)]);
    const pulled = closed(circle.map(([x, y], i) => (i > (3 * n) / 4 ? [x! - 1.5, y!] : [x!, y!])));
    expect(kinksFault(pulled)).not.toEqual([]);
    expect(ringFaults(pulled)).toEqual(kinksFault(pulled));
    // a figure eight through one shared vertex (touching, not crossing): kinks counts it, so does the check
    const eight = closed([[0, 0], [1, 1], [2, 0], [2, 2], [1, 1], [0, 2]]);
    expect(ringFaults(eight)).toEqual(kinksFault(eight));
    expect(ringFaults(eight)).not.toEqual([]);
    expect(ringFaults(closed(circle))).toEqual([]);
  });
});
