import fc from 'fast-check';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { distance } from '@turf/distance';
import { RouteLine } from '../../src/exposure/route-line.js';

// The route's block index must find exactly the segments a scan of every segment finds, in travel order,
// whatever the route's length (one block, several, several groups) and shape (MultiLineString parts).
const coord = fc.tuple(fc.double({ min: -20, max: 20, noNaN: true }), fc.double({ min: -20, max: 20, noNaN: true }));
const line = fc.array(coord, { minLength: 2, maxLength: 600 });
const box = fc.tuple(coord, fc.double({ min: 0, max: 15, noNaN: true }), fc.double({ min: 0, max: 15, noNaN: true }));

function bruteForce(parts: Position[][], [minX, minY, maxX, maxY]: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  for (const part of parts) {
    for (let k = 0; k + 1 < part.length; k++, i++) {
      const [a, b] = [part[k]!, part[k + 1]!];
      if (Math.min(a[0]!, b[0]!) <= maxX! && Math.max(a[0]!, b[0]!) >= minX! && Math.min(a[1]!, b[1]!) <= maxY! && Math.max(a[1]!, b[1]!) >= minY!) out.push(i);
    }
  }
  return out;
}

describe('RouteLine segment index', () => {
  it('finds the same segments as a scan of all of them, in travel order', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 3 }), fc.array(box, { minLength: 1, maxLength: 5 }), (parts, boxes) => {
        const route = new RouteLine(parts.length === 1 ? { type: 'LineString', coordinates: parts[0]! } : { type: 'MultiLineString', coordinates: parts });
        const all = parts.flat();
        expect(route.bbox).toEqual([Math.min(...all.map((p) => p[0]!)), Math.min(...all.map((p) => p[1]!)), Math.max(...all.map((p) => p[0]!)), Math.max(...all.map((p) => p[1]!))]);
        for (const [[x, y], w, h] of boxes) {
          const q = [x, y, x + w, y + h];
          expect(route.segmentIndicesIn(q[0]!, q[1]!, q[2]!, q[3]!)).toEqual(bruteForce(parts, q));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('holds each segment with its part, its ends and its km along the route, as Turf measures them', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 3 }), (parts) => {
        const route = new RouteLine(parts.length === 1 ? { type: 'LineString', coordinates: parts[0]! } : { type: 'MultiLineString', coordinates: parts });
        let i = 0;
        let along = 0;
        parts.forEach((part, p) => {
          for (let k = 0; k + 1 < part.length; k++, i++) {
            const km = distance(part[k]!, part[k + 1]!, { units: 'kilometers' });
            expect([route.a[i], route.b[i], route.part[i]]).toEqual([part[k], part[k + 1], p]);
            expect(route.lengthKmOf[i]).toBeCloseTo(km, 9);
            expect(route.startKm[i]).toBeCloseTo(along, 6);
            // km at a parameter: the geodesic distance from the segment's start to the point there
            const mid = [part[k]![0]! + (part[k + 1]![0]! - part[k]![0]!) / 2, part[k]![1]! + (part[k + 1]![1]! - part[k]![1]!) / 2];
            expect(route.kmAt(i, 0.5)).toBeCloseTo(along + distance(part[k]!, mid, { units: 'kilometers' }), 6);
            expect(route.kmAt(i, 1)).toBeCloseTo(along + km, 6);
            along += km;
          }
        });
        expect(route.count).toBe(i);
        expect(route.lengthKm).toBeCloseTo(along, 6);
      }),
      { numRuns: 100 },
    );
  });
});
