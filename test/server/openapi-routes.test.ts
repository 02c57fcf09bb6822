// Every route the server registers is in the OpenAPI document (the OGC routes, mounted at /ogc, have their own
// document at /ogc/api), with the statuses the service adds to every answer.
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedLayers } from '../support/shipped-layers.js';
import { createApp } from '../../src/server/app.js';
import { openApiDocument } from '../../src/server/openapi.js';

type Layer = { route?: { path: string | string[]; methods: Record<string, boolean> }; handle?: { stack?: Layer[] }; slash?: boolean };

/** METHOD /template for each route in express's router stacks; routers mounted under a prefix are skipped. */
function registered(stack: Layer[]): string[] {
  const out: string[] = [];
  for (const l of stack) {
    if (l.route) {
      for (const p of [l.route.path].flat()) for (const m of Object.keys(l.route.methods)) out.push(`${m} ${p.replace(/:(\w+)/g, '{$1}')}`);
    } else if (l.handle?.stack && l.slash) out.push(...registered(l.handle.stack)); // mounted at / (not /ogc)
  }
  return out;
}

// Express parameters that carry a suffix the document spells out.
const ALIAS: Record<string, string> = { '/tiles/{name}': '/tiles/{source}.json', '/fonts/{fontstack}/{range}': '/fonts/{fontstack}/{range}.pbf', '/viewer/': '/viewer' };

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>> };

/** The routes express has registered (its router stack) that the OpenAPI document does not describe. */
function undocumented(app: { router: { stack: Layer[] } }, doc: Doc): string[] {
  return registered(app.router.stack).filter((r) => {
    const [method, p] = r.split(' ') as [string, string];
    return !doc.paths[ALIAS[p] ?? p]?.[method];
  });
}

describe('OpenAPI matches the server', () => {
  let layers: Awaited<ReturnType<typeof shippedLayers>>;
  beforeAll(async () => {
    layers = await shippedLayers();
  });

  it('documents every registered route and method, the tile endpoint and the /ogc mount', () => {
    const app = createApp(layers) as unknown as { router: { stack: Layer[] } };
    const doc = openApiDocument() as Doc;
    expect(registered(app.router.stack).length).toBeGreaterThan(25);
    expect(undocumented(app, doc)).toEqual([]);
    // tiles bypass express (hot path): documented all the same, with their zoom range
    const tile = doc.paths['/tiles/{source}/{z}/{x}/{y}.mvt']!.get as unknown as { parameters: { name: string; schema: { maximum?: number } }[]; responses: object };
    expect(tile.parameters.find((p) => p.name === 'z')!.schema.maximum).toBe(12);
    expect(Object.keys(tile.responses)).toEqual(expect.arrayContaining(['200', '204', '304', '400', '404', '500']));
    expect(doc.paths['/ogc']).toBeDefined();
  });

  it('names a route registered without documentation', () => {
    const app = createApp(layers);
    app.get('/layers/:layer/undocumented', (_req, res) => void res.end());
    app.post('/health', (_req, res) => void res.end()); // a documented path, an undocumented method
    expect(undocumented(app as unknown as { router: { stack: Layer[] } }, openApiDocument() as Doc)).toEqual(['get /layers/{layer}/undocumented', 'post /health']);
  });

  it('lists the service statuses: 429 and 503 on heavy endpoints, 500 and X-Request-Id everywhere', () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>> };
    for (const p of ['/exposure', '/exposure/batch']) expect(Object.keys(doc.paths[p]!.post!.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '429', '500', '503']));
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item)) {
        expect(op.responses['500']).toBeDefined();
        for (const r of Object.values(op.responses)) expect(r.headers?.['X-Request-Id']).toBeDefined();
      }
    }
  });
});
