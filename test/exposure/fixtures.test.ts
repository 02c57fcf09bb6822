import { describe, expect, it } from 'vitest';
import { computeExposure } from '../../src/exposure/exposure.js';
import type { RouteGeometry } from '../../src/exposure/route-input.js';
import type { LayerId } from '../../src/layers/catalog.js';
import { LayerSet } from '../../src/layers/layer-set.js';
import type { GFeature } from '../../src/layers/validate.js';
import { asLayers } from '../support/fixture-layers.js';

// Hand-built layers and closed-form expectations on the sphere of radius R (Turf's mean Earth radius).
const R = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;
/** Great-circle distance between two points on the same parallel, dlon degrees apart. */
const alongParallelKm = (lat: number, dlon: number) => 2 * R * Math.asin(Math.cos(rad(lat)) * Math.sin(rad(dlon) / 2));
/** Meridian arc between two latitudes. */
const meridianKm = (lat1: number, lat2: number) => R * rad(lat2 - lat1);
/** Longitude offset that puts a point `km` across-track from a meridian at latitude `lat`. */
const dlonForCrossTrack = (km: number, lat: number) => (Math.asin(Math.sin(km / R) / Math.cos(rad(lat))) * 180) / Math.PI;
const relErr = (a: number, b: number) => Math.abs(a / b - 1);

const box = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const territory = (id: string, group: string, geometry: any, extra: Record<string, unknown> = {}): GFeature => ({
  type: 'Feature',
  id,
  geometry,
  properties: { id, name: id, group, groupName: group.toUpperCase(), presence: 'dominant', sources: ['s'], confidence: 'high', notes: 'fixture', ...extra },
});
const checkpoint = (id: string, lon: number, lat: number, agency = 'inm'): GFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id, name: id, agency, kind: 'fixed', sources: ['s'], confidence: 'high', notes: 'fixture' },
});
const port = (id: string, lon: number, lat: number, mxSide: [number, number]): GFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id, name: `port ${id}`, mxPlace: null, mxSide: { position: mxSide, precision: 'town' }, roles: [], sources: ['s'], confidence: 'high', notes: 'fixture' },
});
function layerSet(layers: Partial<Record<LayerId, GFeature[]>>): LayerSet {
  return new LayerSet(asLayers(layers), [], 'fixture');
}
const line = (...coordinates: number[][]): RouteGeometry => ({ type: 'LineString', coordinates: coordinates as [number, number][] });

