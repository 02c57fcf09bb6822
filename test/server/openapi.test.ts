import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { serverRoutes } from '../support/routes.js';
import { useServer } from '../support/server.js';

const srv = useServer();

function validator(doc: any, name: string) {
  // zod inlines every sub-schema, so each component compiles on its own
  return new Ajv2020.default({ strict: false }).compile(doc.components.schemas[name]);
}

describe('GET /openapi.json', () => {
  it('is OpenAPI 3.1 and documents every API route', async () => {
    const doc = await (await fetch(`${srv.base}/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    // the routes the server registers, read from express (test/support/routes.ts), not a list written here
    const routes = await serverRoutes(srv.layers);
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((r) => !doc.paths[r.path]?.[r.method]).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(doc.info.description).toContain('200000 vertices');
  });

  it('its ExposureResult schema validates a real response; its RouteInput schema accepts lines and rejects points', async () => {
    const doc = await (await fetch(`${srv.base}/openapi.json`)).json();
    const route = { type: 'LineString', coordinates: [[-100.31847, 25.67507], [-98.29789, 26.08061]] };
    const res = await fetch(`${srv.base}/exposure?asOf=2021-03-15&expulsionPort=2402`, { method: 'POST', body: JSON.stringify(route) });
    const result = await res.json();
    const validResult = validator(doc, 'ExposureResult');
    expect(validResult(result), JSON.stringify(validResult.errors)).toBe(true);
    expect(validResult({ ...result, summary: { checkpointsPassed: 'many' } })).toBe(false);
    const validInput = validator(doc, 'RouteInput');
    expect(validInput(route)).toBe(true);
    expect(validInput({ type: 'Point', coordinates: [0, 0] })).toBe(false);
    expect(validInput({ type: 'LineString', coordinates: [[0, 0], [0, 91]] })).toBe(false);
  });

  it('has a docs page rendering the document, with no outside resources', async () => {
    const res = await fetch(`${srv.base}/docs`);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("fetch('/openapi.json')");
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
  });
});
