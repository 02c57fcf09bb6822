// Every route the server registers is in the OpenAPI document (the OGC routes, mounted at /ogc, have their own
// document at /ogc/api), with the statuses the service adds to every answer.
import { describe, expect, it } from 'vitest';
import { loadLayerSet } from '../../src/layers/load.js';
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

describe('OpenAPI matches the server', () => {
  it('documents every registered route and method, the tile endpoint and the /ogc mount', async () => {
    const app = createApp(await loadLayerSet()) as unknown as { router: { stack: Layer[] } };
    const doc = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>> };
    const routes = registered(app.router.stack);
    expect(routes.length).toBeGreaterThan(25);
    const missing = routes.filter((r) => {
      const [method, p] = r.split(' ') as [string, string];
      return !doc.paths[ALIAS[p] ?? p]?.[method];
    });
    expect(missing).toEqual([]);
    // tiles bypass express (hot path): documented all the same, with their zoom range
    const tile = doc.paths['/tiles/{source}/{z}/{x}/{y}.mvt']!.get as unknown as { parameters: { name: string; schema: { maximum?: number } }[]; responses: object };
    expect(tile.parameters.find((p) => p.name === 'z')!.schema.maximum).toBe(12);
    expect(Object.keys(tile.responses)).toEqual(expect.arrayContaining(['200', '204', '304', '400', '404', '500']));
    expect(doc.paths['/ogc']).toBeDefined();
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
