import type { Collection } from '../../features/collections.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from './params.js';

// The API definition of /ogc as OpenAPI 3.0 (conformance class "OpenAPI 3.0"). One path per collection, so a
// client (GDAL's OAPIF driver) sees which property filters each collection's items take.

export const OPENAPI_30 = 'application/vnd.oai.openapi+json;version=3.0';

const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/exception' } } },
});
const jsonOrHtml = (description: string, schema: object, json = 'application/json') => ({
  description,
  content: { [json]: { schema }, 'text/html': { schema: { type: 'string' } } },
});

export function ogcOpenApi(serverUrl: string, collections: Collection[]) {
  const paths: Record<string, object> = {
    '/': { get: { summary: 'Landing page', operationId: 'getLandingPage', parameters: [param('f')], responses: { 200: jsonOrHtml('links to the API definition, conformance and collections', { type: 'object' }), 400: problem('invalid parameter') } } },
    '/conformance': { get: { summary: 'Conformance classes', operationId: 'getConformance', parameters: [param('f')], responses: { 200: jsonOrHtml('the conformance classes implemented', { $ref: '#/components/schemas/confClasses' }), 400: problem('invalid parameter') } } },
    '/api': { get: { summary: 'This API definition', operationId: 'getApi', parameters: [param('f')], responses: { 200: { description: 'OpenAPI 3.0', content: { [OPENAPI_30]: { schema: { type: 'object' } }, 'text/html': { schema: { type: 'string' } } } } } } },
    '/collections': { get: { summary: 'Feature collections', operationId: 'getCollections', parameters: [param('f')], responses: { 200: jsonOrHtml('every Gauntlet layer as a collection', { type: 'object' }), 400: problem('invalid parameter') } } },
  };
  for (const c of collections) {
    const filters = Object.entries(c.filters).map(([name, values]) => ({
      name,
      in: 'query',
      required: false,
      style: 'form',
      explode: false,
      description: `only features whose ${name} is one of these (comma-separated)`,
      schema: { type: 'array', items: { type: 'string', enum: [...values] } },
    }));
    paths[`/collections/${c.id}`] = {
      get: { summary: `Describe ${c.title}`, operationId: `describe-${c.id}`, parameters: [param('f')], responses: { 200: jsonOrHtml('the collection', { type: 'object' }), 404: problem('unknown collection') } },
    };
    paths[`/collections/${c.id}/items`] = {
      get: {
        summary: `Features of ${c.title}`,
        description: `${c.description}. Thematic features are filtered by their evidence dates (datetime); base layers carry no dates.`,
        operationId: `get-${c.id}-items`,
        parameters: [param('f'), param('bbox'), param('datetime'), param('limit'), param('offset'), ...filters],
        responses: {
          200: jsonOrHtml('a page of features (GeoJSON) with next/prev links', { type: 'object', required: ['type', 'features'] }, 'application/geo+json'),
          400: problem('unknown parameter or invalid value'),
          404: problem('unknown collection'),
        },
      },
    };
    paths[`/collections/${c.id}/items/{featureId}`] = {
      get: {
        summary: `One feature of ${c.title}`,
        operationId: `get-${c.id}-feature`,
        parameters: [{ name: 'featureId', in: 'path', required: true, schema: { type: 'string' } }, param('f'), param('datetime')],
        responses: { 200: jsonOrHtml('the feature', { type: 'object' }, 'application/geo+json'), 404: problem('unknown feature, or not valid at datetime') },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Gauntlet OGC API – Features',
      version: '1.0.0',
      description: 'Migration routes, checkpoints, organized-crime territories, ports of entry, expulsion flights and base geography as OGC API – Features (Part 1: Core).',
      license: { name: 'MIT' },
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      parameters: {
        f: { name: 'f', in: 'query', required: false, description: 'encoding; default from the Accept header', schema: { type: 'string', enum: ['json', 'html'] } },
        bbox: {
          name: 'bbox', in: 'query', required: false, style: 'form', explode: false,
          description: 'minLon,minLat,maxLon,maxLat in CRS84 (6 numbers with heights also accepted); minLon > maxLon crosses the antimeridian',
          schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
        },
        datetime: {
          name: 'datetime', in: 'query', required: false, style: 'form', explode: false,
          description: 'an instant (2021-03-15 or 2021-03-15T12:00:00Z) or an interval (2020-01-01/2021-12-31, ../2021-12-31, 2021-01-01/..): features whose evidence holds then. Default: the same date as the rest of the API.',
          schema: { type: 'string' },
        },
        limit: { name: 'limit', in: 'query', required: false, style: 'form', explode: false, schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
        offset: { name: 'offset', in: 'query', required: false, description: 'features to skip (the next link carries it)', schema: { type: 'integer', minimum: 0, default: 0 } },
      },
      schemas: {
        exception: {
          type: 'object',
          required: ['code'],
          properties: { code: { type: 'string' }, description: { type: 'string' }, type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
        },
        confClasses: { type: 'object', required: ['conformsTo'], properties: { conformsTo: { type: 'array', items: { type: 'string' } } } },
      },
    },
  };
}
