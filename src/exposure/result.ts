import { z } from 'zod';
import { LocationPrecision } from '../layers/schema/index.js';

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

/** One continuous stretch of the route inside one area. */
const Passage = z.object({
  id: z.string().describe('the territory feature id'),
  group: z.string(),
  groupName: z.string(),
  presence: z.string(),
  confidence: z.string().describe('high | medium | low: how solid the area\'s evidence is'),
  sources: z.array(z.string()).describe('source ids (GET /sources/{id})'),
  extentBasis: z.string().describe('how the area was drawn: locality or corridor (narrow), municipality or state (coarse)'),
  sourcesPlace: z.string().describe('what the sources place: city, crossing, road or region'),
  areaKm2: z.number().nullable().describe('geodesic area of the whole area'),
  ...FactDates,
  entryKm: z.number().describe('0 when the route starts inside'),
  exitKm: z.number(),
  lengthKm: z.number(),
  entry: LonLat,
  exit: LonLat,
  coordinates: z.array(LonLat).optional().describe('the route inside (GeoJSON output only)'),
});

/** A figure over one band of evidence: km of the route and its share of the route length (0..1). */
const Band = z.object({ km: z.number(), share: z.number() });
const LIKELY = 'over high-confidence features drawn narrowly (locality or corridor buffers) only';
const POSSIBLE = 'over every feature, whatever its confidence and extent';

/** One feature's part in a figure (explain=true). */
const Contribution = z.object({
  id: z.string(),
  name: z.string(),
  group: z.string(),
  confidence: z.string(),
  extentBasis: z.string(),
  km: z.number().describe('route km inside this feature that the figure counts'),
  share: z.number().describe('of the figure, 0..1; overlapping features each count their own km, so shares may add up past 1'),
});

/** The figures of one answer, or of one row of its timeline. */
const Summary = z.object({
  checkpointsPassed: z.number().int(),
  checkpointsByAgency: z.record(z.string(), z.number().int()),
  territoriesCrossed: z.number().int(),
  groupsCrossed: z.number().int(),
  kmInTerritory: z.number().describe('km inside criminal territory (state-actor areas never count), overlaps once'),
  shareInTerritory: z.number().describe('the same as possible.shareInTerritory'),
  likely: z
    .object({ kmInTerritory: z.number(), shareInTerritory: z.number(), checkpointsPassed: z.number().int().describe('high-confidence checkpoints whose position is not inferred') })
    .describe(`the solid part: ${LIKELY}`),
  possible: z
    .object({ kmInTerritory: z.number(), shareInTerritory: z.number(), checkpointsPassed: z.number().int() })
    .describe(`the whole figure: ${POSSIBLE}`),
  bands: z
    .object({
      likely: Band.describe(LIKELY),
      possible: Band.describe(POSSIBLE),
      byConfidence: z
        .object({ high: Band.describe('high confidence only'), highMedium: Band.describe('high and medium'), all: Band.describe('every confidence') })
        .describe('km in criminal territory by the confidence of the features counted'),
      byExtent: z
        .object({ narrow: Band.describe('locality and corridor buffers only'), coarse: Band.describe('whole municipalities and states only'), all: Band.describe('every extent') })
        .describe('km in criminal territory by how the features counted were drawn'),
    })
    .describe('km in criminal territory, overlaps counted once in each band'),
  checkpointsByPrecision: z
    .object(Object.fromEntries(LocationPrecision.options.map((p) => [p, z.number().int()])) as Record<LocationPrecision, z.ZodNumber>)
    .describe('checkpoints passed by locationPrecision'),
  stateActors: z
    .object({
      checkpointsPassed: z.number().int().describe('checkpoints are state actors: the same count as checkpointsPassed'),
      areasCrossed: z.number().int(),
      kmInArea: z.number().describe('km inside areas of documented abuse by officials, overlaps once'),
      shareInArea: z.number(),
      likely: Band.describe(LIKELY),
      possible: Band.describe(POSSIBLE),
    })
    .describe('exposure to state actors, reported beside (never inside) the criminal figures'),
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
        actor: z.literal('state').describe('a checkpoint is staffed by state agents: a state actor, never criminal territory'),
        agency: z.string(),
        kind: z.string(),
        distanceAlongKm: z.number().describe('where along the route it is passed'),
        offsetKm: z.number().describe('distance from the route'),
        confidence: z.string(),
        locationPrecision: z.string().describe('exact (the post itself), highway (on its highway\'s mapped line), town (placed at its town) or segment (inferred along a road)'),
        sources: z.array(z.string()),
        ...FactDates,
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
    .array(
      z.object({
        group: z.string(),
        groupName: z.string(),
        lengthKm: z.number().describe(`possible: km ${POSSIBLE}`),
        share: z.number().describe('of the route length, 0..1'),
        likelyKm: z.number().describe(`likely: km ${LIKELY}`),
        likelyShare: z.number(),
      }),
    )
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
  explain: z
    .record(z.string(), z.array(Contribution))
    .optional()
    .describe('explain=true only: per figure (kmInTerritory, likely, bands.*, stateActors.kmInArea), the features that make up most of it, largest first'),
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
