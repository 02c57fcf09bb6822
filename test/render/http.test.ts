import { describe, expect, it } from 'vitest';
import { MAX_OVERLAY_FEATURES } from '../../src/render/overlay-input.js';
import { useServer } from '../support/server.js';
import { colourDistance, decode, expectedPixel } from './png.js';

const server = useServer();

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.base + path, { headers });
const post = (body: unknown) =>
  fetch(`${server.base}/static`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function problem(res: Response): Promise<{ detail: string; errors: { path: string; message: string }[] }> {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return res.json();
}

describe('GET /static/{camera}/{width}x{height}[@2x].png', () => {
  it('draws a PNG of the asked size, @2x doubling it', async () => {
    const res = await get('/static/auto/320x200.png?as_of=2023-05-01');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const img = decode(Buffer.from(await res.arrayBuffer()));
    expect([img.width, img.height]).toEqual([320, 200]);
    const two = decode(Buffer.from(await (await get('/static/-106.4,31.3,8/320x200@2x.png?layers=checkpoints&legend=false&as_of=all')).arrayBuffer()));
    expect([two.width, two.height]).toEqual([640, 400]);
    // The Samalayuca army checkpoint, black, where the formula puts it.
    const [x, y] = expectedPixel(-106.45634, 31.33758, -106.4, 31.3, 8, 320, 200, 2);
    expect(colourDistance(two.pixel(x, y), [0, 0, 0])).toBeLessThanOrEqual(8);
  });

  it('draws a stored route with its exposure, a box camera and a title', async () => {
    const res = await get('/static/-101.5,25.4,-99.8,28.9/400x500.png?route=central-piedras-negras&as_of=2022-10-15&title=Monterrey%20to%20Piedras%20Negras&bufferKm=3&padding=8');
    expect(res.status).toBe(200);
    expect(decode(Buffer.from(await res.arrayBuffer())).height).toBe(500);
  });

  it('answers an ETag and Cache-Control; 304 when the ETag matches', async () => {
    const path = '/static/auto/200x150.png?as_of=2023-05-01&layers=territories';
    const first = await get(path);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]{20}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    const again = await get(path, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
  });

  it('the ETag follows the normalised options: defaults spelt out give the same image, a change another', async () => {
    const etag = async (path: string) => (await get(path)).headers.get('etag');
    const base = await etag('/static/auto/200x150.png?as_of=2023-05-01&layers=territories,ports');
    expect(await etag('/static/auto/200x150.png?layers=ports,territories&legend=true&bufferKm=5&asOf=2023-05-01')).toBe(base);
    expect(await etag('/static/auto/200x150.png?as_of=2023-05-01&layers=territories,ports&legend=false')).not.toBe(base);
    expect(await etag('/static/auto/200x150@2x.png?as_of=2023-05-01&layers=territories,ports')).not.toBe(base);
  });

  it('a URL pinned to the data version is immutable', async () => {
    const res = await get(`/static/auto/100x100.png?as_of=2023-05-01&v=${server.layers.version}`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});

describe('GET /static: every fault is a 400 naming it', () => {
  it.each([
    ['/static/nowhere/200x200.png', 'path.camera', /must be "auto"/],
    ['/static/-99,25,-101,29/200x200.png', 'path.camera', /min must be less than max/],
    ['/static/-100,25,22/200x200.png', 'path.camera', /zoom must be within 0..18/],
    ['/static/-100,88,5/200x200.png', 'path.camera', /latitude/],
    ['/static/auto/200x200.jpg', 'path.size', /must be \{width\}x\{height\}\.png/],
    ['/static/auto/big.png', 'path.size', /must be/],
    ['/static/auto/32x200.png', 'path.size', /width × scale is 32 px; it must be within 64..2048/],
    ['/static/auto/1500x200@2x.png', 'path.size', /width × scale is 3000 px/],
    ['/static/auto/200x200@4x.png', 'path.size', /must be 1, 2 or 3/],
    ['/static/auto/200x200.png?padding=wide', 'query.padding', /must be a number/],
    ['/static/auto/200x200.png?padding=300', 'query.padding', /at most 256/],
    ['/static/auto/200x200.png?padding=90', 'query.padding', /leaves less than 32 px of map/],
    ['/static/auto/200x200.png?layers=routes,motorways', 'query.layers', /unknown layer "motorways"/],
    ['/static/auto/200x200.png?as_of=2023-02-30', 'query.as_of', /YYYY-MM-DD/],
    ['/static/auto/200x200.png?asOf=yesterday', 'query.asOf', /YYYY-MM-DD/],
    ['/static/auto/200x200.png?route=nowhere-to-go', 'query.route', /unknown route "nowhere-to-go"/],
    ['/static/auto/200x200.png?route=Not%20An%20Id', 'query.route', /stored route id/],
    ['/static/auto/200x200.png?bufferKm=500', 'query.bufferKm', /at most 100 km/],
    ['/static/auto/200x200.png?legend=maybe', 'query.legend', /true or false/],
    [`/static/auto/200x200.png?title=${'x'.repeat(121)}`, 'query.title', /at most 120 characters/],
    ['/static/auto/200x200.png?title=a%0Ab', 'query.title', /control characters/],
    ['/static/auto/200x200.png?legnd=false', 'query.legnd', /unknown parameter/],
  ])('%s -> %s', async (path, at, message) => {
    const body = await problem(await get(path));
    expect(body.errors.map((e) => e.path)).toContain(at);
    expect(body.errors.find((e) => e.path === at)!.message).toMatch(message);
    expect(body.detail).toContain(at);
  });

  it('reports every fault at once', async () => {
    const body = await problem(await get('/static/auto/20x20.png?padding=-1&layers=x'));
    expect(body.errors.map((e) => e.path).sort()).toEqual(['query.layers', 'query.padding']);
  });
});

describe('POST /static', () => {
  const square = (lon: number, lat: number, d: number) => [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]];

  it('draws overlays in their simplestyle colours and a posted route with its exposure', async () => {
    const res = await post({
      camera: '-100.3,25.7,7',
      width: 400,
      height: 300,
      asOf: '2022-10-15',
      legend: false,
      route: { type: 'Feature', properties: { name: 'Monterrey to Nuevo Laredo' }, geometry: { type: 'LineString', coordinates: [[-100.318, 25.675], [-99.507, 27.476]] } },
      overlays: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { fill: '#ff0000', 'fill-opacity': 1, stroke: '#000000' }, geometry: { type: 'Polygon', coordinates: square(-101.0, 25.2, 0.1) } },
          { type: 'Feature', properties: { 'marker-color': '#0000ff', 'marker-size': 'large', 'marker-symbol': 'A' }, geometry: { type: 'Point', coordinates: [-99.8, 25.3] } },
          { type: 'Feature', properties: { stroke: '#00aa00', 'stroke-width': 4 }, geometry: { type: 'LineString', coordinates: [[-101.2, 26.4], [-100.6, 26.4]] } },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('etag')).toBeTruthy();
    const img = decode(Buffer.from(await res.arrayBuffer()));
    const at = (lon: number, lat: number) => img.pixel(...expectedPixel(lon, lat, -100.3, 25.7, 7, 400, 300));
    expect(colourDistance(at(-101.0, 25.2), [255, 0, 0])).toBeLessThanOrEqual(4);
    expect(colourDistance(at(-100.9, 26.4), [0, 0xaa, 0])).toBeLessThanOrEqual(12);
    // The pin's head sits above its tip: 1.7 radii (large: 9 px) up.
    const [px, py] = expectedPixel(-99.8, 25.3, -100.3, 25.7, 7, 400, 300);
    expect(colourDistance(img.pixel(px - 6, py - 15), [0, 0, 255])).toBeLessThanOrEqual(12);
  });

  it('accepts a single Feature as overlays and as_of as a body member', async () => {
    const res = await post({ width: 200, height: 150, as_of: '2023-05-01', overlays: { type: 'Feature', properties: null, geometry: { type: 'Point', coordinates: [-100, 25] } } });
    expect(res.status).toBe(200);
  });

  it.each([
    ['malformed JSON', '{"width": 200,', 'body', /JSON|Unexpected|Expected/],
    ['an array', [1, 2], 'body', /JSON object/],
    ['no width', { height: 200 }, 'body.width', /integer number of px/],
    ['too wide', { width: 3000, height: 200 }, 'body.width', /within 64..2048/],
    ['a bad scale', { width: 200, height: 200, scale: 1.5 }, 'body.scale', /1, 2 or 3/],
    ['a bad camera', { camera: 'everywhere', width: 200, height: 200 }, 'body.camera', /must be "auto"/],
    ['an unknown option', { width: 200, height: 200, zoom: 5 }, 'body.zoom', /unknown option/],
    [
      'a bad overlay colour',
      {
        width: 200, height: 200,
        overlays: { type: 'FeatureCollection', features: [0, 1, 2].map((i) => ({ type: 'Feature', properties: i === 2 ? { stroke: 'red' } : {}, geometry: { type: 'Point', coordinates: [-100, 25] } })) },
      },
      'body.overlays.features[2].properties.stroke',
      /hex colour/,
    ],
    [
      'an overlay opacity out of range',
      { width: 200, height: 200, overlays: { type: 'Feature', properties: { 'fill-opacity': 2 }, geometry: { type: 'Point', coordinates: [-100, 25] } } },
      'body.overlays.properties.fill-opacity',
      /within 0..1/,
    ],
    [
      'an open ring',
      { width: 200, height: 200, overlays: { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[-100, 25], [-99, 25], [-99, 26], [-100, 26]]] } } },
      'body.overlays.geometry.coordinates[0]',
      /closed/,
    ],
    [
      'an overlay position out of range',
      { width: 200, height: 200, overlays: { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[-100, 25], [-100, 95]] } } },
      'body.overlays.geometry.coordinates[1][1]',
      /latitude/,
    ],
    ['overlays that are not GeoJSON', { width: 200, height: 200, overlays: { type: 'Topology' } }, 'body.overlays.type', /Feature or FeatureCollection/],
    [
      'too many overlays',
      {
        width: 200, height: 200,
        overlays: { type: 'FeatureCollection', features: Array.from({ length: MAX_OVERLAY_FEATURES + 1 }, () => ({ type: 'Feature', properties: {}, geometry: null })) },
      },
      'body.overlays.features',
      /at most 5000/,
    ],
    ['a bad route', { width: 200, height: 200, route: { type: 'LineString', coordinates: [[-100, 25], [-100, 95]] } }, 'body.route.coordinates[1][1]', /latitude/],
    ['an unknown stored route', { width: 200, height: 200, route: 'nowhere-to-go' }, 'body.route', /unknown route/],
  ])('%s -> 400 naming the fault', async (_name, body, at, message) => {
    const res = await post(body);
    const p = await problem(res);
    if (at === 'body' && typeof body === 'string') {
      expect(p.detail).toMatch(message);
      return;
    }
    expect(p.errors.map((e) => e.path)).toContain(at);
    expect(p.errors.find((e) => e.path === at)!.message).toMatch(message);
  });
});

describe('time limit', () => {
  it('a render past the limit is a 503 problem, never a hang', async () => {
    const express = (await import('express')).default;
    const { staticRouter } = await import('../../src/server/static-routes.js');
    const { HttpProblem, sendProblem } = await import('../../src/server/problem.js');
    const app = express();
    app.use(staticRouter(server.layers, { renderTimeLimitMs: 1 }));
    app.use(((err, _req, res, _next) => sendProblem(res, err instanceof HttpProblem ? err : new HttpProblem(500, 'internal error'))) as import('express').ErrorRequestHandler);
    const listener = app.listen(0, '127.0.0.1');
    await new Promise((r) => listener.once('listening', r));
    try {
      const { port } = listener.address() as import('node:net').AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/static/auto/2048x2048.png?as_of=2023-05-01&layers=territories,municipalities,migrant-deaths`);
      expect(res.status).toBe(503);
      expect((await res.json()).detail).toMatch(/longer than 1 ms/);
    } finally {
      await new Promise((r) => listener.close(r));
    }
  });
});

describe('HEAD /static', () => {
  it('answers the headers of the image', async () => {
    const res = await fetch(`${server.base}/static/auto/120x100.png?as_of=2023-05-01`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(100);
  });
});
