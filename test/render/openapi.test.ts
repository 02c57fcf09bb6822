import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/server/openapi.js';

describe('OpenAPI for /static', () => {
  const doc = openApiDocument() as any;

  it('documents both endpoints with their limits', () => {
    expect(doc.paths['/static/{camera}/{size}'].get.responses[200].content['image/png']).toBeDefined();
    expect(doc.paths['/static'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/StaticRequest' });
    expect(doc.paths['/static'].post.description).toContain('64..2048 px');
    const names = doc.paths['/static/{camera}/{size}'].get.parameters.map((p: any) => p.name);
    expect(names).toEqual(expect.arrayContaining(['camera', 'size', 'route', 'layers', 'as_of', 'padding', 'title', 'legend', 'bufferKm', 'v']));
  });

  it('its StaticRequest schema, generated from the zod options, accepts a request and rejects a bad overlay', () => {
    const valid = new Ajv2020.default({ strict: false }).compile(doc.components.schemas.StaticRequest);
    const overlay = (stroke: string) => ({ type: 'Feature', properties: { stroke }, geometry: { type: 'LineString', coordinates: [[-100, 25], [-99, 26]] } });
    expect(valid({ camera: 'auto', width: 800, height: 600, scale: 2, overlays: overlay('#c00') })).toBe(true);
    expect(valid({ width: 800, height: 600, overlays: overlay('red') })).toBe(false);
    expect(valid({ width: 800, height: 600, zoom: 3 })).toBe(false);
  });
});
