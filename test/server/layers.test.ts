import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../src/layers/catalog.js';
import { DEFAULT_GEODATA_DIR } from '../../src/layers/load.js';
import { useServer } from '../support/server.js';

const srv = useServer();

const get = (path: string) => fetch(srv.base + path);
const fileFeatures = async (file: string) => JSON.parse(await readFile(join(DEFAULT_GEODATA_DIR, file), 'utf8')).features as any[];

describe('GET /health and /layers', () => {
  it('answers 200 once the layers are loaded', async () => {
    const res = await get('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', version: expect.stringMatching(/^[0-9a-f]{12}$/) });
  });

  it('lists every layer with the feature count of its file and fields from the schema', async () => {
    const body = await (await get('/layers')).json();
    expect(body.layers.map((l: any) => l.id)).toEqual(LAYERS.map((l) => l.id));
    for (const def of LAYERS) {
      const listed = body.layers.find((l: any) => l.id === def.id);
      expect(listed.featureCount, def.id).toBe((await fileFeatures(def.file)).length);
    }
    const checkpoints = body.layers.find((l: any) => l.id === 'checkpoints');
    expect(checkpoints.fields).toMatchObject({ id: 'string', agency: 'string', confidence: 'string', sources: 'array' });
  });
});

describe('GET /layers/{id}', () => {
  it('serves territories with the polygons built from their units', async () => {
    const res = await get('/layers/territories?as_of=all');
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const fc = await res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBe((await fileFeatures('territories.geojson')).length);
    for (const f of fc.features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
  });

  it('filters port roles by as_of: no CBP One before 2023, no Title 42 after May 2023', async () => {
    const roles = async (asOf: string) =>
      (await (await get(`/layers/ports?as_of=${asOf}`)).json()).features.flatMap((f: any) => f.properties.roles.map((r: any) => r.role));
    const in2020 = await roles('2020-06-01');
    expect(in2020).not.toContain('cbp-one');
    expect(in2020).toContain('mpp-return');
    const in2024 = await roles('2024-01-01');
    expect(in2024).not.toContain('title42-expulsion');
    expect(in2024).toContain('cbp-one');
    // all 28 ports stay on the map whatever the date
    expect((await (await get('/layers/ports?as_of=1990-01-01')).json()).features).toHaveLength(28);
  });

  it('filters by bbox to exactly the features inside it', async () => {
    const box = [-100, 25, -97, 28];
    const fc = await (await get(`/layers/ports?as_of=all&bbox=${box.join(',')}`)).json();
    const inside = (await fileFeatures('ports.geojson')).filter(({ geometry: { coordinates: [x, y] } }) => x >= box[0]! && x <= box[2]! && y >= box[1]! && y <= box[3]!);
    expect(fc.features.map((f: any) => f.id).sort()).toEqual(inside.map((f) => f.properties.id).sort());
    expect(inside.length).toBeGreaterThan(3);
  });

  it('returns one feature by id', async () => {
    const f = await (await get('/layers/ports/2304')).json();
    expect(f).toMatchObject({ type: 'Feature', id: '2304', properties: { portName: 'Laredo', mxPlace: 'nuevo-laredo' } });
  });
});

describe('bad requests get a JSON problem', () => {
  const problem = async (path: string, status: number) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await res.json();
    expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    return body;
  };

  it('404 for an unknown layer, feature, source or route', async () => {
    expect((await problem('/layers/cartels', 404)).detail).toContain('unknown layer "cartels"');
    expect((await problem('/layers/ports/9999', 404)).detail).toBe('no feature "9999" in layer "ports"');
    await problem('/sources/nope', 404);
    await problem('/no/such/path', 404);
  });

  it('400 naming the parameter for a bad as_of or bbox', async () => {
    expect((await problem('/layers/ports?as_of=2023-02-30', 400)).errors).toEqual([
      { path: 'query.as_of', message: 'must be "latest", "all", a year YYYY, a month YYYY-MM, a day YYYY-MM-DD, a period FROM..TO, or a policy name (GET /policies)' },
    ]);
    expect((await problem('/layers/ports?as_of=2021..2019', 400)).errors).toEqual([
      { path: 'query.as_of', message: '"2021..2019": the period ends (2019-12-31) before it begins (2021-01-01)' },
    ]);
    expect((await problem('/layers/ports?staleAfterMonths=-1', 400)).errors[0].path).toBe('query.staleAfterMonths');
    expect((await problem('/layers/ports?bbox=1,2,3', 400)).errors[0].path).toBe('query.bbox');
    expect((await problem('/layers/ports?bbox=10,0,-10,5', 400)).errors[0].message).toContain('min must not exceed max');
    expect((await problem('/layers/ports?bbox=-200,0,10,5', 400)).errors[0].message).toContain('-180..180');
  });
});

describe('GET /sources', () => {
  it('lists the bibliography the features cite', async () => {
    const { sources } = await (await get('/sources')).json();
    const ids = new Set(sources.map((s: any) => s.id));
    expect(ids.has('ic2023')).toBe(true);
    for (const file of ['routes.geojson', 'checkpoints.geojson', 'territories.geojson', 'ports.geojson', 'expulsion-flights.geojson']) {
      for (const f of await fileFeatures(file)) for (const s of f.properties.sources) expect(ids.has(s), `${f.properties.id} cites ${s}`).toBe(true);
    }
  });
});
