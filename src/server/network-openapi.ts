import { z } from 'zod';
import { MAX_VIA, RouteRequest } from '../network/request.js';
import { NETWORK_BODY_LIMIT } from './network-routes.js';

// The /network paths of the OpenAPI document (merged by openapi.ts), from the zod schema the routes validate with.

const schema = (s: z.ZodTypeAny) => z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

const answer = {
  description: 'the shortest and the least-exposure path, each with its exposure (ExposureResult), the extra km and what the detour avoids',
  content: {
    'application/json': { schema: { type: 'object', required: ['shortest', 'leastExposure', 'extraKm', 'avoids', 'costModel'] } },
    'application/geo+json': { schema: { type: 'object', description: 'FeatureCollection: the two paths, the optimized one first' } },
  },
};
const props = (schema(RouteRequest) as { properties: Record<string, { description?: string }> }).properties;
const query = ['from', 'to', 'via', 'optimize', 'asOf', 'avoid'].map((name) => ({
  name,
  in: 'query',
  required: name === 'from' || name === 'to',
  schema: name === 'via' || name === 'avoid' ? { type: 'string' } : props[name],
  ...(props[name]?.description ? { description: props[name]!.description } : {}),
}));
query.push({ name: 'bufferKm', in: 'query', required: false, schema: { type: 'number' }, description: 'a checkpoint within this distance of a road is passed on it (default 5)' });

export const networkSchemas = { NetworkRouteRequest: schema(RouteRequest) };

export const networkPaths = {
  '/network/chokepoints': {
    get: {
      summary: 'Checkpoints, territories and highway stretches ranked by the share of shortest paths that pass them',
      description: 'Default pairs: the southern entry towns x the Mexican towns at the ports of entry. Each item says for how many of the pairs passing it a path avoiding it exists, and the mean and max extra km.',
      parameters: [
        { name: 'asOf', in: 'query', required: false, schema: { type: 'string' }, description: 'YYYY-MM-DD (default today) or "all"' },
        { name: 'origins', in: 'query', required: false, schema: { type: 'string' }, description: 'comma list of place ids' },
        { name: 'destinations', in: 'query', required: false, schema: { type: 'string' }, description: 'comma list of place ids' },
      ],
      responses: { 200: { description: 'the ranking', content: { 'application/json': { schema: { type: 'object', required: ['checkpoints', 'territories', 'highways', 'pairs', 'routablePairs', 'unroutable'] } } } }, 400: problem('invalid parameter or unknown place') },
    },
  },
  '/network/route': {
    get: {
      summary: 'Shortest and least-exposure road path between places (ids, names or lon,lat)',
      description: `Cost model (weights in extra km, see POST for changing them): km x (1 + presence weight x confidence factor per km inside a territory) + agency weight per checkpoint within bufferKm. avoid=group:<slug>,agency:<agency>,territory:<id>,checkpoint:<id> forbids them. At most ${MAX_VIA} via stops.`,
      parameters: query,
      responses: { 200: answer, 400: problem('invalid parameter or unknown place (errors[].path such as query.from)'), 422: problem('a stop is off the road network, no road joins the stops, or an avoided feature holds a stop') },
    },
    post: {
      summary: 'The same with a JSON body, including the cost-model weights',
      requestBody: { required: true, content: { 'application/json': { schema: ref('NetworkRouteRequest') } } },
      responses: { 200: answer, 400: problem('invalid body (errors[].path such as body.weights.presence.dominant)'), 413: problem(`body over ${NETWORK_BODY_LIMIT}`), 422: problem('no route') },
    },
  },
};
