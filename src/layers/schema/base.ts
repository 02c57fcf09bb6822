import { z } from 'zod';
import { feature, featureCollection, LineStringGeometry, MultiLineStringGeometry, MultiPolygonGeometry, PointGeometry, PolygonGeometry } from './common.js';

// Base geography copied from public datasets (geodata/base/PROVENANCE.md). Only the fields Gauntlet reads are
// required; the datasets' other attributes pass through untouched.

const Areal = z.union([PolygonGeometry, MultiPolygonGeometry]);
const Linear = z.union([LineStringGeometry, MultiLineStringGeometry]);

export const StateProperties = z.looseObject({ name: z.string(), iso_3166_2: z.string().regex(/^MX-[A-Z]{3}$/) });
export const State = feature(Areal, StateProperties);
export const StatesFile = featureCollection(State);

export const CountryProperties = z.looseObject({ iso_n3: z.string(), name: z.string() });
export const Country = feature(Areal, CountryProperties);
export const CountriesFile = featureCollection(Country);

export const BorderProperties = z.looseObject({ adm0_a3_l: z.string(), adm0_a3_r: z.string() });
export const BorderLine = feature(Linear, BorderProperties);
export const BorderFile = featureCollection(BorderLine);

export const RailroadProperties = z.looseObject({ uident: z.number().int(), scalerank: z.number() });
export const Railroad = feature(Linear, RailroadProperties);
export const RailroadsFile = featureCollection(Railroad);

export const RoadProperties = z.looseObject({
  id: z.string().regex(/^ne-roads-[a-z]{3}-\d+(-\d+)?$/),
  country: z.string().length(3),
  type: z.enum(['Major Highway', 'Secondary Highway', 'Ferry Route']),
  ref: z.string().min(1).nullable(), // route number as signed, e.g. "MEX 57"; null when unknown
  toll: z.boolean().nullable(),
});
export const Road = feature(LineStringGeometry, RoadProperties);
export const RoadsFile = featureCollection(Road);

export const MunicipalityProperties = z.looseObject({
  cvegeo: z.string().regex(/^\d{5}$/),
  name: z.string(),
  state: z.string(),
});
export const Municipality = feature(Areal, MunicipalityProperties);
export const MunicipalitiesFile = featureCollection(Municipality);

export const AirportProperties = z.looseObject({ name: z.string(), iata_code: z.string() });
export const Airport = feature(PointGeometry, AirportProperties);
export const AirportsFile = featureCollection(Airport);

export const MigrantDeathProperties = z.looseObject({
  reported_date: z.string().nullable(),
  year: z.number().int().nullable(),
  dead_and_missing: z.number().int().nonnegative(),
  coord_low_precision: z.boolean(),
});
export const MigrantDeath = feature(PointGeometry, MigrantDeathProperties);
export const MigrantDeathsFile = featureCollection(MigrantDeath);
