import { z } from 'zod';

const LonLat = z.tuple([z.number(), z.number()]).describe('[lon, lat], WGS84');

/** One continuous stretch of the route inside one area. */
const Passage = z.object({
  id: z.string().describe('the territory feature id'),
  group: z.string(),
  groupName: z.string(),
  presence: z.string(),
  entryKm: z.number().describe('0 when the route starts inside'),
  exitKm: z.number(),
  lengthKm: z.number(),
  entry: LonLat,
  exit: LonLat,
  coordinates: z.array(LonLat).optional().describe('the route inside (GeoJSON output only)'),
});

/** The JSON an exposure computation returns: stable names, units in names. The single definition of its type. */
export const ExposureResult = z.object({
  route: z.object({
    lengthKm: z.number().describe('geodesic length (haversine, R = 6371.0088 km)'),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    start: LonLat,
    end: LonLat,
  }),
  asOf: z.string().describe('the date features were filtered on (YYYY-MM-DD), or "all"'),
  bufferKm: z.number().describe('distance from the route within which a checkpoint counts as passed'),
  checkpoints: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        actor: z.literal('state').describe('a checkpoint is staffed by state agents: a state actor, never criminal territory'),
        agency: z.string(),
        kind: z.string(),
        distanceAlongKm: z.number().describe('where along the route it is passed'),
        offsetKm: z.number().describe('distance from the route'),
        confidence: z.string(),
        sources: z.array(z.string()),
        position: LonLat,
      }),
    )
    .describe('checkpoints passed, ordered along the route'),
  territories: z
    .array(Passage.extend({ actor: z.literal('criminal') }))
    .describe('one entry per passage through a criminal group\'s territory, ordered along the route; leaving and re-entering gives two'),
  stateAreas: z
    .array(Passage.extend({ actor: z.literal('state'), agencies: z.array(z.string()).describe('the agencies the sources name') }))
    .describe('passages through areas of documented abuse by state officials (not criminal territory), ordered along the route'),
  groups: z
    .array(z.object({ group: z.string(), groupName: z.string(), lengthKm: z.number(), share: z.number().describe('of the route length, 0..1') }))
    .describe('km inside each group\'s territories, overlaps counted once'),
  ports: z
    .object({
      id: z.string(),
      name: z.string(),
      mxPlace: z.string().nullable(),
      distanceKm: z.number(),
      roles: z.array(z.string()).describe('its roles valid on asOf'),
    })
    .nullable()
    .describe('the port of entry nearest the route end'),
  expulsion: z
    .object({
      port: z.string(),
      crossingGroups: z.array(z.string()).describe('groups whose territory holds the route end'),
      returnGroups: z.array(z.string()).describe("groups whose territory holds the port's Mexican side"),
      lateral: z.boolean().describe('true when the two sets differ'),
    })
    .optional()
    .describe('only when expulsionPort is given'),
  summary: z.object({
    checkpointsPassed: z.number().int(),
    checkpointsByAgency: z.record(z.string(), z.number().int()),
    territoriesCrossed: z.number().int(),
    groupsCrossed: z.number().int(),
    kmInTerritory: z.number().describe('km inside criminal territory (state-actor areas never count), overlaps once'),
    shareInTerritory: z.number(),
    stateActors: z
      .object({
        checkpointsPassed: z.number().int().describe('checkpoints are state actors: the same count as checkpointsPassed'),
        areasCrossed: z.number().int(),
        kmInArea: z.number().describe('km inside areas of documented abuse by officials, overlaps once'),
        shareInArea: z.number(),
      })
      .describe('exposure to state actors, reported beside (never inside) the criminal figures'),
  }),
});
export type ExposureResult = z.infer<typeof ExposureResult>;