describe('territories crossed', () => {
  const square = territory('square', 'alpha', { type: 'Polygon', coordinates: [box(-100, 25, -99, 26)] });

  it('a straight line across a square: one passage, entry and exit on the sides, length of the chord', () => {
    const r = computeExposure(layerSet({ territories: [square] }), line([-101, 25.5], [-98, 25.5]), { asOf: 'all' });
    expect(r.territories).toHaveLength(1);
    const [p] = r.territories;
    expect(p!.entry).toEqual([-100, 25.5]);
    expect(p!.exit).toEqual([-99, 25.5]);
    expect(relErr(p!.lengthKm, alongParallelKm(25.5, 1))).toBeLessThan(0.001);
    expect(relErr(p!.entryKm, alongParallelKm(25.5, 1))).toBeLessThan(0.001);
    expect(relErr(r.route.lengthKm, alongParallelKm(25.5, 3))).toBeLessThan(0.001);
    expect(relErr(r.summary.shareInTerritory, 1 / 3)).toBeLessThan(0.001);
    // The fixture records no extentBasis, so it counts as coarse: possible, not likely.
    expect(r.groups).toEqual([{ group: 'alpha', groupName: 'ALPHA', lengthKm: p!.lengthKm, share: r.summary.shareInTerritory, likelyKm: 0, likelyShare: 0 }]);
  });

  it('a route that starts inside has entryKm 0', () => {
    const r = computeExposure(layerSet({ territories: [square] }), line([-99.5, 25.5], [-98, 25.5]), { asOf: 'all' });
    expect(r.territories[0]).toMatchObject({ entryKm: 0, entry: [-99.5, 25.5], exit: [-99, 25.5] });
    expect(relErr(r.territories[0]!.lengthKm, alongParallelKm(25.5, 0.5))).toBeLessThan(0.001);
  });

  it('a route that leaves and re-enters a C-shaped polygon: two passages of the same territory', () => {
    // box -100..-97 with a notch -99..-98 cut from the north down to lat 25.3
    const c = territory('c-shape', 'alpha', {
      type: 'Polygon',
      coordinates: [[[-100, 25], [-97, 25], [-97, 26], [-98, 26], [-98, 25.3], [-99, 25.3], [-99, 26], [-100, 26], [-100, 25]]],
    });
    const r = computeExposure(layerSet({ territories: [c] }), line([-101, 25.5], [-96, 25.5]), { asOf: 'all' });
    expect(r.territories.map((t) => [t.id, t.entry[0], t.exit[0]])).toEqual([
      ['c-shape', -100, -99],
      ['c-shape', -98, -97],
    ]);
    expect(r.summary.territoriesCrossed).toBe(1);
    expect(relErr(r.summary.kmInTerritory, 2 * alongParallelKm(25.5, 1))).toBeLessThan(0.001);
  });

  it('a MultiPolygon with a hole: the hole is outside, every part is crossed', () => {
    const holed = territory('holed', 'beta', {
      type: 'MultiPolygon',
      coordinates: [[box(-100, 25, -97, 26), box(-99, 25.2, -98, 25.8).reverse()], [box(-96, 25, -95, 26)]],
    });
    const r = computeExposure(layerSet({ territories: [holed] }), line([-101, 25.5], [-94, 25.5]), { asOf: 'all' });
    expect(r.territories.map((t) => [t.entry[0], t.exit[0]])).toEqual([
      [-100, -99],
      [-98, -97],
      [-96, -95],
    ]);
    expect(relErr(r.groups[0]!.lengthKm, 3 * alongParallelKm(25.5, 1))).toBeLessThan(0.001);
  });

  it('a route along the boundary counts as inside, as in PostGIS ST_Intersection', () => {
    const r = computeExposure(layerSet({ territories: [square] }), line([-101, 25], [-98, 25]), { asOf: 'all' });
    expect(r.territories).toHaveLength(1);
    expect(r.territories[0]).toMatchObject({ entry: [-100, 25], exit: [-99, 25] });
    expect(relErr(r.territories[0]!.lengthKm, alongParallelKm(25, 1))).toBeLessThan(0.001);
  });

  it('a route that touches a corner at a single point crosses nothing', () => {
    const r = computeExposure(layerSet({ territories: [square] }), line([-101, 27], [-100, 26], [-101, 25]), { asOf: 'all' });
    expect(r.territories).toEqual([]);
    expect(r.summary.kmInTerritory).toBe(0);
  });

  it('overlapping territories are each reported but a group is not counted twice', () => {
    const west = territory('west', 'alpha', { type: 'Polygon', coordinates: [box(-100, 25, -98.5, 26)] });
    const east = territory('east', 'alpha', { type: 'Polygon', coordinates: [box(-99, 25, -98, 26)] });
    const other = territory('other', 'gamma', { type: 'Polygon', coordinates: [box(-99, 25, -98, 26)] }, { presence: 'contested' });
    const r = computeExposure(layerSet({ territories: [west, east, other] }), line([-101, 25.5], [-97, 25.5]), { asOf: 'all' });
    expect(r.territories.map((t) => t.id)).toEqual(['west', 'east', 'other']);
    const alpha = r.groups.find((g) => g.group === 'alpha')!;
    expect(relErr(alpha.lengthKm, alongParallelKm(25.5, 2))).toBeLessThan(0.001);
    expect(relErr(r.summary.kmInTerritory, alongParallelKm(25.5, 2))).toBeLessThan(0.001);
    expect(r.summary.groupsCrossed).toBe(2);
  });

  it('ignores territories that do not hold on asOf: ended by a source before it', () => {
    const old = territory('old', 'alpha', { type: 'Polygon', coordinates: [box(-100, 25, -99, 26)] }, { observed: { from: '2019', to: '2020-03' }, ended: { date: '2020-06', source: 's' } });
    const set = layerSet({ territories: [old] });
    expect(computeExposure(set, line([-101, 25.5], [-98, 25.5]), { asOf: '2020-06-30' }).territories).toHaveLength(1);
    expect(computeExposure(set, line([-101, 25.5], [-98, 25.5]), { asOf: '2020-07-01' }).territories).toHaveLength(0);
  });
});

