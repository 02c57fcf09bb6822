import { z } from 'zod';
import { CitedProperties, feature, featureCollection, Id, LineStringGeometry, MultiLineStringGeometry } from './common.js';

export const Corridor = z.enum(['gulf', 'central', 'pacific', 'rail', 'journey']);

/** A migration corridor or a documented journey (geodata/routes.geojson). */
export const RouteProperties = CitedProperties.extend({
  corridor: Corridor,
  waypoints: z.array(Id).min(2, 'a route needs at least 2 waypoints'), // place ids, in travel order
  // road: every leg routed on the road network; mixed: some legs straight (listed in straightLegs);
  // network: routed on the railroads; schematic: straight segments between waypoints
  geometryPrecision: z.enum(['schematic', 'network', 'road', 'mixed']),
  highways: z.array(z.string().min(1)), // for road routes derived from the edges' route numbers, in travel order
  // Legs drawn straight because no road connects them (or only a far detour): derived by `gauntlet network routes`
  straightLegs: z.array(z.object({ from: Id, to: Id, reason: z.string().min(1) })).optional(),
});
export const Route = feature(z.union([LineStringGeometry, MultiLineStringGeometry]), RouteProperties);
export type Route = z.infer<typeof Route>;
export const RoutesFile = featureCollection(Route);
