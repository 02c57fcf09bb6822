import { z } from 'zod';
import { AsOf, StaleAfterMonths } from '../layers/schema/index.js';
import type { BBox, LayerSet } from '../layers/layer-set.js';
import { TimeRuleError, type TimeRule } from '../layers/time/index.js';
import { HttpProblem } from './problem.js';

/** `bbox=minLon,minLat,maxLon,maxLat` in WGS84. */
export const BBoxParam = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)));
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
      ctx.addIssue({ code: 'custom', message: 'must be four numbers: minLon,minLat,maxLon,maxLat' });
      return z.NEVER;
    }
    const [minLon, minLat, maxLon, maxLat] = parts as BBox;
    if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
      ctx.addIssue({ code: 'custom', message: 'longitudes must be within -180..180 and latitudes within -90..90' });
      return z.NEVER;
    }
    if (minLon > maxLon || minLat > maxLat) {
      ctx.addIssue({ code: 'custom', message: 'min must not exceed max (minLon,minLat,maxLon,maxLat)' });
      return z.NEVER;
    }
    return [minLon, minLat, maxLon, maxLat] as BBox;
  });

export const LayerQuery = z.object({
  as_of: AsOf.optional(),
  staleAfterMonths: StaleAfterMonths.optional(),
  bbox: BBoxParam.optional(),
});

/** Parses query parameters with a zod schema; faults become a 400 naming each parameter. */
export function parseQuery<T extends z.ZodTypeAny>(schema: T, query: unknown): z.infer<T> {
  const flat = Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1] : v]),
  );
  const r = schema.safeParse(flat);
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => ({ path: `query.${i.path.join('.')}`, message: i.message }));
  throw new HttpProblem(400, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors, 'invalid-query');
}

export function asOfOr(value: string | undefined, fallback = 'latest'): string {
  return value ?? fallback;
}

/** Resolves `as_of` against the geodata's policies; an unknown policy or a bad period is a 400 at `path`. */
export function timeRuleOr400(layers: LayerSet, asOf: string, path = 'query.as_of'): TimeRule {
  try {
    return layers.timeRule(asOf);
  } catch (err) {
    if (err instanceof TimeRuleError) throw new HttpProblem(400, `${path}: ${err.message}`, [{ path, message: err.message }], 'invalid-query');
    throw err;
  }
}
