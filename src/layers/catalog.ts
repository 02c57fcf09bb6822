import { z } from 'zod';
import * as s from './schema/index.js';

/** Every layer Gauntlet serves, thematic (hand-curated, cited) and base (copied datasets). */
export const LAYER_IDS = [
  'routes',
  'checkpoints',
  'territories',
  'ports',
  'expulsion-flights',
  'countries',
  'states',
  'municipalities',
  'border',
  'railroads',
  'roads',
  'places',
  'airports',
  'migrant-deaths',
] as const;
export type LayerId = (typeof LAYER_IDS)[number];

/** Layer id -> the zod schema of one feature as its file holds it: `layer('ports')` is typed from it (features.ts). */
export const LAYER_SCHEMAS = {
  routes: s.Route,
  checkpoints: s.Checkpoint,
  territories: s.Territory,
  ports: s.Port,
  'expulsion-flights': s.ExpulsionFlight,
  countries: s.Country,
  states: s.State,
  municipalities: s.Municipality,
  border: s.BorderLine,
  railroads: s.Railroad,
  roads: s.Road,
  places: s.Place,
  airports: s.Airport,
  'migrant-deaths': s.MigrantDeath,
} as const satisfies Record<LayerId, z.ZodType>;
export type LayerSchemas = typeof LAYER_SCHEMAS;

export interface LayerDef {
  id: LayerId;
  kind: 'thematic' | 'base';
  file: string; // relative to the geodata directory
  title: string;
  description: string;
  feature: z.ZodTypeAny; // the zod schema of one feature
  properties: z.ZodTypeAny; // the zod schema of its properties (fields for clients)
  /** Base datasets carry no Gauntlet id: derive a stable one from their own keys. */
  idOf?: (properties: Record<string, unknown>, index: number) => string;
}

type LayerInfo = Omit<LayerDef, 'feature'>;

const LAYER_INFO: readonly LayerInfo[] = [
  { id: 'routes', kind: 'thematic', file: 'routes.geojson', title: 'Migration routes', description: 'Migration corridors to the US-Mexico border and the journey the 2023 report follows', properties: s.RouteProperties },
  { id: 'checkpoints', kind: 'thematic', file: 'checkpoints.geojson', title: 'Checkpoints', description: 'Documented migration and security checkpoints, by agency', properties: s.CheckpointProperties },
  { id: 'territories', kind: 'thematic', file: 'territories.geojson', title: 'Organized-crime territories', description: 'Areas where criminal groups control passage, built from municipalities and states', properties: s.TerritoryProperties },
  { id: 'ports', kind: 'thematic', file: 'ports.geojson', title: 'Ports of entry', description: 'US land ports of entry on the Mexican border with their MPP, Title 42, lateral-expulsion and CBP One roles', properties: s.PortProperties },
  { id: 'expulsion-flights', kind: 'thematic', file: 'expulsion-flights.geojson', title: 'Expulsion flights', description: 'Documented lateral-expulsion and removal flight lines', properties: s.ExpulsionFlightProperties },
  { id: 'countries', kind: 'base', file: 'base/countries-context.geojson', title: 'Countries', description: 'Country outlines (Natural Earth 1:10m)', properties: s.CountryProperties, idOf: (p) => `country-${p.iso_n3}` },
  { id: 'states', kind: 'base', file: 'base/mexico-states.geojson', title: 'Mexican states', description: 'Mexican states (Natural Earth 1:10m admin-1)', properties: s.StateProperties, idOf: (p) => String(p.iso_3166_2).toLowerCase() },
  { id: 'municipalities', kind: 'base', file: 'base/municipalities.geojson', title: 'Municipalities', description: 'Municipalities of seven northern and Gulf states (INEGI via CONABIO, simplified)', properties: s.MunicipalityProperties, idOf: (p) => `mun-${p.cvegeo}` },
  { id: 'border', kind: 'base', file: 'base/us-mexico-border.geojson', title: 'US-Mexico border', description: 'The US-Mexico land boundary (Natural Earth 1:10m)', properties: s.BorderProperties, idOf: (_p, i) => (i === 0 ? 'us-mexico-border' : `us-mexico-border-${i}`) },
  { id: 'railroads', kind: 'base', file: 'base/mexico-railroads.geojson', title: 'Railroads', description: 'Railway lines in Mexico (Natural Earth 1:10m)', properties: s.RailroadProperties, idOf: (p, i) => `rail-${p.uident}-${i}` },
  { id: 'roads', kind: 'base', file: 'base/roads.geojson', title: 'Roads', description: 'Highways of Mexico and Guatemala and US highways near the border (Natural Earth 1:10m), with Mexican route numbers; the routing network is built from them', properties: s.RoadProperties, idOf: (p) => String(p.id) },
  { id: 'places', kind: 'base', file: 'base/places.geojson', title: 'Places', description: 'Gazetteer of the places the layers use (GeoNames)', properties: s.PlaceProperties },
  { id: 'airports', kind: 'base', file: 'base/airports.geojson', title: 'Airports', description: 'Major airports (Natural Earth 1:10m)', properties: s.AirportProperties, idOf: (p) => `airport-${String(p.iata_code).toLowerCase()}` },
  { id: 'migrant-deaths', kind: 'base', file: 'base/migrant-deaths.geojson', title: 'Migrant deaths and disappearances', description: "Dead and missing migrants 2014 - Sept 2023, IOM's Missing Migrants Project", properties: s.MigrantDeathProperties, idOf: (_p, i) => `mmp-${i + 1}` },
];

export const LAYERS: readonly LayerDef[] = LAYER_INFO.map((info) => ({ ...info, feature: LAYER_SCHEMAS[info.id] }));

export const THEMATIC_LAYERS = LAYERS.filter((l) => l.kind === 'thematic').map((l) => l.id);

export function layerDef(id: string): LayerDef | undefined {
  return LAYERS.find((l) => l.id === id);
}

/** A layer's file, relative to the geodata directory. */
export function fileOf(id: LayerId): string {
  return LAYERS.find((l) => l.id === id)!.file;
}

export const SOURCES_FILE = 'sources.json';
/** The policy periods `as_of` may name (schema/policy.ts). */
export const POLICIES_FILE = 'policies.json';

/** The attribution every map and image must show (licences in README). */
export const ATTRIBUTION =
  "Natural Earth; GeoNames (CC BY 4.0); U.S. Bureau of Transportation Statistics; INEGI Marco Geoestadístico via CONABIO (transformed); IOM's Missing Migrants Project (CC BY 4.0); Gauntlet layers after InSight Crime (2023) and cited sources";

/** Field name -> JSON type, generated from the zod schema (for /layers and TileJSON `fields`). */
export function fieldsOf(def: LayerDef): Record<string, string> {
  const json = z.toJSONSchema(def.properties, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { type?: string | string[]; enum?: unknown[]; anyOf?: { type?: string }[] }>;
  };
  const fields: Record<string, string> = {};
  for (const [name, schema] of Object.entries(json.properties ?? {})) {
    const type = schema.enum ? 'string' : schema.type ?? schema.anyOf?.map((a) => a.type).filter(Boolean).join('|') ?? 'any';
    fields[name] = Array.isArray(type) ? type.join('|') : type;
  }
  if (def.idOf) fields.id = 'string';
  return fields;
}
