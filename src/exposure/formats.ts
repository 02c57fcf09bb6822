import type { Feature, FeatureCollection, GeoJsonProperties, Geometry } from 'geojson';
import type { ExposureResult } from './exposure.js';

/** The summary columns of a batch as CSV, one row per route (RFC 4180 quoting). */
export const CSV_COLUMNS = [
  'id',
  'period',
  'lengthKm',
  'checkpointsPassed',
  'checkpointsByAgency',
  'territoriesCrossed',
  'groupsCrossed',
  'groups',
  'kmInTerritory',
  'shareInTerritory',
  'likelyKm',
  'likelyShare',
  'possibleKm',
  'possibleShare',
  'kmHighConfidence',
  'kmHighMediumConfidence',
  'kmAllConfidence',
  'kmNarrowExtent',
  'kmCoarseExtent',
  'checkpointsExact',
  'checkpointsHighway',
  'checkpointsTown',
  'checkpointsSegment',
  'likelyCheckpoints',
  'stateActorKm',
  'stateActorShare',
  'nearestPort',
  'nearestPortKm',
  'expulsionPort',
  'lateral',
  'asOf',
  'from',
  'to',
  'policies',
  'staleFacts',
  'coverageEarliest',
  'coverageLatest',
] as const;

/**
 * One CSV field. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first: a route id such as
 * `=HYPERLINK(...)`) gets a leading apostrophe, as OWASP advises; numbers are written as they are.
 */
export function cell(v: unknown): string {
  let s = v === undefined || v === null ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

/**
 * One row per route, naming its time rule and the data's coverage; with a timeline, one row per period of it
 * instead (`period` set), so figures of different years are never added up in one row.
 */
export function csvRow(id: string, r: ExposureResult): string {
  const common = {
    id,
    lengthKm: r.route.lengthKm,
    nearestPort: r.ports?.id,
    nearestPortKm: r.ports?.distanceKm,
    expulsionPort: r.expulsion?.port,
    coverageEarliest: r.time.coverage?.earliest,
    coverageLatest: r.time.coverage?.latest,
  };
  const line = (row: Record<string, unknown>) => `${CSV_COLUMNS.map((c) => cell(row[c])).join(',')}\r\n`;
  const figures = (s: ExposureResult['summary'], groups: Pick<ExposureResult['groups'][number], 'group' | 'lengthKm'>[]) => ({
    checkpointsPassed: s.checkpointsPassed,
    checkpointsByAgency: Object.entries(s.checkpointsByAgency).map(([a, n]) => `${a}=${n}`).join(';'),
    territoriesCrossed: s.territoriesCrossed,
    groupsCrossed: s.groupsCrossed,
    groups: groups.map((g) => `${g.group}=${g.lengthKm}`).join(';'),
    kmInTerritory: s.kmInTerritory,
    shareInTerritory: s.shareInTerritory,
    likelyKm: s.likely.kmInTerritory,
    likelyShare: s.likely.shareInTerritory,
    possibleKm: s.possible.kmInTerritory,
    possibleShare: s.possible.shareInTerritory,
    kmHighConfidence: s.bands.byConfidence.high.km,
    kmHighMediumConfidence: s.bands.byConfidence.highMedium.km,
    kmAllConfidence: s.bands.byConfidence.all.km,
    kmNarrowExtent: s.bands.byExtent.narrow.km,
    kmCoarseExtent: s.bands.byExtent.coarse.km,
    checkpointsExact: s.checkpointsByPrecision.exact,
    checkpointsHighway: s.checkpointsByPrecision.highway,
    checkpointsTown: s.checkpointsByPrecision.town,
    checkpointsSegment: s.checkpointsByPrecision.segment,
    likelyCheckpoints: s.likely.checkpointsPassed,
    stateActorKm: s.stateActors.kmInArea,
    stateActorShare: s.stateActors.shareInArea,
  });
  if (r.timeline) {
    return r.timeline
      .map((t) => line({ ...common, ...figures(t.summary, t.groups), period: t.period, asOf: t.asOf, from: t.from, to: t.to, policies: t.policies.join(';'), staleFacts: t.staleFacts, lateral: t.lateral }))
      .join('');
  }
  return line({
    ...common,
    ...figures(r.summary, r.groups),
    asOf: r.asOf,
    from: r.time.from,
    to: r.time.to,
    policies: r.time.policies.map((p) => p.id).join(';'),
    staleFacts: r.checkpoints.filter((c) => c.stale).length + r.territories.filter((t) => t.stale).length,
    lateral: r.expulsion?.lateral,
  });
}

/**
 * The exposure as a map: the route (with the summary as properties), each passage as a LineString and each
 * checkpoint passed as a Point, ready for QGIS or geojson.io. The result must have been computed withGeometry.
 */
/** A route as posted or stored: a Feature whose `properties` a client may leave out. */
export type RouteFeature = { type: 'Feature'; id?: string | number; properties?: GeoJsonProperties; geometry: Geometry };

export function exposureFeatureCollection(route: RouteFeature | null, r: ExposureResult): FeatureCollection & { exposure: object } {
  const { checkpoints, territories, stateAreas, ...rest } = r;
  const features: Feature[] = [];
  if (route) features.push({ ...route, properties: { ...route.properties, element: 'route', ...r.summary, lengthKm: r.route.lengthKm } });
  for (const t of territories) {
    const { coordinates, ...props } = t;
    features.push({ type: 'Feature', properties: { element: 'passage', ...props }, geometry: { type: 'LineString', coordinates: coordinates ?? [t.entry, t.exit] } });
  }
  for (const t of stateAreas) {
    const { coordinates, ...props } = t;
    features.push({ type: 'Feature', properties: { element: 'state-area', ...props }, geometry: { type: 'LineString', coordinates: coordinates ?? [t.entry, t.exit] } });
  }
  for (const c of checkpoints) {
    features.push({ type: 'Feature', id: c.id, properties: { element: 'checkpoint', ...c }, geometry: { type: 'Point', coordinates: c.position } });
  }
  return { type: 'FeatureCollection', features, exposure: rest };
}
