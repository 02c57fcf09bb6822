import { z } from 'zod';
import { feature, featureCollection, Id, PointGeometry } from './common.js';

/** A gazetteer place (geodata/base/places.geojson), extracted from GeoNames. */
export const PlaceProperties = z.object({
  id: Id,
  name: z.string().min(1),
  geonamesName: z.string().min(1),
  country: z.string().length(2),
  admin1: z.string().min(1),
  admin2: z.string().nullable(),
  precision: z.enum(['geonames', 'approximate']),
  notes: z.string().optional(),
});
export const Place = feature(PointGeometry, PlaceProperties);
export type Place = z.infer<typeof Place>;
export const PlacesFile = featureCollection(Place);
