import type { LineString, MultiLineString, Position } from 'geojson';
import type { LayerSet } from '../layers/layer-set.js';
import { LocationPrecision } from '../layers/schema/index.js';
import { holds, TimeRuleError, type TimeRule } from '../layers/time/index.js';
import type { LayerFeature } from '../layers/features.js';
import { bandKm, contributions, unionLength, type BandName, type TaggedInterval } from './bands.js';
import { checkpointsAlong } from './checkpoints-along.js';
import { degreesFor } from './geodesy.js';
import { ENGINE_PRIMITIVES, type Primitives } from './primitives.js';
import { passagesThrough, type Passage } from './passages.js';
import { PolygonEdges } from './polygon-edges.js';
import { holdsPoint } from './polygon-grid.js';
import { RouteLine } from './route-line.js';
import type { ExposureResult } from './result.js';
import { MAX_TIMELINE_ROWS, timelineRow, timelineSlices, wantsTimeline, type TimelineBy } from './timeline.js';
import { DEFAULT_BUFFER_KM } from './route-input.js';

export type { ExposureResult } from './result.js';

/** A fault in what the caller asked for (not in the route's shape), with the JSON path of the offending option. */
export class ExposureInputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ComputeOptions {
  bufferKm?: number | undefined;
  asOf?: string | TimeRule | undefined; // a time rule (latest, all, YYYY[-MM[-DD]], FROM..TO, a policy); default latest
  staleAfterMonths?: number | undefined; // default 12
  by?: TimelineBy | undefined; // a timeline per year or per policy period (default per year for a multi-year period)
  noTimeline?: boolean; // the rows of a timeline are computed without one
  expulsionPort?: string | undefined;
  withGeometry?: boolean; // include each passage's line (for GeoJSON output)
  explain?: boolean; // list, per figure, the features that make up most of it
  primitives?: Primitives; // the geometric primitives (primitives.ts); bench/exposure swaps them
}

// Territory edge indexes are built once per geometry and kept as long as the LayerSet holds it (queries return
// fresh feature objects carrying `stale`, but share the geometry).
const edgeCache = new WeakMap<object, PolygonEdges>();
type Territory = LayerFeature<'territories'>;

function edgesOf(territory: Territory): PolygonEdges {
  let edges = edgeCache.get(territory.geometry);
  if (!edges) {
    edges = new PolygonEdges(territory.geometry);
    edgeCache.set(territory.geometry, edges);
  }
  return edges;
}

type Dates = { observed: { from?: string | undefined; to: string } | null; ended: { date: string; source?: string | undefined } | null; stale: boolean };
/** The evidence dates every fact in an answer carries, so a reader sees how old it is. */
function datesOf(p: { observed?: Dates['observed'] | undefined; ended?: Dates['ended'] | undefined; stale?: boolean | undefined }): Dates {
  return { observed: p.observed ?? null, ended: p.ended ?? null, stale: Boolean(p.stale) };
}

const km = (x: number) => Math.round(x * 1000) / 1000;
const ratio = (x: number) => Math.round(x * 1e6) / 1e6;
const pos = (p: Position): [number, number] => [Math.round(p[0]! * 1e6) / 1e6, Math.round(p[1]! * 1e6) / 1e6];


/** State-actor areas (corrupt officials) are reported apart, never as criminal territory. */
const isCriminal = (t: Territory) => t.properties.actor !== 'state';

/** Criminal groups whose territory (valid on asOf) holds the point. */
function groupsAt(layers: LayerSet, p: Position, asOf: TimeRule, primitives: Primitives): string[] {
  const candidates = layers.query('territories', { asOf, bbox: [p[0]!, p[1]!, p[0]!, p[1]!] });
  const groups = candidates.filter((t) => isCriminal(t) && holdsPoint(edgesOf(t), p[0]!, p[1]!, primitives)).map((t) => t.properties.group);
  return [...new Set(groups)].sort();
}

/** Lateral when the groups holding the route's end differ from those holding the port's Mexican side. */
function expulsionOf(layers: LayerSet, end: Position, port: { id: string; returnAt: Position }, asOf: TimeRule, primitives: Primitives): NonNullable<ExposureResult['expulsion']> {
  const crossingGroups = groupsAt(layers, end, asOf, primitives);
  const returnGroups = groupsAt(layers, port.returnAt, asOf, primitives);
  const lateral = crossingGroups.length !== returnGroups.length || crossingGroups.some((g, i) => g !== returnGroups[i]);
  return { port: port.id, crossingGroups, returnGroups, lateral };
}

