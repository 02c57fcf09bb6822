// Property tests over HTTP (fast-check, bounded runs, fixed seeds): generated valid requests get 2xx, generated
// invalid ones a 4xx JSON problem, and nothing ever a 5xx.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../src/layers/catalog.js';
import { useServer } from '../support/server.js';

const srv = useServer();
const RUNS = { numRuns: 40, seed: 1101 };

async function call(path: string, init?: RequestInit) {
  const res = await fetch(srv.base + path, init);
  const body = await res.arrayBuffer();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(body) };
}
const isProblem = (r: { status: number; type: string; body: Buffer }) => r.status >= 400 && r.status < 500 && r.type.startsWith('application/problem+json') && typeof JSON.parse(r.body.toString()).detail === 'string';

const date = fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const lon = fc.double({ min: -118, max: -87, noNaN: true });
const lat = fc.double({ min: 15, max: 32, noNaN: true });
const junk = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '0x10', 'NaN', '-1', '1e999', '2023-02-30', 'all;drop', '%00', '..%2F..'));

describe('GET /layers/{layer}', () => {
  it('valid layer, date and bbox: 200 GeoJSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...LAYERS.map((l) => l.id)), date, lon, lat, fc.double({ min: 0.1, max: 10, noNaN: true }), async (layer, asOf, x, y, d) => {
        const r = await call(`/layers/${layer}?as_of=${asOf}&bbox=${x},${y},${Math.min(180, x + d)},${Math.min(90, y + d)}`);
        expect(r.status).toBe(200);
        expect(JSON.parse(r.body.toString()).type).toBe('FeatureCollection');
      }),
      RUNS,
    );
  });

  it('anything else: a 4xx problem, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...LAYERS.map((l) => l.id)), junk), junk, junk, async (layer, asOf, bbox) => {
        const r = await call(`/layers/${encodeURIComponent(layer)}?as_of=${encodeURIComponent(asOf)}&bbox=${encodeURIComponent(bbox)}`);
        expect(r.status).toBeLessThan(500);
        if (r.status !== 200) expect(isProblem(r)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('GET /tiles/{source}/{z}/{x}/{y}.mvt', () => {
  it('valid addresses: 200 or 204; invalid ones: a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 14 }), fc.integer({ min: -2, max: 5000 }), fc.integer({ min: -2, max: 5000 }), fc.oneof(fc.constantFrom('gauntlet', 'routes,checkpoints', 'territories'), junk), async (z, x, y, source) => {
        const r = await call(`/tiles/${encodeURIComponent(source)}/${z}/${x}/${y}.mvt`);
        expect(r.status).toBeLessThan(500);
        const valid = ['gauntlet', 'routes,checkpoints', 'territories'].includes(source) && z <= 12 && x >= 0 && y >= 0 && x < 2 ** z && y < 2 ** z;
        if (valid) expect([200, 204]).toContain(r.status);
        else expect(isProblem(r)).toBe(true);
      }),
      { numRuns: 80, seed: 1102 },
    );
  });
});

const route = fc.array(fc.tuple(lon, lat), { minLength: 2, maxLength: 30 }).map((coordinates) => ({ type: 'LineString', coordinates }));

describe('POST /exposure and /exposure/batch', () => {
  it('generated routes in Mexico with valid options: 200', async () => {
    await fc.assert(
      fc.asyncProperty(route, fc.double({ min: 0, max: 100, noNaN: true }), date, async (r, bufferKm, asOf) => {
        const res = await call(`/exposure?bufferKm=${bufferKm}&as_of=${asOf}`, { method: 'POST', body: JSON.stringify(r) });
        expect(res.status).toBe(200);
        expect(JSON.parse(res.body.toString()).summary).toBeDefined();
      }),
      { numRuns: 25, seed: 1103 },
    );
  });

  it('arbitrary JSON and broken bodies: a 4xx problem, never a 5xx', async () => {
    const body = fc.oneof(
      fc.json({ depthSize: 'small' }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ type: 'Feature', properties: v, geometry: { type: 'LineString', coordinates: v } })),
      fc.string({ maxLength: 40 }),
      route.map((r) => JSON.stringify({ route: r, bufferKm: 'x' })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/exposure', '/exposure/batch'), body, async (path, text) => {
        const r = await call(path, { method: 'POST', body: text, headers: { 'content-type': 'application/json' } });
        expect(r.status).toBeLessThan(500);
        if (r.status !== 200) expect(isProblem(r)).toBe(true);
      }),
      { numRuns: 60, seed: 1104 },
    );
  });

  it('generated batches: 200 with one result per route, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(route, { minLength: 1, maxLength: 8 }), async (routes) => {
        const fcol = { type: 'FeatureCollection', features: routes.map((g, i) => ({ type: 'Feature', id: `r${i}`, properties: {}, geometry: g })) };
        const r = await call('/exposure/batch', { method: 'POST', body: JSON.stringify(fcol) });
        expect(r.status).toBe(200);
        const out = JSON.parse(r.body.toString());
        expect(out.keys).toEqual(routes.map((_, i) => `r${i}`));
      }),
      { numRuns: 15, seed: 1105 },
    );
  });
});

describe('GET /static', () => {
  it('small images of any camera and option: 2xx or a 4xx problem, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant('auto'), fc.tuple(lon, lat, fc.integer({ min: 0, max: 14 })).map((t) => t.join(',')), junk), fc.integer({ min: 0, max: 300 }), fc.oneof(fc.constant(undefined), junk), async (camera, px, padding) => {
        const q = padding === undefined ? '' : `&padding=${encodeURIComponent(padding)}`;
        const r = await call(`/static/${encodeURIComponent(camera)}/${px}x${px}.png?as_of=2023-05-01${q}`);
        expect(r.status).toBeLessThan(500);
        if (r.status !== 200) expect(isProblem(r)).toBe(true);
      }),
      { numRuns: 12, seed: 1106 },
    );
  });
});
