import type { Feature, Geometry, LineString, MultiLineString, Point } from 'geojson';
import { LAYERS, POLICIES_FILE, SOURCES_FILE, type LayerDef, type LayerId } from './catalog.js';
import { checkGeometry } from './geometry-checks.js';
import { jsonPath, type Problem } from './problems.js';
import type { RawGeodata } from './read.js';
import { Policy, Source, type TerritoryUnits } from './schema/index.js';
import { extentFaults } from './extent-checks.js';
import { checkLegacyDates, checkTimedFact, type TimedRecord } from './time-checks.js';
import { MEXICO_ISO_N3 } from './clip-to-mexico.js';
import { areaKm2, buildTerritoryGeometry, unknownUnits, type Areal, type UnitLookup } from './territory-geometry.js';
import { locateOnLine, WAYPOINT_TOLERANCE_KM } from './waypoints.js';

/** A feature as served: GeoJSON with a string id mirrored in properties.id. */
export type GFeature = Feature<Geometry, Record<string, unknown> & { id: string }> & { id: string };

export interface ValidGeodata {
  sources: Source[];
  policies: Policy[];
  layers: Map<LayerId, GFeature[]>;
}

type Report = (file: string, featureId: string, path: string, message: string) => void;

function isFeatureCollection(v: unknown): v is { type: 'FeatureCollection'; features: unknown[] } {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'FeatureCollection' && Array.isArray((v as { features?: unknown }).features);
}

function labelOf(f: unknown, index: number, def: LayerDef): string {
  const props = (f as { properties?: Record<string, unknown> } | null)?.properties;
  if (!def.idOf && typeof props?.id === 'string' && props.id) return props.id;
  if (def.idOf && props) return def.idOf(props, index);
  const id = (f as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : `#${index}`;
}

function parseSources(raw: unknown, report: Report): Source[] {
  const file = SOURCES_FILE;
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { sources?: unknown }).sources)) {
    report(file, '-', 'sources', 'must be an object with a "sources" array');
    return [];
  }
  const out: Source[] = [];
  const seen = new Set<string>();
  (raw as { sources: unknown[] }).sources.forEach((entry, i) => {
    const id = typeof (entry as { id?: unknown })?.id === 'string' ? (entry as { id: string }).id : `#${i}`;
    const r = Source.safeParse(entry);
    if (!r.success) {
      for (const issue of r.error.issues) report(file, id, jsonPath(issue.path), issue.message);
      return;
    }
    if (seen.has(r.data.id)) report(file, id, 'id', `duplicate source id "${r.data.id}"`);
    seen.add(r.data.id);
    out.push(r.data);
  });
  return out;
}

function parsePolicies(raw: unknown, report: Report): Policy[] {
  const file = POLICIES_FILE;
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { policies?: unknown }).policies)) {
    report(file, '-', 'policies', 'must be an object with a "policies" array');
    return [];
  }
  const out: Policy[] = [];
  const seen = new Set<string>();
  (raw as { policies: unknown[] }).policies.forEach((entry, i) => {
    const id = typeof (entry as { id?: unknown })?.id === 'string' ? (entry as { id: string }).id : `#${i}`;
    const r = Policy.safeParse(entry);
    if (!r.success) {
      for (const issue of r.error.issues) report(file, id, jsonPath(issue.path), issue.message);
      return;
    }
    if (seen.has(r.data.id)) report(file, id, 'id', `duplicate policy id "${r.data.id}"`);
    seen.add(r.data.id);
    out.push(r.data);
  });
  return out;
}

