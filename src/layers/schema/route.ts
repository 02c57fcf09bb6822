import { z } from 'zod';
import { CitedProperties, feature, featureCollection, Id, LineStringGeometry, MultiLineStringGeometry } from './common.js';

export const Corridor = z.enum(['gulf', 'central', 'pacific', 'rail', 'journey']);

/** A migration corridor or a documented journey (geodata/routes.geojson). */
export const RouteProperties = CitedProperties.extend({
  corridor: Corridor,
  waypoints: z.array(Id).min(2, 'a route needs at least 2 waypoints'), // place ids, in travel order
  geometryPrecision: z.enum(['schematic', 'network']),
  highways: z.array(z.string().min(1)),
});
export const Route = feature(z.union([LineStringGeometry, MultiLineStringGeometry]), RouteProperties);
export type Route = z.infer<typeof Route>;
export const RoutesFile = featureCollection(Route);
