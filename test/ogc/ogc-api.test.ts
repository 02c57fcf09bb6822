import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LAYERS } from '../../src/layers/catalog.js';
import { useServer } from '../support/server.js';
import { countDuring, countOn, daysOf, fileFeatures, idsOn } from './expected.js';

// OGC API - Features Part 1 at /ogc, checked against the standard's own schemas (vendored in schemas/) and
// against counts computed here from the geodata files.

const srv = useServer();
const get = (path: string, headers: Record<string, string> = {}) => fetch(srv.base + path, { headers });
const json = async (path: string) => {
  const res = await get(path);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return res.json() as Promise<any>;
};

const oas = parse(readFileSync(new URL('./schemas/ogcapi-features-1.yaml', import.meta.url), 'utf8'));
// OpenAPI 3.0 schemas: `nullable` is understood by Ajv's OpenAPI support; `example` is documentation.
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)));
ajv.addSchema({ ...oas, $id: 'ogc' });
const schema = (name: string): ValidateFunction => ajv.getSchema(`ogc#/components/schemas/${name}`)!;
const expectValid = (name: string, doc: unknown) => {
  const v = schema(name);
  expect(v(doc), `${name}: ${ajv.errorsText(v.errors)}`).toBe(true);
};

const DATE = '2021-03-15';
const THEMATIC = LAYERS.filter((l) => l.kind === 'thematic').map((l) => l.id);

describe('the vendored schemas are live', () => {
  it('reject documents that break them', () => {
    expect(schema('confClasses')({ conformsTo: 'core' })).toBe(false);
    expect(schema('featureCollectionGeoJSON')({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [1] }, properties: {} }] })).toBe(false);
    expect(schema('exception')({ detail: 'no code' })).toBe(false);
  });
});

describe('landing page, conformance, API definition', () => {
  it('links the API definition (OpenAPI 3.0), its documentation, conformance and the collections', async () => {
    const res = await get('/ogc');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expectValid('landingPage', body);
    const rel = (r: string) => body.links.find((l: any) => l.rel === r);
    expect(rel('service-desc')).toMatchObject({ type: 'application/vnd.oai.openapi+json;version=3.0', href: `${srv.base}/ogc/api` });
    expect(rel('service-doc').type).toBe('text/html');
    expect(rel('conformance').href).toBe(`${srv.base}/ogc/conformance`);
    expect(rel('data').href).toBe(`${srv.base}/ogc/collections`);
    expect(rel('self').type).toBe('application/json');
    expect(rel('alternate').type).toBe('text/html');
  });

  it('declares Core, GeoJSON, HTML and OpenAPI 3.0', async () => {
    const body = await json('/ogc/conformance');
    expectValid('confClasses', body);
    expect(body.conformsTo.sort()).toEqual(
      ['core', 'geojson', 'html', 'oas30'].map((c) => `http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${c}`),
    );
  });

  it('serves an OpenAPI 3.0 definition with the items path and filters of every collection', async () => {
    const res = await get('/ogc/api');
    expect(res.headers.get('content-type')).toMatch(/^application\/vnd\.oai\.openapi\+json;\s*version=3\.0/);
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\.0\.\d$/);
    expect(doc.servers[0].url).toBe(`${srv.base}/ogc`);
    for (const l of LAYERS) expect(doc.paths[`/collections/${l.id}/items`], l.id).toBeDefined();
    const names = doc.paths['/collections/territories/items'].get.parameters.map((p: any) => p.name ?? p.$ref);
    expect(names).toEqual(expect.arrayContaining(['group', 'confidence', 'presence', '#/components/parameters/datetime']));
    const groups = doc.paths['/collections/territories/items'].get.parameters.find((p: any) => p.name === 'group').schema.items.enum;
    expect(groups.sort()).toEqual([...new Set(fileFeatures('territories').map((f) => f.properties.group))].sort());
  });
});

