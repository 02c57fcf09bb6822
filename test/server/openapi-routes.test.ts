// Every route the server registers is in the OpenAPI document (the OGC routes, mounted at /ogc, have their own
// document at /ogc/api), with the statuses the service adds to every answer.
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedLayers } from '../support/shipped-layers.js';
import { openApiDocument } from '../../src/server/openapi.js';
import { registeredRoutes, undocumented, withServerApp, type OpenApiDoc } from '../support/routes.js';

describe('OpenAPI matches the server', () => {
  let layers: Awaited<ReturnType<typeof shippedLayers>>;
  beforeAll(async () => {
    layers = await shippedLayers();
  });

  it('documents every registered route and method, the tile endpoint and the /ogc mount', async () => {
    const doc = openApiDocument() as OpenApiDoc;
    await withServerApp(layers, (app) => {
      expect(registeredRoutes(app).length).toBeGreaterThan(25);
      expect(undocumented(app, doc)).toEqual([]);
    });
    // tiles bypass express (hot path): documented all the same, with their zoom range
    const tile = doc.paths['/tiles/{source}/{z}/{x}/{y}.mvt']!.get as unknown as { parameters: { name: string; schema: { maximum?: number } }[]; responses: object };
    expect(tile.parameters.find((p) => p.name === 'z')!.schema.maximum).toBe(12);
    expect(Object.keys(tile.responses)).toEqual(expect.arrayContaining(['200', '204', '304', '400', '404', '500']));
    expect(doc.paths['/ogc']).toBeDefined();
  });

  it('names a route registered without documentation', async () => {
    await withServerApp(layers, (app) => {
      app.get('/layers/:layer/undocumented', (_req, res) => void res.end());
      app.post('/health', (_req, res) => void res.end()); // a documented path, an undocumented method
      expect(undocumented(app, openApiDocument() as OpenApiDoc)).toEqual(['get /layers/{layer}/undocumented', 'post /health']);
    });
  });

  it('lists the service statuses: 429 and 503 on heavy endpoints, 500 and X-Request-Id everywhere', () => {
    const doc = openApiDocument() as OpenApiDoc;
    for (const p of ['/exposure', '/exposure/batch']) expect(Object.keys(doc.paths[p]!.post!.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '429', '500', '503']));
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item)) {
        expect(op.responses['500']).toBeDefined();
        for (const r of Object.values(op.responses)) expect(r.headers?.['X-Request-Id']).toBeDefined();
      }
    }
  });
});
