import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { PolygonEdges } from '../../src/exposure/polygon-edges.js';
import { INSIDE, NEAR, OUTSIDE } from '../../src/exposure/polygon-grid.js';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { shippedLayers } from '../support/shipped-layers.js';

// The polygon grid answers point-in-polygon without an edge away from the boundary (NEAR sends the point to the
// primitive): wherever it answers, the answer must be Turf's booleanPointInPolygon, on random polygons with holes
// and several parts, on the shipped territories, and for points on, near and far from the boundary.

const lon = fc.double({ min: -117, max: -87, noNaN: true });
const lat = fc.double({ min: 14, max: 33, noNaN: true });

/** A star-shaped ring of 3-40 vertices around c, radii r0-r1 degrees, counter-clockwise (or reversed). */
const ring = (c: Position, r0: number, r1: number) =>
  fc.tuple(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: r0, max: r1, noNaN: true })), { minLength: 3, maxLength: 40 }), fc.boolean()).map(([spokes, reverse]) => {
    const n = spokes.length;
    const pts = spokes.map(([jitter, r], i) => {
      const angle = ((i + 0.1 + 0.8 * jitter) / n) * 2 * Math.PI;
      return [c[0]! + r * Math.cos(angle), c[1]! + r * Math.sin(angle)];
    });
    if (reverse) pts.reverse();
    return [...pts, pts[0]!];
  });

/** A polygon with an optional hole (inside its inner radius), or a MultiPolygon of two such polygons apart. */
const polygonAt = (c: Position) =>
  fc.tuple(ring(c, 0.3, 1), fc.option(ring(c, 0.02, 0.25), { nil: undefined })).map(([outer, hole]) => (hole ? [outer, hole] : [outer]));
const geometry = fc.oneof(
  fc.tuple(lon, lat).chain((c) => polygonAt(c)).map((coordinates): Polygon => ({ type: 'Polygon', coordinates })),
  fc.tuple(lon, lat).chain((c) => fc.tuple(polygonAt(c), polygonAt([c[0] + 2.5, c[1] + 0.3]))).map(([a, b]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [a, b] })),
);

function vertices(g: Polygon | MultiPolygon): Position[] {
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);
}

/** Points that probe a polygon: anywhere in and around its bbox, at its vertices, on its edges, and a hair off them. */
function probes(g: Polygon | MultiPolygon, u: number[]): Position[] {
  const vs = vertices(g);
  const xs = vs.map((p) => p[0]!);
  const ys = vs.map((p) => p[1]!);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const out: Position[] = [];
  for (let k = 0; k + 3 < u.length; k += 4) {
    out.push([minX - 0.1 + (maxX - minX + 0.2) * u[k]!, minY - 0.1 + (maxY - minY + 0.2) * u[k + 1]!]);
    const i = Math.floor(u[k + 2]! * (vs.length - 1));
    const [a, b] = [vs[i]!, vs[i + 1]!];
    const t = u[k + 3]!;
    const onEdge: Position = [a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t];
    const hair = 10 ** -(3 + Math.floor(u[k]! * 10)); // 1e-3 .. 1e-12 degrees
    out.push(a, onEdge, [onEdge[0]! + hair, onEdge[1]!], [onEdge[0]!, onEdge[1]! - hair], [a[0]! - hair, a[1]! + hair]);
  }
  return out;
}

function expectTurfWhereKnown(g: Polygon | MultiPolygon, points: Position[]): number {
  const grid = new PolygonEdges(g).grid;
  let known = 0;
  for (const p of points) {
    const side = grid.side(p[0]!, p[1]!);
    if (side === NEAR) continue;
    known++;
    expect(side === INSIDE, `${JSON.stringify(p)} in ${JSON.stringify(g).slice(0, 200)}`).toBe(booleanPointInPolygon(p, g));
  }
  return known;
}

describe('polygon grid', () => {
  let layers: LayerSet;
  beforeAll(async () => {
    layers = await shippedLayers();
  });

  it('answers as booleanPointInPolygon wherever it answers (random polygons with holes and parts)', () => {
    fc.assert(
      fc.property(geometry, fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 80, maxLength: 80 }), (g, u) => {
        expectTurfWhereKnown(g, probes(g, u));
      }),
      { numRuns: 200 },
    );
  });

  it('answers as booleanPointInPolygon on every shipped territory, and answers most points itself', () => {
    const territories = layers.layer('territories').features;
    expect(territories.length).toBeGreaterThan(10);
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (const t of territories) {
      const u = Array.from({ length: 800 }, rand);
      const points = probes(t.geometry, u);
      const known = expectTurfWhereKnown(t.geometry, points);
      // a fifth of the probes are spread over the bbox; the grid must decide most of those without Turf
      expect(known, t.id).toBeGreaterThan(points.length / 6 / 2);
    }
  });

  it('knows a square with a square hole (hand-checked)', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [[-100, 20], [-98, 20], [-98, 22], [-100, 22], [-100, 20]],
        [[-99.5, 20.5], [-99.5, 21.5], [-98.5, 21.5], [-98.5, 20.5], [-99.5, 20.5]],
      ],
    };
    const grid = new PolygonEdges(square).grid;
    expect(grid.side(-99.75, 21)).toBe(INSIDE); // between the rings
    expect(grid.side(-99, 21)).toBe(OUTSIDE); // in the hole
    expect(grid.side(-101, 21)).toBe(OUTSIDE); // beyond the bbox
    expect(grid.side(-100, 21)).toBe(NEAR); // on the outer ring: the primitive decides (on the boundary counts)
    expect(grid.side(-99.5, 21)).toBe(NEAR); // on the hole's ring
    // a ring of one repeated point has no edge, yet Turf counts the point as boundary: the grid leaves it to Turf
    const withSpeck: MultiPolygon = { type: 'MultiPolygon', coordinates: [square.coordinates, [[[-97, 23], [-97, 23], [-97, 23], [-97, 23]]]] };
    expect(booleanPointInPolygon([-97, 23], withSpeck)).toBe(true);
    expect(new PolygonEdges(withSpeck).grid.side(-97, 23)).toBe(NEAR);
    expectTurfWhereKnown(withSpeck, [[-97, 23], [-97.5, 22.5], [-99.75, 21], [-99, 21], [-97, 23.0001]]);
  });
});