/** The answer's time block; a rule spanning more than a day says what its figures add up. */
function timeOf(layers: LayerSet, rule: TimeRule, staleAfterMonths: number | undefined): ExposureResult['time'] {
  const t = layers.timeAnswer(rule, staleAfterMonths);
  if (rule.kind === 'all' || (rule.kind === 'period' && rule.from !== rule.to)) {
    t.warnings.push(
      `"${rule.asOf}" spans more than one day: the figures count every fact that held at any time in it, which need not have held at the same time; ask for a day, or for a timeline, to compare periods`,
    );
  }
  return t;
}

/** What a passage says about the evidence behind it, copied from its feature. */
function evidenceOf(t: Territory) {
  const p = t.properties;
  return {
    confidence: p.confidence,
    sources: p.sources,
    extentBasis: p.extentBasis ?? 'municipality',
    sourcesPlace: p.sourcesPlace ?? 'region',
    areaKm2: p.areaKm2 ?? null,
    ...datesOf(p),
  };
}

/** A checkpoint counts as likely passed when its post is documented at high confidence and not an inferred position. */
const isLikelyCheckpoint = (c: { confidence: string; locationPrecision: string }) => c.confidence === 'high' && c.locationPrecision !== 'segment';

/** How many contributors `explain` lists per figure. */
export const EXPLAIN_TOP = 5;

/** Per figure, the features that make up most of it, with their km and share of the figure. */
function explainFigures(criminal: TaggedInterval[], state: TaggedInterval[]): NonNullable<ExposureResult['explain']> {
  const list = (intervals: TaggedInterval[], band: BandName) =>
    contributions(intervals, band, EXPLAIN_TOP).map((c) => ({ ...c, km: km(c.km), share: ratio(c.share) }));
  return {
    kmInTerritory: list(criminal, 'possible'),
    likely: list(criminal, 'likely'),
    'bands.byConfidence.high': list(criminal, 'high'),
    'bands.byConfidence.highMedium': list(criminal, 'highMedium'),
    'bands.byExtent.narrow': list(criminal, 'narrow'),
    'bands.byExtent.coarse': list(criminal, 'coarse'),
    'stateActors.kmInArea': list(state, 'possible'),
  };
}

/** The time rule an answer is computed under; a bad `asOf` is the caller's fault. */
function ruleOf(layers: LayerSet, asOf: ComputeOptions['asOf']): TimeRule {
  try {
    return layers.timeRule(asOf);
  } catch (err) {
    if (err instanceof TimeRuleError) throw new ExposureInputError('asOf', err.message);
    throw err;
  }
}

/** The port an expulsion is asked about, and where its Mexican side is. */
function expulsionPortOf(layers: LayerSet, id: string | undefined): { id: string; returnAt: Position } | undefined {
  if (id === undefined) return undefined;
  const port = layers.layer('ports').byId.get(id);
  if (!port) throw new ExposureInputError('expulsionPort', `unknown port "${id}"; see GET /layers/ports for the CBP codes`);
  if (!port.properties.mxSide) {
    throw new ExposureInputError('expulsionPort', `port "${id}" has no known Mexican side, so the return point cannot be placed`);
  }
  return { id: port.id, returnAt: port.properties.mxSide.position };
}

/** Checkpoints passed: candidates from the R-tree within the buffer of the route's bbox. */
function checkpointsOf(layers: LayerSet, route: RouteLine, asOf: TimeRule, staleAfterMonths: number | undefined, bufferKm: number, primitives: Primitives) {
  const [minX, minY, maxX, maxY] = route.bbox;
  const south = degreesFor(bufferKm, minY);
  const north = degreesFor(bufferKm, maxY);
  const lonPad = Math.max(south.dLon, north.dLon);
  const latPad = south.dLat;
  const candidates = layers.query('checkpoints', { asOf, staleAfterMonths, bbox: [minX - lonPad, minY - latPad, maxX + lonPad, maxY + latPad] });
  return checkpointsAlong(route, candidates, { withinKm: bufferKm, primitives }).map(({ checkpoint: c, distanceAlongKm, offsetKm }) => ({
    id: c.id,
    name: c.properties.name,
    actor: 'state' as const,
    agency: c.properties.agency,
    kind: c.properties.kind,
    distanceAlongKm: km(distanceAlongKm),
    offsetKm: km(offsetKm),
    confidence: c.properties.confidence,
    locationPrecision: c.properties.locationPrecision ?? 'town',
    sources: c.properties.sources,
    ...datesOf(c.properties),
    position: pos(c.geometry.coordinates),
  }));
}

/** Every passage through the territories the route's bbox meets, criminal and state-actor apart, with their intervals. */
interface Crossed {
  territories: ExposureResult['territories'];
  stateAreas: ExposureResult['stateAreas'];
  stateIntervals: TaggedInterval[];
  criminalIntervals: TaggedInterval[];
  intervalsByGroup: Map<string, { name: string; intervals: [number, number][] }>;
}

