import { z } from 'zod';
import { CitedProperties, feature, featureCollection, Id, LineStringGeometry } from './common.js';

/** A documented expulsion or lateral-expulsion flight line (geodata/expulsion-flights.geojson). */
export const ExpulsionFlightProperties = CitedProperties.extend({
  from: Id,
  to: Id,
  operator: z.enum(['cbp', 'ice', 'inm']),
  kind: z.enum(['lateral-expulsion', 'expulsion-to-southern-mexico', 'mexico-internal-removal']),
});
export const ExpulsionFlight = feature(LineStringGeometry, ExpulsionFlightProperties);
export type ExpulsionFlight = z.infer<typeof ExpulsionFlight>;
export const ExpulsionFlightsFile = featureCollection(ExpulsionFlight);
