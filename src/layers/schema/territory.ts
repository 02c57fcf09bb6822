import { z } from 'zod';
import { Agency } from './checkpoint.js';
import { CitedProperties, feature, featureCollection, Id } from './common.js';

export const Activity = z.enum([
  'smuggling-fees',
  'kidnapping',
  'extortion',
  'migrant-smuggling',
  'drug-trafficking',
  'official-collusion',
]);

/** The administrative units a territory is built from, so the method is reproducible. */
export const TerritoryUnits = z
  .object({
    municipalities: z.array(z.string().regex(/^\d{5}$/, 'must be a 5-digit INEGI cvegeo code')).optional(),
    states: z.array(z.string().regex(/^MX-[A-Z]{3}$/, 'must be an ISO 3166-2 code such as MX-CHH')).optional(),
    buffers: z
      .array(
        z.object({
          place: Id,
          radiusKm: z.number().positive().max(200),
          clipToState: z.string().regex(/^MX-[A-Z]{3}$/, 'must be an ISO 3166-2 code such as MX-CHH'),
        }),
      )
      .optional(),
    corridors: z
      .array(
        z.object({
          from: Id,
          to: Id,
          halfWidthKm: z.number().positive().max(50),
          clipToState: z.string().regex(/^MX-[A-Z]{3}$/, 'must be an ISO 3166-2 code such as MX-CHH'),
        }),
      )
      .optional()
      .describe('a band halfWidthKm either side of the straight line between two places, clipped to a state'),
  })
  .refine((u) => (u.municipalities?.length ?? 0) + (u.states?.length ?? 0) + (u.buffers?.length ?? 0) + (u.corridors?.length ?? 0) > 0, {
    message: 'name at least one municipality, state, buffer or corridor',
  });
export type TerritoryUnits = z.infer<typeof TerritoryUnits>;

/**
 * Who the area's sources blame: a criminal group, or state officials (corrupt police, migration agents, a state
 * apparatus). Both prey on migrants, but exposure reports them apart: officials are never counted as "in territory".
 */
export const Actor = z.enum(['criminal', 'state']);
export type Actor = z.infer<typeof Actor>;

/**
 * How the polygon was drawn: a disc around a place (`locality`), a band along a road (`corridor`), whole
 * municipalities or whole states. The first two are narrow; the last two are coarse.
 */
export const ExtentBasis = z.enum(['locality', 'corridor', 'municipality', 'state']);
export type ExtentBasis = z.infer<typeof ExtentBasis>;
/** What the sources actually place: a city or town, a border crossing, a road, or a whole region. */
export const SourcesPlace = z.enum(['city', 'crossing', 'road', 'region']);

/** An area where a criminal group or state officials prey on migrants (geodata/territories.geojson); the loader derives its polygon. */
export const TerritoryProperties = CitedProperties.extend({
  actor: Actor,
  agencies: z.array(Agency).min(1).optional().describe('state-actor areas only: the agencies the sources name ("unknown" when they name none)'),
  extentBasis: ExtentBasis,
  sourcesPlace: SourcesPlace,
  areaKm2: z.number().optional().describe('geodesic area of the built polygon, km²; set by the loader, never in the file'),
  group: Id,
  groupName: z.string().min(1),
  faction: z.string().min(1).nullable(),
  activities: z.array(Activity),
  presence: z.enum(['dominant', 'contested', 'present']),
  units: TerritoryUnits,
});
export const Territory = feature(z.null({ message: 'territory geometry is built from `units`: set it to null' }), TerritoryProperties);
export type Territory = z.infer<typeof Territory>;
export const TerritoriesFile = featureCollection(Territory);
