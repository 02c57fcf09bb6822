import type { Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { useServer } from '../support/server.js';

const srv = useServer();

const place = (id: string) => (srv.layers.layer('places').byId.get(id)!.geometry as Point).coordinates;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(srv.base + path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
const toReynosa = () => ({ type: 'Feature', id: 'mty-rey', properties: {}, geometry: { type: 'LineString', coordinates: [place('monterrey'), place('reynosa')] } });

describe('POST /exposure', () => {
  it('takes a Feature with options as query parameters', async () => {
    const res = await post('/exposure?asOf=2021-03-15&expulsionPort=2402&bufferKm=3', toReynosa());
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r).toMatchObject({ asOf: '2021-03-15', bufferKm: 3, expulsion: { port: '2402', lateral: true } });
    expect(Object.keys(r)).toEqual(['route', 'asOf', 'time', 'bufferKm', 'checkpoints', 'territories', 'stateAreas', 'groups', 'ports', 'expulsion', 'summary']);
  });

  it('takes a bare geometry with options as body fields, or a {route, ...options} wrapper', async () => {
    const geometry = { ...toReynosa().geometry, asOf: '2021-03-15', expulsionPort: '2305' };
    expect((await (await post('/exposure', geometry)).json()).expulsion.lateral).toBe(false);
    const wrapped = { route: toReynosa(), asOf: '2021-03-15', expulsionPort: '2402' };
    expect((await (await post('/exposure', wrapped)).json()).expulsion.lateral).toBe(true);
  });

  it('answers GeoJSON passages and checkpoints with Accept: application/geo+json', async () => {
    const res = await post('/exposure?asOf=2021-03-15', toReynosa(), { accept: 'application/geo+json' });
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const fc = await res.json();
    const elements = fc.features.map((f: any) => f.properties.element);
    expect(elements[0]).toBe('route');
    expect(elements).toContain('passage');
    const passage = fc.features.find((f: any) => f.properties.element === 'passage');
    expect(passage.geometry.type).toBe('LineString');
    expect(passage.geometry.coordinates[0]).toEqual(passage.properties.entry);
    expect(passage.geometry.coordinates.at(-1)).toEqual(passage.properties.exit);
    expect(fc.exposure.summary.territoriesCrossed).toBeGreaterThan(0);
  });
});

describe('GET /routes/{id}/exposure', () => {
  it('computes a stored route', async () => {
    const r = await (await fetch(`${srv.base}/routes/central-piedras-negras/exposure?asOf=2022-06-01`)).json();
    expect(r.summary.checkpointsPassed).toBeGreaterThanOrEqual(3);
  });

  it('404 for an unknown route', async () => {
    const res = await fetch(`${srv.base}/routes/nowhere/exposure`);
    expect(res.status).toBe(404);
  });
});

describe('POST /exposure/batch', () => {
  const batch = () => ({
    type: 'FeatureCollection',
    features: [
      toReynosa(),
      { type: 'Feature', properties: { id: 'mty-nld' }, geometry: { type: 'LineString', coordinates: [place('monterrey'), place('nuevo-laredo')] } },
      { type: 'Feature', properties: null, geometry: { type: 'LineString', coordinates: [place('monterrey'), place('piedras-negras')] } },
    ],
  });

  it('returns one result per route keyed by feature id, properties.id or index', async () => {
    const body = await (await post('/exposure/batch?asOf=2022-06-01', batch())).json();
    expect(body.count).toBe(3);
    expect(body.keys).toEqual(['mty-rey', 'mty-nld', '2']);
    expect(Object.keys(body.results).sort()).toEqual(['2', 'mty-nld', 'mty-rey']);
    expect(body.results['mty-nld'].groups.map((g: any) => g.group)).toContain('northeast-cartel');
  });

  it('answers CSV with a header and one row per route', async () => {
    const res = await post('/exposure/batch?asOf=2022-06-01&expulsionPort=2402', batch(), { accept: 'text/csv' });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,period,lengthKm,checkpointsPassed,checkpointsByAgency,territoriesCrossed,groupsCrossed,groups,kmInTerritory,shareInTerritory,likelyKm,likelyShare,possibleKm,possibleShare,kmHighConfidence,kmHighMediumConfidence,kmAllConfidence,kmNarrowExtent,kmCoarseExtent,checkpointsExact,checkpointsHighway,checkpointsTown,checkpointsSegment,likelyCheckpoints,stateActorKm,stateActorShare,nearestPort,nearestPortKm,expulsionPort,lateral,asOf,from,to,policies,staleFacts,coverageEarliest,coverageLatest',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^mty-rey,,\d+\.\d+,/);
    // the time rule, the policies in force on the day, and the data's coverage (earliest: the AFO, about 1990)
    expect(lines[1]).toMatch(/,2402,true,2022-06-01,2022-06-01,2022-06-01,mpp-restart;title42,\d+,1990-01-01,\d{4}-\d{2}-\d{2}$/);
  });
});

describe('bad input: a 4xx JSON problem naming the fault, never a 500', () => {
  const problem = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return res.json();
  };
  const line = (coordinates: unknown) => ({ type: 'LineString', coordinates });

  it('malformed JSON', async () => {
    const body = await problem(await post('/exposure', '{"type": "LineString", '), 400);
    expect(body.detail).toMatch(/JSON/);
  });

  it('not a line', async () => {
    const body = await problem(await post('/exposure', { type: 'Point', coordinates: [0, 0] }), 400);
    expect(body.errors[0].path).toBe('body');
  });

  it('fewer than 2 positions', async () => {
    const body = await problem(await post('/exposure', line([[-100, 25]])), 400);
    expect(body.errors).toEqual([{ path: 'body.coordinates', message: 'a line needs at least 2 positions' }]);
  });

  it('coordinates out of range', async () => {
    const body = await problem(await post('/exposure', line([[-100, 25], [-100, 95]])), 400);
    expect(body.errors).toEqual([{ path: 'body.coordinates[1][1]', message: 'latitude must be within -90..90' }]);
  });

  it('unknown port, bad date, negative buffer', async () => {
    const route = line([[-100, 25], [-99, 26]]);
    expect((await problem(await post('/exposure?expulsionPort=9999', route), 400)).errors[0]).toEqual({
      path: 'expulsionPort',
      message: 'unknown port "9999"; see GET /layers/ports for the CBP codes',
    });
    expect((await problem(await post('/exposure?asOf=2023-13-01', route), 400)).errors[0].path).toBe('query.asOf');
    expect((await problem(await post('/exposure?bufferKm=-1', route), 400)).errors[0]).toEqual({ path: 'query.bufferKm', message: 'must not be negative' });
    expect((await problem(await post('/exposure?bufferKm=abc', route), 400)).errors[0].path).toBe('query.bufferKm');
  });

  it('body too large: 413', async () => {
    const coordinates = Array.from({ length: 700_000 }, (_, i) => [-100 + i * 1e-6, 25]);
    await problem(await post('/exposure', line(coordinates)), 413);
  });

  it('too many vertices: 400 with the documented limit', async () => {
    const coordinates = Array.from({ length: 200_001 }, (_, i) => [-100 + i * 1e-6, 25]);
    const res = await post('/exposure', JSON.stringify(line(coordinates)).replace(/\s/g, ''));
    const body = await problem(res, 400);
    expect(body.detail).toContain('the limit is 200000');
  });

  it('a batch that is not a FeatureCollection, or holds a bad route, names the feature', async () => {
    expect((await problem(await post('/exposure/batch', line([[0, 0], [1, 1]])), 400)).errors[0].path).toBe('body.type');
    const bad = { type: 'FeatureCollection', features: [toReynosa(), { type: 'Feature', properties: {}, geometry: line([[0, 0]]) }] };
    expect((await problem(await post('/exposure/batch', bad), 400)).errors[0]).toEqual({ path: 'body.features[1].geometry.coordinates', message: 'a line needs at least 2 positions' });
  });

  it('a batch lists every bad route, and its routes before a fault in the options (routes are computed one by one)', async () => {
    const bad = (i: number) => ({ type: 'Feature', id: `b${i}`, properties: {}, geometry: line([[0, 0]]) });
    const features = [toReynosa(), bad(1), toReynosa(), bad(3)];
    const both = await problem(await post('/exposure/batch', { type: 'FeatureCollection', features }), 400);
    expect(both.errors.map((e: { path: string }) => e.path)).toEqual(['body.features[1].geometry.coordinates', 'body.features[3].geometry.coordinates']);
    // a bad option and a bad route: the route is named (validation comes before any figure)
    const withOption = await problem(await post('/exposure/batch?expulsionPort=nowhere', { type: 'FeatureCollection', features }), 400);
    expect(withOption.errors.map((e: { path: string }) => e.path)).toEqual(['body.features[1].geometry.coordinates', 'body.features[3].geometry.coordinates']);
    // with the routes good, the option is named
    const good = { type: 'FeatureCollection', features: [toReynosa(), toReynosa()] };
    expect((await problem(await post('/exposure/batch?expulsionPort=nowhere', good), 400)).errors[0].path).toBe('query.expulsionPort');
    expect((await problem(await post('/exposure/batch?asOf=2023-13-01', { ...good, features: [...features, ...good.features] }), 400)).errors).toHaveLength(2);
    expect((await problem(await post('/exposure/batch?asOf=2023-13-01', good), 400)).errors[0].path).toBe('query.asOf');
    expect((await problem(await post('/exposure/batch?bufferKm=-1', good), 400)).errors[0].path).toBe('query.bufferKm');
  });

  it('a batch cut into shards by its bytes keeps every key (ids escaped, numeric, in properties, repeated) and each route in place', async () => {
    const { batchKeys } = await import('../../src/exposure/route-input.js');
    const ids: Record<string, unknown>[] = [{ id: 'a\u00e9"' }, { id: 1e2 }, { id: 'r2' }, { properties: { id: 'p3' } }, { properties: { id: { no: 1 } } }, { id: 'r2' }, {}, { id: 7.5, properties: { id: 'x' } }];
    const features = Array.from({ length: 1200 }, (_, i) => ({
      type: 'Feature',
      properties: {},
      ...ids[i % ids.length],
      geometry: line(Array.from({ length: 12 }, (_, k) => [-100.3 + k * 0.01 + (i % 50) * 0.05, 25.6 - k * 0.02])),
    }));
    // raw text: the escaped id exactly as written
    const text = JSON.stringify({ type: 'FeatureCollection', bufferKm: 2, features }).replaceAll('a\\\\u00e9', 'a\\u00e9');
    expect(text.length).toBeGreaterThan(256 * 1024); // more than one shard
    const parsed = JSON.parse(text);
    const res = await post('/exposure/batch', text);
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out.keys).toEqual(batchKeys(parsed));
    expect(out.keys[0]).toBe('aé"');
    for (const i of [0, 599, 600, 1199]) {
      const one = await (await post('/exposure', { route: features[i], bufferKm: 2 })).json();
      expect(out.results[out.keys[i]].route).toEqual(one.route);
      expect(out.results[out.keys[i]].bufferKm).toBe(2);
    }
    // a bad route in the second shard is named by its index in the whole batch
    features[1100] = { ...features[1100]!, geometry: line([[0, 0]]) };
    expect((await problem(await post('/exposure/batch', { type: 'FeatureCollection', features }), 400)).errors[0].path).toBe('body.features[1100].geometry.coordinates');
  });
});
