import { periodEnd, periodStart } from '../layers/dates.js';

export type TileValue = string | number | boolean;

/**
 * MVT properties are scalars: arrays of scalars become comma-joined strings, objects and arrays of objects JSON.
 * Dated features also get `validFromDate`/`validToDate` as full YYYY-MM-DD so a style can compare them with a
 * date string; ports get `roleNames`, their distinct role names comma-joined, for style filters.
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
  if (typeof properties.validFrom === 'string') out.validFromDate = periodStart(properties.validFrom);
  if (typeof properties.validTo === 'string') out.validToDate = periodEnd(properties.validTo);
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