function parseLayer(def: LayerDef, raw: unknown, report: Report): GFeature[] {
  if (!isFeatureCollection(raw)) {
    report(def.file, '-', '-', 'must be a GeoJSON FeatureCollection with a "features" array');
    return [];
  }
  const out: GFeature[] = [];
  raw.features.forEach((f, i) => {
    const label = labelOf(f, i, def);
    if (def.kind === 'thematic') {
      const props = (f as { properties?: { roles?: unknown } } | null)?.properties;
      checkLegacyDates(props, 'properties.', (path, message) => report(def.file, label, path, message));
      if (Array.isArray(props?.roles)) props.roles.forEach((role, j) => checkLegacyDates(role, `properties.roles[${j}].`, (path, message) => report(def.file, label, path, message)));
    }
    const r = def.feature.safeParse(f);
    if (!r.success) {
      for (const issue of r.error.issues) report(def.file, label, jsonPath(issue.path), issue.message);
      return;
    }
    const parsed = r.data as Feature<Geometry | null, Record<string, unknown>> & { id?: string };
    if (!def.idOf && parsed.id !== undefined && parsed.id !== parsed.properties.id) {
      report(def.file, label, 'id', `feature id "${parsed.id}" differs from properties.id "${String(parsed.properties.id)}"`);
    }
    const faults = parsed.geometry ? checkGeometry(parsed.geometry) : [];
    for (const fault of faults) report(def.file, label, fault.path, fault.message);
    if (faults.length) return;
    const properties = def.idOf ? { id: label, ...parsed.properties } : parsed.properties;
    out.push({ type: 'Feature', id: label, properties, geometry: parsed.geometry } as GFeature);
  });
  return out;
}

