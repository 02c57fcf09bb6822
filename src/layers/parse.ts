import type { Geometry } from 'geojson';
import { LAYERS, POLICIES_FILE, SOURCES_FILE, type LayerDef, type LayerId } from './catalog.js';
import type { ParsedFeature, ParsedLayers } from './features.js';
import { checkGeometry } from './geometry-checks.js';
import { jsonPath } from './problems.js';
import { GEODATA_FILES, type RawGeodata } from './read.js';
import { Policy, Source } from './schema/index.js';
import { checkLegacyDates } from './time-checks.js';

// Stage 1 of loading: each file through its zod schema and the geometry checks, one record at a time. What passes
// is typed (features.ts); the cross-record rules (rules.ts) run on it next, then the derivation (derive.ts).

/** Reports one fault: the file, the feature (or "-"), the JSON path inside it, and what is wrong. */
export type Report = (file: string, featureId: string, path: string, message: string) => void;

/** The geodata after its schemas: what the rules check. */
export interface ParsedGeodata {
  sources: Source[];
  policies: Policy[];
  layers: ParsedLayers;
}

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

/** The entries of a JSON file's top-level array (`sources`, `policies`) that pass `schema`, ids unique. */
function parseList<T extends { id: string }>(file: string, key: string, raw: unknown, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, report: Report): T[] {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as Record<string, unknown>)[key])) {
    report(file, '-', key, `must be an object with a "${key}" array`);
    return [];
  }
  const out: T[] = [];
  const seen = new Set<string>();
  ((raw as Record<string, unknown[]>)[key] ?? []).forEach((entry, i) => {
    const id = typeof (entry as { id?: unknown })?.id === 'string' ? (entry as { id: string }).id : `#${i}`;
    const r = schema.safeParse(entry);
    if (!r.success) {
      for (const issue of r.error.issues) report(file, id, jsonPath(issue.path), issue.message);
      return;
    }
    if (seen.has(r.data.id)) report(file, id, 'id', `duplicate ${key === 'sources' ? 'source' : 'policy'} id "${r.data.id}"`);
    seen.add(r.data.id);
    out.push(r.data);
  });
  return out;
}

/** One layer file's features that pass the schema and the geometry checks, with their ids set. */
export function parseLayer<K extends LayerId>(def: LayerDef & { id: K }, raw: unknown, report: Report): ParsedFeature<K>[] {
  if (!isFeatureCollection(raw)) {
    report(def.file, '-', '-', 'must be a GeoJSON FeatureCollection with a "features" array');
    return [];
  }
  const out: ParsedFeature<K>[] = [];
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
    // The schema is LAYER_SCHEMAS[K] (catalog.ts): its output is ParsedFeature<K>'s file part.
    const parsed = r.data as { id?: string; geometry: Geometry | null; properties: Record<string, unknown> & { id?: unknown } };
    if (!def.idOf && parsed.id !== undefined && parsed.id !== parsed.properties.id) {
      report(def.file, label, 'id', `feature id "${parsed.id}" differs from properties.id "${String(parsed.properties.id)}"`);
    }
    const faults = parsed.geometry ? checkGeometry(parsed.geometry) : [];
    for (const fault of faults) report(def.file, label, fault.path, fault.message);
    if (faults.length) return;
    const properties = def.idOf ? { id: label, ...parsed.properties } : parsed.properties;
    out.push({ type: 'Feature', id: label, properties, geometry: parsed.geometry } as ParsedFeature<K>);
  });
  return out;
}

/** One geodata file through its schema: a ParsedGeodata holding that file's part only. */
export function parseFile(file: string, json: unknown, report: Report): ParsedGeodata {
  if (file === SOURCES_FILE) return { sources: parseList(file, 'sources', json, Source, report), policies: [], layers: {} };
  if (file === POLICIES_FILE) return { sources: [], policies: parseList(file, 'policies', json, Policy, report), layers: {} };
  const def = LAYERS.find((l) => l.file === file);
  if (!def) throw new Error(`${file} is not a geodata file`);
  return { sources: [], policies: [], layers: { [def.id]: parseLayer(def, json, report) } };
}

/** The parts of several files as one. */
export function mergeParsed(parts: readonly ParsedGeodata[]): ParsedGeodata {
  return {
    sources: parts.flatMap((p) => p.sources),
    policies: parts.flatMap((p) => p.policies),
    layers: Object.assign({}, ...parts.map((p) => p.layers)),
  };
}

/** Every present file through its schema, in GEODATA_FILES order; an absent file was already reported by the reader. */
export function parseGeodata(raw: RawGeodata, report: Report): ParsedGeodata {
  return mergeParsed(GEODATA_FILES.filter((file) => raw.has(file)).map((file) => parseFile(file, raw.get(file), report)));
}