function passagesOf(layers: LayerSet, route: RouteLine, asOf: TimeRule, staleAfterMonths: number | undefined, primitives: Primitives, withGeometry: boolean): Crossed {
  const layer = layers.layer('territories');
  const crossed: Crossed = { territories: [], stateAreas: [], stateIntervals: [], criminalIntervals: [], intervalsByGroup: new Map() };
  for (const t of layers.query('territories', { asOf, staleAfterMonths, bbox: route.bbox })) {
    for (const p of passagesThrough(route, edgesOf(t), layer.bboxById.get(t.id)!, primitives, withGeometry)) addPassage(crossed, t, p, withGeometry);
  }
  const alongRoute = (a: { entryKm: number; exitKm: number; id: string }, b: typeof a) => a.entryKm - b.entryKm || a.exitKm - b.exitKm || a.id.localeCompare(b.id);
  crossed.territories.sort(alongRoute);
  crossed.stateAreas.sort(alongRoute);
  return crossed;
}

function addPassage(crossed: Crossed, t: Territory, p: Passage, withGeometry: boolean): void {
  const group = t.properties.group;
  const passage = {
    id: t.id,
    group,
    groupName: t.properties.groupName,
    presence: t.properties.presence,
    ...evidenceOf(t),
    entryKm: km(p.entryKm),
    exitKm: km(p.exitKm),
    lengthKm: km(p.lengthKm),
    entry: pos(p.entry),
    exit: pos(p.exit),
    ...(withGeometry ? { coordinates: p.coordinates.map(pos) } : {}),
  };
  const tagged: TaggedInterval = {
    featureId: t.id, name: t.properties.name, group, confidence: passage.confidence, extentBasis: passage.extentBasis, startKm: p.entryKm, endKm: p.exitKm,
  };
  if (!isCriminal(t)) {
    crossed.stateAreas.push({ ...passage, actor: 'state', agencies: t.properties.agencies ?? ['unknown'] });
    crossed.stateIntervals.push(tagged);
    return;
  }
  crossed.territories.push({ ...passage, actor: 'criminal' });
  crossed.criminalIntervals.push(tagged);
  const g = crossed.intervalsByGroup.get(group) ?? { name: t.properties.groupName, intervals: [] };
  g.intervals.push([p.entryKm, p.exitKm]);
  crossed.intervalsByGroup.set(group, g);
}

/** Km and share of the route per criminal group, the most first. */
function groupsOf(crossed: Crossed, share: (x: number) => number): ExposureResult['groups'] {
  if (crossed.intervalsByGroup.size === 0) return []; // (an empty array has a map of its own: kept out of the sort's call site)
  return [...crossed.intervalsByGroup.entries()]
    .map(([group, { name, intervals }]) => {
      const lengthKm = unionLength(intervals);
      const likelyKm = bandKm(crossed.criminalIntervals.filter((i) => i.group === group), 'likely');
      return { group, groupName: name, lengthKm: km(lengthKm), share: share(lengthKm), likelyKm: km(likelyKm), likelyShare: share(likelyKm) };
    })
    .sort((a, b) => b.lengthKm - a.lengthKm || a.group.localeCompare(b.group));
}

/**
 * The port nearest where the route ends (28 ports: a scan is cheaper than an index). Ports stay whatever the
 * date; of the nearest, the roles that hold under the rule.
 */
function nearestPortOf(layers: LayerSet, end: Position, asOf: TimeRule, primitives: Primitives): ExposureResult['ports'] {
  let nearest: LayerFeature<'ports'> | undefined;
  let nearestKm = Infinity;
  for (const p of layers.layer('ports').features) {
    const d = primitives.distanceKm(end, p.geometry.coordinates);
    if (d < nearestKm) [nearest, nearestKm] = [p, d];
  }
  if (!nearest) return null;
  const roles = [...new Set(nearest.properties.roles.filter((r) => holds(r, asOf)).map((r) => r.role))];
  return { id: nearest.id, name: nearest.properties.name, mxPlace: nearest.properties.mxPlace, distanceKm: km(nearestKm), roles };
}

/** The checkpoint counts of the summary. */
function checkpointCounts(checkpoints: ReturnType<typeof checkpointsOf>) {
  const byAgency: Record<string, number> = {};
  const byPrecision = Object.fromEntries(LocationPrecision.options.map((p) => [p, 0])) as Record<LocationPrecision, number>;
  if (checkpoints.length === 0) return { byAgency, byPrecision, likely: 0 }; // most routes: no loop over an empty array's map
  for (const c of checkpoints) byAgency[c.agency] = (byAgency[c.agency] ?? 0) + 1;
  for (const c of checkpoints) byPrecision[c.locationPrecision] += 1;
  return { byAgency, byPrecision, likely: checkpoints.filter(isLikelyCheckpoint).length };
}

