import { length, lineString, distance } from '@turf/turf';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildNetwork, type PlaceInput, type RoadInput } from '../../src/network/build.js';
import { distanceCosts, routeThrough } from '../../src/network/route.js';

// Hand-built networks whose answers are known without the code; lengths are checked against turf's own
// geodesic sums of the expected paths.

const road = (id: string, coordinates: Position[], ref: string | null = null): RoadInput => ({ id, coordinates, ref, type: 'Secondary Highway', toll: false });
const place = (id: string, coordinates: Position): PlaceInput => ({ id, name: id, coordinates });
const km = (coords: Position[]) => length(lineString(coords), { units: 'kilometers' });
const noTown = { townRadiusKm: 0 };

describe('noding', () => {
  it('splits two crossing lines that share no vertex into four edges meeting at one node', () => {
    const net = buildNetwork([road('a', [[-1, 0], [1, 0]]), road('b', [[0, -1], [0, 1]])], [], noTown);
    expect(net.report.nodes).toBe(5);
    expect(net.report.roadEdges).toBe(4);
    expect(net.report.components.count).toBe(1);
    const centre = net.graph.nodes.findIndex((p) => Math.abs(p[0]!) < 1e-12 && Math.abs(p[1]!) < 1e-12);
    expect(centre).toBeGreaterThanOrEqual(0);
    expect(net.graph.degree(centre)).toBe(4);
  });

  it('routes across a crossing: west end to north end turns at the crossing', () => {
    const net = buildNetwork([road('a', [[-1, 0], [1, 0]]), road('b', [[0, -1], [0, 1]])], [place('w', [-1, 0]), place('n', [0, 1])], noTown);
    const { path } = routeThrough(net, [{ place: 'w' }, { place: 'n' }], distanceCosts(net));
    expect(path!.lengthKm).toBeCloseTo(km([[-1, 0], [0, 0], [0, 1]]), 6);
    expect(path!.coordinates).toEqual([[-1, 0], [0, 0], [0, 1]]);
  });

  it('nodes a 3 x 3 grid of unnoded lines into 9 nodes and 12 edges; corner to corner takes the shorter (northern) row', () => {
    const lines = [0, 0.1, 0.2].flatMap((v, i) => [road(`h${i}`, [[0, 10 + v], [0.2, 10 + v]]), road(`v${i}`, [[v, 10], [v, 10.2]])]);
    const net = buildNetwork(lines, [place('sw', [0, 10]), place('ne', [0.2, 10.2])], noTown);
    expect(net.report.nodes).toBe(9 + 0); // places sit on grid corners: no new nodes
    expect(net.report.roadEdges).toBe(12);
    const { path } = routeThrough(net, [{ place: 'sw' }, { place: 'ne' }], distanceCosts(net));
    // a degree of longitude is shorter further north, so the cheapest monotone path runs north first
    expect(path!.lengthKm).toBeCloseTo(km([[0, 10], [0, 10.2], [0.2, 10.2]]), 6);
    expect(path!.lengthKm).toBeLessThan(km([[0, 10], [0.2, 10], [0.2, 10.2]]));
  });

  it('joins a line end that stops short of another line within the tolerance, and not beyond it', () => {
    // the stem stops 0.5 km (0.0045 deg) below the bar; another stem stops 2.2 km below
    const bar = road('bar', [[0, 0], [1, 0]]);
    const near = road('near', [[0.3, -0.5], [0.3, -0.0045]]);
    const far = road('far', [[0.7, -0.5], [0.7, -0.02]]);
    const net = buildNetwork([bar, near, far], [], { ...noTown, joinToleranceKm: 1 });
    expect(net.report.joins).toBe(1);
    expect(net.report.components.count).toBe(2);
    expect(net.report.components.sizes).toEqual([4, 2]);
  });

  it('reports a disconnected piece as its own component, and a leg between the pieces as unroutable', () => {
    const net = buildNetwork([road('a', [[0, 0], [0.5, 0]]), road('b', [[3, 3], [3.5, 3]])], [place('p', [0, 0]), place('q', [3.5, 3])], noTown);
    expect(net.report.components.count).toBe(2);
    expect(net.report.components.places).toEqual([['p'], ['q']]);
    const { path, legs } = routeThrough(net, [{ place: 'p' }, { place: 'q' }], distanceCosts(net));
    expect(path).toBeUndefined();
    expect(legs).toEqual([undefined]);
  });
});

describe('connectors', () => {
  it('connects a place 10 km off the road with a marked connector, and refuses one 20 km off', () => {
    const dLat10 = 10 / 111.195; // 10 km of latitude
    const net = buildNetwork([road('r', [[0, 0], [1, 0]], 'MEX 1')], [place('near', [0.5, dLat10]), place('far', [0.5, 2 * dLat10])], { townRadiusKm: 0, connectorMaxKm: 15 });
    expect(net.report.connectors).toBe(1);
    const c = net.graph.edges.find((e) => e.kind === 'connector')!;
    expect(c.place).toBe('near');
    expect(c.ref).toBeNull();
    expect(c.lengthKm).toBeCloseTo(distance([0.5, dLat10], [0.5, 0], { units: 'kilometers' }), 3);
    expect(net.report.orphans).toEqual([{ place: 'far', nearestRoadKm: expect.closeTo(20, 0) }]);
    expect(() => routeThrough(net, [{ place: 'far' }, { place: 'near' }], distanceCosts(net))).toThrow(/not on the road network/);
  });

  it('a place also joins every line end within the town radius (lines stop at city edges)', () => {
    // two roads stop 5 km west and 5 km east of a town, leaving a 10 km gap through it
    const d5 = 5 / 111.195;
    const net = buildNetwork([road('w', [[-1, 0], [-d5, 0]], 'MEX 2'), road('e', [[d5, 0], [1, 0]], 'MEX 2')], [place('town', [0, 0]), place('a', [-1, 0]), place('b', [1, 0])], { townRadiusKm: 6 });
    expect(net.report.components.count).toBe(1);
    const { path } = routeThrough(net, [{ place: 'a' }, { place: 'b' }], distanceCosts(net));
    expect(path!.lengthKm).toBeCloseTo(km([[-1, 0], [1, 0]]), 6);
    expect(path!.connectorKm).toBeCloseTo(10, 1);
    expect(path!.highways).toEqual(['MEX-2']);
  });

  it('keeps ref, type and toll on every noded piece', () => {
    const net = buildNetwork([{ id: 'r', coordinates: [[0, -1], [0, 1]], ref: 'MEX 57D', type: 'Major Highway', toll: true }, road('x', [[-1, 0], [1, 0]])], [], noTown);
    const pieces = net.graph.edges.filter((e) => e.road === 'r');
    expect(pieces).toHaveLength(2);
    for (const e of pieces) expect([e.ref, e.type, e.toll]).toEqual(['MEX 57D', 'Major Highway', true]);
  });
});

describe('free positions', () => {
  it('snaps lon,lat stops onto the nearest edge and routes along it', () => {
    const net = buildNetwork([road('r', [[0, 0], [1, 0], [1, 1]])], [], noTown);
    const { path } = routeThrough(net, [{ point: [0.25, 0.01] }, { point: [1.01, 0.5] }], distanceCosts(net));
    const expected = km([[0.25, 0.01], [0.25, 0], [1, 0], [1, 0.5], [1.01, 0.5]]);
    expect(path!.lengthKm).toBeCloseTo(expected, 2);
  });
});
