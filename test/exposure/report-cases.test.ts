import type { LineString, MultiLineString, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeExposure } from '../../src/exposure/exposure.js';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { shippedLayers } from '../support/shipped-layers.js';

// The report's cases on the shipped data. Expected facts come from the report, not from a previous run.

let layers: LayerSet;
beforeAll(async () => {
  layers = await shippedLayers();
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
  it('passes the three checkpoints of its last hour: army, Coahuila state police, INM (latest known, as the report found them)', () => {
    const r = computeExposure(layers, route('central-piedras-negras'));
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

describe('Monterrey - Nuevo Laredo, with no date (as a new user asks today)', () => {
  it('passes the migration checkpoint of the report photo and ends in Northeast Cartel territory, flagged stale with its last evidence', () => {
    const r = computeExposure(layers, route('central-nuevo-laredo'), { expulsionPort: '2304' });
    expect(r.asOf).toBe('latest');
    expect(r.time).toMatchObject({ rule: 'latest', staleAfterMonths: 12 });
    expect(r.time.coverage?.earliest).toBe('1990-01-01'); // the AFO's dominance from about 1990
    expect(r.time.warnings[0]).toMatch(/^today lies after the latest evidence/);
    expect(r.checkpoints.map((c) => c.sources).flat()).toContain('ic2023-photo-mty-nld');
    const last = r.territories.filter((t) => t.exitKm === r.route.lengthKm);
    const cdn = last.find((t) => t.group === 'northeast-cartel');
    // The report (June 2023) and InSight Crime (2023) are the last evidence: more than 12 months before today.
    expect(cdn).toMatchObject({ stale: true, ended: null, observed: { from: '2019', to: '2023' } });
    expect(r.expulsion?.crossingGroups).toContain('northeast-cartel');
    expect(r.ports?.id).toBe('2304'); // Laredo
  });

  it('is not stale when the threshold reaches back to the last evidence', () => {
    const r = computeExposure(layers, route('central-nuevo-laredo'), { staleAfterMonths: 600 });
    expect(r.territories.find((t) => t.group === 'northeast-cartel')?.stale).toBe(false);
  });
});

describe("the report's journey, Guatemala City to Reynosa (2019)", () => {
  for (const asOf of [undefined, '2019-12-01', '2019']) {
    it(`crosses Gulf Cartel territory before Reynosa (as_of ${asOf ?? 'latest, the default'})`, () => {
      const r = computeExposure(layers, route('journey-ic2023'), { asOf });
      const gulf = r.groups.find((g) => g.group === 'gulf-cartel');
      expect(gulf?.lengthKm).toBeGreaterThan(0);
      // it ends in Reynosa, inside (other Gulf Cartel passages, e.g. on Hwy 57 in 2023, may come before)
      const last = r.territories.filter((t) => t.group === 'gulf-cartel').map((t) => t.exitKm);
      expect(last).toContain(r.route.lengthKm);
    });
  }
});

describe('lateral expulsion from Reynosa', () => {
  const toReynosa = (): LineString => ({ type: 'LineString', coordinates: [place('monterrey'), place('reynosa')] });

  it('through El Paso (2402) is lateral: returned into another group than the Gulf Cartel', () => {
    const r = computeExposure(layers, toReynosa(), { asOf: '2021-03-15', expulsionPort: '2402' });
    expect(r.expulsion).toMatchObject({ port: '2402', crossingGroups: ['gulf-cartel'], lateral: true });
    expect(r.expulsion!.returnGroups).not.toContain('gulf-cartel');
  });

  it('through El Paso (2402) is lateral with no date too (latest known territories)', () => {
    const r = computeExposure(layers, toReynosa(), { expulsionPort: '2402' });
    expect(r.expulsion).toMatchObject({ port: '2402', crossingGroups: ['gulf-cartel'], lateral: true });
    expect(r.expulsion!.returnGroups.length).toBeGreaterThan(0);
    expect(r.expulsion!.returnGroups).not.toContain('gulf-cartel');
  });

  it('through Hidalgo (2305), the Reynosa bridge, is not', () => {
    const r = computeExposure(layers, toReynosa(), { asOf: '2021-03-15', expulsionPort: '2305' });
    expect(r.expulsion).toMatchObject({ port: '2305', crossingGroups: ['gulf-cartel'], returnGroups: ['gulf-cartel'], lateral: false });
  });
});

describe('port roles over time', () => {
  const roles = (asOf?: string) =>
    layers.query('ports', { asOf }).flatMap((p) => (p.properties.roles as { role: string }[]).map((r) => `${p.id}:${r.role}`));

  it('CBP One is not current: scheduling ended on 20 January 2025', () => {
    expect(roles().filter((r) => r.endsWith(':cbp-one'))).toEqual([]);
    expect(roles('2025-01-20').filter((r) => r.endsWith(':cbp-one'))).toHaveLength(8);
    expect(roles('2025-01-21').filter((r) => r.endsWith(':cbp-one'))).toEqual([]);
  });

  it('nothing of MPP, Title 42 or lateral expulsions is current today', () => {
    expect(roles()).toEqual([]);
  });

  it('as_of=2020-06-01 shows Title 42 expulsion roles at every port whose sources support them', () => {
    const t42 = roles('2020-06-01').filter((r) => r.endsWith(':title42-expulsion')).map((r) => r.split(':')[0]).sort();
    // San Ysidro, El Paso, Nogales, Eagle Pass, Brownsville (footnote 9 and WOLA) and Hidalgo (footnote 9, Telemundo).
    expect(t42).toEqual(['2301', '2303', '2305', '2402', '2504', '2604']);
  });

  it('as_of=2019 takes a year: the MPP returns of 2019, no Title 42 yet', () => {
    const r = roles('2019');
    expect(r.filter((x) => x.endsWith(':mpp-return')).map((x) => x.split(':')[0]).sort()).toEqual(['2301', '2303', '2304', '2402', '2503', '2504']);
    expect(r.filter((x) => x.endsWith(':title42-expulsion'))).toEqual([]);
  });

  it('restarted MPP roles end in August 2022', () => {
    expect(roles('2022-08').filter((r) => r.endsWith(':mpp-return')).sort()).toEqual(['2402:mpp-return', '2504:mpp-return']);
    expect(roles('2022-09').filter((r) => r.endsWith(':mpp-return'))).toEqual([]);
  });
});
