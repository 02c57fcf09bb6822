import { describe, expect, it } from 'vitest';
import { useServer } from '../support/server.js';

const srv = useServer();
const R = 6371.0088;
/** Haversine, written out so the test does not lean on the code under test. */
function lengthKm(coords: number[][]): number {
  const rad = Math.PI / 180;
  let km = 0;
  for (let i = 1; i < coords.length; i++) {
    const [a, b] = [coords[i - 1]!, coords[i]!];
    const h = Math.sin(((b[1]! - a[1]!) * rad) / 2) ** 2 + Math.cos(a[1]! * rad) * Math.cos(b[1]! * rad) * Math.sin(((b[0]! - a[0]!) * rad) / 2) ** 2;
    km += 2 * R * Math.asin(Math.sqrt(h));
  }
  return km;
}
const get = (q: string, accept = 'application/json') => fetch(`${srv.base}/network/route?${q}`, { headers: { accept } });

describe('GET /network/route', () => {
  it('answers Monterrey - Nuevo Laredo with two road-following paths and their exposures', async () => {
    const res = await get('from=monterrey&to=nuevo-laredo&optimize=exposure&asOf=2022-06-01');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.route).toBe('leastExposure');
    for (const p of [body.shortest, body.leastExposure]) {
      expect(p.geometry.type).toBe('LineString');
      expect(p.geometry.coordinates.length).toBeGreaterThan(20); // follows the road, not a chord
      expect(p.lengthKm).toBeCloseTo(lengthKm(p.geometry.coordinates), 1);
      expect(p.exposure.route.lengthKm).toBeCloseTo(p.lengthKm, 1);
      expect(p.exposure.summary).toHaveProperty('kmInTerritory');
      expect(p.highways.some((h: string) => h.startsWith('MEX-85'))).toBe(true);
    }
    expect(body.shortest.lengthKm).toBeLessThanOrEqual(body.leastExposure.lengthKm);
    expect(body.extraKm).toBeCloseTo(body.leastExposure.lengthKm - body.shortest.lengthKm, 2);
    expect(body.costModel.presence.dominant).toBe(2);
    expect(body.caveats[0]).toMatch(/Natural Earth 1:10m/);
  });

  it('takes place names and lon,lat; answers GeoJSON for Accept: application/geo+json, the optimized path first', async () => {
    const res = await get('from=Monterrey&to=-100.52353,28.70007&optimize=exposure', 'application/geo+json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const fc = await res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f: any) => f.properties.objective)).toEqual(['exposure', 'distance']);
    expect(fc.features[0].geometry.coordinates.at(-1)).toEqual([-100.52353, 28.70007]);
  });

  it('avoid=agency:… keeps every path away from those checkpoints', async () => {
    const plain = await (await get('from=monterrey&to=piedras-negras&asOf=2022-06-01')).json();
    const passed = plain.shortest.exposure.checkpoints.map((c: any) => c.agency);
    expect(passed.length).toBeGreaterThan(0);
    const res = await get('from=monterrey&to=piedras-negras&asOf=2022-06-01&avoid=checkpoint:' + plain.shortest.exposure.checkpoints[0].id);
    if (res.status === 200) {
      const body = await res.json();
      for (const p of [body.shortest, body.leastExposure]) expect(p.exposure.checkpoints.map((c: any) => c.id)).not.toContain(plain.shortest.exposure.checkpoints[0].id);
    } else expect(res.status).toBe(422); // the post sits where every road ends
  });

  it.each([
    ['to=nuevo-laredo', 400, 'query.from'],
    ['from=atlantis&to=nuevo-laredo', 400, 'query.from'],
    ['from=monterrey&to=nuevo-laredo&optimize=fast', 400, 'query.optimize'],
    ['from=monterrey&to=nuevo-laredo&avoid=cartel', 400, 'query.avoid'],
    ['from=monterrey&to=nuevo-laredo&asOf=2022-02-30', 400, 'query.asOf'],
    ['from=monterrey&to=nuevo-laredo&speed=1', 400, 'query.speed'],
    ['from=monterrey&to=200,95', 400, 'query.to'],
    ['from=monterrey&to=el-sasabe', 422, 'query.to'],
    ['from=monterrey&to=nuevo-laredo&bufferKm=', 400, 'query.bufferKm'], // "" is not 0
    ['from=monterrey&to=nuevo-laredo&bufferKm=0x10', 400, 'query.bufferKm'], // nor 16
    ['from=monterrey&to=-90,40', 422, 'query.to'],
  ])('%s -> %i naming %s', async (q, status, path) => {
    const res = await get(q);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await res.json();
    expect(body.errors.map((e: any) => e.path)).toContain(path);
  });
});

describe('POST /network/route', () => {
  it('takes weights: a huge INM weight changes nothing for a route without INM posts but is echoed in the cost model', async () => {
    const res = await fetch(`${srv.base}/network/route`, { method: 'POST', body: JSON.stringify({ from: 'monterrey', to: 'nuevo-laredo', weights: { agency: { inm: 5000 }, presence: { dominant: 0 } } }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.costModel.agency.inm).toBe(5000);
    expect(body.costModel.presence.dominant).toBe(0);
  });

  it('rejects a negative weight, naming it', async () => {
    const res = await fetch(`${srv.base}/network/route`, { method: 'POST', body: JSON.stringify({ from: 'monterrey', to: 'nuevo-laredo', weights: { presence: { dominant: -1 } } }) });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].path).toBe('body.weights.presence.dominant');
  });
});

describe('OpenAPI', () => {
  it('documents /network/route, GET and POST, with the request schema', async () => {
    const doc = await (await fetch(`${srv.base}/openapi.json`)).json();
    expect(Object.keys(doc.paths['/network/route'])).toEqual(['get', 'post']);
    expect(doc.components.schemas.NetworkRouteRequest.properties.weights).toBeDefined();
    expect(doc.paths['/network/route'].get.parameters.map((p: any) => p.name)).toEqual(['from', 'to', 'via', 'optimize', 'asOf', 'avoid', 'bufferKm']);
  });
});

describe('GET /network/chokepoints', () => {
  it('ranks checkpoints, territories and highway stretches over the default pairs, shares descending', async () => {
    const res = await fetch(`${srv.base}/network/chokepoints?asOf=2023-05-01`);
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.origins).toContain('ciudad-hidalgo');
    expect(r.destinations).toContain('nuevo-laredo');
    expect(r.routablePairs + r.unroutable.length).toBe(r.pairs);
    for (const kind of ['checkpoints', 'territories', 'highways']) {
      const shares = r[kind].map((c: any) => c.share);
      expect(shares.length).toBeGreaterThan(0);
      expect(shares).toEqual([...shares].sort((a: number, b: number) => b - a));
      for (const c of r[kind]) {
        expect(c.share).toBeCloseTo(c.pairs / r.routablePairs, 3);
        if (c.alternative.pairs) expect(c.alternative.meanExtraKm).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('rejects an unknown origin, naming it', async () => {
    const res = await fetch(`${srv.base}/network/chokepoints?origins=atlantis`);
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].path).toBe('query.origins');
  });
});
