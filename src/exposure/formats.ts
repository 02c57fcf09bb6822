import type { Feature, FeatureCollection } from 'geojson';
import type { ExposureResult } from './exposure.js';

/** The summary columns of a batch as CSV, one row per route (RFC 4180 quoting). */
export const CSV_COLUMNS = [
  'id',
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

export function csvRow(id: string, r: ExposureResult): string {
  const row: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id,
    lengthKm: r.route.lengthKm,
    checkpointsPassed: r.summary.checkpointsPassed,
    checkpointsByAgency: Object.entries(r.summary.checkpointsByAgency).map(([a, n]) => `${a}=${n}`).join(';'),
    territoriesCrossed: r.summary.territoriesCrossed,
    groupsCrossed: r.summary.groupsCrossed,
    groups: r.groups.map((g) => `${g.group}=${g.lengthKm}`).join(';'),
    kmInTerritory: r.summary.kmInTerritory,
    shareInTerritory: r.summary.shareInTerritory,
    likelyKm: r.summary.likely.kmInTerritory,
    likelyShare: r.summary.likely.shareInTerritory,
    possibleKm: r.summary.possible.kmInTerritory,
    possibleShare: r.summary.possible.shareInTerritory,
    kmHighConfidence: r.summary.bands.byConfidence.high.km,
    kmHighMediumConfidence: r.summary.bands.byConfidence.highMedium.km,
    kmAllConfidence: r.summary.bands.byConfidence.all.km,
    kmNarrowExtent: r.summary.bands.byExtent.narrow.km,
    kmCoarseExtent: r.summary.bands.byExtent.coarse.km,
    checkpointsExact: r.summary.checkpointsByPrecision.exact,
    checkpointsHighway: r.summary.checkpointsByPrecision.highway,
    checkpointsTown: r.summary.checkpointsByPrecision.town,
    checkpointsSegment: r.summary.checkpointsByPrecision.segment,
    likelyCheckpoints: r.summary.likely.checkpointsPassed,
    stateActorKm: r.summary.stateActors.kmInArea,
    stateActorShare: r.summary.stateActors.shareInArea,
    nearestPort: r.ports?.id,
    nearestPortKm: r.ports?.distanceKm,
    expulsionPort: r.expulsion?.port,
    lateral: r.expulsion?.lateral,
  };
  return `${CSV_COLUMNS.map((c) => cell(row[c])).join(',')}\r\n`;
}

/**
 * The exposure as a map: the route (with the summary as properties), each passage as a LineString and each
 * checkpoint passed as a Point, ready for QGIS or geojson.io. The result must have been computed withGeometry.
 */
export function exposureFeatureCollection(route: Feature | null, r: ExposureResult): FeatureCollection & { exposure: object } {
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