/**
 * A route's exposure: checkpoints passed, territories crossed, the nearest port and, given a port, whether an
 * expulsion through it is lateral. Pure: reads only the LayerSet. (In stages of their own: each compiles, and
 * recompiles when the shapes it meets change, apart from the others.)
 */
export function computeExposure(layers: LayerSet, geometry: LineString | MultiLineString, options: ComputeOptions = {}): ExposureResult {
  const asOf = ruleOf(layers, options.asOf);
  const staleAfterMonths = options.staleAfterMonths;
  const bufferKm = options.bufferKm ?? DEFAULT_BUFFER_KM;
  const primitives = options.primitives ?? ENGINE_PRIMITIVES;
  const route = new RouteLine(geometry, primitives.distanceKm);
  const expulsionPort = expulsionPortOf(layers, options.expulsionPort);
  const checkpoints = checkpointsOf(layers, route, asOf, staleAfterMonths, bufferKm, primitives);
  const crossed = passagesOf(layers, route, asOf, staleAfterMonths, primitives, Boolean(options.withGeometry));
  const { territories, stateAreas, stateIntervals, criminalIntervals, intervalsByGroup } = crossed;
  const share = (x: number) => (route.lengthKm > 0 ? ratio(x / route.lengthKm) : 0);
  const groups = groupsOf(crossed, share);
  const kmInTerritory = unionLength([...intervalsByGroup.values()].flatMap((g) => g.intervals));
  const ports = nearestPortOf(layers, route.end, asOf, primitives);
  const { byAgency: checkpointsByAgency, byPrecision: checkpointsByPrecision, likely: likelyCheckpoints } = checkpointCounts(checkpoints);

  const band = (intervals: TaggedInterval[], name: BandName) => {
    const x = bandKm(intervals, name);
    return { km: km(x), share: share(x) };
  };
  const bands = {
    likely: band(criminalIntervals, 'likely'),
    possible: band(criminalIntervals, 'possible'),
    byConfidence: { high: band(criminalIntervals, 'high'), highMedium: band(criminalIntervals, 'highMedium'), all: band(criminalIntervals, 'all') },
    byExtent: { narrow: band(criminalIntervals, 'narrow'), coarse: band(criminalIntervals, 'coarse'), all: band(criminalIntervals, 'all') },
  };

  const result: ExposureResult = {
    route: { lengthKm: km(route.lengthKm), bbox: route.bbox, start: pos(route.start), end: pos(route.end) },
    asOf: asOf.asOf,
    time: timeOf(layers, asOf, staleAfterMonths),
    bufferKm,
    checkpoints,
    territories,
    stateAreas,
    groups,
    ports,
    ...(expulsionPort ? { expulsion: expulsionOf(layers, route.end, expulsionPort, asOf, primitives) } : {}),
    summary: {
      checkpointsPassed: checkpoints.length,
      checkpointsByAgency,
      territoriesCrossed: new Set(territories.map((t) => t.id)).size,
      groupsCrossed: groups.length,
      kmInTerritory: km(kmInTerritory),
      shareInTerritory: share(kmInTerritory),
      likely: { kmInTerritory: bands.likely.km, shareInTerritory: bands.likely.share, checkpointsPassed: likelyCheckpoints },
      possible: { kmInTerritory: bands.possible.km, shareInTerritory: bands.possible.share, checkpointsPassed: checkpoints.length },
      bands,
      checkpointsByPrecision,
      stateActors: {
        checkpointsPassed: checkpoints.length,
        areasCrossed: new Set(stateAreas.map((t) => t.id)).size,
        kmInArea: km(bandKm(stateIntervals, 'possible')),
        shareInArea: share(bandKm(stateIntervals, 'possible')),
        likely: band(stateIntervals, 'likely'),
        possible: band(stateIntervals, 'possible'),
      },
    },
    ...(options.explain ? { explain: explainFigures(criminalIntervals, stateIntervals) } : {}),
  };
  if (!options.noTimeline && wantsTimeline(asOf, options.by)) {
    const slices = timelineSlices(layers, asOf, options.by ?? 'year');
    if (slices.length > MAX_TIMELINE_ROWS) {
      throw new ExposureInputError('asOf', `the timeline would have ${slices.length} rows (at most ${MAX_TIMELINE_ROWS}): ask for a shorter period, or by=policy`);
    }
    result.timeline = slices.map((s) => timelineRow(s, computeExposure(layers, geometry, { ...options, asOf: s.rule, by: undefined, noTimeline: true, withGeometry: false })));
    result.time.warnings.push(`timeline: one row per ${options.by === 'policy' ? 'policy period' : 'calendar year'} in "${asOf.asOf}", each under its own time rule; the top-level figures span the whole period`);
  }
  return result;
}
