import { z } from 'zod';

const LonLat = z.tuple([z.number(), z.number()]).describe('[lon, lat], WGS84');

/** The time block of every answer (one definition: layers, exposure, batch, images). */
export const TimeAnswer = z.object({
  asOf: z.string().describe('the rule as asked'),
  rule: z.enum(['latest', 'all', 'period']).describe('latest: facts not ended, as of today; period: facts that held at any time from..to'),
  from: z.string().nullable().describe('first day the rule covers (YYYY-MM-DD); null for all'),
  to: z.string().nullable().describe('last day the rule covers'),
  policy: z.string().nullable().describe('the policy period named, if any'),
  staleAfterMonths: z.number().int().describe('facts whose last evidence is older than this are flagged stale'),
  coverage: z.object({ earliest: z.string(), latest: z.string() }).nullable().describe('earliest and latest evidence over all dated facts'),
  policies: z
    .array(z.object({ id: z.string(), name: z.string(), from: z.string(), to: z.string().nullable().describe('null while in force') }))
    .describe('the policies in force at some time the rule covers (GET /policies)'),
  warnings: z.array(z.string()).describe('e.g. when the rule asks beyond the coverage'),
});

const FactDates = {
  observed: z.object({ from: z.string().optional(), to: z.string() }).nullable().describe('when the sources attest it'),
  ended: z.object({ date: z.string(), source: z.string().optional() }).nullable().describe('a documented end, with its source'),
  stale: z.boolean().describe('its last evidence is older than staleAfterMonths before the rule\'s last day (or today)'),
};

const Summary = z.object({
  checkpointsPassed: z.number().int(),
  checkpointsByAgency: z.record(z.string(), z.number().int()),
  territoriesCrossed: z.number().int(),
  groupsCrossed: z.number().int(),
  kmInTerritory: z.number(),
  shareInTerritory: z.number(),
});

/** The JSON an exposure computation returns: stable names, units in names. The single definition of its type. */
export const ExposureResult = z.object({
  route: z.object({
    lengthKm: z.number().describe('geodesic length (haversine, R = 6371.0088 km)'),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    start: LonLat,
    end: LonLat,
  }),
  asOf: z.string().describe('the time rule as asked: latest (default), all, YYYY, YYYY-MM, YYYY-MM-DD, FROM..TO or a policy name'),
  time: TimeAnswer,
  bufferKm: z.number().describe('distance from the route within which a checkpoint counts as passed'),
  checkpoints: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        agency: z.string(),
        kind: z.string(),
        distanceAlongKm: z.number().describe('where along the route it is passed'),
        offsetKm: z.number().describe('distance from the route'),
        confidence: z.string(),
        sources: z.array(z.string()),
        ...FactDates,
        position: LonLat,
      }),
    )
    .describe('checkpoints passed, ordered along the route'),
  territories: z
    .array(
      z.object({
        id: z.string(),
        group: z.string(),
        groupName: z.string(),
        presence: z.string(),
        confidence: z.string(),
        ...FactDates,
        entryKm: z.number().describe('0 when the route starts inside'),
        exitKm: z.number(),
        lengthKm: z.number(),
        entry: LonLat,
        exit: LonLat,
        coordinates: z.array(LonLat).optional().describe('the route inside (GeoJSON output only)'),
      }),
    )
    .describe('one entry per passage, ordered along the route; leaving and re-entering gives two'),
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
  summary: Summary,
  timeline: z
    .array(
      z.object({
        period: z.string().describe('the calendar year, or the policy id'),
        asOf: z.string().describe('the time rule of this row, usable as as_of'),
        from: z.string().nullable(),
        to: z.string().nullable(),
        policies: z.array(z.string()).describe('policies in force during the row'),
        groups: z.array(z.object({ group: z.string(), groupName: z.string(), lengthKm: z.number(), share: z.number() })),
        lateral: z.boolean().optional().describe('with expulsionPort: lateral in this row'),
        staleFacts: z.number().int().describe('checkpoints and passages whose evidence is stale for this row'),
        summary: Summary,
      }),
    )
    .optional()
    .describe('for a period over several years, or with by=year|policy: the exposure per slice, never summed across slices'),
});
export type ExposureResult = z.infer<typeof ExposureResult>;
