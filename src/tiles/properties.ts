import { periodEnd, periodStart } from '../layers/dates.js';

export type TileValue = string | number | boolean;

/** YYYY-MM-DD as the integer yyyymmdd, which a style expression can compare with `<`, `>=`. */
export const dayNumber = (day: string): number => Number(day.replace(/-/g, ''));

/** The numeric date fields every dated fact carries in tiles (documented in TileJSON `fields`). */
export const DATE_FIELDS = {
  observedFrom: 'first day of the first evidence, yyyymmdd (absent when no source gives a start)',
  observedTo: 'last day of the last evidence, yyyymmdd',
  endedOn: 'last day of a documented end, yyyymmdd (absent while not known to have ended)',
} as const;

/**
 * MVT properties are scalars: arrays of scalars become comma-joined strings, objects and arrays of objects JSON.
 * Dated facts also get DATE_FIELDS as yyyymmdd integers so a style filter (style.ts timeFilter) can compare them;
 * ports get `roleNames`, their distinct role names comma-joined, for style filters.
 */
export function flattenProperties(properties: Record<string, unknown>): Record<string, TileValue> {
  const out: Record<string, TileValue> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
      out[key] = value.join(',');
    } else out[key] = JSON.stringify(value);
  }
  const observed = properties.observed as { from?: string; to: string } | undefined;
  const ended = properties.ended as { date: string } | undefined;
  if (observed?.from) out.observedFrom = dayNumber(periodStart(observed.from));
  if (observed?.to) out.observedTo = dayNumber(periodEnd(observed.to));
  if (ended?.date) out.endedOn = dayNumber(periodEnd(ended.date));
  if (Array.isArray(properties.roles)) {
    out.roleNames = [...new Set((properties.roles as { role: string }[]).map((r) => r.role))].join(',');
  }
  return out;
}

/** The MVT field types of a flattened property set (TileJSON `fields` values). */
export function tileFieldType(jsonType: string): 'String' | 'Number' | 'Boolean' {
  if (jsonType === 'number' || jsonType === 'integer') return 'Number';
  if (jsonType === 'boolean') return 'Boolean';
  return 'String';
}