/** Checks the raw geodata against every rule; returns every problem, and the built layers when there are none. */
export function validateGeodata(raw: RawGeodata): { problems: Problem[]; data?: ValidGeodata } {
  const problems: Problem[] = [];
  const report: Report = (file, featureId, path, message) => problems.push({ file, featureId, path, message });

  const sources = raw.has(SOURCES_FILE) ? parseSources(raw.get(SOURCES_FILE), report) : [];
  const sourceIds = new Set(sources.map((s) => s.id));
  const policies = raw.has(POLICIES_FILE) ? parsePolicies(raw.get(POLICIES_FILE), report) : [];
  const layers = new Map<LayerId, GFeature[]>();
  for (const def of LAYERS) if (raw.has(def.file)) layers.set(def.id, parseLayer(def, raw.get(def.file), report));
  const fileOf = (id: LayerId) => LAYERS.find((l) => l.id === id)!.file;

  // Lookups the thematic layers refer to.
  const places = new Map((layers.get('places') ?? []).map((f) => [f.id, f.geometry as Point]));
  const lookup: UnitLookup = {
    places,
    municipalities: new Map((layers.get('municipalities') ?? []).map((f) => [String(f.properties.cvegeo), f.geometry as Areal])),
    states: new Map((layers.get('states') ?? []).map((f) => [String(f.properties.iso_3166_2), f.geometry as Areal])),
    land: (layers.get('countries') ?? []).find((f) => String(f.properties.iso_n3) === MEXICO_ISO_N3)?.geometry as Areal | undefined,
  };
  const checkPlace = (file: string, id: string, path: string, place: unknown) => {
    if (typeof place === 'string' && !places.has(place)) report(file, id, path, `unknown place "${place}" (not in base/places.geojson)`);
  };
  const checkSources = (file: string, id: string, path: string, cited: unknown) => {
    (cited as string[]).forEach((s, i) => {
      if (!sourceIds.has(s)) report(file, id, `${path}[${i}]`, `unknown source id "${s}" (not in sources.json)`);
    });
  };
  const sourcesById = new Map(sources.map((s) => [s.id, s]));
  const checkPeriod = (file: string, id: string, path: string, item: TimedRecord) => {
    checkTimedFact(item, sourcesById, path, (where, message) => report(file, id, where, message));
  };

  // Ids are unique across the thematic layers and the gazetteer, so any id names one thing.
  const owner = new Map<string, string>();
  for (const layerId of ['places', 'routes', 'checkpoints', 'territories', 'ports', 'expulsion-flights'] as const) {
    for (const f of layers.get(layerId) ?? []) {
      const prev = owner.get(f.id);
      if (prev) report(fileOf(layerId), f.id, 'properties.id', `duplicate id "${f.id}" (also in ${prev})`);
      else owner.set(f.id, fileOf(layerId));
    }
  }

  for (const layerId of ['routes', 'checkpoints', 'territories', 'ports', 'expulsion-flights'] as const) {
    const file = fileOf(layerId);
    for (const f of layers.get(layerId) ?? []) {
      const p = f.properties;
      checkSources(file, f.id, 'properties.sources', p.sources);
      // A port is infrastructure, not a dated fact: its roles carry the dates (checked below).
      if (layerId !== 'ports' || p.observed || p.ended) checkPeriod(file, f.id, 'properties.', p as unknown as TimedRecord);
    }
  }

  // A policy is dated like a fact: its start may not come after its newest source, its end needs its own source.
  for (const p of policies) {
    checkSources(POLICIES_FILE, p.id, 'sources', p.sources);
    const asFact = { sources: p.sources, observed: { from: p.from, to: p.from }, ended: p.ended };
    checkPeriod(POLICIES_FILE, p.id, '', asFact);
  }

  for (const f of layers.get('routes') ?? []) {
    const file = fileOf('routes');
    const waypoints = f.properties.waypoints as string[];
    let previous: { place: string; alongKm: number } | undefined;
    waypoints.forEach((place, i) => {
      const path = `properties.waypoints[${i}]`;
      const point = places.get(place);
      if (!point) return checkPlace(file, f.id, path, place);
      const fix = locateOnLine(f.geometry as LineString | MultiLineString, point);
      if (fix.offsetKm > WAYPOINT_TOLERANCE_KM) {
        report(file, f.id, path, `waypoint "${place}" is ${fix.offsetKm.toFixed(1)} km from the route line (limit ${WAYPOINT_TOLERANCE_KM} km)`);
        return;
      }
      if (previous && fix.alongKm + 0.01 < previous.alongKm) {
        report(file, f.id, path, `waypoint "${place}" lies before "${previous.place}" along the line but is listed after it`);
      }
      previous = { place, alongKm: fix.alongKm };
    });
  }

  for (const f of layers.get('checkpoints') ?? []) {
    const file = fileOf('checkpoints');
    const p = f.properties;
    checkPlace(file, f.id, 'properties.nearPlace', p.nearPlace);
    if (p.locationPrecision === 'segment' && p.confidence !== 'low') {
      report(file, f.id, 'properties.confidence', 'an inferred (segment-precision) position must have confidence "low"');
    }
    if (p.agency === 'mixed' && ((p.agencies as string[] | undefined)?.length ?? 0) < 2) {
      report(file, f.id, 'properties.agencies', 'a "mixed" checkpoint must list at least 2 agencies');
    }
  }

  for (const f of layers.get('ports') ?? []) {
    const file = fileOf('ports');
    const p = f.properties;
    checkPlace(file, f.id, 'properties.mxPlace', p.mxPlace);
    const side = p.mxSide as { position: number[] } | null;
    if (side) {
      for (const fault of checkGeometry({ type: 'Point', coordinates: side.position }, 'properties.mxSide.position')) {
        report(file, f.id, fault.path.replace('.coordinates', ''), fault.message);
      }
    }
    (p.roles as TimedRecord[]).forEach((role, i) => {
      checkSources(file, f.id, `properties.roles[${i}].sources`, role.sources);
      checkPeriod(file, f.id, `properties.roles[${i}].`, role);
    });
  }

  for (const f of layers.get('expulsion-flights') ?? []) {
    const file = fileOf('expulsion-flights');
    checkPlace(file, f.id, 'properties.from', f.properties.from);
    checkPlace(file, f.id, 'properties.to', f.properties.to);
  }

  const municipalityCodes = [...lookup.municipalities.keys()];
  for (const f of layers.get('territories') ?? []) {
    const file = fileOf('territories');
    for (const [path, message] of extentFaults(f.properties, municipalityCodes)) report(file, f.id, path, message);
    const units = f.properties.units as TerritoryUnits;
    const agencies = f.properties.agencies as string[] | undefined;
    if (f.properties.actor === 'state' && !agencies) {
      report(file, f.id, 'properties.agencies', 'a state-actor area must list the agencies its sources name ("unknown" when they name none)');
    }
    if (f.properties.actor === 'criminal' && agencies) {
      report(file, f.id, 'properties.agencies', 'only a state-actor area (actor "state") lists agencies; a criminal group\'s collusion with officials is the activity "official-collusion"');
    }
    const unknown = unknownUnits(units, lookup);
    for (const [path, message] of unknown) report(file, f.id, path, message);
    if (unknown.length) continue;
    try {
      f.geometry = buildTerritoryGeometry(units, lookup);
      f.properties.areaKm2 = areaKm2(f.geometry as Areal);
      for (const fault of checkGeometry(f.geometry, 'geometry (built from units)')) report(file, f.id, fault.path, fault.message);
    } catch (err) {
      report(file, f.id, 'properties.units', `cannot build the territory polygon: ${(err as Error).message}`);
    }
  }

  if (problems.length) return { problems };
  return { problems, data: { sources, policies, layers } };
}
