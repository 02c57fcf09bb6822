import { area, booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildTerritoryGeometry, SLIVER_HOLE_KM2, type Areal } from '../../src/layers/territory-geometry.js';

// Expected areas come from closed-form spherical formulas, not from the code under test.
// Turf measures on a sphere of radius 6378137 m (WGS84 semi-major axis).
const R_KM = 6378.137;
const rad = (d: number) => (d * Math.PI) / 180;
/** Area of a lon/lat rectangle on the sphere: R^2 * dlon * (sin(lat2) - sin(lat1)). */
const rectKm2 = (lon1: number, lat1: number, lon2: number, lat2: number) =>
  R_KM * R_KM * rad(lon2 - lon1) * (Math.sin(rad(lat2)) - Math.sin(rad(lat1)));
const box = (lon1: number, lat1: number, lon2: number, lat2: number): number[][] => [
  [lon1, lat1], [lon2, lat1], [lon2, lat2], [lon1, lat2], [lon1, lat1],
];
const km2 = (g: Areal) => area({ type: 'Feature', properties: {}, geometry: g }) / 1e6;
/** Turf's area is an approximation (Chamberlain & Duquette); the project's tolerance on areas is 0.5%. */
const expectWithinHalfPercent = (actual: number, expected: number) => expect(Math.abs(actual / expected - 1)).toBeLessThan(0.005);

describe('territory geometry from units', () => {
  const municipalities = new Map<string, Areal>([
    ['00001', { type: 'Polygon', coordinates: [box(-100, 25, -99.5, 25.5)] }],
    ['00002', { type: 'Polygon', coordinates: [box(-99.5, 25, -99, 25.5)] }], // shares an edge with 00001
    ['00003', { type: 'Polygon', coordinates: [box(-98, 25, -97.5, 25.5)] }], // apart
  ]);
  const states = new Map<string, Areal>([['MX-TST', { type: 'Polygon', coordinates: [box(-101, 24, -96, 27)] }]]);
  const places = new Map<string, Point>([['edge-town', { type: 'Point', coordinates: [-96, 25.5] }]]);
  const lookup = { municipalities, states, places };

  it('unites neighbouring municipalities into one polygon of their summed area', () => {
    const g = buildTerritoryGeometry({ municipalities: ['00001', '00002'] }, lookup);
    expect(g.type).toBe('Polygon');
    expectWithinHalfPercent(km2(g), rectKm2(-100, 25, -99, 25.5));
  });

  it('keeps separate municipalities as parts of a MultiPolygon', () => {
    const g = buildTerritoryGeometry({ municipalities: ['00001', '00003'] }, lookup) as MultiPolygon;
    expect(g.type).toBe('MultiPolygon');
    expect(g.coordinates).toHaveLength(2);
    expectWithinHalfPercent(km2(g), rectKm2(-100, 25, -99.5, 25.5) + rectKm2(-98, 25, -97.5, 25.5));
  });

  it('clips a buffer disc to its state: half a disc on the state edge', () => {
    const g = buildTerritoryGeometry({ buffers: [{ place: 'edge-town', radiusKm: 30, clipToState: 'MX-TST' }] }, lookup);
    // A spherical cap of radius r: 2*pi*R^2*(1 - cos(r/R)); the state edge (a meridian) halves it. The 64-step
    // polygon is inscribed in the circle: (n / 2pi) sin(2pi / n) of the area = 0.9984.
    const cap = 2 * Math.PI * R_KM * R_KM * (1 - Math.cos(30 / R_KM));
    const inscribed = (64 / (2 * Math.PI)) * Math.sin((2 * Math.PI) / 64);
    expectWithinHalfPercent(km2(g), (cap / 2) * inscribed);
    expect(booleanPointInPolygon([-96.1, 25.5], g)).toBe(true);
    expect(booleanPointInPolygon([-95.9, 25.5], g)).toBe(false);
  });

  it('drops sliver holes left by simplification but keeps a real enclave', () => {
    // A 0.01 x 0.01 degree hole (about 1.1 km2) is a sliver; a 0.2 x 0.2 degree one (about 450 km2) is an enclave.
    const sliver = box(-99.8, 25.2, -99.79, 25.21).reverse();
    const enclave = box(-99.4, 25.1, -99.2, 25.3).reverse();
    expect(rectKm2(-99.8, 25.2, -99.79, 25.21)).toBeLessThan(SLIVER_HOLE_KM2);
    const holed = new Map(municipalities).set('00004', { type: 'Polygon', coordinates: [box(-100, 25, -99, 25.5), sliver, enclave] });
    const g = buildTerritoryGeometry({ municipalities: ['00004'] }, { ...lookup, municipalities: holed }) as Polygon;
    expect(g.coordinates).toHaveLength(2);
    expect(booleanPointInPolygon([-99.795, 25.205], g)).toBe(true);
    expect(booleanPointInPolygon([-99.3, 25.2], g)).toBe(false);
  });
});
