import fc from 'fast-check';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { PolygonEdges } from '../../src/exposure/polygon-edges.js';
import { ENGINE_PRIMITIVES, HAND_PRIMITIVES, TURF_PRIMITIVES } from '../../src/exposure/primitives.js';

// The engine's hand-written primitives against Turf's answers on random fixtures in the routes' region (Mexico):
// where the engine keeps its own form (crossings) or could fall back to one, the two must agree.

const lon = fc.double({ min: -117, max: -87, noNaN: true });
const lat = fc.double({ min: 14, max: 33, noNaN: true });
const position = fc.tuple(lon, lat);
/** A segment up to ~0.5 degree long (the engine's segments are road vertices a few km apart). */
const segment = fc.tuple(position, fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.double({ min: -0.5, max: 0.5, noNaN: true })).map(([a, dx, dy]) => [a, [a[0] + dx, a[1] + dy]] as [Position, Position]);
/** A star-shaped (so simple) polygon: 3-24 vertices at increasing angles around a centre, radii 0.05-1 degree. */
const polygon = fc
  .tuple(position, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true })), { minLength: 3, maxLength: 24 }))
  .map(([c, spokes]): Polygon => {
    const n = spokes.length;
    const ring = spokes.map(([jitter, r], i) => {
      const angle = ((i + 0.1 + 0.8 * jitter) / n) * 2 * Math.PI;
      return [c[0] + r * Math.cos(angle), c[1] + r * Math.sin(angle)];
    });
    return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
  });

describe('exposure primitives agree with Turf', () => {
  it('distance: the haversine of geodesy.ts is turf.distance', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        const turf = TURF_PRIMITIVES.distanceKm(a, b);
        expect(Math.abs(HAND_PRIMITIVES.distanceKm(a, b) - turf)).toBeLessThanOrEqual(1e-9 * Math.max(1, turf));
      }),
      { numRuns: 500 },
    );
  });

  it('nearest point on a segment: distance off and along agree with nearestPointOnLine within 0.3% of the segment length', () => {
    fc.assert(
      fc.property(position, segment, (p, [a, b]) => {
        // near the segment, where the engine asks (the candidates of a checkpoint's buffer)
        const q: Position = [(a[0]! + b[0]!) / 2 + (p[0] + 102) / 300, (a[1]! + b[1]!) / 2 + (p[1] - 23.5) / 300];
        const hand = HAND_PRIMITIVES.nearestOnSegment(q, a, b);
        const turf = TURF_PRIMITIVES.nearestOnSegment(q, a, b);
        // The hand form projects in a plane at q, Turf on the sphere: they part by a fraction of the segment's length.
        const tolerance = 0.003 * TURF_PRIMITIVES.distanceKm(a, b) + 0.001;
        expect(Math.abs(hand.distanceKm - turf.distanceKm)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(hand.alongKm - turf.alongKm)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 300 },
    );
  });

  it('point in polygon: the edge R-tree answers as booleanPointInPolygon', () => {
    fc.assert(
      fc.property(polygon, fc.double({ min: -1.2, max: 1.2, noNaN: true }), fc.double({ min: -1.2, max: 1.2, noNaN: true }), (poly, dx, dy) => {
        const c = poly.coordinates[0]!;
        const centre = c.slice(0, -1).reduce((s, v) => [s[0]! + v[0]! / (c.length - 1), s[1]! + v[1]! / (c.length - 1)], [0, 0]);
        const p: Position = [centre[0]! + dx, centre[1]! + dy];
        const edges = new PolygonEdges(poly);
        expect(HAND_PRIMITIVES.contains(poly, edges, p)).toBe(TURF_PRIMITIVES.contains(poly, edges, p));
      }),
      { numRuns: 500 },
    );
  });

  it("crossings: the engine's (hand-written, 157x faster on the batch) are lineIntersect's, as segment parameters", () => {
    fc.assert(
      fc.property(polygon, segment, (poly, [a0, b0]) => {
        // move the segment over the polygon so that it crosses it often
        const c = poly.coordinates[0]![0]!;
        const a: Position = [c[0]! + (a0[0]! + 102) / 20, c[1]! + (a0[1]! - 23.5) / 20];
        const b: Position = [a[0]! + b0[0]! - a0[0]!, a[1]! + b0[1]! - a0[1]!];
        const edges = new PolygonEdges(poly);
        const engine = ENGINE_PRIMITIVES.crossings(poly, edges, a, b).sort((x, y) => x - y);
        const turf = TURF_PRIMITIVES.crossings(poly, edges, a, b).sort((x, y) => x - y);
        // Turf reports a crossing at a shared vertex once, the engine once per edge meeting there: compare the set.
        const distinct = (ts: number[]) => ts.filter((t, i) => i === 0 || t - ts[i - 1]! > 1e-9);
        expect(distinct(engine).length).toBe(distinct(turf).length);
        distinct(engine).forEach((t, i) => expect(t).toBeCloseTo(distinct(turf)[i]!, 9));
      }),
      { numRuns: 500 },
    );
  });
});
