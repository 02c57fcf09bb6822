import { periodEnd, periodStart } from '../layers/dates.js';
import { MAX_PORT_ROLES } from '../layers/schema/index.js';
import type { TimedFact } from '../layers/time/index.js';

/** Any layer's properties: dated facts carry observed/ended, ports their roles. */
type FlatInput = Record<string, unknown> & TimedFact & { roles?: readonly (TimedFact & { role: string })[] };

export type TileValue = string | number | boolean;

/** YYYY-MM-DD as the integer yyyymmdd, which a style expression can compare with `<`, `>=`. */
export const dayNumber = (day: string): number => Number(day.replace(/-/g, ''));

/** The numeric date fields every dated fact carries in tiles (documented in TileJSON `fields`). */
export const DATE_FIELDS = {
  observedFrom: 'first day of the first evidence, yyyymmdd (absent when no source gives a start)',
  observedTo: 'last day of the last evidence, yyyymmdd',
  endedOn: 'last day of a documented end, yyyymmdd (absent while not known to have ended)',
} as const;

/** Ports: each role i as role{i} (its kind), role{i}From (first evidence) and role{i}To (documented end), yyyymmdd. */
export function portRoleFields(): Record<string, 'String' | 'Number'> {
  const out: Record<string, 'String' | 'Number'> = {};
  for (let i = 0; i < MAX_PORT_ROLES; i++) Object.assign(out, { [`role${i}`]: 'String', [`role${i}From`]: 'Number', [`role${i}To`]: 'Number' });
  return out;
}

/**
 * MVT properties are scalars: arrays of scalars become comma-joined strings, objects and arrays of objects JSON.
 * Dated facts also get DATE_FIELDS as yyyymmdd integers so a style filter (style.ts timeFilter) can compare them;
 * ports get `roleNames`, their distinct role names comma-joined, for style filters.
 */
export function flattenProperties(properties: FlatInput): Record<string, TileValue> {
  const out: Record<string, TileValue> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
      out[key] = value.join(',');
    } else out[key] = JSON.stringify(value);
  }
  const { observed, ended } = properties;
  if (observed?.from) out.observedFrom = dayNumber(periodStart(observed.from));
  if (observed?.to) out.observedTo = dayNumber(periodEnd(observed.to));
  if (ended?.date) out.endedOn = dayNumber(periodEnd(ended.date));
  if (Array.isArray(properties.roles)) {
    const roles = properties.roles;
    out.roleNames = [...new Set(roles.map((r) => r.role))].join(',');
    roles.slice(0, MAX_PORT_ROLES).forEach((r, i) => {
      out[`role${i}`] = r.role;
      if (r.observed?.from) out[`role${i}From`] = dayNumber(periodStart(r.observed.from));
      if (r.ended) out[`role${i}To`] = dayNumber(periodEnd(r.ended.date));
    });
  }
  return out;
}

/** The MVT field types of a flattened property set (TileJSON `fields` values). */
export function tileFieldType(jsonType: string): 'String' | 'Number' | 'Boolean' {
  if (jsonType === 'number' || jsonType === 'integer') return 'Number';
  if (jsonType === 'boolean') return 'Boolean';
  return 'String';
}