describe('checkpoints passed', () => {
  const lat = 26;
  const near = checkpoint('near', -100 + dlonForCrossTrack(4.9, lat), lat, 'army');
  const far = checkpoint('far', -100 - dlonForCrossTrack(5.1, lat), lat);
  const early = checkpoint('early', -100 + dlonForCrossTrack(1, 25.2), 25.2, 'inm');

  it('counts a checkpoint 4.9 km off a 5 km buffer and not one 5.1 km off, ordered along the route', () => {
    const r = computeExposure(layerSet({ checkpoints: [near, far, early] }), line([-100, 25], [-100, 27]), { asOf: 'all', bufferKm: 5 });
    expect(r.checkpoints.map((c) => c.id)).toEqual(['early', 'near']);
    const hit = r.checkpoints[1]!;
    expect(hit.offsetKm).toBeCloseTo(4.9, 2);
    expect(Math.abs(hit.distanceAlongKm - meridianKm(25, 26))).toBeLessThan(0.05);
    expect(r.summary).toMatchObject({ checkpointsPassed: 2, checkpointsByAgency: { inm: 1, army: 1 } });
    expect(r.bufferKm).toBe(5);
  });

  it('a wider buffer takes in the farther checkpoint', () => {
    const r = computeExposure(layerSet({ checkpoints: [near, far, early] }), line([-100, 25], [-100, 27]), { asOf: 'all', bufferKm: 5.2 });
    expect(r.checkpoints.map((c) => c.id).sort()).toEqual(['early', 'far', 'near']);
  });
});

describe('ports and lateral expulsion', () => {
  const home = territory('home', 'alpha', { type: 'Polygon', coordinates: [box(-100, 25, -99, 26)] });
  const away = territory('away', 'beta', { type: 'Polygon', coordinates: [box(-106, 31, -105, 32)] });
  const set = layerSet({
    territories: [home, away],
    ports: [port('1111', -99.4, 26.2, [-99.5, 25.9]), port('2222', -105.5, 32.1, [-105.5, 31.5])],
  });
  const route = line([-101, 24], [-99.5, 25.5]);

  it('reports the port nearest the route end, with its distance', () => {
    const r = computeExposure(set, route, { asOf: 'all' });
    expect(r.ports?.id).toBe('1111');
    // distance from (-99.5, 25.5) to (-99.4, 26.2) by the haversine formula
    const h = Math.sin(rad(0.7) / 2) ** 2 + Math.cos(rad(25.5)) * Math.cos(rad(26.2)) * Math.sin(rad(0.1) / 2) ** 2;
    expect(r.ports!.distanceKm).toBeCloseTo(2 * R * Math.asin(Math.sqrt(h)), 2);
  });

  it('an expulsion into another group than the one whose territory holds the route end is lateral', () => {
    expect(computeExposure(set, route, { asOf: 'all', expulsionPort: '2222' }).expulsion).toEqual({
      port: '2222',
      crossingGroups: ['alpha'],
      returnGroups: ['beta'],
      lateral: true,
    });
    expect(computeExposure(set, route, { asOf: 'all', expulsionPort: '1111' }).expulsion).toMatchObject({ lateral: false });
  });

  it('an unknown port is an input error naming the option', () => {
    expect(() => computeExposure(set, route, { expulsionPort: '9999' })).toThrow('unknown port "9999"');
  });
});
