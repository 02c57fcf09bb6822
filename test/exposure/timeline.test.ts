import type { LineString, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeExposure } from '../../src/exposure/exposure.js';
import { csvHeader, csvRow } from '../../src/exposure/formats.js';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { shippedLayers } from '../support/shipped-layers.js';

// Exposure over time on the shipped data: a period answers one row per year (or per policy), each under its own
// rule, and never one figure that adds passages of different years. Expected periods are written from the policy
// dates in geodata/policies.json (cited) and the calendar, by hand.

let layers: LayerSet;
beforeAll(async () => {
  layers = await shippedLayers();
});
const place = (id: string) => (layers.layer('places').byId.get(id)!.geometry as Point).coordinates;
const toReynosa = (): LineString => ({ type: 'LineString', coordinates: [place('monterrey'), place('reynosa')] });

describe('a period answers a timeline', () => {
  it('one row per calendar year, each the exposure under that year alone', () => {
    const r = computeExposure(layers, toReynosa(), { asOf: '2019..2023', expulsionPort: '2402' });
    expect(r.timeline?.map((t) => t.period)).toEqual(['2019', '2020', '2021', '2022', '2023']);
    for (const t of r.timeline!) {
      const alone = computeExposure(layers, toReynosa(), { asOf: t.period, expulsionPort: '2402' });
      expect(t.summary, t.period).toEqual(alone.summary);
      expect(t.asOf).toBe(`${t.period}-01-01..${t.period}-12-31`);
    }
    expect(r.timeline!.find((t) => t.period === '2019')!.policies).toEqual(['mpp']);
    expect(r.timeline!.find((t) => t.period === '2021')!.policies).toEqual(['mpp', 'mpp-restart', 'title42']);
    expect(r.timeline!.every((t) => t.lateral === true)).toBe(true);
    expect(r.time.warnings.some((w) => w.startsWith('timeline: one row per calendar year'))).toBe(true);
  });

  it('by=policy: one row per policy period in force during it, clipped to it', () => {
    const r = computeExposure(layers, toReynosa(), { asOf: '2019..2023', by: 'policy' });
    expect(r.timeline?.map((t) => [t.period, t.from, t.to])).toEqual([
      ['mpp', '2019-01-29', '2021-06-30'],
      ['mpp-restart', '2021-12-01', '2022-08-31'],
      ['title42', '2020-03-01', '2023-05-11'],
      ['title8', '2023-05-12', '2023-12-31'],
      ['cbp-one', '2023-01-12', '2023-12-31'],
    ]);
  });

  it('a policy as_of spanning years is a timeline per year of it', () => {
    const r = computeExposure(layers, toReynosa(), { asOf: 'title42' });
    expect(r.timeline?.map((t) => t.period)).toEqual(['2020', '2021', '2022', '2023']);
    expect(r.timeline![0]!.from).toBe('2020-03-01');
    expect(r.timeline!.at(-1)!.to).toBe('2023-05-11');
  });

  it('as_of=all says what its one figure sums, and by=year splits it', () => {
    const all = computeExposure(layers, toReynosa(), { asOf: 'all' });
    expect(all.timeline).toBeUndefined();
    expect(all.time.warnings.some((w) => /count every fact that held at any time in it/.test(w))).toBe(true);
    const years = computeExposure(layers, toReynosa(), { asOf: 'all', by: 'year' });
    expect(years.timeline![0]!.period).toBe('1990'); // the earliest evidence
    expect(years.timeline!.at(-1)!.period).toBe(layers.today().slice(0, 4));
  });

  it('a single day or year is not a timeline', () => {
    expect(computeExposure(layers, toReynosa(), { asOf: '2021' }).timeline).toBeUndefined();
    expect(computeExposure(layers, toReynosa()).timeline).toBeUndefined();
  });

  it('CSV names the time rule and the coverage, one row per period of a timeline', () => {
    const header = csvHeader().trim().split(',');
    expect(header).toEqual(expect.arrayContaining(['period', 'asOf', 'from', 'to', 'policies', 'staleFacts', 'coverageEarliest', 'coverageLatest']));
    const one = csvRow('r1', computeExposure(layers, toReynosa())).trim().split(',');
    expect(one[header.indexOf('asOf')]).toBe('latest');
    expect(one[header.indexOf('coverageEarliest')]).toBe('1990-01-01');
    expect(one[header.indexOf('policies')]).toBe('title8;mpp-2025');
    const rows = csvRow('r1', computeExposure(layers, toReynosa(), { asOf: '2020..2022' })).trim().split('\r\n');
    expect(rows.map((l) => l.split(',')[header.indexOf('period')])).toEqual(['2020', '2021', '2022']);
  });
});