describe('collections', () => {
  it('lists every layer with items links, CRS84 and an extent the files support', async () => {
    const body = await json('/ogc/collections');
    expectValid('collections', body);
    expect(body.collections.map((c: any) => c.id)).toEqual(LAYERS.map((l) => l.id));
    for (const c of body.collections) {
      const items = c.links.filter((l: any) => l.rel === 'items').map((l: any) => l.type);
      expect(items.sort(), c.id).toEqual(['application/geo+json', 'text/html']);
      expect(c.crs).toEqual(['http://www.opengis.net/def/crs/OGC/1.3/CRS84']);
    }
    // spatial extent of the checkpoints = the min/max of their coordinates in the file
    const cp = body.collections.find((c: any) => c.id === 'checkpoints');
    const xs = fileFeatures('checkpoints').map((f) => f.geometry!.coordinates[0]);
    const ys = fileFeatures('checkpoints').map((f) => f.geometry!.coordinates[1]);
    expect(cp.extent.spatial.bbox[0]).toEqual([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
  });

  it('gives the temporal interval of the evidence dates, open where a fact has no end', async () => {
    const flights = fileFeatures('expulsion-flights').map((f) => f.properties);
    const first = flights.map((p) => daysOf(p.observed.from)[0]).sort()[0];
    const c = await json('/ogc/collections/expulsion-flights');
    expectValid('collection', c);
    // Mexico's own internal flights (INM) have no documented end: they are believed to go on, so the end is open
    expect(flights.some((p) => !p.ended)).toBe(true);
    expect(c.extent.temporal.interval).toEqual([[`${first}T00:00:00Z`, null]]);
    // checkpoints with no documented end hold on: the interval is open at its end
    expect((await json('/ogc/collections/checkpoints')).extent.temporal.interval[0][1]).toBeNull();
    // base layers are not dated
    expect((await json('/ogc/collections/states')).extent.temporal).toBeUndefined();
  });

  it('answers 404 with an exception for an unknown collection', async () => {
    const res = await get('/ogc/collections/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await res.json();
    expectValid('exception', body);
    expect(body.detail).toMatch(/territories/);
  });
});

describe('items', () => {
  it('returns valid GeoJSON pages with numberMatched as the files count on a date, for every collection', async () => {
    for (const l of LAYERS) {
      const res = await get(`/ogc/collections/${l.id}/items?datetime=${DATE}&limit=3`);
      expect(res.headers.get('content-type'), l.id).toMatch(/^application\/geo\+json/);
      const body = await res.json();
      expectValid('featureCollectionGeoJSON', body);
      expect(body.numberMatched, l.id).toBe(countOn(l.id, DATE));
      expect(body.numberReturned).toBe(body.features.length);
      expect(body.features.length).toBe(Math.min(3, body.numberMatched));
    }
  });

  it('takes date-times, closed and open intervals', async () => {
    const n = async (dt: string) => (await json(`/ogc/collections/territories/items?datetime=${encodeURIComponent(dt)}`)).numberMatched;
    expect(await n('2021-03-15T23:30:00Z')).toBe(countOn('territories', DATE));
    expect(await n('2021-03-15T23:30:00-02:00')).toBe(countOn('territories', '2021-03-16')); // 01:30 UTC next day
    expect(await n('2019-01-01/2020-12-31')).toBe(countDuring('territories', '2019-01-01', '2020-12-31'));
    expect(await n('../2015-01-01')).toBe(countDuring('territories', undefined, '2015-01-01'));
    expect(await n('2023-06-01/..')).toBe(countDuring('territories', '2023-06-01', undefined));
    expect(await n('2019-01-01/2020-12-31')).toBeGreaterThan(await n('2019-01-01'));
  });

  it('uses the same default date as the rest of the API when datetime is absent', async () => {
    for (const id of THEMATIC) {
      const ogc = await json(`/ogc/collections/${id}/items?limit=10000`);
      const layer = await json(`/layers/${id}`);
      expect(ogc.numberMatched, id).toBe(layer.features.length);
      expect(ogc.features.map((f: any) => f.id)).toEqual(layer.features.map((f: any) => f.id));
    }
  });

  it('pages with limit/offset through next and prev links until every feature is seen once', async () => {
    const seen: string[] = [];
    let url: string | undefined = `/ogc/collections/checkpoints/items?datetime=${DATE}&limit=7`;
    let pages = 0;
    while (url) {
      const body: any = await json(url.replace(srv.base, ''));
      seen.push(...body.features.map((f: any) => f.id));
      const next = body.links.find((l: any) => l.rel === 'next');
      if (pages > 0) expect(body.links.find((l: any) => l.rel === 'prev')).toBeDefined();
      if (next) expect(next.type).toBe('application/geo+json');
      url = next?.href;
      pages++;
    }
    expect(seen.sort()).toEqual(idsOn('checkpoints', DATE).sort());
    expect(pages).toBe(Math.ceil(seen.length / 7));
  });

  it('filters by bbox, group, agency and confidence as the files say', async () => {
    const box = [-100, 25, -97, 28];
    const inBox = fileFeatures('checkpoints').filter((f) => {
      const [x, y] = f.geometry!.coordinates;
      return x >= box[0]! && x <= box[2]! && y >= box[1]! && y <= box[3]!;
    });
    const byBox = await json(`/ogc/collections/checkpoints/items?datetime=2000-01-01/..&limit=1000&bbox=${box.join(',')}`);
    expect(byBox.features.map((f: any) => f.id).sort()).toEqual(inBox.map((f) => f.properties.id).sort());

    const inm = await json(`/ogc/collections/checkpoints/items?datetime=2000-01-01/..&agency=inm&limit=1000`);
    expect(inm.numberMatched).toBe(fileFeatures('checkpoints').filter((f) => f.properties.agency === 'inm').length);
    expect(inm.features.every((f: any) => f.properties.agency === 'inm')).toBe(true);

    const cjng = await json(`/ogc/collections/territories/items?datetime=1900-01-01/..&group=cjng,sinaloa-cartel&confidence=high`);
    const expected = fileFeatures('territories').filter((f) => ['cjng', 'sinaloa-cartel'].includes(f.properties.group) && f.properties.confidence === 'high');
    expect(cjng.numberMatched).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('gives every feature of a collection the same properties, null where a fact is absent', async () => {
    const body = await json(`/ogc/collections/checkpoints/items?datetime=2000-01-01/..&limit=1000`);
    const keys = body.features.map((f: any) => Object.keys(f.properties).join(','));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0].split(',')).toEqual(expect.arrayContaining(['agency', 'observed', 'ended', 'km']));
    expect(keys[0].split(',')).not.toContain('id'); // the feature's id member carries it
    expect(body.features.map((f: any) => f.id).sort()).toEqual(fileFeatures('checkpoints').map((f) => f.properties.id).sort());
  });

  it('answers 400 exceptions naming the parameter for unknown parameters and bad values', async () => {
    const cases: [string, RegExp][] = [
      ['foo=1', /query\.foo/],
      ['datetime=2021-13-01', /query\.datetime/],
      ['datetime=../..', /query\.datetime/],
      ['datetime=2022-01-01/2021-01-01', /after its end/],
      ['bbox=1,2,3', /query\.bbox/],
      ['bbox=-100,30,-90,20', /latitude/],
      ['limit=0', /query\.limit/],
      ['limit=ten', /query\.limit/],
      ['offset=-1', /query\.offset/],
      ['group=nobody', /query\.group.*cjng/],
      ['agency=inm', /query\.agency/], // territories take no agency filter
      ['f=xml', /query\.f/],
    ];
    for (const [q, detail] of cases) {
      const res = await get(`/ogc/collections/territories/items?${q}`);
      expect(res.status, q).toBe(400);
      const body = await res.json();
      expectValid('exception', body);
      expect(body.detail, q).toMatch(detail);
    }
  });

  it('lowers a limit above the maximum to the maximum', async () => {
    const body = await json('/ogc/collections/migrant-deaths/items?limit=20000');
    expect(body.numberReturned).toBe(10000 < body.numberMatched ? 10000 : body.numberMatched);
    expect(body.links.find((l: any) => l.rel === 'next')?.href ?? '').not.toMatch(/limit=20000/);
  });
});

describe('one feature', () => {
  it('is valid GeoJSON with self and collection links; 404 when absent or not valid at datetime', async () => {
    const f = fileFeatures('territories').find((x) => x.properties.ended)!;
    const res = await get(`/ogc/collections/territories/items/${f.properties.id}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const body = await res.json();
    expectValid('featureGeoJSON', body);
    expect(body.id).toBe(f.properties.id);
    expect(body.links.map((l: any) => l.rel)).toEqual(expect.arrayContaining(['self', 'alternate', 'collection']));
    const after = `${Number(daysOf(f.properties.ended.date)[1].slice(0, 4)) + 1}-06-01`;
    const late = await get(`/ogc/collections/territories/items/${f.properties.id}?datetime=${after}`);
    expect(late.status).toBe(404);
    expectValid('exception', await late.json());
    expect((await get('/ogc/collections/territories/items/no-such-thing')).status).toBe(404);
  });
});

describe('HTML', () => {
  it('answers f=html and browsers (Accept: text/html) with pages whose links lead on', async () => {
    for (const path of ['/ogc', '/ogc/conformance', '/ogc/api', '/ogc/collections', '/ogc/collections/territories', `/ogc/collections/territories/items?datetime=${DATE}`]) {
      const res = await get(`${path}${path.includes('?') ? '&' : '?'}f=html`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toMatch(/^<!doctype html>/);
    }
    const browser = await get('/ogc/collections', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(browser.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await (await get(`/ogc/collections/checkpoints/items?f=html&datetime=${DATE}&limit=5`)).text();
    expect(page).toMatch(/rel="next"/);
    expect(page).toContain(`of ${countOn('checkpoints', DATE)}`);
  });
});
