import type { LineString, MultiLineString, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeExposure } from '../../src/exposure/exposure.js';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { loadLayerSet } from '../../src/layers/load.js';

// The report's cases on the shipped data. Expected facts come from the report, not from a previous run.

let layers: LayerSet;
beforeAll(async () => {
  layers = await loadLayerSet();
});
const route = (id: string) => layers.layer('routes').byId.get(id)!.geometry as LineString | MultiLineString;
const place = (id: string) => (layers.layer('places').byId.get(id)!.geometry as Point).coordinates;
const R = 6371.0088;
/** Haversine, written out here so the test does not lean on the code under test. */
function greatCircleKm(a: number[], b: number[]): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b[1]! - a[1]!) * rad) / 2) ** 2 + Math.cos(a[1]! * rad) * Math.cos(b[1]! * rad) * Math.sin(((b[0]! - a[0]!) * rad) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

describe('Monterrey - Piedras Negras (MEX-57)', () => {
  it('passes the three checkpoints of its last hour: army, Coahuila state police, INM', () => {
    const r = computeExposure(layers, route('central-piedras-negras'), { asOf: '2022-06-01' });
    const waypoints = ['monterrey', 'monclova', 'allende', 'piedras-negras'].map(place);
    const chordsKm = waypoints.slice(1).reduce((sum, p, i) => sum + greatCircleKm(waypoints[i]!, p), 0);
    const line = (route('central-piedras-negras') as LineString).coordinates;
    const lengthKm = line.slice(1).reduce((sum, p, i) => sum + greatCircleKm(line[i]!, p), 0);
    expect(Math.abs(r.route.lengthKm / lengthKm - 1)).toBeLessThan(0.001);
    // on the roads (MEX 53, MEX 57): longer than the chords between the towns, by less than a fifth
    expect(r.route.lengthKm).toBeGreaterThan(chordsKm);
    expect(r.route.lengthKm).toBeLessThan(chordsKm * 1.2);
    // "the final hour": at highway speed, the last 100 km or so
    const lastHour = r.checkpoints.filter((c) => c.distanceAlongKm >= r.route.lengthKm - 100);
    expect(lastHour.map((c) => c.agency)).toEqual(expect.arrayContaining(['army', 'state-police', 'inm']));
    for (const c of lastHour) expect(c.sources.length).toBeGreaterThan(0);
    // ordered along the route
    const along = r.checkpoints.map((c) => c.distanceAlongKm);
    expect(along).toEqual([...along].sort((a, b) => a - b));
  });
});

describe('Monterrey - Nuevo Laredo', () => {
  it('passes the migration checkpoint of the report photo and ends in Northeast Cartel territory', () => {
    const r = computeExposure(layers, route('central-nuevo-laredo'), { asOf: '2022-06-01', expulsionPort: '2304' });
    expect(r.checkpoints.map((c) => c.sources).flat()).toContain('ic2023-photo-mty-nld');
    const last = r.territories.filter((t) => t.exitKm === r.route.lengthKm).map((t) => t.group);
    expect(last).toContain('northeast-cartel');
    expect(r.expulsion?.crossingGroups).toContain('northeast-cartel');
    expect(r.ports?.id).toBe('2304'); // Laredo
  });
});

describe("the report's journey, Guatemala City to Reynosa (2019)", () => {
  it('crosses Gulf Cartel territory before Reynosa', () => {
    const r = computeExposure(layers, route('journey-ic2023'), { asOf: '2019-12-01' });
    const gulf = r.groups.find((g) => g.group === 'gulf-cartel');
    expect(gulf?.lengthKm).toBeGreaterThan(0);
    const passage = r.territories.find((t) => t.group === 'gulf-cartel')!;
    expect(passage.exitKm).toBe(r.route.lengthKm); // it ends in Reynosa, inside
  });
});

describe('lateral expulsion from Reynosa', () => {
  const toReynosa = (): LineString => ({ type: 'LineString', coordinates: [place('monterrey'), place('reynosa')] });

  it('through El Paso (2402) is lateral: returned into another group than the Gulf Cartel', () => {
    const r = computeExposure(layers, toReynosa(), { asOf: '2021-03-15', expulsionPort: '2402' });
    expect(r.expulsion).toMatchObject({ port: '2402', crossingGroups: ['gulf-cartel'], lateral: true });
    expect(r.expulsion!.returnGroups).not.toContain('gulf-cartel');
  });

  it('through Hidalgo (2305), the Reynosa bridge, is not', () => {
    const r = computeExposure(layers, toReynosa(), { asOf: '2021-03-15', expulsionPort: '2305' });
    expect(r.expulsion).toMatchObject({ port: '2305', crossingGroups: ['gulf-cartel'], returnGroups: ['gulf-cartel'], lateral: false });
  });
});
